"""Last year's ITA results: loading, the analysis behind the O25 page, its checks and charts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from checks.content.rules import content_findings
from generator.basics.errors import ErrorLog, InvalidContent
from generator.content.catalogues import load_catalogues
from generator.content.load import load_model
from generator.model.results import analyse
from generator.pages.render import render_site
from tests.conftest import copy_project, write
from tests.test_render import assert_golden

SEEDS = Path(__file__).parent / "fixtures" / "seed_results"
GOLDEN = Path(__file__).parent / "golden"


def with_results(project: Path, seed: str) -> Path:
    """The example project with a seed unit's 2568 results in place of its own."""
    shutil.copy2(SEEDS / seed, project / "content" / "results" / "2568.yml")
    return project


@pytest.fixture(scope="module")
def model(example_root):
    return load_model(example_root)


@pytest.fixture
def o25(model):
    return next(item for item in model.items.values() if item.year == 2569 and item.analysis)


def o25_findings(model, item):
    spec_id = item.spec.id
    return [f for f in content_findings(model, 2569, date(2026, 4, 10)) if f.item == spec_id]


# ---- reproducing the seed reports -------------------------------------------------------


def test_khamsakaesaeng_analysis_names_its_zero_items_and_indicator_9_as_lowest(tmp_path):
    analysis = analyse(load_model(with_results(copy_project(tmp_path / "p"), "khamsakaesaeng-2568.yml")), 2568)
    assert analysis.results.score == 91.33  # read from Thai digits
    assert analysis.lowest.indicator.number == 9
    zeros = [item for item, score in analysis.lost_points(load_catalogues(ErrorLog())[2568]) if score == 0]
    assert zeros == ["o7", "o12", "o13", "o14", "o28"]


def test_khlongyai_analysis_names_its_50_point_items_and_indicator_4_as_lowest(tmp_path):
    analysis = analyse(load_model(with_results(copy_project(tmp_path / "p"), "khlongyai-2568.yml")), 2568)
    assert analysis.lowest.indicator.number == 4
    assert analysis.lost_points(load_catalogues(ErrorLog())[2568]) == [("o12", 50), ("o13", 50), ("o14", 50),
                                                                      ("o15", 50)]
    fourth = next(ind for ind in analysis.indicators if ind.indicator.number == 4)
    assert fourth.weakest == (("i10", 55.0),)


def test_last_years_losses_map_to_this_years_numbering(tmp_path):
    project = with_results(copy_project(tmp_path / "p"), "khlongyai-2568.yml")
    result = subprocess.run([sys.executable, "-m", "command.main", "status", "--today", "2569-02-01"],
                            cwd=project, capture_output=True, text=True, check=True)
    assert ("รายการที่เสียคะแนนเมื่อปีที่แล้ว ให้ตรวจก่อน: O11 (50 คะแนน), O12 (50 คะแนน), O13 (50 คะแนน), "
            "O14 (50 คะแนน)") in result.stdout
    rows = [match.group(1) for line in result.stdout.splitlines() if (match := re.match(r"│ (O\d+) ", line))]
    assert rows[:4] == ["O11", "O12", "O13", "O14"]


def test_status_counts_the_days_to_the_itas_window(example_root):
    result = subprocess.run([sys.executable, "-m", "command.main", "status", "--today", "2569-02-01"],
                            cwd=example_root, capture_output=True, text=True, check=True)
    assert "ช่วงกรอกข้อมูลในระบบ ITAS 1 มีนาคม 2569 – 30 เมษายน 2569: อีก 28 วันจะเริ่ม" in result.stdout


# ---- validation -------------------------------------------------------------------------


def test_a_score_above_100_names_file_line_and_field(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "content" / "results" / "2568.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  9: 92.25", "  9: 922.5"), encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        load_model(project)
    assert [str(e) for e in caught.value.errors] == [
        'content/results/2568.yml:18 ช่อง "indicators.9": คะแนน 922.5 ต้องอยู่ระหว่าง 0 ถึง 100'
    ]


