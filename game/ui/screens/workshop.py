"""Join a workshop: type the instructor's code, read its settings in words, give a name, start."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.ui.screen import Pop, Replace, Screen, Transition

if TYPE_CHECKING:
    from game.content.schema import Workshop
    from game.ui.app import App

MAX_NAME = 60


def workshop_lines(screen: Screen, workshop: Workshop) -> list[str]:
    """A workshop's settings as a player reads them, one line each."""
    t = screen.t
    workshops = screen.app.session.workshops
    assert workshops is not None, "a workshop was read, so the content loaded"
    ws = workshop
    lines = [t("ui.workshop.scenario", scenario=t(f"scenario.{ws.scenario}.title"))]
    if ws.mayors:
        seats = [t("ui.seat.federal")] + [t("ui.seat.mayor", city=t(f"region.{c}"))
                                          for c in ws.mayors]
        lines.append(t("ui.workshop.hot_seat", seats=", ".join(seats)))
    elif ws.role == "municipal":
        lines.append(t("ui.workshop.mayor", city=t(f"region.{workshops.region(ws)}")))
    else:
        lines.append(t("ui.workshop.federal"))
    turns = workshops.turns(ws)
    lines.append(screen.plural("ui.workshop.turns", turns, turns=turns))
    enabled = workshops.actions(ws)
    if ws.actions is None:
        lines.append(t("ui.workshop.actions_all", count=len(enabled)))
    else:
        lines.append(t("ui.workshop.actions_some", count=len(enabled),
                       names=", ".join(t(f"action.{a}.name") for a in enabled)))
    changed = [t(workshops.switches[sid].name) for sid, on in ws.switches.items()
               if not on and sid in workshops.switches]
    changed += [t("ui.workshop.parameter", name=pid, value=screen.app.t.format_value(value))
                for pid, value in ws.parameters.items()]
    if changed:
        lines.append(t("ui.workshop.switched_off", changes="; ".join(changed)))
    else:
        lines.append(t("ui.workshop.unchanged"))
    lines.append(t("ui.workshop.predictions_on" if ws.predictions
                   else "ui.workshop.predictions_off"))
    if ws.timer_minutes:
        lines.append(screen.plural("ui.workshop.timer", ws.timer_minutes,
                                   minutes=ws.timer_minutes))
    else:
        lines.append(t("ui.workshop.no_timer"))
    return lines


