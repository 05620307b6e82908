"""The `ita` MkDocs plugin: `mkdocs build` and `mkdocs serve` make the ITA center on their own.

A unit's mkdocs.yml names it (``plugins: [search, ita]``); everything the ITA center needs from
MkDocs and Material comes from here, not from the unit's file, so upgrading the tool changes
nothing in the unit's folder: the tool's theme layer, its styles and scripts, the Markdown
extensions its pages use, the validation levels of ``--strict``, the Thai search separator, and
on every build the pages, navigation, site name and address from content/. Invalid content stops
the build before MkDocs cleans ``site_dir``, so the last good site stays in place.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from checks.reports.preview import previews
from generator.basics.errors import ConfigError, InvalidContent
from generator.basics.project_lock import project_lock
from generator.build import thai_log
from generator.build.search_index import finish_search
from generator.build.settings import EXTENSIONS, FEATURES, SEPARATOR, THEME, VALIDATION, added, per_build, scripts
from generator.build.theme import STYLESHEETS, THEME_DIR
from generator.build.write import generate
from generator.content.catalogues import CRITERIA_DIR
from generator.content.load import load_model
from generator.model.results import missing_results

log = logging.getLogger("mkdocs.plugins.ita")
# ITA_THAI_SEARCH=off builds Material's search as it is, for measuring what the Thai words add.
THAI_SEARCH = os.environ.get("ITA_THAI_SEARCH") != "off"
LOCK_WAIT = 60.0  # seconds: `mkdocs serve` rebuilding while another command writes waits its turn


def _theme(config: Any) -> None:
    """The tool's theme layer right under the unit's own custom_dir, and what Material must never do."""
    theme = config.theme
    dirs = [directory for directory in theme.dirs if Path(directory).resolve() != THEME_DIR]
    own = 1 if theme.custom_dir else 0
    theme.dirs = [*dirs[:own], str(THEME_DIR), *dirs[own:]]
    for name, value in THEME.items():
        theme[name] = value
    theme["features"] = [*theme.get("features", []), *added(theme.get("features", []), FEATURES)]


def _static(config: Any) -> None:
    """Styles, scripts, Markdown extensions, --strict levels and the search separator."""
    config.extra_css.extend(added(config.extra_css, STYLESHEETS))
    config.extra_javascript.extend(added(config.extra_javascript, scripts(THAI_SEARCH)))
    for name, options in EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        config.mdx_configs.setdefault(name, {}).update(options)
    for section, levels in VALIDATION.items():
        for name, level in levels.items():
            config.validation[section][name] = level
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is not None and not search.config.get("separator"):
        search.config["separator"] = SEPARATOR


def _error_page(config: Any, problems: list[str]) -> Any:
    """The preview while content/ is invalid: every page shows the problems (file, line, field) instead of its
    content (overrides/main.html), the pages generated last time stay so the browser's URL still opens."""
    docs = Path(config.docs_dir)
    if not (docs / "index.md").is_file():
        docs.mkdir(parents=True, exist_ok=True)
        (docs / "index.md").write_text("# ข้อมูลไม่ถูกต้อง\n", encoding="utf-8")
    _theme(config)
    _static(config)
    config.extra["ita_errors"] = problems
    return config


class ItaPlugin(BasePlugin):
    def __init__(self) -> None:
        self.preview = os.environ.get("ITA_PREVIEW") == "1"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        thai_log.install()
        # Preview marks (missing elements) show while staff edit with `mkdocs serve`, never in a deploy build.
        if command == "serve":
            self.preview = True

    @event_priority(100)  # before Material's search plugin reads its separator
    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).parent
        try:
            with project_lock(root, "mkdocs", wait=LOCK_WAIT):
                model = load_model(root)
                shown = previews(model, date.today()) if self.preview else None  # the verdicts ita check gives
                site, changed = generate(model, Path(config.docs_dir), preview=self.preview, previews=shown)
        except InvalidContent as error:
            for problem in error.errors:
                log.error(str(problem))
            if self.preview:  # the browser shows what to fix, and the next save rebuilds: the preview never hangs
                return _error_page(config, [str(problem) for problem in error.errors])
            raise PluginError(f"ข้อมูลไม่ถูกต้อง {len(error.errors)} จุด ดูรายละเอียดด้านบน") from None
        except ConfigError as error:
            if self.preview:
                return _error_page(config, [str(error)])
            raise PluginError(str(error)) from None
        log.info("ศูนย์ ITA: สร้างหน้า %d หน้า เปลี่ยน %d ไฟล์", len(site.pages), changed)
        for note in missing_results(model):
            log.info("หมายเหตุ %s", note)  # info, not warning: an incomplete year must still build with --strict
        _theme(config)
        _static(config)
        if model.unit.ita_only:  # its root page only sends visitors on to ita/: no menu entry for it
            config.validation["nav"]["omitted_files"] = logging.INFO
        for key, value in per_build(model, site).items():
            if key == "theme":
                for name, setting in value.items():
                    config.theme[name] = setting
            elif key == "extra":
                config.extra.update(value)
            else:
                config[key] = value
        return config

    def on_post_build(self, *, config: Any) -> None:
        if THAI_SEARCH:
            finish_search(Path(config.site_dir))

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = Path(config.config_file_path).parent
        server.watch(str(root / "content"))
        server.watch(str(CRITERIA_DIR))
        return server
