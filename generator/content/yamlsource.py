"""YAML and Markdown front matter read with the line of every key and list entry.

PyYAML keeps source marks on nodes; this loader copies them onto the mappings and
lists it builds, so validation can name ``file:line`` for any field. Timestamps stay
strings: staff type BE dates such as 2569-04-05, which YAML would read as CE dates.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from generator.basics.errors import ErrorLog, Location
from generator.basics.textfile import read_text
from generator.basics.thai import ReadError


class YamlMap(dict):
    """A mapping that knows the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list):
    """A list that knows the line of each entry (1-based)."""

    line: int
    item_lines: list[int]


# libyaml's parser when PyYAML has it (its wheels do): the pure-Python scanner is most of the load time.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    line_offset = 0
    duplicates: list[tuple[str, int, int]]  # (key, first line, repeated line)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> YamlMap:
        # Keys are always strings: staff write indicator numbers (9:) as keys, and one key type
        # keeps every lookup and its line number simple.
        self.flatten_mapping(node)
        mapping = YamlMap()
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = str(self.construct_object(key_node, deep=True))
            line = key_node.start_mark.line + 1 + self.line_offset
            if key in mapping:  # YAML keeps the last one silently: evidence under the first would vanish
                self.duplicates.append((key, mapping.key_lines[key], line))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines.setdefault(key, line)
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> YamlList:
        items = YamlList(super().construct_sequence(node, deep=True))
        items.line = node.start_mark.line + 1 + self.line_offset
        items.item_lines = [child.start_mark.line + 1 + self.line_offset for child in node.value]
        return items


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


# Bounds that no staff file comes near, checked on the text before libyaml sees it: its composer
# recurses in C (a segfault at depth 30,000) and aliases expand exponentially (a "billion laughs").
MAX_FLOW_DEPTH = 64
MAX_BLOCK_COLUMN = 400
ALIAS_CANDIDATE = re.compile(r"(?:^|[:\-\[{,?])[ \t]*\*[^\s,\[\]{}]", re.MULTILINE)
SURROGATE_ESCAPE = re.compile(r"\\(?:u[dD][89a-fA-F][0-9a-fA-F]{2}|U0000[dD][89a-fA-F][0-9a-fA-F]{2})")
BLOCK_PREFIX = re.compile(r"^(?:[ \t]*(?:-|\?|:)(?=[ \t]|$))*[ \t]*", re.MULTILINE)


def _structure_problem(text: str) -> tuple[int, str] | None:
    """(line, Thai message) when the text nests too deep or uses aliases; None when it is safe to parse."""
    depth = 0
    opening = text.count("[") + text.count("{")
    for index, char in enumerate(text if opening > MAX_FLOW_DEPTH else ""):  # brackets in quotes count too: safe side
        depth += (char in "[{") - (char in "]}")
        if depth > MAX_FLOW_DEPTH:
            return text.count("\n", 0, index) + 1, f"วงเล็บ [ ] หรือ {{ }} ซ้อนกันเกิน {MAX_FLOW_DEPTH} ชั้น"
    for match in BLOCK_PREFIX.finditer(text):
        if len(match.group(0)) > MAX_BLOCK_COLUMN:
            return text.count("\n", 0, match.start()) + 1, f"ย่อหน้าซ้อนกันลึกเกิน {MAX_BLOCK_COLUMN} ตัวอักษร"
    surrogate = SURROGATE_ESCAPE.search(text)
    if surrogate:
        return (text.count("\n", 0, surrogate.start()) + 1,
                f"รหัสอักขระ {surrogate.group(0)} ไม่ใช่ตัวอักษรที่ใช้ได้ (ครึ่งหนึ่งของคู่ UTF-16) ให้ลบออก")
    if ALIAS_CANDIDATE.search(text):
        try:
            alias = next((token for token in yaml.scan(text, Loader=_BaseLoader)
                          if isinstance(token, yaml.AliasToken)), None)
        except yaml.YAMLError:
            return None  # the parser reports the syntax error itself
        if alias is not None:
            return (alias.start_mark.line + 1,
                    "ไม่รองรับการอ้างอิงค่าซ้ำของ YAML (*ชื่อ) ให้เขียนค่าลงไปตรง ๆ ในแต่ละที่")
    return None


