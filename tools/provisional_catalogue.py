"""Write the provisional catalogue of a year the NACC has not published yet: last year's, years moved by one.

A fiscal year starts on 1 October and the NACC publishes its criteria around November–January, so units
prepare the new year on last year's list. This writes generator/criteria/<year>.yml from <year - 1>.yml:
every year in titles and labels moved by one, each item continuing last year's item of the same id,
``status: provisional`` and ``derived_from``. Sources keep their own years (they are documents that
exist). Run by developers when a fiscal year begins; the output is committed and replaced by the official
catalogue (with its own ``continues``) when the NACC publishes it; ``ita adopt-criteria`` then moves the
units' prepared items onto it.

    .venv/bin/python tools/provisional_catalogue.py 2570
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "generator" / "criteria"
YEAR = re.compile(r"(?<!\d)(25\d\d)(?!\d)")


def provisional(text: str, year: int) -> str:
    """The previous year's catalogue text as this year's provisional one."""
    previous = year - 1
    header, items = text.split("\nitems:\n", 1)
    header = re.sub(r"(?m)^year: \d+$", f"year: {year}\nstatus: provisional\nderived_from: {previous}", header)
    header = re.sub(r"(?m)^status: (?!provisional)\w+\n", "", header)
    header = "\n".join(line for line in header.splitlines() if not line.startswith("#"))
    comment = (f"# PROVISIONAL: the NACC has not published the ITA {year} criteria. This is {previous}.yml with every year\n"
               f"# moved by one (tools/provisional_catalogue.py): each item continues the {previous} item of the same\n"
               "# id, and its element requirements only warn until the official catalogue replaces this file.\n"
               f"# Every page, report and message of {year} says so.\n")
    ids = re.findall(r"(?m)^  - id: (\S+)$", items)
    items = YEAR.sub(lambda match: str(int(match.group(1)) + 1), items)
    items = re.sub(r"(?m)^    continues: \S+\n", "", items)
    for item_id in ids:
        items = re.sub(rf"(?m)^(  - id: {re.escape(item_id)}\n(?:    (?!elements:).*\n)*?)(    elements:)",
                       rf"\g<1>    continues: {item_id}\n\g<2>", items, count=1)
    items = re.sub(r", continues: [\w.]+", "", items)  # element continuations: the same key
    return comment + header.lstrip("\n") + "\nitems:\n" + items


def main() -> int:
    parser = argparse.ArgumentParser(description="เขียนเกณฑ์ชั่วคราวของปีที่ยังไม่ประกาศ จากเกณฑ์ปีก่อนโดยเลื่อนปี")
    parser.add_argument("year", type=int, help="ปีที่ประเมิน (พ.ศ.) เช่น 2570")
    parser.add_argument("--force", action="store_true", help="เขียนทับไฟล์ที่มีอยู่")
    args = parser.parse_args()
    source, target = CRITERIA / f"{args.year - 1}.yml", CRITERIA / f"{args.year}.yml"
    if not source.is_file():
        print(f"ไม่พบ {source}", file=sys.stderr)
        return 1
    if target.exists() and not args.force:
        print(f"มี {target} อยู่แล้ว ใช้ --force เพื่อเขียนทับ", file=sys.stderr)
        return 1
    target.write_text(provisional(source.read_text(encoding="utf-8"), args.year), encoding="utf-8")
    print(f"เขียนเกณฑ์ชั่วคราวของปี {args.year} จาก {source.name} ลงใน {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
