"""Shared fixtures: a copy of the example project, and small Thai units written on the spot."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

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
    """A project folder with the example content, runnable by mkdocs and ita."""
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    (target / ".generated").mkdir()
    shutil.copy2(ROOT / ".generated" / ".gitignore", target / ".generated" / ".gitignore")
    (target / "generator").symlink_to(ROOT / "generator")  # mkdocs.yml names hooks by path
    return target


@pytest.fixture
def example_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


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
