"""Text from outside (a web page, a PDF, a file name) as a message may quote it: one line, bounded, and
without the bidirectional controls that make a reader see something else (U+202E shows "fdp.exe" as
"exe.pdf")."""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
QUOTED_CHARS = 300  # of a title, heading, link text or metadata a finding may quote: a page cannot bloat a report


def one_line(text: str | None, limit: int = QUOTED_CHARS) -> str:
    """The start of ``text`` as a reader sees it: one line, bidi controls removed, at most ``limit`` characters."""
    return " ".join(BIDI_CONTROLS.sub("", (text or "")[:limit * 4]).split())[:limit]


def last_line(text: str, limit: int = QUOTED_CHARS) -> str:
    """The end of ``text``, as one_line gives its start."""
    return " ".join(BIDI_CONTROLS.sub("", text[-limit * 4:]).split())[-limit:]
