"""What an item page offers an assessor, and what its documents say about their year (pure).

A page's content (not its chrome: page-level navigation, header, sidebar, footer, widgets, and the
template's own links that repeat on most pages of the site) links to documents on the main host, to
other hosts, and to further main-host pages (a listing, a news post) that hold the documents on
vendor sites. Embedded viewers (<iframe>, <embed>, <object>, <video>) are evidence as links are, and
so are javascript: links that open an address. Each document's year is judged from everything the
assessor sees of it: what points to it (link text, file name) and what it says of itself (a PDF's
metadata and first page, read by OCR when it is a scan), the latter outranking the former.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from checks.findings import Finding, RuleId, Severity, severity_of
from checks.hosts import MainSite, is_channel, off_domain_message, off_site_requirement, off_site_severity
from checks.html import PageLinks, parse_page
from checks.live.http import LinkResult
from checks.live.pdf_signals import first_page_signal, metadata_signals
from generator.basics.filetypes import is_document_url
from generator.basics.thai import arabic_digits
from generator.basics.weburl import parse_web_url, url_path, viewed_file
from generator.model import Catalogue, ItemSpec, YearRule
from generator.model.yearrules import explain
from generator.model.years import Authority, Fit, Judgement, Signal, claims_in, judge, judge_any, quoted

TEMPLATE_SHARE = 0.6  # a link on this share of an audit's item pages (at least three) is the site's template
TEMPLATE_WORDS = {"หน้าแรก", "หน้าหลัก", "เข้าสู่ระบบ", "ออกจากระบบ", "สมัครสมาชิก", "ติดต่อเรา", "ติดต่อ", "แผนผังเว็บไซต์",
                  "home", "login", "log in", "sign in", "logout", "register", "contact", "contact us", "sitemap"}
# How a page names the assessment year it is the ITA page of: "ITA 2568", "OIT ปี 2568", /ita2568/, /ita/2568/.
ITA_YEAR_TEXT = re.compile(r"(?:ITA|OIT)\s*(?:ปี|ประจำปี)?\s*(?:พ\.ศ\.)?\s*(25\d\d)", re.IGNORECASE)
ITA_YEAR_PATH = re.compile(r"(?:ita|oit)[-_/]?(?:[a-z-]*/)?(25\d\d)(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class Linked:
    url: str  # as a browser resolves it, without fragment; the raw href when no browser can open it
    text: str  # the link text the assessor reads
    kind: str = "a"  # a link, or an embedded viewer (iframe, embed, object…)
    heading: str = ""  # the heading it stands under (an element's, on pages this tool builds)
    context: str = ""  # the table row or list item around it

    def described(self, year: int) -> str:
        """'"สรุปผล ต.ค. 2568" (ภายใต้หัวข้อ "…" · ข้อมูลต.ค. 2568)': what it stood for, for a finding."""
        parts = []
        if self.heading and self.heading != self.text:
            parts.append(f'ภายใต้หัวข้อ "{self.heading[:80]}"')
        months = [claim for claim in claims_in(self.text, year) if claim.kind.name == "MONTHS"]
        if months:
            parts.append(f"ข้อมูล{months[0].written}")
        label = f'"{self.text[:80]}"' if self.text else "ลิงก์"
        return label + (f" ({' · '.join(parts)})" if parts else "")


@dataclass
class PageEvidence:
    documents: list[Linked] = field(default_factory=list)  # on the main host
    elsewhere: list[Linked] = field(default_factory=list)  # on other hosts
    pages: list[Linked] = field(default_factory=list)  # main-host pages that may hold more evidence
    broken: list[Linked] = field(default_factory=list)  # meant as web links, openable by no browser


def _base(page: LinkResult, parsed: PageLinks) -> str:
    """What the page's relative links resolve against: its <base href>, else where it was served from."""
    served = page.final_url or page.url
    if parsed.base:
        base = parse_web_url(parsed.base, served)
        if base is not None:
            return base.href
    return served


def _resolved(href: str, base: str) -> str | None:
    target = parse_web_url(href, base)
    url = target.href.split("#")[0] if target else None
    return (viewed_file(url) or url) if url else None  # a PDF viewer page is the file it shows


