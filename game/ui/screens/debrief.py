"""The end-of-term debrief: charts, decisions on a timeline, lives against the no-new-policy
world, human rights, institutions, findings met, what happened next; export PNG and JSON."""

from __future__ import annotations

import html
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.core import paths
from game.ui import fmt
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
        """Build the text columns and reserve the chart areas."""
        t = self.t
        c = self.game.campaign
        e = html.escape
        self.label(self.R(24, 10, self.width - 48, 40),
                   t("ui.debrief.title", scenario=t(f"scenario.{c.scenario_id}.title")), "@heading")
        left_w = 560.0
        self.chart_rects = [self.R(24, 56, left_w, 214), self.R(24, 278, left_w, 214)]
        x = 24 + left_w + 16
        w = self.width - x - 24
        self.text(self.R(x, 56, w, self.height - 56 - 132), self.summary_html(), "@boxed")
        self.text(self.R(24, 500, left_w, self.height - 500 - 72), self.timeline_html(), "@boxed")
        y = self.height - 62
        bx = 24.0
        for key, action, bw in (
            ("ui.debrief.next" if not self.show_next else "ui.debrief.hide_next",
             self.toggle_next, 230.0),
            ("ui.debrief.export_png", self.export_png, 170.0),
            ("ui.debrief.export_json", self.export_json, 200.0),
            ("ui.debrief.scope", self.toggle_scope, 190.0),
            ("ui.debrief.paths", self.paths, 200.0),
        ):
            self.button(self.R(bx, y, bw, 46), t(key), action, tip=t(key + "_tip"))
            bx += bw + 8
        self.button(self.R(self.width - 224, y, 200, 46), t("ui.debrief.finish"), self.finish,
                    cls="@primary", tip=t("ui.debrief.finish_tip"))
        if self.exported:
            self.text(self.R(x, self.height - 124, w, 56), e(self.exported), "@small")

    def summary_html(self) -> str:
        """Lives against the baseline, human rights, institutions, findings met."""
        t = self.t
        e = html.escape
        c = self.game.campaign
        mine = c.summary()
        base = self.baseline.summary()
        lives = c.lives_against(self.baseline)
        parts = [f"<b>{e(t('ui.debrief.lives'))}</b><br>"]
        if lives > 0:
            parts.append(e(self.plural("ui.debrief.saved", round(lives),
                                       count=fmt.number(lives, 0))))
        elif lives < 0:
            parts.append(e(self.plural("ui.debrief.lost", round(-lives),
                                       count=fmt.number(-lives, 0))))
        else:
            parts.append(e(t("ui.debrief.same")))
        scale = fmt.human_scale(self.app.t, lives)
        if scale:
            parts.append(" " + e(scale))
        parts.append("<br>" + e(t("ui.debrief.totals",
                                  mine=fmt.number(mine.get("true_homicides", 0), 0),
                                  base=fmt.number(base.get("true_homicides", 0), 0))))
        parts.append("<br>" + e(t("ui.debrief.caveat")) + "<br><br>")
        parts += paths_html(self)
        parts.append(f"<b>{e(t('ui.debrief.rights'))}</b><br>")
        parts.append(e(t("ui.debrief.abuses", mine=fmt.number(mine.get("abuses", 0), 0),
                         base=fmt.number(base.get("abuses", 0), 0))) + "<br>")
        parts.append(e(t("ui.debrief.civilians",
                         mine=fmt.number(mine.get("civilian_deaths", 0), 0),
                         base=fmt.number(base.get("civilian_deaths", 0), 0))) + "<br>")
        parts.append(e(t("ui.debrief.disappeared",
                         count=fmt.number(mine.get("disappearances", 0), 0))) + "<br><br>")
        parts.append(f"<b>{e(t('ui.debrief.institutions'))}</b><br>")
        start = c.records[0] if c.records else None
        end = c.records[-1] if c.records else None
        regions = [self.region] if self.region else list(c.world.region_ids)
        for name in ("police_integrity", "judicial_integrity", "legitimacy"):
            if start is None or end is None:
                break
            before = sum(float(start.regions[r].get(name, 0.0)) for r in regions) / len(regions)
            after = sum(float(end.regions[r].get(name, 0.0)) for r in regions) / len(regions)
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
        path = self._export_path("png")
        self.app.draw()
        try:
            self.app.screenshot(path)
        except (OSError, pygame.error) as exc:
            self.exported = self.t("ui.debrief.export_failed", reason=str(exc))
        else:
            self.exported = self.t("ui.debrief.exported", path=str(path))
        self.rebuild()
        return None

    def export_json(self) -> Transition:
        """Hand in the result: its code in large type, and the file saved where the student picks."""
        from game.ui.screens.hand_in import HandInScreen

        return Push(HandInScreen(self.app))

    def finish(self) -> Transition:
        """Back to the title."""
        from game.ui.screens.title import TitleScreen

        return Reset(TitleScreen(self.app))

    def back(self) -> Transition:
        """Esc does nothing here: leaving the debrief is a deliberate button."""
        return None

