"""The one data model: criteria catalogues, the unit, its items and their evidence.

Every other part of the program takes these frozen objects; nothing downstream reads
YAML or dicts. Dates are CE ``date`` objects, years are BE integers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path, PurePosixPath

from generator.basics.errors import Location
from generator.basics.thai import MonthSpan, YearMonth, months_of
from generator.basics.weburl import parse_web_url


class YearRule(str, Enum):
    """Which fiscal year an item's evidence must be about (the vocabulary of the catalogues)."""

    CURRENT = "current"
    CURRENT_H1 = "current_h1"
    CURRENT_MONTHLY = "current_monthly"
    PREVIOUS = "previous"
    PREVIOUS_MONTHLY = "previous_monthly"
    IN_FORCE = "in_force"
    MULTI_YEAR_COVERING = "multi_year_covering"
    ANALYSIS_OF_PREVIOUS_ITA = "analysis_of_previous_ita"

    @property
    def is_evergreen(self) -> bool:
        """Evidence that stays valid into the next year (structure, manuals, channels)."""
        return self is YearRule.IN_FORCE


class Basis(str, Enum):
    """Where a requirement of a catalogue comes from. A finding's severity follows it: only what the
    NACC or an assessor wrote can cost the item for certain; the rest is a risk with the safe fix."""

    NACC = "nacc"  # a NACC text (the manual, a notice, the item's own title), quoted by a source
    ASSESSOR = "assessor"  # an assessor's written reason for a score, in a unit's published results
    PRACTICE = "practice"  # what units and agencies publish; no rule seen
    POLICY = "policy"  # this tool's safe course: no published rule scores it, but it is the one way to be sure

    @property
    def official(self) -> bool:
        return self in (Basis.NACC, Basis.ASSESSOR)

    @property
    def thai(self) -> str:
        return {Basis.NACC: "เกณฑ์ของสำนักงาน ป.ป.ช.", Basis.ASSESSOR: "ผลการตรวจของผู้ตรวจประเมิน",
                Basis.PRACTICE: "แนวปฏิบัติของหน่วยงานที่เผยแพร่ (ยังไม่พบในเกณฑ์ที่เผยแพร่)",
                Basis.POLICY: "แนวทางที่ปลอดภัยของเครื่องมือนี้ (ไม่มีเกณฑ์ที่เผยแพร่ระบุไว้)"}[self]


@dataclass(frozen=True)
class Requirement:
    """A requirement's basis and the sources (keys of the catalogue's ``sources``) that show it."""

    basis: Basis
    source: str = ""

    def thai(self) -> str:
        """'ที่มา: เกณฑ์ของสำนักงาน ป.ป.ช. · แหล่ง S2', for every report and page."""
        return f"ที่มา: {self.basis.thai}" + (f" · แหล่ง {self.source}" if self.source else "")


# ---- criteria ---------------------------------------------------------------------------


PERSON_FIELDS = ("name", "position", "photo", "contact")
MEASURE_FIELDS = ("measure", "indicator", "steps", "period", "responsible")
DERIVED_SOURCES = ("analysis", *(f"people.{name}" for name in PERSON_FIELDS),
                   *(f"measures.{name}" for name in MEASURE_FIELDS))


@dataclass(frozen=True)
class ElementSpec:
    key: str
    label: str
    requirement: Requirement  # where the element comes from: missing it costs the item for certain only if official
    # The element's own year rule where it differs from the item's (a previous-year report in a
    # current-year item, standing rules in force beside this year's plan); None: the item's.
    year_rule: YearRule | None = None
    continues: str | None = None  # the previous year's element key (``O12.annual_summary`` across items)
    # When set, the element is not shown by evidence of its own but by structured data of the
    # item: a field every listed person must have ("people.photo"), the analysis of last
    # year's ITA results ("analysis"), or a column every measure must fill ("measures.steps").
    derived_from: str | None = None
    public: str = ""  # the element as a disclosure, for citizens; ``label`` is the checklist's wording for staff

    @property
    def official(self) -> bool:
        return self.requirement.basis.official

    @property
    def public_label(self) -> str:
        return self.public or self.label

    @property
    def field_hint(self) -> str:
        """Where staff fill this element in the item file (Thai), the same words in every message."""
        if self.derived_from is None:
            return f"ช่อง elements.{self.key}"
        source, _, column = self.derived_from.partition(".")
        if source == "people":
            return f"ช่อง {column} ของผู้บริหารแต่ละคน"
        if source == "measures":
            return f"คอลัมน์ {column} ของทุกแถวในช่อง measures"
        return f"ช่อง {source}"


