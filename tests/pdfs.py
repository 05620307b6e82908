"""Small valid PDFs for the audit tests: page-1 text in any script, a /Title, optional filler.

The text is drawn in a standard font whose ToUnicode map sends one byte per distinct character
to its Unicode code point, so a PDF reader extracts Thai (and Thai digits) exactly. Filler goes
before the document information, which then lies in the file's last bytes as in most PDFs
written by office programs.
"""

from __future__ import annotations


def _hex_utf16(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def text_pdf(text: str, *, title: str | None = None, filler: int = 0, info: str = "") -> bytes:
    """``info``: more document information entries as written in the file (``/CreationDate (D:2026…)``)."""
    chars = sorted(set(text))
    assert len(chars) < 200, "one byte per distinct character"
    codes = {char: 0x21 + index for index, char in enumerate(chars)}
    shown = "".join(f"{codes[char]:02X}" for char in text)
    cmap_entries = "\n".join(f"<{codes[char]:02X}> <{ord(char):04X}>" for char in chars)
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /ITA def\n"
            "1 begincodespacerange <00> <FF> endcodespacerange\n"
            f"{len(chars)} beginbfchar\n{cmap_entries}\nendbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end")
    content = f"BT /F1 12 Tf 20 100 Td <{shown}> Tj ET"

    def stream(body: bytes) -> bytes:
        return b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 5 0 R /Resources << /Font << /F1 4 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        stream(content.encode("ascii")),
        stream(cmap.encode("ascii")),
        stream(b"%" * filler),
        f"<< /Producer (ITA test) {'/Title ' + _hex_utf16(title) if title else ''} {info} >>".encode("ascii"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, len(objects), xref)
    return bytes(out)
