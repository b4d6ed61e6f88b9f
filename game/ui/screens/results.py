"""A quarter's results: the human toll (never cut off), the news, every indicator against the
quarter before and the same world, and the Why? a student understands: what each decision
did against the same world, and the change split into decisions, criminal groups, politics,
the state's forces and institutions, and chance."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame
from babel.lists import format_list

from game.core.i18n import Message, Translator, cldr_locale
from game.play import measures
from game.play.registry import PANEL_INDICATORS, WHY_INDICATORS, findings_of
from game.ui import draw, fmt, theme
from game.ui.screen import Pop, Push, Screen, Transition

if TYPE_CHECKING:
    from game.play.campaign import QueuedEffect, TurnRecord
    from game.ui.app import App

ROW = 26.0
WHY_ROW = 32.0
DISAGREE: dict[str, tuple[int, str]] = {
    "military": (1, "F3"), "kingpin": (1, "F3"), "arrangements": (1, "F2"),
    "tolerance": (1, "F2"),
}
"""Causes whose effect this quarter can seem to contradict a finding on killings: the sign
the finding reports on average, and the finding (a sentence says why both hold)."""


def disagreement(t: Translator, cause: str) -> str:
    """The sentence saying why this quarter's effect of a cause and its finding both hold; the
    finding named by its title as well as its id (a player does not know what F3 is)."""
    fid = DISAGREE[cause][1]
    finding = t("ui.why.finding_ref", id=fid, title=t(f"finding.{fid}.title"))
    return t(f"ui.why.disagree.{cause}", finding=finding)


def queue_lines(screen: Screen, queue: list[QueuedEffect]) -> list[str]:
    """Describe delayed effects still to arrive (QueuedEffect), one line each."""
    lines = []
    for item in queue:
        name = screen.t(f"action.{item.action_id}.name")
        where = screen.t(f"region.{item.region}") if isinstance(item.region, str) else \
            screen.t("ui.action.national")
        lines.append(screen.t("ui.results.queue_item", action=name, where=where,
                              period=screen.period(item.starts_period)))
    return lines


def decision_name(t: Callable[..., str], effect: measures.DecisionEffect) -> str:
    """A decision as one line: "Vet the police (Ciudad Juárez)" or a dilemma's answer."""
    if effect.verb == "answer" and effect.event:
        return t("ui.why.answer", event=t(f"event.{effect.event}.title"),
                 choice=t(f"event.{effect.event}.choice.{effect.choice}.name"))
    name = t(f"action.{effect.action}.name")
    if effect.verb == "repeal":
        return t("ui.why.repeal", action=name)
    return name


def merged_headlines(t: Translator, headlines: list[Message]) -> list[Message]:
    """The quarter's headlines with one story told once: the same news in several places
    ("... in La Montaña", "... in Acapulco") becomes one headline naming them all."""
    groups: dict[tuple[str, str], list[Message]] = {}
    for message in headlines:
        rest = {k: v for k, v in message.params.items() if k != "region"}
        groups.setdefault((message.key, repr(sorted(rest.items()))), []).append(message)
    merged: list[Message] = []
    for same in groups.values():
        places = [m.params.get("region") for m in same]
        if len(same) == 1 or any(not isinstance(p, str) for p in places):
            merged += same
            continue
        names = [t.format_value(p) for p in dict.fromkeys(places)]
        joined = format_list(names, locale=cldr_locale(t.locale))
        merged.append(Message(same[0].key, {**same[0].params, "region": joined}))
    return merged


def decision_shorter(t: Callable[..., str], effect: measures.DecisionEffect) -> list[str]:
    """Shorter wordings of a decision for a narrow row: a dilemma's answer alone."""
    if effect.verb == "answer" and effect.event:
        return [t(f"event.{effect.event}.choice.{effect.choice}.name")]
    return [decision_name(t, effect)]


