"""The live, pre-assessment audit: what an assessor would get from each submitted URL.

Input is the ITAS submission list (CSV ``item,url``, several rows per item allowed) or the
deployed ITA center page. Each submitted URL is fetched as a visitor would, a page that sends the
visitor on by itself followed as a browser would; the evidence its content links to or embeds
(documents, other hosts, pages a listing leads to) is checked too, the site's template left out.
Nothing audited is never a pass: a centre page or a site that cannot be read makes the whole
report say so. The rules over what was fetched are the pure functions of results.py and evidence.py.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from checks.findings import Finding, RuleId, Severity
from checks.hosts import MainSite, off_domain_message
from checks.html import parse_page
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
    ita_year_of,
    other_year_finding,
    page_signals,
    scan_signal,
    template_links,
    unread_findings,
    year_findings,
)
from checks.live.http import Checker, LinkResult, Outcome
from checks.live.ocr import OCR_BYTES, OcrCache, has_text_layer, read_scan
from checks.live.pdf_signals import metadata_signals
from checks.live.results import (
    item_page_findings,
    link_findings,
    sent_on_findings,
    site_unreachable,
    source_problem,
    submitted_off_domain,
    unreachable,
)
from checks.live.submissions import Submission, hub_pages, is_url, read_submissions, submissions_from_page
from generator.basics.errors import ConfigError
from generator.basics.weburl import parse_web_url, viewed_file
from generator.model import Catalogue, ItemSpec, YearRule
from generator.model.years import Authority, Fit, Signal, judge_any

MAX_PAGES_PER_ITEM = 20  # evidence pages fetched for one item, item page included: a site is not crawled whole
MAX_DOCUMENTS_PER_ITEM = 200  # documents checked for one item; more is an archive, and the rest is reported
MAX_SENT_ON = 3  # pages in a row that send the visitor on by themselves (meta refresh, a script)


@dataclass
class Found:
    """Everything the evidence pages of one item link to, once each, with the page it was found on."""

    documents: list[tuple[str, Linked]] = field(default_factory=list)
    elsewhere: list[tuple[str, Linked]] = field(default_factory=list)
    broken: list[tuple[str, Linked]] = field(default_factory=list)
    pages: int = 0  # evidence pages on the main host beyond the item page
    signals: list[Signal] = field(default_factory=list)  # what those pages say of their year (a news list's dates)
    _seen: set[str] = field(default_factory=set)

    def add(self, page: str, evidence: PageEvidence) -> None:
        for target, links in ((self.documents, evidence.documents), (self.elsewhere, evidence.elsewhere),
                              (self.broken, evidence.broken)):
            for linked in links:
                if linked.url not in self._seen:
                    self._seen.add(linked.url)
                    target.append((page, linked))


@dataclass(frozen=True)
class AuditResult:
    findings: list[Finding]
    not_audited: str = ""  # Thai: why the site could not be audited at all ("" when it was)


@dataclass
class Audit:
    checker: Checker
    cache: SuccessCache
    main: MainSite
    main_host: str
    now: datetime
    on_checked: Callable[[int], None] = lambda _: None  # called with the number of new URLs to count
    depth: int = 2  # how many links deep evidence pages are followed from an item page
    ocr: OcrCache = field(default_factory=lambda: OcrCache(None))
    template: frozenset[str] = frozenset()  # the site's template links, found on the audit's item pages
    unreachable: str = ""  # Thai: why the site gave nothing at all, once run() found so
    _tasks: dict[tuple[str, bool, bool], asyncio.Task[LinkResult]] = field(default_factory=dict)

    async def _check(self, url: str, *, page: bool, read: bool) -> LinkResult:
        cached = None if page or read else self.cache.get(url, self.now)
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

    def _counted(self, done: asyncio.Task[LinkResult]) -> None:
        if not done.cancelled():
            self.on_checked(1)

    def check(self, url: str, *, page: bool, read: bool = False) -> asyncio.Task[LinkResult]:
        """One check per URL for the whole audit, however many items link to it. ``read``: what the file says
        of itself is needed (a document of a year-bound item), so a cached success, which keeps no bytes,
        will not do: it is fetched."""
        parsed = parse_web_url(url)
        href = parsed.href if parsed else url  # Thai paths, default ports, host case: one URL, one check
        for key in ((href, page, True),) if read else ((href, page, True), (href, page, False)):
            if key in self._tasks:
                return self._tasks[key]
        task = asyncio.ensure_future(self._check(url, page=page, read=read))
        task.add_done_callback(self._counted)
        self._tasks[(href, page, read)] = task
        return task

    async def arrive(self, result: LinkResult, item: str | None) -> tuple[LinkResult, list[Finding]]:
        """The page a browser ends on: a page that sends the visitor on by itself is followed (on the main
        host) or is the finding (elsewhere), as an HTTP redirect is."""
        for _ in range(MAX_SENT_ON):
            if result.outcome is not Outcome.OK or not result.body:
                break
            parsed = parse_page(result.body)
            target = parse_web_url(parsed.sends_to, result.final_url or result.url) if parsed.sends_to else None
            if target is None:
                break
            problems = sent_on_findings(result, target.href, item, self.main, self.main_host)
            if problems:
                return result, problems
            result = await self.check(target.href, page=True)
        return result, []

    async def item_findings(self, submission: Submission, spec: ItemSpec, catalogue: Catalogue) -> list[Finding]:
        dated = any(rule is not YearRule.IN_FORCE for rule in spec.rules)  # a rule that takes any year reads no year
        if not self.main.contains(submission.url):
            return [submitted_off_domain(submission, self.main_host)]
        shown = viewed_file(submission.url)  # a PDF viewer page submitted: the file it shows is the evidence
        if shown:
            submission = replace(submission, url=shown)
            if not self.main.contains(shown):
                return [submitted_off_domain(submission, self.main_host)]
        result, findings = await self.arrive(await self.check(submission.url, page=True), submission.item)
        findings = [replace(f, location=submission.location)
                    for f in findings or link_findings(result, submission.item, self.main, self.main_host)
                    or item_page_findings(result, submission.item)]
        if any(finding.rule != RuleId.BROKEN_RESPONSE for finding in findings):
            return findings
        if "html" not in result.content_type:  # a document submitted as the item's URL
            linked = Linked(result.url, "")
            signals, unread = await self._signals(spec, catalogue, linked, result) if dated else ([], "")
            return findings + unread_findings(linked, spec.id, unread) + year_findings(
                spec, catalogue, result, [(linked, signals)])
        page_year = ita_year_of(result)
        if page_year and page_year != catalogue.year:
            return [*findings, replace(other_year_finding(spec, catalogue, result, page_year),
                                       location=submission.location)]
        evidence, page_findings = await self._evidence_pages(result, spec, catalogue)
        findings += page_findings
        findings += [broken_finding(linked, submission.item, page) for page, linked in evidence.broken]
        beside = bool(evidence.documents) or evidence.pages > 0
        findings += [elsewhere_finding(linked, submission.item, page, self.main_host, catalogue, beside_evidence=beside)
                     for page, linked in evidence.elsewhere]
        documents = [linked for _, linked in evidence.documents]
        if len(documents) > MAX_DOCUMENTS_PER_ITEM:  # a news archive, not an item's evidence: say what was left
            findings.append(Finding(RuleId.UNVERIFIED, Severity.WARNING, submission.item,
                                    f"หน้ารายการและหน้าที่ลิงก์ต่อมีเอกสาร {len(documents)} ไฟล์ ตรวจเฉพาะ "
                                    f"{MAX_DOCUMENTS_PER_ITEM} ไฟล์แรก ให้หน้ารายการลิงก์เฉพาะเอกสารของรายการนี้",
                                    url=submission.url))
            documents = documents[:MAX_DOCUMENTS_PER_ITEM]
        results = await asyncio.gather(*(self.check(linked.url, page=False, read=dated) for linked in documents))
        dated_documents: list[tuple[Linked, list[Signal]]] = []
        for linked, document in zip(documents, results, strict=True):
            findings += [replace(finding, message=f"{finding.message} (เอกสาร {linked.described(catalogue.year)})")
                         for finding in link_findings(document, submission.item, self.main, self.main_host)]
            read, unread = await self._signals(spec, catalogue, linked, document) if dated else ([], "")
            findings += unread_findings(linked, spec.id, unread)
            dated_documents.append((linked, read))
        return findings + year_findings(spec, catalogue, result, dated_documents, evidence.signals)

    async def _signals(self, spec: ItemSpec, catalogue: Catalogue, linked: Linked,
                       document: LinkResult) -> tuple[list[Signal], str]:
        """What the assessor sees of a document's year: what points to it, and what the document says of
        itself, which outranks it: its metadata, page 1 read within the fetched bytes whatever the link text
        says, the file's last bytes when its start holds no metadata, and page 1 of a scan by OCR when
        nothing cheaper has settled it; with why a scan could not be read ("" when it was, or none was met)."""
        signals = document_signals(linked, document)
        if not is_pdf(document) or document.outcome is not Outcome.OK:
            return signals, ""
        wants_tail = not document.complete and not metadata_signals(document.head)
        tail = await self.checker.tail(document.final_url or document.url) if wants_tail else b""
        signals += deeper_signals(document, tail)
        _, judgement = judge_any(spec.rules, catalogue.year, signals)
        said_by_document = any(signal.authority is Authority.DOCUMENT and signal.text for signal in signals)
        if said_by_document or judgement.fit is Fit.FITS:
            return signals, ""
        data = document.head if document.complete else await self.checker.head_bytes(
            document.final_url or document.url, OCR_BYTES)
        if not data or has_text_layer(data) is not False:  # text to read, or bytes PDFium cannot open: no scan
            return signals, ""
        scan = await asyncio.to_thread(read_scan, data, self.ocr)
        return ([*signals, scan_signal(scan.text)] if scan.text else signals), scan.problem

    async def _evidence_pages(self, item_page: LinkResult, spec: ItemSpec,
                              catalogue: Catalogue) -> tuple[Found, list[Finding]]:
        """What the item page and the main-host pages its content leads to link to (``depth`` links deep,
        at most ``MAX_PAGES_PER_ITEM`` pages), each with the page it is on; dead pages as findings, pages of
        the ITA center of another year as wrong-year."""
        item = spec.id
        fetched, found, findings = 1, Found(), []
        visited = {item_page.final_url or item_page.url, item_page.url}
        frontier = [item_page]
        for level in range(self.depth + 1):
            next_links = []
            for page in frontier:
                evidence = evidence_of(page, self.main, self.template)
                found.add(page.url, evidence)
                next_links += [(page.url, linked) for linked in evidence.pages if linked.url not in visited]
            if level == self.depth:
                break
            next_links = list({linked.url: (source, linked) for source, linked in next_links}.values())
            next_links = next_links[:max(0, MAX_PAGES_PER_ITEM - fetched)]
            fetched += len(next_links)
            visited |= {linked.url for _, linked in next_links}
            frontier = []
            for (source, linked), fetched_page in zip(next_links, await asyncio.gather(
                    *(self.check(linked.url, page=True) for _, linked in next_links)), strict=True):
                page, sent = await self.arrive(fetched_page, item)
                problems = sent or link_findings(page, item, self.main, self.main_host)
                findings += [replace(problem, message=f"{problem.message} (ลิงก์ \"{linked.text}\" จากหน้ารายการ)")
                             for problem in problems]
                if problems:
                    continue
                if "html" not in page.content_type:  # download.php?id=12: a file behind an address of a page
                    found.add(source, PageEvidence(documents=[linked]))
                    continue
                page_year = ita_year_of(page)
                if page_year and page_year != catalogue.year:
                    findings.append(other_year_finding(spec, catalogue, page, page_year,
                                                       via=f' (ลิงก์ "{linked.text}" จากหน้ารายการ)'))
                    continue
                found.pages += 1
                found.signals += page_signals(page)
                frontier.append(page)
        return found, findings

    async def run(self, submissions: list[Submission], catalogue: Catalogue, rejected: Sequence[Finding] = (),
                  *, missing: str = "", extra_pages: tuple[LinkResult, ...] = ()) -> list[Finding]:
        """Findings for every item of the year; ``rejected`` are the findings of rows that could not be audited,
        ``missing`` says where an item's link was looked for (an ITA center page)."""
        submitted = {submission.item for submission in submissions} | {f.item for f in rejected if f.item}
        where = missing or "ในรายการที่ส่ง ผู้ตรวจจะถือว่าไม่มีข้อมูล"
        findings = [Finding(RuleId.MISSING_ITEM, Severity.ERROR, spec.id, f"ไม่พบ URL ของรายการ {spec.id} {spec.title} {where}")
                    for spec in catalogue.items if spec.id not in submitted]
        findings += rejected
        on_site = [submission for submission in submissions if self.main.contains(submission.url)]
        pages = await asyncio.gather(*(self.check(submission.url, page=True) for submission in on_site))
        if pages and all(unreachable(page) for page in pages):  # one cause, said once
            self.unreachable = f"เปิดเว็บไซต์ {self.main_host} ไม่ได้เลย ({pages[0].detail})"
            return findings + site_unreachable(self.main_host, pages[0], on_site) + [
                submitted_off_domain(submission, self.main_host) for submission in submissions
                if submission not in on_site]
        self.template = template_links([*pages, *extra_pages])
        specs = {spec.id: spec for spec in catalogue.items}
        for found in await asyncio.gather(*(self.item_findings(submission, specs[submission.item], catalogue)
                                            for submission in submissions)):
            findings += found
        return findings


