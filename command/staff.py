"""The staff commands that edit content/: new-year, publish-year, add-document, remove-document, replace-document,
set-photo, close-todo, adopt-criteria."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from command.arguments import be_date_text, be_month_text, be_period_text, be_year, positive_number
from command.exit_codes import ExitCode
from generator.basics.errors import ConfigError
from generator.basics.project_lock import project_lock
from generator.basics.thai import be_iso

DATING = ("fiscal_year", "date", "month", "period")


def run_new_year(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.new_year import start_year

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
    if not done.moved:
        print(f"  ปี {year} เป็นปีที่ประเมินอยู่แล้ว: สร้างเฉพาะไฟล์รายการที่ยังไม่มี content/unit.yml ไม่เปลี่ยน")
        return ExitCode.OK
    print(f"  ปรับ assessment_year ใน content/unit.yml เป็น {year} แล้ว ดูสิ่งที่ต้องทำด้วย ita status")
    print(f"  หน้าแรกของเว็บไซต์ยังแสดงปี {model.unit.public_year} (ช่อง public_year) หน้าของปี {year} แสดงว่าอยู่ระหว่างจัดเตรียม "
          "เมื่อข้อมูลพร้อมแล้วให้สั่ง ita publish-year")
    return ExitCode.OK


def run_publish_year(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.new_year import publish_year

    with project_lock(args.root, "publish-year"):
        model = load_model(args.root)
        if model.unit.public_year == model.unit.assessment_year:
            print(f"หน้าแรกแสดงปี {model.unit.assessment_year} อยู่แล้ว")
            return ExitCode.OK
        year = publish_year(model)
    print(f"หน้าแรกของศูนย์ ITA จะแสดงปี {year} ตั้งแต่การสร้างเว็บไซต์ครั้งถัดไป (ita build แล้วนำขึ้นเว็บไซต์)")
    return ExitCode.OK


def _dating(args: argparse.Namespace, *, required: bool) -> dict[str, str]:
    """The dating options as the loader writes them back (BE), each read by the loader's own parser."""
    dating = {key: str(getattr(args, key)) for key in DATING if getattr(args, key)}
    if required and not dating:
        raise ConfigError("ต้องระบุว่าเอกสารเป็นข้อมูลของช่วงใด ด้วย --fiscal-year, --date, --month หรือ --period "
                          "อย่างน้อยหนึ่งอย่าง (เช่น --month 2568-10)")
    return dating


def _forced(warning: str | None) -> None:
    if warning:
        print(f"คำเตือน: {warning} (บันทึกไว้ตามที่สั่งด้วย --force ita check จะรายงานว่าผิดปี)", file=sys.stderr)


@dataclass(frozen=True)
class AddDocumentOptions:
    root: Path
    file: Path
    item: str
    element: str
    title: str
    year: int | None
    dating: dict[str, str]
    name: str | None
    force: bool

    @classmethod
    def of(cls, args: argparse.Namespace) -> AddDocumentOptions:
        return cls(args.root, args.file, args.item, args.element, args.title, args.year, _dating(args, required=True),
                   args.name, args.force)


