"""The end-of-term debrief: charts, decisions on a timeline, lives against the no-new-policy
world, human rights, institutions, findings met, what happened next; export PNG and JSON."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import paths
from game.play import measures
from game.ui import fmt, theme
from game.ui.screen import Push, Reset, Screen, Transition
from game.ui.screens.charts import draw_term_charts
from game.ui.screens.paths import paths_html

if TYPE_CHECKING:
    from game.play.campaign import Campaign
    from game.ui.app import App

NEXT_TURNS = 8
"""Quarters the model runs on past the term for "what happened next"."""


class DebriefScreen(Screen):
    """Everything a class discusses after a term."""

    name = "debrief"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        c = self.game.campaign
        self.region: str | None = c.region if c.role == "municipal" else None
        self.show_next = False
        self.baseline = self.game.baseline()
        self.next_run: Campaign | None = None
        self.chart_rects: list[pygame.Rect] = []
        self.exported: str = ""
        session = app.session
        if session.result_path is None and c.records:
            # The end of the term writes the result file once; "Save result file" writes anew.
            self.exported = session.write_result()[1]

    def layout(self) -> None:
        """The charts and the decisions on the left, the summary on the right, the buttons
        along the bottom; every part grows with the window."""
        t = self.t
        c = self.game.campaign
        e = html.escape
        self.label(self.R(24, 10, self.width - 48, 40),
                   t("ui.debrief.title", scenario=t(f"scenario.{c.scenario_id}.title")), "@heading")
        buttons = [
            ("ui.debrief.next" if not self.show_next else "ui.debrief.hide_next",
             self.toggle_next),
            ("ui.debrief.export_png", self.export_png),
            ("ui.debrief.export_json", self.export_json),
            ("ui.debrief.scope", self.toggle_scope),
            ("ui.debrief.paths", self.paths),
        ]
        widths = [self.text_width(t(key), None, "button") + 30.0 for key, _ in buttons]
        finish_w = self.text_width(t("ui.debrief.finish"), "@primary", "button") + 40.0
        room = self.width - 48 - finish_w - 16
        rows: list[list[int]] = [[]]
        used = 0.0
        for i, bw in enumerate(widths):
            if rows[-1] and used + bw > room:
                rows.append([])
                used = 0.0
            rows[-1].append(i)
            used += bw + 8
        bottom = 72.0 + 54.0 * (len(rows) - 1)
        left_w = max(420.0, (self.width - 64) * 0.48)
        body = self.height - 56 - bottom
        chart_h = max(100.0, body * 0.62 / 2)
        self.chart_rects = [self.R(24, 56, left_w, chart_h - 6),
                            self.R(24, 56 + chart_h, left_w, chart_h - 6)]
        timeline_y = 56 + 2 * chart_h
        x = 24 + left_w + 16
        w = self.width - x - 24
        note_h = self.note_height(w) if self.exported else 0.0
        self.text(self.R(x, 56, w, body - note_h - 6), self.summary_html(), "@boxed")
        self.text(self.R(24, timeline_y, left_w, self.height - bottom - timeline_y),
                  self.timeline_html(), "@boxed")
        for r, row in enumerate(rows):
            y = self.height - 60 - 54 * (len(rows) - 1 - r)
            bx = 24.0
            for i in row:
                key, action = buttons[i]
                self.button(self.R(bx, y, widths[i], 46), t(key), action, tip=t(key + "_tip"))
                bx += widths[i] + 8
        self.button(self.R(self.width - 24 - finish_w, self.height - 60, finish_w, 46),
                    t("ui.debrief.finish"), self.finish, cls="@primary",
                    tip=t("ui.debrief.finish_tip"))
        if self.exported:
            self.text(self.R(x, self.height - bottom - note_h, w, note_h), e(self.exported),
                      "@small")

    def note_height(self, width: float) -> float:
        """Layout height the result file's note needs ("Hand this file to your teacher", its
        folder and file) to show every line at this width, up to a third of the body."""
        s = self.app.scale
        line = theme.class_font("@small", "label", s).get_linesize() / s
        lines = len(self.wrap_lines(self.exported, width - 16, "@small"))
        return min(lines * line + 14, max(56.0, (self.height - 140) / 3))

    def summary_html(self) -> str:
        """Lives against the same world, human rights, institutions from the start of the term
        to its end, findings met (over the places the player answers for)."""
        t = self.t
        e = html.escape
        c = self.game.campaign
        scope = measures.seat_scope(c, 0)
        totals = measures.term_totals(c, scope)
        played, base = totals["lives"]
        lives = round(base - played)
        parts = [f"<b>{e(t('ui.debrief.lives'))}</b><br>"]
        if lives > 0:
            parts.append(e(self.plural("ui.debrief.saved", lives, count=fmt.number(lives, 0))))
        elif lives < 0:
            parts.append(e(self.plural("ui.debrief.lost", -lives, count=fmt.number(-lives, 0))))
        else:
            parts.append(e(t("ui.debrief.same")))
        scale = fmt.human_scale(self.app.t, lives)
        if scale:
            parts.append(" " + e(scale))
        parts.append("<br>" + e(t("ui.debrief.totals", mine=fmt.number(played, 0),
                                  base=fmt.number(base, 0))))
        parts.append("<br>" + e(t("ui.debrief.caveat")) + "<br><br>")
        parts += paths_html(self)
        mine_abuses, base_abuses = totals["rights"]
        civilians = [sum(measures.series(c, scope, "civilian_deaths")[k]) for k in (0, 1)]
        disappeared = sum(measures.series(c, scope, "disappearances")[0])
        parts.append(f"<b>{e(t('ui.debrief.rights'))}</b><br>")
        parts.append(e(t("ui.debrief.abuses", mine=fmt.number(mine_abuses, 0),
                         base=fmt.number(base_abuses, 0))) + "<br>")
        parts.append(e(t("ui.debrief.civilians", mine=fmt.number(civilians[0], 0),
                         base=fmt.number(civilians[1], 0))) + "<br>")
        parts.append(e(t("ui.debrief.disappeared", count=fmt.number(disappeared, 0))) + "<br><br>")
        parts.append(f"<b>{e(t('ui.debrief.institutions'))}</b><br>")
        end = c.records[-1] if c.records else None
        for name in ("police_integrity", "judicial_integrity", "legitimacy"):
            if end is None:
                break
            before = measures.aggregate(c, c.start.regions, scope, name)
            after = measures.aggregate(c, end.regions, scope, name)
            parts.append(e(t("ui.debrief.institution_line",
                             indicator=t(f"indicator.{name}.name"),
                             before=fmt.number(before * 100, 0), after=fmt.number(after * 100, 0),
                             change=fmt.change_word(t, name, after - before, 0.005))) + "<br>")
        parts += self.calibration_html()
        parts.append("<br>" + f"<b>{e(t('ui.debrief.findings'))}</b><br>")
        for fid in self.findings_met():
            parts.append(f"{fid} · {e(t(f'finding.{fid}.title'))}<br>")
        return "".join(parts)

    def calibration_html(self) -> list[str]:
        """How well the predictions matched what happened ("7 of 11 right"), if any were made."""
        t = self.t
        e = html.escape
        scored = self.game.scored_predictions()
        if not scored:
            return []
        answers = [ok for p in scored for ok in p["right"].values()]
        violence = sum(bool(p["right"]["violence"]) for p in scored)
        trust = sum(bool(p["right"]["legitimacy"]) for p in scored)
        return [f"<br><b>{e(t('ui.debrief.predictions'))}</b><br>",
                e(t("ui.debrief.calibration", right=sum(bool(a) for a in answers),
                    total=len(answers))) + "<br>",
                e(t("ui.debrief.calibration_detail", violence=violence, trust=trust,
                    count=len(scored))) + "<br>"]

    def findings_met(self) -> list[str]:
        """Findings behind the actions taken, the dilemmas faced and the main causes seen."""
        from game.classroom.result_files import findings_met

        return findings_met(self.game.campaign)

    def timeline_html(self) -> str:
        """The decisions, quarter by quarter."""
        t = self.t
        e = html.escape
        c = self.game.campaign
        parts = [f"<b>{e(t('ui.debrief.timeline'))}</b><br>"]
        decisions = [d for d in c.decisions if not d.get("default")]
        for d in decisions:
            period = self.period(c.world.period(int(d["turn"])))
            where = t(f"region.{d['region']}") if d.get("region") else t("ui.action.national")
            if d.get("verb") == "answer":
                line = t("ui.debrief.answered", event=t(f"event.{d['event']}.title"),
                         choice=t(f"event.{d['event']}.choice.{d['choice']}.name"))
            else:
                line = t(f"ui.debrief.verb_{d.get('verb')}", action=t(f"action.{d['action']}.name"),
                         where=where)
            parts.append(f"{period} · {e(line)}<br>")
        if not decisions:
            parts.append(e(t("ui.debrief.no_decisions")))
        return "".join(parts)

    def draw(self, surface: pygame.Surface) -> None:
        """Draw the charts with the baseline (and the run past the term if asked)."""
        self.blit_layer(surface, self.chart_rects[0].unionall(self.chart_rects), lambda canvas:
                        draw_term_charts(self, canvas, self.chart_rects, self.region,
                                         extra=self.next_run if self.show_next else None,
                                         baseline=self.baseline))

    def toggle_next(self) -> Transition:
        """Show or hide what the model says happened after the term."""
        if self.next_run is None:
            self.next_run = self.game.campaign.run_on(NEXT_TURNS)
        self.show_next = not self.show_next
        self.rebuild()
        return None

    def paths(self) -> Transition:
        """Go back to an earlier quarter, or see this path beside the first one."""
        from game.ui.screens.paths import PathsScreen

        return Push(PathsScreen(self.app))

    def toggle_scope(self) -> Transition:
        """Switch the charts between national and the first (or the mayor's) region."""
        c = self.game.campaign
        self.region = None if self.region else (c.region or c.world.region_ids[0])
        self.rebuild()
        return None

    def _export_path(self, suffix: str) -> Path:
        """Return a fresh file name in the exports folder."""
        folder = paths.user_data_dir() / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        c = self.game.campaign
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return folder / f"plaza-{c.scenario_id}-{c.role}-seed{c.seed}-{stamp}.{suffix}"

    def export_png(self) -> Transition:
        """Save the debrief as it looks now."""
        self.exported = self.save_picture(self._export_path("png"), "ui.debrief.exported",
                                          "ui.debrief.export_failed")
        self.rebuild()
        return None

    def export_json(self) -> Transition:
        """Hand in the result: its code in large type, and the file saved where asked."""
        from game.ui.screens.hand_in import HandInScreen

        return Push(HandInScreen(self.app))

    def finish(self) -> Transition:
        """Back to the title."""
        from game.ui.screens.title import TitleScreen

        return Reset(TitleScreen(self.app))

    def back(self) -> Transition:
        """Esc does nothing here: leaving the debrief is a deliberate button."""
        return None