@dataclass(frozen=True)
class ItemSpec:
    id: str
    title: str
    indicator: int
    group: str
    year_rule: YearRule  # the item's rule: every element's unless the element names its own
    elements: tuple[ElementSpec, ...]
    year_requirement: Requirement = Requirement(Basis.NACC)  # where the year rule comes from
    continues: str | None = None
    title_confirmed: bool = True
    location: Location | None = field(default=None, compare=False)

    @property
    def slug(self) -> str:
        """The ASCII path segment of the item page: the id in lower case."""
        return self.id.lower()

    def rule_of(self, element: ElementSpec) -> YearRule:
        """The year rule an element's evidence must fit: its own, else the item's (one answer for every command)."""
        return element.year_rule or self.year_rule

    @property
    def rules(self) -> tuple[YearRule, ...]:
        """Every year rule the item's elements ask for, the item's own first."""
        found = [self.year_rule, *(self.rule_of(element) for element in self.elements)]
        return tuple(dict.fromkeys(found))

    def element(self, key: str) -> ElementSpec | None:
        return next((element for element in self.elements if element.key == key), None)


@dataclass(frozen=True)
class Indicator:
    """One of the ten ITA indicators; IIT/EIT ones list their question ids."""

    number: int
    name: str
    tool: str
    questions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    """The OIT item list of one assessment year (= fiscal year, BE)."""

    year: int
    status: str  # confirmed · reconstructed · provisional (the NACC has not published the year yet)
    indicators: tuple[Indicator, ...]
    items: tuple[ItemSpec, ...]
    location: Location
    sources: dict[str, str] = field(default_factory=dict)  # key → what the source is, for every basis
    # Requirements that hold for every item (the main website, live links, evidence on another host…).
    rules: dict[str, Requirement] = field(default_factory=dict)
    derived_from: int | None = None  # a provisional catalogue: the year it was derived from, years moved by one
    # A provisional catalogue a unit prepared its year on, once the official one is out: ita adopt-criteria moves
    # the year onto ``replaced_by``; until then the year still reads as it was prepared.
    replaced_by: Catalogue | None = field(default=None, compare=False, repr=False)

    @property
    def provisional(self) -> bool:
        return self.status == "provisional"

    @property
    def provisional_note(self) -> str:
        """The sentence every page, report and message of a provisional year carries."""
        if not self.provisional:
            return ""
        base = f" ใช้เกณฑ์ปี {self.derived_from} เลื่อนปี" if self.derived_from else ""
        return f"เกณฑ์ ITA {self.year} ยังไม่ประกาศ{base}"

    def rule(self, name: str) -> Requirement:
        return self.rules.get(name, Requirement(Basis.POLICY))

    def item(self, item_id: str) -> ItemSpec | None:
        """The item by id in any case: staff type o11 for O11 (and catalogues differ by year)."""
        wanted = item_id.strip().casefold()
        return next((spec for spec in self.items if spec.id.casefold() == wanted), None)

    def indicator(self, number: int) -> Indicator:
        return next(ind for ind in self.indicators if ind.number == number)


# ---- content ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Dating:
    """What period a piece of evidence is about; at least one field is set for documents."""

    fiscal_year: int | None = None
    date: date | None = None
    month: YearMonth | None = None
    period: tuple[int, int] | None = None  # the BE years a multi-year plan covers
    months: MonthSpan | None = None  # a quarter or a run of months one document covers

    @property
    def covered_months(self) -> list[YearMonth]:
        """The months this evidence stands for, for monthly items: its month, or every month of its span."""
        if self.months:
            return months_of(self.months)
        return [self.month] if self.month else []


@dataclass(frozen=True)
class Document:
    """A file kept under content/ and published with the site."""

    file: PurePosixPath  # relative to content/
    source: Path
    size: int
    title: str
    dating: Dating
    location: Location
    head: bytes = field(default=b"", repr=False)  # the first bytes, to tell a real PDF from a renamed page
    kind: str = field(default="document", init=False)

    @property
    def file_type(self) -> str:
        return self.file.suffix.lstrip(".").upper() or "ไฟล์"


@dataclass(frozen=True)
class Link:
    url: str
    title: str
    dating: Dating
    location: Location
    kind: str = field(default="link", init=False)


@dataclass(frozen=True)
class Person:
    name: str
    position: str
    photo: Document | None
    phone: str
    email: str
    location: Location
    kind: str = field(default="person", init=False)

    def has(self, person_field: str) -> bool:
        values = {"name": self.name, "position": self.position, "photo": self.photo, "contact": self.phone or self.email}
        return bool(values[person_field])


