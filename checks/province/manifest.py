"""The officer's list of units: every row audited or skipped with its line and reason, none lost.

A manifest is a CSV (UTF-8, or windows-874 as Thai Excel saves it) or an .xlsx whose first row names
the columns: ``unit``, ``main_website`` and ``source`` (or their Thai names) in any order, and any
others the officer keeps (district, phone, email, contact…), carried into every output. One main
website is one unit however it is spelt (``HTTP://host``, ``http://host/``): a second row for it is
skipped as a duplicate, never audited twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from checks.live.submissions import is_url
from generator.basics.errors import ConfigError, ContentError, Location
from generator.basics.tables import cells_of, read_table, under
from generator.basics.weburl import DEFAULT_PORTS, parse_web_url, web_url_problem

COLUMNS = {  # what each needed column may be headed, as officers head them
    "unit": ("unit", "หน่วยงาน", "ชื่อหน่วยงาน"),
    "main_website": ("main_website", "เว็บไซต์หลัก", "เว็บไซต์"),
    "source": ("source", "แหล่งข้อมูล", "ศูนย์ ita", "รายการ itas"),
}
PROVINCE_COLUMNS = ("province", "จังหวัด")
HEADER_SEARCH = 10  # rows looked through for the header


def _heading(cell: str) -> str:
    return " ".join(cell.lower().split())


def unit_key(main_website: str) -> str:
    """One key per main website however it is written: the host a browser reaches, and a port not the default."""
    parsed = parse_web_url(main_website)
    if parsed is None:
        return main_website.strip().lower()
    return parsed.host if parsed.port == DEFAULT_PORTS[parsed.scheme] else f"{parsed.host}:{parsed.port}"


@dataclass(frozen=True)
class UnitRow:
    unit: str
    main_website: str
    source: str  # a URL, or the list's file resolved against the manifest's folder
    shown_source: str  # as written in the manifest, for messages
    location: Location
    extra: tuple[str, ...] = ()  # the manifest's other columns, in Manifest.extra_columns order

    @property
    def key(self) -> str:
        return unit_key(self.main_website)


@dataclass(frozen=True)
class SkippedRow:
    """A row that is not audited, with what the officer must fix in it."""

    location: Location
    unit: str
    main_website: str
    field: str
    reason: str
    extra: tuple[str, ...] = ()

    @property
    def problem(self) -> ContentError:
        return ContentError(self.location, self.field, self.reason)


@dataclass(frozen=True)
class Manifest:
    name: str  # the file's name, for headings when no province is named
    rows: tuple[UnitRow, ...]
    skipped: tuple[SkippedRow, ...]
    extra_columns: tuple[str, ...]
    province: str  # the one province its rows name, or ""
    note: str = ""  # how the file was read, when worth saying (windows-874)

    @property
    def total(self) -> int:
        return len(self.rows) + len(self.skipped)

    @property
    def title(self) -> str:
        return f"จังหวัด{self.province}" if self.province else self.name


def read_manifest(path: Path, display: str) -> Manifest:
    """The units to audit and the rows skipped; ConfigError (Thai) when the file or its header cannot be used."""
    table = read_table(path, display)
    # A sheet often has a title row or two above its header: the header is the first row naming all three.
    header_line = next((line for line, cells in ((table.header_line, table.header), *table.rows[:HEADER_SEARCH])
                        if all(any(_heading(cell) in names for cell in cells) for names in COLUMNS.values())),
                       table.header_line)
    table = under(table, header_line)
    lowered = [_heading(cell) for cell in table.header]
    where: dict[str, int] = {}
    for column, names in COLUMNS.items():
        found = [index for index, cell in enumerate(lowered) if cell in names]
        if not found:
            raise ConfigError(f'{display}:{header_line}: หัวตารางต้องมีคอลัมน์ "{column}" (หรือ "{names[1]}") '
                              f'ต้องมีครบ unit, main_website, source เรียงแบบใดก็ได้')
        if len(found) > 1:
            raise ConfigError(f'{display}:{header_line}: หัวตารางมีคอลัมน์ "{column}" ซ้ำกัน {len(found)} คอลัมน์')
        where[column] = found[0]
    extra_at = [index for index, cell in enumerate(table.header) if cell and index not in where.values()]
    province_at = next((index for index in extra_at if lowered[index] in PROVINCE_COLUMNS), None)
    rows: list[UnitRow] = []
    skipped: list[SkippedRow] = []
    seen: dict[str, tuple[int, str]] = {}
    provinces: set[str] = set()
    for line, raw in table.rows:
        cells = cells_of(raw, len(table.header))
        if province_at is not None:
            provinces.add(cells[province_at].removeprefix("จังหวัด").strip())
        location = Location(display, line)
        unit, main_website, source = (cells[where[column]] for column in COLUMNS)
        source = source if is_url(source) else source.replace("\\", "/")  # a path typed on Windows
        extra = tuple(cells[index] for index in extra_at)
        problem = _row_problem(unit, main_website, source, path.parent)
        if problem is None and unit_key(main_website) in seen:
            first, written = seen[unit_key(main_website)]
            problem = ("main_website", (f'เว็บไซต์หลักเดียวกับบรรทัด {first} ("{written}") นับเป็นหน่วยงานเดียว '
                                        "จึงตรวจครั้งเดียว ให้ลบแถวที่ซ้ำ"))
        if problem:
            skipped.append(SkippedRow(location, unit, main_website, *problem, extra=extra))
            continue
        seen[unit_key(main_website)] = (line, main_website)
        rows.append(UnitRow(unit, main_website, source if is_url(source) else str(path.parent / source), source,
                            location, extra))
    provinces.discard("")
    return Manifest(path.name, tuple(rows), tuple(skipped), tuple(table.header[index] for index in extra_at),
                    provinces.pop() if len(provinces) == 1 else "", table.note)


def _row_problem(unit: str, main_website: str, source: str, folder: Path) -> tuple[str, str] | None:
    if not unit:
        return "unit", "ไม่มีชื่อหน่วยงาน"
    problem = web_url_problem(main_website) if main_website else "ไม่มีเว็บไซต์หลัก"
    if problem:
        return "main_website", problem
    if not source:
        return "source", "ไม่มีแหล่งข้อมูล (URL ของศูนย์ ITA หรือไฟล์ CSV หัวตาราง item,url)"
    if is_url(source):
        problem = web_url_problem(source)
        return ("source", problem) if problem else None
    if not (folder / source).is_file():
        return "source", f"ไม่พบไฟล์ {source} (ชื่อไฟล์นับจากโฟลเดอร์ของไฟล์รายชื่อ)"
    return None
