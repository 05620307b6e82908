"""Live-audit benchmark: `ita audit` next to linkchecker and linkinator on one synthetic site.

A loopback server answers every request after 50 ms. The site has N item pages, each linking
one document; a known set of documents is broken (404, 500, reset, stalls past the timeout)
and some are hosted on another host. Documents are 1 MB PDFs on a server that honours Range;
half of the links name no year, so the audit must read the year from the PDF (its metadata is
at the end). Every tool gets the same per-host concurrency and timeout. Prints wall time, the
lower bound (URLs x latency / concurrency), how many of the broken links and off-domain
documents each tool reports, requests per item and kilobytes sent per document (counted by the
server). Asserts nothing.

    .venv/bin/python bench/audit_bench.py [--pages 300 1000] [--concurrency 4] [--timeout 5]

linkinator comes from the npm registry into bench/.tools/ on first use (skipped without npm).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "bench" / ".tools"
LATENCY = 0.05
# A 1 MB scanned-size PDF whose document information (with its year) sits at the end, as office programs write it.
PDF = b"%PDF-1.4\n% bench\n" + b"%" * (1024 * 1024) + b"\n1 0 obj << /Title (Annual report 2569) >> endobj\n%%EOF\n"


def defect(index: int) -> str | None:
    """The fault of document ``index``, deterministic so every tool sees the same site."""
    for every, kind in ((75, "stall"), (37, "500"), (20, "404"), (29, "reset"), (30, "offsite")):
        if index % every == 7:
            return kind
    return None


class SiteHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without TCP_NODELAY, Nagle's algorithm and the
    # client's delayed ACK hold every body back ~40 ms, which no real web server does.
    disable_nagle_algorithm = True
    server: SiteServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        wanted = self.headers.get("Range", "") if status == 200 else ""
        headers = {}
        if wanted.startswith("bytes="):  # as Apache and nginx do: bytes=a-b and bytes=-n
            first, last = wanted[6:].split("-")
            start, end = (max(0, len(body) - int(last)), len(body)) if not first else \
                (int(first), min(len(body), int(last) + 1 if last else len(body)))
            headers["Content-Range"] = f"bytes {start}-{end - 1}/{len(body)}"
            status, body = 206, body[start:end]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("LinkChecker", "bench")  # linkchecker's opt-in to lift its per-host delay
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.server.requests += 1
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
                if self.path.startswith("/doc/"):
                    self.server.document_bytes += len(body)
            except OSError:
                pass  # a client that read what it needed and closed

    def do_GET(self) -> None:
        time.sleep(LATENCY)
        path = self.path.split("?")[0]
        pages = self.server.pages
        if path == "/":
            links = "".join(f'<li><a href="/ita/p{i}/">O{i % 26 + 1} รายการที่ {i}</a></li>' for i in range(pages))
            self._send(200, "text/html; charset=utf-8", f"<html><body><main><ul>{links}</ul></main></body></html>".encode())
        elif path.startswith("/ita/p") and path.endswith("/"):
            i = int(path[6:-1])
            doc = (f"{self.server.other}/doc/{i}.pdf" if defect(i) == "offsite" else f"/doc/{i}.pdf")
            text = "เอกสารประจำปีงบประมาณ 2569" if i % 2 else "ดาวน์โหลด"  # half name no year: the PDF must tell
            body = (f'<html lang="th"><head><title>รายการที่ {i}</title></head><body><nav><a href="/">หน้าแรก</a></nav>'
                    f'<article><h1>รายการที่ {i}</h1><a href="{doc}">{text}</a></article></body></html>')
            self._send(200, "text/html; charset=utf-8", body.encode())
        elif path.startswith("/doc/"):
            fault = defect(int(path[5:-4]))
            if fault == "stall":
                time.sleep(self.server.stall)
                self._send(200, "application/pdf", PDF)
            elif fault in ("404", "500"):
                self._send(int(fault), "text/html", b"<h1>error</h1>")
            elif fault == "reset":
                self.connection.close()
                self.close_connection = True
            else:
                self._send(200, "application/pdf", PDF)
        else:
            self._send(404, "text/html", b"<h1>404</h1>")

    do_HEAD = do_GET


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256

    def __init__(self, host: str, pages: int, stall: float, other: str = "") -> None:
        super().__init__((host, 0), SiteHandler)
        self.pages, self.stall, self.other = pages, stall, other
        self.requests = self.document_bytes = 0
        self.url = f"http://{host}:{self.server_address[1]}"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on stalled or reset documents is part of the site

    def __enter__(self) -> SiteServer:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *_: object) -> None:
        self.shutdown()
        self.server_close()


def truth(pages: int, main: str, other: str) -> tuple[set[str], set[str]]:
    broken = {f"{main}/doc/{i}.pdf" for i in range(pages) if defect(i) in ("stall", "404", "500", "reset")}
    offsite = {f"{other}/doc/{i}.pdf" for i in range(pages) if defect(i) == "offsite"}
    return broken, offsite


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, timeout=3600)
    return time.perf_counter() - start, result.stdout


def run_ita(main: str, pages: int, args: argparse.Namespace, work: Path) -> tuple[float, set[str], set[str]]:
    rows = io.StringIO()
    writer = csv.writer(rows)
    writer.writerow(["item", "url"])
    writer.writerows([f"O{i % 26 + 1}", f"{main}/ita/p{i}/"] for i in range(pages))
    (work / "itas.csv").write_text(rows.getvalue(), encoding="utf-8")
    seconds, out = timed([str(ROOT / ".venv" / "bin" / "ita"), "audit", "itas.csv", "--main-website", main + "/",
                          "--year", "2569", "--format", "json", "--no-cache", "--per-host", str(args.concurrency),
                          "--timeout", str(args.timeout), "--retries", "0"], work)
    findings = [f for item in json.loads(out)["items"] for f in item["findings"]]
    dead = {f["url"] for f in findings if f["rule"] in ("dead-link", "timeout")}
    offsite = {f["url"] for f in findings if f["rule"] == "off-domain"}
    return seconds, dead, offsite


def run_linkchecker(main: str, args: argparse.Namespace, work: Path) -> tuple[float, set[str], set[str]]:
    work.chmod(0o755)
    (work / "lcrc").write_text("[checking]\nmaxrequestspersecond=1000\n", encoding="utf-8")
    seconds, out = timed([sys.executable, "-m", "linkcheck", "--config", str(work / "lcrc"), "--no-status",
                          "--no-warnings", "--check-extern", "--threads", str(args.concurrency),
                          "--timeout", str(round(args.timeout)), "-o", "csv", main + "/"], work)
    lines = [line for line in out.splitlines() if line and not line.startswith("#")]
    dead = {row["url"] for row in csv.DictReader(lines, delimiter=";") if row["valid"] != "True"}
    return seconds, dead, set()


def run_linkinator(main: str, args: argparse.Namespace, work: Path) -> tuple[float, set[str], set[str]] | None:
    binary = TOOLS / "node_modules" / ".bin" / "linkinator"
    if not binary.exists():
        if not shutil.which("npm"):
            return None
        # linkinator 8's HTTP client needs Node 22 (zstd); on Node 20 use 7.x, which ignores --concurrency.
        major = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False).stdout[1:3]
        version = "8" if major.isdigit() and int(major) >= 22 else "7"
        subprocess.run(["npm", "install", "--silent", "--prefix", str(TOOLS), f"linkinator@{version}"], check=False,
                       capture_output=True, timeout=600)
        if not binary.exists():
            return None
    seconds, out = timed([str(binary), main + "/", "--recurse", "--concurrency", str(args.concurrency),
                          "--timeout", str(int(args.timeout * 1000)), "--format", "json"], work)
    dead = {link["url"] for link in json.loads(out or '{"links": []}')["links"] if link["state"] == "BROKEN"}
    return seconds, dead, set()


def startup(runs: int = 7) -> None:
    """What `ita audit` costs before its first request: an ITAS list with no rows (median of ``runs``)."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "itas.csv").write_text("item,url\n", encoding="utf-8")
        times = sorted(timed([str(ROOT / ".venv" / "bin" / "ita"), "audit", "itas.csv", "--main-website",
                              "https://www.tambon.example/", "--year", "2569", "--no-cache"], Path(tmp))[0]
                       for _ in range(runs))
    print(f"start-up of ita audit on an empty list: median {times[runs // 2]:.3f} s (min {times[0]:.3f}, max {times[-1]:.3f})")


