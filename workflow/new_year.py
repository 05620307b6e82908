"""Start the next assessment year from its catalogue.

Evergreen items (year rule ``in_force``: structure, executives, contact, manuals…) carry their
evidence over from the item they continue; year-bound items start empty. What is left to do goes
in the item's ``todo:`` field: shown while editing, never published, reported by ``ita check``
until staff delete it.
Existing files are never overwritten; the only existing file changed is the year in unit.yml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from generator.basics.errors import ConfigError
from generator.basics.textfile import read_text, write_bytes_atomic
from generator.content.catalogues import missing_criteria
from generator.content.load import PREPARED_ON
from generator.model import Catalogue, Item, ItemSpec, Model
from generator.model.layout import item_file
from generator.model.yearrules import explain
from workflow.unit_file import DELETE, edit_unit_file

NO_OWNER = "ยังไม่กำหนดผู้รับผิดชอบ"


@dataclass
class NewYear:
    created: list[Path] = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # already there, left untouched
    moved: bool = True  # the assessment year moved on (False: the current year's missing files only)


def _carried_front_matter(root: Path, previous: Item, spec: ItemSpec, year: int) -> tuple[dict, list[str]]:
    """The previous item's evidence for this year's elements that take any year (their own rule or the item's),
    each under its key or the key it continues, as staff wrote it; and the previous keys this year has not."""
    # BaseLoader keeps every value as the text staff wrote, so nothing changes on the way through.
    raw, _ = frontmatter.YAMLHandler().split(read_text(root / previous.location.path))
    meta = yaml.load(raw, Loader=yaml.BaseLoader) or {}
    written = meta.get("elements") or {}
    sources = {element: (element.continues or element.key) for element in spec.elements}
    elements = {element.key: written[source] for element, source in sources.items()
                if source in written and spec.rule_of(element).is_evergreen}
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
        target = model.content_dir / item_file(year, spec)
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
    """All or nothing: the new year's item files and unit.yml's years change together, or nothing does."""
    current = model.unit.assessment_year
    if year < current:
        raise ConfigError(f"ปี {year} เป็นปีที่ผ่านมาแล้ว (assessment_year ใน content/unit.yml คือ {current}) "
                          f"ita new-year เริ่มปีถัดไป (เช่น --year {current + 1}) หรือเติมไฟล์ที่ขาดของปี {current} "
                          "เท่านั้น ไม่มีอะไรถูกเปลี่ยน")
    files, done = year_files(model, root, year)
    done.moved = year > current  # the same year: only its missing item files are made, unit.yml stays
    unit_file = model.content_dir / "unit.yml"
    original = unit_file.read_bytes()
    written: list[Path] = []
    try:
        # unit.yml first: a file that cannot be edited refuses before any item file is written
        if done.moved:
            edit_unit_file(unit_file, {"assessment_year": year, **({"public_year": model.unit.public_year}
                                                                    if model.unit.shown_year is None else {})},
                           after="assessment_year")
        for target, text in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8") as handle:  # "x": a file made meanwhile is never overwritten
                written.append(target)
                handle.write(text)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        if unit_file.read_bytes() != original:
            write_bytes_atomic(unit_file, original)
        raise
    return done


def publish_year(model: Model) -> int:
    """Show the assessment year on the public home: drop ``public_year`` from unit.yml."""
    edit_unit_file(model.content_dir / "unit.yml", {"public_year": DELETE}, after="assessment_year")
    return model.unit.assessment_year
