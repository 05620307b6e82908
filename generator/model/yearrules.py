"""What each year rule asks of an item in a given assessment year, in numbers and in Thai."""

from __future__ import annotations

from generator.basics.thai import MONTHS, YearMonth, fiscal_months, fiscal_year_span
from generator.model import YearRule

FIRST_HALF = 6  # October to March: the part of the year ITAS looks at for current-year data


def data_fiscal_year(rule: YearRule, year: int) -> int | None:
    """The fiscal year the evidence must be about; None when any year will do."""
    if rule in (YearRule.PREVIOUS, YearRule.PREVIOUS_MONTHLY):
        return year - 1
    if rule is YearRule.IN_FORCE:
        return None
    return year


def required_months(rule: YearRule, year: int) -> list[YearMonth]:
    """Months that each need an entry (monthly items only)."""
    if rule is YearRule.CURRENT_MONTHLY:
        return fiscal_months(year, FIRST_HALF)
    if rule is YearRule.PREVIOUS_MONTHLY:
        return fiscal_months(year - 1)
    return []


def explain(rule: YearRule, year: int) -> str:
    """The rule in plain Thai for staff and visitors."""
    previous = year - 1
    first_half = f"{MONTHS[9]} {previous} – {MONTHS[2]} {year}"
    texts = {
        YearRule.CURRENT: f"ข้อมูลของปีงบประมาณ พ.ศ. {year} ({fiscal_year_span(year)})",
        YearRule.CURRENT_H1: (
            f"ข้อมูลของปีงบประมาณ พ.ศ. {year} ครอบคลุมอย่างน้อยครึ่งปีแรก ({first_half})"
        ),
        YearRule.CURRENT_MONTHLY: (
            f"ข้อมูลรายเดือนของปีงบประมาณ พ.ศ. {year} เดือนละรายการ อย่างน้อยตั้งแต่ {first_half} "
            "เดือนที่ไม่มีรายการให้ระบุว่าไม่มี"
        ),
        YearRule.PREVIOUS: f"รายงานของปีงบประมาณ พ.ศ. {previous} ({fiscal_year_span(previous)})",
        YearRule.PREVIOUS_MONTHLY: (
            f"ข้อมูลของปีงบประมาณ พ.ศ. {previous} ครบทั้ง 12 เดือน ({fiscal_year_span(previous)})"
        ),
        YearRule.IN_FORCE: "ฉบับที่ใช้อยู่ในปัจจุบัน ไม่จำกัดปีที่จัดทำ แต่ต้องเป็นข้อมูลล่าสุด",
        YearRule.MULTI_YEAR_COVERING: f"แผนระยะหลายปีที่ช่วงเวลาของแผนครอบคลุมปี พ.ศ. {year}",
        YearRule.ANALYSIS_OF_PREVIOUS_ITA: (
            f"การวิเคราะห์ผลการประเมิน ITA {previous} และมาตรการที่นำไปปฏิบัติในปีงบประมาณ พ.ศ. {year}"
        ),
    }
    return texts[rule]
