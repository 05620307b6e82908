"""Years named in titles, file names, pages and documents: BE long and short forms, CE, Thai or
Arabic digits, fiscal-year wording and ranges; and whether what an assessor sees fits an item's
year rule. ``ita check`` compares titles with the declared dating, ``ita audit`` judges the
signals of the live site with ``judge``: one module for both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from collections.abc import Iterable
from enum import Enum

from generator.model import Dating, YearRule
from generator.basics.thai import BE_OFFSET, MONTHS, MONTHS_SHORT, arabic_digits, fiscal_year_of
from generator.model.yearrules import data_fiscal_year

_BE = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
_CE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# "ปี 68", "พ.ศ. 68", "ปีงบประมาณ 68", "ต.ค. 67", "ตุลาคม 67": two digits after a year or month word.
_SHORT_PREFIX = "|".join(re.escape(word) for word in ("ปีงบประมาณ", "ปีงบ", "พ.ศ.", "ปี", *MONTHS, *MONTHS_SHORT))
_BE_SHORT = re.compile(rf"(?:{_SHORT_PREFIX})\s*\.?\s*(\d\d)(?!\d)")
_FISCAL = re.compile(r"(?:งบประมาณ|ปีงบ\.?)\s*(?:พ\.ศ\.)?\s*$")  # the words just before a fiscal year
_RANGE = re.compile(r"(?<!\d)(25\d\d)\s*[-–—]\s*(25\d\d)(?!\d)")


@dataclass(frozen=True)
class YearMention:
    year_be: int
    written: str  # as it appears, for the message
    is_ce: bool = False
    fiscal: bool = False  # named as a fiscal year: "ปีงบประมาณ 2568", "ปีงบ 68"


def mentioned_years(text: str) -> list[YearMention]:
    text = arabic_digits(text)

    def fiscal(match: re.Match[str]) -> bool:
        return bool(_FISCAL.search(text[max(0, match.start() - 20):match.start()])) or "งบ" in match.group(0)

    found = [YearMention(int(m.group(1)), m.group(0), fiscal=fiscal(m)) for m in _BE.finditer(text)]
    found += [YearMention(int(m.group(1)) + BE_OFFSET, m.group(1), is_ce=True) for m in _CE.finditer(text)]
    found += [YearMention(2500 + int(m.group(1)), m.group(0), fiscal=fiscal(m)) for m in _BE_SHORT.finditer(text)]
    return found


def mentioned_ranges(text: str) -> list[tuple[int, int]]:
    """Year spans such as a plan's "พ.ศ. 2566–2570"."""
    return [(int(m.group(1)), int(m.group(2))) for m in _RANGE.finditer(arabic_digits(text))
            if int(m.group(1)) <= int(m.group(2))]


def declared_years(dating: Dating) -> set[int]:
    """BE years a title may name for evidence dated like this."""
    years: set[int] = set()
    if dating.fiscal_year:
        years |= {dating.fiscal_year, dating.fiscal_year - 1}  # October–December fall in the year before
    if dating.month:
        years |= {dating.month.year, dating.month.fiscal_year}
    if dating.date:
        years |= {dating.date.year + BE_OFFSET, fiscal_year_of(dating.date)}
    if dating.period:
        years |= set(range(dating.period[0], dating.period[1] + 1))
    return years


# ---- judging what the assessor sees (ita audit) -------------------------------------------

PLAUSIBLE_BEFORE, PLAUSIBLE_AFTER = 15, 2  # years outside this window around the assessment are numbers, not dates


class Fit(str, Enum):
    FITS = "fits"
    WRONG = "wrong"  # dated, and no year it names fits the rule
    UNDATED = "undated"


@dataclass(frozen=True)
class Signal:
    """One place an assessor reads a year: a link text, a file name, a heading, PDF metadata, page 1."""

    source: str  # Thai: where it was read
    text: str
    # Fiscal years known otherwise (a PDF's creation date): they can show a fit, never a wrong year,
    # since a right document is often saved again later.
    supporting_years: tuple[int, ...] = ()


def _fits(rule: YearRule, year: int, mention: YearMention) -> bool:
    wanted = data_fiscal_year(rule, year)
    assert wanted is not None
    if mention.fiscal:
        return mention.year_be == wanted
    if rule in (YearRule.PREVIOUS, YearRule.PREVIOUS_MONTHLY):
        return mention.year_be in (wanted - 1, wanted, wanted + 1)  # data, its Oct–Dec, the signing
    return mention.year_be in (wanted - 1, wanted)  # October–December fall in the calendar year before


def fit(rule: YearRule, year: int, signal: Signal) -> Fit:
    """Whether the years a signal names fit the item's rule in that assessment year."""
    ranges = mentioned_ranges(signal.text)
    if any(start <= year <= end for start, end in ranges):
        return Fit.FITS
    if rule is YearRule.MULTI_YEAR_COVERING:
        return Fit.WRONG if ranges else Fit.UNDATED  # single years do not tell what a plan covers
    mentions = [mention for mention in mentioned_years(signal.text)
                if year - PLAUSIBLE_BEFORE <= mention.year_be <= year + PLAUSIBLE_AFTER]
    supporting = [YearMention(fiscal, str(fiscal)) for fiscal in signal.supporting_years]
    if any(_fits(rule, year, mention) for mention in mentions + supporting):
        return Fit.FITS
    return Fit.WRONG if mentions or ranges else Fit.UNDATED


def judge(rule: YearRule, year: int, signals: Iterable[Signal]) -> tuple[Fit, Signal | None]:
    """FITS if any signal fits; WRONG (with the deciding signal) if every dated one names another year;
    else UNDATED. Rules that take any year (in force) always fit."""
    if data_fiscal_year(rule, year) is None:
        return Fit.FITS, None
    wrong = None
    for signal in signals:
        verdict = fit(rule, year, signal)
        if verdict is Fit.FITS:
            return Fit.FITS, signal
        wrong = wrong or (signal if verdict is Fit.WRONG else None)
    return (Fit.WRONG, wrong) if wrong else (Fit.UNDATED, None)
