"""The audit against what real sites do to a visitor, one loopback page per trick, each with its verdict.

Every case here is one that once made the audit say "pass" where an assessor gives 0, or "zero" where
the evidence is there (issue 17): a centre page that cannot be read, a document whose own first page
names another year than its link, evidence a browser shows through an embed, a refresh or a script,
items listed in tables or under headings, the template taken for evidence, and servers that break
HTTP while a browser still shows the page. Each test asserts the verdict, never only "no crash".
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from checks.findings import Finding, Verdict, verdict
from checks.hosts import MainSite
from checks.live.audit import Audit, AuditResult, audit_source
from checks.live.cache import SuccessCache
from checks.live.http import Checker, HttpSettings
from checks.live.ocr import OcrCache, tesseract_available
from checks.live.submissions import Submission
from generator.basics.errors import ErrorLog, Location
from generator.content.catalogues import load_catalogues
from tests import servers
from tests.pdfs import text_pdf
from tests.scans import FONT, scanned
from tests.servers import FaultServer, Handler

SETTINGS = HttpSettings(per_host=2, timeout=2, retries=0, max_retry_wait=0)
CATALOGUE = load_catalogues(ErrorLog())[2569]
DRIVE = "https://drive.google.com/file/d/1AbCdEf/view"

# A theme with menus and widgets, as WordPress themes write it: the page-level header, nav, aside and
# footer are the template; an article's own header is content.
TEMPLATE_TOP = ('<header class="site-header"><a href="/">หน้าแรก</a><nav><a href="/ita/2569/">ITA</a>'
                '<a href="/news/">ข่าว</a></nav></header>')
TEMPLATE_END = ('<aside class="widget-area"><a href="https://www.facebook.com/tambon">Facebook</a></aside>'
                '<footer><a href="/contact/">ติดต่อ</a></footer>')


def page(title: str, body: str, *, head: str = "") -> servers.Route:
    return servers.html(f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{title}</title>{head}'
                        f"</head><body>{TEMPLATE_TOP}<main><article><h1>{title}</h1>{body}</article></main>"
                        f"{TEMPLATE_END}</body></html>")


def pdf(text: str, **kw: object) -> servers.Route:
    return servers.ok("application/pdf", text_pdf(text, **kw))


def cookie_wall(handler: Handler) -> None:
    """A 302 to itself that sets a session cookie (common PHP CMSes): a browser comes back with it."""
    if "visited=1" in (handler.headers.get("Cookie") or ""):
        page("O4 ข่าวประชาสัมพันธ์", '<a href="/files/news-2569.pdf">ข่าวประชาสัมพันธ์ ประจำปีงบประมาณ 2569</a>')(handler)
    else:
        handler.reply(302, "text/html", b"", {"Location": handler.path, "Set-Cookie": "visited=1; Path=/"})


def short_body(handler: Handler) -> None:
    """A Content-Length longer than the body the server sends before closing."""
    body = ('<html><head><title>O4 ข่าวประชาสัมพันธ์</title></head><body><main><h1>O4 ข่าวประชาสัมพันธ์</h1>'
            '<a href="/files/news-2569.pdf">ข่าว ประจำปีงบประมาณ 2569</a></main></body></html>').encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(body) + 5000))
    handler.end_headers()
    handler.wfile.write(body)
    handler.close_connection = True


def unterminated_chunks(handler: Handler) -> None:
    """Chunked encoding whose last, empty chunk never comes (the connection closes)."""
    body = ('<html><head><title>O4 ข่าวประชาสัมพันธ์</title></head><body><main><h1>O4 ข่าวประชาสัมพันธ์</h1>'
            '<a href="/files/news-2569.pdf">ข่าว ประจำปีงบประมาณ 2569</a></main></body></html>').encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()
    handler.wfile.write(b"%x\r\n%s\r\n" % (len(body), body))
    handler.close_connection = True


ROUTES: dict[str, servers.Route] = {
    # Documents whose own first page says another year than what points to them.
    "/ita/2569/o23/": page("O23 แผนปฏิบัติการป้องกันการทุจริต",
                           '<a href="/files/plan-2569.pdf">แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2569</a>'),
    "/files/plan-2569.pdf": pdf("แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"),
    "/ita/2569/o21/": page("O21 การประเมินความเสี่ยงการทุจริต",
                           '<a href="/files/risk.pdf">การประเมินความเสี่ยง ประจำปีงบประมาณ พ.ศ. 2569</a>'),
    "/files/risk.pdf": pdf("การประเมินความเสี่ยงการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    # A FY2568 plan re-saved in January 2026: its creation date is in FY2569, its title is not.
    "/ita/2569/o19/": page("O19 ผลการเปิดโอกาสให้มีส่วนร่วม", '<a href="/files/resaved.pdf">ดาวน์โหลด</a>'),
    "/files/resaved.pdf": pdf("ผลการมีส่วนร่วม", title="ผลการเปิดโอกาสให้มีส่วนร่วม ประจำปีงบประมาณ 2568",
                              info="/CreationDate (D\\07220260115093000+07'00')"),
    # Last year's ITA page, its file names carrying a bare year.
    "/ita/2569/o24/": page("O24 รายงานผลการดำเนินการป้องกันการทุจริต",
                           '<a href="/ita/2568/o24/">ดูรายงาน</a>'),
    "/ita/2568/o24/": page("ITA 2568 O24 รายงานผล", '<a href="/files/report-2567.pdf">รายงาน2567.pdf</a>'),
    "/files/report-2567.pdf": pdf("รายงาน"),
    # A date inside FY2568 for an item that needs FY2569.
    "/ita/2569/o4/": page("O4 ข่าวประชาสัมพันธ์", '<ul><li><a href="/news/1/">ประชุมประชาคม</a>'
                          "<span>๓๐ กันยายน ๒๕๖๘</span></li></ul>"),
    "/news/1/": page("ประชุมประชาคม", "<p>ประชุมเมื่อ ๓๐ กันยายน ๒๕๖๘</p>"),
    # The year is in an h2 and in the text, never in the title or h1.
    "/ita/2569/o25/": page("O25 การนำผลการประเมินไปสู่การพัฒนา",
                           "<h2>ผลการวิเคราะห์การประเมิน ITA ประจำปี ๒๕๖๘</h2>"
                           "<p>มาตรการที่นำไปปฏิบัติในปีงบประมาณ พ.ศ. ๒๕๖๙</p>"),
    # A news list whose every entry shows a FY2569 date in a span.
    "/ita/2569/o4-list/": page("O4 ข่าวประชาสัมพันธ์", "".join(
        f'<div class="entry"><a href="/news/{n}/">ข่าวที่ {n}</a><span class="date">{day} พฤศจิกายน ๒๕๖๘</span></div>'
        for n, day in ((2, "๓"), (3, "๑๒"), (4, "๒๕")))),
    **{f"/news/{n}/": page(f"ข่าวที่ {n}", "<p>รายละเอียดกิจกรรม</p>") for n in (2, 3, 4)},
    # Evidence a browser shows from elsewhere.
    "/ita/2569/o7/": page("O7 รายงานผลการดำเนินงาน",
                          '<iframe src="https://drive.google.com/file/d/1AbCdEf/preview" width="640"></iframe>'),
    "/ita/2569/o14/": servers.html(f'<html><head><meta http-equiv="refresh" content="0; url={DRIVE}"></head>'
                                   "<body></body></html>"),
    "/ita/2569/o18/": servers.html(f'<html><head><script>location.href="{DRIVE}";</script></head><body></body></html>'),
    "/ita/2569/o22/": page("O22 รายงานผลการบริหารความเสี่ยง",
                           f"<a href=\"javascript:window.open('{DRIVE}')\">เปิดรายงาน ปีงบประมาณ 2568</a>"),
    "/ita/2569/o26/": page("O26 รายงานผลการส่งเสริมคุณธรรม",
                           '<a href="/files/o26-2568.pdf">รายงาน ประจำปีงบประมาณ 2568</a>'
                           '<a href="https://www.nacc.go.th/complaint">ร้องเรียนต่อสำนักงาน ป.ป.ช.</a>'),
    "/files/o26-2568.pdf": pdf("รายงานผลการส่งเสริมคุณธรรม ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"),
    # The main host's own meta refresh to a page on the main host: followed, and its evidence seen.
    "/ita/2569/o6/": servers.html('<html><head><meta http-equiv="refresh" content="0;URL=\'/ita/2569/o6/real/\'">'
                                  "</head><body></body></html>"),
    "/ita/2569/o6/real/": page("O6 แผนการดำเนินงานและการใช้งบประมาณ ประจำปี 2569",
                               '<a href="/files/o6.pdf">รายงานความก้าวหน้า รอบ 6 เดือน ปีงบประมาณ 2569</a>'),
    "/files/o6.pdf": pdf("รายงานความก้าวหน้า ปีงบประมาณ พ.ศ. ๒๕๖๙"),
    # Servers that break HTTP while a browser shows the page.
    "/ita/2569/o4-cookie/": cookie_wall,
    "/ita/2569/o4-short/": short_body,
    "/ita/2569/o4-chunked/": unterminated_chunks,
    "/files/news-2569.pdf": pdf("ข่าวประชาสัมพันธ์ ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    # WordPress's page behind a password.
    "/ita/2569/o13/": servers.html(
        '<html><head><title>ได้รับการป้องกัน: O13</title></head><body><main><article>'
        '<form action="/wp-login.php?action=postpass" class="post-password-form" method="post">'
        "<p>เนื้อหานี้ได้รับการป้องกันด้วยรหัสผ่าน</p><input name=\"post_password\" type=\"password\">"
        "</form></article></main></body></html>"),
    # A dead document that stood for a month.
    "/ita/2569/o11/": page("O11 สรุปผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ 2569",
                           '<a href="/files/o11-2568-11.pdf">สรุปผลการจัดซื้อจัดจ้าง เดือนพฤศจิกายน 2568</a>'),
    "/files/o11-2568-11.pdf": servers.status(404),
    # An ITA center laid out as a public school-district template lays it out: each item a collapse toggle
    # (<a href="#l1">O1 …</a>) over a hidden list of its documents, some rows a "#!" label beside an icon link.
    "/ita/2569/tree/": page("ITA 2569", "".join(
        f'<ul><li><span><a aria-controls="l{n}" data-toggle="collapse" href="#l{n}"><i class="far fa-folder-open"></i>'
        f' O{n} {title}</a></span><div class="collapse" id="l{n}"><ul>'
        f'<li><span><a href="/upload/ITA2569/O{n}/01.pdf">{n}.1 {title} ประจำปีงบประมาณ พ.ศ. 2569</a>'
        f'<a href="/upload/ITA2569/O{n}/01.pdf"><i class="fas fa-file-pdf"></i></a></span></li>'
        f'<li><span><a href="#!">{n}.2 {title} (ฉบับเต็ม)</a><a href="/upload/ITA2569/O{n}/02.pdf"></a></span></li>'
        "</ul></div></li></ul>" for n, title in ((1, "โครงสร้าง"), (2, "ข้อมูลผู้บริหาร")))),
    "/upload/ITA2569/O1/01.pdf": pdf("โครงสร้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    "/upload/ITA2569/O1/02.pdf": pdf("โครงสร้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    "/upload/ITA2569/O2/01.pdf": pdf("ข้อมูลผู้บริหาร ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    "/upload/ITA2569/O2/02.pdf": servers.status(404),
    # Tabs and an accordion as Bootstrap themes build them: the toggles first, the panes with the links after.
    "/ita/2569/tabs/": page("ITA 2569", (
        '<ul class="nav nav-tabs" role="tablist">'
        '<li><a class="nav-link" data-bs-toggle="tab" href="#pane-1" aria-controls="pane-1">O1 โครงสร้าง</a></li>'
        '<li><a class="nav-link" data-bs-toggle="tab" href="#pane-2" aria-controls="pane-2">O2 ข้อมูลผู้บริหาร</a></li>'
        '</ul><div class="tab-content">'
        '<div class="tab-pane" id="pane-1"><a href="/t/o1.pdf">แผนผังโครงสร้าง ประจำปีงบประมาณ พ.ศ. 2569</a></div>'
        '<div class="tab-pane" id="pane-2"><a href="/t/o2.pdf">ทำเนียบผู้บริหาร</a></div></div>'
        '<div class="accordion"><h2 class="accordion-header"><button class="accordion-button" data-bs-toggle="collapse" '
        'data-bs-target="#acc-3">O3 ข้อมูลการติดต่อ</button></h2>'
        '<div id="acc-3" class="accordion-collapse collapse"><a href="/t/o3.pdf">ช่องทางการติดต่อ</a></div></div>')),
    "/t/o1.pdf": pdf("แผนผังโครงสร้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    "/t/o2.pdf": servers.status(404),
    "/t/o3.pdf": servers.status(404),
    # A centre split into one page per indicator, the items on those pages.
    "/ita/2569/hub/": page("ศูนย์ ITA 2569", '<a href="/ita/2569/i9/">ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล</a>'
                           '<a href="/ita/2569/i10/">ตัวชี้วัดที่ 10 การป้องกันการทุจริต</a>'
                           '<a href="/news/">ข่าวประชาสัมพันธ์</a>'),
    "/ita/2569/i9/": page("ตัวชี้วัดที่ 9", '<ul><li>O1 โครงสร้าง <a href="/h/o1.pdf">เปิด</a></li>'
                         '<li>O2 ข้อมูลผู้บริหาร <a href="/h/o2.pdf">เปิด</a></li></ul>'),
    "/ita/2569/i10/": page("ตัวชี้วัดที่ 10", '<ul><li>O17 ช่องทางแจ้งเรื่องร้องเรียน <a href="/h/o17.pdf">เปิด</a></li></ul>'),
    "/h/o1.pdf": pdf("โครงสร้าง ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"),
    "/h/o2.pdf": servers.status(404),
    "/h/o17.pdf": pdf("ช่องทางแจ้งเรื่องร้องเรียนการทุจริต"),
    # Files behind the address of a script (download.php?id=…), named by Content-Disposition.
    "/ita/2569/o6-download/": page("O6 แผนการดำเนินงานและการใช้งบประมาณ", '<a href="/download.php?id=12">ดาวน์โหลดแผน</a>'),
    "/download.php": lambda handler: handler.reply(
        200, "application/pdf", text_pdf("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๙") if "id=12" in handler.path
        else text_pdf("แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"),
        {"Content-Disposition": "attachment; filename*=UTF-8''%E0%B9%81%E0%B8%9C%E0%B8%99.pdf"}),
    "/ita/2569/o6-download-old/": page("O6 แผนการดำเนินงานและการใช้งบประมาณ ประจำปีงบประมาณ 2569",
                                       '<a href="/download.php?id=13">ดาวน์โหลดแผน ปีงบประมาณ 2569</a>'),
    # Files opened by a click handler: a button in a table row, a link whose href is only "#".
    "/ita/2569/o15/": page("O15 ประมวลจริยธรรม", '<table><tr><td>ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น</td>'
                           '<td><button onclick="window.open(\'/docs/o15-ethics.pdf\')">เปิด</button></td></tr></table>'
                           '<a href="#" onclick="location.href=\'/docs/o15-missing.pdf\'; return false;">คู่มือ</a>'),
    "/docs/o15-ethics.pdf": pdf("ประมวลจริยธรรมของพนักงานส่วนท้องถิ่น"),
    "/docs/o15-missing.pdf": servers.status(404),
    # Documents shown through the PDF.js viewer a site ships: the browser shows the file named by ?file=.
    "/pdfjs/web/viewer.html": servers.html('<!doctype html><html><head><script src="viewer.js"></script></head>'
                                           '<body><div id="viewerContainer"></div></body></html>'),
    "/ita/2569/o9/": page("O9 คู่มือการให้บริการ",
                          '<a href="/pdfjs/web/viewer.html?file=%2Fupload%2Fo9-2569.pdf">คู่มือการให้บริการ</a>'),
    "/upload/o9-2569.pdf": pdf("คู่มือการให้บริการประชาชน ปีงบประมาณ พ.ศ. ๒๕๖๙"),
    "/ita/2569/o10/": page("O10 ระบบการให้บริการออนไลน์",
                           '<iframe src="/pdfjs/web/viewer.html?file=../../upload/ไม่มี.pdf"></iframe>'),
}


@pytest.fixture(scope="module")
def site():
    with FaultServer("127.0.0.1", ROUTES, lifetime=240) as server:
        yield server


def run_audit(server: FaultServer, paths: dict[str, str], ocr: OcrCache | None = None,
              cache: SuccessCache | None = None) -> dict[str, list[Finding]]:
    async def run() -> list[Finding]:
        async with Checker(SETTINGS) as checker:
            audit = Audit(checker, cache or SuccessCache(None, timedelta(hours=1)), MainSite.of(server.url + "/"),
                          "127.0.0.1", datetime.now(UTC), ocr=ocr or OcrCache(None))
            submissions = [Submission(item, server.url + path, Location("itas.csv", 2)) for item, path in paths.items()]
            return await audit.run(submissions, CATALOGUE)

    by_item: dict[str, list[Finding]] = {}
    for finding in asyncio.run(run()):
        if finding.rule != "missing-item":
            by_item.setdefault(finding.item, []).append(finding)
    return by_item


def judged(server: FaultServer, item: str, path: str) -> tuple[Verdict, list[Finding]]:
    findings = run_audit(server, {item: path}).get(item, [])
    return verdict(findings), findings


def rules(findings: list[Finding]) -> set[str]:
    return {finding.rule.id for finding in findings}


# ---- a document's year is what the document says --------------------------------------------


def test_page_one_outranks_a_link_text_that_names_the_right_year(site):
    outcome, findings = judged(site, "O23", "/ita/2569/o23/")
    assert outcome is Verdict.ZERO and "wrong-year" in rules(findings)
    message = next(f.message for f in findings if f.rule == "wrong-year")
    assert "๒๕๖๗" in message and "2569" in message  # both quoted: what the document says, what the link says


def test_a_second_audit_with_a_warm_cache_still_reads_what_each_document_says(site, tmp_path):
    cache = SuccessCache(tmp_path / "cache.json", timedelta(hours=24))
    for run in ("first", "second"):  # the guide's audit, run again the same day: the cache holds every success
        findings = run_audit(site, {"O23": "/ita/2569/o23/"}, cache=cache)["O23"]
        assert verdict(findings) is Verdict.ZERO and "wrong-year" in rules(findings), run
        cache.save()
        cache = SuccessCache.load(tmp_path / "cache.json", timedelta(hours=24))


def test_a_file_behind_the_address_of_a_script_is_judged_by_what_it_says_and_the_name_it_is_saved_as(site):
    assert judged(site, "O6", "/ita/2569/o6-download/")[0] is Verdict.PASS
    outcome, findings = judged(site, "O6", "/ita/2569/o6-download-old/")
    assert outcome is not Verdict.PASS and "wrong-year" in rules(findings)


def test_a_document_that_says_the_right_year_of_itself_passes(site):
    assert judged(site, "O21", "/ita/2569/o21/")[0] is Verdict.PASS


def test_a_plan_resaved_in_the_new_fiscal_year_is_judged_by_its_title_not_its_date(site):
    outcome, findings = judged(site, "O19", "/ita/2569/o19/")
    assert outcome is Verdict.ZERO and "wrong-year" in rules(findings)


def test_last_years_ita_page_is_judged_as_last_year(site):
    outcome, findings = judged(site, "O24", "/ita/2569/o24/")
    assert outcome is Verdict.ZERO
    assert any(f.rule == "wrong-year" and "ITA ของปี 2568" in f.message for f in findings)


def test_a_date_inside_the_previous_fiscal_year_does_not_fit_the_current_one(site):
    outcome, findings = judged(site, "O4", "/ita/2569/o4/")
    assert outcome is not Verdict.PASS and rules(findings) & {"wrong-year", "year-unclear"}


def test_headings_and_text_of_an_evidence_page_are_year_signals(site):
    assert judged(site, "O25", "/ita/2569/o25/")[0] is Verdict.PASS


def test_dates_in_a_news_list_show_the_year(site):
    outcome, findings = judged(site, "O4", "/ita/2569/o4-list/")
    assert outcome is Verdict.PASS, findings


# ---- evidence the browser shows but the audit once did not see ------------------------------


@pytest.mark.parametrize("item, path, expected", [
    ("O7", "/ita/2569/o7/", "off-domain"),  # an embedded Drive viewer is the page's only evidence
    ("O14", "/ita/2569/o14/", "redirect-off-domain"),  # meta refresh to Drive
    ("O18", "/ita/2569/o18/", "redirect-off-domain"),  # a script that only sets location.href
    ("O22", "/ita/2569/o22/", "off-domain"),  # href="javascript:window.open('…drive…')"
])
def test_evidence_a_browser_ends_on_elsewhere_scores_zero(site, item, path, expected):
    outcome, findings = judged(site, item, path)
    assert outcome is Verdict.ZERO and expected in rules(findings), findings
    assert any("Google Drive" in f.message for f in findings)


def test_a_refresh_to_the_main_host_is_followed_to_its_evidence(site):
    assert judged(site, "O6", "/ita/2569/o6/")[0] is Verdict.PASS


def test_an_outside_channel_beside_main_site_evidence_is_a_note(site):
    outcome, findings = judged(site, "O26", "/ita/2569/o26/")
    assert outcome is Verdict.PASS
    assert [f.severity.value for f in findings if f.rule == "off-domain"] == ["note"]


def test_the_templates_facebook_widget_is_never_an_items_evidence(site):
    found = run_audit(site, {"O21": "/ita/2569/o21/", "O26": "/ita/2569/o26/", "O6": "/ita/2569/o6/"})
    assert not [f for findings in found.values() for f in findings if "facebook" in (f.url or "")]


# ---- servers that break HTTP while a browser shows the page ---------------------------------


@pytest.mark.parametrize("path, warned", [("/ita/2569/o4-cookie/", False), ("/ita/2569/o4-short/", True),
                                          ("/ita/2569/o4-chunked/", True)])
def test_a_page_a_browser_shows_is_judged_by_what_it_shows(site, path, warned):
    outcome, findings = judged(site, "O4", path)
    assert "dead-link" not in rules(findings) and ("broken-response" in rules(findings)) is warned
    assert outcome is (Verdict.AT_RISK if warned else Verdict.PASS), findings


# ---- findings a person can act on -----------------------------------------------------------


def test_a_password_protected_page_says_it_asks_for_a_password(site):
    outcome, findings = judged(site, "O13", "/ita/2569/o13/")
    assert outcome is Verdict.ZERO and any("รหัสผ่าน" in f.message for f in findings)


def test_a_dead_document_names_the_month_it_stood_for(site):
    outcome, findings = judged(site, "O11", "/ita/2569/o11/")
    dead = next(f for f in findings if f.rule == "dead-link")
    assert outcome is Verdict.ZERO and "พฤศจิกายน 2568" in dead.message


# ---- nothing audited is never a pass --------------------------------------------------------


def centre(server: FaultServer, source: str) -> AuditResult:
    async def run() -> AuditResult:
        async with Checker(SETTINGS) as checker:
            audit = Audit(checker, SuccessCache(None, timedelta(hours=1)), MainSite.of(server.url + "/"),
                          "127.0.0.1", datetime.now(UTC))
            return await audit_source(audit, source, CATALOGUE)
    return asyncio.run(run())


@pytest.mark.parametrize("path", ["/ita/2569/nothing-here/", "/ita/2569/o13/"])
def test_a_centre_page_that_cannot_be_read_leaves_every_item_not_audited(site, path):
    result = centre(site, site.url + path)
    assert result.not_audited
    items = {f.item for f in result.findings if f.item}
    assert items == {spec.id for spec in CATALOGUE.items}
    assert all(verdict([f for f in result.findings if f.item == item]) is not Verdict.PASS for item in items)


def test_a_toggle_to_a_place_on_the_centre_page_labels_the_links_under_it_and_is_never_an_items_page(site):
    result = centre(site, site.url + "/ita/2569/tree/")
    by_item = {item: [f for f in result.findings if f.item == item] for item in ("O1", "O2")}
    assert not [f for f in result.findings if f.url.startswith(site.url + "/ita/2569/tree/")]
    assert verdict(by_item["O2"]) is Verdict.ZERO and "dead-link" in rules(by_item["O2"])  # its own dead file
    assert "dead-link" not in rules(by_item["O1"]) and "missing-item" not in rules(by_item["O1"])


def test_a_file_shown_through_a_pdf_viewer_page_is_judged_as_that_file(site):
    outcome, findings = judged(site, "O9", "/ita/2569/o9/")
    assert outcome is Verdict.PASS, findings  # its own year read from the file the viewer shows
    outcome, findings = judged(site, "O10", "/ita/2569/o10/")
    assert outcome is Verdict.ZERO and any("upload" in f.url for f in findings if f.rule == "dead-link"), findings
    outcome, findings = judged(site, "O9", "/pdfjs/web/viewer.html?file=/upload/o9-2569.pdf")  # submitted as it is
    assert outcome is Verdict.PASS, findings


def test_files_a_click_handler_opens_are_evidence_and_a_dead_one_scores_zero(site):
    outcome, findings = judged(site, "O15", "/ita/2569/o15/")
    dead = [f.url for f in findings if f.rule == "dead-link"]
    assert outcome is Verdict.ZERO and dead and dead[0].endswith("/docs/o15-missing.pdf"), findings


def test_links_in_a_tab_or_accordion_pane_belong_to_the_item_its_toggle_names(site):
    result = centre(site, site.url + "/ita/2569/tabs/")
    by_item = {item: [f for f in result.findings if f.item == item] for item in ("O1", "O2", "O3")}
    assert "missing-item" not in rules(by_item["O1"]) and verdict(by_item["O1"]) is not Verdict.ZERO, by_item["O1"]
    for item, file in (("O2", "/t/o2.pdf"), ("O3", "/t/o3.pdf")):  # each dead file zeroes its own item
        assert any(f.rule == "dead-link" and f.url.endswith(file) for f in by_item[item]), by_item[item]


def test_a_centre_split_into_a_page_per_indicator_is_audited_through_them(site):
    result = centre(site, site.url + "/ita/2569/hub/")
    assert not result.not_audited
    by_item = {item: [f for f in result.findings if f.item == item] for item in ("O1", "O2", "O17", "O3")}
    assert "missing-item" not in rules(by_item["O1"]) and "missing-item" not in rules(by_item["O17"])
    assert any(f.rule == "dead-link" and f.url.endswith("/h/o2.pdf") for f in by_item["O2"])
    assert "missing-item" in rules(by_item["O3"])  # on neither page: still missing, the pages named


def test_a_centre_page_on_another_host_is_not_audited(site):
    result = centre(site, DRIVE)
    assert result.not_audited and "Google Drive" in result.not_audited + " ".join(f.message for f in result.findings)


def test_a_dead_centre_gives_a_report_with_no_estimate_and_exit_2(tmp_path):
    with FaultServer("127.0.0.1", {}, lifetime=60) as server:
        url = server.url + "/ita/2569/"
        result = subprocess.run([sys.executable, "-m", "command.main", "--root", str(tmp_path), "audit", url,
                                 "--year", "2569", "--no-cache", "--format", "json", "--timeout", "3", "--retries", "0"],
                                capture_output=True, text=True, timeout=120, cwd=tmp_path)
    report = json.loads(result.stdout)
    assert result.returncode == 2 and not report["audited"] and report["not_audited"]
    assert report["estimated_oit"]["low"] is None and report["summary"]["pass"] == 0


# ---- scanned documents are read -------------------------------------------------------------


needs_ocr = pytest.mark.skipif(not tesseract_available() or not FONT.is_file(),
                               reason="tesseract-ocr-tha or fonts-thai-tlwg-ttf missing (make installs them)")


@pytest.fixture(scope="module")
def scans():
    if not FONT.is_file():
        pytest.skip("fonts-thai-tlwg-ttf is missing (make test installs it): no scanned test documents")
    routes = {
        "/ita/2569/o23/": page("O23 แผนปฏิบัติการป้องกันการทุจริต", '<a href="/files/scan-a.pdf">ดาวน์โหลด</a>'),
        "/files/scan-a.pdf": servers.ok("application/pdf", scanned(
            ["แผนปฏิบัติการป้องกันการทุจริต", "ประจำปีงบประมาณ พ.ศ. 2569", "องค์การบริหารส่วนตำบลบางคูเวียง"], pages=2)),
        "/ita/2569/o21/": page("O21 การประเมินความเสี่ยงการทุจริต", '<a href="/files/scan-b.pdf">ดาวน์โหลด</a>'),
        "/files/scan-b.pdf": servers.ok("application/pdf", scanned(
            ["การประเมินความเสี่ยงการทุจริต", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙"])),
        "/ita/2569/o7/": page("O7 รายงานผลการดำเนินงาน", '<a href="/files/scan-c.pdf">ดาวน์โหลด</a>'),
        "/files/scan-c.pdf": servers.ok("application/pdf", scanned(["รายงานผลการดำเนินงาน", "ประจำปี พ.ศ. 2565"])),
    }
    with FaultServer("127.0.0.1", routes, lifetime=240) as server:
        yield server


@needs_ocr
def test_a_scan_that_states_the_right_year_in_arabic_digits_passes(scans, tmp_path):
    cache = OcrCache(tmp_path / "ocr")
    assert verdict(run_audit(scans, {"O23": "/ita/2569/o23/"}, cache).get("O23", [])) is Verdict.PASS
    assert len(list((tmp_path / "ocr").glob("*.txt"))) == 1  # read once, kept by the document's bytes


@needs_ocr
def test_thai_digits_read_from_a_scan_never_decide(scans):
    findings = run_audit(scans, {"O21": "/ita/2569/o21/"}).get("O21", [])
    assert verdict(findings) is Verdict.AT_RISK and "year-unclear" in rules(findings)
    assert any("OCR" in f.message for f in findings)


@needs_ocr
def test_a_scan_of_another_year_is_never_a_pass_nor_a_certain_zero(scans):
    findings = run_audit(scans, {"O7": "/ita/2569/o7/"}).get("O7", [])
    assert verdict(findings) is Verdict.AT_RISK and "2565" in " ".join(f.message for f in findings)


def test_without_tesseract_a_scan_is_unverified_never_a_pass(scans, monkeypatch):
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # python stays, tesseract goes
    assert not tesseract_available()
    findings = run_audit(scans, {"O23": "/ita/2569/o23/"}).get("O23", [])
    assert verdict(findings) is Verdict.AT_RISK
    assert any(f.rule == "unverified" and "tesseract" in f.message for f in findings)


def test_auditing_another_site_from_a_project_folder_borrows_nothing(site, example_project):
    (example_project / "other.csv").write_text(f"item,url\nO21,{site.url}/ita/2569/o21/\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "command.main", "audit", "other.csv", "--main-website", site.url + "/",
                             "--year", "2569", "--no-cache", "--format", "json", "--timeout", "3", "--retries", "0"],
                            capture_output=True, text=True, timeout=120, cwd=example_project)
    report = json.loads(result.stdout)
    assert report["unit"] == "127.0.0.1" and report["main_website"] == site.url + "/"
    assert all(item["last_year_score"] is None for item in report["items"])  # the project's 2568 results stay its own
