"""Small drawing helpers for custom graphics: panels, wrapped text, focus rings, hint boxes."""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.widgets.text import wrap

__all__ = ["wrap"]


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, fill: theme.Colour = theme.PANEL,
               border: theme.Colour = theme.PANEL_BORDER, radius: int = 6) -> None:
    """Draw a rounded panel background with a one-pixel border."""
    pygame.draw.rect(surface, fill, rect, border_radius=radius)
    pygame.draw.rect(surface, border, rect, width=1, border_radius=radius)


def draw_text(surface: pygame.Surface, text: str, font: pygame.font.Font,
              colour: theme.Colour, pos: tuple[int, int], anchor: str = "topleft") -> pygame.Rect:
    """Draw one line of text anchored at a point; return its rectangle."""
    image = font.render(text, True, colour)
    rect = image.get_rect(**{anchor: pos})
    surface.blit(image, rect)
    return rect


def draw_focus(surface: pygame.Surface, rect: pygame.Rect, scale: float) -> None:
    """Draw the keyboard focus ring (a second cue besides the selected colour)."""
    width = max(2, round(2 * scale))
    pygame.draw.rect(surface, theme.FOCUS, rect.inflate(width * 2 + 2, width * 2 + 2),
                     width=width, border_radius=round(7 * scale))


def hint_box(surface_rect: pygame.Rect, size: tuple[int, int], anchor: pygame.Rect,
             avoid: list[pygame.Rect], gap: int,
             others: list[pygame.Rect] | None = None) -> pygame.Rect:
    """Where a keyboard hint of this size goes: beside the focused element (right, left), else
    under or over it, slid into the window; the first place that covers neither the focused
    element nor `avoid` (the controls Tab and Shift+Tab reach next) nor `others` (the
    screen's other controls); failing that, the one covering the first two least, then the
    others least."""
    width, height = size
    places = [pygame.Rect(anchor.right + gap, anchor.top, width, height),
              pygame.Rect(anchor.left - gap - width, anchor.top, width, height),
              pygame.Rect(anchor.left, anchor.bottom + gap, width, height),
              pygame.Rect(anchor.left, anchor.top - gap - height, width, height)]
    for place in places:
        place.clamp_ip(surface_rect)
    near = [r for r in (anchor, *avoid) if r.width and r.height]
    far = [r for r in (others or []) if r.width and r.height]

    def covered(place: pygame.Rect, rects: list[pygame.Rect]) -> int:
        """Pixels of these controls under this place."""
        return sum(place.clip(r).width * place.clip(r).height for r in rects)

    return min(places, key=lambda place: (covered(place, near), covered(place, far)))


def draw_hint(surface: pygame.Surface, text: str, anchor: pygame.Rect, scale: float,
              avoid: list[pygame.Rect] | None = None,
              others: list[pygame.Rect] | None = None) -> pygame.Rect:
    """Draw a tooltip-like box beside a focused element, for keyboard players, where it does
    not cover the controls in `avoid` (the next ones in the Tab order) and, where it can, not
    the `others` either (see hint_box); return the box."""
    font = theme.font(round(14 * scale))
    pad = round(8 * scale)
    width = min(round(360 * scale), surface.get_width() - 2 * pad)
    lines = wrap(text, font, width - 2 * pad)
    height = len(lines) * font.get_linesize() + 2 * pad
    box = hint_box(surface.get_rect(), (width, height), anchor, avoid or [], pad, others)
    pygame.draw.rect(surface, theme.INK, box, border_radius=round(4 * scale))
    y = box.top + pad
    for line in lines:
        surface.blit(font.render(line, True, (255, 255, 255)), (box.left + pad, y))
        y += font.get_linesize()
    return box
