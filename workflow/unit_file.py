"""The one way a command changes content/unit.yml: by YAML's own reading of the file, value by value.

Staff write unit.yml in any style YAML allows: quoted keys (``"assessment_year": 2569``), a flow
mapping on one line, a BOM from Notepad, Windows line endings, comments. A text search for
``^assessment_year:`` misses half of these and then claims a change it never made. Here the file is
parsed, the exact characters of each value are replaced (or a key is added after, or removed with,
its neighbour), everything else is kept byte for byte, and the result is parsed again: it must say
exactly what was asked, or nothing is written and a Thai message says what to change by hand.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.basics.errors import ConfigError
from generator.basics.textfile import decode_text, write_text_atomic
from generator.basics.thai import ReadError

DELETE = object()  # a change that removes the key


@dataclass(frozen=True)
class _Entry:
    key: yaml.Node
    value: yaml.Node


def _refuse(path: Path, why: str, wanted: dict[str, object]) -> ConfigError:
    lines = " ".join(f"{key}: {value}" for key, value in wanted.items() if value is not DELETE)
    removed = " ".join(key for key, value in wanted.items() if value is DELETE)
    todo = " และ".join(part for part in (f"ตั้ง {lines}" if lines else "", f"ลบบรรทัด {removed}" if removed else "") if part)
    return ConfigError(f"แก้ {path.name} ให้อัตโนมัติไม่ได้ ({why}) จึงไม่ได้เปลี่ยนอะไร ให้แก้เองใน {path}: {todo}")


def _entries(root: yaml.Node) -> dict[str, _Entry]:
    return {key.value: _Entry(key, value) for key, value in root.value
            if isinstance(key, yaml.ScalarNode) and isinstance(key.value, str)}


def edit_unit_file(path: Path, changes: dict[str, object], *, after: str) -> None:
    """Set each key of ``changes`` to its value (an int or a plain string), or remove it (``DELETE``);
    a key that is missing is added right after the key ``after``. ConfigError (Thai) when the file cannot
    be edited so that it says exactly this; then the file is untouched."""
    raw = path.read_bytes()
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = decode_text(raw)
    except ReadError as error:
        raise ConfigError(f"{path.name}: {error}") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        raise _refuse(path, f"อ่านเป็น YAML ไม่ได้: {error}", changes) from None
    if not isinstance(root, yaml.MappingNode):
        raise _refuse(path, "ไฟล์ไม่ใช่ชุดข้อมูลแบบ ชื่อ: ค่า", changes)
    entries = _entries(root)
    if after not in entries:
        raise _refuse(path, f"ไม่พบช่อง {after}", changes)
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) over ``text``
    for key, value in changes.items():
        entry = entries.get(key)
        if value is DELETE:
            if entry is not None:
                edits.append(_removal(text, root, entry))
            continue
        if entry is None:
            anchor = entries[after].value
            separator = f", {key}: " if root.flow_style else f"{newline}{' ' * entries[after].key.start_mark.column}{key}: "
            edits.append((anchor.end_mark.index, anchor.end_mark.index, f"{separator}{value}"))
            continue
        if not isinstance(entry.value, yaml.ScalarNode) or entry.value.start_mark.line != entry.value.end_mark.line:
            raise _refuse(path, f"ค่าของ {key} ไม่ได้อยู่ในบรรทัดเดียว", changes)
        edits.append((entry.value.start_mark.index, entry.value.end_mark.index, str(value)))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    try:
        result = yaml.safe_load(text)
    except yaml.YAMLError:
        result = None
    expected = {key: value for key, value in changes.items() if value is not DELETE}
    if not isinstance(result, dict) or any(result.get(key) != value for key, value in expected.items()) or any(
            key in result for key, value in changes.items() if value is DELETE):
        raise _refuse(path, "ผลที่ได้ไม่ตรงกับที่ต้องการ", changes)
    write_text_atomic(path, ("\ufeff" if bom else "") + text, newline="")


def _removal(text: str, root: yaml.MappingNode, entry: _Entry) -> tuple[int, int, str]:
    """The characters that hold one key and its value: its whole line(s) in a block mapping, the pair
    and one comma in a flow mapping."""
    start, end = entry.key.start_mark.index, entry.value.end_mark.index
    if root.flow_style:
        rest = text[end:]
        stripped = rest.lstrip(" ")
        if stripped.startswith(","):
            return start, end + len(rest) - len(stripped) + 1 + (len(stripped[1:]) - len(stripped[1:].lstrip(" "))), ""
        before = text[:start].rstrip(" ")
        if before.endswith(","):
            return len(before) - 1, end, ""
        return start, end, ""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return line_start, len(text) if line_end == -1 else line_end + 1, ""
