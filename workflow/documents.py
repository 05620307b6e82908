"""Add, remove or replace a document of an item: the staff edits of content/ that documents need.

Adding copies the file into content/ under a safe ASCII name and records it; the original file is
only read, never moved or deleted; an existing file is never overwritten. A document whose dating
does not fit the element's year rule is refused at the door (the same judge ``ita check`` uses),
unless staff force it. Each edit is a transaction: everything that can be decided beforehand (the
file's bytes, the name, the new front matter parsed back) is decided before the first write, and
any failure after it (the item no longer validates, a kill, a full disk) puts content/ back byte
for byte: the item file with its BOM and line endings, no copied file, no new folder. A document
file is deleted only as the last step, once nothing refers to it any more.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.basics.errors import ConfigError, ErrorLog, Location
from generator.basics.filetypes import MB, file_problem
from generator.basics.textfile import ReadError, decode_text, write_bytes_atomic, write_text_atomic
from generator.basics.thai import (
    arabic_digits,
    be_iso,
    is_month_span,
    parse_be_date,
    parse_be_month,
    parse_be_month_span,
    parse_be_period,
    parse_be_year,
)
from generator.content.load import reload_model
from generator.content.yamlsource import YamlList, YamlMap, split_front_matter, yaml_string
from generator.model import Dating, Document, Item, Model
from generator.model.layout import documents_folder, item_file
from generator.model.yearrules import explain
from generator.model.years import Fit, Signal, judge

ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,150}\.[A-Za-z0-9]{1,8}$")  # stable in every URL
FENCE = re.compile(r"^-{3,}[ \t]*$")


@dataclass(frozen=True)
class NewDocument:
    item: str
    year: int
    element: str
    title: str
    dating: dict[str, str]  # fiscal_year, date, month or period, normalised BE text


def safe_name(original: Path, document: NewDocument) -> str:
    """An ASCII file name that stays stable in URLs: the original's Latin words, else element and period."""
    words = ASCII_WORD.findall(original.stem)
    stem = "-".join(words).lower() if sum(len(word) for word in words if not word.isdigit()) >= 3 else ""
    if not stem:
        period = next((document.dating[key] for key in ("month", "date", "fiscal_year", "period") if key in document.dating),
                      str(document.year))  # the most specific period names the file
        period = "-".join(ASCII_WORD.findall(arabic_digits(period.replace("ไตรมาส", "q"))))
        stem = f"{document.element.replace('_', '-')}-{period}"
    return f"{stem}{original.suffix.lower()}"


def dating_of(values: dict[str, str]) -> Dating:
    """The dating options (already read by the loader's own parsers) as the model holds them."""
    period = values.get("period", "")
    months = bool(period) and is_month_span(period)
    return Dating(
        fiscal_year=parse_be_year(values["fiscal_year"]) if "fiscal_year" in values else None,
        date=parse_be_date(values["date"]) if "date" in values else None,
        month=parse_be_month(values["month"]) if "month" in values else None,
        period=parse_be_period(period) if period and not months else None,
        months=parse_be_month_span(period) if months else None,
    )


def year_problem(item: Item, element_key: str, dating: dict[str, str]) -> str | None:
    """Why a document dated so does not fit the element's year rule (the judge ita check uses), or None."""
    element = item.spec.element(element_key)
    rule = item.spec.rule_of(element) if element else item.spec.year_rule
    judgement = judge(rule, item.year, [Signal.declared(dating_of(dating))])
    if judgement.fit not in (Fit.WRONG, Fit.DOUBT) or judgement.claim is None:
        return None
    label = f'องค์ประกอบ "{element.label}" ของ' if element else ""
    return (f"เอกสารนี้เป็นข้อมูลของ {judgement.claim.written} แต่{label}รายการ {item.spec.id} ปี {item.year} "
            f"ต้องเป็น{explain(rule, item.year)}")


def _entry_lines(relative: str, document: NewDocument, indent: str) -> list[str]:
    lines = [f"{indent}- document: {yaml_string(relative)}", f"{indent}  title: {yaml_string(document.title)}"]
    return lines + [f"{indent}  {key}: {value}" for key, value in document.dating.items()]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def list_end(lines: list[str], key_line: int) -> int:
    """The 0-based index of the first line after an element's list (``key_line`` is its key's, 1-based)."""
    key_indent = _indent(lines[key_line - 1])
    for index in range(key_line, len(lines)):
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if FENCE.match(line) or _indent(line) < key_indent or (_indent(line) == key_indent
                                                               and not line.lstrip().startswith("-")):
            return index
    return len(lines)


