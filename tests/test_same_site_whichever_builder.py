"""The same ITA center whichever builder makes it: MkDocs, ProperDocs or Zensical.

Material for MkDocs ends on 2027-05-05; a unit that switches builder must publish the same
URLs, pages, ITAS list and search. The example is built once per builder with
`ita build --builder …` (the command staff run) and every other builder is compared with MkDocs.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from generator.basics.errors import ConfigError
from generator.build.builders import BUILDERS, Builder, builder_named
from tests.browser import ARTIFACTS, QUERIES, browser, hits, open_search, require_chromium, run_queries, search, served
from tests.conftest import copy_project, tree_snapshot
from tests.test_check_command import ita

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

OTHERS = [name for name in BUILDERS if name != "mkdocs"]
PUBLISHED = (".html", ".pdf", ".xlsx", ".csv", ".svg", ".docx")
ELEMENT = re.compile(r'<h3 id="([^"]+)">(.*?)</h3>', re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Each builder's project, built into its site/."""
    projects = {}
    for name in BUILDERS:
        project = copy_project(tmp_path_factory.mktemp(name) / "project")
        result = ita(project, "build", "--builder", name)
        assert result.returncode == 0, result.stdout + result.stderr
        projects[name] = project
    return projects


def published(site: Path) -> set[str]:
    """Every page and document URL of the site (assets excluded: each builder ships its own)."""
    return {path.relative_to(site).as_posix() for path in site.rglob("*")
            if path.suffix in PUBLISHED and path.relative_to(site).parts[0] != "assets"}


def elements(page: Path) -> list[tuple[str, str]]:
    """(id, heading text) of each element heading on an item page, permalink mark removed."""
    return [(key, unescape(re.sub(r"<[^>]+>", "", text)).replace("¶", "").strip())
            for key, text in ELEMENT.findall(page.read_text(encoding="utf-8"))]


def item_pages(site: Path) -> list[Path]:
    return sorted(site.glob("ita/25[0-9][0-9]/o*/index.html"))


@pytest.mark.parametrize("builder", OTHERS)
def test_the_same_pages_and_documents_are_published(built, builder):
    assert published(built[builder] / "site") == published(built["mkdocs"] / "site")


def test_the_example_publishes_every_item_page_of_both_years(built):
    assert len(item_pages(built["mkdocs"] / "site")) == 54  # 28 items in 2568, 26 in 2569


@pytest.mark.parametrize("builder", OTHERS)
def test_every_item_page_shows_the_same_elements(built, builder):
    reference, other = built["mkdocs"] / "site", built[builder] / "site"
    differ = [page.relative_to(reference).as_posix() for page in item_pages(reference)
              if elements(page) != elements(other / page.relative_to(reference))]
    assert differ == []


@pytest.mark.parametrize("builder", OTHERS)
def test_the_itas_list_is_byte_identical(built, builder):
    for year in ("2568", "2569"):
        relative = f"site/ita/{year}/itas.csv"
        assert (built[builder] / relative).read_bytes() == (built["mkdocs"] / relative).read_bytes()


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_ita_check_passes_on_the_built_site(built, builder):
    result = ita(built[builder], "check")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_the_unit_name_is_the_site_title(built, builder):
    home = (built[builder] / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>หน้าแรก - องค์การบริหารส่วนตำบลบ้านตัวอย่าง</title>" in home


def test_zensical_writes_only_its_own_ignored_files_into_the_project(tmp_path):
    project = copy_project(tmp_path / "project")
    content = tree_snapshot(project / "content")
    before = {path.name for path in project.iterdir()}
    result = ita(project, "build", "--builder", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    ignored = set((Path(__file__).parents[1] / ".gitignore").read_text(encoding="utf-8").replace("/", "").split())
    assert {path.name for path in project.iterdir()} - before <= ignored | {"published-urls.txt"}  # every builder's
    assert tree_snapshot(project / "content") == content


def test_zensical_build_replaces_a_site_another_builder_made(built, tmp_path):
    project = copy_project(tmp_path / "project")
    assert ita(project, "build", "--builder", "mkdocs").returncode == 0
    result = ita(project, "build", "--builder", "zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project / "site" / "search.json").is_file()


@pytest.fixture(scope="module")
def search_recall(built) -> dict[str, dict[str, bool]]:
    require_chromium()
    found = {name: hits(run_queries(project / "site")) for name, project in built.items()}
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{'query':<34}" + "".join(f"{name:>12}" for name in found)]
    lines += [f"{entry['query']:<34}" + "".join(f"{'yes' if found[name][entry['query']] else '-':>12}" for name in found)
              for entry in QUERIES]
    lines.append("recall: " + ", ".join(f"{name} {sum(hit.values())}/{len(QUERIES)}" for name, hit in found.items()))
    (ARTIFACTS / "thai-search-by-builder.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return found


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_thai_search_finds_the_expected_page_for_nearly_every_query(search_recall, builder):
    misses = [query for query, hit in search_recall[builder].items() if not hit]
    assert len(misses) <= len(QUERIES) * 0.05, misses


@pytest.mark.parametrize("builder", OTHERS)
def test_thai_search_finds_what_mkdocs_finds(search_recall, builder):
    assert [query for query, hit in search_recall["mkdocs"].items() if hit and not search_recall[builder][query]] == []


@pytest.mark.parametrize("builder", list(BUILDERS))
def test_a_visit_and_a_search_request_nothing_from_another_host(built, builder):
    with served(built[builder] / "site") as base, browser() as chromium:
        page = chromium.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        for path in ("", "ita/2569/o11/", "ita/2569/o25/"):
            page.goto(base + path)
        open_search(page)
        assert search(page, base, "จัดซื้อจัดจ้าง")
    assert [url for url in requests if not url.startswith(base)] == []


def test_a_failed_zensical_build_keeps_the_last_good_site(tmp_path):
    project = copy_project(tmp_path / "project")
    assert ita(project, "build", "--builder", "zensical").returncode == 0
    good = tree_snapshot(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
                      encoding="utf-8")
    result = ita(project, "build", "--builder", "zensical")
    assert result.returncode == 3
    assert "สร้างเว็บไซต์ไม่สำเร็จ" in result.stderr
    assert tree_snapshot(project / "site") == good


def test_a_builder_that_is_not_installed_is_named_with_how_to_install_it(monkeypatch):
    monkeypatch.setattr(Builder, "installed", lambda self: self.name != "zensical")
    with pytest.raises(ConfigError, match=r"ยังไม่ได้ติดตั้ง zensical .*pip install 'zensical==0\.0\.73'"):
        builder_named("zensical")


def test_without_a_choice_the_first_installed_builder_is_used(monkeypatch):
    assert builder_named(None).name == "mkdocs"
    monkeypatch.setattr(Builder, "installed", lambda self: self.name != "mkdocs")
    assert builder_named(None).name == "properdocs"
