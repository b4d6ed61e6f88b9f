"""A stylised map of Mexico with one violence marker per region, plus its legend."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.core import paths
from game.ui.widgets import palette as pal

Colour = tuple[int, int, int]
Point = tuple[float, float]

# The extent every layout fits: all of Mexico with a little sea around it.
LON_MIN, LON_MAX = -118.0, -86.0
LAT_MIN, LAT_MAX = 14.0, 33.0
# Equirectangular projection with the east-west scale corrected at mid-latitude, so the
# country is not stretched sideways (a degree of longitude is ~8% shorter than one of latitude).
REF_LAT = (LAT_MIN + LAT_MAX) / 2.0
_COS_REF = math.cos(math.radians(REF_LAT))
_PROJECTED_W = (LON_MAX - LON_MIN) * _COS_REF
_PROJECTED_H = LAT_MAX - LAT_MIN

# Marker diameter stays between these (pixels at 100% UI scale; it grows with the rect).
MIN_MARKER_DIAMETER = 14
MAX_MARKER_DIAMETER = 22
# Extra pixels around a marker that still count as a click on it (fingers, projectors).
HIT_SLOP = 4


@dataclass(frozen=True)
class MapMarker:
    """One region on the map: its translated label, position, violence rate and trend."""

    region_id: str
    label: str
    lon: float
    lat: float
    rate: float  # homicides per 100,000 a year
    trend: int = 0  # -1 falling, 0 flat, +1 rising


@dataclass(frozen=True)
class MapStyle:
    """Colours of the map; the UI theme may pass its own."""

    sea: Colour = (203, 221, 235)
    land: Colour = (244, 241, 232)
    neighbour: Colour = (226, 226, 222)
    coast: Colour = (120, 128, 138)
    ink: Colour = (28, 30, 36)
    halo: Colour = (250, 250, 246)
    marker_edge: Colour = (40, 40, 48)
    legend_bg: Colour = (250, 250, 246)
    legend_border: Colour = (170, 176, 184)


def default_outline_path() -> Path:
    """Return the shipped outline, assets/map/mexico.json."""
    return paths.asset("map/mexico.json")


class MapOutlineError(ValueError):
    """The outline file is missing, not JSON, or not shaped like {"polygons": [[[lon, lat]]]}."""


@dataclass(frozen=True)
class Outline:
    """Mexico's land polygons plus optional neighbouring land drawn only as faint context."""

    polygons: list[list[Point]]
    neighbours: list[list[Point]]


def _read_rings(path: str | Path, key: str, value: object) -> list[list[Point]]:
    """Validate a list of [lon, lat] rings, naming the exact bad entry on failure."""
    if not isinstance(value, list):
        raise MapOutlineError(f"{path}: {key}: expected a list of polygons")
    result: list[list[Point]] = []
    for i, ring in enumerate(value):
        if not isinstance(ring, list) or len(ring) < 3:
            raise MapOutlineError(f"{path}: {key}[{i}]: expected at least 3 points")
        points: list[Point] = []
        for j, point in enumerate(ring):
            ok = (
                isinstance(point, list)
                and len(point) == 2
                and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
            )
            if not ok or not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
                raise MapOutlineError(f"{path}: {key}[{i}][{j}]: expected [lon, lat] degrees")
            points.append((float(point[0]), float(point[1])))
        result.append(points)
    return result


