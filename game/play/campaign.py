"""A game in progress: scenario, seed and decisions; saves, replays and counterfactual branches."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from game.content import real_series
from game.content.loader import setup_problems, validate_model
from game.content.schema import (
    MARKETS,
    MAX_SCENARIO_TURNS,
    ContentPack,
    Role,
    SavedDecision,
    SaveFile,
)
from game.core.files import parse_json_capped, read_text_capped, write_text_atomic
from game.core.i18n import Message
from game.core.problems import BadInput, Problem
from game.play.plan import Plan, Skipped, Step, play
from game.sim.branches import Branches
from game.sim.commands import (
    AnswerDilemma,
    Command,
    Dilemma,
    EnactIntervention,
    Impossible,
    RepealIntervention,
    active_runs,
    answer_in,
    money_cost,
    pending_dilemmas,
)
from game.sim.commands import upkeep as agenda_upkeep
from game.sim.indicators import WHY_INDICATORS
from game.sim.mechanisms import competition_index
from game.sim.model import Model, TurnResult
from game.sim.news import headlines
from game.sim.params import Params
from game.sim.records import QuarterEffects, played_turn_json, run_summary
from game.sim.state import World, build_world

if TYPE_CHECKING:
    from game.play.election import ElectionOutcome

SAVE_VERSION = 1
PLAYED_RUN = 0
"""The run of the model that is the game as played (the others are its counterfactuals)."""
MAX_TURNS = MAX_SCENARIO_TURNS
"""No game resolves more quarters than the longest scenario (history mode) covers."""
MAX_SAVE_BYTES = 5_000_000

__all__ = ["ActionOption", "BadSave", "Campaign", "Dilemma", "Impossible", "Logged", "Message",
           "QueuedEffect", "TurnRecord"]


class BadSave(Exception):
    """A save that cannot be loaded: problems with file and field, and a message for players."""

    def __init__(self, problems: list[Problem], message: Message | None = None) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
        self.message = message or Message("save.damaged")

    @classmethod
    def of(cls, file: str, field: str, text: str) -> BadSave:
        """A damaged save with one problem."""
        return cls([Problem(file, field, text)])

    @property
    def detail(self) -> str:
        """The problems as lines, for logs and the command line."""
        return str(self)


@dataclass
class ActionOption:
    """An intervention as the player sees it in one place: can it be done, and at what cost."""

    action_id: str
    region: str | None
    possible: bool
    reason: Message | None
    active: bool
    cost_money: float
    cost_capital: float
    delay: int
    duration: int
    findings: list[str]


@dataclass
class QueuedEffect:
    """An enacted intervention whose effect has not arrived yet."""

    action_id: str
    region: str | None
    starts_turn: int
    starts_period: str


@dataclass(frozen=True)
class Logged:
    """One command in a game's log: the turn it was made for, and whether it was a default."""

    turn: int
    command: Command
    default: bool = False
    """A dilemma left unanswered took its default answer when the quarter resolved."""

    def as_record(self) -> dict[str, Any]:
        """The log line as saves and result files keep it."""
        command = self.command
        if isinstance(command, AnswerDilemma):
            record: dict[str, Any] = {"turn": self.turn, "verb": "answer",
                                      "event": command.event_id, "choice": command.choice_id,
                                      "region": command.region}
            if self.default:
                record["default"] = True
            return record
        verb = "enact" if isinstance(command, EnactIntervention) else "repeal"
        record = {"turn": self.turn, "verb": verb, "action": command.action_id,
                  "region": command.region}
        if command.seat:
            record["seat"] = command.seat
        return record

    @classmethod
    def of_saved(cls, saved: SavedDecision) -> Logged:
        """The log entry a save's decision line stands for."""
        command: Command
        if saved.verb == "answer":
            assert saved.event is not None and saved.choice is not None
            command = AnswerDilemma(saved.event, saved.choice, saved.region)
        else:
            assert saved.action is not None
            kind = EnactIntervention if saved.verb == "enact" else RepealIntervention
            command = kind(saved.action, saved.region, saved.seat)
        return cls(saved.turn, command, saved.default)


