"""Line charts with round-number axes, sparklines and share bars, drawn with pygame-ce."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pygame

from game.core.scales import nice_ticks, step_decimals
from game.ui.widgets.text import wrap

Colour = tuple[int, int, int]
Point = tuple[float, float]



@dataclass
class Series:
    """One line on a chart; None values leave a gap (e.g. turns not played yet)."""

    label: str
    values: list[float | None]
    colour: Colour
    dashed: bool = False
    width: int = 2
    dotted: bool = False  # with dashed: short dashes (an estimate beside a count, say)


@dataclass(frozen=True)
class ChartStyle:
    """Colours of chart furniture; the UI theme may pass its own."""

    text: Colour = (33, 37, 41)
    muted: Colour = (96, 104, 112)
    grid: Colour = (222, 226, 230)
    axis: Colour = (134, 142, 150)
    marker: Colour = (110, 110, 120)
    background: Colour | None = None  # None: draw on whatever is already there


@dataclass
class ChartLayout:
    """Where a chart put its parts, for hit-testing, tooltips and tests."""

    plot: pygame.Rect
    legend: pygame.Rect
    legend_items: list[pygame.Rect] = field(default_factory=list)
    y_ticks: list[float] = field(default_factory=list)
    y_labelled: list[float] = field(default_factory=list)
    """The y ticks that carry a label (all of them unless the plot is short)."""
    x_positions: list[float] = field(default_factory=list)
    x_label_indices: list[int] = field(default_factory=list)
    y_range: tuple[float, float] = (0.0, 1.0)
    label_width: int = 0
    """Pixels the y tick labels took (pass the widest to charts that must line up)."""


# -- axis arithmetic ---------------------------------------------------------------------------


def format_tick(value: float, step: float) -> str:
    """Format a tick with thousands separators and just enough decimals for the step."""
    text = f"{value:,.{step_decimals(step)}f}"
    return "0" if text.strip("-0.,") == "" else text


def visible_x_labels(
    labels: Sequence[str],
    positions: Sequence[float],
    font: pygame.font.Font,
    min_gap: int = 8,
    bounds: tuple[float, float] | None = None,
) -> list[int]:
    """Return indices of the x labels to draw so that no two overlap (every k-th label).

    Labels are centred on their positions; the stride k is the smallest that leaves at least
    `min_gap` pixels between neighbours; with `bounds` (left, right), labels that would stick
    out of the chart are dropped as well.
    """
    n = min(len(labels), len(positions))
    if n == 0:
        return []
    widths = [font.size(labels[i])[0] for i in range(n)]
    for stride in range(1, n + 1):
        shown = [i for i in range(0, n, stride) if labels[i]]
        if bounds is not None:
            shown = [
                i
                for i in shown
                if positions[i] - widths[i] / 2 >= bounds[0] - 0.5
                and positions[i] + widths[i] / 2 <= bounds[1] + 0.5
            ]
        fits = all(
            positions[b] - widths[b] / 2 - (positions[a] + widths[a] / 2) >= min_gap
            for a, b in itertools.pairwise(shown)
        )
        if fits:
            return shown
    return []


def dash_segments(
    points: Sequence[Point], dash: float = 7.0, gap: float = 5.0
) -> list[tuple[Point, Point]]:
    """Split a polyline into dash segments whose rhythm continues across its corners."""
    segments: list[tuple[Point, Point]] = []
    period = dash + gap
    phase = 0.0  # distance already travelled within the current dash+gap period
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        length = math.hypot(x1 - x0, y1 - y0)
        if length == 0:
            continue
        ux, uy = (x1 - x0) / length, (y1 - y0) / length
        pos = 0.0
        while pos < length:
            if phase < dash:
                run = min(dash - phase, length - pos)
                start = (x0 + ux * pos, y0 + uy * pos)
                end = (x0 + ux * (pos + run), y0 + uy * (pos + run))
                segments.append((start, end))
            else:
                run = min(period - phase, length - pos)
            pos += run
            phase = (phase + run) % period
    return segments


# -- drawing helpers ---------------------------------------------------------------------------


def _draw_polyline(
    surface: pygame.Surface, colour: Colour, points: Sequence[Point], width: int, dashed: bool,
    dotted: bool = False,
) -> None:
    """Draw an antialiased polyline of any width, solid, dashed or dotted (short dashes),
    with rounded joints."""
    if len(points) == 1:
        pygame.draw.circle(surface, colour, points[0], max(2, width + 1))
        return
    if dashed:
        # Longer dashes for thicker lines so the pattern stays legible when projected.
        dash = 1.0 + width if dotted else 4.0 + 3 * width
        pairs = dash_segments(points, dash=dash, gap=3.0 + 2 * width)
    else:
        pairs = list(itertools.pairwise(points))
    for start, end in pairs:
        pygame.draw.aaline(surface, colour, start, end, max(1, width))
    if width >= 3 and not dashed:
        for p in points[1:-1]:
            pygame.draw.circle(surface, colour, p, width / 2)


def _runs(values: Sequence[float | None]) -> list[list[int]]:
    """Group indices of consecutive non-missing values."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, v in enumerate(values):
        if v is None or not math.isfinite(v):
            if current:
                runs.append(current)
            current = []
        else:
            current.append(i)
    if current:
        runs.append(current)
    return runs


