"""The verdict at the end of a term: the election, lives against the same world, trust and
rights, and what the research says about the path the player chose; then the debrief."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.play import measures
from game.play.verdict import PATH_FINDINGS, Verdict, verdict
from game.ui import fmt
from game.ui.screen import Push, Replace, Reset, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets.charts import BarsLayout


def lives_difference(screen: Screen, played: float, base: float) -> str:
    """How many fewer (or more) people were killed than in the same world with no new policy,
    and what share of that world's killings it is ("about one in 230")."""
    gap = round(base - played)
    if gap == 0:
        return screen.t("ui.verdict.difference_none")
    count = fmt.number(abs(gap), 0)
    ratio = base / abs(gap) if base > 0 else 0.0
    if ratio >= 100:  # two figures are enough: one in 234 reads "one in 230"
        ratio = round(ratio, 1 - len(str(int(ratio))))
    share = (screen.t("ui.verdict.share_one_in", count=fmt.number(ratio, 0)) if ratio >= 5
             else screen.t("ui.verdict.share_percent",
                           percent=fmt.number(100 / ratio if ratio else 0, 0)))
    key = "ui.verdict.difference_fewer" if gap > 0 else "ui.verdict.difference_more"
    return screen.plural(key, abs(gap), count=count, share=share)


