"""Careless and hostile content: a Thai message and exit 3, never a traceback, nothing under content/ changed.

Hypothesis writes item files and unit.yml from the pieces that broke loaders before (encodings,
aliases, nesting, huge numbers, broken URLs, paths out of content/, stray fences); every class
the issue names is also pinned by one example with the message staff will read.
"""

from __future__ import annotations

import codecs
import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from command.main import main
from generator.basics.errors import InvalidContent
from generator.content.load import load_model
from tests.conftest import UNIT_YML, tree_snapshot, write

ITEM = """\
---
item: O1
year: 2569
owner: กองยุทธศาสตร์และงบประมาณ
elements:
  org_chart:
    - document: documents/o1.pdf
      title: แผนภูมิโครงสร้างองค์กร
      fiscal_year: 2569
---
โครงสร้างของเทศบาลตำบลหนองน้ำใส
"""
FRAGMENTS = ["item: O1", "year: 2569", "year: " + "9" * 5000, "year: ๒๕๖๙", "owner: กองคลัง", "owner: [/b] <script>",
             "a: &a [1, 2]", "b: [*a, *a, *a]", "[" * 200, "{" * 70, "- " * 300, "? x", ": y", "elements:",
             "  org_chart:", "    - document: ../../etc/passwd", "    - document: documents/o1.pdf",
             "    - url: https://[x/", "    - url: https://evil.example\\@www.nongnamsai.example/",
             '    - text: "\\ud800"', "      title: ชื่อ", "      fiscal_year: 2026", "---", "---   ", "\t",
             "!!python/object/apply:os.system ['true']", "owner: !!binary aGVsbG8=", "item: O1\nitem: O2",
             "updated: 2569-02-30", " " * 500 + "x: 1", "\ufeff", "elements: {org_chart: [}"]
yaml_ish = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=12).map("\n".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp874", "utf-16", "latin-1"])


def unit(root: Path) -> None:
    write(root, "content/unit.yml", UNIT_YML)
    write(root, "content/documents/o1.pdf", "%PDF-1.4\n")


def run(root: Path, *command: str) -> int:
    return main(["--root", str(root), *command])


def encoded(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="replace")


@settings(max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(front=yaml_ish, body=st.text(max_size=50), encoding=encodings, fenced=st.booleans())
def test_any_item_file_gives_a_verdict_or_a_thai_error_and_changes_nothing(front, body, encoding, fenced):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        unit(root)
        text = f"---\n{front}\n---\n{body}" if fenced else front + body
        item = root / "content" / "items" / "2569" / "o1.md"
        item.parent.mkdir(parents=True)
        item.write_bytes(encoded(text, encoding))
        before = tree_snapshot(root / "content")
        assert run(root, "check", "--no-site") in (2, 3)
        assert run(root, "generate") in (0, 3)
        assert tree_snapshot(root / "content") == before


@settings(max_examples=80, deadline=5000, suppress_health_check=[HealthCheck.too_slow])
@given(extra=yaml_ish, encoding=encodings)
def test_any_unit_file_gives_a_verdict_or_a_thai_error(extra, encoding):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        unit(root)
        (root / "content" / "unit.yml").write_bytes(encoded(UNIT_YML + extra, encoding))
        before = tree_snapshot(root / "content")
        assert run(root, "check", "--no-site") in (2, 3)
        assert tree_snapshot(root / "content") == before


# ---- one example of each class, with the words staff read -----------------------------------


@pytest.fixture
def root(small_unit):
    unit(small_unit)
    return small_unit


def errors_of(root: Path) -> str:
    with pytest.raises(InvalidContent) as raised:
        load_model(root)
    return raised.value.report()


def write_item(root: Path, data: bytes) -> None:
    path = root / "content" / "items" / "2569" / "o1.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.mark.parametrize(("encoding", "words"), [
    ("cp874", "windows-874 (TIS-620)"), ("utf-16", "UTF-16"), ("latin-1", "ไม่ใช่ตัวอักษร UTF-8 ที่บรรทัด 4"),
])
def test_a_file_not_saved_as_utf8_is_named_with_its_encoding(root, encoding, words):
    data = ITEM.encode(encoding) if encoding != "latin-1" else \
        ITEM.encode().replace("กองยุทธศาสตร์และงบประมาณ".encode(), "café".encode(encoding))
    write_item(root, data)
    report = errors_of(root)
    assert "content/items/2569/o1.md" in report and words in report and "UTF-8" in report


def test_a_byte_order_mark_from_notepad_is_read_as_utf8(root):
    write_item(root, codecs.BOM_UTF8 + ITEM.encode())
    assert load_model(root).item(2569, "O1").owner == "กองยุทธศาสตร์และงบประมาณ"


def test_a_duplicate_key_names_both_lines(root):
    write_item(root, ITEM.replace("elements:", "elements:\n  org_chart: []", 1).encode())
    assert 'content/items/2569/o1.md:7 ช่อง "org_chart": ช่องนี้ซ้ำกับบรรทัด 6' in errors_of(root)


