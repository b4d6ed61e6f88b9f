"""The policy lab: a plan in a thousand worlds beside the same worlds with no new policy.

Choose a plan (this game's decisions, what history did, a plan file, or cards by quarter),
run it in 100 or 1,000 worlds in a worker thread (progress shown, Cancel stops it and leaves
the game as it was), and read the fan charts (10th, 50th and 90th percentile per quarter)
against doing nothing, the distribution of lives saved and the chance the plan does better.
A second plan can be run as B and compared side by side; the figures export as CSV and PNG.
"""

from __future__ import annotations

import html
import math
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pygame
import pygame_gui
from pygame_gui.elements import UITextEntryLine

from game.content.loader import load_plan
from game.core import paths
from game.core.problems import BadInput
from game.core.scales import nice_ticks
from game.play.commands import EnactIntervention
from game.play.history import has_history, real_plan
from game.play.plan import Plan, Step
from game.play.policy_lab import LAB_MEASURES, Fan, LabOutcome, PolicyLab
from game.ui import draw, fmt, theme
from game.ui.screen import Action, Pop, Screen, Transition

if TYPE_CHECKING:
    from game.content.schema import ContentPack, Role
    from game.ui.app import App

RUN_SIZES = (100, 1000)
SOURCES = ("game", "history", "file", "cards")
SLOTS = ("A", "B")
BAND_ALPHA = 54
"""Opacity (of 255) of a fan's 10th-90th percentile band."""
HISTOGRAM_BINS = 24


@dataclass(frozen=True)
class LabWorld:
    """Where the lab runs: a scenario, a role (and a mayor's city), seeds from `seed`, turns."""

    scenario: str
    role: Role
    region: str | None
    seed: int
    turns: int
    overrides: tuple[tuple[str, float], ...] = ()


@dataclass
class LabRun:
    """One plan's finished run: what it was, and what the lab found."""

    label: str
    outcome: LabOutcome
    runs: int


def world_of_game(app: App) -> LabWorld | None:
    """The world of the game being played (its scenario, role, seed and length), if any."""
    c = app.session.campaign
    if c is None:
        return None
    return LabWorld(c.scenario_id, c.role, c.region, int(c.seed), c.term_turns,
                    tuple(sorted(c.overrides.items())))


def default_world(pack: ContentPack, scenario_id: str) -> LabWorld:
    """A scenario's world for the lab when no game is played: its federal role, seed 1."""
    scenario = pack.scenarios[scenario_id]
    role: Role = "federal" if "federal" in scenario.roles else "municipal"
    region = None if role == "federal" else scenario.roles[role].regions[0]
    return LabWorld(scenario_id, role, region, 1, scenario.roles[role].turns)


def draw_fan_chart(surface: pygame.Surface, rect: pygame.Rect,
                   fans: list[tuple[str, Fan, tuple[int, int, int], bool]], font: pygame.font.Font,
                   small: pygame.font.Font, *, title: str, y_label: str, x_labels: list[str],
                   percent: bool) -> None:
    """A fan chart: per line, its median (solid, or dashed for no new policy) and its
    10th-90th percentile band (translucent), on the line chart's axes."""
    from game.ui.widgets import charts

    lines = [charts.Series(label, list(fan.p50), colour, dashed=dashed, width=2 if dashed else 3)
             for label, fan, colour, dashed in fans]
    top = max((v for _, fan, _, _ in fans for v in fan.p90 if math.isfinite(v)), default=1.0)
    layout = charts.draw_line_chart(
        surface, rect, lines, font, title=title, y_label=y_label, x_labels=x_labels,
        y_min=0.0, y_max=100.0 if percent else nice_ticks(0.0, max(top, 1.0))[-1],
        small_font=small, tick_format=lambda v, step: fmt.number(v, 0 if step >= 1 else 1),
        style=charts.ChartStyle(text=theme.INK, muted=theme.MUTED, grid=theme.GRID))
    plot, (lo, hi) = layout.plot, layout.y_range
    xs = layout.x_positions
    if plot.w < 8 or plot.h < 8 or hi <= lo or not xs:
        return
    area = plot.inflate(2, 2)
    band = pygame.Surface(area.size, pygame.SRCALPHA)

    def y_of(v: float) -> float:
        return plot.bottom - (min(max(v, lo), hi) - lo) / (hi - lo) * plot.h - area.y

    for _, fan, colour, _ in fans:
        n = min(len(fan.p10), len(xs))
        if n < 2:
            continue
        upper = [(xs[k] - area.x, y_of(fan.p90[k])) for k in range(n)]
        lower = [(xs[k] - area.x, y_of(fan.p10[k])) for k in reversed(range(n))]
        pygame.draw.polygon(band, (*colour, BAND_ALPHA), upper + lower)
    surface.blit(band, area.topleft)