def template_links(pages: list[LinkResult]) -> frozenset[str]:
    """Links of the site's template: in the content of most of an audit's item pages (its home, login and
    contact links, in a theme that marks no landmark). Evidence is what an item page adds to its template;
    a menu link that one page's content repeats (a news button over the menu's news link) stays evidence."""
    html_pages = [page for page in pages if page.body]
    if len(html_pages) < 3:
        return frozenset()
    counts: Counter[str] = Counter()
    for page in html_pages:
        parsed = parse_page(page.body)
        base = _base(page, parsed)
        counts.update({url for anchor in parsed.content_anchors() if anchor.kind == "a"
                       if (url := _resolved(anchor.href, base))})
    return frozenset(url for url, count in counts.items() if count >= TEMPLATE_SHARE * len(html_pages))


def evidence_of(page: LinkResult, main: MainSite, template: frozenset[str] = frozenset()) -> PageEvidence:
    """The links and embeds of a page's content, sorted by what the audit does with them."""
    found = PageEvidence()
    parsed = parse_page(page.body)
    base = _base(page, parsed)
    seen = {base.split("#")[0], (page.final_url or page.url).split("#")[0]}
    for anchor in parsed.content_anchors():
        url = _resolved(anchor.href, base)
        if url is None:
            if anchor.href.strip().lower().startswith(("http:", "https:")):
                found.broken.append(Linked(anchor.href, anchor.text, anchor.kind, anchor.heading, anchor.context))
            continue
        template_word = anchor.text.strip().casefold() in TEMPLATE_WORDS and not is_document_url(url)
        if url in seen or (anchor.kind == "a" and (url in template or template_word)):
            continue
        seen.add(url)
        linked = Linked(url, anchor.text, anchor.kind, anchor.heading, anchor.context)
        if not main.contains(url):
            found.elsewhere.append(linked)
        elif is_document_url(url):
            found.documents.append(linked)
        elif anchor.kind == "a" or anchor.kind == "script" or anchor.kind == "iframe":
            found.pages.append(linked)
        else:
            found.documents.append(linked)  # an embedded file of another kind: the file itself
    return found


def ita_year_of(page: LinkResult) -> int | None:
    """The assessment year a page says it is the ITA page of (its address, title, first heading), if any."""
    path = unquote(url_path(page.final_url or page.url))
    found = ITA_YEAR_PATH.search(arabic_digits(path))
    if found:
        return int(found.group(1))
    parsed = parse_page(page.body) if page.body else None
    for text in ((parsed.title, *parsed.headings[:1]) if parsed else ()):
        found = ITA_YEAR_TEXT.search(arabic_digits(text))
        if found:
            return int(found.group(1))
    return None


# ---- years ------------------------------------------------------------------------------


def page_signals(page: LinkResult) -> list[Signal]:
    """What an evidence page says of itself: its title and headings, and its text (the dates of a news list)."""
    parsed = parse_page(page.body)
    signals = [Signal("หัวเรื่องของหน้า", text, Authority.DOCUMENT) for text in (parsed.title, *parsed.headings) if text]
    if parsed.text:
        signals.append(Signal("ข้อความในหน้า", parsed.text, Authority.DOCUMENT, titles=False))
    return signals


def is_pdf(result: LinkResult) -> bool:
    return result.head.startswith(b"%PDF")


def document_signals(linked: Linked, result: LinkResult) -> list[Signal]:
    """What is read without parsing: the link text and the file name (as written and decoded), which point
    to the document, and a PDF's own metadata in its first bytes."""
    raw_name = PurePosixPath(url_path(linked.url)).name
    signals = [Signal("ข้อความลิงก์", linked.text), Signal("ชื่อไฟล์", raw_name)]
    if unquote(raw_name) != raw_name:
        signals.append(Signal("ชื่อไฟล์", unquote(raw_name)))
    if result.file_name and result.file_name not in (raw_name, unquote(raw_name)):
        signals.append(Signal("ชื่อไฟล์", result.file_name))  # the name the server saves it as (download.php?id=…)
    return signals + (metadata_signals(result.head) if is_pdf(result) else [])


def deeper_signals(result: LinkResult, tail: bytes) -> list[Signal]:
    """What costs more: page 1 of a PDF (parsed), and the metadata in its last bytes."""
    page = first_page_signal(result.head) if is_pdf(result) else None
    return ([page] if page else []) + metadata_signals(tail)


