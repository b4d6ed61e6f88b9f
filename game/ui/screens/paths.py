"""Two paths of one world: go back to an earlier quarter of this game and play on anew, and
see the first path (history as it was, or the path left behind) beside this one, with the
lives and the trust between them."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.play.history import (
    branch_of,
    cached_first_path,
    go_back,
    path_gap,
    weighted_trust,
)
from game.ui import fmt, theme
from game.ui.screen import Action, Many, Pop, Push, Reset, Screen, Transition
from game.ui.screens.charts import whole_name

if TYPE_CHECKING:
    from collections.abc import Callable

    from game.play.campaign import Campaign, TurnRecord
    from game.play.history import Branch
    from game.ui.app import App
    from game.ui.widgets import charts


def trust_line(campaign: Campaign, region: str | None) -> list[float | None]:
    """Trust in the state (legitimacy, in points of 100), quarter by quarter: the country's
    weighted by population, or one region's."""
    def one(record: TurnRecord) -> float:
        if region is None:
            return weighted_trust(campaign, record)
        return 100 * float(record.regions[region]["legitimacy"])
    return [one(r) for r in campaign.records]


def killings_line(campaign: Campaign, region: str | None) -> list[float | None]:
    """Homicides counted each quarter, in the country or one region."""
    return [float(r.national["homicides"] if region is None else r.regions[region]["homicides"])
            for r in campaign.records]


class PathsScreen(Screen):
    """The two paths' charts, what lies between them, and the quarter to go back to."""

    name = "paths"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        c = self.game.campaign
        self.first: Campaign | None = cached_first_path(c)
        self.scope: str | None = None
        self.back_turn = max(1, c.turn)
        self.chart_rects: list[pygame.Rect] = []
        self.layouts: list[charts.ChartLayout] = []
        """Where the two charts put their parts (the tests check the parting lines up)."""

    def layout(self) -> None:
        """Scope buttons, two charts, the summary, the go-back row and Back."""
        t = self.t
        c = self.game.campaign
        self.label(self.R(24, 12, self.width - 48, 36), t("ui.paths.title"), "@heading")
        scopes = [None, *[r for r in c.world.region_ids
                          if c.world.playable[c.world.region_index(r)]]]
        below = self.tab_rows(
            [(whole_name(t, c) if scope is None else t(f"region.{scope}"),
              self.assign(scope=scope), scope == self.scope) for scope in scopes],
            54.0, lambda text: self.text_width(text, "@primary", "button") + 24)
        top = below + 10
        chart_w = max(520.0, (self.width - 64) * 0.62)
        bottom = self.height - 128
        h = (bottom - top) / 2
        self.chart_rects = [self.R(24, top, chart_w, h - 6), self.R(24, top + h, chart_w, h - 6)]
        px = 24 + chart_w + 16
        self.text(self.R(px, top, self.width - px - 24, bottom - top - 6), self.summary_html(),
                  "@boxed")
        row = self.height - 116
        self.label(self.R(24, row + 6, 200, 26), t("ui.paths.go_back_to"), "@bold")
        self.button(self.R(224, row, 40, 36), "<", self.step(-1), enabled=self.back_turn > 1)
        self.label(self.R(270, row + 6, 110, 26), self.period(c.world.period(self.back_turn)),
                   "@bold")
        self.button(self.R(380, row, 40, 36), ">", self.step(1),
                    enabled=self.back_turn < max(1, c.turn))
        go = t("ui.paths.go_back", period=self.period(c.world.period(self.back_turn)))
        self.button(self.R(428, row, self.text_width(go, "@primary", "button") + 36, 36), go,
                    self.go_back, cls="@primary", tip=t("ui.paths.go_back_tip"),
                    enabled=c.turn >= 1)
        self.button(self.R(24, self.height - 60, 160, 46), t("ui.common.back"), lambda: Pop())

    def summary_html(self) -> str:
        """What the first path is, and the lives and trust between the two."""
        t = self.t
        e = html.escape
        c = self.game.campaign
        branch = branch_of(c)
        if branch is None or self.first is None:
            return e(t("ui.paths.no_branch"))
        period = self.period(c.world.period(branch.turn))
        what = t("ui.paths.from_history" if branch.kind == "history" else "ui.paths.from_back",
                 period=period)
        parts = [f"<b>{e(what)}</b><br><br>"]
        if c.turn < branch.turn:
            parts.append(e(t("ui.paths.not_yet", period=period)))
            return "".join(parts)
        gap = path_gap(self.first, c, branch.turn)
        span = t("ui.paths.span", first=period, last=self.period(c.world.period(gap.to_turn)))
        parts.append(e(span) + "<br>")
        if gap.lives > 0:
            parts.append(e(t("ui.paths.saved",
                                       count=fmt.number(gap.lives, 0))))
        elif gap.lives < 0:
            parts.append(e(t("ui.paths.lost",
                                       count=fmt.number(-gap.lives, 0))))
        else:
            parts.append(e(t("ui.paths.same_lives")))
        parts.append("<br>" + e(trust_gap_text(t, gap.trust)))
        parts.append("<br><br>" + e(t("ui.paths.caveat")))
        return "".join(parts)

    def step(self, change: int) -> Action:
        """Action: one quarter earlier or later to go back to."""
        def act() -> Transition:
            c = self.game.campaign
            self.back_turn = max(1, min(max(1, c.turn), self.back_turn + change))
            self.rebuild()
            return None
        return act

    def go_back(self) -> Transition:
        """Replay the game to just before the chosen quarter and play on from there."""
        from game.ui.screens.main import MainScreen
        from game.ui.screens.title import TitleScreen

        game = self.game
        new = go_back(game.campaign, self.back_turn)
        self.app.session.play_game(game.on_new_path(new, self.back_turn))
        self.app.session.coach_pending = False
        return Many((Reset(TitleScreen(self.app)), Push(MainScreen(self.app))))

    def draw(self, surface: pygame.Surface) -> None:
        """The two charts, drawn once per build."""
        self.blit_layer(surface, self.chart_rects[0].unionall(self.chart_rects), self._paint)

    def _paint(self, surface: pygame.Surface) -> None:
        """Killings and trust on this path and on the first, the parting quarter marked."""

        t = self.t
        c = self.game.campaign
        branch = branch_of(c)
        first = self.first
        length = max(c.term_turns, c.turn, first.turn if first is not None else 0)
        labels = [self.period(c.world.period(k)) for k in range(1, length + 1)]
        first_name = t("ui.paths.history_line" if branch is not None and branch.kind == "history"
                       else "ui.paths.first_line")
        self.layouts = []
        widest = 0
        for _ in range(2):  # twice if the tick labels differ: the parting lines up in both
            self.layouts = [self._chart(surface, rect, title, unit, line, labels, branch,
                                        first, first_name, length, widest)
                            for rect, (title, unit, line) in zip(self.chart_rects, (
                                (t("indicator.homicides.name"), t("ui.charts.unit_count"),
                                 killings_line),
                                (t("indicator.legitimacy.name"), t("ui.charts.unit_percent"),
                                 trust_line)), strict=True)]
            if len({chart.plot.left for chart in self.layouts}) <= 1:
                break
            widest = max(chart.label_width for chart in self.layouts)

    def _chart(self, surface: pygame.Surface, rect: pygame.Rect, title: str, unit: str,
               line: Callable[[Campaign, str | None], list[float | None]], labels: list[str],
               branch: Branch | None, first: Campaign | None, first_name: str, length: int,
               label_width: int) -> charts.ChartLayout:
        """One chart of the two paths (this one and the first), the parting quarter marked."""
        from game.ui.widgets import charts, palette

        t = self.t
        s = self.app.scale
        c = self.game.campaign
        pygame.draw.rect(surface, theme.PANEL, rect, border_radius=round(6 * s))
        pygame.draw.rect(surface, theme.PANEL_BORDER, rect, 1, border_radius=round(6 * s))
        mine = line(c, self.scope)
        lines = [charts.Series(t("ui.paths.this_line"), mine + [None] * (length - len(mine)),
                               palette.categorical_colour(4), width=3)]
        if first is not None:
            theirs = line(first, self.scope)
            lines.append(charts.Series(first_name, theirs + [None] * (length - len(theirs)),
                                       palette.categorical_colour(0), dashed=True))
        return charts.draw_line_chart(
            surface, rect.inflate(-round(16 * s), -round(12 * s)), lines,
            theme.font(round(14 * s)), title=title, y_label=unit, x_labels=labels,
            y_min=0.0, y_max=100.0 if line is trust_line else None,
            marker_x=branch.turn - 1 if branch is not None else None,
            marker_label=t("ui.paths.parting") if branch is not None else None,
            small_font=theme.font(round(12 * s)),
            tick_format=lambda v, step: fmt.number(v, 0 if step >= 1 else 1),
            style=charts.ChartStyle(text=theme.INK, muted=theme.MUTED, grid=theme.GRID),
            label_width=label_width)

