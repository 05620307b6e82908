"""What a text or a declared dating says about its period, and whether that fits a year rule.

One rule for every command: ``ita check`` judges what staff declared (fiscal_year, date, month,
period), ``ita audit`` what the assessor reads (the document's own first page and metadata, the
link text, the file name, a page's headings), ``ita add-document`` what is about to be recorded;
all of them through ``judge``. The table of cases in tests/year_cases.yml pins it.

A text's years are read as claims, strongest first: a fiscal year named as such ("ปีงบประมาณ
2569", "ประจำปี พ.ศ. 2569"), a span of years ("2566–2570"), months or a quarter ("ตุลาคม 2568",
"ไตรมาส 1/2569"), a date ("30 กันยายน 2568") and, in a title or file name only, a bare year
(an annual document names its fiscal year so). Thai and Arabic digits, BE and CE, and short BE
forms ("ปีงบ 68", "ต.ค. 67") are read; numbers far from the assessment year are not years.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, IntEnum

from generator.basics.quoting import one_line
from generator.basics.thai import (
    BE_OFFSET,
    MONTHS,
    MONTHS_SHORT,
    MonthSpan,
    YearMonth,
    arabic_digits,
    fiscal_quarter,
    fiscal_year_of,
    month_number,
    span_text,
)
from generator.model import Dating, YearRule
from generator.model.yearrules import data_fiscal_year

PLAUSIBLE_BEFORE, PLAUSIBLE_AFTER = 15, 2  # years outside this window around the assessment are numbers, not dates


class Kind(IntEnum):
    """How much a claim says, weakest first: where claims of several kinds disagree, the strongest decides."""

    YEAR = 1  # a bare year, in a title or file name: that fiscal year
    DATE = 2  # a day: says when something was signed, not what year it is about
    MONTHS = 3  # a month, a run of months or a quarter
    SPAN = 4  # a span of years, as plans are
    FISCAL = 5  # a fiscal year named as such


class Authority(IntEnum):
    """Who says it, weakest first. What the document says of itself outranks what points to it; the upload
    path and file dates never decide (they only show in messages)."""

    INCIDENTAL = 1  # an upload path, a file's creation date
    POINTER = 2  # the link text, the file name, the title staff gave it
    DOCUMENT = 3  # the document's own first page, title, subject; an evidence page's headings and text
    DECLARED = 4  # what staff recorded in content/ (ita check judges the declaration)


@dataclass(frozen=True)
class Claim:
    kind: Kind
    months: MonthSpan  # the months the claim says the thing is about
    written: str  # as it stands in the text, for messages
    is_ce: bool = False
    day: date | None = None  # DATE claims

    @property
    def fiscal_years(self) -> range:
        return range(self.months[0].fiscal_year, self.months[1].fiscal_year + 1)


def _fiscal(year: int) -> MonthSpan:
    return YearMonth(year - 1, 10), YearMonth(year, 9)


# ---- reading claims from text -------------------------------------------------------------

_MONTH_WORDS = "|".join(re.escape(word) for word in sorted((*MONTHS, *(short.rstrip(".") for short in MONTHS_SHORT),
                                                            *MONTHS_SHORT), key=len, reverse=True))
_YEAR4 = r"(25\d\d|20\d\d)"
_YEAR = r"(25\d\d|20\d\d|\d\d)(?!\d)"
_BE_PREFIX = r"(?:พ\.?\s*ศ\.?\s*)?"
_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    # ไตรมาส 1/2569, ไตรมาสที่ 2 ปีงบประมาณ 2569: a quarter of a fiscal year
    (Kind.MONTHS, re.compile(rf"ไตรมาส(?:ที่)?\s*([1-4])\s*(?:/|ปี(?:งบประมาณ|งบ)?\s*\.?\s*{_BE_PREFIX})\s*{_YEAR}")),
    (Kind.FISCAL, re.compile(rf"(?:ปีงบประมาณ|ปีงบ\.?|ประจำปี(?:งบประมาณ)?|fiscal\s+year|FY)\s*{_BE_PREFIX}\s*{_YEAR}",
                             re.IGNORECASE)),
    (Kind.SPAN, re.compile(rf"(?<!\d){_YEAR4}\s*(?:[-–—]|ถึง)\s*{_BE_PREFIX}{_YEAR4}(?!\d)")),
    # 30 กันยายน 2568, 30 ก.ย. 68, 30/9/2568
    (Kind.DATE, re.compile(rf"(?<!\d)(\d{{1,2}})\s*(?:({_MONTH_WORDS})\s*{_BE_PREFIX}\s*{_YEAR}|[/.](\d{{1,2}})[/.]{_YEAR4})")),
    (Kind.MONTHS, re.compile(rf"(?:เดือน\s*)?({_MONTH_WORDS})\s*{_BE_PREFIX}\s*{_YEAR}")),
    (Kind.YEAR, re.compile(rf"(?<!\d){_YEAR4}(?!\d)")),
    (Kind.YEAR, re.compile(r"(?:ปี|พ\.?\s*ศ\.?)\s*(\d\d)(?!\d)")),  # ปี 68, พ.ศ. 68
]


def _year(digits: str, year: int) -> tuple[int, bool] | None:
    """A written year as BE (and whether it was CE), or None when it is no plausible year."""
    number = int(digits)
    if len(digits) == 2:
        number += 2500
    is_ce = 1900 < number < 2200
    be = number + BE_OFFSET if is_ce else number
    if not year - PLAUSIBLE_BEFORE <= be <= year + PLAUSIBLE_AFTER:
        return None
    return be, is_ce


def _claim(kind: Kind, match: re.Match[str], year: int) -> Claim | None:
    written = match.group(0).strip()
    groups = match.groups()
    if kind is Kind.MONTHS and written.startswith("ไตรมาส"):
        found = _year(groups[1], year)
        return Claim(kind, fiscal_quarter(found[0], int(groups[0])), written, found[1]) if found else None
    if kind is Kind.FISCAL or (kind is Kind.YEAR):
        found = _year(groups[0], year)
        return Claim(kind, _fiscal(found[0]), written, found[1]) if found else None
    if kind is Kind.SPAN:
        first, last = _year(groups[0], year) or (None, False), _year(groups[1], year) or (None, False)
        if first[0] is None or last[0] is None or last[0] < first[0]:
            return None
        return Claim(kind, (_fiscal(first[0])[0], _fiscal(last[0])[1]), written, first[1])
    if kind is Kind.DATE:
        day = int(groups[0])
        month = month_number(groups[1]) if groups[1] else int(groups[3])
        found = _year(groups[2] if groups[1] else groups[4], year)
        if not found or not month or not 1 <= month <= 12:
            return None
        try:
            when = date(found[0] - BE_OFFSET, month, day)
        except ValueError:
            return None
        at = YearMonth(found[0], month)
        return Claim(kind, (at, at), written, found[1], when)
    month = month_number(groups[0])
    found = _year(groups[1], year)
    if not month or not found:
        return None
    return Claim(kind, (YearMonth(found[0], month), YearMonth(found[0], month)), written, found[1])


def claims_in(text: str, year: int, *, titles: bool = True) -> list[Claim]:
    """The claims a text makes about its period, strongest patterns first, each stretch of text read once.
    In prose (``titles=False``: a page's text, a PDF's first page) a bare year is no claim: laws, plans
    and references name years that are not the document's."""
    text = arabic_digits(text)
    taken = [False] * len(text)
    found = []
    for kind, pattern in _PATTERNS:
        if kind is Kind.YEAR and not titles:
            continue
        for match in pattern.finditer(text):
            if any(taken[match.start():match.end()]):
                continue
            claim = _claim(kind, match, year)
            if claim:
                found.append(claim)
                taken[match.start():match.end()] = [True] * (match.end() - match.start())
    return found