def unread_findings(linked: Linked, item: str, problem: str) -> list[Finding]:
    """A scanned document whose words could not be read: the year is unknown, never a pass."""
    return [Finding(RuleId.UNVERIFIED, Severity.WARNING, item, f"{linked.url} {problem}", url=linked.url)] if problem else []


THAI_DIGIT_RUN = re.compile("[๐-๙][๐-๙,./-]*")
UNREADABLE_DIGITS = "(เลขไทยที่อ่านจากภาพไม่แน่นอน)"


def scan_signal(text: str) -> Signal:
    """What OCR read of a scanned first page: the document's own words. Tesseract's Thai model misreads
    Thai digits too often (๖ as ๒, ๙ as ๕) for a year in them to count either way, so they are masked and
    quoted as unreadable; Arabic digits can show a fit, never another year."""
    return Signal("ข้อความในภาพหน้าแรก (อ่านด้วย OCR)", THAI_DIGIT_RUN.sub(UNREADABLE_DIGITS, text),
                  Authority.DOCUMENT, titles=False, uncertain=True)


def _said(judgement: Judgement) -> str:
    text = quoted(judgement.signal, judgement.claim) if judgement.signal else ""
    if judgement.overruled:
        text += f" (แม้{quoted(judgement.overruled)} ระบุต่างออกไป ผู้ตรวจถือตามที่เอกสารระบุ)"
    return text


def _read(sets: list[list[Signal]]) -> str:
    """What was read, quoted briefly: for a year-unclear finding to show the reader what it looked at."""
    texts, seen = [], set()
    # The documents first (what the document says of itself before what points to it), then the page.
    for signals in [*sets[1:], sets[0]] if sets else []:
        for signal in sorted(signals, key=lambda signal: -signal.authority):
            if signal.text and signal.authority is not Authority.INCIDENTAL and signal.text not in seen:
                seen.add(signal.text)
                texts.append(quoted(signal))
    texts = texts[:4]
    return f" (อ่านจาก: {'; '.join(texts)})" if texts else ""


def year_findings(spec: ItemSpec, catalogue: Catalogue, item_page: LinkResult,
                  documents: list[tuple[Linked, list[Signal]]], beyond: Sequence[Signal] = ()) -> list[Finding]:
    """wrong-year for each document (or the pages, when there is none: the item page and the main-host pages
    it leads to, ``beyond``) that states another period than every
    rule of the item's elements; year-unclear when nothing the item shows names a year, or when no document
    fits the rule some of its elements ask for (the audit cannot tell which document stands for which)."""
    year = catalogue.year
    dated_rules = [rule for rule in spec.rules if rule is not YearRule.IN_FORCE]
    if not dated_rules:
        return []
    findings = []
    wanted = " หรือ".join(explain(rule, year) for rule in dated_rules)
    heading_signals = page_signals(item_page) + list(beyond)  # the item page and the pages it leads to
    judged = [(item_page.url, heading_signals)] if not documents else [(linked.url, signals)
                                                                        for linked, signals in documents]
    for url, signals in judged:
        _, judgement = judge_any(spec.rules, year, signals)  # an element that takes any year takes this document
        what = "แสดงข้อมูลของปีอื่น" if url == item_page.url else "เป็นเอกสารของปีอื่น"
        if judgement.fit is Fit.WRONG:
            findings.append(Finding(RuleId.WRONG_YEAR, severity_of(spec.year_requirement, catalogue), spec.id,
                                    f"{url} {what}: {_said(judgement)} แต่รายการนี้ต้องเป็น{wanted} "
                                    "ให้เปลี่ยนเป็นเอกสารของปีที่ถูกต้อง", url=url, basis=spec.year_requirement))
        elif judgement.fit is Fit.DOUBT:
            findings.append(Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, spec.id,
                                    f"{url} ระบุปีไม่ชัด: {_said(judgement)} ซึ่งอยู่ในปีงบประมาณอื่น ผู้ตรวจอาจตัดสินว่า"
                                    f"ไม่ใช่ข้อมูลของปี {year} ให้ระบุปีงบประมาณในหัวเรื่องหรือชื่อเอกสาร", url=url,
                                    basis=spec.year_requirement))
    sets = [heading_signals, *(signals for _, signals in documents)]
    verdicts = {rule: [judge(rule, year, signals).fit for signals in sets] for rule in dated_rules}
    if all(fit is Fit.UNDATED for fits in verdicts.values() for fit in fits):
        return [*findings, Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, spec.id,
                                   f"{item_page.url} และเอกสารที่ลิงก์ไว้ไม่ระบุปีใดเลย{_read(sets)} ผู้ตรวจอาจตัดสินว่า"
                                   f"ไม่ใช่ข้อมูลของปี {year} ให้ระบุปีงบประมาณในหัวเรื่องหรือชื่อเอกสาร", url=item_page.url,
                                   basis=spec.year_requirement)]
    if len(spec.rules) > 1:  # one rule: each document that does not fit it is reported above
        for rule, fits in verdicts.items():
            if Fit.FITS not in fits:
                labels = ", ".join(f'"{element.label}"' for element in spec.elements if spec.rule_of(element) is rule)
                findings.append(Finding(RuleId.YEAR_UNCLEAR, Severity.WARNING, spec.id,
                                        f"{item_page.url} ไม่มีเอกสารที่ระบุว่าเป็น{explain(rule, year)} สำหรับองค์ประกอบ "
                                        f"{labels}{_read(sets)} ให้ตรวจว่ามีเอกสารนี้และระบุปีในชื่อเอกสาร",
                                        url=item_page.url, basis=spec.year_requirement))
    return findings


