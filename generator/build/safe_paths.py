"""Paths a command writes or replaces, refused when they would touch the project itself.

``ita build --site-dir content`` once replaced content/ with the built site, and a ``.zensical-site``
or ``.cache`` made a symlink to content/ once let a build delete or litter the staff's files. Every
place the tool writes goes through one of two checks before the first byte:

- ``tool_path``: the tool's own files and folders in the project (.generated, .cache, the Zensical
  folders, the staging folders, the lock, the ledger): each must be a real entry of the project
  folder itself, never a symlink, so it cannot lead anywhere else;
- ``checked_output``: a place staff name (--site-dir, --output, --cache, --out): it must not be,
  contain or lie inside the project's own files, followed through any symlink.
"""

from __future__ import annotations

from pathlib import Path

from generator.basics.errors import ConfigError
from generator.build.builders import SEARCH_INDEXES

# What staff and developers keep: never written over by a command.
PROTECTED = ("content", "generator", "checks", "workflow", "command", "overrides", "tests", "bench", "tools", ".ci",
             ".git", ".venv", "mkdocs.yml", "pyproject.toml", "Makefile", "README.md", "GUIDE.th.md")
# What the tool itself writes in the project: its own, but never to be replaced by a place staff name.
TOOL_OWNED = (".generated", ".cache", ".zensical.yml", ".zensical-site", ".zensical-theme", "published-urls.txt",
              ".ita.lock")


def _inside(target: Path, other: Path) -> bool:
    return target == other or target.is_relative_to(other) or other.is_relative_to(target)


def _clash(target: Path, root: Path, names: tuple[str, ...]) -> str | None:
    if target == root or root.is_relative_to(target):
        return "เป็นโฟลเดอร์โครงการเองหรือโฟลเดอร์ที่ครอบโครงการอยู่"
    for name in names:
        if _inside(target, (root / name).resolve()):
            return f"ทับหรืออยู่ใน {name} ของโครงการ"
    return None


def _linked_on_the_way(root: Path, path: Path) -> Path | None:
    """The first symlink between the project folder and ``path`` (when ``path`` lies in the project)."""
    try:
        relative = path.absolute().relative_to(root.absolute())
    except ValueError:
        return None
    current = root.absolute()
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            return current
    return None


def tool_path(root: Path, name: str) -> Path:
    """One of the tool's own places in the project, checked before the tool writes there: a symlink or a
    path that leads out of the project is refused (it could lead into content/)."""
    path = root / name
    linked = _linked_on_the_way(root, path)
    if linked is not None or (path.exists() and path.resolve().parent != root.resolve()):
        raise ConfigError(f"{name} ในโครงการเป็นลิงก์สัญลักษณ์ (symlink) หรือชี้ออกนอกโครงการ ระบบเขียนลงไปไม่ได้ "
                          f"เพราะอาจทับหรือลบไฟล์ใน content/ ให้ลบ {name} ทิ้ง (ระบบจะสร้างใหม่เอง) แล้วสั่งอีกครั้ง")
    return path


def checked_output(root: Path, path: Path, what: str, *, option: str, is_file: bool = False) -> Path:
    """``path`` resolved (symlinks followed); ConfigError (Thai) when writing it could harm the project,
    or when a file (``is_file``: a report, the cache) would be written over a folder. A file may go in
    the tool's own cache folder (.cache/ita-audit.json, .cache/ita-ocr/), never over another of the tool's places."""
    target = path.resolve()
    root = root.resolve()
    linked = _linked_on_the_way(root, path)
    in_cache = target.is_relative_to(root / ".cache") and target != root / ".cache"
    problem = (_clash(target, root, PROTECTED)
               or (None if in_cache else _clash(target, root, TOOL_OWNED))
               or (f"ผ่านลิงก์สัญลักษณ์ (symlink) {linked.relative_to(root)} ในโครงการ" if linked else None))
    if problem:
        raise ConfigError(f'ไม่เขียน{what}ลงที่ "{path}" ({option}) เพราะ{problem} '
                          "ซึ่งจะทำให้ข้อมูลของโครงการหายได้ ให้เลือกโฟลเดอร์หรือไฟล์อื่น")
    if is_file and target.is_dir():
        raise ConfigError(f'"{path}" ({option}) เป็นโฟลเดอร์ ให้ระบุชื่อไฟล์')
    return target


def _built_by_us(folder: Path) -> bool:
    """What every build of ours leaves, whichever builder made it."""
    return (folder / "sitemap.xml").is_file() and any((folder / name).is_file() for name in SEARCH_INDEXES)


def checked_site_dir(root: Path, path: Path, *, option: str = "--site-dir") -> Path:
    """A site folder the build may replace: not the project, and empty, absent or a site built before."""
    target = checked_output(root, path, "เว็บไซต์", option=option)
    if target.exists() and not target.is_dir():
        raise ConfigError(f'"{path}" ({option}) เป็นไฟล์ ไม่ใช่โฟลเดอร์ ระบบไม่เขียนทับ')
    if target.is_dir() and any(target.iterdir()) and not _built_by_us(target):
        raise ConfigError(f'โฟลเดอร์ "{path}" ({option}) มีไฟล์อื่นอยู่และไม่ใช่เว็บไซต์ที่ ita build สร้างไว้ '
                          "ระบบไม่แทนที่เพื่อไม่ให้ไฟล์เหล่านั้นหาย ให้ระบุโฟลเดอร์ว่างหรือโฟลเดอร์ใหม่")
    return target
