"""A recorded site served again on loopback: every response of a WARC file, as its server sent it.

The recording (tools/record_wordpress.py, tools/record_vendor_cms.py) holds the whole body of each
response; the replay answers ``Range`` requests from it as the original server did (Apache and PHP's
server honour them), so the audit reads exactly the bytes it would have read. A URL that was not
recorded gets the site's own "not found" page, recorded for that purpose. The server stops by itself
after ``lifetime`` seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.servers import FaultServer, Handler

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "date"}
RANGE = re.compile(r"bytes=(\d*)-(\d*)$")


@dataclass(frozen=True)
class Recorded:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _key(target: str) -> str:
    """One key however the path is percent-encoded (%e0 or %E0, or raw Thai): as the server decodes it."""
    parts = urlsplit(target)
    return unquote(parts.path) + (f"?{parts.query}" if parts.query else "")


def load_warc(path: Path) -> dict[str, Recorded]:
    from warcio.archiveiterator import ArchiveIterator

    recorded = {}
    with open(path, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type != "response":
                continue
            http = record.http_headers
            recorded[_key(record.rec_headers.get_header("WARC-Target-URI"))] = Recorded(
                int(http.get_statuscode()), tuple((name, value) for name, value in http.headers
                                                  if name.lower() not in HOP_BY_HOP),
                record.content_stream().read())
    return recorded


def _serve(recorded: dict[str, Recorded], not_found: str):
    def route(handler: Handler) -> None:
        handler.server.hits.append((handler.command, handler.path))
        found = recorded.get(_key(handler.path)) or recorded[not_found]
        body, status, extra = found.body, found.status, []
        wanted = RANGE.match(handler.headers.get("Range", "").strip())
        if wanted and status == 200 and body:
            first, last = wanted.groups()
            start = len(body) - int(last) if not first else int(first)
            end = len(body) - 1 if not first or not last else min(int(last), len(body) - 1)
            start = max(0, start)
            if start >= len(body):
                status, body, extra = 416, b"", [("Content-Range", f"bytes */{len(found.body)}")]
            else:
                status, body = 206, body[start:end + 1]
                extra = [("Content-Range", f"bytes {start}-{end}/{len(found.body)}")]
        handler.send_response(status)
        for name, value in (*found.headers, *extra):
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if handler.command != "HEAD":
            handler.wfile.write(body)
    return route


class ReplayServer(FaultServer):
    """Every path of the recording, on 127.0.0.1, for ``lifetime`` seconds at most."""

    def __init__(self, warc: Path, not_found: str, lifetime: float = 300) -> None:
        self.recorded = load_warc(warc)
        super().__init__("127.0.0.1", {}, lifetime=lifetime)
        self.RequestHandlerClass = ReplayHandler
        self.route = _serve(self.recorded, _key(not_found))

    @property
    def port(self) -> int:
        return self.server_address[1]


class ReplayHandler(Handler):
    def _route(self) -> None:
        self.server.route(self)

    do_GET = do_HEAD = _route
