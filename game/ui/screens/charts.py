"""Charts: homicides, legitimacy and approval over the term, per region and national."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import fmt, theme
from game.ui.screen import Pop, Screen, Transition

if TYPE_CHECKING:
    from game.play.campaign import Campaign, TurnRecord
    from game.ui.app import App
    from game.ui.widgets.charts import Series
    from game.ui.widgets.palette import Colour


def term_periods(campaign: Campaign, turns: int | None = None) -> list[str]:
    """Return the quarter labels of the whole term (or of `turns` quarters)."""
    count = turns if turns is not None else max(campaign.term_turns, campaign.turn)
    return [campaign.world.period(k) for k in range(1, count + 1)]


def series_of(records: list[TurnRecord], region: str | None, name: str,
              length: int) -> list[float | None]:
    """Return one indicator per record, padded with None to the term's length."""
    values: list[float | None] = []
    for record in records[:length]:
        table = record.regions.get(region, {}) if region else record.national
        value = table.get(name)
        values.append(float(value) if isinstance(value, int | float) else None)
    return values + [None] * (length - len(values))


def chart_specs(region: str | None) -> list[tuple[str, str, float]]:
    """(indicator, unit key, multiplier) for the two charts of a scope."""
    if region is None:
        return [("homicides", "ui.charts.unit_count", 1.0),
                ("approval", "ui.charts.unit_percent", 100.0)]
    return [("homicide_rate", "ui.charts.unit_rate", 1.0),
            ("legitimacy", "ui.charts.unit_percent", 100.0)]


def whole_name(t: Callable[..., str], campaign: Campaign) -> str:
    """What the sum of a game's regions is called: the country when they cover it, else the
    regions in play (Juárez and the rest of Chihuahua are not Mexico)."""
    return t("ui.charts.national" if campaign.scenario.covers_country else "ui.charts.all_regions")


def _history_parts(values: list[float | None],
                   sources: list[str | None]) -> list[tuple[str, list[float | None]]]:
    """The real line split by what it is, as (source key, values) in order of first use; a
    part runs on to the next one's first value so the line stays unbroken."""
    kinds = [k for i, k in enumerate(sources) if k is not None and values[i] is not None]
    parts: list[tuple[str, list[float | None]]] = []
    for kind in dict.fromkeys(kinds):
        part: list[float | None] = [None] * len(values)
        for i, v in enumerate(values):
            if sources[i] == kind:
                part[i] = v
                if i + 1 < len(values) and sources[i + 1] not in (kind, None):
                    part[i + 1] = values[i + 1]
        parts.append((kind, part))
    return parts


def _source_label(t: Callable[..., str], kind: str) -> str:
    """A history line's legend label: "History — " and what its values are."""
    return t("ui.charts.history_source", source=t(kind))


def history_lines(t: Callable[..., str], values: list[float | None],
                  sources: list[str | None]) -> list[tuple[str, list[float | None]]]:
    """The real line split by what it is (the city's own count, its state's, an estimate from
    a share of the state's), each part labelled with its source."""
    return [(_source_label(t, kind), part)
            for kind, part in _history_parts(values, sources)]


ESTIMATED_SOURCES = frozenset({"history.source.state_share", "history.source.regions"})
"""History lines that are estimates, wholly or in part (a share of a state's count), not a
count someone made: drawn dotted, so a reader never takes one for the other."""


def history_series(t: Callable[..., str], values: list[float | None],
                   sources: list[str | None], colour: Colour) -> list[Series]:
    """The real line's parts as chart lines in `colour`: counts dashed, estimates dotted."""
    from game.ui.widgets import charts

    return [charts.Series(_source_label(t, kind), part, colour, dashed=True,
                          dotted=kind in ESTIMATED_SOURCES)
            for kind, part in _history_parts(values, sources)]