def paths_html(screen: Screen) -> list[str]:
    """The debrief's paragraph on a branched game: where it parted, and the lives and trust
    between its first path and this one (nothing for a game played straight)."""
    t = screen.t
    e = html.escape
    c = screen.game.campaign
    branch = branch_of(c)
    first = cached_first_path(c) if branch is not None else None
    if branch is None or first is None or c.turn < branch.turn:
        return []
    period = screen.period(c.world.period(branch.turn))
    gap = path_gap(first, c, branch.turn)
    what = t("ui.paths.from_history" if branch.kind == "history" else "ui.paths.from_back",
             period=period)
    lives = (t("ui.paths.saved", count=fmt.number(gap.lives, 0)) if gap.lives > 0 else
             t("ui.paths.lost", count=fmt.number(-gap.lives, 0)) if gap.lives < 0 else
             t("ui.paths.same_lives"))
    span = t("ui.paths.span", first=period, last=screen.period(c.world.period(gap.to_turn)))
    return [f"<b>{e(t('ui.paths.debrief_heading'))}</b><br>", e(what), "<br>", e(span), " ",
            e(lives), "<br>", e(trust_gap_text(t, gap.trust)),
            "<br><br>"]


def trust_gap_text(t: fmt.Translate, points: float) -> str:
    """Trust at the end against the first path, in points; in words when it rounds to none."""
    change = fmt.signed(points, 1)
    return t("ui.paths.trust_same") if change == "±0" else t("ui.paths.trust", change=change)
