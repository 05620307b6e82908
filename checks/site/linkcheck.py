"""linkchecker behind one adapter: its stable CLI and CSV output, never its internals.

linkchecker crawls a site recursively and follows every internal link and document, which
is what it does well; the ITA rules on top (main domain, years, items) are ours.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Per-host rate limit well above a local server's speed; the loopback server opts in to it.
CONFIG = "[checking]\nmaxrequestspersecond=1000\n"


@dataclass(frozen=True)
class CrawlRecord:
    url: str
    parent: str
    result: str
    line: int | None


def crawl(start_url: str, *, threads: int = 8, timeout: int = 10) -> list[CrawlRecord]:
    """The invalid URLs linkchecker finds from ``start_url`` (internal links only)."""
    with tempfile.TemporaryDirectory() as tmp:
        # Run as root, linkchecker becomes user nobody: its config must be world-readable,
        # and it cannot write files here, so its CSV comes through stdout.
        Path(tmp).chmod(0o755)
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(CONFIG, encoding="utf-8")
        command = [sys.executable, "-m", "linkcheck", "--config", str(config), "--no-status", "--no-warnings",
                   "--threads", str(threads), "--timeout", str(timeout), "-o", "csv/utf-8", start_url]
        result = subprocess.run(command, capture_output=True, check=False, timeout=600)
    output = result.stdout.decode("utf-8", errors="replace")
    if result.returncode not in (0, 1) or "urlname;" not in output:  # 1: some links are broken
        raise RuntimeError(f"linkchecker failed ({result.returncode}): {result.stderr.decode()[-2000:]}")
    lines = [line for line in output.splitlines() if line and not line.startswith("#")]
    return [
        CrawlRecord(row["url"] or row["urlname"], row["parentname"], row["result"],
                    int(row["line"]) if row["line"].isdigit() else None)
        for row in csv.DictReader(lines, delimiter=";")
        if row["valid"] != "True"
    ]
