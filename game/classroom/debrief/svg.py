"""The report's charts as inline SVG: every mark names its team, every label fits its box.

Axis titles are left to the figure's caption (HTML, which wraps), so a long title in any
language is never cut.

Text is escaped by Markupsafe; widths of labels are estimated from the characters (a sans
serif at 0.55 em on average, wider for capitals), and every chart makes room for its longest
label instead of cutting it. Each team's marks carry the class `team tN`, which the report's
stylesheet uses to highlight one team everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from game.core.scales import nice_ticks

PALETTE = {"team": "#0072B2", "base": "#444444", "median": "#D55E00", "good": "#009E73",
           "bad": "#CC79A7", "grid": "#d9d9d9", "ink": "#1a1a1a", "muted": "#666666"}
"""Okabe-Ito colours (safe for colour-blind readers); lines also differ by dash and weight."""
NARROW = set("iljtfrI.,:;'!|() ")
WIDE = set("mwMWQGOD@%&")

Fmt = Callable[[float, int], str]


def text_width(text: str, size: float) -> float:
    """An estimate of a label's width in pixels at a font size (generous, so nothing clips)."""
    units = 0.0
    for ch in text:
        if ch in NARROW:
            units += 0.32
        elif ch in WIDE:
            units += 0.85
        elif ch.isupper() or ch.isdigit():
            units += 0.64
        else:
            units += 0.56
    return units * size


def axis_range(values: Sequence[float], minimum_span: float) -> tuple[float, float]:
    """A range holding the values (and zero-based where sensible) at least `minimum_span` wide.

    Keeps an axis from zooming in until a difference of a few units looks like a gulf.
    """
    low, high = min(values), max(values)
    span = high - low
    if span < minimum_span:
        middle = (low + high) / 2
        low, high = middle - minimum_span / 2, middle + minimum_span / 2
    if low > 0 and low < (high - low):
        low = 0.0
    return low, high


@dataclass(frozen=True)
class Row:
    """One team's value on a dot plot."""

    name: str
    css: str
    value: float


