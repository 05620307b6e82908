"""The example unit the tool ships: what `ita init --example` copies, what the tests use, and how
`ita check` tells a unit that still carries its names or documents."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from generator.basics.filetypes import HEAD_BYTES

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "example"
EXAMPLE_NAME = "องค์การบริหารส่วนตำบลบ้านตัวอย่าง"
EXAMPLE_HOST = "tambon.example"
EXAMPLE_WORDS = (EXAMPLE_NAME, "บ้านตัวอย่าง", "เมืองตัวอย่าง", "จังหวัดตัวอย่าง", EXAMPLE_HOST)


def fingerprint(size: int, head: bytes) -> tuple[int, str]:
    """A document told by its size and first bytes (what the loader reads anyway), not by reading it whole."""
    return size, hashlib.sha256(head[:HEAD_BYTES]).hexdigest()


@cache
def example_documents() -> frozenset[tuple[int, str]]:
    found = set()
    for path in (EXAMPLE_DIR / "documents").rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                found.add(fingerprint(path.stat().st_size, handle.read(HEAD_BYTES)))
    return frozenset(found)
