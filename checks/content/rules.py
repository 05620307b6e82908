"""Offline rules over the loaded content, before the build: pure functions returning findings.

Each rule looks at one cause of a zero score from criteria.md §3: a missing item or element,
evidence of the wrong fiscal year, gaps in monthly data, titles naming another year, and
evidence hosted off the main website. Every finding that can cost points carries the
catalogue requirement it stands on, and its severity follows that requirement's basis.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checks.findings import Finding, RuleId, Severity, severity_of
from checks.hosts import MainSite, off_domain_message, off_site_requirement, off_site_severity
from generator.basics.filetypes import document_problem, is_document_url
from generator.basics.thai import YearMonth, ce_to_be, fiscal_year_of, fiscal_year_span, thai_date
from generator.content.example import EXAMPLE_WORDS, example_documents, fingerprint
from generator.model import (
    Basis,
    Catalogue,
    Document,
    ElementSpec,
    Evidence,
    Item,
    Link,
    Model,
    Requirement,
    Statement,
    YearRule,
)
from generator.model.derived import element_status
from generator.model.layout import item_file
from generator.model.yearrules import data_fiscal_year, required_months
from generator.model.years import Fit, Signal, claims_in, declared_years, judge

DATED = (Document, Link, Statement)
NOTHING_TO_SHOW = Requirement(Basis.NACC, "P1")  # the unit answers มี/ไม่มี with a URL: nothing shown is ไม่มี


def _dated(item: Item) -> Iterator[tuple[str, Document | Link | Statement]]:
    for key, evidence in item.evidence.items():
        for entry in evidence:
            if isinstance(entry, DATED):
                yield key, entry


def _label(entry: Evidence) -> str:
    return getattr(entry, "title", "") or getattr(entry, "text", "")


def year_requirement(item: Item, element: ElementSpec | None) -> Requirement:
    """Where an element's year rule comes from: its own, where it names one, else the item's."""
    return element.requirement if element is not None and element.year_rule else item.spec.year_requirement


def missing_items(model: Model, catalogue: Catalogue) -> list[Finding]:
    return [
        Finding(RuleId.MISSING_ITEM, Severity.ERROR, spec.id,
                f"ยังไม่มีไฟล์ของรายการ {spec.id} {spec.title} ให้สร้างไฟล์ content/{item_file(catalogue.year, spec)} "
                "(คัดลอกจากรายการปีก่อนหรือหน่วยงานตัวอย่าง)", basis=NOTHING_TO_SHOW)
        for spec in catalogue.items if model.item(catalogue.year, spec.id) is None
    ]


def _only_elsewhere(item: Item, element: ElementSpec, site: MainSite) -> bool:
    """Evidence that is all links to other hosts: the main website itself shows nothing of it."""
    evidence = item.evidence_for(element)
    return bool(evidence) and all(isinstance(entry, Link) and not site.contains(entry.url) for entry in evidence)


def missing_message(element: ElementSpec, catalogue: Catalogue, detail: str) -> str:
    """Why a missing element costs points, in words that follow its basis."""
    where = f" ให้เพิ่มใน{element.field_hint}"
    if catalogue.provisional:
        return (f'ไม่มีหลักฐานขององค์ประกอบ "{element.label}"{detail} ({catalogue.provisional_note} '
                f"องค์ประกอบอาจเปลี่ยนเมื่อประกาศ แต่ควรเตรียมไว้){where}")
    if element.official:
        return f'ไม่มีหลักฐานขององค์ประกอบ "{element.label}" ซึ่งเป็นองค์ประกอบที่ต้องมี{detail}{where}'
    return f'ไม่มีหลักฐานขององค์ประกอบ "{element.label}" ซึ่งควรมีไว้แม้ยังไม่พบในเกณฑ์ที่เผยแพร่{detail}{where}'


def missing_elements(model: Model, item: Item, site: MainSite) -> list[Finding]:
    """Elements with no evidence at all. Evidence that is only elsewhere is the off-domain rule's; an item
    with nothing at all to show scores zero whatever its elements' bases."""
    catalogue = model.catalogues[item.year]
    findings, empty = [], 0
    for element in item.spec.elements:
        status = element_status(model, item, element)
        if status.present:
            continue
        empty += 1
        detail = f": {' · '.join(status.problems)}" if element.derived_from else ""
        findings.append(Finding(RuleId.MISSING_ELEMENT, severity_of(element.requirement, catalogue, element=True),
                                item.spec.id, missing_message(element, catalogue, detail), location=item.location,
                                basis=element.requirement, element=element.key))
    if empty == len(item.spec.elements) and not any(f.severity is Severity.ERROR for f in findings):
        findings.append(Finding(RuleId.MISSING_ELEMENT, Severity.ERROR, item.spec.id,
                                f"รายการ {item.spec.id} ยังไม่มีหลักฐานขององค์ประกอบใดเลย ผู้ตรวจจะให้ 0 คะแนน",
                                location=item.location, basis=NOTHING_TO_SHOW))
    return findings


