"""The title screen: new game, continue, load, settings, glossary, credits, quit."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import draw, theme
from game.ui.screen import LOOKED, Push, Quit, Screen, Transition

Entry = tuple[str, Callable[[], Transition], bool, str | None]
"""A title entry: its catalog key, what it opens, whether it can be used, its look."""


class TitleScreen(Screen):
    """The first screen (App.start puts the content note over it on the very first start)."""

    name = "title"

    def layout(self) -> None:
        """The name and tagline, then the entries in two columns (playing; the class and the
        rest), the map of Mexico beside them; everything grows with the window."""
        left = 56.0 if self.width < 1200 else 96.0
        col_w = min(320.0, max(250.0, (self.width - left - 80) * 0.3))
        self.label(self.R(left, 40, 600, 64), "Plaza", "@title")
        self.text(self.R(left - 4, 104, 2 * col_w + 16, 96), self.t("ui.title.tagline"),
                  "@subtitle")
        has_save = self.app.session.has_autosave()
        play: list[Entry] = [
            ("ui.title.new_game", self.new_game, True, "@primary"),
            ("ui.title.continue", self.continue_game, has_save, None),
            ("ui.title.load", self.load_game, True, None),
            ("ui.title.workshop", self.workshop, True, None),
            ("ui.title.history", self.history, True, None),
            ("ui.title.lab", self.lab, True, None),
        ]
        more: list[Entry] = [
            ("ui.title.desk", self.desk, True, None),
            ("ui.title.assumptions", self.assumptions, True, None),
            ("ui.title.library", self.library, True, None),
            ("ui.title.settings", self.settings, True, None),
            ("ui.title.credits", self.credits, True, None),
            ("ui.title.quit", self.quit, True, None),
        ]
        top = 208.0
        step = min(52.0, (self.height - 60 - top) / max(len(play), len(more)))
        for column, entries in enumerate((play, more)):
            x = left + column * (col_w + 16)
            y = top
            for key, action, enabled, cls in entries:
                self.button(self.R(x, y, col_w, step - 6), self.t(key), action,
                            tip=self.t(key + "_tip"), cls=cls, enabled=enabled)
                y += step
        if self.focus.index < 0:
            self.focus.restore(0)  # Enter starts a new game without a Tab first
        self.map_x = left + 2 * col_w + 56
        footer = self.t("ui.title.footer")
        self.label(self.R(left, self.height - 40, self.width - left - 24, 24),
                   self.fitted(self.width - left - 24, "@muted", footer,
                               self.t("ui.title.footer_short")), "@muted")

    def draw(self, surface: pygame.Surface) -> None:
        """Draw a calm backdrop: the map of Mexico, drawn once per layout and then blitted."""
        s = self.app.scale
        x = getattr(self, "map_x", 560.0)
        area = pygame.Rect(round(x * s), round(60 * s), round((self.width - x - 40) * s),
                           round((self.height - 120) * s))
        if area.w < 120 * s:
            return
        self.blit_layer(surface, area,
                        lambda canvas: canvas.blit(self._draw_backdrop(area.size), area))

    def _draw_backdrop(self, size: tuple[int, int]) -> pygame.Surface:
        """The framed map (plain when the outline cannot be read)."""
        s = self.app.scale
        layer = pygame.Surface(size)
        layer.fill(theme.BACKGROUND)
        draw.draw_panel(layer, layer.get_rect(), fill=(236, 232, 223), border=theme.PANEL_BORDER,
                        radius=8)
        from game.ui.widgets.mexico_map import MexicoMap

        mexico = MexicoMap()
        mexico.layout(layer.get_rect().inflate(-round(40 * s), -round(40 * s)))
        mexico.draw(layer, [], palette=self.app.settings.palette)
        return layer

    def new_game(self) -> Transition:
        """Open the new game screen."""
        from game.ui.screens.new_game import NewGameScreen

        return Push(NewGameScreen(self.app))

    def workshop(self) -> Transition:
        """Open the workshop code entry."""
        from game.ui.screens.workshop import WorkshopScreen

        return Push(WorkshopScreen(self.app))

    def desk(self) -> Transition:
        """Open the teacher's desk (make a workshop, collect results, build the report)."""
        from game.ui.screens.desk import DeskScreen

        return Push(DeskScreen(self.app))

    def history(self) -> Transition:
        """Open history mode: Mexico 2006-2024 as it was fought, to watch or take over."""
        from game.ui.screens.history import HistoryScreen

        return Push(HistoryScreen(self.app))

    def lab(self) -> Transition:
        """Open the policy lab (a plan in a thousand worlds)."""
        from game.ui.screens.lab import LabScreen

        return Push(LabScreen(self.app))

    def assumptions(self) -> Transition:
        """Open the assumptions panel (instructor mode)."""
        from game.ui.screens.assumptions import AssumptionsScreen

        return Push(AssumptionsScreen(self.app))

    def continue_game(self) -> Transition:
        """Load the autosave and go to the main screen (or say why not)."""
        from game.ui.screens.main import MainScreen
        from game.ui.session import AUTOSAVE

        problem = self.app.session.load(AUTOSAVE)
        if problem is not None:
            self.app.notify(problem)
            return None
        return Push(MainScreen(self.app))

    def load_game(self) -> Transition:
        """Open the saves screen to load a slot."""
        from game.ui.screens.saves import SavesScreen

        return Push(SavesScreen(self.app, mode="load"))

    def settings(self) -> Transition:
        """Open the settings."""
        from game.ui.screens.settings import SettingsScreen

        return Push(SettingsScreen(self.app))

    def library(self) -> Transition:
        """Open the glossary and findings browser."""
        from game.ui.screens.library import LibraryScreen

        return Push(LibraryScreen(self.app))

    def credits(self) -> Transition:
        """Open the credits."""
        from game.ui.screens.credits import CreditsScreen

        return Push(CreditsScreen(self.app))

    def quit(self) -> Transition:
        """Close the game."""
        return Quit()

    def back(self) -> Transition:
        """Esc on the title does nothing (quit is a button, not an accident)."""
        return None

    def on_resume(self, result: object) -> Transition:
        """Rebuild when coming back (the autosave may now exist), unless the screen closed only
        showed things."""
        if result != LOOKED:
            self.rebuild()
        return None
