"""The pause menu over the main screen: resume, save, load, settings, help, leave."""

from __future__ import annotations

from typing import Any

from game.ui.screen import LOOKED, Many, Pop, Push, Reset, Transition
from game.ui.screens.modal import ModalScreen

TIPS = ("ui.pause.result", "ui.pause.assumptions", "ui.pause.tour")
OTHER_PATHS = ("ui.pause.paths", "ui.pause.lab")
"""Going back or trying the plan in many worlds (history mode, branches and the lab)."""


class PauseScreen(ModalScreen):
    """Esc on the main screen opens this; its last line says whether the autosave works."""

    name = "pause"
    dialog_size = (460.0, 744.0)
    changes_nothing = True
    """Resumed with nothing done, the game under it is as it was; False once a screen opened
    from the menu closes having done something (the settings, the save slots...)."""

    def layout(self) -> None:
        """Build the menu."""
        box = self.dialog()
        r = self.dialog_rect()
        self.label(self.R(24, 16, r.w - 48, 36), self.t("ui.pause.title"), "@heading", box)
        y = 60.0
        problem = self.app.session.autosave_problem
        if problem is None:
            notes, cls = [self.t("ui.pause.autosaved")], "@muted"
        else:
            notes = self.wrap_lines(self.t("ui.pause.autosave_failed", problem=problem),
                                    r.w - 48, "@warn")[:4]
            cls = "@warn"
        entries = (("ui.pause.resume", self.resume), ("ui.pause.save", self.save),
                   ("ui.pause.load", self.load), ("ui.pause.result", self.result),
                   ("ui.pause.paths", self.paths), ("ui.pause.lab", self.lab),
                   ("ui.pause.assumptions", self.assumptions),
                   ("ui.pause.settings", self.settings), ("ui.pause.tour", self.tour),
                   ("ui.pause.help", self.help), ("ui.pause.to_title", self.to_title))
        note_h = 20.0 * len(notes) + 16
        step = min(52.0, (r.h - y - note_h - 8) / len(entries))
        for key, action in entries:
            self.button(self.R(24, y, r.w - 48, step - 8), self.t(key), action, container=box,
                        cls="@primary" if key == "ui.pause.resume" else None,
                        tip=self.t(key + "_tip") if key in TIPS + OTHER_PATHS else None)
            y += step
        for i, line in enumerate(notes):
            self.label(self.R(24, y + 4 + 20 * i, r.w - 48, 20), line, cls, box)
        self.focus.restore(0)

    def on_resume(self, result: Any) -> Transition:
        """A screen opened from the menu closed: did it change something?"""
        if result != LOOKED:
            self.changes_nothing = False
        return None

    def resume(self) -> Transition:
        """Close the menu."""
        return Pop()

    def save(self) -> Transition:
        """Open the save slots."""
        from game.ui.screens.saves import SavesScreen

        return Push(SavesScreen(self.app, mode="save"))

    def load(self) -> Transition:
        """Open the load slots."""
        from game.ui.screens.saves import SavesScreen

        return Push(SavesScreen(self.app, mode="load"))

    def result(self) -> Transition:
        """Write the result file of the game so far and say where it went."""
        path, text = self.app.session.write_result()
        self.app.notify(text, "ui.result.title" if path is not None else "ui.message.title")
        return None

    def paths(self) -> Transition:
        """Go back to an earlier quarter, or compare this path with the first one."""
        from game.ui.screens.paths import PathsScreen

        return Push(PathsScreen(self.app))

    def lab(self) -> Transition:
        """Run this game's decisions in a thousand worlds (the policy lab)."""
        from game.ui.screens.lab import LabScreen

        return Push(LabScreen(self.app))

    def assumptions(self) -> Transition:
        """Open the assumptions panel (instructor mode) on this game."""
        from game.ui.screens.assumptions import AssumptionsScreen

        return Push(AssumptionsScreen(self.app))

    def settings(self) -> Transition:
        """Open the settings."""
        from game.ui.screens.settings import SettingsScreen

        return Push(SettingsScreen(self.app))

    def tour(self) -> Transition:
        """Close the menu and show the coach marks over the main screen again."""
        from game.ui.screens.coach import CoachScreen
        from game.ui.screens.main import MainScreen

        main = next((s for s in reversed(self.app.stack) if isinstance(s, MainScreen)), None)
        if main is None:
            return Pop()
        return Many((Pop(), Push(CoachScreen(self.app, main))))

    def help(self) -> Transition:
        """Open the keyboard help."""
        from game.ui.screens.help import HelpScreen

        return Push(HelpScreen(self.app))

    def to_title(self) -> Transition:
        """Autosave and go back to the title."""
        from game.ui.screens.title import TitleScreen

        self.app.session.autosave()
        return Reset(TitleScreen(self.app))
