"""Load and validate the per-year OIT catalogues (``generator/criteria/<year>.yml``).

The catalogues are data: adding the next assessment year is one new file here, never
a code change.
"""

from __future__ import annotations

from pathlib import Path

from generator.basics.errors import ErrorLog, Location
from generator.content.fields import Fields, root_fields
from generator.model import DERIVED_SOURCES, Catalogue, ElementSpec, Indicator, ItemSpec, YearRule
from generator.basics.thai import parse_be_year
from generator.content.yamlsource import read_yaml_file

CRITERIA_DIR = Path(__file__).parents[1] / "criteria"
STATUSES = {"confirmed", "reconstructed", "provisional"}
TOOLS = ("IIT", "EIT", "OIT")
RULES = ", ".join(rule.value for rule in YearRule)


def missing_criteria(year: int) -> str:
    """Thai: a year has no catalogue yet, and where one comes from (a release, never staff)."""
    return (f"ยังไม่มีเกณฑ์ของปี {year} (ไฟล์ generator/criteria/{year}.yml) ไฟล์นี้มากับโปรแกรมศูนย์ ITA รุ่นใหม่ "
            "ซึ่งออกหลังสำนักงาน ป.ป.ช. ประกาศคู่มือการประเมินของปีนั้น เจ้าหน้าที่ไม่ต้องสร้างเอง "
            "ให้ผู้ดูแลระบบปรับปรุงโปรแกรม (git pull แล้ว make site) แล้วสั่งอีกครั้ง")


def _element(fields: Fields) -> ElementSpec:
    fields.only({"key", "label", "public", "confirmed", "source", "derived_from"})
    derived_from = fields.text("derived_from", required=False) or None
    if derived_from and derived_from not in DERIVED_SOURCES:
        fields.error("derived_from", f'ต้องเป็นค่าใดค่าหนึ่งของ {", ".join(DERIVED_SOURCES)}')
    return ElementSpec(
        key=fields.text("key"),
        label=fields.text("label"),
        confirmed=fields.flag("confirmed", default=False),
        source=fields.text("source", required=False),
        derived_from=derived_from,
        public=fields.text("public", required=False),
    )


def _item(fields: Fields, indicators: set[int]) -> ItemSpec:
    fields.only({"id", "title", "title_confirmed", "indicator", "group", "year_rule", "continues", "elements"})
    indicator = fields.number("indicator")
    if indicator is not None and indicator not in indicators:
        fields.error("indicator", f"ไม่มีตัวชี้วัดที่ {indicator} ในส่วน indicators ของไฟล์นี้")
    rule_text = fields.text("year_rule")
    try:
        rule = YearRule(rule_text)
    except ValueError:
        if rule_text:
            fields.error("year_rule", f'ไม่รู้จักกฎปี "{rule_text}" (ใช้ได้: {RULES})')
        rule = YearRule.CURRENT
    elements = []
    for name, value, line in fields.entries("elements"):
        element_fields = fields.nested(name, value, line)
        if element_fields:
            elements.append(_element(element_fields))
    keys = [element.key for element in elements]
    for key in {key for key in keys if keys.count(key) > 1}:
        fields.error("elements", f'องค์ประกอบ "{key}" ซ้ำกัน')
    return ItemSpec(
        id=fields.text("id"),
        title=fields.text("title"),
        indicator=indicator or 0,
        group=fields.text("group"),
        year_rule=rule,
        elements=tuple(elements),
        continues=fields.text("continues", required=False) or None,
        title_confirmed=fields.flag("title_confirmed", default=True),
        location=fields.loc("continues"),
    )


def load_catalogue(path: Path, log: ErrorLog, display: str) -> Catalogue | None:
    fields = root_fields(read_yaml_file(path, Location(display), log), display, log, "ไฟล์เกณฑ์")
    if fields is None:
        return None
    fields.only({"year", "status", "note", "indicators", "items"})
    year = fields.parsed("year", parse_be_year, required=True) or 0
    if year and path.stem != str(year):
        fields.error("year", f"ปี {year} ไม่ตรงกับชื่อไฟล์ {path.name}")
    status = fields.text("status")
    if status and status not in STATUSES:
        fields.error("status", f'ต้องเป็นค่าใดค่าหนึ่งของ {", ".join(sorted(STATUSES))}')
    indicators = []
    for name, value, line in fields.entries("indicators"):
        indicator_fields = fields.nested(name, value, line)
        if indicator_fields:
            indicator_fields.only({"number", "name", "tool", "questions"})
            number = indicator_fields.number("number") or 0
            tool = indicator_fields.text("tool")
            if tool and tool not in TOOLS:
                indicator_fields.error("tool", f'ต้องเป็นค่าใดค่าหนึ่งของ {", ".join(TOOLS)}')
            questions = tuple(str(value) for _, value, _ in indicator_fields.entries("questions", required=False))
            indicators.append(Indicator(number, indicator_fields.text("name"), tool, questions))
    numbers = {indicator.number for indicator in indicators}
    items = []
    for name, value, line in fields.entries("items"):
        item_fields = fields.nested(name, value, line)
        if item_fields:
            items.append(_item(item_fields, numbers))
    ids = [item.id for item in items]
    for item_id in sorted({item_id for item_id in ids if ids.count(item_id) > 1}):
        fields.error("items", f'รหัสรายการ "{item_id}" ซ้ำกัน')
    return Catalogue(year, status, tuple(indicators), tuple(items), fields.loc())


def _check_continuations(catalogues: dict[int, Catalogue], log: ErrorLog) -> None:
    """``continues`` must name an item of the previous year's catalogue, when that file exists."""
    for year, catalogue in catalogues.items():
        previous = catalogues.get(year - 1)
        for spec in catalogue.items:
            if spec.continues and previous and previous.item(spec.continues) is None:
                log.add(
                    spec.location or catalogue.location,
                    f"items.{spec.id}.continues",
                    f'ไม่มีรายการ "{spec.continues}" ในเกณฑ์ปี {year - 1}',
                )


def load_catalogues(log: ErrorLog, criteria_dir: Path = CRITERIA_DIR) -> dict[int, Catalogue]:
    catalogues = {}
    for path in sorted(criteria_dir.glob("*.yml")):
        catalogue = load_catalogue(path, log, f"generator/criteria/{path.name}")
        if catalogue and catalogue.year:
            catalogues[catalogue.year] = catalogue
    _check_continuations(catalogues, log)
    return catalogues
