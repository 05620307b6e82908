"""Staff text in the generated Markdown shows as text: never as HTML, a link, a table cell or attributes.

The renderer's Jinja environment passes every ``{{ value }}`` through ``finalize`` below, so a
template cannot forget to escape a string from content/. Values meant as markup (the staff's own
Markdown body, inline SVG, an href) are wrapped in ``Markup`` by the filters that make them safe.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from markupsafe import Markup

# Characters that open HTML, links and images, code, emphasis, tables, attribute lists (attr_list
# would otherwise let a title set onclick=…) or escapes; replaced by character references.
INLINE = {char: f"&#{ord(char)};" for char in "\\`*_[]{}|"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
INLINE_CHARS = re.compile("[" + re.escape("".join(INLINE)) + "]")
# A heading, list item or admonition if the value begins a line ("#x", "- x", "1. x", "!!! x"); "93.85" is not.
LINE_START = re.compile(r"^(\s*)(#|[-+=](?=\s|$)|\d+[.)](?=\s|$)|!!!)")
# Raw HTML in the staff's Markdown body (a tag, comment or declaration); autolinks <https://…> stay.
RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])(?!(?:https?|mailto):)")
ATTR_LIST = re.compile(r"\{(?=[^}\n]*=)")  # {: onclick="…"} and { key=value }


CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")  # shown as nothing; \x02 and \x03 are Markdown's own markers


# Anything md_text would change (the patterns above, or white space to fold); most values (Thai names,
# titles, dates) have none and pass as they are.
NEEDS_WORK = re.compile("|".join((CONTROLS.pattern, INLINE_CHARS.pattern, LINE_START.pattern, "  ", r"^\s", r"\s$")))


def md_text(value: object) -> Markup:
    """One line of plain text, safe anywhere inline in Markdown, inside a table cell too."""
    text = str(value)
    if not NEEDS_WORK.search(text):
        return Markup(text)
    text = " ".join(CONTROLS.sub(" ", text).split())
    text = INLINE_CHARS.sub(lambda match: INLINE[match.group(0)], text)
    text = LINE_START.sub(lambda match: match.group(1) + "".join(f"&#{ord(c)};" for c in match.group(2)), text)
    return Markup(text)


def finalize(value: object) -> object:
    """Every expression a template prints: markup passes, everything else is escaped as text."""
    if isinstance(value, (Markup, int, float)):
        return value
    return md_text(value)


def attr(value: object) -> Markup:
    """A value inside a double-quoted HTML attribute, carried exactly (the browser decodes it back)."""
    return Markup(html.escape(str(value), quote=True))


def file_href(name: str) -> Markup:
    """A relative link to a published file with any name: percent-encoded, which MkDocs resolves."""
    return Markup(quote(name))


def meta_title(value: object) -> Markup:
    """A page title in the YAML front matter: a JSON string (valid YAML) of HTML-escaped text,
    because the theme prints page titles into <title> and the header without escaping."""
    return Markup(json.dumps(html.escape(" ".join(str(value).split()), quote=False), ensure_ascii=False))


def staff_markdown(body: str) -> Markup:
    """The staff's own explanation: Markdown stays Markdown, but raw HTML and attribute lists show as text."""
    return Markup(ATTR_LIST.sub("&#123;", RAW_HTML.sub("&lt;", body.strip())))