def _legend_sample(surface: pygame.Surface, rect: pygame.Rect, series: Series) -> None:
    y = rect.centery
    _draw_polyline(
        surface, series.colour, [(rect.x, y), (rect.right, y)], max(2, series.width), series.dashed,
        series.dotted,
    )


# -- public drawing ----------------------------------------------------------------------------


def draw_line_chart(
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: Sequence[Series],
    font: pygame.font.Font,
    *,
    title: str,
    y_label: str,
    x_labels: Sequence[str],
    y_min: float | None = None,
    y_max: float | None = None,
    marker_x: int | None = None,
    marker_label: str | None = None,
    small_font: pygame.font.Font | None = None,
    tick_format: Callable[[float, float], str] = format_tick,
    style: ChartStyle | None = None,
    label_width: int = 0,
) -> ChartLayout:
    """Draw a line chart: title, legend above the plot, round y ticks, thinned x labels.

    `marker_x` draws a vertical dashed line at that x index (e.g. the end of the term), with
    an optional translated `marker_label`. Tick labels use `small_font` when given;
    `label_width` reserves at least that many pixels for them, so charts stacked one above
    the other put the same quarter at the same x. Returns where everything went. Never raises
    for small rects; it draws what fits.
    """
    st = style or ChartStyle()
    rect = pygame.Rect(rect)
    tick_font = small_font or font
    layout = ChartLayout(
        plot=pygame.Rect(rect.x, rect.y, 0, 0), legend=pygame.Rect(rect.x, rect.y, 0, 0)
    )
    if rect.w <= 0 or rect.h <= 0:
        return layout
    previous_clip = surface.get_clip()
    surface.set_clip(rect.clip(previous_clip))
    try:
        if st.background is not None:
            surface.fill(st.background, rect)
        _draw_chart_body(
            surface,
            rect,
            series,
            font,
            tick_font,
            st,
            layout,
            title=title,
            y_label=y_label,
            x_labels=x_labels,
            y_min=y_min,
            y_max=y_max,
            marker_x=marker_x,
            marker_label=marker_label,
            tick_format=tick_format,
            label_width=label_width,
        )
    finally:
        surface.set_clip(previous_clip)
    return layout