def load_outline(path: str | Path) -> Outline:
    """Read an outline file: {"polygons": [[[lon, lat], ...]], "neighbours": [...] optional}."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise MapOutlineError(f"{path}: cannot read map outline: {exc}") from exc
    if not isinstance(raw, dict):
        raise MapOutlineError(f"{path}: expected a JSON object")
    polygons = _read_rings(path, "polygons", raw.get("polygons"))
    if not polygons:
        raise MapOutlineError(f"{path}: polygons: expected at least one polygon")
    neighbours = _read_rings(path, "neighbours", raw.get("neighbours", []))
    return Outline(polygons, neighbours)


def blit_halo_text(
    surface: pygame.Surface,
    font: pygame.font.Font,
    text: str,
    topleft: tuple[int, int],
    ink: Colour,
    halo: Colour,
) -> pygame.Rect:
    """Draw text with a thin outline in the background colour so it reads over any fill."""
    body = font.render(text, True, ink)
    outline = font.render(text, True, halo)
    # Thicker halo for big fonts, so the outline stays visible when projected.
    thick = max(1, font.get_height() // 14)
    x, y = topleft
    for dx in range(-thick, thick + 1):
        for dy in range(-thick, thick + 1):
            if dx or dy:
                surface.blit(outline, (x + dx, y + dy))
    return surface.blit(body, topleft)


def _triangle(cx: float, cy: float, size: float, up: bool) -> list[tuple[float, float]]:
    """Return the corners of an isosceles triangle pointing up or down, centred on (cx, cy)."""
    half = size / 2.0
    if up:
        return [(cx, cy - half), (cx + half, cy + half * 0.8), (cx - half, cy + half * 0.8)]
    return [(cx, cy + half), (cx + half, cy - half * 0.8), (cx - half, cy - half * 0.8)]


def draw_trend_arrow(
    surface: pygame.Surface, centre: Point, size: float, trend: int, ink: Colour, halo: Colour
) -> None:
    """Draw ▲ for a rising trend or ▼ for a falling one as polygons (fonts may lack glyphs)."""
    if trend == 0:
        return
    pts = _triangle(centre[0], centre[1], size, up=trend > 0)
    pygame.draw.polygon(surface, halo, pts, width=0)
    pygame.draw.polygon(surface, halo, pts, width=3)  # halo so it reads over coastlines
    pygame.draw.polygon(surface, ink, pts, width=0)


def draw_bin_marker(
    surface: pygame.Surface,
    centre: tuple[int, int],
    radius: int,
    bin_index: int,
    palette: str,
    font: pygame.font.Font,
    edge: Colour,
) -> None:
    """Draw a filled circle in the bin's colour with the bin number inside (the non-colour cue)."""
    fill = pal.bin_colour(bin_index, palette)
    pygame.draw.circle(surface, fill, centre, radius)
    pygame.draw.circle(surface, edge, centre, radius, width=max(1, radius // 7))
    digit = font.render(str(bin_index + 1), True, pal.ink_on(fill))
    # The passed-in font may be far larger than the marker: shrink the glyph to fit inside.
    target_h = max(6, int(radius * 1.45))
    if digit.get_height() > target_h:
        scale = target_h / digit.get_height()
        size = (max(1, round(digit.get_width() * scale)), target_h)
        digit = pygame.transform.smoothscale(digit, size)
    surface.blit(digit, digit.get_rect(center=centre))


class MexicoMap:
    """Projects the outline and region markers into a rect, draws them and answers clicks."""

    def __init__(
        self, outline_path: str | Path | None = None, style: MapStyle | None = None
    ) -> None:
        """Load the outline (default: the shipped one); MapOutlineError names a bad file."""
        outline = load_outline(outline_path or default_outline_path())
        self.polygons: list[list[Point]] = outline.polygons
        self.neighbours: list[list[Point]] = outline.neighbours
        self.style = style or MapStyle()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._scale = 1.0
        self._origin = (0.0, 0.0)
        self._screen_polygons: list[list[tuple[int, int]]] = []
        self._screen_neighbours: list[list[tuple[int, int]]] = []
        self._marker_pos: dict[str, tuple[int, int]] = {}
        self._label_rects: dict[str, pygame.Rect] = {}
        self._order: list[str] = []

    # -- geometry -----------------------------------------------------------------------------

    def layout(self, rect: pygame.Rect) -> None:
        """Fit the map extent into `rect`, centred, keeping the true aspect ratio."""
        self.rect = pygame.Rect(rect)
        pad = max(2.0, min(self.rect.w, self.rect.h) * 0.02)
        avail_w = max(1.0, self.rect.w - 2 * pad)
        avail_h = max(1.0, self.rect.h - 2 * pad)
        self._scale = min(avail_w / _PROJECTED_W, avail_h / _PROJECTED_H)
        used_w, used_h = _PROJECTED_W * self._scale, _PROJECTED_H * self._scale
        self._origin = (
            self.rect.x + (self.rect.w - used_w) / 2.0,
            self.rect.y + (self.rect.h - used_h) / 2.0,
        )
        self._screen_polygons = [
            [self._project_int(lon, lat) for lon, lat in ring] for ring in self.polygons
        ]
        self._screen_neighbours = [
            [self._project_int(lon, lat) for lon, lat in ring] for ring in self.neighbours
        ]
        self._marker_pos.clear()
        self._label_rects.clear()

    def project(self, lon: float, lat: float) -> Point:
        """Return the screen position of a lon/lat point under the current layout."""
        x = self._origin[0] + (lon - LON_MIN) * _COS_REF * self._scale
        y = self._origin[1] + (LAT_MAX - lat) * self._scale  # north is up: y grows southward
        return (x, y)

    def _project_int(self, lon: float, lat: float) -> tuple[int, int]:
        x, y = self.project(lon, lat)
        return (round(x), round(y))

    @property
    def marker_radius(self) -> int:
        """Return the marker radius in pixels for the current layout."""
        # About 1/26 of the map's projected height (19 px on a 520 px map); clamped so markers
        # stay legible on small maps and grow with the UI scale without swamping the country.
        diameter = _PROJECTED_H * self._scale / 26.0
        diameter = min(max(diameter, MIN_MARKER_DIAMETER), MAX_MARKER_DIAMETER * 2)
        return max(MIN_MARKER_DIAMETER // 2, round(diameter / 2))

    @property
    def label_rects(self) -> dict[str, pygame.Rect]:
        """Return where each label was drawn in the last `draw` (copies; for tests and tooltips)."""
        return {k: pygame.Rect(v) for k, v in self._label_rects.items()}

    # -- drawing ------------------------------------------------------------------------------

    def draw(
        self,
        surface: pygame.Surface,
        markers: Sequence[MapMarker],
        selected: str | None = None,
        palette: str = pal.STANDARD,
        font: pygame.font.Font | None = None,
    ) -> None:
        """Draw sea, land, markers (colour + bin number + trend arrow) and haloed labels.

        `font` is needed only when there are markers; without one the default font is used.
        """
        if self.rect.w == 0 or self.rect.h == 0:
            self.layout(surface.get_rect())
        st = self.style
        previous_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(previous_clip) if previous_clip else self.rect)
        try:
            surface.fill(st.sea, self.rect)
            for ring in self._screen_neighbours:
                pygame.draw.polygon(surface, st.neighbour, ring)
            for ring in self._screen_polygons:
                pygame.draw.polygon(surface, st.land, ring)
                pygame.draw.aalines(surface, st.coast, True, ring)
            if markers:
                if font is None:
                    # Decorative callers (the title screen) may pass no font; stay usable.
                    font = pygame.font.Font(None, max(12, self.marker_radius + 6))
                self._draw_markers(surface, markers, selected, palette, font)
            else:
                self._marker_pos, self._label_rects, self._order = {}, {}, []
        finally:
            surface.set_clip(previous_clip)

    def _draw_markers(
        self,
        surface: pygame.Surface,
        markers: Sequence[MapMarker],
        selected: str | None,
        palette: str,
        font: pygame.font.Font,
    ) -> None:
        st = self.style
        r = self.marker_radius
        arrow = max(7.0, r * 1.15)
        self._marker_pos = {m.region_id: self._project_int(m.lon, m.lat) for m in markers}
        self._order = [m.region_id for m in markers]
        # Obstacles for label placement: every marker with its trend arrow on the right.
        arrow_space = {m.region_id: (int(arrow) + 4 if m.trend else 0) for m in markers}
        obstacles = [
            pygame.Rect(x - r - 1, y - r - 1, 2 * r + 2 + arrow_space[rid], 2 * r + 2)
            for rid, (x, y) in self._marker_pos.items()
        ]
        for m in markers:
            x, y = self._marker_pos[m.region_id]
            if m.region_id == selected:
                pygame.draw.circle(surface, st.halo, (x, y), r + 7)
                pygame.draw.circle(surface, st.ink, (x, y), r + 5, width=max(3, r // 3))
            draw_bin_marker(
                surface, (x, y), r, pal.violence_bin(m.rate), palette, font, st.marker_edge
            )
            draw_trend_arrow(surface, (x + r + 2 + arrow / 2, y), arrow, m.trend, st.ink, st.halo)
        # Labels last, so no marker is painted over a label; the selected one is placed first
        # so it gets its preferred spot.
        ordered = sorted(markers, key=lambda m: m.region_id != selected)
        self._label_rects = {}
        placed: list[pygame.Rect] = []
        for m in ordered:
            x, y = self._marker_pos[m.region_id]
            size = font.size(m.label)
            box = self._place_label((x, y), r, arrow_space[m.region_id], size, obstacles, placed)
            placed.append(box)
            self._label_rects[m.region_id] = box
            blit_halo_text(surface, font, m.label, box.topleft, st.ink, st.halo)

    def _place_label(
        self,
        centre: tuple[int, int],
        r: int,
        arrow_space: int,
        size: tuple[int, int],
        obstacles: list[pygame.Rect],
        placed: list[pygame.Rect],
    ) -> pygame.Rect:
        """Pick the first candidate spot beside the marker that overlaps nothing (a nudge)."""
        x, y = centre
        w, h = size
        gap = 3
        right = x + r + arrow_space + gap
        left = x - r - gap - w
        candidates: list[tuple[int, int]] = []
        # Beside first (reads best), then above/below, then nudged up/down in half-line steps.
        for dy in (0, -h // 2, h // 2, -h, h, -3 * h // 2, 3 * h // 2, -2 * h, 2 * h):
            candidates.append((right, y - h // 2 + dy))
            candidates.append((left, y - h // 2 + dy))
            if dy == 0:
                candidates.append((x - w // 2, y - r - gap - h))
                candidates.append((x - w // 2, y + r + gap))
        own = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
        best: pygame.Rect | None = None
        best_cost = math.inf
        for cx, cy in candidates:
            box = pygame.Rect(cx, cy, w, h)
            cost = 0.0
            for other in placed:
                cost += _overlap(box, other) * 2.0  # label-on-label is worst: unreadable
            for other in obstacles:
                if other.colliderect(own):
                    continue
                cost += _overlap(box, other)
            if not self.rect.contains(box):
                cost += w * h - _overlap(box, self.rect)
            if cost == 0:
                return box
            if cost < best_cost:
                best, best_cost = box, cost
        assert best is not None  # candidates is never empty
        return best

    # -- interaction --------------------------------------------------------------------------

    def hit_test(self, pos: tuple[int, int]) -> str | None:
        """Return the region whose marker (or label) is at `pos` in the last draw, else None."""
        r = self.marker_radius + HIT_SLOP
        best: str | None = None
        best_d2 = float(r * r)
        for region_id, (x, y) in self._marker_pos.items():
            d2 = float((pos[0] - x) ** 2 + (pos[1] - y) ** 2)
            if d2 <= best_d2:
                best, best_d2 = region_id, d2
        if best is not None:
            return best
        for region_id in self._order:
            box = self._label_rects.get(region_id)
            if box is not None and box.collidepoint(pos):
                return region_id
        return None


def _overlap(a: pygame.Rect, b: pygame.Rect) -> float:
    clipped = a.clip(b)
    return float(clipped.w * clipped.h)


@contextmanager
def _legend_frame(surface: pygame.Surface, rect: pygame.Rect, labels: Sequence[str], who: str,
                  st: MapStyle) -> Iterator[bool]:
    """Check the labels, clip to the legend, fill it and draw its border; yield False if empty."""
    if len(labels) != pal.BIN_COUNT:
        raise ValueError(f"{who} needs {pal.BIN_COUNT} labels, got {len(labels)}")
    if rect.w <= 0 or rect.h <= 0:
        yield False
        return
    previous_clip = surface.get_clip()
    surface.set_clip(rect.clip(previous_clip) if previous_clip else rect)
    try:
        surface.fill(st.legend_bg, rect)
        pygame.draw.rect(surface, st.legend_border, rect, width=1)
        yield True
    finally:
        surface.set_clip(previous_clip)


def draw_legend(
    surface: pygame.Surface,
    rect: pygame.Rect,
    palette: str,
    font: pygame.font.Font,
    title: str,
    labels: Sequence[str],
    *,
    trend_labels: tuple[str, str] | None = None,
    style: MapStyle | None = None,
) -> None:
    """Draw the violence scale: one row per bin with its coloured, numbered swatch and label.

    `labels` are the translated range texts, one per bin, lowest first; `trend_labels`
    optionally explains the arrows as (rising, falling).
    """
    st = style or MapStyle()
    rect = pygame.Rect(rect)
    with _legend_frame(surface, rect, labels, "draw_legend", st) as visible:
        if not visible:
            return
        pad = max(2, min(8, rect.w // 20, rect.h // 20))
        rows = pal.BIN_COUNT + 1 + (2 if trend_labels else 0)
        line_h = font.get_linesize()
        # Squeeze rows rather than spill: a tiny legend stays inside its rect.
        row_h = max(1, min(line_h + 4, (rect.h - 2 * pad) // rows))
        y = rect.y + pad
        surface.blit(font.render(title, True, st.ink), (rect.x + pad, y))
        y += row_h
        radius = max(3, min(row_h // 2 - 1, MAX_MARKER_DIAMETER // 2))
        text_x = rect.x + pad + 2 * radius + 6
        for entry, label in zip(pal.legend_entries(palette), labels, strict=True):
            cy = y + row_h // 2
            draw_bin_marker(
                surface,
                (rect.x + pad + radius, cy),
                radius,
                entry.bin_index,
                palette,
                font,
                st.marker_edge,
            )
            text = font.render(label, True, st.ink)
            surface.blit(text, text.get_rect(midleft=(text_x, cy)))
            y += row_h
        if trend_labels:
            for trend, label in zip((1, -1), trend_labels, strict=True):
                cy = y + row_h // 2
                draw_trend_arrow(
                    surface, (rect.x + pad + radius, cy), radius * 1.6, trend, st.ink, st.legend_bg
                )
                text = font.render(label, True, st.ink)
                surface.blit(text, text.get_rect(midleft=(text_x, cy)))
                y += row_h


def draw_legend_strip(
    surface: pygame.Surface,
    rect: pygame.Rect,
    palette: str,
    font: pygame.font.Font,
    title: str,
    labels: Sequence[str],
    *,
    columns: int = pal.BIN_COUNT,
    trend_labels: tuple[str, str] | None = None,
    style: MapStyle | None = None,
) -> None:
    """Draw the violence scale as a wide strip (for under the map, where it covers nothing).

    First line: the title, and the trend arrows explained on the right. Then one numbered,
    coloured swatch per bin with its range, `columns` to a line, in equal columns.
    """
    st = style or MapStyle()
    rect = pygame.Rect(rect)
    columns = max(1, min(columns, pal.BIN_COUNT))
    lines = 1 + (pal.BIN_COUNT + columns - 1) // columns
    with _legend_frame(surface, rect, labels, "draw_legend_strip", st) as visible:
        if not visible:
            return
        pad = max(3, min(8, rect.h // 10))
        row_h = max(1, (rect.h - 2 * pad) // lines)
        radius = strip_swatch_radius(font)
        cy = rect.y + pad + row_h // 2
        heading = font.render(title, True, st.ink)
        surface.blit(heading, heading.get_rect(midleft=(rect.x + pad, cy)))
        if trend_labels:
            x = rect.right - pad
            for trend, label in reversed(list(zip((1, -1), trend_labels, strict=True))):
                text = font.render(label, True, st.ink)
                box = text.get_rect(midright=(x, cy))
                surface.blit(text, box)
                draw_trend_arrow(surface, (box.x - radius - 2, cy), radius * 1.6, trend,
                                 st.ink, st.legend_bg)
                x = box.x - 2 * radius - 14
        col_w = (rect.w - 2 * pad) / columns
        for entry, label in zip(pal.legend_entries(palette), labels, strict=True):
            line, col = divmod(entry.bin_index, columns)
            y = cy + (line + 1) * row_h
            x0 = rect.x + pad + round(col * col_w)
            draw_bin_marker(surface, (x0 + radius, y), radius, entry.bin_index, palette, font,
                            st.marker_edge)
            text = font.render(label, True, st.ink)
            surface.blit(text, text.get_rect(midleft=(x0 + 2 * radius + 4, y)))


def strip_swatch_radius(font: pygame.font.Font) -> int:
    """The radius of the legend strip's swatches for a font."""
    return max(3, min(font.get_linesize() // 2 - 1, MAX_MARKER_DIAMETER // 2))


def legend_strip_fits(font: pygame.font.Font, labels: Sequence[str], columns: int,
                      width: int) -> bool:
    """Tell whether every bin label fits its column in a strip `width` pixels wide."""
    radius = strip_swatch_radius(font)
    widest = max(font.size(label)[0] for label in labels)
    pad = 8
    return (width - 2 * pad) / columns >= 2 * radius + 4 + widest + 6
