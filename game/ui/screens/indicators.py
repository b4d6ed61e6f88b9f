"""Every indicator of a region, one click or key (I) from the main screen, each explained.

A row per indicator in the registry's panel list: its plain-language name, its value, its
change since the quarter before (better or worse as the registry says), the same world's
value with no new policy, and what it means. Every row is reached by Tab.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.play.registry import PANEL_INDICATORS
from game.ui import fmt
from game.ui.screen import Pop, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App

ROW_H = 50.0


def change_text(t: fmt.Translate, name: str, before: float | None, after: float) -> str:
    """"−46 (better)" since the quarter before; empty when there is nothing to compare."""
    if before is None:
        return ""
    delta = after - before
    word = fmt.change_word(t, name, delta, 1e-6)
    change = fmt.indicator_change(name, delta)
    if change.startswith("±"):
        return t("ui.change.same")
    return t("ui.indicators.change", change=change, word=word) if word else change


class IndicatorsScreen(Screen):
    """All of a region's indicators with their explanations; I or Esc goes back."""

    name = "indicators"
    changes_nothing = True

    def __init__(self, app: App, region: str | None) -> None:
        super().__init__(app)
        ids = list(self.game.campaign.world.region_ids)
        self.region = region if region in ids else (ids[0] if ids else None)

    def layout(self) -> None:
        """Build the rows in one or two columns, and the region switch."""
        t = self.t
        c = self.game.campaign
        rid = self.region
        if rid is None:
            return
        self.label(self.R(24, 12, self.width - 48, 36),
                   t("ui.indicators.title", region=t(f"region.{rid}")), "@heading")
        period = c.records[-1].period if c.records else None
        intro = t("ui.indicators.intro", period=self.period(period)) if period else \
            t("ui.indicators.intro_start")
        self.label(self.R(24, 48, self.width - 48, 22), intro, "@muted")
        records = [c.start, *c.records]
        now = records[-1].regions[rid]
        before = records[-2].regions[rid] if len(records) >= 2 else None
        base = (c.records[-1].baseline or {}).get("regions", {}).get(rid) if c.records else None
        names = [n for n in PANEL_INDICATORS if n in now]
        columns = 2 if self.width >= 1100 else 1
        col_w = (self.width - 48 - 16 * (columns - 1)) / columns
        top, bottom = 78.0, self.height - 72
        heights = {n: 24.0 + 18.0 * min(2, len(self.wrap_lines(t(f"indicator.{n}.tip"), col_w - 8,
                                                         "@muted"))) + 6 for n in names}
        pages: list[list[list[str]]] = [[[] for _ in range(columns)]]
        col, y = 0, top
        for name in names:
            if y + heights[name] > bottom:
                col, y = col + 1, top
                if col >= columns:
                    pages.append([[] for _ in range(columns)])
                    col = 0
            pages[-1][col].append(name)
            y += heights[name]
        self.page = min(self.page, len(pages) - 1)
        for ci, column in enumerate(pages[self.page]):
            y = top
            for name in column:
                self._row(24 + ci * (col_w + 16), y, col_w, heights[name], name, now, before,
                          base)
                y += heights[name]
        self.button(self.R(24, self.height - 60, 180, 44), t("ui.common.back"), lambda: Pop(),
                    cls="@primary")
        x = 216.0
        if len(pages) > 1:
            self.button(self.R(x, self.height - 60, 200, 44),
                        t("ui.indicators.more", page=self.page + 1, pages=len(pages)),
                        self.assign(page=(self.page + 1) % len(pages)),
                        tip=t("ui.indicators.more_tip"))
            x += 212
        ids = list(c.world.region_ids)
        if len(ids) > 1:
            following = ids[(ids.index(rid) + 1) % len(ids)]
            text = t("ui.indicators.next_region", region=t(f"region.{following}"))
            w = self.text_width(text, None, "button") + 30
            self.button(self.R(x, self.height - 60, w, 44), text,
                        self.assign(region=following, page=0),
                        tip=t("ui.indicators.next_region_tip"))

    def _row(self, x: float, y: float, w: float, h: float, name: str,
             now: dict[str, float], before: dict[str, float] | None,
             base: dict[str, float] | None) -> None:
        """One indicator: name, value, change, same world, explanation; Tab reaches it."""
        t = self.t
        value = float(now[name])
        old = None
        if before is not None and name in before:
            old = float(before[name])
            if fmt.is_flow(name) and not self.game.campaign.records[:-1] and old == 0:
                old = None  # the start holds no quarter's count for this flow
        name_w = min(240.0, w * 0.34)
        value_w = min(130.0, w * 0.18)
        change_w = min(150.0, w * 0.22)
        self.label(self.R(x + 4, y, name_w, 22),
                   self.fitted(name_w, "@small_bold", t(f"indicator.{name}.name"),
                               t(f"indicator.{name}.short")), "@small_bold")
        self.label(self.R(x + name_w + 8, y, value_w, 22), fmt.indicator_value(t, name, value),
                   "@small")
        change = change_text(t, name, old, value)
        good = fmt.is_good(name, value - old) if old is not None else False
        self.label(self.R(x + name_w + value_w + 12, y, change_w, 22), change,
                   "@good" if good and change and not change.startswith(t("ui.change.same"))
                   else "@small")
        rest = w - name_w - value_w - change_w - 20
        if base is not None and name in base:
            same = t("ui.indicators.same_world",
                     value=fmt.indicator_value(t, name, float(base[name])))
            if self.fits(same, rest, "@muted"):
                self.label(self.R(x + name_w + value_w + change_w + 16, y, rest, 22), same,
                           "@muted")
        for i, line in enumerate(self.wrap_lines(t(f"indicator.{name}.tip"), w - 8, "@muted")[:2]):
            self.label(self.R(x + 4, y + 22 + 18 * i, w - 8, 18), line, "@muted")
        self.button(self.R(x, y - 1, w, h - 2), "", lambda: None,
                    tip=t(f"indicator.{name}.tip"), cls="@flat", over=True)

    def on_key(self, event: pygame.event.Event) -> Transition:
        """I closes the list again."""
        return Pop() if event.key == pygame.K_i else None
