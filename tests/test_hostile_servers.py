"""The live audit against servers that lie, drip, bomb or send nonsense (loopback only).

Each behaviour is one route of a real HTTP server on 127.0.0.1 that stops by itself. The audit
must give the finding an assessor's browser would justify, within its documented time bound
(``HttpSettings.url_budget``) and byte budget, and go on with every other URL.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import subprocess
import sys
import time
import tracemalloc
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from checks.hosts import MainSite
from checks.live.audit import Audit
from checks.live.cache import SuccessCache
from checks.live.http import DOCUMENT_BYTES, Checker, HttpSettings, Outcome
from checks.live.results import link_findings
from checks.live.submissions import Submission
from generator.basics.errors import ErrorLog, Location
from generator.content.catalogues import load_catalogues
from tests import servers
from tests.servers import PDF, FaultServer, Handler

FAST = HttpSettings(per_host=2, timeout=0.5, retries=1, max_retry_wait=0.5, backoff=0.05)
SLACK = 2.0  # seconds the event loop and the server's threads may add to the documented bound


def drip(*, headers_too: bool) -> servers.Route:
    """One byte every 0.2 s (for at most 4 s): of the body after prompt headers, or from the status line on."""
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/pdf\r\nContent-Length: 100000\r\n\r\n"

    def route(handler: Handler) -> None:
        if not headers_too:
            handler.wfile.write(head)
        try:
            for byte in (head if headers_too else b"%" * 20)[:20]:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass
        handler.close_connection = True
    return route


def lying_head(handler: Handler) -> None:
    if handler.command == "HEAD":
        handler.reply(200, "application/pdf")
    else:
        handler.reply(404, "text/html; charset=utf-8", b"<h1>404</h1>")


def encoded(body: bytes, encoding: str, content_type: str = "application/pdf"):
    return lambda handler: handler.reply(200, content_type, body, {"Content-Encoding": encoding})


def double_gzip_bomb() -> bytes:
    """256 MiB of zeros, gzipped twice: a few kilobytes on the wire."""
    inner = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = b"\0" * (1024 * 1024)
    once = b"".join(inner.compress(chunk) for _ in range(256)) + inner.flush()
    return gzip.compress(once, 9)


def range_aware_empty(handler: Handler) -> None:
    """A 0-byte file on a server that honours Range: bytes=0-… cannot be satisfied."""
    if handler.headers.get("Range"):
        handler.reply(416, "application/pdf", b"", {"Content-Range": "bytes */0"})
    else:
        handler.reply(200, "application/pdf", b"")


def no_content_type(body: bytes):
    def route(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return route


THAI_NOT_FOUND = ('<html><head><meta charset="windows-874"><title>ไม่พบหน้าที่ต้องการ</title></head>'
                  "<body>ขออภัย ไม่พบข้อมูล</body></html>").encode("cp874")
ITEM_WITH_TRAPS = """<html><head><title>O12</title></head><body><main><h1>O12 รายงานผล ปีงบประมาณ 2568</h1>
<a href="/เอกสาร/รายงาน.pdf">รายงาน</a> <a href="/%E0%B9%80%E0%B8%AD%E0%B8%81%E0%B8%AA%E0%B8%B2%E0%B8%A3/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99.pdf">ฉบับเดียวกัน</a>
<a href="http://[::1/x.pdf">ลิงก์เสีย</a> <a href="/zero.pdf">ไฟล์ว่าง</a></main></body></html>"""


@pytest.fixture(scope="module")
def hostile():
    routes = {
        "/drip-body.pdf": drip(headers_too=False),
        "/drip-headers.pdf": drip(headers_too=True),
        "/lying-head.pdf": lying_head,
        "/bomb.pdf": encoded(double_gzip_bomb(), "gzip, gzip"),
        "/bomb-page/": encoded(double_gzip_bomb(), "gzip, gzip", "text/html"),
        "/broken-gzip.pdf": encoded(b"this is not gzip", "gzip"),
        "/brotli.pdf": encoded(b"\x1b\x03\x00\xf8", "br"),
        "/gzipped.pdf": encoded(gzip.compress(PDF), "gzip"),
        "/to-file.pdf": servers.redirect("file:///etc/passwd"),
        "/to-javascript": servers.redirect("javascript:alert(1)"),
        "/thai-404/": servers.ok("text/html", THAI_NOT_FOUND),
        "/zero.pdf": servers.ok("application/pdf", b""),
        "/empty-416.pdf": range_aware_empty,
        "/fake.pdf": servers.ok("application/pdf", b"<!DOCTYPE html><title>Error</title>"),
        "/fake.xlsx": servers.ok("application/octet-stream", b"%PDF-1.4"),
        "/ita/o1-204/": lambda handler: handler.reply(204, "text/html"),
        "/ita/o2-unlabelled/": no_content_type('<!doctype html><main><a href="/missing.pdf">ข้อมูล</a></main>'.encode()),
        "/ita/o12/": servers.html(ITEM_WITH_TRAPS),
        "/%E0%B9%80%E0%B8%AD%E0%B8%81%E0%B8%AA%E0%B8%B2%E0%B8%A3/%E0%B8%A3%E0%B8%B2%E0%B8%A2%E0%B8%87%E0%B8%B2%E0%B8%99.pdf":
            servers.ok("application/pdf", PDF),
        "/ok.pdf": servers.ok("application/pdf", PDF),
    }
    with FaultServer("127.0.0.1", routes, lifetime=120) as server:
        yield server


def check(url: str, *, page: bool = False):
    async def run():
        async with Checker(FAST) as checker:
            return await checker.check(url, page=page)
    return asyncio.run(run())


def rules(server, path: str, *, page: bool = False) -> list[str]:
    site = MainSite.of(server.url + "/")
    return [f.rule for f in link_findings(check(server.url + path, page=page), "O11", site, "127.0.0.1")]


def audit(server, submissions: list[Submission]) -> list[tuple[str | None, str]]:
    catalogue = load_catalogues(ErrorLog())[2569]

    async def run():
        async with Checker(FAST) as checker:
            runner = Audit(checker, SuccessCache(None, timedelta(hours=1)), MainSite.of(server.url + "/"), "127.0.0.1",
                           datetime.now(UTC))
            return await runner.run(submissions, catalogue)
    return [(f.item, f.rule) for f in asyncio.run(run()) if f.rule != "missing-item"]


@pytest.mark.parametrize("path", ["/drip-body.pdf", "/drip-headers.pdf"])
def test_a_drip_fed_response_times_out_within_the_documented_bound(hostile, path):
    started = time.monotonic()
    result = check(hostile.url + path)
    assert result.outcome is Outcome.TIMEOUT
    assert time.monotonic() - started <= FAST.url_budget + SLACK


def test_a_head_that_says_200_while_get_says_404_is_a_dead_link(hostile):
    assert rules(hostile, "/lying-head.pdf") == ["dead-link"]
    assert ("HEAD", "/lying-head.pdf") not in hostile.hits


@pytest.mark.parametrize(("path", "page", "budget"), [("/bomb.pdf", False, DOCUMENT_BYTES),
                                                     ("/bomb-page/", True, 4 * 1024 * 1024)])
def test_a_compression_bomb_is_decoded_no_further_than_the_budget(hostile, path, page, budget):
    tracemalloc.start()
    result = check(hostile.url + path, page=page)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(result.head) <= budget
    assert peak < 12 * budget + 16 * 1024 * 1024  # a multiple of the budget, whatever the bomb expands to


@pytest.mark.parametrize(("path", "expected"), [
    ("/broken-gzip.pdf", ["dead-link"]),
    ("/brotli.pdf", ["unverified"]),
    ("/gzipped.pdf", []),
    ("/to-file.pdf", ["bad-url"]),
    ("/to-javascript", ["bad-url"]),
    ("/zero.pdf", ["bad-document"]),
    ("/empty-416.pdf", ["bad-document"]),
    ("/fake.pdf", ["bad-document"]),
    ("/fake.xlsx", ["bad-document"]),
])
def test_what_the_browser_gets_decides(hostile, path, expected):
    assert rules(hostile, path) == expected


def test_a_thai_not_found_page_declared_only_in_meta_charset_is_a_soft_404(hostile):
    assert rules(hostile, "/thai-404/", page=True) == ["soft-404"]


def test_an_item_page_answering_204_is_an_empty_page_not_a_pass(hostile):
    found = audit(hostile, [Submission("O1", hostile.url + "/ita/o1-204/", Location("itas.csv", 2))])
    assert found == [("O1", "soft-404")]


def test_an_unlabelled_item_page_is_read_as_html_and_its_evidence_checked(hostile):
    found = audit(hostile, [Submission("O2", hostile.url + "/ita/o2-unlabelled/", Location("itas.csv", 3))])
    assert found == [("O2", "dead-link")]


def test_bad_links_on_an_item_page_are_findings_and_the_rest_is_audited(hostile):
    found = audit(hostile, [Submission("O12", hostile.url + "/ita/o12/", Location("itas.csv", 2))])
    assert sorted(found) == [("O12", "bad-document"), ("O12", "bad-url")]


def test_one_document_written_two_ways_is_fetched_once(hostile):
    def fetches() -> int:
        return sum(path.startswith("/%E0%B9%80") for _, path in hostile.hits)
    before = fetches()
    audit(hostile, [Submission("O12", hostile.url + "/ita/o12/", Location("itas.csv", 2))])
    assert fetches() - before == 1


@pytest.mark.parametrize("damage", [b"{not json", b"[1, 2]", b'{"http://x/": "text"}',
                                    b'{"URL": {"checked_at": "yesterday", "status": "x"}}', b"\xff\xfe\x00"])
def test_a_damaged_cache_costs_a_recheck_never_the_audit(hostile, tmp_path, damage):
    path = tmp_path / "cache.json"
    path.write_bytes(damage.replace(b"URL", (hostile.url + "/ok.pdf").encode()))
    cache = SuccessCache.load(path, timedelta(hours=1))
    assert cache.get(hostile.url + "/ok.pdf", datetime.now(UTC)) is None
    cache.save()
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def ita_audit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", "audit", *args, "--timeout", "1", "--no-cache",
                           "--format", "json"], cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


def test_csv_rows_that_cannot_be_audited_are_findings_and_the_rest_is_audited(hostile, tmp_path):
    csv_file = tmp_path / "itas.csv"
    csv_file.write_text(f"item,url\nO27,{hostile.url}/ok.pdf\nO3,http://[::1/x\n"
                        f"O1,{hostile.url}/ok.pdf\nO2,\t{hostile.url}/o\u200bk.pdf\n", encoding="utf-8")
    result = ita_audit(tmp_path, str(csv_file), "--main-website", hostile.url + "/", "--year", "2569")
    report = json.loads(result.stdout)
    items = {item["id"]: item for item in report["items"]}
    assert [f["rule"] for f in report["site"]] == ["unknown-item"] and report["site"][0]["line"] == 2
    assert [f["rule"] for f in items["O3"]["findings"]] == ["bad-url"]
    assert items["O1"]["verdict"] == "pass"


def test_a_list_thai_excel_saved_as_csv_in_windows_874_is_read_as_it_was_written(hostile, tmp_path):
    csv_file = tmp_path / "itas.csv"
    csv_file.write_bytes(f"item,url\nO1,{hostile.url}/ok.pdf#รายการที่หนึ่ง\n".encode("cp874"))
    result = ita_audit(tmp_path, str(csv_file), "--main-website", hostile.url + "/", "--format", "json")
    [o1] = [item for item in json.loads(result.stdout)["items"] if item["id"] == "O1"]
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert not [f for f in o1["findings"] if f["rule"] == "missing-item"]  # the row was read and audited


@pytest.mark.parametrize("option", [["--per-host", "0"], ["--timeout", "nan"], ["--timeout", "-1"],
                                    ["--retries", "x"], ["--cache-max-age", "inf"], ["--ca-bundle", "missing.pem"]])
def test_a_numeric_or_file_option_that_cannot_work_is_a_thai_error(tmp_path, option):
    csv_file = tmp_path / "itas.csv"
    csv_file.write_text("item,url\n", encoding="utf-8")
    result = ita_audit(tmp_path, str(csv_file), "--main-website", "https://www.tambon.example/", *option)
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and ("ต้องเป็น" in result.stderr or "ไม่ใช่ตัวเลข" in result.stderr
                                                  or "ไม่พบไฟล์" in result.stderr or "มากเกินไป" in result.stderr)