def declared_claims(dating: Dating) -> list[Claim]:
    """What staff recorded for a piece of evidence, as claims of the same kinds a text makes."""
    found = []
    if dating.fiscal_year:
        found.append(Claim(Kind.FISCAL, _fiscal(dating.fiscal_year), f"ปีงบประมาณ {dating.fiscal_year}"))
    if dating.period:
        start, end = dating.period
        found.append(Claim(Kind.SPAN, (_fiscal(start)[0], _fiscal(end)[1]), f"พ.ศ. {start}–{end}"))
    if dating.months:
        found.append(Claim(Kind.MONTHS, dating.months, span_text(dating.months)))
    if dating.month:
        found.append(Claim(Kind.MONTHS, (dating.month, dating.month), dating.month.thai()))
    if dating.date:
        at = YearMonth(dating.date.year + BE_OFFSET, dating.date.month)
        found.append(Claim(Kind.DATE, (at, at), f"ลงวันที่ {dating.date.day} {at.thai()}", day=dating.date))
    return found


# ---- judging --------------------------------------------------------------------------------


class Fit(str, Enum):
    FITS = "fits"
    WRONG = "wrong"  # it states another period than the rule asks
    DOUBT = "doubt"  # dated only by a day of another fiscal year (signed before or after?): a risk, not a verdict
    UNDATED = "undated"


@dataclass(frozen=True)
class Signal:
    """One place a period is read: a link text, a file name, a PDF's first page, what staff declared."""

    source: str  # Thai: where it was read
    text: str
    authority: Authority = Authority.POINTER
    titles: bool = True  # a title or name (a bare year counts), not prose
    claims: tuple[Claim, ...] | None = field(default=None, compare=False)  # given ones (declared), else read from text
    uncertain: bool = False  # read by OCR, which misreads digits: it can show a fit, never another year

    def claims_for(self, year: int) -> list[Claim]:
        return list(self.claims) if self.claims is not None else claims_in(self.text, year, titles=self.titles)

    @classmethod
    def declared(cls, dating: Dating, where: str = "ที่กรอกไว้") -> Signal:
        return cls(where, "", Authority.DECLARED, claims=tuple(declared_claims(dating)))


