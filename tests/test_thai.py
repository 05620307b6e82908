from datetime import date

import pytest

from generator.basics.thai import (
    ReadError,
    YearMonth,
    fiscal_months,
    fiscal_year_of,
    fiscal_year_span,
    parse_be_date,
    parse_be_month,
    parse_be_period,
    parse_be_year,
    thai_date,
)


def test_thai_digits_are_read_as_arabic_digits():
    assert parse_be_year("๒๕๖๙") == 2569


def test_a_ce_year_is_refused_with_the_be_year_to_use():
    with pytest.raises(ReadError, match=r"2026 เป็นปี ค\.ศ\. ให้ใช้ปี พ\.ศ\. 2569"):
        parse_be_year(2026)


def test_fiscal_year_starts_on_the_first_of_october():
    assert fiscal_year_of(date(2025, 9, 30)) == 2568
    assert fiscal_year_of(date(2025, 10, 1)) == 2569


def test_fiscal_year_span_reads_in_thai():
    assert fiscal_year_span(2569) == "1 ตุลาคม 2568 – 30 กันยายน 2569"


def test_be_date_is_kept_as_a_ce_date_and_shown_in_be():
    day = parse_be_date("๒๕๖๙-๐๔-๐๕")
    assert day == date(2026, 4, 5)
    assert thai_date(day) == "5 เมษายน 2569"


def test_impossible_date_is_refused():
    with pytest.raises(ReadError, match="ไม่มีวันที่นี้ในปฏิทิน"):
        parse_be_date("2569-02-30")


def test_month_knows_its_fiscal_year():
    assert parse_be_month("2568-10").fiscal_year == 2569
    assert parse_be_month("2569-09").fiscal_year == 2569


def test_first_half_of_fiscal_year_runs_october_to_march():
    assert fiscal_months(2569, 6) == [YearMonth(2568, 10), YearMonth(2568, 11), YearMonth(2568, 12),
                                      YearMonth(2569, 1), YearMonth(2569, 2), YearMonth(2569, 3)]


def test_plan_period_must_not_run_backwards():
    assert parse_be_period("2566-2570") == (2566, 2570)
    with pytest.raises(ReadError, match="ปีสิ้นสุดมาก่อนปีเริ่มต้น"):
        parse_be_period("2570-2566")
