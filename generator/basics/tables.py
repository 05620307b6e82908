"""Tables people keep in spreadsheets, read as rows with the line a person finds each one on.

Officers and staff keep their lists in Excel: a CSV as Excel saves it (UTF-8 with or without a BOM,
or Thai Windows' windows-874, read as such and said so) or the .xlsx itself (its first sheet, the
first row the header). Anything else is a Thai message naming the file, never a traceback.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.basics.errors import ConfigError
from generator.basics.textfile import spreadsheet_text
from generator.basics.thai import ReadError

MAX_CSV_BYTES = 20 * 1024 * 1024  # a country's units with their contact columns fit many times over
MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED = 200 * 1024 * 1024  # a zip that unpacks to more is a bomb, not a list of units
SAVE_AS = 'ให้เปิดด้วย Excel แล้วบันทึกเป็น (Save As) "CSV UTF-8" หรือ "Excel Workbook (.xlsx)"'


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]  # the first row that is not blank, stripped
    rows: tuple[tuple[int, tuple[str, ...]], ...]  # (line or sheet row, cells stripped) of every other non-blank row
    note: str = ""  # Thai: how the file was read when that is worth saying (windows-874)
    header_line: int = 1


def read_table(path: Path, display: str) -> Table:
    """The table in ``path`` (.csv or .xlsx); ConfigError (Thai, naming the file and line) when it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise ConfigError(f"{display}: อ่านไฟล์ชนิด {suffix} ไม่ได้ {SAVE_AS}")
    grid, note = _xlsx_grid(path, display) if suffix in (".xlsx", ".xlsm") else _csv_grid(path, display)
    rows = [(line, tuple(cell.strip() for cell in cells)) for line, cells in grid if any(cell.strip() for cell in cells)]
    if not rows:
        raise ConfigError(f"{display}:1: ไฟล์ว่าง ไม่มีหัวตาราง")
    (header_line, header), *rest = rows
    return Table(header, tuple(rest), note, header_line)


def under(table: Table, line: int) -> Table:
    """The same table with its header on ``line`` (a title row above it, as spreadsheets often have)."""
    rows = [(number, cells) for number, cells in ((table.header_line, table.header), *table.rows)]
    at = next(index for index, (number, _) in enumerate(rows) if number == line)
    return Table(rows[at][1], tuple(rows[at + 1:]), table.note, line)


def cells_of(cells: tuple[str, ...], width: int) -> list[str]:
    """A row's cells, as many as its header's columns (missing ones empty, extra ones dropped)."""
    return (list(cells) + [""] * width)[:width]


def rows_under(table: Table, display: str, header: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(line, cells) of each row of a table whose header starts with ``header`` (any case)."""
    if [cell.lower() for cell in table.header][:len(header)] != header:
        raise ConfigError(f'{display}:{table.header_line}: บรรทัดแรกต้องเป็นหัวตาราง "{",".join(header)}"')
    for line, cells in table.rows:
        yield line, cells_of(cells, len(header))


def _csv_grid(path: Path, display: str) -> tuple[list[tuple[int, list[str]]], str]:
    try:
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise ReadError(f"ไฟล์ใหญ่ {size / 1024 / 1024:.1f} MB เกินขนาดที่รับได้ {MAX_CSV_BYTES / 1024 / 1024:.0f} MB")
        data = path.read_bytes()
        text, note = spreadsheet_text(data)
    except ReadError as error:
        raise ConfigError(f"{display}: {error}") from None
    except OSError as error:
        raise ConfigError(f"{display}: เปิดไฟล์ไม่ได้ ({error.strerror or error})") from None
    # The csv module reads the whole text as a spreadsheet wrote it: a quoted cell keeps its line breaks,
    # and only \r and \n end a row (str.splitlines would also split on NEL, U+2028 and form feeds).
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter=_delimiter(text, utf16))
    grid, line = [], 1
    try:
        for cells in reader:
            grid.append((line, cells))
            line = reader.line_num + 1  # the physical line the next row starts on
    except csv.Error as error:
        raise ConfigError(f"{display}:{reader.line_num}: อ่านแถวนี้ไม่ได้ ({error}) ตรวจเครื่องหมายคำพูด (\") "
                          "ที่เปิดแล้วไม่ได้ปิด") from None
    return grid, (f"{display}: {note}" if note else "")


def _delimiter(text: str, tabs: bool) -> str:
    """What separates the cells: a tab in Excel's "Unicode Text" (UTF-16), else a comma, or the semicolon
    some spreadsheets save CSV with when the first lines (outside quotes) have no comma at all."""
    if tabs:
        return "\t"
    first = "\n".join(text.split("\n", 10)[:10])
    outside = "".join(part for index, part in enumerate(first.split('"')) if index % 2 == 0)
    return ";" if "," not in outside and ";" in outside else ","


def _xlsx_grid(path: Path, display: str) -> tuple[list[tuple[int, list[str]]], str]:
    try:
        if path.stat().st_size > MAX_XLSX_BYTES:
            raise ConfigError(f"{display}: ไฟล์ Excel ใหญ่เกิน {MAX_XLSX_BYTES // 1024 // 1024} MB")
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise ConfigError(f"{display}: ไฟล์ Excel นี้ขยายแล้วใหญ่ผิดปกติ (อาจเป็นไฟล์อันตราย) จึงไม่เปิด")
    except zipfile.BadZipFile:
        raise ConfigError(f"{display}: ไม่ใช่ไฟล์ Excel (.xlsx) ที่สมบูรณ์ {SAVE_AS}") from None
    except OSError as error:
        raise ConfigError(f"{display}: เปิดไฟล์ไม่ได้ ({error.strerror or error})") from None
    import openpyxl  # loads only for a workbook

    try:
        # data_only: a formula's value as Excel last saved it, never the formula's text
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise ConfigError(f"{display}: เปิดไฟล์ Excel ไม่ได้ ({type(error).__name__}) {SAVE_AS}") from None
    try:
        sheet = book.worksheets[0]
        grid = [(number, [_cell_text(value) for value in row])
                for number, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    finally:
        book.close()
    return grid, ""


def _cell_text(value: object) -> str:
    """A cell as the person sees it: 12 not 12.0, a date as YYYY-MM-DD, nothing for an empty cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)
