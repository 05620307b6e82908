"""The live, pre-assessment audit: what an assessor would get from each submitted URL.

Input is the ITAS submission list (CSV ``item,url``, several rows per item allowed) or the
deployed ITA center page. Each submitted URL is fetched as a visitor would; the evidence it
links to (documents, other hosts) is checked too. Rules over the results are pure functions.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from checks.live.cache import SuccessCache
from checks.live.evidence import (
    Linked,
    PageEvidence,
    broken_finding,
    deeper_signals,
    document_signals,
    elsewhere_finding,
    evidence_of,
    is_pdf,
    year_findings,
)
from checks.findings import Finding, RuleId, Severity
from checks.hosts import MainSite, off_domain_message
from checks.html import parse_page
from checks.live.http import Checker, LinkResult, Outcome
from checks.live.pdf_signals import metadata_signals
from generator.model.years import Signal
from generator.basics.errors import ConfigError, Location
from generator.basics.filetypes import DOCUMENT_SUFFIXES, DOCUMENT_TYPES, GENERIC_TYPES, document_problem, is_document_url, suffix_of
from generator.model import Catalogue, ItemSpec, YearRule
from generator.basics.textfile import csv_rows
from generator.basics.weburl import parse_web_url, web_url_problem

NOT_FOUND_WORDS = ("ไม่พบหน้า", "ไม่พบข้อมูล", "ไม่พบไฟล์", "page not found", "not found", "404", "ไม่มีหน้านี้")
LOGIN_WORDS = ("เข้าสู่ระบบ", "log in", "login", "sign in", "ลงชื่อเข้าใช้")
ITEM_TEXT = re.compile(r"(?<![A-Za-z0-9])([oO])\s?0*(\d{1,2})(?!\d)")


@dataclass(frozen=True)
class Submission:
    item: str
    url: str
    location: Location


# ---- inputs -----------------------------------------------------------------------------


def read_submissions(path: Path, display: str, catalogue: Catalogue) -> tuple[list[Submission], list[Finding]]:
    """Rows of an ITAS CSV: the rows to audit, and a finding for each row that cannot be (with its line)."""
    submissions, findings = [], []
    for line, (item, url) in csv_rows(path, display, ["item", "url"]):
        location = Location(display, line)
        spec = catalogue.item(item)
        problem = web_url_problem(url)
        if spec is None:
            findings.append(Finding(RuleId.UNKNOWN_ITEM, Severity.ERROR, None,
                                    f'แถวนี้เป็นรายการ "{item}" ซึ่งไม่มีในเกณฑ์ปี {catalogue.year} '
                                    "(พิมพ์รหัสผิดหรือใช้รหัสของปีอื่น) จึงไม่ได้ตรวจ", url=url, location=location))
        elif problem:
            findings.append(Finding(RuleId.BAD_URL, Severity.ERROR, spec.id, f"URL ที่ส่ง: {problem}", url=url,
                                    location=location))
        else:
            submissions.append(Submission(spec.id, url, location))
    return submissions, findings


def submissions_from_page(page: LinkResult, catalogue: Catalogue) -> list[Submission]:
    """Item URLs linked from an ITA center page: by this project's layout, else by the item id in the link
    text; for one item, a link to an HTML page beats a link to a document whose text starts with the id."""
    by_number = {int(re.sub(r"\D", "", spec.id)): spec for spec in catalogue.items}
    found: dict[str, tuple[int, str]] = {}  # item id → (preference, url); lower is better
    for anchor in parse_page(page.body).content_anchors():
        target = parse_web_url(anchor.href, page.final_url or page.url)
        if target is None:
            continue
        url = target.href
        parts = PurePosixPath(urlsplit(url).path).parts
        by_layout = next((spec for spec in catalogue.items
                          if parts[-2:] == (str(catalogue.year), spec.slug)), None)
        match = ITEM_TEXT.search(anchor.text)
        spec = by_layout or (by_number.get(int(match.group(2))) if match else None)
        if spec is None:
            continue
        preference = 0 if by_layout else 2 if is_document_url(url) else 1
        if spec.id not in found or preference < found[spec.id][0]:
            found[spec.id] = (preference, url)
    where = Location(page.url)
    return [Submission(spec.id, found[spec.id][1], where) for spec in catalogue.items if spec.id in found]


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


def link_findings(result: LinkResult, item: str | None, main: MainSite, main_host: str) -> list[Finding]:
    url = result.url
    final = result.final_url or url
    found = []
    if final != url and result.outcome is not Outcome.BAD_URL and not main.contains(final):
        found.append(Finding(RuleId.REDIRECT_OFF_DOMAIN, Severity.ERROR, item,
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
        Outcome.BAD_URL: ("bad-url", Severity.ERROR, "ให้แก้ลิงก์เป็นที่อยู่เว็บที่ถูกต้องซึ่งเปิดได้ในเบราว์เซอร์"),
        Outcome.UNKNOWN: ("unverified", Severity.WARNING, ""),
    }
    if result.outcome in problems:
        rule, severity, advice = problems[result.outcome]
        found.append(Finding(rule, severity, item, f"{url}: {result.detail} {advice}".rstrip(), url=url))
        return found
    reason = soft_404_reason(result)
    if reason:
        found.append(Finding(RuleId.SOFT_404, Severity.ERROR, item, f"{url} เปิดได้แต่{reason}", url=url))
    else:
        found += content_type_findings(result, item) or document_findings(result, item)
    return found


def _documentsuffix_of(result: LinkResult) -> str | None:
    """The document type of a result: by its URL's extension, else by the content type the server sent."""
    suffix = suffix_of(result.final_url or result.url)
    if suffix in DOCUMENT_SUFFIXES:
        return suffix
    return next((known for known, types in DOCUMENT_TYPES.items() if result.content_type in types), None)


