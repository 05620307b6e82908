"""The province summary: every finished unit, worst estimate first, and the causes that cost most.

Read from results.jsonl one record at a time; each unit keeps only a small line here, so the
summary of a whole country fits in memory. Pure functions turn records into lines and counts;
``write_summary`` is the only I/O.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from checks.findings import RULES
from checks.province.records import UnitRecord
from checks.reports.formats import embedded_fonts, html_templates
from checks.hosts import service_name
from checks.reports.report import ESTIMATE_NOTE
from generator.basics.errors import ContentError
from generator.basics.textfile import csv_text, write_text_atomic
from generator.basics.thai import thai_date

STATUS_TH = {"done": "ตรวจครบ", "not_audited": "เปิดเว็บไซต์หรือหน้าศูนย์ ITA ไม่ได้",
             "deadline": "ตรวจไม่เสร็จในเวลาที่กำหนด", "error": "ตรวจไม่ได้"}
OFF_DOMAIN_RULES = ("off-domain", "redirect-off-domain")
CSV_HEADER = ["หน่วยงาน", "เว็บไซต์หลัก", "สถานะ", "คะแนน OIT โดยประมาณ ต่ำสุด", "คะแนน OIT โดยประมาณ สูงสุด",
              "รายการที่ได้ 0 คะแนน", "จำนวนรายการได้ 0 คะแนน", "จำนวนรายการเสี่ยง", "จำนวนรายการผ่าน",
              "สาเหตุที่พบบ่อยที่สุด", "หมายเหตุ"]
TOP_CAUSES = 12


@dataclass(frozen=True)
class UnitLine:
    unit: str
    main_website: str
    status: str
    detail: str
    low: float | None  # the estimated OIT range; None when the unit could not be audited
    high: float | None
    zero_items: tuple[str, ...]
    at_risk: int
    passed: int
    causes: tuple[str, ...]  # one per error finding


@dataclass(frozen=True)
class Cause:
    label: str
    units: int  # units with at least one such error
    findings: int


@dataclass(frozen=True)
class Summary:
    audited: int
    with_zero: int
    unaudited: int  # units with no report (the audit could not run): never counted as fine


def cause_of(rule: str, url: str | None) -> str:
    """Why an item scores zero, in Thai, off-domain links split by the service they are on."""
    if rule in OFF_DOMAIN_RULES:
        return f"ลิงก์อยู่นอกเว็บไซต์หลัก: {(service_name(url) if url else None) or 'เว็บไซต์อื่น'}"
    return RULES[rule].summary


def unit_line(record: UnitRecord) -> UnitLine:
    return UnitLine(record.unit, record.main_website, record.status, record.detail,
                    record.low if record.audited else None, record.high if record.audited else None,
                    record.zero_items, record.at_risk, record.passed,
                    tuple(cause_of(rule, url) for rule, url in record.errors))


def worst_first(lines: Iterable[UnitLine]) -> list[UnitLine]:
    """Lowest estimated range first; units that could not be audited last (nothing to rank them by)."""
    return sorted(lines, key=lambda line: (line.low is None, line.low or 0.0, line.high or 0.0, line.unit))


def common_causes(lines: list[UnitLine]) -> list[Cause]:
    findings = Counter(cause for line in lines for cause in line.causes)
    units = Counter(cause for line in lines for cause in set(line.causes))
    ranked = sorted(findings, key=lambda cause: (-units[cause], -findings[cause], cause))
    return [Cause(cause, units[cause], findings[cause]) for cause in ranked]


def _top_causes(line: UnitLine, count: int = 3) -> str:
    return " · ".join(f"{cause} ({n})" for cause, n in Counter(line.causes).most_common(count))


def province_csv(lines: list[UnitLine]) -> str:
    return csv_text([CSV_HEADER, *([line.unit, line.main_website, STATUS_TH[line.status],
                                     "" if line.low is None else f"{line.low:.2f}",
                                     "" if line.high is None else f"{line.high:.2f}",
                                     " ".join(line.zero_items), len(line.zero_items), line.at_risk, line.passed,
                                     _top_causes(line), line.detail] for line in lines)])


def province_html(lines: list[UnitLine], summary: Summary, problems: list[ContentError], total: int) -> str:
    causes = common_causes(lines)
    now = datetime.now()
    top = causes[:TOP_CAUSES]
    return html_templates().get_template("province.html.j2").render(
        lines=lines, causes=top, more_causes=len(causes) - len(top), problems=problems, total=total,
        most=max((cause.units for cause in top), default=1), status_th=STATUS_TH, top_causes=_top_causes,
        with_zero=summary.with_zero, note=ESTIMATE_NOTE, fonts=embedded_fonts(),
        created=f"{thai_date(now.date())} เวลา {now:%H:%M} น.")


def write_summary(out: Path, records: Iterable[UnitRecord], problems: list[ContentError], total: int) -> Summary:
    """province.csv (UTF-8 with BOM, so Excel shows Thai) and province.html, from every finished unit."""
    lines = worst_first(unit_line(record) for record in records)
    summary = Summary(len(lines), sum(bool(line.zero_items) for line in lines), sum(line.low is None for line in lines))
    write_text_atomic(out / "province.csv", "\ufeff" + province_csv(lines), newline="")
    write_text_atomic(out / "province.html", province_html(lines, summary, problems, total))
    return summary
