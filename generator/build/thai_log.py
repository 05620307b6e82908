"""MkDocs' own log lines in Thai, for staff who watch `mkdocs serve` or `mkdocs build` (pure mapping).

MkDocs logs in English and has no translations; the messages staff meet while previewing are few and
fixed. Each is matched by its English pattern and reworded in Thai, values kept; anything not known
here is shown as MkDocs wrote it.
"""

from __future__ import annotations

import logging
import re

THAI = [
    (r"Building documentation\.\.\.", "กำลังสร้างเว็บไซต์…"),
    (r"Building documentation to directory: (.+)", r"กำลังสร้างเว็บไซต์ลงในโฟลเดอร์ \1"),
    (r"Cleaning site directory", "ล้างโฟลเดอร์เว็บไซต์เดิม"),
    (r"Documentation built in ([\d.]+) seconds", r"สร้างเว็บไซต์เสร็จใน \1 วินาที"),
    (r"Watching paths for changes: (.+)", r"เฝ้าดูการแก้ไขใน \1"),
    (r"Serving on (\S+) and opening it in a browser", r"เปิดดูตัวอย่างได้ที่ \1 (กำลังเปิดเบราว์เซอร์)"),
    (r"Serving on (\S+)", r"เปิดดูตัวอย่างได้ที่ \1 (กด Ctrl-C เพื่อหยุด)"),
    (r"Detected file changes", "พบการแก้ไขไฟล์ กำลังสร้างใหม่"),
    (r"Reloading browsers", "แสดงหน้าใหม่ในเบราว์เซอร์"),
    (r"Browser connected: (.+)", r"เบราว์เซอร์เปิดหน้า \1"),
    (r"Shutting down\.\.\.", "หยุดการแสดงตัวอย่างแล้ว"),
    (r"The directory contains stale files\. Use --clean to remove them\.",
     "โฟลเดอร์มีไฟล์เก่าค้างอยู่ (ita build สร้างใหม่ทั้งโฟลเดอร์เสมอ)"),
]
PATTERNS = [(re.compile(rf"^{english}$", re.DOTALL), thai) for english, thai in THAI]


TIME = re.compile(r"^(\[\d\d:\d\d:\d\d\] )?")  # how the live-reload server starts its lines


def in_thai(message: str) -> str:
    stamp = TIME.match(message).group(0)  # type: ignore[union-attr]  # the pattern matches every string
    rest = message[len(stamp):]
    for pattern, thai in PATTERNS:
        if pattern.match(rest):
            return stamp + pattern.sub(thai, rest)
    return message


class ThaiMessages(logging.Filter):
    """Rewords a known MkDocs record in Thai (its arguments merged first)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        thai = in_thai(message)
        if thai != message:
            record.msg, record.args = thai, None
        return True


def install() -> None:
    """On the loggers MkDocs writes through (once)."""
    for name in ("mkdocs.commands.serve", "mkdocs.commands.build", "mkdocs.livereload"):
        logger = logging.getLogger(name)
        if not any(isinstance(existing, ThaiMessages) for existing in logger.filters):
            logger.addFilter(ThaiMessages())
