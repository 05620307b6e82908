"""new-year and publish-year change content/unit.yml as YAML reads it, whatever style staff wrote.

Each style a unit.yml can be written in (quoted keys, a flow mapping, a BOM, Windows line endings,
comments) is edited value by value: the file afterwards says exactly the new years and keeps every
other byte; a file that cannot be edited that way is refused with a Thai message and left as it was.
An earlier year is refused; the current year only fills the item files that are missing.
"""

from __future__ import annotations

import codecs

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from command.main import main
from generator.basics.errors import ConfigError
from tests.conftest import copy_project
from tests.test_build_never_loses_anything import tree_snapshot
from workflow.unit_file import DELETE, edit_unit_file

STYLES = {
    "block": "name: อบต.ก\nassessment_year: 2569\nmain_website: https://a.go.th/\n",
    "quoted keys": '"name": อบต.ก\n"assessment_year": 2569\n\'main_website\': https://a.go.th/\n',
    "flow": "{name: อบต.ก, assessment_year: 2569, main_website: 'https://a.go.th/'}\n",
    "comments": "# หน่วยงาน\nname: อบต.ก  # ชื่อเต็ม\nassessment_year: 2569   # ปีที่ประเมิน\nmain_website: https://a.go.th/\n",
    "thai digits quoted": "name: อบต.ก\nassessment_year: \"2569\"\nmain_website: https://a.go.th/\n",
}


@pytest.mark.parametrize("crlf", [False, True], ids=["lf", "crlf"])
@pytest.mark.parametrize("bom", [False, True], ids=["utf8", "bom"])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_a_new_year_and_its_publication_are_written_as_asked_in_any_style(tmp_path, style, bom, crlf):
    text = STYLES[style].replace("\n", "\r\n") if crlf else STYLES[style]
    path = tmp_path / "unit.yml"
    path.write_bytes((codecs.BOM_UTF8 if bom else b"") + text.encode())
    edit_unit_file(path, {"assessment_year": 2570, "public_year": 2569}, after="assessment_year")
    raw = path.read_bytes()
    data = yaml.safe_load(raw.decode("utf-8-sig"))
    assert (data["assessment_year"], data["public_year"], data["name"]) == (2570, 2569, "อบต.ก")
    assert raw.startswith(codecs.BOM_UTF8) is bom and (b"\r\n" in raw) is crlf and b"\r\r" not in raw
    edit_unit_file(path, {"public_year": DELETE}, after="assessment_year")
    data = yaml.safe_load(path.read_bytes().decode("utf-8-sig"))
    assert "public_year" not in data and data["assessment_year"] == 2570
    assert path.read_bytes().startswith(codecs.BOM_UTF8) is bom  # publish-year keeps the BOM
    if style == "comments":
        assert "# ชื่อเต็ม" in path.read_text(encoding="utf-8-sig")


def test_a_value_that_cannot_be_edited_in_place_refuses_and_keeps_the_file(tmp_path):
    path = tmp_path / "unit.yml"
    path.write_text("name: อบต.ก\nassessment_year: &y 2569\nother: *y\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(ConfigError, match="ให้แก้เอง"):
        edit_unit_file(path, {"assessment_year": 2570}, after="assessment_year")
    assert path.read_bytes() == before


@settings(max_examples=60, deadline=None)
@given(extra=st.dictionaries(st.sampled_from(["phone", "address", "email", "district"]),
                             st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), max_size=3),
       flow=st.booleans())
def test_any_other_field_is_kept_exactly(tmp_path_factory, extra, flow):
    data = {"name": "อบต.ก", "assessment_year": 2569, **extra}
    path = tmp_path_factory.mktemp("unit") / "unit.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow), encoding="utf-8")
    edit_unit_file(path, {"assessment_year": 2570, "public_year": 2569}, after="assessment_year")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {**data, "assessment_year": 2570, "public_year": 2569}


def test_new_year_for_an_earlier_year_changes_nothing(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    before = tree_snapshot(project / "content")
    assert main(["--root", str(project), "new-year", "--year", "2568"]) == 3
    assert "ปีที่ผ่านมาแล้ว" in capsys.readouterr().err
    assert tree_snapshot(project / "content") == before


def test_new_year_with_a_flow_style_unit_file_moves_the_year_for_real(tmp_path):
    project = copy_project(tmp_path / "project")
    unit = project / "content" / "unit.yml"
    data = yaml.safe_load(unit.read_text(encoding="utf-8"))
    unit.write_text(yaml.safe_dump(data, allow_unicode=True, default_flow_style=True, width=10_000), encoding="utf-8")
    assert main(["--root", str(project), "new-year"]) == 0
    after = yaml.safe_load(unit.read_text(encoding="utf-8"))
    assert (after["assessment_year"], after["public_year"]) == (2570, 2569)
    assert (project / "content" / "items" / "2570").is_dir()
