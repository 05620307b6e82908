"""YAML and Markdown front matter read with the line of every key and list entry.

PyYAML keeps source marks on nodes; this loader copies them onto the mappings and
lists it builds, so validation can name ``file:line`` for any field. Timestamps stay
strings: staff type BE dates such as 2569-04-05, which YAML would read as CE dates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import frontmatter
import yaml

from generator.errors import ErrorLog, Location


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

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> YamlMap:  # noqa: FBT001, FBT002
        # Keys are always strings: staff write indicator numbers (9:) as keys, and one key type
        # keeps every lookup and its line number simple.
        self.flatten_mapping(node)
        mapping = YamlMap()
        mapping.line = node.start_mark.line + 1 + self.line_offset
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = str(self.construct_object(key_node, deep=True))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1 + self.line_offset
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> YamlList:  # noqa: FBT001, FBT002
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


def parse_yaml(text: str, location: Location, log: ErrorLog, line_offset: int = 0) -> Any:
    """Parse YAML text; on a syntax error log it in Thai and return None."""
    loader = _LineLoader(text)
    loader.line_offset = line_offset
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 + line_offset if mark else location.line
        log.add(
            Location(location.path, line),
            "",
            f"รูปแบบ YAML ไม่ถูกต้อง ตรวจเครื่องหมาย : ช่องว่างย่อหน้า และเครื่องหมายคำพูด ({error.problem})",
        )
    except yaml.YAMLError as error:
        log.add(location, "", f"รูปแบบ YAML ไม่ถูกต้อง ({error})")
    finally:
        loader.dispose()
    return None


def read_yaml_file(path: Path, location: Location, log: ErrorLog) -> Any:
    return parse_yaml(path.read_text(encoding="utf-8"), location, log)


def read_front_matter(path: Path, location: Location, log: ErrorLog) -> tuple[Any, str]:
    """Split a Markdown file into (front matter, body); the front matter keeps file lines."""
    text = path.read_text(encoding="utf-8")
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        log.add(location, "", "ไม่มีส่วนหัว (front matter) ที่ขึ้นต้นและปิดด้วยบรรทัด ---")
        return None, text
    meta_text, body = handler.split(text)
    # The split keeps the newline that ends the opening '---', so lines already match the file.
    return parse_yaml(meta_text, location, log), body.strip("\n") + "\n"
