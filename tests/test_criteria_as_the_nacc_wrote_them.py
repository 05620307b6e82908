"""The catalogues decide every verdict: the corrected items, documents that cover a quarter, a wrong-year
document stopped at the door, a provisional FY2570 and the move onto the official list when it comes.

Each corrected item is pinned with realistic Thai content before and after: what the old catalogue
wrongly zeroed now passes, and what is really wrong still is.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from checks.content.rules import content_findings
from checks.findings import Severity, Verdict, verdict
from command.exit_codes import ExitCode
from command.main import main
from generator.basics.errors import ErrorLog
from generator.basics.thai import YearMonth
from generator.content.catalogues import CRITERIA_DIR, load_catalogues
from generator.content.load import load_model
from generator.model import Dating, Document, Model
from tests.conftest import copy_project, tree_snapshot
from tests.pdfs import text_pdf
from workflow.adopt import adopt_criteria

APRIL = date(2026, 4, 10)  # 10 เมษายน 2569: the ITAS entry period of ITA 2569


@pytest.fixture(scope="module")
def model(example_root) -> Model:
    return load_model(example_root)


def findings_of(model: Model, item_id: str, year: int = 2569):
    return [finding for finding in content_findings(model, year, APRIL) if finding.item == item_id]


def with_evidence(model: Model, item_id: str, key: str, evidence) -> Model:
    item = model.item(2569, item_id)
    return replace(model, items={**model.items, (2569, item_id): replace(item, evidence={**item.evidence,
                                                                                          key: tuple(evidence)})})


def document(model: Model, item_id: str, key: str, title: str, dating: Dating) -> Document:
    return replace(model.item(2569, item_id).evidence[key][0], title=title, dating=dating)


# ---- the corrected items ---------------------------------------------------------------------


def test_o20_last_years_no_gift_report_recorded_as_fy2568_passes(model):
    report = document(model, "O20", "no_gift_previous_report",
                      "รายงานผลการดำเนินงานตามนโยบาย No Gift Policy ประจำปีงบประมาณ พ.ศ. 2568", Dating(fiscal_year=2568))
    assert verdict(findings_of(with_evidence(model, "O20", "no_gift_previous_report", [report]), "O20")) is Verdict.PASS


def test_o20_a_report_of_two_years_ago_is_still_wrong_year(model):
    report = document(model, "O20", "no_gift_previous_report",
                      "รายงานผลการดำเนินงานตามนโยบาย No Gift Policy ประจำปีงบประมาณ พ.ศ. 2567", Dating(fiscal_year=2567))
    [finding] = findings_of(with_evidence(model, "O20", "no_gift_previous_report", [report]), "O20")
    assert (finding.rule, finding.element) == ("wrong-year", "no_gift_previous_report")
    assert "ต้องเป็นข้อมูลปีงบประมาณ 2568" in finding.message


def test_o13_hr_rules_in_force_since_2558_pass(model):
    rules = document(model, "O13", "hr_rules", "ประกาศ ก.อบต. เรื่อง หลักเกณฑ์และเงื่อนไขเกี่ยวกับการบริหารงานบุคคล พ.ศ. 2558",
                     Dating(date=date(2015, 3, 20)))
    assert findings_of(with_evidence(model, "O13", "hr_rules", [rules]), "O13") == []


def test_o13_this_years_plan_must_still_be_fy2569(model):
    plan = document(model, "O13", "hr_management_plan", "แผนการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2568",
                    Dating(fiscal_year=2568))
    [finding] = findings_of(with_evidence(model, "O13", "hr_management_plan", [plan]), "O13")
    assert (finding.rule, finding.severity) == ("wrong-year", Severity.ERROR)


def test_o12_the_annual_summary_alone_passes_with_a_warning_for_each_month(model):
    only_summary = with_evidence(model, "O12", "monthly_files_full_year", [])
    found = findings_of(only_summary, "O12")
    assert verdict(found) is Verdict.AT_RISK  # no zero: no source makes the twelve files mandatory
    assert {(f.rule, f.severity) for f in found} == {("missing-element", Severity.WARNING),
                                                     ("missing-month", Severity.WARNING)}


def test_o12_without_the_annual_summary_scores_zero(model):
    found = findings_of(with_evidence(model, "O12", "annual_summary", []), "O12")
    assert verdict(found) is Verdict.ZERO
    [missing] = [f for f in found if f.rule == "missing-element"]
    assert missing.basis.basis.official and missing.element == "annual_summary"


def test_o11_quarterly_files_satisfy_october_to_december(model):
    monthly = [entry for entry in model.item(2569, "O11").evidence["monthly_summary"]
               if entry.dating.month and entry.dating.month > YearMonth(2568, 12)]
    first, second = model.item(2569, "O11").evidence["xlsx_copy"]
    quarter = replace(first, title="สรุปผลการจัดซื้อจัดจ้าง ไตรมาสที่ 1 ปีงบประมาณ 2569 (แบบ สขร.1)",
                      dating=Dating(months=(YearMonth(2568, 10), YearMonth(2568, 12))))
    changed = with_evidence(with_evidence(model, "O11", "monthly_summary", monthly), "O11", "xlsx_copy",
                            [quarter, second])
    assert findings_of(changed, "O11") == []
    without_quarter = with_evidence(changed, "O11", "xlsx_copy", [second])
    [gap] = [f for f in findings_of(without_quarter, "O11") if f.rule == "missing-month"]
    assert gap.message.startswith("ขาดข้อมูลเดือน ต.ค. 2568, ธ.ค. 2568 ")  # November's statement stands for it


def test_o5_a_plan_without_indicators_per_strategy_scores_zero_as_in_2568(model):
    found = findings_of(with_evidence(model, "O5", "indicators_per_strategy", []), "O5")
    assert verdict(found) is Verdict.ZERO
    assert found[0].basis.basis.value == "assessor" and found[0].basis.source == "S3"


def test_o1_and_o2_name_the_nacc_texts_they_come_from_not_the_weak_mock_up():
    catalogue = load_catalogues(ErrorLog())[2569]
    assert {element.requirement.source for element in catalogue.item("O1").elements} == {"P7, P8"}
    political = catalogue.item("O2").element("executives_political_and_staff")
    assert political.requirement.source == "P7"


def test_2568_o11s_contradicted_rule_only_warns():
    catalogue = load_catalogues(ErrorLog())[2568]
    assert catalogue.item("o11").year_requirement.basis.value == "policy"


# ---- a wrong-year document is stopped at the door ------------------------------------------------


@pytest.fixture
def project(tmp_path) -> Path:
    root = copy_project(tmp_path / "project")
    (tmp_path / "incoming").mkdir()
    (tmp_path / "incoming" / "สรุปผล ต.ค. 69.pdf").write_bytes(text_pdf("สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569"))
    return root


def ita(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def test_add_document_refuses_a_fy2570_document_into_a_2569_item_and_changes_nothing(project, capsys):
    before = tree_snapshot(project / "content")
    source = project.parent / "incoming" / "สรุปผล ต.ค. 69.pdf"
    code = ita(project, "add-document", str(source), "--item", "O11", "--element", "monthly_summary",
               "--title", "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569", "--month", "2569-10")
    assert code == ExitCode.INVALID
    error = capsys.readouterr().err
    assert "เป็นข้อมูลของ ตุลาคม 2569" in error and "ต้องเป็นข้อมูลรายเดือนของปีงบประมาณ พ.ศ. 2569" in error
    assert "--year 2570" in error and "--force" in error
    assert tree_snapshot(project / "content") == before


def test_forced_it_is_recorded_with_a_thai_warning_and_check_says_wrong_year(project, capsys):
    source = project.parent / "incoming" / "สรุปผล ต.ค. 69.pdf"
    assert ita(project, "add-document", str(source), "--item", "O11", "--element", "monthly_summary",
               "--title", "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569", "--month", "2569-10", "--force") == 0
    assert "คำเตือน:" in capsys.readouterr().err
    [finding] = [f for f in findings_of(load_model(project), "O11") if f.rule == "wrong-year"]
    assert finding.severity is Severity.ERROR


def test_remove_document_takes_the_wrong_document_out_again(project, capsys):
    source = project.parent / "incoming" / "สรุปผล ต.ค. 69.pdf"
    before = tree_snapshot(project / "content")
    ita(project, "add-document", str(source), "--item", "O11", "--element", "monthly_summary",
        "--title", "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569", "--month", "2569-10", "--force", "--name", "oct-69.pdf")
    assert ita(project, "remove-document", "oct-69.pdf") == 0
    after = tree_snapshot(project / "content")
    changed = {path for path in set(before) | set(after) if before.get(path) != after.get(path)}
    assert changed == {"items/2569/o11.md"}  # only its updated: date; the file and the entry are gone
    assert before["items/2569/o11.md"].replace(b"updated: 2569-04-05", b"") == re.sub(
        rb"updated: \d{4}-\d\d-\d\d", b"", after["items/2569/o11.md"])


def test_replace_document_swaps_the_file_with_its_new_title_and_date(project):
    new = project.parent / "incoming" / "hr-rules-2567.pdf"
    new.write_bytes(text_pdf("ประกาศ ก.อบต. หลักเกณฑ์การบริหารงานบุคคล ฉบับปรับปรุง พ.ศ. 2567"))
    assert ita(project, "replace-document", "documents/2569/o13/hr-rules.pdf", str(new), "--date", "1/6/2567",
               "--title", "หลักเกณฑ์การบริหารงานบุคคล ฉบับปรับปรุง พ.ศ. 2567") == 0
    item = load_model(project).item(2569, "O13")
    [rules] = item.evidence["hr_rules"]
    assert str(rules.file) == "documents/2569/o13/hr-rules-2567.pdf" and rules.dating.date == date(2024, 6, 1)
    assert not (project / "content/documents/2569/o13/hr-rules.pdf").exists()
    assert findings_of(load_model(project), "O13") == []


def test_replace_document_refuses_a_plan_of_the_wrong_year(project, capsys):
    new = project.parent / "incoming" / "plan-2568.pdf"
    new.write_bytes(text_pdf("แผนการบริหารทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2568"))
    before = tree_snapshot(project / "content")
    assert ita(project, "replace-document", "documents/2569/o13/hr-management-plan.pdf", str(new),
               "--fiscal-year", "2568") == ExitCode.INVALID
    assert "ต้องเป็นข้อมูลของปีงบประมาณ พ.ศ. 2569" in capsys.readouterr().err
    assert tree_snapshot(project / "content") == before


def test_a_document_staff_name_twice_asks_which_item(project, capsys):
    assert ita(project, "remove-document", "xlsx-copy-q9.xlsx") == ExitCode.INVALID
    assert "ไม่พบเอกสาร" in capsys.readouterr().err


# ---- FY2570 today, and the official list when it comes ---------------------------------------------


def test_the_provisional_2570_is_2569_moved_by_one_and_says_so():
    catalogues = load_catalogues(ErrorLog())
    provisional, last = catalogues[2570], catalogues[2569]
    assert provisional.provisional and provisional.derived_from == 2569
    assert provisional.provisional_note == "เกณฑ์ ITA 2570 ยังไม่ประกาศ ใช้เกณฑ์ปี 2569 เลื่อนปี"
    assert [spec.id for spec in provisional.items] == [spec.id for spec in last.items]
    assert provisional.item("O11").title.endswith("พ.ศ. 2570") and provisional.item("O12").title.endswith("พ.ศ. 2569")
    assert all(spec.continues == spec.id for spec in provisional.items)


def test_a_provisional_years_missing_element_warns_while_a_wrong_year_still_scores_zero(tmp_path):
    project = copy_project(tmp_path / "project")
    assert ita(project, "new-year") == 0
    model = load_model(project)
    found = content_findings(model, 2570, date(2026, 12, 1))
    o5 = [f for f in found if f.item == "O5" and f.rule == "missing-element" and f.element]
    assert o5 and all(f.severity is Severity.WARNING for f in o5)  # even O5's indicators (an assessor's rule)
    assert all("เกณฑ์ ITA 2570 ยังไม่ประกาศ ใช้เกณฑ์ปี 2569 เลื่อนปี" in f.message for f in o5)
    plan = replace(model.item(2569, "O13").evidence["hr_management_plan"][0], dating=Dating(fiscal_year=2569))
    o13 = model.item(2570, "O13")
    changed = replace(model, items={**model.items, (2570, "O13"): replace(o13, evidence={**o13.evidence,
                                                                                        "hr_management_plan": (plan,)})})
    [wrong] = [f for f in content_findings(changed, 2570, date(2026, 12, 1)) if f.rule == "wrong-year"]
    assert wrong.severity is Severity.ERROR  # the fiscal-year rule holds every year


def official_2570(criteria: Path) -> None:
    """An 'official' ITA 2570 fixture: O11 and O12 trade numbers, O4 is renamed, O26 is dropped and a new
    O26 takes its number; the provisional file goes where a release keeps it."""
    provisional = criteria / "2570.yml"
    (criteria / "superseded").mkdir()
    shutil.copy2(provisional, criteria / "superseded" / "2570.yml")
    text = provisional.read_text(encoding="utf-8").replace("status: provisional\nderived_from: 2569\n",
                                                           "status: reconstructed\n")
    text = text.replace("  - id: O11\n", "  - id: O11-swap\n").replace("  - id: O12\n", "  - id: O11\n")
    text = text.replace("  - id: O11-swap\n", "  - id: O12\n")
    text = text.replace("    title: ข่าวประชาสัมพันธ์\n", "    title: ข่าวประชาสัมพันธ์และการดำเนินงานของหน่วยงาน\n")
    start = text.index("  - id: O26\n")
    text = text[:start] + """  - id: O26
    title: การป้องกันผลประโยชน์ทับซ้อน ปีงบประมาณ พ.ศ. 2570
    indicator: 10
    group: integrity_measures
    year_rule: current
    year_basis: nacc
    year_source: "R1"
    elements:
      - {key: conflict_of_interest_measures, basis: nacc, source: "R1", label: มาตรการป้องกันผลประโยชน์ทับซ้อน ปี 2570}
