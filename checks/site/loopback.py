"""Serve a built site on 127.0.0.1 for the duration of a check.

linkchecker, run as root, drops to user ``nobody`` and cannot read a site under a private
folder through file:// URLs; over loopback HTTP it can. The server also answers with a
``LinkChecker`` header, linkchecker's own opt-in for lifting its per-host request delay
(0.1-0.6 s per request), which would otherwise make a crawl of a few hundred pages take minutes.
"""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _SiteHandler(SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        self.send_header("LinkChecker", "local-check")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass  # a request log of every page would bury the findings


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # linkchecker stops reading a large file once it has what it needs: the dropped connection is
        # not a problem of the site, and the stdlib's English traceback would land on the staff's screen.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Yield the base URL (ending in /) of ``folder`` served on a free loopback port."""
    handler = functools.partial(_SiteHandler, directory=str(folder))
    server = SiteServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