def leading_space(line: str) -> str:
    return line[:len(line) - len(line.lstrip())]


def _list_position(lines: list[str], key_line: int, entries: list[tuple[object, int]], month: str | None) -> int:
    """Where the new entry goes in an element's list of (entry, 1-based line): right after the key when the
    list is empty; before the first entry of a later month; else (with a month) after the last entry, else
    (undated) first. ``key_line`` is the element key's 1-based line; the result is a 0-based line index."""
    if not entries:
        return key_line
    later = [line for entry, line in entries
             if month and isinstance(entry, dict) and str(entry.get("month", "")) > month]
    if later or not month:
        return (later[0] if later else entries[0][1]) - 1
    return list_end(lines, key_line)


def _touch_updated(lines: list[str], meta: YamlMap, today: str) -> None:
    """Set ``updated:`` to today: the page tells visitors when the item last changed."""
    if "updated" in meta:
        lines[meta.key_lines["updated"] - 1] = f"updated: {today}"
    else:
        after = meta.key_lines.get("owner") or meta.key_lines.get("year") or 1
        lines.insert(after, f"updated: {today}")


def _insert(text: str, meta: YamlMap, element: str, relative: str, document: NewDocument, today: str) -> str:
    """The item text (LF line ends) with the new entry in the element (front matter lines only)."""
    lines = text.split("\n")
    elements = meta.get("elements")
    if isinstance(elements, YamlMap) and element in elements and (elements[element] is None
                                                                  or isinstance(elements[element], YamlList)):
        listed = elements[element]
        entries = list(zip(listed, listed.item_lines, strict=True)) if listed else []
        at = _list_position(lines, elements.key_lines[element], entries, document.dating.get("month"))
        reference = lines[entries[0][1] - 1] if entries else ""
        indent = leading_space(reference) if reference.lstrip().startswith("-") else "    "
        lines[at:at] = _entry_lines(relative, document, indent)
    elif isinstance(elements, YamlMap) and element not in elements:
        at = meta.key_lines["elements"]
        lines[at:at] = [f"  {element}:", *_entry_lines(relative, document, "    ")]
    elif elements is None and "elements" not in meta:
        closing = next(index for index, line in enumerate(lines) if index and FENCE.match(line))
        lines[closing:closing] = ["elements:", f"  {element}:", *_entry_lines(relative, document, "    ")]
    else:
        raise ValueError("a layout this edit does not handle")
    _touch_updated(lines, meta, today)
    return "\n".join(lines)


def _recorded(text: str, element: str, relative: str) -> bool:
    """Parse the edited text back: is the new document an entry of the element?"""
    meta, _ = split_front_matter(text, Location("-"), ErrorLog())
    entries = meta.get("elements", {}).get(element) if isinstance(meta, YamlMap) else None
    return isinstance(entries, list) and any(isinstance(entry, dict) and entry.get("document") == relative
                                             for entry in entries)


def checked_source(source: Path, max_document_mb: int) -> None:
    if not source.is_file():
        raise ConfigError(f'ไม่พบไฟล์ "{source}" ตรวจชื่อไฟล์และโฟลเดอร์ (ถ้าชื่อมีช่องว่าง ให้ใส่เครื่องหมายคำพูดครอบ '
                          'เช่น "รายงาน ต.ค. 68.pdf")')
    problem = file_problem(source, max_document_mb * MB)  # the loader's own check: add-document and build agree
    if problem:
        raise ConfigError(f'ไฟล์ "{source}" {problem} จึงไม่เพิ่มให้')


def _checked_name(source: Path, document: NewDocument, name: str | None) -> str:
    chosen = name or safe_name(source, document)
    if not SAFE_NAME.match(chosen):
        raise ConfigError(f'ชื่อไฟล์ "{chosen}" ใช้ไม่ได้: ใช้ได้เฉพาะ a-z A-Z 0-9 จุด ขีด และขีดล่าง '
                          "และต้องมีนามสกุล เช่น monthly-summary-2568-10.pdf")
    if Path(chosen).suffix.lower() != source.suffix.lower():
        raise ConfigError(f'ชื่อไฟล์ "{chosen}" ต้องมีนามสกุลเดียวกับไฟล์ต้นฉบับ ({source.suffix.lower() or "ไม่มีนามสกุล"})')
    return chosen


