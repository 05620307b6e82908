"""The live, pre-assessment audit: what an assessor would get from each submitted URL.

Input is the ITAS submission list (CSV ``item,url``, several rows per item allowed) or the
deployed ITA center page. Each submitted URL is fetched as a visitor would; the evidence it
links to (documents, other hosts) is checked too. Rules over the results are pure functions.
"""

from __future__ import annotations

import asyncio
import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from checks.cache import SuccessCache
from checks.findings import Finding, Severity
from checks.hosts import MainSite, off_domain_message, service_name
from checks.html import parse_page
from checks.http import Checker, LinkResult, Outcome
from generator.errors import ErrorLog, Location
from generator.model import Catalogue

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
NOT_FOUND_WORDS = ("ไม่พบหน้า", "ไม่พบข้อมูล", "ไม่พบไฟล์", "page not found", "not found", "404", "ไม่มีหน้านี้")
LOGIN_WORDS = ("เข้าสู่ระบบ", "log in", "login", "sign in", "ลงชื่อเข้าใช้")
ITEM_TEXT = re.compile(r"(?<![A-Za-z0-9])([oO])\s?0*(\d{1,2})(?!\d)")


@dataclass(frozen=True)
class Submission:
    item: str
    url: str
    location: Location


# ---- inputs -----------------------------------------------------------------------------


def read_submissions(path: Path, display: str, catalogue: Catalogue) -> list[Submission]:
    """Rows of an ITAS CSV; any bad row is reported with its line (InvalidContent)."""
    log = ErrorLog()
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    reader = csv.reader(rows)
    header = [cell.strip().lower() for cell in next(reader, [])]
    if header[:2] != ["item", "url"]:
        log.add(Location(display, 1), "", 'บรรทัดแรกต้องเป็นหัวตาราง "item,url"')
        log.raise_if_any()
    ids = {spec.id.casefold(): spec.id for spec in catalogue.items}
    submissions = []
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        item, url = (row + ["", ""])[:2]
        location = Location(display, line)
        known = ids.get(item.strip().casefold())
        if known is None:
            log.add(location, "item", f'ไม่มีรายการ "{item.strip()}" ในเกณฑ์ปี {catalogue.year}')
        elif urlsplit(url.strip()).scheme not in ("http", "https"):
            log.add(location, "url", f'"{url.strip()}" ไม่ใช่ที่อยู่เว็บที่ขึ้นต้นด้วย https:// หรือ http://')
        else:
            submissions.append(Submission(known, url.strip(), location))
    log.raise_if_any()
    return submissions


def submissions_from_page(page: LinkResult, catalogue: Catalogue) -> list[Submission]:
    """Item URLs linked from an ITA center page: by this project's layout, else by the item id in the link text."""
    anchors = parse_page(page.body).content_anchors()
    by_number = {int(re.sub(r"\D", "", spec.id)): spec for spec in catalogue.items}
    found: dict[str, str] = {}
    for anchor in anchors:
        url = urljoin(page.final_url or page.url, anchor.href)
        parts = PurePosixPath(urlsplit(url).path).parts
        by_layout = next((spec for spec in catalogue.items
                          if parts[-2:] == (str(catalogue.year), spec.slug)), None)
        match = ITEM_TEXT.search(anchor.text)
        spec = by_layout or (by_number.get(int(match.group(2))) if match else None)
        if spec and spec.id not in found:
            found[spec.id] = url
    where = Location(page.url)
    return [Submission(spec.id, found[spec.id], where) for spec in catalogue.items if spec.id in found]


# ---- rules over results (pure) ----------------------------------------------------------


def soft_404_reason(result: LinkResult) -> str | None:
    if result.outcome is not Outcome.OK or "html" not in result.content_type or not result.body:
        return None
    page = parse_page(result.body)
    visible = " ".join([page.title, *page.headings]).lower()
    if page.has_password_field or any(word in visible for word in LOGIN_WORDS):
        return "เป็นหน้าเข้าสู่ระบบ (ผู้ตรวจต้องเห็นข้อมูลได้โดยไม่ต้องเข้าสู่ระบบ)"
    if any(word in visible for word in NOT_FOUND_WORDS):
        return f'แสดงข้อความว่าไม่พบหน้า ("{page.title or page.headings[0]}")'
    return None


def _suffix(url: str) -> str:
    return PurePosixPath(unquote(urlsplit(url).path)).suffix.lower()


def link_findings(result: LinkResult, item: str | None, main: MainSite, main_host: str) -> list[Finding]:
    url = result.url
    final = result.final_url or url
    found = []
    if final != url and not main.contains(final):
        found.append(Finding("redirect-off-domain", Severity.ERROR, item,
                             f"{url} เปลี่ยนเส้นทางไปที่ {final} ซึ่ง{off_domain_message(final, main_host)}", url=url))
    problems = {
        Outcome.DEAD: ("dead-link", Severity.ERROR,
                       "ให้ตรวจว่าไฟล์หรือหน้ายังอยู่และที่อยู่ไม่เปลี่ยน (ผู้ตรวจใช้ลิงก์ที่ส่งไว้ในระบบ ITAS)"),
        Outcome.TIMEOUT: ("timeout", Severity.ERROR,
                          "เว็บไซต์อาจช้าหรือล่มในวันที่ตรวจ ให้ผู้ดูแลเว็บไซต์ตรวจเครื่องแม่ข่าย"),
        Outcome.TLS: ("tls-error", Severity.ERROR,
                      "เบราว์เซอร์ของผู้ตรวจจะเตือนว่าไม่ปลอดภัย ให้ผู้ดูแลเว็บไซต์ติดตั้งหรือต่ออายุใบรับรองให้ถูกต้อง"),
        Outcome.RATE_LIMITED: ("rate-limited", Severity.WARNING, "ให้ตรวจซ้ำภายหลัง"),
        Outcome.FORBIDDEN: ("forbidden", Severity.WARNING, "ให้เปิดตรวจด้วยตนเองจากเครื่องภายนอกหน่วยงาน"),
    }
    if result.outcome in problems:
        rule, severity, advice = problems[result.outcome]
        found.append(Finding(rule, severity, item, f"{url}: {result.detail} {advice}", url=url))
        return found
    reason = soft_404_reason(result)
    if reason:
        found.append(Finding("soft-404", Severity.ERROR, item, f"{url} เปิดได้แต่{reason}", url=url))
    else:
        found += content_type_findings(result, item)
    return found


