"""What every report command shares: the report options, the year resolver and the exit status."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from checks.findings import Verdict
from checks.reports.formats import FORMATS, not_audited_text
from checks.reports.report import Report
from command.arguments import be_year
from command.exit_codes import ExitCode
from generator.basics.errors import ConfigError
from generator.basics.textfile import write_text_atomic
from generator.build.safe_paths import checked_output
from generator.model import Catalogue


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=sorted(FORMATS), default="text",
                        help="รูปแบบรายงาน: text (ตาราง), json, html หรือ junit (ค่าเริ่มต้น: text)")
    parser.add_argument("--output", type=Path, help="บันทึกรายงานลงไฟล์แทนการแสดงบนจอ")
    parser.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year ใน content/unit.yml")
    parser.add_argument("--strict", action="store_true", help="ถือว่าคำเตือนเป็นความผิดพลาดด้วย (ออกด้วยรหัส 2)")


@dataclass(frozen=True)
class ReportOptions:
    format: str
    output: Path | None  # already refused when it would overwrite the project
    year: int | None
    strict: bool

    @classmethod
    def of(cls, args: argparse.Namespace) -> ReportOptions:
        output = checked_output(args.root, args.output, "รายงาน", option="--output", is_file=True) if args.output else None
        return cls(args.format, output, args.year, args.strict)


def emit(report: Report, options: ReportOptions) -> ExitCode:
    text = FORMATS[options.format](report)
    if options.output:
        write_text_atomic(options.output, text)
        print(f"ผ่าน {report.count(Verdict.PASS)} · เสี่ยง {report.count(Verdict.AT_RISK)} · "
              f"ได้ 0 คะแนน {report.count(Verdict.ZERO)} จาก {len(report.items)} รายการ · บันทึกรายงานที่ {options.output}")
        if not report.audited:
            print(not_audited_text(report), file=sys.stderr)
    else:
        sys.stdout.write(text)
    failed = any(item.verdict is Verdict.ZERO for item in report.items) or report.site_errors or not report.audited
    return ExitCode.ZERO if failed or (options.strict and report.has_warnings) else ExitCode.OK


def assessment_year(catalogues: dict[int, Catalogue], requested: int | None, default: int) -> int:
    from generator.content.catalogues import missing_criteria

    chosen = requested or default
    if chosen not in catalogues:
        raise ConfigError(missing_criteria(chosen))
    return chosen
