"""Zensical builds mkdocs.yml but silently skips ``hooks:``: ita does the hook's work around it.

Before the build: the ITA center pages are generated (the same core the hook calls) and a
config derived from mkdocs.yml is written with what the hook would set (nav, site_url,
site_name). Zensical only writes inside the project, so it builds into a folder here that
is then moved to the staging folder. After the build: the Thai words go into its search index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.build.builders import hook_settings, merged
from generator.basics.errors import ConfigError
from generator.model import Model
from generator.basics.textfile import write_text_atomic
from generator.build.search_index import finish_search
from generator.build.write import GENERATED, generate

CONFIG = ".zensical.yml"
OUT = ".zensical-site"
HEADER = "# Written by `ita build --builder zensical` from mkdocs.yml on every build: edit mkdocs.yml instead.\n"


def prepare(root: Path, model: Model) -> Path:
    """Generate the pages and write Zensical's config; returns the config file."""
    site, _ = generate(model, root / GENERATED)
    try:
        settings = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"อ่าน mkdocs.yml ไม่ได้ ({error})") from None
    settings.pop("hooks", None)
    settings.update(merged(hook_settings(model, site), settings), site_dir=OUT)
    # Zensical's default look is its new "modern" one; "classic" is Material's, as the other builders show.
    settings.setdefault("theme", {}).setdefault("variant", "classic")
    shutil.rmtree(root / OUT, ignore_errors=True)
    config = root / CONFIG
    write_text_atomic(config, HEADER + yaml.safe_dump(settings, allow_unicode=True, sort_keys=False))
    return config


def finish(root: Path, staging: Path) -> None:
    """Thai words into the built search index, then the site into the staging folder."""
    built = root / OUT
    finish_search(built)
    shutil.move(built, staging)
