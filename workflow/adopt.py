"""Move a year prepared on a provisional catalogue onto the official one, when a release brings it.

The official catalogue says what continues what: each item's ``continues`` names last year's item
(several items continuing one is a split; a new title is a rename) and each element's
``continues`` names the key it takes its evidence from (``O12.annual_summary`` for another item's).
The provisional catalogue kept the previous year's ids, so a prepared item maps onto every official
item that continues its id, evidence carried element by element, the staff's own words (owner, body,
to-dos, dates) kept. Official items nothing continues start as to-dos; provisional items nothing
continues are dropped from the year, and evidence no official element takes is named in a to-do.

All or nothing: the new files are made and validated apart, the prepared files are kept whole under
content/set-aside/<year>-provisional/ before anything changes, and the year's folder is then swapped
in one step; a failure after that swaps it back. Nothing under content/ is lost: every document stays
where it is, and every prepared file is kept.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml

from generator.basics.errors import ConfigError, ErrorLog
from generator.basics.swap import exchange, recover
from generator.basics.textfile import read_text
from generator.build.safe_paths import tool_path
from generator.content.load import PREPARED_ON, ContentReader, reload_model
from generator.model import Catalogue, Item, ItemSpec, Model
from generator.model.layout import item_file
from generator.model.yearrules import explain
from workflow.new_year import NO_OWNER, item_text

SET_ASIDE = "set-aside"


@dataclass
class Adoption:
    year: int
    moved: list[tuple[str, str]] = field(default_factory=list)  # (prepared id, official id), split items repeated
    renamed: list[str] = field(default_factory=list)  # official ids whose title differs from the prepared one
    new: list[str] = field(default_factory=list)  # official items nothing prepared continues
    dropped: list[str] = field(default_factory=list)  # prepared items no official item continues
    unplaced: list[tuple[str, str]] = field(default_factory=list)  # (prepared id, element key) no official element takes
    kept: Path | None = None  # where the prepared files are kept, whole


def _front(item: Item, root: Path) -> tuple[dict, str]:
    """The prepared item's front matter as the text staff wrote (BaseLoader) and its body."""
    raw, body = frontmatter.YAMLHandler().split(read_text(root / item.location.path))
    return yaml.load(raw, Loader=yaml.BaseLoader) or {}, body


def _predecessor_id(spec: ItemSpec) -> str:
    return (spec.continues or spec.id).casefold()


def plan(model: Model, root: Path, year: int) -> tuple[dict[str, str], Adoption]:
    """Every item file of the year under the official catalogue (file name → text), and what moved where."""
    prepared = model.catalogues.get(year)
    if prepared is None or prepared.replaced_by is None:
        raise ConfigError(f"ข้อมูลปี {year} ไม่ได้เตรียมตามเกณฑ์ชั่วคราวที่มีเกณฑ์ทางการมาแทนแล้ว จึงไม่มีอะไรต้องย้าย "
                          f"(เกณฑ์ทางการของปี {year} มากับโปรแกรมรุ่นใหม่ ให้ปรับปรุงโปรแกรมก่อน)")
    official: Catalogue = prepared.replaced_by
    adoption = Adoption(year)
    items = {spec.id: model.item(year, spec.id) for spec in prepared.items}
    fronts = {spec.id: _front(item, root) for spec, item in ((s, items[s.id]) for s in prepared.items) if item}
    by_previous = {_predecessor_id(spec): spec for spec in prepared.items if spec.id in fronts}
    files, taken = {}, set()
    for spec in official.items:
        source_spec = by_previous.get(_predecessor_id(spec)) if spec.continues else None
        if source_spec is None:
            files[item_file(year, spec).name] = item_text(*_todo_front(spec, year, NO_OWNER))
            adoption.new.append(spec.id)
            continue
        meta, body = fronts[source_spec.id]
        elements = {}
        for element in spec.elements:
            source = element.continues or element.key
            owner_id, _, key = source.rpartition(".")
            from_spec = by_previous.get(owner_id.casefold()) if owner_id else source_spec
            written = (fronts[from_spec.id][0].get("elements") or {}) if from_spec else {}
            if from_spec and key in written:
                elements[element.key] = written[key]
                taken.add((from_spec.id, key))
        front = {"item": spec.id, "year": year, "owner": meta.get("owner") or NO_OWNER}
        if meta.get("updated"):
            front["updated"] = meta["updated"]
        if elements:
            front["elements"] = elements
        missing = [element for element in spec.elements if element.key not in elements and not element.derived_from]
        todo = list(meta.get("todo") or []) if isinstance(meta.get("todo"), list) else [meta["todo"]] if meta.get("todo") else []
        todo += [f"เพิ่มหลักฐานตามเกณฑ์ทางการปี {year}: {element.label} ({element.field_hint})" for element in missing]
        for key in ("analysis", "measures"):
            if key in meta:
                front[key] = meta[key]
        if todo:
            front["todo"] = todo
        files[item_file(year, spec).name] = item_text(front, body)
        adoption.moved.append((source_spec.id, spec.id))
        if spec.title != source_spec.title:
            adoption.renamed.append(spec.id)
    for spec in prepared.items:
        if spec.id in fronts and not any(old == spec.id for old, _ in adoption.moved):
            adoption.dropped.append(spec.id)
        written = fronts.get(spec.id, ({}, ""))[0].get("elements") or {}
        adoption.unplaced += [(spec.id, key) for key in written if (spec.id, key) not in taken]
    return files, adoption


