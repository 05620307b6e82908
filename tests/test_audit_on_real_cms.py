"""The audit on sites a real CMS made, scored against answer keys written before the recordings.

Each site is a recording (WARC) of what its CMS served, replayed on loopback (tests/replay.py) under
its own host name, which ``--connect-to`` sends to the replay server, as curl would: the pages are the
CMS's own HTML, byte for byte, theme, menus, widgets and all. The key says what an assessor gives each
item; from the ITAS list and from the ITA center page alike, the audit must never pass an item the key
zeroes (and must name the key's reason), and never zero an item the key passes.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from checks.findings import Finding, Verdict, verdict
from checks.hosts import MainSite
from checks.live.audit import Audit, audit_source
from checks.live.cache import SuccessCache
from checks.live.http import Checker, HttpSettings
from checks.live.ocr import OcrCache
from generator.basics.errors import ErrorLog
from generator.basics.weburl import parse_web_url
from generator.content.catalogues import load_catalogues
from tests.replay import ReplayServer

CMS = Path(__file__).parent / "fixtures" / "cms"


@dataclass(frozen=True)
class CmsSite:
    name: str  # wordpress → wordpress.warc.gz, wordpress-itas.csv, wordpress-center.txt, wordpress-key.yml

    @property
    def key(self) -> dict:
        return yaml.safe_load((CMS / f"{self.name}-key.yml").read_text(encoding="utf-8"))

    @property
    def main_website(self) -> str:
        return self.key["main_website"]

    @property
    def center(self) -> str:
        return (CMS / f"{self.name}-center.txt").read_text(encoding="utf-8").strip()

    @property
    def itas(self) -> Path:
        return CMS / f"{self.name}-itas.csv"

    @property
    def not_found(self) -> str:
        return self.key["not_found"]


SITES = [CmsSite("wordpress"), CmsSite("vendor")]


@pytest.fixture(scope="module", params=SITES, ids=lambda site: site.name)
def replayed(request):
    site = request.param
    with ReplayServer(CMS / f"{site.name}.warc.gz", site.not_found) as server:
        yield site, server


def connect_to(site: CmsSite, server: ReplayServer) -> tuple[str, int, str, int]:
    main = parse_web_url(site.main_website)
    return main.host, main.port, "127.0.0.1", server.port


def audited(site: CmsSite, server: ReplayServer, source: str) -> dict[str, list[Finding]]:
    catalogue = load_catalogues(ErrorLog())[site.key["year"]]
    settings = HttpSettings(timeout=5, retries=0, max_retry_wait=0, connect_to=(connect_to(site, server),))

    async def run():
        async with Checker(settings) as checker:
            audit = Audit(checker, SuccessCache(None, timedelta(hours=1)), MainSite.of(site.main_website),
                          parse_web_url(site.main_website).host, datetime.now(UTC), ocr=OcrCache(None))
            return await audit_source(audit, source, catalogue)

    result = asyncio.run(run())
    assert not result.not_audited, result.not_audited
    by_item: dict[str, list[Finding]] = {spec.id: [] for spec in catalogue.items}
    for finding in result.findings:
        if finding.item:
            by_item[finding.item].append(finding)
    return by_item


@pytest.fixture(scope="module", params=["itas", "center"])
def outcome(replayed, request):
    site, server = replayed
    source = str(site.itas) if request.param == "itas" else site.center
    return site, audited(site, server, source)


def test_no_item_the_assessor_zeroes_passes_and_each_says_why(outcome):
    site, found = outcome
    wrong = {item: (verdict(found[item]).value, sorted({f.rule.id for f in found[item]}), expected["rule"])
             for item, expected in site.key["items"].items() if expected["verdict"] == "zero"
             if verdict(found[item]) is not Verdict.ZERO
             or expected["rule"] not in {f.rule.id for f in found[item] if f.severity.value == "error"}}
    assert not wrong


def test_no_item_whose_evidence_is_there_scores_zero(outcome):
    site, found = outcome
    wrong = {item: [f.message for f in found[item] if f.severity.value == "error"]
             for item, expected in site.key["items"].items()
             if expected["verdict"] == "pass" and verdict(found[item]) is Verdict.ZERO}
    assert not wrong


def test_a_report_is_written_from_the_center_page(replayed, tmp_path):
    site, server = replayed
    host, port, address, to_port = connect_to(site, server)
    report = tmp_path / "report.json"
    result = subprocess.run([sys.executable, "-m", "command.main", "--root", str(tmp_path), "audit", site.center,
                             "--main-website", site.main_website, "--connect-to", f"{host}:{port}:{address}:{to_port}",
                             "--year", str(site.key["year"]), "--no-cache", "--format", "json", "--output", str(report),
                             "--timeout", "5", "--retries", "0"], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    data = json.loads(report.read_text(encoding="utf-8"))
    zeroes = {item for item, expected in site.key["items"].items() if expected["verdict"] == "zero"}
    assert result.returncode == 2 and data["audited"]
    assert {item["id"] for item in data["items"] if item["verdict"] == "zero"} == zeroes
    assert data["unit"] == parse_web_url(site.main_website).host  # another site: nothing borrowed
