"""What an item page offers an assessor, and what its documents say about their year (pure).

A page's content area (not its navigation) links to documents on the main host, to other
hosts, and to further main-host pages (a listing, a news post) that hold the documents on
vendor sites. Each document's year is judged from everything the assessor sees of it: the link
text, the file name, and for PDFs their metadata and first page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from generator.basics.filetypes import is_document_url
from checks.findings import Finding, RuleId, Severity, severity_of
from checks.hosts import MainSite, off_domain_message, off_domain_severity
from checks.html import parse_page
from checks.live.http import LinkResult
from checks.live.pdf_signals import first_page_signal, metadata_signals
from generator.model.years import Authority, Fit, Judgement, Signal, judge, judge_any, quoted
from generator.model import Catalogue, ItemSpec, YearRule
from generator.model.yearrules import explain
from generator.basics.weburl import parse_web_url

@dataclass(frozen=True)
class Linked:
    url: str  # as a browser resolves it, without fragment; the raw href when no browser can open it
    text: str  # the link text the assessor reads


@dataclass
class PageEvidence:
    documents: list[Linked] = field(default_factory=list)  # on the main host
    elsewhere: list[Linked] = field(default_factory=list)  # on other hosts
    pages: list[Linked] = field(default_factory=list)  # main-host pages that may hold more evidence
    broken: list[Linked] = field(default_factory=list)  # meant as web links, openable by no browser


def evidence_of(page: LinkResult, main: MainSite) -> PageEvidence:
    """The links of a page's content area, sorted by what the audit does with them."""
    found = PageEvidence()
    base = page.final_url or page.url
    seen = {base.split("#")[0]}
    for anchor in parse_page(page.body).content_anchors():
        target = parse_web_url(anchor.href, base)
        if target is None:
            if anchor.href.strip().lower().startswith(("http:", "https:")):
                found.broken.append(Linked(anchor.href, anchor.text))
            continue
        url = target.href.split("#")[0]
        if url in seen:
            continue
        seen.add(url)
        linked = Linked(url, anchor.text)
        if not main.contains(url):
            found.elsewhere.append(linked)
        elif is_document_url(url):
            found.documents.append(linked)
        else:
            found.pages.append(linked)
    return found


# ---- years ------------------------------------------------------------------------------


def page_signals(page: LinkResult) -> list[Signal]:
    """What an evidence page says of itself: its title and headings."""
    parsed = parse_page(page.body)
    return [Signal("หัวเรื่องของหน้า", text, Authority.DOCUMENT) for text in (parsed.title, *parsed.headings) if text]


def is_pdf(result: LinkResult) -> bool:
    return result.head.startswith(b"%PDF")


def document_signals(linked: Linked, result: LinkResult) -> list[Signal]:
    """What is read without parsing: the link text and the file name (as written and decoded), which point
    to the document, and a PDF's own metadata in its first bytes."""
    raw_name = PurePosixPath(urlsplit(linked.url).path).name
    signals = [Signal("ข้อความลิงก์", linked.text), Signal("ชื่อไฟล์", raw_name)]
    if unquote(raw_name) != raw_name:
        signals.append(Signal("ชื่อไฟล์", unquote(raw_name)))
    return signals + (metadata_signals(result.head) if is_pdf(result) else [])


def deeper_signals(result: LinkResult, tail: bytes) -> list[Signal]:
    """What costs more: page 1 of a PDF (parsed), and the metadata in its last bytes."""
    page = first_page_signal(result.head) if is_pdf(result) else None
    return ([page] if page else []) + metadata_signals(tail)


def _said(judgement: Judgement) -> str:
    text = quoted(judgement.signal, judgement.claim) if judgement.signal else ""
    if judgement.overruled:
        text += f" (แม้{quoted(judgement.overruled)} ระบุต่างออกไป ผู้ตรวจถือตามที่เอกสารระบุ)"
    return text


