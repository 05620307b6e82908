"""Checking URLs over the network, gently: municipal servers are slow and their firewalls quick.

What decides is what a browser gets, never HEAD (servers answer HEAD 200 and GET 404): every
URL is a GET, documents with ``Range: bytes=0-…`` so only their first bytes travel. Per-host
concurrency limit; bounded retries on 429 and 5xx that honour Retry-After; redirects followed
one by one as a browser resolves them, so the chain is known and loops are caught.

The client is aiohttp: measured on 200 loopback hosts it spends 0.26 ms of CPU per URL, against
1.5 ms for httpx with a client per host and 9.5 ms with one shared pool, and a province-wide audit
is CPU-bound on one machine (bench/province_bench.py).

Bounds, whatever the server does (drip-feeding, compression bombs, endless bodies):
- one request, from connect to its last byte read: ``timeout`` seconds;
- one URL, all its attempts, redirects and waits: ``timeout × (retries + 1) + max_retry_wait × retries``;
- bytes kept per URL, after decompression: ``DOCUMENT_BYTES`` for a document (twice for a PDF whose
  metadata is not in its first bytes: its last ``DOCUMENT_BYTES`` too), ``PAGE_BYTES`` for a page.
"""

from __future__ import annotations

import asyncio
import codecs
import re
import socket
import ssl
import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from enum import Enum
from typing import TYPE_CHECKING

from generator.basics.weburl import parse_web_url

if TYPE_CHECKING:
    import aiohttp
    from multidict import CIMultiDictProxy

RETRY_STATUSES = {429, 500, 502, 503, 504}
DOCUMENT_BYTES = 64 * 1024  # a document's budget: its magic bytes, or the error or login page served instead
PAGE_BYTES = 4 * 1024 * 1024  # an item page's HTML, to find its evidence links
RAW_FACTOR = 4  # bytes read off the wire per byte kept: compressed data is smaller, never 4x larger
USER_AGENT = "ITA-Center-audit/0.1 (OIT disclosure link check)"
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Browser encoding labels (WHATWG Encoding Standard) Python does not know by these names.
ENCODING_LABELS = dict.fromkeys(("windows-874", "tis-620", "iso-8859-11", "iso8859-11", "dos-874", "x-windows-874"), "cp874") | \
    dict.fromkeys(("iso-8859-1", "latin1", "l1", "ascii", "us-ascii", "windows-1252"), "cp1252")
HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|title)\b", re.IGNORECASE | re.DOTALL)


def connect_to_resolver(routes: tuple[tuple[str, int, str, int], ...]) -> aiohttp.abc.AbstractResolver:
    """Addresses as ``HttpSettings.connect_to`` says, the system's resolver for every other host."""
    import aiohttp.abc

    class ConnectTo(aiohttp.abc.AbstractResolver):
        def __init__(self) -> None:
            self.routes = {(host, port): (address, to_port) for host, port, address, to_port in routes}
            self.system = aiohttp.ThreadedResolver()

        async def resolve(self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET) -> list:
            route = self.routes.get((host, port))
            if route is None:
                return await self.system.resolve(host, port, family)
            address, to_port = route
            return [{"hostname": host, "host": address, "port": to_port, "family": socket.AF_INET6 if ":" in address
                     else socket.AF_INET, "proto": 0, "flags": socket.AI_NUMERICHOST}]

        async def close(self) -> None:
            await self.system.close()

    return ConnectTo()


class Outcome(str, Enum):
    OK = "ok"
    DEAD = "dead"
    TIMEOUT = "timeout"
    TLS = "tls"
    RATE_LIMITED = "rate_limited"
    FORBIDDEN = "forbidden"
    BAD_URL = "bad_url"  # not an address a browser can open, or a redirect to one
    UNKNOWN = "unknown"  # the check could not tell: a warning with the reason, never a pass


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: Outcome
    status: int | None = None
    final_url: str = ""
    redirects: tuple[str, ...] = ()
    content_type: str = ""
    body: str = ""  # decoded start of an HTML body; empty for other types
    detail: str = ""  # Thai: what went wrong
    from_cache: bool = False
    head: bytes = b""  # the first bytes of the body as a browser gets them (decompressed)
    complete: bool = False  # the whole body was read: an empty ``head`` then means an empty file
    fault: str = ""  # Thai: how the server misbehaved while a browser still shows the page (a body cut short)
    file_name: str = ""  # the name the server gives the file (Content-Disposition), when it gives one


