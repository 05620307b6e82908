"""Write the fictional example unit into generator/example/ (what `ita init --example` copies and the tests
use) and copy it to the repository's own content/ (run once by developers, output committed).

The example fills every item of the assessment year and of the archive year the way a
top-scoring unit would, with small real PDFs whose Thai text carries the right years.
Item ids and titles come from the catalogues; this script only knows element keys.

    .venv/bin/pip install -e '.[examples]'  # fpdf2, uharfbuzz, openpyxl
    apt-get install fonts-thai-tlwg-ttf      # Laksaman, a TH Sarabun derivative
    .venv/bin/python tools/make_example.py --force
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from openpyxl import Workbook

from generator.basics.errors import ErrorLog
from generator.basics.thai import MONTHS
from generator.content.catalogues import load_catalogues
from generator.model import Catalogue, ElementSpec, ItemSpec, YearRule
from generator.model.yearrules import data_fiscal_year, required_months

ROOT = Path(__file__).resolve().parent.parent
FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
SITE = "https://www.tambon.example"
UNIT_NAME = "องค์การบริหารส่วนตำบลบ้านตัวอย่าง"
# Every file is written with this date, so running the script again changes only what really changed.
MADE = datetime(2026, 4, 5, 9, 0, tzinfo=UTC)
YEARS = (2569, 2568)

OWNERS = {
    "basic_info": "สำนักปลัด งานประชาสัมพันธ์",
    "plans_results": "สำนักปลัด งานนโยบายและแผน",
    "services": "สำนักปลัด งานธุรการ",
    "procurement": "กองคลัง งานพัสดุ",
    "hr": "สำนักปลัด งานการเจ้าหน้าที่",
    "ethics": "สำนักปลัด งานการเจ้าหน้าที่",
    "complaints": "สำนักปลัด ศูนย์รับเรื่องร้องเรียน",
    "participation": "สำนักปลัด งานนโยบายและแผน",
    "gifts_bribery": "สำนักปลัด งานนิติการ",
    "risk": "หน่วยตรวจสอบภายใน",
    "anticorruption_plan": "สำนักปลัด งานนโยบายและแผน",
    "integrity_measures": "คณะทำงาน ITA",
}
POLITICAL = [
    ("นายสมชาย ใจดี", "นายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง", "08-1234-5601"),
    ("นางสาวมาลี ศรีสุข", "รองนายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง", "08-1234-5602"),
    ("นายประเสริฐ บุญมา", "รองนายกองค์การบริหารส่วนตำบลบ้านตัวอย่าง", "08-1234-5603"),
]
STAFF = [
    ("นางวิไล ทองดี", "ปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง", "0-4400-1001"),
    ("นายอนันต์ แก้วงาม", "รองปลัดองค์การบริหารส่วนตำบลบ้านตัวอย่าง", "0-4400-1002"),
    ("นางสุดา คำแสน", "ผู้อำนวยการกองคลัง", "0-4400-1003"),
    ("นายวีระ ช่างคิด", "ผู้อำนวยการกองช่าง", "0-4400-1004"),
]
LINKS = {  # elements that are a working service on the main website, not a document
    "two_way_qa": ("กระดานถาม-ตอบ (Web board) ตอบกลับภายใน 3 วันทำการ", f"{SITE}/webboard/"),
    "online_service": ("ระบบบริการออนไลน์ e-Service ยื่นคำร้องและติดตามผล", f"{SITE}/e-service/"),
    "online_complaint_channel": ("แบบฟอร์มแจ้งเรื่องร้องเรียนการทุจริตออนไลน์", f"{SITE}/complaint/"),
    "external_channels": ("ช่องทางแจ้งเรื่องร้องเรียนของหน่วยงานภายนอก (ป.ป.ช. / ป.ป.ท.)", f"{SITE}/complaint/#external"),
    "news_current_fy": ("ข่าวประชาสัมพันธ์การดำเนินงาน", f"{SITE}/news/"),
}


class Writer:
    def __init__(self, content: Path) -> None:
        self.content = content

    def pdf(self, relative: str, title: str, lines: list[str]) -> None:
        pdf = FPDF()
        pdf.add_font("Laksaman", fname=str(FONT))
        pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
        pdf.set_title(title)
        pdf.set_creation_date(MADE)
        pdf.add_page()
        pdf.set_font("Laksaman", size=18)
        pdf.multi_cell(0, 10, UNIT_NAME, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Laksaman", size=14)
        pdf.ln(4)
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        self.save(relative, pdf.output())

    def xlsx(self, relative: str, title: str, rows: list[list[str]]) -> None:
        book = Workbook()
        book.properties.created = book.properties.modified = MADE.replace(tzinfo=None)
        sheet = book.active
        sheet.append([title])
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        # openpyxl stamps every zip entry and the "modified" property with the clock: the fixed date instead.
        fixed = io.BytesIO()
        stamp = MADE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
        with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in source.infolist():
                data = source.read(info.filename)
                if info.filename == "docProps/core.xml":
                    data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
                info.date_time = MADE.timetuple()[:6]
                copy.writestr(info, data)
        self.save(relative, fixed.getvalue())

    def svg_photo(self, relative: str, name: str) -> None:
        initial = name.split()[0][-2:] if name else "?"
        svg = (
            '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="300" viewBox="0 0 240 300">'
            '<rect width="240" height="300" fill="#dfe6f3"/>'
            '<circle cx="120" cy="110" r="58" fill="#8da2c6"/>'
            '<path d="M20 300c10-80 60-110 100-110s90 30 100 110z" fill="#8da2c6"/>'
            f'<text x="120" y="285" font-size="20" text-anchor="middle" fill="#23395d">{initial}</text></svg>\n'
        )
        self.save(relative, svg.encode())

    def save(self, relative: str, data: bytes) -> None:
        target = self.content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


STANDING = {"hr_rules"}  # standing rules an item shows beside this year's plans: in force, dated long ago


def dating(rule: YearRule, year: int, key: str) -> str:
    """Front-matter dating for one document of an element of ``year``: its element's rule, its real year."""
    if rule is YearRule.MULTI_YEAR_COVERING:
        return f"period: {year - 3}-{year + 1}"
    if rule is YearRule.IN_FORCE:
        return f"date: {year - 11}-03-20" if key in STANDING else f"date: {year - 1}-11-15"
    return f"fiscal_year: {data_fiscal_year(rule, year)}"


