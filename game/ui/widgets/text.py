"""Text measured in pixels: wrapping a text to a width, for widgets and screens alike.

Screens measure and wrap the same texts at every rebuild (a card's title, a why note), so
both answers are remembered by font and text: a font's measure of a text never changes.
"""

from __future__ import annotations

from functools import lru_cache

import pygame

REMEMBERED = 20_000
"""Measures and wrappings remembered (the texts of a few languages' screens; a few MB)."""


@lru_cache(maxsize=REMEMBERED)
def text_width(font: pygame.font.Font, text: str) -> int:
    """How many pixels wide a font draws a text."""
    return int(font.size(text)[0])


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Split text into lines no wider than `width` pixels (words longer than a line stay whole)."""
    return list(_wrapped(text, font, width))


@lru_cache(maxsize=REMEMBERED)
def _wrapped(text: str, font: pygame.font.Font, width: int) -> tuple[str, ...]:
    """The lines of `wrap`, remembered (a tuple, so no caller can change them)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if text_width(font, trial) <= width or not line:
                line = trial
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return tuple(lines)
