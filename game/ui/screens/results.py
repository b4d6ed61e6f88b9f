"""Turn results: headlines, every indicator with its change, the Why? panel, delayed effects."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pygame

from game.play.registry import PANEL_INDICATORS
from game.ui import draw, fmt, theme
from game.ui.screen import Pop, Push, Screen, Transition

if TYPE_CHECKING:
    from game.play.campaign import QueuedEffect, TurnRecord
    from game.ui.app import App

ROW = 26.0


def queue_lines(screen: Screen, queue: list[QueuedEffect]) -> list[str]:
    """Describe delayed effects still to arrive (QueuedEffect), one line each."""
    lines = []
    for item in queue:
        action = getattr(item, "action_id", None)
        if action is None:
            continue
        region = getattr(item, "region", None)
        name = screen.t(f"action.{action}.name")
        where = screen.t(f"region.{region}") if isinstance(region, str) else \
            screen.t("ui.action.national")
        lines.append(screen.t("ui.results.queue_item", action=name, where=where,
                              period=screen.period(str(getattr(item, "starts_period", "?")))))
    return lines


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
        self.why_rows: list[tuple[pygame.Rect, float, float, bool]] = []

    def layout(self) -> None:
        """Build the four areas."""
        t = self.t
        rec = self.record
        self.label(self.R(24, 14, 900, 38), t("ui.results.title", period=self.period(rec.period)),
                   "@heading")
        self.button(self.R(self.width - 244, self.height - 64, 220, 48), t("ui.results.continue"),
                    self.close, cls="@primary", tip=t("ui.results.continue_tip"))
        regions = list(rec.regions)
        x = 24.0
        for rid in regions:
            w = max(96.0, 26 + len(t(f"region.{rid}")) * 8.2)
            if x + w > self.width - 24:
                break
            self.button(self.R(x, 58, w, 32), t(f"region.{rid}"), self.assign(region=rid),
                        cls="@primary" if rid == self.region else None)
            x += w + 6
        self._headlines()
        self._indicators()
        self._why()

    def _headlines(self) -> None:
        """Headlines and answered events, then the queue of delayed effects."""
        t = self.t
        e = html.escape
        rec = self.record
        parts = self._prediction_lines()
        parts.append(f"<b>{e(t('ui.results.headlines'))}</b><br>")
        headlines = list(getattr(rec, "headlines", []) or [])
        for message in headlines:
            parts.append(f"• {e(fmt.message(self.t, message))}<br>")
        if not headlines:
            parts.append(e(t("ui.results.quiet")) + "<br>")
        national = rec.national
        deaths = float(national.get("homicides", 0.0))
        parts.append("<br>" + e(self.plural("ui.results.national_deaths", round(deaths),
                                            count=fmt.number(deaths, 0),
                                            per_day=fmt.number(fmt.per_day(deaths), 0))))
        scale = fmt.human_scale(self.app.t, deaths)
        if scale:
            parts.append(" " + e(scale))
        c = self.game.campaign
        lines = queue_lines(self, list(c.queue())) if c is not None else []
        # The queue box takes what its lines need (two per item, wrapped), the news the rest.
        bottom = self.height - 84
        queue_h = min(max(96.0, 48.0 + 52.0 * len(lines)), bottom - 100 - 240)
        news_h = bottom - 100 - queue_h - 10
        self.text(self.R(24, 100, 400, news_h), "".join(parts), "@boxed")
        queue = [f"<b>{e(t('ui.results.queue'))}</b><br>"]
        queue += [f"• {e(line)}<br>" for line in lines] or [e(t("ui.results.queue_empty"))]
        self.text(self.R(24, bottom - queue_h, 400, queue_h), "".join(queue), "@boxed")

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

    def _indicators(self) -> None:
        """Every indicator of the chosen region with before, after and change in words."""
        t = self.t
        rid = self.region
        if rid is None:
            return
        after = self.record.regions.get(rid, {})
        before = self.before.get(rid, {})
        x, w = 440.0, 430.0
        self.label(self.R(x, 100, w, 26), t("ui.results.changes", region=t(f"region.{rid}")),
                   "@subheading")
        y = 130.0
        for name in PANEL_INDICATORS:
            if name not in after or y + ROW > self.height - 84:
                continue
            new = float(after[name])
            old = before.get(name)
            delta = new - float(old) if isinstance(old, int | float) else 0.0
            change = fmt.indicator_change(name, delta) if isinstance(old, int | float) else ""
            word = fmt.change_word(t, name, delta, 1e-6) if change else ""
            if change.startswith("±"):
                word = t("ui.change.same")
            text = t(f"indicator.{name}.name")
            self.button(self.R(x, y, 210, ROW - 2), text, self.assign(indicator=name),
                        tip=t(f"indicator.{name}.tip"),
                        cls="@chosen" if name == self.indicator else "@flat")
            self.label(self.R(x + 216, y, 112, ROW - 2), fmt.indicator_value(t, name, new),
                       "@small")
            self.label(self.R(x + 330, y, 100, ROW - 2), f"{change} {word}".strip(),
                       "@good" if change and not change.startswith("±") and fmt.is_good(name, delta)
                       else "@small")
            y += ROW

    def _why(self) -> None:
        """The causes of the chosen indicator's change, each with its findings."""
        from game.play.registry import findings_of

        t = self.t
        e = html.escape
        x = 884.0
        w = self.width - x - 24
        name = self.indicator
        rid = self.region or "national"
        self.label(self.R(x, 100, w, 26),
                   t("ui.results.why", indicator=t(f"indicator.{name}.name")), "@subheading")
        why = (getattr(self.record, "why", {}) or {}).get(name, {})
        causes = why.get(rid) or why.get("national") or {}
        items = sorted(((c, float(v)) for c, v in causes.items() if abs(float(v)) > 1e-9),
                       key=lambda kv: -abs(kv[1]))[:7]
        self.why_rows = []
        y = 132.0
        biggest = max((abs(v) for _, v in items), default=1.0) or 1.0
        findings: list[str] = []
        for cause, amount in items:
            self.label(self.R(x, y, w - 90, 22), t(f"cause.{cause}"), "@small")
            self.label(self.R(x + w - 88, y, 88, 22), fmt.indicator_change(name, amount),
                       "@small")
            self.why_rows.append((self.R(x, y + 22, w - 92, 8), abs(amount) / biggest, amount,
                                  fmt.is_good(name, amount)))
            y += 36
            for fid in findings_of(cause):
                if fid not in findings:
                    findings.append(fid)
        if not items:
            self.text(self.R(x, y, w, 80), e(t("ui.results.why_none")), "@small")
            y += 80
        if findings:
            self.label(self.R(x, y + 4, w, 22), t("ui.results.findings"), "@bold")
            y += 30
            for fid in findings[:5]:
                if y + 32 > self.height - 84:
                    break
                self.button(self.R(x, y, w, 30), f"{fid} · {t(f'finding.{fid}.title')}",
                            self._open_finding(fid), tip=t("ui.results.finding_tip"),
                            cls="@flat")
                y += 32

    def draw(self, surface: pygame.Surface) -> None:
        """Blit the Why? panel, drawn once per layout."""
        self.blit_layer(surface, self._why_rect(), self._draw_why)

    def _why_rect(self) -> pygame.Rect:
        """The Why? panel, in window pixels."""
        return self.R(876, 92, self.width - 892, self.height - 92 - 80)

    def _draw_why(self, surface: pygame.Surface) -> None:
        """Draw the Why? bars (length = share of the biggest cause; sign also in words)."""
        draw.draw_panel(surface, self._why_rect(), radius=round(6 * self.app.scale))
        for rect, fraction, _amount, good in self.why_rows:
            pygame.draw.rect(surface, theme.GRID, rect)
            filled = pygame.Rect(rect.x, rect.y, max(1, round(rect.w * fraction)), rect.h)
            pygame.draw.rect(surface, theme.ACCENT if good else theme.WARN, filled)

    def _open_finding(self, fid: str) -> Callable[[], Transition]:
        """Action opening a finding in the library."""
        def act() -> Transition:
            from game.ui.screens.library import LibraryScreen

            return Push(LibraryScreen(self.app, tab="findings", selected=fid))
        return act

    def close(self) -> Transition:
        """Back to the main screen (which asks any new dilemma)."""
        return Pop("results_closed")

    def back(self) -> Transition:
        """Esc continues."""
        return self.close()