def year_words(rule: YearRule, year: int, key: str) -> str:
    if rule is YearRule.MULTI_YEAR_COVERING:
        return f"(พ.ศ. {year - 3} – {year + 1})"
    if rule is YearRule.IN_FORCE:
        return f"ประกาศ ณ วันที่ 20 มีนาคม {year - 11}" if key in STANDING else f"ฉบับปรับปรุง พ.ศ. {year - 1}"
    return f"ประจำปีงบประมาณ พ.ศ. {data_fiscal_year(rule, year)}"


def quarter_entries(writer: Writer, spec: ItemSpec, element: ElementSpec, year: int) -> list[str]:
    """One spreadsheet per fiscal quarter, as agencies publish the monthly procurement data (period:)."""
    entries = []
    for quarter in (1, 2):
        name = f"documents/{year}/{spec.slug}/{element.key.replace('_', '-')}-q{quarter}.xlsx"
        title = f"{element.label} ไตรมาสที่ {quarter} ปีงบประมาณ พ.ศ. {year}"
        first = 10 if quarter == 1 else 1
        writer.xlsx(name, title, [["เดือน", "จำนวนรายการ"],
                                  *([f"{MONTHS[(first + offset - 1) % 12]}", str(offset + 2)] for offset in range(3))])
        entries += [f"    - document: {name}", f"      title: {quote(title)}", f"      period: ไตรมาส {quarter}/{year}"]
    return entries


def people_entries(writer: Writer, folder: str, people: list[tuple[str, str, str]], offset: int) -> list[str]:
    entries = []
    for index, (name, position, phone) in enumerate(people, start=offset):
        photo = f"{folder}/person-{index}.svg"
        writer.svg_photo(photo, name)
        entries += [f"    - name: {name}", f"      position: {position}", f"      photo: {photo}",
                    f"      phone: {phone}", f"      email: person{index}@tambon.example"]
    return entries


