"""The visual theme: colours and fonts shared by pygame_gui (theme.json) and custom drawing.

Two looks share one layout: the standard one and the projector's (high contrast: black ink on
white, darker borders and muted text, so a washed-out projected image stays readable). Custom
drawing reads the colours below at draw time (`theme.INK`), so `use_contrast` switches both.
"""

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
"""The window size a first start opens (layout units at 100%)."""
MIN_LAYOUT = (960, 540)
"""The smallest layout (in layout units) every screen is built for: 1920x1080 at 200%,
1024x600 at 100%. A window smaller than this at the chosen scale gets a smaller scale."""
MIN_WINDOW = (800, 450)
"""The smallest window the game lets itself be resized to (pixels)."""

STANDARD_COLOURS: dict[str, Colour] = {
    "BACKGROUND": (244, 241, 234),
    "PANEL": (251, 250, 247),
    "PANEL_BORDER": (201, 194, 182),
    "INK": (31, 41, 51),
    "MUTED": (91, 101, 112),
    "ACCENT": (31, 111, 120),
    "ACCENT_DARK": (31, 58, 64),
    "WARN": (154, 61, 18),
    "GOOD": (31, 111, 120),
    "FOCUS": (214, 122, 0),
    "GRID": (221, 216, 207),
    "GHOST": (120, 112, 100),
}
HIGH_CONTRAST_COLOURS: dict[str, Colour] = {
    "BACKGROUND": (255, 255, 255),
    "PANEL": (255, 255, 255),
    "PANEL_BORDER": (60, 60, 60),
    "INK": (0, 0, 0),
    "MUTED": (40, 40, 40),
    "ACCENT": (0, 84, 94),
    "ACCENT_DARK": (0, 40, 48),
    "WARN": (140, 30, 0),
    "GOOD": (0, 84, 94),
    "FOCUS": (200, 90, 0),
    "GRID": (170, 170, 170),
    "GHOST": (70, 70, 70),
}

BACKGROUND: Colour = STANDARD_COLOURS["BACKGROUND"]
PANEL: Colour = STANDARD_COLOURS["PANEL"]
PANEL_BORDER: Colour = STANDARD_COLOURS["PANEL_BORDER"]
INK: Colour = STANDARD_COLOURS["INK"]
MUTED: Colour = STANDARD_COLOURS["MUTED"]
ACCENT: Colour = STANDARD_COLOURS["ACCENT"]
ACCENT_DARK: Colour = STANDARD_COLOURS["ACCENT_DARK"]
WARN: Colour = STANDARD_COLOURS["WARN"]
GOOD: Colour = STANDARD_COLOURS["GOOD"]
FOCUS: Colour = STANDARD_COLOURS["FOCUS"]
GRID: Colour = STANDARD_COLOURS["GRID"]
GHOST: Colour = STANDARD_COLOURS["GHOST"]
"""The same world with no new policy, wherever it is drawn beside the player's."""

TOOLTIP_BG = "#1F2933"
TOOLTIP_TEXT = "#FFFFFF"
"""The tooltip's own opaque background and its text (the same in both looks)."""

FONT_FILES = {
    "regular": "fonts/NotoSans-Regular.ttf",
    "bold": "fonts/NotoSans-Bold.ttf",
    "italic": "fonts/NotoSans-Italic.ttf",
}

ELEMENT_FONTS = {
    "button": 15, "label": 15, "text_box": 15, "text_entry_line": 15, "tool_tip": 14,
    "drop_down_menu": 15, "selection_list": 15,
}
"""Element types that get the theme's font at the UI scale when theme.json names none
(pygame_gui's own default is a fixed 14 px font that would not grow with the scale)."""

_HIGH_CONTRAST_HEX = {
    "#1F2933": "#000000", "#3E4852": "#111111", "#5B6570": "#222222", "#4A5560": "#222222",
    "#6B7480": "#333333", "#C9C2B6": "#3C3C3C", "#D8D2C8": "#777777", "#FBFAF7": "#FFFFFF",
    "#F4F1EA": "#FFFFFF", "#EDEAE4": "#F0F0F0", "#1F6F78": "#00545E", "#175960": "#003F47",
    "#9A3D12": "#8C1E00", "#1F3A40": "#002830", "#DDD8CF": "#AAAAAA",
}
"""The projector look: theme.json's colours swapped for darker or whiter ones."""


def use_contrast(high: bool) -> None:
    """Switch the colours custom drawing reads between the standard and projector looks."""
    colours = HIGH_CONTRAST_COLOURS if high else STANDARD_COLOURS
    globals().update(colours)


@lru_cache(maxsize=1)
def _base_theme() -> dict[str, Any]:
    """Read assets/theme.json once."""
    with paths.asset("theme.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _high_contrast(node: Any) -> Any:
    """A theme block with its colours swapped for the projector look."""
    if isinstance(node, dict):
        return {k: _high_contrast(v) for k, v in node.items()}
    if isinstance(node, str) and node.startswith("#") and len(node) in (7, 9):
        swapped = _HIGH_CONTRAST_HEX.get(node[:7].upper())
        return node if swapped is None else swapped + node[7:]
    return node


def theme_dict(scale: float, high_contrast: bool = False) -> dict[str, Any]:
    """Return the pygame_gui theme with bundled fonts, every font size multiplied by scale."""
    theme = copy.deepcopy(_base_theme())
    if high_contrast:
        theme = _high_contrast(theme)
    for element, size in ELEMENT_FONTS.items():
        block = theme.setdefault(element, {})
        block.setdefault("font", {"name": "noto_sans", "size": str(size)})
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
        if isinstance(misc, dict):
            for key in ("rect_width", "shape_corner_radius"):
                if key in misc:
                    misc[key] = str(max(1, round(int(misc[key]) * scale)))
    return theme


PLATED_TEXT = {"@boxed": "@boxed", "@boxed_small": "@boxed", "@note": "@note"}
"""Text classes shown on a rounded plate the game draws once (pygame_gui draws a rounded text
box four times larger, for its anti-aliasing, on every build), by the theme block that gives
the plate's colours, border and corners; the text itself is the class's "_inner" block."""


@lru_cache(maxsize=16)
def plate_look(cls: str, high_contrast: bool = False) -> tuple[Colour, Colour, int, int]:
    """Fill, border, border width and corner radius (layout units) of a plated text class, as
    theme.json gives them, in the standard or the projector look."""
    block = _base_theme()[PLATED_TEXT[cls]]

    def colour(key: str) -> Colour:
        hexa = str(block["colours"][key])
        if high_contrast:
            hexa = _HIGH_CONTRAST_HEX.get(hexa[:7].upper(), hexa[:7])
        c = pygame.Color(hexa[:7])
        return (c.r, c.g, c.b)

    misc = block["misc"]
    return (colour("dark_bg"), colour("normal_border"), int(misc["border_width"]),
            int(misc["shape_corner_radius"]))


def class_font(cls: str | None, element: str = "label", scale: float = 1.0) -> pygame.font.Font:
    """The font pygame_gui gives an element of a theme class at a scale (to measure text)."""
    theme = _base_theme()
    spec = (theme.get(cls, {}) if cls else {}).get("font") or theme.get(element, {}).get("font")
    if not isinstance(spec, dict):
        spec = {"size": str(ELEMENT_FONTS.get(element, 15))}
    size = max(8, round(int(spec.get("size", 15)) * scale))
    return font(size, spec.get("bold") == "1", spec.get("italic") == "1")


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
