"""Settings: language, UI scale, colour-blind palette, fullscreen; stored in the config folder."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.core.i18n import LANGUAGES
from game.ui import draw, theme
from game.ui.screen import Pop, Screen, Transition
from game.ui.settings import AUTO_SCALE, PALETTES, SCALES
from game.ui.widgets.palette import ink_on, legend_entries


class SettingsScreen(Screen):
    """Every option as a row of choices; changes apply at once and are saved."""

    name = "settings"

    def layout(self) -> None:
        """Build the option rows."""
        self.label(self.R(64, 32, 800, 48), self.t("ui.settings.title"), "@heading")
        app, s = self.app, self.app.settings
        self.step = max(50.0, min(66.0, (self.height - 100 - 44 - 40 - 76) / 6))
        y = 90.0
        y = self._row(y, "ui.settings.language",
                      [(self.app.t.language_name(lang), lang == s.lang,
                        partial(app.set_language, lang)) for lang in LANGUAGES])
        y = self._row(y, "ui.settings.scale",
                      [(self.t("ui.settings.scale_auto", percent=app.auto_percent)
                        if v == AUTO_SCALE else f"{v} %", v == s.scale,
                        partial(app.set_scale, v)) for v in (AUTO_SCALE, *SCALES)])
        if self.app.scale_limited:
            self.label(self.R(330, y - 14, 860, 24),
                       self.t("ui.settings.scale_limited", percent=round(self.app.scale * 100)),
                       "@warn")
            y += 18
        y = self._row(y, "ui.settings.palette",
                      [(self.t(f"ui.palette.{p}"), p == s.palette, partial(app.set_palette, p))
                       for p in PALETTES])
        self.preview = (self.R(330, y - self.step + 50, 0, 0).topleft,
                        _swatches(s.palette, self.app.scale))
        y += 38
        y = self._row(y, "ui.settings.projector",
                      self._off_on(s.projector, partial(app.set_projector, False),
                                   partial(app.set_projector, True)))
        y = self._row(y, "ui.settings.fullscreen",
                      self._off_on(s.fullscreen, partial(app.set_fullscreen, False),
                                   partial(app.set_fullscreen, True)))
        y = self._row(y, "ui.settings.predictions",
                      self._off_on(s.predictions, self._predictions(False),
                                   self._predictions(True)))
        self.label(self.R(64, y + 6, self.width - 128, 24),
                   self.t("ui.settings.stored", folder=str(self.app.settings_dir or
                                                           _config_folder())), "@muted")
        self.button(self.R(64, self.height - 68, 180, 44), self.t("ui.common.back"), self.close,
                    cls="@primary")

    def _row(self, y: float, key: str,
             options: list[tuple[str, bool, Callable[[], Transition]]]) -> float:
        """Create one labelled row of option buttons; return the next row's y."""
        self.label(self.R(64, y + 8, 256, 28), self.fitted(256, "@bold", self.t(key),
                                                           self.t(key + "_short")), "@bold")
        x = 330.0
        texts = [self.text_width(text, "@primary", "button") for text, _, _ in options]
        widths = [max(100.0, w + 30) for w in texts]
        gap = 10.0
        if sum(widths) + gap * len(widths) > self.width - x - 24:
            # A narrow window (1024x600): the buttons only as wide as their words.
            widths, gap = [w + 24 for w in texts], 6.0
        for (text, chosen, action), width in zip(options, widths, strict=True):
            self.button(self.R(x, y, width, 42), text, action,
                        tip=self.t(key + "_tip"), cls="@primary" if chosen else None)
            x += width + gap
        return y + self.step

    def _off_on(self, on: bool, off_action: Callable[[], Transition],
                on_action: Callable[[], Transition]
                ) -> list[tuple[str, bool, Callable[[], Transition]]]:
        """The Off and On choices of a row."""
        return [(self.t("ui.common.off"), not on, off_action),
                (self.t("ui.common.on"), on, on_action)]

    def _predictions(self, on: bool) -> Callable[[], Transition]:
        """Action turning the prediction prompts on or off."""
        def act() -> Transition:
            self.app.settings.predictions = on
            self.app.session.want_predictions(on)
            self.app.save_settings()
            self.rebuild()
            return None
        return act

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the preview of the violence scale in the chosen palette (made at layout)."""
        position, image = self.preview
        surface.blit(image, position)

    def close(self) -> Transition:
        """Leave settings."""
        return Pop()


def _swatches(palette: str, scale: float) -> pygame.Surface:
    """The violence scale's colours in a row, each with its cue, at the given UI scale."""
    entries = legend_entries(palette)
    size, gap = round(30 * scale), round(6 * scale)
    image = pygame.Surface((len(entries) * (size + gap), size), pygame.SRCALPHA)
    small = theme.font(round(13 * scale))
    for i, entry in enumerate(entries):
        rect = pygame.Rect(i * (size + gap), 0, size, size)
        pygame.draw.rect(image, entry.colour, rect)
        pygame.draw.rect(image, theme.INK, rect, 1)
        draw.draw_text(image, entry.cue, small, ink_on(entry.colour), rect.center, "center")
    return image


def _config_folder() -> str:
    """Return the user config folder's path for display."""
    from game.core import paths

    return str(paths.user_config_dir())