def wrong_years(item: Item, catalogue: Catalogue) -> list[Finding]:
    """Evidence declared for another period than its element's rule asks: the one judge every command uses."""
    findings = []
    for key, entry in _dated(item):
        element = item.spec.element(key)
        rule = item.spec.rule_of(element) if element else item.spec.year_rule
        judgement = judge(rule, item.year, [Signal.declared(entry.dating)])
        if judgement.fit not in (Fit.WRONG, Fit.DOUBT) or judgement.claim is None:
            continue
        wanted = data_fiscal_year(rule, item.year)
        span = f" ({fiscal_year_span(wanted)})" if wanted else ""
        requirement = year_requirement(item, element)
        claim = judgement.claim
        said = (f"แผนครอบคลุม {claim.written} ไม่ครอบคลุมปี {item.year}" if rule is YearRule.MULTI_YEAR_COVERING
                else f"เป็นข้อมูลของ {claim.written} (ปีงบประมาณ {claim.months[0].fiscal_year})")
        if judgement.fit is Fit.DOUBT:
            findings.append(Finding(RuleId.WRONG_YEAR, Severity.WARNING, item.spec.id,
                                    f'"{_label(entry)}" {claim.written} อยู่ในปีงบประมาณ {claim.months[0].fiscal_year} '
                                    f"แต่รายการนี้ต้องเป็นข้อมูลปีงบประมาณ {wanted}{span} ถ้าเป็นเอกสารของปี {wanted} "
                                    f"ที่ลงนามก่อนเริ่มปี ให้กรอก fiscal_year: {wanted} แทน date",
                                    location=entry.location, basis=requirement, element=key))
            continue
        findings.append(Finding(RuleId.WRONG_YEAR, severity_of(requirement, catalogue), item.spec.id,
                                f'"{_label(entry)}" {said} แต่{"องค์ประกอบนี้" if element and element.year_rule else "รายการนี้"}'
                                f"ต้องเป็น{_wanted_text(rule, item.year)}{span} ให้ใช้เอกสารของปีที่ถูกต้อง",
                                location=entry.location, basis=requirement, element=key))
    return findings


def _wanted_text(rule: YearRule, year: int) -> str:
    if rule is YearRule.MULTI_YEAR_COVERING:
        return f"แผนที่ครอบคลุมปี {year}"
    return f"ข้อมูลปีงบประมาณ {data_fiscal_year(rule, year)}"


def _monthly(item: Item) -> list[tuple[YearRule, Requirement, list[Document | Link | Statement], str]]:
    """What must be there month by month: the item's rule (every entry of the item counts) and any element
    with a monthly rule of its own (only its own entries count), each with where it comes from."""
    found = []
    if required_months(item.spec.year_rule, item.year):
        found.append((item.spec.year_rule, item.spec.year_requirement, [entry for _, entry in _dated(item)], ""))
    for element in item.spec.elements:
        if element.year_rule and required_months(element.year_rule, item.year):
            entries = [entry for key, entry in _dated(item) if key == element.key]
            found.append((element.year_rule, element.requirement, entries, f' ขององค์ประกอบ "{element.label}"'))
    return found


