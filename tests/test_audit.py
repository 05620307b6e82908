"""The live audit against real servers on 127.0.0.1 / 127.0.0.2, one fault per path."""

from __future__ import annotations

import asyncio
import json
import ssl
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import trustme

from checks.hosts import MainSite
from checks.live.audit import Audit
from checks.live.cache import SuccessCache
from checks.live.http import DOCUMENT_BYTES, Checker, HttpSettings, LinkResult, Outcome
from checks.live.results import link_findings
from checks.live.submissions import Submission
from generator.basics.errors import ErrorLog, Location
from generator.content.catalogues import load_catalogues
from tests import servers
from tests.servers import PDF, FaultServer

FAST = HttpSettings(per_host=2, timeout=0.5, retries=2, max_retry_wait=1.5, backoff=0.05)
ITEM_PAGE = """<html lang="th"><head><title>O11 สรุปผลการจัดซื้อจัดจ้าง</title></head><body>
<nav><a href="/elsewhere.pdf">เมนู</a></nav>
<article><h1>O11 สรุปผลการจัดซื้อจัดจ้างรายเดือน</h1>
<a href="/ok.pdf">สรุปผล ตุลาคม 2568</a> <a href="/missing.pdf">สรุปผล พฤศจิกายน 2568</a>
<a href="https://drive.google.com/file/d/1AbC/view">สำเนาใน Google Drive</a></article></body></html>"""


class Concurrency:
    """Counts requests in flight on a slow route, to see the per-host limit from the server side."""

    def __init__(self) -> None:
        self.now = self.peak = 0
        self.lock = threading.Lock()

    def route(self, handler: servers.Handler) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(0.2)
        with self.lock:
            self.now -= 1
        handler.reply(200, "application/pdf", PDF)


@pytest.fixture
def other():
    with FaultServer("127.0.0.2", {"/file.pdf": servers.ok("application/pdf", PDF)}, lifetime=60) as server:
        yield server


@pytest.fixture
def main(other):
    concurrency = Concurrency()
    routes = {
        "/ok.pdf": servers.ok("application/pdf", PDF),
        "/missing.pdf": servers.status(404),
        "/error.pdf": servers.status(500),
        "/flaky.pdf": servers.fail_first(1, 503, {}),
        "/stall.pdf": servers.stall(2.0),
        "/reset.pdf": servers.reset,
        "/chain-1": servers.redirect("/chain-2", 301),
        "/chain-2": servers.redirect("/ok.pdf"),
        "/loop-a": servers.redirect("/loop-b"),
        "/loop-b": servers.redirect("/loop-a"),
        "/to-other": servers.redirect(f"{other.url}/file.pdf"),
        "/head-405.pdf": servers.head_refused,
        "/busy.pdf": servers.fail_first(1, 429, {"Retry-After": "1"}),
        "/always-busy.pdf": servers.status(429, {"Retry-After": "1"}),
        "/forbidden.pdf": servers.status(403),
        "/gone/": servers.html("<html><head><title>ไม่พบหน้าที่ต้องการ</title></head><body>ขออภัย</body></html>"),
        "/login/": servers.html('<html><head><title>ระบบสารบรรณ</title></head><body><form>'
                                '<input type="password" name="p"></form></body></html>'),
        "/page-as.pdf": servers.html("<html><head><title>หน้าแรก</title></head></html>"),
        "/image-as.pdf": servers.ok("image/jpeg", b"\xff\xd8\xff"),
        "/generic.xlsx": servers.ok("application/octet-stream", b"PK\x03\x04"),
        "/huge.pdf": servers.huge,
        "/slow.pdf": concurrency.route,
        "/ita/2569/o11/": servers.html(ITEM_PAGE),
        "/ita/2569/o1/": servers.html(ITEM_PAGE.replace("O11", "O1")),  # in force whatever its year
    }
    with FaultServer("127.0.0.1", routes, lifetime=60) as server:
        server.concurrency = concurrency
        yield server


def check(url: str, settings: HttpSettings = FAST, **kwargs) -> LinkResult:
    async def run() -> LinkResult:
        async with Checker(settings) as checker:
            return await checker.check(url, **kwargs)
    return asyncio.run(run())


def rules_for(main_server, path: str) -> list[str]:
    site = MainSite.of(main_server.url + "/")
    return [finding.rule for finding in link_findings(check(main_server.url + path), "O11", site, "127.0.0.1")]


