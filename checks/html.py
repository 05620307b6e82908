"""What an HTML page declares and links to: ids, anchors (with text and place), assets, title."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from html.parser import HTMLParser

ASSET_ATTRIBUTES = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
                    "audio": "src", "embed": "src", "object": "data"}
ASSET_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
CONTENT_TAGS = {"main", "article"}
CHROME_TAGS = {"nav", "header", "footer", "aside"}


@dataclass(frozen=True)
class Anchor:
    href: str
    text: str
    in_content: bool  # inside <main>/<article>
    in_chrome: bool  # inside navigation, header, footer or sidebar


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    anchors: list[Anchor] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    title: str = ""
    headings: list[str] = field(default_factory=list)
    has_password_field: bool = False

    @property
    def links(self) -> list[str]:
        return [anchor.href for anchor in self.anchors]

    def content_anchors(self) -> list[Anchor]:
        """Anchors of the page's own content: its main/article when it has one, else all but the chrome."""
        if any(anchor.in_content for anchor in self.anchors):
            return [anchor for anchor in self.anchors if anchor.in_content and not anchor.in_chrome]
        return [anchor for anchor in self.anchors if not anchor.in_chrome]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()
        self.content_depth = 0
        self.chrome_depth = 0
        self.open_anchor: tuple[str, list[str]] | None = None
        self.text_target: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.content_depth += tag in CONTENT_TAGS
        self.chrome_depth += tag in CHROME_TAGS
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if tag == "a" and "href" in values:
            self.open_anchor = (values["href"], [])
        if tag in ASSET_ATTRIBUTES and values.get(ASSET_ATTRIBUTES[tag]):
            self.page.assets.append(values[ASSET_ATTRIBUTES[tag]])
        if tag == "link" and ASSET_RELS & set(values.get("rel", "").lower().split()) and values.get("href"):
            self.page.assets.append(values["href"])
        if tag == "input" and values.get("type", "").lower() == "password":
            self.page.has_password_field = True
        if tag in ("title", "h1"):
            self.text_target = []

    def handle_endtag(self, tag: str) -> None:
        self.content_depth -= tag in CONTENT_TAGS and self.content_depth > 0
        self.chrome_depth -= tag in CHROME_TAGS and self.chrome_depth > 0
        if tag == "a" and self.open_anchor:
            href, text = self.open_anchor
            self.page.anchors.append(Anchor(href, " ".join("".join(text).split()),
                                            self.content_depth > 0, self.chrome_depth > 0))
            self.open_anchor = None
        if tag in ("title", "h1") and self.text_target is not None:
            text = " ".join("".join(self.text_target).split())
            if tag == "title":
                self.page.title = text
            else:
                self.page.headings.append(text)
            self.text_target = None

    def handle_data(self, data: str) -> None:
        if self.open_anchor:
            self.open_anchor[1].append(data)
        if self.text_target is not None:
            self.text_target.append(data)


@functools.lru_cache(maxsize=8)  # one item page is read by the soft-404, evidence and year rules: parse it once
def parse_page(html: str) -> PageLinks:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.page
