"""Generated pages against golden files (regenerate with UPDATE_GOLDENS=1, then review the diff)."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from checks.content.rules import content_findings
from checks.reports.preview import previews
from generator.content.load import load_model
from generator.pages.render import render_site

GOLDEN = Path(__file__).parent / "golden"
PAGES = [
    "ita/index.md",
    "ita/2569/index.md",
    "ita/2569/o2/index.md",
    "ita/2569/o11/index.md",
    "ita/2569/itas/index.md",
    "ita/2569/itas.csv",
    "ita/2568/o5/index.md",
]


@pytest.fixture(scope="module")
def model(example_root):
    return load_model(example_root)


def golden_name(page: str, preview: bool) -> Path:
    return GOLDEN / (page.replace("/", "__") + (".preview" if preview else ""))


@pytest.mark.parametrize("page", PAGES)
def test_published_page_matches_golden(model, page):
    assert_golden(render_site(model).pages[PurePosixPath(page)], golden_name(page, preview=False))


def test_preview_marks_missing_elements_with_what_ita_check_says(model):
    incomplete = {key: evidence for key, evidence in model.item(2569, "O11").evidence.items() if key != "xlsx_copy"}
    changed = replace(model, items={**model.items, (2569, "O11"): replace(model.item(2569, "O11"), evidence=incomplete)})
    page = render_site(changed, preview=True, previews=previews(changed, date(2026, 4, 10))).pages[
        PurePosixPath("ita/2569/o11/index.md")]
    assert_golden(page, golden_name("ita/2569/o11/index.md", preview=True))
    [finding] = [f for f in content_findings(changed, 2569, date(2026, 4, 10)) if f.item == "O11"]
    assert finding.message.replace("_", "&#95;") in page and "ผลตรวจ: เสี่ยง" in page  # the same words and verdict


def test_published_page_hides_preview_marks_of_missing_elements(model):
    incomplete = {key: evidence for key, evidence in model.item(2569, "O11").evidence.items() if key != "xlsx_copy"}
    items = {**model.items, (2569, "O11"): replace(model.item(2569, "O11"), evidence=incomplete)}
    page = render_site(replace(model, items=items)).pages[PurePosixPath("ita/2569/o11/index.md")]
    assert "เห็นเฉพาะตอนแก้ไข" not in page
    assert "xlsx-copy" not in page


def test_every_item_of_every_year_has_a_page_at_its_ascii_url(model):
    pages = render_site(model).pages
    for year in (2568, 2569):
        for spec in model.catalogues[year].items:
            assert PurePosixPath(f"ita/{year}/{spec.id.lower()}/index.md") in pages


def test_documents_are_published_next_to_their_item_page(model):
    files = render_site(model).files
    assert files[PurePosixPath("ita/2569/o11/monthly-summary-2568-10.pdf")].name == "monthly-summary-2568-10.pdf"


def assert_golden(actual: str, path: Path) -> None:
    if os.environ.get("UPDATE_GOLDENS") == "1" or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if os.environ.get("UPDATE_GOLDENS") != "1":
            pytest.fail(f"golden file {path.name} was missing and has been written; review and commit it")
    assert actual == path.read_text(encoding="utf-8")