@pytest.mark.parametrize(("path", "rules"), [
    ("/ok.pdf", []),
    ("/missing.pdf", ["dead-link"]),
    ("/error.pdf", ["dead-link"]),
    ("/flaky.pdf", []),
    ("/stall.pdf", ["timeout"]),
    ("/reset.pdf", ["dead-link"]),
    ("/chain-1", []),
    ("/loop-a", ["dead-link"]),
    ("/to-other", ["redirect-off-domain"]),
    ("/head-405.pdf", []),
    ("/always-busy.pdf", ["rate-limited"]),
    ("/forbidden.pdf", ["forbidden"]),
    ("/gone/", ["soft-404"]),
    ("/login/", ["soft-404"]),
    ("/page-as.pdf", ["wrong-content-type"]),
    ("/image-as.pdf", ["wrong-content-type"]),
    ("/generic.xlsx", []),
])
def test_each_fault_gives_its_finding(main, path, rules):
    assert rules_for(main, path) == rules


def test_a_redirect_chain_is_recorded(main):
    result = check(main.url + "/chain-1")
    assert result.redirects == (main.url + "/chain-1", main.url + "/chain-2")
    assert result.final_url == main.url + "/ok.pdf"


def test_a_redirect_loop_is_named(main):
    assert check(main.url + "/loop-a").detail == "เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด"


def test_retry_after_is_honoured_before_retrying(main):
    assert check(main.url + "/busy.pdf").outcome is Outcome.OK
    times = [moment for (_, path), moment in zip(main.hits, main.hit_times, strict=True) if path == "/busy.pdf"]
    assert times[1] - times[0] >= 0.9


def test_retries_are_bounded(main):
    check(main.url + "/error.pdf")
    assert main.hits.count(("GET", "/error.pdf")) == 3


def test_a_huge_file_is_checked_from_its_first_bytes_without_downloading_it(main):
    result = check(main.url + "/huge.pdf")
    assert result.outcome is Outcome.OK and result.head.startswith(b"%PDF-")
    assert len(result.head) <= DOCUMENT_BYTES
    assert main.bytes_streamed < 16 * 1024 * 1024  # what socket buffers took before the client closed


def test_no_more_than_the_per_host_limit_is_in_flight(main):
    async def run() -> None:
        async with Checker(FAST) as checker:
            await asyncio.gather(*(checker.check(f"{main.url}/slow.pdf?n={n}") for n in range(6)))
    asyncio.run(run())
    assert main.concurrency.peak == 2


# ---- TLS --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca():
    return trustme.CA()


def tls_server(configure) -> FaultServer:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    configure(context)
    return FaultServer("127.0.0.1", {"/ok.pdf": servers.ok("application/pdf", PDF)}, tls=context, lifetime=30)


def tls_check(server: FaultServer, ca) -> LinkResult:
    with ca.cert_pem.tempfile() as bundle:
        return check(server.url + "/ok.pdf", HttpSettings(timeout=2, retries=0, ca_bundle=bundle))


def test_a_valid_certificate_passes(ca):
    with tls_server(ca.issue_cert("127.0.0.1").configure_cert) as server:
        assert tls_check(server, ca).outcome is Outcome.OK


def test_an_expired_certificate_is_a_tls_finding_not_a_dead_link(ca):
    past = datetime.now(UTC) - timedelta(days=30)
    leaf = ca.issue_cert("127.0.0.1", not_before=past - timedelta(days=365), not_after=past)
    with tls_server(leaf.configure_cert) as server:
        result = tls_check(server, ca)
    assert (result.outcome, result.detail) == (Outcome.TLS, "ใบรับรอง HTTPS หมดอายุ")


def test_a_self_signed_certificate_is_named(ca):
    stranger = trustme.CA()  # its own certificate is self-signed, and nobody trusts it

    def configure(context: ssl.SSLContext) -> None:
        with stranger.cert_pem.tempfile() as cert, stranger.private_key_pem.tempfile() as key:
            context.load_cert_chain(cert, key)
    with tls_server(configure) as server:
        result = tls_check(server, ca)
    assert result.outcome is Outcome.TLS and "self-signed" in result.detail


def test_an_incomplete_chain_is_named(ca):
    leaf = ca.create_child_ca().issue_cert("127.0.0.1")

    def configure(context: ssl.SSLContext) -> None:  # the leaf alone, without its intermediate
        with leaf.cert_chain_pems[0].tempfile() as cert, leaf.private_key_pem.tempfile() as key:
            context.load_cert_chain(cert, key)
    with tls_server(configure) as server:
        result = tls_check(server, ca)
    assert result.outcome is Outcome.TLS and "ไม่ครบสาย" in result.detail


# ---- the audit of submissions -----------------------------------------------------------