def document_findings(result: LinkResult, item: str | None) -> list[Finding]:
    """A document URL whose bytes are empty or of another kind than its extension (judged on the first bytes)."""
    suffix = _documentsuffix_of(result)
    if suffix is None or result.from_cache or not (result.head or result.complete):
        return []
    problem = document_problem(suffix, result.head, len(result.head) if result.complete else None)
    return [Finding(RuleId.BAD_DOCUMENT, Severity.ERROR, item, f"{result.url} {problem}", url=result.url)] if problem else []


def item_page_findings(result: LinkResult, item: str) -> list[Finding]:
    """An item page that opens but shows the assessor nothing, or that the audit cannot read."""
    if result.status == 204 or (result.complete and not result.head):
        return [Finding(RuleId.SOFT_404, Severity.ERROR, item,
                        f"{result.url} เปิดได้แต่ไม่มีเนื้อหา (ตอบ {result.status}) ผู้ตรวจจะเห็นหน้าว่าง", url=result.url)]
    if "html" in result.content_type:
        return []
    if _documentsuffix_of(result):  # a document submitted as the item's URL: the assessor opens the file
        return document_findings(result, item)
    kind = result.content_type or "ไม่ระบุชนิด"
    return [Finding(RuleId.UNVERIFIED, Severity.WARNING, item,
                    f"{result.url} ไม่ใช่หน้าเว็บ ({kind}) จึงตรวจหลักฐานในหน้าไม่ได้ "
                    "ให้ส่ง URL ของหน้ารายการที่แสดงหลักฐาน", url=result.url)]


