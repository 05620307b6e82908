"""The `ita check` and `ita status` subcommands, and the report options every report command shares."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from checks.content.rules import content_findings
from checks.findings import Verdict
from checks.reports.formats import FORMATS
from checks.hosts import MainSite
from checks.reports.report import Report, build_report
from checks.site.rules import moved_site, newest_change, site_findings, stale_site
from checks.reports.status import status_text
from command.arguments import be_date, be_year
from generator.content.load import load_model
from generator.content.catalogues import CRITERIA_DIR, missing_criteria
from generator.basics.errors import ConfigError
from generator.model.results import last_year_scores
from generator.model import Catalogue
from generator.build.published import read_lock, recorded_published_at
from generator.build.safe_paths import checked_output
from generator.basics.textfile import write_text_atomic

EXIT_OK, EXIT_ZERO = 0, 2


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="รูปแบบรายงาน: text (ตาราง), json, html หรือ junit (ค่าเริ่มต้น: text)")
    parser.add_argument("--output", type=Path, help="บันทึกรายงานลงไฟล์แทนการแสดงบนจอ")
    parser.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year ใน content/unit.yml")
    parser.add_argument("--strict", action="store_true", help="ถือว่าคำเตือนเป็นความผิดพลาดด้วย (ออกด้วยรหัส 2)")


def emit(report: Report, args: argparse.Namespace) -> int:
    text = FORMATS[args.format](report)
    if args.output:
        write_text_atomic(args.output, text)
        print(f"ผ่าน {report.count(Verdict.PASS)} · เสี่ยง {report.count(Verdict.AT_RISK)} · "
              f"ได้ 0 คะแนน {report.count(Verdict.ZERO)} จาก {len(report.items)} รายการ · บันทึกรายงานที่ {args.output}")
    else:
        sys.stdout.write(text)
    failed = any(item.verdict.value == "zero" for item in report.items) or report.site_errors
    return EXIT_ZERO if failed or (args.strict and report.has_warnings) else EXIT_OK


def assessment_year(catalogues: dict[int, Catalogue], requested: int | None, default: int) -> int:
    chosen = requested or default
    if chosen not in catalogues:
        raise ConfigError(missing_criteria(chosen))
    return chosen


def checked_report_path(args: argparse.Namespace) -> None:
    """Refuse a report path that would overwrite the project before any work is done."""
    if args.output:
        args.output = checked_output(args.root, args.output, "รายงาน", option="--output", is_file=True)


def run_check(args: argparse.Namespace) -> int:
    checked_report_path(args)
    model = load_model(args.root)
    year = assessment_year(model.catalogues, args.year, model.unit.assessment_year)
    findings = content_findings(model, year, args.today or date.today())
    if not args.no_site:
        if not (args.site_dir / "index.html").is_file():
            raise ConfigError(f"ยังไม่มีเว็บไซต์ที่สร้างแล้วใน {args.site_dir} ให้สั่ง ita build ก่อน หรือใช้ --no-site")
        main = MainSite.of(model.unit.main_website, model.unit.same_site_hosts)
        findings += site_findings(args.site_dir, model.catalogues[year], main, model.unit.ita_url, read_lock(args.root))
        findings += stale_site(args.site_dir, max(newest_change(model.content_dir), newest_change(CRITERIA_DIR)))
        findings += moved_site(recorded_published_at(args.root), model.unit.published_at)
    report = build_report("check", model.unit.name, model.unit.main_website, model.catalogues[year], findings,
                          last_year=last_year_scores(model, year))
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
    check.add_argument("--today", type=be_date, help="วันที่ใช้ตัดสินว่าเดือนใดต้องมีข้อมูลแล้ว (พ.ศ. เช่น 2569-04-10)")
    check.set_defaults(run=run_check)


# ---- ita audit and ita province-audit ----------------------------------------------------


def add_audit(commands: argparse._SubParsersAction) -> None:
    from command.audit import add_audit_commands  # parsers only: the HTTP stack loads when an audit runs

    add_audit_commands(commands, add_report_options)


# ---- ita status -------------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    model = load_model(args.root)
    year = assessment_year(model.catalogues, args.year, model.unit.assessment_year)
    sys.stdout.write(status_text(model, year, args.today or date.today()))
    return EXIT_OK


def add_status(commands: argparse._SubParsersAction) -> None:
    status = commands.add_parser(
        "status", help="สถานะของปี: รายการและองค์ประกอบที่ยังขาด ผู้รับผิดชอบ และวันที่เหลือก่อนกรอกระบบ ITAS",
        description="แสดงทุกรายการของปีที่ประเมิน รายการที่เสียคะแนนเมื่อปีที่แล้วขึ้นก่อน พร้อมองค์ประกอบที่ยังขาด "
                    "ผู้รับผิดชอบ และจำนวนวันที่เหลือก่อนช่วงกรอกข้อมูลในระบบ ITAS (ถ้ากำหนด itas_window ไว้)")
    status.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year ใน content/unit.yml")
    status.add_argument("--today", type=be_date, help="วันที่ใช้คำนวณวันที่เหลือ (พ.ศ. เช่น 2569-02-01)")
    status.set_defaults(run=run_status)