class ChartsScreen(Screen):
    """Two charts for the chosen scope, with the real series where the scenario has one."""

    name = "charts"
    changes_nothing = True

    def __init__(self, app: App, region: str | None = None) -> None:
        super().__init__(app)
        self.region = region
        self.chart_rects: list[pygame.Rect] = []

    def layout(self) -> None:
        """Build the scope buttons and reserve the chart areas."""
        t = self.t
        c = self.game.campaign
        self.label(self.R(24, 14, 800, 38), t("ui.charts.title"), "@heading")
        scopes: list[str | None] = [None, *list(c.world.region_ids)]
        x, y = 24.0, 60.0
        for scope in scopes:
            text = whole_name(t, c) if scope is None else t(f"region.{scope}")
            w = max(96.0, 26 + len(text) * 8.2)
            if x + w > self.width - 24:
                x, y = 24.0, y + 38
            self.button(self.R(x, y, w, 32), text, self.assign(region=scope),
                        cls="@primary" if scope == self.region else None)
            x += w + 6
        top = y + 46
        h = (self.height - top - 84) / 2
        self.chart_rects = [self.R(24, top, self.width - 48, h - 8),
                            self.R(24, top + h, self.width - 48, h - 8)]
        self.text(self.R(236, self.height - 66, self.width - 260, 60),
                  html.escape(t("ui.charts.note")), "@muted_box")
        self.button(self.R(24, self.height - 64, 200, 48), t("ui.common.back"), lambda: Pop(),
                    cls="@primary")

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the charts."""
        self.blit_layer(surface, self.chart_rects[0].unionall(self.chart_rects),
                        lambda canvas: draw_term_charts(self, canvas, self.chart_rects,
                                                        self.region))

    def on_key(self, event: pygame.event.Event) -> Transition:
        """C closes the charts again."""
        return Pop() if event.key == pygame.K_c else None


def draw_term_charts(screen: Screen, surface: pygame.Surface, rects: list[pygame.Rect],
                     region: str | None, extra: Campaign | None = None,
                     baseline: Campaign | None = None) -> None:
    """Draw the scope's charts; optionally with a baseline and a "what happened next" run."""
    from game.play.history import branch_of, cached_first_path
    from game.ui.widgets import charts, palette

    c = screen.game.campaign
    t = screen.t
    s = screen.app.scale
    length = max(c.term_turns, c.turn, len(extra.records) if extra is not None else 0)
    periods = term_periods(c, length)
    for rect, (name, unit_key, mult) in zip(rects, chart_specs(region), strict=False):
        pygame.draw.rect(surface, theme.PANEL, rect, border_radius=round(6 * s))
        pygame.draw.rect(surface, theme.PANEL_BORDER, rect, 1, border_radius=round(6 * s))
        values = [None if v is None else v * mult
                  for v in series_of(c.records, region, name, length)]
        lines = [charts.Series(t("ui.charts.your_game"), values, palette.categorical_colour(4),
                                 width=3)]
        if baseline is not None:
            base = [None if v is None else v * mult
                    for v in series_of(baseline.records, region, name, length)]
            lines.append(charts.Series(t("ui.charts.baseline"), base,
                                       palette.categorical_colour(0), dashed=True))
        branch = branch_of(c)  # a game that took over from history or went back
        first = cached_first_path(c) if branch is not None else None
        if branch is not None and first is not None:
            old = [None if v is None else v * mult
                   for v in series_of(first.records, region, name, length)]
            label = "ui.paths.history_line" if branch.kind == "history" else "ui.paths.first_line"
            lines.append(charts.Series(t(label), old, palette.categorical_colour(5), dashed=True))
        if extra is not None:
            more = [None if v is None else v * mult
                    for v in series_of(extra.records, region, name, length)]
            more = [None if i < c.turn - 1 else v for i, v in enumerate(more)]
            lines.append(charts.Series(t("ui.charts.next"), more, palette.categorical_colour(3),
                                       dashed=True))
        if name in ("homicide_rate",):
            history = c.real_rates(region, periods)
            if history is not None:
                lines += history_series(t, history, c.history_sources(region, periods),
                                        palette.categorical_colour(2))
        charts.draw_line_chart(
            surface, rect.inflate(-round(16 * s), -round(12 * s)), lines,
            theme.font(round(14 * s)),
            title=t(f"indicator.{name}.name") if name != "approval" else t("ui.charts.approval"),
            y_label=t(unit_key), x_labels=[screen.period(p) for p in periods], y_min=0.0,
            y_max=100.0 if mult == 100.0 else None,
            marker_x=c.term_turns - 1 if length > c.term_turns else None,
            marker_label=t("ui.charts.term_end") if length > c.term_turns else None,
            small_font=theme.font(round(12 * s)),
            tick_format=lambda v, step: fmt.number(v, 0 if step >= 1 else 1),
        )