def content_type_findings(result: LinkResult, item: str | None) -> list[Finding]:
    suffix = suffix_of(result.url)
    expected = DOCUMENT_TYPES.get(suffix)
    kind = result.content_type
    if expected is None or not kind or kind in expected | GENERIC_TYPES:
        return []
    name = suffix.lstrip(".").upper()
    if "html" in kind:
        return [Finding(RuleId.WRONG_CONTENT_TYPE, Severity.ERROR, item,
                        f"{result.url} ควรเป็นไฟล์ {name} แต่เว็บไซต์ส่งหน้าเว็บกลับมา "
                        "(อาจเป็นหน้าแจ้งข้อผิดพลาดหรือหน้าเข้าสู่ระบบ)", url=result.url)]
    return [Finding(RuleId.WRONG_CONTENT_TYPE, Severity.WARNING, item,
                    f"{result.url} ควรเป็นไฟล์ {name} แต่เว็บไซต์แจ้งชนิดไฟล์เป็น {kind} "
                    "ให้ตรวจว่าเปิดไฟล์ได้ถูกต้อง", url=result.url)]


def unreachable(result: LinkResult) -> bool:
    """No answer at all (refused, unknown host, timeout, TLS): the site, not the page, is the problem."""
    return result.status is None and result.outcome in (Outcome.DEAD, Outcome.TIMEOUT, Outcome.TLS)


def site_unreachable(main_host: str, first: LinkResult, submissions: list[Submission]) -> list[Finding]:
    findings = [Finding(RuleId.DEAD_LINK, Severity.ERROR, None,
                        f"เปิดเว็บไซต์ {main_host} ไม่ได้เลย ({first.detail}) ทุก URL ที่ส่งจึงเปิดไม่ได้ "
                        "ให้ตรวจว่าเว็บไซต์ออนไลน์อยู่และเครื่องที่ใช้ตรวจออกอินเทอร์เน็ตได้ แล้วตรวจอีกครั้ง")]
    return findings + [Finding(RuleId.DEAD_LINK, Severity.ERROR, submission.item, "เปิดไม่ได้ เพราะเปิดเว็บไซต์หลักไม่ได้",
                               url=submission.url, location=submission.location) for submission in submissions]


def submitted_off_domain(submission: Submission, main_host: str) -> Finding:
    return Finding(RuleId.OFF_DOMAIN, Severity.ERROR, submission.item,
                   f"URL ที่ส่ง {submission.url} {off_domain_message(submission.url, main_host)}",
                   url=submission.url, location=submission.location)


# ---- the run ----------------------------------------------------------------------------


MAX_PAGES_PER_ITEM = 20  # evidence pages fetched for one item, item page included: a site is not crawled whole
MAX_DOCUMENTS_PER_ITEM = 200  # documents checked for one item; more is an archive, and the rest is reported


@dataclass
class Found:
    """Everything the evidence pages of one item link to, once each, with the page it was found on."""

    documents: list[tuple[str, Linked]] = field(default_factory=list)
    elsewhere: list[tuple[str, Linked]] = field(default_factory=list)
    broken: list[tuple[str, Linked]] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set)

    def add(self, page: str, evidence: PageEvidence) -> None:
        for target, links in ((self.documents, evidence.documents), (self.elsewhere, evidence.elsewhere),
                              (self.broken, evidence.broken)):
            for linked in links:
                if linked.url not in self._seen:
                    self._seen.add(linked.url)
                    target.append((page, linked))


