"""The province's files for the officer: province.html, the follow-up sheet as CSV and .xlsx.

``province.csv`` has one row per unit and item to act on (and one per unit not audited or row
skipped), ``province-units.csv`` one row per manifest row; ``province.xlsx`` holds both as sheets.
Every cell goes through the spreadsheet-safe path: a name or URL never becomes a formula.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from checks.province.summary import VERDICT_TH, Outcome, Province, UnitLine, common_causes, top_causes
from checks.reports.formats import embedded_fonts, html_templates
from checks.reports.report import ESTIMATE_NOTE
from generator.basics.textfile import csv_text, spreadsheet_safe, write_bytes_atomic, write_text_atomic
from generator.basics.thai import thai_date

TOP_CAUSES = 12
FOLLOW_UP, UNITS = "ติดตามรายการ", "สรุปรายหน่วยงาน"


def _lead(extra_columns: tuple[str, ...]) -> list[str]:
    return ["ITA ปี", "ชุดรายชื่อ", "แถวในไฟล์รายชื่อ", "หน่วยงาน", *extra_columns, "เว็บไซต์หลัก"]


def _lead_cells(province: Province, line: UnitLine) -> list[object]:
    return [line.year or "", province.title, line.line, line.unit, *line.extra, line.main_website]


def follow_up_rows(province: Province, extra_columns: tuple[str, ...]) -> list[list[object]]:
    """The follow-up sheet: a header, then a row per item to act on, per unit not audited, per row skipped."""
    rows: list[list[object]] = [[*_lead(extra_columns), "ผลการตรวจหน่วยงาน", "รายการ", "หัวข้อ", "ผล",
                                 "เทียบรอบก่อน", "URL", "สาเหตุ", "สิ่งที่ต้องแก้", "หน้ารายงานของหน่วยงาน"]]
    for line in province.lines:
        lead = _lead_cells(province, line)
        if line.outcome is not Outcome.DONE:
            rows.append([*lead, line.outcome.thai, "", "", line.outcome.thai, "", "", line.reason, line.fix,
                         line.page or ""])
        for action in line.actions:
            rows.append([*lead, line.outcome.thai, action.id, action.title, VERDICT_TH[action.verdict],
                         action.change.thai if action.change else "", "\n".join(action.urls),
                         " · ".join(action.causes), "\n".join(action.fixes), line.page or ""])
    return rows


def unit_rows(province: Province, extra_columns: tuple[str, ...]) -> list[list[object]]:
    """The per-unit sheet: every row of the manifest, whatever its outcome."""
    rows: list[list[object]] = [[*_lead(extra_columns), "ผลการตรวจ", "คะแนน OIT โดยประมาณ ต่ำสุด",
                                 "คะแนน OIT โดยประมาณ สูงสุด", "รายการที่ได้ 0 คะแนน", "จำนวนรายการได้ 0 คะแนน",
                                 "จำนวนรายการเสี่ยง", "จำนวนรายการผ่าน", "สาเหตุที่พบบ่อยที่สุด", "เทียบรอบก่อน",
                                 "หมายเหตุ", "หน้ารายงานของหน่วยงาน"]]
    for line in province.lines:
        audited = line.outcome is Outcome.DONE
        rows.append([*_lead_cells(province, line), line.outcome.thai,
                     "" if line.low is None else round(line.low, 2), "" if line.high is None else round(line.high, 2),
                     " ".join(line.zero_items), len(line.zero_items) if audited else "",
                     line.at_risk if audited else "", line.passed if audited else "", top_causes(line),
                     line.compared, line.reason, line.page or ""])
    return rows


def _csv(rows: list[list[object]]) -> str:
    return "\ufeff" + csv_text([[f"{cell:.2f}" if isinstance(cell, float) else cell for cell in row] for row in rows])


def xlsx_bytes(province: Province, extra_columns: tuple[str, ...], created: str) -> bytes:
    """Both sheets in one workbook: a title row naming the year, the list and the date, then the table."""
    import io

    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    for blank in book.worksheets:
        book.remove(blank)
    for name, rows in ((FOLLOW_UP, follow_up_rows(province, extra_columns)), (UNITS, unit_rows(province, extra_columns))):
        sheet = book.create_sheet(name)
        sheet.append([f"{name} · {province.heading} · ตรวจเมื่อ {created}"])
        sheet["A1"].font = Font(bold=True, size=13)
        for row in rows:
            sheet.append([_xlsx_value(cell, ILLEGAL_CHARACTERS_RE) for cell in row])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text is text: openpyxl would take "=…" for a formula
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A3"
        sheet.auto_filter.ref = f"A2:{sheet.cell(2, len(rows[0])).column_letter}{len(rows) + 1}"
        for column in sheet.columns:
            width = max((len(str(cell.value or "")) for cell in column[1:]), default=8)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_value(cell: object, illegal: re.Pattern[str]) -> object:
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return cell
    return spreadsheet_safe(illegal.sub("", str(cell)))  # what XML cannot hold goes first: "\x07=1" is "=1" after


def province_html(province: Province, manifest_name: str, notes: tuple[str, ...], created: str) -> str:
    causes = common_causes(line for line in province.lines if line.outcome is Outcome.DONE)
    top = causes[:TOP_CAUSES]
    return html_templates().get_template("province.html.j2").render(
        province=province, counts=province.counts, causes=top, more_causes=len(causes) - len(top),
        most=max((cause.units for cause in top), default=1), top_causes=top_causes, verdict_th=VERDICT_TH,
        Outcome=Outcome, manifest_name=manifest_name, notes=notes, note=ESTIMATE_NOTE, fonts=embedded_fonts(),
        created=created)


def write_outputs(out: Path, province: Province, extra_columns: tuple[str, ...], manifest_name: str,
                  notes: tuple[str, ...]) -> None:
    now = datetime.now()
    created = f"{thai_date(now.date())} เวลา {now:%H:%M} น."
    # UTF-8 with a BOM, so Excel shows Thai
    write_text_atomic(out / "province.csv", _csv(follow_up_rows(province, extra_columns)), newline="")
    write_text_atomic(out / "province-units.csv", _csv(unit_rows(province, extra_columns)), newline="")
    write_bytes_atomic(out / "province.xlsx", xlsx_bytes(province, extra_columns, created))
    write_text_atomic(out / "province.html", province_html(province, manifest_name, notes, created))
