"""Each content rule on a variation of the example unit: the zero-score causes of criteria.md §3."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from checks.content.rules import content_findings
from checks.findings import Severity, Verdict, verdict
from generator.basics.errors import Location
from generator.basics.thai import YearMonth
from generator.content.load import load_model
from generator.model import Basis, Dating, Link, Statement
from workflow.init import UnitAnswers, init_project

APRIL = date(2026, 4, 10)  # 10 เมษายน 2569: the ITAS entry period


@pytest.fixture(scope="module")
def model(example_root):
    return load_model(example_root)


def with_item(model, item_id, **changes):
    item = model.item(2569, item_id)
    return replace(model, items={**model.items, (2569, item_id): replace(item, **changes)})


def with_evidence(model, item_id, key, evidence):
    item = model.item(2569, item_id)
    return with_item(model, item_id, evidence={**item.evidence, key: tuple(evidence)})


def findings(model, today=APRIL):
    """The item findings; the example unit is also told, once for the site, that it is the example."""
    return [(f.rule, f.severity, f.item, f.message) for f in content_findings(model, 2569, today)
            if f.rule != "example-content"]


def test_the_example_unit_has_no_finding_but_that_it_is_the_example(model):
    assert findings(model) == []
    [told] = [f for f in content_findings(model, 2569, APRIL) if f.rule == "example-content"]
    assert (told.severity, told.item) == (Severity.WARNING, None)
    assert told.message.startswith("ยังเป็นข้อมูลของหน่วยงานตัวอย่าง: ชื่อหรือเว็บไซต์ใน content/unit.yml · ไฟล์รายการ 54 ไฟล์")
    assert "เอกสาร 117 ไฟล์ที่ยังเป็นไฟล์ของหน่วยงานตัวอย่าง" in told.message


def test_a_unit_made_from_the_example_is_told_which_files_are_still_the_examples(tmp_path):
    project = tmp_path / "unit"
    init_project(project, UnitAnswers("เทศบาลตำบลหนองน้ำใส", "เทศบาลตำบล", "เมือง", "ขอนแก่น",
                                      "https://www.nongnamsai.go.th/", 2569), example=True)
    [told] = [f for f in content_findings(load_model(project), 2569, APRIL) if f.rule == "example-content"]
    assert "content/unit.yml" not in told.message and "ไฟล์รายการ" not in told.message  # the names were replaced
    assert "เอกสาร 117 ไฟล์ที่ยังเป็นไฟล์ของหน่วยงานตัวอย่าง" in told.message  # the documents cannot be


def test_a_missing_item_scores_zero(model):
    items = {key: item for key, item in model.items.items() if key != (2569, "O7")}
    assert findings(replace(model, items=items)) == [(
        "missing-item", Severity.ERROR, "O7",
        ("ยังไม่มีไฟล์ของรายการ O7 รายงานผลการดำเนินงานประจำปี พ.ศ. 2568 ให้สร้างไฟล์ content/items/2569/o7.md "
        "(คัดลอกจากรายการปีก่อนหรือหน่วยงานตัวอย่าง)"),
    )]


def test_a_missing_confirmed_element_scores_zero(model):
    assert findings(with_evidence(model, "O3", "two_way_qa", [])) == [(
        "missing-element", Severity.ERROR, "O3",
        ('ไม่มีหลักฐานขององค์ประกอบ "ช่องทางสอบถามที่ตอบกลับได้ (สองทาง)" ซึ่งเป็นองค์ประกอบที่ต้องมี '
        "ให้เพิ่มในช่อง elements.two_way_qa"),
    )]


def test_a_missing_unconfirmed_element_only_warns(model):
    [(rule, severity, item, _)] = findings(with_evidence(model, "O10", "eservice_statistics", []))
    assert (rule, severity, item) == ("missing-element", Severity.WARNING, "O10")


def test_a_current_year_item_with_last_years_document_is_wrong_year(model):
    document = model.item(2569, "O13").evidence["hr_management_plan"][0]
    moved = replace(document, dating=Dating(fiscal_year=2568), title="แผนการบริหารทรัพยากรบุคคล")
    [(rule, severity, item, message)] = findings(with_evidence(model, "O13", "hr_management_plan", [moved]))
    assert (rule, severity, item) == ("wrong-year", Severity.ERROR, "O13")
    assert message == ('"แผนการบริหารทรัพยากรบุคคล" เป็นข้อมูลของ ปีงบประมาณ 2568 (ปีงบประมาณ 2568) แต่รายการนี้ต้องเป็น'
                       "ข้อมูลปีงบประมาณ 2569 (1 ตุลาคม 2568 – 30 กันยายน 2569) ให้ใช้เอกสารของปีที่ถูกต้อง")


def test_a_previous_year_report_signed_after_the_year_closed_is_accepted(model):
    report = model.item(2569, "O7").evidence["annual_results_report"][0]
    signed = replace(report, dating=Dating(date=date(2025, 11, 20)))  # 20 พ.ย. 2568, FY 2569
    assert findings(with_evidence(model, "O7", "annual_results_report", [signed])) == []


def test_a_plan_whose_period_ends_before_the_year_is_wrong_year(model):
    plan = model.item(2569, "O5").evidence["multi_year_plan"][0]
    old = replace(plan, dating=Dating(period=(2561, 2565)), title="แผนพัฒนาท้องถิ่น (พ.ศ. 2561-2565)")
    [(rule, _, _, message)] = findings(with_evidence(model, "O5", "multi_year_plan", [old]))
    assert rule == "wrong-year"
    assert "แผนครอบคลุม พ.ศ. 2561–2565 ไม่ครอบคลุมปี 2569" in message


def test_a_month_without_entry_is_missing(model):
    entries = [e for e in model.item(2569, "O11").evidence["monthly_summary"] if e.dating.month != YearMonth(2569, 1)]
    first_quarter = model.item(2569, "O11").evidence["xlsx_copy"][:1]  # the second quarter's file covers January too
    changed = with_evidence(with_evidence(model, "O11", "monthly_summary", entries), "O11", "xlsx_copy", first_quarter)
    [(rule, severity, _, message)] = findings(changed)
    assert (rule, severity) == ("missing-month", Severity.ERROR)
    assert message.startswith("ขาดข้อมูลเดือน ม.ค. 2569 ")


def test_a_quarterly_file_covers_each_month_of_its_quarter(model):
    entries = [e for e in model.item(2569, "O11").evidence["monthly_summary"] if e.dating.month != YearMonth(2569, 1)]
    assert findings(with_evidence(model, "O11", "monthly_summary", entries)) == []


def test_a_no_procurement_statement_covers_its_month(model):
    # The example says November 2568 had no procurement; that statement is what covers it.
    assert not [f for f in findings(model) if f[0] == "missing-month"]
    statements = [Statement("ไม่มีการจัดซื้อจัดจ้าง", Dating(month=YearMonth(2568, 12)), Location("x.md", 1))]
    entries = [e for e in model.item(2569, "O11").evidence["monthly_summary"] if e.dating.month != YearMonth(2568, 12)]
    changed = with_evidence(with_evidence(model, "O11", "monthly_summary", entries), "O11", "empty_month_statement",
                            [*model.item(2569, "O11").evidence["empty_month_statement"], *statements])
    assert findings(changed) == []


def test_months_not_yet_closed_are_not_required(model):
    entries = [e for e in model.item(2569, "O11").evidence["monthly_summary"] if e.dating.month != YearMonth(2569, 3)]
    assert findings(with_evidence(model, "O11", "monthly_summary", entries), today=date(2026, 3, 20)) == []


def test_a_title_naming_another_year_in_thai_digits_is_flagged(model):
    news = model.item(2569, "O19").evidence["participation_report"][0]
    renamed = replace(news, title="รายงานผลการเปิดโอกาสให้มีส่วนร่วม ประจำปี ๒๕๖๗")
    [(rule, severity, _, message)] = findings(with_evidence(model, "O19", "participation_report", [renamed]))
    assert (rule, severity) == ("year-mismatch", Severity.ERROR)
    assert 'ระบุ "ประจำปี 2567" แต่กรอกไว้ว่าเป็นข้อมูลของปี 2568, 2569' in message


def test_a_short_be_year_in_a_title_is_read(model):
    news = model.item(2569, "O19").evidence["participation_report"][0]
    renamed = replace(news, title="สรุปผลการประชุมประชาคม ต.ค. 66")
    [(rule, _, _, message)] = findings(with_evidence(model, "O19", "participation_report", [renamed]))
    assert rule == "year-mismatch" and "ต.ค. 66" in message


def test_a_ce_year_in_a_file_name_of_the_right_year_warns(model):
    plan = model.item(2569, "O23").evidence["action_plan"][0]
    renamed = replace(plan, file=plan.file.with_name("anticorruption-plan-2026.pdf"))
    [(rule, severity, _, message)] = findings(with_evidence(model, "O23", "action_plan", [renamed]))
    assert (rule, severity) == ("year-mismatch", Severity.WARNING)
    assert 'ระบุปี ค.ศ. "2026" (= พ.ศ. 2569) ควรใช้ปี พ.ศ.' in message


def test_evidence_on_google_drive_is_off_domain_a_risk_with_the_safe_fix_not_a_certain_zero(model):
    drive = Link("https://drive.google.com/file/d/1AbC/view", "รายงานผลการพัฒนาบุคลากร", Dating(fiscal_year=2568),
                 Location("content/items/2569/o14.md", 12))
    [finding] = [f for f in content_findings(with_evidence(model, "O14", "hr_development_report", [drive]), 2569, APRIL)
                 if f.rule == "off-domain"]
    assert (finding.rule, finding.severity, finding.item) == ("off-domain", Severity.WARNING, "O14")
    assert finding.message.startswith('"รายงานผลการพัฒนาบุคลากร" อยู่บน Google Drive ไม่ใช่เว็บไซต์หลัก '
                                      "www.tambon.example ผู้ตรวจอาจไม่นับ")
    assert "ทางที่แน่นอนคือนำไฟล์ขึ้นเว็บไซต์หลัก" in finding.message
    assert finding.basis.basis is Basis.POLICY  # no published rule scores it: the report says so


def test_a_main_host_used_as_user_info_is_still_off_domain(model):
    trick = Link("https://www.tambon.example@files.example/report.pdf", "รายงาน", Dating(fiscal_year=2568),
                 Location("content/items/2569/o14.md", 12))
    [(rule, _, _, message)] = [f for f in findings(with_evidence(model, "O14", "hr_development_report", [trick]))
                               if f[0] == "off-domain"]
    assert rule == "off-domain" and "อยู่บนเว็บไซต์ files.example" in message


def test_an_element_whose_only_evidence_is_elsewhere_puts_the_item_at_risk(model):
    drive = Link("https://drive.google.com/file/d/1AbC/view", "รายงาน", Dating(fiscal_year=2568),
                 Location("content/items/2569/o14.md", 12))
    found = [f for f in content_findings(with_evidence(model, "O14", "hr_development_report", [drive]), 2569, APRIL)
             if f.item == "O14"]
    assert [f.rule for f in found] == ["off-domain"] and verdict(found) is Verdict.AT_RISK


def test_an_item_whose_every_element_is_only_elsewhere_breaks_the_main_website_rule(model):
    drive = Link("https://drive.google.com/drive/folders/1xYz", "เอกสารทั้งหมด", Dating(fiscal_year=2568),
                 Location("content/items/2569/o14.md", 12))
    spec = model.item(2569, "O14").spec
    changed = with_item(model, "O14", evidence={element.key: (drive,) for element in spec.elements})
    found = [f for f in content_findings(changed, 2569, APRIL) if f.item == "O14"]
    assert {f.rule for f in found} == {"off-domain"} and verdict(found) is Verdict.ZERO
    assert {f.basis for f in found} == {changed.catalogues[2569].rule("main_website")}  # the NACC's own rule


def test_another_agencys_page_is_a_note_in_check_as_in_audit(model):
    agency = Link("https://www.dla.go.th/work/guide.html", "แนวทางของกรมส่งเสริมการปกครองท้องถิ่น", Dating(fiscal_year=2568),
                  Location("content/items/2569/o14.md", 12))
    item = model.item(2569, "O14")
    evidence = (*item.evidence["hr_development_report"], agency)
    [(rule, severity, _, _)] = findings(with_evidence(model, "O14", "hr_development_report", evidence))
    assert (rule, severity) == ("off-domain", Severity.NOTE)


def test_an_item_with_no_evidence_at_all_scores_zero_even_with_unconfirmed_elements(model):
    empty = with_item(model, "O4", evidence={})
    severities = {severity for rule, severity, item, _ in findings(empty) if item == "O4"}
    assert Severity.ERROR in severities