@dataclass(frozen=True)
class Statement:
    """A plain statement, e.g. 'no procurement in November 2568'."""

    text: str
    dating: Dating
    location: Location
    kind: str = field(default="statement", init=False)


Evidence = Document | Link | Person | Statement


@dataclass(frozen=True)
class Measure:
    """One row of the measures table of the item that turns last year's ITA results into action."""

    measure: str
    indicator: int | None
    steps: str
    period: str
    responsible: str
    location: Location


@dataclass(frozen=True)
class Analysis:
    """The unit's own analysis per indicator and its measures (the item with the analysis year rule)."""

    texts: dict[int, str]
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Results:
    """The ITA results the NACC published for the unit for one assessment year."""

    year: int
    score: float
    level: str
    tools: dict[str, float]
    indicators: dict[int, float]
    items: dict[str, float]
    location: Location


@dataclass(frozen=True)
class Item:
    """One OIT item of one year as the unit discloses it."""

    year: int
    spec: ItemSpec
    owner: str
    updated: date | None
    body: str
    evidence: dict[str, tuple[Evidence, ...]]
    location: Location
    analysis: Analysis | None = None
    todo: tuple[str, ...] = ()  # left to do, from ``todo:``; shown while editing, never published

    @property
    def people(self) -> list[Person]:
        return [ev for evs in self.evidence.values() for ev in evs if isinstance(ev, Person)]

    def evidence_for(self, element: ElementSpec) -> tuple[Evidence, ...]:
        """The evidence staff listed under the element (derived elements: see generator.derived)."""
        return self.evidence.get(element.key, ())

    @property
    def documents(self) -> list[Document]:
        found = [ev for evs in self.evidence.values() for ev in evs if isinstance(ev, Document)]
        found += [person.photo for person in self.people if person.photo]
        return found


@dataclass(frozen=True)
class Image:
    """A picture under content/ that every page shows (logo, favicon)."""

    path: PurePosixPath  # relative to content/
    source: Path


@dataclass(frozen=True)
class Branding:
    """How the unit's own site looks and who it is, in every page's header and footer."""

    primary: str = "#1e4f8c"  # header background, white text on it: 8.2:1
    accent: str = "#a8321e"  # links on hover, on white: 6.7:1
    logo: Image | None = None
    favicon: Image | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    made_with: bool = False  # the "Made with …" line of the theme, off unless the unit wants it


@dataclass(frozen=True)
class Unit:
    name: str
    kind: str
    district: str
    province: str
    main_website: str
    published_at: str
    assessment_year: int
    same_site_hosts: tuple[str, ...]
    location: Location
    itas_window: tuple[date, date] | None = None  # when the unit enters its OIT answers in ITAS
    # The year the public home shows: the assessment year unless ita new-year prepared a next one
    # that ita publish-year has not yet made public.
    shown_year: int | None = None
    brand: Branding = Branding()
    max_document_mb: int = 100  # the largest document published (filetypes.MAX_DOCUMENT_MB unless unit.yml says)
    # The ITA center alone, under a folder of a main site a CMS runs: no home or pages of its own, and its
    # logo and home links lead back to main_website.
    ita_only: bool = False

    @property
    def public_year(self) -> int:
        return self.shown_year or self.assessment_year

    @property
    def main_host(self) -> str:
        parsed = parse_web_url(self.main_website)
        return parsed.host if parsed else ""

    @property
    def ita_url(self) -> str:
        """Absolute URL of the ITA center home, always ``ita/`` under the published site."""
        return self.published_at + "ita/"


@dataclass(frozen=True)
class Page:
    """A staff page under content/pages/, published as it is."""

    path: PurePosixPath  # relative to content/pages/
    source: Path


@dataclass(frozen=True)
class Model:
    unit: Unit
    catalogues: dict[int, Catalogue]
    items: dict[tuple[int, str], Item]
    pages: tuple[Page, ...]
    content_dir: Path
    results: dict[int, Results] = field(default_factory=dict)
    criteria_dir: Path | None = None  # where the catalogues were read from, for commands that read the model again

    @property
    def years(self) -> list[int]:
        """Years with a section on the site, newest first: the assessment year and every archive."""
        years = {self.unit.assessment_year} | {year for year, _ in self.items}
        return sorted(years, reverse=True)

    def item(self, year: int, item_id: str) -> Item | None:
        spec = self.catalogues[year].item(item_id) if year in self.catalogues else None
        return self.items.get((year, spec.id)) if spec else None
