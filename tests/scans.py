"""Scanned documents as a municipal office makes them: a page typeset by a real PDF producer (fpdf2 with
HarfBuzz shaping, a Thai TLWG font), printed to pixels by PDFium, slightly tilted and speckled as a
flatbed scanner leaves it, and saved as an image-only PDF by Pillow (one JPEG per page, no text layer).
"""

from __future__ import annotations

import io
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")  # fonts-thai-tlwg-ttf: a TH Sarabun derivative


def typeset(lines: list[str], *, title: str = "", created: datetime | None = None) -> bytes:
    """An A4 page with a text layer, from fpdf2 (what office programs and web back ends write), with the
    document information they write: a /Title when given, a /CreationDate (fixed, so files are reproducible)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(created or datetime(2026, 1, 15, 9, 30, tzinfo=timezone(timedelta(hours=7))))
    if title:
        pdf.set_title(title)
    pdf.add_font("Laksaman", fname=str(FONT))
    pdf.set_text_shaping(True)
    pdf.add_page()
    pdf.set_font("Laksaman", size=20)
    for line in lines:
        pdf.cell(0, 14, line, new_x="LMARGIN", new_y="NEXT", align="C")
    return bytes(pdf.output())


def scanned(lines: list[str], *, pages: int = 1, seed: int = 2569, dpi: int = 150) -> bytes:
    """The typeset page as a scanner returns it: pixels only, a little tilted, with dust."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    page = pdfium.PdfDocument(typeset(lines))[0]
    image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    rng = random.Random(seed)
    image = image.rotate(rng.uniform(-0.8, 0.8), expand=False, fillcolor=255, resample=Image.BICUBIC)
    pixels = image.load()
    for _ in range(image.width * image.height // 2000):  # dust
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.randrange(0, 120)
    image = image.filter(ImageFilter.GaussianBlur(0.4))
    buffer = io.BytesIO()
    extra = [Image.new("L", image.size, 255) for _ in range(pages - 1)]
    image.save(buffer, "PDF", resolution=dpi, save_all=True, append_images=extra, quality=80)
    return buffer.getvalue()
