"""Rounds of a province audit: February's, April's after the units fix, the assessment's.

``--recheck`` keeps the round on record under ``rounds/`` and audits again (every unit, or only
those with something to fix); the new round is compared with the kept one, or with any earlier
run's folder given to ``--compare``. A kill at any moment leaves either the old round in place or
the new one begun, and the kept copy whole.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from checks.province.records import UnitRecord, parse_record
from checks.province.run import record_lines
from generator.basics.errors import ConfigError
from generator.basics.textfile import write_bytes_atomic

ROUNDS = "rounds"
RECHECK_MODES = ("all", "problems")


def kept_rounds(out: Path) -> list[Path]:
    return sorted((out / ROUNDS).glob("round-*.jsonl"))


def has_problems(record: UnitRecord) -> bool:
    """A unit worth auditing again: not audited, or an item or the site with something to fix."""
    return (not record.audited or any(item.needs_action for item in record.items)
            or any(finding.severity in ("error", "warning") for finding in record.site))


def start_recheck(out: Path, results: Path, carried: Callable[[UnitRecord], bool]) -> Path:
    """Keep this round's results under rounds/ and begin the next with only the records ``carried``
    accepts (read_done has vouched for every line). Returns the kept round's file."""
    if not results.is_file():
        raise ConfigError(f"ยังไม่มีผลรอบก่อนใน {results} ให้ตรวจครั้งแรกโดยไม่ใส่ --recheck")
    (out / ROUNDS).mkdir(exist_ok=True)
    kept = out / ROUNDS / f"round-{len(kept_rounds(out)) + 1:02d}-{datetime.now():%Y%m%d-%H%M%S}.jsonl"
    with open(results, "rb") as handle:
        lines = [raw for _, raw in record_lines(results, handle) if carried(parse_record(raw))]
    os.link(results, kept)  # the kept copy exists whole before this round's file changes
    write_bytes_atomic(results, b"".join(lines))
    return kept


def baseline(out: Path, compare: Path | None) -> Path | None:
    """The results the round is compared with: --compare's (a run's folder or its results.jsonl), else
    the last round --recheck kept in this folder, else none."""
    if compare is not None:
        path = compare / "results.jsonl" if compare.is_dir() else compare
        if not path.is_file():
            raise ConfigError(f'ไม่พบผลการตรวจรอบก่อน "{path}" (--compare ต้องเป็นโฟลเดอร์ผลการตรวจ '
                              "ที่มี results.jsonl หรือไฟล์ results.jsonl)")
        return path
    rounds = kept_rounds(out)
    return rounds[-1] if rounds else None
