"""`ita init DIR`: a unit's own project, blank or from the example; missing answers are asked in Thai."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from command.arguments import be_year
from command.exit_codes import ExitCode
from generator.basics.errors import ConfigError, ErrorLog

if TYPE_CHECKING:
    from workflow.init import UnitAnswers

QUESTIONS = (  # (option, question)
    ("name", "ชื่อเต็มของหน่วยงาน (เช่น องค์การบริหารส่วนตำบลหนองน้ำใส)"),
    ("type", "ประเภท (อบต. เทศบาลตำบล เทศบาลเมือง หรือ เทศบาลนคร)"),
    ("district", "อำเภอ (ไม่ต้องพิมพ์คำว่าอำเภอ)"),
    ("province", "จังหวัด (ไม่ต้องพิมพ์คำว่าจังหวัด)"),
    ("website", "เว็บไซต์หลักที่ลงทะเบียนในระบบ ITAS (เช่น https://www.nongnamsai.go.th/)"),
)


@dataclass(frozen=True)
class InitOptions:
    target: Path
    example: bool
    answers: UnitAnswers

    @classmethod
    def of(cls, args: argparse.Namespace, ask: Callable[[str], str]) -> InitOptions:
        values = {}
        missing = []
        for option, question in QUESTIONS:
            value = getattr(args, option) or (ask(question).strip() if sys.stdin.isatty() else "")
            if not value:
                missing.append(f"--{option}")
            values[option] = value
        if missing:
            raise ConfigError(f"ยังไม่ได้ระบุ {' '.join(missing)} (สั่งในหน้าต่างคำสั่งเพื่อให้ระบบถาม หรือระบุตัวเลือกเหล่านี้)")
        from generator.content.catalogues import load_catalogues
        from workflow.init import UnitAnswers

        log = ErrorLog()
        catalogues = load_catalogues(log)
        log.raise_if_any()
        year = args.year or max(catalogues)
        return cls(args.target.resolve(), args.example, UnitAnswers(values["name"], values["type"], values["district"],
                                                                    values["province"], values["website"], year))


def run_init(args: argparse.Namespace) -> ExitCode:
    from workflow.init import init_project

    options = InitOptions.of(args, input)
    files = init_project(options.target, options.answers, example=options.example)
    kind = "จากหน่วยงานตัวอย่าง (เปลี่ยนชื่อเป็นของหน่วยงานแล้ว เอกสารยังเป็นของตัวอย่าง ต้องเปลี่ยนทุกไฟล์)" if options.example \
        else "ว่าง"
    print(f"สร้างโครงการของ {options.answers.name} แบบ{kind} ที่ {options.target} "
          f"(ไฟล์รายการที่ต้องเพิ่มหลักฐานของปี {options.answers.year} {len(files)} ไฟล์)")
    print(f"ขั้นต่อไป: cd {options.target} แล้วสั่ง ita status เพื่อดูสิ่งที่ต้องทำ ita build เพื่อสร้างเว็บไซต์ "
          "และ mkdocs serve เพื่อดูตัวอย่างขณะแก้ไข")
    return ExitCode.OK


def add_init_command(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser(
        "init", help="สร้างโครงการของหน่วยงานในโฟลเดอร์ใหม่ (ว่าง หรือจากหน่วยงานตัวอย่าง)",
        description="สร้างโฟลเดอร์โครงการของหน่วยงาน: content/ (ว่าง หรือสำเนาหน่วยงานตัวอย่างที่เปลี่ยนชื่อเป็นของหน่วยงานแล้ว) "
                    "mkdocs.yml ที่ใช้ปลั๊กอิน ita และไฟล์บันทึกที่อยู่ที่เผยแพร่ (ว่าง) การปรับปรุงโปรแกรมไม่แก้ไฟล์ในโฟลเดอร์นี้ "
                    "คำตอบที่ไม่ได้ระบุเป็นตัวเลือก ระบบจะถามเป็นภาษาไทย")
    init.add_argument("target", type=Path, help="โฟลเดอร์ใหม่ของโครงการ (ต้องยังไม่มี หรือเป็นโฟลเดอร์ว่าง)")
    init.add_argument("--example", action="store_true", help="เริ่มจากหน่วยงานตัวอย่างที่มีข้อมูลครบ แทนการเริ่มจากว่าง")
    init.add_argument("--name", help="ชื่อเต็มของหน่วยงาน")
    init.add_argument("--type", help="อบต. เทศบาลตำบล เทศบาลเมือง หรือ เทศบาลนคร")
    init.add_argument("--district", help="อำเภอ")
    init.add_argument("--province", help="จังหวัด")
    init.add_argument("--website", help="เว็บไซต์หลักที่ลงทะเบียนในระบบ ITAS")
    init.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: ปีล่าสุดที่มีเกณฑ์")
    init.set_defaults(run=run_init)
