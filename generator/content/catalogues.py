"""Load and validate the per-year OIT catalogues (``generator/criteria/<year>.yml``).

The catalogues are data: adding the next assessment year is one new file here, never
a code change.
"""

from __future__ import annotations

from pathlib import Path

from generator.basics.errors import ErrorLog, Location
from generator.basics.thai import parse_be_year
from generator.content.fields import Fields, root_fields
from generator.content.yamlsource import read_yaml_file
from generator.model import DERIVED_SOURCES, Basis, Catalogue, ElementSpec, Indicator, ItemSpec, Requirement, YearRule

CRITERIA_DIR = Path(__file__).parents[1] / "criteria"
STATUSES = {"confirmed", "reconstructed", "provisional"}
TOOLS = ("IIT", "EIT", "OIT")
RULES = ", ".join(rule.value for rule in YearRule)
BASES = ", ".join(basis.value for basis in Basis)
CATALOGUE_RULES = {"main_website", "live_links", "off_site_evidence"}  # requirements that hold for every item


def missing_criteria(year: int) -> str:
    """Thai: a year has no catalogue yet, and where one comes from (a release, never staff)."""
    return (f"ยังไม่มีเกณฑ์ของปี {year} (ไฟล์ generator/criteria/{year}.yml) ไฟล์นี้มากับโปรแกรมศูนย์ ITA รุ่นใหม่ "
            "(เกณฑ์ชั่วคราวเมื่อปีงบประมาณเริ่ม เกณฑ์ทางการเมื่อสำนักงาน ป.ป.ช. ประกาศ) เจ้าหน้าที่ไม่ต้องสร้างเอง "
            "ให้ผู้ดูแลระบบปรับปรุงโปรแกรม (pipx upgrade ita-center หรือ pip install --upgrade ita-center; "
            "ในโฟลเดอร์ของโปรแกรมเอง: git pull แล้ว make site) แล้วสั่งอีกครั้ง")


def _year_rule(fields: Fields, key: str, *, required: bool) -> YearRule | None:
    rule_text = fields.text(key, required=required)
    if not rule_text:
        return None
    try:
        return YearRule(rule_text)
    except ValueError:
        fields.error(key, f'ไม่รู้จักกฎปี "{rule_text}" (ใช้ได้: {RULES})')
        return None


def _requirement(fields: Fields, basis_key: str, source_key: str, sources: dict[str, str]) -> Requirement:
    """A basis and its sources: every source named must be listed in the file's ``sources``, and only the
    tool's own policy may stand without one (a requirement no source confirms says so)."""
    basis_text = fields.text(basis_key)
    try:
        basis = Basis(basis_text)
    except ValueError:
        if basis_text:
            fields.error(basis_key, f'ไม่รู้จักที่มา "{basis_text}" (ใช้ได้: {BASES})')
        basis = Basis.POLICY
    source = fields.text(source_key, required=False)
    unknown = [key.strip() for key in source.split(",") if key.strip() and key.strip() not in sources]
    if unknown:
        fields.error(source_key, f"ไม่มีแหล่งที่มา {', '.join(unknown)} ในส่วน sources ของไฟล์นี้")
    if not source and basis is not Basis.POLICY:
        fields.error(source_key, f"ที่มา {basis.value} ต้องระบุแหล่ง (source) ถ้าไม่มีแหล่งใดยืนยัน ให้ใช้ basis: policy")
    return Requirement(basis, source)


def _element(fields: Fields, sources: dict[str, str]) -> ElementSpec:
    fields.only({"key", "label", "public", "basis", "source", "derived_from", "year_rule", "continues"})
    derived_from = fields.text("derived_from", required=False) or None
    if derived_from and derived_from not in DERIVED_SOURCES:
        fields.error("derived_from", f'ต้องเป็นค่าใดค่าหนึ่งของ {", ".join(DERIVED_SOURCES)}')
    return ElementSpec(
        key=fields.text("key"),
        label=fields.text("label"),
        requirement=_requirement(fields, "basis", "source", sources),
        year_rule=_year_rule(fields, "year_rule", required=False),
        continues=fields.text("continues", required=False) or None,
        derived_from=derived_from,
        public=fields.text("public", required=False),
    )


