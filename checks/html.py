"""What an HTML page declares and links to, read as a browser parses it (Lexbor, the HTML5 parser of
selectolax): ids, links and embeds with their text and place, assets, title, headings, visible text,
where it sends the visitor on its own (meta refresh, a script that only sets the location).

Every link carries where it stands: in the page's content or its chrome (page-level header, navigation,
sidebar, footer and widget areas; an article's own header and footer are content), the text of the
table row or list item around it, and the nearest heading before it: how people lay out ITA center
pages ("O20 | title | คลิก", a topic heading over "เปิด" buttons).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.basics.quoting import QUOTED_CHARS, last_line, one_line

# Elements whose URL is evidence the visitor sees, as an <a href> is (an embedded viewer is the document).
EMBEDS = {"iframe": "src", "embed": "src", "object": "data", "video": "src", "audio": "src", "source": "src"}
ASSET_ATTRIBUTES = {"script": "src", "img": "src", **EMBEDS}
ASSET_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
CONTENT_TAGS = {"main", "article"}
CHROME_TAGS = {"nav", "header", "footer", "aside"}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menubar", "menu"}
# Widget and menu areas of CMS themes (WordPress sidebars, vendor templates) that use no landmark element.
CHROME_CLASS = re.compile(r"(?:^|[\s_-])(?:widget|widget-area|sidebar|menu|navbar|breadcrumbs?|site-header|site-footer|"
                          r"footer|topbar|header-top)(?:$|[\s_-])", re.IGNORECASE)
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
ROW_TAGS = {"tr", "li", "dt", "dd"}
REFRESH = re.compile(r"^\s*\d*(?:\.\d+)?\s*[;,]\s*(?:url\s*=\s*)?['\"]?([^'\"]+)", re.IGNORECASE)
# A script that does nothing but send the visitor elsewhere: location = "…", location.href = "…", location.replace("…").
SCRIPT_REDIRECT = re.compile(r"""^\s*(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']\s*;?\s*$|"""
                             r"""^\s*(?:window\.|document\.|top\.)?location\.(?:replace|assign)\(\s*["']([^"']+)["']\s*\)\s*;?\s*$""")
# javascript: links that open an address: window.open('…'), location.href='…'.
JAVASCRIPT_OPEN = re.compile(r"""(?:window\.open|location\.(?:replace|assign))\s*\(\s*["']([^"']+)["']|"""
                             r"""location(?:\.href)?\s*=\s*["']([^"']+)["']""")
CLICKABLE = ("button", "a", "td", "tr", "div", "span", "li", "img")  # what sites put an onclick on to open a file
TEXT_CHARS = 20000  # of a page's visible text, for its year: more is an archive, not an evidence page


@dataclass(frozen=True)
class Anchor:
    href: str
    text: str
    in_content: bool  # inside <main>/<article>/role=main
    in_chrome: bool  # inside page-level navigation, header, footer, sidebar or widget area
    kind: str = "a"  # a · iframe · embed · object · video · audio · source · script (a javascript: link that opens it)
    context: str = ""  # the text of the table row or list item it stands in
    heading: str = ""  # the nearest heading before it
    lead: str = ""  # the text between the link before it and this one (a vendor module's "O1 …" label)
    within: tuple[str, ...] = ()  # the ids of the elements it stands in, nearest first


@dataclass
class PageLinks:
    ids: set[str] = field(default_factory=set)
    anchors: list[Anchor] = field(default_factory=list)  # links and embeds, in document order
    assets: list[str] = field(default_factory=list)
    title: str = ""
    headings: list[str] = field(default_factory=list)  # h1–h6 of the content, in order
    text: str = ""  # the content's visible text (bounded)
    has_password_field: bool = False
    password_protected: bool = False  # a CMS page that asks for a password to show its content (WordPress)
    base: str = ""  # <base href>: what relative links resolve against
    refresh: str = ""  # <meta http-equiv="refresh" content="0; url=…">
    script_redirect: str = ""  # a script that only sets the location
    # What each toggle on the page opens: the id of a collapse, tab or accordion pane -> the toggle's text
    # (href="#l1", aria-controls, data-bs-target), so the links in the pane belong to what the toggle names.
    controls: dict[str, str] = field(default_factory=dict)

    @property
    def links(self) -> list[str]:
        return [anchor.href for anchor in self.anchors if anchor.kind == "a"]

    @property
    def sends_to(self) -> str:
        """Where the page sends a visitor by itself, as a redirect does."""
        return self.refresh or self.script_redirect

    def content_anchors(self) -> list[Anchor]:
        """Links of the page's own content: its main/article when it has one, else all but the chrome."""
        if any(anchor.in_content for anchor in self.anchors):
            return [anchor for anchor in self.anchors if anchor.in_content and not anchor.in_chrome]
        return [anchor for anchor in self.anchors if not anchor.in_chrome]


def _words(text: str | None, limit: int = QUOTED_CHARS) -> str:
    return one_line(text, limit)


def _chrome(node: LexborNode) -> bool:
    """A page-level landmark or widget area: an article's own header and footer are its content."""
    tag = node.tag
    attributes = node.attributes
    if tag in ("header", "footer") and _has_ancestor(node, "article"):
        return False
    if tag in CHROME_TAGS or (attributes.get("role") or "").lower() in CHROME_ROLES:
        return True
    classes = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
    return bool(CHROME_CLASS.search(classes)) and not _has_ancestor(node, "article")


def _has_ancestor(node: LexborNode, tag: str) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.parent
    return False