"""
    (criteria / "2570.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def prepared(tmp_path):
    """A unit that began FY2570 on the provisional list, and a release with the official list."""
    project = copy_project(tmp_path / "project")
    assert ita(project, "new-year") == 0
    assert (project / "content/items/2570/criteria.yml").is_file()
    item = project / "content/items/2570/o11.md"
    item.write_text(item.read_text(encoding="utf-8").replace("owner: กองคลัง งานพัสดุ",
                                                             "owner: กองคลัง งานพัสดุ (นางสาวมาลี)"), encoding="utf-8")
    criteria = tmp_path / "criteria"
    shutil.copytree(CRITERIA_DIR, criteria)
    official_2570(criteria)
    return project, criteria


def test_until_adopted_the_year_reads_as_prepared_and_check_says_what_to_do(prepared):
    project, criteria = prepared
    model = load_model(project, criteria)
    assert model.catalogues[2570].provisional and not model.catalogues[2570].replaced_by.provisional
    [told] = [f for f in content_findings(model, 2570, date(2027, 1, 15)) if f.rule == "criteria-changed"]
    assert told.severity is Severity.ERROR and "ita adopt-criteria 2570" in told.message


def test_adoption_moves_every_item_and_keeps_every_file(prepared):
    project, criteria = prepared
    documents = tree_snapshot(project / "content" / "documents")
    prepared_items = tree_snapshot(project / "content" / "items" / "2570")
    done = adopt_criteria(load_model(project, criteria), project, 2570)
    assert ("O11", "O12") in done.moved and ("O12", "O11") in done.moved  # renumbered
    assert "O4" in done.renamed and done.new == ["O26"] and done.dropped == ["O26"]
    assert tree_snapshot(project / "content" / "documents") == documents  # every document where it was
    assert tree_snapshot(done.kept) == prepared_items  # every prepared file, byte for byte
    model = load_model(project, criteria)
    assert not model.catalogues[2570].provisional
    moved = model.item(2570, "O12")  # the procurement item, under its official number
    assert moved.owner == "กองคลัง งานพัสดุ (นางสาวมาลี)" and "monthly_summary" in {e.key for e in moved.spec.elements}
    assert model.item(2570, "O26").todo[0].startswith("รายการใหม่ตามเกณฑ์ทางการปี 2570")
    assert not [f for f in content_findings(model, 2570, date(2027, 1, 15)) if f.rule == "criteria-changed"]


def test_a_failure_half_way_leaves_content_as_it_was(prepared, monkeypatch):
    project, criteria = prepared
    before = tree_snapshot(project / "content")
    import workflow.adopt

    def broken(_model):
        raise OSError("the disk is full")

    monkeypatch.setattr(workflow.adopt, "reload_model", broken)
    with pytest.raises(OSError):
        adopt_criteria(load_model(project, criteria), project, 2570)
    assert tree_snapshot(project / "content") == before
    assert not any(path.name.startswith(".ita-adopt") for path in project.iterdir())


def test_a_year_not_prepared_on_a_provisional_list_has_nothing_to_move(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    assert ita(project, "adopt-criteria", "2569") == ExitCode.INVALID
    assert "ไม่มีอะไรต้องย้าย" in capsys.readouterr().err


@pytest.mark.slow
def test_fy2570_end_to_end_on_the_provisional_list_labels_every_output(tmp_path):
    """new-year → add-document → build → check → audit over loopback: each says the criteria are provisional."""
    import json
    import subprocess
    import sys

    from checks.site.loopback import serve_folder

    project = copy_project(tmp_path / "project")
    web = tmp_path / "web"
    web.mkdir()
    october = tmp_path / "สรุปผล ต.ค. 69.pdf"
    october.write_bytes(text_pdf("สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569 ประจำปีงบประมาณ พ.ศ. 2570"))

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "command.main", "--root", str(project), *args],
                              capture_output=True, text=True, timeout=300)

    note = "เกณฑ์ ITA 2570 ยังไม่ประกาศ ใช้เกณฑ์ปี 2569 เลื่อนปี"
    assert run("new-year").returncode == 0
    added = run("add-document", str(october), "--item", "O11", "--element", "monthly_summary",
                "--title", "สรุปผลการจัดซื้อจัดจ้าง เดือนตุลาคม 2569", "--month", "2569-10")
    assert added.returncode == 0, added.stderr
    with serve_folder(web) as base:
        unit = project / "content" / "unit.yml"
        unit.write_text(re.sub(r"(?m)^(main_website|published_at): .*$", lambda m: f"{m.group(1)}: {base}",
                               unit.read_text(encoding="utf-8")), encoding="utf-8")
        assert run("publish-year").returncode == 0
        built = run("build")
        assert built.returncode == 0, built.stderr
        page = (project / "site/ita/2570/o11/index.html").read_text(encoding="utf-8")
        assert note in page and note in (project / "site/ita/2570/index.html").read_text(encoding="utf-8")
        shutil.copytree(project / "site", web, dirs_exist_ok=True)
        checked = run("check", "--format", "json", "--today", "2569-12-01")
        audited = run("audit", "site/ita/2570/itas.csv", "--format", "json", "--timeout", "5")
        text = run("check", "--no-site", "--today", "2569-12-01")
    for result in (checked, audited):
        assert result.stdout.startswith("{"), result.stderr
        report = json.loads(result.stdout)
        assert report["year"] == 2570 and report["criteria"] == {"status": "provisional", "provisional": True}
        assert report["notes"][0].startswith(note)
    assert text.stdout.startswith(note)
    o11 = next(item for item in json.loads(audited.stdout)["items"] if item["id"] == "O11")
    assert not [f for f in o11["findings"] if f["rule"] in ("dead-link", "wrong-year", "off-domain")]
