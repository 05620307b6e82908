"""`ita generate` (the pages, for another builder) and `ita build` (a checked, staged, swapped site)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from command.exit_codes import ExitCode
from generator.basics.swap import siblings
from generator.build.builders import BUILDERS, Builder, builder_named
from generator.build.safe_paths import checked_output, checked_site_dir


def run_generate(args: argparse.Namespace) -> ExitCode:
    from checks.reports.preview import previews
    from generator.basics.project_lock import project_lock
    from generator.build.write import GENERATED, generate
    from generator.content.load import load_model

    with project_lock(args.root, "generate"):
        model = load_model(args.root)
        shown = previews(model, date.today()) if args.preview else None  # the verdicts ita check gives
        site, changed = generate(model, args.root / GENERATED, preview=args.preview, previews=shown)
    print(f"สร้างหน้าศูนย์ ITA {len(site.pages)} หน้าใน {GENERATED}/ (เปลี่ยน {changed} ไฟล์)")
    return ExitCode.OK


def _kept_site(site_dir: Path) -> str:
    """What is left of the previous site, as checked, never assumed."""
    from generator.build.site import site_is_whole

    if site_is_whole(site_dir):
        return f"เว็บไซต์เดิมใน {site_dir} ยังอยู่ครบ ใช้นำขึ้นเว็บไซต์ต่อได้"
    return f"ยังไม่มีเว็บไซต์ที่สร้างสำเร็จใน {site_dir}"


@dataclass(frozen=True)
class BuildOptions:
    root: Path
    site_dir: Path  # already refused when it would replace the project or a folder ita did not make
    builder: Builder

    @classmethod
    def of(cls, args: argparse.Namespace) -> BuildOptions:
        site_dir = checked_site_dir(args.root, args.root / args.site_dir)
        for folder in siblings(site_dir):  # the swap writes and deletes in both: neither may lead anywhere else
            checked_output(args.root, folder, "โฟลเดอร์ชั่วคราว", option="--site-dir")
        return cls(args.root, site_dir, builder_named(args.builder))


def run_build(args: argparse.Namespace) -> ExitCode:
    from generator.basics.project_lock import project_lock
    from generator.build.published import LOCK, record
    from generator.build.site import BuildFailed, Interrupted, build_site
    from generator.content.load import load_model
    from generator.model.results import missing_results

    options = BuildOptions.of(args)
    with project_lock(options.root, "build"):
        model = load_model(options.root)  # report content errors in Thai before MkDocs starts
        for note in missing_results(model):
            print(f"หมายเหตุ {note}")
        try:
            build_site(options.root, options.site_dir, model, options.builder)
        except BuildFailed as error:
            print(error.output, file=sys.stderr)
            print(f"สร้างเว็บไซต์ไม่สำเร็จ {_kept_site(options.site_dir)}", file=sys.stderr)
            return ExitCode.INVALID
        except Interrupted as error:
            print(f"ยกเลิกการสร้างเว็บไซต์ ({error}) {_kept_site(options.site_dir)}", file=sys.stderr)
            return ExitCode.INTERRUPTED
        added, recorded = record(options.root, options.site_dir, model.unit.published_at)
        if recorded != model.unit.published_at:
            print(f"คำเตือน: ที่อยู่เว็บไซต์ (published_at) เปลี่ยนจาก {recorded} เป็น {model.unit.published_at} "
                  f"URL ที่ส่งในระบบ ITAS ไว้แล้วจะเปิดไม่ได้ ถ้าตั้งใจย้าย ให้แก้บรรทัด published_at ใน {LOCK}")
    print(f"สร้างเว็บไซต์ด้วย {options.builder.name} เรียบร้อยใน {options.site_dir} พร้อมนำขึ้นเว็บไซต์ "
          f"(ที่อยู่ใหม่ในศูนย์ ITA {added} รายการ บันทึกไว้ใน {LOCK})")
    unit = model.unit
    if unit.ita_only or unit.published_at.rstrip("/") != unit.main_website.rstrip("/"):
        # The ITAS descriptions send assessors through this menu: a site the tool does not build must have it.
        print(f'ให้เพิ่มเมนู "ศูนย์ ITA" บนหน้าแรกของเว็บไซต์หลัก {unit.main_website} ลิงก์ไปที่ {unit.ita_url} '
              f"และวางไฟล์ทั้งหมดใน {options.site_dir}/ ไว้ที่ {unit.published_at} (ไม่ลบไฟล์อื่นของเว็บไซต์เดิม)")
    return ExitCode.OK


def add_build_commands(commands: argparse._SubParsersAction) -> None:
    generate_parser = commands.add_parser(
        "generate", help="สร้างไฟล์ Markdown ของศูนย์ ITA ลงใน .generated/",
        description="สร้างไฟล์ Markdown ของศูนย์ ITA จาก content/ ลงใน .generated/ สำหรับใช้กับโปรแกรมสร้างเว็บไซต์อื่น")
    generate_parser.add_argument("--preview", action="store_true", help="แสดงเครื่องหมายองค์ประกอบที่ยังขาด")
    generate_parser.set_defaults(run=run_generate)

    build = commands.add_parser(
        "build", help="สร้างเว็บไซต์ลงใน site/ (เก็บเว็บไซต์เดิมไว้ถ้าไม่สำเร็จ)",
        description="ตรวจข้อมูล แล้วสร้างเว็บไซต์ด้วย mkdocs build --strict (หรือ properdocs, zensical) "
                    "ลงในโฟลเดอร์ชั่วคราว และย้ายเข้าแทน site/ เมื่อสำเร็จเท่านั้น")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: site)")
    build.add_argument("--builder", choices=list(BUILDERS),
                       help="โปรแกรมสร้างเว็บไซต์ (ค่าเริ่มต้น: ตัวแรกที่ติดตั้งไว้ เรียงจาก mkdocs)")
    build.set_defaults(run=run_build)
