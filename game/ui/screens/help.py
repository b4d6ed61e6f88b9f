"""Help (F1 or ?): how to play a quarter in five steps, and every key and what it does."""

from __future__ import annotations

import html

from game.ui.keyboard import SHORTCUTS
from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

STEPS = ("read", "card", "end", "results", "verdict")
"""How to play, one line each (catalog `ui.help.step.ID`)."""


class HelpScreen(ModalScreen):
    """How to play on the left, the keys on the right (one column when narrow)."""

    name = "help"
    changes_nothing = True
    dialog_size = (960.0, 600.0)

    def layout(self) -> None:
        """Build the two columns and Close."""
        self.dialog_size = (min(self.width - 40, max(960.0, self.width * 0.7)),
                            min(self.height - 40, 620.0))
        box = self.dialog()
        r = self.dialog_rect()
        t = self.t
        e = html.escape
        self.label(self.R(24, 14, r.w - 48, 36), t("ui.help.title"), "@heading", box)
        two = r.w >= 820
        col_w = (r.w - 64) / 2 if two else r.w - 48
        how = [f"<b>{e(t('ui.help.how'))}</b><br>"]
        how += [f"{i + 1}. {e(t(f'ui.help.step.{step}'))}<br>" for i, step in enumerate(STEPS)]
        how.append(f"<br>{e(t('ui.help.tour'))}")
        keys = [f"<b>{e(t('ui.help.keys'))}</b><br>"]
        keys += [f"<b>{e(t(k))}</b>  {e(t(what))}<br>" for k, what in SHORTCUTS]
        body_h = r.h - 56 - 72
        if two:
            self.text(self.R(20, 56, col_w, body_h), "".join(how), None, box)
            self.text(self.R(44 + col_w, 56, col_w, body_h), "".join(keys), None, box)
        else:
            self.text(self.R(20, 56, col_w, body_h), "".join(how) + "<br><br>" + "".join(keys),
                      None, box)
        self.button(self.R(r.w - 184, r.h - 60, 160, 42), t("ui.common.close"), self.close,
                    cls="@primary", container=box)
        self.focus.restore(0)

    def close(self) -> Transition:
        """Close the overlay."""
        return Pop()
