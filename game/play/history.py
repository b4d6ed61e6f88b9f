"""History mode and branches: what governments really did, taking over from it, going back.

A scenario's `history` (content/scenarios/*.toml, `schema.RealDecision`) lists what a
government really did, quarter by quarter, each with its public source. `real_plan` turns it
into a Plan that the one plan loop plays; `take_over` keeps the real decisions before a
quarter and a player's plan from it. A game that took over from history, or went back to an
earlier quarter of its own (`go_back`), is a branch: its `Branch` (kept in the game's extras,
so a save keeps it) rebuilds the first path on the same seed, so both paths can be shown side
by side with the lives and the trust between them (`path_gap`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal
from weakref import WeakKeyDictionary

from game.content.schema import (
    ContentPack,
    PublicSource,
    RealDecision,
    Role,
    SavedDecision,
    Scenario,
)
from game.core import calendar
from game.core.problems import BadInput, Problem
from game.play.campaign import Campaign, Logged, TurnRecord
from game.play.plan import Plan, Skipped, Step, play
from game.sim.commands import AnswerDilemma, Command, EnactIntervention, RepealIntervention

BRANCH_KEY = "branch"
"""Where a game's extras keep the branch it is (see Branch)."""

_FIRST_PATHS: WeakKeyDictionary[Campaign, Campaign | None] = WeakKeyDictionary()
"""Each branched game's first path, once built (see cached_first_path)."""

BranchKind = Literal["history", "back"]


@dataclass(frozen=True)
class HistoryMark:
    """One real decision (or happening) on the chart: when, what, its sentence and source."""

    turn: int
    period: str
    note: str
    """Catalog key of the sentence that explains it: `history.SCENARIO.NOTE`."""
    source: PublicSource | None
    command: Command | None
    """What the player's role did (None: something that happened, played by nobody)."""


def has_history(scenario: Scenario) -> bool:
    """Whether a scenario carries what governments really did (history mode)."""
    return bool(scenario.history)


def span(scenario: Scenario) -> int:
    """Quarters a scenario covers: its longest role's term."""
    return max(setup.turns for setup in scenario.roles.values())


def history_role(scenario: Scenario) -> Role:
    """The role whose decisions a scenario's history records (federal where it has one)."""
    return "federal" if "federal" in scenario.roles else next(iter(scenario.roles))


def _turn(scenario: Scenario, period: str) -> int:
    return calendar.turn_of(scenario.start_year, scenario.start_quarter, period)


def _command(entry: RealDecision) -> Command | None:
    """The command a real decision stands for (None for a happening)."""
    if entry.event is not None and entry.choice is not None:
        return AnswerDilemma(entry.event, entry.choice, entry.region)
    if entry.action is None:
        return None
    kind = RepealIntervention if entry.stop else EnactIntervention
    return kind(entry.action, entry.region)


def history_marks(scenario: Scenario) -> list[HistoryMark]:
    """Every entry of a scenario's history, in order of its quarter, ready to mark a chart."""
    sources = {source.id: source for source in scenario.sources}
    marks = [HistoryMark(_turn(scenario, e.period), e.period, f"history.{scenario.id}.{e.note}",
                         sources.get(e.source), _command(e)) for e in scenario.history]
    return sorted(marks, key=lambda m: m.turn)


def real_plan(scenario: Scenario) -> Plan:
    """What the government really did, as a plan (happenings are left out: nobody plays them).

    A real answer to a dilemma is given on the quarter its entry names, where that dilemma is
    pending; elsewhere the plan loop passes it by.
    """
    steps = [Step(mark.turn, mark.command, f"history[{mark.period}]")
             for mark in history_marks(scenario) if mark.command is not None]
    return Plan(steps)


