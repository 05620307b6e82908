"""What a PDF says about its year, read from the few bytes the audit fetched (pure).

The document information (/Title, /Subject, /CreationDate) and XMP metadata are usually plain
text in the file, at its start or in its last kilobytes; they are found by pattern, without
needing the whole file. The text of page 1 needs a parser: pypdf reads it when the bytes hold
the whole file (or a linearised start), and quietly gives nothing otherwise.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import re

from generator.basics.thai import ce_to_be
from generator.model.years import Authority, Signal

INFO_STRING = re.compile(rb"/(Title|Subject)\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)", re.DOTALL)
CREATION = re.compile(rb"/CreationDate\s*\(D(?::|\\072)(\d{4})(\d{2})?")  # pypdf writes the colon as \072
XMP_TITLE = re.compile(rb"<dc:(title|description)>.*?<rdf:li[^>]*>(.*?)</rdf:li>", re.DOTALL)
XMP_CREATED = re.compile(rb"<xmp:CreateDate>(\d{4})-(\d{2})")
ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f", b"(": b"(", b")": b")", b"\\": b"\\"}
PAGE_TEXT_CHARS = 2000


def _pdf_string(token: bytes) -> str:
    """A PDF string token, literal "(…)" or hex "<…>", as text (UTF-16 with a BOM, else PDFDocEncoding)."""
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        raw = bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    else:
        raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8) & 0xFF]) if m.group(1)[:1].isdigit()
                     else ESCAPES.get(m.group(1), m.group(1)), token[1:-1], flags=re.DOTALL)
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", errors="replace")
    return raw.decode("latin-1")


def _fiscal_year(year_ce: bytes, month: bytes | None) -> int:
    year = ce_to_be(int(year_ce))
    return year + 1 if month and int(month) >= 10 else year


def metadata_signals(data: bytes) -> list[Signal]:
    """The document's own title, subject and creation date, wherever in ``data`` they stand."""
    signals = [Signal(f"ข้อมูลในไฟล์ PDF (/{name.decode()})", _pdf_string(value), Authority.DOCUMENT)
               for name, value in INFO_STRING.findall(data)]
    signals += [Signal("ข้อมูลในไฟล์ PDF (XMP)", match.group(2).decode("utf-8", errors="replace"), Authority.DOCUMENT)
                for match in XMP_TITLE.finditer(data)]
    created = CREATION.search(data) or XMP_CREATED.search(data)
    if created:
        # When a file was saved says nothing of what year it is about (a plan is saved again later): shown, never judged.
        signals.append(Signal(f"วันที่สร้างไฟล์ PDF (ปีงบประมาณ {_fiscal_year(created.group(1), created.group(2))})", "",
                              Authority.INCIDENTAL, claims=()))
    return signals


def first_page_signal(data: bytes) -> Signal | None:
    """The text of page 1, when these bytes let a parser reach it."""
    from pypdf import PdfReader  # imported here: only audits of PDFs need it

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files are the norm here, not news
    with contextlib.suppress(Exception):  # pypdf raises many kinds on truncated or broken files: no text then
        reader = PdfReader(io.BytesIO(data), strict=False)
        text = reader.pages[0].extract_text() if reader.pages else ""
        text = re.sub(r"[\x00-\x1f]", " ", text or "")[:PAGE_TEXT_CHARS]
        if text.strip():
            return Signal("ข้อความหน้าแรกของไฟล์ PDF", text, Authority.DOCUMENT, titles=False)
    return None
