"""The main-domain rule: is a URL on the unit's main website?

Hosts are compared exactly after a browser's own parsing (WHATWG: case, trailing dot, IDNA,
default port, backslashes, user info): ``https://evil.example\\@www.tambon.example/`` is
evil.example, as it is to the assessor's browser, and ``www.tambon.example.evil.example`` is
simply another host. A URL a browser cannot parse is never the main website.
"""

from __future__ import annotations

from dataclasses import dataclass

from checks.findings import Severity, severity_of
from generator.basics.weburl import DEFAULT_PORTS, normal_host, parse_web_url
from generator.model import Catalogue, Requirement

# Well-known services that staff link to instead of hosting on the main website.
SERVICES = (
    ("drive.google.com", "Google Drive"),
    ("docs.google.com", "Google Docs"),
    ("sites.google.com", "Google Sites"),
    ("forms.gle", "Google Forms"),
    ("forms.google.com", "Google Forms"),
    ("facebook.com", "Facebook"),
    ("fb.watch", "Facebook"),
    ("fb.me", "Facebook"),
    ("youtube.com", "YouTube"),
    ("youtu.be", "YouTube"),
    ("line.me", "LINE"),
    ("lin.ee", "LINE"),
    ("bit.ly", "ลิงก์ย่อ bit.ly"),
    ("tinyurl.com", "ลิงก์ย่อ TinyURL"),
    ("shorturl.at", "ลิงก์ย่อ shorturl.at"),
    ("cutt.ly", "ลิงก์ย่อ Cutt.ly"),
    ("s.id", "ลิงก์ย่อ s.id"),
    ("flowpaper.com", "โปรแกรมแสดงเอกสาร FlowPaper"),
    ("dropbox.com", "Dropbox"),
    ("onedrive.live.com", "OneDrive"),
    ("1drv.ms", "OneDrive"),
    ("canva.com", "Canva"),
    ("anyflip.com", "AnyFlip"),
    ("fliphtml5.com", "FlipHTML5"),
)


@dataclass(frozen=True)
class MainSite:
    """The unit's main website and the hosts the unit declares to be the same site."""

    hosts: frozenset[str]
    port: int | None  # None: the default port of either scheme

    @classmethod
    def of(cls, main_website: str, same_site_hosts: tuple[str, ...] = ()) -> MainSite:
        main = parse_web_url(main_website)
        if main is None:
            raise ValueError(main_website)
        port = None if main.port in DEFAULT_PORTS.values() else main.port
        return cls(frozenset({main.host, *(normal_host(host) for host in same_site_hosts)}), port)

    def contains(self, url: str) -> bool:
        found = parse_web_url(url)
        if found is None:
            return False
        port_ok = found.port in DEFAULT_PORTS.values() if self.port is None else found.port == self.port
        return found.host in self.hosts and port_ok


# Channels people are sent to (a page, an account, a form), as opposed to files kept elsewhere.
CHANNELS = {"Facebook", "YouTube", "LINE", "Google Forms"}


def is_channel(url: str) -> bool:
    """A social or form channel on another host: beside evidence on the main website it costs nothing."""
    return service_name(url) in CHANNELS


def service_name(url: str) -> str | None:
    """The name of a known third-party service, when the URL is on one."""
    found = parse_web_url(url)
    if found is None:
        return None
    if found.host == "docs.google.com" and found.pathname.startswith("/forms"):
        return "Google Forms"
    for domain, name in SERVICES:
        if found.host == domain or found.host.endswith("." + domain):
            return name
    return None


def off_domain_message(url: str, main_host: str, *, certain: bool = True) -> str:
    """Why evidence on another host costs points: for certain when the assessor is sent there (a submitted
    URL, a redirect), as a risk when a main-site page links to it or embeds it (no published rule)."""
    service = service_name(url)
    found = parse_web_url(url)
    where = f"อยู่บน {service}" if service else f"อยู่บนเว็บไซต์ {found.host if found else url}"
    if certain:
        return (f"{where} ไม่ใช่เว็บไซต์หลัก {main_host} จึงไม่นับเป็นการเปิดเผยข้อมูล "
                "ให้นำไฟล์หรือข้อมูลขึ้นเว็บไซต์หลักแล้วใช้ลิงก์บนเว็บไซต์หลักแทน")
    return (f"{where} ไม่ใช่เว็บไซต์หลัก {main_host} ผู้ตรวจอาจไม่นับ (ไม่มีเกณฑ์ที่เผยแพร่ระบุว่าหน้าบนเว็บไซต์หลักที่ลิงก์หรือฝัง"
            "ไฟล์จากเว็บไซต์อื่นได้คะแนนหรือไม่) ทางที่แน่นอนคือนำไฟล์ขึ้นเว็บไซต์หลักแล้วลิงก์จากหน้ารายการ")


def off_site_requirement(url: str, *, is_document: bool, alone: bool, catalogue: Catalogue) -> Requirement | None:
    """The rule evidence on another host breaks, in ``check`` and ``audit`` alike (None: it breaks none, a
    note). A file kept elsewhere (a document, Drive, a viewer) when the item shows nothing on the main website
    (``alone``) breaks the main-website rule itself; beside main-site evidence it is the catalogue's
    ``off_site_evidence`` requirement (no published rule scores it). A channel (a Facebook page, a LINE
    account) beside main-site evidence and another agency's page break none."""
    if not (is_document or service_name(url)):
        return None
    if alone:
        return catalogue.rule("main_website") if not is_channel(url) else catalogue.rule("off_site_evidence")
    return None if is_channel(url) else catalogue.rule("off_site_evidence")


def off_site_severity(requirement: Requirement | None, catalogue: Catalogue) -> Severity:
    return severity_of(requirement, catalogue) if requirement else Severity.NOTE
