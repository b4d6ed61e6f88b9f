"""The map of Mexico's 32 states shaded by violence, with the scenario's regions as tiles.

The states come from assets/map/mexico-states.json (svg-maps by Victor Cazanave, CC BY 4.0,
converted by packaging/make_map.py). Each state is shaded by the homicide rate of the
scenario's regions in it; states outside the scenario stay neutral. Each region is a tile
(its name, rate, the bin's colour and number, the trend) placed around the country so that no
two tiles overlap, with a leader line to where the region lies; the selected region's tile and
state are drawn heavier. Tiles and states answer clicks.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from game.core import paths
from game.ui.widgets import palette as pal

Colour = tuple[int, int, int]
Point = tuple[float, float]

MIN_MARKER_DIAMETER = 14
MAX_MARKER_DIAMETER = 22
"""The bin swatch's diameter bounds (pixels at 100% UI scale) in tiles and legends."""
TILE_GAP = 4
"""Pixels kept free between two tiles, and between a tile and the map's edge."""
FOCUS_SHARE = 0.38
"""A zoomed-in view spans at least this share of the country's width and height."""
GRID_STEPS = 28
"""Candidate tile positions per axis when the tiles are placed (more is slower, finer)."""


@dataclass(frozen=True)
class MapMarker:
    """One scenario region on the map: name, where it lies, its rate, trend and state."""

    region_id: str
    label: str
    lon: float
    lat: float
    rate: float
    """Homicides per 100,000 a year."""
    trend: int = 0
    """-1 falling, 0 flat, +1 rising."""
    state: str | None = None
    """The state (the asset's three-letter id) it lies in; None: the rest of the country."""
    value: str = ""
    """The rate as the tile writes it ("214 per 100k"), in the player's language."""


@dataclass(frozen=True)
class MapStyle:
    """Colours of the map; the UI theme may pass its own."""

    sea: Colour = (214, 222, 228)
    """Everything outside Mexico (sea and neighbours alike: the asset has only the states)."""
    land: Colour = (240, 237, 229)
    """States outside the scenario."""
    border: Colour = (150, 150, 150)
    coast: Colour = (110, 118, 128)
    ink: Colour = (28, 30, 36)
    halo: Colour = (250, 250, 246)
    marker_edge: Colour = (40, 40, 48)
    tile: Colour = (255, 255, 255)
    legend_bg: Colour = (250, 250, 246)
    legend_border: Colour = (170, 176, 184)


class MapAssetError(ValueError):
    """The map asset is missing, not JSON, or not shaped like the one make_map.py writes."""


@dataclass(frozen=True)
class State:
    """One state: its id, name, INEGI code, rings and centre, in the asset's viewBox units."""

    id: str
    name: str
    code: str
    rings: list[list[Point]]
    centre: Point


@dataclass(frozen=True)
class StatesAsset:
    """The states and the mapping from degrees to the viewBox."""

    states: list[State]
    size: tuple[float, float]
    to_x: tuple[float, float, float]
    to_y: tuple[float, float, float]
    by_code: dict[str, str] = field(default_factory=dict)
    """INEGI two-digit code -> state id."""

    def place(self, lon: float, lat: float) -> Point:
        """Where a longitude and latitude fall in the viewBox."""
        return (self.to_x[0] * lon + self.to_x[1] * lat + self.to_x[2],
                self.to_y[0] * lon + self.to_y[1] * lat + self.to_y[2])


def default_asset_path() -> Path:
    """The shipped asset, assets/map/mexico-states.json."""
    return paths.asset("map/mexico-states.json")


def _triple(path: str | Path, key: str, value: object) -> tuple[float, float, float]:
    """Three numbers, or a MapAssetError naming the field."""
    if not (isinstance(value, list) and len(value) == 3
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)):
        raise MapAssetError(f"{path}: {key}: expected three numbers")
    return float(value[0]), float(value[1]), float(value[2])


@functools.cache
def shipped_states() -> StatesAsset:
    """The shipped asset, read and checked once: the title, briefing and main screens each
    draw a map every time they are built, and the file does not change while the game runs."""
    return load_states()


