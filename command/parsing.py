"""argparse in Thai: headings, errors and the quoting hint staff need."""

from __future__ import annotations

import argparse
import sys

from command.exit_codes import ExitCode


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
        self.exit(ExitCode.INVALID, f"{self.prog}: คำสั่งไม่ถูกต้อง: {message}\n")
