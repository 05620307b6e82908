"""The option records of `ita audit` and `ita province-audit`, checked before any fetch."""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass
from pathlib import Path

from command.reports import ReportOptions
from generator.basics.errors import ConfigError
from generator.basics.weburl import normal_host
from generator.build.safe_paths import checked_output

CONNECT_TO = re.compile(r"([^:\s\[\]]+):(\d+):(?:\[([0-9A-Fa-f:.]+)\]|([^:\s\[\]]+)):(\d+)")


@dataclass(frozen=True)
class FetchOptions:
    """How gently and how deep to fetch: the same for one unit and for a province."""

    per_host: int
    timeout: float
    retries: int
    max_retry_wait: float
    depth: int
    ca_bundle: str | None
    connect_to: tuple[tuple[str, int, str, int], ...] = ()

    @classmethod
    def of(cls, args: argparse.Namespace) -> FetchOptions:
        if args.ca_bundle and not Path(args.ca_bundle).is_file():
            raise ConfigError(f'ไม่พบไฟล์ใบรับรอง "{args.ca_bundle}" (--ca-bundle) ตรวจชื่อไฟล์และโฟลเดอร์')
        # ITA_CONNECT_TO (space-separated, the same syntax) applies to every audit run from that shell or CI job
        routes = [*os.environ.get("ITA_CONNECT_TO", "").split(), *args.connect_to]
        return cls(args.per_host, args.timeout, args.retries, args.max_retry_wait, args.depth, args.ca_bundle,
                   tuple(connect_to(value) for value in routes))


def connect_to(value: str) -> tuple[str, int, str, int]:
    """curl's HOST:PORT:ADDRESS:PORT (an IPv6 address in brackets), checked before any fetch."""
    match = CONNECT_TO.fullmatch(value.strip())
    ports = [int(match.group(2)), int(match.group(5))] if match else []
    if not match or not all(0 < port < 65536 for port in ports):
        raise ConfigError(f'--connect-to "{value}" ต้องเป็น HOST:PORT:ADDRESS:PORT เช่น '
                          "www.tambon.go.th:443:203.0.113.7:443")
    address = match.group(3) or match.group(4)
    return normal_host(match.group(1)), ports[0], address, ports[1]


@dataclass(frozen=True)
class AuditOptions:
    root: Path
    source: str
    report: ReportOptions
    main_website: str | None
    fetch: FetchOptions
    cache: Path | None  # None: --no-cache
    cache_max_age: float  # hours
    ocr_cache: Path | None  # what was read of scanned documents, beside the cache (None: --no-cache)

    @classmethod
    def of(cls, args: argparse.Namespace) -> AuditOptions:
        report, fetch = ReportOptions.of(args), FetchOptions.of(args)  # wrong paths are said before any work
        cache = None if args.no_cache else checked_output(args.root, args.root / args.cache, "แคช", option="--cache",
                                                           is_file=True)
        ocr = checked_output(args.root, cache.parent / "ita-ocr", "แคชการอ่านเอกสารสแกน", option="--cache") if cache else None
        source = args.source
        if not source.startswith(("http://", "https://")) and not Path(source).exists() and (args.root / source).exists():
            source = str(args.root / source)  # site/ita/2569/itas.csv of the project named by --root
        return cls(args.root, source, report, args.main_website, fetch, cache, args.cache_max_age, ocr)


@dataclass(frozen=True)
class ProvinceOptions:
    root: Path
    manifest: Path
    out: Path
    resume: bool
    recheck: str | None  # "all" or "problems": audit again, keeping the earlier round
    compare: Path | None  # an earlier run's folder (or results.jsonl) to compare with
    year: int | None
    fetch: FetchOptions
    connections: int
    units_at_once: int
    unit_deadline: float
    workers: int

    @classmethod
    def of(cls, args: argparse.Namespace) -> ProvinceOptions:
        out = checked_output(args.root, args.out, "ผลการตรวจ", option="--out")
        if out.exists() and not out.is_dir():
            raise ConfigError(f'"{args.out}" (--out) เป็นไฟล์ ให้ระบุโฟลเดอร์')
        if not args.manifest.is_file():
            raise ConfigError(f"ไม่พบไฟล์รายชื่อหน่วยงาน {args.manifest}")
        if args.compare is not None and not args.compare.exists():
            raise ConfigError(f'ไม่พบผลการตรวจรอบก่อน "{args.compare}" (--compare)')
        return cls(args.root, args.manifest, out, args.resume, args.recheck, args.compare, args.year,
                   FetchOptions.of(args), args.connections,
                   args.units_at_once or max(1, args.connections // args.per_host), args.unit_deadline, args.workers)
