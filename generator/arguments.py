"""Command-line argument types: BE years and dates typed by staff, refused with a Thai message."""

from __future__ import annotations

import argparse
from datetime import date

from generator.thai import ReadError, parse_be_date, parse_be_year


def be_year(value: str) -> int:
    try:
        return parse_be_year(value)
    except ReadError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def be_date(value: str) -> date:
    try:
        return parse_be_date(value)
    except ReadError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
