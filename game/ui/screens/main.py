"""The main screen: the map, the headline measures beside the same world, the region, the
advisors, the intervention cards and End quarter; it grows with the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.core.i18n import LANGUAGES
from game.play import advisors, measures
from game.ui import draw, fmt, present, theme
from game.ui.screen import LOOKED, OVER, Push, Screen, Transition
from game.ui.session import AUTOSAVE

if TYPE_CHECKING:
    from game.play.campaign import ActionOption, Campaign
    from game.play.flow import TurnFlow
    from game.play.registry import Dilemma
    from game.ui.app import App
    from game.ui.widgets.mexico_map import MapMarker, MexicoMap


TOP = 56.0
MARGIN = 12.0
GAP = 12.0
LEGEND_H = 58.0
"""Height of the legend strip under the map."""
MEASURE_ROW = 52.0
CARD_H = 68.0
CARD_MIN = 64.0
"""A card shrinks to this before the cards are split into pages."""
END_H = 50.0


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
        self.mexico: MexicoMap | None = None
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.markers: list[MapMarker] = []
        self.sparks: list[tuple[pygame.Rect, list[float], list[float]]] = []
        self.groups_rect = pygame.Rect(0, 0, 0, 0)
        self.boxes: list[tuple[pygame.Rect, tuple[int, int, int], tuple[int, int, int] | None,
                               int]] = []
        """Backgrounds drawn under the elements: the top bar, its boxes, the cards."""
        self.advice_rect = pygame.Rect(0, 0, 0, 0)
        self.advice_lines: list[tuple[pygame.Rect, str, bool]] = []
        """The advisors' panel and its lines (drawn, not pygame_gui elements)."""
        self.groups: list[present.GroupRow] = []
        self.group_swatches: list[pygame.Rect] = []
        self.measures_rect = pygame.Rect(0, 0, 0, 0)
        self.region_rect = pygame.Rect(0, 0, 0, 0)
        self.cards_rect = pygame.Rect(0, 0, 0, 0)
        self.first_card: pygame.Rect | None = None
        self._checked_dilemmas = False
        self.timer_button: Any = None
        self.end_button: Any = None
        self._timer_text = ""

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

    def scope_regions(self) -> list[str]:
        """The regions the planning player answers for (their headline measures' scope)."""
        return measures.seat_scope(self.c, self.seat)

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

    def trend(self, region: str) -> int:
        """Whether a region's homicide rate rose (+1), fell (-1) or held over the last quarter."""
        records = [self.c.start, *self.c.records]
        if len(records) < 2:
            return 0
        now = float(records[-1].regions[region].get("homicide_rate", 0.0))
        before = float(records[-2].regions[region].get("homicide_rate", 0.0))
        return 1 if now - before > 0.5 else -1 if now - before < -0.5 else 0

    # ---- the columns ------------------------------------------------------------------------

    def columns(self) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
        """(x, w) of the map, the middle column and the cards, in layout units."""
        cards_w = min(440.0, max(270.0, self.width * 0.27))
        rest = self.width - 2 * MARGIN - 2 * GAP - cards_w
        map_w = rest * (0.46 if self.width < 1200 else 0.5)
        mid_w = rest - map_w
        map_x = MARGIN
        mid_x = map_x + map_w + GAP
        cards_x = mid_x + mid_w + GAP
        return (map_x, map_w), (mid_x, mid_w), (cards_x, cards_w)

    # ---- layout -----------------------------------------------------------------------------

    def layout(self) -> None:
        """Build the top bar, the map's tiles, the measures, region, advisors and cards."""
        if self.region not in self.region_ids():
            self.region = self._home_region(self.region_ids())
        self._top_bar()
        self._map()
        self._middle()
        self._cards()

    def _top_bar(self) -> None:
        """Quarter and role; approval, budget, capital, election; Briefing, Charts, Glossary,
        Save, Menu (all reached by Tab from left to right). A narrow window gets the short
        captions, then loses Briefing, Glossary and Charts (their keys and the pause menu
        still open them)."""
        c = self.c
        t = self.t
        seat = self.seat
        self.boxes = [(self.R(0, 0, self.width, TOP), theme.ACCENT_DARK, None, 0)]
        turns = self.game.turns
        period = self.period(c.period())
        turn_of = t("ui.main.turn_of", turn=min(c.turn + 1, turns), turns=turns)
        left = max(self.text_width(period, "@bar_strong"), self.text_width(turn_of, "@bar_text"))
        left = min(230.0, left + 8)
        self.label(self.R(14, 4, left, 24), period, "@bar_strong")
        self.label(self.R(14, 28, left, 24), turn_of, "@bar_text")
        approval_key = "ui.main.approval_mayor" if self.seat_role()[0] == "municipal" \
            else "ui.main.approval_federal"
        stats = [
            (approval_key, t("ui.units.percent", value=fmt.number(c.approval(seat) * 100, 0))),
            ("ui.main.budget", t("ui.main.budget_value", left=fmt.number(c.budget_left(seat), 0),
                                 total=fmt.number(c.budget(seat), 0))),
            ("ui.main.capital", fmt.number(c.capital(seat), 0)),
            ("ui.main.election", self._next_election()),
        ]
        self._timer_text = self.timer_text()
        if self._timer_text:
            stats.append(("ui.main.timer", self._timer_text))
        buttons = [("ui.main.briefing", self.briefing), ("ui.main.charts", self.charts),
                   ("ui.main.library", self.library), ("ui.main.save", self.save),
                   ("ui.main.menu", self.menu)]

        def stat_width(key: str, value: str, short: bool) -> float:
            caption = t(key + ("_short" if short else "_caption"))
            return max(self.text_width(caption, "@bar_caption"),
                       self.text_width(value, "@bar_strong")) + 20.0

        def button_width(key: str) -> float:
            return self.text_width(t(key), "@bar_button", "button") + 24.0

        room = self.width - 14 - left - 16 - 10
        short = False
        for dropping in ((), ("ui.main.briefing",), ("ui.main.briefing", "ui.main.library"),
                         ("ui.main.briefing", "ui.main.library", "ui.main.charts")):
            for short in (False, True):
                kept = [b for b in buttons if b[0] not in dropping]
                need = sum(stat_width(k, v, short) + 6 for k, v in stats) + \
                    sum(button_width(k) + 6 for k, _ in kept)
                if need <= room:
                    break
            if need <= room:
                break
        buttons = kept
        stat_ws = [stat_width(k, v, short) for k, v in stats]
        spare = max(0.0, (room - need) / max(1, len(stats)))
        x = 14 + left + 16
        self.timer_button = None
        for (key, value), sw in zip(stats, stat_ws, strict=True):
            w = sw + min(spare, 60.0)
            self.boxes.append((self.R(x, 7, w, 42), (44, 80, 87), (79, 136, 144), 1))
            caption = t(key + ("_short" if short else "_caption"))
            self.label(self.R(x + 8, 8, w - 12, 17), caption, "@bar_caption")
            value_label = self.label(self.R(x + 8, 25, w - 12, 22), value, "@bar_strong")
            if key == "ui.main.timer":
                self.timer_button = value_label
            self.button(self.R(x, 7, w, 42), "", lambda: None, tip=t(key + "_tip"),
                        cls="@flat_dark", over=True)
            x += w + 6
        x = self.width - 10 - sum(button_width(k) + 6 for k, _ in buttons) + 6
        for key, action in buttons:
            w = button_width(key)
            self.button(self.R(x, 8, w, 40), t(key), action, tip=t(key + "_tip"),
                        cls="@bar_button")
            x += w + 6

    def timer_text(self) -> str:
        """The round timer as "4:59" (or "Time's up"), empty without a timer."""
        left = self.game.time_left()
        if left is None:
            return ""
        if left <= 0:
            return self.t("ui.main.timer_up")
        whole = int(left + 0.999)
        return self.t("ui.main.timer_value", time=f"{whole // 60}:{whole % 60:02d}")

    def _next_election(self) -> str:
        """The next election on the calendar ("Q3 2012, state"), if any."""
        c = self.c
        upcoming = c.next_election()
        if upcoming is None:
            return self.t("ui.main.no_election")
        turn, level = upcoming
        return self.t("ui.main.election", period=self.period(c.world.period(turn)),
                      level=self.t(f"ui.level.{level}"))

    def _map(self) -> None:
        """The map's area, its tiles placed, and one button over each tile (click or Tab)."""
        from game.ui.widgets.mexico_map import MexicoMap

        (x, w), _, _ = self.columns()
        if self.mexico is None:
            self.mexico = MexicoMap()
        self.map_rect = self.R(x, TOP + 10, w, self.height - TOP - 22 - LEGEND_H)
        self.markers = present.map_markers(self.t, self.c, self.mexico, self.trend)
        self.mexico.layout(self.map_rect, present.focus_states(self.c, self.markers))
        s = self.app.scale
        tiles = self.mexico.place_tiles(self.markers, theme.font(round(13 * s), True),
                                        theme.font(round(12 * s)))
        for marker in self.markers:
            rect = tiles[marker.region_id]
            self._tile_button(marker, rect)

    def _tile_button(self, marker: MapMarker, rect: pygame.Rect) -> None:
        """A transparent button over a region's tile: it selects the region."""
        from game.ui.widgets.button import Button

        tip = self.t("ui.main.region_tip", region=marker.label,
                     rate=fmt.number(marker.rate, 0))
        button = Button(rect, "", self.app.manager, container=self.root, tool_tip_text=tip,
                        object_id="@flat", starting_height=OVER)
        action = self._select_region(marker.region_id)
        self.actions[id(button)] = action
        self.focus.add(button, action, tip)

    def _middle(self) -> None:
        """The goal and the headline measures, the selected region, the advisors."""
        _, (x, w), _ = self.columns()
        y = TOP + 10
        y = self._measures(x, y, w)
        y = self._region_panel(x, y + 8, w)
        self._advisors(x, y + 8, w)

    def _measures(self, x: float, y: float, w: float) -> float:
        """The goal, then lives, trust and rights beside the same world; return the bottom."""
        t = self.t
        c = self.c
        scope = self.scope_regions()
        top = y
        where = t(f"region.{scope[0]}") if len(scope) == 1 else t("ui.measure.all_regions")
        self.label(self.R(x + 12, y + 6, w - 24, 22),
                   self.fitted(w - 24, "@bold", t("ui.measure.title", where=where),
                               t("ui.measure.title_short", where=where)), "@bold")
        goal_key = "ui.goal.mayor" if self.seat_role()[0] == "municipal" else "ui.goal.federal"
        goal = t(goal_key)
        s = self.app.scale
        lines = draw.wrap(goal, theme.font(round(13 * s)), round((w - 24) * s))
        for i, line in enumerate(lines[:2]):
            self.label(self.R(x + 12, y + 28 + 18 * i, w - 24, 18), line, "@muted")
        y += 34 + 18 * min(2, len(lines))
        self.sparks = []
        played_any = bool(c.records)
        spark_w = 84.0 if w >= 380 else 0.0
        for m in measures.headline(c, scope):
            value = present.measure_value(t, m, m.played)
            value_w = self.text_width(value, "@bold_right") + 12
            text_w = w - 24 - spark_w
            self.label(self.R(x + 12, y, text_w - value_w, 22),
                       self.fitted(text_w - value_w, "@small", t(f"ui.measure.{m.id}"),
                                   t(f"ui.measure.{m.id}_short")), "@small")
            self.label(self.R(x + 12 + text_w - value_w, y, value_w, 22), value, "@bold_right")
            row_h = MEASURE_ROW
            if played_any:
                diff, good = present.measure_difference(self.app.t, m)
                ghost = t("ui.measure.ghost", value=present.measure_value(t, m, m.baseline))
                cls = "@good" if good else "@warn" if good is False else "@small"
                both = t("ui.measure.ghost_and_diff", ghost=ghost, diff=diff)
                if self.fits(both, text_w, "@small"):
                    gw = self.text_width(ghost + " · ", "@muted")
                    self.label(self.R(x + 12, y + 22, gw, 20), ghost, "@muted")
                    self.label(self.R(x + 12 + gw, y + 22, text_w - gw, 20), diff, cls)
                else:
                    ghost = self.fitted(text_w, "@muted", ghost, t(
                        "ui.measure.ghost_short", value=present.measure_value(t, m, m.baseline)))
                    self.label(self.R(x + 12, y + 22, text_w, 18), ghost, "@muted")
                    self.label(self.R(x + 12, y + 40, text_w, 18), diff, cls)
                    row_h += 18
            else:
                self.label(self.R(x + 12, y + 22, w - 24, 20),
                           self.fitted(w - 24, "@muted", t("ui.measure.not_yet"),
                                       t("ui.measure.not_yet_short")), "@muted")
            if spark_w:
                played, base = measures.series(c, scope, m.indicator)
                self.sparks.append((self.R(x + w - 84, y + 6, 70, 36), played, base))
            tip = t(f"ui.measure.{m.id}_tip")
            self.button(self.R(x + 6, y - 2, w - 12, row_h - 4), "", lambda: None,
                        tip=tip, cls="@flat", over=True)
            y += row_h
        self.measures_rect = self.R(x, top, w, y - top + 4)
        return y + 4

    def _region_panel(self, x: float, y: float, w: float) -> float:
        """The selected region: name, people, its criminal groups and their shares."""
        rid = self.region
        if rid is None:
            return y
        t = self.t
        view = self.c.region_view(rid)
        top = y
        self.label(self.R(x + 12, y + 6, w - 24, 26), t(f"region.{rid}"), "@subheading")
        population = view.get("population")
        if isinstance(population, int | float):
            self.label(self.R(x + 12, y + 32, w - 24, 20),
                       t("ui.main.population", value=fmt.number(population / 1e6, 2)),
                       "@muted")
        y += 54
        self.label(self.R(x + 12, y, w - 24, 20),
                   self.fitted(w - 24, "@small_bold", t("ui.main.groups"),
                               t("ui.main.groups_short")), "@small_bold")
        y += 22
        groups = [g for g in view.get("groups", []) if isinstance(g, dict)]
        self.groups = present.group_rows(t, self.c, groups)[:4]
        self.groups_rect = self.R(x + 12, y, w - 24, 10)
        y += 16
        self.group_swatches = []
        texts = [t("ui.main.group_share", name=g.name, percent=fmt.number(g.share * 100, 0))
                 for g in self.groups]
        cols = 2 if all(self.fits(text, (w - 24) / 2 - 16, "@small") for text in texts) else 1
        col_w = (w - 24) / cols
        for i, text in enumerate(texts):
            gx = x + 12 + (i % cols) * col_w
            gy = y + (i // cols) * 20
            self.group_swatches.append(self.R(gx, gy + 5, 10, 10))
            self.label(self.R(gx + 14, gy, col_w - 16, 20), text, "@small")
        if not self.groups:
            self.label(self.R(x + 12, y, w - 24, 20), t("ui.main.no_groups"), "@muted")
        y += 20 * max(1, (len(self.groups) + cols - 1) // cols) + 6
        self.button(self.R(x + 12, y, w - 24, 32),
                    self.fitted(w - 24, None, t("ui.main.indicators_button"),
                                t("ui.main.indicators_button_short"), element="button"),
                    self.indicators, tip=t("ui.main.indicators_button_tip"))
        y += 40
        self.region_rect = self.R(x, top, w, y - top)
        return y

    def _advisors(self, x: float, y: float, w: float) -> None:
        """What the four advisors make of the selected region now: as many as fit, drawn
        with the panels (a text box per build would cost a tenth of a second)."""
        self.advice_lines = []
        self.advice_rect = pygame.Rect(0, 0, 0, 0)
        rid = self.region
        height = self.height - 12 - y
        if rid is None or height < 60:
            return
        t = self.t
        line_h = 19.0
        lines: list[tuple[str, bool]] = [(t("ui.advice.title"), True)]
        for advice in advisors.on_region(self.c, self.seat, rid):
            who = t("ui.advice.who", who=t(f"advisor.{advice.advisor}.name"),
                    role=t(f"advisor.{advice.advisor}.role"))
            body = [(line, False) for line in self.wrap_lines(fmt.message(t, advice.message),
                                                          w - 24, "@small")]
            if 12 + line_h * (len(lines) + 1 + len(body)) > height:
                break
            lines += [(who, True), *body]
        if len(lines) == 1:
            return
        self.advice_rect = self.R(x, y, w, height)
        self.advice_lines = [(self.R(x + 12, y + 8 + line_h * i, w - 24, line_h), text, bold)
                             for i, (text, bold) in enumerate(lines)]

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
        _, _, (x, w) = self.columns()
        y = TOP + 10
        top = y
        if self.game.hot_seat:
            self.boxes.append((self.R(x, y, w, 50), theme.ACCENT, None, 0))
            self.label(self.R(x + 8, y + 2, w - 16, 22),
                       t("ui.seat.banner", n=self.seat + 1, count=len(self.game.seats)),
                       "@bar_text")
            self.banner_label = self.label(self.R(x + 8, y + 22, w - 16, 26),
                                           self.seat_name(self.seat), "@bar_strong")
            y += 58
        has_national = bool(self._national_options())
        tabs = [("region", t("ui.main.scope_region", region=t(f"region.{self.region}")))]
        if has_national:
            tabs.append(("national", t("ui.main.scope_national")))
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
        room = self.height - y - END_H - 24
        card_h = CARD_H
        if len(options) * (CARD_MIN + 6) <= room:
            card_h = min(CARD_H, room / max(1, len(options)) - 6)
            per_page = len(options)
        else:
            room -= 44  # the paging row
            per_page = max(1, int((room + 6) // (CARD_H + 6)))
            pages = (len(options) + per_page - 1) // per_page
            per_page = (len(options) + pages - 1) // pages  # no lone card on the last page
        shown, pages = self.paged(options, max(1, per_page))
        self.first_card = None
        for option in shown:
            self._card(option, x, y, w, card_h)
            if self.first_card is None:
                self.first_card = self.R(x, y, w, card_h)
            y += card_h + 6
        if not options:
            self.label(self.R(x, y, w, 24), t("ui.main.no_actions"), "@muted")
        self.page_row(x, self.height - END_H - 16 - 42, w, pages, 110, 34)
        if self.game.hot_seat and not self.game.last_seat:
            text = t("ui.seat.pass", seat=self.seat_name(self.seat + 1))
            if theme.font(16, True).size(text)[0] > w - 24:
                text = t("ui.seat.pass_short")
            tip = " ".join((t("ui.seat.pass_tip"),
                            t("ui.seat.next", seat=self.seat_name(self.seat + 1))))
        else:
            text, tip = t("ui.main.end_turn"), t("ui.main.end_turn_tip")
        self.end_button = self.button(self.R(x, self.height - END_H - 12, w, END_H), text,
                                      self.end_turn, tip=tip, cls="@primary")
        self.cards_rect = self.R(x, top, w, self.height - top - 12)

    def _national_options(self) -> list[ActionOption]:
        """National actions available to the planning player's role."""
        return self._enabled(self.c.options(None, seat=self.seat))

    def _enabled(self, options: list[ActionOption]) -> list[ActionOption]:
        """Only the interventions this game allows (a workshop hides the others)."""
        allowed = self.game.enabled_actions()
        return [o for o in options if allowed is None or o.action_id in allowed]

    def _card(self, option: ActionOption, x: float, y: float, w: float, h: float) -> None:
        """One intervention card: its name, cost and timing (or why it cannot be done, or that
        it is under way); click or Enter for its details and advisors."""
        t = self.t
        aid = option.action_id
        active = bool(option.active)
        if active:
            self.boxes.append((self.R(x, y, w, h), (233, 243, 242), theme.ACCENT, 2))
        else:
            self.boxes.append((self.R(x, y, w, h), (255, 255, 255), theme.PANEL_BORDER, 1))
        name_h = 22.0
        step = (h - 6 - name_h) / 2
        self.label(self.R(x + 10, y + 3, w - 20, name_h),
                   self.fitted(w - 20, "@bold", t(f"action.{aid}.name"),
                               t(f"action.{aid}.short")), "@bold")
        money, capital = fmt.money(t, option.cost_money), fmt.number(option.cost_capital, 0)
        cost = self.fitted(w - 20, "@small", t("ui.card.cost", money=money, capital=capital),
                           t("ui.card.cost_short", money=money, capital=capital))
        delay = self._short(option.delay)
        duration = self._short(option.duration, lasting=True)
        timing = self.fitted(w - 20, "@muted", t("ui.card.timing", delay=delay,
                                                 duration=duration),
                             t("ui.card.timing_short", delay=delay, duration=duration))
        second, third = (cost, "@small"), (timing, "@muted")
        if active:
            third = (self.fitted(w - 20, "@good", t("ui.card.active_line", timing=timing),
                                 t("ui.card.active")), "@good")
        elif not option.possible and option.reason is not None:
            reason = fmt.message(self.t, option.reason)
            wrapped = self.wrap_lines(reason, w - 20, "@warn")
            if len(wrapped) <= 2:
                second = (wrapped[0], "@warn")
                third = (wrapped[1] if len(wrapped) > 1 else cost, "@warn" if len(wrapped) > 1
                         else "@small")
            else:
                third = (self.fitted(w - 20, "@warn", t("ui.card.unavailable_open"),
                                     t("ui.card.unavailable")), "@warn")
        self.label(self.R(x + 10, y + 3 + name_h, w - 20, step), second[0], second[1])
        self.label(self.R(x + 10, y + 3 + name_h + step, w - 20, step), third[0], third[1])
        from game.ui.screens.action import affects

        tip = t(f"action.{aid}.summary")
        acts_on = affects(self, aid)
        if acts_on:
            tip = f"{tip}\n{t('ui.action.affects_tip', levers='; '.join(acts_on))}"
        if not option.possible and option.reason is not None and not active:
            tip = f"{tip}\n{fmt.message(self.t, option.reason)}"
        self.button(self.R(x, y, w, h), "", self._open_action(option), tip=tip, cls="@flat",
                    over=True)

    def _short(self, count: int, lasting: bool = False) -> str:
        """Describe a delay or a duration in the card's short words."""
        if count <= 0:
            return self.t("ui.card.until_stopped" if lasting else "ui.card.now")
        if count == 1:
            return self.t("ui.card.one_quarter")
        return self.plural("ui.card.quarters", count, count=count)

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
            return self.verdict()
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

    def verdict(self) -> Transition:
        """The end of the term: the verdict (then the debrief)."""
        from game.ui.screen import Replace
        from game.ui.screens.verdict import VerdictScreen

        return Replace(VerdictScreen(self.app))

    def debrief(self) -> Transition:
        """Go to the end of the term (the verdict first)."""
        return self.verdict()

    def charts(self) -> Transition:
        """Open the charts."""
        from game.ui.screens.charts import ChartsScreen

        return Push(ChartsScreen(self.app, self.region))

    def library(self) -> Transition:
        """Open the glossary and findings."""
        from game.ui.screens.library import LibraryScreen

        return Push(LibraryScreen(self.app))

    def indicators(self) -> Transition:
        """Open every indicator of the selected region, each explained."""
        from game.ui.screens.indicators import IndicatorsScreen

        return Push(IndicatorsScreen(self.app, self.region))

    def briefing(self) -> Transition:
        """Read the scenario's briefing again."""
        from game.ui.screens.briefing import BriefingScreen

        return Push(BriefingScreen(self.app, again=True))

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

    def coach_targets(self) -> dict[str, pygame.Rect]:
        """Where the guided first quarter points: the map, a card, the measures, End quarter."""
        targets = {"map": self.map_rect, "measures": self.measures_rect,
                   "card": self.first_card or self.cards_rect}
        if self.end_button is not None:
            targets["end"] = self.end_button.get_abs_rect()
        return targets

    def on_key(self, event: pygame.event.Event) -> Transition:
        """Shortcuts: E end, C charts, G glossary, I indicators, B briefing, S save, N/P
        regions, L language."""
        key = event.key
        shortcuts: dict[int, Callable[[], Transition]] = {
            pygame.K_e: self.end_turn, pygame.K_c: self.charts, pygame.K_g: self.library,
            pygame.K_i: self.indicators, pygame.K_b: self.briefing, pygame.K_s: self.save,
        }
        if key in shortcuts:
            return shortcuts[key]()
        if key == pygame.K_n:
            return self.cycle_region(1)
        if key == pygame.K_p:
            return self.cycle_region(-1)
        if key == pygame.K_l:
            self.app.set_language(next_language(self.app.settings.lang))
            return None
        return None

    def on_resume(self, result: Any) -> Transition:
        """After a dialog: rebuild; show the verdict when the term is over; ask dilemmas.

        After a screen that only showed things (help, indicators, charts...) nothing changed.
        """
        from game.ui.screens.dilemma import DilemmaScreen

        if result == LOOKED:
            return None
        self.rebuild_when_shown()  # often the quarter's results cover it straight away
        if result in ("predicted", "skipped"):
            self.flow.prediction_done()
            return self.end_turn()
        if self.game.over:
            return self.verdict()
        pending = self.unanswered()
        if pending and result in ("results_closed", "answered"):
            return Push(DilemmaScreen(self.app, pending[0]))
        return None

    def update(self, dt: float) -> Transition:
        """The timer; on the first frame, the guided quarter or any dilemma already waiting."""
        from game.ui.screens.dilemma import DilemmaScreen

        if self.timer_button is not None:
            text = self.timer_text()
            if text != self._timer_text:
                self._timer_text = text
                self.timer_button.set_text(text)
        session = self.app.session
        if session.autosave_problem is not None and not session.autosave_warned \
                and self.app.top is self:
            from game.ui.screens.message import MessageScreen

            session.autosave_warned = True
            return Push(MessageScreen(self.app, self.t(
                "ui.main.autosave_failed", problem=session.autosave_problem,
                folder=str(session.slots.path(AUTOSAVE).parent)), "ui.main.autosave_title"))
        if not self._checked_dilemmas and self.app.top is self:
            self._checked_dilemmas = True
            if self.app.session.coach_pending and not self.c.records:
                from game.ui.screens.coach import CoachScreen

                return Push(CoachScreen(self.app, self))
            pending = self.unanswered()
            if pending:
                return Push(DilemmaScreen(self.app, pending[0]))
        return None

    # ---- custom drawing -----------------------------------------------------------------------
    #
    # Everything drawn here changes only when the screen is rebuilt (a new quarter, another
    # region, a language, size or palette change), so it is drawn once into two layers (the
    # map with its legend; the panels) and each frame only blits them.

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the map, its legend and the panels, drawn once per layout."""
        area = self.map_rect.unionall([self.legend_rect(), self.measures_rect,
                                       self.region_rect, self.advice_rect,
                                       *(box[0] for box in self.boxes)])
        self.blit_layer(surface, area, self._paint)

    def _paint(self, canvas: pygame.Surface) -> None:
        """Draw the map with its tiles, the legend, the panels and their small charts."""
        from game.ui.widgets import charts
        from game.ui.widgets.mexico_map import draw_legend_strip
        from game.ui.widgets.palette import legend_entries

        s = self.app.scale
        radius = round(6 * s)
        for rect, fill, border, width in self.boxes:
            pygame.draw.rect(canvas, fill, rect, border_radius=radius if width else 0)
            if border is not None:
                pygame.draw.rect(canvas, border, rect, width=max(1, round(width * s)),
                                 border_radius=radius)
        for rect in (self.measures_rect, self.region_rect):
            if rect.w and rect.h:
                draw.draw_panel(canvas, rect, radius=radius)
        if self.advice_rect.w:
            draw.draw_panel(canvas, self.advice_rect, fill=(255, 255, 255), radius=radius)
            regular = theme.class_font("@small", "label", s)
            bold = theme.class_font("@small_bold", "label", s)
            for rect, text, strong in self.advice_lines:
                draw.draw_text(canvas, text, bold if strong else regular, theme.INK,
                               rect.topleft)
        if self.groups:
            charts.draw_stacked_shares(canvas, self.groups_rect,
                                       [(g.share, g.colour) for g in self.groups], bg=theme.GRID)
            for rect, group in zip(self.group_swatches, self.groups, strict=False):
                pygame.draw.rect(canvas, group.colour, rect)
                pygame.draw.rect(canvas, theme.INK, rect, 1)
        for rect, played, base in self.sparks:
            charts.draw_ghost_sparkline(canvas, rect, [*played], [*base], theme.ACCENT,
                                        theme.GHOST)
        if self.mexico is None:
            return
        self.mexico.draw(canvas, self.markers, selected=self.region,
                         palette=self.app.settings.palette,
                         font=theme.font(round(13 * s), True), small=theme.font(round(12 * s)),
                         state_rates=present.state_rates(self.c, self.markers, self.mexico))
        labels = []
        for entry in legend_entries(self.app.settings.palette):
            if entry.upper is None:
                labels.append(self.t("ui.legend.above", low=fmt.number(entry.lower, 0)))
            else:
                labels.append(self.t("ui.legend.range", low=fmt.number(entry.lower, 0),
                                     high=fmt.number(entry.upper, 0)))
        legend = self.legend_rect()
        font, columns = self._legend_font(labels, legend.w)
        draw_legend_strip(canvas, legend, self.app.settings.palette, font,
                          self.t("ui.legend.title"), labels, columns=columns,
                          trend_labels=(self.t("ui.legend.rising"), self.t("ui.legend.falling")))

    def legend_rect(self) -> pygame.Rect:
        """Where the legend strip goes: under the map."""
        s = self.app.scale
        return pygame.Rect(self.map_rect.x, self.map_rect.bottom + round(6 * s),
                           self.map_rect.w, round((LEGEND_H - 6) * s))

    def _legend_font(self, labels: list[str], width: int) -> tuple[pygame.font.Font, int]:
        """The legend's font and bins per line: all six on one line if they fit, else three."""
        from game.ui.widgets.mexico_map import legend_strip_fits

        font = theme.font(round(12 * self.app.scale))
        for columns in (6, 3):
            if legend_strip_fits(font, labels, columns, width):
                return font, columns
        return font, 2

    def handle_event(self, event: pygame.event.Event) -> Transition:
        """Clicks on a state of the map select the region in it; everything else as usual."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.mexico is not None \
                and self.map_rect.collidepoint(event.pos):
            hit = self.mexico.hit_test(event.pos)
            if hit is None:
                state = self.mexico.state_at(event.pos)
                here = [m.region_id for m in self.markers if m.state == state and state]
                hit = here[0] if len(here) == 1 else None
            if hit is not None:
                return self._select_region(hit)()
        return super().handle_event(event)
