"""An intervention's details: what it does, costs, timing, findings; enact or stop it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from game.play import advisors
from game.play.commands import Command, EnactIntervention, Impossible, RepealIntervention
from game.ui import fmt
from game.ui.screen import Pop, Transition
from game.ui.screens.modal import ModalScreen

if TYPE_CHECKING:
    from game.play.campaign import ActionOption
    from game.ui.app import App
    from game.ui.screen import Screen


def affects(screen: Screen, action_id: str) -> list[str]:
    """What an intervention acts on, in plain words: one line per lever it sets, then what it
    ends. Read from the content pack's interventions (ui.lever.ID in the catalogs)."""
    spec = screen.game.campaign.pack.interventions.get(action_id)
    if spec is None:
        return []
    t = screen.t
    lines = []
    for lever, amount in [*spec.regional_effects.items(), *spec.national_effects.items()]:
        text = t(f"ui.lever.{lever}")
        if 0 < float(amount) < 1:
            text = t("ui.action.strength", lever=text, percent=fmt.number(amount * 100, 0))
        lines.append(text)
    if spec.cancels:
        lines.append(t("ui.action.ends", actions=", ".join(
            t(f"action.{other}.name") for other in spec.cancels)))
    return lines


class ActionScreen(ModalScreen):
    """A dialog for one ActionOption: read everything before committing."""

    name = "action"
    dialog_size = (760.0, 600.0)
    changes_nothing = True
    """Closed by Cancel or Esc it changed nothing (Enact and Stop close it with "changed")."""

    def __init__(self, app: App, option: ActionOption) -> None:
        super().__init__(app)
        self.option = option
        self.problem: str | None = None

    def layout(self) -> None:
        """Build the dialog."""
        t = self.t
        o = self.option
        self.layout_size()
        box = self.dialog()
        r = self.dialog_rect()
        e = html.escape
        self.label(self.R(24, 14, r.w - 48, 36), t(f"action.{o.action_id}.name"), "@heading", box)
        where = t(f"region.{o.region}") if o.region else t("ui.action.national")
        parts = [
            e(t(f"action.{o.action_id}.summary")), "<br>",
            *self.advice_html(), "<br>",
            f"<b>{e(t('ui.action.affects'))}</b><br>",
            *[f"• {e(line)}<br>" for line in affects(self, o.action_id)], "<br>",
            f"<b>{e(t('ui.action.where'))}</b> {e(where)}<br>",
            f"<b>{e(t('ui.action.cost'))}</b> ",
            e(t("ui.card.cost", money=fmt.money(t, o.cost_money),
                capital=fmt.number(o.cost_capital, 0))), "<br>",
            f"<b>{e(t('ui.action.timing'))}</b> ",
            e(t("ui.action.timing_now" if o.delay <= 0 else "ui.action.timing_text",
                delay=fmt.quarters(t, o.delay),
                duration=fmt.quarters(t, o.duration) if o.duration > 0
                else t("ui.units.until_stopped"))), "<br><br>",
            f"<b>{e(t('ui.action.findings'))}</b><br>",
        ]
        for fid in o.findings:
            parts.append(f"{fid} · {e(t(f'finding.{fid}.title'))}<br>")
        if o.active:
            parts.append(f"<br><b>{e(t('ui.action.is_active'))}</b>")
        elif not o.possible and o.reason is not None:
            parts.append(f"<br><b>{e(t('ui.action.why_not'))}</b> {e(fmt.message(t, o.reason))}")
        if self.problem:
            parts.append(f"<br><br><b>{e(self.problem)}</b>")
        self.text(self.R(20, 56, r.w - 40, r.h - 130), "".join(parts), None, box)
        if o.active:
            self.button(self.R(r.w - 244, r.h - 62, 220, 42), t("ui.action.stop"), self.stop,
                        cls="@primary", container=box, tip=t("ui.action.stop_tip"))
        else:
            self.button(self.R(r.w - 244, r.h - 62, 220, 42), t("ui.action.enact"), self.enact,
                        cls="@primary", container=box, enabled=bool(o.possible))
        self.button(self.R(24, r.h - 62, 160, 42), t("ui.common.cancel"), lambda: Pop(),
                    container=box)
        self.focus.restore(0 if o.active or o.possible else 1)  # never a disabled Enact

    def layout_size(self) -> None:
        """Grow the dialog with the window (a projector shows more at once)."""
        self.dialog_size = (min(self.width - 40, max(760.0, self.width * 0.58)),
                            min(self.height - 40, max(600.0, self.height * 0.82)))

    def advice_html(self) -> list[str]:
        """What each advisor thinks of this card here, for or against, and why (HTML)."""
        t = self.t
        e = html.escape
        o = self.option
        items = advisors.on_action(self.game.campaign, self.game.seat, o.action_id, o.region)
        if not items:
            return []
        parts = [f"<br><b>{e(t('ui.advice.title'))}</b><br>"]
        for advice in items:
            who = t(f"advisor.{advice.advisor}.name")
            stance = t(f"ui.advice.stance.{advice.stance}")
            parts.append(f"<b>{e(who)}</b> ({e(t(f'advisor.{advice.advisor}.role'))}, "
                         f"{e(stance)}): {e(fmt.message(t, advice.message))}<br>")
        return parts

    def _execute(self, command: Command) -> Transition:
        """Give the command to the game; an Impossible reason stays in the dialog."""
        try:
            self.game.campaign.execute(command)
        except Impossible as impossible:
            self.problem = fmt.message(self.t, impossible.message)
            self.rebuild()
            return None
        return Pop("changed")

    def enact(self) -> Transition:
        """Enact the intervention."""
        return self._execute(EnactIntervention(self.option.action_id, self.option.region,
                                               self.game.seat))

    def stop(self) -> Transition:
        """Stop (repeal) the intervention."""
        return self._execute(RepealIntervention(self.option.action_id, self.option.region,
                                                self.game.seat))
