"""Readable by everyone, measured: axe-core on every page type, the keyboard, the unit's own look,
print on A4, one-click copy of ITAS URLs, and O25 on a phone.

axe-core (npm, tests/a11y/) is injected through Playwright into Debian's Chromium and run
with the WCAG 2.1 A and AA rules; the counts go to test-artifacts/accessibility.txt.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.browser import ARTIFACTS, browser, build_example, open_search, require_chromium, search, served

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGES = {"site-home": "", "ita-home": "ita/", "year": "ita/2569/", "item": "ita/2569/o11/",
         "o25": "ita/2569/o25/", "itas": "ita/2569/itas/", "404": "404.html", "search": "ita/"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
DOCUMENT_LINKS = "article a[href$='.pdf'], article a[href$='.xlsx'], article a[href$='.docx']"


def _axe(page) -> dict:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async tags => {
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
        return {passes: result.passes.length,
                violations: result.violations.map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(" "))}))};
    }""", WCAG_21_AA)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    require_chromium()
    if not AXE.is_file():
        pytest.skip("ไม่มี axe-core: สั่ง make test (ติดตั้งด้วย npm ci --prefix tests/a11y)")
    return build_example(tmp_path_factory.mktemp("a11y") / "project")


@pytest.fixture(scope="module")
def audits(site) -> dict[tuple[str, str], dict]:
    found = {}
    with served(site) as base, browser() as chromium:
        for view, size in VIEWPORTS.items():
            page = chromium.new_page(viewport=size)
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                if name == "search":  # the results list open, as a visitor sees it
                    open_search(page)
                    search(page, base, "จัดซื้อจัดจ้าง")
                found[(name, view)] = _axe(page)
            page.close()
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [f"axe-core {WCAG_21_AA}: page, screen, rules passed, violations"]
    lines += [f"{name:<10} {view:<8} {result['passes']:>3} {len(result['violations'])}"
              for (name, view), result in found.items()]
    lines.append("documented exceptions: none")
    (ARTIFACTS / "accessibility.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return found


@pytest.mark.parametrize("view", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_wcag_21_aa_violation(audits, name, view):
    result = audits[(name, view)]
    assert result["violations"] == []
    assert result["passes"] >= 20  # the rules really ran


def _tab_stops(page, limit: int = 400) -> set[str]:
    """Every link the Tab key reaches, from the top of the page until focus comes round again."""
    page.keyboard.press("Home")
    reached: set[str] = set()
    for step in range(limit):
        page.keyboard.press("Tab")
        href, back = page.evaluate("""first => {
            const now = document.activeElement;
            if (first) window.__firstStop = now;
            return [now && now.href || "", !first && now === window.__firstStop];
        }""", step == 0)
        if back:
            break
        reached.add(href)
    return reached


@pytest.mark.parametrize("name", ["ita-home", "year", "item", "o25", "itas"])
def test_the_keyboard_reaches_every_link_of_the_page_content(site, name):
    with served(site) as base, browser() as chromium:
        page = chromium.new_page(viewport=VIEWPORTS["desktop"])
        page.goto(base + PAGES[name], wait_until="networkidle")
        links = set(page.eval_on_selector_all("article a[href]:not(.headerlink)", "els => els.map(e => e.href)"))
        assert links - _tab_stops(page) == set()


@pytest.mark.parametrize("name", ["site-home", "item", "o25", "404"])
def test_thai_text_has_room_for_its_vowels_and_tone_marks(site, name):
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + PAGES[name])
        ratio = page.evaluate("""(() => { const p = document.querySelector("article p") || document.querySelector("article");
            const style = getComputedStyle(p); return parseFloat(style.lineHeight) / parseFloat(style.fontSize); })()""")
        assert page.evaluate("document.documentElement.lang") == "th"
        assert ratio >= 1.6


def test_every_page_shows_the_units_logo_colours_and_contact_and_no_made_with(site):
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        for path in ("", "ita/2569/o11/", "404.html"):
            page.goto(base + path)
            assert page.get_attribute("header img", "alt") == "ตราสัญลักษณ์ องค์การบริหารส่วนตำบลบ้านตัวอย่าง"
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == \
                "rgb(13, 92, 99)"  # colors.primary "#0d5c63" in content/unit.yml
            footer = page.inner_text("footer")
            for shown in ("เลขที่ 99 หมู่ 1", "0-4400-1000", "saraban@tambon.example", "https://www.tambon.example/"):
                assert shown in footer
            assert "Made with" not in footer and "Material for MkDocs" not in footer
        icon = page.get_attribute("link[rel=icon]", "href")
        assert page.request.get(page.url.rsplit("/", 1)[0] + "/" + icon).ok


def test_an_item_page_says_what_an_assessor_checks_above_the_fold(site):
    with served(site) as base, browser() as chromium:
        page = chromium.new_page(viewport=VIEWPORTS["desktop"])
        page.goto(base + "ita/2569/o11/")
        status = page.locator(".ita-item-status")
        text = status.inner_text()
        for shown in ("O11", "ITA 2569", "องค์ประกอบที่กำหนด 3 ข้อ: มีครบทุกข้อ", "ปรับปรุงล่าสุด 5 เมษายน 2569"):
            assert shown in text
        assert status.bounding_box()["y"] + status.bounding_box()["height"] < VIEWPORTS["desktop"]["height"]


def test_an_item_page_prints_on_a4_with_its_evidence_and_full_addresses(site):
    with served(site) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "ita/2569/o11/", wait_until="networkidle")
        pdf = page.pdf(format="A4", print_background=False)
    (ARTIFACTS / "item-o11-a4.pdf").write_bytes(pdf)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert abs(float(reader.pages[0].mediabox.width) - 595) < 2  # A4 portrait, in points
    assert "https://www.tambon.example/ita/2569/o11/monthly-summary-2568-10.pdf" in text
    assert "ผู้รับผิดชอบกองคลัง" in text and "ค้นหา" not in text  # the page, not the site's chrome


def test_the_itas_page_copies_an_items_url_in_one_click(site):
    with served(site) as base, browser() as chromium:
        context = chromium.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        page.goto(base + "ita/2569/itas/", wait_until="networkidle")
        button = page.locator("button.ita-copy").nth(10)
        button.click()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "https://www.tambon.example/ita/2569/o11/" == button.get_attribute("data-copy")
        assert button.inner_text() == "คัดลอกแล้ว"


def test_o25_reads_on_a_phone_without_a_6000_pixel_scroll_and_keeps_its_tables(site):
    with served(site) as base, browser() as chromium:
        page = chromium.new_page(viewport=VIEWPORTS["phone"])
        page.goto(base + "ita/2569/o25/", wait_until="networkidle")
        height = page.evaluate("document.documentElement.scrollHeight")
        tables = page.eval_on_selector_all("article table", "els => els.length")
        sideways = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    assert height < 5000 and tables >= 3 and not sideways  # the scroll hints above cut tables included
