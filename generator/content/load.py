"""Load and validate the staff's content tree into the model.

content/unit.yml           the unit and its website
content/items/**/*.md      one Markdown file per item per year (front matter + explanation)
content/pages/**           staff pages and their assets, published as they are

Nothing here writes: the loader only reads content/ (plus file sizes of documents).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path, PurePosixPath

from generator.basics.colours import AA_TEXT, HEX, WHITE, contrast
from generator.basics.errors import ErrorLog, Location
from generator.basics.filetypes import (
    HEAD_BYTES,
    IMAGE_SUFFIXES,
    MAX_DOCUMENT_MB,
    MAX_IMAGE_BYTES,
    MAX_PHOTO_BYTES,
    MB,
    file_problem,
    size_problem,
)
from generator.basics.thai import (
    arabic_digits,
    is_month_span,
    parse_be_date,
    parse_be_month,
    parse_be_month_span,
    parse_be_period,
    parse_be_year,
)
from generator.basics.weburl import parse_web_url, web_url_problem
from generator.content.catalogues import CRITERIA_DIR, load_catalogues, load_superseded, missing_criteria
from generator.content.fields import Fields, root_fields
from generator.content.yamlsource import read_front_matter, read_text_logged, read_yaml_file
from generator.model import (
    Analysis,
    Branding,
    Catalogue,
    Dating,
    Document,
    Evidence,
    Image,
    Item,
    Link,
    Measure,
    Model,
    Page,
    Person,
    Results,
    Statement,
    Unit,
    YearRule,
)

UNIT_KINDS = ("อบต.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")
PREPARED_ON = "criteria.yml"  # content/items/<year>/criteria.yml: the catalogue the year was prepared on
DATING_FIELDS = {"fiscal_year", "date", "month", "period"}
MAX_HEADINGS = 1000  # a page with more cannot be read, and MkDocs' table of contents grows quadratically
HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)", re.MULTILINE)
RESULT_KEY = re.compile(r"^[a-zA-Z]\d{1,2}$")  # i1, e9, o28, O26: the shape of every ITA question id
EVIDENCE_FIELDS = {
    "document": {"document", "title"} | DATING_FIELDS,
    "url": {"url", "title"} | DATING_FIELDS,
    "name": {"name", "position", "photo", "phone", "email"},
    "text": {"text"} | DATING_FIELDS,
}


def _same_name_on_disk(path: Path) -> Path:
    """``path``, or the entry its folder holds under the same name in another Unicode form: macOS and some
    zip tools write Thai file names decomposed (NFD) while YAML typed on Windows holds them composed (NFC),
    and the two look identical (Thai sara am, too, is typed two ways). Found by the name's normal form, so
    "not found" never means "typed differently"."""
    if path.exists() or not path.parent.is_dir():
        return path
    wanted = _name_key(path.name)
    return next((entry for entry in path.parent.iterdir() if _name_key(entry.name) == wanted), path)


def _name_key(name: str) -> str:
    """A file name as two spellings of it agree: Unicode NFC, and Thai sara am typed as nikhahit + sara aa."""
    return unicodedata.normalize("NFC", name).replace("\u0e4d\u0e32", "\u0e33")


class ContentReader:
    """Reads one content tree; every problem goes to ``log``."""

    def __init__(self, root: Path, log: ErrorLog) -> None:
        self.root = root
        self.content_dir = root / "content"
        self.real_content_dir = self.content_dir.resolve()
        self.log = log
        self.document_limit = MAX_DOCUMENT_MB * MB  # unit.yml's max_document_mb, once read
        self.unit_lines: dict[str, Location] = {}  # where unit.yml's year fields stand, for checks made later

    def display(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    # ---- unit.yml ------------------------------------------------------------------

    def inside(self, path: Path) -> bool:
        """Whether the file really lies in content/: a symlink may point anywhere on the server (or at itself)."""
        try:
            return path.resolve().is_relative_to(self.real_content_dir)
        except (OSError, RuntimeError):  # a symlink loop
            return False

    def _outside(self, path: Path) -> bool:
        if self.inside(path):
            return False
        self.log.add(Location(self.display(path)), "",
                     "เป็นลิงก์สัญลักษณ์ (symlink) ที่ชี้ออกนอกโฟลเดอร์ content/ ระบบไม่อ่านและไม่เผยแพร่ไฟล์นอก content/ "
                     "ให้คัดลอกไฟล์จริงมาไว้ใน content/ แทน")
        return True

    def _url(self, fields: Fields, key: str, *, required: bool = True) -> str:
        url = fields.text(key, required=required)
        problem = web_url_problem(url) if url else None
        if problem:
            fields.error(key, problem)
            return ""
        return url

    def _hosts(self, fields: Fields) -> list[str]:
        """same_site_hosts as host names; a URL written there counts by its host."""
        hosts = []
        for name, value, line in fields.entries("same_site_hosts", required=False):
            written = str(value).strip()
            host = parse_web_url(written if "://" in written else f"http://{written}/")
            if host is None or not isinstance(value, (str, int, float)):
                fields.log.add(Location(fields.path, line), name, f'"{written}" ไม่ใช่ชื่อเว็บไซต์ (เช่น tambon.go.th)')
                continue
            hosts.append(host.host)
        return hosts

    def unit(self) -> Unit | None:
        path = self.content_dir / "unit.yml"
        display = self.display(path)
        if not path.is_file():
            self.log.add(Location(display), "", "ไม่พบไฟล์ข้อมูลหน่วยงาน ให้คัดลอกจากหน่วยงานตัวอย่าง")
            return None
        if self._outside(path):
            return None
        fields = root_fields(read_yaml_file(path, Location(display), self.log), display, self.log, "ไฟล์ข้อมูลหน่วยงาน")
        if fields is None:
            return None
        fields.only({"name", "type", "district", "province", "main_website", "published_at",
                     "assessment_year", "public_year", "same_site_hosts", "itas_window",
                     "logo", "favicon", "colors", "address", "phone", "email", "made_with", "max_document_mb", "ita_only"})
        limit = fields.number("max_document_mb") if fields.has("max_document_mb") else None
        if limit is not None and not 1 <= limit <= 2000:
            fields.error("max_document_mb", f"ต้องเป็นจำนวนเต็ม 1 ถึง 2000 (เมกะไบต์) ค่าเริ่มต้นคือ {MAX_DOCUMENT_MB}")
        elif limit is not None:
            self.document_limit = limit * MB
        kind = fields.text("type")
        if kind and kind not in UNIT_KINDS:
            fields.error("type", f'"{kind}" ต้องเป็นหนึ่งใน {" ".join(UNIT_KINDS)}')
        self.unit_lines = {key: fields.loc(key) for key in ("assessment_year", "public_year")}
        main_website = self._url(fields, "main_website")
        published_at = self._url(fields, "published_at", required=False) or main_website
        hosts = self._hosts(fields)
        return Unit(
            name=fields.text("name"),
            kind=kind,
            district=fields.text("district"),
            province=fields.text("province"),
            main_website=main_website,
            published_at=published_at.rstrip("/") + "/",
            assessment_year=fields.parsed("assessment_year", parse_be_year, required=True) or 0,
            same_site_hosts=tuple(hosts),
            location=fields.loc(),
            itas_window=self._window(fields),
            shown_year=fields.parsed("public_year", parse_be_year),
            brand=self._branding(fields),
            max_document_mb=self.document_limit // MB,
            ita_only=fields.flag("ita_only", default=False),
        )

    def _branding(self, fields: Fields) -> Branding:
        colours = fields.mapping("colors", required=False)
        chosen = {}
        if colours is not None:
            colours.only({"primary", "accent"})
            for key, against in (("primary", "ตัวอักษรสีขาวบนแถบหัวเว็บ"), ("accent", "พื้นหลังสีขาวของหน้าเว็บ")):
                colour = colours.text(key, required=False)
                if not colour:
                    continue
                if not HEX.fullmatch(colour):
                    colours.error(key, f'"{colour}" ต้องเป็นรหัสสีแบบ #RRGGBB เช่น #1e4f8c')
                elif (ratio := contrast(colour, WHITE)) < AA_TEXT:
                    colours.error(key, f"สี {colour} ตัดกับ{against}เพียง {ratio:.2f}:1 ต่ำกว่าเกณฑ์ WCAG AA "
                                       f"({AA_TEXT}:1) คนสายตาไม่ดีจะอ่านไม่ออก ให้ใช้สีเข้มขึ้น")
                else:
                    chosen[key] = colour.lower()
        logo = self._image(fields, "logo")
        return Branding(**chosen, logo=logo, favicon=self._image(fields, "favicon") or logo,
                        address=fields.text("address", required=False), phone=fields.text("phone", required=False),
                        email=fields.text("email", required=False), made_with=fields.flag("made_with", default=False))

    def _image(self, fields: Fields, key: str) -> Image | None:
        found = self._file(fields, key) if fields.has(key) else None
        if found is None:
            return None
        relative, source = found
        suffix = relative.suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            fields.error(key, f'"{relative}" ต้องเป็นรูปภาพ {" ".join(sorted(IMAGE_SUFFIXES))}')
            return None
        problem = file_problem(source, MAX_IMAGE_BYTES)
        if problem:
            fields.error(key, f'"{relative}" {problem}')
            return None
        return Image(relative, source)

    def _window(self, fields: Fields) -> tuple[date, date] | None:
        window = fields.mapping("itas_window", required=False)
        if window is None:
            return None
        window.only({"start", "end"})
        start = window.parsed("start", parse_be_date, required=True)
        end = window.parsed("end", parse_be_date, required=True)
        if start and end and end < start:
            window.error("end", "วันสิ้นสุดมาก่อนวันเริ่มต้น")
        return (start, end) if start and end else None

    # ---- evidence ------------------------------------------------------------------

    def _dating(self, fields: Fields) -> Dating:
        # ``period`` is years (a plan: 2566-2570) or months (a quarter or a run: ไตรมาส 1/2569, 2568-10..2568-12).
        months = is_month_span(fields.data.get("period", ""))
        return Dating(
            fiscal_year=fields.parsed("fiscal_year", parse_be_year),
            date=fields.parsed("date", parse_be_date),
            month=fields.parsed("month", parse_be_month),
            period=None if months else fields.parsed("period", parse_be_period),
            months=fields.parsed("period", parse_be_month_span) if months else None,
        )

    def _file(self, fields: Fields, key: str) -> tuple[PurePosixPath, Path] | None:
        """A path under content/, checked to exist and not to leave the folder (by .. or by a symlink)."""
        written = fields.text(key)
        if not written:
            return None
        relative = PurePosixPath(written)
        try:
            source = _same_name_on_disk(self.content_dir / relative).resolve()
            outside = relative.is_absolute() or not source.is_relative_to(self.real_content_dir)
            exists = source.is_file()
        except (OSError, ValueError):  # a NUL byte or a name the file system refuses
            fields.error(key, f'ชื่อไฟล์ "{written}" มีอักขระที่ใช้ในชื่อไฟล์ไม่ได้')
            return None
        if outside:
            fields.error(key, f'ที่อยู่ไฟล์ "{written}" อยู่นอกโฟลเดอร์ content/ ใช้ได้เฉพาะไฟล์ภายใน content/')
            return None
        if not exists:
            fields.error(key, f'ไม่พบไฟล์ "{written}" ในโฟลเดอร์ content/ (ตรวจชื่อไฟล์และนามสกุล)')
            return None
        return relative, source

    def _document(self, fields: Fields, key: str, title: str, dating: Dating) -> Document | None:
        found = self._file(fields, key)
        if found is None:
            return None
        relative, source = found
        # Too large, or an SVG that runs or fetches something: never published (an empty or mislabelled
        # file is ita check's bad-document finding, read from ``head``).
        limit = MAX_PHOTO_BYTES if key == "photo" else self.document_limit
        size = source.stat().st_size
        problem = size_problem(size, limit) or (file_problem(source, limit) if relative.suffix.lower() == ".svg" else None)
        if problem:
            fields.error(key, f'"{relative}" {problem}' + ("" if key == "photo" or size <= limit else
                                                            " (ขนาดสูงสุดตั้งได้ที่ max_document_mb ใน content/unit.yml)"))
            return None
        with source.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        return Document(relative, source, size, title, dating, fields.loc(key), head)

    def _evidence(self, fields: Fields) -> Evidence | None:
        kind = next((key for key in EVIDENCE_FIELDS if key in fields.data), None)
        if kind is None:
            fields.log.add(fields.loc(), fields.prefix,
                           "ต้องมีช่อง document (เอกสาร), url (ลิงก์), name (บุคคล) หรือ text (ข้อความ) อย่างใดอย่างหนึ่ง")
            return None
        fields.only(EVIDENCE_FIELDS[kind])
        location = fields.loc(kind)
        if kind == "name":
            photo = self._document(fields, "photo", fields.text("name"), Dating()) if fields.has("photo") else None
            return Person(fields.text("name"), fields.text("position"), photo,
                          fields.text("phone", required=False), fields.text("email", required=False), location)
        dating = self._dating(fields)
        if kind == "text":
            return Statement(fields.text("text"), dating, location)
        title = fields.text("title")
        if kind == "url":
            url = self._url(fields, "url")
            return Link(url, title, dating, location) if url else None
        if not any(fields.has(key) for key in DATING_FIELDS):
            fields.error("document", "เอกสารต้องระบุปีงบประมาณหรือวันที่ (fiscal_year, date, month หรือ period)")
        return self._document(fields, "document", title, dating)

    def _elements(self, fields: Fields, element_keys: list[str]) -> dict[str, tuple[Evidence, ...]]:
        elements = fields.mapping("elements", required=False)
        if elements is None:
            return {}
        evidence = {}
        for key in elements.data:
            if key not in element_keys:
                elements.error(key, f'ไม่มีองค์ประกอบนี้ในรายการนี้ (ที่ใช้ได้: {", ".join(element_keys)})')
                continue
            found = []
            for name, value, line in elements.entries(key):
                entry = elements.nested(name, value, line)
                ev = self._evidence(entry) if entry else None
                if ev is not None:
                    found.append(ev)
            evidence[key] = tuple(found)
        return evidence

    # ---- items ---------------------------------------------------------------------

    def item(self, path: Path, catalogues: dict[int, Catalogue]) -> Item | None:
        display = self.display(path)
        meta, body = read_front_matter(path, Location(display), self.log)
        if len(HEADING.findall(body)) > MAX_HEADINGS:
            self.log.add(Location(display), "", f"คำอธิบายมีหัวข้อ (#) เกิน {MAX_HEADINGS} หัวข้อ ให้แยกเป็นเอกสารแนบ")
            return None
        fields = root_fields(meta, display, self.log, "ส่วนหัวของไฟล์รายการ")
        if fields is None:
            return None
        fields.only({"item", "year", "owner", "updated", "elements", "analysis", "measures", "todo"})
        year = fields.parsed("year", parse_be_year, required=True)
        item_id = fields.text("item")
        if year is None or not item_id:
            return None
        catalogue = catalogues.get(year)
        if catalogue is None:
            fields.error("year", missing_criteria(year))
            return None
        spec = catalogue.item(item_id)
        if spec is None:
            ids = [spec.id for spec in catalogue.items]
            fields.error("item", f'ไม่มีรายการ "{item_id}" ในเกณฑ์ปี {year} (มี {ids[0]}–{ids[-1]})')
            return None
        return Item(
            year=year,
            spec=spec,
            owner=fields.text("owner"),
            updated=fields.parsed("updated", parse_be_date),
            body=body,
            evidence=self._elements(fields, [element.key for element in spec.elements]),
            location=fields.loc(),
            analysis=self._analysis(fields, spec.year_rule),
            todo=self._todo(fields),
        )

    @staticmethod
    def _todo(fields: Fields) -> tuple[str, ...]:
        """What staff still have to do for the item: one text, or a list of texts."""
        if isinstance(fields.data.get("todo"), str):
            return (fields.text("todo"),)
        return tuple(str(value).strip() for _, value, _ in fields.entries("todo", required=False) if str(value).strip())

    def _analysis(self, fields: Fields, rule: YearRule) -> Analysis | None:
        """The analysis texts and measures table; only the item that analyses last year's ITA has them."""
        if not fields.has("analysis") and not fields.has("measures"):
            return None
        if rule is not YearRule.ANALYSIS_OF_PREVIOUS_ITA:
            key = "analysis" if fields.has("analysis") else "measures"
            fields.error(key, "ช่องนี้ใช้ได้เฉพาะรายการที่วิเคราะห์ผลการประเมิน ITA ของปีก่อน (year_rule: analysis_of_previous_ita)")
            return None
        texts = {}
        analysis = fields.mapping("analysis", required=False)
        for key in analysis.data if analysis else ():
            assert analysis is not None  # mypy does not narrow through the loop's condition
            try:
                number = int(arabic_digits(str(key)))
            except ValueError:
                analysis.error(str(key), "ชื่อช่องต้องเป็นหมายเลขตัวชี้วัด เช่น 9")
                continue
            texts[number] = analysis.text(key)
        measures = []
        for name, value, line in fields.entries("measures", required=False):
            entry = fields.nested(name, value, line)
            if entry is None:
                continue
            entry.only({"measure", "indicator", "steps", "period", "responsible"})
            indicator = entry.number("indicator") if entry.has("indicator") else None
            measures.append(Measure(entry.text("measure", required=False), indicator,
                                    entry.text("steps", required=False), entry.text("period", required=False),
                                    entry.text("responsible", required=False), entry.loc()))
        return Analysis(texts, tuple(measures))

    def items(self, catalogues: dict[int, Catalogue]) -> dict[tuple[int, str], Item]:
        items: dict[tuple[int, str], Item] = {}
        folder = self.content_dir / "items"
        for path in sorted(folder.rglob("*.md")):
            # Hidden folders are the tools' (a swap in progress, an editor's backup), never items.
            if any(part.startswith(".") for part in path.relative_to(folder).parts) or self._outside(path):
                continue
            item = self.item(path, catalogues)
            if item is None:
                continue
            key = (item.year, item.spec.id)
            if key in items:
                self.log.add(item.location, "item",
                             f"รายการ {item.spec.id} ปี {item.year} ซ้ำกับไฟล์ {items[key].location.path}")
                continue
            items[key] = item
        return items

    def prepared_on(self, catalogues: dict[int, Catalogue], superseded: dict[int, Catalogue]) -> dict[int, Catalogue]:
        """Each year's catalogue as its items were prepared: a year begun on a provisional catalogue
        (content/items/<year>/criteria.yml, written by ita new-year) keeps reading on it, with the official
        one beside it, until ita adopt-criteria moves it over."""
        found = dict(catalogues)
        for path in sorted((self.content_dir / "items").glob(f"*/{PREPARED_ON}")):
            if self._outside(path):
                continue
            display = self.display(path)
            fields = root_fields(read_yaml_file(path, Location(display), self.log), display, self.log, "ไฟล์บันทึกเกณฑ์ของปี")
            if fields is None:
                continue
            fields.only({"year", "prepared_on"})
            year = fields.parsed("year", parse_be_year, required=True)
            if fields.text("prepared_on") != "provisional" or year not in superseded or year not in catalogues:
                continue
            if not catalogues[year].provisional:
                found[year] = replace(superseded[year], replaced_by=catalogues[year])
        return found

    def results(self, catalogues: dict[int, Catalogue]) -> dict[int, Results]:
        """content/results/<year>.yml: the ITA results the NACC published for the unit."""
        found = {}
        for path in sorted((self.content_dir / "results").glob("*.yml")):
            if self._outside(path):
                continue
            display = self.display(path)
            fields = root_fields(read_yaml_file(path, Location(display), self.log), display, self.log, "ไฟล์ผลการประเมิน")
            if fields is None:
                continue
            fields.only({"year", "score", "level", "tools", "indicators", "items"})
            year = fields.parsed("year", parse_be_year, required=True)
            catalogue = catalogues.get(year or 0)
            tools = self._scores(fields, "tools", lambda key: key in ("IIT", "EIT", "OIT"), "IIT, EIT, OIT")
            indicators = self._scores(fields, "indicators", lambda key: key.isdigit(), "หมายเลขตัวชี้วัด 1–10")
            # Codes in either case (staff copy "o13" from one year's list into another's "O13"), kept as the
            # catalogue spells them.
            known = ({code.casefold(): code for code in (*(spec.id for spec in catalogue.items),
                                                         *(q for ind in catalogue.indicators for q in ind.questions))}
                     if catalogue else None)

            def valid_item(key: str, known: dict[str, str] | None = known) -> bool:
                return bool(RESULT_KEY.match(key)) and (known is None or key.casefold() in known)

            items = self._scores(fields, "items", valid_item,
                                 f"รหัสข้อในเกณฑ์ปี {year}" if catalogue else "รหัสข้อ เช่น i1 e9 o28")
            if known:
                items = {known[key.casefold()]: score for key, score in items.items()}
            if year:
                found[year] = Results(year, fields.score("score") or 0.0, fields.text("level"), tools,
                                      {int(key): value for key, value in indicators.items()}, items, fields.loc())
        return found

    def _scores(self, fields: Fields, key: str, valid: Callable[[str], bool], expected: str) -> dict[str, float]:
        scores = fields.mapping(key, required=key != "items")
        if scores is None:
            return {}
        found = {}
        for name in scores.data:
            if not valid(arabic_digits(name)):
                scores.error(name, f"ไม่รู้จัก {name} (ต้องเป็น{expected})")
                continue
            value = scores.score(name)
            if value is not None:
                found[arabic_digits(name)] = value
        return found

    def _readable_markdown(self, path: Path) -> bool:
        location = Location(self.display(path))
        text = read_text_logged(path, location, self.log)
        if text is not None and len(HEADING.findall(text)) > MAX_HEADINGS:
            self.log.add(location, "", f"มีหัวข้อ (#) เกิน {MAX_HEADINGS} หัวข้อ ให้แยกเป็นหลายหน้า")
            return False
        return text is not None

    def pages(self) -> tuple[Page, ...]:
        """Staff pages published as they are; Markdown ones must be readable text of a sane size."""
        pages_dir = self.content_dir / "pages"
        pages = []
        for path in sorted(pages_dir.rglob("*")):
            if path.name.startswith(".") or self._outside(path) or not path.is_file():
                continue
            if path.suffix.lower() == ".md" and not self._readable_markdown(path):
                continue
            pages.append(Page(PurePosixPath(path.relative_to(pages_dir).as_posix()), path))
        return tuple(pages)


