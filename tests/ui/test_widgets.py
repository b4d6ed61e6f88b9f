"""Behaviour of the drawing widgets: map projection and hits, legend, charts, palettes."""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.widgets import palette as pal
from game.ui.widgets.charts import (
    ChartLayout,
    Series,
    dash_segments,
    draw_bar,
    draw_line_chart,
    draw_sparkline,
    draw_stacked_shares,
    format_tick,
    nice_ticks,
    stacked_share_widths,
    visible_x_labels,
)
from game.ui.widgets.mexico_map import (
    LAT_MAX,
    LAT_MIN,
    LON_MAX,
    LON_MIN,
    MapMarker,
    MapOutlineError,
    MapStyle,
    MexicoMap,
    default_outline_path,
    draw_bin_marker,
    draw_legend,
    draw_trend_arrow,
    load_outline,
)

SENTINEL = (1, 2, 3)
REGIONS = [
    MapMarker("juarez", "Ciudad Juárez", -106.45, 31.7, 280.0, -1),
    MapMarker("culiacan", "Culiacán", -107.4, 24.8, 85.0, 1),
    MapMarker("tijuana", "Tijuana", -117.0, 32.5, 130.0, 1),
    MapMarker("acapulco", "Acapulco", -99.9, 16.85, 110.0, 0),
    MapMarker("montana", "Montaña de Guerrero", -98.6, 17.5, 40.0, -1),
    MapMarker("tierra_caliente", "Tierra Caliente", -102.0, 19.0, 160.0, 1),
    MapMarker("guanajuato", "Guanajuato", -101.2, 20.6, 70.0, 1),
    MapMarker("sonora", "Sonora border", -110.9, 31.0, 35.0, 0),
    MapMarker("rest", "Rest of Mexico", -99.1, 19.4, 22.0, -1),
]
BIN_LABELS = ["<10", "10-25", "25-50", "50-100", "100-200", "200+"]
X_LABELS = [f"{2019 + i // 4}-Q{i % 4 + 1}" for i in range(24)]


@pytest.fixture(scope="module", autouse=True)
def _pygame() -> Iterator[None]:
    pygame.init()
    yield
    pygame.quit()


@pytest.fixture()
def font() -> pygame.font.Font:
    return pygame.font.Font(None, 20)


def _screen() -> pygame.Surface:
    surface = pygame.Surface((1280, 720))
    surface.fill(SENTINEL)
    return surface


def _untouched_outside(surface: pygame.Surface, rect: pygame.Rect) -> bool:
    """True when every pixel outside `rect` still has the sentinel colour."""
    mask = pygame.mask.from_threshold(surface, SENTINEL, (1, 1, 1, 255))
    clipped = rect.clip(surface.get_rect())
    outside = surface.get_width() * surface.get_height() - clipped.w * clipped.h
    inside_rect = pygame.mask.Mask(surface.get_size())
    if clipped.w and clipped.h:
        inside_rect.draw(pygame.mask.Mask(clipped.size, fill=True), clipped.topleft)
    sentinel_outside = mask.count() - mask.overlap_area(inside_rect, (0, 0))
    return sentinel_outside == outside


