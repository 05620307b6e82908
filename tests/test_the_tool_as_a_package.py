"""The tool as a package, a unit's site as a folder of its own.

A wheel is built from the repository's tracked files and installed into a fresh virtual environment
outside the repository; its `ita` creates a unit's project in an empty folder, builds it, checks it and
audits its deployment over loopback HTTPS. Reinstalling the tool leaves the unit's folder byte for byte
as it was. No network: the wheel's dependencies are the project environment's own, named by a .pth
file; the tool itself comes only from the wheel (the test asserts where it was imported from).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.servers import https_folder

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

HOST = "www.nongnamsai.example"


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the fresh environment's bin folder, the wheel): the tool as a user installs it."""
    base = tmp_path_factory.mktemp("package")
    source = base / "source"
    tracked = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode("utf-8").split("\0")):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    wheels = base / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(wheels), str(source)], check=True, capture_output=True, timeout=300)
    [wheel] = wheels.glob("ita_center-*.whl")
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    site_packages = Path(subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                        capture_output=True, text=True, check=True).stdout.strip())
    (site_packages / "dependencies-of-the-project.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300)
    return venv / "bin", wheel


def run(bin_dir: Path, line: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "NO_MKDOCS_2_WARNING": "1", **env}
    environment.pop("PYTHONPATH", None)
    return subprocess.run(line, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)


def test_the_installed_tool_runs_from_the_wheel_with_everything_inside(installed, tmp_path):
    bin_dir, _ = installed
    where = run(bin_dir, [str(bin_dir / "python"), "-c",
                          "import generator, checks, overrides, command; print(generator.__file__, overrides.__file__)"],
                tmp_path)
    assert where.returncode == 0, where.stderr
    assert str(ROOT) not in where.stdout and str(bin_dir.parent) in where.stdout


def test_a_units_own_folder_builds_checks_and_audits_and_an_upgrade_changes_nothing_in_it(installed, tmp_path):
    bin_dir, wheel = installed
    init = run(bin_dir, ["ita", "init", "nongnamsai", "--name", "เทศบาลตำบลหนองน้ำใส", "--type", "เทศบาลตำบล",
                         "--district", "เมือง", "--province", "ขอนแก่น", "--website", f"https://{HOST}/"], tmp_path)
    assert init.returncode == 0, init.stderr
    unit = tmp_path / "nongnamsai"
    assert "plugins" in (unit / "mkdocs.yml").read_text(encoding="utf-8") and not (unit / "generator").exists()
    build = run(bin_dir, ["ita", "build"], unit)
    assert build.returncode == 0 and (unit / "site" / "ita" / "index.html").is_file(), build.stdout + build.stderr
    check = run(bin_dir, ["ita", "check"], unit)  # the content and the built site: every rule ships in the wheel
    assert check.returncode == 2 and "Traceback" not in check.stderr, check.stderr  # a blank unit has items to fill in
    with https_folder(unit / "site", HOST, tmp_path / "ca.pem") as port:
        audit = run(bin_dir, ["ita", "audit", f"https://{HOST}/ita/", "--main-website", f"https://{HOST}/",
                              "--no-cache", "--format", "json", "--output", str(tmp_path / "audit.json"),
                              "--connect-to", f"{HOST}:443:127.0.0.1:{port}", "--timeout", "5", "--retries", "0"],
                    unit, SSL_CERT_FILE=str(tmp_path / "ca.pem"))
    assert audit.returncode in (0, 2) and "Traceback" not in audit.stderr, audit.stderr
    report = (tmp_path / "audit.json").read_text(encoding="utf-8")
    assert '"audited": true' in report  # the deployment was read, not refused
    before = tree_digest(unit)
    reinstall = run(bin_dir, [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--force-reinstall",
                              "--no-deps", "--no-index", str(wheel)], tmp_path)
    assert reinstall.returncode == 0, reinstall.stderr
    assert tree_digest(unit) == before
    again = run(bin_dir, ["ita", "check", "--no-site"], unit)
    assert again.returncode == 2 and tree_digest(unit / "content") == {
        name.removeprefix("content/"): digest for name, digest in before.items() if name.startswith("content/")}
