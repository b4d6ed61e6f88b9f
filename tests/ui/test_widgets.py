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
    MapAssetError,
    MapMarker,
    MapStyle,
    MexicoMap,
    draw_bin_marker,
    draw_legend,
    draw_trend_arrow,
    load_states,
)

SENTINEL = (1, 2, 3)
REGIONS = [
    MapMarker("tijuana", "Tijuana", -117.0, 32.5, 130.0, 1, "bcn", "130 per 100k"),
    MapMarker("juarez", "Ciudad Juárez", -106.45, 31.7, 280.0, -1, "chh", "280 per 100k"),
    MapMarker("sonora", "Sonora border", -110.9, 31.0, 35.0, 0, "son", "35 per 100k"),
    MapMarker("culiacan", "Culiacán", -107.4, 24.8, 85.0, 1, "sin", "85 per 100k"),
    MapMarker("tierra_caliente", "Tierra Caliente", -102.0, 19.0, 160.0, 1, "mic", "160"),
    MapMarker("guanajuato", "Guanajuato", -101.2, 20.6, 70.0, 1, "gua", "70 per 100k"),
    MapMarker("acapulco", "Acapulco", -99.9, 16.85, 110.0, 0, "gro", "110 per 100k"),
    MapMarker("montana", "Montaña de Guerrero", -98.6, 17.5, 40.0, -1, "gro", "40 per 100k"),
    MapMarker("rest", "Rest of Mexico", -99.1, 19.4, 22.0, -1, None, "22 per 100k"),
]
GUERRERO = [m for m in REGIONS if m.state == "gro"] + [
    MapMarker("centro", "Chilpancingo–Iguala", -99.5, 17.55, 60.0, 1, "gro", "60 per 100k")]
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


def _state_of(m: MexicoMap, lon: float, lat: float) -> str | None:
    return m.state_at(m.project(lon, lat))


def test_asset_has_the_32_states_where_they_belong() -> None:
    """The converted SVG: 32 states with INEGI codes, cities inside their own state, the
    seas and the US outside every state."""
    asset = load_states()
    assert sorted(s.code for s in asset.states) == [f"{i:02d}" for i in range(1, 33)]
    assert "CC BY 4.0" in json.loads(
        Path("assets/map/mexico-states.json").read_text(encoding="utf-8"))["source"]
    m = MexicoMap()
    m.layout(pygame.Rect(0, 0, 1586, 996))
    for lon, lat, state in [(-99.13, 19.35, "cmx"), (-89.62, 20.97, "yuc"),
                            (-106.0, 28.6, "chh"), (-115.6, 31.5, "bcn"),
                            (-107.39, 24.8, "sin"), (-99.5, 17.6, "gro")]:
        assert _state_of(m, lon, lat) == state, (lon, lat)
    for lon, lat in [(-111.5, 27.0), (-94.0, 23.0), (-105.0, 16.0), (-104.0, 32.5)]:
        assert _state_of(m, lon, lat) is None, (lon, lat)  # two gulfs, the Pacific, the US


@pytest.mark.parametrize("rect", [pygame.Rect(10, 10, 800, 520), pygame.Rect(0, 0, 420, 380),
                                  pygame.Rect(5, 5, 1270, 600), pygame.Rect(0, 0, 960, 860)])
def test_tiles_never_overlap_and_stay_in_the_map(font: pygame.font.Font,
                                                 rect: pygame.Rect) -> None:
    """Nine regions across the country, and Guerrero's three zoomed in: no two tiles touch,
    none leaves the map or covers the locator, and clicking a tile selects its region."""
    for markers, focus in ((REGIONS, []), (GUERRERO, ["gro"])):
        m = MexicoMap()
        m.layout(rect, focus)
        m.draw(_screen(), markers, markers[0].region_id, pal.STANDARD, font, font)
        boxes = [m.tiles[mk.region_id] for mk in markers]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.colliderect(b)
        assert all(rect.contains(b) for b in boxes)
        if focus:
            assert m.locator.w and not any(b.colliderect(m.locator) for b in boxes)
        for mk in markers:
            assert m.hit_test(m.tiles[mk.region_id].center) == mk.region_id


def test_states_are_shaded_by_rate_and_the_selected_region_stands_out(
        font: pygame.font.Font) -> None:
    """A state in play takes its bin's colour, one outside stays neutral; the selected
    region's tile has a heavy dark border the others lack."""
    surface = _screen()
    style = MapStyle()
    m = MexicoMap()
    m.layout(pygame.Rect(10, 10, 800, 520))
    m.draw(surface, REGIONS[:2], "juarez", pal.STANDARD, font, font,
           state_rates={"chh": 280.0, "bcn": 130.0})
    inside = m.project(-106.0, 28.0)
    fill = surface.get_at(inside)[:3]
    ramp = pal.bin_colour(pal.violence_bin(280.0))
    assert all(abs(f - (r * 0.8 + 51)) <= 2 for f, r in zip(fill, ramp, strict=True))
    assert surface.get_at(m.project(-101.0, 25.0))[:3] == style.land  # Coahuila: not in play
    chosen, other = m.tiles["juarez"], m.tiles["tijuana"]
    assert surface.get_at((chosen.left + 1, chosen.centery))[:3] == style.ink
    assert surface.get_at((other.left + 1, other.centery))[:3] != style.ink
    assert _untouched_outside(surface, m.rect)


def test_bad_asset_files_are_reported_with_their_path(tmp_path: Path) -> None:
    bad = tmp_path / "map.json"
    bad.write_text('{"viewbox": [10, 10], "states": [{"id": "x", "name": "X", "code": "01", '
                   '"rings": [[[0, 0], [1, "a"], [2, 2]]]}]}', encoding="utf-8")
    with pytest.raises(MapAssetError, match=r"map\.json: states\[0\]\.rings\[0\]"):
        load_states(bad)
    with pytest.raises(MapAssetError, match="cannot read"):
        MexicoMap(tmp_path / "missing.json")


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


def test_a_short_chart_labels_ticks_far_enough_apart(font: pygame.font.Font) -> None:
    """A chart squeezed to a strip (the debrief's at 1280x720) labels every other tick, so
    its tick labels never touch; a tall one labels all of them."""
    surface = _screen()
    short = _chart(surface, pygame.Rect(0, 0, 600, 120), font)
    assert 0 < short.plot.h < 5 * font.get_height()
    labelled = short.y_labelled
    assert 2 <= len(labelled) < len(short.y_ticks)
    per_value = short.plot.h / (short.y_range[1] - short.y_range[0])
    gaps = [(b - a) * per_value for a, b in itertools.pairwise(labelled)]
    assert min(gaps) >= font.get_height() - 1
    tall = _chart(surface, pygame.Rect(0, 0, 600, 500), font)
    assert tall.y_labelled == tall.y_ticks


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