def dot_plot(rows: list[Row], baseline: float, *, label: str, baseline_label: str,
             decimals: int, higher_is_better: bool, chart_id: str, number: Fmt,
             minimum_span: float, size: float = 15.0) -> Markup:
    """A Cleveland dot plot: one line per team (best first), its name, a dot and its value.

    The dashed line is the no-new-policy world; the axis is never narrower than
    `minimum_span`, so small differences look small.
    """
    ordered = sorted(rows, key=lambda r: -r.value if higher_is_better else r.value)
    name_w = max([text_width(r.name, size) for r in rows] + [80.0]) + 14
    value_w = max(text_width(number(r.value, decimals), size) for r in rows) + 16
    width = max(760.0, name_w + value_w + 360)
    row_h = size * 1.6
    top, bottom = size * 2.6, size * 1.8
    height = top + row_h * len(ordered) + bottom
    low, high = axis_range([r.value for r in rows] + [baseline], minimum_span)
    ticks = nice_ticks(low, high, 6)
    low, high = ticks[0], ticks[-1]
    x0, x1 = name_w, width - value_w

    def x(value: float) -> float:
        return x0 + (value - low) / ((high - low) or 1) * (x1 - x0)

    tick_decimals = decimals if any(abs(t - round(t)) > 1e-9 for t in ticks) else 0
    out = [_svg_open("dots", chart_id, width, height, label, size)]
    axis_y = top + row_h * len(ordered)
    out += _x_grid(ticks, x, top, axis_y, size, lambda tick: number(tick, tick_decimals))
    bx = x(baseline)
    out.append(f'<line x1="{bx:.1f}" y1="{top - size:.1f}" x2="{bx:.1f}" y2="{axis_y:.1f}" '
               f'stroke="{PALETTE["base"]}" stroke-width="2" stroke-dasharray="6 4"/>')
    note = f"{baseline_label} ({number(baseline, decimals)})"
    anchor = "start" if bx + text_width(note, size * 0.9) + 6 < width else "end"
    out.append(f'<text x="{bx + (5 if anchor == "start" else -5):.1f}" y="{top - size * 1.2:.1f}"'
               f' text-anchor="{anchor}" class="note">{escape(note)}</text>')
    for n, row in enumerate(ordered):
        y = top + row_h * n + row_h / 2
        out.append(f'<g class="team {row.css}" data-team="{escape(row.name)}" '
                   f'data-value="{_attr(row.value)}">')
        out.append(f'<line x1="{x0:.1f}" y1="{y:.1f}" x2="{x1:.1f}" y2="{y:.1f}" '
                   f'class="guide"/>')
        out.append(f'<line x1="{bx:.1f}" y1="{y:.1f}" x2="{x(row.value):.1f}" y2="{y:.1f}" '
                   f'class="stem"/>')
        out.append(f'<circle cx="{x(row.value):.1f}" cy="{y:.1f}" r="{size * 0.38:.1f}" '
                   f'class="dot"><title>{escape(row.name)}: '
                   f'{escape(number(row.value, decimals))}</title></circle>')
        out.append(f'<text x="{x0 - 8:.1f}" y="{y + size * 0.35:.1f}" text-anchor="end" '
                   f'class="name">{escape(row.name)}</text>')
        out.append(f'<text x="{width - 4:.1f}" y="{y + size * 0.35:.1f}" text-anchor="end" '
                   f'class="value">{escape(number(row.value, decimals))}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))


def _svg_open(kind: str, chart_id: str, width: float, height: float, label: str,
              size: float) -> str:
    """The opening tag of a chart: its kind as a class, its id, its size and spoken label."""
    return (f'<svg class="chart {kind}" id="{chart_id}" viewBox="0 0 {width:.0f} {height:.0f}" '
            f'role="img" aria-label="{escape(label)}" style="font-size:{size}px">')


def _x_grid(ticks: list[float], x: Callable[[float], float], top: float, axis_y: float,
            size: float, tick_text: Callable[[float], str]) -> list[str]:
    """A horizontal axis's grid lines and tick labels, from `top` down to `axis_y`."""
    out = []
    for tick in ticks:
        out.append(f'<line x1="{x(tick):.1f}" y1="{top - 4:.1f}" x2="{x(tick):.1f}" '
                   f'y2="{axis_y:.1f}" stroke="{PALETTE["grid"]}"/>')
        out.append(f'<text x="{x(tick):.1f}" y="{axis_y + size * 1.2:.1f}" '
                   f'text-anchor="middle" class="tick">{escape(tick_text(tick))}</text>')
    return out


@dataclass(frozen=True)
class Span:
    """A team's range over other worlds, and its value in the class's world."""

    name: str
    css: str
    low: float
    median: float
    high: float
    here: float


def range_plot(spans: list[Span], *, label: str, chart_id: str, number: Fmt,
               size: float = 15.0) -> Markup:
    """Per team, a bar from the 10th to the 90th percentile, the median, and this world (◆)."""
    ordered = sorted(spans, key=lambda s: -s.median)
    name_w = max([text_width(s.name, size) for s in spans] + [80.0]) + 14
    width = max(760.0, name_w + 420)
    row_h = size * 1.7
    top, bottom = size * 1.4, size * 1.8
    height = top + row_h * len(ordered) + bottom
    values = [v for s in spans for v in (s.low, s.high, s.here)] + [0.0]
    ticks = nice_ticks(*axis_range(values, 20.0), 6)
    low, high = ticks[0], ticks[-1]
    x0, x1 = name_w, width - 20

    def x(value: float) -> float:
        return x0 + (value - low) / ((high - low) or 1) * (x1 - x0)

    out = [_svg_open("ranges", chart_id, width, height, label, size)]
    axis_y = top + row_h * len(ordered)
    out += _x_grid(ticks, x, top, axis_y, size, lambda tick: number(tick, 0))
    out.append(f'<line x1="{x(0):.1f}" y1="{top - 8:.1f}" x2="{x(0):.1f}" y2="{axis_y:.1f}" '
               f'stroke="{PALETTE["base"]}" stroke-width="2" stroke-dasharray="6 4"/>')
    for n, s in enumerate(ordered):
        y = top + row_h * n + row_h / 2
        out.append(f'<g class="team {s.css}" data-team="{escape(s.name)}" '
                   f'data-low="{_attr(s.low)}" data-high="{_attr(s.high)}">')
        out.append(f'<line x1="{x(s.low):.1f}" y1="{y:.1f}" x2="{x(s.high):.1f}" y2="{y:.1f}" '
                   f'class="range"/>')
        out.append(f'<circle cx="{x(s.median):.1f}" cy="{y:.1f}" r="{size * 0.32:.1f}" '
                   f'class="dot"/>')
        d = size * 0.4
        out.append(f'<path d="M{x(s.here):.1f},{y - d:.1f} l{d:.1f},{d:.1f} l{-d:.1f},{d:.1f} '
                   f'l{-d:.1f},{-d:.1f}z" class="here"><title>{escape(s.name)}: '
                   f'{escape(number(s.low, 0))} … {escape(number(s.high, 0))}</title></path>')
        out.append(f'<text x="{x0 - 8:.1f}" y="{y + size * 0.35:.1f}" text-anchor="end" '
                   f'class="name">{escape(s.name)}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))


@dataclass(frozen=True)
class Series:
    """One line of a line chart."""

    name: str
    css: str
    values: list[float]


def line_chart(series: list[Series], baseline: list[float], median: list[float] | None,
               periods: list[str], *, label: str, baseline_label: str, median_label: str,
               chart_id: str, number: Fmt, y_max: float | None = None,
               size: float = 14.0) -> Markup:
    """Lines over the quarters, each named at its end (labels pushed apart so none overlap)."""
    ends = [(s.name, s.css, s.values[-1], len(s.values)) for s in series if s.values]
    label_w = max([text_width(n, size * 0.9) for n, *_ in ends] +
                  [text_width(baseline_label, size * 0.9),
                   text_width(median_label, size * 0.9)]) + 16
    width = max(820.0, 560 + label_w)
    left, right, top = size * 4.2, label_w, size
    spacing = size * 1.05
    plot_h = max(300.0, spacing * (len(ends) + 2))
    bottom = size * 2.0
    height = top + plot_h + bottom
    everything = [v for s in series for v in s.values] + baseline + (median or [])
    ticks = nice_ticks(0.0, y_max if y_max is not None else max([*everything, 1.0]), 6)
    top_value = ticks[-1] or 1
    turns = max([len(s.values) for s in series] + [len(baseline), 2])

    def xy(k: int, value: float) -> tuple[float, float]:
        return (left + k / max(1, turns - 1) * (width - left - right),
                top + (1 - value / top_value) * plot_h)

    tick_decimals = 1 if any(abs(t - round(t)) > 1e-9 for t in ticks) else 0
    out = [f'<svg class="chart lines" id="{chart_id}" viewBox="0 0 {width:.0f} {height:.0f}" '
           f'role="img" aria-label="{escape(label)}" style="font-size:{size}px">']
    for tick in ticks:
        _, y = xy(0, tick)
        out.append(f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{width - right:.1f}" y2="{y:.1f}" '
                   f'stroke="{PALETTE["grid"]}"/>')
        out.append(f'<text x="{left - 6:.1f}" y="{y + size * 0.35:.1f}" text-anchor="end" '
                   f'class="tick">{escape(number(tick, tick_decimals))}</text>')
    every = max(1, math.ceil(turns / 8))
    for k in range(0, min(turns, len(periods)), every):
        x, _ = xy(k, 0)
        out.append(f'<text x="{x:.1f}" y="{top + plot_h + size * 1.3:.1f}" text-anchor="middle" '
                   f'class="tick">{escape(periods[k])}</text>')

    def path(values: list[float]) -> str:
        return " ".join(f"{'M' if k == 0 else 'L'}{xy(k, v)[0]:.1f},{xy(k, v)[1]:.1f}"
                        for k, v in enumerate(values))

    for s in series:
        if s.values:
            out.append(f'<path d="{path(s.values)}" class="team {s.css} line" '
                       f'data-team="{escape(s.name)}"><title>{escape(s.name)}</title></path>')
    out.append(f'<path d="{path(baseline)}" class="baseline"/>')
    if median:
        out.append(f'<path d="{path(median)}" class="median"/>')
    labels = [(name, css, xy(turns_of - 1, value)[1]) for name, css, value, turns_of in ends]
    extra = [(baseline_label, "base-label", xy(len(baseline) - 1, baseline[-1])[1])] \
        if baseline else []
    if median:
        extra.append((median_label, "median-label", xy(len(median) - 1, median[-1])[1]))
    placed = spread_labels([y for *_, y in labels + extra], spacing, top, top + plot_h)
    for (name, css, y_line), y in zip(labels + extra, placed, strict=True):
        x_end = width - right
        team = css.startswith("t")
        group = f'<g class="team {css}">' if team else f'<g class="{css}">'
        out.append(group + f'<line x1="{x_end:.1f}" y1="{y_line:.1f}" x2="{x_end + 6:.1f}" '
                   f'y2="{y:.1f}" class="leader"/><text x="{x_end + 8:.1f}" '
                   f'y="{y + size * 0.32:.1f}" class="end-label">{escape(name)}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))


def spread_labels(ys: list[float], spacing: float, low: float, high: float) -> list[float]:
    """Label positions near `ys`, at least `spacing` apart, kept within [low, high] if they fit."""
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    placed = [0.0] * len(ys)
    last = -math.inf
    for i in order:
        placed[i] = max(ys[i], last + spacing)
        last = placed[i]
    overflow = last - high
    if overflow > 0:
        for i in order:
            placed[i] -= overflow
        first = min(placed) if placed else low
        if first < low:
            for n, i in enumerate(order):
                placed[i] = low + n * spacing
    return placed


def small_chart(values: list[float], baseline: list[float], y_max: float, css: str,
                name: str) -> Markup:
    """One team's killings each quarter (line) against the no-new-policy world (dashed)."""
    width, height, pad = 220.0, 90.0, 4.0
    turns = max(len(values), len(baseline), 2)
    top = y_max or 1

    def path(series: list[float]) -> str:
        return " ".join(
            f"{'M' if k == 0 else 'L'}{pad + k / (turns - 1) * (width - 2 * pad):.1f},"
            f"{pad + (1 - v / top) * (height - 2 * pad):.1f}" for k, v in enumerate(series))

    return Markup(f'<svg class="chart small" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
                  f'aria-label="{escape(name)}"><path d="{path(baseline)}" class="baseline"/>'
                  f'<path d="{path(values)}" class="team {css} line"/></svg>')


def _attr(value: float) -> str:
    """A number for a data-* attribute: plain, full precision, machine-readable."""
    return repr(float(value)) if not float(value).is_integer() else str(int(value))
