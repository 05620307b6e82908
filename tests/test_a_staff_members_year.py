"""A staff member's whole year, end to end, with the commands GUIDE.th.md gives them.

The unit finished ITA 2568; the 2569 criteria arrive with the program. The year is played in
order: new-year → build (incomplete) → mkdocs serve → status → add-document ×3 (Thai file names with spaces) →
results → build → preview → check → publish-year → deploy under a folder → audit. Every step's
exit status and the Thai words staff read are asserted; build and preview never fail on an
incomplete year.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checks.site.loopback import serve_folder
from tests.conftest import copy_project
from tests.test_serve import free_port, wait_for

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TODAY = "2569-01-15"  # October to December closed; the ITAS window is months away


def ita(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", "--root", str(project), *args], cwd=project, env=ENV,
                          capture_output=True, text=True, check=False, timeout=300)


def set_unit(project: Path, **values: str) -> None:
    unit = project / "content" / "unit.yml"
    text = unit.read_text(encoding="utf-8")
    for key, value in values.items():
        text = re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text, count=1)
    unit.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def year(tmp_path_factory):
    """The example unit as it stood at the end of 2568, and the steps' results as they happen."""
    base = tmp_path_factory.mktemp("year")
    project = copy_project(base / "project")
    for folder in ("items/2569", "documents/2569"):
        shutil.rmtree(project / "content" / folder)
    results_2568 = (project / "content/results/2568.yml").read_bytes()
    (project / "content/results/2568.yml").unlink()
    set_unit(project, assessment_year="2568")
    incoming = base / "จากกองคลัง"
    incoming.mkdir()
    pdf = (Path(__file__).parents[1] / "content/documents/2569/o11/monthly-summary-2568-10.pdf").read_bytes()
    for month in ("ต.ค.", "พ.ย.", "ธ.ค."):
        (incoming / f"สรุปผลจัดซื้อจัดจ้าง {month} 68.pdf").write_bytes(pdf)
    return {"project": project, "incoming": incoming, "results": results_2568, "steps": {}}


def step(year, name, *args) -> subprocess.CompletedProcess[str]:
    result = ita(year["project"], *args)
    year["steps"][name] = result
    return result


def test_1_new_year_prepares_2569_and_keeps_the_public_year(year):
    result = step(year, "new-year", "new-year")
    assert result.returncode == 0, result.stderr
    assert "เริ่มปี 2569" in result.stdout and "หน้าแรกของเว็บไซต์ยังแสดงปี 2568" in result.stdout


def test_2_an_incomplete_year_builds_and_names_the_results_file_to_fill(year):
    result = step(year, "build-incomplete", "build")
    assert result.returncode == 0, result.stderr
    assert "content/results/2568.yml" in result.stdout
    home = (year["project"] / "site/ita/index.html").read_text(encoding="utf-8")
    assert "ITA 2568" in home and "อยู่ระหว่างจัดเตรียม" in home


def test_2b_the_preview_server_shows_the_incomplete_year_with_its_to_dos(year):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=year["project"], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = wait_for(f"http://127.0.0.1:{port}/ita/2569/o7/", "เพิ่มหลักฐานของปี 2569")
        analysis = wait_for(f"http://127.0.0.1:{port}/ita/2569/o25/", "content/results/2568.yml")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "ต้องทำ" in page and "อยู่ระหว่างจัดเตรียมการวิเคราะห์" in analysis


def test_3_status_names_the_fields_to_fill(year):
    result = step(year, "status", "status", "--today", TODAY)
    assert result.returncode == 0 and "elements.monthly_summary" in result.stdout  # the cell may wrap before it


@pytest.mark.parametrize("month", ["2568-10", "2568-12", "2568-11"])
def test_4_add_document_takes_thai_names_with_spaces(year, month):
    thai = {"2568-10": "ต.ค.", "2568-11": "พ.ย.", "2568-12": "ธ.ค."}[month]
    source = year["incoming"] / f"สรุปผลจัดซื้อจัดจ้าง {thai} 68.pdf"
    result = step(year, f"add-{month}", "add-document", str(source), "--item", "o11", "--element", "monthly_summary",
                  "--title", f"สรุปผลการจัดซื้อจัดจ้าง {thai} 2568", "--month", month)
    assert result.returncode == 0, result.stderr
    assert source.is_file()


def test_5_months_stay_in_order_in_the_item_file(year):
    text = (year["project"] / "content/items/2569/o11.md").read_text(encoding="utf-8")
    assert list(re.findall(r"month: (\d{4}-\d\d)", text)) == ["2568-10", "2568-11", "2568-12"]


def test_6_with_the_results_filled_the_build_has_nothing_to_say(year):
    (year["project"] / "content/results/2568.yml").write_bytes(year["results"])
    result = step(year, "build", "build")
    assert result.returncode == 0, result.stderr
    assert "content/results/" not in result.stdout


def test_7_the_preview_of_an_incomplete_year_generates(year):
    result = step(year, "preview", "generate", "--preview")
    assert result.returncode == 0, result.stderr


def test_8_check_gates_the_deploy_with_to_dos_and_gaps_named(year):
    result = step(year, "check", "check", "--today", TODAY, "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    items = {item["id"]: item for item in report["items"]}
    assert report["year"] == 2569
    assert "missing-month" not in {f["rule"] for f in items["O11"]["findings"]}  # October–December were added
    assert "todo-left" in {f["rule"] for f in items["O7"]["findings"]}
    assert items["O7"]["verdict"] == "zero"  # nothing to show yet: zero in the estimate, not "at risk"


def test_9_publish_year_switches_the_public_home(year):
    result = step(year, "publish-year", "publish-year")
    assert result.returncode == 0 and "2569" in result.stdout
    assert ita(year["project"], "build").returncode == 0
    home = (year["project"] / "site/ita/index.html").read_text(encoding="utf-8")
    assert "ITA 2569" in home and "ข้อมูลปีที่ผ่านมา" in (year["project"] / "site/ita/2568/index.html").read_text("utf-8")


def test_10_deployed_under_a_folder_the_audit_reads_the_list_of_its_year(year, tmp_path):
    project = year["project"]
    web = tmp_path / "web"
    web.mkdir()
    with serve_folder(web) as base:
        set_unit(project, main_website=base, published_at=base + "opendata/")
        assert ita(project, "build").returncode == 0
        shutil.copytree(project / "site", web / "opendata")
        result = ita(project, "audit", "site/ita/2569/itas.csv", "--format", "json", "--no-cache", "--timeout", "5")
    report = json.loads(result.stdout)
    items = {item["id"]: item for item in report["items"]}
    assert report["year"] == 2569
    assert not [f for f in items["O11"]["findings"] if f["rule"] in ("dead-link", "off-domain", "wrong-year")]