def year_findings(spec: ItemSpec, catalogue: Catalogue, item_page: LinkResult,
                  documents: list[tuple[Linked, list[Signal]]]) -> list[Finding]:
    """wrong-year for each document (or a page without documents) that states another period than every
    rule of the item's elements; year-unclear when nothing the item shows names a year, or when no document
    fits the rule some of its elements ask for (the audit cannot tell which document stands for which)."""
    year = catalogue.year
    dated_rules = [rule for rule in spec.rules if rule is not YearRule.IN_FORCE]
    if not dated_rules:
        return []
    findings = []
    heading_signals = page_signals(item_page)
    judged = [(item_page.url, heading_signals)] if not documents else [(linked.url, signals)
                                                                        for linked, signals in documents]
    for url, signals in judged:
        _, judgement = judge_any(spec.rules, year, signals)  # an element that takes any year takes this document
        what = "แสดงข้อมูลของปีอื่น" if url == item_page.url else "เป็นเอกสารของปีอื่น"
        if judgement.fit is Fit.WRONG:
            findings.append(Finding(RuleId.WRONG_YEAR, severity_of(spec.year_requirement, catalogue), spec.id,
                                    f"{url} {what}: {_said(judgement)} แต่รายการนี้ต้องเป็นข้อมูลตามเกณฑ์ปี {year} "
                                    "ให้เปลี่ยนเป็นเอกสารของปีที่ถูกต้อง", url=url, basis=spec.year_requirement))
        elif judgement.fit is Fit.DOUBT:
            findings.append(Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, spec.id,
                                    f"{url} ระบุเพียงวันที่ {_said(judgement)} ซึ่งอยู่ในปีงบประมาณอื่น ผู้ตรวจอาจตัดสินว่า"
                                    f"ไม่ใช่ข้อมูลของปี {year} ให้ระบุปีงบประมาณในหัวเรื่องหรือชื่อเอกสาร", url=url,
                                    basis=spec.year_requirement))
    sets = [heading_signals, *(signals for _, signals in documents)]
    verdicts = {rule: [judge(rule, year, signals).fit for signals in sets] for rule in dated_rules}
    if all(fit is Fit.UNDATED for fits in verdicts.values() for fit in fits):
        return findings + [Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, spec.id,
                                   f"{item_page.url} และเอกสารที่ลิงก์ไว้ไม่ระบุปีใดเลย ผู้ตรวจอาจตัดสินว่าไม่ใช่ข้อมูลของปี "
                                   f"{year} ให้ระบุปีงบประมาณในหัวเรื่องหรือชื่อเอกสาร", url=item_page.url,
                                   basis=spec.year_requirement)]
    if len(spec.rules) > 1:  # one rule: each document that does not fit it is reported above
        for rule, fits in verdicts.items():
            if Fit.FITS not in fits:
                labels = ", ".join(f'"{element.label}"' for element in spec.elements if spec.rule_of(element) is rule)
                findings.append(Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, spec.id,
                                        f"{item_page.url} ไม่มีเอกสารที่ระบุว่าเป็น{explain(rule, year)} สำหรับองค์ประกอบ "
                                        f"{labels} ให้ตรวจว่ามีเอกสารนี้และระบุปีในชื่อเอกสาร", url=item_page.url,
                                        basis=spec.year_requirement))
    return findings


# ---- other hosts -------------------------------------------------------------------------


def elsewhere_finding(linked: Linked, item: str, page: str, main_host: str, catalogue: Catalogue) -> Finding:
    severity = off_domain_severity(linked.url, is_document=is_document_url(linked.url), catalogue=catalogue)
    if severity is not Severity.NOTE:
        return Finding(RuleId.OFF_DOMAIN, severity, item,
                       f"หน้า {page} ลิงก์ไปยัง {linked.url} ซึ่ง"
                       f"{off_domain_message(linked.url, main_host, certain=severity is Severity.ERROR)}",
                       url=linked.url, basis=catalogue.rule("off_site_evidence"))
    return Finding(RuleId.OFF_DOMAIN, severity, item,
                   f"หน้า {page} ลิงก์ไปยังหน้าเว็บของหน่วยงานอื่น {linked.url} (ไม่นับเป็นหลักฐาน "
                   "ถ้าข้อมูลที่ต้องเปิดเผยอยู่ที่นั่น ให้นำขึ้นเว็บไซต์หลักด้วย)", url=linked.url)


def broken_finding(linked: Linked, item: str, page: str) -> Finding:
    return Finding(RuleId.BAD_URL, Severity.ERROR, item,
                   f"หน้า {page} ลิงก์ไปยัง {linked.url} ซึ่งไม่ใช่ที่อยู่เว็บที่เบราว์เซอร์เปิดได้", url=linked.url)
