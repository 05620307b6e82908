"""What an item page offers an assessor, and what its documents say about their year (pure).

A page's content area (not its navigation) links to documents on the main host, to other
hosts, and to further main-host pages (a listing, a news post) that hold the documents on
vendor sites. Each document's year is judged from everything the assessor sees of it: the link
text, the file name, and for PDFs their metadata and first page.
"""

from __future__ import annotations

from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from checks.findings import Finding, Severity
from checks.hosts import MainSite, off_domain_message, off_domain_severity
from checks.html import parse_page
from checks.live.http import LinkResult
from checks.live.pdf_signals import first_page_signal, metadata_signals
from generator.model.years import Fit, Signal, judge
from generator.model import ItemSpec
from generator.basics.weburl import parse_web_url

# The content types a document's extension claims. Generic binary types are accepted too:
# many municipal servers send them for every file, and browsers still download the file.
GENERIC_TYPES = {"application/octet-stream", "binary/octet-stream", "application/force-download", "application/download"}
DOCUMENT_TYPES = {
    ".pdf": {"application/pdf", "application/x-pdf"},
    ".doc": {"application/msword"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".xls": {"application/vnd.ms-excel"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel"},
    ".ppt": {"application/vnd.ms-powerpoint"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    ".csv": {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"},
    ".zip": {"application/zip", "application/x-zip-compressed"},
    ".rar": {"application/vnd.rar", "application/x-rar-compressed", "application/x-rar"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".gif": {"image/gif"},
}
DOCUMENT_SUFFIXES = set(DOCUMENT_TYPES)


@lru_cache(maxsize=65536)
def suffix_of(url: str) -> str:
    """The file extension of the URL's last path segment, as PurePosixPath would give it, lower case."""
    segments = [segment for segment in unquote(urlsplit(url).path).split("/") if segment not in ("", ".")]
    name = segments[-1] if segments else ""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def is_document_url(url: str) -> bool:
    return suffix_of(url) in DOCUMENT_SUFFIXES


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
    parsed = parse_page(page.body)
    return [Signal("หัวเรื่องของหน้า", text) for text in (parsed.title, *parsed.headings) if text]


def is_pdf(result: LinkResult) -> bool:
    return result.head.startswith(b"%PDF")


def document_signals(linked: Linked, result: LinkResult) -> list[Signal]:
    """What is cheap to read: the link text, the file name (as written and decoded), a PDF's metadata
    in its first bytes."""
    raw_name = PurePosixPath(urlsplit(linked.url).path).name
    signals = [Signal("ข้อความลิงก์", linked.text), Signal("ชื่อไฟล์", raw_name)]
    if unquote(raw_name) != raw_name:
        signals.append(Signal("ชื่อไฟล์", unquote(raw_name)))
    return signals + (metadata_signals(result.head) if is_pdf(result) else [])


def deeper_signals(result: LinkResult, tail: bytes) -> list[Signal]:
    """What costs more: page 1 of a PDF (parsed), and the metadata in its last bytes."""
    page = first_page_signal(result.head) if is_pdf(result) else None
    return ([page] if page else []) + metadata_signals(tail)


def _quoted(signal: Signal) -> str:
    return f'{signal.source} "{" ".join(signal.text.split())[:120]}"'


def year_findings(spec: ItemSpec, year: int, item_page: LinkResult,
                  documents: list[tuple[Linked, list[Signal]]]) -> list[Finding]:
    """wrong-year for each document (or a page without documents) whose every dated signal names
    another year than the rule; year-unclear when nothing the item shows names a year at all."""
    findings = []
    heading_signals = page_signals(item_page)
    for linked, signals in documents:
        fit, decided = judge(spec.year_rule, year, signals)
        if fit is Fit.WRONG and decided:
            findings.append(Finding("wrong-year", Severity.ERROR, spec.id,
                                    f"{linked.url} เป็นเอกสารของปีอื่น: {_quoted(decided)} แต่รายการนี้ต้องเป็น"
                                    f"ข้อมูลตามเกณฑ์ปี {year} ให้เปลี่ยนเป็นเอกสารของปีที่ถูกต้อง", url=linked.url))
    if not documents:
        fit, decided = judge(spec.year_rule, year, heading_signals)
        if fit is Fit.WRONG and decided:
            findings.append(Finding("wrong-year", Severity.ERROR, spec.id,
                                    f"{item_page.url} แสดงข้อมูลของปีอื่น: {_quoted(decided)} "
                                    f"แต่รายการนี้ต้องเป็นข้อมูลตามเกณฑ์ปี {year}", url=item_page.url))
    every_signal = heading_signals + [signal for _, signals in documents for signal in signals]
    if judge(spec.year_rule, year, every_signal)[0] is Fit.UNDATED:
        findings.append(Finding("year-unclear", Severity.WARNING, spec.id,
                                f"{item_page.url} และเอกสารที่ลิงก์ไว้ไม่ระบุปีใดเลย ผู้ตรวจอาจตัดสินว่าไม่ใช่ข้อมูลของปี "
                                f"{year} ให้ระบุปีงบประมาณในหัวเรื่องหรือชื่อเอกสาร", url=item_page.url))
    return findings


# ---- other hosts -------------------------------------------------------------------------


def elsewhere_finding(linked: Linked, item: str, page: str, main_host: str) -> Finding:
    severity = off_domain_severity(linked.url, is_document=is_document_url(linked.url))
    if severity is Severity.ERROR:
        return Finding("off-domain", severity, item,
                       f"หน้า {page} ลิงก์ไปยัง {linked.url} ซึ่ง{off_domain_message(linked.url, main_host)}",
                       url=linked.url)
    return Finding("off-domain", severity, item,
                   f"หน้า {page} ลิงก์ไปยังหน้าเว็บของหน่วยงานอื่น {linked.url} (ไม่นับเป็นหลักฐาน "
                   "ถ้าข้อมูลที่ต้องเปิดเผยอยู่ที่นั่น ให้นำขึ้นเว็บไซต์หลักด้วย)", url=linked.url)


def broken_finding(linked: Linked, item: str, page: str) -> Finding:
    return Finding("bad-url", Severity.ERROR, item,
                   f"หน้า {page} ลิงก์ไปยัง {linked.url} ซึ่งไม่ใช่ที่อยู่เว็บที่เบราว์เซอร์เปิดได้", url=linked.url)
