"""Thai words for the search index: Material splits only on its separator, Thai has no spaces.

After the build, every Thai run in the index's titles and texts is cut into words with ICU
and the words joined by U+200B, which the search separator treats as a space. The browser
cuts the visitor's query with its own ICU (overrides/assets/javascripts/thai-search.js), so
both sides agree. Compounds ICU keeps whole also get their parts, listed as data.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import icu
import yaml

THAI_RUN = re.compile(r"[\u0E00-\u0E7F]+")
ZWSP = "\u200b"
COMPOUNDS_FILE = Path(__file__).parent / "thai_compounds.yml"


class ThaiWords:
    def __init__(self, compounds: dict[str, list[str]]) -> None:
        self.breaker = icu.BreakIterator.createWordInstance(icu.Locale("th"))
        self.compounds = compounds

    def words(self, run: str) -> list[str]:
        self.breaker.setText(run)
        start, found = self.breaker.first(), []
        for end in self.breaker:
            word = run[start:end]
            found += [word, *self.compounds.get(word, ())]
            start = end
        return found

    def segment(self, text: str) -> str:
        return THAI_RUN.sub(lambda run: ZWSP + ZWSP.join(self.words(run.group(0))) + ZWSP, text)


def load_compounds(path: Path = COMPOUNDS_FILE) -> dict[str, list[str]]:
    return {str(word): [str(part) for part in parts] for word, parts in yaml.safe_load(path.read_text("utf-8")).items()}


def segment_index(index_file: Path, words: ThaiWords) -> None:
    """Rewrite MkDocs' search index in place with Thai words separated."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        doc["title"] = words.segment(doc.get("title", ""))
        doc["text"] = words.segment(doc.get("text", ""))
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
