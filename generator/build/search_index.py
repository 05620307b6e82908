"""Thai words for the search index: Material splits only on its separator, Thai has no spaces.

After the build, every Thai run in the index's titles and texts is cut into words with ICU
and the words joined by U+200B, which the search separator treats as a space and a reader
never sees. The browser cuts the visitor's query with its own ICU
(overrides/assets/javascripts/thai-search.js), so both sides agree. Compounds ICU keeps whole
that visitors also type in part (listed as data) are indexed as their parts, and the query
shim splits them the same way with the same list, written into the script at build time:
the text shown in results stays as written, each word once.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from generator.basics.thai_words import ThaiWords
from generator.build.builders import SEARCH_INDEXES
from generator.build.theme import SEARCH_SHIM

COMPOUNDS_FILE = Path(__file__).parent / "thai_compounds.yml"


def load_compounds(path: Path = COMPOUNDS_FILE) -> dict[str, list[str]]:
    """The compound list with each part cut as ICU cuts it when it is typed alone ("งบประมาณ" is
    "งบ" + "ประมาณ" to every ICU): the index and the query shim then hold the same words."""
    plain = ThaiWords()
    return {str(word): [piece for part in parts for piece in plain.words(str(part))]
            for word, parts in yaml.safe_load(path.read_text("utf-8")).items()}


def segment_index(index_file: Path, words: ThaiWords) -> None:
    """Rewrite the builder's search index in place with Thai words separated."""
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index.get("docs", index.get("items", [])):  # MkDocs' entries are "docs", Zensical's "items"
        doc["title"] = words.segment(doc.get("title", ""))
        doc["text"] = words.segment(doc.get("text", ""))
    index_file.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


COMPOUNDS_PLACEHOLDER = "var compounds = {};"


def write_query_compounds(script: Path, compounds: dict[str, list[str]]) -> None:
    """Give the built query shim the compound list the index was cut with."""
    text = script.read_text(encoding="utf-8")
    script.write_text(text.replace(COMPOUNDS_PLACEHOLDER,
                                   f"var compounds = {json.dumps(compounds, ensure_ascii=False)};"), encoding="utf-8")


def finish_search(site_dir: Path) -> None:
    """Thai words into whichever search index the builder wrote, and the same compounds into the query shim."""
    compounds = load_compounds()
    words = ThaiWords(compounds)
    for index in (site_dir / name for name in SEARCH_INDEXES):
        if index.is_file():
            segment_index(index, words)
    if (site_dir / SEARCH_SHIM).is_file():
        write_query_compounds(site_dir / SEARCH_SHIM, compounds)
