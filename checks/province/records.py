"""A province run's results.jsonl read back as untrusted input: each line a typed record, or a Thai reason.

The tool wrote these lines, but a file on disk is anyone's: edited by hand, cut by a kill, copied from
another version. Every line is checked against the shape ``ita-province-unit/1`` promises before any
part of the tool uses it; what does not fit is named by its line, never a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from checks.findings import RULES
from checks.province.manifest import unit_key

RECORD_SCHEMA = "ita-province-unit/1"
STATUSES = ("done", "not_audited", "deadline", "error")
VERDICTS = ("pass", "at_risk", "zero")
SEVERITIES = ("error", "warning", "note")


class DamagedRecord(ValueError):
    """A line that is not a record this tool writes; the message (Thai) says what is wrong with it."""


@dataclass(frozen=True)
class FindingLine:
    rule: str
    severity: str
    message: str
    url: str | None


@dataclass(frozen=True)
class ItemLine:
    id: str
    title: str
    verdict: str
    findings: tuple[FindingLine, ...]

    @property
    def needs_action(self) -> bool:
        return self.verdict != "pass"


@dataclass(frozen=True)
class UnitRecord:
    unit: str
    main_website: str
    year: int | None  # the assessment year audited (None only in a record that names none)
    status: str
    detail: str
    audited: bool  # a report with an estimate: the audit read the site
    low: float | None
    high: float | None
    at_risk: int
    passed: int
    items: tuple[ItemLine, ...] = ()
    site: tuple[FindingLine, ...] = ()  # findings about the site as a whole

    @property
    def key(self) -> str:
        return unit_key(self.main_website)

    @property
    def zero_items(self) -> tuple[str, ...]:
        return tuple(item.id for item in self.items if item.verdict == "zero")

    @property
    def errors(self) -> tuple[tuple[str, str | None], ...]:
        """(rule, url) of each error finding, item and site alike."""
        return tuple((finding.rule, finding.url) for finding in (*self.site, *(f for item in self.items
                                                                              for f in item.findings))
                     if finding.severity == "error")


def _need(condition: bool, what: str) -> None:
    if not condition:
        raise DamagedRecord(what)


def _text(data: dict[str, Any], key: str, *, optional: bool = False) -> str:
    value = data.get(key, "" if optional else None)
    if not isinstance(value, str):
        raise DamagedRecord(f'ช่อง "{key}" ต้องเป็นข้อความ')
    return value


def _score(value: Any, key: str) -> float | None:
    _need(value is None or (isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 100),
          f'ช่อง "{key}" ต้องเป็นคะแนน 0–100 หรือว่าง')
    return None if value is None else float(value)


def _findings(value: Any, where: str) -> tuple[FindingLine, ...]:
    _need(isinstance(value, list), f'ช่อง "{where}" ต้องเป็นรายการ')
    found = []
    for finding in value:
        _need(isinstance(finding, dict), f'ช่อง "{where}" มีรายการที่ไม่ใช่ผลการตรวจ')
        rule, severity, url = finding.get("rule"), finding.get("severity"), finding.get("url")
        _need(rule in RULES, f'ช่อง "{where}" มีรหัสปัญหา "{rule}" ที่ไม่มีในระบบ')
        _need(severity in SEVERITIES, f'ช่อง "{where}" มีระดับ "{severity}" ที่ไม่มีในระบบ')
        _need(url is None or isinstance(url, str), f'ช่อง "{where}.url" ต้องเป็นข้อความหรือว่าง')
        message = finding.get("message", "")
        _need(isinstance(message, str), f'ช่อง "{where}.message" ต้องเป็นข้อความ')
        found.append(FindingLine(rule, severity, message, url))
    return tuple(found)


def parse_record(raw: bytes | str) -> UnitRecord:
    """One line of results.jsonl as a record; DamagedRecord (Thai) when it is not one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise DamagedRecord("ไม่ใช่ข้อมูล JSON ที่สมบูรณ์") from None
    _need(isinstance(data, dict) and data.get("schema") == RECORD_SCHEMA, f'ไม่ใช่ผลการตรวจรูปแบบ {RECORD_SCHEMA}')
    status = data.get("status")
    _need(status in STATUSES, f'สถานะ "{status}" ไม่มีในระบบ (ต้องเป็น {", ".join(STATUSES)})')
    report = data.get("report")
    year = data.get("year", report.get("year") if isinstance(report, dict) else None)
    _need(year is None or (isinstance(year, int) and not isinstance(year, bool) and 2500 <= year <= 2700),
          'ช่อง "year" ต้องเป็นปี พ.ศ.')
    base = {"unit": _text(data, "unit"), "main_website": _text(data, "main_website"), "year": year,
            "status": status, "detail": _text(data, "detail", optional=True)}
    if report is None:
        return UnitRecord(**base, audited=False, low=None, high=None, at_risk=0, passed=0)
    _need(isinstance(report, dict), 'ช่อง "report" ต้องเป็นรายงานหรือว่าง')
    estimate, summary, items = report.get("estimated_oit"), report.get("summary"), report.get("items")
    _need(isinstance(estimate, dict) and {"low", "high"} <= set(estimate),
          'ช่อง "report.estimated_oit" ต้องมีคะแนนต่ำสุดและสูงสุด (low, high)')
    _need(isinstance(summary, dict) and all(isinstance(summary.get(key), int) and summary[key] >= 0 for key in VERDICTS),
          'ช่อง "report.summary" ต้องมีจำนวนรายการ pass at_risk zero')
    _need(isinstance(items, list), 'ช่อง "report.items" ต้องเป็นรายการ')
    lines = []
    for item in items:
        _need(isinstance(item, dict) and isinstance(item.get("id"), str) and item.get("verdict") in VERDICTS,
              'ช่อง "report.items" มีรายการที่ไม่มีรหัสหรือผล')
        title = item.get("title", "")
        _need(isinstance(title, str), 'ช่อง "report.items.title" ต้องเป็นข้อความ')
        lines.append(ItemLine(item["id"], title, item["verdict"],
                              _findings(item.get("findings"), "report.items.findings")))
    low, high = _score(estimate.get("low"), "low"), _score(estimate.get("high"), "high")
    _need((low is None) == (high is None) and (low is None or high is None or low <= high),
          "คะแนนต่ำสุดต้องไม่เกินคะแนนสูงสุด")
    return UnitRecord(**base, audited=low is not None and report.get("audited", True) is not False, low=low, high=high,
                      at_risk=summary["at_risk"], passed=summary["pass"], items=tuple(lines),
                      site=_findings(report.get("site", []), "report.site"))
