"""Where the year stands: per item its title, the verdict ``ita check`` gives, every element with its key
and basis, who owns it, and what is left.

Items that lost points in last year's ITA come first; the ITAS window, when the unit sets it in
content/unit.yml, says how many days are left. The verdicts are the content rules' (checks/content),
so status and check never disagree.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from rich.table import Table

from checks.content.rules import content_findings
from checks.findings import Finding, Verdict, verdict
from checks.reports.formats import VERDICT_TH, terminal_safe, text_console
from generator.basics.thai import thai_date
from generator.model import Model
from generator.model.derived import element_status
from generator.model.results import last_year_scores

OFFICIAL_MARK = {True: "ตามเกณฑ์", False: "ไม่พบในเกณฑ์"}


@dataclass(frozen=True)
class ElementLine:
    key: str
    label: str
    present: bool
    official: bool
    field_hint: str


@dataclass(frozen=True)
class ItemStatus:
    id: str
    title: str
    continues: str | None  # last year's id, when it differs (ids shift between years)
    owner: str
    verdict: Verdict
    elements: tuple[ElementLine, ...]
    findings: tuple[Finding, ...]
    last_year_score: float | None
    has_file: bool = True

    @property
    def present(self) -> int:
        return sum(line.present for line in self.elements)

    @property
    def complete(self) -> bool:
        return self.has_file and all(line.present for line in self.elements)


def year_status(model: Model, year: int, today: date) -> list[ItemStatus]:
    last_year = last_year_scores(model, year)
    findings = content_findings(model, year, today)
    rows = []
    for spec in model.catalogues[year].items:
        item = model.item(year, spec.id)
        mine = tuple(finding for finding in findings if finding.item == spec.id)
        lines = tuple(ElementLine(element.key, element.label, item is not None and element_status(model, item, element).present,
                                  element.official, element.field_hint) for element in spec.elements)
        continues = spec.continues if spec.continues and spec.continues.casefold() != spec.id.casefold() else None
        rows.append(ItemStatus(spec.id, spec.title, continues, item.owner if item else "ยังไม่กำหนด", verdict(list(mine)),
                               lines, mine, last_year.get(spec.id), has_file=item is not None))
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


def _elements(row: ItemStatus) -> str:
    if not row.has_file:
        return f"ยังไม่มีไฟล์ของรายการนี้ ({len(row.elements)} องค์ประกอบ)"
    return "\n".join(f"{'✓' if line.present else '✗'} {line.label} [{line.field_hint}] · {OFFICIAL_MARK[line.official]}"
                     for line in row.elements)


def status_text(model: Model, year: int, today: date, width: int = 140) -> str:
    rows = year_status(model, year, today)
    catalogue = model.catalogues[year]
    buffer = io.StringIO()
    console = text_console(buffer, width)
    console.print(terminal_safe(f"สถานะ ITA {year} · {model.unit.name} (ข้อมูล ณ {thai_date(today)})"))
    if catalogue.provisional:
        console.print(f"{catalogue.provisional_note}: รายการและองค์ประกอบอาจเปลี่ยนเมื่อสำนักงาน ป.ป.ช. ประกาศ "
                      "ระหว่างนี้องค์ประกอบที่ขาดเป็นเพียงคำเตือน")
    console.print(window_text(model.unit.itas_window, today))
    lost = [row for row in rows if row.last_year_score is not None]
    if lost:
        console.print("รายการที่เสียคะแนนเมื่อปีที่แล้ว ให้ตรวจก่อน: "
                      + ", ".join(f"{row.id} ({row.last_year_score:.0f} คะแนน)" for row in lost))
    table = Table(show_lines=True)
    for column in ("รายการ", "ผลตรวจ", "องค์ประกอบ [ที่กรอกในไฟล์รายการ]", "ผู้รับผิดชอบ"):
        table.add_column(column)
    for row in rows:
        name = f"{row.id} {row.title}" + (f"\n(ปีก่อน {row.continues})" if row.continues else "")
        table.add_row(terminal_safe(name), VERDICT_TH[row.verdict], terminal_safe(_elements(row)), terminal_safe(row.owner))
    console.print(table)
    done = sum(row.complete for row in rows)
    zero = sum(row.verdict is Verdict.ZERO for row in rows)
    console.print(f"องค์ประกอบครบแล้ว {done} จาก {len(rows)} รายการ · ผลตรวจแบบ ita check: ได้ 0 คะแนน {zero} รายการ "
                  "(รายละเอียดและวิธีแก้: ita check --no-site)")
    return buffer.getvalue()
