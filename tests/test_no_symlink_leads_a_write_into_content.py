"""No place the tool writes can lead into the staff's files, whatever symlinks the project holds.

Every folder and file a command writes (the built site and its staging folders, .generated, .cache,
the Zensical folders, the audit cache, the OCR cache, a report) is tried as a symlink to content/,
to a folder inside it and to a file inside it: the command must refuse it in Thai (exit 3) before
writing anything, and content/ must be byte for byte what it was. Hypothesis then draws any layout
of such links at once.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from command.main import main
from tests.conftest import copy_project

# (a place the tool writes, the command that writes it)
WRITERS = [
    (".generated", ["generate"]),
    ("site", ["build"]),
    (".site-staging", ["build"]),
    (".site-previous", ["build"]),
    (".zensical-site", ["build", "--builder", "zensical"]),
    (".cache", ["build", "--builder", "zensical"]),
    (".zensical-theme", ["build", "--builder", "zensical"]),
    (".zensical.yml", ["build", "--builder", "zensical"]),
    (".cache", ["audit", "itas.csv", "--main-website", "https://www.nongnamsai.example/"]),
    ("published-urls.txt", ["build"]),
    ("report.html", ["check", "--no-site", "--format", "html", "--output", "{project}/report.html"]),
]
TARGETS = ["content", "content/pages", "content/items/2569", "content/unit.yml"]


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``, with its bytes' digest (links as what they point to)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {path.readlink()}"
        elif path.is_file():
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[key] = "dir"
    return found


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("pristine") / "project")
    (project / "itas.csv").write_text("item,url\n", encoding="utf-8")
    return project


def fresh(pristine: Path, where: Path) -> Path:
    shutil.copytree(pristine, where, symlinks=True)
    return where


def placed(command: list[str], project: Path) -> list[str]:
    return [part.replace("{project}", str(project)) for part in command]


def link(project: Path, name: str, target: str) -> None:
    path = project / name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(project / target)


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("name, command", WRITERS, ids=[f"{name}-{command[0]}" for name, command in WRITERS])
def test_a_tool_place_linked_into_content_is_refused_and_nothing_is_written(pristine, tmp_path, capsys, name, command,
                                                                            target):
    if name in (".zensical-site", ".cache", ".zensical-theme", ".zensical.yml") and "zensical" in command \
            and shutil.which("zensical") is None and not _zensical_installed():
        pytest.skip("Zensical is not installed (pip install -e '.[zensical]')")
    project = fresh(pristine, tmp_path / "project")
    link(project, name, target)
    before = snapshot(project / "content")
    code = main(["--root", str(project), *placed(command, project)])
    err = capsys.readouterr().err
    assert code == 3, err
    assert "ita:" in err and ("symlink" in err or "ลิงก์สัญลักษณ์" in err or "ทับหรืออยู่ใน" in err), err
    assert snapshot(project / "content") == before


def _zensical_installed() -> bool:
    import importlib.util

    return importlib.util.find_spec("zensical") is not None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(links=st.dictionaries(st.sampled_from(sorted({name for name, _ in WRITERS})), st.sampled_from(TARGETS),
                             min_size=1, max_size=4),
       command=st.sampled_from([command for _, command in WRITERS]))
def test_any_layout_of_links_leaves_content_as_it_was(pristine, tmp_path_factory, links, command):
    project = fresh(pristine, tmp_path_factory.mktemp("layout") / "project")
    for name, target in links.items():
        link(project, name, target)
    before = snapshot(project / "content")
    code = main(["--root", str(project), *placed(command, project)])
    assert code in (0, 2, 3)
    assert snapshot(project / "content") == before
