"""What `ita audit` and `ita province-audit` run: the HTTP stack and the progress display load here."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta
from typing import TYPE_CHECKING

from checks.hosts import MainSite
from checks.live.audit import Audit, AuditResult, audit_source
from checks.live.cache import SuccessCache, utc_now
from checks.live.http import Checker, HttpSettings
from checks.live.ocr import OcrCache
from checks.live.submissions import is_url, year_of_list
from checks.reports.report import build_report
from command.audit_options import AuditOptions, FetchOptions, ProvinceOptions
from command.exit_codes import ExitCode
from command.reports import assessment_year, emit
from generator.basics.errors import ConfigError, ErrorLog
from generator.basics.project_lock import project_lock
from generator.basics.weburl import parse_web_url, web_url_problem
from generator.content.catalogues import load_catalogues, missing_criteria
from generator.content.load import load_model
from generator.model import Catalogue
from generator.model.results import last_year_scores

if TYPE_CHECKING:
    from rich.progress import Progress


def _settings(fetch: FetchOptions, connections: int = HttpSettings.connections) -> HttpSettings:
    return HttpSettings(per_host=fetch.per_host, timeout=fetch.timeout, retries=fetch.retries,
                        max_retry_wait=fetch.max_retry_wait, ca_bundle=fetch.ca_bundle, connections=connections,
                        connect_to=fetch.connect_to)


def _catalogues() -> dict[int, Catalogue]:
    log = ErrorLog()
    catalogues = load_catalogues(log)
    log.raise_if_any()
    return catalogues


class _Quiet:
    """The progress display when nobody watches (a pipe, a report file): rich is not even loaded."""

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def add_task(self, *_: object, **__: object) -> int:
        return 0

    def update(self, *_: object, **__: object) -> None:
        pass


def _progress(enabled: bool) -> Progress | _Quiet:
    if not enabled:
        return _Quiet()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn("ตรวจลิงก์"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    transient=True, console=None)


async def _audit(options: AuditOptions, catalogue: Catalogue, main: MainSite, main_host: str,
                 cache: SuccessCache) -> AuditResult:
    show = options.report.format == "text" and options.report.output is None and sys.stderr.isatty()
    with _progress(show) as progress:
        task = progress.add_task("audit", total=None)
        async with Checker(_settings(options.fetch)) as checker:
            audit = Audit(checker, cache, main, main_host, utc_now(),
                          on_checked=lambda n: progress.update(task, advance=n), depth=options.fetch.depth,
                          ocr=OcrCache(options.ocr_cache))
            return await audit_source(audit, options.source, catalogue)


def run_audit(options: AuditOptions) -> ExitCode:
    cache_path = options.cache
    model = load_model(options.root) if (options.root / "content" / "unit.yml").is_file() else None
    catalogues = model.catalogues if model else _catalogues()
    listed = year_of_list(options.source, catalogues)  # site/ita/2568/itas.csv is the 2568 list, whatever unit.yml says
    year = assessment_year(catalogues, options.report.year or listed, model.unit.assessment_year if model else max(catalogues))
    main_website = options.main_website or (model.unit.main_website if model else options.source if is_url(options.source)
                                         else None)
    if not main_website:
        raise ConfigError("ต้องระบุเว็บไซต์หลักด้วย --main-website เพราะไม่มี content/unit.yml")
    own_site = model is not None and main_website == model.unit.main_website  # else another unit's: borrow nothing
    same_site = model.unit.same_site_hosts if own_site else ()
    problem = web_url_problem(main_website)
    if problem:
        raise ConfigError(f"เว็บไซต์หลัก (--main-website): {problem}")
    main = MainSite.of(main_website, same_site)
    main_host = parse_web_url(main_website).host
    if cache_path:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache = SuccessCache.load(cache_path, timedelta(hours=options.cache_max_age))
    result = asyncio.run(_audit(options, catalogues[year], main, main_host, cache))
    cache.save()
    notes = (f"ใช้ผลที่ตรวจสำเร็จไว้ไม่เกิน {options.cache_max_age:g} ชั่วโมง {cache.hits} ลิงก์ "
             "(ลิงก์ที่มีปัญหาตรวจใหม่ทุกครั้ง)",) if cache.hits else ()
    unit = model.unit.name if model and own_site else main_host
    report = build_report("audit", unit, main_website, catalogues[year], result.findings, notes,
                          last_year=last_year_scores(model, year) if model and own_site else None,
                          not_audited=result.not_audited)
    return emit(report, options.report)




# ---- ita province-audit ------------------------------------------------------------------


def _province_progress(enabled: bool) -> Progress:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    return Progress(TextColumn("หน่วยงาน"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("· URL ที่ตรวจแล้ว {task.fields[urls]:,}"), TimeElapsedColumn(),
                    TextColumn("เหลือประมาณ"), TimeRemainingColumn(),
                    disable=not enabled, console=None)


def run_province_audit(options: ProvinceOptions) -> ExitCode:
    from checks.province.run import RESULTS, ProvinceSettings, read_done, read_manifest, records, run_workers
    from checks.province.summary import write_summary

    settings = ProvinceSettings(_settings(options.fetch, options.connections), depth=options.fetch.depth,
                                unit_deadline=options.unit_deadline, units_at_once=options.units_at_once,
                                workers=options.workers)
    out = options.out
    catalogues = _catalogues()
    if options.year and options.year not in catalogues:
        raise ConfigError(missing_criteria(options.year))
    rows, problems = read_manifest(options.manifest, str(options.manifest))
    for problem in problems:
        print(f"ข้ามแถว {problem}", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)
    results = out / RESULTS
    with project_lock(out, "province-audit"):
        if results.exists() and not options.resume:
            raise ConfigError(f"มีผลการตรวจเดิมอยู่ใน {results} ให้ใช้ --resume เพื่อตรวจต่อเฉพาะหน่วยงานที่ยังไม่เสร็จ "
                              "หรือเลือกโฟลเดอร์อื่นด้วย --out (ระบบไม่เขียนทับผลเดิม)")
        done = read_done(results)
        todo = [row for row in rows if row.key not in done]
        show = sys.stderr.isatty()
        interrupted = False
        with _province_progress(show) as progress:
            task = progress.add_task("province", total=len(rows), completed=len(rows) - len(todo), urls=0)
            try:
                run_workers(todo, catalogues, options.year, settings, results,
                            on_unit=lambda: progress.update(task, advance=1),
                            on_checked=lambda n: progress.update(task, urls=progress.tasks[0].fields["urls"] + n))
            except KeyboardInterrupt:
                interrupted = True
        summary = write_summary(out, records(results), problems, len(rows))
    print(f"ตรวจแล้ว {summary.audited} จาก {len(rows)} หน่วยงาน · หน่วยงานที่มีรายการได้ 0 คะแนน {summary.with_zero} · "
          f"ผลรายหน่วยงาน {results} · สรุปทั้งจังหวัด {out / 'province.html'} และ {out / 'province.csv'}")
    if interrupted:
        print(f"หยุดแล้ว บันทึกผลของ {summary.audited} หน่วยงานที่ตรวจเสร็จไว้ สั่งคำสั่งเดิมพร้อม --resume "
              "เพื่อตรวจต่อเฉพาะหน่วยงานที่เหลือ", file=sys.stderr)
        return ExitCode.INTERRUPTED
    return ExitCode.ZERO if summary.with_zero or summary.unaudited else ExitCode.OK