def load_model(root: Path, criteria_dir: Path = CRITERIA_DIR) -> Model:
    """Read criteria and content once; raise ``InvalidContent`` listing every problem."""
    log = ErrorLog()
    reader = ContentReader(root, log)
    catalogues = reader.prepared_on(load_catalogues(log, criteria_dir), load_superseded(log, criteria_dir))
    unit = reader.unit()
    items = reader.items(catalogues)
    results = reader.results(catalogues)
    pages = reader.pages()
    if unit and unit.assessment_year and unit.assessment_year not in catalogues:
        log.add(reader.unit_lines["assessment_year"], "assessment_year", missing_criteria(unit.assessment_year))
    if unit and unit.shown_year and (unit.shown_year not in catalogues or unit.shown_year > unit.assessment_year):
        log.add(reader.unit_lines["public_year"], "public_year",
                f"ปีที่แสดงบนหน้าแรก ({unit.shown_year}) ต้องเป็นปีที่มีเกณฑ์และไม่หลังปีที่ประเมิน "
                f"({unit.assessment_year}) ลบช่องนี้ออกเพื่อแสดงปีที่ประเมิน")
    log.raise_if_any()
    assert unit is not None  # every path that leaves unit None logged an error
    return Model(unit, catalogues, items, pages, reader.content_dir, results, criteria_dir)


def reload_model(model: Model) -> Model:
    """The same project read again, from the same catalogues: how an edit proves it left content/ valid."""
    return load_model(model.content_dir.parent, model.criteria_dir or CRITERIA_DIR)
