"""`mkdocs serve` while staff edit: it regenerates on a change under content/ and marks what is missing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import copy_project

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

DEADLINE = 60  # seconds any wait below may take; the server is stopped after the tests whatever happens


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, text: str) -> str:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        try:
            page = fetch(url)
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} did not appear at {url} within {DEADLINE} s")


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    port = free_port()
    # Plain `mkdocs serve`, as staff run it: --no-livereload would also switch off the file watching.
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"http://127.0.0.1:{port}/ita/", "ศูนย์ ITA")
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_regenerates_when_an_item_file_changes(serve):
    project, base = serve
    item = project / "content" / "items" / "2569" / "o4.md"
    item.write_text(item.read_text(encoding="utf-8") + "\nข่าวกิจกรรมวันเด็กแห่งชาติ 2569\n", encoding="utf-8")
    wait_for(base + "ita/2569/o4/", "ข่าวกิจกรรมวันเด็กแห่งชาติ 2569")


def test_serve_marks_a_missing_element_for_the_staff(serve):
    project, base = serve
    item = project / "content" / "items" / "2569" / "o10.md"
    text = item.read_text(encoding="utf-8")
    start = text.index("  eservice_statistics:")
    item.write_text(text[:start] + text[text.index("---", start):], encoding="utf-8")
    page = wait_for(base + "ita/2569/o10/", "ผลตรวจ: เสี่ยง (เห็นเฉพาะตอนแก้ไข ตรงกับ ita check)")
    assert "ไม่มีหลักฐานขององค์ประกอบ" in page  # the words ita check prints, under the element


def test_invalid_content_shows_what_to_fix_on_the_page_and_the_next_save_recovers(serve):
    project, base = serve
    unit = project / "content" / "unit.yml"
    original = unit.read_text(encoding="utf-8")
    unit.write_text(original.replace("assessment_year: 2569", "assessment_year: 25x9"), encoding="utf-8")
    try:
        page = wait_for(base + "ita/2569/o1/", "ข้อมูลไม่ถูกต้อง")
        assert 'ช่อง &#34;assessment_year&#34;' in page and "content/unit.yml:" in page
    finally:
        unit.write_text(original, encoding="utf-8")
    page = wait_for(base + "ita/2569/o1/", "O1")
    deadline = time.monotonic() + DEADLINE
    while "ita-errors" in page and time.monotonic() < deadline:
        time.sleep(0.5)
        page = fetch(base + "ita/2569/o1/")
    assert "ita-errors" not in page


def test_an_address_the_site_lacks_is_answered_in_thai(serve):
    _, base = serve
    page = fetch(base + "404.html")
    assert "ไม่พบหน้านี้" in page and "Not found" not in page
