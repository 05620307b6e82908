"""Where the year stands: per item, which elements are shown, who owns it, what is missing.

Items that lost points in last year's ITA come first; the ITAS window, when the unit sets
it in content/unit.yml, says how many days are left.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from rich.table import Table

from checks.reports.formats import terminal_safe, text_console
from generator.model.derived import element_status
from generator.model.results import last_year_scores
from generator.model import Model
from generator.basics.thai import thai_date


@dataclass(frozen=True)
class ItemStatus:
    id: str
    title: str
    owner: str
    present: int
    total: int
    missing: tuple[str, ...]  # element labels, or the whole item
    last_year_score: float | None

    @property
    def complete(self) -> bool:
        return not self.missing


def year_status(model: Model, year: int) -> list[ItemStatus]:
    last_year = last_year_scores(model, year)
    rows = []
    for spec in model.catalogues[year].items:
        item = model.item(year, spec.id)
        if item is None:
            rows.append(ItemStatus(spec.id, spec.title, "ยังไม่กำหนด", 0, len(spec.elements),
                                   (f"ยังไม่มีไฟล์ content/items/{year}/{spec.slug}.md",), last_year.get(spec.id)))
            continue
        missing = tuple(f"{element.label} ({element.field_hint})" for element in spec.elements
                        if not element_status(model, item, element).present)
        rows.append(ItemStatus(spec.id, spec.title, item.owner, len(spec.elements) - len(missing), len(spec.elements),
                               missing, last_year.get(spec.id)))
    rows.sort(key=lambda row: row.last_year_score is None)
    return rows


def window_text(window: tuple[date, date] | None, today: date) -> str:
    if window is None:
        return "ยังไม่ได้กำหนดช่วงกรอกข้อมูลในระบบ ITAS (ช่อง itas_window ใน content/unit.yml)"
    start, end = window
    span = f"ช่วงกรอกข้อมูลในระบบ ITAS {thai_date(start)} – {thai_date(end)}"
    if today < start:
        return f"{span}: อีก {(start - today).days} วันจะเริ่ม และเหลือเวลาเตรียมข้อมูลถึงวันปิด {(end - today).days} วัน"
    if today <= end:
        return f"{span}: เปิดอยู่ เหลืออีก {(end - today).days} วัน"
    return f"{span}: ปิดแล้ว"


def status_text(model: Model, year: int, today: date, width: int = 120) -> str:
    rows = year_status(model, year)
    buffer = io.StringIO()
    console = text_console(buffer, width)
    console.print(terminal_safe(f"สถานะ ITA {year} · {model.unit.name} (ข้อมูล ณ {thai_date(today)})"))
    console.print(window_text(model.unit.itas_window, today))
    lost = [row for row in rows if row.last_year_score is not None]
    if lost:
        console.print("รายการที่เสียคะแนนเมื่อปีที่แล้ว ให้ตรวจก่อน: "
                      + ", ".join(f"{row.id} ({row.last_year_score:.0f} คะแนน)" for row in lost))
    table = Table(show_lines=False)
    for column in ("รายการ", "องค์ประกอบ", "ผู้รับผิดชอบ", "ที่ยังขาด"):
        table.add_column(column)
    for row in rows:
        table.add_row(row.id, f"{row.present}/{row.total}", terminal_safe(row.owner), "\n".join(row.missing) or "ครบ")
    console.print(table)
    done = sum(row.complete for row in rows)
    console.print(f"ครบแล้ว {done} จาก {len(rows)} รายการ")
    return buffer.getvalue()
