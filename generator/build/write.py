"""Write a rendered ``Site`` into the generated docs folder.

Only files whose content changed are written and files no longer generated are removed:
``mkdocs serve`` watches this folder, and rewriting everything would retrigger it forever.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from generator.basics.errors import ConfigError
from generator.model import Model
from generator.pages.render import Previews, Site, render_site

GENERATED = ".generated"  # mkdocs.yml's docs_dir: the pages every builder reads
KEEP = {".gitignore"}  # the folder's own marker, committed so a fresh clone has the folder


def _write_text(target: Path, text: str) -> bool:
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return True


def _copy(target: Path, source: Path) -> bool:
    # copy2 keeps the modification time, so the shallow (size + mtime) comparison is reliable.
    if target.is_file() and filecmp.cmp(source, target, shallow=True):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    return True


def write_site(site: Site, out_dir: Path, content_dir: Path) -> int:
    """Make ``out_dir`` hold exactly the site; return how many files changed."""
    resolved, content = out_dir.resolve(), content_dir.resolve()
    if out_dir.is_symlink() or resolved.is_relative_to(content) or content.is_relative_to(resolved):
        # It deletes what it did not generate: pointed at content/ (or elsewhere) it would delete staff files.
        raise ConfigError(f"โฟลเดอร์ {out_dir.name}/ ต้องเป็นโฟลเดอร์จริงในโครงการ ไม่ใช่ลิงก์สัญลักษณ์ (symlink) "
                          "และไม่อยู่ใน content/ ให้ลบแล้วสร้างเป็นโฟลเดอร์ว่าง")
    wanted = {str(path) for path in (*site.pages, *site.files)}
    changed = sum(_write_text(out_dir / path, text) for path, text in site.pages.items())
    changed += sum(_copy(out_dir / path, source) for path, source in site.files.items())
    for existing in sorted(out_dir.rglob("*"), reverse=True):
        relative = existing.relative_to(out_dir).as_posix()
        if existing.is_file() and relative not in wanted and relative not in KEEP:
            existing.unlink()
            changed += 1
        elif existing.is_dir() and not any(existing.iterdir()):
            existing.rmdir()
    return changed


def generate(model: Model, out_dir: Path, *, preview: bool = False, previews: Previews | None = None) -> tuple[Site, int]:
    """The pure core's pages written into ``out_dir``: the site and how many files changed."""
    site = render_site(model, preview=preview, previews=previews)
    return site, write_site(site, out_dir, model.content_dir)
