"""Start the next assessment year from its catalogue.

Evergreen items (year rule ``in_force``: structure, executives, contact, manuals…) carry their
evidence over from the item they continue; year-bound items start empty. What is left to do goes
in the item's ``todo:`` field: shown while editing, never published, reported by ``ita check``
until staff delete it.
Existing files are never overwritten; the only existing file changed is the year in unit.yml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from generator.content.catalogues import missing_criteria
from generator.basics.errors import ConfigError
from generator.content.load import PREPARED_ON
from generator.model import Catalogue, Item, ItemSpec, Model
from generator.basics.textfile import read_text, write_text_atomic
from generator.model.yearrules import explain

NO_OWNER = "ยังไม่กำหนดผู้รับผิดชอบ"


@dataclass
class NewYear:
    created: list[Path] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # already there, left untouched


def _carried_front_matter(root: Path, previous: Item, spec: ItemSpec, year: int) -> tuple[dict, list[str]]:
    """The previous item's evidence for this year's elements that take any year (their own rule or the item's),
    each under its key or the key it continues, as staff wrote it; and the previous keys this year has not."""
    # BaseLoader keeps every value as the text staff wrote, so nothing changes on the way through.
    raw, _ = frontmatter.YAMLHandler().split(read_text(root / previous.location.path))
    meta = yaml.load(raw, Loader=yaml.BaseLoader) or {}
    written = meta.get("elements") or {}
    sources = {element.key: (element.continues or element.key) for element in spec.elements}
    elements = {key: written[source] for key, source in sources.items()
                if source in written and spec.rule_of(spec.element(key)).is_evergreen}
    dropped = sorted(set(written) - set(sources.values()))
    front = {"item": spec.id, "year": year, "owner": previous.owner}
    if meta.get("updated"):
        front["updated"] = str(meta["updated"])
    if elements:
        front["elements"] = elements
    return front, dropped


def item_text(front: dict, body: str) -> str:
    """An item file: the front matter as YAML, then the body."""
    return f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n\n{body.strip()}\n"


def year_files(model: Model, root: Path, year: int) -> tuple[dict[Path, str], NewYear]:
    """The item files a new year starts with (none that exists is written again), and what they are."""
    catalogue = model.catalogues.get(year)
    if catalogue is None:
        raise ConfigError(missing_criteria(year))
    previous_year = year - 1
    done, files = NewYear(), {}
    for spec in catalogue.items:
        target = model.content_dir / "items" / str(year) / f"{spec.slug}.md"
        if target.exists() or model.item(year, spec.id):
            done.kept.append(target)
            continue
        previous = model.item(previous_year, spec.continues) if spec.continues else None
        front, dropped = (_carried_front_matter(root, previous, spec, year) if previous
                          else ({"item": spec.id, "year": year, "owner": NO_OWNER}, []))
        carried = front.get("elements", {})
        missing = [element for element in spec.elements if element.key not in carried and not element.derived_from]
        todo = [f"เพิ่มหลักฐานของปี {year}: {explain(spec.rule_of(element), year)}: {element.label} ({element.field_hint})"
                for element in missing]
        if not missing and not carried:  # shown by structured data only (the analysis of last year's results)
            todo = [f"เพิ่มข้อมูลของปี {year}: {explain(spec.year_rule, year)}",
                    *(f"{element.label} ({element.field_hint})" for element in spec.elements)]
        if carried:
            todo.insert(0, f"ตรวจว่าหลักฐานที่ยกมาจากปี {previous_year} ยังเป็นปัจจุบัน")
            done.carried.append(spec.id)
        if dropped and previous:
            todo.append(f"องค์ประกอบเดิม {', '.join(dropped)} ไม่มีในเกณฑ์ปี {year} ดูหลักฐานเดิมใน {previous.location.path}")
        if len(todo) > len(carried and todo[:1]):
            done.todo.append(spec.id)
        front["todo"] = todo
        body = previous.body if previous and carried and not missing else ""
        files[target] = item_text(front, body)
        done.created.append(target)
    marker = model.content_dir / "items" / str(year) / PREPARED_ON
    if catalogue.provisional and not marker.exists():
        files[marker] = prepared_on_text(catalogue)
    return files, done


def prepared_on_text(catalogue: Catalogue) -> str:
    """The marker of a year prepared on a provisional catalogue, read by the loader and ita adopt-criteria."""
    return (f"# เขียนโดย ita new-year: ข้อมูลปี {catalogue.year} เตรียมตามเกณฑ์ชั่วคราว ({catalogue.provisional_note})\n"
            f"# เมื่อโปรแกรมรุ่นใหม่มีเกณฑ์ทางการของปี {catalogue.year} ให้สั่ง ita adopt-criteria {catalogue.year} "
            "เพื่อย้ายข้อมูลไปตามเกณฑ์ใหม่ (ห้ามแก้ไฟล์นี้เอง)\n"
            f"year: {catalogue.year}\nprepared_on: provisional\n")


def start_year(model: Model, root: Path, year: int) -> NewYear:
    files, done = year_files(model, root, year)
    for target, text in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    unit_file = model.content_dir / "unit.yml"
    text = read_text(unit_file)
    newline = "\r\n" if "\r\n" in text else "\n"  # a file saved on Windows keeps its line endings
    text = re.sub(r"(?m)^assessment_year:[^\r\n]*", f"assessment_year: {year}", text, count=1)
    if not re.search(r"(?m)^public_year:", text):  # the public home stays on the published year until ita publish-year
        text = re.sub(r"(?m)^(assessment_year:[^\r\n]*)", rf"\1{newline}public_year: {model.unit.public_year}", text,
                      count=1)
    write_text_atomic(unit_file, text, newline="")
    return done


def publish_year(model: Model) -> int:
    """Show the assessment year on the public home: drop ``public_year`` from unit.yml."""
    unit_file = model.content_dir / "unit.yml"
    write_text_atomic(unit_file, re.sub(r"(?m)^public_year:[^\r\n]*(?:\r?\n)?", "", read_text(unit_file)), newline="")
    return model.unit.assessment_year