def ocr_per_page(pages: int = 3) -> None:
    """Seconds Tesseract takes for page 1 of a scanned A4 PDF (tests/scans.py: typeset, rendered, tilted)."""
    sys.path.insert(0, str(ROOT))
    from checks.live.ocr import OcrCache, read_scan, tesseract_available
    from tests.scans import scanned

    if not tesseract_available():
        print("OCR: tesseract is not installed (make installs it): not measured")
        return
    scans = [scanned(["รายงานผลการดำเนินงาน", f"ประจำปีงบประมาณ พ.ศ. {2566 + n}"], seed=n) for n in range(pages)]
    started = time.perf_counter()
    results = [read_scan(data, OcrCache(None)) for data in scans]
    seconds = (time.perf_counter() - started) / pages
    sizes = sum(len(data) for data in scans) / pages / 1024
    print(f"OCR of page 1 of a scanned PDF ({sizes:.0f} KB, 200 dpi render, tha+eng): {seconds:.2f} s per page "
          f"({sum(bool(result.text) for result in results)}/{pages} read)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=5.0)
    parser.add_argument("--tools", nargs="+", default=["ita audit", "linkchecker", "linkinator"],
                        help="which tools to run (default: all three)")
    args = parser.parse_args()
    startup()
    ocr_per_page()
    for pages in args.pages:
        with SiteServer("127.0.0.2", pages, 0) as other, \
                SiteServer("127.0.0.1", pages, args.timeout + 1, other.url) as site, \
                tempfile.TemporaryDirectory() as tmp:
            Path(tmp).chmod(0o755)  # linkchecker run as root reads its config as user nobody
            broken, offsite = truth(pages, site.url, other.url)
            urls = 1 + 2 * pages
            bound = urls * LATENCY / args.concurrency
            print(f"\n{pages} pages, {urls} URLs, {len(broken)} broken documents, {len(offsite)} off-domain documents; "
                  f"per-host concurrency {args.concurrency}, timeout {args.timeout:g} s, latency 50 ms")
            print(f"  lower bound (URLs x latency / concurrency): {bound:.2f} s")
            stalls = sum(defect(i) == "stall" for i in range(pages))
            print(f"  own floor: the requests the tool made x latency, plus {stalls} stalled documents x timeout, "
                  "over the concurrency")
            print(f"  {'tool':<13}{'wall s':>8}{'x bound':>9}{'x own floor':>12}{'broken found':>15}"
                  f"{'off-domain found':>19}{'requests/item':>15}{'KB/document':>13}")
            for name, run in (("ita audit", lambda w, pages=pages: run_ita(site.url, pages, args, w)),
                              ("linkchecker", lambda w: run_linkchecker(site.url, args, w)),
                              ("linkinator", lambda w: run_linkinator(site.url, args, w))):
                if name not in args.tools:
                    continue
                work = Path(tmp) / name.replace(" ", "-")
                work.mkdir()
                site.requests = site.document_bytes = 0
                outcome = run(work)
                if outcome is None:
                    print(f"  {name:<13}skipped (npm or the package is not available)")
                    continue
                seconds, dead, off = outcome
                documents = pages - len(offsite)
                floor = (site.requests * LATENCY + stalls * args.timeout) / args.concurrency
                print(f"  {name:<13}{seconds:8.2f}{seconds / bound:9.2f}{seconds / floor:12.2f}"
                      f"{len(dead & broken):>9}/{len(broken):<5}"
                      f"{len(off & offsite):>13}/{len(offsite):<5}{site.requests / pages:>10.2f}"
                      f"{site.document_bytes / 1024 / documents:>13.0f}")


if __name__ == "__main__":
    main()
