"""Thai search measured in a real browser: the site's own search, with and without Thai words.

Every query of tests/fixtures/thai_search_queries.yml is typed into Material's search box in
headless Chromium, on the example site built as shipped and on a baseline built with
ITA_THAI_SEARCH=off (Material as it is). A query counts as found when one of its expected
pages is among the results shown. The figures go to test-artifacts/thai-search.txt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import (
    ARTIFACTS,
    QUERIES,
    browser,
    build_example,
    hits,
    require_chromium,
    run_queries,
    search,
    served,
)

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    require_chromium()
    thai = run_queries(build_example(tmp_path_factory.mktemp("thai") / "project"))
    baseline = run_queries(build_example(tmp_path_factory.mktemp("base") / "project", ITA_THAI_SEARCH="off"))
    found = {"thai": hits(thai), "baseline": hits(baseline)}
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"{'query':<34}{'baseline':>9}{'thai':>6}"]
    lines += [f"{q:<34}{'yes' if found['baseline'][q] else '-':>9}{'yes' if found['thai'][q] else '-':>6}" for q in found["thai"]]
    lines.append(f"recall: baseline {sum(found['baseline'].values())}/{len(QUERIES)}, "
                 f"thai {sum(found['thai'].values())}/{len(QUERIES)}")
    (ARTIFACTS / "thai-search.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return found, thai


def test_at_least_30_queries_are_measured():
    assert len(QUERIES) >= 30


def test_recall_is_at_least_95_percent(measured):
    found, _ = measured
    misses = [query for query, hit in found["thai"].items() if not hit]
    assert len(misses) <= len(QUERIES) * 0.05, misses


def test_no_query_found_before_returns_nothing_now(measured):
    found, thai = measured
    assert [query for query, hit in found["baseline"].items() if hit and not thai[query]] == []


def test_a_word_inside_a_long_thai_sentence_is_found(measured):
    _, thai = measured
    assert "ita/2569/o23/" in thai["ทุจริต"]


@pytest.fixture(scope="module")
def thai_site(tmp_path_factory):
    require_chromium()
    return build_example(tmp_path_factory.mktemp("shown") / "project")


def shown_results(site: Path, query: str) -> tuple[list[str], str]:
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "ita/")
        paths = search(page, base, query)
        return paths, page.inner_text(".md-search-result__list")


def test_a_compound_word_is_shown_once_in_the_results(thai_site):
    _, text = shown_results(thai_site, "ปีงบประมาณ")
    assert "ปีงบประมาณ" in text.replace("\u200b", "") and "ปีงบประมาณปีงบประมาณ" not in text.replace("\u200b", "")


def test_the_current_year_page_ranks_above_its_archive_twin(thai_site):
    paths, _ = shown_results(thai_site, "แผนพัฒนาท้องถิ่น")
    current = [path for path in paths if path.startswith("ita/2569/")]
    archive = [path for path in paths if path.startswith("ita/2568/")]
    assert current and (not archive or paths.index(current[0]) < paths.index(archive[0]))


def test_no_term_of_a_whole_query_is_shown_as_missing(thai_site):
    with served(thai_site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "ita/")
        search(page, base, "งบประมาณ")
        struck = page.eval_on_selector_all(".md-search-result__list del", "els => els.map(e => e.textContent)")
    assert struck == []


def test_pasted_text_is_searched_without_a_key_press(thai_site):
    with served(thai_site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "ita/")
        box = page.locator("input.md-search__input")
        box.click()
        page.evaluate("""() => { const box = document.querySelector('input.md-search__input');
            box.value = 'จัดซื้อจัดจ้าง';
            box.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'})); }""")
        page.wait_for_selector(".md-search-result__item", timeout=5000)
        assert page.locator(".md-search-result__item").count() > 0
