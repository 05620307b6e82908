"""The site builders ``ita build`` can drive, and what each needs from us.

MkDocs 1.6 is frozen and Material for MkDocs ends on 2027-05-05, so the same ITA center must
build with its successors too. ProperDocs is MkDocs 1.6 continued: it reads mkdocs.yml and
runs our plugin, so it is called exactly like MkDocs. Zensical reads mkdocs.yml but runs no plugin,
so ``ita`` does the plugin's work around it (generator/build/zensical.py).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.basics.errors import ConfigError

# Where each builder writes its search index inside the site; the Thai words go into whichever exists.
SEARCH_INDEXES = ("search/search_index.json", "search.json")


@dataclass(frozen=True)
class Builder:
    name: str
    package: str  # what `pip install` needs, shown when it is missing
    runs_hooks: bool

    def installed(self) -> bool:
        return importlib.util.find_spec(self.name) is not None

    def command(self, config: Path, out_dir: Path | None) -> list[str]:
        # No --quiet: it lifts the log level above WARNING, and --strict then counts no warning at all.
        command = [sys.executable, "-m", self.name, "build", "--strict", "--config-file", str(config)]
        return [*command, "--site-dir", str(out_dir)] if out_dir else command  # Zensical takes it from the config


BUILDERS = {builder.name: builder for builder in (
    Builder("mkdocs", "mkdocs", runs_hooks=True),
    Builder("properdocs", "properdocs==1.6.7", runs_hooks=True),
    Builder("zensical", "zensical==0.0.73", runs_hooks=False),
)}

# MkDocs 1.6 and Material 9.x print an end-of-life banner on every run; ProperDocs has its own switch.
QUIET_BANNERS = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "1"}


def builder_named(name: str | None) -> Builder:
    """The builder asked for, or the first installed (MkDocs first); ConfigError (Thai) if it is not installed."""
    if name is None:
        found = next((builder for builder in BUILDERS.values() if builder.installed()), None)
        if found is None:
            raise ConfigError("ไม่พบโปรแกรมสร้างเว็บไซต์ (mkdocs, properdocs หรือ zensical) ให้สั่ง make site ก่อน")
        return found
    builder = BUILDERS[name]
    if not builder.installed():
        raise ConfigError(f"ยังไม่ได้ติดตั้ง {name} ให้สั่ง .venv/bin/pip install '{builder.package}' "
                          f"หรือ pip install -e '.[{name}]' แล้วลองอีกครั้ง")
    return builder


def builder_env(**extra: str) -> dict[str, str]:
    return {**os.environ, **QUIET_BANNERS, **extra}
