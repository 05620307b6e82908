"""Zensical builds mkdocs.yml but runs no plugin: ita does the plugin's work around it.

Before the build: the ITA center pages are generated (the same core the plugin calls) and a
config derived from mkdocs.yml is written with all the plugin would set (generator/build/settings.py).
Zensical takes one ``custom_dir`` and publishes every file in it: a copy of the tool's theme layer
here, with the unit's own overrides (if any) laid over it. Zensical only writes inside the project, so it builds into a
folder here that is then moved to the staging folder. After the build: the Thai words go into its
search index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.basics.errors import ConfigError
from generator.basics.textfile import write_text_atomic
from generator.build.safe_paths import tool_path
from generator.build.search_index import finish_search
from generator.build.settings import yaml_config
from generator.build.theme import THEME_DIR
from generator.build.write import GENERATED, generate
from generator.model import Model

CONFIG = ".zensical.yml"
OUT = ".zensical-site"
THEME = ".zensical-theme"  # the tool's theme with the unit's own overrides over it
ZENSICAL_CACHE = ".cache"  # where Zensical keeps what makes its rebuilds fast
HEADER = "# Written by `ita build --builder zensical` from mkdocs.yml on every build: edit mkdocs.yml instead.\n"


def prepare(root: Path, model: Model) -> Path:
    """Generate the pages and write Zensical's config; returns the config file."""
    for name in (CONFIG, OUT, THEME, ZENSICAL_CACHE):  # Zensical writes and deletes in these: real folders only
        tool_path(root, name)
    site, _ = generate(model, tool_path(root, GENERATED))
    try:
        settings = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"อ่าน mkdocs.yml ไม่ได้ ({error})") from None
    # Zensical publishes every file of its custom_dir (the package's __init__.py too): a copy without them.
    shutil.rmtree(root / THEME, ignore_errors=True)
    shutil.copytree(THEME_DIR, root / THEME, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    own = (settings.get("theme") or {}).get("custom_dir")
    if own:
        shutil.copytree(root / own, root / THEME, dirs_exist_ok=True)
    settings = yaml_config(settings, model, site, theme_dir=THEME)
    settings["site_dir"] = OUT
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
