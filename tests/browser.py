"""Debian's Chromium, headless, driven by Playwright; and built sites served on loopback.

Playwright never downloads a browser here: it launches /usr/bin/chromium, which the project's
setup installs (`make test`, `.ci/run`). Where Chromium cannot be installed the browser tests
skip with that reason, shown in pytest's summary.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from checks.site.loopback import serve_folder
from tests.conftest import copy_project

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def require_chromium() -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("ไม่มี Chromium (Debian package chromium): ติดตั้งด้วย make test ในฐานะ root หรือ apt-get install chromium")


@contextmanager
def browser() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, timeout=60_000)
        try:
            yield chromium
        finally:
            chromium.close()


def build_example(target: Path, **env: str) -> Path:
    """The example unit built with `mkdocs build --strict`; returns the site folder."""
    project = copy_project(target)
    site = target / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
                            capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    return site


@contextmanager
def served(site: Path) -> Iterator[str]:
    with serve_folder(site) as base:
        yield base


# Thai queries with the pages that answer them: the search tests measure every builder with them.
QUERIES = yaml.safe_load((Path(__file__).parent / "fixtures" / "thai_search_queries.yml").read_text("utf-8"))
MATERIAL_SEARCH = "input.md-search__input"
# Zensical 0.0.x draws its own search dialog (in a shadow root, which Playwright's locators pierce).
ZENSICAL_SEARCH, ZENSICAL_RESULTS = "input[role=combobox]", "[id$='-results'] a[role=option]"


def search(page, base: str, query: str) -> list[str]:
    """Paths of the results the page shows for ``query``, waiting until they stop changing."""
    material = page.locator(MATERIAL_SEARCH).count() > 0
    box = page.locator(MATERIAL_SEARCH if material else ZENSICAL_SEARCH)
    box.fill(query)
    box.press("End")  # the search reads the query on key events, as a person types
    previous = None
    for _ in range(40):  # at most 4 s
        page.wait_for_timeout(100)
        if material:
            meta = page.inner_text(".md-search-result__meta")
            hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
        else:
            meta = ""
            hrefs = page.locator(ZENSICAL_RESULTS).evaluate_all("els => els.map(e => e.href)")
        if meta != "กำลังเริ่มต้นการค้นหา" and (meta, hrefs) == previous:
            break
        previous = (meta, hrefs)
    return list(dict.fromkeys(urlsplit(href).path.removeprefix(urlsplit(base).path) for href in hrefs))


def open_search(page) -> None:
    """Material's search box is always in the page; Zensical opens its dialog from the header button."""
    if page.locator(MATERIAL_SEARCH).count() == 0:
        page.click(".md-search__button")


def run_queries(site: Path) -> dict[str, list[str]]:
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "ita/")
        open_search(page)
        return {entry["query"]: search(page, base, entry["query"]) for entry in QUERIES}


def hits(results: dict[str, list[str]]) -> dict[str, bool]:
    """For each query: is one of its expected pages among the results shown?"""
    return {entry["query"]: bool(set(entry["expect"]) & set(results[entry["query"]])) for entry in QUERIES}
