"""Build-time benchmark: the generator's overhead over a plain MkDocs build of the same pages.

For the example unit and for a synthetic large unit (10 years x 30 items x 20 documents) it
times `mkdocs build` with the ITA hook (load + render + write + build), then a plain
`mkdocs build` of the very Markdown the hook wrote, with the same theme and navigation but no
hook. Prints medians, peak memory and the overhead ratio; it asserts nothing.

    .venv/bin/python bench/build_bench.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.content import load_model  # noqa: E402
from generator.render import render_site  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
YEARS, ITEMS, ELEMENTS, DOCS_PER_ELEMENT = 10, 30, 4, 5
LAST_YEAR = int((ROOT / "content" / "unit.yml").read_text(encoding="utf-8").split("assessment_year:")[1].split()[0])


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def project_copy(target: Path) -> Path:
    """A project with its own copy of the generator package, so it can carry synthetic criteria."""
    target.mkdir()
    for name in ("mkdocs.yml", "content", "overrides", "generator", ".generated"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / name)
    return target


def synthetic_unit(project: Path) -> None:
    """Replace criteria and content by 10 years x 30 items x 4 elements x 5 documents."""
    criteria = project / "generator" / "criteria"
    shutil.rmtree(criteria)
    criteria.mkdir()
    shutil.rmtree(project / "content" / "items")
    shutil.rmtree(project / "content" / "results")  # results name the example's questions and items
    sample_pdf = next((ROOT / "content" / "documents").rglob("*.pdf"))
    for year in range(LAST_YEAR - YEARS + 1, LAST_YEAR + 1):
        items = [{
            "id": f"o{number}", "title": f"รายการทดสอบที่ {number} การเปิดเผยข้อมูลสาธารณะ", "indicator": 9,
            "group": "bench", "year_rule": "current",
            "elements": [{"key": f"element_{index}", "label": f"องค์ประกอบที่ {index}", "confirmed": True}
                         for index in range(ELEMENTS)],
        } for number in range(1, ITEMS + 1)]
        catalogue = {"year": year, "status": "provisional",
                     "indicators": [{"number": 9, "tool": "OIT", "name": "การเปิดเผยข้อมูล"}],
                     "items": items}
        (criteria / f"{year}.yml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), encoding="utf-8")
        for number in range(1, ITEMS + 1):
            folder = project / "content" / "documents" / str(year) / f"o{number}"
            folder.mkdir(parents=True, exist_ok=True)
            elements = {}
            for index in range(ELEMENTS):
                entries = []
                for doc in range(DOCS_PER_ELEMENT):
                    name = f"element-{index}-{doc}.pdf"
                    shutil.copy2(sample_pdf, folder / name)
                    entries.append({"document": f"documents/{year}/o{number}/{name}",
                                    "title": f"เอกสารที่ {doc + 1} ประจำปีงบประมาณ พ.ศ. {year}", "fiscal_year": year})
                elements[f"element_{index}"] = entries
            front = {"item": f"o{number}", "year": year, "owner": "สำนักปลัด", "elements": elements}
            item_file = project / "content" / "items" / str(year) / f"o{number}.md"
            item_file.parent.mkdir(parents=True, exist_ok=True)
            item_file.write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\nคำอธิบาย\n", encoding="utf-8")


def plain_config(project: Path) -> Path:
    """mkdocs.yml without the hook, over a copy of the generated Markdown, with the same nav."""
    model = load_model(project, project / "generator" / "criteria")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.pop("hooks")
    config.update(docs_dir="plain_docs", site_name=model.unit.name, site_url=model.unit.published_at,
                  nav=render_site(model).nav)
    shutil.copytree(project / ".generated", project / "plain_docs")
    path = project / "plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def measure(label: str, project: Path, runs: int) -> None:
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    timed([*mkdocs, "--site-dir", "site"], project)  # warm-up, and writes .generated for the plain copy
    config = plain_config(project)
    hooked, plain = [], []
    for _ in range(runs):  # interleaved, so drift on a shared machine hits both alike
        hooked.append(timed([*mkdocs, "--site-dir", "site"], project))
        plain.append(timed([*mkdocs, "--config-file", str(config), "--site-dir", "site-plain"], project))
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    files = sum(1 for path in (project / "site").rglob("*") if path.is_file())
    hooked_s = statistics.median(t for t, _ in hooked)
    plain_s = statistics.median(t for t, _ in plain)
    print(f"\n{label}: {pages} pages, {files} files in site/ (median of {runs})")
    print(f"  mkdocs build with ITA hook   {hooked_s:7.2f} s   peak {max(m for _, m in hooked):4d} MB")
    print(f"  plain mkdocs build, no hook  {plain_s:7.2f} s   peak {max(m for _, m in plain):4d} MB")
    print(f"  generator overhead           {(hooked_s / plain_s - 1) * 100:+6.1f} %   (target: under +20 %)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        example = project_copy(Path(tmp) / "example")
        measure("example unit", example, args.runs)
        large = project_copy(Path(tmp) / "large")
        synthetic_unit(large)
        measure(f"large unit ({YEARS} years x {ITEMS} items x {ELEMENTS * DOCS_PER_ELEMENT} documents)", large, args.runs)


if __name__ == "__main__":
    main()
