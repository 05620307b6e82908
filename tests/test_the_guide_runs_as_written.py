"""GUIDE.th.md and the README, run as a new web admin runs them: every command of their shell blocks, as
written, in the order written, on a fresh copy of the project.

The commands are read from the documents themselves, so the guide and this test cannot drift. What a
command needs from the world is made real, not stubbed: the PDF the guide adds is a real PDF under the
guide's own file name; the deployment the README copies with rsync lands, through the real rsync, in a
folder a loopback HTTPS server serves as www.tambon.example (a CA made for the test, trusted through
SSL_CERT_FILE; ITA_CONNECT_TO sends the host there), so the guide's audits audit that deployment.
``make`` lines are what CI itself runs, and are left to it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project
from tests.scans import typeset
from tests.servers import https_folder
from tests.test_staff_edits_without_yaml import jpeg

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

HOST = "www.tambon.example"  # the example unit's main website and published_at


def shell_lines(document: str) -> list[str]:
    """Every command line of the document's ```sh blocks, in order (comments dropped)."""
    text = (ROOT / document).read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"^```sh\n(.*?)^```", text, re.M | re.S):
        for line in block.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


@pytest.fixture()
def world(tmp_path):
    """A fresh project, the guide's PDF, a web server for the deployment, and the shell a user has."""
    project = copy_project(tmp_path / "project")
    (project / "สรุปผล จัดซื้อ เม.ย. 69.pdf").write_bytes(
        typeset(["สรุปผลการจัดซื้อจัดจ้าง", "เดือนเมษายน 2569"], title="สรุปผลการจัดซื้อจัดจ้าง เดือนเมษายน 2569"))
    jpeg(project / "รูปนายก 2569.jpg")  # the guide's new photo of the mayor
    webroot = tmp_path / "var-www-html"
    webroot.mkdir()
    # rsync to webadmin@www.tambon.example:/var/www/html/ lands in webroot: the real rsync, a local target
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "rsync").write_text(
        "#!/bin/sh\n# the test's deployment: the same rsync, user@host:/var/www/html/ mapped to a local folder\n"
        f'for a in "$@"; do shift; case "$a" in *@*:/var/www/html/) set -- "$@" "{webroot}/";; *) set -- "$@" "$a";; esac; done\n'
        f'exec {shutil.which("rsync")} "$@"\n', encoding="utf-8")
    (bin_dir / "rsync").chmod(0o755)
    with https_folder(webroot, HOST, tmp_path / "ca.pem") as port:
        env = {**os.environ, "PATH": f"{bin_dir}:{ROOT / '.venv' / 'bin'}:{Path(sys.executable).parent}:{os.environ['PATH']}",
               "SSL_CERT_FILE": str(tmp_path / "ca.pem"), "ITA_CONNECT_TO": f"{HOST}:443:127.0.0.1:{port}",
               "NO_MKDOCS_2_WARNING": "1"}
        yield project, webroot, env


def run(line: str, project: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(line, shell=True, cwd=project, env=env, capture_output=True, text=True, timeout=600,
                          executable="/bin/sh")


def test_the_readme_then_the_guide_run_as_written(world):
    project, webroot, env = world
    lines = [line for line in shell_lines("README.md") + shell_lines("GUIDE.th.md")
             if shlex.split(line)[0] != "make"]
    assert lines, "no command found in the documents"
    for line in lines:
        result = run(line, project, env)
        said = result.stdout + result.stderr
        # 0, or 2 when the command found something to fix (the guide shows the finding, not a failure)
        assert result.returncode in (0, 2), f"{line}\n{said}"
        assert "Traceback" not in said, f"{line}\n{said}"
        if line.startswith("ita audit site/"):
            assert (project / "audit.html").is_file(), said
            report = (project / "audit.html").read_text(encoding="utf-8").replace("<wbr>", "")
            assert "ตรวจเว็บไซต์นี้ไม่ได้" not in report, said  # the loopback deployment was really audited
        if "rsync" in line:
            assert (webroot / "ita" / "2569" / "o1" / "index.html").is_file()


def test_a_blank_start_builds_previews_and_checks(tmp_path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}"}
    init = run("ita init blank --name 'องค์การบริหารส่วนตำบลทดลอง' --type อบต. --district เมือง --province ขอนแก่น "
               "--website https://www.thodlong.example/", tmp_path, env)
    assert init.returncode == 0, init.stderr
    project = tmp_path / "blank"
    for line, allowed in (("ita status", (0,)), ("ita build", (0,)), ("ita check", (2,)),
                          ("ITA_PREVIEW=1 mkdocs build --strict --site-dir preview", (0,))):
        result = run(line, project, env)
        assert result.returncode in allowed and "Traceback" not in result.stderr, f"{line}\n{result.stdout}{result.stderr}"
    assert (project / "preview" / "ita" / "index.html").is_file()
