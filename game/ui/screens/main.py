"""The main screen: map, region panel, national bar, intervention cards and End quarter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.core.i18n import LANGUAGES
from game.play.registry import PANEL_INDICATORS
from game.ui import draw, fmt, theme
from game.ui.screen import Push, Screen, Transition

if TYPE_CHECKING:
    from game.play.campaign import ActionOption, Campaign
    from game.play.flow import TurnFlow
    from game.play.registry import Dilemma
    from game.ui.app import App


TOP = 56.0
MARGIN = 16.0
MAP_W = 484.0
PANEL_X = MARGIN + MAP_W + 14
PANEL_W = 404.0
ROW_H = 22.0
LEGEND_H = 64.0
"""Height of the legend strip along the bottom of the map area (below the country)."""


def next_language(lang: str) -> str:
    """The language the L key switches to: the next catalog's, round to English."""
    index = LANGUAGES.index(lang) if lang in LANGUAGES else -1
    return LANGUAGES[(index + 1) % len(LANGUAGES)]


class MainScreen(Screen):
    """Where the player reads the situation and decides; one region is selected at a time."""

    name = "main"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.region: str | None = self._home_region(self.region_ids())
        self.scope = "region"
        self.mexico: Any = None
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.sparks: list[tuple[pygame.Rect, list[float | None], bool]] = []
        self.groups_rect = pygame.Rect(0, 0, 0, 0)
        self.groups: list[dict[str, Any]] = []
        self.markets_rows: list[tuple[pygame.Rect, float]] = []
        self._checked_dilemmas = False
        self.timer_button: Any = None
        self._timer_text = ""
        self._map_layer: pygame.Surface | None = None
        self._panel_layer: pygame.Surface | None = None
        """The drawn map and region panel, kept until the next layout (see draw)."""

    # ---- model access ---------------------------------------------------------------------

    @property
    def c(self) -> Campaign:
        """Return the campaign."""
        return self.game.campaign

    @property
    def flow(self) -> TurnFlow:
        """The rules of the turn: what must happen before the quarter resolves."""
        flow = self.app.session.flow
        assert flow is not None, "a game in progress has its turn flow"
        return flow

    @property
    def seat(self) -> int:
        """The player now planning (hot seat), 0 in an ordinary game."""
        return self.game.seat

    def seat_role(self) -> tuple[str, str | None]:
        """(role, city) of the player now planning."""
        return self.game.seats[self.seat]

    def seat_name(self, seat: int) -> str:
        """"Federal government" or "Mayor of Acapulco"."""
        seats = self.game.seats
        role, city = seats[seat] if seat < len(seats) else ("federal", None)
        if role == "municipal" and city is not None:
            return self.t("ui.seat.mayor", city=self.t(f"region.{city}"))
        return self.t("ui.seat.federal")

    def _home_region(self, ids: list[str]) -> str | None:
        """The planning mayor's city, or the first region."""
        role, home = self.seat_role()
        if role == "municipal" and home in ids:
            return home
        home = self.c.region
        if home in ids:
            return home
        return ids[0] if ids else None

    def unanswered(self) -> list[Dilemma]:
        """Dilemmas still waiting for the player's answer."""
        return self.flow.unanswered()

    def region_ids(self) -> list[str]:
        """Return the scenario's regions."""
        return list(self.c.world.region_ids)

    def playable_regions(self) -> list[str]:
        """Regions the planning player governs: the mayor's city only, or all of them."""
        role, home = self.seat_role()
        if role == "municipal" and isinstance(home, str):
            return [home]
        return self.region_ids()

    def history(self, region: str | None, name: str) -> list[float | None]:
        """Return an indicator's values per resolved quarter, then its current value."""
        values: list[float | None] = []
        for record in self.c.records:
            table = record.regions.get(region, {}) if region else record.national
            value = table.get(name)
            values.append(float(value) if isinstance(value, int | float) else None)
        view = self.c.region_view(region) if region else {}
        now = view.get(name) if isinstance(view, dict) else None
        if isinstance(now, int | float) and not values:
            values.append(float(now))
        return values

    # ---- layout -----------------------------------------------------------------------------

    def layout(self) -> None:
        """Build the national bar, region list, region panel rows and the cards."""
        self._map_layer = self._panel_layer = None
        if self.c is None:
            return
        if self.region not in self.region_ids():
            self.region = self._home_region(self.region_ids())
        self._national_bar()
        self._region_buttons()
        self._region_panel()
        self._cards()

    def _national_bar(self) -> None:
        """Quarter, approval, budget, capital, next election; buttons for other screens."""
        c = self.c
        t = self.t
        seat = self.seat
        bar = self.panel(self.R(0, 0, self.width, TOP), "@topbar")
        turn = c.turn + 1
        period = c.period()
        turns = self.game.turns
        self.label(self.R(16, 4, 300, 26), t("ui.main.quarter", period=self.period(period)),
                   "@bar_strong", bar)
        self.label(self.R(16, 28, 300, 24),
                   t("ui.main.turn_of", turn=min(turn, turns), turns=turns),
                   "@bar_text", bar)
        stats = [
            ("approval", t("ui.main.approval", value=fmt.number(c.approval(seat) * 100, 0)),
             t("ui.main.approval_tip")),
            ("budget", t("ui.main.budget", left=fmt.number(c.budget_left(seat), 0),
                         total=fmt.number(c.budget(seat), 0)), t("ui.main.budget_tip")),
            ("capital", t("ui.main.capital", value=fmt.number(c.capital(seat), 0)),
             t("ui.main.capital_tip")),
            ("election", self._next_election(), t("ui.main.election_tip")),
        ]
        self._timer_text = self.timer_text()
        if self._timer_text:
            stats.append(("timer", self._timer_text, t("ui.main.timer_tip")))
        x = 176.0
        font = theme.font(14)
        needed = [font.size(text)[0] + 30.0 for _, text, _ in stats]
        room = self.width - 16 - 356 - 18 - x
        spare = (room - sum(needed)) / len(needed)
        widths = [max(60.0, w + spare) for w in needed]
        self.timer_button = None
        for (kind, text, tip), w in zip(stats, widths, strict=True):
            button = self.button(self.R(x, 8, w - 8, 40), text, lambda: None, tip=tip,
                                 cls="@bar_button", container=bar, focus=False)
            if kind == "timer":
                self.timer_button = button
            x += w
        right = self.width - 16
        for key, action, w in (("ui.main.menu", self.menu, 84.0), ("ui.main.save", self.save, 84.0),
                               ("ui.main.library", self.library, 98.0),
                               ("ui.main.charts", self.charts, 90.0)):
            right -= w
            self.button(self.R(right, 8, w - 6, 40), t(key), action, tip=t(key + "_tip"),
                        cls="@bar_button", container=bar)

    def timer_text(self) -> str:
        """The round timer as "Time 4:59" (or "Time's up"), empty without a timer."""
        left = self.game.time_left()
        if left is None:
            return ""
        if left <= 0:
            return self.t("ui.main.timer_up")
        whole = int(left + 0.999)
        return self.t("ui.main.timer", time=f"{whole // 60}:{whole % 60:02d}")

    def _next_election(self) -> str:
        """Describe the next election on the calendar, if any."""
        c = self.c
        upcoming = c.next_election() if hasattr(c, "next_election") else None
        if upcoming is None:
            return self.t("ui.main.no_election")
        turn, level = upcoming
        return self.t("ui.main.election", period=self.period(c.world.period(turn)),
                      level=self.t(f"ui.level.{level}"))

    def _region_buttons(self) -> None:
        """One button per region under the map (the map itself is clickable too)."""
        ids = self.region_ids()
        names = [self.t(f"region.{rid}") for rid in ids]
        widest = max((theme.font(16, True).size(name)[0] for name in names), default=0)
        cols = 2 if len(ids) <= 4 or widest + 20 > MAP_W / 3 - 6 else 3
        rows = (len(ids) + cols - 1) // cols
        step = 40.0 if rows <= 3 else 36.0
        map_h = min(440.0, self.height - TOP - 24 - step * rows - 12)
        self.map_rect = self.R(MARGIN, TOP + 12, MAP_W, map_h)
        y = TOP + 12 + map_h + 10
        col_w = MAP_W / cols
        for i, rid in enumerate(ids):
            x = MARGIN + (i % cols) * col_w
            yy = y + (i // cols) * step
            view = self.c.region_view(rid)
            rate = float(view.get("homicide_rate", 0.0))
            self.button(self.R(x, yy, col_w - 6, step - 6), self.t(f"region.{rid}"),
                        self._select_region(rid),
                        tip=self.t("ui.main.region_tip", region=self.t(f"region.{rid}"),
                                   rate=fmt.number(rate, 0)),
                        cls="@primary" if rid == self.region else None)

    def _region_panel(self) -> None:
        """Region name, groups and territory, markets, indicators with tooltips."""
        rid = self.region
        if rid is None:
            return
        t = self.t
        view = self.c.region_view(rid)
        x = PANEL_X + 12
        w = PANEL_W - 24
        y = TOP + 18
        self.label(self.R(x, y, w, 30), t(f"region.{rid}"), "@heading")
        y += 30
        population = view.get("population")
        if isinstance(population, int | float):
            self.label(self.R(x, y, w, 22),
                       t("ui.main.population", value=fmt.number(population / 1e6, 2)), "@muted")
        y += 26
        self.label(self.R(x, y, w, 22), t("ui.main.groups"), "@bold")
        y += 24
        self.groups = [g for g in view.get("groups", []) if isinstance(g, dict)]
        self.groups_rect = self.R(x, y, w, 12)
        y += 18
        for i, group in enumerate(self.groups[:4]):
            name = t(f"cartel.{group.get('cartel')}")
            share = float(group.get("territory", 0.0))
            self.label(self.R(x + 16, y + i * 20, w - 16, 20),
                       t("ui.main.group_share", name=name, percent=fmt.number(share * 100, 0)),
                       "@small")
        y += 20 * min(len(self.groups), 4) + 6
        markets = view.get("markets", {}) or {}
        self.markets_rows = []
        if markets:
            self.label(self.R(x, y, w, 22), t("ui.main.markets"), "@bold")
            y += 22
            total = max(1e-9, max(float(v) for v in markets.values()))
            items = sorted(markets.items(), key=lambda kv: -float(kv[1]))[:4]
            for i, (market, size) in enumerate(items):
                col = i % 2
                row = i // 2
                self.label(self.R(x + col * (w / 2), y + row * 26, w / 2 - 8, 20),
                           t(f"market.{market}"), "@small")
                self.markets_rows.append(
                    (self.R(x + col * (w / 2) + 2, y + row * 26 + 20, w / 2 - 14, 4),
                     float(size) / total))
            y += 26 * ((len(items) + 1) // 2) + 4
        self.label(self.R(x, y, w, 22), t("ui.main.indicators"), "@bold")
        y += 24
        self.sparks = []
        bottom = self.height - 12
        for name in PANEL_INDICATORS:
            if name not in view or y + ROW_H > bottom:
                continue
            value = float(view[name])
            series = self.history(rid, name)
            delta = (series[-1] or 0.0) - (series[-2] or 0.0) if len(series) >= 2 else 0.0
            change = ""
            if len(series) >= 2 and abs(delta) > 1e-9:
                change = f"  {fmt.indicator_change(name, delta)}"
            text = t(f"indicator.{name}.name")
            self.button(self.R(x - 4, y, 190, ROW_H), text, lambda: None,
                        tip=t(f"indicator.{name}.tip"), cls="@row", focus=False)
            self.label(self.R(x + 186, y, 112, ROW_H), fmt.indicator_value(t, name, value),
                       "@small")
            self.label(self.R(x + 298, y, 50, ROW_H), change.strip(), "@small")
            self.sparks.append((self.R(x + w - 30, y + 3, 30, ROW_H - 6), series,
                                len(series) >= 2 and fmt.is_good(name, delta)))
            y += ROW_H

    def options(self) -> list[ActionOption]:
        """Return the actions of the current scope."""
        region = self.region if self.scope == "region" else None
        options = self._enabled(self.c.options(region, seat=self.seat))
        if self.scope == "region" and self.region not in self.playable_regions():
            return [o for o in options if o.region == self.region]
        return options

    def _cards(self) -> None:
        """The scope tabs, one page of intervention cards, paging and End quarter."""
        t = self.t
        x = PANEL_X + PANEL_W + 14
        w = self.width - x - MARGIN
        y = TOP + 12
        if self.game.hot_seat:
            banner = self.plate(self.R(x, y, w, 50), theme.ACCENT, None, width=0)
            self.label(self.R(8, 2, w - 16, 22),
                       t("ui.seat.banner", n=self.seat + 1, count=len(self.game.seats)),
                       "@bar_text", banner)
            self.banner_label = self.label(self.R(8, 22, w - 16, 26), self.seat_name(self.seat),
                                           "@bar_strong", banner)
            y += 58
        has_national = bool(self._national_options())
        tabs = [("region", t("ui.main.scope_region", region=t(f"region.{self.region}")))]
        if has_national:
            tabs.append(("national", t("ui.main.scope_national")))
        # Each tab as wide as its words need (bold when chosen), the region tab takes the rest;
        # a region name too long for "In <region>" is shown alone.
        bold = theme.font(16, True)
        widths = [w / len(tabs)] * len(tabs)
        if len(tabs) == 2:
            widths[1] = min(w / 2, bold.size(tabs[1][1])[0] + 34.0)
            widths[0] = w - widths[1]
        if bold.size(tabs[0][1])[0] > widths[0] - 22:
            tabs[0] = ("region", t(f"region.{self.region}"))
        tx = x
        for (scope, text), tab_w in zip(tabs, widths, strict=True):
            self.button(self.R(tx, y, tab_w - 6, 36), text, self.assign(scope=scope, page=0),
                        cls="@primary" if scope == self.scope else None,
                        tip=t(f"ui.main.scope_{scope}_tip"))
            tx += tab_w
        y += 46
        options = self.options()
        card_h = 74.0
        end_h = 50.0
        room = self.height - y - end_h - 24 - 44
        shown, pages = self.paged(options, max(1, int(room // (card_h + 6))))
        for option in shown:
            self._card(option, x, y, w, card_h)
            y += card_h + 6
        if not options:
            self.label(self.R(x, y, w, 24), t("ui.main.no_actions"), "@muted")
        self.page_row(x, self.height - end_h - 16 - 42, w, pages, 110, 34)
        if self.game.hot_seat and not self.game.last_seat:
            text = t("ui.seat.pass", seat=self.seat_name(self.seat + 1))
            if theme.font(16, True).size(text)[0] > w - 24:
                text = t("ui.seat.pass_short")
            tip = " ".join((t("ui.seat.pass_tip"),
                            t("ui.seat.next", seat=self.seat_name(self.seat + 1))))
        else:
            text, tip = t("ui.main.end_turn"), t("ui.main.end_turn_tip")
        self.end_button = self.button(self.R(x, self.height - end_h - 16, w, end_h), text,
                                      self.end_turn, tip=tip, cls="@primary")

    def _national_options(self) -> list[ActionOption]:
        """National actions available to the planning player's role."""
        return self._enabled(self.c.options(None, seat=self.seat))

    def _enabled(self, options: list[ActionOption]) -> list[ActionOption]:
        """Only the interventions this game allows (a workshop hides the others)."""
        allowed = self.game.enabled_actions()
        return [o for o in options if allowed is None or o.action_id in allowed]

    def _card(self, option: ActionOption, x: float, y: float, w: float, h: float) -> None:
        """One intervention card: name, status, costs, timing, findings; click for details."""
        t = self.t
        aid = option.action_id
        active = bool(option.active)
        if active:
            card = self.plate(self.R(x, y, w, h), (233, 243, 242), theme.ACCENT, width=2)
        else:
            card = self.plate(self.R(x, y, w, h), (255, 255, 255), theme.PANEL_BORDER)
        name = t(f"action.{aid}.name")
        reserve = 120 if (active or not option.possible) else 20
        if active:
            status, cls = t("ui.card.active"), "@good"
        elif not option.possible:
            status, cls = t("ui.card.unavailable"), "@warn"
        else:
            status, cls = "", "@small"
        self.label(self.R(10, 4, w - reserve, 24), name, "@bold", card)
        if status:
            self.label(self.R(w - 118, 6, 108, 22), status, cls, card)
        cost = t("ui.card.cost", money=fmt.money(t, option.cost_money),
                 capital=fmt.number(option.cost_capital, 0))
        self.label(self.R(10, 27, w - 20, 20), cost, "@small", card)
        if not option.possible and option.reason is not None and not active:
            third = fmt.message(self.t, option.reason)
            cls3 = "@warn"
        else:
            findings = " ".join(option.findings)
            third = t("ui.card.timing", delay=self._short(option.delay),
                      duration=self._short(option.duration, lasting=True), findings=findings)
            cls3 = "@muted"
        self.label(self.R(10, 47, w - 20, 20), third, cls3, card)
        from game.ui.screens.action import affects

        tip = t(f"action.{aid}.summary")
        acts_on = affects(self, aid)
        if acts_on:
            tip = f"{tip}\n{t('ui.action.affects_tip', levers='; '.join(acts_on))}"
        self.button(self.R(x, y, w, h), "", self._open_action(option), tip=tip, cls="@flat")

    def _short(self, count: int, lasting: bool = False) -> str:
        """Describe a delay or a duration in the card's short words."""
        if count <= 0:
            return self.t("ui.card.until_stopped" if lasting else "ui.card.now")
        if count == 1:
            return self.t("ui.card.one_quarter")
        return self.t("ui.card.quarters", count=count)

    # ---- actions ----------------------------------------------------------------------------

    def _select_region(self, rid: str) -> Callable[[], Transition]:
        """Action selecting a region."""
        return self.assign(region=rid, page=0)

    def _open_action(self, option: ActionOption) -> Callable[[], Transition]:
        """Action opening an intervention's details."""
        def act() -> Transition:
            from game.ui.screens.action import ActionScreen

            return Push(ActionScreen(self.app, option))
        return act

    def cycle_region(self, step: int) -> Transition:
        """Select the next or previous region."""
        ids = self.region_ids()
        if not ids:
            return None
        i = ids.index(self.region) if self.region in ids else 0
        return self._select_region(ids[(i + step) % len(ids)])()

    def end_turn(self) -> Transition:
        """Answer pending dilemmas first; then resolve the quarter and show the results."""
        from game.ui.screens.dilemma import DilemmaScreen
        from game.ui.screens.prediction import PredictionScreen
        from game.ui.screens.results import ResultsScreen

        step = self.flow.next_step()
        if step.kind == "term_over":
            return self.debrief()
        if step.kind == "dilemma":
            assert step.dilemma is not None
            return Push(DilemmaScreen(self.app, step.dilemma))
        if step.kind == "next_seat":
            return self.pass_seat()
        if step.kind == "prediction":
            return Push(PredictionScreen(self.app))
        c = self.c
        before = {rid: dict(c.region_view(rid)) for rid in self.region_ids()}
        record = self.flow.resolve()
        self.region = self._home_region(self.region_ids())
        self.app.session.autosave()
        return Push(ResultsScreen(self.app, record, before, self.region))

    def pass_seat(self) -> Transition:
        """Hand the screen to the next player at the table (their city, options and budget)."""
        self.flow.pass_seat()
        self.region = self._home_region(self.region_ids())
        self.scope = "region"
        self.page = 0
        self.rebuild()
        self.focus.restore(-1)
        return None

    def debrief(self) -> Transition:
        """Go to the end-of-term debrief."""
        from game.ui.screen import Replace
        from game.ui.screens.debrief import DebriefScreen

        return Replace(DebriefScreen(self.app))

    def charts(self) -> Transition:
        """Open the charts."""
        from game.ui.screens.charts import ChartsScreen

        return Push(ChartsScreen(self.app, self.region))

    def library(self) -> Transition:
        """Open the glossary and findings."""
        from game.ui.screens.library import LibraryScreen

        return Push(LibraryScreen(self.app))

    def save(self) -> Transition:
        """Open the save slots."""
        from game.ui.screens.saves import SavesScreen

        return Push(SavesScreen(self.app, mode="save"))

    def menu(self) -> Transition:
        """Open the pause menu."""
        from game.ui.screens.pause import PauseScreen

        return Push(PauseScreen(self.app))

    def back(self) -> Transition:
        """Esc opens the pause menu."""
        return self.menu()

    def on_key(self, event: pygame.event.Event) -> Transition:
        """Shortcuts: E end, C charts, G glossary, S save, N/P regions, L language."""
        key = event.key
        if key == pygame.K_e:
            return self.end_turn()
        if key == pygame.K_c:
            return self.charts()
        if key == pygame.K_g:
            return self.library()
        if key == pygame.K_s:
            return self.save()
        if key == pygame.K_n:
            return self.cycle_region(1)
        if key == pygame.K_p:
            return self.cycle_region(-1)
        if key == pygame.K_l:
            self.app.set_language(next_language(self.app.settings.lang))
            return None
        return None

    def on_resume(self, result: Any) -> Transition:
        """After a dialog: rebuild; show the debrief when the term is over; ask dilemmas."""
        from game.ui.screens.dilemma import DilemmaScreen

        self.rebuild()
        if result in ("predicted", "skipped"):
            self.flow.prediction_done()
            return self.end_turn()
        if self.game.over:
            return self.debrief()
        pending = self.unanswered()
        if pending and result in ("results_closed", "answered"):
            return Push(DilemmaScreen(self.app, pending[0]))
        return None

    def update(self, dt: float) -> Transition:
        """On the first frame, ask any dilemma already waiting."""
        from game.ui.screens.dilemma import DilemmaScreen

        if self.timer_button is not None:
            text = self.timer_text()
            if text != self._timer_text:
                self._timer_text = text
                self.timer_button.set_text(text)
        if not self._checked_dilemmas and self.app.top is self:
            self._checked_dilemmas = True
            pending = self.unanswered()
            if pending:
                return Push(DilemmaScreen(self.app, pending[0]))
        return None

    # ---- custom drawing -----------------------------------------------------------------------
    #
    # Everything drawn here changes only when the screen is rebuilt (a new quarter, another
    # region, a language, size or palette change), so it is drawn once into two opaque layers
    # (the map with its legend, the region panel's charts) and each frame only blits them.

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the map layer and the region panel layer, drawing them first if needed."""
        if self.c is None:
            return
        if self._map_layer is None:
            self._map_layer = self._draw_map_layer()
        if self._panel_layer is None:
            self._panel_layer = self._draw_panel_layer()
        surface.blit(self._map_layer, self.map_rect)
        surface.blit(self._panel_layer, self._panel_rect())

    def _panel_rect(self) -> pygame.Rect:
        """The region panel's background, in window pixels."""
        return self.R(PANEL_X, TOP + 10, PANEL_W, self.height - TOP - 20)

    def _draw_panel_layer(self) -> pygame.Surface:
        """The region panel background, territory shares, market bars and sparklines."""
        from game.ui.widgets import charts, palette

        s = self.app.scale
        panel = self._panel_rect()
        layer = pygame.Surface(panel.size)
        layer.fill(theme.BACKGROUND)
        draw.draw_panel(layer, layer.get_rect())
        dx, dy = -panel.x, -panel.y
        if self.groups:
            shares = [(float(g.get("territory", 0.0)), palette.categorical_colour(i))
                      for i, g in enumerate(self.groups[:4])]
            charts.draw_stacked_shares(layer, self.groups_rect.move(dx, dy), shares,
                                       bg=theme.GRID)
            x0 = self.groups_rect.x + dx
            y0 = self.groups_rect.bottom + dy + round(6 * s)
            for i, _ in enumerate(self.groups[:4]):
                sw = pygame.Rect(x0, y0 + i * round(20 * s) + round(4 * s), round(11 * s),
                                 round(11 * s))
                pygame.draw.rect(layer, palette.categorical_colour(i), sw)
        for rect, fraction in self.markets_rows:
            charts.draw_bar(layer, rect.move(dx, dy), fraction, theme.ACCENT, theme.GRID)
        for rect, series, good in self.sparks:
            colour = theme.ACCENT if good else theme.INK
            charts.draw_sparkline(layer, rect.move(dx, dy), series, colour)
        return layer

    def legend_rect(self) -> pygame.Rect:
        """Where the legend strip goes: along the bottom of the map area, under the country."""
        s = self.app.scale
        h = round(LEGEND_H * s)
        return pygame.Rect(self.map_rect.x, self.map_rect.bottom - h, self.map_rect.w, h)

    def _markers(self) -> list[Any]:
        """One marker per region: position, violence rate and its trend."""
        from game.ui.widgets.mexico_map import MapMarker

        markers = []
        for rid in self.region_ids():
            view = self.c.region_view(rid)
            lon, lat = view.get("map_lon"), view.get("map_lat")
            if not isinstance(lon, int | float) or not isinstance(lat, int | float):
                lon, lat = self._region_position(rid)
            series = self.history(rid, "homicide_rate")
            trend = 0
            if len(series) >= 2 and series[-1] is not None and series[-2] is not None:
                diff = series[-1] - series[-2]
                trend = 1 if diff > 0.5 else -1 if diff < -0.5 else 0
            markers.append(MapMarker(rid, self.t(f"region.{rid}"), float(lon), float(lat),
                                     float(view.get("homicide_rate", 0.0)), trend))
        return markers

    def _draw_map_layer(self) -> pygame.Surface:
        """Draw the map with its markers, and the legend strip below the country."""
        from game.ui.widgets.mexico_map import MexicoMap, draw_legend_strip
        from game.ui.widgets.palette import legend_entries

        s = self.app.scale
        if self.mexico is None:
            self.mexico = MexicoMap()
        layer = pygame.Surface(self.map_rect.size)
        legend = self.legend_rect().move(-self.map_rect.x, -self.map_rect.y)
        area = pygame.Rect(0, 0, self.map_rect.w, legend.y)
        layer.fill(self.mexico.style.sea)
        self.mexico.layout(area)
        self.mexico.draw(layer, self._markers(), selected=self.region,
                         palette=self.app.settings.palette, font=theme.font(round(13 * s), True))
        labels = []
        for entry in legend_entries(self.app.settings.palette):
            if entry.upper is None:
                labels.append(self.t("ui.legend.above", low=fmt.number(entry.lower, 0)))
            else:
                labels.append(self.t("ui.legend.range", low=fmt.number(entry.lower, 0),
                                     high=fmt.number(entry.upper, 0)))
        font, columns = self._legend_font(labels, legend.w)
        draw_legend_strip(layer, legend, self.app.settings.palette, font,
                          self.t("ui.legend.title"), labels, columns=columns,
                          trend_labels=(self.t("ui.legend.rising"), self.t("ui.legend.falling")))
        return layer

    def _legend_font(self, labels: list[str], width: int) -> tuple[pygame.font.Font, int]:
        """The legend's font and bins per line: all six on one line if they fit, else three."""
        from game.ui.widgets.mexico_map import legend_strip_fits

        font = theme.font(round(12 * self.app.scale))
        for columns in (6, 3):
            if legend_strip_fits(font, labels, columns, width):
                return font, columns
        return font, 2

    def _region_position(self, rid: str) -> tuple[float, float]:
        """Find a region's map position in the scenario setup."""
        for region in self.c.scenario.regions:
            if region.id == rid:
                return float(region.map_lon), float(region.map_lat)
        return -102.0, 23.0

    def handle_event(self, event: pygame.event.Event) -> Transition:
        """Clicks on the map select regions; everything else as usual."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.mexico is not None \
                and self.map_rect.collidepoint(event.pos):
            hit = self.mexico.hit_test((event.pos[0] - self.map_rect.x,
                                        event.pos[1] - self.map_rect.y))
            if hit is not None:
                return self._select_region(hit)()
        return super().handle_event(event)
