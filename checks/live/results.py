"""Rules over what one URL gave (pure): what the assessor gets when opening it.

A page that says "not found" or asks to log in, a document that is empty or another kind than its
name, a redirect to another host, a page that sends the visitor on by itself, a server that cuts its
answer short: each is a finding of its own, with what to do.
"""

from __future__ import annotations

from checks.findings import Finding, RuleId, Severity
from checks.hosts import MainSite, off_domain_message
from checks.html import parse_page
from checks.live.http import LinkResult, Outcome
from checks.live.submissions import Submission
from generator.basics.filetypes import DOCUMENT_SUFFIXES, DOCUMENT_TYPES, GENERIC_TYPES, document_problem, suffix_of

NOT_FOUND_WORDS = ("ไม่พบหน้า", "ไม่พบข้อมูล", "ไม่พบไฟล์", "page not found", "not found", "404", "ไม่มีหน้านี้")
LOGIN_WORDS = ("เข้าสู่ระบบ", "log in", "login", "sign in", "ลงชื่อเข้าใช้")


def soft_404_reason(result: LinkResult) -> str | None:
    if result.outcome is not Outcome.OK or "html" not in result.content_type or not result.body:
        return None
    page = parse_page(result.body)
    visible = " ".join([page.title, *page.headings]).lower()
    if page.password_protected:
        return ("ตั้งรหัสผ่านไว้ ผู้ตรวจต้องกรอกรหัสผ่านจึงจะเห็นเนื้อหา ให้ยกเลิกรหัสผ่านของหน้านี้ "
                "(WordPress: แก้ไขหน้า แล้วตั้งการมองเห็นเป็น สาธารณะ)")
    if page.has_password_field or any(word in visible for word in LOGIN_WORDS):
        return "เป็นหน้าเข้าสู่ระบบ (ผู้ตรวจต้องเห็นข้อมูลได้โดยไม่ต้องเข้าสู่ระบบ)"
    said = next((text for text in (page.title, *page.headings) if any(word in text.lower() for word in NOT_FOUND_WORDS)),
                None)
    if said:
        return f'แสดงข้อความว่าไม่พบหน้า ("{said[:120]}")'
    return None


def link_findings(result: LinkResult, item: str | None, main: MainSite, main_host: str) -> list[Finding]:
    url = result.url
    final = result.final_url or url
    found = []
    if final != url and result.outcome is not Outcome.BAD_URL and not main.contains(final):
        found.append(Finding(RuleId.REDIRECT_OFF_DOMAIN, Severity.ERROR, item,
                             f"{url} เปลี่ยนเส้นทางไปที่ {final} ซึ่ง{off_domain_message(final, main_host)}", url=url))
    problems = {
        Outcome.DEAD: (RuleId.DEAD_LINK, Severity.ERROR,
                       "ให้ตรวจว่าไฟล์หรือหน้ายังอยู่และที่อยู่ไม่เปลี่ยน (ผู้ตรวจใช้ลิงก์ที่ส่งไว้ในระบบ ITAS)"),
        Outcome.TIMEOUT: (RuleId.TIMEOUT, Severity.ERROR,
                          "เว็บไซต์อาจช้าหรือล่มในวันที่ตรวจ ให้ผู้ดูแลเว็บไซต์ตรวจเครื่องแม่ข่าย"),
        Outcome.TLS: (RuleId.TLS_ERROR, Severity.ERROR,
                      "เบราว์เซอร์ของผู้ตรวจจะเตือนว่าไม่ปลอดภัย ให้ผู้ดูแลเว็บไซต์ติดตั้งหรือต่ออายุใบรับรองให้ถูกต้อง"),
        Outcome.RATE_LIMITED: (RuleId.RATE_LIMITED, Severity.WARNING, "ให้ตรวจซ้ำภายหลัง"),
        Outcome.FORBIDDEN: (RuleId.FORBIDDEN, Severity.WARNING, "ให้เปิดตรวจด้วยตนเองจากเครื่องภายนอกหน่วยงาน"),
        Outcome.BAD_URL: (RuleId.BAD_URL, Severity.ERROR, "ให้แก้ลิงก์เป็นที่อยู่เว็บที่ถูกต้องซึ่งเปิดได้ในเบราว์เซอร์"),
        Outcome.UNKNOWN: (RuleId.UNVERIFIED, Severity.WARNING, ""),
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
    if result.fault and not found:
        found.append(Finding(RuleId.BROKEN_RESPONSE, Severity.WARNING, item, f"{url}: {result.fault} "
                             "ให้ผู้ดูแลเว็บไซต์ตรวจการตั้งค่าเครื่องแม่ข่าย (ผู้ตรวจบางคนอาจเห็นหน้าไม่ครบ)", url=url))
    return found


def sent_on_findings(page: LinkResult, target: str, item: str | None, main: MainSite, main_host: str) -> list[Finding]:
    """A page that sends the visitor elsewhere by itself (meta refresh, a script that sets the location): where
    a browser ends is what the assessor sees, as with an HTTP redirect."""
    if main.contains(target):
        return []
    return [Finding(RuleId.REDIRECT_OFF_DOMAIN, Severity.ERROR, item,
                    f"{page.url} ส่งผู้เข้าชมต่อไปที่ {target} ทันทีที่เปิด (meta refresh หรือสคริปต์) ซึ่ง"
                    f"{off_domain_message(target, main_host)}", url=page.url)]


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


def item_page_findings(result: LinkResult, item: str | None) -> list[Finding]:
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


def source_problem(page: LinkResult, main: MainSite, main_host: str) -> str | None:
    """Why the ITA center page itself cannot be audited (dead, a "not found" page, elsewhere), or None."""
    findings = link_findings(page, None, main, main_host) + (item_page_findings(page, None) if page.outcome is Outcome.OK
                                                             else [])
    target = parse_page(page.body).sends_to if page.body else ""
    problems = [finding.message for finding in findings if finding.severity is not Severity.NOTE]
    if target:
        problems += [finding.message for finding in sent_on_findings(page, target, None, main, main_host)]
    return problems[0] if problems else None
