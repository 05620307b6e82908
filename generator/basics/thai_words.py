"""Thai words, as ICU cuts them (the segmenter browsers use): for the search index and for line breaks.

Thai has no spaces between words. The search index needs the words marked (U+200B), and a narrow column
must break a line between words, never inside one ("ผ่า/น"): text shown in a table gets <wbr> at ICU's
word boundaries, and the cell's CSS keeps words whole (``word-break: keep-all``).
"""

from __future__ import annotations

import functools
import html
import re

from markupsafe import Markup

THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
ZWSP = "\u200b"


class ThaiWords:
    def __init__(self, compounds: dict[str, list[str]] | None = None) -> None:
        import icu  # loaded when Thai is cut: a command that shows no Thai table never pays for it

        self.breaker = icu.BreakIterator.createWordInstance(icu.Locale("th"))
        self.compounds = compounds or {}

    def words(self, run: str) -> list[str]:
        self.breaker.setText(run)
        start, found = self.breaker.first(), []
        for end in self.breaker:
            word = run[start:end]
            found += self.compounds.get(word, [word])
            start = end
        return found

    def segment(self, text: str) -> str:
        return THAI_RUN.sub(lambda run: ZWSP + ZWSP.join(self.words(run.group(0))) + ZWSP, text)


@functools.lru_cache(maxsize=1)
def _words() -> ThaiWords:
    return ThaiWords()


def with_breaks(text: object) -> Markup:
    """``text`` escaped for HTML, with <wbr> between its Thai words: where a line may break."""
    words = _words()
    escaped = html.escape(str(text), quote=False)
    return Markup(THAI_RUN.sub(lambda run: "<wbr>".join(words.words(run.group(0))), escaped))