def _item(model: Model, document: NewDocument) -> Item:
    catalogue = model.catalogues.get(document.year)
    spec = catalogue.item(document.item) if catalogue else None
    if spec is None:
        ids = f" (มี {catalogue.items[0].id}–{catalogue.items[-1].id})" if catalogue else ""
        raise ConfigError(f'ไม่มีรายการ "{document.item}" ในเกณฑ์ปี {document.year}{ids}')
    item = model.item(document.year, spec.id)
    if item is None:
        raise ConfigError(f"ยังไม่มีไฟล์ของรายการ {spec.id} ปี {document.year} "
                          f"(content/{item_file(document.year, spec)}) ให้สร้างด้วย ita new-year ก่อน")
    keys = [element.key for element in spec.elements]
    if document.element not in keys:
        raise ConfigError(f'รายการ {spec.id} ไม่มีองค์ประกอบ "{document.element}" (ที่ใช้ได้: {", ".join(keys)})')
    return item


@dataclass(frozen=True)
class _ItemText:
    """An item file as an edit reads it: its bytes (to restore), its text with LF line ends, its front
    matter, and how to write an edit back as it was saved (its BOM and line endings)."""

    path: Path
    shown: str  # the path as messages name it
    original: bytes
    plain: str
    meta: YamlMap
    bom: str
    newline: str

    def check_writable(self) -> None:
        if not os.access(self.path, os.W_OK):
            raise ConfigError(f"ไฟล์ {self.shown} เป็นแบบอ่านอย่างเดียว แก้ไม่ได้ ไม่มีอะไรถูกเปลี่ยน "
                              "ให้ปลดการป้องกันการเขียนแล้วสั่งอีกครั้ง")

    def write(self, plain: str) -> None:
        write_text_atomic(self.path, self.bom + plain.replace("\n", self.newline), newline="")


def _item_text(root: Path, item: Item) -> _ItemText:
    path = root / item.location.path
    original = path.read_bytes()
    try:
        text = decode_text(original)
    except ReadError as error:
        raise ConfigError(f"{item.location.path}: {error}") from None
    plain = text.replace("\r\n", "\n")
    meta, _ = split_front_matter(plain, Location(item.location.path), ErrorLog())
    return _ItemText(path, item.location.path, original, plain, meta,
                     codecs.BOM_UTF8.decode() if original.startswith(codecs.BOM_UTF8) else "",
                     "\r\n" if "\r\n" in text else "\n")


def _restore(item_file: Path, original: bytes) -> None:
    """Put an item file back byte for byte, in one rename."""
    if item_file.read_bytes() != original:
        write_bytes_atomic(item_file, original)


@contextlib.contextmanager
def _undo_on_failure(item_file: Path, original: bytes, target: Path) -> Iterator[list[Path]]:
    """Yield the list of folders the edit creates; on any failure or interruption restore everything."""
    created: list[Path] = []
    try:
        yield created
    except BaseException:
        _restore(item_file, original)
        target.unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def refused_year(problem: str, year: int) -> ConfigError:
    return ConfigError(f"{problem} ระบบจึงไม่เพิ่มให้ (ไม่มีอะไรถูกเปลี่ยน) ถ้าเป็นเอกสารของปีอื่น ให้เพิ่มในรายการของปีนั้น "
                       f"(เช่น --year {year + 1}) หรือแก้ช่วงเวลาให้ถูก ถ้าแน่ใจว่าถูกต้อง ให้สั่งอีกครั้งพร้อม --force")


