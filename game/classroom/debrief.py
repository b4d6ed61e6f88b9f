"""The class debrief: many result files merged into one self-contained HTML report (inline SVG)."""

from __future__ import annotations

import html
import json
import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from game.core.i18n import Translator
from game.core.problems import BadInput
from game.core.scales import nice_ticks

PROGRESS_EVERY = 25
PALETTE = {"team": "#0072B2", "base": "#444444", "median": "#D55E00", "good": "#009E73",
           "grid": "#d9d9d9", "ink": "#1a1a1a", "muted": "#666666"}
"""Okabe-Ito colours (safe for colour-blind readers); lines also differ by dash and weight."""
e = html.escape


@dataclass
class Team:
    """One usable result file."""

    name: str
    file: str
    body: dict[str, Any]
    checksum: str

    @property
    def measures(self) -> dict[str, Any]:
        """The debrief's measures of this team."""
        measures: dict[str, Any] = self.body["measures"]
        return measures


@dataclass
class Skipped:
    """A file left out of the report, and why (a catalog key and its parameters)."""

    file: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def reason(self, t: Translator) -> str:
        """Why, in the report's language."""
        return t(self.key, **self.params)


@dataclass
class Class:
    """The teams of one workshop, and the files that could not join them."""

    teams: list[Team] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    key: str = ""


def workshop_key(body: dict[str, Any]) -> str:
    """What makes two results comparable: the workshop code, or the same setup without one."""
    workshop = body.get("workshop")
    if workshop:
        return "code:" + compact_code(str(workshop["code"]))
    setup = body["setup"]
    return "setup:" + json.dumps([setup["scenario"], setup["role"], setup["region"],
                                  setup["seed"], setup["overrides"]], sort_keys=True)


def compact_code(code: str) -> str:
    """A code without dashes or spaces, upper case, I/L read as 1 and O as 0."""
    table = str.maketrans({"I": "1", "L": "1", "O": "0"})
    return "".join(ch for ch in code.upper() if ch.isalnum()).translate(table)


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files to read: each file named, and the *.json files inside each folder named."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        else:
            files.append(path)
    return files


def collect(paths: Sequence[Path], t: Translator, workshop: str | None = None,
            progress: TextIO | None = None) -> Class:
    """Read every file; keep those of the class's workshop, name the others and say why."""
    from game.classroom.result_files import read_result

    files = expand(paths)
    read: list[Team] = []
    result = Class()
    for n, path in enumerate(files, start=1):
        try:
            document = read_result(path)
        except BadInput as bad:
            problem = bad.problems[0]
            result.skipped.append(Skipped(str(path), "report.skip.damaged",
                                          {"detail": f"{problem.field}: {problem.message}"}))
        else:
            body = document["body"]
            read.append(Team(body["player"].strip(), str(path), body, document["checksum"]))
        if progress is not None and (n % PROGRESS_EVERY == 0 or n == len(files)) and \
                len(files) > PROGRESS_EVERY:
            print(t("report.cli.progress", done=n, total=len(files)), file=progress)
    if not read:
        return result
    keys = Counter(workshop_key(team.body) for team in read)
    if workshop is not None:
        result.key = "code:" + compact_code(workshop)
    else:
        top = max(keys.values())
        result.key = next(workshop_key(team.body) for team in read
                          if keys[workshop_key(team.body)] == top)
    seen: dict[str, str] = {}
    for team in read:
        key = workshop_key(team.body)
        if key != result.key:
            if team.body.get("workshop"):
                result.skipped.append(Skipped(team.file, "report.skip.other_workshop",
                                              {"other": team.body["workshop"]["code"]}))
            else:
                result.skipped.append(Skipped(team.file, "report.skip.no_code",
                                              {"scenario": team.body["setup"]["scenario"],
                                               "seed": str(team.body["setup"]["seed"])}))
        elif team.checksum in seen:
            result.skipped.append(Skipped(team.file, "report.skip.duplicate",
                                          {"other": seen[team.checksum]}))
        else:
            seen[team.checksum] = team.file
            result.teams.append(team)
    names = Counter(team.name.casefold() for team in result.teams)
    for team in result.teams:
        if names[team.name.casefold()] > 1:
            team.name = f"{team.name} ({Path(team.file).stem})"
    result.teams.sort(key=lambda tm: tm.name.casefold())
    return result


# --- numbers and scales --------------------------------------------------------------------------


def fmt(value: float, decimals: int = 0, signed: bool = False) -> str:
    """A number for reading: thousands separators, a real minus sign, + when asked."""
    text = f"{abs(value):,.{decimals}f}"
    if round(value, decimals) < 0:
        return "\u2212" + text
    if signed and round(value, decimals) > 0:
        return "+" + text
    return text


def attr(value: float) -> str:
    """A number for a data-* attribute: plain, full precision, machine-readable."""
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


# --- what each team shows ------------------------------------------------------------------------


