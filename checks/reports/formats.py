"""Report outputs: a Thai terminal table, JSON (schema ``ita-report/1``), HTML, JUnit XML."""

from __future__ import annotations

import base64
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from checks.findings import RULES, Finding, Verdict
from checks.reports.report import ESTIMATE_NOTE, ItemReport, Report
from generator.basics.thai_words import with_breaks
from generator.basics.weburl import parse_web_url
from generator.build.theme import FONTS_DIR

if TYPE_CHECKING:
    import jinja2
    from rich.console import Console

SCHEMA = "ita-report/1"
VERDICT_TH = {Verdict.PASS: "ผ่าน", Verdict.AT_RISK: "เสี่ยง", Verdict.ZERO: "ได้ 0 คะแนน"}
SEVERITY_TH = {"error": "ผิดพลาด", "warning": "คำเตือน", "note": "หมายเหตุ"}
KIND_TH = {"check": "ตรวจข้อมูลและเว็บไซต์ก่อนนำขึ้น", "audit": "ตรวจลิงก์บนเว็บไซต์จริง"}


# Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab/newline/CR, surrogates, U+FFFE/F).
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \r, ESC sequences: they move or recolour the terminal


def text_console(buffer: io.StringIO, width: int) -> Console:
    """A console for reports: staff text such as "[/b]" or ":pdf:" is printed as written, never as markup."""
    from rich.console import Console  # rich and jinja2 load when a report is written, not when ita starts

    return Console(file=buffer, width=width, no_color=True, highlight=False, markup=False, emoji=False)


def terminal_safe(text: str) -> str:
    """Text from pages and content without the control characters a terminal would act on."""
    return TERMINAL_CONTROLS.sub(" ", text)


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule.id,
        "severity": finding.severity.value,
        "message": finding.message,
        "url": finding.url or None,
        "file": finding.location.path if finding.location else None,
        "line": finding.location.line if finding.location and finding.location.line else None,
        "element": finding.element,
        "basis": {"kind": finding.basis.basis.value, "source": finding.basis.source or None,
                  "text": finding.basis.thai()} if finding.basis else None,
    }


def finding_text(finding: Finding) -> str:
    """One finding for people, in every format: what, why (its basis), where to fix it."""
    text = f"{SEVERITY_TH[finding.severity.value]} · {finding.rule.summary} ({finding.rule.id}): {finding.message}"
    if finding.basis:
        text += f" [{finding.basis.thai()}]"
    if finding.location:
        text += f" — แก้ที่ {finding.location}"
    return text


def not_audited_text(report: Report) -> str:
    return f"ตรวจเว็บไซต์นี้ไม่ได้: {report.not_audited} ผลนี้จึงไม่ใช่ \"ผ่าน\" และไม่มีคะแนนประมาณการ"


def estimate_text(report: Report) -> str:
    estimate = report.estimated_oit()
    if estimate is None:
        return not_audited_text(report)
    return f"คะแนน OIT โดยประมาณ {estimate[0]:.2f}–{estimate[1]:.2f} ({ESTIMATE_NOTE})"


def report_data(report: Report) -> dict[str, Any]:
    """The report as ``ita-report/1`` data: what --format json prints and a province run stores per unit."""
    low, high = report.estimated_oit() or (None, None)
    return {
        "schema": SCHEMA,
        "kind": report.kind,
        "unit": report.unit,
        "main_website": report.main_website,
        "year": report.year,
        "criteria": {"status": report.criteria or None, "provisional": report.criteria == "provisional"},
        "audited": report.audited,
        "not_audited": report.not_audited or None,
        "summary": {verdict.value: report.count(verdict) for verdict in Verdict},
        "estimated_oit": {"low": low, "high": high, "note": ESTIMATE_NOTE},
        "items": [
            {"id": item.id, "title": item.title, "indicator": item.indicator, "verdict": item.verdict.value,
             "last_year_score": item.last_year_score,
             "findings": [_finding(finding) for finding in item.findings]}
            for item in report.items
        ],
        "site": [_finding(finding) for finding in report.site],
        "notes": list(report.notes),
    }


def to_json(report: Report) -> str:
    return json.dumps(report_data(report), ensure_ascii=False, indent=2) + "\n"


def last_year_mark(item: ItemReport) -> str:
    return f"\n(ปีที่แล้ว {item.last_year_score:.0f} คะแนน)" if item.last_year_score is not None else ""