@dataclass
class Audit:
    checker: Checker
    cache: SuccessCache
    main: MainSite
    main_host: str
    now: datetime
    on_checked: Callable[[int], None] = lambda _: None  # called with the number of new URLs to count
    depth: int = 2  # how many links deep evidence pages are followed from an item page
    _tasks: dict[tuple[str, bool], asyncio.Task[LinkResult]] = field(default_factory=dict)

    async def _check(self, url: str, *, page: bool) -> LinkResult:
        cached = None if page else self.cache.get(url, self.now)
        if cached:
            return cached
        result = await self.checker.check(url, page=page)
        self.cache.put(result, self.now)
        return result

    @property
    def checked(self) -> int:
        """URLs this audit has checked (each once, however many items link to it)."""
        return sum(task.done() and not task.cancelled() for task in self._tasks.values())

    def cancel_pending(self) -> None:
        """Stop what is still running (a unit past its deadline): nothing of it outlives the audit."""
        for task in self._tasks.values():
            task.cancel()

    def check(self, url: str, *, page: bool) -> asyncio.Task[LinkResult]:
        """One check per URL for the whole audit, however many items link to it."""
        parsed = parse_web_url(url)
        key = (parsed.href if parsed else url, page)  # Thai paths, default ports, host case: one URL, one check
        if key not in self._tasks:
            task = asyncio.ensure_future(self._check(url, page=page))
            task.add_done_callback(lambda done: done.cancelled() or self.on_checked(1))
            self._tasks[key] = task
        return self._tasks[key]

    async def item_findings(self, submission: Submission, spec: ItemSpec, catalogue: Catalogue) -> list[Finding]:
        dated = any(rule is not YearRule.IN_FORCE for rule in spec.rules)  # a rule that takes any year reads no year
        if not self.main.contains(submission.url):
            return [submitted_off_domain(submission, self.main_host)]
        result = await self.check(submission.url, page=True)
        findings = [replace(f, location=submission.location)
                    for f in link_findings(result, submission.item, self.main, self.main_host)
                    or item_page_findings(result, submission.item)]
        if findings:
            return findings
        if "html" not in result.content_type:  # a document submitted as the item's URL
            linked = Linked(result.url, "")
            return year_findings(spec, catalogue, result, [(linked, await self._signals(linked, result) if dated else [])])
        evidence, findings = await self._evidence_pages(result, submission.item)
        findings += [broken_finding(linked, submission.item, page) for page, linked in evidence.broken]
        findings += [elsewhere_finding(linked, submission.item, page, self.main_host, catalogue)
                     for page, linked in evidence.elsewhere]
        documents = [linked for _, linked in evidence.documents]
        if len(documents) > MAX_DOCUMENTS_PER_ITEM:  # a news archive, not an item's evidence: say what was left
            findings.append(Finding(RuleId.UNVERIFIED, Severity.WARNING, submission.item,
                                    f"หน้ารายการและหน้าที่ลิงก์ต่อมีเอกสาร {len(documents)} ไฟล์ ตรวจเฉพาะ "
                                    f"{MAX_DOCUMENTS_PER_ITEM} ไฟล์แรก ให้หน้ารายการลิงก์เฉพาะเอกสารของรายการนี้",
                                    url=submission.url))
            documents = documents[:MAX_DOCUMENTS_PER_ITEM]
        results = await asyncio.gather(*(self.check(linked.url, page=False) for linked in documents))
        signals = []
        for linked, document in zip(documents, results, strict=True):
            findings += link_findings(document, submission.item, self.main, self.main_host)
            signals.append((linked, await self._signals(linked, document) if dated else []))
        return findings + year_findings(spec, catalogue, result, signals)

    async def _signals(self, linked: Linked, document: LinkResult) -> list[Signal]:
        """What the assessor sees of a document's year: what points to it, and what the document says of
        itself, which outranks it (page 1 is read within the fetched bytes whatever the link text says;
        the file's last bytes only when its start holds no metadata)."""
        signals = document_signals(linked, document)
        if not is_pdf(document):
            return signals
        wants_tail = document.outcome is Outcome.OK and not document.complete and not metadata_signals(document.head)
        tail = await self.checker.tail(document.final_url or document.url) if wants_tail else b""
        return signals + deeper_signals(document, tail)

    async def _evidence_pages(self, item_page: LinkResult, item: str) -> tuple[Found, list[Finding]]:
        """What the item page and the main-host pages its content leads to link to (``depth`` links deep,
        at most ``MAX_PAGES_PER_ITEM`` pages), each with the page it is on; dead pages as findings."""
        fetched, found, findings = 1, Found(), []
        visited = {item_page.final_url or item_page.url, item_page.url}
        frontier = [item_page]
        for level in range(self.depth + 1):
            next_links = []
            for page in frontier:
                evidence = evidence_of(page, self.main)
                found.add(page.url, evidence)
                next_links += [linked for linked in evidence.pages if linked.url not in visited]
            if level == self.depth:
                break
            next_links = list({linked.url: linked for linked in next_links}.values())
            next_links = next_links[:max(0, MAX_PAGES_PER_ITEM - fetched)]
            fetched += len(next_links)
            visited |= {linked.url for linked in next_links}
            frontier = []
            for linked, page in zip(next_links, await asyncio.gather(
                    *(self.check(linked.url, page=True) for linked in next_links)), strict=True):
                problems = link_findings(page, item, self.main, self.main_host)
                findings += [replace(problem, message=f"{problem.message} (ลิงก์ \"{linked.text}\" จากหน้ารายการ)")
                             for problem in problems]
                if not problems and "html" in page.content_type:
                    frontier.append(page)
        return found, findings

    async def run(self, submissions: list[Submission], catalogue: Catalogue,
                  rejected: list[Finding] = ()) -> list[Finding]:
        """Findings for every item of the year; ``rejected`` are the findings of rows that could not be audited."""
        submitted = {submission.item for submission in submissions} | {f.item for f in rejected if f.item}
        findings = [Finding(RuleId.MISSING_ITEM, Severity.ERROR, spec.id,
                            f"ไม่มี URL ของรายการ {spec.id} {spec.title} ในรายการที่ส่ง ผู้ตรวจจะถือว่าไม่มีข้อมูล")
                    for spec in catalogue.items if spec.id not in submitted]
        findings += rejected
        on_site = [submission for submission in submissions if self.main.contains(submission.url)]
        pages = await asyncio.gather(*(self.check(submission.url, page=True) for submission in on_site))
        if pages and all(unreachable(page) for page in pages):  # one cause, said once
            return findings + site_unreachable(self.main_host, pages[0], on_site) + [
                submitted_off_domain(submission, self.main_host) for submission in submissions
                if submission not in on_site]
        specs = {spec.id: spec for spec in catalogue.items}
        for found in await asyncio.gather(*(self.item_findings(submission, specs[submission.item], catalogue)
                                            for submission in submissions)):
            findings += found
        return findings


