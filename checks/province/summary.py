"""The province as the officer follows it up: every manifest row's outcome, each unit's items to fix.

Pure functions from the manifest and the typed records (this round's and, with a comparison, the
earlier round's) to lines: every row of the manifest is audited, not audited (with why), skipped
(with its line and reason) or not yet audited, so the counts always add up to the manifest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum

from checks.findings import RULES
from checks.hosts import service_name
from checks.province.manifest import Manifest, UnitRow
from checks.province.records import ItemLine, UnitRecord

STATUS_TH = {"done": "ตรวจครบ", "not_audited": "เปิดเว็บไซต์หรือหน้าศูนย์ ITA ไม่ได้",
             "deadline": "ตรวจไม่เสร็จในเวลาที่กำหนด", "error": "ตรวจไม่ได้"}
VERDICT_TH = {"zero": "ได้ 0 คะแนน", "at_risk": "เสี่ยง", "pass": "ผ่าน"}
OFF_DOMAIN_RULES = ("off-domain", "redirect-off-domain")
SITE_ITEM = "เว็บไซต์"  # the follow-up row of findings about the whole site
TOP_CAUSES = 12


class Outcome(str, Enum):
    DONE = "done"
    NOT_AUDITED = "not_audited"  # unreachable, a dead ITA center, past the deadline, an error
    SKIPPED = "skipped"  # a manifest row that cannot be audited as written
    PENDING = "pending"  # not audited yet: the run was stopped before it

    @property
    def thai(self) -> str:
        return {"done": "ตรวจครบ", "not_audited": "ตรวจไม่ได้", "skipped": "ข้าม (แถวในไฟล์รายชื่อไม่ถูกต้อง)",
                "pending": "ยังไม่ได้ตรวจ"}[self.value]


class Change(str, Enum):
    FIXED = "fixed"
    NEW = "new"
    STILL = "still"

    @property
    def thai(self) -> str:
        return {"fixed": "แก้แล้ว", "new": "พบใหม่", "still": "ยังไม่แก้"}[self.value]


@dataclass(frozen=True)
class ItemAction:
    """One row of the follow-up sheet: an item to fix (or fixed since the earlier round)."""

    id: str
    title: str
    verdict: str  # zero · at_risk · pass (pass only when it was fixed)
    urls: tuple[str, ...]
    causes: tuple[str, ...]
    fixes: tuple[str, ...]
    change: Change | None = None


@dataclass(frozen=True)
class UnitLine:
    unit: str
    main_website: str
    line: int  # the manifest row
    extra: tuple[str, ...]
    year: int | None
    outcome: Outcome
    reason: str  # Thai: why not audited, skipped or pending; "" when audited
    low: float | None  # the estimated OIT range; None when not audited
    high: float | None
    zero_items: tuple[str, ...]
    at_risk: int
    passed: int
    causes: tuple[str, ...]  # one per error finding
    actions: tuple[ItemAction, ...]
    page: str | None = None  # the unit's own report page, relative to the run's folder
    compared: str = ""  # Thai: what changed since the earlier round

    @property
    def fix(self) -> str:
        """What the officer asks for a unit without an audited report."""
        return {Outcome.NOT_AUDITED: "ให้หน่วยงานตรวจว่าเว็บไซต์และหน้าศูนย์ ITA เปิดได้ แล้วตรวจอีกครั้งด้วย --recheck",
                Outcome.SKIPPED: f"แก้แถวที่ {self.line} ในไฟล์รายชื่อ แล้วสั่งตรวจต่อด้วย --resume",
                Outcome.PENDING: "สั่งคำสั่งเดิมพร้อม --resume เพื่อตรวจต่อ"}.get(self.outcome, "")


@dataclass(frozen=True)
class Cause:
    label: str
    units: int  # units with at least one such error
    findings: int


@dataclass(frozen=True)
class Counts:
    total: int  # rows of the manifest
    done: int
    not_audited: int
    skipped: int
    pending: int
    with_zero: int  # audited units with an item that scores zero

    @property
    def adds_up(self) -> bool:
        return self.done + self.not_audited + self.skipped + self.pending == self.total


@dataclass(frozen=True)
class Province:
    title: str
    years: tuple[int, ...]
    lines: tuple[UnitLine, ...]
    counts: Counts
    ignored: tuple[str, ...]  # Thai: records in results.jsonl this manifest and year do not use
    changes: Counter[str] | None  # item changes (Change values) since the earlier round; None without a comparison

    @property
    def heading(self) -> str:
        return f"ITA {', '.join(map(str, self.years)) or '-'} · {self.title}"


def cause_of(rule: str, url: str | None) -> str:
    """Why an item scores zero, in Thai, off-domain links split by the service they are on."""
    if rule in OFF_DOMAIN_RULES:
        return f"ลิงก์อยู่นอกเว็บไซต์หลัก: {(service_name(url) if url else None) or 'เว็บไซต์อื่น'}"
    return RULES[rule].summary


def latest(records: Iterable[UnitRecord]) -> dict[tuple[str, int | None], UnitRecord]:
    """The last record of each unit and year: a recheck or a resume appends, the newest counts."""
    return {(record.key, record.year): record for record in records}


def compare(now: UnitRecord, before: UnitRecord | None) -> tuple[dict[str, Change], str]:
    """Each item's change since the earlier round, and the unit's in one Thai line."""
    if before is None:
        return {}, "ไม่มีในรอบก่อน"
    if not before.audited:
        return {}, "รอบก่อนตรวจไม่ได้ จึงเทียบไม่ได้"
    if not now.audited:
        return {}, "รอบนี้ตรวจไม่ได้ จึงเทียบไม่ได้"
    failing_before = {item.id for item in before.items if item.needs_action}
    marks = {item.id: Change.STILL if item.id in failing_before else Change.NEW
             for item in now.items if item.needs_action}
    marks |= {item.id: Change.FIXED for item in now.items if item.id in failing_before and not item.needs_action}
    count = Counter(marks.values())
    return marks, (f"แก้แล้ว {count[Change.FIXED]} · พบใหม่ {count[Change.NEW]} · ยังไม่แก้ {count[Change.STILL]} "
                   f"(ได้ 0 คะแนน รอบก่อน {len(before.zero_items)} → รอบนี้ {len(now.zero_items)} รายการ)")


def _action(item: ItemLine, change: Change | None) -> ItemAction:
    wanted = {"zero": "error", "at_risk": "warning"}.get(item.verdict)
    costly = [finding for finding in item.findings if finding.severity in ("error", wanted)]
    return ItemAction(item.id, item.title, item.verdict, tuple(dict.fromkeys(f.url for f in costly if f.url)),
                      tuple(dict.fromkeys(cause_of(f.rule, f.url) for f in costly)),
                      tuple(dict.fromkeys(f.message for f in costly)), change)


def _site_action(record: UnitRecord) -> ItemAction | None:
    costly = [finding for finding in record.site if finding.severity in ("error", "warning")]
    if not costly:
        return None
    verdict = "zero" if any(finding.severity == "error" for finding in costly) else "at_risk"
    return ItemAction(SITE_ITEM, "ปัญหาของเว็บไซต์โดยรวม", verdict, tuple(dict.fromkeys(f.url for f in costly if f.url)),
                      tuple(dict.fromkeys(cause_of(f.rule, f.url) for f in costly)),
                      tuple(dict.fromkeys(f.message for f in costly)))


def audited_line(row: UnitRow, record: UnitRecord, before: UnitRecord | None, compared: bool,
                 page: str | None) -> UnitLine:
    marks, text = compare(record, before) if compared else ({}, "")
    if not record.audited:  # no report to act on: why, and nothing else (never a score)
        reason = STATUS_TH.get(record.status, record.status) + (f": {record.detail}" if record.detail else "")
        return UnitLine(row.unit, row.main_website, row.location.line or 0, row.extra, record.year,
                        Outcome.NOT_AUDITED, reason, None, None, (), record.at_risk, record.passed, (), (), page, text)
    site = _site_action(record)
    actions = ([site] if site else []) + [_action(item, marks.get(item.id)) for item in record.items
                                          if item.needs_action or item.id in marks]
    return UnitLine(row.unit, row.main_website, row.location.line or 0, row.extra, record.year, Outcome.DONE, "",
                    record.low, record.high, record.zero_items, record.at_risk, record.passed,
                    tuple(cause_of(rule, url) for rule, url in record.errors), tuple(actions), page, text)


def province(manifest: Manifest, records: Iterable[UnitRecord], year_of: Callable[[UnitRow], int],
             previous: Iterable[UnitRecord] | None = None,
             page_of: Callable[[UnitRow, int], str | None] = lambda row, year: None) -> Province:
    """Every row of ``manifest`` with its outcome, worst audited first; what results.jsonl holds that
    this manifest and year do not use is said, never counted."""
    now = latest(records)
    before = latest(previous) if previous is not None else {}
    wanted = {(row.key, year_of(row)) for row in manifest.rows}
    keys = {row.key for row in manifest.rows}
    outside = sum(key not in keys for key, _ in now)
    other_year = sum(key in keys and (key, year) not in wanted for key, year in now)
    ignored = tuple(text for count, text in (
        (outside, f"ผลเดิม {outside} หน่วยงานใน results.jsonl ไม่อยู่ในไฟล์รายชื่อนี้ จึงไม่นับ (ผลยังอยู่ในไฟล์)"),
        (other_year, f"ผลเดิม {other_year} รายการเป็นของปีอื่น จึงไม่นับ (ตรวจปีนี้ใหม่แทน)")) if count)
    lines = []
    for row in manifest.rows:
        year = year_of(row)
        record = now.get((row.key, year))
        if record is None:
            lines.append(UnitLine(row.unit, row.main_website, row.location.line or 0, row.extra, year, Outcome.PENDING,
                                  "ยังไม่ได้ตรวจ (การตรวจหยุดก่อนถึงหน่วยงานนี้)", None, None, (), 0, 0, (), ()))
        else:
            lines.append(audited_line(row, record, before.get((row.key, year)), previous is not None,
                                      page_of(row, year)))
    lines += [UnitLine(skip.unit or "(ไม่มีชื่อ)", skip.main_website, skip.location.line or 0, skip.extra, None,
                       Outcome.SKIPPED, f'ช่อง "{skip.field}": {skip.reason}', None, None, (), 0, 0, (), ())
              for skip in manifest.skipped]
    ordered = worst_first(lines)
    outcomes = Counter(line.outcome for line in ordered)
    counts = Counts(manifest.total, outcomes[Outcome.DONE], outcomes[Outcome.NOT_AUDITED], outcomes[Outcome.SKIPPED],
                    outcomes[Outcome.PENDING], sum(bool(line.zero_items) for line in ordered))
    changes = Counter(action.change.value for line in ordered for action in line.actions if action.change) \
        if previous is not None else None
    years = tuple(sorted({line.year for line in ordered if line.year}))
    return Province(manifest.title, years, tuple(ordered), counts, ignored, changes)


ORDER = {Outcome.DONE: 0, Outcome.NOT_AUDITED: 1, Outcome.SKIPPED: 2, Outcome.PENDING: 3}


def worst_first(lines: Iterable[UnitLine]) -> list[UnitLine]:
    """Lowest estimated range first; then units not audited, rows skipped, rows not yet reached."""
    return sorted(lines, key=lambda line: (ORDER[line.outcome], line.low or 0.0, line.high or 0.0, line.line))


def common_causes(lines: Iterable[UnitLine]) -> list[Cause]:
    lines = list(lines)
    findings = Counter(cause for line in lines for cause in line.causes)
    units = Counter(cause for line in lines for cause in set(line.causes))
    ranked = sorted(findings, key=lambda cause: (-units[cause], -findings[cause], cause))
    return [Cause(cause, units[cause], findings[cause]) for cause in ranked]


def top_causes(line: UnitLine, count: int = 3) -> str:
    return " · ".join(f"{cause} ({n})" for cause, n in Counter(line.causes).most_common(count))