def test_an_unknown_question_id_is_refused(tmp_path):
    project = copy_project(tmp_path / "p")
    write(project, "content/results/2568.yml",
          (project / "content/results/2568.yml").read_text(encoding="utf-8") + "  x99: 80\n")
    with pytest.raises(InvalidContent) as caught:
        load_model(project)
    assert "ไม่รู้จัก x99 (ต้องเป็นรหัสข้อในเกณฑ์ปี 2568)" in str(caught.value.errors[0])


def test_analysis_fields_are_refused_on_other_items(tmp_path):
    project = copy_project(tmp_path / "p")
    path = project / "content" / "items" / "2569" / "o1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("elements:", "measures: []\nelements:", 1),
                    encoding="utf-8")
    with pytest.raises(InvalidContent) as caught:
        load_model(project)
    assert "ช่องนี้ใช้ได้เฉพาะรายการที่วิเคราะห์ผลการประเมิน ITA ของปีก่อน" in str(caught.value.errors[0])


# ---- the checks catch each missing part ------------------------------------------------


def test_the_example_o25_is_complete(model, o25):
    assert o25_findings(model, o25) == []


def test_missing_results_leave_the_analysis_element_missing(model, o25):
    results = {year: value for year, value in model.results.items() if year != 2568}
    [finding] = o25_findings(replace(model, results=results), o25)
    assert (finding.rule, finding.severity.value) == ("missing-element", "error")
    assert "ยังไม่มีผลการประเมิน ITA 2568 ให้กรอกในไฟล์ content/results/2568.yml" in finding.message


def test_results_missing_an_indicator_do_not_cover_all_ten(model, o25):
    partial = replace(model.results[2568], indicators={n: s for n, s in model.results[2568].indicators.items() if n != 7})
    [finding] = o25_findings(replace(model, results={**model.results, 2568: partial}), o25)
    assert "ยังไม่มีคะแนนตัวชี้วัดที่ 7 การวิเคราะห์ต้องครอบคลุมทั้ง 10 ตัวชี้วัด" in finding.message


@pytest.mark.parametrize("column", ["measure", "steps", "period", "responsible"])
def test_a_measure_missing_a_column_is_flagged(model, o25, column):
    measures = (replace(o25.analysis.measures[0], **{column: ""}), *o25.analysis.measures[1:])
    item = replace(o25, analysis=replace(o25.analysis, measures=measures))
    model = replace(model, items={**model.items, (2569, o25.spec.id): item})
    [finding] = o25_findings(model, item)
    assert finding.rule == "missing-element" and "มาตรการที่ 1" in finding.message


def test_a_measure_pointing_to_an_indicator_that_does_not_exist_is_flagged(model, o25):
    measures = (replace(o25.analysis.measures[0], indicator=11), *o25.analysis.measures[1:])
    item = replace(o25, analysis=replace(o25.analysis, measures=measures))
    [finding] = o25_findings(replace(model, items={**model.items, (2569, o25.spec.id): item}), item)
    assert "อ้างถึงตัวชี้วัดที่ 11 ซึ่งไม่มี (มีตัวชี้วัดที่ 1–10)" in finding.message


# ---- the page -----------------------------------------------------------------------------


def test_o25_page_matches_golden(model, o25):
    page = render_site(model).pages[Path(f"ita/2569/{o25.spec.slug}/index.md")]
    assert_golden(page, GOLDEN / "ita__2569__o25__index.md")


def test_charts_are_inline_svg_with_a_title_and_no_other_host(model, o25):
    page = render_site(model).pages[Path(f"ita/2569/{o25.spec.slug}/index.md")]
    charts = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(charts) == 2
    for chart in charts:
        assert 'role="img"' in chart and "<title>" in chart
        assert re.findall(r"https?://[^\"' ]+", chart) == ["http://www.w3.org/2000/svg"]


def test_the_chart_numbers_are_also_in_a_table(model, o25):
    page = render_site(model).pages[Path(f"ita/2569/{o25.spec.slug}/index.md")]
    assert "| 2568 | 93.85 | ผ่านดี | 96.50 | 94.40 | 93.63 |" in page
