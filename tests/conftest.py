"""Shared fixtures: a copy of the example project, and small Thai units written on the spot.

The example is the one the tool ships (generator/example/, what `ita init --example` copies), not the
repository's own content/: a unit that replaces content/ breaks no test.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from generator.content.example import EXAMPLE_DIR
from workflow.init import write_project_files

ROOT = Path(__file__).resolve().parents[1]

UNIT_YML = """\
name: เทศบาลตำบลหนองน้ำใส
type: เทศบาลตำบล
district: เมืองตัวอย่าง
province: ตัวอย่าง
main_website: https://www.nongnamsai.example/
assessment_year: 2569
"""


def copy_project(target: Path) -> Path:
    """A project folder with the example content as the tool ships it, runnable by mkdocs and ita."""
    target.mkdir(parents=True)
    shutil.copytree(EXAMPLE_DIR, target / "content")
    write_project_files(target)
    (target / "published-urls.txt").unlink()  # a first build, as on a unit's first day
    return target


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def example_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A read-only use of the example project (load it, render it): one copy for the session."""
    return copy_project(tmp_path_factory.mktemp("example") / "project")


@pytest.fixture
def small_unit(tmp_path: Path) -> Path:
    """A unit with only unit.yml; tests add the files they need."""
    root = tmp_path / "unit"
    (root / "content").mkdir(parents=True)
    (root / "content" / "unit.yml").write_text(UNIT_YML, encoding="utf-8")
    return root


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}
