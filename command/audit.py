"""The `ita audit` and `ita province-audit` commands. Only argparse and the option records here: the
HTTP stack, rich and asyncio load when an audit runs (command/audit_run.py), so every other command
starts faster."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from command.arguments import be_year, positive_number
from command.audit_options import AuditOptions, ProvinceOptions
from command.exit_codes import ExitCode
from command.reports import add_report_options


def _run_audit(args: argparse.Namespace) -> ExitCode:
    options = AuditOptions.of(args)
    from command.audit_run import run_audit  # the HTTP stack loads only when an audit runs

    return run_audit(options)


def _run_province(args: argparse.Namespace) -> ExitCode:
    options = ProvinceOptions.of(args)
    from command.audit_run import run_province_audit  # the HTTP stack loads only when an audit runs

    return run_province_audit(options)


def _add_fetch_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--per-host", type=positive_number(int), default=2, help="จำนวนการเชื่อมต่อพร้อมกันต่อเว็บไซต์ (ค่าเริ่มต้น: 2)")
    parser.add_argument("--timeout", type=positive_number(float), default=10.0, help="วินาทีที่รอแต่ละคำขอ (ค่าเริ่มต้น: 10)")
    parser.add_argument("--retries", type=positive_number(int, zero=True), default=2,
                        help="จำนวนครั้งที่ลองซ้ำเมื่อได้ 429 หรือ 5xx (ค่าเริ่มต้น: 2)")
    parser.add_argument("--max-retry-wait", type=positive_number(float, zero=True), default=30.0,
                        help="รอก่อนลองซ้ำได้นานสุดกี่วินาที แม้เว็บไซต์ขอให้รอนานกว่า (ค่าเริ่มต้น: 30)")
    parser.add_argument("--depth", type=positive_number(int, zero=True), default=2,
                        help="ตามลิงก์จากหน้ารายการไปยังหน้าอื่นบนเว็บไซต์หลัก (เช่น หน้ารวมข่าว) ลึกกี่ชั้น "
                             "เพื่อตรวจเอกสารที่อยู่ในหน้าเหล่านั้น (ค่าเริ่มต้น: 2)")
    parser.add_argument("--ca-bundle", help="ไฟล์ใบรับรอง CA เพิ่มเติม (PEM) สำหรับเว็บไซต์ที่ใช้ CA ภายใน")
    parser.add_argument("--connect-to", action="append", default=[], metavar="HOST:PORT:ADDRESS:PORT",
                        help="เชื่อมต่อ HOST:PORT ที่ ADDRESS:PORT แทน (แบบ curl) เช่น ตรวจเว็บไซต์บนเครื่องใหม่ก่อนย้าย DNS "
                             "URL และชื่อเว็บไซต์ในรายงานยังเป็นของเดิม")


def add_audit_commands(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit", help="ตรวจลิงก์บนเว็บไซต์จริงก่อนการประเมิน (ใช้อินเทอร์เน็ต)",
        description="เปิดทุก URL ที่จะส่งในระบบ ITAS เหมือนผู้ตรวจ: ลิงก์ต้องเปิดได้ อยู่บนเว็บไซต์หลัก ไม่เปลี่ยนเส้นทางออกไป "
                    "ไม่ใช่หน้าแจ้งว่าไม่พบหรือหน้าเข้าสู่ระบบ และเอกสารที่ลิงก์จากหน้ารายการต้องเปิดได้ด้วย "
                    "ตรวจอย่างสุภาพ: จำกัดจำนวนการเชื่อมต่อต่อเว็บไซต์ ลองซ้ำเมื่อถูกขอให้รอ และไม่ดาวน์โหลดไฟล์ใหญ่ทั้งไฟล์")
    audit.add_argument("source", help="URL ของศูนย์ ITA ที่เผยแพร่แล้ว หรือไฟล์ CSV หัวตาราง item,url (เช่น site/ita/2569/itas.csv)")
    add_report_options(audit)
    audit.add_argument("--main-website", help="เว็บไซต์หลักของหน่วยงาน (ค่าเริ่มต้น: จาก content/unit.yml)")
    _add_fetch_options(audit)
    audit.add_argument("--cache", type=Path, default=Path(".cache/ita-audit.json"),
                       help="ไฟล์เก็บผลที่ตรวจสำเร็จ (ค่าเริ่มต้น: .cache/ita-audit.json)")
    audit.add_argument("--cache-max-age", type=positive_number(float), default=24.0,
                       help="อายุสูงสุดของผลในแคช (ชั่วโมง, ค่าเริ่มต้น: 24)")
    audit.add_argument("--no-cache", action="store_true", help="ตรวจทุกลิงก์ใหม่ ไม่ใช้และไม่บันทึกแคช")
    audit.set_defaults(run=_run_audit)

    province = commands.add_parser(
        "province-audit", help="ตรวจลิงก์ของหลายหน่วยงานในครั้งเดียว (ระดับจังหวัด ใช้อินเทอร์เน็ต)",
        description="ตรวจทุกหน่วยงานในไฟล์รายชื่อ (CSV หรือ Excel .xlsx ที่มีคอลัมน์ unit, main_website, source "
                    "โดย source เป็น URL ของศูนย์ ITA หรือไฟล์ CSV หัวตาราง item,url คอลัมน์อื่น เช่น อำเภอ โทรศัพท์ "
                    "ผู้ติดต่อ ติดไปในผลทุกไฟล์) แบบเดียวกับ ita audit ทีละหลายหน่วยงานพร้อมกัน "
                    "บันทึกผลทันทีที่ตรวจแต่ละหน่วยงานเสร็จ หยุดกลางคันแล้วตรวจต่อได้ด้วย --resume "
                    "ตรวจรอบใหม่ด้วย --recheck และได้ตารางติดตามรายหน่วยงานและรายการ (HTML, CSV, Excel)")
    province.add_argument("manifest", type=Path,
                          help="ไฟล์รายชื่อหน่วยงาน .csv หรือ .xlsx ที่มีคอลัมน์ unit, main_website, source")
    province.add_argument("--out", type=Path, default=Path("province-audit"),
                          help="โฟลเดอร์ผลการตรวจ: results.jsonl, province.html, province.csv, province.xlsx, "
                               "units/ (ค่าเริ่มต้น: province-audit)")
    province.add_argument("--resume", action="store_true",
                          help="ตรวจต่อจากครั้งก่อน เฉพาะหน่วยงานในไฟล์รายชื่อนี้และปีนี้ที่ยังไม่เสร็จ")
    province.add_argument("--recheck", nargs="?", const="all", choices=("all", "problems"),
                          help="ตรวจรอบใหม่ทับผลเดิม โดยเก็บผลรอบก่อนไว้ใน rounds/ และเทียบกับรอบก่อน: all ทุกหน่วยงาน "
                               "(ค่าเริ่มต้น) หรือ problems เฉพาะหน่วยงานที่ยังมีรายการต้องแก้หรือตรวจไม่ได้ "
                               "(ถ้าหยุดกลางคัน สั่งคำสั่งเดิมเพิ่ม --resume เพื่อตรวจรอบนี้ต่อ)")
    province.add_argument("--compare", type=Path, metavar="PREVIOUS_OUT",
                          help="เทียบกับผลรอบก่อน (โฟลเดอร์ผลการตรวจครั้งก่อน): แต่ละรายการแก้แล้ว พบใหม่ หรือยังไม่แก้")
    province.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: ปีในชื่อไฟล์รายการ หรือปีล่าสุดที่มีเกณฑ์")
    province.add_argument("--connections", type=positive_number(int), default=256,
                          help="จำนวนการเชื่อมต่อพร้อมกันทั้งหมดทุกเว็บไซต์ (ค่าเริ่มต้น: 256)")
    province.add_argument("--units-at-once", type=positive_number(int),
                          help="จำนวนหน่วยงานที่ตรวจพร้อมกัน (ค่าเริ่มต้น: connections หารด้วย per-host)")
    province.add_argument("--unit-deadline", type=positive_number(float), default=900.0,
                          help="วินาทีสูงสุดที่ใช้ตรวจหนึ่งหน่วยงาน เกินแล้วบันทึกว่าตรวจไม่เสร็จ (ค่าเริ่มต้น: 900)")
    province.add_argument("--workers", type=positive_number(int), default=min(os.cpu_count() or 1, 8),
                          help="จำนวนโปรเซสที่ใช้ตรวจพร้อมกัน ใช้ได้หนึ่งแกนประมวลผลต่อโปรเซส (ค่าเริ่มต้น: จำนวนแกนของเครื่อง สูงสุด 8)")
    _add_fetch_options(province)
    province.set_defaults(run=_run_province)
