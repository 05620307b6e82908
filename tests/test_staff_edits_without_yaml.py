"""Staff change a person's photo and close a to-do line with one command each, never editing YAML.

Each edit is checked as a user sees it (the file afterwards, the built page's photo) and as a
transaction: a failure after the write puts content/ back byte for byte, a BOM and CRLF kept.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from command.main import main
from generator.content import load as loader
from generator.content.load import load_model
from tests.conftest import copy_project, tree_snapshot


def jpeg(path: Path, colour: str = "navy") -> Path:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), colour).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path / "project")


def o2(project: Path) -> str:
    return (project / "content/items/2569/o2.md").read_text(encoding="utf-8")


def test_a_new_photo_replaces_the_old_one_in_its_line_and_the_old_file_goes(project, tmp_path, capsys):
    new = jpeg(tmp_path / "Mayor 2569.jpg")
    assert main(["--root", str(project), "set-photo", "นายสมชาย ใจดี", str(new)]) == 0
    text = o2(project)
    assert "photo: documents/2569/o2/mayor-2569.jpg" in text and "person-1.svg" not in text
    assert not (project / "content/documents/2569/o2/person-1.svg").exists()
    assert (project / "content/documents/2569/o2/mayor-2569.jpg").read_bytes() == new.read_bytes()
    assert new.exists()  # the original is only read
    person = next(p for p in load_model(project).item(2569, "O2").people if p.name == "นายสมชาย ใจดี")
    assert person.photo and person.photo.file.name == "mayor-2569.jpg"
    assert "รูปเดิมถูกลบแล้ว" in capsys.readouterr().out


def test_a_person_without_a_photo_gets_one_line_added_under_the_name(project, tmp_path):
    item = project / "content/items/2569/o2.md"
    item.write_text(o2(project).replace("      photo: documents/2569/o2/person-2.svg\n", ""), encoding="utf-8")
    assert main(["--root", str(project), "set-photo", "นางสาวมาลี  ศรีสุข", str(jpeg(tmp_path / "p.jpg"))]) == 0
    assert ("    - name: นางสาวมาลี ศรีสุข\n      photo: documents/2569/o2/photo.jpg\n"
            "      position: รองนายก") in o2(project)


def test_a_name_that_is_not_there_lists_the_names_there_are(project, tmp_path, capsys):
    before = tree_snapshot(project / "content")
    assert main(["--root", str(project), "set-photo", "นายไม่มี ตัวตน", str(jpeg(tmp_path / "p.jpg"))]) == 3
    err = capsys.readouterr().err
    assert 'ไม่พบบุคคลชื่อ "นายไม่มี ตัวตน"' in err and "นายสมชาย ใจดี" in err
    assert tree_snapshot(project / "content") == before


@pytest.mark.parametrize(("name", "content", "said"), [
    ("photo.pdf", b"%PDF-1.4\n", "ไม่ใช่รูปภาพ"),
    ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "script"),
])
def test_a_file_that_cannot_be_a_photo_is_refused_and_nothing_changes(project, tmp_path, capsys, name, content, said):
    before = tree_snapshot(project / "content")
    (tmp_path / name).write_bytes(content)
    assert main(["--root", str(project), "set-photo", "นายสมชาย ใจดี", str(tmp_path / name)]) == 3
    assert said in capsys.readouterr().err
    assert tree_snapshot(project / "content") == before


def test_a_failure_after_the_write_puts_content_back_byte_for_byte(project, tmp_path, monkeypatch):
    item = project / "content/items/2569/o2.md"
    item.write_bytes(b"\xef\xbb\xbf" + o2(project).replace("\n", "\r\n").encode("utf-8"))  # Notepad's BOM and CRLF
    before = tree_snapshot(project / "content")

    def broken(model):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("workflow.documents.reload_model", broken)
    assert main(["--root", str(project), "set-photo", "นายสมชาย ใจดี", str(jpeg(tmp_path / "p.jpg"))]) == 3
    assert tree_snapshot(project / "content") == before


TODO = ("todo:\n"  # as ita new-year writes it
        '  - "ตรวจว่าหลักฐานที่ยกมาจากปี 2568 ยังเป็นปัจจุบัน"\n'
        '  - "เพิ่มหลักฐานของปี 2569: แผนพัฒนาท้องถิ่น (elements.local_plan)"\n'
        '  - "เพิ่มหลักฐานของปี 2569: ตัวชี้วัดของแต่ละยุทธศาสตร์ (elements.indicators)"\n')


@pytest.fixture
def with_todo(project):
    item = project / "content/items/2569/o5.md"
    text = item.read_text(encoding="utf-8")
    item.write_text(text.replace("elements:\n", TODO + "elements:\n", 1), encoding="utf-8")
    return project


def test_close_todo_lists_the_lines_numbered_then_closes_one(with_todo, capsys):
    assert main(["--root", str(with_todo), "close-todo", "O5"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "1. ตรวจว่าหลักฐานที่ยกมาจากปี 2568 ยังเป็นปัจจุบัน",
        "2. เพิ่มหลักฐานของปี 2569: แผนพัฒนาท้องถิ่น (elements.local_plan)",
        "3. เพิ่มหลักฐานของปี 2569: ตัวชี้วัดของแต่ละยุทธศาสตร์ (elements.indicators)"]
    assert main(["--root", str(with_todo), "close-todo", "o5", "2"]) == 0
    assert load_model(with_todo).item(2569, "O5").todo == (
        "ตรวจว่าหลักฐานที่ยกมาจากปี 2568 ยังเป็นปัจจุบัน",
        "เพิ่มหลักฐานของปี 2569: ตัวชี้วัดของแต่ละยุทธศาสตร์ (elements.indicators)")
    assert "เหลืออีก 2 ข้อ" in capsys.readouterr().out


def test_closing_the_last_line_takes_the_todo_key_away(with_todo):
    for _ in range(3):
        assert main(["--root", str(with_todo), "close-todo", "O5", "1"]) == 0
    text = (with_todo / "content/items/2569/o5.md").read_text(encoding="utf-8")
    assert "todo" not in text and load_model(with_todo).item(2569, "O5").todo == ()


def test_a_number_that_is_not_there_says_how_many_there_are(with_todo, capsys):
    before = tree_snapshot(with_todo / "content")
    assert main(["--root", str(with_todo), "close-todo", "O5", "4"]) == 3
    assert "มีสิ่งที่ต้องทำ 3 ข้อ ไม่มีข้อที่ 4" in capsys.readouterr().err
    assert tree_snapshot(with_todo / "content") == before


def test_the_new_photo_is_the_one_the_built_page_shows(project, tmp_path):
    assert main(["--root", str(project), "set-photo", "นายสมชาย ใจดี", str(jpeg(tmp_path / "mayor.jpg"))]) == 0
    from generator.pages.render import render_site

    site = render_site(loader.load_model(project))
    o2_page = next(text for path, text in site.pages.items() if str(path).endswith("2569/o2/index.md"))
    assert "mayor.jpg" in o2_page and "person-1.svg" not in o2_page
    assert any(path.name == "mayor.jpg" for path in site.files.values())


def test_close_todo_reads_the_todo_lines_ita_new_year_writes(project, capsys):
    assert main(["--root", str(project), "new-year", "--year", "2570"]) == 0
    model = load_model(project)
    item = next(item for (year, _), item in sorted(model.items.items()) if year == 2570 and len(item.todo) >= 2)
    first, *rest = item.todo
    assert main(["--root", str(project), "close-todo", item.spec.id, "1"]) == 0
    assert load_model(project).item(2570, item.spec.id).todo == tuple(rest)
    assert first in capsys.readouterr().out
