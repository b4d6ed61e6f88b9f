"""New game: pick a scenario (what it teaches, places, dates), a role, a city, a seed."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pygame_gui.elements import UITextEntryLine

from game.core import calendar
from game.ui.screen import Pop, Replace, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App

ROLE_ORDER = ("federal", "municipal")
FIRST_GAMES = ("juarez-2010", "guerrero-2019", "culiacan-2019", "national-2018")
"""The scenarios in the order a class meets them: Juárez as its mayor first (one city, a term
of twelve quarters, dilemmas early), the rest after; others (history) follow."""
HOT_SEAT = "hotseat"
"""The third choice of role: a federal player and one or more mayors on one screen."""


def quarter_label(year: int, quarter: int, offset: int = 0) -> str:
    """Return "2010-Q1" for a start and an offset in quarters."""
    return calendar.period(year, quarter, offset + 1)


class NewGameScreen(Screen):
    """Choose what to play; then start (with the tutorial on a first game)."""

    name = "new_game"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        pack = app.session.pack
        ids = list(pack.scenarios) if pack else []
        self.scenario_ids: list[str] = sorted(
            ids, key=lambda sid: (FIRST_GAMES.index(sid) if sid in FIRST_GAMES else len(ids),
                                  ids.index(sid)))
        self.scenario: str | None = self.scenario_ids[0] if self.scenario_ids else None
        self.role: str = "municipal" if self.scenario == FIRST_GAMES[0] else "federal"
        self.region: str | None = None
        self.mayors: list[str] = []
        """Hot seat: the cities whose mayors play beside the federal government."""
        self.seed_text = ""
        self.tutorial = not app.settings.seen_coach
        """Show the guided first quarter (coach marks) in this game."""
        self.seed_entry: UITextEntryLine | None = None
        self._fix_choices()

    def _setup(self) -> Any:
        """Return the chosen scenario object, if any."""
        pack = self.app.session.pack
        return pack.scenarios.get(self.scenario) if pack and self.scenario else None

    def _fix_choices(self) -> None:
        """Keep role and city consistent with the chosen scenario."""
        sc = self._setup()
        if sc is None:
            return
        roles = [r for r in ROLE_ORDER if r in sc.roles]
        if self.role == HOT_SEAT and not self.hot_seat_possible():
            self.role = "federal"
        if self.role == HOT_SEAT:
            cities = list(sc.roles["municipal"].regions)
            self.mayors = [m for m in self.mayors if m in cities] or cities[:1]
            self.region = None
            return
        if self.role not in roles and roles:
            self.role = roles[0]
        cities = list(sc.roles[self.role].regions) if self.role == "municipal" else []
        if self.role == "municipal":
            if self.region not in cities:
                self.region = cities[0] if cities else None
        else:
            self.region = None

    def hot_seat_possible(self) -> bool:
        """Whether the chosen scenario has both roles (a federal player and mayors)."""
        sc = self._setup()
        return sc is not None and all(r in sc.roles for r in ROLE_ORDER)

    def layout(self) -> None:
        """Build the three columns (after making role and city fit the scenario)."""
        self._fix_choices()
        self.label(self.R(48, 24, 800, 44), self.t("ui.new_game.title"), "@heading")
        pack = self.app.session.pack
        if pack is None:
            self.text(self.R(48, 90, self.width - 96, 200),
                      html.escape(self.t("ui.error.content", reason=self.app.session.pack_error
                                         or "")), "@boxed")
            self.button(self.R(48, self.height - 68, 180, 44), self.t("ui.common.back"),
                        lambda: Pop(), cls="@primary")
            return
        self.label(self.R(48, 76, 330, 26), self.t("ui.new_game.scenario"), "@subheading")
        y = 108.0
        for sid in self.scenario_ids:
            self.button(self.R(48, y, 330, 44), self.t(f"scenario.{sid}.title"),
                        self.assign(scenario=sid), tip=self.t(f"scenario.{sid}.teaches"),
                        cls="@primary" if sid == self.scenario else None)
            y += 52
        mid_w = self.width - 48 - 330 - 24 - 24 - 360 - 48
        self.text(self.R(402, 76, mid_w, self.height - 170), self.details_html(), "@boxed")
        x = self.width - 48 - 360
        self._right_column(x)
        self.button(self.R(48, self.height - 68, 180, 44), self.t("ui.common.back"),
                    lambda: Pop())
        self.button(self.R(self.width - 48 - 260, self.height - 68, 260, 44),
                    self.t("ui.new_game.start"), self.start, cls="@primary",
                    tip=self.t("ui.new_game.start_tip"), enabled=self.scenario is not None,
                    default=True)

    def _right_column(self, x: float) -> None:
        """Role, city, seed and tutorial choices."""
        sc = self._setup()
        if sc is None:
            return
        self.label(self.R(x, 76, 360, 26), self.t("ui.new_game.role"), "@subheading")
        y = 108.0
        tight = self.height < 640
        step = 44.0 if tight else 52.0
        small = 40.0 if tight else 46.0
        from game.ui.screens.briefing import fmt_years

        for role in ROLE_ORDER:
            if role not in sc.roles:
                continue
            turns = sc.roles[role].turns
            self.button(self.R(x, y, 360, step - 6),
                        self.t(f"ui.new_game.role_{role}", years=fmt_years(turns),
                               turns=turns),
                        self.assign(role=role), tip=self.t(f"ui.new_game.role_{role}_tip"),
                        cls="@primary" if role == self.role else None)
            y += step
        if self.hot_seat_possible():
            self.button(self.R(x, y, 360, step - 6), self.t("ui.new_game.role_hotseat"),
                        self.assign(role=HOT_SEAT), tip=self.t("ui.new_game.role_hotseat_tip"),
                        cls="@primary" if self.role == HOT_SEAT else None)
            y += step
        if self.role == HOT_SEAT:
            self.label(self.R(x, y + 4, 360, 26), self.t("ui.new_game.mayors"), "@subheading")
            y += 36
            for rid in sc.roles["municipal"].regions:
                on = rid in self.mayors
                self.button(self.R(x, y, 360, small - 6),
                            self.t("ui.new_game.mayor_on" if on else "ui.new_game.mayor_off",
                                   city=self.t(f"region.{rid}")),
                            self._toggle_mayor(rid), tip=self.t("ui.new_game.mayors_tip"),
                            cls="@primary" if on else None)
                y += small
        if self.role == "municipal":
            self.label(self.R(x, y + 4, 360, 26), self.t("ui.new_game.city"), "@subheading")
            y += 36
            for rid in sc.roles["municipal"].regions:
                self.button(self.R(x, y, 360, small - 6), self.t(f"region.{rid}"),
                            self.assign(region=rid),
                            cls="@primary" if rid == self.region else None)
                y += small
        y += 4 if tight else 8
        self.label(self.R(x, y, 360, 26), self.t("ui.new_game.seed"), "@subheading")
        self.seed_entry = UITextEntryLine(self.R(x, y + 30, 160, 38), self.app.manager,
                                          container=self.root,
                                          placeholder_text=self.t("ui.new_game.seed_placeholder"))
        self.seed_entry.set_allowed_characters("numbers")
        self.seed_entry.set_text_length_limit(9)
        if self.seed_text:
            self.seed_entry.set_text(self.seed_text)
        self.label(self.R(x + 170, y + 36, 190, 26), self.t("ui.new_game.seed_hint"), "@muted")
        y += 76 if tight else 84
        self.button(self.R(x, y, 360, small - 6),
                    self.t("ui.new_game.tutorial", state=self.t(
                        "ui.common.on" if self.tutorial else "ui.common.off")),
                    self._toggle_tutorial, tip=self.t("ui.new_game.tutorial_tip"))

    def details_html(self) -> str:
        """Describe the chosen scenario: dates, term, what it teaches, places, findings."""
        sc = self._setup()
        if sc is None:
            return html.escape(self.t("ui.new_game.no_scenarios"))
        e = html.escape
        role_setup = sc.roles.get("federal" if self.role == HOT_SEAT else self.role)
        turns = role_setup.turns if role_setup else 0
        start = self.period(quarter_label(sc.start_year, sc.start_quarter))
        end = self.period(quarter_label(sc.start_year, sc.start_quarter, max(0, turns - 1)))
        regions = ", ".join(self.t(f"region.{r.id}") for r in sc.regions)
        parts = [
            f"<b>{e(self.t(f'scenario.{sc.id}.title'))}</b><br>",
            e(self.plural("ui.new_game.dates", turns, start=start, end=end, turns=turns)),
            "<br><br>",
            f"<b>{e(self.t('ui.new_game.teaches'))}</b><br>",
            e(self.t(f"scenario.{sc.id}.teaches")), "<br><br>",
            f"<b>{e(self.t('ui.new_game.places'))}</b><br>",
            e(self.t(f"scenario.{sc.id}.places")), "<br>",
            e(self.t("ui.new_game.regions", regions=regions)), "<br><br>",
            f"<b>{e(self.t('ui.new_game.findings'))}</b><br>",
        ]
        for fid in sc.findings:
            parts.append(f"{fid} · {e(self.t(f'finding.{fid}.title'))}<br>")
        return "".join(parts)

    def _remember_seed(self) -> None:
        """Keep the typed seed across rebuilds."""
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text()

    def teardown(self) -> None:
        """Remember the typed seed before its box goes with the rest of the screen."""
        self._remember_seed()
        self.seed_entry = None
        super().teardown()

    def _toggle_mayor(self, rid: str) -> Callable[[], Transition]:
        """Action adding or removing a mayor at the table (one at least stays)."""
        def act() -> Transition:
            if rid in self.mayors:
                if len(self.mayors) > 1:
                    self.mayors.remove(rid)
            else:
                self.mayors.append(rid)
            self.rebuild()
            return None
        return act

    def _toggle_tutorial(self) -> Transition:
        """Turn the first-play tutorial on or off."""
        self.tutorial = not self.tutorial
        self.rebuild()
        return None

    def seed(self) -> int:
        """Return the typed seed, or 0."""
        self._remember_seed()
        try:
            return int(self.seed_text) if self.seed_text else 0
        except ValueError:
            return 0

    def start(self) -> Transition:
        """Start the game with its briefing (and the guided first quarter if chosen)."""
        from game.ui.screens.briefing import BriefingScreen

        if self.scenario is None:
            return None
        if self.role == HOT_SEAT:
            sc = self._setup()
            order = list(sc.roles["municipal"].regions) if sc is not None else []
            mayors = sorted(self.mayors, key=lambda m: order.index(m) if m in order else 0)
            problem = self.app.session.start_hot_seat(self.scenario, mayors, self.seed())
        else:
            problem = self.app.session.start(self.scenario, self.role, self.region,
                                             self.seed())
        if problem is not None:
            self.app.notify(problem)
            return None
        self.app.session.coach_pending = self.tutorial
        return Replace(BriefingScreen(self.app))