def disposition_name(header: str) -> str:
    """The file name of a Content-Disposition header as a browser saves it (RFC 6266, filename* first)."""
    from email.message import EmailMessage

    if not header:
        return ""
    message = EmailMessage()
    try:
        message["content-disposition"] = header
        name = message.get_filename() or ""
    except (ValueError, IndexError, TypeError):  # a header no browser can read either
        return ""
    return name.replace("\\", "/").rsplit("/", 1)[-1].strip()[:200]


@dataclass(frozen=True)
class HttpSettings:
    per_host: int = 2
    timeout: float = 10.0
    retries: int = 2
    max_retry_wait: float = 30.0
    backoff: float = 1.0
    max_redirects: int = 10
    ca_bundle: str | None = None
    connections: int = 256  # open connections across all hosts at once
    # curl's --connect-to: (host, port) of a URL -> (address, port) actually connected to. The URL, the
    # Host header and TLS name stay the URL's: a site checked on its new server before DNS points there.
    connect_to: tuple[tuple[str, int, str, int], ...] = ()

    @property
    def url_budget(self) -> float:
        """The longest one URL may take, attempts and waits included (see the module's bounds)."""
        return self.timeout * (self.retries + 1) + self.max_retry_wait * self.retries


def retry_after(value: str | None, fallback: float, cap: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or HTTP date), within [0, cap]."""
    if value:
        value = value.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            return min(max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0), cap)
        except (TypeError, ValueError, OverflowError):
            pass
    return min(fallback, cap)


def tls_problem(error: BaseException) -> str | None:
    """A Thai description of a certificate problem behind a connection error, if that is what it is."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            seen = getattr(seen, "certificate_error", seen)  # aiohttp's error subclasses the ssl one it wraps
            reason = getattr(seen, "verify_message", None) or str(seen)
            if "expired" in reason:
                return "ใบรับรอง HTTPS หมดอายุ"
            if "self-signed" in reason or "self signed" in reason:
                return "ใบรับรอง HTTPS ออกให้ตัวเอง (self-signed) เบราว์เซอร์จะเตือนว่าไม่ปลอดภัย"
            if "local issuer" in reason or "issuer certificate" in reason:
                return "ใบรับรอง HTTPS ไม่ครบสาย (ขาดใบรับรองกลาง) หรือออกโดยผู้ที่ไม่น่าเชื่อถือ"
            if "hostname" in reason.lower() or "mismatch" in reason.lower():
                return "ใบรับรอง HTTPS ไม่ตรงกับชื่อเว็บไซต์"
            return f"ใบรับรอง HTTPS ใช้ไม่ได้ ({reason})"
        if isinstance(seen, ssl.SSLError):
            return f"เชื่อมต่อ HTTPS ไม่สำเร็จ ({seen.reason or seen})"
        seen = seen.__cause__ or seen.__context__
    return None


# ---- bodies -----------------------------------------------------------------------------


class UndecodableBody(Exception):
    """The body's Content-Encoding is unknown (``broken`` False: a browser may still read it) or its
    compressed data is broken (``broken`` True: a browser shows an error); the message is Thai."""

    def __init__(self, message: str, *, broken: bool) -> None:
        super().__init__(message)
        self.broken = broken