@dataclass
class TurnRecord:
    """One resolved quarter of this game, ready to show and to export."""

    turn: int
    period: str
    regions: dict[str, dict[str, float]]
    national: dict[str, float]
    why: dict[str, dict[str, dict[str, float]]]
    events: list[dict[str, Any]]
    headlines: list[Message]
    groups: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    baseline: dict[str, Any] | None = None
    """The same quarter in the same world with no new policy: {"regions", "national"}."""
    why_events: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    """The cause "event" of `why`, event by event: indicator -> place -> event id -> amount
    (each event in `events` lists the findings it credits)."""
    later: QuarterEffects | None = field(default=None, repr=False, compare=False)
    """What `effects` and `why_decisions` are worked out from, the first time one is read (a
    game shows a few quarters' effects; working them out takes longer than the quarter)."""

    @cached_property
    def effects(self) -> dict[str, Any] | None:
        """Each decision's own effect this quarter and their interaction (see sim.branches)."""
        return self.later.effects_json() if self.later is not None else None

    @cached_property
    def why_decisions(self) -> dict[str, dict[str, dict[str, float]]]:
        """Of each cause in `why`, the part the player's decisions made (this world's cause
        minus the same cause in the same world with no new policy); the rest is the world's
        and chance's. Same shape as `why`: indicator -> place -> cause -> amount."""
        if self.later is None:
            return {}
        return {k: v for k, v in self.later.why_decisions_json().items() if k in WHY_INDICATORS}

    def as_json(self) -> dict[str, Any]:
        """JSON-ready form (headlines as keys and parameters)."""
        return {
            "turn": self.turn, "period": self.period, "regions": self.regions,
            "national": self.national, "why": self.why, "events": self.events,
            "headlines": [h.as_json() for h in self.headlines], "groups": self.groups,
            "baseline": self.baseline, "effects": self.effects,
            "why_decisions": self.why_decisions, "why_events": self.why_events,
        }


