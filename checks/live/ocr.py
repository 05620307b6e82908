"""Page 1 of a scanned PDF read as an assessor reads it: by eye. Rendered with PDFium (pypdfium2), read
by Tesseract with its Thai model (Debian's tesseract-ocr-tha), bounded in time and memory, cached by
the document's bytes.

Only the first bytes of a document travel; PDFium cannot open a file cut short, so the cut is given a
trailer that names its catalogue and PDFium rebuilds the rest (page 1 of a scan is usually in the first
few hundred kilobytes). Tesseract's Thai model misreads Thai digits (๖ as ๒, ๘ as ๕): what it reads can
show a document fits, never that it is of another year (generator/model/years.py: an uncertain signal).
"""

from __future__ import annotations

import hashlib
import io
import re
import resource
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.basics.textfile import write_text_atomic

OCR_BYTES = 2 * 1024 * 1024  # of a scanned PDF fetched to render its first page: a page scan is 0.1–1 MB
OCR_SECONDS = 30.0
OCR_MEMORY = 1024 * 1024 * 1024  # address space of one Tesseract run
DPI = 200  # what scanners write; more costs time and reads no better here
CATALOG = re.compile(rb"(\d+)\s+0\s+obj\s*<<[^>]{0,200}?/Type\s*/Catalog")


@dataclass(frozen=True)
class ScanText:
    text: str  # what Tesseract read ("" when it read nothing)
    problem: str = ""  # Thai: why it could not be read (no Tesseract here, the page did not render, timed out)
    seconds: float = 0.0


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _repaired(head: bytes) -> bytes:
    """The first bytes of a PDF with a trailer PDFium can rebuild the rest from."""
    found = CATALOG.search(head)
    if not found:
        return head
    return head + b"\nendstream\nendobj\ntrailer\n<< /Root %s 0 R >>\n%%%%EOF\n" % found.group(1)


def render_first_page(data: bytes) -> bytes | None:
    """Page 1 as a grey PNG, or None when PDFium cannot render it from these bytes."""
    import pypdfium2 as pdfium  # loaded only when a scan is met

    try:
        document = pdfium.PdfDocument(data if data.rstrip().endswith(b"%%EOF") else _repaired(data))
        if len(document) == 0:
            return None
        page = document[0]
        width, height = page.get_size()
        scale = min(DPI / 72, 4000 / max(width, height, 1))  # no page is rendered larger than 4000 px
        image = page.render(scale=scale, grayscale=True).to_pil()
    except Exception:
        return None
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def has_text_layer(data: bytes) -> bool | None:
    """Whether page 1 carries text (None when PDFium cannot open these bytes)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data if data.rstrip().endswith(b"%%EOF") else _repaired(data))
        return bool(document[0].get_textpage().get_text_range().strip()) if len(document) else None
    except Exception:
        return None


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (OCR_MEMORY, OCR_MEMORY))


def normalise(text: str) -> str:
    """Tesseract writes sara am as nikhahit + sara aa (ํา): back to ำ, so the words match."""
    return " ".join(text.replace("\u0e4d\u0e32", "\u0e33").split())


class OcrCache:
    """What was read of each scan, by the digest of its bytes: a folder of small text files, or none."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[str, ScanText] = {}

    def get(self, digest: str) -> ScanText | None:
        if digest in self.memory:
            return self.memory[digest]
        path = self.folder / f"{digest}.txt" if self.folder else None
        if path and path.is_file():
            return ScanText(path.read_text(encoding="utf-8"))
        return None

    def put(self, digest: str, result: ScanText) -> None:
        self.memory[digest] = result
        if self.folder and not result.problem:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.folder / f"{digest}.txt", result.text)


def read_scan(data: bytes, cache: OcrCache) -> ScanText:
    """Tesseract's reading of page 1 (blocking: run it in a thread)."""
    digest = hashlib.sha256(data).hexdigest()
    cached = cache.get(digest)
    if cached is not None:
        return cached
    if not tesseract_available():
        return ScanText("", "เป็นเอกสารสแกน (หน้าแรกไม่มีข้อความ) แต่เครื่องนี้ไม่มีโปรแกรม tesseract สำหรับอ่านภาพ "
                            "(ติดตั้ง tesseract-ocr และ tesseract-ocr-tha) จึงตรวจปีจากเนื้อหาเอกสารไม่ได้")
    image = render_first_page(data)
    if image is None:
        result = ScanText("", "เป็นเอกสารสแกน แต่แสดงหน้าแรกจากส่วนที่ดาวน์โหลดมาไม่ได้ จึงตรวจปีจากเนื้อหาเอกสารไม่ได้")
    else:
        import time

        started = time.monotonic()
        try:
            done = subprocess.run(["tesseract", "stdin", "stdout", "-l", "tha+eng", "--psm", "6"], input=image,
                                  capture_output=True, timeout=OCR_SECONDS, preexec_fn=_limit_memory, check=False)
            text = normalise(done.stdout.decode("utf-8", errors="replace")) if done.returncode == 0 else ""
            problem = "" if done.returncode == 0 else "อ่านภาพเอกสารสแกนไม่สำเร็จ จึงตรวจปีจากเนื้อหาเอกสารไม่ได้"
        except subprocess.TimeoutExpired:
            text, problem = "", f"อ่านภาพเอกสารสแกนเกิน {OCR_SECONDS:g} วินาที จึงตรวจปีจากเนื้อหาเอกสารไม่ได้"
        result = ScanText(text, problem, time.monotonic() - started)
    cache.put(digest, result)
    return result
