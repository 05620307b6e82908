"""results.jsonl read back as untrusted input: any line is a record or a Thai message naming it.

The lines a province run appends are re-read by --resume and by the summary. A line edited by hand,
of the wrong shape, or written by another version must never crash either: the run stops with the
file and line named (exit 3), or, for the last line cut by a kill, drops only that line.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks.province.records import DamagedRecord, parse_record
from checks.province.run import read_done

GOOD = {"schema": "ita-province-unit/1", "unit": "อบต.ก", "main_website": "https://a.go.th/", "year": 2569, "status": "done",
        "detail": "", "report": {"audited": True, "estimated_oit": {"low": 90.0, "high": 95.5},
                                 "summary": {"pass": 24, "at_risk": 1, "zero": 1},
                                 "items": [{"id": "O7", "verdict": "zero",
                                            "findings": [{"rule": "off-domain", "severity": "error", "url": None}]}],
                                 "site": []}}
WRONG_SHAPES = [
    {"schema": "ita-province-unit/1", "unit": "x"},
    {**GOOD, "report": {**GOOD["report"], "items": 5}},
    {**GOOD, "status": "hacked"},
    {**GOOD, "report": {**GOOD["report"], "estimated_oit": {}}},
    {**GOOD, "unit": 7},
    {**GOOD, "report": {**GOOD["report"], "items": [{"id": "O7", "verdict": "zero", "findings": [{"rule": "x"}]}]}},
    {**GOOD, "report": {**GOOD["report"], "estimated_oit": {"low": 99.0, "high": 12.0}}},
    {**GOOD, "report": {**GOOD["report"], "summary": {"pass": -1, "at_risk": 0, "zero": 0}}},
    [1, 2, 3],
    "a string",
]


def test_a_record_of_the_promised_shape_is_read():
    record = parse_record(json.dumps(GOOD, ensure_ascii=False))
    assert (record.unit, record.zero_items, record.errors, record.low) == ("อบต.ก", ("O7",), (("off-domain", None),), 90.0)


@pytest.mark.parametrize("shape", WRONG_SHAPES, ids=range(len(WRONG_SHAPES)))
def test_a_line_of_the_wrong_shape_is_refused_in_thai(shape):
    with pytest.raises(DamagedRecord) as caught:
        parse_record(json.dumps(shape))
    assert any("\u0e00" <= char <= "\u0e7f" for char in str(caught.value))


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                           lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8),
                                                                                              children, max_size=4),
                           max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(value=json_values, mutate=st.sampled_from(["unit", "status", "report", "detail", "main_website", "schema"]))
def test_any_json_line_is_a_record_or_a_damaged_one_never_a_crash(value, mutate):
    line = json.dumps({**GOOD, mutate: value})
    with contextlib.suppress(DamagedRecord):
        parse_record(line)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(WRONG_SHAPES))
def test_resume_over_a_damaged_line_names_it_and_keeps_the_file(tmp_path_factory, shape):
    folder = tmp_path_factory.mktemp("resume")
    (folder / "out").mkdir()
    results = folder / "out" / "results.jsonl"
    text = json.dumps(GOOD, ensure_ascii=False) + "\n" + json.dumps(shape) + "\n"
    results.write_text(text, encoding="utf-8")
    (folder / "units.csv").write_text("unit,main_website,source\nอบต.ก,https://a.go.th/,https://a.go.th/ita/\n",
                                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "command.main", "province-audit", "units.csv", "--out", "out",
                             "--resume"], cwd=folder, capture_output=True, text=True, timeout=60)
    assert result.returncode == 3 and "results.jsonl:2" in result.stderr and "Traceback" not in result.stderr
    assert results.read_text(encoding="utf-8") == text


def test_only_a_last_line_cut_by_a_kill_is_dropped(tmp_path):
    results = tmp_path / "results.jsonl"
    whole = json.dumps(GOOD, ensure_ascii=False) + "\n"
    results.write_text(whole + whole[:40], encoding="utf-8")
    assert read_done(results) == {("a.go.th", 2569)}
    assert results.read_text(encoding="utf-8") == whole


def test_a_file_of_one_endless_line_is_named_never_loaded(tmp_path, monkeypatch):
    from checks.province import run
    from generator.basics.errors import ConfigError

    monkeypatch.setattr(run, "MAX_RECORD_BYTES", 4096)
    results = tmp_path / "results.jsonl"
    results.write_bytes(json.dumps(GOOD, ensure_ascii=False).encode() + b"\n" + b"x" * 10_000 + b"\n")
    with pytest.raises(ConfigError, match=r"results\.jsonl:2: บรรทัดนี้ยาวเกิน"):
        read_done(results)
    assert results.stat().st_size > 10_000  # nothing cut