# What the YAML parser says (in English), as staff can act on it.
YAML_PROBLEMS = [  # libyaml's texts first (the loader here), pure-Python PyYAML's where they differ
    (re.compile(r"found a tab character.*|found character '\\t' that cannot start any token"),
     "มีการกดปุ่ม Tab ใช้ย่อหน้าไม่ได้ ให้ลบแล้วเว้นวรรคด้วยปุ่ม Space แทน"),
    (re.compile(r"mapping values are not allowed (?:in this context|here)"),
     ('มีเครื่องหมาย : อยู่ในค่า ให้ครอบค่าทั้งหมดด้วยเครื่องหมายคำพูด เช่น title: "ประกาศ: เรื่อง..." '
      "หรือบรรทัดก่อนหน้าขาดเครื่องหมาย :")),
    (re.compile(r"could not find expected ':'"), "ขาดเครื่องหมาย : หลังชื่อช่อง หรือบรรทัดก่อนหน้ามีเครื่องหมายคำพูดไม่ครบคู่"),
    (re.compile(r"did not find expected key|expected <block end>, but found .*"),
     "ย่อหน้าไม่ตรงกับบรรทัดอื่นในระดับเดียวกัน ให้เว้นวรรคหน้าบรรทัดให้เท่ากัน"),
    (re.compile(r"did not find expected '[,\]}]' or '[\]}]'|did not find expected ',' or '[\]}]'"),
     "วงเล็บ [ ] หรือ { } เปิดแล้วไม่ได้ปิด หรือขาดเครื่องหมาย , คั่น"),
    (re.compile(r"found unexpected end of stream"), "เครื่องหมายคำพูดหรือวงเล็บเปิดแล้วไม่ได้ปิด"),
    (re.compile(r"found unknown escape character.*"),
     'ในเครื่องหมายคำพูดคู่ (") มี \\ ตามด้วยอักษรที่ใช้ไม่ได้ ให้ใช้เครื่องหมายคำพูดเดี่ยว (\') ครอบแทน'),
    (re.compile(r"found character (?:'.' )?that cannot start any token"),
     "ค่าที่ขึ้นต้นด้วยเครื่องหมายพิเศษ (เช่น @ หรือ `) ต้องครอบด้วยเครื่องหมายคำพูด"),
    (re.compile(r"found undefined alias.*|found undefined tag handle.*|found non-specific tag.*"),
     "มีเครื่องหมาย * ! หรือ & ขึ้นต้นค่า ให้ครอบค่านั้นด้วยเครื่องหมายคำพูด"),
    (re.compile(r"but found another document|found unexpected document separator"),
     "มีบรรทัด --- อยู่กลางไฟล์ ให้ลบออก"),
]


def yaml_problem_in_thai(problem: str) -> str:
    for pattern, thai in YAML_PROBLEMS:
        if pattern.fullmatch(problem):
            return thai
    return "ตรวจเครื่องหมาย : การเว้นวรรคหน้าบรรทัด และเครื่องหมายคำพูดในบรรทัดนี้และบรรทัดก่อนหน้า"


def parse_yaml(text: str, location: Location, log: ErrorLog, line_offset: int = 0) -> Any:
    """Parse YAML text; on a syntax error, a duplicate key or an unsafe structure log it in Thai."""
    problem = _structure_problem(text)
    if problem:
        log.add(Location(location.path, problem[0] + line_offset), "", f"รูปแบบ YAML ไม่ถูกต้อง: {problem[1]}")
        return None
    loader = _LineLoader(text)
    loader.line_offset = line_offset
    loader.duplicates = []
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else location.line
        log.add(Location(location.path, line), "", f"รูปแบบ YAML ไม่ถูกต้อง: {yaml_problem_in_thai(error.problem or '')}")
        return None
    except (yaml.YAMLError, ValueError, RecursionError) as error:  # ValueError: e.g. a 5,000-digit number
        log.add(location, "", f"รูปแบบ YAML ไม่ถูกต้อง ({type(error).__name__}: {str(error)[:200]})")
        return None
    finally:
        loader.dispose()
    for key, first, again in loader.duplicates:
        log.add(Location(location.path, again), key,
                f"ช่องนี้ซ้ำกับบรรทัด {first} ค่าหนึ่งจะหายไป ให้รวมเป็นช่องเดียว")
    return None if loader.duplicates else data


YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")  # line breaks to YAML, or not printable


def yaml_string(text: str) -> str:
    """Any text as a YAML double-quoted scalar that reads back exactly (JSON escapes are YAML escapes)."""
    return YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", json.dumps(text, ensure_ascii=False))


def read_text_logged(path: Path, location: Location, log: ErrorLog) -> str | None:
    """The file's text, or None with the reason (encoding, size, a folder) logged in Thai."""
    try:
        return read_text(path)
    except ReadError as error:
        log.add(location, "", str(error))
        return None


def read_yaml_file(path: Path, location: Location, log: ErrorLog) -> Any:
    text = read_text_logged(path, location, log)
    return None if text is None else parse_yaml(text, location, log)


def read_front_matter(path: Path, location: Location, log: ErrorLog) -> tuple[Any, str]:
    """Split a Markdown file into (front matter, body); the front matter keeps file lines."""
    text = read_text_logged(path, location, log)
    if text is None:
        return None, ""
    return split_front_matter(text, location, log)


def split_front_matter(text: str, location: Location, log: ErrorLog) -> tuple[Any, str]:
    import frontmatter  # only item files have front matter: catalogues and unit.yml load without it

    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        log.add(location, "", "ไม่มีส่วนหัว (front matter) ที่ขึ้นต้นและปิดด้วยบรรทัด ---")
        return None, text
    try:
        meta_text, body = handler.split(text)
    except ValueError:
        log.add(location, "", "ส่วนหัว (front matter) ไม่มีบรรทัด --- ปิดท้าย ให้เพิ่มบรรทัด --- ต่อจากช่องสุดท้าย")
        return None, text
    # The split keeps the newline that ends the opening '---', so lines already match the file.
    return parse_yaml(meta_text, location, log), body.strip("\n") + "\n"