def load_states(path: str | Path | None = None) -> StatesAsset:
    """Read the states asset, naming the file and field of the first problem."""
    path = path or default_asset_path()
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MapAssetError(f"{path}: cannot read the map: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("states"), list):
        raise MapAssetError(f"{path}: states: expected a list of states")
    size = raw.get("viewbox")
    if not (isinstance(size, list) and len(size) == 2
            and all(isinstance(v, int | float) and v > 0 for v in size)):
        raise MapAssetError(f"{path}: viewbox: expected [width, height]")
    states: list[State] = []
    for i, item in enumerate(raw["states"]):
        where = f"{path}: states[{i}]"
        if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("id", "name", "code")):
            raise MapAssetError(f"{where}: expected id, name and code")
        rings: list[list[Point]] = []
        for j, ring in enumerate(item.get("rings", [])):
            if not isinstance(ring, list) or len(ring) < 3 or not all(
                    isinstance(p, list) and len(p) == 2
                    and all(isinstance(v, int | float) and not isinstance(v, bool) for v in p)
                    for p in ring):
                raise MapAssetError(f"{where}.rings[{j}]: expected at least 3 [x, y] points")
            rings.append([(float(x), float(y)) for x, y in ring])
        if not rings:
            raise MapAssetError(f"{where}.rings: expected at least one ring")
        cx, cy = _triple(where, "centre", [*item.get("centre", []), 0])[:2]
        states.append(State(item["id"], item["name"], item["code"], rings, (cx, cy)))
    return StatesAsset(states, (float(size[0]), float(size[1])),
                       _triple(path, "lonlat_to_x", raw.get("lonlat_to_x")),
                       _triple(path, "lonlat_to_y", raw.get("lonlat_to_y")),
                       {s.code: s.id for s in states})


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
    pygame.draw.polygon(surface, halo, pts, width=3)
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
    target_h = max(6, int(radius * 1.45))
    if digit.get_height() > target_h:
        scale = target_h / digit.get_height()
        size = (max(1, round(digit.get_width() * scale)), target_h)
        digit = pygame.transform.smoothscale(digit, size)
    surface.blit(digit, digit.get_rect(center=centre))


