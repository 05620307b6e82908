"""Checking URLs over the network, gently: municipal servers are slow and their firewalls quick.

Per-host concurrency limit; HEAD first, GET when HEAD is refused or fails; bounded retries on
429 and 5xx that honour Retry-After; a timeout on every request; redirects followed one by one
so the chain is known and loops are caught; bodies read only as far as needed (a page's HTML,
or the first bytes of a document), never a whole large file.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from enum import Enum
from urllib.parse import urljoin, urlsplit

import httpx

RETRY_STATUSES = {429, 500, 502, 503, 504}
SNIFF_BYTES = 64 * 1024  # enough to recognise an error or login page
PAGE_BYTES = 4 * 1024 * 1024  # an item page's HTML, to find its evidence links
USER_AGENT = "ITA-Center-audit/0.1 (OIT disclosure link check)"


class Outcome(str, Enum):
    OK = "ok"
    DEAD = "dead"
    TIMEOUT = "timeout"
    TLS = "tls"
    RATE_LIMITED = "rate_limited"
    FORBIDDEN = "forbidden"


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


@dataclass(frozen=True)
class HttpSettings:
    per_host: int = 2
    timeout: float = 10.0
    retries: int = 2
    max_retry_wait: float = 30.0
    backoff: float = 1.0
    max_redirects: int = 10
    ca_bundle: str | None = None


def retry_after(value: str | None, fallback: float, cap: float) -> float:
    """Seconds to wait from a Retry-After header (seconds or HTTP date), within [0, cap]."""
    if value:
        value = value.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            return min(max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0), cap)
        except (TypeError, ValueError):
            pass
    return min(fallback, cap)


def tls_problem(error: BaseException) -> str | None:
    """A Thai description of a certificate problem behind a connection error, if that is what it is."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            reason = seen.verify_message or str(seen)
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


@dataclass
class Checker:
    """One audit's HTTP client; use as an async context manager."""

    settings: HttpSettings = field(default_factory=HttpSettings)
    _client: httpx.AsyncClient | None = None
    _hosts: dict[str, asyncio.Semaphore] = field(default_factory=dict)

    async def __aenter__(self) -> Checker:
        verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=self.settings.ca_bundle) \
            if self.settings.ca_bundle else True
        self._client = httpx.AsyncClient(verify=verify, follow_redirects=False, timeout=self.settings.timeout,
                                         headers={"User-Agent": USER_AGENT},
                                         limits=httpx.Limits(max_connections=64, max_keepalive_connections=16))
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self._client is not None
        await self._client.aclose()

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc.lower()
        if host not in self._hosts:
            self._hosts[host] = asyncio.Semaphore(self.settings.per_host)
        return self._hosts[host]

    async def _once(self, method: str, url: str, body_limit: int) -> tuple[httpx.Response, bytes]:
        assert self._client is not None
        async with self._host_limit(url), self._client.stream(method, url) as response:
            content = b""
            wants_body = method == "GET" and body_limit and "html" in response.headers.get("content-type", "")
            if wants_body:
                async for chunk in response.aiter_bytes():
                    content += chunk
                    if len(content) >= body_limit:
                        break
            return response, content  # leaving the block closes the stream: no full download

    async def _with_retries(self, method: str, url: str, body_limit: int) -> tuple[httpx.Response, bytes]:
        attempt = 0
        while True:
            response, content = await self._once(method, url, body_limit)
            if response.status_code not in RETRY_STATUSES or attempt >= self.settings.retries:
                return response, content
            wait = retry_after(response.headers.get("retry-after"), self.settings.backoff * 2 ** attempt,
                               self.settings.max_retry_wait)
            attempt += 1
            await asyncio.sleep(wait)

    async def _fetch(self, url: str, *, page: bool) -> tuple[httpx.Response, bytes]:
        """HEAD for documents (GET if HEAD is refused or fails, or to read an HTML page's start); GET for pages."""
        if not page:
            response, content = await self._with_retries("HEAD", url, 0)
            html = response.is_success and "html" in response.headers.get("content-type", "")
            if response.status_code < 400 and not html:
                return response, content
        return await self._with_retries("GET", url, PAGE_BYTES if page else SNIFF_BYTES)

    async def check(self, url: str, *, page: bool = False) -> LinkResult:
        """Follow ``url`` to its end and say what a visitor would get."""
        redirects: list[str] = []
        current = url
        try:
            for _ in range(self.settings.max_redirects + 1):
                response, content = await self._fetch(current, page=page)
                location = response.headers.get("location")
                if response.is_redirect and location:
                    redirects.append(current)
                    current = urljoin(current, location)
                    if current in redirects:
                        return LinkResult(url, Outcome.DEAD, response.status_code, current, tuple(redirects),
                                          detail="เปลี่ยนเส้นทางวนซ้ำไม่สิ้นสุด")
                    continue
                return self._result(url, current, tuple(redirects), response, content)
            return LinkResult(url, Outcome.DEAD, None, current, tuple(redirects),
                              detail=f"เปลี่ยนเส้นทางเกิน {self.settings.max_redirects} ครั้ง")
        except httpx.TimeoutException:
            return LinkResult(url, Outcome.TIMEOUT, None, current, tuple(redirects),
                              detail=f"ไม่ตอบภายใน {self.settings.timeout:g} วินาที")
        except httpx.ConnectError as error:
            problem = tls_problem(error)
            outcome = Outcome.TLS if problem else Outcome.DEAD
            return LinkResult(url, outcome, None, current, tuple(redirects),
                              detail=problem or "เชื่อมต่อเว็บไซต์ไม่ได้")
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            return LinkResult(url, Outcome.DEAD, None, current, tuple(redirects),
                              detail="เว็บไซต์ตัดการเชื่อมต่อกลางคัน")

    @staticmethod
    def _result(url: str, final: str, redirects: tuple[str, ...], response: httpx.Response,
                content: bytes) -> LinkResult:
        status = response.status_code
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        body = content.decode(response.encoding or "utf-8", errors="replace") if content else ""
        if 200 <= status < 300:
            outcome, detail = Outcome.OK, ""
        elif status == 429:
            outcome, detail = Outcome.RATE_LIMITED, "เว็บไซต์ตอบ 429 (ขอให้ลดความถี่) แม้ลองซ้ำแล้ว"
        elif status in (401, 403):
            outcome, detail = Outcome.FORBIDDEN, f"เว็บไซต์ตอบ {status} (ไม่อนุญาตให้เข้าถึง)"
        else:
            outcome, detail = Outcome.DEAD, f"เว็บไซต์ตอบ {status}"
        return LinkResult(url, outcome, status, final, redirects, content_type, body, detail)
