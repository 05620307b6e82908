"""Every page type in headless Chromium, on a desktop and a phone: what a visitor really gets.

Screenshots of every page type and viewport are kept in test-artifacts/screenshots/, with a
contact sheet (test-artifacts/contact-sheet.html) that shows them side by side.
"""

from __future__ import annotations

import itertools

import pytest

from tests.browser import ARTIFACTS, browser, build_example, require_chromium, served

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

PAGES = {"site-home": "", "home": "ita/", "year": "ita/2569/", "item-o2": "ita/2569/o2/",
         "item-o11": "ita/2569/o11/", "item-o25": "ita/2569/o25/", "itas": "ita/2569/itas/", "404": "404.html"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def visits(tmp_path_factory):
    """Each page on each viewport: its requests, language, headings, images and font, plus a screenshot."""
    require_chromium()
    site = build_example(tmp_path_factory.mktemp("pages") / "project")
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    found = {}
    with served(site) as base, browser() as chromium:
        for view, size in VIEWPORTS.items():
            context = chromium.new_context(viewport=size)
            for name, path in PAGES.items():
                page = context.new_page()
                requests: list[str] = []
                page.on("request", lambda request, seen=requests: seen.append(request.url))
                page.goto(base + path, wait_until="networkidle")
                page.screenshot(path=str(shots / f"{name}-{view}.png"), full_page=True)
                found[(name, view)] = {
                    "base": base,
                    "requests": requests,
                    "lang": page.evaluate("document.documentElement.lang"),
                    "headings": page.eval_on_selector_all(
                        "article h1, article h2, article h3, article h4", "els => els.map(e => +e.tagName[1])"),
                    "images_without_alt": page.eval_on_selector_all(
                        "article img", "els => els.filter(e => !e.getAttribute('alt')).map(e => e.src)"),
                    "thai_font": page.evaluate(
                        "document.fonts.ready.then(() => document.fonts.check('16px Sarabun', 'การเปิดเผยข้อมูล') "
                        "&& [...document.fonts].some(f => f.family.includes('Sarabun') && f.status === 'loaded'))"),
                    "font_family": page.evaluate("getComputedStyle(document.querySelector('article')).fontFamily"),
                    "overflow": page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"),
                    # tables cut by the screen, and whether each says so right above it
                    "cut_tables": page.evaluate(
                        "[...document.querySelectorAll('.md-typeset__scrollwrap')]"
                        ".filter(f => f.scrollWidth > f.clientWidth + 1)"
                        ".map(f => !!(f.previousElementSibling && f.previousElementSibling.classList.contains('ita-scroll-hint')))"),
                    # the sidebar's sticky title (the unit's name, two lines of Thai) after the menu scrolls under it
                    "sidebar_title": page.evaluate(
                        "(() => { const wrap = document.querySelector('.md-sidebar--primary .md-sidebar__scrollwrap');"
                        " const title = document.querySelector('.md-nav--primary > .md-nav__title');"
                        " if (!wrap || !title || !title.offsetParent) return null; wrap.scrollTop = 300;"
                        " const style = getComputedStyle(title);"
                        " return {holds: title.scrollHeight <= title.clientHeight + 1,"
                        " solid: !style.backgroundColor.endsWith(', 0)') && style.backgroundColor !== 'transparent',"
                        " edge: parseFloat(style.borderBottomWidth) >= 1 && parseFloat(style.paddingBottom) >= 4}; })()"),
                    "page": page if (name, view) == ("item-o11", "desktop") else page.close(),
                }
            if view == "desktop":
                found["keyboard"] = _tab_to_document(found[("item-o11", "desktop")]["page"])
            context.close()
    write_contact_sheet(shots)
    return found


def write_contact_sheet(shots) -> None:
    """One HTML page with each page type's desktop and phone screenshots side by side."""
    rows = "".join(
        f"<tr><th scope=\"row\">{name}<br><code>/{path}</code></th>"
        + "".join(f'<td><a href="screenshots/{name}-{view}.png"><img src="screenshots/{name}-{view}.png" '
                  f'alt="{name} {view}" loading="lazy"></a></td>' for view in VIEWPORTS) + "</tr>"
        for name, path in PAGES.items())
    (shots.parent / "contact-sheet.html").write_text(
        '<!doctype html><html lang="th"><head><meta charset="utf-8"><title>ภาพหน้าจอทุกหน้า</title><style>'
        "td{vertical-align:top}img{max-height:480px;border:1px solid #ccc}td:first-of-type img{max-width:560px}"
        "td+td img{max-width:200px}</style></head><body><h1>ภาพหน้าจอทุกประเภทหน้า: เดสก์ท็อปและโทรศัพท์</h1>"
        f"<table><tr><th>หน้า</th><th>เดสก์ท็อป 1280 px</th><th>โทรศัพท์ 390 px</th></tr>{rows}</table></body></html>",
        encoding="utf-8")


def _tab_to_document(page) -> str | None:
    """Press Tab from the top of the page until a PDF link has the focus (at most 200 presses)."""
    page.keyboard.press("Home")
    for _ in range(200):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
        if href and href.endswith(".pdf"):
            return href
    return None


@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_no_request_leaves_the_sites_own_host(visits, name, view):
    visit = visits[(name, view)]
    assert [url for url in visit["requests"] if not url.startswith(visit["base"])] == []


@pytest.mark.parametrize("name", ["year", "item-o11", "item-o25"])
def test_the_sidebars_sticky_title_holds_the_units_name_and_hides_the_menu_scrolling_under_it(visits, name):
    title = visits[(name, "desktop")]["sidebar_title"]
    assert title == {"holds": True, "solid": True, "edge": True}  # text ends clear of the edge the menu goes under


@pytest.mark.parametrize("name", PAGES)
def test_the_page_language_is_thai(visits, name):
    assert visits[(name, "desktop")]["lang"] == "th"


@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_thai_text_uses_the_self_hosted_font(visits, name, view):
    assert visits[(name, view)]["thai_font"] is True
    assert visits[(name, view)]["font_family"].startswith('Sarabun')


@pytest.mark.parametrize("name", PAGES)
def test_headings_start_at_h1_and_skip_no_level(visits, name):
    levels = visits[(name, "desktop")]["headings"]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels)), levels


@pytest.mark.parametrize("name", PAGES)
def test_every_image_has_alt_text(visits, name):
    assert visits[(name, "desktop")]["images_without_alt"] == []


@pytest.mark.parametrize("name", PAGES)
def test_a_phone_needs_no_sideways_scrolling_of_the_page(visits, name):
    assert visits[(name, "phone")]["overflow"] is False


@pytest.mark.parametrize("name", PAGES)
def test_a_table_cut_by_a_phone_screen_says_it_scrolls(visits, name):
    assert all(visits[(name, "phone")]["cut_tables"]), visits[(name, "phone")]["cut_tables"]


def test_documents_are_reachable_by_keyboard(visits):
    assert visits["keyboard"] == "monthly-summary-2568-10.pdf"


def test_the_contact_sheet_shows_every_page_type_on_both_screens(visits):
    sheet = (ARTIFACTS / "contact-sheet.html").read_text(encoding="utf-8")
    for name in PAGES:
        for view in VIEWPORTS:
            assert f'src="screenshots/{name}-{view}.png"' in sheet
            assert (ARTIFACTS / "screenshots" / f"{name}-{view}.png").stat().st_size > 0
