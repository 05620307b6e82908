"""Command-line argument types: BE years and dates typed by staff, refused with a Thai message."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from datetime import date
from typing import TypeVar

from generator.basics.thai import (
    ReadError,
    be_iso,
    fiscal_quarter,
    is_month_span,
    parse_be_date,
    parse_be_month,
    parse_be_month_span,
    parse_be_period,
    parse_be_year,
)

T = TypeVar("T")


def _typed(parse: Callable[[str], T]) -> Callable[[str], T]:
    def convert(value: str) -> T:
        try:
            return parse(value)
        except ReadError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
    return convert


be_year = _typed(parse_be_year)
be_date: Callable[[str], date] = _typed(parse_be_date)


# The same values, written back as the content files spell them (BE, Arabic digits, zero-padded).
def _date_text(value: str) -> str:
    return be_iso(parse_be_date(value))


def _month_text(value: str) -> str:
    month = parse_be_month(value)
    return f"{month.year}-{month.month:02}"


def _period_text(value: str) -> str:
    """Years of a plan (2566-2570), or the months a document covers (ไตรมาส 1/2569, 2568-10..2568-12)."""
    if is_month_span(value):
        first, last = parse_be_month_span(value)
        quarters = {fiscal_quarter(first.fiscal_year, number): number for number in range(1, 5)}
        number = quarters.get((first, last))
        return f"ไตรมาส {number}/{first.fiscal_year}" if number else f"{first.iso()}..{last.iso()}"
    start, end = parse_be_period(value)
    return f"{start}-{end}"


be_date_text = _typed(_date_text)
be_month_text = _typed(_month_text)
be_period_text = _typed(_period_text)


def positive_number(kind: type[int] | type[float], *, zero: bool = False) -> Callable[[str], int | float]:
    """A count or a number of seconds: finite, above zero (or zero when allowed), with a Thai message."""
    def convert(value: str) -> int | float:
        try:
            number = kind(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f'"{value}" ไม่ใช่ตัวเลข{"จำนวนเต็ม" if kind is int else ""}') from None
        if not math.isfinite(number) or number < 0 or (number == 0 and not zero):
            raise argparse.ArgumentTypeError(f'"{value}" ต้องเป็นตัวเลขที่มากกว่า{"หรือเท่ากับ" if zero else ""} 0')
        if number > 10**6:
            raise argparse.ArgumentTypeError(f'"{value}" มากเกินไป')
        return number
    convert.__name__ = kind.__name__  # argparse names the type in its message
    return convert
