"""Add a document to an item: copy it into content/ under a safe ASCII name and record it.

The original file is only read, never moved or deleted; an existing file is never
overwritten. The edit is a transaction: everything that can be decided beforehand (the file's
bytes, the name, the new front matter parsed back) is decided before the first write, and any
failure after it (the item no longer validates, a kill, a full disk) puts content/ back byte
for byte: the item file with its BOM and line endings, no copied file, no new folder.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.content.load import load_model
from generator.basics.errors import ConfigError, ErrorLog, Location
from generator.basics.filetypes import HEAD_BYTES, document_problem
from generator.model import Item, Model
from generator.basics.textfile import ReadError, decode_text, write_text_atomic
from generator.content.yamlsource import YamlList, YamlMap, split_front_matter, yaml_string

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
        stem = f"{document.element.replace('_', '-')}-{period}"
    return f"{stem}{original.suffix.lower()}"


def _entry_lines(relative: str, document: NewDocument, indent: str) -> list[str]:
    lines = [f"{indent}- document: {yaml_string(relative)}", f"{indent}  title: {yaml_string(document.title)}"]
    return lines + [f"{indent}  {key}: {value}" for key, value in document.dating.items()]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


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
    key_indent = _indent(lines[key_line - 1])
    for index in range(key_line, len(lines)):  # the first line that no longer belongs to the list
        line = lines[index]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if FENCE.match(line) or _indent(line) < key_indent or (_indent(line) == key_indent
                                                               and not line.lstrip().startswith("-")):
            return index
    return len(lines)


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
        indent = re.match(r"\s*", reference).group(0) if reference.lstrip().startswith("-") else "    "
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


def _checked_source(source: Path) -> None:
    if not source.is_file():
        raise ConfigError(f'ไม่พบไฟล์ "{source}" ตรวจชื่อไฟล์และโฟลเดอร์ (ถ้าชื่อมีช่องว่าง ให้ใส่เครื่องหมายคำพูดครอบ '
                          'เช่น "รายงาน ต.ค. 68.pdf")')
    with source.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    problem = document_problem(source.suffix, head, source.stat().st_size)
    if problem:
        raise ConfigError(f'ไฟล์ "{source}" {problem} จึงไม่เพิ่มให้ (ผู้ตรวจจะเปิดไม่เห็นเนื้อหา)')


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
                          f"(content/items/{document.year}/{spec.slug}.md) ให้สร้างด้วย ita new-year ก่อน")
    keys = [element.key for element in spec.elements]
    if document.element not in keys:
        raise ConfigError(f'รายการ {spec.id} ไม่มีองค์ประกอบ "{document.element}" (ที่ใช้ได้: {", ".join(keys)})')
    return item


@contextlib.contextmanager
def _undo_on_failure(item_file: Path, original: bytes, target: Path) -> Iterator[list[Path]]:
    """Yield the list of folders the edit creates; on any failure or interruption restore everything."""
    created: list[Path] = []
    try:
        yield created
    except BaseException:
        if item_file.read_bytes() != original:
            temporary = item_file.with_name(f".{item_file.name}.ita-undo")
            temporary.write_bytes(original)
            shutil.copymode(item_file, temporary)
            os.replace(temporary, item_file)
        target.unlink(missing_ok=True)
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def add_document(model: Model, root: Path, source: Path, document: NewDocument, name: str | None,
                 today: str) -> Path:
    """Copy ``source`` in and record it; ``today`` (BE, 2569-04-05) becomes the item's ``updated:``."""
    _checked_source(source)
    item = _item(model, document)
    relative = f"documents/{document.year}/{item.spec.slug}/{_checked_name(source, document, name)}"
    target = model.content_dir / relative
    if target.exists():
        raise ConfigError(f"มีไฟล์ content/{relative} อยู่แล้ว ระบบไม่เขียนทับ ให้ตั้งชื่อใหม่ด้วย --name")
    item_file = root / item.location.path
    original = item_file.read_bytes()
    try:
        text = decode_text(original)
    except ReadError as error:
        raise ConfigError(f"{item.location.path}: {error}") from None
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = codecs.BOM_UTF8.decode() if original.startswith(codecs.BOM_UTF8) else ""
    plain = text.replace("\r\n", "\n")
    meta, _ = split_front_matter(plain, Location(item.location.path), ErrorLog())
    try:
        edited = _insert(plain, meta, document.element, relative, document, today)
    except (ValueError, StopIteration, KeyError):
        edited = None
    if edited is None or not _recorded(edited, document.element, relative):
        lines = "\n".join(_entry_lines(relative, document, "    "))
        raise ConfigError(f"เพิ่มลงในไฟล์ {item.location.path} อัตโนมัติไม่ได้ เพราะช่อง elements เขียนในรูปแบบที่ระบบแก้ให้ไม่ได้ "
                          f"(เช่น เขียนแบบ {{ }} ในบรรทัดเดียว) ไม่มีอะไรถูกเปลี่ยน ให้คัดลอกไฟล์ไปที่ content/{relative} "
                          f"แล้วเพิ่มบรรทัดต่อไปนี้ใต้ {document.element}: เอง\n{lines}")
    if not os.access(item_file, os.W_OK):
        raise ConfigError(f"ไฟล์ {item.location.path} เป็นแบบอ่านอย่างเดียว แก้ไม่ได้ ไม่มีอะไรถูกเปลี่ยน "
                          "ให้ปลดการป้องกันการเขียนแล้วสั่งอีกครั้ง")
    with _undo_on_failure(item_file, original, target) as created:
        missing = [folder for folder in (target.parent, *target.parent.parents) if not folder.exists()]
        for folder in reversed(missing):
            folder.mkdir()
            created.append(folder)
        shutil.copyfile(source, target)
        write_text_atomic(item_file, bom + edited.replace("\n", newline), newline="")
        load_model(root)  # InvalidContent here undoes the edit
    return target
