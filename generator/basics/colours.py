"""Colour contrast as WCAG 2.1 defines it: the unit's colours are checked before they are published.

Header text is white on the primary colour and links on white pages take the accent on hover,
so both must reach AA for normal text (4.5:1) against white.
"""

from __future__ import annotations

import re

HEX = re.compile(r"#[0-9a-fA-F]{6}")
WHITE = "#ffffff"
AA_TEXT = 4.5


def _channel(value: int) -> float:
    srgb = value / 255
    return srgb / 12.92 if srgb <= 0.03928 else ((srgb + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    red, green, blue = (int(colour[index:index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
