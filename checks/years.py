"""Years named in titles and file names: BE long and short forms, CE, Thai or Arabic digits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Dating
from generator.thai import BE_OFFSET, MONTHS, MONTHS_SHORT, arabic_digits, fiscal_year_of

_BE = re.compile(r"(?<!\d)(25\d\d)(?!\d)")
_CE = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
# "ปี 68", "พ.ศ. 68", "ปีงบประมาณ 68", "ต.ค. 67", "ตุลาคม 67": two digits after a year or month word.
_SHORT_PREFIX = "|".join(re.escape(word) for word in ("ปีงบประมาณ", "ปีงบ", "พ.ศ.", "ปี", *MONTHS, *MONTHS_SHORT))
_BE_SHORT = re.compile(rf"(?:{_SHORT_PREFIX})\s*\.?\s*(\d\d)(?!\d)")


@dataclass(frozen=True)
class YearMention:
    year_be: int
    written: str  # as it appears, for the message
    is_ce: bool = False


def mentioned_years(text: str) -> list[YearMention]:
    text = arabic_digits(text)
    found = [YearMention(int(m.group(1)), m.group(0)) for m in _BE.finditer(text)]
    found += [YearMention(int(m.group(1)) + BE_OFFSET, m.group(1), is_ce=True) for m in _CE.finditer(text)]
    found += [YearMention(2500 + int(m.group(1)), m.group(0)) for m in _BE_SHORT.finditer(text)]
    return found


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