class BoundedDecoder:
    """Undo Content-Encoding (gzip, deflate, any number of times) without ever producing more than ``limit``
    bytes per stage: a 13 KB doubly-gzipped body that would expand to gigabytes stops at the budget."""

    def __init__(self, content_encoding: str, limit: int) -> None:
        self.limit = limit
        self.stages = []
        for coding in reversed([part.strip().lower() for part in content_encoding.split(",") if part.strip()]):
            if coding in ("gzip", "x-gzip", "deflate"):
                self.stages.append(zlib.decompressobj(zlib.MAX_WBITS | 32))  # zlib or gzip header
            elif coding != "identity":
                raise UndecodableBody(f"เว็บไซต์ส่งข้อมูลที่บีบอัดแบบ {coding[:40]} ซึ่งโปรแกรมตรวจอ่านไม่ได้ "
                                     "ให้เปิดตรวจด้วยเบราว์เซอร์", broken=False)

    def feed(self, data: bytes) -> bytes:
        try:
            for stage in self.stages:  # what a stage held back over the limit goes first next time
                data = stage.decompress(stage.unconsumed_tail + data, self.limit)
        except zlib.error:
            raise UndecodableBody("ข้อมูลที่บีบอัดมาเสีย เบราว์เซอร์จะเปิดไม่ได้", broken=True) from None
        return data


def decode_html(content: bytes, header_charset: str | None) -> str:
    """Text of an HTML page as a browser decodes it: BOM, then the header's charset, then <meta charset>."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if content.startswith(bom):
            return content[len(bom):].decode(encoding, errors="replace")
    meta = META_CHARSET.search(content[:4096])
    for name in (header_charset, meta.group(1).decode("ascii") if meta else None):
        if not name:
            continue
        try:
            codec = ENCODING_LABELS.get(name.strip().lower()) or codecs.lookup(name).name
            return content.decode(codec, errors="replace")
        except LookupError:
            continue
    return content.decode("utf-8", errors="replace")


def _charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


# ---- the client -------------------------------------------------------------------------


@dataclass
class _Budget:
    """What is left of one URL's time; it starts with its first request, not while it waits its turn."""

    total: float
    started: float | None = None

    def remaining(self) -> float:
        if self.started is None:
            self.started = time.monotonic()
        return self.total - (time.monotonic() - self.started)


@dataclass
class _Fetched:
    status: int
    headers: CIMultiDictProxy[str]
    content: bytes
    complete: bool
    fault: str = ""  # the body ended before the server said it would: a browser shows what came

    @property
    def redirect_to(self) -> str | None:
        location = self.headers.get("location")
        return location if self.status in (301, 302, 303, 307, 308) and location else None


