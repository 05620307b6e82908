"""A province in one run: many units' submissions audited by one async process, gently per host.

Each unit is audited exactly as ``ita audit`` audits it (its own ``Audit`` over one shared
``Checker``), under a deadline, a bounded number of units at a time. Its ``ita-report/1`` is
appended to results.jsonl the moment it finishes and synced to disk, so memory stays flat in
the number of units and a run that is interrupted or killed resumes with the units not yet done.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import multiprocessing
import os
import queue
import re
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from checks.hosts import MainSite
from checks.live.audit import Audit, AuditResult, audit_source, not_audited
from checks.live.cache import SuccessCache, utc_now
from checks.live.http import Checker, HttpSettings
from checks.live.submissions import year_of_list
from checks.province.manifest import UnitRow
from checks.province.records import RECORD_SCHEMA, DamagedRecord, UnitRecord, parse_record
from checks.reports.formats import report_data, to_html
from checks.reports.report import build_report
from generator.basics.children import die_with_parent
from generator.basics.errors import ConfigError
from generator.basics.textfile import write_text_atomic
from generator.basics.weburl import parse_web_url
from generator.model import Catalogue

RESULTS = "results.jsonl"
UNIT_PAGES = "units"
UNSAFE_NAME = re.compile(r"[^A-Za-z0-9.-]")


@dataclass(frozen=True)
class ProvinceSettings:
    http: HttpSettings
    depth: int = 2
    unit_deadline: float = 900.0  # seconds for one unit, all its URLs included
    units_at_once: int = 128
    workers: int = 1  # processes: one core runs about 1,600 URLs a second (bench/province_bench.py)


def _host(row: UnitRow) -> str:
    parsed = parse_web_url(row.main_website)
    assert parsed is not None, row  # read_manifest skips a row whose main website does not parse
    return parsed.host


def unit_page(key: str, year: int) -> str:
    """Where a unit's own report page is, relative to the run's folder (one per main website and year)."""
    return f"{UNIT_PAGES}/{year}-{UNSAFE_NAME.sub('_', key)}.html"


MAX_RECORD_BYTES = 16 * 1024 * 1024  # one unit's record; a longer line is not one this tool wrote


def record_lines(results: Path, handle: BinaryIO) -> Iterator[tuple[int, bytes]]:
    """(line number, bytes) of each line, none read whole past MAX_RECORD_BYTES (a file of one endless
    line is named, never loaded)."""
    for number in itertools.count(1):
        raw = handle.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_RECORD_BYTES:
            raise ConfigError(f"{results}:{number}: บรรทัดนี้ยาวเกิน {MAX_RECORD_BYTES // 1024 // 1024} MB "
                              "ไม่ใช่ผลการตรวจที่ระบบเขียน ระบบไม่ลบผลเดิม ให้ย้ายไฟล์นี้ออกแล้วตรวจใหม่")
        yield number, raw


def read_done(results: Path) -> set[tuple[str, int | None]]:
    """(unit key, year) of the units a previous run finished. Only a last line cut short (a kill while it was
    written) is removed from the file; a damaged line anywhere else stops the run and is named."""
    if not results.is_file():
        return set()
    done, good_end = set(), 0
    with open(results, "rb") as handle:
        for number, raw in record_lines(results, handle):
            try:
                if not raw.endswith(b"\n"):
                    raise DamagedRecord("บรรทัดสุดท้ายถูกตัด")
                record = parse_record(raw)
            except DamagedRecord as problem:
                if raw.endswith(b"\n"):  # whole but damaged: not what a kill leaves
                    raise ConfigError(f"{results}:{number}: บรรทัดนี้ไม่ใช่ผลการตรวจที่สมบูรณ์ ({problem}) ระบบไม่ลบผลเดิม "
                                      "ให้ย้ายไฟล์นี้ออกแล้วตรวจใหม่ หรือแก้บรรทัดนี้ก่อนใช้ --resume") from None
                break
            done.add((record.key, record.year))
            good_end += len(raw)
    if good_end != results.stat().st_size:
        os.truncate(results, good_end)
    return done


def records(results: Path) -> Iterator[UnitRecord]:
    """Every finished unit's record, read one line at a time (read_done has vouched for each line)."""
    if results.is_file():
        with open(results, "rb") as handle:
            for number, raw in record_lines(results, handle):
                try:
                    yield parse_record(raw)
                except DamagedRecord as problem:  # changed on disk while the run went on
                    raise ConfigError(f"{results}:{number}: บรรทัดนี้ไม่ใช่ผลการตรวจที่สมบูรณ์ ({problem})") from None


def unit_year(source: str, catalogues: dict[int, Catalogue], requested: int | None) -> int:
    """The year audited, as ``ita audit`` picks it: asked for, else the one the list's path names, else
    the newest catalogue."""
    return requested or year_of_list(source, catalogues) or max(catalogues)


def _past_deadline(catalogue: Catalogue, seconds: float) -> AuditResult:
    reason = f"ตรวจหน่วยงานนี้ไม่เสร็จภายใน {seconds:g} วินาที (เว็บไซต์ช้ามาก) ให้ตรวจอีกครั้งด้วย ita audit"
    return AuditResult(not_audited(catalogue, reason), reason)


