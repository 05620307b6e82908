"""Offline rules over the loaded content, before the build: pure functions returning findings.

Each rule looks at one cause of a zero score from criteria.md §3: a missing item or element,
evidence of the wrong fiscal year, gaps in monthly data, titles naming another year, and
evidence hosted off the main website.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checks.findings import Finding, Severity
from checks.live.evidence import is_document_url
from checks.hosts import MainSite, off_domain_message, off_domain_severity
from generator.model.years import declared_years, mentioned_years
from generator.content.example import EXAMPLE_WORDS, example_documents, fingerprint
from generator.model.derived import element_status
from generator.basics.filetypes import document_problem
from generator.model import (
    Catalogue,
    Dating,
    Document,
    ElementSpec,
    Evidence,
    Item,
    ItemSpec,
    Link,
    Model,
    Statement,
    YearRule,
)
from generator.basics.thai import YearMonth, ce_to_be, fiscal_year_of, fiscal_year_span, thai_date
from generator.model.yearrules import data_fiscal_year, required_months

DATED = (Document, Link, Statement)


def _dated(item: Item) -> Iterator[tuple[str, Document | Link | Statement]]:
    for key, evidence in item.evidence.items():
        for entry in evidence:
            if isinstance(entry, DATED):
                yield key, entry


def _label(entry: Evidence) -> str:
    return getattr(entry, "title", "") or getattr(entry, "text", "")


def missing_items(model: Model, catalogue: Catalogue) -> list[Finding]:
    return [
        Finding("missing-item", Severity.ERROR, spec.id,
                f"ยังไม่มีไฟล์ของรายการ {spec.id} {spec.title} ให้สร้างไฟล์ content/items/{catalogue.year}/"
                f"{spec.slug}.md (คัดลอกจากรายการปีก่อนหรือหน่วยงานตัวอย่าง)")
        for spec in catalogue.items if model.item(catalogue.year, spec.id) is None
    ]


def _only_elsewhere(item: Item, element: ElementSpec, site: MainSite) -> bool:
    """Evidence that is all links to other hosts: the assessor finds nothing on the main website."""
    evidence = item.evidence_for(element)
    return bool(evidence) and all(isinstance(entry, Link) and not site.contains(entry.url) for entry in evidence)


def missing_elements(model: Model, item: Item, site: MainSite) -> list[Finding]:
    findings = []
    for element in item.spec.elements:
        status = element_status(model, item, element)
        if status.present and not _only_elsewhere(item, element, site):
            continue
        where = f" ให้เพิ่มใน{element.field_hint}"
        detail = f": {' · '.join(status.problems)}" if element.derived_from else \
            " บนเว็บไซต์หลัก (มีแต่ลิงก์ไปเว็บไซต์อื่น)" if status.present else ""
        if element.confirmed:
            message = f'ไม่มีหลักฐานขององค์ประกอบ "{element.label}" ซึ่งเป็นองค์ประกอบที่ต้องมี{detail}{where}'
        else:
            message = (f'ไม่มีหลักฐานขององค์ประกอบ "{element.label}" (องค์ประกอบนี้ยังไม่ยืนยันจากคู่มือ '
                       f"สำนักงาน ป.ป.ช. แต่ควรมีไว้){detail}{where}")
        severity = Severity.ERROR if element.confirmed else Severity.WARNING
        findings.append(Finding("missing-element", severity, item.spec.id, message, location=item.location))
    if len(findings) == len(item.spec.elements) and not any(f.severity is Severity.ERROR for f in findings):
        # Nothing at all to show: whatever the elements' confirmation, the assessor gives 0.
        findings.append(Finding("missing-element", Severity.ERROR, item.spec.id,
                                f"รายการ {item.spec.id} ยังไม่มีหลักฐานขององค์ประกอบใดเลย ผู้ตรวจจะให้ 0 คะแนน",
                                location=item.location))
    return findings


def _wrong_year(spec: ItemSpec, year: int, dating: Dating) -> str | None:
    """Why this dating does not fit the item's rule, or None when it fits (or cannot be judged)."""
    rule = spec.year_rule
    if rule is YearRule.IN_FORCE:
        return None
    wanted = data_fiscal_year(rule, year)
    if rule is YearRule.MULTI_YEAR_COVERING:
        if dating.period and not dating.period[0] <= year <= dating.period[1]:
            return f"แผนครอบคลุม พ.ศ. {dating.period[0]}–{dating.period[1]} ไม่ครอบคลุมปี {year}"
        return None
    if dating.fiscal_year and dating.fiscal_year != wanted:
        return f"เป็นข้อมูลปีงบประมาณ {dating.fiscal_year} แต่รายการนี้ต้องเป็นปีงบประมาณ {wanted}"
    if dating.month and dating.month.fiscal_year != wanted:
        return f"เป็นข้อมูลเดือน{dating.month.thai()} (ปีงบประมาณ {dating.month.fiscal_year}) แต่ต้องเป็นปีงบประมาณ {wanted}"
    if dating.date and not dating.fiscal_year:
        # A report on the previous year is signed after that year closes, so the current year is fine too.
        accepted = {wanted, wanted + 1} if rule in (YearRule.PREVIOUS, YearRule.PREVIOUS_MONTHLY) else {wanted}
        if fiscal_year_of(dating.date) not in accepted:
            return f"ลงวันที่ในปีงบประมาณ {fiscal_year_of(dating.date)} แต่รายการนี้ต้องเป็นปีงบประมาณ {wanted}"
    return None


