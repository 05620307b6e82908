"""The ``ita`` command: one entry point for staff and CI.

Exit status: 0 ok · 1 internal error · 2 an item would score zero · 3 invalid content or
configuration. User mistakes print Thai messages and no traceback; only bugs do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from generator.build.site import BuildFailed, Interrupted, build_site, site_is_whole, siblings
from generator.build.builders import BUILDERS, builder_named
from generator.content.load import load_model
from generator.basics.errors import ConfigError, InvalidContent
from generator.model.results import missing_results
from generator.basics.project_lock import project_lock
from generator.build.published import LOCK, record
from generator.build.safe_paths import checked_output, checked_site_dir
from generator.build.write import GENERATED, generate

EXIT_OK, EXIT_INTERNAL, EXIT_ZERO, EXIT_INVALID = 0, 1, 2, 3
ROOT_RELATIVE = ("site_dir", "cache")


def _generate(args: argparse.Namespace) -> int:
    with project_lock(args.root, "generate"):
        model = load_model(args.root)
        site, changed = generate(model, args.root / GENERATED, preview=args.preview)
    print(f"สร้างหน้าศูนย์ ITA {len(site.pages)} หน้าใน {GENERATED}/ (เปลี่ยน {changed} ไฟล์)")
    return EXIT_OK


def _kept_site(site_dir: Path) -> str:
    """What is left of the previous site, as checked, never assumed."""
    if site_is_whole(site_dir):
        return f"เว็บไซต์เดิมใน {site_dir} ยังอยู่ครบ ใช้นำขึ้นเว็บไซต์ต่อได้"
    return f"ยังไม่มีเว็บไซต์ที่สร้างสำเร็จใน {site_dir}"


def _build(args: argparse.Namespace) -> int:
    site_dir = checked_site_dir(args.root, args.site_dir)
    checked_output(args.root, siblings(site_dir)[0], "โฟลเดอร์ชั่วคราว", option="--site-dir")
    builder = builder_named(args.builder)
    with project_lock(args.root, "build"):
        model = load_model(args.root)  # report content errors in Thai before MkDocs starts
        for note in missing_results(model):
            print(f"หมายเหตุ {note}")
        try:
            build_site(args.root, site_dir, model, builder)
        except BuildFailed as error:
            print(error.output, file=sys.stderr)
            print(f"สร้างเว็บไซต์ไม่สำเร็จ {_kept_site(site_dir)}", file=sys.stderr)
            return EXIT_INVALID
        except Interrupted as error:
            print(f"ยกเลิกการสร้างเว็บไซต์ ({error}) {_kept_site(site_dir)}", file=sys.stderr)
            return EXIT_INVALID
        added, recorded = record(args.root, site_dir, model.unit.published_at)
        if recorded != model.unit.published_at:
            print(f"คำเตือน: ที่อยู่เว็บไซต์ (published_at) เปลี่ยนจาก {recorded} เป็น {model.unit.published_at} "
                  f"URL ที่ส่งในระบบ ITAS ไว้แล้วจะเปิดไม่ได้ ถ้าตั้งใจย้าย ให้แก้บรรทัด published_at ใน {LOCK}")
    print(f"สร้างเว็บไซต์ด้วย {builder.name} เรียบร้อยใน {site_dir} พร้อมนำขึ้นเว็บไซต์ (ที่อยู่ใหม่ในศูนย์ ITA {added} รายการ "
          f"บันทึกไว้ใน {LOCK})")
    return EXIT_OK


class ThaiHelpFormatter(argparse.HelpFormatter):
    """argparse prints English headings; staff read Thai."""

    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001, ANN201
        return super().add_usage(usage, actions, groups, "วิธีใช้: " if prefix is None else prefix)


class ThaiParser(argparse.ArgumentParser):
    def __init__(self, **kwargs) -> None:  # noqa: ANN003
        super().__init__(formatter_class=ThaiHelpFormatter, add_help=False, **kwargs)
        self._positionals.title = "คำสั่ง"
        self._optionals.title = "ตัวเลือก"
        self.add_argument("-h", "--help", action="help", help="แสดงวิธีใช้นี้แล้วจบ")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        message = message.replace("argument ", "ตัวเลือก ").replace("invalid choice", "ไม่มีตัวเลือกนี้")
        if message.startswith("unrecognized arguments"):  # a file name with spaces, typed without quotes
            message = (message.replace("unrecognized arguments", "มีคำที่ไม่รู้จัก")
                       + ' (ถ้าชื่อไฟล์หรือชื่อเอกสารมีช่องว่าง ให้ใส่เครื่องหมายคำพูดครอบ เช่น "สรุปผล ต.ค. 68.pdf")')
        self.exit(EXIT_INVALID, f"{self.prog}: คำสั่งไม่ถูกต้อง: {message}\n")


def parser() -> argparse.ArgumentParser:
    main_parser = ThaiParser(
        prog="ita",
        description="ศูนย์ ITA: สร้างหน้าเปิดเผยข้อมูล OIT และตรวจก่อนนำขึ้นเว็บไซต์",
    )
    main_parser.add_argument("--root", type=Path, default=Path.cwd(),
                             help="โฟลเดอร์โครงการที่มี mkdocs.yml และ content/ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="คำสั่ง",
                                          parser_class=ThaiParser)

    generate = commands.add_parser("generate", help="สร้างไฟล์ Markdown ของศูนย์ ITA ลงใน .generated/",
                                   description="สร้างไฟล์ Markdown ของศูนย์ ITA จาก content/ ลงใน .generated/ "
                                               "สำหรับใช้กับโปรแกรมสร้างเว็บไซต์อื่น")
    generate.add_argument("--preview", action="store_true", help="แสดงเครื่องหมายองค์ประกอบที่ยังขาด")
    generate.set_defaults(run=_generate)

    build = commands.add_parser("build", help="สร้างเว็บไซต์ลงใน site/ (เก็บเว็บไซต์เดิมไว้ถ้าไม่สำเร็จ)",
                                description="ตรวจข้อมูล แล้วสร้างเว็บไซต์ด้วย mkdocs build --strict (หรือ properdocs, zensical) "
                                            "ลงในโฟลเดอร์ชั่วคราว และย้ายเข้าแทน site/ เมื่อสำเร็จเท่านั้น")
    build.add_argument("--site-dir", type=Path, default=Path("site"), help="โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: site)")
    build.add_argument("--builder", choices=list(BUILDERS),
                       help="โปรแกรมสร้างเว็บไซต์ (ค่าเริ่มต้น: ตัวแรกที่ติดตั้งไว้ เรียงจาก mkdocs)")
    build.set_defaults(run=_build)

    # The command composes the generator, the checks and the staff workflow.
    from command.check import add_audit, add_check, add_status
    from command.staff import add_workflow

    add_check(commands)
    add_audit(commands)
    add_status(commands)
    add_workflow(commands)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a message must never crash on a terminal's encoding
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    args = parser().parse_args(argv)
    args.root = args.root.resolve()
    for name in ROOT_RELATIVE:  # folders of the project are relative to --root, not to where ita runs
        value = getattr(args, name, None)
        if value is not None:
            setattr(args, name, args.root / value)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except InvalidContent as error:
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    except ConfigError as error:
        print(f"ita: {error}", file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