class MexicoMap:
    """Fits the states into a rect, shades them, places the region tiles and answers clicks."""

    def __init__(self, asset_path: str | Path | None = None,
                 style: MapStyle | None = None) -> None:
        """Load the states (default: the shipped asset); MapAssetError names a bad file."""
        self.asset = load_states(asset_path) if asset_path is not None else shipped_states()
        self.style = style or MapStyle()
        self.rect = pygame.Rect(0, 0, 0, 0)
        self._scale = 1.0
        self._origin = (0.0, 0.0)
        self._screen: dict[str, list[list[tuple[int, int]]]] = {}
        self.tiles: dict[str, pygame.Rect] = {}
        """Where each region's tile was placed by the last `place_tiles` (window pixels)."""
        self.anchors: dict[str, tuple[int, int]] = {}
        self._tile_key: tuple[object, ...] | None = None
        """The tiles' regions, anchors and sizes the places were found for."""
        self._words_key: tuple[object, ...] | None = None
        """The markers' words and fonts last asked for (every frame draws the same ones)."""
        self._layout_key: tuple[object, ...] | None = None
        self._states = {s.id: s for s in self.asset.states}
        self.focus: list[str] = []
        self.locator = pygame.Rect(0, 0, 0, 0)
        """The whole-country locator map's box when zoomed in (else empty)."""

    # -- geometry -----------------------------------------------------------------------------

    def layout(self, rect: pygame.Rect, focus: Sequence[str] = ()) -> None:
        """Fit the map into `rect`, keeping its aspect: the whole country, or zoomed in.

        With `focus` (state ids), the view closes in on those states with room around them
        (at least FOCUS_SHARE of the country's width), and a small locator map of the whole
        country in a corner shows where they are.
        """
        key = (tuple(rect), tuple(focus))
        if key == self._layout_key:
            return
        self._layout_key = key
        self.rect = pygame.Rect(rect)
        vw, vh = self.asset.size
        view = (0.0, 0.0, vw, vh)
        self.focus = [sid for sid in focus if sid in self._states]
        if self.focus:
            xs = [x for sid in self.focus for ring in self._states[sid].rings for x, _ in ring]
            ys = [y for sid in self.focus for ring in self._states[sid].rings for _, y in ring]
            cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
            span_w = max((max(xs) - min(xs)) * 2.2, vw * FOCUS_SHARE)
            span_h = max((max(ys) - min(ys)) * 2.2, vh * FOCUS_SHARE)
            aspect = self.rect.w / max(1, self.rect.h)
            span_w, span_h = max(span_w, span_h * aspect), max(span_h, span_w / aspect)
            view = (cx - span_w / 2, cy - span_h / 2, span_w, span_h)
        pad = max(2.0, min(self.rect.w, self.rect.h) * 0.02)
        self._scale = max(1e-6, min((self.rect.w - 2 * pad) / view[2],
                                    (self.rect.h - 2 * pad) / view[3]))
        self._origin = (self.rect.x + (self.rect.w - view[2] * self._scale) / 2.0
                        - view[0] * self._scale,
                        self.rect.y + (self.rect.h - view[3] * self._scale) / 2.0
                        - view[1] * self._scale)
        self._screen = {
            s.id: [[self._to_screen(p) for p in ring] for ring in s.rings]
            for s in self.asset.states
        }
        self.locator = pygame.Rect(0, 0, 0, 0)
        if self.focus:
            w = max(60, round(self.rect.w * 0.24))
            h = round(w * vh / vw)
            corners = [pygame.Rect(self.rect.right - w - TILE_GAP, self.rect.y + TILE_GAP, w, h),
                       pygame.Rect(self.rect.x + TILE_GAP, self.rect.bottom - h - TILE_GAP, w, h),
                       pygame.Rect(self.rect.x + TILE_GAP, self.rect.y + TILE_GAP, w, h),
                       pygame.Rect(self.rect.right - w - TILE_GAP, self.rect.bottom - h - TILE_GAP,
                                   w, h)]
            self.locator = min(corners, key=self._land_in)
        self.tiles, self.anchors, self._tile_key, self._words_key = {}, {}, None, None

    def _land_in(self, box: pygame.Rect) -> int:
        """How much of the drawn land (and of the focus states, doubly) a box would hide."""
        total = 0
        for sid, rings in self._screen.items():
            weight = 3 if sid in self.focus else 1
            for ring in rings:
                xs = [x for x, _ in ring]
                ys = [y for _, y in ring]
                bound = pygame.Rect(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
                clipped = bound.clip(box)
                total += weight * clipped.w * clipped.h
        return total

    def _to_screen(self, point: Point) -> tuple[int, int]:
        return (round(self._origin[0] + point[0] * self._scale),
                round(self._origin[1] + point[1] * self._scale))

    def project(self, lon: float, lat: float) -> tuple[int, int]:
        """The screen position of a longitude and latitude under the current layout."""
        return self._to_screen(self.asset.place(lon, lat))

    def state_at(self, pos: tuple[int, int]) -> str | None:
        """The state under a screen point, or None (sea, outside)."""
        for sid, rings in self._screen.items():
            if any(_inside(pos, ring) for ring in rings):
                return sid
        return None

    def state_of_code(self, code: str | None) -> str | None:
        """The state id of an INEGI two-digit code (None if unknown)."""
        return self.asset.by_code.get(code) if code else None

    def swatch_radius(self, font: pygame.font.Font) -> int:
        """The bin swatch's radius in a tile for a font."""
        return max(MIN_MARKER_DIAMETER // 2, min(font.get_linesize() // 2, MAX_MARKER_DIAMETER))

    def tile_size(self, marker: MapMarker, font: pygame.font.Font,
                  small: pygame.font.Font) -> tuple[int, int]:
        """A tile's size: swatch, name (and value below it), trend arrow, padding."""
        r = self.swatch_radius(font)
        text_w = max(font.size(marker.label)[0], small.size(marker.value)[0] if marker.value
                     else 0)
        height = font.get_linesize() + (small.get_linesize() if marker.value else 0) + 8
        return 2 * r + 14 + text_w + (r + 8), max(height, 2 * r + 8)

    def place_tiles(self, markers: Sequence[MapMarker], font: pygame.font.Font,
                    small: pygame.font.Font) -> dict[str, pygame.Rect]:
        """Place one tile per region, none overlapping another or leaving the map.

        A tile goes where it covers the least land and the fewest region anchors, as near its
        region as that allows; tiles are placed in the regions' order, so the same regions
        always land in the same places whatever is selected.
        """
        # The same words as last time (each frame draws them): nothing to measure. Else where
        # tiles go depends on their sizes, not their words: a quarter whose numbers leave
        # every tile its size keeps the places (and skips the search).
        words = (tuple((m.region_id, m.label, m.value, m.lon, m.lat) for m in markers),
                 font.get_linesize(), small.get_linesize(), tuple(self.rect))
        if words == self._words_key:
            return self.tiles
        self._words_key = words
        sizes = [self.tile_size(m, font, small) for m in markers]
        key = (tuple((m.region_id, m.lon, m.lat, size) for m, size in zip(markers, sizes,
                                                                         strict=True)),
               tuple(self.rect))
        if key == self._tile_key:
            return self.tiles
        land = pygame.Surface(self.rect.size, pygame.SRCALPHA)
        for rings in self._screen.values():
            for ring in rings:
                pygame.draw.polygon(land, (0, 0, 0, 255),
                                    [(x - self.rect.x, y - self.rect.y) for x, y in ring])
        land_mask = pygame.mask.from_surface(land)
        self.anchors = {m.region_id: self.project(m.lon, m.lat) for m in markers}
        placed: dict[str, pygame.Rect] = {}
        inner = self.rect.inflate(-2 * TILE_GAP, -2 * TILE_GAP)
        blocked = [self.locator] if self.locator.w else []
        # An anchor as a 1x1 rect: a box collides with it exactly when the box holds the
        # point, so pygame counts them (and tests the placed tiles) in C, not in a loop here.
        anchor_rects = [pygame.Rect(p, (1, 1)) for p in self.anchors.values()]
        for m, (w, h) in zip(markers, sizes, strict=True):
            taken = [*placed.values(), *blocked]
            w, h = min(w, inner.w), min(h, inner.h)
            ax, ay = self.anchors[m.region_id]
            tile_mask = pygame.mask.Mask((w, h), fill=True)
            best: pygame.Rect | None = None
            best_cost = math.inf
            xs = _steps(inner.left, inner.right - w)
            ys = _steps(inner.top, inner.bottom - h)
            for x in xs:
                for y in ys:
                    box = pygame.Rect(x, y, w, h)
                    if box.inflate(2 * TILE_GAP, 2 * TILE_GAP).collidelist(taken) >= 0:
                        continue
                    cover = land_mask.overlap_area(tile_mask, (x - self.rect.x, y - self.rect.y))
                    anchors = len(box.inflate(12, 12).collidelistall(anchor_rects))
                    dx = max(box.left - ax, 0, ax - box.right)
                    dy = max(box.top - ay, 0, ay - box.bottom)
                    cost = cover / (w * h) * 4000 + anchors * 3000 + math.hypot(dx, dy) * 3
                    if cost < best_cost:
                        best, best_cost = box, cost
            if best is None:  # no room at all: stack under the last tile, clipped by the map
                last = max(placed.values(), key=lambda r: r.bottom, default=None)
                y = inner.top if last is None else last.bottom + TILE_GAP
                best = pygame.Rect(inner.left, y, w, h)
            placed[m.region_id] = best
        self.tiles = placed
        self._tile_key = key
        return placed

    # -- drawing ------------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface, markers: Sequence[MapMarker],
             selected: str | None = None, palette: str = pal.STANDARD,
             font: pygame.font.Font | None = None, small: pygame.font.Font | None = None,
             state_rates: dict[str, float] | None = None) -> None:
        """Draw the sea, the states (shaded where `state_rates` has them), the tiles."""
        if self.rect.w == 0 or self.rect.h == 0:
            self.layout(surface.get_rect())
        st = self.style
        rates = state_rates or {}
        previous_clip = surface.get_clip()
        surface.set_clip(self.rect.clip(previous_clip) if previous_clip else self.rect)
        try:
            surface.fill(st.sea, self.rect)
            for sid, rings in self._screen.items():
                rate = rates.get(sid)
                fill = st.land if rate is None else _soften(pal.violence_colour(rate, palette))
                for ring in rings:
                    pygame.draw.polygon(surface, fill, ring)
            for rings in self._screen.values():
                for ring in rings:
                    pygame.draw.aalines(surface, st.border, True, ring)
            in_play = {m.state for m in markers if m.state is not None}
            for sid in sorted(in_play):
                for ring in self._screen.get(sid, []):
                    pygame.draw.lines(surface, st.coast, True, ring, 2)
            if self.locator.w:
                self._draw_locator(surface, palette, rates)
            if markers:
                font = font or pygame.font.Font(None, 18)
                small = small or font
                self._draw_tiles(surface, markers, selected, palette, font, small)
        finally:
            surface.set_clip(previous_clip)

    def _draw_locator(self, surface: pygame.Surface, palette: str,
                      rates: dict[str, float]) -> None:
        """The whole country, small, in a corner, with the zoomed-in view's states marked."""
        st = self.style
        box = self.locator
        pygame.draw.rect(surface, st.sea, box)
        pygame.draw.rect(surface, st.legend_border, box, 1)
        vw, vh = self.asset.size
        k = min((box.w - 6) / vw, (box.h - 6) / vh)
        ox, oy = box.x + (box.w - vw * k) / 2, box.y + (box.h - vh * k) / 2
        for state in self.asset.states:
            rate = rates.get(state.id)
            fill = st.ink if state.id in self.focus else (
                st.land if rate is None else _soften(pal.violence_colour(rate, palette)))
            for ring in state.rings:
                points = [(round(ox + x * k), round(oy + y * k)) for x, y in ring]
                if len(points) >= 3:
                    pygame.draw.polygon(surface, fill, points)

    def _draw_tiles(self, surface: pygame.Surface, markers: Sequence[MapMarker],
                    selected: str | None, palette: str, font: pygame.font.Font,
                    small: pygame.font.Font) -> None:
        """Leader lines, anchors and tiles (the selected one last and heaviest)."""
        st = self.style
        tiles = self.place_tiles(markers, font, small)
        chosen = next((m for m in markers if m.region_id == selected), None)
        if chosen is not None and chosen.state is not None:
            for ring in self._screen.get(chosen.state, []):
                pygame.draw.lines(surface, st.ink, True, ring, 3)
        ordered = sorted(markers, key=lambda m: m.region_id == selected)
        for m in ordered:
            box, anchor = tiles[m.region_id], self.anchors[m.region_id]
            heavy = m.region_id == selected
            end = (min(max(anchor[0], box.left), box.right),
                   min(max(anchor[1], box.top), box.bottom))
            pygame.draw.line(surface, st.halo, anchor, end, 5 if heavy else 4)
            pygame.draw.line(surface, st.ink, anchor, end, 3 if heavy else 1)
            pygame.draw.circle(surface, st.halo, anchor, 5 if heavy else 4)
            pygame.draw.circle(surface, st.ink, anchor, 4 if heavy else 3)
        for m in ordered:
            self._draw_tile(surface, m, tiles[m.region_id], m.region_id == selected, palette,
                            font, small)

    def _draw_tile(self, surface: pygame.Surface, m: MapMarker, box: pygame.Rect,
                   heavy: bool, palette: str, font: pygame.font.Font,
                   small: pygame.font.Font) -> None:
        """One region's tile: bin swatch with its number, name, rate, trend arrow."""
        st = self.style
        pygame.draw.rect(surface, st.tile, box, border_radius=4)
        pygame.draw.rect(surface, st.ink if heavy else st.legend_border, box,
                         width=3 if heavy else 1, border_radius=4)
        r = self.swatch_radius(font)
        cy = box.centery
        draw_bin_marker(surface, (box.x + 6 + r, cy), r, pal.violence_bin(m.rate), palette,
                        font, st.marker_edge)
        x = box.x + 2 * r + 12
        lines = font.get_linesize() + (small.get_linesize() if m.value else 0)
        y = cy - lines // 2
        clip = surface.get_clip()
        surface.set_clip(box.clip(clip) if clip else box)
        surface.blit(font.render(m.label, True, st.ink), (x, y))
        if m.value:
            surface.blit(small.render(m.value, True, st.ink), (x, y + font.get_linesize()))
        surface.set_clip(clip)
        draw_trend_arrow(surface, (box.right - 6 - r / 2, cy), r * 1.1, m.trend, st.ink, st.tile)

    # -- interaction --------------------------------------------------------------------------

    def hit_test(self, pos: tuple[int, int]) -> str | None:
        """The region whose tile is at `pos` in the last draw, else None."""
        for region_id, box in self.tiles.items():
            if box.collidepoint(pos):
                return region_id
        return None


def _steps(low: int, high: int) -> list[int]:
    """Evenly spaced candidate coordinates from low to high (both included)."""
    if high <= low:
        return [low]
    count = min(GRID_STEPS, high - low + 1)
    return sorted({round(low + (high - low) * i / (count - 1)) for i in range(count)})


def _soften(colour: Colour) -> Colour:
    """A state's fill: the bin colour mixed a little with white, so tiles stand out on it."""
    return (round(colour[0] * 0.8 + 255 * 0.2), round(colour[1] * 0.8 + 255 * 0.2),
            round(colour[2] * 0.8 + 255 * 0.2))


def _inside(pos: tuple[int, int], ring: list[tuple[int, int]]) -> bool:
    """Whether a point lies inside a ring (even-odd rule)."""
    x, y = pos
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


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