def audit(main_server, submissions, cache=None) -> list[tuple[str | None, str]]:
    log = ErrorLog()
    catalogue = load_catalogues(log)[2569]
    site = MainSite.of(main_server.url + "/")

    async def run():
        async with Checker(FAST) as checker:
            runner = Audit(checker, cache or SuccessCache(None, timedelta(hours=1)), site, "127.0.0.1",
                           datetime.now(UTC))
            return await runner.run(submissions, catalogue)
    return [(finding.item, finding.rule) for finding in asyncio.run(run())]


def submission(item: str, url: str) -> Submission:
    return Submission(item, url, Location("itas.csv", 2))


def test_evidence_linked_from_an_item_page_is_checked(main):
    found = audit(main, [submission("O11", main.url + "/ita/2569/o11/")])
    assert ("O11", "dead-link") in found  # /missing.pdf in the article
    assert ("O11", "off-domain") in found  # the Google Drive copy
    assert main.hits.count(("GET", "/elsewhere.pdf")) == 0  # navigation links are not evidence


def test_items_without_a_submitted_url_are_missing(main):
    found = audit(main, [submission("O11", main.url + "/ok.pdf")])
    assert [item for item, rule in found if rule == "missing-item"] == [f"O{n}" for n in range(1, 27) if n != 11]


def test_a_submitted_url_on_another_host_is_off_domain(main, other):
    assert ("O1", "off-domain") in audit(main, [submission("O1", other.url + "/file.pdf")])


def test_successes_are_cached_and_failures_rechecked(main, tmp_path):
    cache = SuccessCache.load(tmp_path / "cache.json", timedelta(hours=1))
    subs = [submission("O1", main.url + "/ita/2569/o1/")]
    audit(main, subs, cache)
    audit(main, subs, cache)
    assert main.hits.count(("GET", "/ok.pdf")) == 1
    assert main.hits.count(("GET", "/missing.pdf")) == 2


def test_a_year_bound_items_documents_are_read_again_whatever_the_cache_holds(main, tmp_path):
    cache = SuccessCache.load(tmp_path / "cache.json", timedelta(hours=1))
    subs = [submission("O11", main.url + "/ita/2569/o11/")]
    audit(main, subs, cache)
    audit(main, subs, cache)
    assert main.hits.count(("GET", "/ok.pdf")) == 2  # a cached success keeps no bytes: what the file says is read


# ---- the command ------------------------------------------------------------------------


def ita_audit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", "audit", *args, "--timeout", "1", "--no-cache"],
                          cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


def test_audit_of_a_csv_exits_2_on_a_dead_link(main, tmp_path):
    csv_file = tmp_path / "itas.csv"
    csv_file.write_text(f"item,url\nO11,{main.url}/missing.pdf\n", encoding="utf-8")
    result = ita_audit(tmp_path, str(csv_file), "--main-website", main.url + "/", "--year", "2569", "--format", "json")
    assert result.returncode == 2
    o11 = next(item for item in json.loads(result.stdout)["items"] if item["id"] == "O11")
    assert o11["verdict"] == "zero"
    assert o11["findings"][0]["rule"] == "dead-link"
    assert o11["findings"][0]["file"] == str(csv_file) and o11["findings"][0]["line"] == 2


def test_a_csv_without_the_item_url_header_exits_3_naming_the_line(main, tmp_path):
    csv_file = tmp_path / "itas.csv"
    csv_file.write_text(f"รายการ,ลิงก์\nO11,{main.url}/ok.pdf\n", encoding="utf-8")
    result = ita_audit(tmp_path, str(csv_file), "--main-website", main.url + "/")
    assert result.returncode == 3
    assert f'{csv_file}:1: บรรทัดแรกต้องเป็นหัวตาราง "item,url"' in result.stderr


def test_audit_of_an_ita_center_url_finds_the_items_by_their_links(main, tmp_path):
    main.routes["/ita/"] = servers.html('<html><body><main><a href="2569/o11/">O11 สรุปผลการจัดซื้อจัดจ้าง</a>'
                                        '<a href="/ok.pdf">O 1 โครงสร้าง</a></main></body></html>')
    result = ita_audit(tmp_path, main.url + "/ita/", "--year", "2569", "--format", "json")
    items = {item["id"]: item for item in json.loads(result.stdout)["items"]}
    assert items["O1"]["verdict"] == "pass"
    assert {f["rule"] for f in items["O11"]["findings"]} == {"dead-link", "off-domain"}
    assert items["O2"]["findings"][0]["rule"] == "missing-item"
