"""The live audit on a loopback site built like a vendor CMS: item page → listing page → PDF.

Every document's year is known to the test (the answer key); the audit must flag each one of
another year, from what the assessor sees (link text, file name, PDF /Title at the file's end,
page 1 in Thai digits), never flag one of the right year, follow listing pages two links deep
but not three, and read no more than its byte budget of any PDF.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest

from checks.hosts import MainSite
from checks.live.audit import MAX_DOCUMENTS_PER_ITEM, Audit
from checks.live.cache import SuccessCache
from checks.live.http import DOCUMENT_BYTES, Checker, HttpSettings
from checks.live.submissions import Submission, submissions_from_page
from generator.basics.errors import ErrorLog, Location
from generator.content.catalogues import load_catalogues
from tests import servers
from tests.pdfs import text_pdf
from tests.servers import FaultServer, Handler

SETTINGS = HttpSettings(per_host=2, timeout=2, retries=0, max_retry_wait=0)
CATALOGUE = load_catalogues(ErrorLog())[2569]
NAVIGATION = '<header><nav><a href="/">หน้าแรก</a><a href="/news/">ข่าวทั้งหมด</a><a href="/files/menu-2560.pdf">เมนู</a></nav></header>'


def page(title: str, links: str) -> servers.Route:
    return servers.html(f"<html><head><title>{title}</title></head><body>{NAVIGATION}"
                        f"<div class=\"content\"><h1>{title}</h1>{links}</div><footer><a href=\"/contact/\">ติดต่อ</a></footer></body></html>")


def ranged(body: bytes) -> servers.Route:
    """A file on a server that honours Range (bytes=a-b and bytes=-n), counting what it sends."""
    def route(handler: Handler) -> None:
        wanted = handler.headers.get("Range", "")
        start, end = 0, len(body)
        if wanted.startswith("bytes=-"):
            start = max(0, len(body) - int(wanted[7:]))
        elif wanted.startswith("bytes="):
            first, last = wanted[6:].split("-")
            start, end = int(first), min(len(body), int(last) + 1)
        part = body[start:end]
        handler.server.bytes_sent = getattr(handler.server, "bytes_sent", 0) + len(part)
        handler.reply(206 if wanted else 200, "application/pdf", part,
                      {"Content-Range": f"bytes {start}-{end - 1}/{len(body)}"} if wanted else {})
    return route


@pytest.fixture(scope="module")
def vendor_site():
    pdf = lambda text, **kw: ranged(text_pdf(text, **kw))  # noqa: E731
    routes = {
        # O11 (monthly, FY 2569): the item page leads to a listing, which leads to a second page.
        "/ita/o11/": page("O11 สรุปผลการจัดซื้อจัดจ้างรายเดือน", '<a href="/news/procurement/">ดูรายการทั้งหมด</a>'
                          '<a href="/news/gone/">ประกาศเดิม</a>'),
        "/news/procurement/": page("ประกาศจัดซื้อจัดจ้าง",
                                   '<a href="/files/oct.pdf">สรุปผล ตุลาคม 2568</a>'
                                   '<a href="/files/old.pdf">สรุปผล ตุลาคม 2566</a>'
                                   '<a href="/news/procurement/page2/">หน้าถัดไป</a>'),
        "/news/procurement/page2/": page("ประกาศจัดซื้อจัดจ้าง หน้า 2",
                                         '<a href="/files/download.pdf">ดาวน์โหลด</a>'
                                         '<a href="/news/procurement/page3/">หน้าถัดไป</a>'),
        "/news/procurement/page3/": page("หน้า 3", '<a href="/files/too-deep.pdf">สรุปผล 2560</a>'),
        "/files/oct.pdf": pdf("สรุปผล"),
        "/files/old.pdf": pdf("สรุปผล"),
        "/files/download.pdf": pdf("สรุปผล", title="สรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ 2567", filler=200_000),
        "/files/too-deep.pdf": pdf("สรุปผล"),
        # O12 (report on FY 2568): the year is only on page 1, in Thai digits.
        "/ita/o12/": page("O12 รายงานสรุปผล", '<a href="/files/r1.pdf">รายงาน</a><a href="/files/r2.pdf">รายงาน</a>'),
        "/files/r1.pdf": pdf("รายงานสรุปผล ปีงบประมาณ ๒๕๖๖"),
        "/files/r2.pdf": pdf("รายงานสรุปผล ปีงบประมาณ ๒๕๖๘"),
        # O5 (a multi-year plan must cover 2569): a page that names a span of years.
        "/ita/o5/": page("O5 แผนพัฒนาท้องถิ่น", '<a href="/files/plan.pdf">แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)</a>'),
        "/files/plan.pdf": pdf("แผน"),
        "/ita/o5-old/": page("O5 แผนพัฒนาท้องถิ่น", '<a href="/files/plan-old.pdf">แผนพัฒนาท้องถิ่น (พ.ศ. 2561 - 2565)</a>'),
        "/files/plan-old.pdf": pdf("แผน"),
        # O1 (in force: any year): an old structure chart is fine.
        "/ita/o1/": page("O1 โครงสร้าง", '<a href="/files/chart.pdf">แผนภูมิโครงสร้าง 2560</a>'),
        "/files/chart.pdf": pdf("โครงสร้าง"),
        # O13 (current year): nothing names a year anywhere.
        "/ita/o13/": page("O13 หลักเกณฑ์การบริหารบุคคล", '<a href="/files/hr.pdf">ดาวน์โหลด</a>'),
        "/files/hr.pdf": pdf("หลักเกณฑ์"),
        # The ITA center: a document linked above the list starts with an item id too.
        "/ita/": servers.html('<html><body><main><a href="/files/o10.pdf">O10 คู่มือ E-Service.pdf</a>'
                              '<ul><li><a href="/ita/o10/">O10 ระบบการให้บริการออนไลน์</a></li>'
                              '<li><a href="/ita/o11/">O11 สรุปผลการจัดซื้อจัดจ้าง</a></li></ul></main></body></html>'),
    }
    with FaultServer("127.0.0.1", routes, lifetime=120) as server:
        yield server


def audit(server, paths: dict[str, str], depth: int = 2) -> list[tuple[str, str, str]]:
    async def run():
        async with Checker(SETTINGS) as checker:
            runner = Audit(checker, SuccessCache(None, timedelta(hours=1)), MainSite.of(server.url + "/"), "127.0.0.1",
                           datetime.now(UTC), depth=depth)
            submissions = [Submission(item, server.url + path, Location("itas.csv", 2)) for item, path in paths.items()]
            return await runner.run(submissions, CATALOGUE)
    return sorted((f.item, f.rule, urlsplit(f.url).path.lstrip("/"))
                  for f in asyncio.run(run()) if f.rule != "missing-item")


def test_documents_of_another_year_are_found_on_listing_pages_two_links_deep(vendor_site):
    found = audit(vendor_site, {"O11": "/ita/o11/"})
    wrong = {url for item, rule, url in found if rule == "wrong-year"}
    assert wrong == {"files/old.pdf", "files/download.pdf"}  # by its link text; by its /Title at the file's end


def test_a_document_of_the_right_year_is_never_flagged(vendor_site):
    found = audit(vendor_site, {"O11": "/ita/o11/", "O12": "/ita/o12/"})
    assert not [entry for entry in found if entry[2] in ("files/oct.pdf", "files/r2.pdf")]


def test_a_dead_page_on_the_way_to_the_evidence_is_a_dead_link(vendor_site):
    assert ("O11", "dead-link", "news/gone/") in audit(vendor_site, {"O11": "/ita/o11/"})


def test_pages_three_links_deep_and_navigation_are_not_followed(vendor_site):
    audit(vendor_site, {"O11": "/ita/o11/"})
    fetched = {path for _, path in vendor_site.hits}
    assert "/news/procurement/page2/" in fetched
    assert not fetched & {"/news/procurement/page3/", "/files/too-deep.pdf", "/news/", "/files/menu-2560.pdf",
                          "/contact/"}


def test_depth_zero_checks_only_what_the_item_page_links_to(vendor_site):
    found = audit(vendor_site, {"O11": "/ita/o11/"}, depth=0)
    assert [rule for _, rule, _ in found] == ["year-unclear"]


def test_the_year_on_page_one_in_thai_digits_decides(vendor_site):
    assert audit(vendor_site, {"O12": "/ita/o12/"}) == [("O12", "wrong-year", "files/r1.pdf")]


def test_a_plan_is_judged_by_the_span_it_covers(vendor_site):
    assert audit(vendor_site, {"O5": "/ita/o5/"}) == []
    assert audit(vendor_site, {"O5": "/ita/o5-old/"}) == [("O5", "wrong-year", "files/plan-old.pdf")]


def test_an_item_in_force_takes_a_document_of_any_year(vendor_site):
    assert audit(vendor_site, {"O1": "/ita/o1/"}) == []


def test_an_item_that_names_no_year_anywhere_is_unclear_not_wrong(vendor_site):
    assert audit(vendor_site, {"O13": "/ita/o13/"}) == [("O13", "year-unclear", "ita/o13/")]


def test_no_more_than_the_byte_budget_is_read_of_any_pdf(vendor_site):
    vendor_site.bytes_sent = 0
    audit(vendor_site, {"O11": "/ita/o11/"})
    assert 0 < vendor_site.bytes_sent <= 5 * 2 * DOCUMENT_BYTES  # five PDFs at most: head, and tail when needed


def test_the_ita_center_item_page_is_preferred_over_a_document_with_the_same_id(vendor_site):
    async def fetch():
        async with Checker(SETTINGS) as checker:
            return await checker.check(vendor_site.url + "/ita/", page=True)
    found = {s.item: s.url for s in submissions_from_page(asyncio.run(fetch()), CATALOGUE)}
    assert found["O10"] == vendor_site.url + "/ita/o10/"


def test_another_agencys_page_is_a_note_and_a_document_there_a_risk(vendor_site, tmp_path):
    itas_csv = tmp_path / "itas.csv"
    itas_csv.write_text(f"item,url\nO16,{vendor_site.url}/ita/o16/\n", encoding="utf-8")
    with FaultServer("127.0.0.2", {"/x.pdf": servers.ok("application/pdf", text_pdf("x"))}, lifetime=60) as other:
        vendor_site.routes["/ita/o16/"] = page(
            "O16 แนวปฏิบัติการจัดการเรื่องร้องเรียน ปีงบประมาณ 2569",
            f'<a href="/files/hr.pdf">แนวปฏิบัติ</a><a href="{other.url}/guide/">คู่มือของจังหวัด</a>'
            f'<a href="{other.url}/x.pdf">แบบฟอร์ม</a>')
        result = subprocess.run([sys.executable, "-m", "command.main", "audit", "--main-website", vendor_site.url + "/",
                                 "--year", "2569", "--format", "json", "--no-cache", "--timeout", "2",
                                 str(itas_csv)], capture_output=True, text=True, timeout=120)
    o16 = next(item for item in json.loads(result.stdout)["items"] if item["id"] == "O16")
    # Beside the unit's own document: no published rule scores the file elsewhere
    assert sorted(f["severity"] for f in o16["findings"]) == ["note", "warning"]
    assert o16["verdict"] == "at_risk"



def test_an_archive_of_documents_is_checked_up_to_the_cap_and_the_rest_reported(vendor_site):
    links = "".join(f'<a href="/archive/{n}.pdf">สรุปผล ปีงบประมาณ 2569 ฉบับ {n}</a>' for n in range(260))
    vendor_site.routes["/ita/o21/"] = page("O21 การประเมินความเสี่ยงการทุจริต ปีงบประมาณ 2569", links)
    for n in range(260):
        vendor_site.routes[f"/archive/{n}.pdf"] = servers.ok("application/pdf", text_pdf("x"))
    found = audit(vendor_site, {"O21": "/ita/o21/"})
    fetched = {path for _, path in vendor_site.hits if path.startswith("/archive/")}
    assert found == [("O21", "unverified", "ita/o21/")]
    assert len(fetched) == MAX_DOCUMENTS_PER_ITEM