def element_entries(writer: Writer, spec: ItemSpec, element: ElementSpec, year: int, index: int) -> list[str]:
    folder = f"documents/{year}/{spec.slug}"
    rule = spec.rule_of(element)
    if element.derived_from:
        return []  # shown by the people or the analysis of the item, not by evidence of its own
    if element.key.startswith("executives"):
        return people_entries(writer, folder, POLITICAL if index == 0 else STAFF, 1 if index == 0 else 10)
    if element.key in LINKS:
        title, url = LINKS[element.key]
        return [f"    - url: {url}", f"      title: {quote(title)}"]
    months = required_months(rule, year)
    if element.key == "empty_month_statement":
        month = months[1] if months else None
        text = f"เดือน{MONTHS[month.month - 1]} {month.year} ไม่มีการจัดซื้อจัดจ้าง" if month else "ไม่มีเดือนที่ว่าง"
        return [f"    - text: {quote(text)}"] + ([f"      month: {month.year}-{month.month:02d}"] if month else [])
    monthly_element = index == 0 if rule is YearRule.CURRENT_MONTHLY else element.key == "monthly_files_full_year"
    if months and monthly_element:
        entries = []
        for month in months:
            if month == months[1] and rule is YearRule.CURRENT_MONTHLY:
                continue  # the statement of the empty month stands for it
            name = f"{folder}/{element.key.replace('_', '-')}-{month.year}-{month.month:02d}.pdf"
            title = f"{spec.title.split(' ประจำ')[0]} เดือน{MONTHS[month.month - 1]} {month.year}"
            writer.pdf(name, title, [f"ประจำปีงบประมาณ พ.ศ. {month.fiscal_year}",
                                     f"ข้อมูลเดือน{MONTHS[month.month - 1]} {month.year}"])
            entries += [f"    - document: {name}", f"      title: {quote(title)}",
                        f"      fiscal_year: {month.fiscal_year}", f"      month: {month.year}-{month.month:02d}"]
        return entries
    if "xlsx" in element.key and spec.year_rule is YearRule.CURRENT_MONTHLY:
        return quarter_entries(writer, spec, element, year)
    words = year_words(rule, year, element.key)
    title = f"{element.label} {words}"
    if "xlsx" in element.key:
        name = f"{folder}/{element.key.replace('_', '-')}.xlsx"
        writer.xlsx(name, title, [["เดือน", "จำนวนรายการ"], [f"ตุลาคม {year - 1}", "3"]])
    else:
        name = f"{folder}/{element.key.replace('_', '-')}.pdf"
        writer.pdf(name, title, [f"{spec.id} {spec.title}", words, element.label,
                                 "เอกสารตัวอย่างสำหรับศูนย์ ITA ของหน่วยงานสมมุติ"])
    return [f"    - document: {name}", f"      title: {quote(title)}", f"      {dating(rule, year, element.key)}"]


def item_file(writer: Writer, catalogue: Catalogue, spec: ItemSpec) -> str:
    year = catalogue.year
    lines = ["---", f"item: {spec.id}", f"year: {year}", f"owner: {OWNERS[spec.group]}",
             f"updated: {year}-04-05", "elements:"]
    for index, element in enumerate(spec.elements):
        entries = element_entries(writer, spec, element, year, index)
        if entries:
            lines += [f"  {element.key}:", *entries]
    if lines[-1] == "elements:":
        lines.pop()  # every element is shown by the item's structured data
    if spec.year_rule is YearRule.ANALYSIS_OF_PREVIOUS_ITA:
        lines += analysis_lines()
    lines += ["---", "", (f"{UNIT_NAME} เผยแพร่หัวข้อ \"{spec.title}\" บนเว็บไซต์หลักของหน่วยงาน "
                          f"โดย{OWNERS[spec.group]}เป็นผู้รับผิดชอบ และปรับปรุงข้อมูลทุกครั้งที่มีการเปลี่ยนแปลง"), ""]
    return "\n".join(lines)