def _point_in_polygon(x: float, y: float, ring: list[tuple[float, float]]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise([*ring, ring[0]]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


# -- palette -------------------------------------------------------------------------------


def test_bins_are_monotone_and_cover_the_edges() -> None:
    rates = [r / 2 for r in range(0, 1200)]
    bins = [pal.violence_bin(r) for r in rates]
    assert bins == sorted(bins)
    assert bins[0] == 0 and bins[-1] == pal.BIN_COUNT - 1
    assert [pal.violence_bin(e) for e in pal.BIN_EDGES] == list(range(1, pal.BIN_COUNT))
    assert pal.violence_bin(9.99) == 0 and pal.violence_bin(-5) == 0
    assert pal.violence_bin(float("nan")) == 0


@pytest.mark.parametrize("palette", pal.PALETTES)
def test_more_violence_is_always_darker(palette: str) -> None:
    # Lightness order is what survives colour-blindness and greyscale printing.
    lum = [pal.relative_luminance(e.colour) for e in pal.legend_entries(palette)]
    assert all(a > b for a, b in itertools.pairwise(lum))
    colours = [pal.violence_colour(r, palette) for r in (0, 15, 30, 60, 150, 300)]
    assert len(set(colours)) == pal.BIN_COUNT


def test_palettes_differ_and_aliases_resolve() -> None:
    standard = [e.colour for e in pal.legend_entries(pal.STANDARD)]
    colourblind = [e.colour for e in pal.legend_entries("colorblind")]
    assert all(a != b for a, b in zip(standard, colourblind, strict=True))
    assert pal.normalise_palette("Colour-Blind") == pal.COLOURBLIND
    assert pal.violence_colour(300, "no-such-palette") == pal.violence_colour(300, pal.STANDARD)


def test_legend_entries_describe_contiguous_ranges() -> None:
    entries = pal.legend_entries()
    assert entries[0].lower == 0 and entries[-1].upper is None
    for a, b in itertools.pairwise(entries):
        assert a.upper == b.lower
    assert [e.cue for e in entries] == ["1", "2", "3", "4", "5", "6"]


def test_ink_is_readable_on_every_bin() -> None:
    for palette in pal.PALETTES:
        for e in pal.legend_entries(palette):
            assert pal.contrast_ratio(e.colour, pal.ink_on(e.colour)) >= 4.5


def test_categorical_palette_is_distinct_and_cycles() -> None:
    first = [pal.categorical_colour(i) for i in range(len(pal.OKABE_ITO))]
    assert len(set(first)) == len(first)
    assert pal.categorical_colour(len(first)) == first[0]


# -- map -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rect",
    [pygame.Rect(10, 10, 800, 520), pygame.Rect(0, 0, 300, 700), pygame.Rect(5, 5, 1270, 200)],
)
def test_projection_fits_rect_keeps_aspect_and_north_is_up(rect: pygame.Rect) -> None:
    m = MexicoMap(default_outline_path())
    m.layout(rect)
    for lon, lat in itertools.product((LON_MIN, LON_MAX), (LAT_MIN, LAT_MAX)):
        x, y = m.project(lon, lat)
        assert rect.left - 0.5 <= x <= rect.right + 0.5 and rect.top - 0.5 <= y <= rect.bottom + 0.5
    for marker in REGIONS:
        x, y = m.project(marker.lon, marker.lat)
        assert rect.collidepoint(x, y)
    north, south = m.project(-100, 30), m.project(-100, 20)
    east, west = m.project(-90, 20), m.project(-110, 20)
    assert north[1] < south[1] and east[0] > west[0]
    # One degree of longitude is cos(latitude) of a degree of latitude: no sideways stretch.
    px_per_lat = (south[1] - north[1]) / 10
    px_per_lon = (east[0] - west[0]) / 20
    assert px_per_lon / px_per_lat == pytest.approx(math.cos(math.radians(23.5)), rel=1e-6)


def test_outline_asset_is_shaped_like_mexico() -> None:
    raw = json.loads(default_outline_path().read_text(encoding="utf-8"))
    assert "Plaza" in raw["attribution"]
    outline = load_outline(default_outline_path())
    mainland = max(outline.polygons, key=len)
    assert 80 <= sum(len(r) for r in outline.polygons) <= 250

    def on_land(lon: float, lat: float) -> bool:
        return any(_point_in_polygon(lon, lat, r) for r in outline.polygons)

    for lon, lat in [(-99.13, 19.43), (-89.62, 20.97), (-115.5, 31.0), (-111.5, 25.5)]:
        assert on_land(lon, lat), (lon, lat)  # CDMX, Mérida, northern and southern Baja
    for lon, lat in [(-111.0, 27.0), (-94.0, 22.0), (-105.0, 17.0), (-100.0, 32.5)]:
        assert not on_land(lon, lat), (lon, lat)  # Gulf of California, Gulf, Pacific, USA
    assert all(LON_MIN <= lon <= LON_MAX and LAT_MIN <= lat <= LAT_MAX for lon, lat in mainland)

    def width_at(lat: float) -> float:
        xs = [lon / 10 for lon in range(-1180, -860) if _point_in_polygon(lon / 10, lat, mainland)]
        return max(xs) - min(xs)

    # The Isthmus of Tehuantepec is narrower north-south than Oaxaca/Guerrero to its west.
    def height_at(lon: float) -> float:
        ys = [lat / 20 for lat in range(280, 660) if _point_in_polygon(lon, lat / 20, mainland)]
        return max(ys) - min(ys)

    assert height_at(-94.8) < height_at(-98.0) * 0.8
    assert width_at(29.0) > 8.0  # the broad north (Chihuahua-Coahuila)


def test_drawn_map_has_land_and_sea_where_expected(font: pygame.font.Font) -> None:
    surface = _screen()
    style = MapStyle()
    m = MexicoMap()
    m.layout(pygame.Rect(10, 10, 800, 520))
    m.draw(surface, [], None, pal.STANDARD, font)
    cdmx = tuple(round(v) for v in m.project(-99.13, 19.43))
    gulf_of_california = tuple(round(v) for v in m.project(-111.0, 27.0))
    assert surface.get_at(cdmx)[:3] == style.land
    assert surface.get_at(gulf_of_california)[:3] == style.sea
    assert _untouched_outside(surface, m.rect)


def test_hit_test_finds_markers_and_misses_empty_space(font: pygame.font.Font) -> None:
    surface = _screen()
    m = MexicoMap()
    m.layout(pygame.Rect(10, 10, 800, 520))
    assert m.hit_test((100, 100)) is None  # nothing drawn yet
    m.draw(surface, REGIONS, "culiacan", pal.COLOURBLIND, font)
    for marker in REGIONS:
        x, y = m.project(marker.lon, marker.lat)
        assert m.hit_test((round(x), round(y))) == marker.region_id
        assert m.hit_test(m.label_rects[marker.region_id].center) == marker.region_id
    gulf = m.project(-94.0, 23.0)
    assert m.hit_test((round(gulf[0]), round(gulf[1]))) is None
    x, y = m.project(-107.4, 24.8)
    assert m.hit_test((round(x), round(y) + m.marker_radius + 20)) is None


def test_labels_do_not_overlap_each_other_and_stay_in_the_map(font: pygame.font.Font) -> None:
    surface = _screen()
    m = MexicoMap()
    m.layout(pygame.Rect(10, 10, 800, 520))
    m.draw(surface, REGIONS, None, pal.STANDARD, font)
    boxes = list(m.label_rects.values())
    assert len(boxes) == len(REGIONS)
    for a, b in itertools.combinations(boxes, 2):
        assert not a.colliderect(b)
    assert all(m.rect.contains(b) for b in boxes)


def test_marker_size_stays_within_bounds() -> None:
    m = MexicoMap()
    for rect in (pygame.Rect(0, 0, 100, 60), pygame.Rect(0, 0, 800, 520)):
        m.layout(rect)
        assert 7 <= m.marker_radius <= 11
    m.layout(pygame.Rect(0, 0, 2560, 1440))  # 200% UI scale: markers may grow, not explode
    assert m.marker_radius <= 22


def test_marker_carries_a_cue_besides_colour(font: pygame.font.Font) -> None:
    def ink_mask(bin_index: int) -> pygame.mask.Mask:
        surface = pygame.Surface((40, 40))
        surface.fill((255, 255, 255))
        draw_bin_marker(surface, (20, 20), 11, bin_index, pal.STANDARD, font, (40, 40, 48))
        fill = pal.bin_colour(bin_index, pal.STANDARD)
        ink = pal.ink_on(fill)
        inner = pygame.Surface((14, 14))
        inner.blit(surface, (0, 0), pygame.Rect(13, 13, 14, 14))
        return pygame.mask.from_threshold(inner, ink, (60, 60, 60, 255))

    masks = [ink_mask(i) for i in range(pal.BIN_COUNT)]
    assert all(mask.count() > 0 for mask in masks)
    # Different glyphs: the digit shapes differ pairwise.
    for a, b in itertools.combinations(masks, 2):
        assert a.overlap_area(b, (0, 0)) < max(a.count(), b.count())


def test_trend_arrows_point_the_right_way() -> None:
    def top_heavy(trend: int) -> bool:
        surface = pygame.Surface((30, 30))
        surface.fill((255, 255, 255))
        draw_trend_arrow(surface, (15, 15), 16, trend, (0, 0, 0), (255, 255, 255))
        mask = pygame.mask.from_threshold(surface, (0, 0, 0), (10, 10, 10, 255))
        top = sum(mask.get_at((x, y)) for x in range(30) for y in range(15))
        bottom = mask.count() - top
        return top < bottom  # a ▲ has its wide base at the bottom

    assert top_heavy(1) and not top_heavy(-1)


@pytest.mark.parametrize(
    "rect",
    [pygame.Rect(900, 20, 260, 260), pygame.Rect(0, 0, 1280, 720), pygame.Rect(5, 5, 30, 12)],
)
def test_legend_draws_inside_its_rect(font: pygame.font.Font, rect: pygame.Rect) -> None:
    for palette in pal.PALETTES:
        surface = _screen()
        draw_legend(
            surface, rect, palette, font, "Homicides", BIN_LABELS, trend_labels=("up", "down")
        )
        assert _untouched_outside(surface, rect)
    draw_legend(_screen(), pygame.Rect(0, 0, 0, 0), pal.STANDARD, font, "t", BIN_LABELS)


def test_legend_rejects_the_wrong_number_of_labels(font: pygame.font.Font) -> None:
    with pytest.raises(ValueError, match="6 labels"):
        draw_legend(_screen(), pygame.Rect(0, 0, 200, 200), pal.STANDARD, font, "t", ["a"])


def test_bad_outline_files_are_reported_with_their_path(tmp_path: Path) -> None:
    bad = tmp_path / "map.json"
    bad.write_text('{"polygons": [[[-100, 20], [-99, 20], ["x", 21]]]}', encoding="utf-8")
    with pytest.raises(MapOutlineError, match=r"map\.json: polygons\[0\]\[2\]"):
        load_outline(bad)
    with pytest.raises(MapOutlineError, match="cannot read"):
        MexicoMap(tmp_path / "missing.json")


# -- charts --------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(1e-3, 1e6, allow_nan=False),
)
def test_ticks_are_round_evenly_spaced_and_cover_the_data(lo: float, span: float) -> None:
    hi = lo + span
    ticks = nice_ticks(lo, hi)
    assert 4 <= len(ticks) <= 6
    # The step as designed (differences of large ticks carry float noise in the last digits).
    step = float(f"{ticks[1] - ticks[0]:.6g}")
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert any(math.isclose(mantissa, m, rel_tol=1e-9) for m in (1, 2, 2.5, 5))
    # Covers the data, up to a millionth of a step (invisible at any screen size).
    assert ticks[0] <= lo + 1e-6 * step and ticks[-1] >= hi - 1e-6 * step
    for a, b in itertools.pairwise(ticks):
        assert b - a == pytest.approx(step, rel=1e-6)
    for t in ticks:
        assert t / step == pytest.approx(round(t / step), rel=1e-9, abs=1e-6)


