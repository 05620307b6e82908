"""The URLs of the ITA center that have been published, so none of them silently disappears.

Assessors judge clarifications against the links a unit submitted months earlier, and archive
years must stay where they were. Every successful `ita build` adds the ITA center's page and
document paths to ``published-urls.txt`` (never removes one); `ita check` reports any listed
path the new site no longer has. Removing a URL on purpose means deleting its line.
"""

from __future__ import annotations

from pathlib import Path

from generator.basics.errors import ConfigError
from generator.basics.textfile import ReadError, read_text, write_text_atomic
from generator.build.safe_paths import tool_path

LOCK = "published-urls.txt"
HEADER = """\
# ที่อยู่ในศูนย์ ITA ที่เคยเผยแพร่แล้ว (สร้างโดย ita build ห้ามลบบรรทัดถ้าไม่ได้ตั้งใจ)
# บรรทัด published_at คือที่อยู่เว็บไซต์ที่ส่งในระบบ ITAS แล้ว ถ้าตั้งใจย้าย ให้แก้บรรทัดนั้นเป็นที่อยู่ใหม่
# ผู้ตรวจใช้ลิงก์ที่ส่งไว้ในระบบ ITAS: ita check จะแจ้งถ้าที่อยู่ใดในรายการนี้หายไปจากเว็บไซต์
# ถ้าตั้งใจเลิกเผยแพร่ที่อยู่ใด ให้ลบบรรทัดนั้นออกแล้วบันทึกไฟล์นี้เข้า git
"""


def site_paths(site_dir: Path) -> set[str]:
    """URL paths under ita/ of a built site: pages as folders (ita/2569/o11/), documents as files."""
    paths = set()
    for path in (site_dir / "ita").rglob("*"):
        if path.is_file():
            relative = path.relative_to(site_dir).as_posix()
            paths.add(relative.removesuffix("index.html") if path.name == "index.html" else relative)
    return paths


PUBLISHED_AT = "# published_at: "  # the site address the paths were published under


def _lock_text(root: Path) -> str:
    lock = root / LOCK
    if not lock.is_file():
        return ""
    try:
        return read_text(lock)
    except ReadError as error:
        raise ConfigError(f"{LOCK}: {error}") from None


def read_lock(root: Path) -> set[str]:
    return {line.strip() for line in _lock_text(root).splitlines() if line.strip() and not line.startswith("#")}


def recorded_published_at(root: Path) -> str | None:
    """The ``published_at`` of the last build that recorded paths, if it recorded one."""
    return next((line.removeprefix(PUBLISHED_AT).strip() for line in _lock_text(root).splitlines()
                 if line.startswith(PUBLISHED_AT)), None)


def record(root: Path, site_dir: Path, published_at: str) -> tuple[int, str]:
    """Add the site's ITA paths to the lock; return how many were new and the address recorded. The
    address the paths were first published under stays, like the paths: a move is accepted by editing it."""
    ledger = tool_path(root, LOCK)
    known = read_lock(root)
    current = site_paths(site_dir)
    address = recorded_published_at(root) or published_at
    write_text_atomic(ledger, HEADER + f"{PUBLISHED_AT}{address}\n"
                      + "".join(f"{path}\n" for path in sorted(known | current)))
    return len(current - known), address