def to_text(report: Report, width: int = 120) -> str:
    buffer = io.StringIO()
    console = text_console(buffer, width)
    if report.criteria == "provisional":
        console.print(terminal_safe(report.notes[0]))
    if report.not_audited:  # said before the table, so no one reads the table as a result
        console.print(terminal_safe(not_audited_text(report)))
    from rich.table import Table

    table = Table(title=terminal_safe(f"{KIND_TH[report.kind]} ITA {report.year} · {report.unit}"), show_lines=False)
    for column in ("รายการ", "ผล", "ปัญหาที่พบ"):
        table.add_column(column)
    for item in report.items:
        problems = "\n".join(terminal_safe(finding_text(f)) for f in item.findings) or "-"
        table.add_row(item.id + last_year_mark(item), VERDICT_TH[item.verdict], problems)
    console.print(table)
    for finding in report.site:
        console.print(f"เว็บไซต์: {terminal_safe(finding_text(finding))}")
    console.print(f"ผ่าน {report.count(Verdict.PASS)} · เสี่ยง {report.count(Verdict.AT_RISK)} · "
                  f"ได้ 0 คะแนน {report.count(Verdict.ZERO)} จาก {len(report.items)} รายการ")
    console.print(terminal_safe(estimate_text(report)))
    for note in report.notes:
        console.print(terminal_safe(note))
    return buffer.getvalue()


PROBLEMS_FIRST = {Verdict.ZERO: 0, Verdict.AT_RISK: 1, Verdict.PASS: 2}


@cache  # read once per process: a province run writes a page per unit
def embedded_fonts() -> list[dict[str, str]]:
    """Sarabun as data: URIs, so a report opened anywhere (a phone, a PC without Thai fonts) shows Thai."""
    return [{"weight": path.stem.split("-")[2], "data": base64.b64encode(path.read_bytes()).decode("ascii")}
            for path in sorted(FONTS_DIR.glob("sarabun-*-normal.woff2"))]


def web_href(text: str | None) -> str | None:
    """The address a report may link to: an http(s) URL as a browser resolves it; None for anything else
    (javascript:, data:, a scheme hidden behind spaces or case), which a report shows as text only."""
    parsed = parse_web_url(text) if text else None
    return parsed.href if parsed else None


@cache  # one environment per process: its compiled templates are reused
def html_templates() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["web_href"] = web_href
    env.filters["thai"] = with_breaks  # escaped, with <wbr> between Thai words: lines break between words
    return env


def to_html(report: Report) -> str:
    env = html_templates()
    estimate = report.estimated_oit()
    items = sorted(report.items, key=lambda item: PROBLEMS_FIRST[item.verdict])  # stable: the report's order within
    return env.get_template("report.html.j2").render(
        report=report, items=items, verdict_th=VERDICT_TH, severity_th=SEVERITY_TH, kind_th=KIND_TH[report.kind],
        rules=RULES, estimate=estimate, not_audited=not_audited_text(report), note=ESTIMATE_NOTE, Verdict=Verdict,
        fonts=embedded_fonts(),
    )


def to_junit(report: Report) -> str:
    suites = ElementTree.Element("testsuites")
    suite = ElementTree.SubElement(suites, "testsuite", name=f"ITA {report.year} {report.kind}",
                                   tests=str(len(report.items) + 1), failures=str(report.count(Verdict.ZERO)))
    cases = [(f"{item.id} {item.title}", item.verdict is Verdict.ZERO, item.findings) for item in report.items]
    cases.append(("เว็บไซต์", report.site_errors or not report.audited, report.site))
    for name, failed, findings in cases:
        case = ElementTree.SubElement(suite, "testcase", classname=f"ita.{report.year}", name=name)
        lines = "\n".join(finding_text(f) for f in findings)
        if failed:
            ElementTree.SubElement(case, "failure", message="ได้ 0 คะแนน").text = lines
        elif lines:
            ElementTree.SubElement(case, "system-out").text = lines
    if report.site_errors or not report.audited:
        suite.set("failures", str(report.count(Verdict.ZERO) + 1))
    for element in suites.iter():
        element.text = XML_ILLEGAL.sub("\ufffd", element.text) if element.text else element.text
        element.attrib = {key: XML_ILLEGAL.sub("\ufffd", value) for key, value in element.attrib.items()}
    ElementTree.indent(suites)
    return ElementTree.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


FORMATS = {"text": to_text, "json": to_json, "html": to_html, "junit": to_junit}
