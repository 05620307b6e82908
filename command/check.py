"""`ita check` (offline: content rules, then the built site) and `ita status` (where the year stands)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from command.arguments import be_date, be_year
from command.exit_codes import ExitCode
from command.reports import ReportOptions, add_report_options, assessment_year, emit
from generator.basics.errors import ConfigError


@dataclass(frozen=True)
class CheckOptions:
    root: Path
    report: ReportOptions
    site_dir: Path
    no_site: bool
    today: date

    @classmethod
    def of(cls, args: argparse.Namespace) -> CheckOptions:
        return cls(args.root, ReportOptions.of(args), args.root / args.site_dir, args.no_site, args.today or date.today())


def run_check(args: argparse.Namespace) -> ExitCode:
    from checks.content.rules import content_findings
    from checks.hosts import MainSite
    from checks.reports.report import build_report
    from checks.site.rules import moved_site, newest_change, site_findings, stale_site
    from generator.build.published import read_lock, recorded_published_at
    from generator.content.catalogues import CRITERIA_DIR
    from generator.content.load import load_model
    from generator.model.results import last_year_scores

    options = CheckOptions.of(args)
    model = load_model(options.root)
    year = assessment_year(model.catalogues, options.report.year, model.unit.assessment_year)
    findings = content_findings(model, year, options.today)
    if not options.no_site:
        if not (options.site_dir / "index.html").is_file():
            raise ConfigError(f"ยังไม่มีเว็บไซต์ที่สร้างแล้วใน {options.site_dir} ให้สั่ง ita build ก่อน หรือใช้ --no-site")
        main = MainSite.of(model.unit.main_website, model.unit.same_site_hosts)
        findings += site_findings(options.site_dir, model.catalogues[year], main, model.unit.ita_url,
                                  read_lock(options.root))
        findings += stale_site(options.site_dir, max(newest_change(model.content_dir), newest_change(CRITERIA_DIR)))
        findings += moved_site(recorded_published_at(options.root), model.unit.published_at)
    report = build_report("check", model.unit.name, model.unit.main_website, model.catalogues[year], findings,
                          last_year=last_year_scores(model, year))
    return emit(report, options.report)


@dataclass(frozen=True)
class StatusOptions:
    root: Path
    year: int | None
    today: date

    @classmethod
    def of(cls, args: argparse.Namespace) -> StatusOptions:
        return cls(args.root, args.year, args.today or date.today())


def run_status(args: argparse.Namespace) -> ExitCode:
    from checks.reports.status import status_text
    from generator.content.load import load_model

    options = StatusOptions.of(args)
    model = load_model(options.root)
    year = assessment_year(model.catalogues, options.year, model.unit.assessment_year)
    sys.stdout.write(status_text(model, year, options.today))
    return ExitCode.OK


def add_check_commands(commands: argparse._SubParsersAction) -> None:
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

    status = commands.add_parser(
        "status", help="สถานะของปี: รายการและองค์ประกอบที่ยังขาด ผู้รับผิดชอบ และวันที่เหลือก่อนกรอกระบบ ITAS",
        description="แสดงทุกรายการของปีที่ประเมิน รายการที่เสียคะแนนเมื่อปีที่แล้วขึ้นก่อน พร้อมองค์ประกอบที่ยังขาด "
                    "ผู้รับผิดชอบ และจำนวนวันที่เหลือก่อนช่วงกรอกข้อมูลในระบบ ITAS (ถ้ากำหนด itas_window ไว้)")
    status.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year ใน content/unit.yml")
    status.add_argument("--today", type=be_date, help="วันที่ใช้คำนวณวันที่เหลือ (พ.ศ. เช่น 2569-02-01)")
    status.set_defaults(run=run_status)
