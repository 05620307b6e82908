"""Text files as staff save them, read safely: UTF-8 with or without a BOM, nothing else.

Thai government PCs save windows-874 (TIS-620) by default, Notepad may save UTF-16 or add a
BOM, and a file may be far larger than any page should be. Every such case becomes a Thai
message that names the encoding and how to save the file again, never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from generator.basics.thai import ReadError

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a content page or data file; evidence belongs in a PDF
THAI_LETTERS = range(0x0E01, 0x0E5C)
SAVE_AS_UTF8 = "ให้เปิดไฟล์ด้วย Notepad แล้วเลือก บันทึกเป็น (Save As) ตั้งค่าการเข้ารหัส (Encoding) เป็น UTF-8 แล้วบันทึกทับ"


def decode_text(data: bytes) -> str:
    """The text of a UTF-8 file (a leading BOM dropped); ReadError names any other encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError(f"ไฟล์นี้บันทึกด้วยรหัสอักษร UTF-16 ไม่ใช่ UTF-8 {SAVE_AS_UTF8}")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        if _is_thai_windows_874(data):
            raise ReadError(f"ไฟล์นี้บันทึกด้วยรหัสอักษร windows-874 (TIS-620) ไม่ใช่ UTF-8 "
                            f"(พบตั้งแต่บรรทัด {line}) {SAVE_AS_UTF8}") from None
        raise ReadError(f"ไฟล์นี้มีข้อมูลที่ไม่ใช่ตัวอักษร UTF-8 ที่บรรทัด {line} "
                        f"(อาจเป็นไฟล์เสียหรือไม่ใช่ไฟล์ข้อความ) {SAVE_AS_UTF8}") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise ReadError(f"ไฟล์นี้มีอักขระว่าง (NUL) ที่บรรทัด {line} ไม่ใช่ไฟล์ข้อความ {SAVE_AS_UTF8}")
    return text


def spreadsheet_text(data: bytes) -> tuple[str, str]:
    """(text, note) of a table a spreadsheet saved: UTF-8 as decode_text reads it, or Thai windows-874,
    which Excel on Thai Windows writes for "CSV", read as such with a Thai note saying so; or UTF-16 with
    its BOM, which Excel writes for "Unicode Text"."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            raise ReadError(f"ไฟล์นี้ขึ้นต้นว่าเป็น UTF-16 แต่ข้อมูลข้างในเสีย {SAVE_AS_UTF8}") from None
    try:
        return decode_text(data), ""
    except ReadError:
        if not _is_thai_windows_874(data):
            raise
    return data.decode("cp874"), "อ่านเป็นรหัสอักษร windows-874 (TIS-620) ตามที่ Excel บันทึก (ควรบันทึกเป็น CSV UTF-8)"


def _is_thai_windows_874(data: bytes) -> bool:
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError:
        return False
    return sum(ord(char) in THAI_LETTERS for char in text) >= 3  # one stray byte is not a Thai file


def read_text(path: Path, limit: int = MAX_TEXT_BYTES) -> str:
    """Read a staff-edited text file; ReadError (Thai) for size, encoding or an unreadable path."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ReadError(f"ไฟล์ใหญ่ {size / 1024 / 1024:.1f} MB เกินขนาดที่รับได้ "
                            f"{limit / 1024 / 1024:.0f} MB ให้แยกเป็นหลายไฟล์ หรือแนบเนื้อหายาวเป็นไฟล์ PDF")
        data = path.read_bytes()
    except IsADirectoryError:
        raise ReadError("เป็นโฟลเดอร์ ไม่ใช่ไฟล์ (ตั้งชื่อโฟลเดอร์ให้ไม่ลงท้ายด้วย .md หรือ .yml)") from None
    except OSError as error:
        raise ReadError(f"เปิดไฟล์ไม่ได้ ({error.strerror or error})") from None
    return decode_text(data)


def write_text_atomic(path: Path, text: str, *, newline: str | None = None) -> None:
    """Replace ``path`` with ``text`` in UTF-8 (``newline`` as open() takes it), in one rename."""
    if newline is None:
        text = text.replace("\n", os.linesep)
    elif newline:
        text = text.replace("\n", newline)
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one rename: killed half-way, the old file is still whole; two writers at once
    each write their own temporary file (a unique name beside the target), and the folder is synced so
    the rename itself survives a power cut."""
    handle_fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".ita-tmp", dir=path.parent)
    temporary = Path(name)
    try:
        with open(handle_fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o644 & ~_umask())  # mkstemp makes 0600: a new file gets the usual mode
        os.replace(temporary, path)
        fsync_folder(path.parent)
    finally:
        temporary.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new entry in ``folder`` durable (a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# What a spreadsheet takes for the start of a formula (OWASP, CSV injection): = + - @, a tab, a CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


CONTROLS = "".join(map(chr, range(32))) + "\x7f"  # what a reader may drop before it looks at the first character


def spreadsheet_safe(cell: object) -> str:
    """A cell as text no spreadsheet evaluates: one that would start a formula, even after control
    characters a reader drops ("\x07=1+1"), is prefixed with '."""
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_START) or text.lstrip(CONTROLS).startswith(FORMULA_START) else text


def csv_text(rows: Iterable[Sequence[object]], *, lineterminator: str = "\r\n") -> str:
    """Rows as CSV, every cell spreadsheet-safe: every CSV the tool writes goes through here."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=lineterminator)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()