def test_ticks_for_typical_game_ranges() -> None:
    assert nice_ticks(0, 36_500) == [0, 10_000, 20_000, 30_000, 40_000]
    assert nice_ticks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    flat = nice_ticks(50, 50)
    assert flat[0] < 50 < flat[-1]
    with pytest.raises(ValueError):
        nice_ticks(0, float("inf"))


def test_tick_labels_use_thousands_separators_and_needed_decimals() -> None:
    assert format_tick(36_000, 5_000) == "36,000"
    assert format_tick(2.5, 2.5) == "2.5"
    assert format_tick(0.25, 0.25) == "0.25"
    assert format_tick(1_250_000, 250_000) == "1,250,000"
    assert format_tick(-0.0, 1) == "0"


def test_x_labels_are_thinned_until_they_do_not_overlap(font: pygame.font.Font) -> None:
    for width in (1200, 600, 300, 120, 40):
        xs = [i * width / 23 for i in range(24)]
        shown = visible_x_labels(X_LABELS, xs, font)
        for a, b in itertools.pairwise(shown):
            right_a = xs[a] + font.size(X_LABELS[a])[0] / 2
            left_b = xs[b] - font.size(X_LABELS[b])[0] / 2
            assert left_b - right_a >= 8
        assert shown and shown[0] == 0
    wide = [i * 200.0 for i in range(24)]
    assert visible_x_labels(X_LABELS, wide, font) == list(range(24))
    narrow = [i * 300 / 23 for i in range(24)]
    assert len(visible_x_labels(X_LABELS, narrow, font)) < 24


