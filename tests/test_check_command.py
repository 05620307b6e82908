"""`ita check` on real copies of the example unit: exit codes, built-site rules, report formats."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.conftest import copy_project, write
from tests.test_render import assert_golden

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

GOLDEN = Path(__file__).parent / "golden"
APRIL = "2569-04-10"


def ita(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", *args], cwd=project,
                          capture_output=True, text=True, check=False, timeout=300)


def drop_element(project: Path, item_file: str, key: str) -> None:
    """Remove one element's block from an item's front matter."""
    path = project / "content" / "items" / "2569" / item_file
    text = re.sub(rf"\n  {key}:\n(    .*\n)+", "\n", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("check") / "project")
    assert ita(project, "build").returncode == 0
    return project


def test_the_example_passes_the_gate(built_project):
    result = ita(built_project, "check", "--today", APRIL)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ผ่าน 26 · เสี่ยง 0 · ได้ 0 คะแนน 0 จาก 26 รายการ" in result.stdout


def test_a_damaged_built_site_is_caught(built_project, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_project / "site", site)
    (site / "ita" / "2569" / "o11" / "monthly-summary-2568-10.pdf").unlink()
    shutil.rmtree(site / "ita" / "2569" / "o26")
    page = site / "ita" / "2569" / "o4" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace("</head>", '<script src="https://cdn.example.net/widget.js"></script></head>', 1)
    page.write_text(html.replace('href="#elements"', 'href="#no-such-heading"', 1), encoding="utf-8")
    result = ita(built_project, "check", "--today", APRIL, "--site-dir", str(site), "--format", "json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    found = {(item["id"], finding["rule"]) for item in report["items"] for finding in item["findings"]}
    assert found == {("O11", "broken-link"), ("O11", "removed-url"), ("O26", "missing-page"), ("O26", "broken-link"),
                     ("O26", "removed-url"), ("O4", "external-asset"), ("O4", "broken-link")}


def test_json_report_matches_golden(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "items" / "2569" / "o7.md").unlink()
    drop_element(project, "o10.md", "eservice_statistics")
    result = ita(project, "check", "--no-site", "--today", APRIL, "--format", "json")
    assert result.returncode == 2
    assert_golden(result.stdout, GOLDEN / "check-report.json")


def test_json_report_has_items_with_id_verdict_and_findings(tmp_path):
    project = copy_project(tmp_path / "project")
    report = json.loads(ita(project, "check", "--no-site", "--today", APRIL, "--format", "json").stdout)
    assert report["schema"] == "ita-report/1"
    assert [set(item) >= {"id", "verdict", "findings"} for item in report["items"]] == [True] * 26


def test_warnings_alone_pass_unless_strict(tmp_path):
    project = copy_project(tmp_path / "project")
    drop_element(project, "o10.md", "eservice_statistics")
    assert ita(project, "check", "--no-site", "--today", APRIL).returncode == 0
    assert ita(project, "check", "--no-site", "--today", APRIL, "--strict").returncode == 2


def test_invalid_content_exits_3(tmp_path):
    project = copy_project(tmp_path / "project")
    write(project, "content/items/2569/o27.md", "---\nitem: O27\nyear: 2569\nowner: สำนักปลัด\n---\n")
    result = ita(project, "check", "--no-site")
    assert result.returncode == 3
    assert 'content/items/2569/o27.md:2 ช่อง "item"' in result.stderr


def test_checking_an_unbuilt_site_exits_3_and_says_to_build(tmp_path):
    project = copy_project(tmp_path / "project")
    result = ita(project, "check")
    assert result.returncode == 3
    assert "ให้สั่ง ita build ก่อน หรือใช้ --no-site" in result.stderr


def test_junit_marks_zero_items_as_failures(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "items" / "2569" / "o7.md").unlink()
    result = ita(project, "check", "--no-site", "--today", APRIL, "--format", "junit")
    suite = ElementTree.fromstring(result.stdout.split("?>", 1)[1]).find("testsuite")
    assert suite.get("failures") == "1"
    failed = [case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None]
    assert failed == ["O7 รายงานผลการดำเนินงานประจำปี พ.ศ. 2568"]


def test_html_report_is_a_thai_page_naming_each_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "items" / "2569" / "o7.md").unlink()
    output = tmp_path / "report.html"
    ita(project, "check", "--no-site", "--today", APRIL, "--format", "html", "--output", str(output))
    html = output.read_text(encoding="utf-8").replace("<wbr>", "")  # the line-break hints between Thai words
    assert '<html lang="th">' in html
    assert "ยังไม่มีไฟล์ของรายการ O7" in html


def test_a_published_document_that_disappears_is_named_and_warned(tmp_path):
    project = copy_project(tmp_path / "project")
    assert ita(project, "build").returncode == 0
    assert "ita/2569/o11/monthly-summary-2568-10.pdf" in (project / "published-urls.txt").read_text(encoding="utf-8")
    item = project / "content" / "items" / "2569" / "o11.md"
    item.write_text(item.read_text(encoding="utf-8").replace("monthly-summary-2568-10.pdf", "procurement-2568-10.pdf"),
                    encoding="utf-8")
    (project / "content/documents/2569/o11/monthly-summary-2568-10.pdf").rename(
        project / "content/documents/2569/o11/procurement-2568-10.pdf")
    assert ita(project, "build").returncode == 0
    result = ita(project, "check", "--today", APRIL, "--format", "json")
    assert result.returncode == 0  # the item page ITAS holds is still there: a renamed document is a warning
    [finding] = [f for item in json.loads(result.stdout)["items"] if item["id"] == "O11" for f in item["findings"]]
    assert (finding["rule"], finding["severity"]) == ("removed-url", "warning")
    assert finding["message"].startswith("ที่อยู่ /ita/2569/o11/monthly-summary-2568-10.pdf เคยเผยแพร่แล้ว")
    assert "ให้ลบบรรทัดนี้ออกจาก published-urls.txt" in finding["message"]


def test_a_replaced_photo_is_a_note_and_a_removed_item_page_an_error(tmp_path):
    from checks.site.rules import removed_urls
    from generator.basics.errors import ErrorLog
    from generator.content.catalogues import load_catalogues

    site = tmp_path / "site"
    (site / "ita" / "2569" / "o2").mkdir(parents=True)
    (site / "ita" / "2569" / "o2" / "index.html").write_text("<h1>O2</h1>", encoding="utf-8")
    published = {"ita/2569/o2/", "ita/2569/o2/mayor-2568.jpg", "ita/2569/o1/", "ita/2569/o1/chart.pdf"}
    found = removed_urls(published, site, load_catalogues(ErrorLog())[2569], "https://www.tambon.example/ita/")
    assert sorted((f.url.rsplit("/ita/", 1)[1], f.severity.value) for f in found) == [
        ("2569/o1/", "error"), ("2569/o1/chart.pdf", "warning"), ("2569/o2/mayor-2568.jpg", "note")]


@pytest.mark.parametrize("dropped", [BrokenPipeError, ConnectionResetError])
def test_a_crawler_dropping_a_download_prints_no_traceback_but_a_real_error_still_does(capsys, dropped):
    from functools import partial

    from checks.site.loopback import SiteServer, _SiteHandler

    with SiteServer(("127.0.0.1", 0), partial(_SiteHandler, directory=".")) as server:
        for error in (dropped(32, "Broken pipe"), ValueError("a bug")):
            try:
                raise error
            except Exception:  # the server's own hook is what is tested
                server.handle_error(None, ("127.0.0.1", 1))
    err = capsys.readouterr().err
    assert err.count("Traceback") == 1 and "ValueError: a bug" in err and "Broken pipe" not in err
