"""The staff workflow on copies of the example content: start a year, add a document."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest

from generator.content.load import load_model
from generator.pages.render import render_site
from tests.conftest import copy_project, tree_snapshot

THAI_FILE = "สรุปผล จัดซื้อ เม.ย. 69.pdf"


def ita(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", *args], cwd=project,
                          capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture
def last_year(tmp_path):
    """The example as it stood in 2568: the 2569 items not yet started."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content" / "items" / "2569")
    unit = project / "content" / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("assessment_year: 2569", "assessment_year: 2568"),
                    encoding="utf-8")
    return project


# ---- new-year ---------------------------------------------------------------------------


def test_new_year_carries_evergreen_items_with_their_evidence(last_year):
    assert ita(last_year, "new-year").returncode == 0
    model = load_model(last_year)
    o1 = model.item(2569, "O1")
    assert o1.evidence["org_chart"][0].file.as_posix() == "documents/2568/o1/org-chart.pdf"
    assert o1.owner == "สำนักปลัด งานประชาสัมพันธ์"


def test_new_year_leaves_year_bound_items_as_marked_todos(last_year):
    ita(last_year, "new-year")
    o7 = load_model(last_year).item(2569, "O7")
    assert o7.evidence == {}
    assert o7.todo[0] == ("เพิ่มหลักฐานของปี 2569: รายงานของปีงบประมาณ พ.ศ. 2568 (1 ตุลาคม 2567 – 30 กันยายน 2568): "
                          "รายงานผลการดำเนินงานปี 2568 (ผล งบประมาณ ปัญหา ข้อเสนอแนะ) (ช่อง elements.annual_results_report)")


def test_to_dos_are_never_published_and_check_reports_them(last_year):
    ita(last_year, "new-year")
    model = load_model(last_year)
    deploy = render_site(model).pages[PurePosixPath("ita/2569/o7/index.md")]
    preview = render_site(model, preview=True).pages[PurePosixPath("ita/2569/o7/index.md")]
    assert "เพิ่มหลักฐานของปี" not in deploy and "เพิ่มหลักฐานของปี" in preview
    result = ita(last_year, "check", "--no-site", "--format", "json")
    o7 = next(item for item in json.loads(result.stdout)["items"] if item["id"] == "O7")
    assert "todo-left" in {finding["rule"] for finding in o7["findings"]}


def test_new_year_moves_the_assessment_year_in_unit_yml(last_year):
    ita(last_year, "new-year")
    assert load_model(last_year).unit.assessment_year == 2569


def test_new_year_keeps_the_windows_line_endings_of_unit_yml(last_year):
    unit = last_year / "content" / "unit.yml"
    unit.write_bytes(unit.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    ita(last_year, "new-year")
    data = unit.read_bytes()
    assert b"assessment_year: 2569\r\npublic_year: 2568\r\n" in data and data.count(b"\n") == data.count(b"\r\n")


def test_new_year_never_overwrites_an_item_file(last_year):
    existing = last_year / "content" / "items" / "2569" / "o4.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\nitem: O4\nyear: 2569\nowner: งานประชาสัมพันธ์\n---\nข่าวของเรา\n", encoding="utf-8")
    ita(last_year, "new-year")
    before = tree_snapshot(last_year / "content" / "items")
    result = ita(last_year, "new-year", "--year", "2569")
    assert "มีไฟล์อยู่แล้ว ไม่แตะต้อง 26 ไฟล์" in result.stdout
    assert tree_snapshot(last_year / "content" / "items") == before
    assert existing.read_text(encoding="utf-8").endswith("ข่าวของเรา\n")


def test_a_year_without_criteria_is_refused_with_what_to_do(tmp_path):
    project = copy_project(tmp_path / "project")
    result = ita(project, "new-year", "--year", "2571")
    assert result.returncode == 3
    assert "ยังไม่มีเกณฑ์ของปี 2571 (ไฟล์ generator/criteria/2571.yml) ไฟล์นี้มากับโปรแกรมศูนย์ ITA รุ่นใหม่" in result.stderr
    assert "pipx upgrade ita-center" in result.stderr  # an upgrade of the tool brings it, not git pull in a unit's folder


# ---- add-document -----------------------------------------------------------------------


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


@pytest.fixture
def thai_pdf(tmp_path):
    path = tmp_path / "downloads" / THAI_FILE
    path.parent.mkdir()
    path.write_bytes(b"%PDF-1.4\n% April procurement\n")
    return path


def add(project: Path, source: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return ita(project, "add-document", str(source), "--item", "O11", "--element", "monthly_summary",
               "--title", "สรุปผลการจัดซื้อจัดจ้าง เดือนเมษายน 2569", "--fiscal-year", "2569", "--month", "2569-04",
               *extra)


def test_a_thai_file_name_with_spaces_gets_a_safe_ascii_name(project, thai_pdf):
    result = add(project, thai_pdf)
    assert result.returncode == 0, result.stderr
    assert (project / "content" / "documents" / "2569" / "o11" / "monthly-summary-2569-04.pdf").is_file()


def test_the_document_is_recorded_in_the_items_front_matter(project, thai_pdf):
    add(project, thai_pdf)
    [entry] = [e for e in load_model(project).item(2569, "O11").evidence["monthly_summary"] if e.dating.month
               and e.dating.month.month == 4]
    assert (entry.title, entry.dating.fiscal_year) == ("สรุปผลการจัดซื้อจัดจ้าง เดือนเมษายน 2569", 2569)


def test_the_original_file_is_neither_moved_nor_changed(project, thai_pdf):
    before = thai_pdf.read_bytes()
    add(project, thai_pdf)
    assert thai_pdf.read_bytes() == before


def test_an_existing_file_is_never_overwritten(project, thai_pdf):
    add(project, thai_pdf)
    before = tree_snapshot(project / "content")
    result = add(project, thai_pdf)
    assert result.returncode == 3
    assert "อยู่แล้ว ระบบไม่เขียนทับ ให้ตั้งชื่อใหม่ด้วย --name" in result.stderr
    assert tree_snapshot(project / "content") == before


def test_a_missing_file_is_reported_and_nothing_changes(project, tmp_path):
    before = tree_snapshot(project / "content")
    result = add(project, tmp_path / "ไม่มีไฟล์นี้.pdf")
    assert result.returncode == 3
    assert "ไม่พบไฟล์" in result.stderr
    assert tree_snapshot(project / "content") == before


def test_an_element_the_item_does_not_have_is_refused(project, thai_pdf):
    result = ita(project, "add-document", str(thai_pdf), "--item", "O11", "--element", "org_chart",
                 "--title", "แผนผัง", "--fiscal-year", "2569")
    assert result.returncode == 3
    assert 'รายการ O11 ไม่มีองค์ประกอบ "org_chart"' in result.stderr
