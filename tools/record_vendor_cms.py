"""Record a Thai vendor CMS's ITA pages as the tests replay them (tests/fixtures/cms/vendor-*).

The CMS is a municipal site product of a Thai vendor, CodeIgniter 3 on PHP and MySQL, whose code is
public (github.com/assystemth/Thongtanee, recorded at commit 1bd89b7). Its code is not ours and is not
copied here: give the recorder a checkout of it. The recorder runs it unchanged on PHP 8.2 and MariaDB
(only its base_url is set, as an installer sets it), creates the tables its ITA module uses (the
repository ships no schema: the columns are the ones its models read and write), signs in to its back
office and fills the ITA module as a unit's staff do: ITA posts with PDF uploads ("ita" module), then a
year, its topics, and the links under each topic (each shown with a "เปิด" button). The site plan was
written with its answer key (tests/fixtures/cms/vendor-key.yml) before the first recording.

    git clone https://github.com/assystemth/Thongtanee /tmp/thongtanee && git -C /tmp/thongtanee checkout 1bd89b7
    .venv/bin/python tools/record_vendor_cms.py --source /tmp/thongtanee      # as root on Debian 12

Writes tests/fixtures/cms/vendor.warc.gz, vendor-itas.csv (what staff submit: each item's "เปิด" link)
and vendor-center.txt (the ITA 2569 page). Nothing leaves loopback.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from recording import ROOT, Visitor, ensure_packages, mariadb, php_server, record, write_submissions

from tests.scans import scanned, typeset

HOST = "www.thongtanee.example"
SITE = f"http://{HOST}"
OUT = ROOT / "tests" / "fixtures" / "cms"
PACKAGES = ["mariadb-server", "php-cli", "php-mysql", "php-gd", "php-mbstring", "php-xml", "php-curl"]
ADMIN, PASSWORD = "itaadmin", "ita-2569-record"
UNIT = "เทศบาลตำบลธงธานี"
SKIP = re.compile(r"/(?:User|Home/login|System_admin|[A-Za-z_]+_backend)(?:/|$)|/Pages/increment_download", re.I)

# The tables of the ITA module and what every page needs (sessions in the database, the storage quota).
SCHEMA = """CREATE DATABASE db_thongtanee CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
USE db_thongtanee;
CREATE TABLE tbl_sessions (id varchar(128) NOT NULL, ip_address varchar(45) NOT NULL,
  timestamp int unsigned DEFAULT 0 NOT NULL, data blob NOT NULL, KEY ci_sessions_timestamp (timestamp));
CREATE TABLE tbl_member (m_id int AUTO_INCREMENT PRIMARY KEY, m_username varchar(100), m_password varchar(100),
  m_fname varchar(100), m_lname varchar(100), m_img varchar(200), m_status int DEFAULT 1, ref_pid int);
