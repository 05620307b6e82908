"""Whatever staff type in content/ shows on the page as exactly that text: never HTML, a link,
an attribute, a table cell of its own or emphasis (stored script injection, issue #8).

Hypothesis fills every free-text field with any text (markup, Markdown, attr_list braces,
controls); the item page is rendered by the generator and converted with the Markdown
extensions of mkdocs.yml. One real ``mkdocs build`` pins the theme's side (titles, site name).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build.settings import EXTENSIONS as PLUGIN_EXTENSIONS
from generator.content.load import load_model
from generator.content.yamlsource import yaml_string
from generator.pages.render import render_site
from tests.conftest import UNIT_YML, write
from workflow.init import write_project_files

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

EXTENSIONS = list(PLUGIN_EXTENSIONS)  # what the ita plugin gives every build
# What the generator itself writes; anything else in the HTML came from staff text.
ALLOWED_TAGS = {"p", "h1", "h2", "h3", "a", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "div",
                "code", "br", "img", "strong"}  # strong: the item status box of the template
HOSTILE = ["<script>alert(1)</script>", "[/b] [new] [pdf]", "{: onclick=\"alert(1)\" }", "](javascript:alert(1))",
           "| แทรกคอลัมน์ |", "_เอียง_ **หนา** `โค้ด`", "# หัวข้อ", "- รายการ", "1. ลำดับ", "&amp; &lt;",
           "<img src=x onerror=alert(1)>", "![x](y)", "<!-- ซ่อน -->", "\\", "{ #id .class }"]
# Any text YAML can carry (no surrogates, no NUL: the loader refuses those by design).
staff_text = st.one_of(st.sampled_from(HOSTILE),
                       st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                               min_size=1, max_size=40)).filter(lambda text: text.strip())


class Shown(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.handlers: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]

    def handle_data(self, data):
        self.text.append(data)


def shown(markdown_page: str) -> Shown:
    body = markdown_page.split("---\n", 2)[2]
    parser = Shown()
    parser.feed(markdown.markdown(body, extensions=EXTENSIONS))
    return parser


def flat(text: str) -> str:
    """Text as a reader sees it: control characters show as nothing, white space folds."""
    return " ".join(re.sub("[\x00-\x1f\x7f-\x9f]", " ", text).split())


def unit_with_item(root: Path, fields: dict[str, str]) -> None:
    quoted = {key: yaml_string(value) for key, value in fields.items()}
    write(root, "content/unit.yml", UNIT_YML)
    write(root, "content/documents/o1.pdf", "%PDF-1.4\n")
    write(root, "content/items/2569/o1.md", f"""\
        ---
        item: O1
        year: 2569
        owner: {quoted["owner"]}
        elements:
          org_chart:
            - document: documents/o1.pdf
              title: {quoted["document"]}
              fiscal_year: 2569
          duties_and_powers:
            - text: {quoted["statement"]}
          internal_units:
            - url: https://www.nongnamsai.example/ติดต่อ
              title: {quoted["link"]}
        ---
        """)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries(dict.fromkeys(("owner", "document", "statement", "link"), staff_text)))
def test_any_staff_text_is_shown_exactly_and_adds_no_markup(fields):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        unit_with_item(root, fields)
        model = load_model(root)
        page = render_site(model).pages[PurePosixPath("ita/2569/o1/index.md")]
    result = shown(page)
    assert result.tags <= ALLOWED_TAGS
    assert result.handlers == []
    visible = flat("".join(result.text))
    for value in fields.values():
        assert flat(value) in visible


def test_a_hostile_unit_and_item_build_into_pages_without_their_markup(small_unit):
    hostile = '<script>alert("x")</script> {: onclick=alert(1)}'
    unit_with_item(small_unit, {"owner": hostile, "document": hostile, "statement": hostile, "link": hostile})
    (small_unit / "content" / "unit.yml").write_text(  # after unit_with_item, which writes the plain unit.yml
        UNIT_YML.replace("name: เทศบาลตำบลหนองน้ำใส", f"name: {yaml_string('ทต. ' + hostile)}"), encoding="utf-8")
    write_project_files(small_unit)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"], cwd=small_unit, check=True,
                   capture_output=True, timeout=300)
    from selectolax.lexbor import LexborHTMLParser

    built = "".join(path.read_text(encoding="utf-8") for path in (small_unit / "site").rglob("*.html"))
    for path in (small_unit / "site").rglob("*.html"):  # as a browser parses them: the text stays text
        tree = LexborHTMLParser(path.read_text(encoding="utf-8"))
        assert not [node for node in tree.css("*") if any(name.startswith("on") for name in node.attributes)], path
        assert not [node for node in tree.css("script") if "alert" in (node.text() or "")], path
    assert html.escape('<script>alert("x")</script>', quote=False) in built
    # The logo's tooltip (the theme's "| e") shows the name once escaped, as the visitor typed it
    logo = LexborHTMLParser((small_unit / "site" / "index.html").read_text(encoding="utf-8")).css_first(".md-logo")
    assert logo.attributes["title"] == "ทต. " + hostile == logo.attributes["aria-label"]


def test_every_link_of_a_built_item_page_carries_the_content_url_exactly(small_unit):
    urls = ["https://www.nongnamsai.example/a)b(c).pdf", "https://www.nongnamsai.example/q?a=1&b=<2>",
            'https://www.nongnamsai.example/"quoted"', "https://www.nongnamsai.example/ไทย เว้นวรรค"]
    unit_with_item(small_unit, {"owner": "กองคลัง", "document": "เอกสาร", "statement": "ข้อความ", "link": "ลิงก์"})
    item = small_unit / "content/items/2569/o1.md"
    entries = "".join(f"\n    - url: {yaml_string(url)}\n      title: ลิงก์ {n}"
                      for n, url in enumerate(urls))
    item.write_text(item.read_text(encoding="utf-8").replace("  internal_units:", "  internal_units:" + entries, 1), encoding="utf-8")
    page = render_site(load_model(small_unit)).pages[PurePosixPath("ita/2569/o1/index.md")]
    hrefs = [html.unescape(href) for href in
             re.findall(r'href="([^"]*)"', markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS))]
    assert set(urls) <= set(hrefs)


def test_a_document_with_any_file_name_builds_and_its_link_reaches_it(small_unit):
    name = "สรุปผล 100% #1 (ฉบับที่?) ก.พ..pdf"
    unit_with_item(small_unit, {"owner": "กองคลัง", "document": "สรุปผล", "statement": "ข้อความ", "link": "ลิงก์"})
    write(small_unit, f"content/documents/{name}", "%PDF-1.4\n")
    item = small_unit / "content/items/2569/o1.md"
    item.write_text(item.read_text(encoding="utf-8").replace("documents/o1.pdf", yaml_string(f"documents/{name}")),
                    encoding="utf-8")
    write_project_files(small_unit)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=small_unit,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    page = small_unit / "site/ita/2569/o1"
    hrefs = re.findall(r'href="([^"]+\.pdf)"', (page / "index.html").read_text(encoding="utf-8"))
    assert [(page / urllib.parse.unquote(href)).is_file() for href in hrefs] == [True]
