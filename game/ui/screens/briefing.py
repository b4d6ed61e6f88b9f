"""The briefing that opens a game: the place and date, what happened just before, who the
player is, the goal in plain words; the map of the places in play beside it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

import pygame

from game.core.calendar import parse_period
from game.play.measures import seat_scope
from game.ui import present, theme
from game.ui.screen import Pop, Replace, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.widgets.mexico_map import MapMarker, MexicoMap


class BriefingScreen(Screen):
    """Read before the first quarter (and again from the main screen's Briefing button)."""

    name = "briefing"

    def __init__(self, app: App, again: bool = False) -> None:
        super().__init__(app)
        self.again = again
        """Opened from the main screen (Back returns there) rather than before the game."""
        self.changes_nothing = again  # read again, it only shows the game's opening
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.mexico: MexicoMap | None = None
        self.markers: list[MapMarker] = []

    def layout(self) -> None:
        """The text on the left, the map on the right, Start (or Back) at the bottom."""
        t = self.t
        c = self.game.campaign
        sid = c.scenario_id
        text_w = min(760.0, max(520.0, self.width * 0.52))
        year, quarter = parse_period(c.world.period(1))
        self.label(self.R(40, 22, text_w, 20), t("ui.briefing.kicker"), "@muted")
        self.label(self.R(40, 44, text_w, 40), t(f"ui.briefing.{sid}.place",
                                                 date=t(f"ui.briefing.month_q{quarter}",
                                                        year=str(year))), "@heading")
        self.text(self.R(36, 92, text_w, self.height - 92 - 84), self.body_html(), "@boxed")
        label = "ui.common.back" if self.again else "ui.briefing.start"
        self.button(self.R(40, self.height - 66, 300, 48), t(label), self.start,
                    cls="@primary", tip=t(label + "_tip") if not self.again else None)
        self.focus.restore(0)
        mx = 40 + text_w + 24
        self.map_rect = self.R(mx, 92, self.width - mx - 40, self.height - 92 - 84)
        self._place_map()

    def body_html(self) -> str:
        """What happened, who you are, your goal, how a quarter goes."""
        t = self.t
        e = html.escape
        c = self.game.campaign
        sid = c.scenario_id
        role, city = self.game.seats[self.game.seat] if not self.game.hot_seat \
            else ("hotseat", None)
        where = t(f"region.{city}") if city else ""
        turns = self.game.turns
        parts = [f"<b>{e(t('ui.briefing.before'))}</b><br>",
                 e(t(f"ui.briefing.{sid}.before")), "<br><br>",
                 f"<b>{e(t('ui.briefing.you'))}</b><br>",
                 e(self.plural(f"ui.briefing.role.{role}", turns, city=where, turns=turns,
                               years=fmt_years(turns))), "<br><br>",
                 f"<b>{e(t('ui.briefing.goal'))}</b><br>",
                 e(t("ui.briefing.goal_text")), "<br><br>",
                 f"<b>{e(t('ui.briefing.how'))}</b><br>",
                 e(t("ui.briefing.how_text"))]
        return "".join(parts)

    def _place_map(self) -> None:
        """The regions in play on the map (zoomed in on their states)."""
        from game.ui.widgets.mexico_map import MexicoMap

        if self.map_rect.w < 120 or self.map_rect.h < 120:
            self.mexico = None
            return
        c = self.game.campaign
        self.mexico = self.mexico or MexicoMap()
        self.markers = present.map_markers(self.t, c, self.mexico, lambda _rid: 0)
        self.mexico.layout(self.map_rect, present.focus_states(c, self.markers))

    def draw(self, surface: pygame.Surface) -> None:
        """The map with the places in play, the player's own highlighted."""
        if self.mexico is None:
            return
        s = self.app.scale
        mine = seat_scope(self.game.campaign, self.game.seat)
        selected = mine[0] if len(mine) == 1 else None

        def paint(canvas: pygame.Surface) -> None:
            assert self.mexico is not None
            self.mexico.draw(canvas, self.markers, selected, self.app.settings.palette,
                             theme.font(round(13 * s), True), theme.font(round(12 * s)),
                             present.state_rates(self.game.campaign, self.markers, self.mexico))

        self.blit_layer(surface, self.map_rect, paint)

    def start(self) -> Transition:
        """Begin the first quarter (or go back to it)."""
        if self.again:
            return Pop()
        from game.ui.screens.main import MainScreen

        return Replace(MainScreen(self.app))

    def back(self) -> Transition:
        """Esc goes back to the game when read again; before the game it starts it too."""
        return self.start()


def fmt_years(turns: int) -> str:
    """A term's length in years ("3", "5¼", "6")."""
    years, quarters = divmod(turns, 4)
    return str(years) + ("", "¼", "½", "¾")[quarters]
