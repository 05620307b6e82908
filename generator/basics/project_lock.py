"""One writer per project at a time: builds, generation and content edits take this lock.

Two ``ita build`` at once once swapped half-built sites into each other. The lock is an
advisory ``flock`` on a file in the project root, released by the kernel when the process
ends however it ends, so a killed command never leaves the project locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from generator.basics.errors import ConfigError

LOCK_FILE = ".ita.lock"
HELD_ENV = "ITA_LOCK_HELD"  # set for child processes (mkdocs) of the command that holds the lock


@contextlib.contextmanager
def project_lock(root: Path, command: str, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the project's lock; ConfigError (Thai) if another command keeps it beyond ``wait`` seconds."""
    if os.environ.get(HELD_ENV) == str(root.resolve()):
        yield  # our parent process holds it
        return
    path = root / LOCK_FILE
    try:  # never through a symlink: the lock is truncated and written, and a link could lead into content/
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
    except OSError as error:
        raise ConfigError(f"เปิดไฟล์ล็อก {LOCK_FILE} ของโครงการไม่ได้ ({error.strerror}) ถ้าเป็นลิงก์สัญลักษณ์ (symlink) "
                          f"ให้ลบ {LOCK_FILE} ทิ้งแล้วสั่งอีกครั้ง") from None
    with open(descriptor, "r+", encoding="utf-8") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "คำสั่งอื่น"
                    raise ConfigError(f"มี {holder} กำลังทำงานกับโครงการนี้อยู่ รอให้เสร็จก่อนแล้วสั่ง ita {command} "
                                      "อีกครั้ง (ทำพร้อมกันจะทำให้เว็บไซต์หรือข้อมูลเสียหาย)") from None
                time.sleep(0.1)
        handle.seek(0)
        handle.truncate()
        handle.write(f"ita {command} (PID {os.getpid()})")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
