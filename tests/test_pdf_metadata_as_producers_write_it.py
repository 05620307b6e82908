"""A PDF's own statement of its year, read in every form real producers write it.

pypdf escapes every non-ASCII byte of a UTF-16 title and the colon of a date as octal (\\376\\377…,
D\\072…); fpdf2 writes hex UTF-16 strings; office suites put XMP packets with Thai digits. The
metadata reader must see the same text a PDF viewer's "Document properties" shows.
"""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

from pypdf import PdfWriter

from checks.live.pdf_signals import first_page_signal, metadata_signals
from generator.model.years import Authority
from tests.scans import typeset

TITLE = "แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ ๒๕๖๙"


def titles(data: bytes) -> list[str]:
    return [signal.text for signal in metadata_signals(data) if signal.authority is Authority.DOCUMENT]


def created(data: bytes) -> list[str]:
    return [signal.source for signal in metadata_signals(data) if signal.authority is Authority.INCIDENTAL]


def test_pypdf_octal_escaped_utf16_title_and_date_are_read():
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Title": TITLE, "/CreationDate": "D:20251115093000+07'00'"})
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    assert b"\\376\\377" in data and b"D\\072" in data  # as pypdf writes them
    assert titles(data) == [TITLE]
    assert created(data) == ["วันที่สร้างไฟล์ PDF (ปีงบประมาณ 2569)"]  # November 2025 is in FY2569


def test_fpdf2_hex_title_and_page_one_are_read():
    data = typeset(["แผนปฏิบัติการป้องกันการทุจริต", "ประจำปีงบประมาณ พ.ศ. 2569"], title=TITLE,
                   created=datetime(2026, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=7))))
    assert TITLE in titles(data)
    assert created(data) == ["วันที่สร้างไฟล์ PDF (ปีงบประมาณ 2569)"]
    page = first_page_signal(data)
    assert page is not None and "2569" in page.text


def test_an_xmp_title_with_thai_digits_is_read():
    xmp = ("<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
           "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/' xmlns:xmp='http://ns.adobe.com/xap/1.0/'>"
           f"<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>{TITLE}</rdf:li></rdf:Alt></dc:title>"
           "<xmp:CreateDate>2025-10-02T10:00:00+07:00</xmp:CreateDate></rdf:Description></rdf:RDF></x:xmpmeta>")
    data = b"%PDF-1.7\n1 0 obj << /Type /Metadata /Subtype /XML >> stream\n" + xmp.encode() + b"\nendstream endobj\n"
    assert titles(data) == [TITLE]
    assert created(data) == ["วันที่สร้างไฟล์ PDF (ปีงบประมาณ 2569)"]