def test_an_alias_bomb_is_refused_before_it_expands(root):
    bomb = "a: &a [x, x]\n" + "".join(f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}]\n"
                                       for n in range(24))
    (root / "content" / "unit.yml").write_text(UNIT_YML + bomb, encoding="utf-8")
    tracemalloc.start()
    report = errors_of(root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "content/unit.yml:" in report and "อ้างอิงค่าซ้ำ" in report
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize("nested", ["x: " + "[" * 30000 + "]" * 30000, "x:\n" + "".join(" " * n + f"k{n}:\n" for n in range(1, 600))])
def test_deep_nesting_is_refused_without_recursion(root, nested):
    (root / "content" / "unit.yml").write_text(UNIT_YML + nested, encoding="utf-8")
    assert "ซ้อนกัน" in errors_of(root)


@pytest.mark.parametrize(("text", "words"), [
    (ITEM.rsplit("---", 1)[0], "ไม่มีบรรทัด --- ปิดท้าย"),
    (ITEM.replace("year: 2569", "year: " + "2" * 5000), "รูปแบบ YAML ไม่ถูกต้อง"),
    (ITEM.replace("year: 2569", 'year: "' + "2" * 5000 + '"'), "ไม่ใช่ปี พ.ศ."),
    (ITEM.replace("    - document: documents/o1.pdf", "    - url: https://[x/"), "ไม่ใช่ที่อยู่เว็บที่ถูกต้อง"),
    (ITEM.replace("documents/o1.pdf", "documents/o1\\0.pdf").replace("- document: documents", '- document: "documents')
     .replace("o1\\0.pdf", 'o1\\0.pdf"'), "อักขระที่ใช้ในชื่อไฟล์ไม่ได้"),
    (ITEM.replace("owner: กองยุทธศาสตร์และงบประมาณ", 'owner: "\\ud800"'), "ครึ่งหนึ่งของคู่ UTF-16"),
])
def test_a_broken_item_file_is_a_thai_error_naming_the_file(root, text, words):
    write_item(root, text.encode())
    report = errors_of(root)
    assert "content/items/2569/o1.md" in report and words in report


def test_a_folder_named_like_an_item_file_is_reported_not_crashed_on(root):
    (root / "content" / "items" / "2569" / "x.md").mkdir(parents=True)
    assert "content/items/2569/x.md: เป็นโฟลเดอร์" in errors_of(root)


@pytest.mark.parametrize(("website", "words"), [
    ("https://www.nongnamsai.example:99999/", "ไม่ใช่ที่อยู่เว็บที่ถูกต้อง"),
    ("https://admin:secret@www.nongnamsai.example/", "รหัสผ่าน"),
    ("https://[x/", "ไม่ใช่ที่อยู่เว็บที่ถูกต้อง"),
])
@pytest.mark.parametrize("command", [["check", "--no-site"], ["generate"]])
def test_a_main_website_no_browser_can_open_stops_every_command(root, website, words, command, capsys):
    (root / "content" / "unit.yml").write_text(
        UNIT_YML.replace("https://www.nongnamsai.example/", website), encoding="utf-8")
    assert run(root, *command) == 3
    assert "content/unit.yml:5" in capsys.readouterr().err


def test_same_site_hosts_written_as_urls_count_by_their_host(root):
    (root / "content" / "unit.yml").write_text(
        UNIT_YML + "same_site_hosts:\n  - https://nongnamsai.example/\n", encoding="utf-8")
    assert load_model(root).unit.same_site_hosts == ("nongnamsai.example",)


def test_a_symlink_out_of_content_is_neither_read_nor_published(root, tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0", encoding="utf-8")
    (root / "content" / "pages").mkdir()
    (root / "content" / "pages" / "passwd.txt").symlink_to(secret)
    assert "content/pages/passwd.txt: เป็นลิงก์สัญลักษณ์ (symlink)" in errors_of(root)


def test_a_symlink_loop_in_content_is_reported_not_crashed_on(root):
    pages = root / "content" / "pages"
    pages.mkdir()
    (pages / "a.md").symlink_to(pages / "b.md")
    (pages / "b.md").symlink_to(pages / "a.md")
    assert "content/pages/a.md: เป็นลิงก์สัญลักษณ์ (symlink)" in errors_of(root)


def test_an_item_file_symlinked_from_outside_content_is_refused(root, tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text(ITEM, encoding="utf-8")
    (root / "content" / "items" / "2569").mkdir(parents=True)
    (root / "content" / "items" / "2569" / "o1.md").symlink_to(outside)
    assert "symlink" in errors_of(root)


@pytest.mark.parametrize(("text", "words"), [
    ("# หัวข้อ\n" * 1200, "เกิน 1000 หัวข้อ"),
    ("ก" * (3 * 1024 * 1024 // 3), "เกินขนาดที่รับได้"),
])
def test_an_oversized_staff_page_is_refused_before_the_build(root, text, words):
    write(root, "content/pages/huge.md", text)
    assert words in errors_of(root)


def test_a_published_url_list_not_in_utf8_is_named(root, capsys):
    (root / "published-urls.txt").write_bytes("# ที่อยู่\nita/2569/o1/\n".encode("cp874"))
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text("<html></html>", encoding="utf-8")
    assert run(root, "check") == 3
    assert "published-urls.txt" in capsys.readouterr().err