def add_document(model: Model, root: Path, source: Path, document: NewDocument, name: str | None,
                 today: str, *, force: bool = False) -> tuple[Path, str | None]:
    """Copy ``source`` in and record it; ``today`` (BE, 2569-04-05) becomes the item's ``updated:``. Returns
    the copy and, when forced past the year rule, the warning to show."""
    checked_source(source, model.unit.max_document_mb)
    item = _item(model, document)
    problem = year_problem(item, document.element, document.dating)
    if problem and not force:
        raise refused_year(problem, item.year)
    relative = str(documents_folder(document.year, item.spec) / _checked_name(source, document, name))
    target = model.content_dir / relative
    if target.exists():
        raise ConfigError(f"มีไฟล์ content/{relative} อยู่แล้ว ระบบไม่เขียนทับ ให้ตั้งชื่อใหม่ด้วย --name")
    current = _item_text(root, item)
    try:
        edited = _insert(current.plain, current.meta, document.element, relative, document, today)
    except (ValueError, StopIteration, KeyError):
        edited = None
    if edited is None or not _recorded(edited, document.element, relative):
        lines = "\n".join(_entry_lines(relative, document, "    "))
        raise ConfigError(f"เพิ่มลงในไฟล์ {item.location.path} อัตโนมัติไม่ได้ เพราะช่อง elements เขียนในรูปแบบที่ระบบแก้ให้ไม่ได้ "
                          f"(เช่น เขียนแบบ {{ }} ในบรรทัดเดียว) ไม่มีอะไรถูกเปลี่ยน ให้คัดลอกไฟล์ไปที่ content/{relative} "
                          f"แล้วเพิ่มบรรทัดต่อไปนี้ใต้ {document.element}: เอง\n{lines}")
    current.check_writable()
    with _undo_on_failure(current.path, current.original, target) as created:
        missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)
        shutil.copyfile(source, target)
        current.write(edited)
        reload_model(model)  # InvalidContent here undoes the edit
    return target, problem


# ---- removing and replacing ---------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """One evidence entry that records a document: where it stands in content/."""

    item: Item
    element: str
    document: Document


def recorded(model: Model, written: str, year: int, item_id: str | None) -> Recorded:
    """The one entry of the year (or of the item) that records the document staff named: its path as the item
    file writes it (documents/2569/o11/x.pdf, with or without content/) or its file name."""
    wanted = written.strip().removeprefix("content/")
    found = [Recorded(item, key, entry) for (item_year, _), item in sorted(model.items.items())
             if item_year == year and (item_id is None or item.spec.id.casefold() == item_id.strip().casefold())
             for key, evidence in item.evidence.items() for entry in evidence
             if isinstance(entry, Document) and wanted in (str(entry.file), entry.file.name)]
    if not found:
        where = f"รายการ {item_id}" if item_id else f"รายการของปี {year}"
        raise ConfigError(f'ไม่พบเอกสาร "{written}" ใน{where} (พิมพ์ที่อยู่ตามที่เขียนในไฟล์รายการ เช่น '
                          f"documents/{year}/o11/monthly-summary-2568-10.pdf หรือชื่อไฟล์)")
    if len(found) > 1:
        places = ", ".join(f"{entry.item.spec.id} {entry.element}" for entry in found)
        raise ConfigError(f'เอกสาร "{written}" บันทึกไว้หลายที่ ({places}) ให้ระบุรายการด้วย --item')
    return found[0]


def _entry_span(lines: list[str], meta: YamlMap, element: str, relative: str) -> tuple[int, int]:
    """The 0-based [start, end) lines of the element's entry that records ``relative``."""
    listed = meta["elements"][element]
    index = next(number for number, entry in enumerate(listed)
                 if isinstance(entry, dict) and entry.get("document") == relative)
    return entry_span(lines, meta, element, index)


def entry_span(lines: list[str], meta: YamlMap, element: str, index: int) -> tuple[int, int]:
    """The 0-based [start, end) lines of the element's ``index``-th entry."""
    listed = meta["elements"][element]
    start = listed.item_lines[index] - 1
    end = (listed.item_lines[index + 1] - 1 if index + 1 < len(listed)
           else list_end(lines, meta["elements"].key_lines[element]))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # a blank line after the entry belongs to what follows
    return start, end


def still_used(model: Model, document: Document) -> bool:
    """Whether any entry but ``document``'s own records the same file (photos included)."""
    return any(other is not document and other.source == document.source
               for item in model.items.values() for other in item.documents)