def wrong_years(item: Item) -> list[Finding]:
    findings = []
    wanted = data_fiscal_year(item.spec.year_rule, item.year)
    for _, entry in _dated(item):
        reason = _wrong_year(item.spec, item.year, entry.dating)
        if reason:
            span = f" ({fiscal_year_span(wanted)})" if wanted else ""
            findings.append(Finding("wrong-year", Severity.ERROR, item.spec.id,
                                    f'"{_label(entry)}" {reason}{span} ให้ใช้เอกสารของปีที่ถูกต้อง',
                                    location=entry.location))
    return findings


def missing_months(item: Item, today: date) -> list[Finding]:
    """Monthly items need an entry (a document, or a 'none this month' statement) per month due."""
    due = [month for month in required_months(item.spec.year_rule, item.year) if _month_closed(month, today)]
    covered = {entry.dating.month for _, entry in _dated(item) if entry.dating.month}
    gaps = [month for month in due if month not in covered]
    if not gaps:
        return []
    months = ", ".join(month.thai_short() for month in gaps)
    return [Finding("missing-month", Severity.ERROR, item.spec.id,
                    f"ขาดข้อมูลเดือน {months} ให้เพิ่มเอกสารของเดือนนั้น (ช่อง month) "
                    "หรือข้อความว่าไม่มีการจัดซื้อจัดจ้างในเดือนนั้น", location=item.location)]


def conflicting_months(item: Item) -> list[Finding]:
    """A month with both a document and a statement (usually "no procurement this month"): one must be wrong."""
    if not required_months(item.spec.year_rule, item.year):
        return []
    documents = {entry.dating.month for _, entry in _dated(item) if isinstance(entry, Document) and entry.dating.month}
    statements = [entry for _, entry in _dated(item) if isinstance(entry, Statement) and entry.dating.month in documents]
    return [Finding("month-conflict", Severity.WARNING, item.spec.id,
                    f'เดือน{entry.dating.month.thai()} มีทั้งเอกสารและข้อความ "{entry.text}" ข้อมูลขัดกัน '
                    "ให้เหลือเฉพาะที่ถูกต้อง", location=entry.location) for entry in statements]


def _month_closed(month: YearMonth, today: date) -> bool:
    following = month.next()
    return (ce_to_be(today.year), today.month) >= (following.year, following.month)


def year_mismatches(item: Item) -> list[Finding]:
    """Titles or file names naming a year other than the one the entry declares."""
    findings = []
    for _, entry in _dated(item):
        declared = declared_years(entry.dating)
        if not declared:
            continue
        names = [_label(entry)] + ([entry.file.name] if isinstance(entry, Document) else [])
        for mention in (mention for name in names for mention in mentioned_years(name)):
            if mention.year_be in declared and not mention.is_ce:
                continue
            if mention.is_ce:
                problem = f'ระบุปี ค.ศ. "{mention.written}" (= พ.ศ. {mention.year_be}) ควรใช้ปี พ.ศ.'
                severity = Severity.WARNING if mention.year_be in declared else Severity.ERROR
            else:
                problem = f'ระบุปี "{mention.written}" แต่กรอกไว้ว่าเป็นข้อมูลของปี {", ".join(map(str, sorted(declared)))}'
                severity = Severity.ERROR
            findings.append(Finding("year-mismatch", severity, item.spec.id,
                                    f'"{_label(entry)}" {problem} ตรวจว่าเป็นเอกสารของปีที่ถูกต้อง',
                                    location=entry.location))
    return findings


def off_domain_links(item: Item, site: MainSite, main_host: str) -> list[Finding]:
    findings = []
    for _, entry in _dated(item):
        if not isinstance(entry, Link) or site.contains(entry.url):
            continue
        severity = off_domain_severity(entry.url, is_document=is_document_url(entry.url))
        message = (f'"{entry.title}" {off_domain_message(entry.url, main_host)}' if severity is Severity.ERROR else
                   f'"{entry.title}" เป็นหน้าเว็บของหน่วยงานอื่น ({entry.url}) ไม่นับเป็นหลักฐานบนเว็บไซต์หลัก')
        findings.append(Finding("off-domain", severity, item.spec.id, message, url=entry.url, location=entry.location))
    return findings


