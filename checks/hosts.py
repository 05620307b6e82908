"""The main-domain rule: is a URL on the unit's main website?

Hosts are compared exactly after normalisation (case, trailing dot, IDNA, default port);
``urlsplit`` drops user info, so ``https://www.tambon.example@evil.example/`` is evil.example,
and ``www.tambon.example.evil.example`` is simply another host.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}

# Well-known services that staff link to instead of hosting on the main website.
SERVICES = (
    ("drive.google.com", "Google Drive"),
    ("docs.google.com", "Google Docs"),
    ("sites.google.com", "Google Sites"),
    ("forms.gle", "Google Forms"),
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


def normal_host(host: str) -> str:
    """Lower case, no trailing dot, IDNA (punycode) form."""
    host = host.strip().rstrip(".").lower()
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


@dataclass(frozen=True)
class Origin:
    host: str
    port: int


def origin(url: str) -> Origin | None:
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port or DEFAULT_PORTS[parts.scheme]
    except ValueError:
        return None
    return Origin(normal_host(parts.hostname), port)


@dataclass(frozen=True)
class MainSite:
    """The unit's main website and the hosts the unit declares to be the same site."""

    hosts: frozenset[str]
    port: int | None  # None: the default port of either scheme

    @classmethod
    def of(cls, main_website: str, same_site_hosts: tuple[str, ...] = ()) -> MainSite:
        main = origin(main_website)
        if main is None:
            raise ValueError(main_website)
        port = None if main.port in DEFAULT_PORTS.values() else main.port
        return cls(frozenset({main.host, *(normal_host(host) for host in same_site_hosts)}), port)

    def contains(self, url: str) -> bool:
        found = origin(url)
        if found is None:
            return False
        port_ok = found.port in DEFAULT_PORTS.values() if self.port is None else found.port == self.port
        return found.host in self.hosts and port_ok


def service_name(url: str) -> str | None:
    """The name of a known third-party service, when the URL is on one."""
    found = origin(url)
    if found is None:
        return None
    for domain, name in SERVICES:
        if found.host == domain or found.host.endswith("." + domain):
            return name
    return None


def off_domain_message(url: str, main_host: str) -> str:
    service = service_name(url)
    found = origin(url)
    where = f"อยู่บน {service}" if service else f"อยู่บนเว็บไซต์ {found.host if found else url}"
    return (f"{where} ไม่ใช่เว็บไซต์หลัก {main_host} จึงไม่นับเป็นการเปิดเผยข้อมูล "
            f"ให้นำไฟล์หรือข้อมูลขึ้นเว็บไซต์หลักแล้วใช้ลิงก์บนเว็บไซต์หลักแทน")
