"""Edits staff make to an item without touching YAML: a person's photo, a to-do line closed.

Each is one transaction through ``edit_item`` (the same as add-document's): decided before the first
write, the item file parsed back and the whole content/ validated after it, and put back byte for byte
(BOM and line endings kept, a copied photo removed) if anything fails. An old photo is deleted last,
once nothing records it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.basics.errors import ConfigError
from generator.basics.filetypes import IMAGE_SUFFIXES, MAX_PHOTO_BYTES, file_problem
from generator.content.yamlsource import YamlMap
from generator.model import Item, Model, Person
from generator.model.layout import documents_folder
from workflow.documents import SAFE_NAME, copy_in, edit_item, entry_span, leading_space, list_end, still_used

ASCII_WORD = re.compile(r"[A-Za-z0-9]+")
PHOTO_LINE = re.compile(r"^(\s*(?:-\s+)?)photo\s*:")


@dataclass(frozen=True)
class PersonEntry:
    item: Item
    element: str
    index: int  # within the element's list
    person: Person


def _name_key(name: str) -> str:
    """A name as two spellings of it agree: NFC, sara am composed, spaces collapsed."""
    text = unicodedata.normalize("NFC", name).replace("\u0e4d\u0e32", "\u0e33")
    return " ".join(text.split())


def find_person(model: Model, name: str, year: int, item_id: str | None) -> PersonEntry:
    """The one person of the year (or of the item) with this name; ConfigError (Thai) naming who there is."""
    wanted = _name_key(name)
    people = [PersonEntry(item, key, index, entry) for (item_year, _), item in sorted(model.items.items())
              if item_year == year and (item_id is None or item.spec.id.casefold() == item_id.strip().casefold())
              for key, evidence in item.evidence.items() for index, entry in enumerate(evidence)
              if isinstance(entry, Person)]
    found = [entry for entry in people if _name_key(entry.person.name) == wanted]
    if not found:
        names = ", ".join(dict.fromkeys(entry.person.name for entry in people)) or "ไม่มี"
        raise ConfigError(f'ไม่พบบุคคลชื่อ "{name}" ในข้อมูลปี {year} (ชื่อที่มี: {names}) ให้พิมพ์ชื่อตามที่บันทึกไว้')
    if len(found) > 1:
        places = ", ".join(f"{entry.item.spec.id} {entry.element}" for entry in found)
        raise ConfigError(f'มีบุคคลชื่อ "{name}" หลายที่ ({places}) ให้ระบุรายการด้วย --item')
    return found[0]


def _photo_name(source: Path, folder: Path, name: str | None) -> str:
    """An ASCII name that stays stable in URLs, never one already in the folder."""
    if name:
        chosen = name
    else:
        words = ASCII_WORD.findall(source.stem)
        stem = "-".join(words).lower() if sum(len(word) for word in words if not word.isdigit()) >= 3 else "photo"
        chosen, number = f"{stem}{source.suffix.lower()}", 2
        while (folder / chosen).exists():
            chosen, number = f"{stem}-{number}{source.suffix.lower()}", number + 1
    if not SAFE_NAME.match(chosen) or Path(chosen).suffix.lower() != source.suffix.lower():
        raise ConfigError(f'ชื่อไฟล์ "{chosen}" ใช้ไม่ได้: ใช้ได้เฉพาะ a-z A-Z 0-9 จุด ขีด และขีดล่าง '
                          f"และต้องมีนามสกุลเดียวกับไฟล์ต้นฉบับ ({source.suffix.lower()})")
    if (folder / chosen).exists():
        raise ConfigError(f"มีไฟล์ {chosen} อยู่แล้ว ระบบไม่เขียนทับ ให้ตั้งชื่อใหม่ด้วย --name")
    return chosen


def set_photo(model: Model, root: Path, name: str, source: Path, year: int, item_id: str | None,
              file_name: str | None, today: str) -> tuple[PersonEntry, Path, bool]:
    """Copy ``source`` in as the person's photo, replacing or adding its ``photo:`` line. Returns the entry,
    the copy, and whether the old photo file was deleted (nothing else recorded it)."""
    entry = find_person(model, name, year, item_id)
    if not source.is_file():
        raise ConfigError(f'ไม่พบไฟล์ "{source}" ตรวจชื่อไฟล์และโฟลเดอร์ (ถ้าชื่อมีช่องว่าง ให้ใส่เครื่องหมายคำพูดครอบ)')
    if source.suffix.lower() not in IMAGE_SUFFIXES:
        raise ConfigError(f'ไฟล์ "{source.name}" ไม่ใช่รูปภาพที่ใช้ได้ ({", ".join(sorted(IMAGE_SUFFIXES))})')
    problem = file_problem(source, MAX_PHOTO_BYTES)  # the loader's own check: set-photo and build agree
    if problem:
        raise ConfigError(f'ไฟล์ "{source}" {problem} จึงไม่ใช้เป็นรูป')
    folder = model.content_dir / documents_folder(year, entry.item.spec)
    relative = str(documents_folder(year, entry.item.spec) / _photo_name(source, folder, file_name))
    target = model.content_dir / relative
    old = entry.person.photo

    def edit(lines: list[str], meta: YamlMap) -> None:
        start, end = entry_span(lines, meta, entry.element, entry.index)
        at = next((index for index in range(start, end) if PHOTO_LINE.match(lines[index])), None)
        if at is not None:
            prefix = lines[at][:lines[at].index("photo")]  # its indent, and the "- " when photo leads the entry
            lines[at] = f"{prefix}photo: {relative}"  # a safe ASCII path: plain, as staff write it
        else:  # after the entry's first line, at its keys' indent
            lines.insert(start + 1, f"{leading_space(lines[start])}  photo: {relative}")

    copy_in(model, root, entry.item, source, target, edit, today)
    deleted = old is not None and old.source != target and not still_used(model, old)
    if deleted and old is not None:
        old.source.unlink(missing_ok=True)
    return entry, target, deleted


def todo_item(model: Model, item_id: str, year: int) -> Item:
    catalogue = model.catalogues.get(year)
    spec = catalogue.item(item_id) if catalogue else None
    item = model.item(year, spec.id) if spec else None
    if item is None:
        raise ConfigError(f'ไม่มีไฟล์ของรายการ "{item_id}" ปี {year}')
    return item


def close_todo(model: Model, root: Path, item_id: str, year: int, number: int, today: str) -> tuple[Item, str]:
    """Take the ``number``-th line (1-based, as ``ita close-todo ITEM`` lists them) out of the item's ``todo:``;
    the key goes with the last one. Returns the item and the line closed."""
    item = todo_item(model, item_id, year)
    if not 1 <= number <= len(item.todo):
        raise ConfigError(f"รายการ {item.spec.id} มีสิ่งที่ต้องทำ {len(item.todo)} ข้อ ไม่มีข้อที่ {number}"
                          if item.todo else f"รายการ {item.spec.id} ไม่มีสิ่งที่ต้องทำเหลืออยู่")
    closed = item.todo[number - 1]

    def edit(lines: list[str], meta: YamlMap) -> None:
        key_line = meta.key_lines["todo"]
        end = list_end(lines, key_line)
        listed = meta["todo"]
        if isinstance(listed, str) or len(item.todo) == 1:
            del lines[key_line - 1:end]  # the key and all it holds
            return
        starts = [line - 1 for line in listed.item_lines]
        index = next(at for at, value in enumerate(listed) if str(value).strip() == closed)
        stop = starts[index + 1] if index + 1 < len(starts) else end
        while stop > starts[index] + 1 and not lines[stop - 1].strip():
            stop -= 1
        del lines[starts[index]:stop]

    edit_item(model, root, item, edit, today)
    return item, closed
