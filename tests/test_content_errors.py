"""Bad input: one Thai message per problem, naming file, line and field; all shown together."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from generator.basics.errors import InvalidContent
from generator.content.load import load_model
from tests.conftest import write

ORG_CHART = """\
    ---
    item: O1
    year: 2569
    owner: สำนักปลัด
    elements:
      org_chart:
        - document: {path}
          title: แผนผังโครงสร้างองค์กร
          {dating}
    ---
    โครงสร้างของเทศบาล
    """


def errors_of(root):
    with pytest.raises(InvalidContent) as caught:
        load_model(root)
    return [str(error) for error in caught.value.errors]


def test_the_example_unit_loads_without_errors(example_project):
    model = load_model(example_project)
    assert model.unit.assessment_year == 2569
    assert len(model.items) == 26 + 28


def test_malformed_yaml_names_the_line(small_unit):
    write(small_unit, "content/items/2569/o1.md", """\
        ---
        item: O1
        year: 2569
        owner: สำนักปลัด: งานธุรการ
        ---
        """)
    assert errors_of(small_unit) == [
        ('content/items/2569/o1.md:4: รูปแบบ YAML ไม่ถูกต้อง: มีเครื่องหมาย : อยู่ในค่า ให้ครอบค่าทั้งหมดด้วยเครื่องหมายคำพูด '
        'เช่น title: "ประกาศ: เรื่อง..." หรือบรรทัดก่อนหน้าขาดเครื่องหมาย :')
    ]


@pytest.mark.parametrize("text, says", [
    ("---\nitem: O1\n\tyear: 2569\n---\n", "มีการกดปุ่ม Tab"),
    ("---\nitem: O1\nyear: 2569\n owner: ก\n---\n", "เครื่องหมาย :"),
    ("---\nitem: O1\nelements:\n  a: 1\n b: 2\n---\n", "ย่อหน้า"),
    ("---\nitem: O1\nowner: @กองคลัง\n---\n", "เครื่องหมายพิเศษ"),
    ("---\nitem: O1\nowner: [กองคลัง\n---\n", "วงเล็บ"),
])
def test_every_yaml_mistake_is_told_in_thai_only(small_unit, text, says):
    (small_unit / "content" / "items" / "2569").mkdir(parents=True, exist_ok=True)
    (small_unit / "content" / "items" / "2569" / "o1.md").write_text(text, encoding="utf-8")
    [error] = errors_of(small_unit)
    said = error.split("รูปแบบ YAML", 1)[1]
    assert says in error and not re.sub(r"\b(?:Tab|Space|title)\b", "", said).strip(" :").isascii()
    assert not re.search(r"\b(?:found|expected|mapping|allowed|character|token)\b", said)


def test_an_item_unknown_for_the_year_lists_the_valid_ids(small_unit):
    write(small_unit, "content/items/2569/o27.md", """\
        ---
        item: O27
        year: 2569
        owner: สำนักปลัด
        ---
        """)
    assert errors_of(small_unit) == [
        'content/items/2569/o27.md:2 ช่อง "item": ไม่มีรายการ "O27" ในเกณฑ์ปี 2569 (มี O1–O26)'
    ]


def test_a_missing_document_names_the_field_path(small_unit):
    write(small_unit, "content/items/2569/o1.md",
          ORG_CHART.format(path="documents/org-chart.pdf", dating="date: 2568-11-15"))
    assert errors_of(small_unit) == [
        ('content/items/2569/o1.md:7 ช่อง "elements.org_chart[0].document": '
        'ไม่พบไฟล์ "documents/org-chart.pdf" ในโฟลเดอร์ content/ (ตรวจชื่อไฟล์และนามสกุล)')
    ]


def test_a_path_that_leaves_content_is_refused(small_unit):
    write(small_unit, "secret.pdf", "not evidence")
    write(small_unit, "content/items/2569/o1.md", ORG_CHART.format(path="../secret.pdf", dating="date: 2568-11-15"))
    assert errors_of(small_unit) == [
        ('content/items/2569/o1.md:7 ช่อง "elements.org_chart[0].document": '
        'ที่อยู่ไฟล์ "../secret.pdf" อยู่นอกโฟลเดอร์ content/ ใช้ได้เฉพาะไฟล์ภายใน content/')
    ]


def test_a_ce_year_where_be_is_meant_names_the_be_year(small_unit):
    write(small_unit, "content/documents/org-chart.pdf", "%PDF-1.4")
    write(small_unit, "content/items/2569/o1.md",
          ORG_CHART.format(path="documents/org-chart.pdf", dating="fiscal_year: 2026"))
    assert errors_of(small_unit) == [
        'content/items/2569/o1.md:9 ช่อง "elements.org_chart[0].fiscal_year": 2026 เป็นปี ค.ศ. ให้ใช้ปี พ.ศ. 2569'
    ]


def test_thai_digits_in_years_are_read_as_be(small_unit):
    write(small_unit, "content/documents/org-chart.pdf", "%PDF-1.4")
    write(small_unit, "content/items/2569/o1.md",
          ORG_CHART.format(path="documents/org-chart.pdf", dating="fiscal_year: ๒๕๖๙").replace("year: 2569", "year: ๒๕๖๙"))
    item = load_model(small_unit).item(2569, "O1")
    assert item.evidence["org_chart"][0].dating.fiscal_year == 2569


def test_a_document_without_year_or_date_is_refused(small_unit):
    write(small_unit, "content/documents/org-chart.pdf", "%PDF-1.4")
    write(small_unit, "content/items/2569/o1.md", ORG_CHART.format(path="documents/org-chart.pdf", dating=""))
    assert errors_of(small_unit) == [
        ('content/items/2569/o1.md:7 ช่อง "elements.org_chart[0].document": '
        "เอกสารต้องระบุปีงบประมาณหรือวันที่ (fiscal_year, date, month หรือ period)")
    ]


def test_a_misspelt_field_is_refused_with_the_valid_fields(small_unit):
    write(small_unit, "content/items/2569/o1.md", """\
        ---
        item: O1
        year: 2569
        ower: สำนักปลัด
        ---
        """)
    assert errors_of(small_unit) == [
        'content/items/2569/o1.md:4 ช่อง "ower": ไม่รู้จักช่องนี้ (ช่องที่ใช้ได้: analysis, elements, item, measures, owner, todo, updated, year)',
        'content/items/2569/o1.md:2 ช่อง "owner": ต้องกรอกช่องนี้',
    ]


def test_every_error_of_the_tree_is_reported_together(small_unit):
    write(small_unit, "content/unit.yml", (small_unit / "content/unit.yml").read_text().replace("2569", "2026"))
    write(small_unit, "content/items/2569/o27.md", "---\nitem: O27\nyear: 2569\nowner: สำนักปลัด\n---\n")
    write(small_unit, "content/items/2569/o1.md", "---\nitem: O1\nyear: 2569\nowner: [\n---\n")
    assert len(errors_of(small_unit)) == 3


def test_the_command_exits_3_with_thai_messages_and_no_traceback(small_unit):
    write(small_unit, "content/items/2569/o27.md", "---\nitem: O27\nyear: 2569\nowner: สำนักปลัด\n---\n")
    result = subprocess.run([sys.executable, "-m", "command.main", "--root", str(small_unit), "generate"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 3
    assert "พบข้อมูลไม่ถูกต้อง 1 จุด" in result.stderr
    assert 'content/items/2569/o27.md:2 ช่อง "item"' in result.stderr
    assert "Traceback" not in result.stderr