def _todo_front(spec: ItemSpec, year: int, owner: str) -> tuple[dict, str]:
    return ({"item": spec.id, "year": year, "owner": owner,
             "todo": [f"รายการใหม่ตามเกณฑ์ทางการปี {year}: {explain(spec.year_rule, year)}",
                      *(f"{element.label} ({element.field_hint})" for element in spec.elements)]}, "")


def _kept_folder(content: Path, year: int) -> Path:
    base = content / SET_ASIDE / f"{year}-provisional"
    candidate, number = base, 1
    while candidate.exists():
        number += 1
        candidate = base.with_name(f"{base.name}-{number}")
    return candidate


def _validate(root: Path, staged: Path, catalogues: dict[int, Catalogue]) -> None:
    """Every staged file must load under the official catalogue, as the loader reads it every day after."""
    log = ErrorLog()
    reader = ContentReader(root, log)
    for path in sorted(staged.glob("*.md")):
        reader.item(path, catalogues)
    log.raise_if_any()


def adopt_criteria(model: Model, root: Path, year: int) -> Adoption:
    files, adoption = plan(model, root, year)
    official = model.catalogues[year].replaced_by
    assert official is not None
    content = model.content_dir
    folder = content / "items" / str(year)
    recover(folder)
    staged = tool_path(root, f".ita-adopt-{year}")
    shutil.rmtree(staged, ignore_errors=True)  # what a killed earlier run left
    staged.mkdir()
    try:
        for name, text in files.items():
            (staged / name).write_text(text, encoding="utf-8")
        # Prepared files that are not items (a staff note) stay with the year; the marker says it is official now.
        for path in folder.iterdir():
            if path.name != PREPARED_ON and not path.name.endswith(".md"):
                shutil.copytree(path, staged / path.name) if path.is_dir() else shutil.copy2(path, staged / path.name)
        _validate(root, staged, {**model.catalogues, year: official})
        kept = _kept_folder(content, year)
        partial = kept.with_name(f".{kept.name}.partial")
        shutil.rmtree(partial, ignore_errors=True)
        shutil.copytree(folder, partial)
        partial.rename(kept)  # whole, before anything of the year changes
        adoption.kept = kept
        if not exchange(staged, folder):
            _two_renames(staged, folder)
        try:
            reload_model(model)  # the whole project, as every command reads it next
        except BaseException:  # invalid content, a full disk, Ctrl-C: the year goes back as it was
            if not exchange(staged, folder):
                _two_renames(staged, folder)
            shutil.rmtree(kept, ignore_errors=True)
            raise
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return adoption


def _two_renames(a: Path, b: Path) -> None:
    """Swap two folders where the kernel cannot in one step (recover() repairs a kill between the renames)."""
    previous = b.with_name(f".{b.name}-previous")
    b.rename(previous)
    a.rename(b)
    previous.rename(a)