class WorkshopScreen(Screen):
    """The code box, an error line for a mistyped code, the settings, the team name, Start."""

    name = "workshop"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.code_text = ""
        self.name_text = ""
        self.error = ""
        self.workshop: Workshop | None = None
        self.code_entry: UITextEntryLine | None = None
        self.name_entry: UITextEntryLine | None = None
        self._typing = "code"

    def layout(self) -> None:
        """Build the code and name boxes on the left, the settings on the right."""
        t = self.t
        self.label(self.R(48, 24, 900, 44), t("ui.workshop.title"), "@heading")
        left_w = 470.0
        self.text(self.R(44, 74, left_w + 8, 70), html.escape(t("ui.workshop.intro")), None)
        self.label(self.R(48, 148, left_w, 26), t("ui.workshop.code"), "@subheading")
        self.code_entry = UITextEntryLine(self.R(48, 178, 320, 44), self.app.manager,
                                          container=self.root,
                                          placeholder_text=t("ui.workshop.code_placeholder"))
        self.code_entry.set_text_length_limit(40)
        if self.code_text:
            self.code_entry.set_text(self.code_text)
        self.focus.add(self.code_entry, self._type_in("code"), t("ui.workshop.code_tip"))
        self.button(self.R(376, 178, left_w - 328, 44), t("ui.workshop.check"), self.check,
                    tip=t("ui.workshop.check_tip"))
        if self.error:
            self.text(self.R(44, 226, left_w + 8, 64), html.escape(self.error), "@warn")
        elif self.workshop is not None:
            self.label(self.R(48, 230, left_w, 26), t("ui.workshop.code_ok"), "@good")
        self.label(self.R(48, 296, left_w, 26), t("ui.workshop.name"), "@subheading")
        self.name_entry = UITextEntryLine(self.R(48, 326, left_w, 44), self.app.manager,
                                          container=self.root,
                                          placeholder_text=t("ui.workshop.name_placeholder"))
        self.name_entry.set_text_length_limit(MAX_NAME)
        if self.name_text:
            self.name_entry.set_text(self.name_text)
        self.focus.add(self.name_entry, self._type_in("name"), t("ui.workshop.name_tip"))
        self.text(self.R(44, 374, left_w + 8, 80), html.escape(t("ui.workshop.name_hint")),
                  "@muted")
        x = 48 + left_w + 32
        w = self.width - x - 48
        self.label(self.R(x, 148, w, 26), t("ui.workshop.settings"), "@subheading")
        self.text(self.R(x, 178, w, self.height - 178 - 96), self.settings_html(), "@boxed")
        self.button(self.R(48, self.height - 68, 180, 44), t("ui.common.back"), lambda: Pop())
        self.button(
            self.R(self.width - 48 - 260, self.height - 68, 260, 44), t("ui.workshop.start"),
            self.start, cls="@primary", tip=t("ui.workshop.start_tip"),
            enabled=self.workshop is not None)
        if self._typing == "code" and self.workshop is None:
            self.app.manager.set_focus_set(self.code_entry)
            self.focus.restore(0)

    def settings_html(self) -> str:
        """The workshop's settings in words, or what to do first."""
        e = html.escape
        if self.workshop is None:
            return e(self.t("ui.workshop.no_code"))
        return "".join(f"• {e(line)}<br>" for line in workshop_lines(self, self.workshop))

    # ---- input ----------------------------------------------------------------------------

    def _type_in(self, which: str) -> Any:
        """Action giving the keyboard to a text box (Enter on it in the focus ring)."""
        def act() -> Transition:
            entry = self.code_entry if which == "code" else self.name_entry
            self._typing = which
            if entry is not None:
                self.app.manager.set_focus_set(entry)
            return None
        return act

    def _remember(self) -> None:
        """Keep the typed texts across rebuilds."""
        if self.code_entry is not None:
            self.code_text = self.code_entry.get_text()
        if self.name_entry is not None:
            self.name_text = self.name_entry.get_text()

    def check(self) -> Transition:
        """Read the typed code: show its settings, or say what is wrong with it."""
        from game.classroom.workshops import CodeError

        self._remember()
        workshops = self.app.session.workshops
        if workshops is None:
            self.error = self.t("ui.error.content", reason=self.app.session.pack_error or "")
            self.rebuild()
            return None
        try:
            workshop = workshops.from_code(self.code_text)
        except CodeError as exc:
            self.workshop = None
            self.error = self.t(exc.key)
            self._typing = "code"
            self.rebuild()
            return None
        self.workshop = workshop
        self.error = ""
        self._typing = "name"
        if workshop.language != self.app.settings.lang:
            self.app.set_language(workshop.language)
        else:
            self.rebuild()
        if self.name_entry is not None and not self.name_text:
            self.app.manager.set_focus_set(self.name_entry)
        return None

    def start(self) -> Transition:
        """Start the workshop's game (a name is needed for the result file): its briefing."""
        from game.ui.screens.briefing import BriefingScreen

        self._remember()
        if self.workshop is None:
            return self.check()
        if not self.name_text.strip():
            self.error = self.t("ui.workshop.name_needed")
            self._typing = "name"
            self.rebuild()
            if self.name_entry is not None:
                self.app.manager.set_focus_set(self.name_entry)
            return None
        problem = self.app.session.start_workshop(self.workshop, self.name_text)
        if problem is not None:
            self.app.notify(problem)
            return None
        return Replace(BriefingScreen(self.app))

    def on_ui_event(self, event: pygame.event.Event) -> Transition:
        """Enter in the code box checks it; Enter in the name box starts."""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if event.ui_element is self.code_entry:
                return self.check()
            if event.ui_element is self.name_entry:
                return self.start()
            return None
        return super().on_ui_event(event)

    def update(self, dt: float) -> Transition:
        """Show the code in capitals as it is typed."""
        entry = self.code_entry
        if entry is not None:
            text = entry.get_text()
            if text != text.upper():
                entry.set_text(text.upper())
                entry.edit_position = len(text)
        return None
