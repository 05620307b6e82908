"""What last year's ITA results say: per indicator its score, change, weakest points, and the
OIT items that lost points. Pure functions over ``Results`` and the analysed year's catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Catalogue, Indicator, Model, Results, YearRule

STRONG = 95.0  # an indicator at or above this keeps its level; below it needs work


@dataclass(frozen=True)
class IndicatorAnalysis:
    indicator: Indicator
    score: float | None
    change: float | None  # from the year before, when both years are known
    weakest: tuple[tuple[str, float], ...]  # lowest IIT/EIT questions, or OIT items scoring below 100
    note: str  # the unit's own analysis, if written

    @property
    def strong(self) -> bool:
        return self.score is not None and self.score >= STRONG


@dataclass(frozen=True)
class ResultsAnalysis:
    year: int
    results: Results
    previous: Results | None
    indicators: tuple[IndicatorAnalysis, ...]
    lowest: IndicatorAnalysis | None

    def lost_points(self, catalogue: Catalogue) -> list[tuple[str, float]]:
        """OIT items that scored 0 or 50, in catalogue order."""
        return [(spec.id, self.results.items[spec.id]) for spec in catalogue.items
                if self.results.items.get(spec.id, 100) < 100]


def _weakest(indicator: Indicator, catalogue: Catalogue, results: Results) -> tuple[tuple[str, float], ...]:
    if indicator.questions:
        scored = [(question, results.items[question]) for question in indicator.questions if question in results.items]
        if not scored:
            return ()
        low = min(score for _, score in scored)
        return tuple((question, score) for question, score in scored if score == low)
    return tuple((spec.id, results.items[spec.id]) for spec in catalogue.items
                 if spec.indicator == indicator.number and results.items.get(spec.id, 100) < 100)


def analyse(model: Model, year: int, notes: dict[int, str] | None = None) -> ResultsAnalysis | None:
    """The analysis of ITA ``year`` (the year before the one whose O25 page shows it)."""
    results = model.results.get(year)
    if results is None:
        return None
    previous = model.results.get(year - 1)
    catalogue = model.catalogues.get(year) or model.catalogues[model.unit.assessment_year]
    indicators = []
    for indicator in catalogue.indicators:
        score = results.indicators.get(indicator.number)
        before = previous.indicators.get(indicator.number) if previous else None
        change = round(score - before, 2) if score is not None and before is not None else None
        indicators.append(IndicatorAnalysis(indicator, score, change, _weakest(indicator, catalogue, results),
                                            (notes or {}).get(indicator.number, "")))
    scored = [analysis for analysis in indicators if analysis.score is not None]
    lowest = min(scored, key=lambda analysis: analysis.score or 0.0) if scored else None  # every one is scored
    return ResultsAnalysis(year, results, previous, tuple(indicators), lowest)


def last_year_scores(model: Model, year: int) -> dict[str, float]:
    """This year's item ids with the score their predecessor got in last year's ITA, when below 100."""
    results = model.results.get(year - 1)
    catalogue = model.catalogues.get(year)
    if results is None or catalogue is None:
        return {}
    return {spec.id: results.items[spec.continues] for spec in catalogue.items
            if spec.continues and results.items.get(spec.continues, 100) < 100}


def missing_results(model: Model) -> list[str]:
    """Thai notes for the results files the assessment year's analysis item still waits for."""
    year = model.unit.assessment_year
    waiting = [spec for spec in model.catalogues[year].items
               if spec.year_rule is YearRule.ANALYSIS_OF_PREVIOUS_ITA and model.item(year, spec.id)]
    return [f"{spec.id}: ยังไม่มีผลการประเมิน ITA {year - 1} หน้านี้จึงแสดงว่าอยู่ระหว่างจัดเตรียม "
            f"ให้กรอกผลที่สำนักงาน ป.ป.ช. ประกาศในไฟล์ content/results/{year - 1}.yml "
            f"(ดูตัวอย่างในคู่มือ GUIDE.th.md)" for spec in waiting if year - 1 not in model.results]