def decision_wordings(t: Callable[..., str], effects: list[measures.DecisionEffect],
                      period_of: Callable[[int], str]) -> list[list[str]]:
    """Each decision's wordings for its row (longest first), two rows never alike: the same
    card played twice says where (when the places differ) or from which quarter."""
    names = [decision_name(t, e) for e in effects]
    wordings = []
    for effect, name in zip(effects, names, strict=True):
        alike = [e for e, n in zip(effects, names, strict=True) if n == name]
        if len(alike) == 1:
            wordings.append([name, *decision_shorter(t, effect)])
            continue
        when = t("ui.why.decision_when", decision=name, period=period_of(effect.turn))
        places = [e.region for e in alike]
        if effect.region and None not in places and len(set(places)) == len(places):
            wordings.append([t("ui.why.decision_in", decision=name,
                               region=t(f"region.{effect.region}")), when])
        else:
            wordings.append([when])
    return wordings


class ResultsScreen(Screen):
    """What happened this quarter and why; Continue goes back to the main screen."""

    name = "results"

    def __init__(self, app: App, record: TurnRecord, before: dict[str, dict[str, Any]],
                 region: str | None) -> None:
        super().__init__(app)
        self.record = record
        self.before = before
        self.region = region if region in record.regions else next(iter(record.regions), None)
        self.indicator = "homicides"
        self.bars: list[tuple[pygame.Rect, float, bool | None]] = []
        self.why_rect = pygame.Rect(0, 0, 0, 0)
        self.decisions_rect = pygame.Rect(0, 0, 0, 0)
        self.ind_page = 0

    @property
    def first_quarter(self) -> bool:
        """Whether this is the game's first quarter (the quarter before is the start)."""
        return self.record.turn <= 1

    def columns(self) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
        """(x, w) of the news, the indicators and the Why?, in layout units."""
        inner = self.width - 48 - 24
        news_w = max(240.0, inner * 0.27)
        ind_w = max(350.0, inner * 0.35)
        why_w = inner - news_w - ind_w
        return (24.0, news_w), (24 + news_w + 12, ind_w), (24 + news_w + ind_w + 24, why_w)

    def layout(self) -> None:
        """The title and places, the toll, the three columns, Continue."""
        t = self.t
        rec = self.record
        self.label(self.R(24, 10, self.width - 48, 36),
                   t("ui.results.title", period=self.period(rec.period)), "@heading")
        below = self.tab_rows(
            [(t(f"region.{rid}"), self.assign(region=rid, ind_page=0), rid == self.region)
             for rid in rec.regions], 48.0,
            lambda text: theme.font(16, True).size(text)[0] + 28.0, 32.0,
            tip=t("ui.results.region_tip"))
        y = self._toll(below + 8.0)
        self._headlines(y)
        self._indicators(y)
        self._why(y)
        self.button(self.R(self.width - 244, self.height - 58, 220, 46), t("ui.results.continue"),
                    self.close, cls="@primary", tip=t("ui.results.continue_tip"), default=True)

    # ---- the human toll -------------------------------------------------------------------

    def daily_rate(self, killed: float) -> str:
        """A quarter's dead as a daily rate a student can picture: "about 4 a day", or, under
        one a day, "about one every 3 days" (never "about 0 a day")."""
        daily = fmt.per_day(killed)
        if daily >= 0.95 or killed < 0.5:
            return self.t("ui.results.rate_daily", count=fmt.number(daily, 0))
        return self.t("ui.results.rate_days", days=fmt.number(1 / daily, 0))

    def _toll(self, y: float) -> float:
        """The quarter's dead in the player's places, per day, on a human scale, and the same
        world's; sized to its words so it is never cut off. Return the bottom."""
        t = self.t
        c = self.game.campaign
        scope = measures.seat_scope(c, 0)
        lives = next(m for m in measures.headline(c, scope, self.record) if m.id == "lives")
        killed = lives.played
        where = t(f"region.{scope[0]}") if len(scope) == 1 else t("ui.results.toll_where_all")
        recorded = measures.aggregate(c, self.record.regions, scope, "homicides")
        text = self.plural("ui.results.toll", round(killed), count=fmt.number(killed, 0),
                           where=where, per_day=self.daily_rate(killed),
                           recorded=fmt.number(recorded, 0),
                           hidden=fmt.number(max(0.0, killed - recorded), 0))
        scale = fmt.human_scale(self.app.t, killed)
        if scale:
            text += " " + scale
        diff, _good = self._lives_difference(lives)
        text += " " + t("ui.results.toll_same", value=fmt.number(lives.baseline, 0), diff=diff)
        w = self.width - 48
        s = self.app.scale
        lines = len(draw.wrap(text, theme.font(round(15 * s)), round((w - 28) * s)))
        h = 22.0 * lines + 22
        self.text(self.R(24, y, w, h), html.escape(text), "@boxed")
        return y + h + 10

    def _lives_difference(self, lives: measures.Measure) -> tuple[str, bool | None]:
        """"24 fewer killed with your decisions" (or more, or no difference)."""
        from game.ui import present

        return present.measure_difference(self.app.t, lives)

    # ---- the news -------------------------------------------------------------------------

    def _headlines(self, top: float) -> None:
        """The prediction's score, the headlines as news, then the delayed effects."""
        t = self.t
        e = html.escape
        (x, w), _, _ = self.columns()
        parts = self._prediction_lines()
        parts.append(f"<b>{e(t('ui.results.headlines'))}</b><br>")
        for message in merged_headlines(self.app.t, self.record.headlines):
            parts.append(f"<b>{e(fmt.message(t, message))}</b><br>")
            dek_key = f"{message.key}.dek"
            dek = t(dek_key, **dict(message.params))
            if dek != dek_key:
                parts.append(f"<i>{e(dek)}</i><br>")
            parts.append("<br>")
        if not self.record.headlines:
            parts.append(e(t("ui.results.quiet")) + "<br>")
        else:
            muted = "#{:02X}{:02X}{:02X}".format(*theme.MUTED)
            parts.append(f"<font color='{muted}'>{e(t('ui.results.invented'))}</font><br>")
        lines = queue_lines(self, list(self.game.campaign.queue()))
        bottom = self.height - 70
        wrapped = sum(len(self.wrap_lines("• " + line, w - 28, None)) for line in lines) or \
            len(self.wrap_lines(t("ui.results.queue_empty"), w - 28, None))
        wrapped += len(self.wrap_lines(t("ui.results.queue"), w - 28, "@bold")) - 1
        queue_h = min(30.0 + 26.0 * (wrapped + 1), (bottom - top) * 0.45)
        self.text(self.R(x, top, w, bottom - top - queue_h - 10), "".join(parts), "@boxed")
        queue = [f"<b>{e(t('ui.results.queue'))}</b><br>"]
        queue += [f"• {e(line)}<br>" for line in lines] or [e(t("ui.results.queue_empty"))]
        self.text(self.R(x, bottom - queue_h, w, queue_h), "".join(queue), "@boxed")

    def _prediction_lines(self) -> list[str]:
        """Whether this quarter's prediction was right, question by question (HTML)."""
        t = self.t
        e = html.escape
        scored = next((p for p in self.game.scored_predictions()
                       if p["turn"] == self.record.turn), None)
        if scored is None:
            return []
        lines = [f"<b>{e(t('ui.results.prediction'))}</b>"]
        for question in ("violence", "legitimacy"):
            right = bool(scored["right"][question])
            lines.append("<br>" + e(t(
                "ui.results.predicted_right" if right else "ui.results.predicted_wrong",
                question=t(f"ui.predict.{question}_short"),
                guess=t(f"ui.predict.{scored[question]}_word"),
                outcome=t(f"ui.predict.{scored['outcome'][question]}_done"))))
        lines.append("<br><br>")
        return lines

    # ---- the indicators -------------------------------------------------------------------

    def _indicators(self, top: float) -> None:
        """Every indicator of the region: value, change since the quarter before (better or
        worse as the registry says), the same world; click or Enter for its Why?."""
        t = self.t
        rid = self.region
        if rid is None:
            return
        _, (x, w) = self.columns()[:2]
        after = self.record.regions.get(rid, {})
        before = self.before.get(rid, {})
        self.label(self.R(x, top, w, 26), t("ui.results.changes", region=t(f"region.{rid}")),
                   "@subheading")
        names = [n for n in PANEL_INDICATORS if n in after]
        room = self.height - 70 - (top + 30) - 40
        per_page = max(4, int(room // ROW))
        shown = names[self.ind_page * per_page:(self.ind_page + 1) * per_page]
        pages = (len(names) + per_page - 1) // per_page
        y = top + 30
        name_w = w * 0.47
        value_w = w * 0.24
        for name in shown:
            new = float(after[name])
            old = before.get(name)
            change, word, good = self.change_of(name, new, old)
            cls_name = "@chosen" if name == self.indicator else "@flat"
            self.button(self.R(x, y, name_w, ROW - 2),
                        self.fitted(name_w - 8, cls_name, t(f"indicator.{name}.name"),
                                    t(f"indicator.{name}.short"), element="button"),
                        self.assign(indicator=name), tip=t(f"indicator.{name}.tip"),
                        cls="@chosen" if name == self.indicator else "@flat")
            value = fmt.indicator_value(t, name, new)
            if not self.fits(value, value_w, "@small") and fmt.is_rate(name):
                value = t("ui.units.rate_short", value=fmt.number(new, 0))
            self.label(self.R(x + name_w + 4, y, value_w, ROW - 2), value, "@small")
            text = f"{change} {word}".strip()
            self.label(self.R(x + name_w + 4 + value_w, y, w - name_w - value_w - 4, ROW - 2),
                       text,
                       "@good" if good else "@warn" if good is False else "@small")
            y += ROW
        if pages > 1:
            self.ind_page = min(self.ind_page, pages - 1)
            label = t("ui.results.more_indicators", page=self.ind_page + 1, pages=pages)
            self.button(self.R(x, y + 6, w, 32), label,
                        self.assign(ind_page=(self.ind_page + 1) % pages),
                        tip=t("ui.results.more_indicators_tip"))

    def change_of(self, name: str, new: float, old: Any) -> tuple[str, str, bool | None]:
        """The change since the quarter before, in its unit and in words, and whether good.

        The first quarter compares with the start; a quarter's count the start does not hold
        (none were drawn before the game) shows no change rather than a rise from zero.
        """
        t = self.t
        if not isinstance(old, int | float):
            return "", "", None
        if self.first_quarter and fmt.is_flow(name) and float(old) == 0.0:
            return t("ui.results.first_count"), "", None
        delta = new - float(old)
        change = fmt.indicator_change(name, delta)
        if change.startswith("±"):
            return t("ui.change.same"), "", None
        word = fmt.change_word(t, name, delta, 1e-6)
        from game.play.registry import indicator

        good = indicator(name).is_good(delta)
        return change, word, good

    # ---- the Why? -------------------------------------------------------------------------

    def _why(self, top: float) -> None:
        """What the decisions did against the same world, and the change split by families."""
        t = self.t
        c = self.game.campaign
        _, _, (x, w) = self.columns()
        name, rid = self.indicator, self.region
        if rid is None:
            return
        bottom = self.height - 70
        self.why_rect = self.R(x - 8, top - 4, w + 8, bottom - top + 4)
        self.bars = []
        ix, iw = x + 4, w - 12
        self.label(self.R(ix, top, iw, 26), self.fitted(
            iw, "@subheading", t("ui.results.why", indicator=t(f"indicator.{name}.name")),
            t("ui.results.why_short")), "@subheading")
        y = top + 30
        after = float(self.record.regions[rid].get(name, 0.0))
        base = (self.record.baseline or {}).get("regions", {}).get(rid, {})
        effects, interaction = measures.decision_effects(c, self.record, [rid], name)
        ghost = float(base.get(name, after))
        self.label(self.R(ix, y, iw, 22), self.fitted(
            iw, "@small_bold", t("ui.why.against", value=fmt.indicator_value(t, name, after),
                                 ghost=fmt.indicator_value(t, name, ghost)),
            t("ui.why.against_short", value=fmt.number(after, 0 if fmt.is_flow(name) else 2),
              ghost=fmt.number(ghost, 0 if fmt.is_flow(name) else 2))), "@small_bold")
        y += 24
        decision_top = y
        biggest = max([abs(e.amount) for e in effects] + [abs(interaction), 1e-9])
        shown = [e for e in effects if abs(e.amount) > 1e-9]
        wordings = decision_wordings(t, shown, lambda turn: self.period(c.world.period(turn)))
        rows: list[tuple[str, float]] = [
            (self.fitted(iw - 88, "@small", *words), e.amount)
            for e, words in zip(shown, wordings, strict=True)]
        if abs(interaction) > 1e-9:
            rows.append((t("ui.why.interaction"), interaction))
        if not effects:
            self.label(self.R(ix, y, iw, 22), self.fitted(iw, "@muted", t("ui.why.no_decisions"),
                                                          t("ui.why.no_decisions_short")),
                       "@muted")
            y += 24
        elif not rows:
            self.label(self.R(ix, y, iw, 22), self.fitted(iw, "@muted", t("ui.why.no_effect"),
                                                          t("ui.why.no_effect_short")),
                       "@muted")
            y += 24
        for label, amount in rows[:4]:
            y = self._bar_row(ix, y, iw, label, name, amount, biggest)
        self.decisions_rect = self.R(x - 4, decision_top - 26, w, y - decision_top + 28)
        y += 10
        split = measures.why_split(c, self.record.turn, name, rid)
        if split is not None:
            self.label(self.R(ix, y, iw, 22), t("ui.why.since", change=fmt.indicator_change(
                name, split.change)), "@small_bold")
            y += 24
            biggest = max([abs(v) for v in split.families.values()] + [1e-9])
            for family, amount in split.families.items():
                if abs(amount) < 1e-9 and family != "decisions":
                    continue
                label = t(f"ui.why.family.{family}")
                main = self._main_cause(split, family)
                if main:
                    label = t("ui.why.family_mostly", family=label, cause=t(f"cause.{main}"))
                label = self.fitted(iw - 88, "@small", label, t(f"ui.why.family.{family}"),
                                    t(f"ui.why.family.{family}_short"))
                y = self._bar_row(ix, y, iw, label, name, amount, biggest)
            if name not in WHY_INDICATORS:
                self.label(self.R(ix, y, iw, 22), self.fitted(iw, "@muted", t("ui.why.no_ledger"),
                                                              t("ui.why.no_ledger_short")),
                           "@muted")
                y += 24
        y = self._disagreement(ix, y + 6, iw, bottom)
        self._findings(ix, y + 4, iw, bottom, split)

    def _bar_row(self, x: float, y: float, w: float, label: str, name: str, amount: float,
                 biggest: float) -> float:
        """One cause: its words and amount, and under them a bar as long as its share of
        the biggest."""
        self.label(self.R(x, y, w - 84, 20), label, "@small")
        self.label(self.R(x + w - 80, y, 80, 20), fmt.indicator_change(name, amount),
                   "@small_right")
        from game.play.registry import indicator

        self.bars.append((self.R(x + 2, y + 21, w - 4, 6), abs(amount) / biggest,
                          indicator(name).is_good(amount)))
        return y + WHY_ROW

    def _main_cause(self, split: measures.WhySplit, family: str) -> str | None:
        """The biggest cause within a family (None for decisions and small families)."""
        from game.play.registry import CAUSES

        if family in ("decisions", "events"):
            return None
        members = [(cause, amount) for cause, amount in split.causes.items()
                   if measures.FAMILY_OF_GROUP.get(
                       CAUSES[cause].group if cause in CAUSES else "chance") == family
                   and cause != "chance"]
        if not members:
            return None
        return max(members, key=lambda item: abs(item[1]))[0]

    def _disagreement(self, x: float, y: float, w: float, bottom: float) -> float:
        """One sentence where this quarter's sign of a cause seems to contradict a finding."""
        if self.indicator not in ("homicides", "true_homicides") or self.region is None:
            return y
        causes = self.record.why.get(self.indicator, {}).get(self.region, {})
        for cause, (sign, _) in DISAGREE.items():
            amount = float(causes.get(cause, 0.0))
            if amount * sign < -0.5:
                text = disagreement(self.app.t, cause)
                s = self.app.scale
                lines = len(draw.wrap(text, theme.font(round(13 * s)), round((w - 28) * s)))
                h = 21.0 * lines + 20
                if y + h < bottom:
                    self.text(self.R(x - 4, y, w + 4, h), html.escape(text), "@note")
                    return y + h + 4
        return y

    def _findings(self, x: float, y: float, w: float, bottom: float,
                  split: measures.WhySplit | None) -> None:
        """Buttons to the findings behind the biggest causes (as many as fit)."""
        t = self.t
        if split is None:
            return
        found: list[str] = []
        for cause, _ in sorted(split.causes.items(), key=lambda kv: -abs(kv[1])):
            for fid in findings_of(cause):
                if fid not in found:
                    found.append(fid)
        if not found or y + 60 > bottom:
            return
        self.label(self.R(x, y, w, 22), t("ui.results.findings"), "@small_bold")
        y += 24
        for fid in found[:3]:
            if y + 30 > bottom:
                break
            self.button(self.R(x, y, w, 28), t(f"finding.{fid}.title"),
                        self._open_finding(fid), tip=t("ui.results.finding_tip"), cls="@flat")
            y += 30

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the Why? panel, drawn once per layout."""
        self.blit_layer(surface, self.why_rect, self._draw_why)

    def _draw_why(self, surface: pygame.Surface) -> None:
        """Draw the Why? bars (length = share of the biggest; better or worse in colour and
        in the sign written beside it)."""
        draw.draw_panel(surface, self.why_rect, radius=round(6 * self.app.scale))
        for rect, fraction, good in self.bars:
            pygame.draw.rect(surface, theme.GRID, rect)
            filled = pygame.Rect(rect.x, rect.y, max(1, round(rect.w * min(1.0, fraction))),
                                 rect.h)
            colour = theme.ACCENT if good else theme.WARN if good is False else theme.MUTED
            pygame.draw.rect(surface, colour, filled)

    def coach_targets(self) -> dict[str, pygame.Rect]:
        """Where the guided quarter points on this screen: the decisions, the Why?."""
        return {"decisions": self.decisions_rect, "why": self.why_rect}

    def update(self, dt: float) -> Transition:
        """After the guided first quarter, its last coach marks (once)."""
        session = self.app.session
        if session.coach_results and self.app.top is self:
            session.coach_results = False
            from game.ui.screens.coach import RESULTS_STEPS, CoachScreen

            return Push(CoachScreen(self.app, self, RESULTS_STEPS))
        return None

    def _open_finding(self, fid: str) -> Callable[[], Transition]:
        """Action opening a finding in the library."""
        def act() -> Transition:
            from game.ui.screens.library import LibraryScreen

            return Push(LibraryScreen(self.app, tab="findings", selected=fid))
        return act

    def close(self) -> Transition:
        """Back to the main screen (which asks any new dilemma, or shows the verdict)."""
        return Pop("results_closed")

    def back(self) -> Transition:
        """Esc continues."""
        return self.close()