class Campaign:
    """One player's game: a single-run model plus the log of decisions that produced it."""

    def __init__(self, pack: ContentPack, scenario_id: str, role: Role, region: str | None,
                 seed: int, overrides: dict[str, float] | None = None,
                 mayors: list[str] | None = None) -> None:
        self.pack = pack
        self.scenario_id = scenario_id
        self.scenario = pack.scenarios[scenario_id]
        self.role: Role = role
        self.region = region
        self.seed = seed
        self.overrides = dict(overrides or {})
        self.mayors = list(mayors or [])
        extra: list[tuple[Role, str | None]] = [("municipal", city) for city in self.mayors]
        self.world: World = build_world(pack, scenario_id, role, region, extra)
        self.model = Model(pack, self.world, Params(pack.parameters, self.overrides), [seed])
        self.branches = Branches(self.model, effects=True)
        """Run 0 is the game as played; beside it the same world with no new policy and the
        same world without each decision, for the exact effects of the player's choices."""
        self.log: list[Logged] = []
        """Every command the players gave, in order: replaying it rebuilds this game."""
        self.results: list[TurnResult] = []
        self.records: list[TurnRecord] = []
        self.start: TurnRecord = self._record(self.model.snapshot(), None)
        """The world before the first quarter (turn 0), for screens and charts."""
        self.term = self.world.turns_in_term
        """Quarters this game lasts: the role's term, or a workshop's length."""
        self.extras: dict[str, Any] = {}
        """What the screens keep with a save (workshop code, player, predictions); JSON only."""

    def set_term(self, turns: int) -> None:
        """Make the game last `turns` quarters (a workshop may play past the term)."""
        self.term = max(1, min(int(turns), MAX_TURNS))

    @classmethod
    def new(cls, pack: ContentPack, scenario_id: str, role: str, region: str | None = None,
            seed: int = 0, overrides: dict[str, float] | None = None) -> Campaign:
        """Start a game, checking scenario, role and region; raise BadInput if they are wrong."""
        problems = setup_problems(pack, scenario_id, role, region)
        if problems:
            raise BadInput(problems)
        scenario = pack.scenarios[scenario_id]
        if role == "municipal" and region is None:
            region = scenario.roles["municipal"].regions[0]
        return cls(pack, scenario_id, role, region, seed, overrides)  # type: ignore[arg-type]

    @classmethod
    def new_hot_seat(cls, pack: ContentPack, scenario_id: str, mayors: list[str],
                     seed: int = 0, overrides: dict[str, float] | None = None) -> Campaign:
        """Start a hot-seat game: the federal government (seat 0) and one mayor per city."""
        problems = setup_problems(pack, scenario_id, "federal", None)
        for city in mayors:
            problems += setup_problems(pack, scenario_id, "municipal", city)
        if not mayors:
            problems.append(Problem("(command line)", "mayors", "a hot-seat game needs a mayor"))
        if len(set(mayors)) != len(mayors):
            problems.append(Problem("(command line)", "mayors", "each city has one mayor"))
        if problems:
            raise BadInput(problems)
        return cls(pack, scenario_id, "federal", None, seed, overrides, mayors)

    @property
    def seats(self) -> list[tuple[Role, str | None]]:
        """The players at the table: (role, city) in playing order; one in an ordinary game."""
        return [(seat.role, None if seat.region is None else self.world.region_ids[seat.region])
                for seat in self.world.seats]

    # --- what the player sees -------------------------------------------------------------

    @property
    def turn(self) -> int:
        """Quarters resolved so far (0 before the first)."""
        return self.model.state.turn

    @property
    def term_turns(self) -> int:
        """Quarters this game lasts."""
        return self.term

    @property
    def is_over(self) -> bool:
        """Whether the term has been played out."""
        return self.turn >= self.term_turns

    def period(self, turn: int | None = None) -> str:
        """Calendar quarter of a turn (default: the quarter about to be played)."""
        return self.world.period(self.turn + 1 if turn is None else turn)

    def budget(self, seat: int = 0) -> float:
        """Money a player has each quarter, million pesos."""
        return self.world.seats[seat].budget

    def budget_left(self, seat: int = 0) -> float:
        """Money a player has not yet committed for the coming quarter."""
        spent = agenda_upkeep(self.model, self.turn + 1, seat)[PLAYED_RUN]
        return self.world.seats[seat].budget - float(spent)

    def capital(self, seat: int = 0) -> float:
        """A player's political capital (0-100)."""
        return float(self.model.state.capital[0, seat])

    def approval(self, seat: int = 0) -> float:
        """A player's standing: national approval, or the mayor's own approval."""
        state = self.model.state
        region = self.world.seats[seat].region
        if region is not None:
            return float(state.mayor_approval[0, region])
        return float(state.approval[0])

    def national_approval(self) -> float:
        """National approval of the federal government."""
        return float(self.model.state.approval[0])

    def next_election(self) -> tuple[int, str] | None:
        """The next election on the calendar after the coming quarter, as (turn, level)."""
        for entry in sorted(self.scenario.calendar, key=lambda e: e.turn):
            if entry.turn > self.turn and entry.kind == "election":
                return entry.turn, entry.level
        return None

    def region_view(self, region_id: str) -> dict[str, Any]:
        """Current indicators of a region, its groups and its markets."""
        i = self.world.region_index(region_id)
        s = self.model.state
        latest = self.records[-1] if self.records else self.start
        view: dict[str, Any] = dict(latest.regions[region_id])
        view["competition"] = float(competition_index(s.territory)[0, i])
        view["population"] = float(self.world.population[i])
        view["groups"] = self._all_groups()[i]
        view["markets"] = {name: float(s.markets[0, i, m]) for m, name in enumerate(MARKETS)}
        return view

    def _all_groups(self) -> list[list[dict[str, Any]]]:
        """The played world's armed groups in each region, the largest territory first."""
        s = self.model.state
        # Whole rows as lists: reading the arrays element by element cost a quarter's record
        # a quarter of its time on national-2018.
        active = s.group_active[0].tolist()
        cartel, kind = s.group_cartel[0].tolist(), s.group_kind[0].tolist()
        strength, territory = s.strength[0].tolist(), s.territory[0].tolist()
        regions: list[list[dict[str, Any]]] = []
        for i, row in enumerate(active):
            groups = [{"cartel": self.world.cartel_ids[int(cartel[i][g])], "kind": int(kind[i][g]),
                       "strength": round(strength[i][g], 2),
                       "territory": round(territory[i][g], 4)}
                      for g, on in enumerate(row) if on]
            groups.sort(key=lambda item: -item["territory"])
            regions.append(groups)
        return regions

    def options(self, region_id: str | None, seat: int = 0) -> list[ActionOption]:
        """Every intervention of a player's role for a region (or the national ones)."""
        result = []
        role = self.world.seats[seat].role
        for action in self.pack.interventions.values():
            if role not in action.roles:
                continue
            if (action.scope == "national") != (region_id is None):
                continue
            enact = EnactIntervention(action.id, region_id, seat)
            reason: Message | None = None
            try:
                enact.validate(self.model, self.branches.played)
            except Impossible as impossible:
                reason = impossible.message
            if self.is_over:
                reason = Message("reason.term_over")
            result.append(ActionOption(
                action_id=action.id, region=region_id, possible=reason is None, reason=reason,
                active=self.is_active(action.id, region_id),
                cost_money=money_cost(action, self.world, -1 if region_id is None
                                      else self.world.region_index(region_id)),
                cost_capital=action.cost.capital, delay=action.delay, duration=action.duration,
                findings=list(action.findings),
            ))
        return result

    def is_active(self, action_id: str, region_id: str | None) -> bool:
        """Whether an intervention is enacted (decided and not over) for the coming quarter."""
        index = -1 if region_id is None else self.world.region_index(region_id)
        return bool(active_runs(self.model, action_id, index, self.turn + 1)[PLAYED_RUN])

    def active_interventions(self, seat: int | None = None) -> list[tuple[str, str | None]]:
        """(action, region) of everything enacted and not over (by one player, if given)."""
        active = []
        for item in self.model.state.agenda:
            if seat is not None and item.seat not in (seat, -1):
                continue
            if item.paying_on(self.turn + 1) and item.runs[PLAYED_RUN]:
                region = None if item.region < 0 else self.world.region_ids[item.region]
                active.append((item.action, region))
        return active

    def queue(self) -> list[QueuedEffect]:
        """Enacted interventions whose effects have not started yet."""
        queued = []
        for item in self.model.state.agenda:
            if item.starts > self.turn + 1 and item.runs[PLAYED_RUN] and (
                item.ends is None or item.ends > item.starts
            ):
                region = None if item.region < 0 else self.world.region_ids[item.region]
                queued.append(QueuedEffect(item.action, region, item.starts,
                                           self.world.period(item.starts)))
        return sorted(queued, key=lambda q: q.starts_turn)

    def pending_dilemmas(self) -> list[Dilemma]:
        """Dilemmas raised last quarter that need an answer before the turn ends."""
        return pending_dilemmas(self.model, self.branches.played)

    def answered(self, event_id: str) -> str | None:
        """The answer already given to a pending dilemma, if any."""
        return answer_in(self.model, event_id, PLAYED_RUN)

    # --- what the player does -------------------------------------------------------------

    @property
    def decisions(self) -> list[dict[str, Any]]:
        """The log as saves and result files keep it (one dict per command)."""
        return [entry.as_record() for entry in self.log]

    def execute(self, command: Command) -> None:
        """Carry out a player's command for the coming quarter and log it: the only way in.

        Raises Impossible, with the reason for the player, and changes nothing if it cannot
        be done (no intervention can start once the term is over).
        """
        if isinstance(command, EnactIntervention) and self.is_over:
            raise Impossible(Message("reason.term_over"))
        self.branches.execute(command)
        self.log.append(Logged(self.turn + 1, command))

    def enact(self, action_id: str, region: str | None = None, seat: int = 0) -> None:
        """Enact an intervention for the coming quarter; raise Impossible with the reason."""
        self.execute(EnactIntervention(action_id, region, seat))

    def repeal(self, action_id: str, region: str | None = None, seat: int = 0) -> None:
        """Stop an ongoing intervention from the coming quarter."""
        self.execute(RepealIntervention(action_id, region, seat))

    def answer(self, event_id: str, region: str | None, choice_id: str) -> None:
        """Answer a pending dilemma (the region is shown to the player; answers apply to all)."""
        self.execute(AnswerDilemma(event_id, choice_id, region))

    def end_turn(self) -> TurnRecord:
        """Resolve the coming quarter of the term; dilemmas left open take their default."""
        if self.is_over:
            raise Impossible(Message("reason.term_over"))
        return self.resolve_quarter()

    def resolve_quarter(self) -> TurnRecord:
        """Resolve the coming quarter, past the term too (what happened next, a workshop)."""
        if self.turn >= MAX_TURNS:
            raise Impossible(Message("reason.term_over"))
        for dilemma in self.pending_dilemmas():
            if self.answered(dilemma.event_id) is None and dilemma.default is not None:
                self.log.append(Logged(self.turn + 1, AnswerDilemma(
                    dilemma.event_id, dilemma.default, dilemma.region), default=True))
        previous = self.results[-1] if self.results else None
        result = self.model.step()
        self.results.append(result)
        record = self._record(result, previous)
        self.records.append(record)
        return record

    def _record(self, result: TurnResult, previous: TurnResult | None) -> TurnRecord:
        data, played = played_turn_json(self.world, result, PLAYED_RUN)
        # The start has no counterfactuals yet; a quarter's are read when a screen asks.
        later = (QuarterEffects.of(self.world, result, PLAYED_RUN, self.branches, played)
                 if result.turn else None)
        why = {k: v for k, v in data["why"].items() if k in WHY_INDICATORS}
        groups = dict(zip(self.world.region_ids, self._all_groups(), strict=True))
        return TurnRecord(
            turn=data["turn"], period=data["period"], regions=data["regions"],
            national=data["national"], why=why, events=data["events"],
            headlines=headlines(self.world, result, previous), groups=groups,
            baseline=later.baseline_json() if later is not None else None,
            why_events={k: v for k, v in data["why_events"].items() if k in WHY_INDICATORS},
            later=later,
        )

    # --- counterfactuals and what happened next ------------------------------------------

    def fresh(self, overrides: dict[str, float] | None = None) -> Campaign:
        """The same scenario, seats and seed (and overrides, unless given), before any quarter."""
        return Campaign(self.pack, self.scenario_id, self.role, self.region, self.seed,
                        self.overrides if overrides is None else overrides, self.mayors)

    def own_plan(self) -> Plan:
        """This game's log as a plan (answers taken by default are left to the quarters)."""
        return Plan([Step(entry.turn, entry.command) for entry in self.log if not entry.default])

    def replay(self) -> Campaign:
        """A fresh game with the same seed and decisions, re-run to this turn."""
        copy = self.fresh()
        copy.set_term(self.term)
        play(copy, self.own_plan(), self.turn, strict=True, enter_next=True)
        return copy

    def back_to(self, turn: int) -> Campaign:
        """The game as it stood before quarter `turn` resolved, to play on from there anew.

        Every decision made for an earlier quarter is replayed on the same seed, so everything
        before `turn` is exactly as it was; the player plans quarter `turn` again.
        """
        if not 1 <= turn <= self.turn + 1:
            raise ValueError(f"there is no quarter {turn} to go back to")
        copy = self.fresh()
        copy.set_term(self.term)
        earlier = Plan([step for step in self.own_plan().steps if step.turn < turn])
        play(copy, earlier, turn - 1, strict=True)
        return copy

    def in_other_world(self, overrides: dict[str, float]) -> tuple[Campaign, list[Skipped]]:
        """The same seed and decisions under other assumptions (the assumptions panel).

        Decisions the other world makes impossible are skipped and listed; dilemmas that do
        not arise there are ignored.
        """
        other = self.fresh(overrides)
        other.set_term(self.term)
        return other, play(other, self.own_plan(), self.turn)

    def baseline(self) -> Campaign:
        """The same world and seed with no new policy, played to the same turn (for debriefs)."""
        base = self.fresh()
        play(base, Plan(), self.turn)
        return base

    def run_on(self, extra_turns: int) -> Campaign:
        """A copy of this game run on past its present turn with policies left as they are."""
        copy = self.replay()
        target = min(MAX_TURNS, self.turn + extra_turns)
        while copy.turn < target:
            copy.resolve_quarter()
        return copy

    def real_rates(self, region: str | None, periods: list[str]) -> list[float | None] | None:
        """The real homicide rate (per 100,000 a year) of each period, or None if unknown."""
        values = [real_series.homicide_rate(self.scenario, region, period) for period in periods]
        return values if any(v is not None for v in values) else None

    def election_outcome(self, seat: int = 0) -> ElectionOutcome:
        """The vote on a seat's office that ends its term: won or lost, by how much, against
        the same world with no new policy (the verdict screen's election; see play.election)."""
        from game.play.election import election_outcome

        return election_outcome(self, seat)

    def history_sources(self, region: str | None, periods: list[str]) -> list[str | None]:
        """What each real value of `real_rates` is, as a catalog key (None where there is none):
        `history.source.city` (the city's own count), `.state_share` (an estimate from its
        state), `.states`, `.state_less_city`, `.national` or `.regions`."""
        kinds = [real_series.homicide_rate_with_source(self.scenario, region, period)[1]
                 for period in periods]
        return [None if kind is None else real_series.SOURCE_MESSAGES[kind] for kind in kinds]

    def summary(self) -> dict[str, Any]:
        """Totals over the turns played, for debriefs and result files."""
        return run_summary(self.world, self.results, 0)

    def lives_against(self, other: Campaign) -> int:
        """True killings in `other` minus in this game, over the turns both played."""
        turns = min(len(self.results), len(other.results))
        mine = sum(r.national["true_homicides"][0] for r in self.results[:turns])
        theirs = sum(r.national["true_homicides"][0] for r in other.results[:turns])
        return round(theirs - mine)

    # --- saves ----------------------------------------------------------------------------

    def to_save(self) -> dict[str, Any]:
        """The save document: enough to rebuild this exact game by replaying its decisions."""
        return {
            "version": SAVE_VERSION,
            "scenario": self.scenario_id,
            "role": self.role,
            "region": self.region,
            "seed": self.seed,
            "overrides": self.overrides,
            "mayors": self.mayors,
            "period": self.world.period(max(self.turn, 1)),
            "term": self.term,
            "extras": self.extras,
            "turn": self.turn,
            "decisions": self.decisions,
            "fingerprint": self.fingerprint(),
        }

    def fingerprint(self) -> str:
        """A short hash of the current state's main numbers, to check a replay reproduced it."""
        s = self.model.state
        digest = hashlib.sha256()
        for array in (s.homicides, s.legitimacy, s.approval, s.capital, s.strength):
            played = array[PLAYED_RUN:PLAYED_RUN + 1]
            digest.update(np.ascontiguousarray(np.round(played, 9)).tobytes())
        return digest.hexdigest()[:16]

    def save(self, path: Path) -> None:
        """Write the save atomically: a temporary file in the same folder, then a rename."""
        write_text_atomic(path, json.dumps(self.to_save(), indent=1, sort_keys=True),
                          mode=0o600, make_folder=True)

    @classmethod
    def load(cls, pack: ContentPack, path: Path) -> Campaign:
        """Read a save and rebuild the game; raise BadSave with a reason the player can read."""
        name = str(path)
        try:
            data = parse_json_capped(read_text_capped(path, MAX_SAVE_BYTES), name)
        except BadInput as bad:
            raise BadSave(bad.problems) from bad
        return cls.from_save(pack, data, name)

    @classmethod
    def from_save(cls, pack: ContentPack, data: Any, name: str = "(save)") -> Campaign:
        """Rebuild a game from a save document, checking version, fields and fingerprint."""
        if not isinstance(data, dict):
            raise BadSave.of(name, "(top)", "is not a JSON object")
        version = data.get("version")
        if isinstance(version, int) and not isinstance(version, bool) and (
            version > SAVE_VERSION
        ):
            raise BadSave([Problem(name, "version", f"{version} is newer than this game's "
                                   f"({SAVE_VERSION}): update Plaza to open it")],
                          Message("save.newer", {"version": version}))
        problems: list[Problem] = []
        save = validate_model(SaveFile, data, name, problems)
        if save is None:
            raise BadSave(problems)
        problems = setup_problems(pack, save.scenario, save.role, save.region, file=name)
        for n, city in enumerate(save.mayors):
            problems += [Problem(p.file, f"mayors[{n}]", p.message) for p in
                         setup_problems(pack, save.scenario, "municipal", city, file=name)]
        if problems:
            raise BadSave(problems)
        try:
            if save.mayors:
                campaign = cls.new_hot_seat(pack, save.scenario, list(save.mayors), save.seed,
                                            dict(save.overrides))
            else:
                campaign = cls.new(pack, save.scenario, save.role, save.region, save.seed,
                                   dict(save.overrides))
        except BadInput as bad:
            raise BadSave([Problem(name, f"overrides.{p.field}", p.message)
                           for p in bad.problems]) from bad
        if save.term is not None:
            campaign.set_term(save.term)
        campaign.extras = dict(save.extras)
        log = Plan([Step(d.turn, Logged.of_saved(d).command) for d in save.decisions
                    if not d.default])
        try:
            play(campaign, log, save.turn, strict=True, enter_next=True)
        except (Impossible, BadInput, KeyError) as exc:
            detail = exc.message.key if isinstance(exc, Impossible) else str(exc)
            raise BadSave.of(name, "decisions", f"cannot be replayed: {detail}") from exc
        if save.fingerprint is not None and save.fingerprint != campaign.fingerprint():
            raise BadSave.of(name, "fingerprint", "does not match the replayed game: the save "
                             "was edited or comes from different content")
        return campaign
