"""End to end: real `mkdocs build --strict` and `ita build` runs on a copy of the example unit."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import tree_snapshot, write

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=cwd, env=ENV,
                          capture_output=True, text=True, check=False, timeout=240)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example unit built once with plain `mkdocs build --strict` into a temporary folder."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    before = tree_snapshot(project / "content")
    site = project.parent / "out"
    result = run("mkdocs", "build", "--strict", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stderr
    return project, site, before


def test_every_item_page_of_both_years_is_built(built):
    _, site, _ = built
    for year, ids in ((2569, range(1, 27)), (2568, range(1, 29))):
        for number in ids:
            assert (site / "ita" / str(year) / f"o{number}" / "index.html").is_file()


def test_itas_csv_lists_each_item_url_on_the_main_website(built):
    _, site, _ = built
    with (site / "ita" / "2569" / "itas.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 26
    assert rows[10] == {"item": "O11", "url": "https://www.tambon.example/ita/2569/o11/"}


def test_documents_are_published_with_the_site(built):
    _, site, _ = built
    assert (site / "ita" / "2569" / "o11" / "monthly-summary-2568-10.pdf").read_bytes().startswith(b"%PDF")


def test_pages_are_thai_and_load_no_font_from_another_host(built):
    _, site, _ = built
    html = (site / "ita" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="th"' in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert (site / "assets" / "fonts" / "sarabun-thai-400-normal.woff2").is_file()


def test_the_build_never_writes_into_content(built):
    project, _, before = built
    assert tree_snapshot(project / "content") == before


def test_generated_markdown_goes_to_the_ignored_folder(built):
    project, _, _ = built
    assert (project / ".generated" / "ita" / "2569" / "o11" / "index.md").is_file()
    assert (project / ".generated" / ".gitignore").read_text().splitlines()[1:] == ["*", "!.gitignore"]


def test_ita_build_keeps_the_last_good_site_when_content_is_broken(example_project):
    assert run("command.main", "build", cwd=example_project).returncode == 0
    good = tree_snapshot(example_project / "site")
    write(example_project, "content/items/2569/o27.md", "---\nitem: O27\nyear: 2569\nowner: สำนักปลัด\n---\n")
    result = run("command.main", "build", cwd=example_project)
    assert result.returncode == 3
    assert tree_snapshot(example_project / "site") == good


def test_ita_build_keeps_the_last_good_site_when_mkdocs_fails(example_project):
    assert run("command.main", "build", cwd=example_project).returncode == 0
    good = tree_snapshot(example_project / "site")
    write(example_project, "content/pages/broken.md", "# หน้าเสีย\n\n[ลิงก์](missing-page.md)\n")
    result = run("command.main", "build", cwd=example_project)
    assert result.returncode == 3
    assert "missing-page.md" in result.stderr
    assert tree_snapshot(example_project / "site") == good


def test_plain_mkdocs_build_stops_on_invalid_content_before_cleaning_the_site(example_project):
    assert run("mkdocs", "build", "--strict", cwd=example_project).returncode == 0
    good = tree_snapshot(example_project / "site")
    write(example_project, "content/unit.yml",
          (example_project / "content" / "unit.yml").read_text(encoding="utf-8").replace("2569", "2026"))
    result = run("mkdocs", "build", "--strict", cwd=example_project)
    assert result.returncode != 0
    assert 'content/unit.yml:11 ช่อง "assessment_year": 2026 เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. 2569' in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_snapshot(example_project / "site") == good


def test_the_ita_center_alone_under_a_folder_of_a_cms_site(example_project):
    unit = example_project / "content" / "unit.yml"
    text = unit.read_text(encoding="utf-8").replace("published_at: https://www.tambon.example/",
                                                    "published_at: https://www.tambon.example/opendata/")
    unit.write_text(text + "ita_only: true\n", encoding="utf-8")
    result = run("command.main", "build", cwd=example_project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = example_project / "site"
    assert not (site / "contact").exists()  # no pages of its own beside the ITA center
    assert 'url=ita/' in (site / "index.html").read_text(encoding="utf-8")  # the folder's root sends on to ita/
    page = (site / "ita" / "2569" / "o1" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.tambon.example/" title=' in page  # the logo leads to the unit's own site
    assert 'ให้เพิ่มเมนู "ศูนย์ ITA"' in result.stdout and "https://www.tambon.example/opendata/ita/" in result.stdout
    with open(site / "ita" / "2569" / "itas.csv", encoding="utf-8") as handle:
        assert all(row["url"].startswith("https://www.tambon.example/opendata/ita/2569/") for row in csv.DictReader(handle))
