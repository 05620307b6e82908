"""Where the tool's theme layer is, wherever the tool is installed (a checkout or a wheel)."""

from __future__ import annotations

from pathlib import Path

import overrides

THEME_DIR = Path(overrides.__file__).resolve().parent
FONTS_DIR = THEME_DIR / "assets" / "fonts"
STYLESHEETS = ("assets/stylesheets/ita.css",)
SEARCH_SHIM = "assets/javascripts/thai-search.js"  # cuts the visitor's query into Thai words
SCRIPTS = (SEARCH_SHIM, "assets/javascripts/ita.js")