class VerdictScreen(Screen):
    """Shown once the last quarter's results are closed (hot seat: every player's vote)."""

    name = "verdict"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        game = self.game
        self.verdicts: list[Verdict] = [verdict(game.campaign, seat)
                                        for seat in range(len(game.seats))]
        self.chart_rects: list[pygame.Rect] = []
        self.bars: BarsLayout | None = None
        """Where the lives-difference chart was drawn (for the tests)."""

    def layout(self) -> None:
        """The vote, the three measures and the research, in two columns."""
        t = self.t
        c = self.game.campaign
        main = self.verdicts[0]
        won = main.election.won
        self.label(self.R(32, 12, self.width - 64, 22),
                   t("ui.verdict.kicker", scenario=t(f"scenario.{c.scenario_id}.title")),
                   "@muted")
        office = t(f"election.office.{main.election.level}")
        headline = t("ui.verdict.won" if won else "ui.verdict.lost", office=office)
        cls = "@title_small" if self.fits(headline, self.width - 64, "@title_small") \
            else "@heading"
        self.label(self.R(32, 36, self.width - 64, 46), headline, cls)
        left_w = (self.width - 64 - 16) * 0.5
        body = self.height - 92 - 80
        self.text(self.R(32, 92, left_w, body), self.results_html(), "@boxed")
        right_x, right_w = 32 + left_w + 16, self.width - 64 - 16 - left_w
        self.chart_rects = []
        research_h = body
        if self.game.campaign.records:
            # The lives saved or lost each quarter always; trust beside the same world when
            # the research still has room above them.
            chart_h = max(190.0, min(250.0, body * 0.42))
            count = 2 if body - 2 * chart_h - 16 >= 190 else 1
            research_h = body - count * chart_h - 8 * count
            self.chart_rects = [self.R(right_x, 92 + research_h + 8 + k * chart_h, right_w,
                                       chart_h - 4) for k in range(count)]
        self.text(self.R(right_x, 92, right_w, research_h), self.research_html(), "@boxed")
        self.button(self.R(self.width - 32 - 300, self.height - 64, 300, 48),
                    t("ui.verdict.debrief"), self.debrief, cls="@primary",
                    tip=t("ui.verdict.debrief_tip"))
        self.button(self.R(32, self.height - 64, 240, 48), t("ui.debrief.finish"), self.finish,
                    tip=t("ui.debrief.finish_tip"))
        self.button(self.R(self.width / 2 - 140, self.height - 64, 280, 48),
                    t("desk.hand_in_title"), self.hand_in, tip=t("ui.verdict.hand_in_tip"))
        self.focus.restore(0)

    def seat_name(self, seat: int) -> str:
        """"the federal government" or "the mayor of Acapulco", as the verdict says it."""
        role, city = self.game.seats[seat]
        if role == "municipal" and city is not None:
            return self.t("ui.seat.mayor", city=self.t(f"region.{city}"))
        return self.t("ui.seat.federal")

    def results_html(self) -> str:
        """The vote, then lives, trust and rights over the term against the same world."""
        t = self.t
        e = html.escape
        v = self.verdicts[0]
        parts = [f"<b>{e(t('ui.verdict.election'))}</b><br>",
                 e(fmt.message(t, v.election.message)), "<br>",
                 e(t("ui.verdict.source.model", start=fmt.number(v.approval_start * 100, 0),
                     end=fmt.number(v.approval_end * 100, 0))), "<br>"]
        if v.election.baseline_message is not None:
            parts.append(e(fmt.message(t, v.election.baseline_message)) + "<br>")
        for other in self.verdicts[1:]:
            parts.append(e(t("ui.verdict.other_seat", who=self.seat_name(other.seat),
                             result=t("ui.verdict.short_won" if other.election.won
                                      else "ui.verdict.short_lost"),
                             share=fmt.number(other.election.share * 100, 0))) + "<br>")
        played, base = v.totals["lives"]
        saved = round(base - played)
        parts += ["<br>", f"<b>{e(t('ui.verdict.lives'))}</b><br>",
                  e(t("ui.verdict.lives_totals", mine=fmt.number(played, 0),
                      base=fmt.number(base, 0))), "<br>"]
        if saved > 0:
            parts.append(e(self.plural("ui.verdict.saved", saved, count=fmt.number(saved, 0))))
        elif saved < 0:
            parts.append(e(self.plural("ui.verdict.cost", -saved, count=fmt.number(-saved, 0))))
        else:
            parts.append(e(t("ui.verdict.no_difference")))
        scale = fmt.human_scale(self.app.t, saved)
        if scale:
            parts.append(" " + e(scale))
        trust, trust_base = v.totals["trust"]
        abuses, abuses_base = v.totals["rights"]
        parts += ["<br><br>", f"<b>{e(t('ui.verdict.trust'))}</b><br>",
                  e(t("ui.verdict.trust_line", start=fmt.number(v.trust_start * 100, 0),
                      end=fmt.number(trust * 100, 0), base=fmt.number(trust_base * 100, 0))),
                  "<br><br>", f"<b>{e(t('ui.verdict.rights'))}</b><br>",
                  e(t("ui.verdict.rights_line", mine=fmt.number(abuses, 0),
                      base=fmt.number(abuses_base, 0))),
                  "<br><br>", f"<i>{e(t('ui.debrief.caveat'))}</i>"]
        return "".join(parts)

    def research_html(self) -> str:
        """What the research says about each path the player's decisions took."""
        t = self.t
        e = html.escape
        parts = [f"<b>{e(t('ui.verdict.research'))}</b><br><br>"]
        for path in self.verdicts[0].paths[:3]:
            findings = " · ".join(f"{fid} {t(f'finding.{fid}.title')}"
                                  for fid in PATH_FINDINGS[path])
            parts += [f"<b>{e(t(f'ui.verdict.path.{path}.name'))}</b><br>",
                      e(t(f"ui.verdict.path.{path}.text")), "<br>",
                      f"<i>{e(findings)}</i><br><br>"]
        return "".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        """The term's killings and trust beside the same world, when there is room."""
        if not self.chart_rects:
            return
        self.blit_layer(surface, self.chart_rects[0].unionall(self.chart_rects), self._charts)

    def _charts(self, canvas: pygame.Surface) -> None:
        """Draw the two small charts: the lives saved or lost each quarter against the same
        world (bars above or below zero, the term's total in words), and trust beside the
        same world (solid and dashed lines)."""
        from game.ui import theme
        from game.ui.widgets import charts, palette

        t = self.t
        c = self.game.campaign
        s = self.app.scale
        scope = self.verdicts[0].scope
        periods = [self.period(r.period) for r in c.records]
        tick = lambda v, step: fmt.number(v, 0 if step >= 1 else 1)  # noqa: E731
        for rect in self.chart_rects:
            pygame.draw.rect(canvas, theme.PANEL, rect, border_radius=round(6 * s))
            pygame.draw.rect(canvas, theme.PANEL_BORDER, rect, 1, border_radius=round(6 * s))
        played, base = measures.series(c, scope, "true_homicides")
        self.bars = charts.draw_difference_bars(
            canvas, self.chart_rects[0].inflate(-round(16 * s), -round(12 * s)),
            [b - p for p, b in zip(played, base, strict=True)],
            theme.font(round(13 * s)), theme.font(round(12 * s)),
            title=t("ui.verdict.chart_difference"), caption=self.lives_caption(),
            x_labels=periods, colours=(theme.GOOD, theme.WARN), tick_format=tick,
            style=charts.ChartStyle(text=theme.INK, muted=theme.MUTED, grid=theme.GRID))
        if len(self.chart_rects) < 2:
            return
        played, base = measures.series(c, scope, "legitimacy")
        lines = [charts.Series(t("ui.charts.your_game"), [v * 100 for v in played],
                               palette.categorical_colour(4), width=3),
                 charts.Series(t("ui.charts.baseline"), [v * 100 for v in base],
                               palette.categorical_colour(0), dashed=True)]
        charts.draw_line_chart(
            canvas, self.chart_rects[1].inflate(-round(16 * s), -round(12 * s)), lines,
            theme.font(round(13 * s)), title=t("ui.verdict.chart_trust"), y_label="",
            x_labels=periods, y_min=0.0, y_max=100.0, small_font=theme.font(round(12 * s)),
            tick_format=tick)

    def lives_caption(self) -> str:
        """The term's lives against the same world in words: "29 fewer people killed than in
        the same world with no new policy: about one in 230"."""
        played, base = self.verdicts[0].totals["lives"]
        return lives_difference(self, played, base)

    def debrief(self) -> Transition:
        """The full debrief: charts, decisions, what happened next, the result file."""
        from game.ui.screens.debrief import DebriefScreen

        return Replace(DebriefScreen(self.app))

    def hand_in(self) -> Transition:
        """Hand in the result straight away: its code, and the file saved where asked."""
        from game.ui.screens.hand_in import HandInScreen

        return Push(HandInScreen(self.app))

    def finish(self) -> Transition:
        """Back to the title."""
        from game.ui.screens.title import TitleScreen

        return Reset(TitleScreen(self.app))

    def back(self) -> Transition:
        """Esc does nothing: leaving is a deliberate button."""
        return None
