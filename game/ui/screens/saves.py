"""Save slots: save the game in progress or load one; damaged and newer saves are refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.ui.screen import Many, Pop, Push, Reset, Screen, Transition
from game.ui.session import AUTOSAVE, SLOTS

if TYPE_CHECKING:
    from game.ui.app import App


class SavesScreen(Screen):
    """One row per slot; the autosave can be loaded but not written by hand."""

    name = "saves"

    def __init__(self, app: App, mode: str = "load") -> None:
        super().__init__(app)
        self.mode = mode
        self.status = ""
        self.confirm: str | None = None
        """The slot the player chose to save over: asked once more before it is replaced."""

    def layout(self) -> None:
        """Build the slot rows."""
        t = self.t
        session = self.app.session
        self.label(self.R(64, 28, 900, 44), t(f"ui.saves.title_{self.mode}"), "@heading")
        self.label(self.R(64, 72, 1000, 26), t(f"ui.saves.intro_{self.mode}"), "@muted")
        y = 112.0
        slots = [AUTOSAVE, *SLOTS] if self.mode == "load" else list(SLOTS)
        for slot in slots:
            info = session.slot_info(slot)
            name = t("ui.saves.autosave") if slot == AUTOSAVE else \
                t("ui.saves.slot", number=slot[-1])
            if not info.exists:
                detail = t("ui.saves.empty")
            elif info.problem:
                detail = t("ui.saves.damaged")
            elif info.period:
                detail = self.plural("ui.saves.detail_period", info.turn,
                                     period=self.period(info.period),
                                     scenario=t(f"scenario.{info.scenario}.title"),
                                     role=t(f"role.{info.role}"), turn=info.turn)
            else:
                detail = self.plural("ui.saves.detail", info.turn,
                                     scenario=t(f"scenario.{info.scenario}.title"),
                                     role=t(f"role.{info.role}"), turn=info.turn)
            enabled = info.exists if self.mode == "load" else True
            if self.confirm == slot:
                name = t("ui.saves.replace", slot=name)
                detail = t("ui.saves.replace_detail", detail=detail)
            self.button(self.R(64, y, 300, 48), name, self._pick(slot), enabled=enabled,
                        cls="@danger" if self.confirm == slot else
                        "@primary" if enabled and self.mode == "save" else None,
                        tip=detail)
            if info.exists and not info.problem and info.period and self.confirm != slot:
                detail = self.fitted(self.width - 444, None, detail, t(
                    "ui.saves.detail_short", scenario=t(f"scenario.{info.scenario}.title"),
                    period=self.period(info.period)))
            self.label(self.R(380, y + 10, self.width - 444, 28), detail,
                       "@warn" if info.problem or self.confirm == slot else None)
            y += 60
        if self.status:
            self.label(self.R(64, y + 8, self.width - 128, 28), self.status, "@good")
        self.button(self.R(64, self.height - 68, 180, 44), t("ui.common.back"), lambda: Pop())

    def _pick(self, slot: str) -> Callable[[], Transition]:
        """Action saving to or loading from a slot (a slot that holds a game asks first)."""
        def act() -> Transition:
            session = self.app.session
            if self.mode == "save":
                if session.slot_info(slot).exists and self.confirm != slot:
                    self.confirm = slot
                    self.status = ""
                    self.rebuild()
                    return None
                self.confirm = None
                problem = session.save(slot)
                if problem:
                    self.app.notify(problem)
                    return None
                self.status = self.t("ui.saves.saved", number=slot[-1])
                self.rebuild()
                return None
            problem = session.load(slot)
            if problem:
                self.app.notify(problem)
                return None
            from game.ui.screens.main import MainScreen
            from game.ui.screens.title import TitleScreen

            return Many((Reset(TitleScreen(self.app)), Push(MainScreen(self.app))))
        return act
