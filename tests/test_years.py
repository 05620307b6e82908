"""The one year rule, pinned by a table of cases (tests/fixtures/year_cases.yml): what staff declared
or what the assessor reads, and the verdict check, audit, status, the preview and add-document give."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.basics.thai import parse_be_date, parse_be_month, parse_be_month_span, parse_be_period
from generator.model import Dating, YearRule
from generator.model.years import Authority, Fit, Signal, judge

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "year_cases.yml").read_text(encoding="utf-8"))
AUTHORITY = {"declared": Authority.DECLARED, "document": Authority.DOCUMENT, "pointer": Authority.POINTER}


def declared(values: dict) -> Dating:
    period = str(values.get("period", ""))
    return Dating(
        fiscal_year=values.get("fiscal_year"),
        date=parse_be_date(values["date"]) if "date" in values else None,
        month=parse_be_month(values["month"]) if "month" in values else None,
        period=parse_be_period(period) if period and ".." not in period and "ไตรมาส" not in period else None,
        months=parse_be_month_span(period) if ".." in period or "ไตรมาส" in period else None,
    )


def signals_of(case: dict) -> list[Signal]:
    if "declared" in case:
        return [Signal.declared(declared(case["declared"]))]
    return [Signal(entry["authority"], entry["text"], AUTHORITY[entry["authority"]], titles=not entry.get("prose", False),
                   uncertain=entry.get("uncertain", False))
            for entry in case["signals"]]


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_year_rule_gives_the_verdict_of_the_table(case):
    assert judge(YearRule(case["rule"]), case["year"], signals_of(case)).fit is Fit(case["verdict"])


def test_a_wrong_document_keeps_the_weaker_signal_that_said_otherwise_for_the_message():
    link = Signal("ข้อความลิงก์", "แผนการดำเนินงาน ประจำปีงบประมาณ 2569")
    page = Signal("ข้อความหน้าแรกของไฟล์ PDF", "แผนการดำเนินงาน ประจำปีงบประมาณ พ.ศ. 2568", Authority.DOCUMENT, titles=False)
    judgement = judge(YearRule.CURRENT, 2569, [link, page])
    assert (judgement.fit, judgement.signal, judgement.overruled) == (Fit.WRONG, page, link)
    assert judgement.claim.written == "ประจำปีงบประมาณ พ.ศ. 2568"