MEASURES: tuple[tuple[str, str, bool, int], ...] = (
    ("lives", "report.measure.lives", True, 0),
    ("legitimacy", "report.measure.legitimacy", True, 0),
    ("abuses", "report.measure.abuses", False, 0),
    ("civilians", "report.measure.civilians", False, 0),
    ("disappearances", "report.measure.disappearances", False, 0),
    ("police", "report.measure.police", True, 1),
    ("judicial", "report.measure.judicial", True, 1),
)
"""(id, catalog key, higher is better, decimals shown)."""


def team_figures(team: Team) -> dict[str, Any]:
    """The figures the report shows for one team (the same numbers go in the data island)."""
    m = team.measures
    rights = m["human_rights"]
    institutions = m["institutions"]
    predictions = m["predictions"]
    turns = team.body["turns"]
    return {
        "name": team.name, "file": Path(team.file).name,
        "turns_played": len(turns),
        "lives": m["lives_vs_baseline"],
        "legitimacy": round(m["legitimacy"]["end"] * 100, 1),
        "legitimacy_change": round(m["legitimacy"]["change"] * 100, 1),
        "abuses": rights["abuses"], "civilians": rights["civilian_deaths"],
        "disappearances": rights["disappearances"],
        "police": round(institutions["police_integrity"]["change"] * 100, 1),
        "judicial": round(institutions["judicial_integrity"]["change"] * 100, 1),
        "findings": list(m["findings_met"]),
        "decisions": sum(1 for d in team.body["decisions"] if not d.get("default")),
        "predictions": {"made": predictions.get("made", 0),
                        "violence_right": predictions.get("violence_right", 0),
                        "legitimacy_right": predictions.get("legitimacy_right", 0)},
        "homicides_by_turn": [turn["scope"]["homicides"] for turn in turns],
        "legitimacy_by_turn": [round(turn["scope"]["legitimacy"] * 100, 1) for turn in turns],
    }


def baseline_figures(team: Team) -> dict[str, Any]:
    """The no-new-policy world's figures (the same for every team of a workshop)."""
    m = team.measures
    base = team.body["baseline"]
    return {
        "legitimacy": round(m["legitimacy"]["baseline_end"] * 100, 1),
        "abuses": m["human_rights"]["baseline_abuses"],
        "civilians": m["human_rights"]["baseline_civilian_deaths"],
        "disappearances": m["human_rights"]["baseline_disappearances"],
        "police": round((m["institutions"]["police_integrity"]["baseline_end"]
                         - m["institutions"]["police_integrity"]["start"]) * 100, 1),
        "judicial": round((m["institutions"]["judicial_integrity"]["baseline_end"]
                           - m["institutions"]["judicial_integrity"]["start"]) * 100, 1),
        "lives": 0,
        "homicides_by_turn": [turn["homicides"] for turn in base],
        "legitimacy_by_turn": [round(turn["legitimacy"] * 100, 1) for turn in base],
    }


# --- SVG charts ----------------------------------------------------------------------------------


