"""argparse in Thai: headings, errors and the quoting hint staff need."""

from __future__ import annotations

import argparse
import re
import sys

from command.exit_codes import ExitCode


class ThaiHelpFormatter(argparse.HelpFormatter):
    """argparse prints English headings; staff read Thai."""

    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "วิธีใช้: " if prefix is None else prefix)


# argparse's own error texts, in Thai (the names and values it quotes are kept).
ERRORS = [
    (re.compile(r"the following arguments are required: (.+)"), r"ยังไม่ได้ระบุ \1"),
    (re.compile(r"argument (\S+): expected one argument"), r"ตัวเลือก \1 ต้องมีค่าตามหลัง"),
    (re.compile(r"argument (\S+): expected at least one argument"), r"ตัวเลือก \1 ต้องมีค่าตามหลังอย่างน้อยหนึ่งค่า"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), r"ตัวเลือก \1 ใช้ร่วมกับ \2 ไม่ได้"),
    (re.compile(r"argument คำสั่ง: invalid choice: (.+?) \(choose from (.+)\)"), r"ไม่มีคำสั่ง \1 (มีคำสั่ง: \2)"),
    (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), r"ตัวเลือก \1: ไม่มี \2 (เลือกได้: \3)"),
    (re.compile(r"invalid choice: (.+?) \(choose from (.+)\)"), r"ไม่มีคำสั่ง \1 (มี: \2)"),
    (re.compile(r"ambiguous option: (\S+) could match (.+)"), r"ตัวเลือก \1 กำกวม อาจหมายถึง \2"),
    (re.compile(r"argument (\S+): invalid \S+ value: (.+)"), r"ตัวเลือก \1: ค่า \2 ใช้ไม่ได้"),
    (re.compile(r"argument (\S+): (.+)"), r"ตัวเลือก \1: \2"),
]


def thai_error(message: str) -> str:
    for pattern, thai in ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(thai, message)
    if message.startswith("unrecognized arguments"):  # a file name with spaces, typed without quotes
        return (message.replace("unrecognized arguments", "มีคำที่ไม่รู้จัก")
                + ' (ถ้าชื่อไฟล์หรือชื่อเอกสารมีช่องว่าง ให้ใส่เครื่องหมายคำพูดครอบ เช่น "สรุปผล ต.ค. 68.pdf")')
    return message


class ThaiParser(argparse.ArgumentParser):
    def __init__(self, **kwargs) -> None:
        super().__init__(formatter_class=ThaiHelpFormatter, add_help=False, **kwargs)
        self._positionals.title = "ค่าที่ต้องระบุ"  # the main parser names its own "คำสั่ง" (command/main.py)
        self._optionals.title = "ตัวเลือก"
        self.add_argument("-h", "--help", action="help", help="แสดงวิธีใช้นี้แล้วจบ")

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(ExitCode.INVALID, f"{self.prog}: คำสั่งไม่ถูกต้อง: {thai_error(message)}\n")
