"""The generator's core: a pure function from the loaded model to the site's source tree.

``render_site`` returns Markdown pages, files to publish and the navigation; it reads and
writes nothing, so any builder (MkDocs, ProperDocs, Zensical) can be fed from it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
from markupsafe import Markup

from generator.basics.textfile import csv_text
from generator.basics.thai import thai_date
from generator.model import Catalogue, Dating, Image, Item, ItemSpec, Model, YearRule
from generator.model.derived import ElementStatus, element_status
from generator.model.layout import ITA, item_dir, item_url
from generator.model.results import analyse
from generator.model.yearrules import explain
from generator.pages.charts import history_chart, indicator_chart
from generator.pages.markdown_safe import attr, file_href, finalize, meta_title, staff_markdown

TEMPLATES = Path(__file__).parent / "templates"
NAV_TITLE = "ศูนย์ ITA"
MISSING = ElementStatus((), ("ยังไม่มีไฟล์ของรายการนี้",))


@dataclass(frozen=True)
class Site:
    """What a builder needs: Markdown/text by output path, files to copy, and the nav."""

    pages: dict[PurePosixPath, str]
    files: dict[PurePosixPath, Path]
    nav: list[Any]


@dataclass(frozen=True)
class PreviewNote:
    """One finding of the checks as the preview shows it while staff edit (never in a deploy build): the
    same verdict and words ``ita check`` gives, by element where it is about one."""

    element: str | None
    severity: str  # error · warning · note
    text: str
    basis: str = ""  # Thai: where the requirement comes from


@dataclass(frozen=True)
class ItemPreview:
    verdict: str  # pass · at_risk · zero
    label: str  # the verdict in Thai, as ita check prints it
    notes: tuple[PreviewNote, ...]

    def of(self, element: str | None) -> list[PreviewNote]:
        return [note for note in self.notes if note.element == element]


Previews = dict[tuple[int, str], ItemPreview]  # (year, item id) → what the checks say of it


@dataclass(frozen=True)
class Row:
    """One item of a year as the overview tables and its page show it."""

    spec: ItemSpec
    item: Item | None
    statuses: dict[str, ElementStatus]  # by element key

    @property
    def present(self) -> int:
        return sum(status.present for status in self.statuses.values())

    @property
    def total(self) -> int:
        return len(self.spec.elements)


# ---- formatting filters -----------------------------------------------------------------


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} ไบต์"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def dating_text(dating: Dating) -> str:
    parts = []
    if dating.fiscal_year:
        parts.append(f"ปีงบประมาณ {dating.fiscal_year}")
    if dating.month:
        parts.append(dating.month.thai())
    if dating.date:
        parts.append(thai_date(dating.date))
    if dating.period:
        parts.append(f"พ.ศ. {dating.period[0]}–{dating.period[1]}")
    return " · ".join(parts)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # the output is Markdown: finalize escapes for Markdown and HTML at once
        finalize=finalize,
    )
    env.filters.update(thai_date=thai_date, size=size_text, dating=dating_text, explain=explain,
                       attr=attr, file_href=file_href, meta_title=meta_title, staff_markdown=staff_markdown)
    return env


# ---- pages ------------------------------------------------------------------------------


def _rows(model: Model, catalogue: Catalogue) -> list[Row]:
    rows = []
    for spec in catalogue.items:
        item = model.item(catalogue.year, spec.id)
        statuses = {element.key: element_status(model, item, element) if item else MISSING for element in spec.elements}
        rows.append(Row(spec, item, statuses))
    return rows


def _ita_view(model: Model, row: Row) -> dict[str, Any] | None:
    """What the page of the item that analyses last year's ITA shows: analysis, charts, measures."""
    if row.spec.year_rule is not YearRule.ANALYSIS_OF_PREVIOUS_ITA or row.item is None:
        return None
    year = row.item.year
    analysis = analyse(model, year - 1, row.item.analysis.texts if row.item.analysis else None)
    catalogue = model.catalogues.get(year - 1) or model.catalogues[year]
    names = {indicator.number: indicator.name for indicator in catalogue.indicators}
    history = [results for result_year, results in sorted(model.results.items()) if result_year < year]
    return {
        "analysis": analysis,
        "history": history,
        "history_svg": Markup(history_chart(history)) if history else "",  # the charts escape their own text
        "indicators_svg": Markup(indicator_chart(analysis.results, names,
                                                 analysis.lowest.indicator.number if analysis.lowest else None))
        if analysis else "",
        "lost": analysis.lost_points(catalogue) if analysis else [],
        "names": names,
        "measures": row.item.analysis.measures if row.item.analysis else (),
    }


