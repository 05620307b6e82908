"""Fault injection for the build: wrong paths, two builds at once, kills at any moment.

Whatever happens, content/ is unchanged and the site folder holds a whole site (the last good
one or the new one), and MkDocs never outlives the `ita build` that started it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.basics.swap
from command.main import main
from generator.basics.swap import recover, swap_in
from tests.conftest import copy_project, tree_snapshot

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PROTECTED_SITE_DIRS = ["content", ".", "generator", "content/site", ".git", "mkdocs.yml", "overrides",
                       "content/items/2569", "..", ".generated"]


def start_build(project: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "command.main", "--root", str(project), "build", *extra],
                            cwd=project, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    _, stderr = process.communicate(timeout=240)
    return process.returncode, stderr


def site_files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def mkdocs_running_for(project: Path) -> bool:
    """Whether any MkDocs process still builds into this project (read from /proc)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"mkdocs" in words and any(str(project).encode() in word for word in words):
            return True
    return False


def wait_until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """The example unit with one good build in site/, and the files that build has."""
    project = copy_project(tmp_path_factory.mktemp("faults") / "project")
    code, stderr = finish(start_build(project))
    assert code == 0, stderr
    return project, site_files(project / "site"), tree_snapshot(project / "content")


def assert_whole(project: Path, expected: set[str], content: dict[str, bytes]) -> None:
    assert site_files(project / "site") == expected
    assert tree_snapshot(project / "content") == content


# ---- paths that are the project ------------------------------------------------------------


@pytest.mark.parametrize("site_dir", PROTECTED_SITE_DIRS)
def test_a_site_dir_that_is_or_holds_project_files_is_refused(built_project, site_dir, capsys):
    project, _, _ = built_project
    before = tree_snapshot(project / "content")
    assert main(["--root", str(project), "build", "--site-dir", site_dir]) == 3
    assert "ซึ่งจะทำให้ข้อมูลของโครงการหายได้" in capsys.readouterr().err
    assert tree_snapshot(project / "content") == before


def test_a_folder_of_other_files_is_not_replaced_by_the_site(built_project, tmp_path, capsys):
    project, _, _ = built_project
    (tmp_path / "web" / "wordpress").mkdir(parents=True)
    (tmp_path / "web" / "wordpress" / "index.php").write_text("<?php", encoding="utf-8")
    assert main(["--root", str(project), "build", "--site-dir", str(tmp_path / "web")]) == 3
    assert "ไม่ใช่เว็บไซต์ที่ ita build สร้างไว้" in capsys.readouterr().err
    assert (tmp_path / "web" / "wordpress" / "index.php").is_file()


@pytest.mark.parametrize("command", [
    ["check", "--no-site", "--output", "content/report.html"],
    ["check", "--no-site", "--output", "mkdocs.yml"],
    ["check", "--no-site", "--output", "."],
    ["audit", "site/ita/2569/itas.csv", "--cache", "content/cache.json"],
    ["audit", "site/ita/2569/itas.csv", "--cache", ".git/cache.json"],
])
def test_a_report_or_cache_path_inside_the_project_files_is_refused(built_project, command, capsys, monkeypatch):
    project, _, content = built_project
    monkeypatch.chdir(project)
    assert main(["--root", str(project), *command]) == 3
    assert "ita:" in capsys.readouterr().err
    assert tree_snapshot(project / "content") == content


def test_a_cache_path_that_is_a_folder_is_refused_not_crashed_on(built_project, tmp_path, capsys):
    project, _, _ = built_project
    assert main(["--root", str(project), "audit", "site/ita/2569/itas.csv", "--cache", str(tmp_path)]) == 3
    assert "เป็นโฟลเดอร์ ให้ระบุชื่อไฟล์" in capsys.readouterr().err


