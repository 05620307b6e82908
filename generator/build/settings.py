"""What the ITA center needs of a builder's configuration, said once for the MkDocs plugin, for
Zensical's config file and for the benchmark's plain build.

Static settings (the tool's theme layer, its styles and scripts, the Markdown extensions the
generated pages use, the Thai search separator) never come from the unit's mkdocs.yml, so an
upgrade of the tool changes nothing in the unit's folder; per-build settings (navigation, site
name and address, logo, the footer's contact block) come from content/ on every build.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from markupsafe import Markup

from generator.build.theme import SCRIPTS, SEARCH_SHIM, STYLESHEETS, THEME_DIR
from generator.model import Model
from generator.pages.render import Site, brand_image

SEPARATOR = r"[\s\u200b\-]+"  # U+200B separates the Thai words the build cuts out (generator/build/search_index.py)
EXTENSIONS: dict[str, dict[str, Any]] = {"admonition": {}, "attr_list": {}, "md_in_html": {}, "tables": {},
                                         "toc": {"permalink": True}}
FEATURES = ("navigation.indexes", "navigation.path", "navigation.top", "search.highlight")
# Material must never fetch Google Fonts (Sarabun is self-hosted), takes the unit's colours (overrides/main.html),
# and speaks Thai (its labels and the page's lang) whatever the unit's mkdocs.yml says.
THEME = {"font": False, "palette": {"primary": "custom", "accent": "custom"}, "language": "th"}
# Problems --strict must stop a deploy build on (MkDocs' defaults only inform about some of them).
VALIDATION = {"nav": {"omitted_files": logging.WARNING, "not_found": logging.WARNING},
              "links": {"not_found": logging.WARNING, "anchors": logging.WARNING,
                        "unrecognized_links": logging.WARNING}}


def added(existing: list[Any], wanted: tuple[str, ...]) -> list[str]:
    """What of ``wanted`` a list from the unit's config does not have yet, in order."""
    have = {str(entry) for entry in existing}
    return [entry for entry in wanted if entry not in have]


def scripts(thai_search: bool) -> tuple[str, ...]:
    return tuple(script for script in SCRIPTS if thai_search or script != SEARCH_SHIM)


def per_build(model: Model, site: Site) -> dict[str, Any]:
    """What content/ decides on every build. ``theme`` and ``extra`` are laid over the config's own,
    the other keys replace it."""
    unit, brand = model.unit, model.unit.brand
    theme = {kind: str(brand_image(kind, image)) for kind, image in (("logo", brand.logo), ("favicon", brand.favicon))
             if image}
    # Read by overrides/main.html and overrides/partials/: colours, the footer's contact block.
    extra: dict[str, object] = {"unit": {"name": unit.name, "address": brand.address, "phone": brand.phone, "email": brand.email,
                      "main_website": unit.main_website, "primary": brand.primary, "accent": brand.accent,
                      "made_with": brand.made_with}}
    if unit.ita_only:  # the theme's logo and the ITA center's way home lead to the unit's own site
        extra["homepage"] = unit.main_website
    return {"nav": site.nav, "site_url": unit.published_at,
            # The theme prints it raw in most places and through "| e" in its logo's title: escaped once, and
            # marked as such (Markup) so "| e" leaves it alone instead of escaping it a second time.
            "site_name": Markup(html.escape(unit.name)),
            "theme": theme, "extra": extra}


def yaml_config(config: dict[str, Any], model: Model, site: Site, *, theme_dir: str = str(THEME_DIR),
                thai_search: bool = True) -> dict[str, Any]:
    """A mkdocs.yml read as YAML, with all the plugin would set: for a builder that runs no plugin."""
    result = {key: value for key, value in config.items() if key != "hooks"}
    listed = config.get("plugins") or []
    plugins = [{name: options} for name, options in listed.items()] if isinstance(listed, dict) else listed
    result["plugins"] = []
    for plugin in plugins:
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        if name == "search":
            result["plugins"].append({"search": {"separator": SEPARATOR, **(options or {})}})
        elif name != "ita":
            result["plugins"].append(plugin)
    build = per_build(model, site)
    theme = {**(config.get("theme") or {}), **THEME, **build.pop("theme"), "custom_dir": theme_dir}
    theme["features"] = [*(theme.get("features") or []), *added(theme.get("features") or [], FEATURES)]
    result.update(build, theme=theme, extra={**(config.get("extra") or {}), **build["extra"]},
                  site_name=str(build["site_name"]))
    result["extra_css"] = [*(config.get("extra_css") or []), *added(config.get("extra_css") or [], STYLESHEETS)]
    javascript = config.get("extra_javascript") or []
    result["extra_javascript"] = [*javascript, *added(javascript, scripts(thai_search))]
    extensions = [entry if isinstance(entry, str) else next(iter(entry)) for entry in config.get("markdown_extensions") or []]
    result["markdown_extensions"] = [*(config.get("markdown_extensions") or []),
                                     *({name: settings} if settings else name for name, settings in EXTENSIONS.items()
                                       if name not in extensions)]
    return result
