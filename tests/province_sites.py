"""A province on loopback: one small municipal site per address (127.0.0.2, 127.0.0.3, …).

Every unit publishes the 26 items of 2569 (an ITA center page, an item page each, one PDF per
item). Faults are spread by the unit's number: a dead site, broken documents, an item on Google
Drive, a document of an old year, a slow server, an ITA center URL instead of a CSV. Each server
counts the requests it is serving at once, so the per-host limit is seen from the server's side.
"""

from __future__ import annotations

import contextlib
import csv
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.basics.errors import ErrorLog
from generator.content.catalogues import load_catalogues
from generator.model import YearRule
from tests.servers import PDF, FaultServer, Handler, Route, html, ok, status

ITEMS = 26
YEAR = 2569
# The fiscal year each item's document states: the year the item asks for (a report on the past year for O24).
FITTING_YEAR = {int(spec.id[1:]): YEAR - 1 if YearRule.PREVIOUS in spec.rules or YearRule.PREVIOUS_MONTHLY in spec.rules
                else YEAR for spec in load_catalogues(ErrorLog())[YEAR].items}


@dataclass
class Load:
    """Requests a server is answering at once, and the most it ever answered together."""

    now: int = 0
    most: int = 0
    total: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def counted(self, route: Route, delay: float) -> Route:
        def serve(handler: Handler) -> None:
            with self.lock:
                self.now += 1
                self.total += 1
                self.most = max(self.most, self.now)
            try:
                time.sleep(delay)  # long enough for requests to overlap if the client let them
                route(handler)
            finally:
                with self.lock:
                    self.now -= 1
        return serve


@dataclass(frozen=True)
class Unit:
    number: int

    @property
    def name(self) -> str:
        return f"เทศบาลตำบลทดสอบที่ {self.number:๐>2}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))

    @property
    def host(self) -> str:
        return f"127.0.0.{self.number + 2}"

    @property
    def fault(self) -> str:
        return {3: "dead", 5: "broken-documents", 7: "google-drive", 9: "old-year", 1: "slow", 0: "center-url"}.get(
            self.number % 10, "")


def _page(title: str, body: str) -> bytes:
    return (f'<!doctype html><html lang="th"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><main><h1>{title}</h1>{body}</main></body></html>").encode()


def routes(unit: Unit) -> dict[str, Route]:
    table: dict[str, Route] = {}
    links = []
    for number in range(1, ITEMS + 1):
        base = f"/ita/{YEAR}/o{number}/"
        year = 2566 if unit.fault == "old-year" and number == 6 else FITTING_YEAR[number]
        table[base] = ok("text/html; charset=utf-8", _page(
            f"O{number}", f'<a href="doc-{number}.pdf">เอกสาร O{number} ประจำปีงบประมาณ พ.ศ. {year}</a>'))
        broken = unit.fault == "broken-documents" and number in (3, 4)
        table[f"{base}doc-{number}.pdf"] = status(404) if broken else ok("application/pdf", PDF)
        links.append(f'<li><a href="o{number}/">O{number} รายการที่ {number}</a></li>')
    table[f"/ita/{YEAR}/"] = html(_page("ศูนย์ ITA", "<ul>" + "".join(links) + "</ul>").decode())
    return table


def submissions(unit: Unit, base: str) -> list[tuple[str, str]]:
    rows = [(f"o{number}", f"{base}/ita/{YEAR}/o{number}/") for number in range(1, ITEMS + 1)]
    if unit.fault == "google-drive":
        rows[1] = ("o2", "https://drive.google.com/file/d/1AbC/view")
    return rows


def closed_port(host: str) -> int:
    """A port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@dataclass
class Province:
    folder: Path
    units: list[Unit]
    servers: dict[int, FaultServer]
    loads: dict[int, Load]
    bases: dict[int, str]

    @property
    def manifest(self) -> Path:
        return self.folder / "units.csv"

    def source(self, unit: Unit) -> str:
        """What the manifest lists for the unit: its ITA center URL, or its CSV file name."""
        if unit.fault == "center-url":
            return f"{self.bases[unit.number]}/ita/{YEAR}/"
        return f"รายการ/{unit.number}-itas-{YEAR}.csv"

    def reset_counts(self) -> None:
        for load in self.loads.values():
            load.total = load.most = 0


@contextlib.contextmanager
def province(folder: Path, count: int = 50, *, delay: float = 0.02, slow: float = 0.1,
             lifetime: float = 240) -> Iterator[Province]:
    """``count`` units, each on its own loopback address, and the manifest that lists them."""
    units = [Unit(number) for number in range(count)]
    with contextlib.ExitStack() as stack:
        servers, loads, bases = {}, {}, {}
        for unit in units:
            if unit.fault == "dead":
                bases[unit.number] = f"http://{unit.host}:{closed_port(unit.host)}"
                continue
            load = loads[unit.number] = Load()
            wait = slow if unit.fault == "slow" else delay
            counted = {path: load.counted(route, wait) for path, route in routes(unit).items()}
            server = stack.enter_context(FaultServer(unit.host, counted, lifetime=lifetime))
            servers[unit.number], bases[unit.number] = server, server.url
        result = Province(folder, units, servers, loads, bases)
        (folder / "รายการ").mkdir(parents=True, exist_ok=True)
        with open(result.manifest, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["unit", "main_website", "source"])
            for unit in units:
                writer.writerow([unit.name, bases[unit.number] + "/", result.source(unit)])
                with open(folder / f"รายการ/{unit.number}-itas-{YEAR}.csv", "w", encoding="utf-8", newline="") as items:
                    csv.writer(items).writerows([("item", "url"), *submissions(unit, bases[unit.number])])
        yield result
