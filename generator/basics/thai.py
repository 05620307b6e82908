"""Thai digits, Buddhist-era years, fiscal years and Thai dates.

Pure functions only. Dates are kept as CE ``datetime.date`` inside the program and
shown in BE; fiscal year N (BE) runs 1 October N-1 to 30 September N.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

BE_OFFSET = 543
THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)

# A BE year as written in forms: anything from the first ITA to well past this tool's life.
BE_YEARS = range(2500, 2700)
CE_YEARS = range(1957, 2157)


def arabic_digits(text: str) -> str:
    """๒๕๖๙ → 2569; other characters unchanged."""
    return text.translate(THAI_DIGITS)


def be_to_ce(year_be: int) -> int:
    return year_be - BE_OFFSET


def ce_to_be(year_ce: int) -> int:
    return year_ce + BE_OFFSET


def be_iso(day: date) -> str:
    """date(2026, 4, 5) → '2569-04-05': a date as content files write it."""
    return f"{ce_to_be(day.year)}-{day.month:02}-{day.day:02}"


def fiscal_year_of(day: date) -> int:
    """The BE fiscal year a CE date falls in."""
    return ce_to_be(day.year + 1 if day.month >= 10 else day.year)


@dataclass(frozen=True, order=True)
class YearMonth:
    """A calendar month, year in BE."""

    year: int
    month: int

    @property
    def fiscal_year(self) -> int:
        return self.year + 1 if self.month >= 10 else self.year

    def next(self) -> YearMonth:
        return YearMonth(self.year + 1, 1) if self.month == 12 else YearMonth(self.year, self.month + 1)

    def thai(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}"

    def thai_short(self) -> str:
        return f"{MONTHS_SHORT[self.month - 1]} {self.year}"

    def iso(self) -> str:
        """YearMonth(2568, 10) → '2568-10', as content files write it."""
        return f"{self.year}-{self.month:02}"


MonthSpan = tuple[YearMonth, YearMonth]  # first and last month, both included


def months_of(span: MonthSpan) -> list[YearMonth]:
    months = [span[0]]
    while months[-1] < span[1]:
        months.append(months[-1].next())
    return months


def fiscal_quarter(fy: int, quarter: int) -> MonthSpan:
    """Quarter 1 of FY 2569 is October–December 2568."""
    first = fiscal_months(fy)[3 * (quarter - 1)]
    return first, fiscal_months(fy)[3 * quarter - 1]


def span_text(span: MonthSpan) -> str:
    """'ตุลาคม – ธันวาคม 2568', or the months with their years when they differ."""
    first, last = span
    if first == last:
        return first.thai()
    if first.year == last.year:
        return f"{MONTHS[first.month - 1]} – {last.thai()}"
    return f"{first.thai()} – {last.thai()}"


def fiscal_year_start(fy: int) -> date:
    return date(be_to_ce(fy - 1), 10, 1)


def fiscal_year_end(fy: int) -> date:
    return date(be_to_ce(fy), 9, 30)


def fiscal_months(fy: int, count: int = 12) -> list[YearMonth]:
    """The first ``count`` months of fiscal year ``fy``, October first."""
    months = [YearMonth(fy - 1, 10)]
    while len(months) < count:
        months.append(months[-1].next())
    return months


def thai_date(day: date) -> str:
    """2026-04-05 → '5 เมษายน 2569'."""
    return f"{day.day} {MONTHS[day.month - 1]} {ce_to_be(day.year)}"


def fiscal_year_span(fy: int) -> str:
    """'1 ตุลาคม 2568 – 30 กันยายน 2569' for FY 2569."""
    return f"{thai_date(fiscal_year_start(fy))} – {thai_date(fiscal_year_end(fy))}"


class ReadError(ValueError):
    """A year, date or score a person typed that cannot be read; the message is Thai."""


_YEAR = re.compile(r"^\s*(\d{4})\s*$")
_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_THAI_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{4})\s*$")  # 1/12/2569: day, month, BE year
_WORDS_DATE = re.compile(r"^\s*(\d{1,2})\s+(\S+)\s+(?:พ\.ศ\.\s*)?(\d{4})\s*$")  # 5 เมษายน 2569, 5 เม.ย. 2569
_MONTH_SPAN = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*(?:\.\.|–|ถึง)\s*(\d{4})-(\d{1,2})\s*$")
_QUARTER = re.compile(r"^\s*(?:ไตรมาส(?:ที่)?|q)\s*([1-4])\s*(?:/|ปี(?:งบประมาณ)?\s*(?:พ\.ศ\.)?)?\s*(\d{4})\s*$", re.IGNORECASE)
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_PERIOD = re.compile(r"^\s*(\d{4})\s*[-–]\s*(\d{4})\s*$")


def _be_year(digits: str) -> int:
    year = int(digits)
    if year in BE_YEARS:
        return year
    if year in CE_YEARS:
        raise ReadError(f"{year} เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. {ce_to_be(year)}")
    raise ReadError(f"{year} ไม่ใช่ปี พ.ศ. ที่ใช้ได้ (เช่น 2569)")


def parse_be_year(value: object) -> int:
    """'2569', 2569 or '๒๕๖๙' → 2569; a CE year gets a message that names the BE year."""
    match = _YEAR.match(arabic_digits(str(value)))
    if not match:
        raise ReadError(f'"{value}" ไม่ใช่ปี พ.ศ. 4 หลัก (เช่น 2569)')
    return _be_year(match.group(1))


def month_number(word: str) -> int | None:
    """'เมษายน', 'เม.ย.' or 'เม.ย' → 4."""
    word = word.strip()
    for number, (full, short) in enumerate(zip(MONTHS, MONTHS_SHORT, strict=True), start=1):
        if word in (full, short, short.rstrip(".")):
            return number
    return None


def parse_be_date(value: object) -> date:
    """'2569-04-05', '5/4/2569' (day/month/year, as Thai forms write it) or '5 เมษายน 2569' (BE, Thai
    digits allowed) → date(2026, 4, 5)."""
    text = arabic_digits(str(value))
    if match := _DATE.match(text):
        year_text, month, day = match.group(1), int(match.group(2)), int(match.group(3))
    elif match := _THAI_DATE.match(text):
        day, month, year_text = int(match.group(1)), int(match.group(2)), match.group(3)
    elif (match := _WORDS_DATE.match(text)) and month_number(match.group(2)):
        day, month, year_text = int(match.group(1)), month_number(match.group(2)) or 0, match.group(3)
    else:
        raise ReadError(f'"{value}" ไม่ใช่วันที่ (เขียนได้แบบ 2569-04-05, 5/4/2569 หรือ 5 เมษายน 2569)')
    year = _be_year(year_text)
    try:
        return date(be_to_ce(year), month, day)
    except ValueError:
        raise ReadError(f'"{value}" ไม่มีวันที่นี้ในปฏิทิน') from None


def parse_be_month(value: object) -> YearMonth:
    """'2568-10' → YearMonth(2568, 10)."""
    match = _MONTH.match(arabic_digits(str(value)))
    if not match:
        raise ReadError(f'"{value}" ไม่ใช่เดือนแบบ ปี พ.ศ.-เดือน (เช่น 2568-10)')
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise ReadError(f'"{value}" เดือนต้องอยู่ระหว่าง 1 ถึง 12')
    return YearMonth(_be_year(match.group(1)), month)


def parse_be_period(value: object) -> tuple[int, int]:
    """'2566-2570' → (2566, 2570): the years a multi-year plan covers."""
    match = _PERIOD.match(arabic_digits(str(value)))
    if not match:
        raise ReadError(f'"{value}" ไม่ใช่ช่วงปี พ.ศ. (เช่น 2566-2570)')
    start, end = _be_year(match.group(1)), _be_year(match.group(2))
    if end < start:
        raise ReadError(f'"{value}" ปีสิ้นสุดมาก่อนปีเริ่มต้น')
    return start, end


def parse_be_month_span(value: object) -> MonthSpan:
    """'2568-10..2568-12' (first and last month) or 'ไตรมาส 1/2569' (a fiscal quarter) → the months a
    document covers."""
    text = arabic_digits(str(value))
    if match := _QUARTER.match(text):
        return fiscal_quarter(_be_year(match.group(2)), int(match.group(1)))
    match = _MONTH_SPAN.match(text)
    if not match:
        raise ReadError(f'"{value}" ไม่ใช่ช่วงเดือน (เช่น 2568-10..2568-12 หรือ ไตรมาส 1/2569)')
    first = parse_be_month(f"{match.group(1)}-{match.group(2)}")
    last = parse_be_month(f"{match.group(3)}-{match.group(4)}")
    if last < first:
        raise ReadError(f'"{value}" เดือนสุดท้ายมาก่อนเดือนแรก')
    if len(months_of((first, last))) > 12:
        raise ReadError(f'"{value}" ยาวเกิน 12 เดือน ให้แยกเป็นรายปี')
    return first, last


def is_month_span(value: object) -> bool:
    """Whether a ``period`` is written as months or a quarter rather than as years."""
    text = arabic_digits(str(value))
    return bool(_MONTH_SPAN.match(text) or _QUARTER.match(text) or ".." in text)


def parse_score(value: object) -> float:
    """'๙๑.๓๓' or 91.33 → 91.33: an ITA score from 0 to 100."""
    try:
        number = float(arabic_digits(str(value)).replace(",", ""))
    except ValueError:
        raise ReadError(f'"{value}" ไม่ใช่ตัวเลขคะแนน') from None
    if not 0 <= number <= 100:
        raise ReadError(f"คะแนน {value} ต้องอยู่ระหว่าง 0 ถึง 100")
    return number
