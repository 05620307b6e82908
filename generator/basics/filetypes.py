"""Is a document what its extension says? Judged by its first bytes, as a browser or viewer would.

A 0-byte PDF, or an HTML error page saved as ``report.pdf``, publishes fine and scores zero:
the assessor opens nothing. ``check``, ``add-document`` and ``audit`` all ask this module.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from generator.basics.weburl import url_path

HEAD_BYTES = 1024  # PDF readers accept "%PDF" anywhere in the first kilobyte
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # .doc .xls .ppt
MAGIC = {
    ".docx": ZIP, ".xlsx": ZIP, ".pptx": ZIP, ".odt": ZIP, ".ods": ZIP, ".zip": ZIP,
    ".doc": OLE, ".xls": OLE, ".ppt": OLE,
    ".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"), ".rar": (b"Rar!\x1a\x07",),
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".svg", ".webp"}  # what a logo or favicon may be


def document_problem(suffix: str, head: bytes, size: int | None) -> str | None:
    """Thai: why these bytes are not a working file of this extension; None when they are (or it cannot tell)."""
    suffix = suffix.lower()
    if size == 0 or (size is None and not head):
        return "เป็นไฟล์ว่าง (0 ไบต์) เปิดแล้วไม่มีเนื้อหา"
    name = suffix.lstrip(".").upper()
    if suffix == ".pdf":
        if b"%PDF-" not in head[:HEAD_BYTES]:
            return f"ไม่ใช่ไฟล์ PDF จริง ({_looks_like(head)}) อาจบันทึกผิดชนิดหรือไฟล์เสีย ให้ส่งออกเป็น PDF ใหม่"
        return None
    magic = MAGIC.get(suffix)
    if magic and not head.startswith(magic):
        return f"ไม่ใช่ไฟล์ {name} จริง ({_looks_like(head)}) อาจเปลี่ยนนามสกุลเองหรือไฟล์เสีย ให้บันทึกจากโปรแกรมใหม่"
    return None


# ---- SVG: an image that can carry a program ------------------------------------------------

SVG_ACTIVE_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener"}
SAFE_DATA_IMAGE = re.compile(r"data:image/(?:png|jpe?g|gif|webp)[;,]", re.IGNORECASE)
EXTERNAL_CSS = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.IGNORECASE)


def svg_problem(data: bytes) -> str | None:
    """Thai: what in an SVG would run or fetch something when it is opened on the site (a script, an event
    handler, HTML inside it, a reference to another file or host, a DOCTYPE that could declare entities);
    None for a plain drawing. Read with the XML parser a browser's SVG renderer amounts to."""
    if re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.IGNORECASE):
        return "มีส่วน DOCTYPE หรือ ENTITY ซึ่งรูป SVG ทั่วไปไม่มี (อาจใช้ดึงไฟล์อื่น)"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        return "อ่านเป็นรูป SVG ไม่ได้ (ไฟล์เสียหรือไม่ใช่ SVG)"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower() if isinstance(element.tag, str) else ""
        if tag in SVG_ACTIVE_TAGS:
            return f"มีแท็ก <{tag}> ซึ่งทำงานเป็นโปรแกรมหรือฝังหน้าเว็บเมื่อเปิดรูป"
        if tag == "style" and EXTERNAL_CSS.search(element.text or ""):
            return "มี CSS ที่ดึงไฟล์จากที่อื่น (@import หรือ url(...))"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if local.startswith("on"):
                return f'มีคำสั่งที่ทำงานเมื่อเปิดรูป ({local}="…")'
            if "javascript:" in compact or "vbscript:" in compact:
                return f'มีคำสั่ง javascript: ในแอตทริบิวต์ {local}'
            if local == "href" and not value.strip().startswith("#") and not SAFE_DATA_IMAGE.match(value.strip()):
                return f'อ้างถึงไฟล์หรือเว็บไซต์อื่น ({local}="{value[:80]}")'
            if local == "style" and EXTERNAL_CSS.search(value):
                return "มี CSS ที่ดึงไฟล์จากที่อื่น (url(...))"
    return None


# ---- sizes --------------------------------------------------------------------------------

MB = 1024 * 1024
MAX_IMAGE_BYTES = 2 * MB  # a logo or favicon: shown on every page of the site
MAX_PHOTO_BYTES = 5 * MB  # a person's photo
MAX_DOCUMENT_MB = 100  # a document, unless unit.yml says max_document_mb (a scanned annual report is 20–60 MB)


def size_problem(size: int, limit: int) -> str | None:
    """Thai: the file is larger than a visitor can be asked to download for it, with both sizes."""
    if size <= limit:
        return None
    return (f"มีขนาด {size / MB:,.1f} MB เกินขนาดที่รับได้ {limit / MB:,.0f} MB "
            "ให้ลดขนาดไฟล์ (บีบอัด PDF หรือสแกนที่ความละเอียด 150–200 dpi) หรือแยกเป็นหลายไฟล์")


def file_problem(path: Path, limit: int) -> str | None:
    """Thai: why a file staff give cannot be published as it is (too large, empty, not what its extension
    says, an SVG that runs or fetches something); None when it can. The one check of ``check``, ``build``
    and ``add-document``."""
    size = path.stat().st_size
    problem = size_problem(size, limit)
    if problem:
        return problem
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
        if path.suffix.lower() == ".svg":
            return svg_problem(head + handle.read())
    return document_problem(path.suffix, head, size)


def _looks_like(head: bytes) -> str:
    start = head[:HEAD_BYTES].lstrip().lower()
    if start.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body")):
        return "ข้างในเป็นหน้าเว็บ HTML"
    if start.startswith(ZIP):
        return "ข้างในเป็นไฟล์ ZIP หรือเอกสาร Office แบบใหม่"
    if start.startswith(OLE):
        return "ข้างในเป็นเอกสาร Office แบบเก่า"
    return "ข้อมูลต้นไฟล์ไม่ตรงกับนามสกุล"


# ---- document URLs ------------------------------------------------------------------------

# The content types a document's extension claims. Generic binary types are accepted too:
# many municipal servers send them for every file, and browsers still download the file.
GENERIC_TYPES = {"application/octet-stream", "binary/octet-stream", "application/force-download", "application/download"}
DOCUMENT_TYPES = {
    ".pdf": {"application/pdf", "application/x-pdf"},
    ".doc": {"application/msword"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".xls": {"application/vnd.ms-excel"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel"},
    ".ppt": {"application/vnd.ms-powerpoint"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".ods": {"application/vnd.oasis.opendocument.spreadsheet"},
    ".csv": {"text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"},
    ".zip": {"application/zip", "application/x-zip-compressed"},
    ".rar": {"application/vnd.rar", "application/x-rar-compressed", "application/x-rar"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".gif": {"image/gif"},
}
DOCUMENT_SUFFIXES = set(DOCUMENT_TYPES)


@lru_cache(maxsize=65536)
def suffix_of(url: str) -> str:
    """The file extension of the URL's last path segment, as PurePosixPath would give it, lower case."""
    segments = [segment for segment in unquote(url_path(url)).split("/") if segment not in ("", ".")]
    name = segments[-1] if segments else ""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def is_document_url(url: str) -> bool:
    return suffix_of(url) in DOCUMENT_SUFFIXES