def _item(fields: Fields, indicators: set[int], sources: dict[str, str]) -> ItemSpec:
    fields.only({"id", "title", "title_confirmed", "indicator", "group", "year_rule", "year_basis", "year_source",
                 "continues", "elements"})
    indicator = fields.number("indicator")
    if indicator is not None and indicator not in indicators:
        fields.error("indicator", f"ไม่มีตัวชี้วัดที่ {indicator} ในส่วน indicators ของไฟล์นี้")
    rule = _year_rule(fields, "year_rule", required=True) or YearRule.CURRENT
    elements = []
    for name, value, line in fields.entries("elements"):
        element_fields = fields.nested(name, value, line)
        if element_fields:
            elements.append(_element(element_fields, sources))
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
        year_requirement=_requirement(fields, "year_basis", "year_source", sources),
        continues=fields.text("continues", required=False) or None,
        title_confirmed=fields.flag("title_confirmed", default=True),
        location=fields.loc("continues"),
    )


def load_catalogue(path: Path, log: ErrorLog, display: str) -> Catalogue | None:
    fields = root_fields(read_yaml_file(path, Location(display), log), display, log, "ไฟล์เกณฑ์")
    if fields is None:
        return None
    fields.only({"year", "status", "derived_from", "note", "sources", "rules", "indicators", "items"})
    year = fields.parsed("year", parse_be_year, required=True) or 0
    if year and path.stem != str(year):
        fields.error("year", f"ปี {year} ไม่ตรงกับชื่อไฟล์ {path.name}")
    status = fields.text("status")
    if status and status not in STATUSES:
        fields.error("status", f'ต้องเป็นค่าใดค่าหนึ่งของ {", ".join(sorted(STATUSES))}')
    derived_from = fields.parsed("derived_from", parse_be_year)
    if (status == "provisional") != (derived_from is not None):
        fields.error("derived_from", "เกณฑ์ชั่วคราว (status: provisional) ต้องระบุปีที่เลื่อนมา (derived_from) และเกณฑ์อื่นไม่มีช่องนี้")
    source_fields = fields.mapping("sources", required=False)
    sources = {str(key): source_fields.text(key) for key in source_fields.data} if source_fields else {}
    rules = {}
    rule_fields = fields.mapping("rules", required=False)
    for name in rule_fields.data if rule_fields else ():
        assert rule_fields is not None  # mypy does not narrow through the loop's condition
        entry = rule_fields.mapping(name)
        if str(name) not in CATALOGUE_RULES:
            rule_fields.error(str(name), f'ไม่รู้จักข้อกำหนดนี้ (ใช้ได้: {", ".join(sorted(CATALOGUE_RULES))})')
        elif entry is not None:
            entry.only({"basis", "source", "note"})
            rules[str(name)] = _requirement(entry, "basis", "source", sources)
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
            items.append(_item(item_fields, numbers, sources))
    ids = [item.id for item in items]
    for item_id in sorted({item_id for item_id in ids if ids.count(item_id) > 1}):
        fields.error("items", f'รหัสรายการ "{item_id}" ซ้ำกัน')
    for spec in items:
        for element in spec.elements:
            if element.year_rule is spec.year_rule:
                log.add(spec.location or fields.loc(), f"items.{spec.id}.elements.{element.key}.year_rule",
                        "เหมือนกฎปีของรายการ ไม่ต้องระบุซ้ำ")
    return Catalogue(year, status, tuple(indicators), tuple(items), fields.loc(), sources, rules, derived_from)


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


SUPERSEDED = "superseded"  # generator/criteria/superseded/<year>.yml: a provisional catalogue the official one replaced


def load_superseded(log: ErrorLog, criteria_dir: Path = CRITERIA_DIR) -> dict[int, Catalogue]:
    """The provisional catalogues an official one has replaced: kept so a year prepared on one can move over."""
    found = {}
    for path in sorted((criteria_dir / SUPERSEDED).glob("*.yml")):
        catalogue = load_catalogue(path, log, f"generator/criteria/{SUPERSEDED}/{path.name}")
        if catalogue and catalogue.year:
            if not catalogue.provisional:
                log.add(catalogue.location, "status", "เกณฑ์ที่ถูกแทนแล้วต้องเป็นเกณฑ์ชั่วคราว (status: provisional)")
            found[catalogue.year] = catalogue
    return found


def load_catalogues(log: ErrorLog, criteria_dir: Path = CRITERIA_DIR) -> dict[int, Catalogue]:
    catalogues = {}
    for path in sorted(criteria_dir.glob("*.yml")):
        catalogue = load_catalogue(path, log, f"generator/criteria/{path.name}")
        if catalogue and catalogue.year:
            catalogues[catalogue.year] = catalogue
    _check_continuations(catalogues, log)
    return catalogues