def itas_csv(model: Model, year: int) -> str:
    """The URLs to submit to ITAS: header ``item,url``, one row per item the unit has."""
    return csv_text([["item", "url"], *([spec.id, item_url(model.unit.ita_url, year, spec)]
                                        for spec in model.catalogues[year].items if model.item(year, spec.id))],
                    lineterminator="\n")


def _year_nav(model: Model, catalogue: Catalogue) -> dict[str, list[Any]]:
    year = catalogue.year
    label = f"ITA {year}" + (" (อยู่ระหว่างจัดเตรียม)" if year > model.unit.public_year else "")
    entries: list[Any] = [f"ita/{year}/index.md"]
    # The theme prints nav titles unescaped.
    entries += [{html.escape(f"{spec.id} {spec.title}"): f"{item_dir(year, spec)}/index.md"} for spec in catalogue.items]
    entries.append({"URL สำหรับกรอกในระบบ ITAS": f"ita/{year}/itas/index.md"})
    return {label: entries}


def brand_image(kind: str, image: Image) -> PurePosixPath:
    """Where the unit's logo or favicon is published (the theme names it by this path)."""
    return PurePosixPath("assets") / "images" / f"unit-{kind}{image.path.suffix.lower()}"


def render_site(model: Model, *, preview: bool = False, previews: Previews | None = None) -> Site:
    """Every page of the ITA center plus the staff pages, for the years the unit has. ``previews`` (what
    the checks say of each item, computed by the caller) shows only with ``preview``."""
    env = _environment()
    unit = model.unit
    current = model.catalogues[unit.public_year]  # the year the public home shows; a prepared year waits
    common = {"unit": unit, "preview": preview}
    pages: dict[PurePosixPath, str] = {}
    files: dict[PurePosixPath, Path] = {}

    if unit.ita_only:  # the ITA center alone, under a folder of a site a CMS runs: no home or pages of its own
        pages[PurePosixPath("index.md")] = env.get_template("ita_only_home.md.j2").render(common)
    else:
        for page in model.pages:
            files[page.path] = page.source
        if PurePosixPath("index.md") not in files:
            pages[PurePosixPath("index.md")] = env.get_template("site_home.md.j2").render(common)

    years = [model.catalogues[year] for year in model.years]
    rows_by_year = {catalogue.year: _rows(model, catalogue) for catalogue in years}
    pages[ITA / "index.md"] = env.get_template("ita_home.md.j2").render(
        common, catalogue=current, rows=rows_by_year[current.year], years=years
    )
    item_template = env.get_template("item.md.j2")
    for catalogue in years:
        year = catalogue.year
        rows = rows_by_year[year]
        pages[ITA / str(year) / "index.md"] = env.get_template("year.md.j2").render(
            common, catalogue=catalogue, rows=rows
        )
        pages[ITA / str(year) / "itas" / "index.md"] = env.get_template("itas.md.j2").render(
            common, catalogue=catalogue, rows=[row for row in rows if row.item]
        )
        pages[ITA / str(year) / "itas.csv"] = itas_csv(model, year)
        for row in rows:
            folder = item_dir(year, row.spec)
            pages[folder / "index.md"] = item_template.render(
                common, year=year, row=row, spec=row.spec, item=row.item, catalogue=catalogue,
                indicator=catalogue.indicator(row.spec.indicator), ita=_ita_view(model, row),
                checked=(previews or {}).get((year, row.spec.id)) if preview else None,
            )
            for document in row.item.documents if row.item else ():
                files[folder / document.file.name] = document.source

    for kind, image in (("logo", unit.brand.logo), ("favicon", unit.brand.favicon)):
        if image:
            files[brand_image(kind, image)] = image.source

    staff_pages = [str(page.path) for page in model.pages if page.path.suffix == ".md"] if not unit.ita_only else []
    nav: list[Any] = [] if unit.ita_only else ["index.md", *(path for path in staff_pages if path != "index.md")]
    nav.append({NAV_TITLE: ["ita/index.md", *(_year_nav(model, catalogue) for catalogue in years)]})
    return Site(pages, files, nav)