def draw_histogram(surface: pygame.Surface, rect: pygame.Rect,
                   series: list[tuple[np.ndarray, tuple[int, int, int]]], font: pygame.font.Font,
                   small: pygame.font.Font, *, title: str, zero_label: str
                   ) -> pygame.Rect | None:
    """How many worlds saved how many lives (one bar colour per plan; zero is doing nothing).

    The label of the zero line sits in a band along the top that no bar reaches, so it never
    covers a bar; returns where it is (None when there is nothing to draw).
    """
    pad = max(4, font.get_height() // 3)
    lines = draw.wrap(title, font, rect.w - 2 * pad)  # long titles (Spanish) take two lines
    for k, line in enumerate(lines):
        surface.blit(font.render(line, True, theme.INK),
                     (rect.x + pad, rect.y + pad + k * font.get_linesize()))
    title_h = len(lines) * font.get_linesize()
    values = [v for data, _ in series for v in data.tolist()]
    if not values:
        return None
    ticks = nice_ticks(min(min(values), 0.0), max(max(values), 0.0))
    lo, hi = ticks[0], ticks[-1]
    if hi <= lo:
        hi = lo + 1.0
    plot = pygame.Rect(rect.x + pad * 2, rect.y + pad * 2 + title_h,
                       rect.w - pad * 4, rect.h - pad * 4 - title_h - small.get_linesize())
    if plot.w < 20 or plot.h < 20:
        return None
    edges = np.linspace(lo, hi, HISTOGRAM_BINS + 1)
    counts = [np.histogram(data, bins=edges)[0] for data, _ in series]
    tallest = max(int(c.max()) for c in counts) or 1
    label_band = small.get_linesize() + 2
    bars_h = max(1, plot.h - label_band)
    width = plot.w / HISTOGRAM_BINS
    for k, ((_, colour), count) in enumerate(zip(series, counts, strict=True)):
        share = width / len(series)
        for b, c in enumerate(count):
            if not c:
                continue
            h = c / tallest * bars_h
            bar = pygame.Rect(round(plot.x + b * width + k * share), round(plot.bottom - h),
                              max(1, math.floor(share) - 1), max(1, round(h)))
            pygame.draw.rect(surface, colour, bar)
    pygame.draw.line(surface, theme.MUTED, plot.bottomleft, plot.bottomright)
    zero_x = plot.x + (0.0 - lo) / (hi - lo) * plot.w
    pygame.draw.line(surface, theme.INK, (zero_x, plot.y), (zero_x, plot.bottom), 2)
    label = small.render(zero_label, True, theme.INK)
    right = zero_x + 4 + label.get_width() <= plot.right
    where = label.get_rect(topleft=(zero_x + 4, plot.y)) if right \
        else label.get_rect(topright=(zero_x - 4, plot.y))
    surface.blit(label, where)
    for tick in ticks:
        x = plot.x + (tick - lo) / (hi - lo) * plot.w
        # No minus sign: the title says left of zero is lives lost, right is lives saved.
        text = small.render(fmt.number(abs(tick), 0), True, theme.MUTED)
        box = text.get_rect(midtop=(x, plot.bottom + 2))
        if box.left >= rect.x and box.right <= rect.right:
            surface.blit(text, box)
    return where


class LabScreen(Screen):
    """Plan on the left, the fans and the lives saved on the right, exports along the bottom."""

    name = "lab"

    def __init__(self, app: App, scenario: str | None = None) -> None:
        super().__init__(app)
        pack = app.session.pack
        assert pack is not None, "the lab needs the content"
        self.pack: ContentPack = pack
        game_world = world_of_game(app)
        if game_world is not None and scenario in (None, game_world.scenario):
            self.world = game_world
        else:
            self.world = default_world(pack, scenario or next(iter(pack.scenarios)))
        self.in_game = game_world is not None and self.world == game_world
        history = has_history(pack.scenarios[self.world.scenario])
        self.source = "game" if self.in_game else ("history" if history else "cards")
        self.runs = 1000
        self.measure = LAB_MEASURES[0]
        self.cards: list[Step] = []
        self.card_turn = 1
        self.card_action = 0
        self.card_region = 0
        self.path_text = ""
        self.file_plan: Plan | None = None
        self.results: dict[str, LabRun] = {}
        self.status = ""
        self.lab: PolicyLab | None = None
        self.running_slot = ""
        self.thread: threading.Thread | None = None
        self.started = 0.0
        self.path_entry: UITextEntryLine | None = None
        self.chart_rect = pygame.Rect(0, 0, 0, 0)
        self.histogram_rect = pygame.Rect(0, 0, 0, 0)
        self.progress_rect = pygame.Rect(0, 0, 0, 0)

    # ---- the plan ---------------------------------------------------------------------------

    def sources(self) -> list[str]:
        """The ways to choose a plan this world allows."""
        scenario = self.pack.scenarios[self.world.scenario]
        return [s for s in SOURCES if (s != "game" or self.in_game)
                and (s != "history" or has_history(scenario))]

    def card_actions(self) -> list[str]:
        """The interventions of the lab's role, by id."""
        return [a.id for a in self.pack.interventions.values() if self.world.role in a.roles]

    def card_regions(self) -> list[str | None]:
        """Where the chosen card can go: nowhere (a national card) or the playable regions."""
        actions = self.card_actions()
        action = self.pack.interventions[actions[self.card_action % len(actions)]]
        if action.scope == "national":
            return [None]
        scenario = self.pack.scenarios[self.world.scenario]
        if self.world.region is not None:
            return [self.world.region]
        return [r.id for r in scenario.regions if r.playable]

    def plan(self) -> Plan | None:
        """The plan chosen now (None when a plan file has not been read)."""
        if self.source == "game":
            campaign = self.app.session.campaign
            return campaign.own_plan() if campaign is not None else Plan()
        if self.source == "history":
            return real_plan(self.pack.scenarios[self.world.scenario])
        if self.source == "file":
            return self.file_plan
        return Plan(list(self.cards))

    def plan_label(self) -> str:
        """A short name for the plan chosen now."""
        return self.t(f"ui.lab.source.{self.source}")

    def plan_lines(self, plan: Plan | None) -> list[str]:
        """The plan's commands, one line each, in the player's words."""
        t = self.t
        if plan is None:
            return [t("ui.lab.no_file")]
        lines = []
        for step in plan.steps:
            command = step.command
            period = self.period(self._period(step.turn))
            if hasattr(command, "action_id"):
                action = t(f"action.{command.action_id}.name")
                where = t(f"region.{command.region}") if command.region else \
                    t("ui.action.national")
                verb = "ui.lab.stop_line" if type(command).__name__ == "RepealIntervention" \
                    else "ui.lab.step_line"
                lines.append(t(verb, period=period, action=action, where=where))
            else:
                event = getattr(command, "event_id", "")
                choice = getattr(command, "choice_id", "")
                lines.append(t("ui.lab.answer_line", period=period,
                               event=t(f"event.{event}.title"),
                               choice=t(f"event.{event}.choice.{choice}.name")))
        if plan.responses:
            for event, choice in plan.responses.items():
                lines.append(t("ui.lab.standing_line", event=t(f"event.{event}.title"),
                               choice=t(f"event.{event}.choice.{choice}.name")))
        return lines or [t("ui.lab.empty_plan")]

    def _period(self, turn: int) -> str:
        from game.core.calendar import period

        scenario = self.pack.scenarios[self.world.scenario]
        return period(scenario.start_year, scenario.start_quarter, turn)

    # ---- layout -----------------------------------------------------------------------------

    def layout(self) -> None:
        """The plan column, the charts, the run and export buttons."""
        t = self.t
        e = html.escape
        running = self.lab is not None
        self.label(self.R(24, 12, self.width - 48, 36), t("ui.lab.title"), "@heading")
        left_w = min(420.0, max(360.0, self.width * 0.3))  # 360: the Spanish buttons fit
        x, y = 24.0, 52.0
        scenario_name = t(f"scenario.{self.world.scenario}.title")
        if self.in_game:
            self.label(self.R(x, y, left_w, 26), t("ui.lab.your_world", scenario=scenario_name,
                                                   seed=self.world.seed), "@muted")
        else:
            self.button(self.R(x, y, 34, 30), "<", self.cycle_scenario(-1),
                        tip=t("ui.lab.scenario_tip"), enabled=not running)
            self.label_or_two_lines(x + 40, y - 3, left_w - 80, 36, scenario_name, "@bold")
            self.button(self.R(x + left_w - 34, y, 34, 30), ">", self.cycle_scenario(1),
                        tip=t("ui.lab.scenario_tip"), enabled=not running)
        y += 36
        self.label(self.R(x, y, left_w, 24), t("ui.lab.plan"), "@subheading")
        y += 28
        sources = self.sources()
        bw = (left_w - 6 * (len(sources) - 1)) / len(sources)
        for k, source in enumerate(sources):
            self.button(self.R(x + k * (bw + 6), y, bw, 32), t(f"ui.lab.source.{source}"),
                        self.assign(source=source), tip=t(f"ui.lab.source.{source}_tip"),
                        cls="@primary" if source == self.source else None, enabled=not running)
        y += 40
        if self.source == "file":
            self.path_entry = UITextEntryLine(self.R(x, y, left_w - 96, 34), self.app.manager,
                                              container=self.root)
            self.path_entry.set_text_length_limit(400)
            self.path_entry.set_text(self.path_text)
            self.focus.add(self.path_entry, lambda: None, t("ui.lab.file_tip"))
            self.button(self.R(x + left_w - 90, y, 90, 34), t("ui.lab.load"), self.load_file,
                        enabled=not running)
            y += 42
        elif self.source == "cards":
            y = self._card_builder(x, y, left_w, running)
        else:
            self.path_entry = None
        plan_h = max(80.0, self.height - y - 190)
        lines = self.plan_lines(self.plan())
        self.text(self.R(x, y, left_w, plan_h), "<br>".join(e(line) for line in lines),
                  "@boxed")
        y += plan_h + 8
        self.label(self.R(x, y + 4, 90, 26), t("ui.lab.worlds"), "@muted")
        for k, size in enumerate(RUN_SIZES):
            self.button(self.R(x + 96 + k * 96, y, 90, 32), fmt.number(size, 0),
                        self.assign(runs=size), cls="@primary" if size == self.runs else None,
                        enabled=not running, tip=t("ui.lab.worlds_tip"))
        y += 40
        half = (left_w - 8) / 2
        if running:
            self.button(self.R(x, y, left_w, 44), t("ui.lab.cancel"), self.cancel,
                        cls="@primary", tip=t("ui.lab.cancel_tip"))
        else:
            self.button(self.R(x, y, half, 44), t("ui.lab.run_a"), self.start("A"),
                        cls="@primary", tip=t("ui.lab.run_a_tip"))
            self.button(self.R(x + half + 8, y, half, 44), t("ui.lab.run_b"), self.start("B"),
                        enabled="A" in self.results, tip=t("ui.lab.run_b_tip"))
        self._right_side(24 + left_w + 16, running)

    def _card_builder(self, x: float, y: float, w: float, running: bool) -> float:
        """Quarter, card and place, each with arrows; Add and Remove last."""
        t = self.t
        actions = self.card_actions()
        regions = self.card_regions()
        action = actions[self.card_action % len(actions)]
        region = regions[self.card_region % len(regions)]
        rows = [
            (self.period(self._period(self.card_turn)), "card_turn", self.world.turns),
            (t(f"action.{action}.name"), "card_action", len(actions)),
            (t(f"region.{region}") if region else t("ui.action.national"), "card_region",
             len(regions)),
        ]
        for text, attr, count in rows:
            self.button(self.R(x, y, 34, 30), "<", self.step_attr(attr, -1, count),
                        enabled=not running)
            self.label(self.R(x + 40, y + 2, w - 80, 26), text, "@bold")
            self.button(self.R(x + w - 34, y, 34, 30), ">", self.step_attr(attr, 1, count),
                        enabled=not running)
            y += 34
        half = (w - 8) / 2
        self.button(self.R(x, y, half, 32), t("ui.lab.add_card"), self.add_card,
                    enabled=not running, tip=t("ui.lab.add_card_tip"))
        self.button(self.R(x + half + 8, y, half, 32), t("ui.lab.remove_card"),
                    self.remove_card, enabled=not running and bool(self.cards))
        return y + 40

    def _right_side(self, x: float, running: bool) -> None:
        """Measure tabs, the fan chart, the histogram and the summary, and the bottom row."""
        t = self.t
        e = html.escape
        w = self.width - x - 24
        y = 52.0
        tab_w = (w - 6 * (len(LAB_MEASURES) - 1)) / len(LAB_MEASURES)
        for k, name in enumerate(LAB_MEASURES):
            full, short = t(f"indicator.{name}.name"), t(f"ui.lab.measure.{name}")
            fits = self.text_width(full, "@primary", "button") <= tab_w - 18 \
                or short == f"ui.lab.measure.{name}"  # the same words chosen or not
            self.button(self.R(x + k * (tab_w + 6), y, tab_w, 32), full if fits else short,
                        self.assign(measure=name), cls="@primary" if name == self.measure else None,
                        tip=t(f"indicator.{name}.tip"))
        y += 40
        bottom = self.height - 72
        chart_h = (bottom - y) * 0.58
        self.chart_rect = self.R(x, y, w, chart_h)
        self.progress_rect = self.R(x + w * 0.15, y + chart_h / 2 - 20, w * 0.7, 40)
        lower = y + chart_h + 8
        hist_w = w * 0.55
        self.histogram_rect = self.R(x, lower, hist_w, bottom - lower - 4)
        self.text(self.R(x + hist_w + 8, lower, w - hist_w - 8, bottom - lower - 4),
                  self.summary_html(), "@boxed")
        by = self.height - 60
        self.button(self.R(24, by, 160, 46), t("ui.common.back"), self.back,
                    tip=t("ui.lab.back_tip"))
        has = bool(self.results) and not running
        self.button(self.R(x, by, 200, 46), t("ui.lab.export_csv"), self.export_csv,
                    enabled=has, tip=t("ui.lab.export_csv_tip"))
        self.button(self.R(x + 208, by, 200, 46), t("ui.lab.export_png"), self.export_png,
                    enabled=has, tip=t("ui.lab.export_png_tip"))
        if self.status:
            self.text(self.R(x + 416, by - 4, self.width - x - 440, 56), e(self.status), "@small")

    def summary_html(self) -> str:
        """Per plan: the chance it does better than nothing, and the lives it saves."""
        t = self.t
        e = html.escape
        if not self.results:
            return e(t("ui.lab.hint"))
        parts = []
        for slot in SLOTS:
            run = self.results.get(slot)
            if run is None:
                continue
            lives = run.outcome.lives_saved
            p10, p50, p90 = (float(v) for v in np.percentile(lives, [10, 50, 90]))
            parts.append(f"<b>{e(t('ui.lab.plan_heading', slot=slot, label=run.label))}</b><br>")
            parts.append(e(t("ui.lab.chance", chance=fmt.number(run.outcome.chance_better * 100,
                                                                  0),
                             runs=fmt.number(run.runs, 0))) + "<br>")
            parts.append(e(t("ui.lab.lives", middle=fmt.lives_verb(self.app.t, p50),
                             low=fmt.lives_noun(self.app.t, p10),
                             high=fmt.lives_noun(self.app.t, p90)))
                         + "<br><br>")
        parts.append(e(t("ui.lab.caveat")))
        return "".join(parts)

    # ---- actions ----------------------------------------------------------------------------

    def cycle_scenario(self, step: int) -> Action:
        """Action: try the lab on the previous or next scenario."""
        def act() -> Transition:
            ids = list(self.pack.scenarios)
            now = ids.index(self.world.scenario)
            self.world = default_world(self.pack, ids[(now + step) % len(ids)])
            self.in_game = False
            self.source = "history" if "history" in self.sources() else "cards"
            self.cards, self.results, self.file_plan, self.status = [], {}, None, ""
            self.card_action = self.card_region = 0
            self.card_turn = 1
            self.rebuild()
            return None
        return act

    def step_attr(self, attr: str, step: int, count: int) -> Action:
        """Action: move one of the card builder's choices."""
        def act() -> Transition:
            if attr == "card_turn":
                self.card_turn = (self.card_turn - 1 + step) % max(1, count) + 1
            else:
                setattr(self, attr, (getattr(self, attr) + step) % max(1, count))
                if attr == "card_action":
                    self.card_region = 0
            self.rebuild()
            return None
        return act

    def add_card(self) -> Transition:
        """Add the chosen card on the chosen quarter to the plan."""
        action = self.card_actions()[self.card_action % len(self.card_actions())]
        regions = self.card_regions()
        region = regions[self.card_region % len(regions)]
        self.cards.append(Step(self.card_turn, EnactIntervention(action, region)))
        self.cards.sort(key=lambda s: s.turn)
        self.rebuild()
        return None

    def remove_card(self) -> Transition:
        """Take the last card added off the plan."""
        if self.cards:
            self.cards.pop()
        self.rebuild()
        return None

    def load_file(self) -> Transition:
        """Read the plan file named in the box (its problems are shown, one line)."""
        if self.path_entry is not None:
            self.path_text = self.path_entry.get_text()
        path = Path(self.path_text.strip()).expanduser()
        world = self.world
        try:
            self.file_plan = Plan.from_file(load_plan(path, self.pack, world.scenario,
                                                      world.role, world.region))
        except BadInput as bad:
            self.file_plan = None
            self.status = self.t("ui.lab.file_failed", reason=str(bad.problems[0]))
        else:
            self.status = self.t("ui.lab.file_read", path=str(path))
        self.rebuild()
        return None

    def start(self, slot: str) -> Action:
        """Action: run the chosen plan as plan A (or B, to compare)."""
        def act() -> Transition:
            plan = self.plan()
            if plan is None:
                self.status = self.t("ui.lab.no_file")
                self.rebuild()
                return None
            world = self.world
            self.lab = PolicyLab(self.pack, world.scenario, world.role, world.region,
                                 world.seed, self.runs, plan, world.turns,
                                 dict(world.overrides))
            self.running_slot = slot
            self.started = time.monotonic()
            self.status = ""
            if slot == "A":
                self.results.pop("B", None)
            self.thread = threading.Thread(target=self.lab.run, name="plaza-lab", daemon=True)
            self.thread.start()
            self.rebuild()
            return None
        return act

    def cancel(self) -> Transition:
        """Stop the lab: what ran is dropped; the game is as it was."""
        if self.lab is not None:
            self.lab.cancel()
        if self.thread is not None:
            self.thread.join()
        self.lab, self.thread = None, None
        self.status = self.t("ui.lab.cancelled")
        self.rebuild()
        return None

    def update(self, dt: float) -> Transition:
        """Collect the outcome when the worker has run every quarter."""
        if self.lab is None or self.thread is None or self.thread.is_alive():
            return None
        lab = self.lab
        self.lab, self.thread = None, None
        if lab.done and not lab.cancelled and len(lab.periods) == lab.turns:
            self.results[self.running_slot] = LabRun(self.plan_label(), lab.outcome(), lab.runs)
            self.status = self.t("ui.lab.done", runs=fmt.number(lab.runs, 0),
                                 seconds=fmt.number(time.monotonic() - self.started, 1))
        else:
            self.status = self.t("ui.lab.failed")
        self.rebuild()
        return None

    def animating(self) -> bool:
        """Frames keep coming while the lab runs (the progress bar moves)."""
        return self.lab is not None

    def back(self) -> Transition:
        """Leave the lab (a run in progress is cancelled first)."""
        if self.lab is not None:
            self.cancel()
        return Pop()

    def _export_path(self, suffix: str) -> Path:
        folder = paths.user_data_dir() / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        return folder / f"plaza-lab-{self.world.scenario}-seed{self.world.seed}-{stamp}.{suffix}"

    def csv_text(self) -> tuple[str, str]:
        """The fans (one row per plan and quarter) and the lives saved (one row per world)."""
        fans: list[str] = []
        for slot in SLOTS:
            run = self.results.get(slot)
            if run is None:
                continue
            head, *rows = run.outcome.to_csv().splitlines()
            if not fans:
                fans.append("plan," + head)
            fans += [f"{slot},{row}" for row in rows]
        slots = [s for s in SLOTS if s in self.results]
        worlds = max((self.results[s].runs for s in slots), default=0)
        lives = ["seed," + ",".join(f"lives_saved_{s}" for s in slots)]
        for k in range(worlds):
            cells = [str(self.world.seed + k)]
            for s in slots:
                saved = self.results[s].outcome.lives_saved
                cells.append(f"{saved[k]:.0f}" if k < saved.size else "")
            lives.append(",".join(cells))
        return "\n".join(fans) + "\n", "\n".join(lives) + "\n"

    def export_csv(self) -> Transition:
        """Write the figures as two CSV files (fans; lives saved per world)."""
        from game.core.files import write_text_atomic

        fans, lives = self.csv_text()
        path = self._export_path("csv")
        other = path.with_name(path.stem + "-lives.csv")
        try:
            write_text_atomic(path, fans)
            write_text_atomic(other, lives)
        except OSError as exc:
            self.status = self.t("ui.lab.export_failed", reason=exc.strerror or str(exc))
        else:
            self.status = self.t("ui.lab.exported_csv", path=str(path), lives=other.name)
        self.rebuild()
        return None

    def export_png(self) -> Transition:
        """Save the lab as it looks now."""
        self.status = self.save_picture(self._export_path("png"), "ui.lab.exported_png",
                                        "ui.lab.export_failed")
        self.rebuild()
        return None

    def on_ui_event(self, event: pygame.event.Event) -> Transition:
        """Enter in the plan file box reads the file."""
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is \
                self.path_entry:
            return self.load_file()
        return super().on_ui_event(event)

    # ---- drawing ----------------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        """The charts (drawn once per build) and, while running, the progress bar."""
        area = self.chart_rect.unionall([self.histogram_rect])
        self.blit_layer(surface, area, self._paint)
        if self.lab is not None:
            self._progress(surface)

    def _progress(self, surface: pygame.Surface) -> None:
        """A bar and a line: how far the worlds have run."""
        s = self.app.scale
        rect = self.progress_rect
        pygame.draw.rect(surface, theme.PANEL, rect.inflate(round(24 * s), round(44 * s)),
                         border_radius=round(6 * s))
        pygame.draw.rect(surface, theme.PANEL_BORDER, rect, 1)
        lab = self.lab
        assert lab is not None
        done = rect.copy()
        done.w = round(rect.w * min(1.0, lab.progress))
        pygame.draw.rect(surface, theme.ACCENT, done)
        text = self.t("ui.lab.running", slot=self.running_slot,
                      runs=fmt.number(lab.runs, 0), done=len(lab.periods), turns=lab.turns)
        image = theme.font(round(15 * s)).render(text, True, theme.INK)
        surface.blit(image, image.get_rect(midbottom=(rect.centerx, rect.y - round(4 * s))))

    def _paint(self, surface: pygame.Surface) -> None:
        """The fan chart of the chosen measure and the histogram of lives saved."""
        from game.ui.widgets import palette

        t = self.t
        s = self.app.scale
        for rect in (self.chart_rect, self.histogram_rect):
            pygame.draw.rect(surface, theme.PANEL, rect, border_radius=round(6 * s))
            pygame.draw.rect(surface, theme.PANEL_BORDER, rect, 1, border_radius=round(6 * s))
        font, small = theme.font(round(14 * s)), theme.font(round(12 * s))
        if not self.results:
            hint = font.render(t("ui.lab.empty_chart"), True, theme.MUTED)
            surface.blit(hint, hint.get_rect(center=self.chart_rect.center))
            return
        first = next(iter(self.results.values()))
        fans: list[tuple[str, Fan, tuple[int, int, int], bool]] = [
            (t("ui.lab.no_new_policy"), first.outcome.baseline[self.measure],
             getattr(theme, "GHOST", theme.MUTED), True)]
        colours = {"A": palette.categorical_colour(4), "B": palette.categorical_colour(3)}
        for slot in SLOTS:
            run = self.results.get(slot)
            if run is not None:
                fans.append((t("ui.lab.plan_heading", slot=slot, label=run.label),
                             run.outcome.plan[self.measure], colours[slot], False))
        percent = self.measure in ("legitimacy", "approval")
        draw_fan_chart(surface, self.chart_rect.inflate(-round(16 * s), -round(12 * s)), fans,
                       font, small,
                       title=t("ui.lab.fan_title", indicator=t(f"indicator.{self.measure}.name")),
                       y_label=t("ui.charts.unit_percent" if percent else "ui.charts.unit_count"),
                       x_labels=[self.period(p) for p in first.outcome.periods], percent=percent)
        draw_histogram(surface, self.histogram_rect.inflate(-round(12 * s), -round(8 * s)),
                       [(run.outcome.lives_saved, colours[slot])
                        for slot, run in self.results.items()], font, small,
                       title=t("ui.lab.histogram_title"), zero_label=t("ui.lab.zero"))