RESULTS = {  # the example unit's published ITA results (fictional)
    2567: {"score": 87.2, "level": "ผ่าน", "tools": {"IIT": 93.8, "EIT": 91.87, "OIT": 81.5},
           "indicators": [95.1, 94.0, 96.4, 88.3, 95.2, 93.1, 92.0, 90.5, 78.0, 85.0], "items": {}},
    2568: {"score": 93.85, "level": "ผ่านดี", "tools": {"IIT": 96.5, "EIT": 94.4, "OIT": 93.63},
           "indicators": [97.5, 96.8, 98.2, 92.1, 97.9, 95.4, 94.6, 93.2, 92.25, 95.0],
           "items": {"i1": 98.1, "i2": 96.9, "i3": 97.5, "i4": 97.6, "i5": 95.4, "i6": 97.4, "i7": 98.8, "i8": 98.0,
                     "i9": 97.8, "i10": 89.5, "i11": 93.4, "i12": 93.4, "i13": 98.6, "i14": 97.2, "i15": 97.9,
                     "e1": 96.0, "e2": 95.2, "e3": 95.0, "e4": 95.1, "e5": 93.9, "e6": 94.8, "e7": 91.6,
                     "e8": 94.0, "e9": 94.0, "o13": 0, "o15": 50, "o28": 50}},
}
ANALYSIS = {
    4: "ข้อ i10 การยืมทรัพย์สินของราชการได้คะแนนต่ำสุด บุคลากรบางส่วนยังไม่ทราบขั้นตอนการขออนุญาต",
    8: "ข้อ e7 การเปิดโอกาสให้บุคคลภายนอกมีส่วนร่วมยังได้คะแนนต่ำ ประชาชนไม่ทราบช่องทางการมีส่วนร่วม",
    9: "รายการ o13 รายงานผลการจัดซื้อจัดจ้างปี 2567 ได้ 0 คะแนน เพราะเผยแพร่เฉพาะรายงานรายเดือน "
       "และ o15 ได้ 50 คะแนน เพราะรายงานขาดผลการพัฒนาบุคลากร",
    10: "รายการ o28 ได้ 50 คะแนน เพราะรายงานผลตามมาตรการส่งเสริมคุณธรรมไม่แสดงผลการดำเนินการจริง",
}
MEASURES = [
    ("มาตรการควบคุมการยืม-คืนทรัพย์สินของราชการ", 4,
     "1) จัดทำคู่มือและแผนผังขั้นตอนการยืมทรัพย์สิน 2) จัดทำทะเบียนคุมการยืม-คืน 3) ตรวจสอบทุกไตรมาส",
     "1 ต.ค. 2568 – 30 ก.ย. 2569", "กองคลัง งานพัสดุ"),
    ("โครงการเปิดโอกาสให้ประชาชนมีส่วนร่วมในการพัฒนาตำบล", 8,
     "1) ประชาสัมพันธ์ช่องทางการมีส่วนร่วมทางเว็บไซต์และหอกระจายข่าว 2) จัดประชุมประชาคมทุกหมู่บ้าน",
     "1 พ.ย. 2568 – 31 มี.ค. 2569", "สำนักปลัด งานนโยบายและแผน"),
    ("มาตรการเผยแพร่ข้อมูลสาธารณะให้ครบตามเกณฑ์ OIT", 9,
     "1) แต่งตั้งผู้รับผิดชอบรายข้อ 2) ตรวจด้วย ita check ก่อนเผยแพร่ทุกครั้ง 3) ตรวจลิงก์ด้วย ita audit ก่อนส่งระบบ ITAS",
     "1 ต.ค. 2568 – 30 เม.ย. 2569", "คณะทำงาน ITA"),
    ("มาตรการติดตามและรายงานผลการส่งเสริมคุณธรรมและความโปร่งใส", 10,
     "1) ติดตามผลการดำเนินการทุก 6 เดือน 2) จัดทำรายงานผลที่แสดงผลลัพธ์จริงและเผยแพร่บนเว็บไซต์",
     "1 ต.ค. 2568 – 30 ก.ย. 2569", "สำนักปลัด งานนิติการ"),
]


def results_file(year: int) -> str:
    data = RESULTS[year]
    lines = [f"# ผลการประเมิน ITA {year} ที่สำนักงาน ป.ป.ช. ประกาศ (หน่วยงานสมมุติ)", f"year: {year}",
             f"score: {data['score']}", f"level: {data['level']}", "tools:"]
    lines += [f"  {tool}: {score}" for tool, score in data["tools"].items()]
    lines += ["indicators:", *(f"  {number}: {score}" for number, score in enumerate(data["indicators"], start=1))]
    if data["items"]:
        lines += ["items:", *(f"  {key}: {score}" for key, score in data["items"].items())]
    return "\n".join(lines) + "\n"


def analysis_lines() -> list[str]:
    lines = ["analysis:", *(f"  {number}: {quote(text)}" for number, text in ANALYSIS.items()), "measures:"]
    for measure, indicator, steps, period, responsible in MEASURES:
        lines += [f"  - measure: {quote(measure)}", f"    indicator: {indicator}", f"    steps: {quote(steps)}",
                  f"    period: {quote(period)}", f"    responsible: {quote(responsible)}"]
    return lines


