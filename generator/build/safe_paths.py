"""Paths a command writes or replaces, refused when they would touch the project itself.

``ita build --site-dir content`` once replaced content/ with the built site. Every folder a
command replaces (site, staging, generated pages) and every file it writes (reports, cache)
goes through here first: it must not be, contain or lie inside the project's own files.
"""

from __future__ import annotations

from pathlib import Path

from generator.build.builders import SEARCH_INDEXES
from generator.basics.errors import ConfigError

PROTECTED = ("content", "generator", "checks", "workflow", "overrides", "tests", "bench", "tools", ".ci",
             ".git", ".venv", ".generated", "mkdocs.yml", "pyproject.toml", "Makefile", "README.md",
             "GUIDE.th.md", "published-urls.txt", ".zensical.yml", ".zensical-site", ".cache")


def _clash(target: Path, root: Path) -> str | None:
    if target == root or root.is_relative_to(target):
        return "เป็นโฟลเดอร์โครงการเองหรือโฟลเดอร์ที่ครอบโครงการอยู่"
    for name in PROTECTED:
        protected = (root / name).resolve()
        if target == protected or target.is_relative_to(protected) or protected.is_relative_to(target):
            return f"ทับหรืออยู่ใน {name} ของโครงการ"
    return None


def checked_output(root: Path, path: Path, what: str, *, option: str, is_file: bool = False) -> Path:
    """``path`` resolved (symlinks followed); ConfigError (Thai) when writing it could harm the project,
    or when a file (``is_file``: a report, the cache) would be written over a folder."""
    target = path.resolve()
    problem = _clash(target, root.resolve())
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