async def audit_unit(checker: Checker, row: UnitRow, catalogue: Catalogue, settings: ProvinceSettings,
                     on_checked: Callable[[int], None], out: Path) -> dict:
    """One unit's record: its report as ``ita audit`` would give it, how the audit ended, and its cost.
    Its report page (the same HTML as ``ita audit --format html``) is written first: a record on disk
    always has its page."""
    start = time.monotonic()
    main_host = _host(row)
    audit = Audit(checker, SuccessCache.load(None, timedelta(0)), MainSite.of(row.main_website), main_host,
                  utc_now(), on_checked=on_checked, depth=settings.depth)
    status, detail, result = "done", "", None
    try:
        async with asyncio.timeout(settings.unit_deadline):
            result = await audit_source(audit, row.source, catalogue, row.shown_source)
        if result.not_audited:
            status, detail = "not_audited", result.not_audited
    except TimeoutError:
        status, result = "deadline", _past_deadline(catalogue, settings.unit_deadline)
    except ConfigError as error:
        status, detail = "error", str(error)
    except Exception as error:
        status, detail = "error", f"ข้อผิดพลาดภายในของโปรแกรม ({type(error).__name__}: {error}) โปรดแจ้งผู้พัฒนา"
    finally:
        audit.cancel_pending()
    report = build_report("audit", row.unit, row.main_website, catalogue, result.findings,
                          not_audited=result.not_audited) if result is not None else None
    if report is not None:
        write_text_atomic(out / unit_page(row.key, catalogue.year), to_html(report))
    return {"schema": RECORD_SCHEMA, "unit": row.unit, "main_website": row.main_website, "source": row.shown_source,
            "manifest_line": row.location.line, "year": catalogue.year, "status": status, "detail": detail,
            "seconds": round(time.monotonic() - start, 3), "urls": audit.checked,
            "report": report_data(report) if report else None}


def append_record(handle: int, record: dict) -> None:
    """One line, written whole and synced: a kill leaves at most a cut-off last line, which resume drops."""
    os.write(handle, (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    os.fsync(handle)


async def run_province(rows: list[UnitRow], catalogues: dict[int, Catalogue], year: int | None,
                       settings: ProvinceSettings, results: Path,
                       on_unit: Callable[[], None], on_checked: Callable[[int], None]) -> None:
    """Audit ``rows`` with at most ``units_at_once`` units in flight, appending each record to ``results``."""
    pending = iter(rows)
    (results.parent / UNIT_PAGES).mkdir(exist_ok=True)
    handle = os.open(results, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        async with Checker(settings.http) as checker:
            async def worker() -> None:
                for row in pending:  # shared iterator: each row goes to exactly one worker
                    catalogue = catalogues[unit_year(row.source, catalogues, year)]
                    record = await audit_unit(checker, row, catalogue, settings, on_checked, results.parent)
                    append_record(handle, record)
                    on_unit()

            await asyncio.gather(*(worker() for _ in range(min(settings.units_at_once, len(rows)) or 1)))
    finally:
        os.close(handle)


# ---- several processes -------------------------------------------------------------------


def shards(rows: list[UnitRow], count: int) -> list[list[UnitRow]]:
    """``rows`` split into ``count`` even shards, every unit of one main host in the same shard, so the
    per-host limit still holds when each shard runs in its own process."""
    by_host: dict[str, list[UnitRow]] = {}
    for row in rows:
        by_host.setdefault(_host(row), []).append(row)
    result: list[list[UnitRow]] = [[] for _ in range(count)]
    for group in sorted(by_host.values(), key=len, reverse=True):
        min(result, key=len).extend(group)
    return [shard for shard in result if shard]


def _shard(rows: list[UnitRow], catalogues: dict[int, Catalogue], year: int | None, settings: ProvinceSettings,
           results: Path, channel: multiprocessing.Queue) -> None:
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent decides
    unsent = 0

    def checked(count: int) -> None:
        nonlocal unsent
        unsent += count
        if unsent >= 100:  # a message per URL would cost more than checking it
            channel.put(("urls", unsent))
            unsent = 0

    asyncio.run(run_province(rows, catalogues, year, settings, results,
                             on_unit=lambda: channel.put(("unit", 1)), on_checked=checked))
    channel.put(("urls", unsent))


def run_workers(rows: list[UnitRow], catalogues: dict[int, Catalogue], year: int | None, settings: ProvinceSettings,
                results: Path, on_unit: Callable[[], None], on_checked: Callable[[int], None]) -> None:
    """``run_province`` over ``settings.workers`` processes (one core each), the connection cap shared out."""
    parts = shards(rows, settings.workers)
    if len(parts) <= 1:
        asyncio.run(run_province(rows, catalogues, year, settings, results, on_unit, on_checked))
        return
    share = replace(settings, units_at_once=max(1, settings.units_at_once // len(parts)),
                    http=replace(settings.http, connections=max(settings.http.per_host,
                                                                settings.http.connections // len(parts))))
    context = multiprocessing.get_context("fork")
    channel = context.Queue()
    processes = [context.Process(target=_shard, args=(part, catalogues, year, share, results, channel), daemon=True)
                 for part in parts]
    for process in processes:
        process.start()
    try:
        while any(process.is_alive() for process in processes) or not channel.empty():
            try:
                kind, count = channel.get(timeout=0.2)
            except queue.Empty:
                continue
            on_unit() if kind == "unit" else on_checked(count)
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # a unit cut short is not written; --resume audits it again
            process.join()
    failed = [process.exitcode for process in processes if process.exitcode]
    if failed:
        raise RuntimeError(f"province worker processes ended with {failed}")
