"""Real HTTP(S) servers on loopback, one behaviour per path, for the audit tests.

Each server runs in a daemon thread, shuts itself down after ``lifetime`` seconds whatever
happens, and every slow handler is bounded, so no test can leave a server or loop behind.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PDF = b"%PDF-1.4\n% ITA test document\n"
Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: FaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _route(self) -> None:
        self.server.hits.append((self.command, self.path))
        self.server.hit_times.append(time.monotonic())
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self.reply(404, "text/html; charset=utf-8", b"<title>404</title>")
        else:
            route(self)

    do_GET = do_HEAD = _route

    def reply(self, status: int, content_type: str, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def redirect(self, status: int, location: str) -> None:
        self.reply(status, "text/html", b"", {"Location": location})


# ---- behaviours -------------------------------------------------------------------------


def ok(content_type: str, body: bytes) -> Route:
    return lambda handler: handler.reply(200, content_type, body)


def html(text: str) -> Route:
    return ok("text/html; charset=utf-8", text.encode("utf-8"))


def status(code: int, headers: dict[str, str] | None = None) -> Route:
    return lambda handler: handler.reply(code, "text/html; charset=utf-8", f"<h1>{code}</h1>".encode(), headers)


def redirect(location: str, code: int = 302) -> Route:
    return lambda handler: handler.redirect(code, location)


def stall(seconds: float) -> Route:
    def route(handler: Handler) -> None:
        time.sleep(seconds)  # bounded: longer than the client's timeout, shorter than the test
        handler.reply(200, "application/pdf", PDF)
    return route


def reset(handler: Handler) -> None:
    # SO_LINGER with a zero timeout makes close() send RST: a connection reset by peer.
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def head_refused(handler: Handler) -> None:
    if handler.command == "HEAD":
        handler.reply(405, "text/html", b"")
    else:
        handler.reply(200, "application/pdf", PDF)


def fail_first(times: int, code: int, headers: dict[str, str]) -> Route:
    """Answer ``code`` the first ``times`` requests, then the document."""
    count = {"n": 0}

    def route(handler: Handler) -> None:
        count["n"] += 1
        if count["n"] <= times:
            handler.reply(code, "text/html", b"", headers)
        else:
            handler.reply(200, "application/pdf", PDF)
    return route


def huge(handler: Handler) -> None:
    """A 4 GiB PDF that ignores Range: a GET streams until the client gives up (max 5 s)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/pdf")
    handler.send_header("Content-Length", str(4 * 1024**3))
    handler.end_headers()
    if handler.command == "GET":
        deadline = time.monotonic() + 5
        try:
            handler.wfile.write(PDF)
            while time.monotonic() < deadline:
                handler.wfile.write(b"\0" * 65536)
                handler.server.bytes_streamed += 65536
        except OSError:
            pass
        handler.close_connection = True


# ---- the server -------------------------------------------------------------------------


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, host: str, routes: dict[str, Route], tls: ssl.SSLContext | None = None,
                 lifetime: float = 60) -> None:
        super().__init__((host, 0), Handler)
        self.routes = routes
        self.hits: list[tuple[str, str]] = []
        self.hit_times: list[float] = []
        self.bytes_streamed = 0
        if tls:
            self.socket = tls.wrap_socket(self.socket, server_side=True)
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://{host}:{self.server_address[1]}"
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._timer = threading.Timer(lifetime, self.shutdown)  # stops by itself, whatever the test does
        self._timer.daemon = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # refused TLS handshakes and reset connections are what these servers are for

    def __enter__(self) -> FaultServer:
        self._thread.start()
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()
        self.shutdown()
        self.server_close()


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def https_folder(folder: Path, host: str, ca_file: Path, lifetime: float = 600) -> Iterator[int]:
    """``folder`` served over HTTPS on a loopback port as ``host`` (a certificate from a CA made here and
    written to ``ca_file``, for SSL_CERT_FILE); yields the port. Stops by itself after ``lifetime``."""
    import trustme

    ca = trustme.CA()
    ca_file.write_bytes(ca.cert_pem.bytes())
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert(host).configure_cert(tls)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietFiles, directory=str(folder)))
    server.daemon_threads = True
    server.socket = tls.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    timer = threading.Timer(lifetime, server.shutdown)  # stops by itself, whatever the test does
    timer.daemon = True
    timer.start()
    try:
        yield server.server_address[1]
    finally:
        timer.cancel()
        server.shutdown()
        server.server_close()
