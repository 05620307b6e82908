"""The ``ita`` command: one entry point for staff and CI.

It parses the arguments, runs one command and turns what happened into one exit status
(command/exit_codes.py). User mistakes print Thai messages and no traceback; only bugs do.
"""

from __future__ import annotations

import os
import signal
import sys


def _stopped_while_starting(_signum: int, _frame: object) -> None:
    """Ctrl-C before main() runs (while Python imports the tool): the same message and status as later."""
    sys.stderr.write("ita: หยุดตามคำสั่ง (Ctrl-C)\n")
    os._exit(130)


if os.path.basename(sys.argv[0]) in ("ita", "main.py", "__main__.py"):  # run as the command, not imported by a test
    signal.signal(signal.SIGINT, _stopped_while_starting)

import argparse
import errno
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
    main_parser._positionals.title = "คำสั่ง"
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
    signal.signal(signal.SIGINT, signal.default_int_handler)  # from here Ctrl-C is KeyboardInterrupt, handled below
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
    except PermissionError as error:  # a folder staff cannot write (chattr +i, another owner): nothing was changed
        print(f"ita: ไม่มีสิทธิ์เข้าถึง {error.filename or ''} ({error.strerror}) ให้ตรวจสิทธิ์ของไฟล์หรือโฟลเดอร์นี้ "
              "(ผู้ดูแลเครื่องแก้ได้ด้วย chmod หรือ chattr) แล้วสั่งอีกครั้ง งานที่ค้างถูกยกเลิกโดยไม่เปลี่ยนข้อมูล", file=sys.stderr)
        return ExitCode.INVALID
    except OSError as error:
        if error.errno not in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
            raise
        print(f"ita: เขียนไฟล์ {error.filename or ''} ไม่ได้ ({error.strerror}: ดิสก์เต็มหรือเป็นพื้นที่อ่านอย่างเดียว) "
              "งานที่ค้างถูกยกเลิกโดยไม่เปลี่ยนข้อมูล ให้เพิ่มพื้นที่แล้วสั่งอีกครั้ง", file=sys.stderr)
        return ExitCode.INVALID


if __name__ == "__main__":
    sys.exit(main())