@dataclass
class Checker:
    """One audit's HTTP client, shared by every unit of a province run; use as an async context manager.

    A request first takes its host's slot (``per_host``), then a global one (``connections``): a host
    with a long queue holds at most ``per_host`` of the global slots, so no host starves another.
    """

    settings: HttpSettings = field(default_factory=HttpSettings)
    _session: aiohttp.ClientSession | None = None
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    _connections: asyncio.Semaphore | None = None

    async def __aenter__(self) -> Checker:
        self._connections = asyncio.Semaphore(self.settings.connections)
        return self

    def _opened(self) -> aiohttp.ClientSession:
        """The session, opened at the first request: aiohttp (a tenth of a second to import) loads only
        when there is something to fetch, so a list that cannot be read says so at once."""
        if self._session is None:
            import aiohttp

            # aiohttp's own verifying context (made once, at its import) unless a CA bundle is added
            tls: ssl.SSLContext | bool = ssl.create_default_context(cafile=self.settings.ca_bundle) \
                if self.settings.ca_bundle else True
            # The connector never makes a request wait: the semaphores decide who goes.
            connector = aiohttp.TCPConnector(limit=self.settings.connections, limit_per_host=0, ssl=tls,
                                             resolver=connect_to_resolver(self.settings.connect_to)
                                             if self.settings.connect_to else None)
            self._session = aiohttp.ClientSession(
                connector=connector, auto_decompress=False, cookie_jar=aiohttp.CookieJar(unsafe=True),
                headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                timeout=aiohttp.ClientTimeout(total=None))  # every request is bounded by asyncio.timeout instead
        return self._session

    async def __aexit__(self, *_: object) -> None:
        if self._session is not None:
            await self._session.close()

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        parsed = parse_web_url(url)
        host = f"{parsed.host}:{parsed.port}" if parsed else url
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self._hosts[host]

    async def _once(self, url: str, limit: int, byte_range: str | None, budget: _Budget) -> _Fetched:
        import aiohttp
        from yarl import URL

        assert self._connections is not None
        session = self._opened()
        headers = {"Range": f"bytes={byte_range}"} if byte_range else {}
        async with self._host_limit(url), self._connections:
            seconds = min(self.settings.timeout, budget.remaining())
            if seconds <= 0:
                raise TimeoutError
            # encoded=True: the URL is already as a browser sends it (WHATWG-serialised); no second quoting.
            async with asyncio.timeout(seconds), session.get(URL(url, encoded=True), headers=headers,
                                                             allow_redirects=False) as response:
                decoder = BoundedDecoder(response.headers.get("content-encoding", ""), limit)
                content, raw, complete, fault = bytearray(), 0, True, ""
                try:
                    async for chunk in response.content.iter_any():
                        raw += len(chunk)
                        content += decoder.feed(chunk)
                        if len(content) >= limit or raw > RAW_FACTOR * limit:
                            complete = False
                            break
                except aiohttp.ClientPayloadError:
                    # A Content-Length longer than the body, chunks without their end: a browser renders what came.
                    if not content:
                        raise
                    fault = "เว็บไซต์ส่งข้อมูลไม่ครบตามที่แจ้ง (ขนาดหรือการแบ่งส่งผิด) เบราว์เซอร์ยังแสดงส่วนที่ได้รับ"
                del content[limit:]
                return _Fetched(response.status, response.headers, bytes(content), complete, fault)  # leaving releases it

    async def _with_retries(self, url: str, limit: int, byte_range: str | None, budget: _Budget) -> _Fetched:
        attempt = 0
        while True:
            fetched = await self._once(url, limit, byte_range, budget)
            if fetched.status not in RETRY_STATUSES or attempt >= self.settings.retries:
                return fetched
            wait = retry_after(fetched.headers.get("retry-after"), self.settings.backoff * 2 ** attempt,
                               self.settings.max_retry_wait)
            attempt += 1
            await asyncio.sleep(max(0.0, min(wait, budget.remaining())))

    async def check(self, url: str, *, page: bool = False) -> LinkResult:
        """Follow ``url`` to its end and say what a visitor would get; never raises for what a server does."""
        import aiohttp  # bound here for its exception classes (loaded by the first request)

        start = parse_web_url(url)
        if start is None:
            return LinkResult(url, Outcome.BAD_URL, detail="ไม่ใช่ที่อยู่เว็บที่เบราว์เซอร์เปิดได้ (ตรวจตัวอักษร ช่องว่าง และชื่อเว็บไซต์)")
        budget = _Budget(self.settings.url_budget)
        redirects: list[str] = []
        current = start.href
        try:
            for _ in range(self.settings.max_redirects + 1):
                fetched = await self._with_retries(current, PAGE_BYTES if page else DOCUMENT_BYTES,
                                                   None if page else f"0-{DOCUMENT_BYTES - 1}", budget)
                location = fetched.redirect_to
                if location:
                    redirects.append(current)
                    target = parse_web_url(location, current)
                    if target is None:
                        return LinkResult(url, Outcome.BAD_URL, fetched.status, location, tuple(redirects),
                                          detail=f"เปลี่ยนเส้นทางไปที่ {location} ซึ่งไม่ใช่ที่อยู่เว็บ (http/https)")
                    current = target.href
                    # Back to a page already seen is a loop, unless the server just set a cookie: a browser
                    # sends it and the page answers differently (a consent or session round trip).
                    if current in redirects and not fetched.headers.getall("set-cookie", []):
                        return LinkResult(url, Outcome.DEAD, fetched.status, current, tuple(redirects),
                                          detail="เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด")
                    continue
                return self._result(url, current, tuple(redirects), fetched, page=page)
            return LinkResult(url, Outcome.DEAD, None, current, tuple(redirects),
                              detail=f"เปลี่ยนเส้นทางเกิน {self.settings.max_redirects} ครั้ง")
        except TimeoutError:
            return LinkResult(url, Outcome.TIMEOUT, None, current, tuple(redirects),
                              detail=f"ไม่ตอบหรือส่งข้อมูลไม่ครบภายใน {self.settings.timeout:g} วินาที")
        except aiohttp.ClientConnectorError as error:
            problem = tls_problem(error)
            return LinkResult(url, Outcome.TLS if problem else Outcome.DEAD, None, current, tuple(redirects),
                              detail=problem or "เชื่อมต่อเว็บไซต์ไม่ได้")
        except UndecodableBody as error:
            return LinkResult(url, Outcome.DEAD if error.broken else Outcome.UNKNOWN, None, current, tuple(redirects),
                              detail=str(error))
        except (aiohttp.InvalidURL, UnicodeError):
            return LinkResult(url, Outcome.BAD_URL, None, current, tuple(redirects),
                              detail="ไม่ใช่ที่อยู่เว็บที่ส่งคำขอได้")
        except (aiohttp.ClientError, ssl.SSLError, OSError, ValueError) as error:
            # A reset, a malformed header, a server speaking something else: a visitor gets an error page.
            problem = tls_problem(error)
            return LinkResult(url, Outcome.TLS if problem else Outcome.DEAD, None, current, tuple(redirects),
                              detail=problem or f"เว็บไซต์ตัดการเชื่อมต่อหรือตอบผิดรูปแบบ ({type(error).__name__})")

    async def head_bytes(self, url: str, limit: int) -> bytes:
        """The first ``limit`` bytes of a file (a scan's first page, for OCR), or b"" when anything goes wrong:
        only ever an extra signal, never a verdict."""
        import aiohttp  # bound here for its exception classes (loaded by the first request)

        try:
            fetched = await self._once(url, limit, f"0-{limit - 1}", _Budget(self.settings.timeout))
        except (TimeoutError, aiohttp.ClientError, UndecodableBody, ssl.SSLError, OSError, ValueError):
            return b""
        return fetched.content if fetched.status in (200, 206) else b""

    async def tail(self, url: str) -> bytes:
        """The last ``DOCUMENT_BYTES`` of a file (where most PDFs keep their metadata), or b"" when the
        server does not serve ranges or anything goes wrong: only ever an extra signal, never a verdict."""
        import aiohttp  # bound here for its exception classes (loaded by the first request)

        try:
            fetched = await self._once(url, DOCUMENT_BYTES, f"-{DOCUMENT_BYTES}", _Budget(self.settings.timeout))
        except (TimeoutError, aiohttp.ClientError, UndecodableBody, ssl.SSLError, OSError, ValueError):
            return b""
        return fetched.content if fetched.status == 206 else b""

    @staticmethod
    def _result(url: str, final: str, redirects: tuple[str, ...], fetched: _Fetched, *, page: bool) -> LinkResult:
        content, status = fetched.content, fetched.status
        raw_type = fetched.headers.get("content-type", "")
        content_type = raw_type.split(";")[0].strip().lower()
        if not content_type and HTML_START.match(content):
            content_type = "text/html"  # browsers sniff an unlabelled page as HTML
        body = decode_html(content, _charset(raw_type)) if "html" in content_type else ""
        if 200 <= status < 300 or (status == 416 and not page):  # 416 to bytes=0-…: the file is empty
            outcome, detail = Outcome.OK, ""
        elif status == 429:
            outcome, detail = Outcome.RATE_LIMITED, "เว็บไซต์ตอบ 429 (ขอให้ลดความถี่) แม้ลองซ้ำแล้ว"
        elif status in (401, 403):
            outcome, detail = Outcome.FORBIDDEN, f"เว็บไซต์ตอบ {status} (ไม่อนุญาตให้เข้าถึง)"
        else:
            outcome, detail = Outcome.DEAD, f"เว็บไซต์ตอบ {status}"
        complete = (fetched.complete and not fetched.fault) or status == 416
        head = b"" if status == 416 else content[:DOCUMENT_BYTES]  # a page's text is in ``body``
        return LinkResult(url, outcome, status, final, redirects, content_type, body, detail,
                          head=head, complete=complete, fault=fetched.fault,
                          file_name=disposition_name(fetched.headers.get("content-disposition", "")))
