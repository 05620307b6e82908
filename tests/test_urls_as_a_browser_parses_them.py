"""The main-domain rule agrees with a browser's URL parser on every input (Node's WHATWG ``URL``).

Hypothesis builds URLs from the pieces that fool parsers: user info with ``@``, ``\\@`` and
``%40``, backslashes, odd schemes and slashes, IDNA and full-width hosts, trailing dots, ports,
controls and zero-width characters. For each, what Node says the host is decides whether the
URL is on the main website; the rule must say the same.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import PurePosixPath
from urllib.parse import unquote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.hosts import MainSite
from generator.basics.filetypes import suffix_of
from generator.basics.weburl import parse_web_url, web_url_problem

MAIN = "www.tambon.example"
SITE = MainSite.of(f"https://{MAIN}/")
NODE = shutil.which("node")
PARSE_IN_NODE = """
const urls = JSON.parse(require('fs').readFileSync(0, 'utf8'));
console.log(JSON.stringify(urls.map(u => {
  try { const p = new URL(u); return [p.protocol, p.hostname, p.port]; } catch (e) { return null; }
})));
"""

schemes = st.sampled_from(["https://", "http://", "HTTPS://", "hTtP://", "https:/", "https:\\\\", "https:",
                           " https://", "\thttps://", "ftp://", "javascript://", "https:///", "//"])
hosts = st.sampled_from([MAIN, MAIN.upper(), MAIN + ".", "tambon.example", "evil.example", f"{MAIN}.evil.example",
                         "ｗｗｗ.tambon.example", "www.tambon\u200b.example", "www.tambon.example\u3002",
                         "xn--www-tambon.example", "[::1]", "[::1", "127.0.0.1", "", "www.ตำบล.example"])
userinfo = st.sampled_from(["", f"{MAIN}@", "evil.example@", "evil.example\\@", "a:b@", "evil.example%40",
                            f"{MAIN}:443@", "@", "evil.example#@"])
ports = st.sampled_from(["", ":443", ":80", ":8443", ":99999", ":0", ":", ":443\u0000"])
paths = st.lists(st.sampled_from(["/", "\\", "/ita/", "?x=1", "#frag", "@evil.example", "/%2e%2e/", "\t", "\n",
                                  "\u0000", " ", "/เอกสาร.pdf", "\\@evil.example/"]), max_size=4).map("".join)
tricky_urls = st.builds(lambda *parts: "".join(parts), schemes, userinfo, hosts, ports, paths)


def browser_hosts(urls: list[str]) -> list[list[str] | None]:
    result = subprocess.run([NODE, "-e", PARSE_IN_NODE], input=json.dumps(urls), capture_output=True, text=True,
                            check=True, timeout=30)
    return json.loads(result.stdout)


def on_main_site_per_browser(parsed: list[str] | None) -> bool:
    if parsed is None:
        return False
    protocol, hostname, port = parsed
    return protocol in ("http:", "https:") and hostname.rstrip(".") == MAIN and port in ("", "80", "443")


@pytest.mark.skipif(NODE is None, reason="ต้องมี Node.js เพื่อเทียบกับตัวแยก URL ของเบราว์เซอร์")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(tricky_urls, min_size=40, max_size=40))
def test_the_main_domain_rule_agrees_with_a_browser_on_every_url(urls):
    for url, parsed in zip(urls, browser_hosts(urls), strict=True):
        assert SITE.contains(url) == on_main_site_per_browser(parsed), (url, parsed)


@pytest.mark.parametrize("url", [
    "https://evil.example\\@www.tambon.example/",
    "https://www.tambon.example@evil.example/",
    "https://www.tambon.example:443@evil.example/",
    "https:\\\\evil.example\\@www.tambon.example/",
])
def test_user_info_tricks_lead_off_the_main_website(url):
    assert not SITE.contains(url)


@pytest.mark.parametrize(("url", "words"), [
    ("https://user:secret@www.tambon.example/", "รหัสผ่าน"),
    ("https://www.tambon.example:99999/", "ไม่ใช่ที่อยู่เว็บ"),
    ("https://[x/", "ไม่ใช่ที่อยู่เว็บ"),
    ("javascript:alert(1)", "ไม่ใช่ที่อยู่เว็บ"),
])
def test_an_address_no_unit_can_publish_is_refused_in_thai(url, words):
    assert words in web_url_problem(url)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet="ab./%2E0ก", max_size=16))
def test_a_documents_extension_is_read_as_pathlib_reads_its_last_segment(path):
    url = "http://www.tambon.example/" + path
    requested = parse_web_url(url)  # the path the browser requests: dot segments resolved, as WHATWG says
    assert requested is not None
    assert suffix_of(url) == PurePosixPath(unquote(requested.pathname)).suffix.lower()


def test_a_url_is_parsed_alike_the_first_time_and_from_the_cache():
    fresh = parse_web_url.__wrapped__("HTTPS://WWW.Tambon.Example.:443/ita/../o1/?a#b")
    assert parse_web_url("HTTPS://WWW.Tambon.Example.:443/ita/../o1/?a#b") == fresh
    assert fresh.href == "https://www.tambon.example./o1/?a#b" and fresh.host == "www.tambon.example"


def test_a_built_page_loading_an_asset_through_backslashes_is_an_external_asset(tmp_path):
    from checks.hosts import MainSite
    from checks.site.rules import page_findings
    from generator.basics.errors import ErrorLog
    from generator.content.catalogues import load_catalogues

    page = tmp_path / "ita" / "2569" / "o4" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<html><head><script src="\\\\cdn.example\\w.js"></script><link rel="stylesheet" href="/x.css">'
                    '<img src="//tracker.example/p.gif"></head><body><a href="#missing">x</a></body></html>',
                    encoding="utf-8")
    found = page_findings(tmp_path, load_catalogues(ErrorLog())[2569], MainSite.of("https://www.nongnamsai.example/"))
    assert sorted((f.rule.id, f.url) for f in found) == [
        ("broken-link", "#missing"), ("external-asset", "//tracker.example/p.gif"), ("external-asset", "\\\\cdn.example\\w.js")]