def strip_plot(points: list[tuple[str, float]], baseline: float | None, label: str,
               baseline_label: str, decimals: int, higher_is_better: bool,
               chart_id: str) -> str:
    """A dot per team along one axis (stacked where they crowd), the baseline as a dashed line."""
    width, left, right, radius = 720, 24, 24, 5.5
    values = [v for _, v in points] + ([baseline] if baseline is not None else [])
    ticks = nice_ticks(min(values), max(values), 7)
    low, high = ticks[0], ticks[-1]

    def x_of(value: float) -> float:
        return left + (value - low) / (high - low or 1) * (width - left - right)

    rows: list[list[float]] = []
    placed: list[tuple[str, float, float, int]] = []
    for name, value in sorted(points, key=lambda p: p[1]):
        x = x_of(value)
        row = 0
        while row < len(rows) and any(abs(x - other) < radius * 2.05 for other in rows[row]):
            row += 1
        if row == len(rows):
            rows.append([])
        rows[row].append(x)
        placed.append((name, value, x, row))
    top_pad = 34
    step = min(radius * 2.1, 140 / max(1, len(rows)))
    plot_h = max(1, len(rows)) * step + radius + 22
    height = top_pad + plot_h + 34
    axis_y = top_pad + plot_h
    parts = [f'<svg class="chart strip" id="{chart_id}" viewBox="0 0 {width} {height:.0f}" '
             f'width="100%" role="img" aria-label="{e(label)}">']
    for tick in ticks:
        x = x_of(tick)
        parts.append(f'<line x1="{x:.1f}" y1="{top_pad - 6}" x2="{x:.1f}" y2="{axis_y:.1f}" '
                     f'stroke="{PALETTE["grid"]}" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 16:.1f}" text-anchor="middle" '
                     f'class="tick">{fmt(tick, 1 if needs_decimals(ticks) else 0)}</text>')
    parts.append(f'<line x1="{left}" y1="{axis_y:.1f}" x2="{width - right}" y2="{axis_y:.1f}" '
                 f'stroke="{PALETTE["ink"]}" stroke-width="1"/>')
    if baseline is not None:
        bx = x_of(baseline)
        parts.append(f'<line x1="{bx:.1f}" y1="{top_pad - 14}" x2="{bx:.1f}" y2="{axis_y:.1f}" '
                     f'stroke="{PALETTE["base"]}" stroke-width="2" stroke-dasharray="5 3"/>')
        anchor = "start" if bx < width * 0.7 else "end"
        dx = 5 if anchor == "start" else -5
        parts.append(f'<text x="{bx + dx:.1f}" y="{top_pad - 16}" text-anchor="{anchor}" '
                     f'class="note">{e(baseline_label)} ({fmt(baseline, decimals)})</text>')
    best = placed[-1] if higher_is_better else placed[0]
    for name, value, x, row in placed:
        y = axis_y - radius - 3 - row * step
        colour = PALETTE["good"] if (name, value) == best[:2] else PALETTE["team"]
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius}" fill="{colour}" '
                     f'fill-opacity="0.85" stroke="#fff" stroke-width="0.8" '
                     f'data-team="{e(name)}" data-value="{attr(value)}">'
                     f'<title>{e(name)}: {fmt(value, decimals)}</title></circle>')
    name, value, x, row = best
    y_dot = axis_y - radius - 3 - row * step
    y = top_pad + 4
    anchor = "start" if x < width * 0.75 else "end"
    dx = 6 if anchor == "start" else -6
    parts.append(f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x:.1f}" y2="{y_dot - radius:.1f}" '
                 f'stroke="{PALETTE["good"]}" stroke-width="1" stroke-dasharray="2 2"/>')
    parts.append(f'<text x="{x + dx:.1f}" y="{y:.1f}" text-anchor="{anchor}" '
                 f'class="best-label">{e(name)} ({fmt(value, decimals)})</text>')
    parts.append(f'<text x="{left}" y="{height - 4:.0f}" class="axis-label">{e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def needs_decimals(ticks: list[float]) -> bool:
    """Whether tick labels need a decimal place."""
    return any(abs(tick - round(tick)) > 1e-9 for tick in ticks)


def line_chart(series: list[tuple[str, list[float]]], baseline: list[float],
               median: list[float] | None, periods: list[str], label: str, legend: list[str],
               chart_id: str, width: int = 720, height: int = 260, small: bool = False,
               y_max: float | None = None) -> str:
    """Lines over the quarters: each team thin, the baseline dashed, the class median bold."""
    left, right, top, bottom = (36, 8, 8, 18) if small else (56, 110, 14, 40)
    everything = [v for _, values in series for v in values] + baseline + (median or [])
    high = y_max if y_max is not None else max([*everything, 1.0])
    ticks = nice_ticks(0.0, high, 4 if small else 6)
    top_value = ticks[-1]
    turns = max([len(values) for _, values in series] + [len(baseline), 2])

    def xy(k: int, value: float) -> str:
        x = left + k / max(1, turns - 1) * (width - left - right)
        y = top + (1 - value / (top_value or 1)) * (height - top - bottom)
        return f"{x:.1f},{y:.1f}"

    parts = [f'<svg class="chart line{" small" if small else ""}" id="{chart_id}" '
             f'viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{e(label)}">']
    for tick in ticks:
        y = top + (1 - tick / (top_value or 1)) * (height - top - bottom)
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
                     f'stroke="{PALETTE["grid"]}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" class="tick">'
                     f'{fmt(tick, 1 if needs_decimals(ticks) else 0)}</text>')
    if not small:
        every = max(1, math.ceil(turns / 8))
        for k in range(0, turns, every):
            if k < len(periods):
                x, _ = xy(k, 0).split(",")
                parts.append(f'<text x="{x}" y="{height - bottom + 16}" text-anchor="middle" '
                             f'class="tick">{e(periods[k])}</text>')
    opacity = 0.9 if small else max(0.18, min(0.6, 6 / max(1, len(series))))
    stroke = 1.6 if small else 1.2
    for name, values in series:
        points = " ".join(xy(k, v) for k, v in enumerate(values))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{PALETTE["team"]}" '
                     f'stroke-width="{stroke}" stroke-opacity="{opacity:.2f}" '
                     f'data-team="{e(name)}"><title>{e(name)}</title></polyline>')
    base_points = " ".join(xy(k, v) for k, v in enumerate(baseline))
    parts.append(f'<polyline points="{base_points}" fill="none" stroke="{PALETTE["base"]}" '
                 f'stroke-width="{1.4 if small else 2.2}" stroke-dasharray="5 3" '
                 f'data-series="baseline"/>')
    if median:
        med_points = " ".join(xy(k, v) for k, v in enumerate(median))
        parts.append(f'<polyline points="{med_points}" fill="none" stroke="{PALETTE["median"]}" '
                     f'stroke-width="3" data-series="median"/>')
    if not small:
        ends = [(baseline[-1], legend[0], PALETTE["base"])]
        if median:
            ends.append((median[-1], legend[1], PALETTE["median"]))
        ends.sort(key=lambda item: -item[0])
        last_y = -100.0
        for value, text, colour in ends:
            _, y_text = xy(turns - 1, value).split(",")
            y = max(float(y_text) + 4, last_y + 14)
            last_y = y
            parts.append(f'<text x="{width - right + 6}" y="{y:.1f}" class="end-label" '
                         f'style="fill:{colour}">{e(text)}</text>')
        parts.append(f'<text x="{left}" y="{height - 4}" class="axis-label">{e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def heat_map(counts: dict[str, dict[int, int]], names: dict[str, str], periods: list[str],
             teams: int, label: str, chart_id: str) -> str:
    """Interventions (rows) by quarter (columns): how many teams enacted each, each quarter."""
    actions = sorted(counts, key=lambda a: (-sum(counts[a].values()), names[a]))
    turns = len(periods)
    label_w, cell_w, cell_h, top = 210, max(18, min(34, 560 // max(1, turns))), 22, 44
    width = label_w + cell_w * turns + 60
    height = top + cell_h * max(1, len(actions)) + 28
    peak = max([c for row in counts.values() for c in row.values()] + [1])
    parts = [f'<svg class="chart heat" id="{chart_id}" viewBox="0 0 {width} {height}" '
             f'width="100%" role="img" aria-label="{e(label)}">']
    for k in range(turns):
        x = label_w + k * cell_w + (cell_w - 2) / 2
        year, _, quarter = periods[k].partition("-")
        parts.append(f'<text x="{x:.1f}" y="{top - 6}" text-anchor="middle" class="tick">'
                     f'{e(quarter or periods[k])}</text>')
        if quarter in ("Q1", "") or (k == 0 and quarter in ("Q2", "Q3")):
            parts.append(f'<text x="{label_w + k * cell_w:.1f}" y="{top - 24}" class="year">'
                         f'{e(year)}</text>')
    for r, action in enumerate(actions):
        y = top + r * cell_h
        parts.append(f'<text x="{label_w - 8}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end" '
                     f'class="row-label">{e(names[action])}</text>')
        for k in range(turns):
            count = counts[action].get(k + 1, 0)
            share = count / peak
            fill = _blue(share) if count else "#f4f4f4"
            x = label_w + k * cell_w
            parts.append(f'<rect x="{x}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                         f'fill="{fill}" data-action="{e(action)}" data-turn="{k + 1}" '
                         f'data-count="{count}"><title>{e(names[action])}, {e(periods[k])}: '
                         f'{count}</title></rect>')
            if count:
                ink = "#ffffff" if _dark(fill) else PALETTE["ink"]
                parts.append(f'<text x="{x + (cell_w - 2) / 2:.1f}" y="{y + cell_h / 2 + 3:.1f}" '
                             f'text-anchor="middle" class="cell" style="fill:{ink}">{count}</text>')
        parts.append(f'<text x="{label_w + turns * cell_w + 6}" y="{y + cell_h / 2 + 4:.1f}" '
                     f'class="tick">{sum(counts[action].values())}</text>')
    parts.append(f'<text x="0" y="{height - 6}" class="axis-label">{e(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _dark(colour: str) -> bool:
    """Whether a #rrggbb colour needs white text on it (relative luminance below ~0.4)."""
    r, g, b = (int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5


def _blue(share: float) -> str:
    """A sequential blue from pale to deep (readable in grey print too)."""
    low, high = (222, 235, 247), (8, 48, 107)
    mix = [round(a + (b - a) * (0.15 + 0.85 * share)) for a, b in zip(low, high, strict=True)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


# --- the report ----------------------------------------------------------------------------------


CSS = """
:root { --ink:#1a1a1a; --muted:#5a5a5a; --line:#d9d9d9; --accent:#0072B2; --good:#009E73;
  --warn:#D55E00; --paper:#ffffff; --soft:#f3f6f9; }
* { box-sizing:border-box; }
html { -webkit-print-color-adjust:exact; print-color-adjust:exact; }
body { margin:0; background:#e9edf1; color:var(--ink);
  font:15px/1.5 "Noto Sans","DejaVu Sans","Segoe UI",Arial,sans-serif; }
main { max-width:1040px; margin:24px auto; background:var(--paper); padding:32px 44px 48px;
  box-shadow:0 1px 4px rgba(0,0,0,.12); }
h1 { font-size:28px; margin:0 0 4px; line-height:1.2; }
h2 { font-size:20px; margin:34px 0 8px; padding-bottom:4px; border-bottom:2px solid var(--ink); }
h3 { font-size:16px; margin:18px 0 6px; }
p { margin:6px 0 10px; }
.sub { color:var(--muted); margin:0 0 14px; }
.meta { display:grid; grid-template-columns:repeat(auto-fit,minmax(210px,1fr)); gap:6px 18px;
  background:var(--soft); padding:12px 16px; border-radius:6px; margin:12px 0; }
.meta div b { display:block; font-size:12px; text-transform:uppercase; letter-spacing:.04em;
  color:var(--muted); font-weight:600; }
.howto { border:2px solid var(--accent); border-radius:6px; padding:10px 16px; margin:16px 0; }
.howto h2 { border:0; margin:4px 0; font-size:17px; }
.howto ul { margin:4px 0 6px 18px; padding:0; }
.warn { border-left:5px solid var(--warn); background:#fff4ec; padding:8px 14px; margin:12px 0; }
.warn ul { margin:4px 0 4px 18px; padding:0; }
figure { margin:8px 0 18px; break-inside:avoid; page-break-inside:avoid; }
figcaption { color:var(--muted); font-size:13px; margin-top:2px; }
svg.chart { display:block; max-width:100%; height:auto; font-size:12px; }
svg text { fill:var(--ink); font-family:inherit; }
svg .tick { font-size:11px; fill:#555; }
svg .note { font-size:11.5px; fill:#333; font-style:italic; }
svg .axis-label { font-size:12px; fill:#333; font-weight:600; }
svg .end-label { font-size:12px; font-weight:600; }
svg .best-label { font-size:11.5px; font-weight:600; fill:#00694d; paint-order:stroke;
  stroke:#fff; stroke-width:3px; stroke-linejoin:round; }
svg .row-label { font-size:12px; }
svg .cell { font-size:11px; font-weight:600; }
svg .year { font-size:11.5px; font-weight:600; fill:#333; }
.legend { display:flex; gap:18px; flex-wrap:wrap; font-size:13px; color:var(--muted);
  margin:2px 0 6px; }
.legend span::before { content:""; display:inline-block; width:22px; height:0;
  vertical-align:middle; margin-right:6px; border-top:3px solid var(--accent); }
.legend .base::before { border-top:2px dashed #444; }
.legend .median::before { border-top:3px solid var(--warn); }
.legend .best::before { width:10px; height:10px; border:0; border-radius:50%;
  background:var(--good); }
.multiples { display:grid; grid-template-columns:repeat(auto-fill,minmax(186px,1fr));
  gap:10px 14px; }
.multiples figure { margin:0; border:1px solid var(--line); border-radius:4px;
  padding:6px 6px 4px; }
.multiples figcaption { color:var(--ink); font-size:12.5px; line-height:1.3; }
.multiples figcaption b { display:block; white-space:nowrap; overflow:hidden;
  text-overflow:ellipsis; }
table { border-collapse:collapse; width:100%; font-size:13px; margin:6px 0 14px; }
th, td { padding:4px 6px; border-bottom:1px solid var(--line); text-align:left;
  vertical-align:top; }
th { font-size:12px; color:var(--muted); font-weight:600; border-bottom:2px solid var(--ink); }
td.num, th.num { text-align:right; font-variant-numeric:tabular-nums; }
td.num { white-space:nowrap; }
table.teams { font-size:12px; }
table.teams td:first-child { min-width:8.5em; }
table.teams td:last-child { font-size:11px; color:var(--muted); }
tr { break-inside:avoid; page-break-inside:avoid; }
.bar { display:inline-block; height:10px; background:var(--accent); vertical-align:middle;
  border-radius:2px; margin-right:6px; }
.findings td:first-child { white-space:nowrap; font-weight:600; }
ol.questions { padding-left:22px; }
ol.questions li { margin:4px 0; }
.qblock { break-inside:avoid; page-break-inside:avoid; margin-bottom:10px; }
.qblock h3 { margin-bottom:2px; }
footer { margin-top:32px; padding-top:10px; border-top:1px solid var(--line); color:var(--muted);
  font-size:12.5px; }
@page { size:A4; margin:14mm 12mm 16mm; }
@media print {
  body { background:#fff; font-size:10.5pt; }
  main { box-shadow:none; margin:0; padding:0; max-width:none; }
  h2 { break-after:avoid; page-break-after:avoid; }
  .page-break { break-before:page; page-break-before:always; }
  .multiples { grid-template-columns:repeat(4,1fr); gap:6px 8px; }
  .multiples figure { padding:3px; }
  a { color:inherit; text-decoration:none; }
}
"""


def render(klass: Class, t: Translator, title_date: str | None = None) -> str:
    """The whole report as one HTML string (no external resources, no scripts to run)."""
    teams = klass.teams
    first = teams[0]
    setup = first.body["setup"]
    workshop = first.body.get("workshop")
    figures = [team_figures(team) for team in teams]
    base = baseline_figures(first)
    periods = [turn["period"] for turn in max((tm.body["turns"] for tm in teams), key=len)]
    scope_name = (t(f"region.{setup['scope'][0]}") if setup["role"] == "municipal"
                  else t("report.scope_national"))
    parts: list[str] = []
    add = parts.append
    scenario_title = t(f"scenario.{setup['scenario']}.title")
    html_lang = "es-MX" if t.lang == "es" else "en"
    add(f'<!DOCTYPE html><html lang="{html_lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{e(t("report.title"))} · {e(scenario_title)}</title><style>{CSS}</style>'
        f'</head><body><main>')
    add(f'<h1>{e(t("report.title"))}</h1>')
    when = title_date or date.today().isoformat()
    add(f'<p class="sub">{e(scenario_title)} · {e(t("report.teams_count", count=len(teams)))}'
        f' · {e(when)}</p>')
    add(meta_block(t, first, len(periods), scope_name))
    add(how_to_read(t, scope_name))
    if klass.skipped:
        heading = t("report.skipped_title", count=len(klass.skipped))
        add(f'<div class="warn" id="skipped"><b>{e(heading)}</b><ul>')
        for item in klass.skipped:
            add(f'<li data-file="{e(item.file)}"><code>{e(item.file)}</code>: '
                f'{e(item.reason(t))}</li>')
        add("</ul></div>")

    add(f'<h2 id="spread">{e(t("report.h.spread"))}</h2><p>{e(t("report.spread_intro"))}</p>')
    add(f'<div class="legend"><span class="team">{e(t("report.legend.team"))}</span>'
        f'<span class="best">{e(t("report.legend.best"))}</span>'
        f'<span class="base">{e(t("report.legend.baseline"))}</span></div>')
    for key, label_key, higher, decimals in MEASURES[:4]:
        points = [(f["name"], float(f[key])) for f in figures]
        add(f'<figure><h3>{e(t(label_key))}</h3>')
        add(strip_plot(points, float(base[key]), t(f"{label_key}_axis"), t("report.baseline"),
                       decimals, higher, f"spread-{key}"))
        add(f'<figcaption>{e(t(f"{label_key}_note"))}</figcaption></figure>')

    add(f'<h2 id="best" class="page-break">{e(t("report.h.best"))}</h2>')
    add(best_table(t, figures, base))

    add(f'<h2 id="trajectories" class="page-break">{e(t("report.h.trajectories"))}</h2>')
    add(f'<p>{e(t("report.trajectories_intro", scope=scope_name))}</p>')
    homicides = [(f["name"], [float(v) for v in f["homicides_by_turn"]]) for f in figures]
    legitimacy = [(f["name"], [float(v) for v in f["legitimacy_by_turn"]]) for f in figures]
    legend = [t("report.baseline"), t("report.median")]
    add(f'<div class="legend"><span class="team">{e(t("report.legend.each_team"))}</span>'
        f'<span class="median">{e(t("report.median"))}</span>'
        f'<span class="base">{e(t("report.legend.baseline"))}</span></div>')
    add('<figure>' + line_chart(homicides, [float(v) for v in base["homicides_by_turn"]],
                                median_series(homicides), periods,
                                t("report.axis.homicides", scope=scope_name), legend,
                                "lines-homicides") + '</figure>')
    add('<figure>' + line_chart(legitimacy, [float(v) for v in base["legitimacy_by_turn"]],
                                median_series(legitimacy), periods,
                                t("report.axis.legitimacy", scope=scope_name), legend,
                                "lines-legitimacy", y_max=100) + '</figure>')
    add(f'<h3>{e(t("report.h.multiples"))}</h3><p>{e(t("report.multiples_intro"))}</p>')
    add('<div class="multiples">')
    y_max = max([v for _, vs in homicides for v in vs] + base["homicides_by_turn"] + [1])
    for n, f in enumerate(figures):
        chart = line_chart([(f["name"], [float(v) for v in f["homicides_by_turn"]])],
                           [float(v) for v in base["homicides_by_turn"]], None, periods,
                           f["name"], legend, f"team-{n}", width=200, height=92, small=True,
                           y_max=float(y_max))
        lives = f["lives"]
        add(f'<figure data-team="{e(f["name"])}">{chart}<figcaption><b>{e(f["name"])}</b>'
            f'{e(t("report.lives_short", lives=fmt(lives, 0, signed=True)))} · '
            f'{e(t("report.legitimacy_short", value=fmt(f["legitimacy"], 0)))}'
            f'</figcaption></figure>')
    add('</div>')

    add(f'<h2 id="actions" class="page-break">{e(t("report.h.actions"))}</h2>')
    add(f'<p>{e(t("report.actions_intro", teams=len(teams)))}</p>')
    counts = action_counts(teams)
    if counts:
        names = {a: t(f"action.{a}.name") for a in counts}
        add('<figure>' + heat_map(counts, names, periods, len(teams), t("report.axis.actions"),
                                  "heat-actions") + '</figure>')
    else:
        add(f'<p>{e(t("report.no_actions"))}</p>')

    add(f'<h2 id="findings" class="page-break">{e(t("report.h.findings"))}</h2>')
    met = Counter(fid for f in figures for fid in f["findings"])
    add(f'<p>{e(t("report.findings_intro"))}</p>')
    add(findings_table(t, met, len(teams)))
    add(f'<h2 id="questions">{e(t("report.h.questions"))}</h2>')
    add(f'<p>{e(t("report.questions_intro"))}</p>')
    add(questions(t, met))

    predictions = [f for f in figures if f["predictions"]["made"]]
    if predictions:
        add(f'<h2 id="predictions">{e(t("report.h.predictions"))}</h2>')
        add(prediction_block(t, predictions))

    add(f'<h2 id="teams" class="page-break">{e(t("report.h.teams"))}</h2>')
    add(teams_table(t, figures, len(periods)))
    add(f'<footer><p>{e(t("report.footer_model"))}</p><p>{e(t("report.footer_privacy"))}</p>'
        f'<p>{e(t("report.footer_made", code=workshop["code"] if workshop else "—"))}</p>'
        '</footer>')
    data = {
        "workshop": workshop["code"] if workshop else None,
        "scenario": setup["scenario"], "role": setup["role"], "seed": setup["seed"],
        "periods": periods, "teams": figures, "baseline": base,
        "actions": {a: {str(k): v for k, v in sorted(row.items())} for a, row in counts.items()},
        "findings": dict(sorted(met.items(), key=lambda kv: int(kv[0][1:]))),
        "skipped": [{"file": s.file, "reason": s.reason(t)} for s in klass.skipped],
    }
    island = json.dumps(data, ensure_ascii=False, sort_keys=True)
    island = island.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    add(f'<script type="application/json" id="data">{island}</script>')
    add("</main></body></html>")
    return "".join(parts)


def meta_block(t: Translator, team: Team, turns: int, scope_name: str) -> str:
    """The workshop's settings at the top."""
    setup = team.body["setup"]
    workshop = team.body.get("workshop")
    items = [
        (t("report.meta.code"), workshop["code"] if workshop else t("report.meta.no_code")),
        (t("report.meta.scenario"), t(f"scenario.{setup['scenario']}.title")),
        (t("report.meta.role"), t(f"role.{setup['role']}") + (
            f" · {scope_name}" if setup["role"] == "municipal" else "")),
        (t("report.meta.seed"), str(setup["seed"])),
        (t("report.meta.turns"), t("report.meta.turns_value", turns=turns,
                                   first=team.body["turns"][0]["period"],
                                   last=team.body["turns"][-1]["period"])),
    ]
    changed = []
    settings = workshop["settings"] if workshop else {}
    for sid, on in sorted((settings.get("switches") or {}).items()):
        if not on:
            changed.append(t("report.meta.switch_off", name=t(f"assumption.{sid}.name")))
    for pid, value in sorted((setup.get("overrides") or {}).items()):
        if not settings or pid in (settings.get("parameters") or {}):
            changed.append(f"{pid} = {value:g}")
    items.append((t("report.meta.assumptions"), "; ".join(changed) or t("report.meta.shipped")))
    if settings and settings.get("actions") is not None:
        items.append((t("report.meta.actions"), ", ".join(t(f"action.{a}.name")
                                                          for a in settings["actions"])))
    return '<div class="meta">' + "".join(
        f"<div><b>{e(k)}</b>{e(v)}</div>" for k, v in items) + "</div>"


def how_to_read(t: Translator, scope_name: str) -> str:
    """The short 'how to read this' box."""
    items = "".join(f"<li>{e(t(f'report.howto.{n}', scope=scope_name))}</li>"
                    for n in ("baseline", "dots", "same_world", "measured", "model"))
    return (f'<section class="howto"><h2>{e(t("report.howto.title"))}</h2><ul>{items}</ul>'
            '</section>')


def median_series(series: list[tuple[str, list[float]]]) -> list[float]:
    """The class median, quarter by quarter, over the teams that played that far."""
    turns = max(len(values) for _, values in series)
    return [statistics.median([values[k] for _, values in series if len(values) > k])
            for k in range(turns)]


def action_counts(teams: list[Team]) -> dict[str, dict[int, int]]:
    """Per intervention and quarter, how many teams enacted it (once per team and quarter)."""
    counts: dict[str, dict[int, int]] = {}
    for team in teams:
        seen = {(d["action"], int(d["turn"])) for d in team.body["decisions"]
                if d.get("verb") == "enact" and d.get("action")}
        for action, turn in seen:
            row = counts.setdefault(action, {})
            row[turn] = row.get(turn, 0) + 1
    return counts


def best_table(t: Translator, figures: list[dict[str, Any]], base: dict[str, Any]) -> str:
    """What did best on each measure, with the team(s) named."""
    rows = []
    for key, label_key, higher, decimals in MEASURES:
        values = [float(f[key]) for f in figures]
        target = max(values) if higher else min(values)
        best = [f["name"] for f in figures if float(f[key]) == target]
        names = ", ".join(best[:4]) + (t("report.and_more", count=len(best) - 4)
                                        if len(best) > 4 else "")
        signed = key in ("lives", "police", "judicial")
        best_text = fmt(target, decimals, signed)
        median_text = fmt(statistics.median(values), decimals, signed)
        base_text = fmt(float(base[key]), decimals, key in ("police", "judicial"))
        rows.append(f'<tr data-measure="{key}" data-value="{attr(target)}"><td>{e(t(label_key))}'
                    f'</td><td>{e(names)}</td><td class="num">{best_text}</td>'
                    f'<td class="num">{median_text}</td><td class="num">{base_text}</td></tr>')
    head = (f'<tr><th>{e(t("report.col.measure"))}</th><th>{e(t("report.col.best"))}</th>'
            f'<th class="num">{e(t("report.col.best_value"))}</th>'
            f'<th class="num">{e(t("report.col.median"))}</th>'
            f'<th class="num">{e(t("report.col.baseline"))}</th></tr>')
    return (f'<p>{e(t("report.best_intro"))}</p><table class="best">{head}{"".join(rows)}'
            f'</table>')


def findings_table(t: Translator, met: Counter[str], teams: int) -> str:
    """Each finding met, with how many teams met it, as a bar."""
    if not met:
        return f'<p>{e(t("report.no_findings"))}</p>'
    rows = []
    for fid, count in sorted(met.items(), key=lambda kv: (-kv[1], int(kv[0][1:]))):
        width = round(120 * count / teams)
        rows.append(f'<tr data-finding="{fid}" data-count="{count}"><td>{fid}</td>'
                    f'<td>{e(t(f"finding.{fid}.title"))}</td><td class="num">'
                    f'<span class="bar" style="width:{width}px"></span>'
                    f'{e(t("report.of_teams", count=count, teams=teams))}</td></tr>')
    return (f'<table class="findings"><tr><th>{e(t("report.col.finding"))}</th>'
            f'<th>{e(t("report.col.what"))}</th><th class="num">{e(t("report.col.teams"))}</th>'
            f'</tr>{"".join(rows)}</table>')


def questions(t: Translator, met: Counter[str]) -> str:
    """Discussion questions for the findings the class met, most-met first."""
    order = sorted(met, key=lambda fid: (-met[fid], int(fid[1:])))
    order += [fid for fid in ("F15", "F7") if fid not in order]
    blocks = []
    for fid in order:
        items = [t(f"report.question.{fid}.{k}") for k in ("a", "b")
                 if t.has(f"report.question.{fid}.{k}")]
        if not items:
            continue
        blocks.append(f'<div class="qblock" data-finding="{fid}"><h3>{fid} · '
                      f'{e(t(f"finding.{fid}.title"))}</h3><ol class="questions">'
                      + "".join(f"<li>{e(q)}</li>" for q in items) + "</ol></div>")
    return "".join(blocks)


def prediction_block(t: Translator, figures: list[dict[str, Any]]) -> str:
    """How well the class predicted violence and legitimacy."""
    made = sum(f["predictions"]["made"] for f in figures)
    violence = sum(f["predictions"]["violence_right"] for f in figures)
    legitimacy = sum(f["predictions"]["legitimacy_right"] for f in figures)
    share_v = violence / made * 100 if made else 0.0
    share_l = legitimacy / made * 100 if made else 0.0
    summary = t("report.predictions_summary", made=made, teams=len(figures),
                violence=fmt(share_v), legitimacy=fmt(share_l))
    return (f'<p data-made="{made}" data-violence-right="{violence}" '
            f'data-legitimacy-right="{legitimacy}">{e(summary)}</p>'
            f'<p>{e(t("report.predictions_note"))}</p>')


def teams_table(t: Translator, figures: list[dict[str, Any]], turns: int) -> str:
    """Every team's numbers side by side."""
    cols = [("lives", 0, True), ("legitimacy", 0, False), ("legitimacy_change", 1, True),
            ("abuses", 0, False), ("civilians", 0, False), ("disappearances", 0, False),
            ("police", 1, True), ("judicial", 1, True), ("decisions", 0, False)]
    head = f'<tr><th>{e(t("report.col.team"))}</th>' + "".join(
        f'<th class="num">{e(t(f"report.col.{c}"))}</th>' for c, _, _ in cols) + \
        f'<th>{e(t("report.col.findings"))}</th></tr>'
    rows = []
    for f in figures:
        short = "" if f["turns_played"] == turns else \
            f' <small>({e(t("report.partial", turns=f["turns_played"]))})</small>'
        cells = "".join(f'<td class="num" data-col="{c}" data-value="{attr(float(f[c]))}">'
                        f'{fmt(float(f[c]), d, s)}</td>' for c, d, s in cols)
        rows.append(f'<tr data-team="{e(f["name"])}" data-file="{e(f["file"])}">'
                    f'<td>{e(f["name"])}{short}</td>{cells}<td>{e(" ".join(f["findings"]))}</td>'
                    f'</tr>')
    return f'<p>{e(t("report.teams_intro"))}</p><table class="teams">{head}{"".join(rows)}</table>'


# --- the command ---------------------------------------------------------------------------------


def make_report(paths: Sequence[Path], lang: str | None = None, workshop: str | None = None,
                progress: TextIO | None = None) -> tuple[str | None, Class]:
    """Read the files and render the report; (None, class) when no file was usable."""
    klass = collect(paths, Translator(lang or "en"), workshop, progress)
    if not klass.teams:
        return None, klass
    chosen = lang or klass.teams[0].body["setup"].get("lang") or "en"
    return render(klass, Translator(chosen)), klass