CREATE TABLE tbl_server (server_id int PRIMARY KEY, server_storage double, server_current double);
CREATE TABLE tbl_ita (ita_id int AUTO_INCREMENT PRIMARY KEY, ita_name text, ita_detail text, ita_date datetime,
  ita_link text, ita_by varchar(100), ita_img varchar(200), ita_status varchar(20) DEFAULT 'show',
  ita_view int DEFAULT 0, ita_datesave timestamp DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE tbl_ita_pdf (ita_pdf_id int AUTO_INCREMENT PRIMARY KEY, ita_pdf_ref_id int, ita_pdf_pdf varchar(255),
  ita_pdf_download int DEFAULT 0);
CREATE TABLE tbl_ita_img (ita_img_id int AUTO_INCREMENT PRIMARY KEY, ita_img_ref_id int, ita_img_img varchar(255));
CREATE TABLE tbl_ita_file (ita_file_id int AUTO_INCREMENT PRIMARY KEY, ita_file_ref_id int,
  ita_file_doc varchar(255), ita_file_download int DEFAULT 0);
CREATE TABLE tbl_ita_year (ita_year_id int AUTO_INCREMENT PRIMARY KEY, ita_year_year varchar(20),
  ita_year_by varchar(100), ita_year_datesave timestamp DEFAULT CURRENT_TIMESTAMP);
CREATE TABLE tbl_ita_year_topic (ita_year_topic_id int AUTO_INCREMENT PRIMARY KEY, ita_year_topic_ref_id int,
  ita_year_topic_name text, ita_year_topic_msg text);
CREATE TABLE tbl_ita_year_link (ita_year_link_id int AUTO_INCREMENT PRIMARY KEY, ita_year_link_ref_id int,
  ita_year_link_name text, ita_year_link_link1 text, ita_year_link_link2 text, ita_year_link_link3 text,
  ita_year_link_link4 text, ita_year_link_link5 text);
INSERT INTO tbl_server VALUES (1, 20, 0);
"""
# The vendor's .htaccess under Apache (files as they are, the rest to index.php/PATH), in production mode.
ROUTER = """<?php
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ($path !== '/' && (is_file($file) || is_dir($file))) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
$_SERVER['PATH_INFO'] = $path;
$_SERVER['CI_ENV'] = 'production';
chdir($_SERVER['DOCUMENT_ROOT']);
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
"""


def documents() -> dict[str, tuple[str, bytes]]:
    return {
        "structure": ("structure-2569.pdf", typeset(["โครงสร้างส่วนราชการ" + UNIT, "ประกาศ ณ วันที่ 1 ตุลาคม 2568"])),
        "executives": ("executives.pdf", typeset(["ทำเนียบผู้บริหาร", UNIT, "นายกเทศมนตรี นายธงชัย ใจงาม"])),
        "plan": ("plan-2566-2570.pdf", typeset(["แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570)", UNIT])),
        "annual": ("annual-report-2568.pdf", typeset(["รายงานผลการดำเนินงานประจำปี", "ประจำปีงบประมาณ พ.ศ. 2568"])),
        "manual": ("manual-staff.pdf", typeset(["คู่มือการปฏิบัติงาน", "งานจัดเก็บรายได้ กองคลัง"])),
        "procure-oct": ("procure-2568-10.pdf", typeset(["สรุปผลการจัดซื้อจัดจ้าง", "ประจำเดือนตุลาคม พ.ศ. 2568"])),
        "procure-nov": ("procure-2568-11.pdf", typeset(["สรุปผลการจัดซื้อจัดจ้าง", "ประจำเดือนพฤศจิกายน พ.ศ. 2568"])),
        "procure-year": ("procure-report.pdf", typeset(["รายงานสรุปผลการจัดซื้อจัดจ้าง", "ประจำปีงบประมาณ พ.ศ. 2567"])),
        "hr-plan": ("hr-plan-2569.pdf", typeset(["แผนพัฒนาบุคลากร", "ประจำปีงบประมาณ พ.ศ. 2569"])),
        "hr-report": ("hr-report-2568.pdf", typeset(["รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", "ประจำปีงบประมาณ พ.ศ. 2568"])),
        "ethics": ("ethics.pdf", typeset(["ประมวลจริยธรรมของพนักงานเทศบาล", UNIT])),
        "complaints": ("complaints-2568.pdf", typeset(["สถิติเรื่องร้องเรียนการทุจริต", "ประจำปีงบประมาณ พ.ศ. 2568"])),
        "participation": ("participation-scan.pdf", scanned(["ผลการเปิดโอกาสให้มีส่วนร่วม", "ประจำปีงบประมาณ พ.ศ. 2569", UNIT])),
        "no-gift": ("no-gift-2569.pdf", typeset(["ประกาศเจตนารมณ์ No Gift Policy", "ประจำปีงบประมาณ พ.ศ. 2569"])),
        "risk": ("risk-assessment-2569.pdf", typeset(["การประเมินความเสี่ยงการทุจริต", "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘"])),
        "anti-corruption-report": ("anti-corruption-report-2568.pdf",
                                   typeset(["รายงานผลการดำเนินการป้องกันการทุจริต", "ประจำปีงบประมาณ พ.ศ. 2568"])),
        "integrity-2567": ("integrity-2567.pdf", typeset(["รายงานผลการส่งเสริมคุณธรรมและความโปร่งใส",
                                                           "ประจำปีงบประมาณ พ.ศ. 2567"])),
    }


@dataclass
class Vendor(Visitor):
    posts: int = 0  # ITA posts made so far: the next one's id is posts + 1 in a new database
    topics: int = 0
    uploaded: dict[str, str] = field(default_factory=dict)  # document key → its URL once uploaded

    def login(self) -> None:
        status, _ = self.form("/User/check2", {"m_username": ADMIN, "m_password": PASSWORD})
        if status not in (200, 302, 303) or "ci_session" not in self.cookies:
            raise SystemExit(f"could not sign in to the back office ({status})")

    def post(self, name: str, detail: str, pdfs: list[str] = (), link: str = "") -> str:
        """An ITA post of the "ita" module, as staff add it (with its PDFs); its public page."""
        files = [("ita_pdf_pdf[]", documents()[key][0], "application/pdf", documents()[key][1]) for key in pdfs]
        status, body = self.multipart("/Ita_backend/add", {"ita_name": name, "ita_detail": detail, "ita_link": link,
                                                           "ita_date": "2026-01-15T10:00"}, files)
        if status not in (200, 302, 303):
            raise SystemExit(f"Ita_backend/add {name}: {status} {body[:300]!r}")
        self.posts += 1
        return f"{SITE}/Pages/ita_detail/{self.posts}"

    def document(self, key: str) -> str:
        """A PDF kept on the site: uploaded with a post of its own in the "ita" module, linked directly."""
        if key not in self.uploaded:
            self.post(f"เอกสาร {documents()[key][0]}", "", [key])
            self.uploaded[key] = f"{SITE}/docs/file/{documents()[key][0]}"
        return self.uploaded[key]

    def year(self, year: str) -> int:
        self.form("/Ita_year_backend/add_year", {"ita_year_year": year})
        _, _, page = self.request("GET", "/Ita_year_backend")
        found = re.findall(r"index_topic/(\d+)", page.decode("utf-8", "replace"))
        return max(map(int, found))

    def topic(self, year_id: int, name: str) -> int:
        self.form("/Ita_year_backend/add_topic", {"ita_year_topic_ref_id": str(year_id), "ita_year_topic_name": name,
                                                  "ita_year_topic_msg": ""})
        self.topics += 1
        return self.topics

    def link(self, topic_id: int, name: str, *urls: str) -> None:
        fields = {"ita_year_link_ref_id": str(topic_id), "ita_year_link_name": name}
        fields |= {f"ita_year_link_link{n}": url for n, url in enumerate((*urls, "", "", "", "", ""), start=1) if n <= 5}
        self.form("/Ita_year_backend/add_link", fields)


def build_site(cms: Vendor) -> tuple[str, dict[str, str]]:
    """The ITA 2569 page as the unit's staff fill it, and what they submit for each item."""
    post, doc = cms.post, cms.document
    targets = {
        "O1": [post("โครงสร้างและอำนาจหน้าที่", f"โครงสร้างส่วนราชการ{UNIT} และอำนาจหน้าที่ตามพระราชบัญญัติเทศบาล",
                    ["structure"])],
        "O2": [doc("executives")],
        "O3": [post("ข้อมูลการติดต่อ", "ที่อยู่ 88 หมู่ 4 ตำบลธงธานี โทรศัพท์ 0 4361 2345 อีเมล saraban@thongtanee.example")],
        "O4": [post("ข่าวประชาสัมพันธ์ ปีงบประมาณ 2569", "ประกาศรับสมัครพนักงานจ้าง (15 พฤศจิกายน 2568) · "
                    "ประชาสัมพันธ์การชำระภาษีที่ดิน (8 มกราคม 2569) · กิจกรรมวันเด็ก (10 มกราคม 2569)")],
        "O5": [doc("plan")],
        "O6": ["https://drive.google.com/file/d/1TtGgHhO6pLaN2569/view?usp=sharing"],
        "O7": [post("รายงานผลการดำเนินงานประจำปี 2568", "รายงานผลการดำเนินงาน", ["annual"])],
        "O8": [f"{SITE}/Pages/ita_detail/999"],
        "O9": [post("คู่มือสำหรับประชาชน", "คู่มือการขอรับบริการ งานทะเบียนพาณิชย์ งานขออนุญาตก่อสร้าง", ["manual"])],
        "O10": [post("E-Service", "ยื่นคำร้องออนไลน์ได้ตลอด 24 ชั่วโมง ผ่านแบบฟอร์มคำร้องทั่วไปของเทศบาล")],
        "O11": [post("สรุปผลการจัดซื้อจัดจ้างรายเดือน ปีงบประมาณ 2569", "ตุลาคม – พฤศจิกายน 2568",
                     ["procure-oct", "procure-nov"])],
        "O12": [doc("procure-year")],
        "O13": [post("แผนพัฒนาบุคลากร ปีงบประมาณ 2569", "หลักเกณฑ์การบริหารและพัฒนาทรัพยากรบุคคล", ["hr-plan"])],
        "O14": [doc("hr-report")],
        "O15": [post("ประมวลจริยธรรม", "ประมวลจริยธรรมของพนักงานเทศบาล", ["ethics"])],
        "O16": [f"{SITE}/docs/file/complaint-guideline-2569.pdf"],  # the file was never uploaded
        "O17": [post("ช่องทางแจ้งเรื่องร้องเรียนการทุจริต", "แจ้งได้ที่ศูนย์รับเรื่องร้องเรียน โทร 0 4361 2345 ต่อ 12 "
                     "หรือกล่องรับเรื่องร้องเรียนหน้าสำนักงาน")],
        "O18": [post("สถิติเรื่องร้องเรียนการทุจริต ปีงบประมาณ 2568", "สถิติเรื่องร้องเรียน", ["complaints"])],
        "O19": [post("ผลการเปิดโอกาสให้มีส่วนร่วม", "การประชุมประชาคม", ["participation"])],
        "O20": [post("ประกาศเจตนารมณ์ No Gift Policy ปีงบประมาณ 2569", "นโยบายไม่รับของขวัญ", ["no-gift"])],
        "O21": [post("การประเมินความเสี่ยงการทุจริต ปี 2569", "ผลการประเมินความเสี่ยง", ["risk"])],
        "O22": [],  # the link left empty: staff meant to add it
        "O23": ["https://drive.google.com/drive/folders/1Xx23aBcAntiCorruptionPlan"],
        "O24": [post("รายงานผลการดำเนินการป้องกันการทุจริต ประจำปีงบประมาณ 2568", "รายงานผล",
                     ["anti-corruption-report"])],
        "O25": [post("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร",
                     "ผลการวิเคราะห์ผลการประเมิน ITA ประจำปี 2568 และมาตรการส่งเสริมคุณธรรมที่นำไปปฏิบัติในปีงบประมาณ พ.ศ. 2569")],
    }
    titles = dict(TITLES)
    old = cms.year("2568")
    old_topic = cms.topic(old, "ตัวชี้วัดที่ 10 การป้องกันการทุจริต")
    cms.link(old_topic, "O26 รายงานผลการส่งเสริมคุณธรรมและความโปร่งใส", doc("integrity-2567"))
    targets["O26"] = [f"{SITE}/Pages/ita_year_detail/{old}"]  # last year's ITA page, linked for this year
    current = cms.year("2569")
    for topic_name, items in (("ตัวชี้วัดที่ 9 การเปิดเผยข้อมูล", range(1, 21)),
                              ("ตัวชี้วัดที่ 10 การป้องกันการทุจริต", range(21, 27))):
        topic = cms.topic(current, topic_name)
        for number in items:
            item = f"O{number}"
            cms.link(topic, f"{item} {titles[item]}", *targets[item])
    submitted = {item: urls[0] for item, urls in targets.items() if urls}
    return f"{SITE}/Pages/ita_year_detail/{current}", submitted


TITLES = (("O1", "โครงสร้าง หน้าที่และอำนาจ"), ("O2", "ข้อมูลผู้บริหาร"), ("O3", "ข้อมูลการติดต่อ"),
          ("O4", "ข่าวประชาสัมพันธ์"), ("O5", "แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน"),
          ("O6", "แผนและความก้าวหน้าในการดำเนินงานและการใช้งบประมาณประจำปี"), ("O7", "รายงานผลการดำเนินงานประจำปี"),
          ("O8", "คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่"), ("O9", "คู่มือหรือแนวทางการขอรับบริการ"),
          ("O10", "ระบบการให้บริการผ่านช่องทางออนไลน์ E-Service"), ("O11", "สรุปผลการจัดซื้อจัดจ้างรายเดือน"),
          ("O12", "รายงานสรุปผลการจัดซื้อจัดจ้าง"), ("O13", "หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล"),
          ("O14", "รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล"), ("O15", "ประมวลจริยธรรม"),
          ("O16", "แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริต"), ("O17", "ช่องทางแจ้งเรื่องร้องเรียนการทุจริต"),
          ("O18", "ข้อมูลสถิติเรื่องร้องเรียนการทุจริต"), ("O19", "ผลการเปิดโอกาสให้มีส่วนร่วม"),
          ("O20", "การขับเคลื่อนนโยบาย No Gift Policy"), ("O21", "การประเมินความเสี่ยงการทุจริต"),
          ("O22", "รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยง"), ("O23", "แผนปฏิบัติการป้องกันการทุจริต"),
          ("O24", "รายงานผลการดำเนินการป้องกันการทุจริต"), ("O25", "การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร"),
          ("O26", "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใส"))


@contextlib.contextmanager
def running_vendor(source: Path, work: Path) -> Iterator[Vendor]:
    """The vendor's code as it is, its base_url set to the site's address, on its own database."""
    app = work / "app"
    shutil.copytree(source, app, ignore=shutil.ignore_patterns(".git", "4.3.2567"))
    config = app / "application" / "config" / "config.php"
    config.write_text(re.sub(r"^\$config\['base_url'\] = .*$", f"$config['base_url'] = '{SITE}/';",
                             config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    for folder in ("docs/file", "docs/img"):
        (app / folder).mkdir(parents=True, exist_ok=True)
    admin = (f"USE db_thongtanee; INSERT INTO tbl_member (m_username, m_password, m_fname, m_lname, ref_pid) VALUES "
             f"('{ADMIN}', '{hashlib.sha1(PASSWORD.encode()).hexdigest()}', 'ผู้ดูแล', 'ITA', 1);")
    (work / "router.php").write_text(ROUTER, encoding="utf-8")
    with mariadb(work, SCHEMA + admin) as socket_path, php_server(
            app, work / "router.php", ("-d", f"mysqli.default_socket={socket_path}", "-d", "upload_max_filesize=20M",
                                       "-d", "post_max_size=20M")) as port:
        yield Vendor(port, HOST)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="a checkout of github.com/assystemth/Thongtanee")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if not (args.source / "application" / "controllers" / "Ita_year_backend.php").is_file():
        raise SystemExit(f"{args.source} is not a checkout of the vendor's CMS (no Ita_year_backend controller)")
    ensure_packages(PACKAGES)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ita-vendor-") as work, running_vendor(args.source, Path(work)) as cms:
        cms.login()
        center, submitted = build_site(cms)
        count = record(Visitor(cms.port, HOST), [center, *submitted.values()], f"{SITE}/Pages/no_such_page_ita_replay",
                       args.out / "vendor.warc.gz", SKIP)
        write_submissions(args.out / "vendor-itas.csv", submitted)
        (args.out / "vendor-center.txt").write_text(center + "\n", encoding="utf-8")
    print(f"recorded {count} responses of {SITE} at {datetime.now():%Y-%m-%d %H:%M} into {args.out}")


if __name__ == "__main__":
    main()
