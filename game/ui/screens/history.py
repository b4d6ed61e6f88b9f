"""History mode: the model's world beside the real homicide count, quarter by quarter, with
each real decision marked on the chart and told in a sentence with its source; take over at
any quarter and play on from there.

The model plays history a quarter per frame (so the chart grows as it goes); the player picks
a quarter with the arrows, the keyboard (Left, Right, Home, End) or a click on the chart.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.content import real_series
from game.play.history import (
    HistoryMark,
    history_marks,
    history_role,
    real_plan,
    span,
    take_over_game,
)
from game.play.plan import play
from game.ui import fmt, theme
from game.ui.screen import Action, Many, Pop, Push, Screen, Transition
from game.ui.screens.charts import history_series, whole_name

if TYPE_CHECKING:
    from game.content.schema import ContentPack
    from game.play.campaign import Campaign
    from game.ui.app import App
    from game.ui.widgets.charts import ChartLayout

HISTORY_SCENARIO = "history-2006"
QUARTERS_PER_FRAME = 1
"""How many quarters of history the model plays per frame while the screen is open."""


def history_scenarios(pack: ContentPack) -> list[str]:
    """Scenarios that carry a history to replay (history mode), the shipped one first."""
    ids = [sid for sid, s in pack.scenarios.items() if s.history]
    return sorted(ids, key=lambda sid: sid != HISTORY_SCENARIO)


def marks_by_turn(marks: list[HistoryMark]) -> dict[int, list[HistoryMark]]:
    """The marks of each quarter that has any."""
    found: dict[int, list[HistoryMark]] = {}
    for mark in marks:
        found.setdefault(mark.turn, []).append(mark)
    return found


class HistoryScreen(Screen):
    """The chart and the quarter's story on the left and right; take over along the bottom."""

    name = "history"

    def __init__(self, app: App, scenario: str | None = None, seed: int = 1) -> None:
        super().__init__(app)
        pack = app.session.pack
        assert pack is not None, "history mode needs the content"
        self.pack: ContentPack = pack
        self.scenario_id = scenario or history_scenarios(pack)[0]
        self.scenario = pack.scenarios[self.scenario_id]
        self.seed = seed
        self.plan = real_plan(self.scenario)
        self.marks = history_marks(self.scenario)
        self.by_turn = marks_by_turn(self.marks)
        self.span = span(self.scenario)
        self.played: Campaign = self._fresh()
        self.scope: str | None = None
        self.selected = 1
        self.chart_rect = pygame.Rect(0, 0, 0, 0)
        self.layout_of_chart: ChartLayout | None = None
        self._cached: tuple[tuple[object, ...], pygame.Surface] | None = None

    def _fresh(self) -> Campaign:
        """A new game of the scenario on this screen's seed, before its first quarter."""
        from game.play.campaign import Campaign

        game = Campaign.new(self.pack, self.scenario_id, history_role(self.scenario), None,
                            self.seed)
        game.set_term(self.span)
        return game

    # ---- what is shown ----------------------------------------------------------------------

    def periods(self) -> list[str]:
        """Every quarter of the span."""
        return [self.played.world.period(k) for k in range(1, self.span + 1)]

    def scopes(self) -> list[str | None]:
        """The country, then each region that has a real series to draw beside it."""
        return [None, *[r.id for r in self.scenario.regions if r.history is not None]]

    def model_values(self) -> list[float | None]:
        """The model's homicides (country: count a quarter; region: rate), quarter by quarter."""
        values: list[float | None] = []
        for record in self.played.records:
            if self.scope is None:
                values.append(float(record.national["homicides"]))
            else:
                values.append(float(record.regions[self.scope]["homicide_rate"]))
        return values + [None] * (self.span - len(values))

    def real_values(self) -> list[float | None]:
        """The real count (country) or rate (region) in each quarter the data covers."""
        if self.scope is None:
            counts = [real_series.national_quarter(p) for p in self.periods()]
            return [None if c is None else float(c) for c in counts]
        rates = self.played.real_rates(self.scope, self.periods())
        return list(rates) if rates is not None else [None] * self.span

    # ---- layout -----------------------------------------------------------------------------

    def layout(self) -> None:
        """Scope buttons, the chart, the quarter's story, and the bottom row."""
        t = self.t
        self.label(self.R(24, 10, self.width - 48, 32),
                   t(f"scenario.{self.scenario_id}.title"), "@heading")
        self.label(self.R(24, 42, self.width - 48, 22), t("ui.history.subtitle"), "@muted")
        below = self.tab_rows(
            [(whole_name(t, self.played) if scope is None else t(f"region.{scope}"),
              self.assign(scope=scope), scope == self.scope) for scope in self.scopes()],
            70.0, lambda text: self.text_width(text, "@primary", "button") + 24)  # as if chosen
        top = below + 10
        chart_w = max(520.0, (self.width - 64) * 0.62)
        bottom = self.height - 72
        self.chart_rect = self.R(24, top, chart_w, bottom - top - 48)
        row = bottom - 42
        self.button(self.R(24, row, 40, 36), "<", self.select_step(-1),
                    tip=t("ui.history.previous_tip"))
        self.label(self.R(70, row + 4, 120, 28), self.period(self.played.world.period(
            self.selected)), "@bold")
        self.button(self.R(190, row, 40, 36), ">", self.select_step(1),
                    tip=t("ui.history.next_tip"))
        self.button(self.R(238, row, 150, 36), t("ui.history.next_mark"), self.next_mark,
                    tip=t("ui.history.next_mark_tip"))
        self.label_or_two_lines(398, row, chart_w - 380, 36, t("ui.history.legend"), "@muted")
        px = 24 + chart_w + 16
        self.text(self.R(px, top, self.width - px - 24, bottom - top - 6), self.story_html(),
                  "@boxed")
        by = self.height - 60
        self.button(self.R(24, by, 150, 46), t("ui.common.back"), lambda: Pop())
        take = t("ui.history.take_over", period=self.period(self.played.world.period(
            self.selected)))
        tw = self.text_width(take, "@primary", "button") + 36
        self.button(self.R(182, by, tw, 46), take, self.take_over, cls="@primary",
                    tip=t("ui.history.take_over_tip"))
        self.button(self.R(190 + tw, by, 170, 46), t("ui.history.lab"), self.open_lab,
                    tip=t("ui.history.lab_tip"))
        self.button(self.R(368 + tw, by, 190, 46), t("ui.history.another_world"),
                    self.another_world, tip=t("ui.history.another_world_tip"))
        if self.played.turn < self.span:
            status = t("ui.history.playing", period=self.period(self.played.period()))
        else:
            status = t("ui.history.world", seed=self.seed)
        self.label(self.R(566 + tw, by + 10, self.width - 590 - tw, 26), status, "@muted")

    def story_html(self) -> str:
        """The selected quarter: the model against the real count, then what was done."""
        t = self.t
        e = html.escape
        period = self.played.world.period(self.selected)
        parts = [f"<b>{e(self.period(period))}</b><br>"]
        k = self.selected - 1
        model, real = self.model_values()[k], self.real_values()[k]
        unit = "ui.history.count" if self.scope is None else "ui.history.rate"
        if model is not None:
            parts.append(e(t("ui.history.model_value", value=t(unit, value=fmt.number(
                model, 0 if self.scope is None else 1)))) + "<br>")
        if real is not None:
            kind = self.played.history_sources(self.scope, [period])[0]
            parts.append(e(t("ui.history.real_value", value=t(unit, value=fmt.number(
                real, 0 if self.scope is None else 1)))))
            if kind is not None:
                parts.append(" " + e(f"({t(kind)})"))
            parts.append("<br>")
        else:
            parts.append(e(t("ui.history.no_real")) + "<br>")
        parts.append("<br>")
        marks = self.by_turn.get(self.selected, [])
        if not marks:
            parts.append(e(t("ui.history.nothing")))
        for mark in marks:
            kind = t("ui.history.decision" if mark.command is not None else "ui.history.event")
            parts.append(f"<b>{e(kind)}</b> {e(t(mark.note))}<br>")
            source = mark.source
            if source is not None:
                cited = t("ui.history.source", publisher=source.publisher, title=source.title,
                          date=source.date)
                where = f" {source.url}" if source.url else ""
                parts.append(f"<i>{e(cited)}{e(where)}</i><br>")
            parts.append("<br>")
        parts.append(e(t("ui.history.model_note")))
        return "".join(parts)

    # ---- actions ----------------------------------------------------------------------------

    def select(self, turn: int) -> None:
        """Pick a quarter (kept inside the span) and show its story."""
        turn = max(1, min(self.span, turn))
        if turn != self.selected:
            self.selected = turn
            self.rebuild()

    def select_step(self, step: int) -> Action:
        """Action: the previous or the next quarter."""
        def act() -> Transition:
            self.select(self.selected + step)
            return None
        return act

    def next_mark(self) -> Transition:
        """Jump to the next quarter with a real decision (round to the first)."""
        later = [turn for turn in sorted(self.by_turn) if turn > self.selected]
        self.select(later[0] if later else min(self.by_turn, default=1))
        return None

    def take_over(self) -> Transition:
        """Keep history before the selected quarter; the player decides from it on."""
        from game.play.session import GameSession
        from game.ui.screens.main import MainScreen

        game = take_over_game(self.pack, self.scenario_id, self.seed, self.selected,
                              played=self.played)
        self.app.session.play_game(GameSession(game))
        return Many((Pop(), Push(MainScreen(self.app))))

    def open_lab(self) -> Transition:
        """The policy lab on this scenario, with history's own plan to start from."""
        from game.ui.screens.lab import LabScreen

        return Push(LabScreen(self.app, self.scenario_id))

    def another_world(self) -> Transition:
        """The same history in another world (the next seed): chance plays out differently."""
        self.seed += 1
        self.played = self._fresh()
        self._cached = None
        self.rebuild()
        return None

    def on_key(self, event: pygame.event.Event) -> Transition:
        """Left and Right move a quarter, Home and End to the ends, N to the next decision."""
        moves = {pygame.K_LEFT: self.selected - 1, pygame.K_RIGHT: self.selected + 1,
                 pygame.K_HOME: 1, pygame.K_END: self.span}
        if event.key in moves:
            self.select(moves[event.key])
            return None
        if event.key == pygame.K_n:
            return self.next_mark()
        return None

    def handle_event(self, event: pygame.event.Event) -> Transition:
        """A click on the chart picks the quarter under it."""
        if event.type == pygame.MOUSEBUTTONDOWN and getattr(event, "button", 1) == 1 \
                and self.layout_of_chart is not None \
                and self.layout_of_chart.plot.inflate(0, 24).collidepoint(event.pos):
            xs = self.layout_of_chart.x_positions
            if xs:
                nearest = min(range(len(xs)), key=lambda i: abs(xs[i] - event.pos[0]))
                self.select(nearest + 1)
            return None
        return super().handle_event(event)

    # ---- frames -----------------------------------------------------------------------------

    def update(self, dt: float) -> Transition:
        """Play history on, a quarter per frame, until the span is played."""
        if self.played.turn >= self.span:
            return None
        for _ in range(QUARTERS_PER_FRAME):
            if self.played.turn < self.span:
                play(self.played, self.plan, self.played.turn + 1)
        if self.played.turn >= self.span or self.played.turn == self.selected:
            self.rebuild()
        return None

    def animating(self) -> bool:
        """Frames keep coming while the model plays history."""
        return self.played.turn < self.span

    def draw(self, surface: pygame.Surface) -> None:
        """The chart, drawn again only when the world, the scope or the quarter changed."""
        key = (self.played.turn, self.scope, self.selected, self.chart_rect.size,
               self.app.settings.lang, self.seed)
        if self._cached is None or self._cached[0] != key:
            canvas = pygame.Surface(self.chart_rect.size)
            canvas.fill(theme.BACKGROUND)
            self.layout_of_chart = self._paint(canvas, canvas.get_rect())
            self.layout_of_chart.plot.move_ip(self.chart_rect.topleft)
            self.layout_of_chart.x_positions = [x + self.chart_rect.x for x in
                                                self.layout_of_chart.x_positions]
            self._cached = (key, canvas)
        surface.blit(self._cached[1], self.chart_rect)

    def _paint(self, surface: pygame.Surface, rect: pygame.Rect) -> ChartLayout:
        """The model's line, the real one, the selected quarter and a mark for each decision."""
        from game.ui.widgets import charts, palette

        t = self.t
        s = self.app.scale
        pygame.draw.rect(surface, theme.PANEL, rect, border_radius=round(6 * s))
        pygame.draw.rect(surface, theme.PANEL_BORDER, rect, 1, border_radius=round(6 * s))
        lines = [charts.Series(t("ui.history.model_line"), self.model_values(),
                               palette.categorical_colour(4), width=3)]
        real = self.real_values()
        sources = self.played.history_sources(self.scope, self.periods()) \
            if self.scope is not None else \
            [None if v is None else "history.source.national" for v in real]
        lines += history_series(t, real, sources, palette.categorical_colour(0))
        title = t("indicator.homicides.name") if self.scope is None else \
            t("ui.history.rate_title", region=t(f"region.{self.scope}"))
        inner = rect.inflate(-round(16 * s), -round(12 * s))
        inner.h -= round(18 * s)  # room for the marks under the axis
        layout = charts.draw_line_chart(
            surface, inner, lines, theme.font(round(14 * s)), title=title,
            y_label=t("ui.charts.unit_count" if self.scope is None else "ui.charts.unit_rate"),
            x_labels=[self.period(p) for p in self.periods()], y_min=0.0,
            marker_x=self.selected - 1, marker_label=self.period(self.played.world.period(
                self.selected)), small_font=theme.font(round(12 * s)),
            tick_format=lambda v, step: fmt.number(v, 0 if step >= 1 else 1),
            style=charts.ChartStyle(text=theme.INK, muted=theme.MUTED, grid=theme.GRID))
        xs = layout.x_positions
        size = max(4, round(5 * s))
        y = inner.bottom + round(6 * s)
        for turn, marks in self.by_turn.items():
            if not 1 <= turn <= len(xs):
                continue
            x = xs[turn - 1]
            played = any(m.command is not None for m in marks)
            points = [(x, y - size), (x - size, y + size), (x + size, y + size)]
            colour = theme.ACCENT if turn != self.selected else theme.FOCUS
            pygame.draw.polygon(surface, colour, points, 0 if played else max(1, round(s)))
        return layout
