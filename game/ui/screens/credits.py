"""Credits: who made the game, the research it teaches, the data it shows, the fonts it uses."""

from __future__ import annotations

from game.ui.screen import Pop, Screen, Transition


class CreditsScreen(Screen):
    """Attributions for the article, the homicide data and the bundled assets."""

    name = "credits"
    changes_nothing = True

    def layout(self) -> None:
        """Build the credits page."""
        w = self.width
        self.label(self.R(64, 32, w - 128, 48), self.t("ui.credits.title"), "@heading")
        sections = ("article", "data", "research", "map", "fonts", "software", "licence")
        body = "".join(
            f"<b>{self.t(f'ui.credits.{name}.heading')}</b><br>{self.t(f'ui.credits.{name}.text')}"
            "<br><br>"
            for name in sections
        )
        self.text(self.R(56, 88, w - 112, self.height - 170), body, "@boxed")
        self.button(self.R(64, self.height - 68, 180, 44), self.t("ui.common.back"), self.close,
                    cls="@primary")

    def close(self) -> Transition:
        """Back to the title."""
        return Pop()