def other_year_finding(spec: ItemSpec, catalogue: Catalogue, page: LinkResult, page_year: int,
                       via: str = "") -> Finding:
    """A page of the unit's ITA center of another assessment year, linked or submitted for this one."""
    dated = any(rule is not YearRule.IN_FORCE for rule in spec.rules)
    return Finding(RuleId.WRONG_YEAR, severity_of(spec.year_requirement, catalogue) if dated else Severity.NOTE,
                   spec.id, f"{page.url}{via} เป็นหน้า ITA ของปี {page_year} ไม่ใช่ปี {catalogue.year} "
                   f"ผู้ตรวจจะถือว่าเป็นข้อมูลของปี {page_year} ให้ลิงก์ไปยังหน้าของปี {catalogue.year}",
                   url=page.url, basis=spec.year_requirement if dated else None)


# ---- other hosts -------------------------------------------------------------------------


def elsewhere_finding(linked: Linked, item: str, page: str, main_host: str, catalogue: Catalogue, *,
                      beside_evidence: bool = False) -> Finding:
    """Evidence on another host, judged by hosts.off_site_requirement (the rule ``ita check`` applies too)."""
    requirement = off_site_requirement(linked.url, is_document=is_document_url(linked.url), alone=not beside_evidence,
                                       catalogue=catalogue)
    severity = off_site_severity(requirement, catalogue)
    what = "ฝัง" if linked.kind not in ("a", "script") else "ลิงก์ไปยัง"
    if requirement is None and is_channel(linked.url):
        return Finding(RuleId.OFF_DOMAIN, Severity.NOTE, item,
                       f"หน้า {page} มีลิงก์ไปยังช่องทางภายนอก {linked.url} ข้างหลักฐานบนเว็บไซต์หลัก (ไม่นับเป็นหลักฐาน "
                       "และไม่ทำให้เสียคะแนน)", url=linked.url)
    if requirement is None:
        return Finding(RuleId.OFF_DOMAIN, Severity.NOTE, item,
                       f"หน้า {page} ลิงก์ไปยังหน้าเว็บของหน่วยงานอื่น {linked.url} (ไม่นับเป็นหลักฐาน "
                       "ถ้าข้อมูลที่ต้องเปิดเผยอยู่ที่นั่น ให้นำขึ้นเว็บไซต์หลักด้วย)", url=linked.url)
    alone = "" if beside_evidence else " และหน้านี้ไม่มีหลักฐานอื่นบนเว็บไซต์หลัก"
    return Finding(RuleId.OFF_DOMAIN, severity, item,
                   f"หน้า {page} {what} {linked.url} ซึ่ง"
                   f"{off_domain_message(linked.url, main_host, certain=severity is Severity.ERROR)}{alone}",
                   url=linked.url, basis=requirement)


def broken_finding(linked: Linked, item: str, page: str) -> Finding:
    return Finding(RuleId.BAD_URL, Severity.ERROR, item,
                   f"หน้า {page} ลิงก์ไปยัง {linked.url} ซึ่งไม่ใช่ที่อยู่เว็บที่เบราว์เซอร์เปิดได้", url=linked.url)
