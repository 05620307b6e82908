"""Add a document to an item: copy it into content/ under a safe ASCII name and record it.

The original file is only read, never moved or deleted; an existing file is never
overwritten; and if the item no longer validates after the edit, the edit and the copy are
undone, so a failed command leaves content/ as it was.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.content import load_model
from generator.errors import ConfigError, ErrorLog, InvalidContent, Location
from generator.model import Model
from generator.yamlsource import YamlMap, read_front_matter

ASCII_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class NewDocument:
    item: str
    year: int
    element: str
    title: str
    dating: dict[str, str]  # fiscal_year, date, month or period, as typed (BE)


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
    quoted = document.title.replace("\\", "\\\\").replace('"', '\\"')
    lines = [f"{indent}- document: {relative}", f'{indent}  title: "{quoted}"']
    return lines + [f"{indent}  {key}: {value}" for key, value in document.dating.items()]


def _insert(text: str, meta: YamlMap, element: str, relative: str, document: NewDocument) -> str:
    """The item file with the new entry as the first entry of the element (front matter lines only)."""
    lines = text.split("\n")
    elements = meta.get("elements")
    if isinstance(elements, YamlMap) and element in elements:
        at = elements.key_lines[element]  # 1-based line of "  element:"; insert right after it
        following = lines[at] if at < len(lines) else ""
        indent = re.match(r"\s*", following).group(0) if following.lstrip().startswith("-") else "    "
        lines[at:at] = _entry_lines(relative, document, indent)
    elif isinstance(elements, YamlMap):
        at = meta.key_lines["elements"]
        lines[at:at] = [f"  {element}:", *_entry_lines(relative, document, "    ")]
    else:
        closing = lines.index("---", 1)
        lines[closing:closing] = ["elements:", f"  {element}:", *_entry_lines(relative, document, "    ")]
    return "\n".join(lines)


def add_document(model: Model, root: Path, source: Path, document: NewDocument, name: str | None) -> Path:
    if not source.is_file():
        raise ConfigError(f"ไม่พบไฟล์ {source} ตรวจชื่อไฟล์และโฟลเดอร์ (ถ้าชื่อมีช่องว่าง ให้ใส่เครื่องหมายคำพูดครอบ)")
    item = model.item(document.year, document.item)
    if item is None:
        raise ConfigError(f"ยังไม่มีไฟล์ของรายการ {document.item} ปี {document.year} ให้สร้างด้วย ita new-year ก่อน")
    keys = [element.key for element in item.spec.elements]
    if document.element not in keys:
        raise ConfigError(f'รายการ {item.spec.id} ไม่มีองค์ประกอบ "{document.element}" (ที่ใช้ได้: {", ".join(keys)})')
    relative = f"documents/{document.year}/{item.spec.slug}/{name or safe_name(source, document)}"
    target = model.content_dir / relative
    if target.exists():
        raise ConfigError(f"มีไฟล์ content/{relative} อยู่แล้ว ระบบไม่เขียนทับ ให้ตั้งชื่อใหม่ด้วย --name")
    item_file = root / item.location.path
    original = item_file.read_text(encoding="utf-8")
    meta, _ = read_front_matter(item_file, Location(item.location.path), ErrorLog())
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)
    item_file.write_text(_insert(original, meta, document.element, relative, document), encoding="utf-8")
    try:
        load_model(root)
    except InvalidContent:
        item_file.write_text(original, encoding="utf-8")
        target.unlink()
        raise
    return target
