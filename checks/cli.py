"""The `ita check` and `ita audit` subcommands: run the rules, print the report, set the exit status."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from checks.content_rules import content_findings
from checks.formats import FORMATS
from checks.hosts import MainSite
from checks.report import Report, build_report
from checks.site_rules import site_findings
from generator.content import load_model
from generator.errors import ConfigError
from generator.model import Model
from generator.thai import parse_be_date, parse_be_year

EXIT_OK, EXIT_ZERO = 0, 2


def _be_date(value: str) -> date:
    try:
        return parse_be_date(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _be_year(value: str) -> int:
    try:
        return parse_be_year(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="รูปแบบรายงาน: text (ตาราง), json, html หรือ junit (ค่าเริ่มต้น: text)")
    parser.add_argument("--output", type=Path, help="บันทึกรายงานลงไฟล์แทนการแสดงบนจอ")
    parser.add_argument("--year", type=_be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year ใน content/unit.yml")
    parser.add_argument("--strict", action="store_true", help="ถือว่าคำเตือนเป็นความผิดพลาดด้วย (ออกด้วยรหัส 2)")


def emit(report: Report, args: argparse.Namespace) -> int:
    text = FORMATS[args.format](report)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    failed = any(item.verdict.value == "zero" for item in report.items) or report.site_errors
    return EXIT_ZERO if failed or (args.strict and report.has_warnings) else EXIT_OK


def assessment_year(model: Model, year: int | None) -> int:
    chosen = year or model.unit.assessment_year
    if chosen not in model.catalogues:
        raise ConfigError(f"ไม่มีเกณฑ์ของปี {chosen} (ต้องมีไฟล์ generator/criteria/{chosen}.yml)")
    return chosen


def run_check(args: argparse.Namespace) -> int:
    model = load_model(args.root)
    year = assessment_year(model, args.year)
    findings = content_findings(model, year, args.today or date.today())
    if not args.no_site:
        site_dir = args.site_dir if args.site_dir.is_absolute() else args.root / args.site_dir
        if not (site_dir / "index.html").is_file():
            raise ConfigError(f"ยังไม่มีเว็บไซต์ที่สร้างแล้วใน {site_dir} ให้สั่ง ita build ก่อน หรือใช้ --no-site")
        main = MainSite.of(model.unit.main_website, model.unit.same_site_hosts)
        findings += site_findings(site_dir, model.catalogues[year], main, model.unit.ita_url)
    report = build_report("check", model.unit.name, model.unit.main_website, model.catalogues[year], findings)
    return emit(report, args)


def add_check(commands: argparse._SubParsersAction) -> None:
    check = commands.add_parser(
        "check", help="ตรวจข้อมูลและเว็บไซต์ที่สร้างแล้วก่อนนำขึ้น (ไม่ใช้อินเทอร์เน็ต)",
        description="ตรวจทุกรายการของปีที่ประเมิน: รายการและองค์ประกอบครบ ปีงบประมาณถูกต้อง ข้อมูลรายเดือนครบ "
                    "ลิงก์อยู่บนเว็บไซต์หลัก และเว็บไซต์ใน site/ มีทุกหน้า ลิงก์ภายในไม่เสีย ไม่โหลดไฟล์จากเว็บไซต์อื่น "
                    "ออกด้วยรหัส 0 เมื่อผ่าน 2 เมื่อมีรายการที่จะได้ 0 คะแนน 3 เมื่อข้อมูลไม่ถูกต้อง")
    add_report_options(check)
    check.add_argument("--site-dir", type=Path, default=Path("site"), help="เว็บไซต์ที่สร้างแล้ว (ค่าเริ่มต้น: site)")
    check.add_argument("--no-site", action="store_true", help="ตรวจเฉพาะข้อมูลใน content/ ไม่ตรวจเว็บไซต์ที่สร้างแล้ว")
    check.add_argument("--today", type=_be_date, help="วันที่ใช้ตัดสินว่าเดือนใดต้องมีข้อมูลแล้ว (พ.ศ. เช่น 2569-04-10)")
    check.set_defaults(run=run_check)