def test_dashes_alternate_and_continue_round_corners() -> None:
    pts = [(0.0, 0.0), (30.0, 0.0), (30.0, 30.0)]
    dashes = dash_segments(pts, dash=7, gap=5)
    drawn = sum(math.dist(a, b) for a, b in dashes)
    assert drawn == pytest.approx(60 * 7 / 12, abs=7)  # about 7/12 of the length is ink
    assert all(math.dist(a, b) <= 7 + 1e-9 for a, b in dashes)
    assert dash_segments([(0.0, 0.0), (0.0, 0.0)]) == []


def _chart(surface: pygame.Surface, rect: pygame.Rect, font: pygame.font.Font) -> ChartLayout:
    history: list[float | None] = [280.0, 250.0, 210.0, 170.0, 140.0, 120.0, *([None] * 18)]
    played: list[float | None] = [*([None] * 5), 120.0, *[120.0 - 3 * i for i in range(18)]]
    return draw_line_chart(
        surface,
        rect,
        [
            Series("History", history, pal.categorical_colour(6), dashed=True),
            Series("You", played, pal.categorical_colour(4), width=3),
            Series("Empty", [None] * 24, pal.categorical_colour(0)),
        ],
        font,
        title="Homicides",
        y_label="per 100k",
        x_labels=X_LABELS,
        y_min=0,
        marker_x=20,
        marker_label="end",
    )


