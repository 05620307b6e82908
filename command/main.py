"""The ``ita`` command: one entry point for staff and CI.

It parses the arguments, runs one command and turns what happened into one exit status
(command/exit_codes.py). User mistakes print Thai messages and no traceback; only bugs do.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from command.audit import add_audit_commands
from command.build import add_build_commands
from command.check import add_check_commands
from command.exit_codes import ExitCode
from command.init import add_init_command
from command.parsing import ThaiParser
from command.staff import add_staff_commands
from generator.basics.errors import ConfigError, InvalidContent


def parser() -> argparse.ArgumentParser:
    main_parser = ThaiParser(prog="ita", description="ศูนย์ ITA: สร้างหน้าเปิดเผยข้อมูล OIT และตรวจก่อนนำขึ้นเว็บไซต์")
    main_parser.add_argument("--root", type=Path, default=Path.cwd(),
                             help="โฟลเดอร์โครงการที่มี mkdocs.yml และ content/ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน)")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="คำสั่ง", parser_class=ThaiParser)
    add_init_command(commands)
    add_build_commands(commands)
    add_check_commands(commands)
    add_audit_commands(commands)
    add_staff_commands(commands)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a message must never crash on a terminal's encoding
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        args = parser().parse_args(argv)
        args.root = args.root.resolve()
        run: Callable[[argparse.Namespace], int] = args.run
        return int(run(args))
    except InvalidContent as error:
        print(error.report(), file=sys.stderr)
        return ExitCode.INVALID
    except ConfigError as error:
        print(f"ita: {error}", file=sys.stderr)
        return ExitCode.INVALID
    except KeyboardInterrupt:
        print("ita: หยุดตามคำสั่ง (Ctrl-C)", file=sys.stderr)
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
