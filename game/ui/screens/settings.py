"""Settings: language, UI scale, colour-blind palette, fullscreen; stored in the config folder."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.i18n import LANGUAGES
from game.ui import draw, theme
from game.ui.screen import Pop, Screen, Transition
from game.ui.settings import PALETTES, SCALES


class SettingsScreen(Screen):
    """Every option as a row of choices; changes apply at once and are saved."""

    name = "settings"

    def layout(self) -> None:
        """Build the option rows."""
        self.label(self.R(64, 32, 800, 48), self.t("ui.settings.title"), "@heading")
        s = self.app.settings
        y = 100.0
        y = self._row(y, "ui.settings.language",
                      [(self.t(f"ui.language.{lang}"), lang == s.lang, self._lang(lang))
                       for lang in LANGUAGES])
        y = self._row(y, "ui.settings.scale",
                      [(f"{v} %", v == s.scale, self._scale(v)) for v in SCALES])
        if self.app.scale_limited:
            self.label(self.R(330, y - 14, 860, 24),
                       self.t("ui.settings.scale_limited", percent=round(self.app.scale * 100)),
                       "@warn")
            y += 18
        y = self._row(y, "ui.settings.palette",
                      [(self.t(f"ui.palette.{p}"), p == s.palette, self._palette(p))
                       for p in PALETTES])
        self.palette_y = y - 8
        y += 44
        y = self._row(y, "ui.settings.fullscreen",
                      [(self.t("ui.common.off"), not s.fullscreen, self._full(False)),
                       (self.t("ui.common.on"), s.fullscreen, self._full(True))])
        y = self._row(y, "ui.settings.predictions",
                      [(self.t("ui.common.off"), not s.predictions, self._predictions(False)),
                       (self.t("ui.common.on"), s.predictions, self._predictions(True))])
        self.label(self.R(64, y + 6, self.width - 128, 24),
                   self.t("ui.settings.stored", folder=str(self.app.settings_dir or
                                                           _config_folder())), "@muted")
        self.button(self.R(64, self.height - 68, 180, 44), self.t("ui.common.back"), self.close,
                    cls="@primary")

    def _row(self, y: float, key: str,
             options: list[tuple[str, bool, Callable[[], Transition]]]) -> float:
        """Create one labelled row of option buttons; return the next row's y."""
        self.label(self.R(64, y + 8, 250, 28), self.t(key), "@bold")
        x = 330.0
        for text, chosen, action in options:
            width = max(110.0, 24 + len(text) * 9.5)
            self.button(self.R(x, y, width, 42), text, action,
                        tip=self.t(key + "_tip"), cls="@primary" if chosen else None)
            x += width + 10
        return y + 66

    def _lang(self, lang: str) -> Callable[[], Transition]:
        """Action switching the language."""
        def act() -> Transition:
            self.app.set_language(lang)
            return None
        return act

    def _scale(self, value: int) -> Callable[[], Transition]:
        """Action changing the UI scale."""
        def act() -> Transition:
            self.app.set_scale(value)
            return None
        return act

    def _palette(self, palette: str) -> Callable[[], Transition]:
        """Action changing the palette."""
        def act() -> Transition:
            self.app.set_palette(palette)
            return None
        return act

    def _full(self, on: bool) -> Callable[[], Transition]:
        """Action entering or leaving fullscreen."""
        def act() -> Transition:
            self.app.set_fullscreen(on)
            return None
        return act

    def _predictions(self, on: bool) -> Callable[[], Transition]:
        """Action turning the prediction prompts on or off."""
        def act() -> Transition:
            self.app.settings.predictions = on
            self.app.save_settings()
            self.rebuild()
            return None
        return act

    def draw(self, surface: pygame.Surface) -> None:
        """Draw a preview of the violence scale in the chosen palette."""
        try:
            from game.ui.widgets.palette import legend_entries
        except ImportError:
            return
        s = self.app.scale
        x = round(330 * s)
        y = round(getattr(self, "palette_y", 300) * s)
        size = round(30 * s)
        small = theme.font(round(13 * s))
        for entry in legend_entries(self.app.settings.palette):
            rect = pygame.Rect(x, y, size, size)
            pygame.draw.rect(surface, entry.colour, rect)
            pygame.draw.rect(surface, theme.INK, rect, 1)
            draw.draw_text(surface, entry.cue, small, _ink(entry.colour), rect.center, "center")
            x += size + round(6 * s)

    def close(self) -> Transition:
        """Leave settings."""
        return Pop()


def _ink(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white text for a swatch."""
    from game.ui.widgets.palette import ink_on

    return ink_on(colour)


def _config_folder() -> str:
    """Return the user config folder's path for display."""
    from game import paths

    return str(paths.user_config_dir())
