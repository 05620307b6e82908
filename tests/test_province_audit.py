"""A province in one run: 50 units on their own loopback addresses, faults spread among them.

Each unit's findings must equal what `ita audit` finds for it alone; every server sees at most
the per-host limit; a killed run resumes with only the units not yet done; Ctrl-C keeps what is
done; the summary and the CSV say which units lose most and why.
"""

from __future__ import annotations

import asyncio
import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checks.live.http import HttpSettings
from checks.province import run as module
from checks.province.manifest import UnitRow, read_manifest
from command.main import main
from generator.basics.errors import ErrorLog, Location
from generator.content.catalogues import load_catalogues
from tests.province_sites import YEAR, Unit, province

pytestmark = pytest.mark.slow  # real builds, browsers, subprocesses or many servers

FAST = ["--timeout", "5", "--retries", "0", "--year", str(YEAR)]


def province_audit(folder: Path, *args: str, **popen: object) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "command.main", "province-audit", "units.csv", "--out", "out",
                             *FAST, *args], cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            **popen)


def finished(process: subprocess.Popen[str], timeout: float = 180) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def results(folder: Path) -> list[dict]:
    return results_of(folder / "out" / "results.jsonl")


def comparable(report: dict) -> set[tuple]:
    """What a finding says, without the parts that name where the list came from."""
    return {(item["id"], finding["rule"], finding["severity"], finding["message"], finding["url"])
            for item in report["items"] for finding in item["findings"]} | {
        (None, finding["rule"], finding["severity"], finding["message"], finding["url"]) for finding in report["site"]}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One province run over 50 units, with the servers still up for single-unit runs to compare."""
    folder = tmp_path_factory.mktemp("province")
    with province(folder) as sites:
        code, out, err = finished(province_audit(folder))
        yield sites, code, out, err, results(folder)


def test_every_unit_of_the_manifest_is_audited_once(run):
    sites, code, _, err, records = run
    assert code == 2, err  # some units have items that score zero
    assert sorted(record["unit"] for record in records) == sorted(unit.name for unit in sites.units)


@pytest.mark.parametrize("number", range(50))
def test_a_units_findings_equal_a_single_unit_run(run, number, tmp_path, capsys):
    sites, _, _, _, records = run
    unit = sites.units[number]
    source = sites.source(unit)
    if not source.startswith("http"):
        source = str(sites.folder / source)
    report_file = tmp_path / "report.json"
    main(["--root", str(tmp_path), "audit", source, "--main-website", sites.bases[number] + "/", "--no-cache",
          "--format", "json", "--output", str(report_file), *FAST])
    alone = json.loads(report_file.read_text(encoding="utf-8"))
    in_province = next(record for record in records if record["unit"] == unit.name)["report"]
    assert comparable(in_province) == comparable(alone)


def test_no_server_ever_served_more_than_two_requests_at_once(run):
    sites, *_ = run
    assert max(load.most for load in sites.loads.values()) == 2


def test_every_fault_is_found_in_its_unit(run):
    _, _, _, _, records = run
    rules = {record["unit"]: {f["rule"] for item in record["report"]["items"] for f in item["findings"]}
             | {f["rule"] for f in record["report"]["site"]} for record in records}
    by_fault = {"dead": "dead-link", "broken-documents": "dead-link", "google-drive": "off-domain",
                "old-year": "wrong-year"}
    for number in range(50):
        unit = Unit(number)
        if unit.fault in by_fault:
            assert by_fault[unit.fault] in rules[unit.name], unit.name


def test_the_summary_ranks_units_worst_first_and_names_the_causes(run):
    sites, *_ = run
    page = (sites.folder / "out" / "province.html").read_text(encoding="utf-8").replace("<wbr>", "")
    assert '<html lang="th">' in page
    assert "ลิงก์อยู่นอกเว็บไซต์หลัก: Google Drive" in page and "<svg" in page
    assert not [ref for ref in ("src=\"http", "url(http", "@import") if ref in page]  # nothing from another host
    with open(sites.folder / "out" / "province-units.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    lows = [float(row["คะแนน OIT โดยประมาณ ต่ำสุด"]) for row in rows if row["คะแนน OIT โดยประมาณ ต่ำสุด"]]
    assert len(rows) == 50 and lows == sorted(lows)
    dead = next(row for row in rows if row["หน่วยงาน"] == sites.units[3].name)
    assert dead["ผลการตรวจ"] == "ตรวจไม่ได้" and dead["คะแนน OIT โดยประมาณ ต่ำสุด"] == ""  # never a score


def test_thai_unit_names_and_digits_are_kept_as_written(run):
    _sites, _, _, _, records = run
    assert "เทศบาลตำบลทดสอบที่ ๔๗" in {record["unit"] for record in records}


def test_bad_manifest_rows_are_named_by_line_and_field_and_the_rest_audited(tmp_path):
    manifest = tmp_path / "units.csv"
    manifest.write_text("unit,main_website,source\n"
                        "อบต.ก,https://www.ko.go.th/,https://www.ko.go.th/ita/\n"
                        ",https://www.kho.go.th/,https://www.kho.go.th/ita/\n"
                        "อบต.ค,www.kho.go.th,https://www.kho.go.th/ita/\n"
                        "อบต.ง,https://www.ngo.go.th/,ไม่มีไฟล์นี้.csv\n"
                        "อบต.ก,https://www.ko.go.th/,https://www.ko.go.th/ita/\n", encoding="utf-8")
    manifest = read_manifest(manifest, "units.csv")
    assert [row.unit for row in manifest.rows] == ["อบต.ก"]
    assert [(skipped.location.line, skipped.field) for skipped in manifest.skipped] == [
        (3, "unit"), (4, "main_website"), (5, "source"), (6, "main_website")]


def test_a_manifest_thai_excel_saved_as_csv_is_read_as_windows_874_and_said_so(tmp_path):
    (tmp_path / "units.csv").write_bytes("unit,main_website,source\nอบต.ก,https://a.go.th/,a.csv\n".encode("cp874"))
    code, _, err = finished(province_audit(tmp_path))
    assert code == 2 and "units.csv: อ่านเป็นรหัสอักษร windows-874" in err
    with open(tmp_path / "out" / "province-units.csv", encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["หน่วยงาน"] == "อบต.ก" and row["ผลการตรวจ"].startswith("ข้าม") and "a.csv" in row["หมายเหตุ"]


def test_an_earlier_result_is_never_overwritten_without_resume(tmp_path):
    with province(tmp_path, count=2):
        assert finished(province_audit(tmp_path))[0] in (0, 2)
        code, _, err = finished(province_audit(tmp_path))
    assert code == 3 and "--resume" in err


def _wait_for_lines(folder: Path, count: int, process: subprocess.Popen[str], limit: float = 120) -> None:
    results_file = folder / "out" / "results.jsonl"
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if results_file.is_file() and results_file.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the run did not write enough results in time")


def test_a_killed_run_resumes_with_only_the_units_not_yet_done(tmp_path):
    with province(tmp_path, count=20, delay=0.05) as sites:
        first = province_audit(tmp_path, "--units-at-once", "2")
        _wait_for_lines(tmp_path, 5, first)
        first.kill()
        first.wait(timeout=30)
        with open(tmp_path / "out" / "results.jsonl", "ab") as handle:
            handle.write(b'{"schema": "ita-province-unit/1", "unit": "cut off')  # a kill in the middle of a line
        lines = (tmp_path / "out" / "results.jsonl").read_bytes().split(b"\n")[:-1]
        done = {json.loads(line)["unit"] for line in lines}
        sites.reset_counts()
        code, _, err = finished(province_audit(tmp_path, "--resume"))
        records = results(tmp_path)
        assert code == 2, err
        assert sorted(record["unit"] for record in records) == sorted(unit.name for unit in sites.units)
        again = [unit.name for unit in sites.units if unit.name in done and unit.number in sites.loads
                 and sites.loads[unit.number].total]
        assert again == []


def test_ctrl_c_keeps_what_is_done_and_says_how_to_go_on(tmp_path):
    # Two units answer only after 120 s, so the run cannot end before the interrupt however slow the machine.
    with province(tmp_path, count=20, delay=0.05, slow=120):
        process = province_audit(tmp_path, "--units-at-once", "2")
        _wait_for_lines(tmp_path, 3, process)
        process.send_signal(signal.SIGINT)
        code, _out, err = finished(process, timeout=60)
    done = results(tmp_path)
    assert code == 130 and "--resume" in err
    assert 3 <= len(done) < 20
    summary = (tmp_path / "out" / "province.html").read_text(encoding="utf-8").replace("<wbr>", "")
    assert all(record["unit"] in summary for record in done)


def test_a_unit_past_its_deadline_is_unknown_not_passed_and_does_not_hold_the_others(tmp_path):
    # A slow unit answers each request after 40 s; every other unit needs well under a second: a deadline of
    # 15 s tells them apart however loaded the machine is (no timing decides the outcome).
    with province(tmp_path, count=12, slow=40, lifetime=120) as sites:
        code, _, err = finished(province_audit(tmp_path, "--unit-deadline", "15", "--timeout", "60"))
    records = results(tmp_path)
    slow = [record for record in records if record["status"] == "deadline"]
    assert [record["unit"] for record in slow] == [sites.units[1].name, sites.units[11].name]
    assert all(item["verdict"] == "at_risk" for item in slow[0]["report"]["items"])
    assert slow[0]["report"]["estimated_oit"]["low"] is None and not slow[0]["report"]["audited"]
    others = {record["unit"]: record["status"] for record in records if record not in slow}
    assert others == {unit.name: "not_audited" if unit.fault == "dead" else "done"
                      for unit in sites.units if unit.fault != "slow"}
    assert os.path.getsize(tmp_path / "out" / "province.csv") > 0 and code in (0, 2), err


def test_resume_never_drops_a_damaged_line_that_is_not_the_last(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    good = json.dumps({"schema": "ita-province-unit/1", "unit": "อบต.ก", "main_website": "https://a.go.th/",
                       "status": "error", "detail": "", "report": None}, ensure_ascii=False)
    damaged = f"{good}\n{{edited by hand\n{good}\n"
    (out / "results.jsonl").write_text(damaged, encoding="utf-8")
    (tmp_path / "units.csv").write_text("unit,main_website,source\nอบต.ก,https://a.go.th/,https://a.go.th/ita/\n",
                                        encoding="utf-8")
    code, _, err = finished(province_audit(tmp_path, "--resume"))
    assert code == 3 and "results.jsonl:2" in err
    assert (out / "results.jsonl").read_text(encoding="utf-8") == damaged


def test_a_bug_met_on_one_unit_is_recorded_for_it_and_the_others_go_on(tmp_path, monkeypatch):
    async def audit_source(audit, source, catalogue, display):
        if "broken" in source:
            raise RuntimeError("a page no parser expected")
        return module.AuditResult([])

    monkeypatch.setattr(module, "audit_source", audit_source)
    rows = [UnitRow(name, f"https://{host}/", f"https://{host}/ita/", f"https://{host}/ita/", Location("units.csv", 2))
            for name, host in (("อบต.ก", "broken.example"), ("อบต.ข", "fine.example"))]
    results = tmp_path / "results.jsonl"
    asyncio.run(module.run_province(rows, load_catalogues(ErrorLog()), YEAR, module.ProvinceSettings(HttpSettings()),
                                    results, lambda: None, lambda _: None))
    statuses = {record["unit"]: (record["status"], record["detail"]) for record in results_of(results)}
    assert statuses["อบต.ข"] == ("done", "")
    assert statuses["อบต.ก"][0] == "error" and "RuntimeError: a page no parser expected" in statuses["อบต.ก"][1]


def results_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