TODO_MARKERS = ("**ต้องทำ:**", "**ต้องตรวจ:**")  # how earlier versions of ita new-year wrote to-dos into the body


def todos_left(item: Item) -> list[Finding]:
    """A to-do still in the item file: the work is not done, and an old-style one would be published."""
    tasks = list(item.todo) + [line.strip() for line in item.body.splitlines() if line.strip().startswith(TODO_MARKERS)]
    if not tasks:
        return []
    return [Finding("todo-left", Severity.WARNING, item.spec.id,
                    f"ยังมีสิ่งที่ต้องทำ {len(tasks)} ข้อ: {tasks[0]} เมื่อทำเสร็จให้ลบช่อง todo "
                    "(หรือข้อความ ต้องทำ ในคำอธิบาย) ออกจากไฟล์", location=item.location)]


def bad_documents(item: Item) -> list[Finding]:
    """Documents that open as nothing: empty, or bytes of another kind than the extension says."""
    findings = []
    for document in item.documents:
        problem = document_problem(document.file.suffix, document.head, document.size)
        if problem:
            findings.append(Finding("bad-document", Severity.ERROR, item.spec.id,
                                    f'ไฟล์ "{document.file}" {problem}', location=document.location))
    return findings


def stale_window(model: Model, year: int) -> list[Finding]:
    """An ITAS window of an earlier year (left over after ita new-year) counts down to the wrong date."""
    window = model.unit.itas_window
    if window is None or fiscal_year_of(window[1]) >= year:
        return []
    return [Finding("stale-window", Severity.WARNING, None,
                    f"itas_window ใน content/unit.yml ({thai_date(window[0])} – {thai_date(window[1])}) เป็นช่วงของปีงบประมาณ "
                    f"{fiscal_year_of(window[1])} ไม่ใช่ปี {year} ให้แก้เป็นช่วงที่สำนักงาน ป.ป.ช. ประกาศสำหรับปี {year}",
                    location=model.unit.location)]


def example_left(model: Model) -> list[Finding]:
    """A unit that began from the example still shows the example's names or documents somewhere."""
    places = []
    unit = model.unit
    if any(word in f"{unit.name} {unit.main_website} {unit.published_at}" for word in EXAMPLE_WORDS):
        places.append("ชื่อหรือเว็บไซต์ใน content/unit.yml")
    named = sorted({str(item.location.path) for item in model.items.values()
                    if any(word in text for word in EXAMPLE_WORDS
                           for text in (item.body, item.owner, *(_label(entry) for _, entry in _dated(item))))})
    if named:
        places.append(f"ไฟล์รายการ {len(named)} ไฟล์ที่ยังกล่าวถึงหน่วยงานตัวอย่าง ({', '.join(named[:3])}"
                      f"{' …' if len(named) > 3 else ''})")
    known = example_documents()
    copies = sorted({str(document.file) for item in model.items.values() for document in item.documents
                     if fingerprint(document.size, document.head) in known})
    if copies:
        places.append(f"เอกสาร {len(copies)} ไฟล์ที่ยังเป็นไฟล์ของหน่วยงานตัวอย่าง ({', '.join(copies[:3])}"
                      f"{' …' if len(copies) > 3 else ''})")
    if not places:
        return []
    return [Finding("example-content", Severity.WARNING, None,
                    "ยังเป็นข้อมูลของหน่วยงานตัวอย่าง: " + " · ".join(places)
                    + " ให้เปลี่ยนเป็นชื่อ ข้อมูล และเอกสารจริงของหน่วยงานก่อนนำขึ้นเว็บไซต์", location=unit.location)]


def content_findings(model: Model, year: int, today: date) -> list[Finding]:
    """Every content rule over the items of one assessment year."""
    catalogue = model.catalogues[year]
    site = MainSite.of(model.unit.main_website, model.unit.same_site_hosts)
    findings = missing_items(model, catalogue) + stale_window(model, year) + example_left(model)
    for spec in catalogue.items:
        item = model.item(year, spec.id)
        if item is None:
            continue
        findings += missing_elements(model, item, site)
        findings += wrong_years(item)
        findings += missing_months(item, today)
        findings += conflicting_months(item)
        findings += year_mismatches(item)
        findings += off_domain_links(item, site, model.unit.main_host)
        findings += bad_documents(item)
        findings += todos_left(item)
    return findings