def missing_months(item: Item, catalogue: Catalogue, today: date) -> list[Finding]:
    """Monthly data needs an entry (a document, a quarter or a run of months, or a 'none this month'
    statement) for every month due."""
    findings = []
    for rule, requirement, entries, which in _monthly(item):
        due = [month for month in required_months(rule, item.year) if _month_closed(month, today)]
        covered = {month for entry in entries for month in entry.dating.covered_months}
        gaps = [month for month in due if month not in covered]
        if gaps:
            months = ", ".join(month.thai_short() for month in gaps)
            findings.append(Finding(RuleId.MISSING_MONTH, severity_of(requirement, catalogue), item.spec.id,
                                    f"ขาดข้อมูลเดือน {months}{which} ให้เพิ่มเอกสารของเดือนนั้น (ช่อง month หรือ period "
                                    "สำหรับเอกสารที่รวมหลายเดือน เช่น ไตรมาส 1/2569) หรือข้อความว่าไม่มีการจัดซื้อจัดจ้าง"
                                    "ในเดือนนั้น", location=item.location, basis=requirement))
    return findings


def conflicting_months(item: Item) -> list[Finding]:
    """A month with both a document of its own and a statement (usually "no procurement this month"): one
    must be wrong. A quarter's compilation may well include an empty month."""
    if not _monthly(item):
        return []
    documents = {entry.dating.month for _, entry in _dated(item) if isinstance(entry, Document) and entry.dating.month}
    statements = [entry for _, entry in _dated(item) if isinstance(entry, Statement)
                  and set(entry.dating.covered_months) & documents]
    return [Finding(RuleId.MONTH_CONFLICT, Severity.WARNING, item.spec.id,
                    f'เดือน{entry.dating.covered_months[0].thai()} มีทั้งเอกสารและข้อความ "{entry.text}" ข้อมูลขัดกัน '
                    "ให้เหลือเฉพาะที่ถูกต้อง", location=entry.location) for entry in statements]


def _month_closed(month: YearMonth, today: date) -> bool:
    following = month.next()
    return (ce_to_be(today.year), today.month) >= (following.year, following.month)


def year_mismatches(item: Item) -> list[Finding]:
    """Titles or file names naming a year other than the one the entry declares."""
    findings = []
    for key, entry in _dated(item):
        declared = declared_years(entry.dating)
        if not declared:
            continue
        element = item.spec.element(key)
        names = [_label(entry)] + ([entry.file.name] if isinstance(entry, Document) else [])
        for claim in (claim for name in names for claim in claims_in(name, item.year)):
            named = {claim.months[0].year, claim.months[1].year, *claim.fiscal_years}
            if named & declared and not claim.is_ce:
                continue
            if claim.is_ce:
                problem = f'ระบุปี ค.ศ. "{claim.written}" (= พ.ศ. {claim.months[1].fiscal_year}) ควรใช้ปี พ.ศ.'
                severity = Severity.WARNING if named & declared else Severity.ERROR
            else:
                problem = (f'ระบุ "{claim.written}" แต่กรอกไว้ว่าเป็นข้อมูลของปี '
                           f'{", ".join(map(str, sorted(declared)))}')
                severity = Severity.ERROR
            findings.append(Finding(RuleId.YEAR_MISMATCH, severity, item.spec.id,
                                    f'"{_label(entry)}" {problem} ตรวจว่าเป็นเอกสารของปีที่ถูกต้อง',
                                    location=entry.location, basis=year_requirement(item, element), element=key))
    return findings


def off_domain_links(item: Item, catalogue: Catalogue, site: MainSite, main_host: str) -> list[Finding]:
    """Evidence the item page would link to on another host (hosts.off_site_requirement, as the audit
    judges it): certain when the item has nothing on the main website, else a risk; another agency's page
    or a channel beside main-site evidence is a note."""
    findings = []
    entries = list(_dated(item))
    alone = not any(not isinstance(entry, Link) or site.contains(entry.url) for _, entry in entries)
    for key, entry in entries:
        if not isinstance(entry, Link) or site.contains(entry.url):
            continue
        requirement = off_site_requirement(entry.url, is_document=is_document_url(entry.url), alone=alone,
                                           catalogue=catalogue)
        severity = off_site_severity(requirement, catalogue)
        if requirement is None:
            message = f'"{entry.title}" อยู่บนเว็บไซต์อื่น ({entry.url}) ไม่นับเป็นหลักฐานบนเว็บไซต์หลัก'
        else:
            message = f'"{entry.title}" {off_domain_message(entry.url, main_host, certain=severity is Severity.ERROR)}'
        findings.append(Finding(RuleId.OFF_DOMAIN, severity, item.spec.id, message, url=entry.url,
                                location=entry.location, basis=requirement, element=key))
    return findings


