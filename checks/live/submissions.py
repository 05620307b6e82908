"""What is audited: the rows of an ITAS submission list, or the items an ITA center page links to.

People lay out ITA center pages in many ways, so an item is found where they put its id or title: in
the link text ("O20 การขับเคลื่อน…"), in the same table row ("<td>O20</td><td>…</td><td>คลิก</td>"), in
the same list item, in the label written just before its links (a vendor module's "O1 …" over its
"เปิด" buttons), under a heading that names it, or by its title alone, matched against the year's
catalogue with Thai text normalised.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checks.findings import Finding, RuleId, Severity
from checks.html import Anchor, parse_page
from checks.live.http import LinkResult
from generator.basics.errors import Location
from generator.basics.filetypes import is_document_url
from generator.basics.tables import read_table, rows_under
from generator.basics.thai import arabic_digits
from generator.basics.weburl import parse_web_url, web_url_problem
from generator.model import Catalogue, ItemSpec
from generator.model.layout import item_of_url_path

ITEM_TEXT = re.compile(r"(?<![A-Za-z0-9])([oO])\s?\.?\s?0*(\d{1,2})(?!\d)")
NAMED_BY_LINK = {0, 1, 3}  # ranks of locate() read from the link itself: the item's own page, one link
PANE_RANK = 2  # a link in the pane a toggle naming the item opens: as sure as its table row
URL_TEXT = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
NOT_TITLE = re.compile(r"[\s\d\W_]+")  # what two spellings of one title may differ by: spaces, digits, punctuation


@dataclass(frozen=True)
class Submission:
    item: str
    url: str
    location: Location


def read_submissions(path: Path, display: str, catalogue: Catalogue) -> tuple[list[Submission], list[Finding]]:
    """Rows of an ITAS CSV: the rows to audit, and a finding for each row that cannot be (with its line)."""
    submissions, findings = [], []
    for line, (item, url) in rows_under(read_table(path, display), display, ["item", "url"]):
        location = Location(display, line)
        spec = catalogue.item(item)
        problem = web_url_problem(url)
        if spec is None:
            findings.append(Finding(RuleId.UNKNOWN_ITEM, Severity.ERROR, None,
                                    f'แถวนี้เป็นรายการ "{item}" ซึ่งไม่มีในเกณฑ์ปี {catalogue.year} '
                                    "(พิมพ์รหัสผิดหรือใช้รหัสของปีอื่น) จึงไม่ได้ตรวจ", url=url, location=location))
        elif problem:
            findings.append(Finding(RuleId.BAD_URL, Severity.ERROR, spec.id, f"URL ที่ส่ง: {problem}", url=url,
                                    location=location))
        else:
            submissions.append(Submission(spec.id, url, location))
    return submissions, findings


def title_key(text: str) -> str:
    """A title as two spellings of it agree: Thai sara am composed, no spaces, digits or punctuation."""
    text = unicodedata.normalize("NFC", arabic_digits(text)).replace("\u0e4d\u0e32", "\u0e33").casefold()
    return NOT_TITLE.sub("", text)


def _by_id(text: str, by_number: dict[int, ItemSpec]) -> ItemSpec | None:
    match = ITEM_TEXT.search(arabic_digits(text))
    return by_number.get(int(match.group(2))) if match else None


def _by_last_id(text: str, by_number: dict[int, ItemSpec]) -> ItemSpec | None:
    """The item named last in a text: the label nearest the link (an item above it may have no link)."""
    matches = list(ITEM_TEXT.finditer(arabic_digits(text)))
    return by_number.get(int(matches[-1].group(2))) if matches else None


def _by_title(text: str, titles: list[tuple[str, ItemSpec]]) -> ItemSpec | None:
    """The item whose title the text starts with or contains (the longest title that matches)."""
    key = title_key(text)
    if len(key) < 8:
        return None
    found = [(len(title), spec) for title, spec in titles if title and (title in key or (key in title and len(key) > 20))]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def locate(anchor: Anchor, url: str, catalogue: Catalogue, by_number: dict[int, ItemSpec],
           titles: list[tuple[str, ItemSpec]], label: str = "") -> tuple[ItemSpec | None, int]:
    """Which item a link of an ITA center page stands for, and how surely (lower is surer): this project's
    layout; what the link itself or its row says (the id, then a title); then the label written before it
    (``label``: "O1 …" over a vendor module's "เปิด" buttons), then the heading above it."""
    parsed = parse_web_url(url)
    by_layout = item_of_url_path(parsed.pathname if parsed else "/", catalogue)
    if by_layout:
        return by_layout, 0
    ways: tuple[tuple[Callable[[str, Any], ItemSpec | None], str], ...] = (
        (_by_id, anchor.text), (_by_id, anchor.context), (_by_title, anchor.text), (_by_title, anchor.context),
            (_by_last_id, label), (_by_title, label), (_by_id, anchor.heading), (_by_title, anchor.heading))
    for rank, (way, text) in enumerate(ways, start=1):
        spec = way(text, titles if way is _by_title else by_number) if text else None
        if spec:
            return spec, rank
    return None, 99


HUB_TEXT = re.compile(r"ตัวชี้วัด|การเปิดเผยข้อมูล|การป้องกันการทุจริต|\b(?:ITA|OIT)\b", re.IGNORECASE)
MAX_HUB_PAGES = 10


def hub_pages(page: LinkResult, catalogue: Catalogue, on_site: Callable[[str], bool]) -> list[str]:
    """The sub-pages an ITA center page splits its items into ("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล",
    "OIT ส่วนที่ 2"): main-host pages its content links to by such a text, that name no item themselves."""
    by_number = {int(re.sub(r"\D", "", spec.id)): spec for spec in catalogue.items}
    parsed = parse_page(page.body)
    base = page.final_url or page.url
    here = base.split("#")[0]
    found: list[str] = []
    for anchor in parsed.content_anchors():
        target = parse_web_url(anchor.href, base) if anchor.kind == "a" else None
        url = target.href.split("#")[0] if target else ""
        if (url and url != here and url not in found and on_site(url) and not is_document_url(url)
                and HUB_TEXT.search(anchor.text) and not _by_id(anchor.text, by_number)):
            found.append(url)
    return found[:MAX_HUB_PAGES]


def submissions_from_page(page: LinkResult, catalogue: Catalogue) -> list[Submission]:
    """Item URLs an ITA center page links to. An item with a page of its own (found by this project's
    layout or the id in its link text) is that page; an item whose links stand in its row or under its
    heading (a vendor module's "เปิด" buttons) is every link found there, as several rows of an ITAS list."""
    by_number = {int(re.sub(r"\D", "", spec.id)): spec for spec in catalogue.items}
    titles = [(title_key(spec.title), spec) for spec in catalogue.items]
    parsed = parse_page(page.body)
    base = page.final_url or page.url
    if parsed.base:
        resolved_base = parse_web_url(parsed.base, base)
        base = resolved_base.href if resolved_base else base
    this_page = parse_web_url(page.final_url or page.url)
    here = this_page.href.split("#")[0] if this_page else ""
    found: dict[str, list[tuple[int, int, str]]] = {}  # item id → (rank, document?, url); lower is surer
    label, label_heading = "", ""  # the last text before a link that names an item, within one heading
    # Panes a toggle opens (collapse, tab, accordion): their links belong to the item the toggle names.
    panes = {pane: spec for pane, text in parsed.controls.items()
             if (spec := _by_id(URL_TEXT.sub(" ", text), by_number) or _by_title(text, titles))}
    for anchor in parsed.content_anchors():
        if anchor.heading != label_heading:
            label, label_heading = "", anchor.heading
        lead = URL_TEXT.sub(" ", anchor.lead)  # an address shown as text ("…/ita/o26/") names no item
        if lead.strip() and (_by_id(lead, by_number) or _by_title(lead, titles)):
            label = lead
        target = parse_web_url(anchor.href, base)
        if anchor.kind in ("a", "script") and (target is None or target.href.split("#")[0] == here):
            # A place on this page ("#l1", "#!": a collapse toggle, a table of contents) or no page at all
            # (javascript:void(0)): never an item's page, but a label for the links that follow it.
            text = URL_TEXT.sub(" ", anchor.text)
            if text.strip() and (_by_id(text, by_number) or _by_title(text, titles)):
                label = text
            continue
        if target is None or anchor.kind not in ("a", "script"):
            continue
        url = target.href.split("#")[0]
        spec, rank = locate(anchor, url, catalogue, by_number, titles, label)
        pane = next((panes[name] for name in anchor.within if name in panes), None)
        if pane is not None and (spec is None or rank > PANE_RANK):
            spec, rank = pane, PANE_RANK
        if spec is not None:
            found.setdefault(spec.id, []).append((rank, 1 if is_document_url(url) else 0, url))
    where = Location(page.url)
    submissions = []
    for spec in catalogue.items:
        links = found.get(spec.id)
        if not links:
            continue
        best = min(rank for rank, _, _ in links)
        pages = [url for rank, document, url in links if rank == best and not document]
        if best in NAMED_BY_LINK and pages:
            chosen = pages[:1]  # the item's own page
        else:  # every link the page puts under the item (each link belongs to one item only): a dead one counts
            chosen = list(dict.fromkeys(url for _, _, url in sorted(links, key=lambda link: link[0])))
        submissions += [Submission(spec.id, url, where) for url in chosen]
    return submissions


def year_of_list(source: str, catalogues: dict[int, Catalogue]) -> int | None:
    """The assessment year a submission list or ITA center page is for, when its path names one."""
    years = [int(found) for found in re.findall(r"(?<!\d)(25\d\d)(?!\d)", source)]
    return next((year for year in reversed(years) if year in catalogues), None)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))