def year_of_list(source: str, catalogues: dict[int, Catalogue]) -> int | None:
    """The assessment year a submission list or ITA center page is for, when its path names one."""
    years = [int(found) for found in re.findall(r"(?<!\d)(25\d\d)(?!\d)", source)]
    return next((year for year in reversed(years) if year in catalogues), None)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


async def audit_source(audit: Audit, source: str, catalogue: Catalogue, display: str | None = None) -> list[Finding]:
    """Findings for one unit's submissions: an ITAS CSV file (``display`` names it in messages) or the
    deployed ITA center page; ConfigError (Thai) when there is nothing to audit."""
    if is_url(source):
        page = await audit.check(source, page=True)
        problems = link_findings(page, None, audit.main, audit.main_host)
        if problems:
            return problems
        submissions, rejected = submissions_from_page(page, catalogue), []
        if not submissions:
            raise ConfigError(f"ไม่พบลิงก์ของรายการ ITA ปี {catalogue.year} ในหน้า {source} "
                              "(อาจเป็นหน้าแรกของเว็บไซต์) ให้ใช้ URL ของหน้าศูนย์ ITA ที่มีรายการ "
                              f"{catalogue.items[0].id}–{catalogue.items[-1].id} หรือไฟล์ itas.csv")
    else:
        path = Path(source)
        if not path.is_file():
            raise ConfigError(f"ไม่พบไฟล์ {display or source} (ต้องเป็น URL ของศูนย์ ITA หรือไฟล์ CSV หัวตาราง item,url)")
        submissions, rejected = read_submissions(path, display or source, catalogue)
    return await audit.run(submissions, catalogue, rejected)
