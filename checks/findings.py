"""Findings, their stable rule ids, and the verdict of an item.

A rule's id never changes once published: reports, waivers and CI filters key on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.basics.errors import Location


class Severity(str, Enum):
    ERROR = "error"  # the item would score zero
    WARNING = "warning"  # the item is at risk; fix it, or confirm it by hand
    NOTE = "note"  # worth knowing; does not change the verdict


class Verdict(str, Enum):
    PASS = "pass"
    AT_RISK = "at_risk"
    ZERO = "zero"


@dataclass(frozen=True)
class Rule:
    id: str
    summary: str  # Thai, one line, for the README and the HTML report


RULES = {rule.id: rule for rule in (
    Rule("missing-item", "ไม่มีรายการนี้บนเว็บไซต์"),
    Rule("missing-element", "องค์ประกอบที่กำหนดไม่มีหลักฐาน"),
    Rule("missing-month", "ข้อมูลรายเดือนขาดบางเดือน"),
    Rule("wrong-year", "หลักฐานเป็นของปีงบประมาณที่ไม่ตรงกับเกณฑ์"),
    Rule("year-mismatch", "ชื่อเอกสารหรือชื่อไฟล์ระบุปีไม่ตรงกับปีที่กรอกไว้"),
    Rule("off-domain", "ลิงก์ไม่อยู่บนเว็บไซต์หลักของหน่วยงาน"),
    Rule("redirect-off-domain", "ลิงก์เปลี่ยนเส้นทางไปยังเว็บไซต์อื่น"),
    Rule("dead-link", "เปิดลิงก์ไม่ได้"),
    Rule("timeout", "เว็บไซต์ไม่ตอบภายในเวลาที่กำหนด"),
    Rule("tls-error", "ใบรับรองความปลอดภัย (HTTPS) ของเว็บไซต์มีปัญหา"),
    Rule("soft-404", "หน้าเว็บเปิดได้แต่แจ้งว่าไม่พบข้อมูลหรือต้องเข้าสู่ระบบ"),
    Rule("rate-limited", "เว็บไซต์ขอให้ลดความถี่ในการเรียก ตรวจซ้ำภายหลัง"),
    Rule("forbidden", "เว็บไซต์ปฏิเสธการเข้าถึง ต้องตรวจด้วยตนเอง"),
    Rule("wrong-content-type", "ชนิดไฟล์ที่ได้รับไม่ตรงกับนามสกุลไฟล์"),
    Rule("bad-document", "ไฟล์เอกสารว่างหรือข้างในไม่ใช่ชนิดตามนามสกุล เปิดแล้วไม่เห็นเนื้อหา"),
    Rule("bad-url", "ที่อยู่ลิงก์ไม่ถูกต้อง เบราว์เซอร์เปิดไม่ได้"),
    Rule("unknown-item", "รายการ URL มีแถวของรายการที่ไม่มีในเกณฑ์ปีนั้น"),
    Rule("todo-left", "รายการยังมีสิ่งที่ต้องทำค้างอยู่ (ช่อง todo หรือข้อความ ต้องทำ ในคำอธิบาย)"),
    Rule("year-unclear", "ไม่พบปีในหัวเรื่อง ชื่อเอกสาร หรือเนื้อหาเอกสาร ผู้ตรวจอาจตัดสินว่าไม่ใช่ข้อมูลของปีที่ประเมิน"),
    Rule("unverified", "ตรวจไม่ได้ว่าผู้ตรวจจะเห็นอะไร ต้องเปิดดูด้วยตนเอง"),
    Rule("missing-page", "ไม่มีหน้ารายการในเว็บไซต์ที่สร้างแล้ว"),
    Rule("broken-link", "ลิงก์ภายในเว็บไซต์ชี้ไปยังหน้าหรือไฟล์ที่ไม่มี"),
    Rule("external-asset", "หน้าเว็บโหลดไฟล์จากเว็บไซต์อื่น"),
    Rule("month-conflict", "เดือนเดียวกันมีทั้งเอกสารและข้อความว่าไม่มีรายการ ข้อมูลขัดกัน"),
    Rule("stale-site", "เว็บไซต์ที่สร้างไว้เก่ากว่าข้อมูลใน content/ ต้องสั่ง ita build ใหม่"),
    Rule("stale-window", "ช่วงกรอกข้อมูลในระบบ ITAS (itas_window) เป็นของปีก่อน"),
    Rule("removed-url", "ที่อยู่ที่เคยเผยแพร่แล้วหายไปจากเว็บไซต์"),
    Rule("example-content", "ยังมีชื่อหรือเอกสารของหน่วยงานตัวอย่างอยู่ ต้องเปลี่ยนเป็นของหน่วยงาน"),
)}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    item: str | None  # the item id, or None for the site as a whole
    message: str  # Thai: what is wrong and what to do
    url: str = ""
    location: Location | None = None

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule id {self.rule!r}")


def verdict(findings: list[Finding]) -> Verdict:
    if any(finding.severity is Severity.ERROR for finding in findings):
        return Verdict.ZERO
    return Verdict.AT_RISK if any(finding.severity is Severity.WARNING for finding in findings) else Verdict.PASS
