"""The `ita check` and `ita audit` subcommands: run the rules, print the report, set the exit status."""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from checks.audit import Audit, link_findings, read_submissions, submissions_from_page
from checks.cache import SuccessCache, utc_now
from checks.content_rules import content_findings
from checks.findings import Finding, Verdict
from checks.http import Checker, HttpSettings
from checks.formats import FORMATS
from checks.hosts import MainSite
from checks.report import Report, build_report
from checks.site_rules import moved_site, newest_change, site_findings, stale_site
from checks.status import status_text
from generator.arguments import be_date, be_year, positive_number
from generator.content import load_model
from generator.criteria import CRITERIA_DIR, load_catalogues, missing_criteria
from generator.errors import ConfigError, ErrorLog
from generator.ita_results import last_year_scores
from generator.model import Catalogue
from generator.published import read_lock, recorded_published_at
from generator.safe_paths import checked_output
from generator.textfile import write_text_atomic
from generator.weburl import parse_web_url, web_url_problem

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


# ---- ita audit --------------------------------------------------------------------------


def _progress(enabled: bool) -> Progress:
    return Progress(TextColumn("ตรวจลิงก์"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    disable=not enabled, transient=True, console=None)


async def _audit(args: argparse.Namespace, catalogue: Catalogue, main: MainSite, main_host: str,
                 cache: SuccessCache) -> list[Finding]:
    settings = HttpSettings(per_host=args.per_host, timeout=args.timeout, retries=args.retries,
                            max_retry_wait=args.max_retry_wait, ca_bundle=args.ca_bundle)
    show = args.format == "text" and args.output is None and sys.stderr.isatty()
    with _progress(show) as progress:
        task = progress.add_task("audit", total=None)
        async with Checker(settings) as checker:
            audit = Audit(checker, cache, main, main_host, utc_now(),
                          on_checked=lambda n: progress.update(task, advance=n), depth=args.depth)
            if args.source.startswith(("http://", "https://")):
                page = await audit.check(args.source, page=True)
                problems = link_findings(page, None, main, main_host)
                if problems:
                    return problems
                submissions, rejected = submissions_from_page(page, catalogue), []
                if not submissions:
                    raise ConfigError(f"ไม่พบลิงก์ของรายการ ITA ปี {catalogue.year} ในหน้า {args.source} "
                                      "(อาจเป็นหน้าแรกของเว็บไซต์) ให้ใช้ URL ของหน้าศูนย์ ITA ที่มีรายการ "
                                      f"{catalogue.items[0].id}–{catalogue.items[-1].id} หรือไฟล์ itas.csv")
            else:
                path = Path(args.source)
                if not path.is_file():
                    raise ConfigError(f"ไม่พบไฟล์ {args.source} (ต้องเป็น URL ของศูนย์ ITA หรือไฟล์ CSV หัวตาราง item,url)")
                submissions, rejected = read_submissions(path, args.source, catalogue)
            return await audit.run(submissions, catalogue, rejected)


def year_of_list(source: str, catalogues: dict[int, Catalogue]) -> int | None:
    """The assessment year a submission list or ITA center page is for, when its path names one."""
    years = [int(found) for found in re.findall(r"(?<!\d)(25\d\d)(?!\d)", source)]
    return next((year for year in reversed(years) if year in catalogues), None)


def run_audit(args: argparse.Namespace) -> int:
    checked_report_path(args)
    if args.ca_bundle and not Path(args.ca_bundle).is_file():
        raise ConfigError(f'ไม่พบไฟล์ใบรับรอง "{args.ca_bundle}" (--ca-bundle) ตรวจชื่อไฟล์และโฟลเดอร์')
    cache_path = None if args.no_cache else checked_output(args.root, args.cache, "แคช", option="--cache", is_file=True)
    model = load_model(args.root) if (args.root / "content" / "unit.yml").is_file() else None
    if model:
        catalogues = model.catalogues
    else:
        log = ErrorLog()
        catalogues = load_catalogues(log)
        log.raise_if_any()
    listed = year_of_list(args.source, catalogues)  # site/ita/2568/itas.csv is the 2568 list, whatever unit.yml says
    year = assessment_year(catalogues, args.year or listed, model.unit.assessment_year if model else max(catalogues))
    is_url = args.source.startswith(("http://", "https://"))
    main_website = args.main_website or (model.unit.main_website if model else args.source if is_url else None)
    if not main_website:
        raise ConfigError("ต้องระบุเว็บไซต์หลักด้วย --main-website เพราะไม่มี content/unit.yml")
    same_site = model.unit.same_site_hosts if model and main_website == model.unit.main_website else ()
    problem = web_url_problem(main_website)
    if problem:
        raise ConfigError(f"เว็บไซต์หลัก (--main-website): {problem}")
    main = MainSite.of(main_website, same_site)
    main_host = parse_web_url(main_website).host
    if cache_path:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache = SuccessCache.load(cache_path, timedelta(hours=args.cache_max_age))
    findings = asyncio.run(_audit(args, catalogues[year], main, main_host, cache))
    cache.save()
    notes = (f"ใช้ผลที่ตรวจสำเร็จไว้ไม่เกิน {args.cache_max_age:g} ชั่วโมง {cache.hits} ลิงก์ "
             "(ลิงก์ที่มีปัญหาตรวจใหม่ทุกครั้ง)",) if cache.hits else ()
    unit = model.unit.name if model else main_host
    report = build_report("audit", unit, main_website, catalogues[year], findings, notes,
                          last_year=last_year_scores(model, year) if model else None)
    return emit(report, args)


def add_audit(commands: argparse._SubParsersAction) -> None:
    audit = commands.add_parser(
        "audit", help="ตรวจลิงก์บนเว็บไซต์จริงก่อนการประเมิน (ใช้อินเทอร์เน็ต)",
        description="เปิดทุก URL ที่จะส่งในระบบ ITAS เหมือนผู้ตรวจ: ลิงก์ต้องเปิดได้ อยู่บนเว็บไซต์หลัก ไม่เปลี่ยนเส้นทางออกไป "
                    "ไม่ใช่หน้าแจ้งว่าไม่พบหรือหน้าเข้าสู่ระบบ และเอกสารที่ลิงก์จากหน้ารายการต้องเปิดได้ด้วย "
                    "ตรวจอย่างสุภาพ: จำกัดจำนวนการเชื่อมต่อต่อเว็บไซต์ ลองซ้ำเมื่อถูกขอให้รอ และไม่ดาวน์โหลดไฟล์ใหญ่ทั้งไฟล์")
    audit.add_argument("source", help="URL ของศูนย์ ITA ที่เผยแพร่แล้ว หรือไฟล์ CSV หัวตาราง item,url (เช่น site/ita/2569/itas.csv)")
    add_report_options(audit)
    audit.add_argument("--main-website", help="เว็บไซต์หลักของหน่วยงาน (ค่าเริ่มต้น: จาก content/unit.yml)")
    audit.add_argument("--per-host", type=positive_number(int), default=2, help="จำนวนการเชื่อมต่อพร้อมกันต่อเว็บไซต์ (ค่าเริ่มต้น: 2)")
    audit.add_argument("--timeout", type=positive_number(float), default=10.0, help="วินาทีที่รอแต่ละคำขอ (ค่าเริ่มต้น: 10)")
    audit.add_argument("--retries", type=positive_number(int, zero=True), default=2, help="จำนวนครั้งที่ลองซ้ำเมื่อได้ 429 หรือ 5xx (ค่าเริ่มต้น: 2)")
    audit.add_argument("--max-retry-wait", type=positive_number(float, zero=True), default=30.0,
                       help="รอก่อนลองซ้ำได้นานสุดกี่วินาที แม้เว็บไซต์ขอให้รอนานกว่า (ค่าเริ่มต้น: 30)")
    audit.add_argument("--depth", type=positive_number(int, zero=True), default=2,
                       help="ตามลิงก์จากหน้ารายการไปยังหน้าอื่นบนเว็บไซต์หลัก (เช่น หน้ารวมข่าว) ลึกกี่ชั้น "
                            "เพื่อตรวจเอกสารที่อยู่ในหน้าเหล่านั้น (ค่าเริ่มต้น: 2)")
    audit.add_argument("--ca-bundle", help="ไฟล์ใบรับรอง CA เพิ่มเติม (PEM) สำหรับเว็บไซต์ที่ใช้ CA ภายใน")
    audit.add_argument("--cache", type=Path, default=Path(".cache/ita-audit.json"),
                       help="ไฟล์เก็บผลที่ตรวจสำเร็จ (ค่าเริ่มต้น: .cache/ita-audit.json)")
    audit.add_argument("--cache-max-age", type=positive_number(float), default=24.0, help="อายุสูงสุดของผลในแคช (ชั่วโมง, ค่าเริ่มต้น: 24)")
    audit.add_argument("--no-cache", action="store_true", help="ตรวจทุกลิงก์ใหม่ ไม่ใช้และไม่บันทึกแคช")
    audit.set_defaults(run=run_audit)


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
