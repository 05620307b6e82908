import re
import shutil
import tokenize
from pathlib import Path

from generator.basics.errors import ErrorLog
from generator.content.catalogues import CRITERIA_DIR, load_catalogues
from generator.model import Basis, Requirement, YearRule

ROOT = Path(__file__).resolve().parents[1]


def catalogues():
    log = ErrorLog()
    loaded = load_catalogues(log)
    assert log.errors == []
    return loaded


def test_2568_has_o1_to_o28_split_into_indicators_9_and_10():
    year = catalogues()[2568]
    assert [spec.id for spec in year.items] == [f"o{n}" for n in range(1, 29)]
    assert {spec.id for spec in year.items if spec.indicator == 10} == {f"o{n}" for n in range(21, 29)}


def test_2569_has_o1_to_o26_with_o25_the_use_of_ita_results():
    year = catalogues()[2569]
    assert [spec.id for spec in year.items] == [f"O{n}" for n in range(1, 27)]
    assert year.item("O25").title == "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"
    assert year.item("O25").year_rule is YearRule.ANALYSIS_OF_PREVIOUS_ITA


def test_2569_procurement_items_continue_the_2568_ones():
    year = catalogues()[2569]
    assert year.item("O11").continues == "o12"
    assert year.item("O12").continues == "o13"


def test_only_elements_the_nacc_or_an_assessor_wrote_are_official():
    o25 = catalogues()[2569].item("O25")
    assert all(element.official and element.requirement == Requirement(Basis.NACC, "S2") for element in o25.elements)
    o8 = catalogues()[2569].item("O8")
    assert not any(element.official for element in o8.elements)
    assert {element.requirement.basis for element in o8.elements} == {Basis.PRACTICE}


def test_every_named_source_is_listed_and_only_the_tools_policy_stands_without_one():
    for catalogue in catalogues().values():
        requirements = [*catalogue.rules.values(), *(spec.year_requirement for spec in catalogue.items),
                        *(element.requirement for spec in catalogue.items for element in spec.elements)]
        for requirement in requirements:
            keys = [key.strip() for key in requirement.source.split(",") if key.strip()]
            assert all(key in catalogue.sources for key in keys), (catalogue.year, requirement)
            assert keys or requirement.basis is Basis.POLICY, (catalogue.year, requirement)


def test_a_named_source_missing_from_the_list_is_an_error_with_its_line(tmp_path):
    criteria = tmp_path / "criteria"
    shutil.copytree(CRITERIA_DIR, criteria)
    path = criteria / "2569.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('source: "S3", label: ยุทธศาสตร์', 'source: "S99", label: ยุทธศาสตร์'),
                    encoding="utf-8")
    log = ErrorLog()
    load_catalogues(log, criteria)
    [error] = log.errors
    assert str(error).startswith("generator/criteria/2569.yml:") and "ไม่มีแหล่งที่มา S99 ในส่วน sources" in str(error)


def test_a_new_year_is_one_new_file(tmp_path):
    criteria = tmp_path / "criteria"
    shutil.copytree(CRITERIA_DIR, criteria)
    text = (criteria / "2569.yml").read_text(encoding="utf-8").replace("year: 2569", "year: 2570")
    text = re.sub(r"\n +continues: O?\w+", "", text)  # the NACC's new list says what continues what
    (criteria / "2570.yml").write_text(text, encoding="utf-8")
    log = ErrorLog()
    assert sorted(load_catalogues(log, criteria)) == [2568, 2569, 2570]
    assert log.errors == []


def test_a_continuation_must_name_an_item_of_the_previous_year(tmp_path):
    criteria = tmp_path / "criteria"
    shutil.copytree(CRITERIA_DIR, criteria)
    path = criteria / "2569.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("continues: o12", "continues: o99"), encoding="utf-8")
    log = ErrorLog()
    load_catalogues(log, criteria)
    assert [str(error) for error in log.errors] == [
        (f'generator/criteria/2569.yml:{line_of(path, "continues: o99")} ช่อง "items.O11.continues": '
        'ไม่มีรายการ "o99" ในเกณฑ์ปี 2568')
    ]


def line_of(path, text):
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def literals(path):
    with path.open("rb") as source:
        tokens = list(tokenize.tokenize(source.readline))
    return ([tok.string for tok in tokens if tok.type == tokenize.NUMBER],
            [tok.string for tok in tokens if tok.type == tokenize.STRING])


def test_no_item_id_title_or_assessment_year_is_written_in_python_code():
    titles = [spec.title for catalogue in catalogues().values() for spec in catalogue.items]
    item_id = re.compile(r"""^[rbf]*["'][oO]\d{1,2}["']$""")
    for path in [*ROOT.glob("generator/**/*.py"), *ROOT.glob("checks/**/*.py")]:
        numbers, strings = literals(path)
        assert not [number for number in numbers if re.fullmatch(r"25[6-9]\d", number)], path
        assert not [string for string in strings if item_id.match(string)], path
        assert not [title for title in titles if len(title) > 12 and any(title in string for string in strings)], path
