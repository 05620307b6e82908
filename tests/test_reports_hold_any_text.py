"""Every report format holds any text a unit, a page title or a finding can carry.

Messages quote what staff and web pages wrote: rich markup (``[/b]``), emoji codes, control
characters, HTML. The terminal table prints them as written, JUnit stays valid XML, JSON stays
JSON, and HTML never carries a tag of theirs.
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.findings import Finding, RuleId, Severity
from checks.reports.formats import to_html, to_json, to_junit, to_text
from checks.reports.report import build_report
from generator.basics.errors import ErrorLog, Location
from generator.content.catalogues import load_catalogues

CATALOGUE = load_catalogues(ErrorLog())[2569]
HOSTILE = ["[/b]", "[new] [pdf]", ":smile:", "<script>alert(1)</script>", "\x1b[31m", "\x00\x01\x0b", "]]>", "&amp;"]
any_text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))


def report_with(unit: str, message: str, path: str):
    findings = [Finding(RuleId.MISSING_ELEMENT, Severity.WARNING, "O1", message, url="https://www.tambon.example/x",
                        location=Location(path, 3)),
                Finding(RuleId.EXTERNAL_ASSET, Severity.ERROR, None, message)]
    return build_report("check", unit, "https://www.tambon.example/", CATALOGUE, findings)


def printable(text: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text).split())


@settings(max_examples=80, deadline=None)
@given(unit=any_text, message=any_text, path=any_text)
def test_every_format_holds_any_text(unit, message, path):
    report = report_with(unit, message, path)
    text = to_text(report, width=400)
    assert printable(message) in printable(text)
    ElementTree.fromstring(to_junit(report).split("\n", 1)[1])
    assert json.loads(to_json(report))["items"][0]["findings"][0]["message"] == message
    assert "<script>alert" not in to_html(report)


def test_rich_markup_in_a_message_is_printed_as_written():
    text = to_text(report_with("ทต.[bold]ทดสอบ[/bold]", "ชื่อเรื่อง [/b] [new] :smile:", "content/o1.md"))
    assert "[/b] [new] :smile:" in text and "ทต.[bold]ทดสอบ[/bold]" in text


def test_terminal_control_sequences_in_a_message_never_reach_the_terminal():
    text = to_text(report_with("ทต.", "ชื่อ\x1b[2J\rเรื่อง", "content/o1.md"))
    assert "\x1b" not in text and "\r" not in text and "ชื่อ [2J เรื่อง" in text


def test_control_characters_leave_junit_valid_xml():
    ElementTree.fromstring(to_junit(report_with("ทต.\x00", "หัวเรื่อง\x01\x0b", "a\x1f.md")).split("\n", 1)[1])


# ---- links: only http(s) is ever clickable ---------------------------------------------------------

SCHEMES = ["javascript:alert(1)", "JaVaScRiPt:fetch('//x')", " javascript:alert(1)", "\tjavascript:alert(1)",
           "java\tscript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd",
           "//evil.example/x", "https://www.tambon.example/เอกสาร.pdf"]
any_url = st.one_of(st.sampled_from(SCHEMES), st.text(max_size=40))


def hrefs(html: str) -> list[str]:
    from selectolax.lexbor import LexborHTMLParser

    return [node.attributes.get("href") or "" for node in LexborHTMLParser(html).css("[href]")]


@settings(max_examples=80, deadline=None)
@given(url=any_url, main_website=any_url)
def test_a_report_links_only_http_and_https(url, main_website):
    findings = [Finding(RuleId.OFF_DOMAIN, Severity.ERROR, "O7", "ลิงก์ที่ส่ง", url=url),
                Finding(RuleId.DEAD_LINK, Severity.ERROR, None, "เว็บไซต์", url=url)]
    html = to_html(build_report("audit", "อบต.ทดสอบ", main_website, CATALOGUE, findings))
    assert all(href.startswith(("http://", "https://")) for href in hrefs(html)), hrefs(html)


@settings(max_examples=40, deadline=None)
@given(main_website=any_url, unit=any_text)
def test_the_province_summary_links_only_http_and_https(main_website, unit):
    from checks.province.manifest import Manifest, UnitRow
    from checks.province.outputs import province_html
    from checks.province.records import UnitRecord
    from checks.province.summary import province

    row = UnitRow(unit, main_website, "itas.csv", "itas.csv", Location("units.csv", 2))
    record = UnitRecord(unit, main_website, 2569, "error", "", False, None, None, 0, 0)
    view = province(Manifest("units.csv", (row,), (), (), ""), [record], lambda row: 2569)
    html = province_html(view, "units.csv", (), "1 ธันวาคม 2569")
    assert all(href.startswith(("http://", "https://")) for href in hrefs(html)), hrefs(html)


# ---- what a remote page may make a report quote ------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(size=st.integers(min_value=0, max_value=2_000_000), bidi=st.sampled_from(["\u202e", "\u202d", "\u2066", "\u200f", ""]))
def test_remote_text_is_quoted_bounded_and_without_bidi_controls(size, bidi):
    from checks.html import parse_page
    from generator.model.years import Signal, quoted

    page = parse_page(f"<title>{bidi}{'ก' * size}fdp.exe</title><main><h2>{bidi}{'ข' * size}</h2>"
                      f"<a href='/x.pdf'>{bidi}{'ค' * size}</a></main>")
    for text in (page.title, page.headings[0], page.anchors[0].text, quoted(Signal("ข้อความลิงก์", page.anchors[0].text))):
        assert len(text) <= 330 and not any(char in text for char in "\u202e\u202d\u2066\u200f")
