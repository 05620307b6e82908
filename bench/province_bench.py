"""Province benchmark: `ita province-audit` over 200 simulated units on loopback.

Each unit is its own host (127.0.0.2 … 127.0.0.201) with an ITA center page, the 26 item pages
of 2569 and 84 small PDFs: 111 URLs a unit, 22,200 in all. A separate server process answers
every request after 50 ms (an asyncio server: a thread per connection could not keep up).
Prints wall time against the lower bound max(URLs per unit × latency / per-host,
all URLs × latency / connections), CPU time per URL, peak memory, and what the measured CPU
cost per URL means for the whole country. Asserts nothing.

    .venv/bin/python bench/province_bench.py [--units 200] [--per-host 2] [--connections 256]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATENCY = 0.05
YEAR, ITEMS = 2569, 26
PORT = 18931
PDF = b"%PDF-1.4\n% bench document\n%%EOF\n"
COUNTRY_UNITS, COUNTRY_URLS = 7_800, 1_200_000
CPU_TARGET_MS = 0.63  # the audit's cost per URL before the follow-up sheet and unit pages (2026-11-22)


def documents(item: int) -> int:
    return 4 if item <= 6 else 3  # 84 documents a unit


def page(title: str, links: list[tuple[str, str]]) -> bytes:
    anchors = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1><ul>{anchors}</ul></main></body></html>").encode()


def body_for(path: str) -> tuple[bytes, bytes] | None:
    """(content type, body) of a path on any unit's site."""
    parts = [part for part in path.split("?")[0].split("/") if part]
    if parts == ["ita", str(YEAR)]:
        return b"text/html; charset=utf-8", page("ศูนย์ ITA", [(f"o{n}/", f"O{n} รายการที่ {n}")
                                                               for n in range(1, ITEMS + 1)])
    if len(parts) == 3 and parts[2].startswith("o"):
        item = int(parts[2][1:])
        return b"text/html; charset=utf-8", page(f"O{item}", [
            (f"doc-{k}.pdf", f"เอกสาร O{item} ฉบับที่ {k} ประจำปีงบประมาณ พ.ศ. {YEAR}") for k in range(documents(item))])
    if len(parts) == 4 and parts[3].endswith(".pdf"):
        return b"application/pdf", PDF
    return None


class Reply(asyncio.Protocol):
    """HTTP/1.1 with keep-alive: every request answered after LATENCY."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        self.transport, self.buffer = transport, b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while b"\r\n\r\n" in self.buffer:
            head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
            path = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
            asyncio.get_running_loop().call_later(LATENCY, self.reply, body_for(path))

    def reply(self, found: tuple[bytes, bytes] | None) -> None:
        if self.transport.is_closing():
            return
        status, content_type, body = (b"200 OK", *found) if found else (b"404 Not Found", b"text/html", b"<title>404</title>")
        self.transport.write(b"HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s"
                             % (status, content_type, len(body), body))


async def serve(units: int) -> None:
    loop = asyncio.get_running_loop()
    for number in range(units):
        await loop.create_server(Reply, f"127.0.0.{number + 2}", PORT, backlog=1024)
    print("ready", flush=True)
    await asyncio.sleep(3600)


def manifest(folder: Path, units: int) -> Path:
    path = folder / "units.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit", "main_website", "source"])
        for number in range(units):
            base = f"http://127.0.0.{number + 2}:{PORT}"
            writer.writerow([f"หน่วยงานทดสอบที่ {number + 1}", base + "/", f"{base}/ita/{YEAR}/"])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--connections", type=int, default=256)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)  # the server process
    args = parser.parse_args()
    if args.serve:
        asyncio.run(serve(args.units))
        return
    per_unit = 1 + ITEMS + sum(documents(item) for item in range(1, ITEMS + 1))
    urls = per_unit * args.units
    bound = max(per_unit * LATENCY / args.per_host, urls * LATENCY / args.connections)
    server = subprocess.Popen([sys.executable, __file__, "--serve", "--units", str(args.units)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            manifest(folder, args.units)
            start = time.perf_counter()
            child = subprocess.Popen([sys.executable, "-m", "command.main", "--root", str(ROOT), "province-audit",
                                      str(folder / "units.csv"), "--out", str(folder / "out"), "--year", str(YEAR),
                                      "--per-host", str(args.per_host), "--connections", str(args.connections),
                                      "--workers", str(args.workers)],
                                     cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status) not in (0, 2):
                raise SystemExit(child.stderr.read().decode() if child.stderr else "failed")
            checked = sum(json.loads(line)["urls"] for line in (folder / "out" / "results.jsonl").open(encoding="utf-8"))
            statuses = [json.loads(line)["status"] for line in (folder / "out" / "results.jsonl").open(encoding="utf-8")]
            ticks = os.sysconf("SC_CLK_TCK")
            server_cpu = sum(int(field) for field in Path(f"/proc/{server.pid}/stat").read_text().split()[13:15]) / ticks
    finally:
        server.kill()
    cpu = usage.ru_utime + usage.ru_stime
    per_url = cpu / checked
    print(f"{args.units} units × {per_unit} URLs = {urls:,} URLs, {LATENCY * 1000:.0f} ms latency, "
          f"per-host {args.per_host}, connections {args.connections}, workers {args.workers}")
    print(f"  units done             {statuses.count('done')}/{args.units}")
    print(f"  URLs checked           {checked:,}")
    print(f"  lower bound            {bound:6.2f} s")
    print(f"  wall                   {wall:6.2f} s   ({wall / bound:.2f}× the bound; target ≤ 2×)")
    print(f"  CPU (user + system)    {cpu:6.2f} s   ({per_url * 1000:.3f} ms per URL; target ≤ {CPU_TARGET_MS} ms, "
          f"{per_url * 1000 / CPU_TARGET_MS:.2f}× of it, unit pages and follow-up sheets included)")
    print(f"  peak memory            {usage.ru_maxrss // 1024:6d} MB  (the largest ita process; target under 400 MB)")
    print(f"  simulated servers' CPU {server_cpu:6.2f} s   (the same {os.cpu_count()} cores: "
          f"{(cpu + server_cpu) / os.cpu_count():.2f} s of CPU per core in all)")
    country_cpu = COUNTRY_URLS * per_url
    country_bound = COUNTRY_URLS * LATENCY / args.connections
    print(f"  the whole country (≈{COUNTRY_UNITS:,} units, ≈{COUNTRY_URLS:,} URLs): CPU {country_cpu / 60:.0f} min "
          f"(one core; {country_cpu / 60 / args.workers:.0f} min on {args.workers}), "
          f"network bound at {args.connections} connections {country_bound / 60:.0f} min")


if __name__ == "__main__":
    main()
