"""A report: per item of the assessment year, its verdict and findings, plus an estimated score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from statistics import mean

from checks.findings import Finding, Severity, Verdict, verdict
from generator.basics.thai import thai_date
from generator.model import Catalogue

SCORES = {Verdict.PASS: (100, 100), Verdict.AT_RISK: (50, 100), Verdict.ZERO: (0, 0)}  # (low, high)
ESTIMATE_NOTE = ("ประมาณการเท่านั้น: สำนักงาน ป.ป.ช. ไม่เผยแพร่น้ำหนักของแต่ละรายการ จึงคิดทุกรายการเท่ากัน "
                 "รายการที่ผ่านได้ 100 ได้ 0 คะแนนได้ 0 และรายการเสี่ยงได้ 50 ถึง 100")


@dataclass(frozen=True)
class ItemReport:
    id: str
    title: str
    indicator: int
    verdict: Verdict
    findings: tuple[Finding, ...]
    last_year_score: float | None = None  # what its predecessor scored last year, when below 100


@dataclass(frozen=True)
class Report:
    kind: str  # "check" (content and built site) or "audit" (live)
    unit: str
    main_website: str
    year: int
    items: tuple[ItemReport, ...]
    site: tuple[Finding, ...]  # findings about the site as a whole
    notes: tuple[str, ...] = ()
    created: str = ""  # Thai date and time of the run, for the people who print and file reports
    criteria: str = ""  # the catalogue's status: confirmed · reconstructed · provisional
    not_audited: str = ""  # Thai: why the site could not be audited at all; no estimate is given then

    @property
    def audited(self) -> bool:
        return not self.not_audited

    def count(self, wanted: Verdict) -> int:
        return sum(item.verdict is wanted for item in self.items)

    @property
    def has_warnings(self) -> bool:
        return any(f.severity is Severity.WARNING for item in self.items for f in item.findings) or any(
            f.severity is Severity.WARNING for f in self.site)

    @property
    def site_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.site)

    def estimated_oit(self) -> tuple[float, float] | None:
        """(low, high): the mean of the indicators' means, each item weighted alike; None when nothing
        was audited (a range would read as a score the site never earned)."""
        if self.not_audited:
            return None
        indicators = sorted({item.indicator for item in self.items})
        bounds = []
        for side in (0, 1):
            per_indicator = [mean(SCORES[item.verdict][side] for item in self.items if item.indicator == number)
                             for number in indicators]
            bounds.append(round(mean(per_indicator), 2) if per_indicator else 0.0)
        return bounds[0], bounds[1]


def build_report(kind: str, unit: str, main_website: str, catalogue: Catalogue, findings: list[Finding],
                 notes: tuple[str, ...] = (), last_year: dict[str, float] | None = None,
                 not_audited: str = "") -> Report:
    """Items that lost points in last year's ITA come first: fix what cost points before anything else."""
    by_item: dict[str, list[Finding]] = {spec.id: [] for spec in catalogue.items}
    site: list[Finding] = []
    for finding in findings:
        by_item.get(finding.item or "", site).append(finding)
    last_year = last_year or {}
    items = [
        ItemReport(spec.id, spec.title, spec.indicator, verdict(by_item[spec.id]), tuple(by_item[spec.id]),
                   last_year.get(spec.id))
        for spec in catalogue.items
    ]
    items.sort(key=lambda item: item.last_year_score is None)  # stable: catalogue order within each group
    if catalogue.provisional:  # every report of a provisional year says so first
        notes = ((f"{catalogue.provisional_note}: องค์ประกอบที่ขาดเป็นเพียงคำเตือนจนกว่าสำนักงาน ป.ป.ช. จะประกาศ "
                  "ส่วนข้อกำหนดที่ใช้ทุกปี (หลักฐานอยู่บนเว็บไซต์หลัก ลิงก์เปิดได้ ปีงบประมาณถูกต้อง) ตัดสินตามเดิม"),
                 *notes)
    now = datetime.now()
    return Report(kind, unit, main_website, catalogue.year, tuple(items), tuple(site), notes,
                  f"{thai_date(now.date())} เวลา {now:%H:%M} น.", catalogue.status, not_audited)