def take_over(real: Plan, turn: int, plan: Plan) -> Plan:
    """The real decisions made before quarter `turn`, then `plan` from that quarter on.

    The plan's turns count from the quarter taken over (its turn 1 is `turn`), so any plan
    can be tried from any quarter; its standing answers hold from `turn` too, so everything
    before that quarter stays exactly as history played it.
    """
    before = [step for step in real.steps if step.turn < turn]
    after = [Step(step.turn + turn - 1, step.command, step.line) for step in plan.steps]
    return Plan(before + after, dict(plan.responses), responses_from=turn)


def take_over_turn(scenario: Scenario, period: str, where: str = "--take-over") -> int:
    """The turn of a quarter to take over at; BadInput if it is not in the scenario's span."""
    problem = None
    try:
        turn = _turn(scenario, period)
    except ValueError as exc:
        raise BadInput([Problem("(command line)", where, str(exc))]) from exc
    if not has_history(scenario):
        problem = f"{scenario.id} has no history to take over from"
    elif not 1 <= turn <= span(scenario):
        last = calendar.period(scenario.start_year, scenario.start_quarter, span(scenario))
        first = calendar.period(scenario.start_year, scenario.start_quarter, 1)
        problem = f"{period} lies outside {scenario.id} ({first} to {last})"
    if problem is not None:
        raise BadInput([Problem("(command line)", where, problem)])
    return turn


def history_game(pack: ContentPack, scenario_id: str, seed: int, until_turn: int | None = None,
                 overrides: dict[str, float] | None = None) -> tuple[Campaign, list[Skipped]]:
    """History as it was played, in one world: the real decisions up to `until_turn` quarters
    (the whole span by default); real decisions that world made impossible are listed."""
    scenario = pack.scenarios[scenario_id]
    game = Campaign.new(pack, scenario_id, history_role(scenario), None, seed, overrides)
    game.set_term(span(scenario))
    skipped = play(game, real_plan(scenario), span(scenario) if until_turn is None
                   else until_turn)
    return game, skipped


def take_over_game(pack: ContentPack, scenario_id: str, seed: int, turn: int,
                   overrides: dict[str, float] | None = None,
                   played: Campaign | None = None) -> Campaign:
    """A game that keeps history's decisions before quarter `turn`: the player plans `turn`.

    `played`: history already played over the whole span on this seed (history mode's own
    game), kept as the new game's first path so that it is not played again.
    """
    game, _ = history_game(pack, scenario_id, seed, turn - 1, overrides)
    game.extras[BRANCH_KEY] = {"kind": "history", "turn": turn}
    if played is not None and is_history_of(played, game):
        _FIRST_PATHS[game] = played
    return game


def is_history_of(played: Campaign, game: Campaign) -> bool:
    """Whether `played` is what first_path(game) would build: the same scenario, role, seed
    and assumptions, played to the end of the span with none but the real decisions (the
    world is the same for the same decisions, so the same ones are refused)."""
    scenario = game.scenario
    real = {(step.turn, repr(step.command)) for step in real_plan(scenario).steps}
    return ((played.scenario_id, played.role, played.seed, played.overrides, played.mayors)
            == (game.scenario_id, history_role(scenario), game.seed, game.overrides, [])
            and played.turn == span(scenario)
            and {(entry.turn, repr(entry.command)) for entry in played.log
                 if not entry.default} <= real)


@dataclass(frozen=True)
class Branch:
    """What a branched game came from: history (taken over) or its own earlier path (gone back).

    `turn` is the first quarter the two paths may differ; `first_log` and `first_turn` are the
    first path's decisions and how far it was played (a gone-back game only: history's first
    path is the scenario's own script).
    """

    kind: BranchKind
    turn: int
    first_log: tuple[dict[str, Any], ...] = ()
    first_turn: int = 0

    def as_extras(self) -> dict[str, Any]:
        """The JSON a save keeps."""
        data: dict[str, Any] = {"kind": self.kind, "turn": self.turn}
        if self.kind == "back":
            data["first"] = list(self.first_log)
            data["first_turn"] = self.first_turn
        return data