def _draw_chart_body(
    surface: pygame.Surface,
    rect: pygame.Rect,
    series: Sequence[Series],
    font: pygame.font.Font,
    tick_font: pygame.font.Font,
    st: ChartStyle,
    layout: ChartLayout,
    *,
    title: str,
    y_label: str,
    x_labels: Sequence[str],
    y_min: float | None,
    y_max: float | None,
    marker_x: int | None,
    marker_label: str | None,
    tick_format: Callable[[float, float], str],
    label_width: int = 0,
) -> None:
    """Lay out and paint every part of a line chart (see draw_line_chart)."""
    pad = max(4, font.get_height() // 3)
    y = rect.y + pad
    if title:
        surface.blit(font.render(title, True, st.text), (rect.x + pad, y))
        y += font.get_linesize() + pad // 2

    # Legend above the plot, wrapped into rows, so it can never cover a line.
    sample_w = max(16, font.get_height())
    row_h = font.get_linesize()
    lx, ly = rect.x + pad, y
    legend_items: list[pygame.Rect] = []
    for s in series:
        text_w = font.size(s.label)[0]
        item_w = sample_w + 6 + text_w
        if lx > rect.x + pad and lx + item_w > rect.right - pad:
            lx, ly = rect.x + pad, ly + row_h
        item = pygame.Rect(lx, ly, item_w, row_h)
        legend_items.append(item)
        _legend_sample(surface, pygame.Rect(lx, ly, sample_w, row_h), s)
        surface.blit(font.render(s.label, True, st.text), (lx + sample_w + 6, ly))
        lx += item_w + 2 * pad + 6
    if legend_items:
        layout.legend = legend_items[0].unionall(legend_items[1:])
        y = layout.legend.bottom + pad // 2
    layout.legend_items = legend_items

    if y_label:
        surface.blit(tick_font.render(y_label, True, st.muted), (rect.x + pad, y))
        y += tick_font.get_linesize() + 2

    # Y range: explicit limits win; otherwise round outwards to the ticks.
    data = [v for s in series for v in s.values if v is not None and math.isfinite(v)]
    lo = y_min if y_min is not None else (min(data) if data else 0.0)
    hi = y_max if y_max is not None else (max(data) if data else 1.0)
    if y_min is not None and y_max is None and data:
        hi = max(hi, lo)
    ticks = nice_ticks(lo, hi)
    axis_lo = y_min if y_min is not None else ticks[0]
    axis_hi = y_max if y_max is not None else ticks[-1]
    if axis_hi <= axis_lo:
        axis_hi = axis_lo + (ticks[-1] - ticks[0] or 1.0)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    ticks = [t for t in ticks if axis_lo - 1e-9 * abs(step) <= t <= axis_hi + 1e-9 * abs(step)]
    layout.y_ticks = ticks
    layout.y_range = (axis_lo, axis_hi)
    tick_texts = [tick_format(t, step) for t in ticks]

    half_tick_h = tick_font.get_height() // 2
    top = y + half_tick_h
    # X labels start below the lowest y tick label's half-height, so the two never touch.
    x_label_gap = half_tick_h + 2
    bottom = rect.bottom - pad - tick_font.get_linesize() - x_label_gap
    label_w = max((tick_font.size(t)[0] for t in tick_texts), default=0)
    layout.label_width = label_w
    label_w = max(label_w, label_width)
    left = rect.x + pad + label_w + 6
    n = max([len(x_labels), *(len(s.values) for s in series), 1])
    last_w = tick_font.size(x_labels[-1])[0] if x_labels else 0
    right = rect.right - pad - max(0, last_w // 2 - pad)
    plot = pygame.Rect(left, top, max(0, right - left), max(0, bottom - top))
    layout.plot = plot
    if plot.w < 8 or plot.h < 8:
        return  # too small for a plot; title and legend are all that fit

    def to_y(v: float) -> float:
        return plot.bottom - (v - axis_lo) / (axis_hi - axis_lo) * plot.h

    # A short plot labels every second (third...) tick, so tick labels never touch.
    spacing = plot.h / max(1, len(ticks) - 1)
    every = max(1, math.ceil(tick_font.get_height() / max(spacing, 1e-9)))
    for k, (t, text) in enumerate(zip(ticks, tick_texts, strict=True)):
        ty = round(to_y(t))
        pygame.draw.line(surface, st.grid, (plot.left, ty), (plot.right, ty))
        if k % every == 0:
            layout.y_labelled.append(t)
            img = tick_font.render(text, True, st.muted)
            surface.blit(img, img.get_rect(midright=(plot.left - 6, ty)))
    if axis_lo < 0 < axis_hi:
        zy = round(to_y(0.0))
        pygame.draw.line(surface, st.axis, (plot.left, zy), (plot.right, zy))
    pygame.draw.line(surface, st.axis, plot.bottomleft, plot.bottomright)

    xs = [float(plot.centerx)] if n == 1 else [plot.left + i * plot.w / (n - 1) for i in range(n)]
    layout.x_positions = xs
    shown = visible_x_labels(x_labels, xs, tick_font, bounds=(rect.x, rect.right))
    layout.x_label_indices = shown
    for i in shown:
        x = round(xs[i])
        pygame.draw.line(surface, st.axis, (x, plot.bottom), (x, plot.bottom + 3))
        img = tick_font.render(x_labels[i], True, st.muted)
        surface.blit(img, img.get_rect(midtop=(x, plot.bottom + x_label_gap)))

    if marker_x is not None and 0 <= marker_x < n:
        mx = xs[marker_x]
        _draw_polyline(surface, st.marker, [(mx, plot.top), (mx, plot.bottom)], 1, True)
        if marker_label:
            img = tick_font.render(marker_label, True, st.marker)
            box = img.get_rect(topleft=(round(mx) + 4, plot.top + 2))
            if box.right > plot.right:
                box.topright = (round(mx) - 4, plot.top + 2)
            surface.blit(img, box)

    # Lines may poke a little past the plot (thick strokes at the limits), never further.
    previous_clip = surface.get_clip()
    surface.set_clip(plot.inflate(8, 8).clip(previous_clip))
    try:
        for s in series:
            runs = _runs(s.values)
            for run in runs:
                pts = [(xs[i], to_y(float(s.values[i]))) for i in run]  # type: ignore[arg-type]
                _draw_polyline(surface, s.colour, pts, s.width, s.dashed, s.dotted)
            if runs and not s.dashed:
                i = runs[-1][-1]
                end = (xs[i], to_y(float(s.values[i])))  # type: ignore[arg-type]
                pygame.draw.circle(surface, s.colour, end, s.width + 2)
    finally:
        surface.set_clip(previous_clip)


def draw_sparkline(
    surface: pygame.Surface,
    rect: pygame.Rect,
    values: Sequence[float | None],
    colour: Colour,
) -> None:
    """Draw a tiny trend line filling `rect` (no axes) with a dot on the latest value."""
    rect = pygame.Rect(rect)
    finite = [v for v in values if v is not None and math.isfinite(v)]
    if rect.w <= 2 or rect.h <= 2 or not finite:
        return
    lo, hi = min(finite), max(finite)
    r = max(1, min(3, rect.h // 6))
    inner = rect.inflate(-2 * r, -2 * r)  # keep the end dot inside the rect
    n = len(values)

    def point(i: int, v: float) -> Point:
        x = inner.centerx if n == 1 else inner.left + i * inner.w / (n - 1)
        # A flat line sits in the middle rather than on the floor.
        frac = 0.5 if hi == lo else (v - lo) / (hi - lo)
        return (x, inner.bottom - frac * inner.h)

    runs = _runs(values)
    for run in runs:
        pts = [point(i, float(values[i])) for i in run]  # type: ignore[arg-type]
        _draw_polyline(surface, colour, pts, 1, False)
    last = runs[-1][-1]
    pygame.draw.circle(surface, colour, point(last, float(values[last])), r)  # type: ignore[arg-type]


def draw_ghost_sparkline(
    surface: pygame.Surface,
    rect: pygame.Rect,
    values: Sequence[float | None],
    ghost: Sequence[float | None],
    colour: Colour,
    ghost_colour: Colour,
) -> None:
    """Draw a tiny trend line with the same world beside it (dashed), on one shared scale."""
    rect = pygame.Rect(rect)
    finite = [v for v in [*values, *ghost] if v is not None and math.isfinite(v)]
    if rect.w <= 2 or rect.h <= 2 or not finite:
        return
    lo, hi = min(finite), max(finite)
    r = max(1, min(3, rect.h // 6))
    inner = rect.inflate(-2 * r, -2 * r)
    n = max(len(values), len(ghost))

    def point(i: int, v: float) -> Point:
        x = inner.centerx if n == 1 else inner.left + i * inner.w / (n - 1)
        frac = 0.5 if hi == lo else (v - lo) / (hi - lo)
        return (x, inner.bottom - frac * inner.h)

    for line, shade, dashed in ((ghost, ghost_colour, True), (values, colour, False)):
        for run in _runs(line):
            pts = [point(i, float(line[i])) for i in run]  # type: ignore[arg-type]
            _draw_polyline(surface, shade, pts, 1 if dashed else 2, dashed)
    runs = _runs(values)
    if runs:
        last = runs[-1][-1]
        pygame.draw.circle(surface, colour, point(last, float(values[last])), r)  # type: ignore[arg-type]


def draw_bar(
    surface: pygame.Surface,
    rect: pygame.Rect,
    fraction: float,
    colour: Colour,
    bg: Colour,
) -> None:
    """Draw a horizontal bar filled to `fraction` (clamped to 0..1) over a background track."""
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0:
        return
    frac = 0.0 if not math.isfinite(fraction) else min(1.0, max(0.0, fraction))
    pygame.draw.rect(surface, bg, rect)
    filled = round(rect.w * frac)
    if filled > 0:
        pygame.draw.rect(surface, colour, pygame.Rect(rect.x, rect.y, filled, rect.h))


def stacked_share_widths(shares: Sequence[float], total_width: int) -> list[int]:
    """Return integer segment widths for shares (normalised if they exceed 1) without drift."""
    clean = [max(0.0, s) if math.isfinite(s) else 0.0 for s in shares]
    total = sum(clean)
    scale = 1.0 / total if total > 1.0 else 1.0
    widths: list[int] = []
    cumulative = 0.0
    edge = 0
    for s in clean:
        cumulative += s * scale
        # Round the running edge, not each width, so the segments add up exactly.
        next_edge = round(cumulative * total_width)
        widths.append(next_edge - edge)
        edge = next_edge
    return widths


def draw_stacked_shares(
    surface: pygame.Surface,
    rect: pygame.Rect,
    shares: Sequence[tuple[float, Colour]],
    *,
    bg: Colour = (225, 228, 232),
    separator: Colour | None = (255, 255, 255),
) -> None:
    """Draw shares of a whole (e.g. territory by group) side by side in one bar.

    Shares summing to less than 1 leave the rest as background (e.g. uncontested ground);
    thin separators keep neighbouring segments apart even when their colours are close.
    """
    rect = pygame.Rect(rect)
    if rect.w <= 0 or rect.h <= 0:
        return
    pygame.draw.rect(surface, bg, rect)
    widths = stacked_share_widths([s for s, _ in shares], rect.w)
    x = rect.x
    for (_, colour), w in zip(shares, widths, strict=True):
        if w <= 0:
            continue
        pygame.draw.rect(surface, colour, pygame.Rect(x, rect.y, w, rect.h))
        x += w
        if separator is not None and x < rect.right and w > 2:
            pygame.draw.line(surface, separator, (x - 1, rect.y), (x - 1, rect.bottom - 1))


@dataclass
class BarsLayout:
    """Where a difference chart put its parts, for tests."""

    plot: pygame.Rect
    zero_y: int = 0
    bars: list[pygame.Rect] = field(default_factory=list)
    lines: list[pygame.Rect] = field(default_factory=list)
    """The title and caption lines (text rectangles)."""


def draw_difference_bars(
    surface: pygame.Surface,
    rect: pygame.Rect,
    values: Sequence[float],
    font: pygame.font.Font,
    small_font: pygame.font.Font,
    *,
    title: str,
    caption: str,
    x_labels: Sequence[str],
    colours: tuple[Colour, Colour],
    tick_format: Callable[[float, float], str] = format_tick,
    style: ChartStyle | None = None,
) -> BarsLayout:
    """Draw one bar per quarter above zero (colours[0]: better than the same world) or below it
    (colours[1]: worse), under a title and a caption wrapped to the width, En-ROADS style."""
    st = style or ChartStyle()
    rect = pygame.Rect(rect)
    layout = BarsLayout(plot=pygame.Rect(rect.x, rect.y, 0, 0))
    pad = max(4, font.get_height() // 3)
    y = rect.y + pad
    width = rect.w - 2 * pad
    for text, face, colour in ((title, font, st.text), (caption, small_font, st.text)):
        for line in wrap(text, face, width) if text else []:
            image = face.render(line, True, colour)
            layout.lines.append(surface.blit(image, (rect.x + pad, y)))
            y += face.get_linesize()
    y += pad // 2
    clean = [v if math.isfinite(v) else 0.0 for v in values]
    biggest = max((abs(v) for v in clean), default=0.0) or 1.0
    ticks = nice_ticks(-biggest, biggest)
    lo, hi = min(ticks[0], -biggest), max(ticks[-1], biggest)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    texts = [tick_format(t, step) for t in (lo, 0.0, hi)]
    label_w = max(small_font.size(t)[0] for t in texts)
    bottom = rect.bottom - pad - small_font.get_linesize()
    plot = pygame.Rect(rect.x + pad + label_w + 6, y + small_font.get_height() // 2,
                       0, 0)
    plot.w = max(0, rect.right - pad - plot.x)
    plot.h = max(0, bottom - plot.y)
    layout.plot = plot
    if plot.w < 8 or plot.h < 16 or not clean:
        return layout

    def to_y(v: float) -> float:
        return plot.bottom - (v - lo) / (hi - lo) * plot.h

    zero_y = round(to_y(0.0))
    layout.zero_y = zero_y
    for value, text in zip((lo, 0.0, hi), texts, strict=True):
        ty = round(to_y(value))
        pygame.draw.line(surface, st.grid, (plot.left, ty), (plot.right, ty))
        image = small_font.render(text, True, st.muted)
        surface.blit(image, image.get_rect(midright=(plot.left - 6, ty)))
    slot = plot.w / len(clean)
    bar_w = max(1, round(slot * 0.7))
    for i, v in enumerate(clean):
        top = round(to_y(max(v, 0.0)))
        height = round(to_y(min(v, 0.0))) - top
        bar = pygame.Rect(round(plot.x + i * slot + (slot - bar_w) / 2), top, bar_w,
                          max(1, height))
        pygame.draw.rect(surface, colours[0] if v >= 0 else colours[1], bar)
        layout.bars.append(bar)
    pygame.draw.line(surface, st.axis, (plot.left, zero_y), (plot.right, zero_y), 2)
    xs = [plot.x + (i + 0.5) * slot for i in range(len(clean))]
    for i in visible_x_labels(list(x_labels), xs, small_font, bounds=(rect.x, rect.right)):
        image = small_font.render(x_labels[i], True, st.muted)
        surface.blit(image, image.get_rect(midtop=(round(xs[i]), plot.bottom + 2)))
    return layout