def _place(node: LexborNode) -> tuple[bool, bool, str, tuple[str, ...]]:
    """(in content, in chrome, the text of its row or list item, the ids around it), from its ancestors."""
    content = chrome = False
    context = ""
    ids: list[str] = []
    parent = node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        attributes = parent.attributes  # a new dict at each call: read once
        if parent.tag in CONTENT_TAGS or (attributes.get("role") or "").lower() == "main":
            content = True
        if not chrome and _chrome(parent):
            chrome = True
        if not context and parent.tag in ROW_TAGS:
            context = _words(parent.text(separator=" "))
        if attributes.get("id"):
            ids.append(attributes["id"] or "")
        parent = parent.parent
    return content, chrome, context, tuple(ids)


def _controlled(tag: str | None, attributes: dict[str, str | None]) -> str:
    """The id of the pane a toggle opens (a collapse, a tab, an accordion), or ""."""
    href = (attributes.get("href") or "").strip() if tag == "a" else ""
    for written in (attributes.get("aria-controls"), attributes.get("data-bs-target"), attributes.get("data-target"),
                    href if href.startswith("#") else None):
        pane = (written or "").strip().removeprefix("#")
        if pane and pane != "!" and " " not in pane:
            return pane
    return ""


def _link_text(node: LexborNode) -> str:
    text = _words(node.text(separator=" "))
    if not text:  # an image or icon link: what its alternative text says
        image = node.css_first("img")
        text = _words((image.attributes.get("alt") if image else None) or node.attributes.get("title")
                      or node.attributes.get("aria-label"))
    return text


def _javascript_target(href: str) -> str | None:
    match = JAVASCRIPT_OPEN.search(href)
    return (match.group(1) or match.group(2)) if match else None


@functools.lru_cache(maxsize=8)  # one item page is read by the soft-404, evidence and year rules: parse it once
def parse_page(html: str) -> PageLinks:
    tree = LexborHTMLParser(html)
    page = PageLinks()
    title = tree.css_first("title")
    page.title = _words(title.text()) if title else ""
    base = tree.css_first("base[href]")
    page.base = (base.attributes.get("href") or "").strip() if base else ""
    for meta in tree.css("meta[http-equiv]"):
        if (meta.attributes.get("http-equiv") or "").strip().lower() == "refresh":
            match = REFRESH.match(meta.attributes.get("content") or "")
            if match:
                page.refresh = match.group(1).strip()
    for script in tree.css("script"):  # a script that is nothing but the assignment runs, whatever the page shows
        match = None if script.attributes.get("src") else SCRIPT_REDIRECT.match(script.text() or "")
        if match and not page.script_redirect:
            page.script_redirect = (match.group(1) or match.group(2)).strip()
    heading, lead = "", []
    for node in tree.root.traverse(include_text=True) if tree.root else ():  # the head too: its scripts and styles are assets
        tag = node.tag
        if tag == "-text":
            if node.parent is not None and node.parent.tag not in ("script", "style") and not _has_ancestor(node, "a"):
                lead.append(node.text_content or "")
            continue
        attributes = node.attributes
        if attributes.get("id"):
            page.ids.add(attributes["id"] or "")
        if tag == "a" and attributes.get("name"):
            page.ids.add(attributes["name"] or "")
        toggled = _controlled(tag, attributes)
        if toggled and toggled not in page.controls:
            page.controls[toggled] = _link_text(node)
        if tag in HEADINGS:
            content, chrome, _, _ = _place(node)
            if not chrome:
                heading = _words(node.text(separator=" "))
                page.headings.append(heading)
                lead = []
        elif (tag == "a" and attributes.get("href") is not None) or (tag in CLICKABLE and attributes.get("onclick")):
            href = (attributes.get("href") or "").strip() if tag == "a" else ""
            target = _javascript_target(href) if href.lower().startswith("javascript:") else None
            if target is None and (not href or href.startswith("#") or href.lower().startswith("javascript:")):
                # href="#" onclick="window.open('/docs/x.pdf')", a <button onclick="location.href='…'">: the
                # browser goes where the click handler sends it
                target = _javascript_target(attributes.get("onclick") or "")
            if tag == "a" or target:
                content, chrome, context, within = _place(node)
                page.anchors.append(Anchor(target or href, _link_text(node), content, chrome,
                                           "script" if target else "a", context, heading, last_line(" ".join(lead)),
                                           within))
                lead = []
        elif tag in EMBEDS and attributes.get(EMBEDS[tag]):
            source = (attributes.get(EMBEDS[tag]) or "").strip()
            page.assets.append(source)
            content, chrome, context, within = _place(node)
            page.anchors.append(Anchor(source, _words(attributes.get("title") or attributes.get("aria-label")),
                                       content, chrome, tag, context, heading, within=within))
        elif tag in ASSET_ATTRIBUTES and attributes.get(ASSET_ATTRIBUTES[tag]):
            page.assets.append((attributes.get(ASSET_ATTRIBUTES[tag]) or "").strip())
        elif tag == "link" and ASSET_RELS & set((attributes.get("rel") or "").lower().split()) and attributes.get("href"):
            page.assets.append((attributes.get("href") or "").strip())
        elif tag == "input" and (attributes.get("type") or "").lower() == "password":
            page.has_password_field = True
            form = node.parent
            while form is not None and form.tag != "form":
                form = form.parent
            page.password_protected = bool(form and "post-password-form" in (form.attributes.get("class") or ""))
    content_root = tree.css_first("main, article, [role=main]") or tree.body
    if content_root is not None:
        for part in content_root.css("nav, aside, script, style, noscript, template"):
            part.decompose()
        page.text = _words(content_root.text(separator=" "), TEXT_CHARS)
    return page
