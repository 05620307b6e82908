"""`ita add-document` either records the document or leaves content/ exactly as it was.

Hypothesis varies what staff files look like (CRLF from Windows, a BOM from Notepad, spaces after
a fence, elements in block or flow style, absent or empty) and the title (any text). Each failure
path is pinned on its own, and a kill after the edit is injected to prove the undo.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import workflow.documents
from command.exit_codes import ExitCode
from command.main import main
from generator.content.load import load_model
from tests.conftest import UNIT_YML, tree_snapshot

PDF = b"%PDF-1.4\n% \xe0\xb8\xaa\xe0\xb8\xa3\xe0\xb8\xb8\xe0\xb8\x9b\n"
ENTRY = ("    - document: documents/2569/o11/monthly-summary-2568-10.pdf\n"
         "      title: สรุปผล ตุลาคม 2568\n      month: 2568-10\n")
LAYOUTS = {
    "block": "elements:\n  monthly_summary:\n" + ENTRY,
    "another element": "elements:\n  xlsx_copy:\n" + ENTRY.replace("monthly-summary-2568-10.pdf", "summary.pdf"),
    "empty element": "elements:\n  monthly_summary:\n",
    "no elements": "",
    "flow": "elements: {monthly_summary: [{document: documents/2569/o11/monthly-summary-2568-10.pdf, "
            "title: ตุลาคม, month: 2568-10}]}\n",
    "elements without value": "elements:\n",
}
REFUSED_LAYOUTS = {"flow", "elements without value"}  # edits that cannot be made safely are refused, not guessed


def item_text(layout: str, newline: str, fence_spaces: str, bom: bool) -> bytes:
    text = (f"---{fence_spaces}\nitem: O11\nyear: 2569\nowner: กองคลัง งานพัสดุ\n# หมายเหตุของเจ้าหน้าที่\n"
            f"{LAYOUTS[layout]}---{fence_spaces}\n\nคำอธิบายรายการ\n")
    return ("\ufeff" if bom else "").encode() + text.replace("\n", newline).encode()


def make_unit(root: Path, item: bytes) -> Path:
    (root / "content" / "items" / "2569").mkdir(parents=True)
    (root / "content" / "unit.yml").write_text(UNIT_YML, encoding="utf-8")
    (root / "content" / "items" / "2569" / "o11.md").write_bytes(item)
    for name in ("monthly-summary-2568-10.pdf", "summary.pdf"):
        path = root / "content" / "documents" / "2569" / "o11" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(PDF)
    source = root / "incoming" / "สรุปผล พ.ย. 68.pdf"
    source.parent.mkdir()
    source.write_bytes(PDF)
    return source


def add(root: Path, source: Path, *extra: str, title: str = "สรุปผลการจัดซื้อจัดจ้าง พฤศจิกายน 2568") -> int:
    try:
        return main(["--root", str(root), "add-document", str(source), "--item", "O11",
                     "--element", "monthly_summary", "--title", title, *extra])
    except SystemExit as exit_:  # argparse refusing an option
        return int(exit_.code)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(layout=st.sampled_from(sorted(LAYOUTS)), newline=st.sampled_from(["\n", "\r\n"]),
       fence_spaces=st.sampled_from(["", "   "]), bom=st.booleans(),
       title=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(str.strip))
def test_the_document_is_recorded_or_nothing_changes(layout, newline, fence_spaces, bom, title):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        original = item_text(layout, newline, fence_spaces, bom)
        source = make_unit(root, original)
        before = tree_snapshot(root / "content")
        code = add(root, source, "--month", "2568-11", title=title)
        item_file = root / "content" / "items" / "2569" / "o11.md"
        if code != 0:
            assert code == 3
            assert tree_snapshot(root / "content") == before
            return
        assert layout not in REFUSED_LAYOUTS
        written = item_file.read_bytes()
        assert written.startswith(b"\xef\xbb\xbf") == bom
        assert (b"\r\n" in written) == (newline == "\r\n") and written.count(b"\n") == written.count(newline.encode())
        kept = original.decode("utf-8-sig").replace("\r\n", "\n").split("\n")
        assert all(line in written.decode("utf-8-sig").replace("\r\n", "\n").split("\n") for line in kept)
        item = load_model(root).item(2569, "O11")
        entries = item.evidence["monthly_summary"]
        assert any(entry.title == title.strip() and entry.dating.month.month == 11 for entry in entries)
        months = [entry.dating.month for entry in entries]
        assert months == sorted(months)
        assert item.updated == date.today()


@pytest.fixture
def unit(tmp_path):
    source = make_unit(tmp_path, item_text("block", "\n", "", bom=False))
    return tmp_path, source, tree_snapshot(tmp_path / "content")


def test_a_read_only_item_file_is_refused_before_anything_is_copied(unit, capsys, monkeypatch):
    root, source, before = unit
    monkeypatch.setattr(workflow.documents.os, "access", lambda path, mode: False)
    assert add(root, source, "--month", "2568-11") == 3
    assert "อ่านอย่างเดียว" in capsys.readouterr().err
    assert tree_snapshot(root / "content") == before


@pytest.mark.parametrize(("data", "words"), [(b"", "0 ไบต์"), (b"<!DOCTYPE html><title>404</title>", "หน้าเว็บ HTML")])
def test_an_empty_or_fake_pdf_is_refused(unit, data, words, capsys):
    root, source, before = unit
    source.write_bytes(data)
    assert add(root, source, "--month", "2568-11") == 3
    assert words in capsys.readouterr().err
    assert tree_snapshot(root / "content") == before


@pytest.mark.parametrize("name", ["a: b.pdf", "../escape.pdf", "x#y.pdf", "ไทย.pdf", "noextension", "a.docx"])
def test_an_unsafe_target_name_is_refused(unit, name, capsys):
    root, source, before = unit
    assert add(root, source, "--month", "2568-11", "--name", name) == 3
    assert "ชื่อไฟล์" in capsys.readouterr().err
    assert tree_snapshot(root / "content") == before


def test_no_dating_option_is_a_thai_error_not_a_crash(unit, capsys):
    root, source, before = unit
    assert add(root, source) == 3
    assert "--month" in capsys.readouterr().err
    assert tree_snapshot(root / "content") == before


@pytest.mark.parametrize("option", [("--month", "2568-13"), ("--date", "2026-01-05"), ("--period", "2570-2566")])
def test_a_dating_option_that_cannot_be_read_is_refused(unit, option):
    root, source, before = unit
    assert add(root, source, *option) == 3
    assert tree_snapshot(root / "content") == before


def test_a_new_month_goes_in_month_order_and_the_item_is_dated_today(unit):
    root, source, _ = unit
    assert add(root, source, "--month", "2568-09", "--force") == 0  # last fiscal year's September: forced past the rule
    item = load_model(root).item(2569, "O11")
    assert [entry.dating.month.month for entry in item.evidence["monthly_summary"]] == [9, 10]
    assert item.updated == date.today()


def test_an_item_id_in_lower_case_is_the_same_item(unit):
    root, source, _ = unit
    assert main(["--root", str(root), "add-document", str(source), "--item", "o11", "--element", "monthly_summary",
                 "--title", "สรุปผล", "--month", "2568-11"]) == 0


def test_a_kill_after_the_edit_restores_content_byte_for_byte(unit, monkeypatch):
    root, source, before = unit

    def killed(_root):
        raise KeyboardInterrupt

    monkeypatch.setattr(workflow.documents, "reload_model", killed)
    assert add(root, source, "--month", "2568-11") == ExitCode.INTERRUPTED  # Ctrl-C, said in Thai, no traceback
    assert tree_snapshot(root / "content") == before
    assert not (root / "content/documents/2569/o11/sarup-phl.pdf").exists()
    assert sorted(path.name for path in (root / "content/documents/2569/o11").iterdir()) == [
        "monthly-summary-2568-10.pdf", "summary.pdf"]
