"""The bundled example unit is complete and its documents are real Thai PDFs of the right year."""

from __future__ import annotations

import re

from pypdf import PdfReader

from generator.content.load import load_model
from generator.model import Document
from generator.model.derived import element_status


def test_every_element_of_every_item_of_both_years_has_evidence(example_root):
    model = load_model(example_root)
    for year in (2568, 2569):
        for spec in model.catalogues[year].items:
            item = model.item(year, spec.id)
            assert item is not None, spec.id
            assert [e.key for e in spec.elements if not element_status(model, item, e).present] == [], (year, spec.id)


def test_example_pdfs_carry_thai_text_and_their_fiscal_year(example_root):
    model = load_model(example_root)
    documents = [ev for item in model.items.values() for evs in item.evidence.values() for ev in evs
                 if isinstance(ev, Document) and ev.file.suffix == ".pdf" and ev.dating.fiscal_year]
    assert len(documents) >= 50  # every year-bound document; standing rules carry their date instead
    for document in documents:
        # Shaped SARA AM comes back as a control character from pypdf; drop those.
        text = re.sub(r"[\x00-\x09\x0b-\x1f]", "", PdfReader(document.source).pages[0].extract_text())
        assert "องค์การบริหารส่วนตำบล" in text, document.file
        assert str(document.dating.fiscal_year) in text, document.file