def not_audited(catalogue: Catalogue, reason: str) -> list[Finding]:
    """Every item, when what it would be reached through cannot be read: never a pass, with the reason."""
    return [Finding(RuleId.NOT_AUDITED, Severity.WARNING, spec.id, f"ตรวจรายการนี้ไม่ได้: {reason}")
            for spec in catalogue.items]


async def audit_source(audit: Audit, source: str, catalogue: Catalogue, display: str | None = None) -> AuditResult:
    """Findings for one unit's submissions: an ITAS CSV file (``display`` names it in messages) or the
    deployed ITA center page; ConfigError (Thai) when the list itself cannot be read."""
    if not is_url(source):
        path = Path(source)
        if not path.is_file():  # noqa: ASYNC240 - one stat of a local list before any fetch
            raise ConfigError(f"ไม่พบไฟล์ {display or source} (ต้องเป็น URL ของศูนย์ ITA หรือไฟล์ CSV หัวตาราง item,url)")
        submissions, rejected = read_submissions(path, display or source, catalogue)
        findings = await audit.run(submissions, catalogue, rejected)
        return AuditResult(findings, audit.unreachable)
    if not audit.main.contains(source):  # never fetched: the assessor would not count a page elsewhere
        reason = f"หน้าศูนย์ ITA {source} {off_domain_message(source, audit.main_host)}"
        return AuditResult([Finding(RuleId.OFF_DOMAIN, Severity.ERROR, None, reason, url=source),
                            *not_audited(catalogue, reason)], reason)
    page, sent = await audit.arrive(await audit.check(source, page=True), None)
    problem = sent[0].message if sent else source_problem(page, audit.main, audit.main_host)
    if problem:
        site = Finding(RuleId.DEAD_LINK if page.outcome is not Outcome.OK else RuleId.SOFT_404, Severity.ERROR, None,
                       f"เปิดหน้าศูนย์ ITA ไม่ได้ตามที่ผู้ตรวจจะเปิด: {problem}", url=source)
        return AuditResult([site, *not_audited(catalogue, f"หน้าศูนย์ ITA {source} เปิดไม่ได้")], problem)
    submissions = submissions_from_page(page, catalogue)
    pages = [page]
    if len({submission.item for submission in submissions}) < len(catalogue.items):
        # A centre split into sub-pages (one per indicator): the items found there count as the centre's own.
        for url in hub_pages(page, catalogue, audit.main.contains):
            sub, sent = await audit.arrive(await audit.check(url, page=True), None)
            if sent or sub.outcome is not Outcome.OK or "html" not in sub.content_type:
                continue
            known = {submission.item for submission in submissions}
            submissions += [found for found in submissions_from_page(sub, catalogue) if found.item not in known]
            pages.append(sub)
    if not submissions:
        reason = (f"ไม่พบลิงก์ของรายการ ITA ปี {catalogue.year} ในหน้า {source} (อาจเป็นหน้าแรกของเว็บไซต์หรือหน้าของปีอื่น) "
                  f"ให้ใช้ URL ของหน้าศูนย์ ITA ที่มีรายการ {catalogue.items[0].id}–{catalogue.items[-1].id} หรือไฟล์ itas.csv")
        return AuditResult([Finding(RuleId.MISSING_ITEM, Severity.ERROR, None, reason, url=source),
                            *not_audited(catalogue, reason)], reason)
    findings = await audit.run(submissions, catalogue, missing=(
        f"ในหน้า {source} (ไม่พบรหัสหรือชื่อรายการในข้อความลิงก์ แถวของตาราง หรือหัวข้อ) ให้ตรวจว่าหน้านี้มีรายการนี้"),
        extra_pages=tuple(pages))
    return AuditResult(findings)
