"""Build-time benchmark: each builder, and the generator's overhead over a plain build of the same pages.

For the example unit and for a synthetic large unit (10 years x 30 items x 20 documents), and
for each installed builder (MkDocs, ProperDocs, Zensical), it times the build with the ITA
center (the hook for MkDocs and ProperDocs, `ita build --builder zensical` for Zensical: load +
render + write + build + Thai search words), then a plain build by the same builder of the very
Markdown that run wrote, with the same theme and navigation. "cold" builds start with no site
folder and no builder cache; "warm" rebuilds with nothing changed. Prints medians, peak memory
and the overhead ratio; it asserts nothing.

    .venv/bin/python bench/build_bench.py [--runs 3] [--builders mkdocs,properdocs,zensical]
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

from generator.build.builders import BUILDERS, builder_env  # noqa: E402
from generator.build.settings import yaml_config  # noqa: E402
from generator.build.zensical import CONFIG as ZENSICAL_CONFIG  # noqa: E402
from generator.content.load import load_model  # noqa: E402
from generator.pages.render import render_site  # noqa: E402

ENV = builder_env()
CACHES = ("site", "site-plain", ".cache", ".zensical-site", "plain-site")
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


def plain_config(project: Path, builder: str) -> Path:
    """The builder's config without the ITA center's work, over a copy of the generated Markdown."""
    if builder == "zensical":  # the config `ita build` wrote, pointed at the copy
        config = yaml.safe_load((project / ZENSICAL_CONFIG).read_text(encoding="utf-8"))
        config.update(site_dir="plain-site")
    else:
        model = load_model(project, project / "generator" / "criteria")
        config = yaml_config(yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")), model,
                             render_site(model))
    config["docs_dir"] = "plain_docs"
    shutil.rmtree(project / "plain_docs", ignore_errors=True)
    shutil.copytree(project / ".generated", project / "plain_docs")
    path = project / "plain.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def commands(project: Path, builder: str) -> tuple[list[str], list[str]]:
    """(the build with the ITA center, the plain build), after one run that writes what the plain one copies."""
    if builder == "zensical":
        with_ita = [sys.executable, "-m", "command.main", "build", "--builder", "zensical"]
        timed(with_ita, project)
        return with_ita, BUILDERS[builder].command(plain_config(project, builder), None)
    with_ita = BUILDERS[builder].command(project / "mkdocs.yml", project / "site")
    timed(with_ita, project)
    return with_ita, BUILDERS[builder].command(plain_config(project, builder), project / "site-plain")


def forget(project: Path) -> None:
    """A cold build: no site and no builder cache."""
    for name in CACHES:
        shutil.rmtree(project / name, ignore_errors=True)


def median(runs: list[tuple[float, int]]) -> str:
    return f"{statistics.median(t for t, _ in runs):6.2f} s (peak {max(m for _, m in runs):4d} MB)"


def measure(label: str, project: Path, builders: list[str], runs: int) -> None:
    print(f"\n{label} (median of {runs}; interleaved, so drift on a shared machine hits both alike)")
    print(f"  {'builder':<11}{'':6}{'with ITA center':>24}{'plain build':>24}{'overhead':>10}")
    for builder in builders:
        with_ita, plain = commands(project, builder)
        for state in ("cold", "warm"):
            timings: dict[str, list[tuple[float, int]]] = {"ita": [], "plain": []}
            for _ in range(runs):
                for name, command in (("ita", with_ita), ("plain", plain)):
                    if state == "cold":
                        forget(project)
                    else:
                        timed(command, project)  # the warm run rebuilds what this one built
                    timings[name].append(timed(command, project))
            ratio = statistics.median(t for t, _ in timings["ita"]) / statistics.median(t for t, _ in timings["plain"])
            print(f"  {builder:<11}{state:<6}{median(timings['ita']):>24}{median(timings['plain']):>24}"
                  f"{(ratio - 1) * 100:+9.1f} %")
    pages = sum(1 for _ in (project / "site").rglob("index.html"))
    print(f"  {pages} pages; generator overhead target: under +20 %")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--builders", default=",".join(name for name, b in BUILDERS.items() if b.installed()))
    args = parser.parse_args()
    builders = args.builders.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        example = project_copy(Path(tmp) / "example")
        measure("example unit", example, builders, args.runs)
        large = project_copy(Path(tmp) / "large")
        synthetic_unit(large)
        measure(f"large unit ({YEARS} years x {ITEMS} items x {ELEMENTS * DOCS_PER_ELEMENT} documents)", large,
                builders, args.runs)


if __name__ == "__main__":
    main()
