"""The teacher's desk: make a workshop, show its code for the projector, save or open its file.

Every choice goes into a `WorkshopChoices` (classroom/desk.py), which makes exactly the
workshop `workshop new` would; the code shown is that workshop's. Collecting results and
building the report is the next screen (desk_collect.py).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.classroom.desk import WorkshopChoices, default_folder, open_path, save_workshop
from game.core.problems import BadInput
from game.ui import theme
from game.ui.screen import Action, Pop, Push, Screen, Transition

if TYPE_CHECKING:
    from game.classroom.workshops import Workshops
    from game.content.schema import Workshop
    from game.ui.app import App

HOT_SEAT = "hotseat"
TIMERS = (None, 1, 2, 3, 5, 8)
"""Round timer choices, minutes a quarter: a team plays a quarter in 1-3 minutes (the workshop
code carries 1-120, `workshop new --timer` any of them)."""
CODE_CLASSES = ("@title", "@title_small", "@heading")
"""Type sizes for the code on the desk, largest first: the first that fits its column."""
PER_PAGE = 7
"""Toggles a page of cards or assumptions holds at most (fewer in a small window)."""
ROW_PITCH = 62.0
"""Height of one toggle row (layout units)."""
LABEL_W = 160.0
"""Width of the desk's setting names (layout units)."""
CODE_ROOM = 200.0
"""Layout units kept for the code above the settings on the projector view."""
BOX_LINE = 26.0
"""Line height of a boxed text in the body type (layout units)."""
BOX_PADDING = 10.0
"""The boxed text's inner padding (assets/theme.json @boxed_inner)."""


