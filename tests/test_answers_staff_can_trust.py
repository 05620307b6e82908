"""Answers that used to mislead staff (issue 13), one behaviour each, on real commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_project

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def ita(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", "--root", str(project), *args], cwd=project, env=ENV,
                          capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("answers") / "project")
    assert ita(project, "build").returncode == 0
    return project


def site_rules(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    return {finding["rule"]: finding["severity"] for finding in json.loads(result.stdout)["site"]}


def test_a_site_older_than_the_content_fails_check_with_run_ita_build(built):
    item = built / "content/items/2569/o1.md"
    later = time.time() + 5
    os.utime(item, (later, later))
    try:
        result = ita(built, "check", "--today", "2569-04-10", "--format", "json")
    finally:
        os.utime(item, (later - 3600, later - 3600))
    assert result.returncode == 2 and site_rules(result).get("stale-site") == "error"
    assert "ita build" in json.dumps(json.loads(result.stdout)["site"], ensure_ascii=False)


def test_a_changed_published_at_warns_that_every_itas_url_changes(built):
    unit = built / "content/unit.yml"
    original = unit.read_text(encoding="utf-8")
    unit.write_text(original.replace("published_at: https://www.tambon.example/",
                                     "published_at: https://www.tambon.example/opendata/"), encoding="utf-8")
    try:
        build = ita(built, "build")
        result = ita(built, "check", "--today", "2569-04-10", "--format", "json")
    finally:
        unit.write_text(original, encoding="utf-8")
        ita(built, "build")
    moved = "เปลี่ยนจาก https://www.tambon.example/ เป็น https://www.tambon.example/opendata/"
    assert build.returncode == 0 and moved in build.stdout
    assert site_rules(result).get("removed-url") == "warning" and moved in result.stdout


def test_an_itas_window_of_an_earlier_year_warns(tmp_path):
    project = copy_project(tmp_path / "project")
    unit = project / "content/unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("2569-03-01", "2568-03-01").replace("2569-04-30", "2568-04-30"),
                    encoding="utf-8")
    result = ita(project, "check", "--no-site", "--today", "2569-04-10", "--format", "json")
    assert site_rules(result).get("stale-window") == "warning"


def test_a_month_with_a_summary_and_a_no_procurement_statement_is_flagged(tmp_path):
    project = copy_project(tmp_path / "project")
    item = project / "content/items/2569/o11.md"
    item.write_text(item.read_text(encoding="utf-8").replace(
        "  empty_month_statement:\n", "  empty_month_statement:\n    - text: เดือนตุลาคม 2568 ไม่มีการจัดซื้อจัดจ้าง\n"
                                      "      month: 2568-10\n", 1), encoding="utf-8")
    result = ita(project, "check", "--no-site", "--today", "2569-04-10", "--format", "json")
    o11 = next(item for item in json.loads(result.stdout)["items"] if item["id"] == "O11")
    assert [f["rule"] for f in o11["findings"]] == ["month-conflict"]


def test_results_accept_item_codes_in_either_case(tmp_path):
    project = copy_project(tmp_path / "project")
    results = project / "content/results/2568.yml"
    text = results.read_text(encoding="utf-8")
    results.write_text(text.replace("o13:", "O13:"), encoding="utf-8")
    assert ita(project, "status").returncode == 0


def test_a_file_name_with_spaces_typed_without_quotes_gets_the_quoting_hint(tmp_path):
    project = copy_project(tmp_path / "project")
    result = ita(project, "add-document", "สรุปผล", "ต.ค.", "68.pdf", "--item", "O11", "--element", "monthly_summary",
                 "--title", "สรุปผล", "--month", "2568-10")
    assert result.returncode == 3 and "ใส่เครื่องหมายคำพูดครอบ" in result.stderr


def test_the_html_report_embeds_its_font_dates_itself_and_lists_problems_first(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content/items/2569/o26.md").unlink()
    output = tmp_path / "report.html"
    result = ita(project, "check", "--no-site", "--today", "2569-04-10", "--format", "html", "--output", str(output))
    page = output.read_text(encoding="utf-8").replace("<wbr>", "")
    assert "ได้ 0 คะแนน 1 จาก 26 รายการ" in result.stdout and str(output) in result.stdout
    assert "font/woff2;base64," in page and "ตรวจเมื่อ" in page
    assert page.index('<td data-label="รายการ">O26') < page.index('<td data-label="รายการ">O1<')
    assert "(ไม่มีรายการนี้บนเว็บไซต์)" in page  # the Thai name beside the rule id


def test_an_unreachable_site_is_said_once(tmp_path):
    csv = tmp_path / "itas.csv"
    csv.write_text("item,url\n" + "".join(f"O{n},http://127.0.0.1:9/ita/2569/o{n}/\n" for n in range(1, 27)),
                   encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "command.main", "audit", str(csv), "--main-website",
                             "http://127.0.0.1:9/", "--year", "2569", "--format", "json", "--no-cache", "--timeout", "2"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert [f["rule"] for f in report["site"]] == ["dead-link"] and "ไม่ได้เลย" in report["site"][0]["message"]
    assert all(f["message"] == "เปิดไม่ได้ เพราะเปิดเว็บไซต์หลักไม่ได้" for item in report["items"] for f in item["findings"])


def test_auditing_the_site_root_asks_for_the_ita_center_url(tmp_path):
    from checks.site.loopback import serve_folder

    (tmp_path / "index.html").write_text("<html><body><main><a href='/news/'>ข่าว</a></main></body></html>",
                                         encoding="utf-8")
    with serve_folder(tmp_path) as base:
        result = subprocess.run([sys.executable, "-m", "command.main", "audit", base, "--year", "2569", "--no-cache"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "ให้ใช้ URL ของหน้าศูนย์ ITA" in result.stdout  # a report, never a pass
    assert "ตรวจเว็บไซต์นี้ไม่ได้" in result.stdout and "คะแนน OIT โดยประมาณ" not in result.stdout