UNIT_YML = f"""# ข้อมูลหน่วยงาน: แก้ไขให้ตรงกับหน่วยงานของท่าน
name: {UNIT_NAME}
type: อบต.
district: เมืองตัวอย่าง
province: ตัวอย่าง
# เว็บไซต์หลักที่ลงทะเบียนไว้ในระบบ ITAS: หลักฐานทุกชิ้นต้องอยู่บนโดเมนนี้
main_website: {SITE}/
# ที่อยู่ที่นำโฟลเดอร์ site/ ไปวาง (ศูนย์ ITA อยู่ที่ ita/ ใต้ที่อยู่นี้)
published_at: {SITE}/
# ปีที่กำลังประเมิน (พ.ศ.)
assessment_year: 2569
# โดเมนอื่นที่เป็นเว็บไซต์เดียวกัน (ถ้ามี)
same_site_hosts:
  - tambon.example
# ช่วงกรอกข้อมูลแบบ OIT ในระบบ ITAS ตามปฏิทินของสำนักงาน ป.ป.ช. (ถ้าทราบ)
itas_window:
  start: 2569-03-01
  end: 2569-04-30
# หน้าตาและข้อมูลติดต่อที่แสดงทุกหน้า (สีต้องตัดกับสีขาวอย่างน้อย 4.5:1 ตามเกณฑ์ WCAG AA)
logo: brand/logo.svg
colors:
  primary: "#0d5c63"
  accent: "#a8321e"
address: เลขที่ 99 หมู่ 1 ตำบลบ้านตัวอย่าง อำเภอเมืองตัวอย่าง จังหวัดตัวอย่าง 30000
phone: 0-4400-1000
email: saraban@tambon.example
"""

# The example's seal: a plain emblem drawn as SVG (a real unit puts its own logo file here).
LOGO_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img">
<circle cx="32" cy="32" r="30" fill="#0d5c63"/><circle cx="32" cy="32" r="24" fill="none" stroke="#f2c14e" stroke-width="3"/>
<path d="M20 40 L32 18 L44 40 Z" fill="#f2c14e"/><rect x="22" y="42" width="20" height="4" fill="#f2c14e"/>
</svg>
"""

HOME = f"""---
title: หน้าแรก
---

# {UNIT_NAME}

อำเภอเมืองตัวอย่าง จังหวัดตัวอย่าง

- [ศูนย์ ITA: การเปิดเผยข้อมูลสาธารณะ](ita/index.md)
- [ติดต่อเรา](contact.md)
"""

CONTACT = f"""---
title: ติดต่อเรา
---

# ติดต่อเรา

{UNIT_NAME} เลขที่ 99 หมู่ 1 ตำบลบ้านตัวอย่าง อำเภอเมืองตัวอย่าง จังหวัดตัวอย่าง 30000

- โทรศัพท์ 0-4400-1000
- อีเมล saraban@tambon.example
- ถาม-ตอบกับเจ้าหน้าที่: [กระดานถาม-ตอบ]({SITE}/webboard/)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description="เขียนหน่วยงานตัวอย่างลงใน generator/example/ และ content/")
    parser.add_argument("--force", action="store_true", help="ลบ generator/example/ และ content/ เดิมแล้วเขียนใหม่")
    args = parser.parse_args()
    content, root_copy = ROOT / "generator" / "example", ROOT / "content"
    if (content.exists() or root_copy.exists()) and not args.force:
        print("generator/example/ หรือ content/ มีอยู่แล้ว ใช้ --force เพื่อเขียนทับ", file=sys.stderr)
        return 1
    shutil.rmtree(content, ignore_errors=True)
    log = ErrorLog()
    catalogues = load_catalogues(log)
    writer = Writer(content)
    writer.save("unit.yml", UNIT_YML.encode())
    writer.save("brand/logo.svg", LOGO_SVG.encode())
    writer.save("pages/index.md", HOME.encode())
    writer.save("pages/contact.md", CONTACT.encode())
    for year in RESULTS:
        writer.save(f"results/{year}.yml", results_file(year).encode())
    for year in YEARS:
        for spec in catalogues[year].items:
            writer.save(f"items/{year}/{spec.slug}.md", item_file(writer, catalogues[year], spec).encode())
    shutil.rmtree(root_copy, ignore_errors=True)
    shutil.copytree(content, root_copy)
    print(f"เขียนหน่วยงานตัวอย่างลงใน {content} และคัดลอกไปที่ {root_copy}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