class DeskScreen(Screen):
    """The workshop's settings on the left, its code and its file on the right."""

    name = "desk"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.choices = WorkshopChoices(language=app.settings.lang)
        self.seed_text = str(self.choices.seed)
        self.path_text = str(default_folder() / "workshop.toml")
        self.status = ""
        self.saved: Path | None = None
        self.seed_entry: UITextEntryLine | None = None
        self.path_entry: UITextEntryLine | None = None

    @property
    def workshops(self) -> Workshops:
        """The workshop reader of the shipped content."""
        return self.app.session.loaded_workshops()

    def current(self) -> tuple[Workshop | None, str]:
        """The workshop the choices make and its code, or None and why not."""
        try:
            workshop = self.choices.workshop(self.workshops)
            return workshop, self.workshops.code(workshop)
        except BadInput as bad:
            return None, bad.problems[0].message

    # ---- layout ------------------------------------------------------------------------------

    def layout(self) -> None:
        """Build the settings column and the code column."""
        t = self.t
        c = self.choices
        pack = self.workshops.pack
        self.label(self.R(40, 16, 900, 44), t("desk.title"), "@heading")
        self.text(self.R(36, 60, self.width - 80, 46), html.escape(t("desk.intro")), "@muted")
        scenario = pack.scenarios[c.scenario]
        cities = list(scenario.roles["municipal"].regions) if "municipal" in scenario.roles else []
        city_row = c.role == "municipal" and bool(cities)
        pitch = min(42.0, (self.height - 112 - 76) / (10 if city_row else 9))
        x, y, h = 40.0, 112.0, pitch - 6
        w = min(620.0, (self.width - 120) * 0.55)
        lw = LABEL_W

        def row(key: str, value: str, action: Action, tip: str = "") -> None:
            nonlocal y
            self.label(self.R(x, y + (h - 26) / 2, lw, 26), t(key), None)
            self.button(self.R(x + lw + 10, y, w - lw - 10, h), value, action,
                        tip=tip or t(key + "_tip"))
            y += pitch

        row("desk.scenario", t(f"scenario.{c.scenario}.title"), self.next_scenario)
        role = HOT_SEAT if c.mayors else c.role
        row("desk.role", t(f"desk.role.{role}"), self.next_role)
        if city_row:
            row("desk.city", t(f"region.{c.region or cities[0]}"), self.next_city)
        self.label(self.R(x, y + (h - 26) / 2, lw, 26), t("desk.seed"), None)
        self.seed_entry = UITextEntryLine(self.R(x + lw + 10, y, 150, h), self.app.manager,
                                          container=self.root)
        self.seed_entry.set_text(self.seed_text)
        self.seed_entry.set_allowed_characters("numbers")
        self.focus.add(self.seed_entry, lambda: None, t("desk.seed_tip"))
        self.button(self.R(x + lw + 170, y, w - lw - 170, h), t("desk.new_seed"),
                    self.new_seed, tip=t("desk.new_seed_tip"))
        y += pitch
        made = self.current()[0]
        turns = self.workshops.turns(made) if made is not None else 0
        row("desk.turns", self.plural("desk.turns_value", turns, turns=turns), self.next_turns)
        enabled = len(self.workshops.actions(made)) if made is not None else 0
        row("desk.cards", t("desk.cards_value", count=enabled), self.open_cards)
        off = sum(1 for on in c.switches.values() if not on)
        row("desk.assumptions", self.plural("desk.assumptions_value", off, count=off),
            self.open_assumptions)
        row("desk.language", t(f"ui.language.{c.language}"), self.next_language)
        row("desk.predictions", t("desk.on" if c.predictions else "desk.off"),
            self.toggle_predictions)
        row("desk.timer", self.plural("desk.timer_value", c.timer_minutes or 0,
                                      minutes=c.timer_minutes or 0) if c.timer_minutes
            else t("desk.timer_none"), self.next_timer)
        # the code and the file
        cx = x + w + 40
        cw = self.width - cx - 40
        workshop, code = self.current()
        self.label(self.R(cx, 108, cw, 26), t("desk.code"), "@subheading")
        if workshop is not None:
            self.label(self.R(cx, 136, cw, 62), code, self.fitted_class(code, cw))
            self.button(self.R(cx, 200, cw, 44), t("desk.project"), self.project, cls="@primary",
                        tip=t("desk.project_tip"))
        else:
            self.text(self.R(cx, 138, cw, 100), html.escape(code), "@warn")
        self.label(self.R(cx, 262, cw, 26), t("desk.file"), "@subheading")
        self.path_entry = UITextEntryLine(self.R(cx, 292, cw, 40), self.app.manager,
                                          container=self.root)
        self.path_entry.set_text_length_limit(400)
        self.path_entry.set_text(self.path_text)
        self.focus.add(self.path_entry, lambda: None, t("desk.file_tip"))
        bw = (cw - 16) / 3
        self.button(self.R(cx, 338, bw, 40), t("desk.save"), self.save, tip=t("desk.save_tip"),
                    enabled=workshop is not None)
        self.button(self.R(cx + bw + 8, 338, bw, 40), t("desk.open"), self.open_file,
                    tip=t("desk.open_tip"))
        self.button(self.R(cx + 2 * bw + 16, 338, bw, 40), t("desk.open_folder"),
                    self.open_folder, tip=t("desk.open_folder_tip"))
        below = 388.0
        if self.status:
            status_h = min(96.0, self.height - 80 - below)
            self.text(self.R(cx, below, cw, status_h), html.escape(self.status), "@boxed")
            below += status_h + 6
        if self.height - 80 - below >= 60:
            self.text(self.R(cx, below, cw, self.height - 80 - below),
                      html.escape(t("desk.next_steps")), "@muted")
        self.button(self.R(40, self.height - 64, 180, 44), t("ui.common.back"), lambda: Pop())
        self.button(self.R(self.width - 40 - 340, self.height - 64, 340, 44),
                    t("desk.collect"), self.collect, cls="@primary", tip=t("desk.collect_tip"))

    def fitted_class(self, code: str, width: float) -> str:
        """The largest type of the code that fits a width (layout units)."""
        return next((cls for cls in CODE_CLASSES if self.fits(code, width, cls)),
                    CODE_CLASSES[-1])

    # ---- the settings --------------------------------------------------------------------------

    def _remember(self) -> None:
        """Keep typed texts across rebuilds (and the seed in the choices)."""
        if self.seed_entry is not None:
            self.seed_text = self.seed_entry.get_text()[:10]
            if self.seed_text.isdigit():
                self.choices.seed = min(int(self.seed_text), 2**32 - 1)
        if self.path_entry is not None:
            self.path_text = self.path_entry.get_text()

    def _change(self, **values: object) -> Transition:
        self._remember()
        for key, value in values.items():
            setattr(self.choices, key, value)
        self.status = ""
        self.rebuild()
        return None

    def next_scenario(self) -> Transition:
        """The next scenario (its first role, all its cards, the same other settings)."""
        ids = sorted(self.workshops.pack.scenarios)
        scenario = ids[(ids.index(self.choices.scenario) + 1) % len(ids)]
        roles = sorted(self.workshops.pack.scenarios[scenario].roles)
        role = "municipal" if "municipal" in roles else roles[0]
        return self._change(scenario=scenario, role=role, region=None, mayors=[], actions=None)

    def next_role(self) -> Transition:
        """Mayor, federal, federal with the mayors beside (hot seat), as the scenario allows."""
        roles = self.workshops.pack.scenarios[self.choices.scenario].roles
        options: list[str] = [r for r in ("municipal", "federal") if r in roles]
        if "municipal" in roles and "federal" in roles:
            options.append(HOT_SEAT)
        now = HOT_SEAT if self.choices.mayors else self.choices.role
        chosen = options[(options.index(now) + 1) % len(options)]
        if chosen == HOT_SEAT:
            return self._change(role="federal", region=None,
                                mayors=list(roles["municipal"].regions), actions=None)
        return self._change(role=chosen, region=None, mayors=[], actions=None)

    def next_city(self) -> Transition:
        """The mayor's next city."""
        cities = list(self.workshops.pack.scenarios[self.choices.scenario]
                      .roles["municipal"].regions)
        now = self.choices.region or cities[0]
        return self._change(region=cities[(cities.index(now) + 1) % len(cities)])

    def new_seed(self) -> Transition:
        """A fresh world: another seed."""
        import random

        seed = random.randint(1, 99_999)
        self.seed_text = str(seed)
        if self.seed_entry is not None:
            self.seed_entry.set_text(self.seed_text)
        return self._change(seed=seed)

    def next_turns(self) -> Transition:
        """Quarters: the full term, then shorter lengths for a short class."""
        workshop = self.current()[0]
        term = self.workshops.pack.scenarios[self.choices.scenario].roles[
            self.choices.role].turns
        options = [None, *[n for n in (4, 6, 8, 12) if n < term]]
        now = self.choices.turns if workshop is not None else None
        index = options.index(now) if now in options else 0
        return self._change(turns=options[(index + 1) % len(options)])

    def next_language(self) -> Transition:
        """The class's language (game and report)."""
        from game.core.i18n import LANGUAGES

        langs = [lang for lang in LANGUAGES if lang in ("en", "es")]
        return self._change(language=langs[(langs.index(self.choices.language) + 1)
                                           % len(langs)])

    def toggle_predictions(self) -> Transition:
        """Ask for predictions each quarter, or not."""
        return self._change(predictions=not self.choices.predictions)

    def next_timer(self) -> Transition:
        """No round timer, then 1 to 8 minutes a quarter (a team's quarter takes 1-3)."""
        now = self.choices.timer_minutes
        index = TIMERS.index(now) if now in TIMERS else 0
        return self._change(timer_minutes=TIMERS[(index + 1) % len(TIMERS)])

    def open_cards(self) -> Transition:
        """Choose the interventions the class may use."""
        self._remember()
        return Push(DeskCardsScreen(self.app, self))

    def open_assumptions(self) -> Transition:
        """Switch contested mechanisms off, each with what it does in plain words."""
        self._remember()
        return Push(DeskAssumptionsScreen(self.app, self))

    def on_resume(self, result: object) -> Transition:
        """Back from a sub-screen: show the new settings."""
        self.rebuild()
        return None

    # ---- the code and the file ---------------------------------------------------------------

    def project(self) -> Transition:
        """Show the code full-screen for a projector."""
        self._remember()
        workshop, code = self.current()
        if workshop is None:
            return None
        return Push(DeskCodeScreen(self.app, code, self.workshops.describe(workshop, self.app.t)))

    def save(self) -> Transition:
        """Write the workshop file where the path says, and say where it went."""
        self._remember()
        workshop = self.current()[0]
        if workshop is None:
            return None
        try:
            self.saved = save_workshop(Path(self.path_text).expanduser(), workshop,
                                       self.workshops)
        except OSError as exc:
            self.status = self.t("desk.save_failed", reason=exc.strerror or str(exc))
        else:
            self.path_text = str(self.saved)
            self.status = self.t("desk.saved", path=str(self.saved))
        self.rebuild()
        return None

    def open_file(self) -> Transition:
        """Read a workshop file (or a typed workshop code) into the desk."""
        self._remember()
        try:
            workshop = self.workshops.resolve(self.path_text.strip())
        except BadInput as bad:
            self.status = self.t("desk.open_failed", reason=str(bad.problems[0]))
        else:
            self.choices = WorkshopChoices.of(workshop)
            self.seed_text = str(workshop.seed)
            self.status = self.t("desk.opened", code=self.workshops.code(workshop))
        self.rebuild()
        return None

    def open_folder(self) -> Transition:
        """Open the folder of the workshop file in the system's file manager."""
        self._remember()
        folder = Path(self.path_text).expanduser().parent
        folder.mkdir(parents=True, exist_ok=True)
        if not open_path(folder):
            self.status = self.t("desk.folder_failed", folder=str(folder))
            self.rebuild()
        return None

    def collect(self) -> Transition:
        """Go on to collecting results and the report."""
        from game.ui.screens.desk_collect import DeskCollectScreen

        self._remember()
        return Push(DeskCollectScreen(self.app, self.current()[1] if self.current()[0] else ""))

    def on_ui_event(self, event: pygame.event.Event) -> Transition:
        """Enter in the seed box applies it."""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.seed_entry:
            return self._change()
        return super().on_ui_event(event)


