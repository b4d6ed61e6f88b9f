"""A dilemma: the situation and each choice with its trade-off, answered before the quarter ends."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.play import advisors
from game.play.commands import AnswerDilemma
from game.ui import draw, fmt, theme
from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

if TYPE_CHECKING:
    from game.play.registry import Dilemma
    from game.ui.app import App


class DilemmaScreen(ModalScreen):
    """A modal that cannot be dismissed without choosing (Esc takes the default answer)."""

    name = "dilemma"
    dialog_size = (780.0, 560.0)

    def __init__(self, app: App, dilemma: Dilemma) -> None:
        super().__init__(app)
        self.dilemma = dilemma

    def layout(self) -> None:
        """The situation, one button per choice with its trade-off, then what each advisor
        would choose and why (the dialog grows with the window)."""
        t = self.t
        d = self.dilemma
        where = t(f"region.{d.region}") if d.region else t("ui.action.national")
        place = {"region": where}
        ids = [str(getattr(c, "id", c)) for c in d.choices]
        counsel = advisors.on_dilemma(self.game.campaign, d.event_id, d.region, ids)
        s = self.app.scale
        w = min(self.width - 40, max(780.0, self.width * 0.6))
        names = [f"{i + 1}. " + t(f"event.{d.event_id}.choice.{cid}.name")
                 for i, cid in enumerate(ids)]
        widest = max((self.text_width(n, "@primary", "button") for n in names), default=0.0)
        stacked = widest + 36 > w * 0.42
        button_w = w - 48 if stacked else max(230.0, widest + 36.0)
        body = t(f"event.{d.event_id}.text", **place)
        text_h = 24.0 * len(draw.wrap(body, theme.font(round(15 * s)), round((w - 56) * s))) + 16
        trade_w = w - 48 if stacked else w - 58 - button_w
        trade_hs = [max(0.0 if stacked else 52.0, 20.0 * len(draw.wrap(
            t(f"event.{d.event_id}.choice.{cid}.tradeoff", **place),
            theme.font(round(13 * s)), round((trade_w - 16) * s))) + 16) + (48 if stacked else 0)
            for cid in ids]
        advice_lines = [self._counsel_line(item, d.event_id) for item in counsel]
        advice_h = 0.0
        if advice_lines:
            advice_h = 30.0 + sum(20.0 * len(draw.wrap(line, theme.font(round(13 * s)),
                                                       round((w - 64) * s))) + 4
                                  for line in advice_lines)
        total = 84 + text_h + sum(h + 8 for h in trade_hs) + advice_h + 16
        self.dialog_size = (w, min(self.height - 40, total))
        box = self.dialog()
        r = self.dialog_rect()
        self.label(self.R(24, 12, r.w - 48, 24), t("ui.dilemma.kicker", where=where), "@muted",
                   box)
        self.label(self.R(24, 36, r.w - 48, 36), t(f"event.{d.event_id}.title", **place),
                   "@heading", box)
        y = 78.0
        self.text(self.R(20, y, r.w - 40, text_h), html.escape(body), None, box)
        y += text_h + 4
        for i, (cid, h) in enumerate(zip(ids, trade_hs, strict=True)):
            name = t(f"event.{d.event_id}.choice.{cid}.name")
            tradeoff = t(f"event.{d.event_id}.choice.{cid}.tradeoff", **place)
            self.button(self.R(24, y, button_w, 44), f"{i + 1}. {name}", self._answer(cid),
                        cls="@primary" if cid == d.default else None, container=box)
            # No tooltip: the trade-off is written beside the button (a hint would cover it).
            if stacked:
                self.text(self.R(20, y + 46, trade_w + 8, h - 48), html.escape(tradeoff),
                          "@small", box)
            else:
                self.text(self.R(34 + button_w, y - 4, trade_w, h), html.escape(tradeoff),
                          "@small", box)
            y += h + 8
        if advice_lines and y + 40 < r.h:
            self.label(self.R(24, y, r.w - 48, 24), t("ui.dilemma.advisors"), "@small_bold", box)
            parts = "".join(self._counsel_html(item, d.event_id) for item in counsel)
            self.text(self.R(20, y + 24, r.w - 40, r.h - y - 30), parts, "@small", box)
        self.focus.restore(0)

    def _counsel_html(self, item: advisors.DilemmaAdvice, event: str) -> str:
        """One advisor's counsel as a line of the box, their name in bold."""
        who = html.escape(self.t(f"advisor.{item.advice.advisor}.name"))
        line = html.escape(self._counsel_line(item, event))
        return f"<b>{who}</b>{line[len(who):]}<br>"

    def _counsel_line(self, item: advisors.DilemmaAdvice, event: str) -> str:
        """"Cmdr. Raúl Medina (security) would choose: Hold him. Hold him: if we let him go..."""
        t = self.t
        who = t(f"advisor.{item.advice.advisor}.name")
        role = t(f"advisor.{item.advice.advisor}.role")
        if item.choice is not None:
            stance = t("ui.dilemma.would_choose",
                       choice=t(f"event.{event}.choice.{item.choice}.name"))
        else:
            stance = t("ui.dilemma.undecided")
        return f"{who} ({role}), {stance}: {fmt.message(t, item.advice.message)}"

    def _answer(self, choice: str) -> Callable[[], Transition]:
        """Action answering the dilemma."""
        def act() -> Transition:
            d = self.dilemma
            self.game.campaign.execute(AnswerDilemma(d.event_id, choice, d.region))
            return Pop("answered")
        return act

    def on_key(self, event: pygame.event.Event) -> Transition:
        """Number keys pick a choice."""
        index = event.key - pygame.K_1
        choices = list(self.dilemma.choices)
        if 0 <= index < len(choices):
            return self._answer(str(getattr(choices[index], "id", choices[index])))()
        return None

    def back(self) -> Transition:
        """Esc does not dismiss a dilemma: the player must choose."""
        return None