def edit_item(model: Model, root: Path, item: Item, edit: Callable[[list[str], YamlMap], None], today: str,
              created: tuple[Path, ...] = ()) -> None:
    """Rewrite the item's file through ``edit`` as one transaction (BOM and line endings kept);
    ``created`` files are removed again if it fails."""
    current = _item_text(root, item)
    lines = current.plain.split("\n")
    try:
        edit(lines, current.meta)
        _touch_updated(lines, current.meta, today)
    except (ValueError, StopIteration, KeyError, TypeError, AttributeError):
        raise ConfigError(f"แก้ไฟล์ {item.location.path} อัตโนมัติไม่ได้ เพราะช่อง elements เขียนในรูปแบบที่ระบบแก้ให้ไม่ได้ "
                          "(เช่น เขียนแบบ { } ในบรรทัดเดียว) ไม่มีอะไรถูกเปลี่ยน ให้แก้ในไฟล์เอง") from None
    current.check_writable()
    try:
        current.write("\n".join(lines))
        reload_model(model)  # InvalidContent here undoes the edit
    except BaseException:
        _restore(current.path, current.original)
        for path in created:
            path.unlink(missing_ok=True)
        raise


def copy_in(model: Model, root: Path, item: Item, source: Path, target: Path,
            edit: Callable[[list[str], YamlMap], None], today: str) -> None:
    """Copy ``source`` to ``target`` (a new file under content/) and record it through ``edit``, as one
    transaction: a failure anywhere removes the copy and the folders made for it and puts the item back."""
    missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
    for folder in reversed(missing):
        folder.mkdir()
    try:
        shutil.copyfile(source, target)
        edit_item(model, root, item, edit, today, created=(target,))
    except BaseException:
        target.unlink(missing_ok=True)
        for folder in missing:
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def remove_document(model: Model, root: Path, written: str, year: int, item_id: str | None,
                    today: str) -> tuple[Recorded, bool]:
    """Take the entry out of its item file; delete the file as the last step when nothing else records it.
    Returns the entry and whether the file was deleted."""
    entry = recorded(model, written, year, item_id)
    relative = str(entry.document.file)

    def edit(lines: list[str], meta: YamlMap) -> None:
        start, end = _entry_span(lines, meta, entry.element, relative)
        del lines[start:end]
        if len(meta["elements"][entry.element]) == 1:  # the element's list is now empty: its key goes too
            del lines[meta["elements"].key_lines[entry.element] - 1]

    edit_item(model, root, entry.item, edit, today)
    delete = not still_used(model, entry.document)
    if delete:
        entry.document.source.unlink(missing_ok=True)
    return entry, delete


def replace_document(model: Model, root: Path, written: str, source: Path, year: int, item_id: str | None,
                     title: str | None, dating: dict[str, str] | None, name: str | None, today: str,
                     *, force: bool = False) -> tuple[Recorded, Path, str | None]:
    """Put a new file in the entry's place (its title and dating kept unless given), as one transaction;
    the old file is deleted last when nothing else records it. Returns the entry, the copy and the warning
    when forced past the year rule."""
    entry = recorded(model, written, year, item_id)
    checked_source(source, model.unit.max_document_mb)
    old = entry.document
    kept = {key: value for key, value in (("fiscal_year", old.dating.fiscal_year), ("date", old.dating.date and
             be_iso(old.dating.date)), ("month", old.dating.month and old.dating.month.iso()),
             ("period", old.dating.period and f"{old.dating.period[0]}-{old.dating.period[1]}"),
             ("period", old.dating.months and f"{old.dating.months[0].iso()}..{old.dating.months[1].iso()}"))
            if value}
    document = NewDocument(entry.item.spec.id, year, entry.element, title or old.title,
                           dating or {key: str(value) for key, value in kept.items()})
    problem = year_problem(entry.item, entry.element, document.dating)
    if problem and not force:
        raise refused_year(problem, year)
    chosen = _checked_name(source, document, name)
    relative = str(documents_folder(year, entry.item.spec) / chosen)
    target = model.content_dir / relative
    if target.exists():
        raise ConfigError(f"มีไฟล์ content/{relative} อยู่แล้ว ระบบไม่เขียนทับ ให้ตั้งชื่อใหม่ด้วย --name")

    def edit(lines: list[str], meta: YamlMap) -> None:
        start, end = _entry_span(lines, meta, entry.element, str(old.file))
        indent = leading_space(lines[start])
        lines[start:end] = _entry_lines(relative, document, indent)

    copy_in(model, root, entry.item, source, target, edit, today)
    if not still_used(model, old):
        old.source.unlink(missing_ok=True)
    return entry, target, problem
