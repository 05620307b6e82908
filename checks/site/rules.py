"""Rules over the built site (after `mkdocs build`), offline.

Every item page exists at its published URL; every internal link, anchor and document
resolves (linkchecker's crawl over loopback, plus our anchor pass); no page loads an asset
from another host.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, unquote

from checks.findings import Finding, RuleId, Severity
from checks.hosts import MainSite
from checks.html import parse_page
from checks.site.linkcheck import CrawlRecord, crawl
from checks.site.loopback import serve_folder
from generator.basics.filetypes import IMAGE_SUFFIXES, is_document_url, suffix_of
from generator.basics.weburl import WebUrl, parse_web_url, url_path
from generator.build.published import LOCK, site_paths
from generator.model import Catalogue
from generator.model.layout import item_at, item_dir, item_url


def _page_of(site_dir: Path, html_file: Path) -> str:
    return html_file.relative_to(site_dir).as_posix()


# The built site's pages stand on an origin of their own while their links are resolved as a browser
# resolves them (WHATWG): "\\cdn.example\\x.png" is cdn.example, "//x" another host, "#a" this page.
SITE_ORIGIN = "https://site.invalid/"


def _resolved(page: str, href: str) -> WebUrl | None:
    return parse_web_url(href, SITE_ORIGIN + quote(page))


def _target_file(site_dir: Path, url: WebUrl) -> Path:
    path = unquote(url.pathname)
    target = site_dir / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def item_of(page: str, catalogue: Catalogue) -> str | None:
    """The item id whose page (or document) this site path is, for the assessment year."""
    spec = item_at(page, catalogue)
    return spec.id if spec else None


def missing_pages(site_dir: Path, catalogue: Catalogue, ita_url: str) -> list[Finding]:
    return [
        Finding(RuleId.MISSING_PAGE, Severity.ERROR, spec.id,
                f"ไม่มีหน้า {item_dir(catalogue.year, spec)}/ ในเว็บไซต์ที่สร้าง ให้สร้างเว็บไซต์ใหม่ด้วย ita build",
                url=item_url(ita_url, catalogue.year, spec))
        for spec in catalogue.items
        if not (site_dir / item_dir(catalogue.year, spec) / "index.html").is_file()
    ]


def page_findings(site_dir: Path, catalogue: Catalogue, main: MainSite) -> list[Finding]:
    """External assets and broken anchors, from one pass over every HTML page."""
    pages = {_page_of(site_dir, path): parse_page(path.read_text(encoding="utf-8"))
             for path in sorted(site_dir.rglob("*.html"))}
    findings = []
    for page, links in pages.items():
        item = item_of(page, catalogue)
        for asset in links.assets:
            resolved = _resolved(page, asset)
            if resolved and resolved.host != "site.invalid" and not main.contains(resolved.href):
                findings.append(Finding(RuleId.EXTERNAL_ASSET, Severity.ERROR, item,
                                        f"หน้า {page} โหลดไฟล์ {asset} จากเว็บไซต์อื่น ผู้เข้าชมทุกคนจะถูกส่งข้อมูลไปยังเว็บไซต์นั้น "
                                        "ให้เก็บไฟล์ไว้ในเว็บไซต์เอง", url=asset))
        for href in links.links:
            resolved = _resolved(page, href)
            fragment = resolved.href.partition("#")[2] if resolved else ""
            if resolved is None or resolved.host != "site.invalid" or not fragment:
                continue
            target = _target_file(site_dir, resolved)
            target_page = _page_of(site_dir, target) if target.is_relative_to(site_dir) else ""
            if target_page in pages and unquote(fragment) not in pages[target_page].ids:
                findings.append(Finding(RuleId.BROKEN_LINK, Severity.ERROR, item,
                                        f'หน้า {page} มีลิงก์ไปยังหัวข้อ "#{unquote(fragment)}" ที่ไม่มีในหน้า {target_page}',
                                        url=href))
    return findings


def crawl_findings(site_dir: Path, catalogue: Catalogue) -> list[Finding]:
    """Links and documents that do not resolve, found by linkchecker over loopback; one per target."""
    with serve_folder(site_dir) as base:
        records = crawl(base)
    by_target: dict[str, list[CrawlRecord]] = {}
    for record in records:
        by_target.setdefault(url_path(record.url), []).append(record)
    findings = []
    for target, found in by_target.items():
        pages = sorted({url_path(record.parent) or "/" for record in found})
        item = item_of(target.lstrip("/"), catalogue) or item_of(pages[0].lstrip("/"), catalogue)
        findings.append(Finding(RuleId.BROKEN_LINK, Severity.ERROR, item,
                                f"ลิงก์ไปยัง {target} เปิดไม่ได้ ({found[0].result}) พบใน {len(pages)} หน้า เช่น {pages[0]}",
                                url=target))
    return findings


def removed_urls(published: set[str], site_dir: Path, catalogue: Catalogue, ita_url: str) -> list[Finding]:
    """Paths published by an earlier build that this site no longer has. What ITAS holds (the pages: the
    URLs submitted there are item pages) is an error; a document that was replaced may have been shared
    (a warning); an asset of a page (a replaced photo) is a note."""
    findings = []
    for path in sorted(published - site_paths(site_dir)):
        if path.endswith("/"):
            severity, what = Severity.ERROR, "ผู้ตรวจใช้ลิงก์เดิมที่ส่งไว้ในระบบ ITAS ให้คืนหน้าเดิม"
        elif is_document_url(path) and suffix_of(path) not in {*IMAGE_SUFFIXES, ".gif"}:
            severity, what = Severity.WARNING, "ถ้าเคยส่งหรือแจ้งลิงก์ของเอกสารนี้ไว้ ลิงก์นั้นจะเปิดไม่ได้"
        else:
            severity, what = Severity.NOTE, "เป็นไฟล์ประกอบหน้า (เช่น รูปภาพที่เปลี่ยนแล้ว) ไม่กระทบคะแนน"
        findings.append(Finding(RuleId.REMOVED_URL, severity, item_of(path, catalogue),
                                f"ที่อยู่ /{path} เคยเผยแพร่แล้วแต่ไม่มีในเว็บไซต์ที่สร้างใหม่ {what} "
                                f"ถ้าตั้งใจเลิกเผยแพร่ ให้ลบบรรทัดนี้ออกจาก {LOCK}",
                                url=ita_url.removesuffix("ita/") + path))
    return findings


def site_findings(site_dir: Path, catalogue: Catalogue, main: MainSite, ita_url: str,
                  published: set[str]) -> list[Finding]:
    return (missing_pages(site_dir, catalogue, ita_url) + page_findings(site_dir, catalogue, main)
            + crawl_findings(site_dir, catalogue) + removed_urls(published, site_dir, catalogue, ita_url))


def newest_change(folder: Path) -> float:
    """The latest modification under a folder (files and folders: a deletion changes its folder)."""
    return max((path.stat().st_mtime for path in (folder, *folder.rglob("*"))), default=0.0)


def stale_site(site_dir: Path, content_changed: float) -> list[Finding]:
    built = (site_dir / "sitemap.xml") if (site_dir / "sitemap.xml").is_file() else (site_dir / "index.html")
    if built.stat().st_mtime >= content_changed:
        return []
    return [Finding(RuleId.STALE_SITE, Severity.ERROR, None,
                    f"เว็บไซต์ใน {site_dir} สร้างก่อนการแก้ไขล่าสุดใน content/ จึงไม่ตรงกับข้อมูล "
                    "ให้สั่ง ita build แล้ว ita check อีกครั้งก่อนนำขึ้นเว็บไซต์")]


def moved_site(recorded: str | None, published_at: str) -> list[Finding]:
    """Every ITAS URL changes with published_at: a warning like a removed page's."""
    if recorded is None or recorded == published_at:
        return []
    return [Finding(RuleId.REMOVED_URL, Severity.WARNING, None,
                    f"ที่อยู่เว็บไซต์ (published_at) เปลี่ยนจาก {recorded} เป็น {published_at} URL ทุกรายการที่ส่งในระบบ "
                    "ITAS ไว้แล้วจะเปิดไม่ได้ ถ้าตั้งใจเปลี่ยน ให้ส่ง URL ใหม่ทุกรายการและทำให้ที่อยู่เดิมเปลี่ยนเส้นทางมาที่ใหม่")]
