r"""Web addresses parsed as a browser parses them (the WHATWG URL Standard, through ada).

Python's ``urlsplit`` disagrees with browsers on inputs built to fool a parser
(``https://evil.example\@www.tambon.example/`` is evil.example to a browser), so every rule
that decides where a link goes asks this module, never ``urlsplit``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ada_url

DEFAULT_PORTS = {"http": 80, "https": 443}
ATTRIBUTES = ("href", "protocol", "hostname", "port", "username", "password", "pathname")


@dataclass(frozen=True)
class WebUrl:
    """An http(s) URL after browser parsing: host lower-case, IDNA, one trailing dot dropped; port explicit."""

    href: str  # the serialisation a browser would request
    scheme: str
    host: str
    port: int
    has_credentials: bool
    pathname: str = "/"


@lru_cache(maxsize=65536)  # an audit asks about the same links many times; one C call each time it does not
def parse_web_url(text: str, base: str | None = None) -> WebUrl | None:
    """The URL a browser would go to for ``text`` (relative to ``base``), or None when it is not http(s)."""
    try:
        parsed = ada_url.parse_url(ada_url.join_url(base, text) if base else text, ATTRIBUTES)
    except (ValueError, TypeError):
        return None
    scheme = parsed["protocol"].rstrip(":")
    if scheme not in DEFAULT_PORTS or not parsed["hostname"]:
        return None
    port = int(parsed["port"]) if parsed["port"] else DEFAULT_PORTS[scheme]
    host = parsed["hostname"]
    # One trailing dot names the same host (a fully qualified name); two or more name none a browser reaches.
    host = host[:-1] if host.endswith(".") and not host.endswith("..") else host
    return WebUrl(parsed["href"], scheme, host, port, bool(parsed["username"] or parsed["password"]),
                  parsed["pathname"] or "/")


VIEWER_PAGES = ("/viewer.html", "/viewer.php")  # PDF.js's viewer as sites ship it (…/pdfjs/web/viewer.html)


def viewed_file(url: str) -> str | None:
    """The file a PDF viewer page shows (PDF.js: ``viewer.html?file=…``), resolved as the viewer resolves
    it against its own address; None for any other URL. A browser shows the file, so the audit judges it."""
    parsed = parse_web_url(url)
    if parsed is None or not parsed.pathname.lower().endswith(VIEWER_PAGES):
        return None
    shown = ada_url.URLSearchParams(ada_url.parse_url(parsed.href, ("search",))["search"]).get("file")
    target = parse_web_url(shown, parsed.href) if shown else None
    return target.href.split("#")[0] if target else None


def url_path(text: str) -> str:
    """The path a browser requests for ``text`` (percent-encoded as it sends it, backslashes as slashes);
    for what is not an absolute http(s) URL, the text before any ? or #."""
    parsed = parse_web_url(text)
    return parsed.pathname if parsed else text.split("#", 1)[0].split("?", 1)[0]


def normal_host(host: str) -> str:
    """A host as a browser stores it (lower case, IDNA, no trailing dot); the input itself when unparsable."""
    parsed = parse_web_url(f"http://{host.strip()}/")
    return parsed.host if parsed else host.strip().rstrip(".").lower()


def web_url_problem(text: str) -> str | None:
    """Why ``text`` cannot stand as a unit's web address (Thai), or None when it can."""
    parsed = parse_web_url(text)
    if parsed is None or not text.strip().lower().startswith(("http://", "https://")):
        return f'"{text}" ไม่ใช่ที่อยู่เว็บที่ถูกต้องซึ่งขึ้นต้นด้วย https:// หรือ http://'
    if parsed.has_credentials:
        return f'"{text}" มีชื่อผู้ใช้หรือรหัสผ่านอยู่ในที่อยู่เว็บ ห้ามเผยแพร่ ให้ลบส่วนก่อนเครื่องหมาย @ ออก'
    return None
