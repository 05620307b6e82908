"""Typed reads from a YAML mapping, each failure logged in Thai with file, line and field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from generator.basics.errors import ErrorLog, Location
from generator.basics.thai import ReadError, arabic_digits, parse_score
from generator.content.yamlsource import YamlList, YamlMap

T = TypeVar("T")


class Fields:
    """One YAML mapping being validated; ``prefix`` is its dotted field path."""

    def __init__(self, data: YamlMap, path: str, log: ErrorLog, prefix: str = "") -> None:
        self.data = data
        self.path = path
        self.log = log
        self.prefix = prefix

    def name(self, key: str) -> str:
        return f"{self.prefix}.{key}" if self.prefix else key

    def loc(self, key: str | None = None) -> Location:
        return Location(self.path, self.data.line_of(key) if key else self.data.line)

    def error(self, key: str, message: str) -> None:
        self.log.add(self.loc(key), self.name(key), message)

    def has(self, key: str) -> bool:
        return self.data.get(key) not in (None, "")

    def only(self, allowed: set[str]) -> None:
        """Reject unknown keys: a typo such as 'ower' would otherwise be silently ignored."""
        for key in self.data:
            if str(key) not in allowed:
                choices = ", ".join(sorted(allowed))
                self.error(str(key), f"ไม่รู้จักช่องนี้ (ช่องที่ใช้ได้: {choices})")

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value in (None, ""):
            if required:
                self.log.add(self.loc(), self.name(key), "ต้องกรอกช่องนี้")
            return ""
        if isinstance(value, (dict, list)):
            self.error(key, "ต้องเป็นข้อความ ไม่ใช่รายการหรือกลุ่มข้อมูล")
            return ""
        return str(value).strip()

    def flag(self, key: str, *, default: bool) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.error(key, "ต้องเป็น true หรือ false")
            return default
        return value

    def number(self, key: str) -> int | None:
        value = self.data.get(key)
        try:
            return int(arabic_digits(str(value)))
        except ValueError:
            self.error(key, "ต้องเป็นตัวเลข" if value is not None else "ต้องกรอกช่องนี้")
            return None

    def score(self, key: str, *, required: bool = True) -> float | None:
        """A score from 0 to 100; Thai digits accepted."""
        return self.parsed(key, parse_score, required=required)

    def parsed(self, key: str, parse: Callable[[object], T], *, required: bool = False) -> T | None:
        """Read a year, date, month, period or score with one of the ``generator.thai`` parsers."""
        value = self.data.get(key)
        if value in (None, ""):
            if required:
                self.log.add(self.loc(), self.name(key), "ต้องกรอกช่องนี้")
            return None
        try:
            return parse(value)
        except ReadError as error:
            self.error(key, str(error))
            return None

    def mapping(self, key: str, *, required: bool = True) -> Fields | None:
        value = self.data.get(key)
        if isinstance(value, YamlMap):
            return Fields(value, self.path, self.log, self.name(key))
        if value is not None or required:
            self.error(key, "ต้องเป็นกลุ่มข้อมูลแบบ ชื่อช่อง: ค่า" if value is not None else "ต้องกรอกช่องนี้")
        return None

    def entries(self, key: str, *, required: bool = True) -> Iterator[tuple[str, Any, int]]:
        """Yield (field path, value, line) for each entry of a list."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.log.add(self.loc(), self.name(key), "ต้องกรอกช่องนี้")
            return
        if not isinstance(value, YamlList):
            self.error(key, "ต้องเป็นรายการ (ขึ้นต้นแต่ละบรรทัดด้วย - )")
            return
        for index, (entry, line) in enumerate(zip(value, value.item_lines, strict=True)):
            yield f"{self.name(key)}[{index}]", entry, line

    def nested(self, field_path: str, value: Any, line: int) -> Fields | None:
        """Wrap one list entry that must itself be a mapping."""
        if isinstance(value, YamlMap):
            return Fields(value, self.path, self.log, field_path)
        self.log.add(Location(self.path, line), field_path, "ต้องเป็นกลุ่มข้อมูลแบบ ชื่อช่อง: ค่า")
        return None


def root_fields(data: Any, path: str, log: ErrorLog, what: str) -> Fields | None:
    """The top mapping of a file, or a logged error when the file is not a mapping."""
    if isinstance(data, YamlMap):
        return Fields(data, path, log)
    syntax_error_reported = data is None and any(error.location.path == path for error in log.errors)
    if not syntax_error_reported:
        log.add(Location(path, 1), "", f"{what}ต้องเป็นกลุ่มข้อมูลแบบ ชื่อช่อง: ค่า")
    return None
