"""What the CMS recorders share: MariaDB and PHP's server on loopback for as long as a recording takes,
a visitor that speaks to them under the site's own host name, and the WARC the tests replay.

Nothing here talks to anything but 127.0.0.1: the site's host name is sent in the Host header only.
"""

from __future__ import annotations

import contextlib
import http.client
import http.cookies
import io
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.basics.weburl import parse_web_url  # noqa: E402

CRAWL_LIMIT = 400
CRAWL_DEPTH = 4
LINK = re.compile(r"""<(?:a|iframe|object|embed|source)\b[^>]*?\b(?:href|src|data)\s*=\s*["']([^"'#]+)""", re.I)
STATIC = re.compile(r"\.(?:css|js|png|jpe?g|gif|svg|webp|ico|woff2?|ttf)(?:\?|$)", re.I)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_packages(packages: list[str]) -> None:
    missing = [name for name in packages if subprocess.run(["dpkg", "-s", name], capture_output=True).returncode]
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"install as root first: apt-get install {' '.join(missing)}")
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})


@contextlib.contextmanager
def mariadb(work: Path, statements: str) -> Iterator[Path]:
    """A MariaDB of its own in ``work`` (socket only, no network), ``statements`` run as root; its socket."""
    data, socket_path = work / "mysql", work / "mysql.sock"
    subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={data}", "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db"], check=True, capture_output=True)
    server = subprocess.Popen(["mariadbd", "--no-defaults", f"--datadir={data}", f"--socket={socket_path}",
                               "--skip-networking", "--user=root", f"--pid-file={work / 'mysql.pid'}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(150):
            if socket_path.exists():
                break
            time.sleep(0.2)
        subprocess.run(["mariadb", "--no-defaults", f"--socket={socket_path}", "-uroot"], input=statements.encode(),
                       check=True)
        yield socket_path
    finally:
        server.terminate()
        server.wait(30)


@contextlib.contextmanager
def php_server(docroot: Path, router: Path, options: tuple[str, ...] = ()) -> Iterator[int]:
    """PHP's own web server on a free loopback port (four workers), until the block ends; its port."""
    port = free_port()
    server = subprocess.Popen(["php", *options, "-S", f"127.0.0.1:{port}", "-t", str(docroot), str(router)],
                              env={**os.environ, "PHP_CLI_SERVER_WORKERS": "4"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(10)


@dataclass
class Visitor:
    """A browser's requests to the site under its own host name, cookies kept as a browser keeps them."""

    port: int
    host: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        sent = {"Host": self.host, "User-Agent": "ita-record-cms", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers, data

    def form(self, path: str, fields: dict[str, str]) -> tuple[int, bytes]:
        status, _, data = self.request("POST", path, urlencode(fields).encode(),
                                       {"Content-Type": "application/x-www-form-urlencoded"})
        return status, data

    def multipart(self, path: str, fields: dict[str, str], files: list[tuple[str, str, str, bytes]],
                  headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        """A form with files (field, file name, type, bytes), the file names in UTF-8 as browsers send them."""
        boundary = "----ita-record-" + os.urandom(8).hex()
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                 for name, value in fields.items()]
        parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: {kind}\r\n\r\n".encode() + data + b"\r\n" for name, filename, kind, data in files]
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        status, _, data = self.request("POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}",
                                                            **(headers or {})})
        return status, data


def href(url: str) -> str:
    """A URL as a browser sends it: Thai in the path percent-encoded."""
    parsed = parse_web_url(url)
    return parsed.href if parsed else url


def record(visitor: Visitor, start: list[str], not_found: str, warc_path: Path, skip: re.Pattern[str]) -> int:
    """Every response a signed-out visitor gets from ``start`` and the main-host pages and files they lead
    to (``CRAWL_DEPTH`` links deep; redirects queued, not followed), plus ``not_found`` (the site's own
    "not found" page, which the replay serves for anything not recorded), as WARC response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    queue = [(href(url), 0) for url in start if urlsplit(url).netloc == visitor.host]  # never another host
    queue.append((href(not_found), CRAWL_DEPTH))
    seen: set[str] = set()
    with open(warc_path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        while queue and len(seen) < CRAWL_LIMIT:
            url, depth = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            parts = urlsplit(url)
            visitor.cookies.clear()  # every page as a first visit: what an assessor's fresh browser gets
            status, headers, body = visitor.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
            kept = [(name, value) for name, value in headers.items()
                    if name.lower() not in ("transfer-encoding", "connection", "keep-alive", "date")]
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=(
                StatusAndHeaders(f"{status} {http.client.responses.get(status, '')}", kept, protocol="HTTP/1.1"))))
            found = []
            if status in (301, 302, 303, 307, 308) and headers.get("Location"):
                found.append(urljoin(url, headers["Location"]))
            elif "html" in (headers.get("Content-Type") or "") and depth < CRAWL_DEPTH:
                found += [urljoin(url, link.replace("&amp;", "&")) for link in LINK.findall(body.decode("utf-8", "replace"))]
            for link in (href(link.split("#")[0]) for link in found):
                if urlsplit(link).netloc == visitor.host and not skip.search(link) and not STATIC.search(link):
                    queue.append((link, depth + 1))
    return len(seen)


def write_submissions(path: Path, submitted: dict[str, str]) -> None:
    """The ITAS list the unit would submit: item,url rows in item order."""
    rows = sorted(submitted.items(), key=lambda pair: int(re.sub(r"\D", "", pair[0])))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write("item,url\r\n" + "".join(f"{item},{url}\r\n" for item, url in rows))