class DeskCodeScreen(Screen):
    """The workshop code, as large as the window allows, with the settings in words beneath."""

    name = "desk_code"

    def __init__(self, app: App, code: str, lines: list[str]) -> None:
        super().__init__(app)
        self.code = code
        self.lines = lines
        self.code_bottom = self.height - 250
        """Where the settings start (layout units): the code is drawn above."""

    def layout(self) -> None:
        """A heading, the settings in one or two boxes sized to fit them, and Back."""
        t = self.t
        self.label(self.R(40, 24, self.width - 80, 44), t("desk.project_title"), "@heading")
        boxes = self.settings_boxes()
        for rect, lines in boxes:
            self.text(rect, "<br>".join(f"• {html.escape(line)}" for line in lines), "@boxed")
        self.code_bottom = (boxes[0][0].top / self.app.scale) if boxes else self.height - 80
        self.button(self.R(40, self.height - 64, 180, 44), t("ui.common.back"), lambda: Pop())

    def settings_boxes(self) -> list[tuple[pygame.Rect, list[str]]]:
        """The settings' boxes: one centred box when its lines fit under the code, else two
        side by side (each line's wrapping counted, so no box needs scrolling)."""
        room = self.height - 80 - CODE_ROOM
        for columns in (1, 2):
            width = min(self.width - 80, 1040.0) if columns == 1 else (self.width - 96) / 2
            half = (len(self.lines) + 1) // 2 if columns == 2 else len(self.lines)
            parts = [self.lines[:half], self.lines[half:]] if columns == 2 else [self.lines]
            heights = [self.box_height(part, width) for part in parts if part]
            if max(heights) <= room or columns == 2:
                height = min(max(heights), room)
                top = self.height - 80 - height
                if columns == 1:
                    return [(self.R((self.width - width) / 2, top, width, height), parts[0])]
                return [(self.R(40 + i * (width + 16), top, width, height), part)
                        for i, part in enumerate(parts) if part]
        return []

    def box_height(self, lines: list[str], width: float) -> float:
        """The height (layout units) of a boxed text of these lines at this width."""
        rows = sum(len(self.wrap_lines(f"• {line}", width - 2 * BOX_PADDING - 8)) or 1
                   for line in lines)
        return rows * BOX_LINE + 2 * BOX_PADDING + 12

    def draw(self, surface: pygame.Surface) -> None:
        """The code in the largest type that fits the width and the room above the settings."""
        s = self.app.scale
        top = 72.0
        bottom = self.code_bottom
        size = int(min(self.width / max(8, len(self.code)) * 1.55, 200,
                       (bottom - top) * 0.75) * s)
        face = theme.font(size, bold=True)
        image = face.render(self.code, True, theme.INK if hasattr(theme, "INK") else (20, 30, 40))
        rect = image.get_rect(center=(round(self.width * s / 2), round((top + bottom) / 2 * s)))
        surface.blit(image, rect)