def test_generated_pages_symlinked_into_content_are_refused(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    before = tree_snapshot(project / "content")
    (project / ".generated").rename(project / "old-generated")
    (project / ".generated").symlink_to(project / "content")
    assert main(["--root", str(project), "generate"]) == 3
    assert "symlink" in capsys.readouterr().err
    assert tree_snapshot(project / "content") == before


# ---- two at once ------------------------------------------------------------------------


@pytest.mark.parametrize("trial", range(3))
def test_two_builds_at_once_never_break_the_site(built_project, trial):
    project, expected, content = built_project
    results = [finish(process) for process in (start_build(project), start_build(project))]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 3])
    assert all("กำลังทำงานกับโครงการนี้อยู่" in stderr for code, stderr in results if code == 3)
    assert_whole(project, expected, content)


# ---- killed at any moment ---------------------------------------------------------------


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.6, 1.0, 1.5, 2.0, 2.5, 3.5])
def test_a_build_killed_at_any_moment_leaves_the_last_good_site(built_project, delay):
    project, expected, content = built_project
    process = start_build(project)
    time.sleep(delay)
    process.kill()
    process.communicate(timeout=60)
    assert wait_until(lambda: not mkdocs_running_for(project), 10)  # it dies with its parent
    assert_whole(project, expected, content)
    code, stderr = finish(start_build(project))  # and the next build goes on from there
    assert code == 0, stderr
    assert_whole(project, expected, content)


def test_sigterm_stops_mkdocs_and_keeps_the_site(built_project):
    project, expected, content = built_project
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # An injected delay: this build's MkDocs waits at its end, so the signal always meets it running.
    (project / "held_hook.py").write_text("import time\n\ndef on_post_build(config):\n    time.sleep(120)\n",
                                          encoding="utf-8")
    (project / "mkdocs.yml").write_text(config + "hooks:\n  - held_hook.py\n", encoding="utf-8")
    try:
        process = start_build(project)
        assert wait_until(lambda: mkdocs_running_for(project), 60)
        process.send_signal(signal.SIGTERM)
        code, stderr = finish(process)
    finally:
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        (project / "held_hook.py").unlink()
    assert code == 130  # an interruption, whatever stopped it
    assert "ยกเลิกการสร้างเว็บไซต์" in stderr and "ยังอยู่ครบ" in stderr
    assert not mkdocs_running_for(project)
    assert not (project / ".site-staging").exists()
    assert_whole(project, expected, content)


def test_a_swap_killed_between_its_two_renames_is_undone_by_the_next_run(tmp_path, monkeypatch):
    site, staging = tmp_path / "site", tmp_path / ".site-staging"
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    monkeypatch.setattr(generator.basics.swap, "exchange", lambda a, b: False)  # a kernel without RENAME_EXCHANGE
    real_rename, calls = Path.rename, []

    def killed_on_second_rename(self, target):
        calls.append(self)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies here
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", killed_on_second_rename)
    with pytest.raises(KeyboardInterrupt):
        swap_in(staging, site)
    monkeypatch.setattr(Path, "rename", real_rename)
    assert not site.exists()
    recover(site)
    assert (site / "index.html").read_text(encoding="utf-8") == "old"


def test_the_atomic_swap_exchanges_old_and_new_in_one_step(tmp_path):
    site, staging = tmp_path / "site", tmp_path / ".site-staging"
    for folder, text in ((site, "old"), (staging, "new")):
        folder.mkdir()
        (folder / "index.html").write_text(text, encoding="utf-8")
    swap_in(staging, site)
    assert (site / "index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists()


def test_a_failed_build_says_the_old_site_is_intact_only_when_it_is(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "content" / "pages" / "broken.md").write_text("# หน้า\n\n[ลิงก์เสีย](missing.md)\n", encoding="utf-8")
    code, stderr = finish(start_build(project))
    assert code == 3
    assert "ยังไม่มีเว็บไซต์ที่สร้างสำเร็จ" in stderr and "ยังอยู่ครบ" not in stderr
