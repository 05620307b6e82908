"""The deploy build: MkDocs into a staging folder, swapped into place only on success.

``mkdocs build`` empties ``site_dir`` before it builds, so a failure half-way would leave
a broken site to deploy; building elsewhere first keeps the last good site instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


class BuildFailed(Exception):
    """MkDocs stopped; ``output`` is what it printed."""

    def __init__(self, output: str) -> None:
        super().__init__("mkdocs build ไม่สำเร็จ")
        self.output = output


def build_site(root: Path, site_dir: Path) -> None:
    staging = site_dir.with_name(f".{site_dir.name}-staging")
    shutil.rmtree(staging, ignore_errors=True)
    # No --quiet: it lifts MkDocs' log level above WARNING, and --strict then counts no warning at all.
    command = [sys.executable, "-m", "mkdocs", "build", "--strict",
               "--config-file", str(root / "mkdocs.yml"), "--site-dir", str(staging)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's end-of-life banner, not a problem of the site
    result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise BuildFailed(result.stdout + result.stderr)
    previous = site_dir.with_name(f".{site_dir.name}-previous")
    shutil.rmtree(previous, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)
