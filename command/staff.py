"""The staff commands that edit content/: `ita new-year`, `ita publish-year`, `ita add-document`."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from command.arguments import be_date_text, be_month_text, be_period_text, be_year
from command.exit_codes import ExitCode
from generator.content.load import load_model
from generator.basics.errors import ConfigError
from generator.basics.project_lock import project_lock
from generator.basics.thai import be_iso
from workflow.add_document import NewDocument, add_document
from workflow.new_year import publish_year, start_year

DATING = ("fiscal_year", "date", "month", "period")


def run_new_year(args: argparse.Namespace) -> ExitCode:
    with project_lock(args.root, "new-year"):
        model = load_model(args.root)
        year = args.year or model.unit.assessment_year + 1
        done = start_year(model, args.root, year)
    print(f"เริ่มปี {year}: สร้าง {len(done.created)} ไฟล์ "
          f"(ยกข้อมูลเดิมมา {len(done.carried)} รายการ, ต้องเพิ่มข้อมูลใหม่ {len(done.todo)} รายการ)")
    if done.carried:
        print(f"  ยกมาจากปีก่อน (ตรวจว่ายังเป็นปัจจุบัน): {', '.join(done.carried)}")
    if done.todo:
        print(f"  ต้องเพิ่มหลักฐานของปี {year}: {', '.join(done.todo)}")
    if done.kept:
        print(f"  มีไฟล์อยู่แล้ว ไม่แตะต้อง {len(done.kept)} ไฟล์")
    print(f"  ปรับ assessment_year ใน content/unit.yml เป็น {year} แล้ว ดูสิ่งที่ต้องทำด้วย ita status")
    print(f"  หน้าแรกของเว็บไซต์ยังแสดงปี {model.unit.public_year} (ช่อง public_year) หน้าของปี {year} แสดงว่าอยู่ระหว่างจัดเตรียม "
          "เมื่อข้อมูลพร้อมแล้วให้สั่ง ita publish-year")
    return ExitCode.OK


def run_publish_year(args: argparse.Namespace) -> ExitCode:
    with project_lock(args.root, "publish-year"):
        model = load_model(args.root)
        if model.unit.public_year == model.unit.assessment_year:
            print(f"หน้าแรกแสดงปี {model.unit.assessment_year} อยู่แล้ว")
            return ExitCode.OK
        year = publish_year(model)
    print(f"หน้าแรกของศูนย์ ITA จะแสดงปี {year} ตั้งแต่การสร้างเว็บไซต์ครั้งถัดไป (ita build แล้วนำขึ้นเว็บไซต์)")
    return ExitCode.OK


@dataclass(frozen=True)
class AddDocumentOptions:
    root: Path
    file: Path
    item: str
    element: str
    title: str
    year: int | None
    dating: dict[str, str]  # the dating options as the loader writes them back (BE), each read by the loader's parser
    name: str | None

    @classmethod
    def of(cls, args: argparse.Namespace) -> AddDocumentOptions:
        dating = {key: str(getattr(args, key)) for key in DATING if getattr(args, key)}
        if not dating:
            raise ConfigError("ต้องระบุว่าเอกสารเป็นข้อมูลของช่วงใด ด้วย --fiscal-year, --date, --month หรือ --period "
                              "อย่างน้อยหนึ่งอย่าง (เช่น --month 2568-10)")
        return cls(args.root, args.file, args.item, args.element, args.title, args.year, dating, args.name)


def run_add_document(args: argparse.Namespace) -> ExitCode:
    options = AddDocumentOptions.of(args)
    with project_lock(options.root, "add-document"):
        model = load_model(options.root)
        document = NewDocument(options.item, options.year or model.unit.assessment_year, options.element,
                               options.title, options.dating)
        target = add_document(model, options.root, options.file, document, options.name, be_iso(date.today()))
    print(f"คัดลอกเป็น {target.relative_to(options.root)} และบันทึกใน elements.{options.element} ของรายการ "
          f"{options.item.upper()} แล้ว (ไฟล์ต้นฉบับยังอยู่ที่เดิม)")
    return ExitCode.OK


def add_staff_commands(commands: argparse._SubParsersAction) -> None:
    new_year = commands.add_parser(
        "new-year", help="เริ่มปีประเมินใหม่จากเกณฑ์ของปีนั้น",
        description="สร้างไฟล์รายการของปีใหม่: รายการที่ใช้ได้ต่อเนื่อง (โครงสร้าง ผู้บริหาร ช่องทางติดต่อ คู่มือ ฯลฯ) "
                    "ยกหลักฐานเดิมมา รายการที่ต้องเป็นข้อมูลของปีนั้นสร้างเป็นรายการที่ต้องทำ ไม่เขียนทับไฟล์ที่มีอยู่")
    new_year.add_argument("--year", type=be_year, help="ปีใหม่ (พ.ศ.) ค่าเริ่มต้น: ปีถัดจาก assessment_year")
    new_year.set_defaults(run=run_new_year)

    publish = commands.add_parser(
        "publish-year", help="ให้หน้าแรกของศูนย์ ITA แสดงปีที่ประเมิน (หลังเตรียมข้อมูลปีใหม่เสร็จ)",
        description="หลัง ita new-year หน้าแรกยังแสดงปีเดิมและหน้าของปีใหม่แสดงว่าอยู่ระหว่างจัดเตรียม "
                    "คำสั่งนี้ให้หน้าแรกแสดงปีที่ประเมินตั้งแต่การสร้างเว็บไซต์ครั้งถัดไป")
    publish.set_defaults(run=run_publish_year)

    add = commands.add_parser(
        "add-document", help="เพิ่มเอกสารให้รายการ (คัดลอกไฟล์และบันทึกในส่วนหัวของรายการ)",
        description="คัดลอกไฟล์เข้า content/documents/ ด้วยชื่อภาษาอังกฤษที่ปลอดภัยสำหรับ URL บันทึกชื่อเอกสาร "
                    "ปีงบประมาณและองค์ประกอบในไฟล์รายการ ไม่เขียนทับไฟล์ที่มีอยู่ และไม่ย้ายหรือลบไฟล์ต้นฉบับ")
    add.add_argument("file", type=Path, help="ไฟล์เอกสาร (PDF, XLSX, DOCX, รูปภาพ)")
    add.add_argument("--item", required=True, help="รหัสรายการ เช่น O11")
    add.add_argument("--element", required=True, help="องค์ประกอบ เช่น monthly_summary (ดูใน ita status หรือหน้ารายการ)")
    add.add_argument("--title", required=True, help="ชื่อเอกสารที่แสดงบนเว็บไซต์")
    add.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year")
    add.add_argument("--fiscal-year", dest="fiscal_year", type=be_year, help="ปีงบประมาณของเอกสาร (พ.ศ.)")
    add.add_argument("--date", type=be_date_text, help="วันที่ของเอกสาร (พ.ศ. เช่น 2569-04-05)")
    add.add_argument("--month", type=be_month_text, help="เดือนของข้อมูล (พ.ศ. เช่น 2568-10)")
    add.add_argument("--period", type=be_period_text, help="ช่วงปีของแผน (เช่น 2566-2570)")
    add.add_argument("--name", help="ตั้งชื่อไฟล์ปลายทางเอง (ภาษาอังกฤษ)")
    add.set_defaults(run=run_add_document)
