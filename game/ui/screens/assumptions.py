"""Assumptions panel (instructor mode): switch a contested mechanism and see the difference."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.ui import fmt, theme
from game.ui.screen import Pop, Screen, Transition

if TYPE_CHECKING:
    from game.classroom.workshops import Workshops
    from game.content.schema import Workshop
    from game.play.campaign import Campaign
    from game.play.plan import Skipped
    from game.ui.app import App

DEMO_TURNS = 8
"""Quarters of the no-new-policy game compared when no game has been played yet."""


def homicides_of(campaign: Campaign) -> list[float | None]:
    """Killings counted in the whole scenario, per quarter played."""
    return [float(r.national.get("homicides", 0.0)) for r in campaign.records]


def trust_of(campaign: Campaign) -> list[float | None]:
    """Trust in the state (legitimacy, population-weighted, in %), per quarter played."""
    world = campaign.world
    weights = [float(p) for p in world.population]
    total = sum(weights) or 1.0
    values: list[float | None] = []
    for record in campaign.records:
        values.append(100.0 * sum(float(record.regions[rid].get("legitimacy", 0.0)) * w
                                  for rid, w in zip(world.region_ids, weights, strict=True))
                      / total)
    return values


class AssumptionsScreen(Screen):
    """The named switches on the left; the chosen one's explanation, a toggle and the charts."""

    name = "assumptions"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        workshops = app.session.workshops
        self.switch_ids: list[str] = list(workshops.switches) if workshops is not None else []
        self.selected: str | None = self.switch_ids[0] if self.switch_ids else None
        self.flipped: set[str] = set()
        """Switches the instructor turned the other way from the game's world."""
        self.other: Campaign | None = None
        self.base: Campaign | None = None
        self.notes: list[Skipped] = []
        self.demo = False
        self.chart_rects: list[pygame.Rect] = []

    # ---- the worlds -------------------------------------------------------------------------

    def _game(self) -> Campaign:
        """The game to compare: the current one, or a no-new-policy game of a few quarters."""
        c = self.app.session.campaign
        if c is not None and c.records:
            self.demo = False
            return c
        self.demo = True
        if self.base is None:
            from game.play.campaign import Campaign

            pack = self.app.session.pack
            assert pack is not None
            scenario = "juarez-2010" if "juarez-2010" in pack.scenarios else next(
                iter(pack.scenarios))
            game = Campaign.new(pack, scenario, "federal", None, 1)
            while game.turn < DEMO_TURNS:
                game.end_turn()
            self.base = game
        return self.base

    def _workshops(self) -> Workshops:
        """The workshop reader (the panel opens only when the content loaded)."""
        workshops = self.app.session.workshops
        assert workshops is not None, "the assumptions panel needs the content's switches"
        return workshops

    def _workshop(self) -> Workshop | None:
        """The workshop of the game being played, if it belongs to one."""
        game = self.app.session.game
        return game.workshop if game is not None else None

    def is_on(self, sid: str) -> bool:
        """Whether a mechanism is on in the world the panel would show."""
        ws = self._workshop()
        on = bool(ws.switches.get(sid, True)) if ws is not None and not self.demo else True
        return not on if sid in self.flipped else on

    def overrides(self) -> dict[str, float]:
        """The parameters of the changed world (through the workshop rules)."""
        workshops = self._workshops()
        game = self._game()
        ws = self._workshop() if not self.demo else None
        if ws is None:
            ws = workshops.from_data({"scenario": game.scenario_id, "seed": int(game.seed),
                                      "role": game.role, "region": game.region})
        switches = dict(ws.switches)
        for sid in self.flipped:
            switches[sid] = not bool(switches.get(sid, True))
        changed = ws.model_copy(update={"switches": switches})
        return dict(workshops.overrides(changed))

    # ---- layout -----------------------------------------------------------------------------

    def layout(self) -> None:
        """Switch list, explanation, toggle and Show the difference, then the two charts."""
        t = self.t
        e = html.escape
        self.label(self.R(24, 14, self.width - 48, 38), t("ui.assumptions.title"), "@heading")
        workshops = self._workshops()
        names = [t(workshops.switches[sid].name) + t("ui.assumptions.off_mark")
                 for sid in self.switch_ids]
        widest = max((theme.font(16, True).size(n)[0] for n in names), default=0)
        list_w = min(460.0, max(330.0, widest / self.app.scale + 28))
        y = 60.0
        for sid in self.switch_ids:
            switch = workshops.switches[sid]
            mark = t("ui.assumptions.off_mark") if not self.is_on(sid) else ""
            self.button(self.R(24, y, list_w, 34), f"{t(switch.name)}{mark}",
                        self.assign(selected=sid),
                        cls="@primary" if sid == self.selected else None,
                        tip=t(switch.explanation))
            y += 38
        x = 24 + list_w + 16
        w = self.width - x - 24
        if self.selected is not None:
            switch = workshops.switches[self.selected]
            findings = ", ".join(f"{fid} · {t(f'finding.{fid}.title')}" for fid in switch.findings)
            state = t("ui.assumptions.state_on" if self.is_on(self.selected)
                      else "ui.assumptions.state_off")
            body = (f"<b>{e(t(switch.name))}</b><br>{e(state)}<br><br>{e(t(switch.explanation))}"
                    f"<br><br><b>{e(t('ui.assumptions.findings'))}</b> {e(findings)}")
            self.text(self.R(x, 60, w, 206), body, "@boxed")
            on = self.is_on(self.selected)
            self.button(self.R(x, 274, 250, 40),
                        t("ui.assumptions.turn_off" if on else "ui.assumptions.turn_on"),
                        self.toggle, tip=t("ui.assumptions.toggle_tip"))
            self.button(self.R(x + 258, 274, 250, 40), t("ui.assumptions.show"), self.show,
                        cls="@primary", tip=t("ui.assumptions.show_tip"))
        top = 322.0
        note_h = 58.0
        chart_h = self.height - top - note_h - 76
        self.chart_rects = [self.R(x, top, w / 2 - 6, chart_h),
                            self.R(x + w / 2 + 6, top, w / 2 - 6, chart_h)]
        self.text(self.R(x, top + chart_h + 4, w, note_h), e(self.note()), "@small")
        self.button(self.R(24, self.height - 64, 200, 48), t("ui.common.back"), lambda: Pop(),
                    cls="@primary" if self.other is None else None)

    def note(self) -> str:
        """A short plain note: what the charts compare, and what changed."""
        t = self.t
        if self.other is None:
            return t("ui.assumptions.hint")
        game = self._game()
        mine = sum(v or 0.0 for v in homicides_of(game))
        theirs = sum(v or 0.0 for v in homicides_of(self.other))
        what = self.plural("ui.assumptions.demo" if self.demo else "ui.assumptions.your_decisions",
                           game.turn, turns=game.turn, seed=game.seed)
        diff = theirs - mine
        if abs(diff) < 0.5:
            change = t("ui.assumptions.no_change")
        else:
            change = self.plural("ui.assumptions.more" if diff > 0 else "ui.assumptions.fewer",
                                 round(abs(diff)), count=fmt.number(abs(diff), 0))
        text = f"{what} {change}"
        if self.notes:
            text += " " + t("ui.assumptions.skipped", count=len(self.notes))
        return text

    # ---- actions ----------------------------------------------------------------------------

    def toggle(self) -> Transition:
        """Turn the chosen mechanism the other way (the charts wait for Show the difference)."""
        if self.selected is not None:
            self.flipped ^= {self.selected}
            self.other = None
            self.rebuild()
        return None

    def show(self) -> Transition:
        """Replay the game's decisions in the changed world, on the same seed."""
        if self.selected is not None and not self.flipped:
            self.flipped = {self.selected}
        self.other, self.notes = self._game().in_other_world(self.overrides())
        self.rebuild()
        return None

    # ---- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the charts, drawn once per layout."""
        self.blit_layer(surface, self.chart_rects[0].unionall(self.chart_rects), self._charts)

    def _charts(self, surface: pygame.Surface) -> None:
        """Two charts: killings and trust, the game as played and in the changed world."""
        from game.ui.widgets import charts, palette

        t = self.t
        s = self.app.scale
        game = self._game() if self.other is not None or self.app.session.campaign else None
        for rect, (title, unit, series) in zip(self.chart_rects, (
                (t("indicator.homicides.name"), t("ui.charts.unit_count"), homicides_of),
                (t("indicator.legitimacy.name"), t("ui.charts.unit_percent"), trust_of)),
                strict=True):
            pygame.draw.rect(surface, theme.PANEL, rect, border_radius=round(6 * s))
            pygame.draw.rect(surface, theme.PANEL_BORDER, rect, 1, border_radius=round(6 * s))
            if game is None or not game.records:
                continue
            lines = [charts.Series(t("ui.assumptions.as_played"), series(game),
                                   palette.categorical_colour(4), width=3)]
            if self.other is not None:
                lines.append(charts.Series(t("ui.assumptions.changed"), series(self.other),
                                           palette.categorical_colour(0), dashed=True))
            charts.draw_line_chart(
                surface, rect.inflate(-round(16 * s), -round(12 * s)), lines,
                theme.font(round(14 * s)), title=title, y_label=unit,
                x_labels=[self.period(game.world.period(k)) for k in range(1, game.turn + 1)],
                y_min=0.0,
                small_font=theme.font(round(12 * s)),
                tick_format=lambda v, step: fmt.number(v, 0 if step >= 1 else 1))