TODO_MARKERS = ("**ต้องทำ:**", "**ต้องตรวจ:**")  # how earlier versions of ita new-year wrote to-dos into the body


def todos_left(item: Item) -> list[Finding]:
    """A to-do still in the item file: the work is not done, and an old-style one would be published."""
    tasks = list(item.todo) + [line.strip() for line in item.body.splitlines() if line.strip().startswith(TODO_MARKERS)]
    if not tasks:
        return []
    return [Finding(RuleId.TODO_LEFT, Severity.WARNING, item.spec.id,
                    f"ยังมีสิ่งที่ต้องทำ {len(tasks)} ข้อ: {tasks[0]} เมื่อทำเสร็จให้ลบช่อง todo "
                    "(หรือข้อความ ต้องทำ ในคำอธิบาย) ออกจากไฟล์", location=item.location)]


def bad_documents(item: Item) -> list[Finding]:
    """Documents that open as nothing: empty, or bytes of another kind than the extension says."""
    findings = []
    for document in item.documents:
        problem = document_problem(document.file.suffix, document.head, document.size)
        if problem:
            findings.append(Finding(RuleId.BAD_DOCUMENT, Severity.ERROR, item.spec.id,
                                    f'ไฟล์ "{document.file}" {problem}', location=document.location,
                                    basis=NOTHING_TO_SHOW))
    return findings


def stale_window(model: Model, year: int) -> list[Finding]:
    """An ITAS window of an earlier year (left over after ita new-year) counts down to the wrong date."""
    window = model.unit.itas_window
    if window is None or fiscal_year_of(window[1]) >= year:
        return []
    return [Finding(RuleId.STALE_WINDOW, Severity.WARNING, None,
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
    return [Finding(RuleId.EXAMPLE_CONTENT, Severity.WARNING, None,
                    "ยังเป็นข้อมูลของหน่วยงานตัวอย่าง: " + " · ".join(places)
                    + " ให้เปลี่ยนเป็นชื่อ ข้อมูล และเอกสารจริงของหน่วยงานก่อนนำขึ้นเว็บไซต์", location=unit.location)]


def criteria_changed(catalogue: Catalogue) -> list[Finding]:
    """The official list is out while the year still reads on the provisional one it was prepared on."""
    if catalogue.replaced_by is None:
        return []
    return [Finding(RuleId.CRITERIA_CHANGED, Severity.ERROR, None,
                    f"สำนักงาน ป.ป.ช. ประกาศเกณฑ์ ITA {catalogue.year} แล้ว (มีในโปรแกรมรุ่นนี้) แต่ข้อมูลปี {catalogue.year} "
                    f"ยังเตรียมตามเกณฑ์ชั่วคราว รายการอาจเปลี่ยนเลขหรือองค์ประกอบ ให้สั่ง ita adopt-criteria {catalogue.year} "
                    "เพื่อย้ายข้อมูลไปตามเกณฑ์ทางการ (เก็บไฟล์เดิมไว้ให้ทั้งหมด)", basis=NOTHING_TO_SHOW)]


def content_findings(model: Model, year: int, today: date) -> list[Finding]:
    """Every content rule over the items of one assessment year."""
    catalogue = model.catalogues[year]
    site = MainSite.of(model.unit.main_website, model.unit.same_site_hosts)
    findings = (missing_items(model, catalogue) + stale_window(model, year) + example_left(model)
                + criteria_changed(catalogue))
    for spec in catalogue.items:
        item = model.item(year, spec.id)
        if item is None:
            continue
        findings += missing_elements(model, item, site)
        findings += wrong_years(item, catalogue)
        findings += missing_months(item, catalogue, today)
        findings += conflicting_months(item)
        findings += year_mismatches(item)
        findings += off_domain_links(item, catalogue, site, model.unit.main_host)
        findings += bad_documents(item)
        findings += todos_left(item)
    return findings