def test_chart_layout_at_full_size(font: pygame.font.Font) -> None:
    surface = _screen()
    rect = pygame.Rect(0, 0, 1280, 720)
    layout = _chart(surface, rect, font)
    assert rect.contains(layout.plot) and layout.plot.w > 1000 and layout.plot.h > 500
    assert layout.legend.bottom <= layout.plot.top
    assert layout.y_ticks[0] == 0 and layout.y_ticks[-1] >= 280
    assert layout.x_label_indices[0] == 0
    # The plotted lines really are there: a blue pixel inside the plot area.
    blue = pygame.mask.from_threshold(surface, pal.categorical_colour(4), (8, 8, 8, 255))
    assert blue.count() > 100


@pytest.mark.parametrize(
    "rect",
    [
        pygame.Rect(100, 100, 400, 240),
        pygame.Rect(10, 10, 120, 60),
        pygame.Rect(10, 10, 20, 10),
        pygame.Rect(10, 10, 0, 0),
        pygame.Rect(1200, 700, 300, 300),  # partly off-surface
    ],
)
def test_chart_draws_only_inside_its_rect(font: pygame.font.Font, rect: pygame.Rect) -> None:
    surface = _screen()
    layout = _chart(surface, rect, font)
    assert _untouched_outside(surface, rect)
    legend = layout.legend
    for item in layout.legend_items:
        assert not item.colliderect(layout.plot) or layout.plot.w == 0
    assert legend.bottom <= layout.plot.top or layout.plot.h == 0


def test_chart_handles_no_series_and_flat_data(font: pygame.font.Font) -> None:
    surface = _screen()
    rect = pygame.Rect(0, 0, 400, 200)
    layout = draw_line_chart(surface, rect, [], font, title="", y_label="", x_labels=[])
    assert layout.y_ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0]
    flat = draw_line_chart(
        surface, rect, [Series("a", [5.0] * 4, (0, 0, 0))], font, title="", y_label="", x_labels=[]
    )
    assert flat.y_range[0] < 5 < flat.y_range[1]


def test_sparkline_and_bars_stay_in_their_rects() -> None:
    surface = _screen()
    rect = pygame.Rect(50, 50, 80, 20)
    draw_sparkline(surface, rect, [3.0, None, 5.0, 4.0, 9.0], (0, 114, 178))
    assert _untouched_outside(surface, rect)
    ink = pygame.mask.from_threshold(surface, (0, 114, 178), (8, 8, 8, 255))
    assert ink.count() > 0
    # The latest value (the maximum) gets a dot at the top-right corner of the rect.
    assert any(
        ink.get_at((x, y))
        for x in range(rect.right - 7, rect.right)
        for y in range(rect.y, rect.y + 7)
    )
    draw_sparkline(surface, rect, [None, None], (0, 0, 0))  # nothing to draw, no crash

    surface = _screen()
    bar = pygame.Rect(10, 10, 100, 8)
    draw_bar(surface, bar, 1.7, (200, 0, 0), (220, 220, 220))
    assert surface.get_at((bar.right - 1, bar.y))[:3] == (200, 0, 0)
    draw_bar(surface, bar, 0.25, (200, 0, 0), (220, 220, 220))
    assert surface.get_at((20, 12))[:3] == (200, 0, 0)
    assert surface.get_at((40, 12))[:3] == (220, 220, 220)
    assert _untouched_outside(surface, bar)


def test_stacked_shares_add_up_exactly() -> None:
    assert sum(stacked_share_widths([1 / 3] * 3, 100)) == 100
    assert stacked_share_widths([0.5, 0.25], 100) == [50, 25]
    assert sum(stacked_share_widths([0.8, 0.8], 97)) == 97  # over-full shares are normalised
    surface = _screen()
    rect = pygame.Rect(0, 0, 100, 10)
    draw_stacked_shares(surface, rect, [(0.5, (230, 159, 0)), (0.25, (0, 114, 178))])
    assert surface.get_at((10, 5))[:3] == (230, 159, 0)
    assert surface.get_at((60, 5))[:3] == (0, 114, 178)
    assert surface.get_at((90, 5))[:3] == (225, 228, 232)  # the unclaimed rest
    assert _untouched_outside(surface, rect)