def branch_of(campaign: Campaign) -> Branch | None:
    """The branch a game is (None for a game played straight, or extras that do not read)."""
    data = campaign.extras.get(BRANCH_KEY)
    if not isinstance(data, dict) or data.get("kind") not in ("history", "back"):
        return None
    turn = data.get("turn")
    if not isinstance(turn, int) or isinstance(turn, bool) or not 1 <= turn <= campaign.term:
        return None
    if data["kind"] == "history":
        return Branch("history", turn) if has_history(campaign.scenario) else None
    log, first_turn = data.get("first"), data.get("first_turn")
    if not isinstance(log, list) or not all(isinstance(d, dict) for d in log) or \
            not isinstance(first_turn, int) or not 0 <= first_turn <= campaign.term:
        return None
    return Branch("back", turn, tuple(log), first_turn)


def go_back(campaign: Campaign, turn: int) -> Campaign:
    """The game as it stood before quarter `turn`, to play on anew; the path left behind is
    kept (in the new game's extras) as the first path, to compare with."""
    new = campaign.back_to(turn)
    new.extras = {k: v for k, v in campaign.extras.items() if k != BRANCH_KEY}
    new.extras[BRANCH_KEY] = Branch("back", turn, tuple(campaign.decisions),
                                    campaign.turn).as_extras()
    return new


def first_path(campaign: Campaign) -> Campaign | None:
    """The first path of a branched game, rebuilt on the same seed (None if it is no branch).

    History's first path is played over the scenario's whole span; a gone-back game's is its
    log replayed as far as it had been played.
    """
    branch = branch_of(campaign)
    if branch is None:
        return None
    if branch.kind == "history":
        game, _ = history_game(campaign.pack, campaign.scenario_id, campaign.seed,
                               overrides=campaign.overrides)
        return game
    first = campaign.fresh()
    first.set_term(campaign.term)
    steps = []
    for record in branch.first_log:
        try:
            saved = SavedDecision.model_validate(record)
        except ValueError:
            return None
        if not saved.default:
            steps.append(Step(saved.turn, Logged.of_saved(saved).command))
    play(first, Plan(steps), branch.first_turn)
    return first


def cached_first_path(campaign: Campaign) -> Campaign | None:
    """`first_path`, rebuilt once per game (a screen asks for it again and again)."""
    if campaign not in _FIRST_PATHS:
        _FIRST_PATHS[campaign] = first_path(campaign)
    return _FIRST_PATHS[campaign]


@dataclass(frozen=True)
class PathGap:
    """Between two paths of one world, from the quarter they part to the last both played."""

    from_turn: int
    to_turn: int
    lives: int
    """Killings (true) on the first path minus on the new one: lives the new path saved."""
    trust: float
    """Legitimacy (population-weighted, points of 100) on the new path minus on the first,
    at the last quarter both played."""


def weighted_trust(campaign: Campaign, record: TurnRecord) -> float:
    """A quarter's legitimacy over the country, weighted by population, in points of 100."""
    population = dict(zip(campaign.world.region_ids, campaign.world.population, strict=True))
    total = sum(population.values())
    return 100 * sum(values["legitimacy"] * population[rid] / total
                     for rid, values in record.regions.items())


def path_gap(first: Campaign, new: Campaign, from_turn: int) -> PathGap:
    """Lives and trust between a game's first path and its new one."""
    last = min(first.turn, new.turn)
    pairs = list(zip(first.records[from_turn - 1:last], new.records[from_turn - 1:last],
                     strict=True))
    lives = sum(a.national["true_homicides"] - b.national["true_homicides"] for a, b in pairs)
    trust = 0.0
    if pairs:
        trust = weighted_trust(new, pairs[-1][1]) - weighted_trust(first, pairs[-1][0])
    return PathGap(from_turn, last, round(lives), trust)
