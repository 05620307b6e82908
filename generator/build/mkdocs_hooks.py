"""The only MkDocs-specific code: regenerate the ITA center before every build.

``mkdocs build`` and ``mkdocs serve`` call ``on_config``; invalid content stops the build
there, before MkDocs cleans ``site_dir``, so the last good site stays in place.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.build.builders import hook_settings
from generator.content.load import load_model
from generator.basics.errors import ConfigError, InvalidContent
from generator.model.results import missing_results
from generator.basics.project_lock import project_lock
from generator.build.search_index import SHIM, finish_search
from generator.build.write import generate

log = logging.getLogger("mkdocs.plugins.ita")
_state = {"preview": os.environ.get("ITA_PREVIEW") == "1"}
# ITA_THAI_SEARCH=off builds Material's search as it is, for measuring what the Thai words add.
THAI_SEARCH = os.environ.get("ITA_THAI_SEARCH") != "off"
LOCK_WAIT = 60.0  # seconds: `mkdocs serve` rebuilding while another command writes waits its turn


def on_startup(command: str, **_: Any) -> None:
    # Preview marks (missing elements) show while staff edit with `mkdocs serve`, never in a deploy build.
    if command == "serve":
        _state["preview"] = True


def on_config(config: Any) -> Any:
    root = Path(config.config_file_path).parent
    try:
        with project_lock(root, "mkdocs", wait=LOCK_WAIT):
            model = load_model(root)
            site, changed = generate(model, Path(config.docs_dir), preview=_state["preview"])
    except InvalidContent as error:
        for problem in error.errors:
            log.error(str(problem))
        raise PluginError(f"ข้อมูลไม่ถูกต้อง {len(error.errors)} จุด ดูรายละเอียดด้านบน") from None
    except ConfigError as error:
        raise PluginError(str(error)) from None
    log.info("ศูนย์ ITA: สร้างหน้า %d หน้า เปลี่ยน %d ไฟล์", len(site.pages), changed)
    for note in missing_results(model):
        log.info("หมายเหตุ %s", note)  # info, not warning: an incomplete year must still build with --strict
    for key, value in hook_settings(model, site).items():
        if key == "theme":
            for name, setting in value.items():
                config.theme[name] = setting
        elif key == "extra":
            config.extra.update(value)
        else:
            config[key] = value
    if not THAI_SEARCH:
        config.extra_javascript = [script for script in config.extra_javascript if str(script) != SHIM]
    return config


def on_post_build(config: Any) -> None:
    if THAI_SEARCH:
        finish_search(Path(config.site_dir))


def on_serve(server: Any, config: Any, builder: Any, **_: Any) -> Any:
    root = Path(config.config_file_path).parent
    server.watch(str(root / "content"))
    server.watch(str(root / "generator" / "criteria"))
    return server
