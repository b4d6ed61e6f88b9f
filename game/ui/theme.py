"""The visual theme: colours and fonts shared by pygame_gui (theme.json) and custom drawing."""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from typing import Any

import pygame

from game.core import paths

Colour = tuple[int, int, int]

BASE_WIDTH = 1280
BASE_HEIGHT = 720

BACKGROUND: Colour = (244, 241, 234)
PANEL: Colour = (251, 250, 247)
PANEL_BORDER: Colour = (201, 194, 182)
INK: Colour = (31, 41, 51)
MUTED: Colour = (91, 101, 112)
ACCENT: Colour = (31, 111, 120)
ACCENT_DARK: Colour = (31, 58, 64)
WARN: Colour = (154, 61, 18)
GOOD: Colour = (31, 111, 120)
FOCUS: Colour = (214, 122, 0)
GRID: Colour = (221, 216, 207)

FONT_FILES = {
    "regular": "fonts/NotoSans-Regular.ttf",
    "bold": "fonts/NotoSans-Bold.ttf",
    "italic": "fonts/NotoSans-Italic.ttf",
}


@lru_cache(maxsize=1)
def _base_theme() -> dict[str, Any]:
    """Read assets/theme.json once."""
    with paths.asset("theme.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def theme_dict(scale: float) -> dict[str, Any]:
    """Return the pygame_gui theme with bundled font paths and font sizes multiplied by scale."""
    theme = copy.deepcopy(_base_theme())
    regular = str(paths.asset(FONT_FILES["regular"]))
    bold = str(paths.asset(FONT_FILES["bold"]))
    italic = str(paths.asset(FONT_FILES["italic"]))
    for block in theme.values():
        font = block.get("font")
        if isinstance(font, dict):
            font["size"] = str(max(8, round(int(font["size"]) * scale)))
            font["regular_path"] = regular
            font["bold_path"] = bold
            font["italic_path"] = italic
            font["bold_italic_path"] = bold
        misc = block.get("misc")
        if isinstance(misc, dict) and "rect_width" in misc:
            misc["rect_width"] = str(round(int(misc["rect_width"]) * scale))
    return theme


@lru_cache(maxsize=64)
def font(size: int, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """Return a bundled Noto Sans font at a pixel size, for custom drawing (maps, charts)."""
    if not pygame.font.get_init():
        pygame.font.init()
    key = "bold" if bold else "italic" if italic else "regular"
    return pygame.font.Font(str(paths.asset(FONT_FILES[key])), max(6, size))


def fonts_to_preload(theme_data: dict[str, Any]) -> list[dict[str, str | int | float]]:
    """Every font size the theme names, in each style rich text may ask for.

    Loading them with the manager avoids pygame_gui's "preload this font" warnings and a
    stutter the first time a screen uses a size.
    """
    names_sizes: set[tuple[str, int]] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            font = node.get("font")
            if isinstance(font, dict) and "size" in font:
                names_sizes.add((str(font.get("name", "noto_sans")), int(font["size"])))
            for value in node.values():
                walk(value)

    walk(theme_data)
    return [{"name": name, "point_size": size, "style": style, "antialiased": 1}
            for name, size in sorted(names_sizes)
            for style in ("regular", "bold", "italic", "bold_italic")]

