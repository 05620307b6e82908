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

import pytest

from checks.loopback import serve_folder
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