def run_add_document(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.documents import NewDocument, add_document

    options = AddDocumentOptions.of(args)
    with project_lock(options.root, "add-document"):
        model = load_model(options.root)
        document = NewDocument(options.item, options.year or model.unit.assessment_year, options.element,
                               options.title, options.dating)
        target, warning = add_document(model, options.root, options.file, document, options.name,
                                       be_iso(date.today()), force=options.force)
    _forced(warning)
    print(f"คัดลอกเป็น {target.relative_to(options.root)} และบันทึกใน elements.{options.element} ของรายการ "
          f"{options.item.upper()} แล้ว (ไฟล์ต้นฉบับยังอยู่ที่เดิม)")
    return ExitCode.OK


@dataclass(frozen=True)
class DocumentChange:
    """remove-document and replace-document: which recorded document, and what takes its place."""

    root: Path
    document: str
    item: str | None
    year: int | None
    file: Path | None = None
    title: str | None = None
    dating: dict[str, str] | None = None
    name: str | None = None
    force: bool = False

    @classmethod
    def of(cls, args: argparse.Namespace) -> DocumentChange:
        if not hasattr(args, "file"):
            return cls(args.root, args.document, args.item, args.year)
        return cls(args.root, args.document, args.item, args.year, args.file, args.title,
                   _dating(args, required=False) or None, args.name, args.force)


def run_remove_document(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.documents import remove_document

    options = DocumentChange.of(args)
    with project_lock(options.root, "remove-document"):
        model = load_model(options.root)
        entry, deleted = remove_document(model, options.root, options.document, options.year or model.unit.assessment_year,
                                         options.item, be_iso(date.today()))
    kept = "และลบไฟล์แล้ว" if deleted else "ไฟล์ยังอยู่ เพราะรายการอื่นยังใช้"
    print(f'นำ "{entry.document.title}" ({entry.document.file}) ออกจาก elements.{entry.element} ของรายการ '
          f"{entry.item.spec.id} {kept} ถ้าเคยส่ง URL ของไฟล์นี้ในระบบ ITAS ita check จะเตือน (removed-url)")
    return ExitCode.OK


def run_replace_document(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.documents import replace_document

    options = DocumentChange.of(args)
    assert options.file is not None
    with project_lock(options.root, "replace-document"):
        model = load_model(options.root)
        entry, target, warning = replace_document(
            model, options.root, options.document, options.file, options.year or model.unit.assessment_year,
            options.item, options.title, options.dating, options.name, be_iso(date.today()), force=options.force)
    _forced(warning)
    print(f'แทน "{entry.document.title}" ({entry.document.file}) ด้วย {target.relative_to(options.root)} ใน '
          f"elements.{entry.element} ของรายการ {entry.item.spec.id} แล้ว (ไฟล์ต้นฉบับยังอยู่ที่เดิม)")
    return ExitCode.OK


def run_set_photo(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.item_edits import set_photo

    with project_lock(args.root, "set-photo"):
        model = load_model(args.root)
        entry, target, deleted = set_photo(model, args.root, args.person, args.file, args.year or model.unit.assessment_year,
                                           args.item, args.name, be_iso(date.today()))
    old = " รูปเดิมถูกลบแล้ว" if deleted else ""
    print(f'ใช้ {target.relative_to(args.root)} เป็นรูปของ "{entry.person.name}" ใน elements.{entry.element} ของรายการ '
          f"{entry.item.spec.id} แล้ว{old} (ไฟล์ต้นฉบับยังอยู่ที่เดิม)")
    return ExitCode.OK


def run_close_todo(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.item_edits import close_todo, todo_item

    with project_lock(args.root, "close-todo"):
        model = load_model(args.root)
        year = args.year or model.unit.assessment_year
        if args.number is None:  # list them, numbered as the command takes them
            item = todo_item(model, args.item, year)
            if not item.todo:
                print(f"รายการ {item.spec.id} ปี {year} ไม่มีสิ่งที่ต้องทำเหลืออยู่")
            for number, line in enumerate(item.todo, start=1):
                print(f"{number}. {line}")
            return ExitCode.OK
        item, closed = close_todo(model, args.root, args.item, year, args.number, be_iso(date.today()))
    left = len(item.todo) - 1
    print(f'ปิดสิ่งที่ต้องทำของรายการ {item.spec.id} แล้ว: "{closed}"'
          + (f" (เหลืออีก {left} ข้อ ดูด้วย ita close-todo {item.spec.id})" if left else " (ไม่มีสิ่งที่ต้องทำเหลือแล้ว)"))
    return ExitCode.OK


def run_adopt_criteria(args: argparse.Namespace) -> ExitCode:
    from generator.content.load import load_model
    from workflow.adopt import adopt_criteria

    with project_lock(args.root, "adopt-criteria"):
        model = load_model(args.root)
        done = adopt_criteria(model, args.root, args.year)
    print(f"ย้ายข้อมูลปี {done.year} ไปตามเกณฑ์ทางการแล้ว · ไฟล์เดิมทั้งหมดเก็บไว้ที่ "
          f"{done.kept.relative_to(args.root) if done.kept else '-'} (ไม่มีเอกสารใดถูกลบหรือย้าย)")
    for old, new in done.moved:
        print(f"  {old} → {new}" + (" (ชื่อรายการเปลี่ยน)" if new in done.renamed else ""))
    if done.new:
        print(f"  รายการใหม่ (สร้างเป็นรายการที่ต้องทำ): {', '.join(done.new)}")
    if done.dropped:
        print(f"  รายการที่เกณฑ์ทางการไม่มีแล้ว (ไฟล์เดิมอยู่ในโฟลเดอร์ที่เก็บไว้): {', '.join(done.dropped)}")
    if done.unplaced:
        print("  หลักฐานที่เกณฑ์ทางการไม่มีองค์ประกอบรับ (อยู่ในไฟล์เดิมที่เก็บไว้ ให้พิจารณาย้ายเอง): "
              + ", ".join(f"{item}.{key}" for item, key in done.unplaced))
    print("  ขั้นต่อไป: ita status เพื่อดูสิ่งที่ต้องทำตามเกณฑ์ทางการ แล้ว ita build และ ita check")
    return ExitCode.OK


def _add_dating_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--fiscal-year", dest="fiscal_year", type=be_year, help="ปีงบประมาณของเอกสาร (พ.ศ.)")
    parser.add_argument("--date", type=be_date_text, help="วันที่ของเอกสาร (พ.ศ. เช่น 2569-04-05 หรือ 5/4/2569)")
    parser.add_argument("--month", type=be_month_text, help="เดือนของข้อมูล (พ.ศ. เช่น 2568-10)")
    parser.add_argument("--period", type=be_period_text,
                        help="ช่วงปีของแผน (เช่น 2566-2570) หรือช่วงเดือนที่เอกสารครอบคลุม (เช่น ไตรมาส 1/2569 หรือ 2568-10..2568-12)")
    parser.add_argument("--force", action="store_true",
                        help="บันทึกแม้ช่วงเวลาของเอกสารไม่ตรงกับเกณฑ์ปีขององค์ประกอบ (ita check จะรายงานว่าผิดปี)")


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
    _add_dating_options(add)
    add.add_argument("--name", help="ตั้งชื่อไฟล์ปลายทางเอง (ภาษาอังกฤษ)")
    add.set_defaults(run=run_add_document)

    remove = commands.add_parser(
        "remove-document", help="นำเอกสารออกจากรายการ (ลบออกจากส่วนหัวของรายการ และลบไฟล์ถ้าไม่มีรายการอื่นใช้)",
        description="นำเอกสารที่บันทึกไว้ออกจากรายการ เช่น เอกสารผิดปี ทำเป็นขั้นตอนเดียว ถ้าไม่สำเร็จ content/ จะเหมือนเดิมทุกไบต์")
    remove.add_argument("document", help="เอกสารตามที่เขียนในไฟล์รายการ (เช่น documents/2569/o11/x.pdf) หรือชื่อไฟล์")
    remove.add_argument("--item", help="รหัสรายการ เมื่อเอกสารนี้บันทึกไว้หลายรายการ")
    remove.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year")
    remove.set_defaults(run=run_remove_document)

    replace = commands.add_parser(
        "replace-document", help="เปลี่ยนเอกสารของรายการเป็นไฟล์ใหม่ (ชื่อและช่วงเวลาเดิม เว้นแต่ระบุใหม่)",
        description="คัดลอกไฟล์ใหม่เข้า content/documents/ แทนเอกสารเดิมในรายการ ตรวจช่วงเวลาตามเกณฑ์ปีขององค์ประกอบ "
                    "ลบไฟล์เดิมเมื่อไม่มีรายการอื่นใช้ ทำเป็นขั้นตอนเดียว ถ้าไม่สำเร็จ content/ จะเหมือนเดิมทุกไบต์")
    replace.add_argument("document", help="เอกสารเดิมตามที่เขียนในไฟล์รายการ หรือชื่อไฟล์")
    replace.add_argument("file", type=Path, help="ไฟล์ใหม่ (PDF, XLSX, DOCX, รูปภาพ)")
    replace.add_argument("--item", help="รหัสรายการ เมื่อเอกสารเดิมบันทึกไว้หลายรายการ")
    replace.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year")
    replace.add_argument("--title", help="ชื่อเอกสารใหม่ (ค่าเริ่มต้น: ชื่อเดิม)")
    _add_dating_options(replace)
    replace.add_argument("--name", help="ตั้งชื่อไฟล์ปลายทางเอง (ภาษาอังกฤษ)")
    replace.set_defaults(run=run_replace_document)

    photo = commands.add_parser(
        "set-photo", help="ใส่หรือเปลี่ยนรูปของบุคคล (ผู้บริหาร ผู้ติดต่อ) โดยไม่ต้องแก้ไฟล์รายการเอง",
        description="คัดลอกรูปเข้า content/documents/ ด้วยชื่อภาษาอังกฤษที่ปลอดภัยสำหรับ URL แล้วบันทึกเป็นช่อง photo "
                    "ของบุคคลนั้น แทนรูปเดิมถ้ามี (ลบรูปเดิมเมื่อไม่มีที่อื่นใช้) ทำเป็นขั้นตอนเดียว ถ้าไม่สำเร็จ "
                    "content/ จะเหมือนเดิมทุกไบต์")
    photo.add_argument("person", help="ชื่อบุคคลตามที่บันทึกไว้ เช่น \"นายสมชาย ใจดี\"")
    photo.add_argument("file", type=Path, help="ไฟล์รูป (JPG, PNG, WEBP หรือ SVG ไม่เกิน 5 MB)")
    photo.add_argument("--item", help="รหัสรายการ เมื่อมีชื่อนี้หลายรายการ")
    photo.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year")
    photo.add_argument("--name", help="ตั้งชื่อไฟล์ปลายทางเอง (ภาษาอังกฤษ)")
    photo.set_defaults(run=run_set_photo)

    todo = commands.add_parser(
        "close-todo", help="ดูหรือปิดสิ่งที่ต้องทำ (todo) ของรายการ โดยไม่ต้องแก้ไฟล์รายการเอง",
        description="ไม่ระบุลำดับ: แสดงสิ่งที่ต้องทำของรายการพร้อมลำดับ ระบุลำดับ: ปิดข้อนั้น (ลบออกจากช่อง todo) "
                    "ทำเป็นขั้นตอนเดียว ถ้าไม่สำเร็จ content/ จะเหมือนเดิมทุกไบต์")
    todo.add_argument("item", help="รหัสรายการ เช่น O5")
    todo.add_argument("number", nargs="?", type=positive_number(int), help="ลำดับของสิ่งที่ต้องทำที่จะปิด (ดูได้โดยไม่ระบุ)")
    todo.add_argument("--year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) ค่าเริ่มต้น: assessment_year")
    todo.set_defaults(run=run_close_todo)

    adopt = commands.add_parser(
        "adopt-criteria", help="ย้ายข้อมูลของปีที่เตรียมตามเกณฑ์ชั่วคราวไปตามเกณฑ์ทางการ (เมื่อโปรแกรมรุ่นใหม่มีเกณฑ์ทางการ)",
        description="เมื่อสำนักงาน ป.ป.ช. ประกาศเกณฑ์และโปรแกรมรุ่นใหม่มีเกณฑ์ทางการของปีแล้ว คำสั่งนี้ย้ายรายการที่เตรียมไว้ "
                    "ตามตารางที่เกณฑ์ทางการระบุ (รายการเดิมเลขใหม่ แยกรายการ รายการใหม่ รายการที่ยกเลิก) ยกหลักฐานทีละองค์ประกอบ "
                    "เก็บข้อความและสิ่งที่ต้องทำของเจ้าหน้าที่ไว้ เก็บไฟล์เดิมทั้งหมดไว้ใน content/set-aside/ "
                    "ทำเป็นขั้นตอนเดียว ถ้าไม่สำเร็จ content/ จะเหมือนเดิม")
    adopt.add_argument("year", type=be_year, help="ปีที่ประเมิน (พ.ศ.) เช่น 2570")
    adopt.set_defaults(run=run_adopt_criteria)