def fits(rule: YearRule, year: int, claim: Claim) -> bool | None:
    """Whether one claim fits the rule in that assessment year; None when such a claim cannot tell
    (a single year says nothing of what a multi-year plan covers)."""
    if rule is YearRule.IN_FORCE:
        return True
    wanted = data_fiscal_year(rule, year)
    assert wanted is not None
    if rule is YearRule.MULTI_YEAR_COVERING:
        return year in claim.fiscal_years if claim.kind is Kind.SPAN else None
    if claim.kind is Kind.DATE:
        signed = fiscal_year_of(claim.day) if claim.day else claim.months[0].fiscal_year
        # A report on a year that has closed is signed in the year after it.
        return signed == wanted or (signed == wanted + 1 and rule in (YearRule.PREVIOUS, YearRule.PREVIOUS_MONTHLY))
    if claim.kind in (Kind.FISCAL, Kind.YEAR):
        return claim.months[0].fiscal_year == wanted
    return wanted in claim.fiscal_years  # a span of years or months that reaches into the wanted year


@dataclass(frozen=True)
class Judgement:
    fit: Fit
    signal: Signal | None = None  # what decided
    claim: Claim | None = None
    overruled: Signal | None = None  # a weaker signal that said otherwise (quoted beside the deciding one)


def _level(rule: YearRule, year: int, signals: list[Signal]) -> Judgement | None:
    """The verdict of the signals of one authority: the strongest kind of claim they make decides."""
    dated = [(signal, claim) for signal in signals for claim in signal.claims_for(year)
             if fits(rule, year, claim) is not None]
    if not dated:
        return None
    strongest = max(claim.kind for _, claim in dated)
    deciding = [(signal, claim) for signal, claim in dated if claim.kind is strongest]
    for signal, claim in deciding:
        if fits(rule, year, claim):
            return Judgement(Fit.FITS, signal, claim)
    signal, claim = next(((signal, claim) for signal, claim in deciding if not signal.uncertain), deciding[0])
    return Judgement(Fit.DOUBT if strongest is Kind.DATE or signal.uncertain else Fit.WRONG, signal, claim)


def judge(rule: YearRule, year: int, signals: Iterable[Signal]) -> Judgement:
    """Whether what is read fits the rule: the most authoritative signals that are dated decide; a weaker
    signal that disagrees is kept to be quoted beside them. Rules that take any year always fit."""
    if rule is YearRule.IN_FORCE:
        return Judgement(Fit.FITS)
    signals = list(signals)
    verdicts = []
    for authority in (Authority.DECLARED, Authority.DOCUMENT, Authority.POINTER):
        verdict = _level(rule, year, [signal for signal in signals if signal.authority is authority])
        if verdict:
            verdicts.append(verdict)
    if not verdicts:
        return Judgement(Fit.UNDATED)
    # A statement of the period (a fiscal year, a span, months; a year in a title) outranks a mere date
    # whoever makes it; among statements, and among dates, the more authoritative signal decides.
    decided = max(verdicts, key=lambda verdict: (verdict.claim is not None and verdict.claim.kind > Kind.DATE,
                                                 verdict.signal.authority if verdict.signal else 0))
    other = next((verdict for verdict in verdicts[1:] if verdict.fit is not decided.fit), None)
    return Judgement(decided.fit, decided.signal, decided.claim, other.signal if other else None)


def judge_any(rules: Iterable[YearRule], year: int, signals: Iterable[Signal]) -> tuple[YearRule, Judgement]:
    """The best judgement over several rules (an item whose elements ask for different years): a document
    fits the item when it fits the rule of any of its elements."""
    signals = list(signals)
    order = {Fit.FITS: 0, Fit.UNDATED: 1, Fit.DOUBT: 2, Fit.WRONG: 3}
    return min(((rule, judge(rule, year, signals)) for rule in rules), key=lambda pair: order[pair[1].fit])


def quoted(signal: Signal, claim: Claim | None = None) -> str:
    """'ข้อความหน้าแรกของไฟล์ PDF "…ปีงบประมาณ พ.ศ. 2568…"', short and on one line."""
    text = one_line(signal.text, 100_000)
    if claim and claim.written and signal.text:
        at = arabic_digits(text).find(arabic_digits(claim.written))
        text = text[max(0, at - 40):at + len(claim.written) + 40] if at >= 0 else text
    text = one_line(text, 120) or (claim.written if claim else "")
    return f'{signal.source} "{text}"'


# ---- titles against what staff declared (ita check) ---------------------------------------


def declared_years(dating: Dating) -> set[int]:
    """BE years a title may name for evidence dated like this: its fiscal year and the calendar years it
    touches (October–December fall in the year before), a plan's years."""
    years: set[int] = set()
    for claim in declared_claims(dating):
        years |= {claim.months[0].year, claim.months[1].year, *claim.fiscal_years}
    return years
