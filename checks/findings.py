"""Findings, their stable rule ids, and the verdict of an item.

A rule's id never changes once published: reports, waivers and CI filters key on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.basics.errors import Location
from generator.model import Catalogue, Requirement


class Severity(str, Enum):
    ERROR = "error"  # the item would score zero
    WARNING = "warning"  # the item is at risk; fix it, or confirm it by hand
    NOTE = "note"  # worth knowing; does not change the verdict


class Verdict(str, Enum):
    PASS = "pass"
    AT_RISK = "at_risk"
    ZERO = "zero"


class RuleId(str, Enum):
    """Every finding's rule: a stable id (reports, waivers and CI filters key on it) and its Thai summary."""

    summary: str  # Thai: what the rule finds, set on each member by __new__

    def __new__(cls, value: str, summary: str) -> RuleId:
        member = str.__new__(cls, value)
        member._value_ = value
        member.summary = summary
        return member

    # A member is its id everywhere: as a key (RULES["dead-link"] is RULES[RuleId.DEAD_LINK]), printed, in JSON.
    __hash__ = str.__hash__
    __str__ = str.__str__
    __format__ = str.__format__  # type: ignore[assignment]  # Enum's is the same signature, typed apart

    @property
    def id(self) -> str:
        return self.value

    MISSING_ITEM = ("missing-item", "ไม่มีรายการนี้บนเว็บไซต์")
    MISSING_ELEMENT = ("missing-element", "องค์ประกอบที่กำหนดไม่มีหลักฐาน")
    MISSING_MONTH = ("missing-month", "ข้อมูลรายเดือนขาดบางเดือน")
    WRONG_YEAR = ("wrong-year", "หลักฐานเป็นของปีงบประมาณที่ไม่ตรงกับเกณฑ์")
    YEAR_MISMATCH = ("year-mismatch", "ชื่อเอกสารหรือชื่อไฟล์ระบุปีไม่ตรงกับปีที่กรอกไว้")
    OFF_DOMAIN = ("off-domain", "ลิงก์ไม่อยู่บนเว็บไซต์หลักของหน่วยงาน")
    REDIRECT_OFF_DOMAIN = ("redirect-off-domain", "ลิงก์เปลี่ยนเส้นทางไปยังเว็บไซต์อื่น")
    DEAD_LINK = ("dead-link", "เปิดลิงก์ไม่ได้")
    TIMEOUT = ("timeout", "เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด")
    TLS_ERROR = ("tls-error", "ใบรับรองความปลอดภัย (HTTPS) ของเว็บไซต์มีปัญหา")
    SOFT_404 = ("soft-404", "หน้าเว็บเปิดได้แต่แจ้งว่าไม่พบข้อมูลหรือต้องเข้าสู่ระบบ")
    RATE_LIMITED = ("rate-limited", "เว็บไซต์ขอให้ลดความถี่ในการเรียก ตรวจซ้ำภายหลัง")
    FORBIDDEN = ("forbidden", "เว็บไซต์ปฏิเสธการเข้าถึง ต้องตรวจด้วยตนเอง")
    WRONG_CONTENT_TYPE = ("wrong-content-type", "ชนิดไฟล์ที่ได้รับไม่ตรงกับนามสกุลไฟล์")
    BAD_DOCUMENT = ("bad-document", "ไฟล์เอกสารว่างหรือข้างในไม่ใช่ชนิดตามนามสกุล เปิดแล้วไม่เห็นเนื้อหา")
    BAD_URL = ("bad-url", "ที่อยู่ลิงก์ไม่ถูกต้อง เบราว์เซอร์เปิดไม่ได้")
    UNKNOWN_ITEM = ("unknown-item", "รายการ URL มีแถวของรายการที่ไม่มีในเกณฑ์ปีนั้น")
    TODO_LEFT = ("todo-left", "รายการยังมีสิ่งที่ต้องทำค้างอยู่ (ช่อง todo หรือข้อความ ต้องทำ ในคำอธิบาย)")
    YEAR_UNCLEAR = ("year-unclear", "ไม่พบปีในหัวเรื่อง ชื่อเอกสาร หรือเนื้อหาเอกสาร ผู้ตรวจอาจตัดสินว่าไม่ใช่ข้อมูลของปีที่ประเมิน")
    UNVERIFIED = ("unverified", "ตรวจไม่ได้ว่าผู้ตรวจจะเห็นอะไร ต้องเปิดดูด้วยตนเอง")
    MISSING_PAGE = ("missing-page", "ไม่มีหน้ารายการในเว็บไซต์ที่สร้างแล้ว")
    BROKEN_LINK = ("broken-link", "ลิงก์ภายในเว็บไซต์ชี้ไปยังหน้าหรือไฟล์ที่ไม่มี")
    EXTERNAL_ASSET = ("external-asset", "หน้าเว็บโหลดไฟล์จากเว็บไซต์อื่น")
    MONTH_CONFLICT = ("month-conflict", "เดือนเดียวกันมีทั้งเอกสารและข้อความว่าไม่มีรายการ ข้อมูลขัดกัน")
    STALE_SITE = ("stale-site", "เว็บไซต์ที่สร้างไว้เก่ากว่าข้อมูลใน content/ ต้องสั่ง ita build ใหม่")
    STALE_WINDOW = ("stale-window", "ช่วงกรอกข้อมูลในระบบ ITAS (itas_window) เป็นของปีก่อน")
    REMOVED_URL = ("removed-url", "ที่อยู่ที่เคยเผยแพร่แล้วหายไปจากเว็บไซต์")
    EXAMPLE_CONTENT = ("example-content", "ยังมีชื่อหรือเอกสารของหน่วยงานตัวอย่างอยู่ ต้องเปลี่ยนเป็นของหน่วยงาน")
    BROKEN_RESPONSE = ("broken-response", "เว็บไซต์ตอบผิดรูปแบบ (ส่งข้อมูลไม่ครบตามที่แจ้ง) แต่เบราว์เซอร์ยังแสดงได้")
    NOT_AUDITED = ("not-audited", "ตรวจรายการนี้ไม่ได้ เพราะเปิดหน้าศูนย์ ITA หรือเว็บไซต์ไม่ได้")
    CRITERIA_CHANGED = ("criteria-changed", "เกณฑ์ทางการประกาศแล้ว แต่ข้อมูลของปียังเตรียมตามเกณฑ์ชั่วคราว")


RULES = {rule.value: rule for rule in RuleId}


@dataclass(frozen=True)
class Finding:
    rule: RuleId
    severity: Severity
    item: str | None  # the item id, or None for the site as a whole
    message: str  # Thai: what is wrong and what to do
    url: str = ""
    location: Location | None = None
    basis: Requirement | None = None  # the catalogue requirement it stands on, for findings that can cost points
    element: str | None = None  # the element key it is about, where there is one (the preview shows it there)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rule", RuleId(self.rule))  # type: ignore[call-arg]  # a lookup by id; unknown: ValueError


def severity_of(requirement: Requirement, catalogue: Catalogue, *, element: bool = False) -> Severity:
    """A requirement costs the item for certain (error) only when the NACC or an assessor wrote it, and,
    for an element of a provisional year, only once the year's criteria are published."""
    if not requirement.basis.official or (element and catalogue.provisional):
        return Severity.WARNING
    return Severity.ERROR


def verdict(findings: list[Finding]) -> Verdict:
    if any(finding.severity is Severity.ERROR for finding in findings):
        return Verdict.ZERO
    return Verdict.AT_RISK if any(finding.severity is Severity.WARNING for finding in findings) else Verdict.PASS