class _Paged(Screen):
    """A paged list of toggles for the desk (cards, assumptions)."""

    name = "desk_list"
    title_key = ""
    intro_key = ""

    def __init__(self, app: App, desk: DeskScreen) -> None:
        super().__init__(app)
        self.desk = desk

    def items(self) -> list[tuple[str, str, str, bool]]:
        """(id, name, description, on) of each toggle."""
        return []

    def toggle(self, item: str) -> None:
        """Switch one item."""

    def layout(self) -> None:
        """Title, intro, a page of toggles, page buttons, Done."""
        t = self.t
        self.label(self.R(40, 16, 900, 44), t(self.title_key), "@heading")
        self.text(self.R(36, 60, self.width - 80, 48), html.escape(t(self.intro_key)), "@muted")
        per_page = max(3, min(PER_PAGE, int((self.height - 120 - 112) // ROW_PITCH)))
        shown, pages = self.paged(self.items(), per_page)
        y = 112.0
        for item_id, name, description, on in shown:
            self.button(self.R(40, y, 120, 40), t("desk.on" if on else "desk.off"),
                        self._toggler(item_id), tip=description, cls="@primary" if on else None)
            self.label(self.R(172, y - 3, self.width - 220, 26), name, "@subheading")
            self.label(self.R(172, y + 22, self.width - 220, 22),
                       self.first_line(description, self.width - 220), "@small")
            y += ROW_PITCH
        self.page_row(40, self.height - 120, self.width - 80, pages, 140, 40)
        self.button(self.R(self.width - 220, self.height - 64, 180, 44), t("desk.done"),
                    lambda: Pop(), cls="@primary")

    def _toggler(self, item: str) -> Action:
        def act() -> Transition:
            self.toggle(item)
            self.rebuild()
            return None
        return act


class DeskCardsScreen(_Paged):
    """Which interventions the class may use."""

    name = "desk_cards"
    title_key = "desk.cards_title"
    intro_key = "desk.cards_intro"

    def _all(self) -> list[str]:
        from game.content.loader import seat_actions

        c = self.desk.choices
        return seat_actions(self.desk.workshops.pack, c.role, bool(c.mayors))

    def items(self) -> list[tuple[str, str, str, bool]]:
        """Every intervention of the workshop's seats, on when enabled."""
        enabled = self.desk.choices.actions
        return [(a, self.t(f"action.{a}.name"), self.t(f"action.{a}.summary"),
                 enabled is None or a in enabled) for a in self._all()]

    def toggle(self, item: str) -> None:
        """Enable or disable one intervention (all enabled again means no list)."""
        c = self.desk.choices
        enabled = set(self._all() if c.actions is None else c.actions)
        enabled.symmetric_difference_update({item})
        c.actions = None if enabled == set(self._all()) else sorted(enabled)


class DeskAssumptionsScreen(_Paged):
    """Contested mechanisms, each on or off, with what switching it off does."""

    name = "desk_assumptions"
    title_key = "desk.assumptions_title"
    intro_key = "desk.assumptions_intro"

    def items(self) -> list[tuple[str, str, str, bool]]:
        """Every assumption switch, on unless the workshop turns it off."""
        switches = self.desk.workshops.switches
        return [(sid, self.t(s.name), self.t(s.explanation),
                 self.desk.choices.switches.get(sid, True)) for sid, s in sorted(switches.items())]

    def toggle(self, item: str) -> None:
        """Switch one mechanism off (or back on, which drops it from the workshop)."""
        c = self.desk.choices
        if c.switches.get(item, True):
            c.switches[item] = False
        else:
            c.switches.pop(item, None)
