"""Record a real WordPress site's ITA 2569 section as the tests replay it (tests/fixtures/cms/).

What is recorded is what Debian's WordPress package (6.1, PHP 8.2, MariaDB) serves once a unit's web
admin has built the section through WordPress itself: installed in Thai, the Twenty Twenty-One theme
(menus and footer widgets), pages and posts written as Gutenberg blocks, documents uploaded to the media
library (wp-content/uploads/YYYY/MM/), a page behind a password, a page sent to the trash, a document
deleted after it was linked. Every change goes through WordPress's own REST API or admin forms, signed
in as the admin; nothing is written to its database by hand. The site plan below was written with its
answer key (tests/fixtures/cms/wordpress-key.yml) before the first recording: the audit is scored
against the key, never the key against the audit.

Run as root on Debian 12 (it installs the packages it needs):

    .venv/bin/python tools/record_wordpress.py

Writes tests/fixtures/cms/wordpress.warc.gz (every response a visitor would get of the pages and
documents the audit can reach, headers included) and tests/fixtures/cms/wordpress-itas.csv (the URLs
the unit would submit in ITAS). Nothing leaves loopback; WordPress's own calls out are blocked.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from recording import ROOT, Visitor, ensure_packages, mariadb, php_server, record, write_submissions

from tests.scans import scanned, typeset  # the tests' own document makers: real producers

HOST = "wp.nongnamsai.example"  # never resolvable: the tests map it to their replay server (--connect-to)
SITE = f"http://{HOST}"
OUT = ROOT / "tests" / "fixtures" / "cms"
PACKAGES = ["wordpress", "wordpress-theme-twentytwentyone", "wordpress-l10n", "mariadb-server", "php-cli",
            "php-mysql", "php-gd", "php-mbstring", "php-xml", "php-curl", "php-intl"]
ADMIN, PASSWORD = "webadmin", "ita-2569-record"
UNIT = "องค์การบริหารส่วนตำบลหนองน้ำใส"
SKIP = re.compile(r"/(?:wp-admin|wp-json|wp-login\.php|xmlrpc\.php|feed|comments/feed|wp-includes)(?:/|$)|"
                  r"[?&](?:replytocom|share|ical|s)=")


# ---- the site, as the unit's web admin builds it --------------------------------------------------


def p(text: str) -> str:
    return f"<!-- wp:paragraph -->\n<p>{text}</p>\n<!-- /wp:paragraph -->"


def heading(text: str, level: int = 2) -> str:
    attrs = "" if level == 2 else f' {{"level":{level}}}'
    return f"<!-- wp:heading{attrs} -->\n<h{level} class=\"wp-block-heading\">{text}</h{level}>\n<!-- /wp:heading -->"


def file_block(media: dict, name: str, *, preview: bool = False) -> str:
    url = media["source_url"]
    attrs = {"id": media["id"], "href": url, **({"displayPreview": True} if preview else {})}
    embed = (f'<object class="wp-block-file__embed" data="{url}" type="application/pdf" '
             f'style="width:100%;height:600px" aria-label="ฝัง {name}"></object>') if preview else ""
    return (f"<!-- wp:file {json.dumps(attrs)} -->\n<div class=\"wp-block-file\">{embed}<a id=\"wp-block-file--media-"
            f"{media['id']}\" href=\"{url}\">{name}</a><a href=\"{url}\" class=\"wp-block-file__button wp-element-button\" "
            f"download aria-describedby=\"wp-block-file--media-{media['id']}\">ดาวน์โหลด</a></div>\n<!-- /wp:file -->")


def button(url: str, text: str) -> str:
    return ("<!-- wp:buttons -->\n<div class=\"wp-block-buttons\"><!-- wp:button -->\n<div class=\"wp-block-button\">"
            f"<a class=\"wp-block-button__link wp-element-button\" href=\"{url}\">{text}</a></div>\n<!-- /wp:button -->"
            "</div>\n<!-- /wp:buttons -->")


def html_block(markup: str) -> str:
    return f"<!-- wp:html -->\n{markup}\n<!-- /wp:html -->"


def table(rows: list[tuple[str, str, str]]) -> str:
    body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
    return ("<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>ข้อ</th><th>รายการ</th>"
            f"<th>ข้อมูล</th></tr></thead><tbody>{body}</tbody></table></figure>\n<!-- /wp:table -->")


def listing(items: list[str]) -> str:
    lis = "".join(f"<!-- wp:list-item -->\n<li>{item}</li>\n<!-- /wp:list-item -->" for item in items)
    return f"<!-- wp:list -->\n<ul>{lis}</ul>\n<!-- /wp:list -->"


def documents() -> dict[str, tuple[str, bytes]]:
    """The files the unit uploads: name in the media library → (file name, bytes), made by real producers."""
    def pdf(lines: list[str], **kw: object) -> bytes:
        return typeset(lines, **kw)

    return {
        "structure": ("โครงสร้างองค์กร-2569.pdf", pdf(["โครงสร้างส่วนราชการ", UNIT, "ประกาศ ณ วันที่ 1 ตุลาคม 2568"])),
        "plan": ("แผนพัฒนาท้องถิ่น-2566-2570.pdf", pdf(["แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)", UNIT])),
        "progress": ("progress-6-months-2569.pdf",
                     pdf(["รายงานการกำกับติดตามการดำเนินงานและการใช้จ่ายงบประมาณ", "รอบ 6 เดือน ประจำปีงบประมาณ พ.ศ. 2569"])),
        "manual-staff": ("manual-staff.pdf", pdf(["คู่มือการปฏิบัติงานของเจ้าหน้าที่", UNIT])),
        "procure-oct": ("สรุปผลจัดซื้อจัดจ้าง-ตุลาคม-2568.pdf",
                        pdf(["สรุปผลการดำเนินการจัดซื้อจัดจ้าง", "ประจำเดือนตุลาคม พ.ศ. 2568"])),
        "procure-nov": ("สรุปผลจัดซื้อจัดจ้าง-พฤศจิกายน-2568.pdf",
                        pdf(["สรุปผลการดำเนินการจัดซื้อจัดจ้าง", "ประจำเดือนพฤศจิกายน พ.ศ. 2568"])),
        "procure-report": ("รายงานผลจัดซื้อจัดจ้าง-2568.pdf",
                           pdf(["รายงานสรุปผลการจัดซื้อจัดจ้าง", "ประจำปีงบประมาณ พ.ศ. 2568"])),
        "hr-report": ("hr-report-2568.pdf",
                      pdf(["รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๗"])),
        "ethics": ("ประมวลจริยธรรม.pdf", pdf(["ประมวลจริยธรรมของข้าราชการ", UNIT])),
        "participation": ("participation-scan.pdf",
                          scanned(["ผลการเปิดโอกาสให้มีส่วนร่วม", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙", UNIT])),
        "risk": ("risk-2568.pdf", pdf(["การประเมินความเสี่ยงการทุจริต", UNIT])),
        "anti-corruption-plan": ("anti-corruption-plan.pdf", pdf(
            ["แผนปฏิบัติการป้องกันการทุจริต", UNIT], title="แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ 2568")),
        "integrity-report": ("integrity-report-2568.pdf",
                             pdf(["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส", "ประจำปีงบประมาณ พ.ศ. 2568"])),
        "no-gift": ("no-gift-2569.pdf", pdf(["ประกาศเจตนารมณ์ No Gift Policy", "ประจำปีงบประมาณ พ.ศ. 2569"])),
    }


@dataclass
class Built:
    """What the build made: media and pages by key, and the URLs the unit submits in ITAS."""

    media: dict[str, dict] = field(default_factory=dict)
    pages: dict[str, dict] = field(default_factory=dict)
    submitted: dict[str, str] = field(default_factory=dict)


def build_site(wp: WordPress) -> Built:
    built = Built()
    for key, (name, data) in documents().items():
        built.media[key] = wp.upload(name, data)
    news = wp.rest("POST", "/wp/v2/categories", {"name": "ข่าวประชาสัมพันธ์", "slug": "news"})
    for day, title in (("2025-11-03", "ประชุมประชาคมหมู่บ้าน ประจำปี 2569"), ("2025-12-12", "กิจกรรมวันพ่อแห่งชาติ"),
                       ("2026-01-20", "ประกาศรับสมัครพนักงานจ้าง")):
        wp.rest("POST", "/wp/v2/posts", {"title": title, "status": "publish", "date": f"{day}T09:00:00",
                                         "categories": [news["id"]], "content": p(f"{title} ณ ที่ทำการ{UNIT}")})
    ita = wp.page("ita-2569", "ศูนย์ ITA 2569", p("กำลังจัดทำ"))
    old_ita = wp.page("ita-2568", "ITA 2568", p("ข้อมูลการประเมินปี 2568"))
    m = built.media

    def item(key: str, title: str, content: str, **extra: object) -> dict:
        built.pages[key] = wp.page(key, title, content, parent=ita["id"], **extra)
        built.submitted[key.upper()] = built.pages[key]["link"]
        return built.pages[key]

    item("o1", "O1 โครงสร้าง หน้าที่และอำนาจ", heading("โครงสร้างองค์กร") + file_block(m["structure"], "แผนผังโครงสร้าง", preview=True)
         + p("อำนาจหน้าที่ตามพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537"))
    item("o2", "O2 ข้อมูลผู้บริหาร", listing(["นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล โทร 08 1234 5678",
                                            "นางสาวสมหญิง รักงาน ปลัดองค์การบริหารส่วนตำบล"]))
    item("o3", "O3 ข้อมูลการติดต่อ", p("ที่อยู่ 99 หมู่ 1 ตำบลหนองน้ำใส โทรศัพท์ 0 4412 3456"))
    item("o4", "O4 ข่าวประชาสัมพันธ์", p("ข่าวประชาสัมพันธ์ขององค์การบริหารส่วนตำบล")
         + button(f"{SITE}/category/news/", "ดูข่าวทั้งหมด"))
    item("o5", "O5 แผนพัฒนาท้องถิ่น", file_block(m["plan"], "แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)"))
    item("o6", "O6 แผนการดำเนินงานและการใช้งบประมาณประจำปี",
         file_block(m["progress"], "รายงานความก้าวหน้า รอบ 6 เดือน ปีงบประมาณ 2569"))
    item("o7", "O7 รายงานผลการดำเนินงานประจำปี",
         html_block('<iframe src="https://drive.google.com/file/d/1Nn5aBcDeFgHiJ/preview" width="640" height="480" '
                    'allow="autoplay"></iframe>'))
    item("o8", "O8 คู่มือการปฏิบัติงาน", button("https://drive.google.com/file/d/1Qq8mAnUaLsTaFf/view?usp=sharing",
                                                 "คู่มือการปฏิบัติงานของเจ้าหน้าที่"))
    item("o9", "O9 คู่มือสำหรับประชาชน", p("คู่มือสำหรับประชาชน ตาม พ.ร.บ. การอำนวยความสะดวก")
         + file_block(m["manual-staff"], "คู่มือสำหรับประชาชน งานทะเบียนพาณิชย์"))
    item("o10", "O10 E-Service", p("ยื่นคำร้องออนไลน์ได้ตลอด 24 ชั่วโมง")
         + button("https://docs.google.com/forms/d/e/1FAIpQLSd-ita/viewform", "แบบฟอร์มคำร้องออนไลน์"))
    item("o11", "O11 สรุปผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ 2569",
         file_block(m["procure-oct"], "สรุปผล เดือนตุลาคม 2568") + file_block(m["procure-nov"], "สรุปผล เดือนพฤศจิกายน 2568"))
    item("o12", "O12 รายงานสรุปผลการจัดซื้อจัดจ้าง ปีงบประมาณ 2568",
         file_block(m["procure-report"], "รายงานสรุปผลการจัดซื้อจัดจ้าง ประจำปีงบประมาณ พ.ศ. 2568"))
    item("o13", "O13 หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", p("แผนพัฒนาบุคลากร ปีงบประมาณ 2569"),
         password="hr2569")
    item("o14", "O14 รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล",
         file_block(m["hr-report"], "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล ประจำปีงบประมาณ พ.ศ. 2568"))
    item("o15", "O15 ประมวลจริยธรรม", file_block(m["ethics"], "ประมวลจริยธรรม"))
    item("o16", "O16 แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต",
         p("ขั้นตอนการรับเรื่องร้องเรียน: รับเรื่อง ตรวจสอบ แจ้งผลภายใน 15 วัน"))
    item("o17", "O17 ช่องทางแจ้งเรื่องร้องเรียนการทุจริต", p("แจ้งได้ที่ศูนย์ดำรงธรรม โทร 0 4412 3456 ต่อ 7")
         + button("https://www.nacc.go.th/main.php?filename=complaint", "ร้องเรียนต่อสำนักงาน ป.ป.ช."))
    item("o18", "O18 ข้อมูลสถิติเรื่องร้องเรียนการทุจริต", button(f"{SITE}/ita-2568/o18-2568/", "สถิติเรื่องร้องเรียน"))
    wp.page("o18-2568", "ITA 2568 O18 สถิติเรื่องร้องเรียน", table([("ไตรมาส 1", "0 เรื่อง", "-")]), parent=old_ita["id"])
    item("o19", "O19 ผลการเปิดโอกาสให้มีส่วนร่วม", file_block(m["participation"], "ดาวน์โหลด"))
    item("o20", "O20 การขับเคลื่อนนโยบาย No Gift Policy",
         file_block(m["no-gift"], "ประกาศเจตนารมณ์ No Gift Policy ประจำปีงบประมาณ พ.ศ. 2569"))
    item("o21", "O21 การประเมินความเสี่ยงการทุจริต", file_block(m["risk"], "ดาวน์โหลด"))
    item("o23", "O23 แผนปฏิบัติการป้องกันการทุจริต",
         file_block(m["anti-corruption-plan"], "แผนปฏิบัติการป้องกันการทุจริต"))
    item("o24", "O24 รายงานผลการดำเนินการป้องกันการทุจริต",
         html_block('<script>location.href="https://drive.google.com/file/d/1Rr24pOrTaBcD/view";</script>')
         + p("กำลังเปิดรายงาน…"))
    item("o25", "O25 การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
         heading("ผลการวิเคราะห์ผลการประเมิน ITA ประจำปี ๒๕๖๘") + p("ประเด็นที่ต้องพัฒนา: การเปิดเผยข้อมูลการจัดซื้อจัดจ้าง")
         + heading("มาตรการที่นำไปปฏิบัติในปีงบประมาณ พ.ศ. ๒๕๖๙", 3) + listing(["เผยแพร่ข้อมูลภายในวันที่ 10 ของเดือน"]))
    item("o26", "O26 รายงานผลการส่งเสริมคุณธรรมและความโปร่งใส",
         html_block("<a href=\"javascript:window.open('https://drive.google.com/file/d/1Ss26kLmNoP/view')\">"
                    "รายงานผลการดำเนินการ ประจำปีงบประมาณ 2568</a>")
         + file_block(m["integrity-report"], "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรม ประจำปีงบประมาณ 2568"))
    # After the links were written: O3's page goes to the trash, O11's November summary out of the library.
    wp.rest("DELETE", f"/wp/v2/pages/{built.pages['o3']['id']}")
    wp.rest("DELETE", f"/wp/v2/media/{m['procure-nov']['id']}?force=true")
    # O26 is submitted as its document, O1 as the PDF itself: what staff paste into ITAS.
    built.submitted["O1"] = m["structure"]["source_url"]
    built.submitted.pop("O22", None)  # never made: the unit forgot it
    pages = built.pages
    rows = [(f"O{n}", title, f'<a href="{pages[f"o{n}"]["link"]}">คลิก</a>') for n, title in (
        (1, "โครงสร้าง หน้าที่และอำนาจ"), (2, "ข้อมูลผู้บริหาร"), (3, "ข้อมูลการติดต่อ"), (4, "ข่าวประชาสัมพันธ์"),
        (6, "แผนการดำเนินงานและการใช้งบประมาณประจำปี"), (7, "รายงานผลการดำเนินงานประจำปี"),
        (8, "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"), (9, "คู่มือสำหรับผู้รับบริการ"), (10, "E-Service"),
        (11, "สรุปผลการจัดซื้อจัดจ้างรายเดือน"), (12, "รายงานสรุปผลการจัดซื้อจัดจ้าง"))]
    wp.rest("POST", f"/wp/v2/pages/{ita['id']}", {"content": (
        p(f"ศูนย์ข้อมูลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. 2569 ของ{UNIT}")
        + heading("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล") + table(rows)
        + listing([f'<a href="{pages["o5"]["link"]}">O5 แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน</a>']
                  + [f'<a href="{pages[f"o{n}"]["link"]}">O{n} {title}</a>' for n, title in (
                      (13, "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล"), (14, "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล"),
                      (15, "ประมวลจริยธรรม"), (16, "แนวปฏิบัติการจัดการเรื่องร้องเรียน"),
                      (17, "ช่องทางแจ้งเรื่องร้องเรียน"), (18, "ข้อมูลสถิติเรื่องร้องเรียน"),
                      (19, "ผลการเปิดโอกาสให้มีส่วนร่วม"))])
        + heading("ตัวชี้วัดที่ 10 การป้องกันการทุจริต")
        + "".join(heading(f"O{n} {title}", 3) + button(pages[f"o{n}"]["link"], "เปิด") for n, title in (
            (20, "การขับเคลื่อนนโยบาย No Gift Policy"), (21, "การประเมินความเสี่ยงการทุจริต"),
            (23, "แผนปฏิบัติการป้องกันการทุจริต"), (24, "รายงานผลการดำเนินการป้องกันการทุจริต"),
            (25, "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร")))
        + listing([f'<a href="{pages["o26"]["link"]}">รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส</a>']))})
    built.pages["center"] = ita
    return built


def theme_and_permalinks(wp: WordPress) -> None:
    wp.admin_form("themes.php", r'(themes\.php\?action=activate&amp;stylesheet=twentytwentyone&amp;_wpnonce=[0-9a-f]+)')
    wp.admin_post("options-permalink.php", {"selection": "/%postname%/", "permalink_structure": "/%postname%/"})


def menus_and_widgets(wp: WordPress, built: Built) -> None:
    menu = wp.rest("POST", "/wp/v2/menus", {"name": "เมนูหลัก", "locations": ["primary"]})
    for order, (title, url) in enumerate((("หน้าแรก", f"{SITE}/"), ("ศูนย์ ITA", built.pages["center"]["link"]),
                                          ("ข่าวประชาสัมพันธ์", f"{SITE}/category/news/"),
                                          ("ติดต่อเรา", f"{SITE}/contact/")), start=1):
        wp.rest("POST", "/wp/v2/menu-items", {"title": title, "url": url, "menus": menu["id"], "status": "publish",
                                              "menu_order": order})
    wp.page("contact", "ติดต่อเรา", p("โทร 0 4412 3456") + button("https://www.facebook.com/nongnamsai.sao", "Facebook"))
    for content in (p('<a href="https://www.facebook.com/nongnamsai.sao">Facebook อบต.หนองน้ำใส</a>'),
                    p('<a href="https://www.nacc.go.th/">สำนักงาน ป.ป.ช.</a> · <a href="https://itas.nacc.go.th/">ITAS</a>'),
                    "<!-- wp:loginout /-->"):
        wp.rest("POST", "/wp/v2/widgets", {"id_base": "block", "sidebar": "sidebar-1",
                                           "instance": {"raw": {"content": content}}})


# ---- WordPress, driven as its admin drives it -------------------------------------------------


@dataclass
class WordPress(Visitor):
    nonce: str = ""

    def install(self) -> None:
        self.form("/wp-admin/install.php?step=1", {"language": "th"})
        status, data = self.form("/wp-admin/install.php?step=2", {
            "weblog_title": UNIT, "user_name": ADMIN, "admin_password": PASSWORD, "admin_password2": PASSWORD,
            "pw_weak": "on", "admin_email": "webadmin@nongnamsai.example", "blog_public": "0", "language": "th"})
        if status != 200 or b"wp-login.php" not in data:
            raise SystemExit(f"WordPress did not install ({status}): {data[:400]!r}")

    def login(self) -> None:
        self.cookies["wordpress_test_cookie"] = "WP%20Cookie%20check"
        status, _ = self.form("/wp-login.php", {"log": ADMIN, "pwd": PASSWORD, "testcookie": "1",
                                                 "redirect_to": "/wp-admin/"})
        _, _, nonce = self.request("GET", "/wp-admin/admin-ajax.php?action=rest-nonce")
        if status != 302 or not re.fullmatch(rb"[0-9a-f]{10}", nonce):
            raise SystemExit(f"could not sign in to WordPress ({status}, {nonce[:80]!r})")
        self.nonce = nonce.decode()

    def rest(self, method: str, route: str, payload: dict | None = None) -> dict:
        body = json.dumps(payload).encode() if payload is not None else None
        status, _, data = self.request(method, f"/?rest_route={route}" if "?" not in route else
                                       f"/?rest_route={route.replace('?', '&', 1)}", body,
                                       {"X-WP-Nonce": self.nonce, "Content-Type": "application/json"})
        if status >= 300:
            raise SystemExit(f"{method} {route}: {status} {data[:400]!r}")
        return json.loads(data)

    def upload(self, name: str, data: bytes) -> dict:
        """As the block editor uploads: multipart/form-data to the media route."""
        status, body = self.multipart("/?rest_route=/wp/v2/media", {}, [("file", name, "application/pdf", data)],
                                      {"X-WP-Nonce": self.nonce})
        if status != 201:
            raise SystemExit(f"upload {name}: {status} {body[:400]!r}")
        return json.loads(body)

    def page(self, slug: str, title: str, content: str, **extra: object) -> dict:
        return self.rest("POST", "/wp/v2/pages", {"slug": slug, "title": title, "content": content,
                                                  "status": "publish", **extra})

    def admin_form(self, screen: str, action: str) -> None:
        """Follow a signed link of an admin screen (activate a theme), as the admin clicks it."""
        _, _, data = self.request("GET", f"/wp-admin/{screen}")
        found = re.search(action, data.decode("utf-8", "replace"))
        if not found:
            raise SystemExit(f"no {action} on {screen}")
        status, _, _ = self.request("GET", "/wp-admin/" + found.group(1).replace("&amp;", "&"))
        if status not in (200, 302):
            raise SystemExit(f"{screen}: {status}")

    def admin_post(self, screen: str, fields: dict[str, str]) -> None:
        """Submit an admin settings screen with its own nonce."""
        _, _, data = self.request("GET", f"/wp-admin/{screen}")
        text = data.decode("utf-8", "replace")
        nonce = re.search(r'name="_wpnonce" value="([0-9a-f]+)"', text)
        referer = re.search(r'name="_wp_http_referer" value="([^"]+)"', text)
        if not nonce:
            raise SystemExit(f"no nonce on {screen}")
        status, _ = self.form(f"/wp-admin/{screen}", {"_wpnonce": nonce.group(1), "_wp_http_referer":
                                                     referer.group(1) if referer else f"/wp-admin/{screen}", **fields})
        if status not in (200, 302):
            raise SystemExit(f"{screen}: {status}")


# ---- running it: MariaDB and PHP on loopback, for as long as the recording takes ---------------


DATABASE = """CREATE DATABASE wordpress CHARACTER SET utf8mb4;
CREATE USER 'wordpress'@'localhost' IDENTIFIED BY 'ita';
GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';
"""
# What WordPress's .htaccess does under Apache: files as they are, every other path to index.php.
ROUTER = """<?php
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if (is_file($file) || (is_dir($file) && is_file(rtrim($file, '/') . '/index.php'))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
chdir($_SERVER['DOCUMENT_ROOT']);
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
"""


@contextlib.contextmanager
def running_wordpress(work: Path) -> Iterator[WordPress]:
    """Debian's WordPress on its own database and content folder; its host's config in /etc/wordpress
    (the package's own way, README.Debian) only while the recording runs."""
    config = Path(f"/etc/wordpress/config-{HOST}.php")
    with mariadb(work, DATABASE) as socket_path:
        content, docroot = work / "wp-content", work / "docroot"
        for folder in ("themes", "plugins", "uploads", "upgrade"):
            (content / folder).mkdir(parents=True)
        for theme in ("twentytwentyone", "twentytwentythree"):
            (content / "themes" / theme).symlink_to(f"/usr/share/wordpress/wp-content/themes/{theme}")
        (content / "languages").symlink_to("/usr/share/wordpress/wp-content/languages")
        docroot.mkdir()
        for entry in Path("/usr/share/wordpress").iterdir():
            if entry.name != "wp-content":
                (docroot / entry.name).symlink_to(entry)
        (docroot / "wp-content").symlink_to(content)
        (work / "router.php").write_text(ROUTER, encoding="utf-8")
        config.write_text(f"""<?php
define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'ita');
define('DB_HOST', 'localhost:{socket_path}');
define('WP_CONTENT_DIR', '{content}');
define('WP_HOME', '{SITE}');
define('WP_SITEURL', '{SITE}');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_ENVIRONMENT_TYPE', 'local');
define('FS_METHOD', 'direct');
""", encoding="utf-8")
        try:
            with php_server(docroot, work / "router.php", ("-d", "upload_max_filesize=20M",
                                                          "-d", "post_max_size=20M")) as port:
                yield WordPress(port, HOST)
        finally:
            config.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    ensure_packages(PACKAGES)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ita-wordpress-") as work, running_wordpress(Path(work)) as wp:
        wp.install()
        wp.login()
        wp.rest("POST", "/wp/v2/settings", {"timezone": "Asia/Bangkok", "date_format": "j F Y",
                                            "description": "เว็บไซต์หลักของ" + UNIT})
        theme_and_permalinks(wp)
        built = build_site(wp)
        menus_and_widgets(wp, built)
        count = record(Visitor(wp.port, HOST), [built.pages["center"]["link"], *built.submitted.values()],
                       f"{SITE}/no-such-page-ita-replay/", args.out / "wordpress.warc.gz", SKIP)
        write_submissions(args.out / "wordpress-itas.csv", built.submitted)
        (args.out / "wordpress-center.txt").write_text(built.pages["center"]["link"] + "\n", encoding="utf-8")
    print(f"recorded {count} responses of {SITE} at {datetime.now():%Y-%m-%d %H:%M} into {args.out}")


if __name__ == "__main__":
    main()