def content_type_findings(result: LinkResult, item: str | None) -> list[Finding]:
    suffix = _suffix(result.url)
    expected = DOCUMENT_TYPES.get(suffix)
    kind = result.content_type
    if expected is None or not kind or kind in expected | GENERIC_TYPES:
        return []
    name = suffix.lstrip(".").upper()
    if "html" in kind:
        return [Finding("wrong-content-type", Severity.ERROR, item,
                        f"{result.url} ควรเป็นไฟล์ {name} แต่เว็บไซต์ส่งหน้าเว็บกลับมา "
                        "(อาจเป็นหน้าแจ้งข้อผิดพลาดหรือหน้าเข้าสู่ระบบ)", url=result.url)]
    return [Finding("wrong-content-type", Severity.WARNING, item,
                    f"{result.url} ควรเป็นไฟล์ {name} แต่เว็บไซต์แจ้งชนิดไฟล์เป็น {kind} "
                    "ให้ตรวจว่าเปิดไฟล์ได้ถูกต้อง", url=result.url)]


def evidence_links(page: LinkResult, main: MainSite) -> list[str]:
    """Documents and other-host links in the content of an item page."""
    base = page.final_url or page.url
    links = []
    for anchor in parse_page(page.body).content_anchors():
        url = urljoin(base, anchor.href).split("#")[0]
        if urlsplit(url).scheme not in ("http", "https") or url in links:
            continue
        if _suffix(url) in DOCUMENT_SUFFIXES or not main.contains(url):
            links.append(url)
    return links


def submitted_off_domain(submission: Submission, main_host: str) -> Finding:
    return Finding("off-domain", Severity.ERROR, submission.item,
                   f"URL ที่ส่ง {submission.url} {off_domain_message(submission.url, main_host)}",
                   url=submission.url, location=submission.location)


def evidence_off_domain(url: str, item: str, page: str, main_host: str) -> Finding:
    # A known file or social service stands in for a disclosure; another agency's site may be an extra channel.
    severity = Severity.ERROR if service_name(url) else Severity.WARNING
    return Finding("off-domain", severity, item, f"หน้า {page} ลิงก์ไปยัง {url} ซึ่ง{off_domain_message(url, main_host)}",
                   url=url)


# ---- the run ----------------------------------------------------------------------------


@dataclass
class Audit:
    checker: Checker
    cache: SuccessCache
    main: MainSite
    main_host: str
    now: datetime
    on_checked: Callable[[int], None] = lambda _: None  # called with the number of new URLs to count
    _tasks: dict[tuple[str, bool], asyncio.Task[LinkResult]] = field(default_factory=dict)

    async def _check(self, url: str, *, page: bool) -> LinkResult:
        cached = None if page else self.cache.get(url, self.now)
        if cached:
            return cached
        result = await self.checker.check(url, page=page)
        self.cache.put(result, self.now)
        return result

    def check(self, url: str, *, page: bool) -> asyncio.Task[LinkResult]:
        """One check per URL for the whole audit, however many items link to it."""
        key = (url, page)
        if key not in self._tasks:
            task = asyncio.ensure_future(self._check(url, page=page))
            task.add_done_callback(lambda _: self.on_checked(1))
            self._tasks[key] = task
        return self._tasks[key]

    async def item_findings(self, submission: Submission) -> list[Finding]:
        if not self.main.contains(submission.url):
            return [submitted_off_domain(submission, self.main_host)]
        result = await self.check(submission.url, page=True)
        findings = [replace(f, location=submission.location)
                    for f in link_findings(result, submission.item, self.main, self.main_host)]
        if findings or "html" not in result.content_type:
            return findings
        evidence = evidence_links(result, self.main)
        on_site = [url for url in evidence if self.main.contains(url)]
        findings += [evidence_off_domain(url, submission.item, submission.url, self.main_host)
                     for url in evidence if url not in on_site]
        for document in await asyncio.gather(*(self.check(url, page=False) for url in on_site)):
            findings += link_findings(document, submission.item, self.main, self.main_host)
        return findings

    async def run(self, submissions: list[Submission], catalogue: Catalogue) -> list[Finding]:
        submitted = {submission.item for submission in submissions}
        findings = [Finding("missing-item", Severity.ERROR, spec.id,
                            f"ไม่มี URL ของรายการ {spec.id} {spec.title} ในรายการที่ส่ง ผู้ตรวจจะถือว่าไม่มีข้อมูล")
                    for spec in catalogue.items if spec.id not in submitted]
        for found in await asyncio.gather(*(self.item_findings(submission) for submission in submissions)):
            findings += found
        return findings
