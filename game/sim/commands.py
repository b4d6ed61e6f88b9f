"""One class per player verb: validate() says why it is impossible, apply() changes the world.

Every command acts on a set of runs: `runs`, the worlds it is meant for (all of them by
default), and `played`, the worlds whose feasibility decides whether it is possible at all
(also all by default). A game passes its played world as `played` and, as `runs`, that world
plus the same world without each of its other decisions, so each decision's own effect can
be read off side by side (F15: every choice's price shows).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from game.content.schema import Intervention
from game.core.calendar import parse_period, period
from game.core.i18n import Message
from game.sim.levers import FORCE_LEVERS
from game.sim.model import Model
from game.sim.state import AgendaItem, Array, Mask, World

FORCES_PRESENT = 0.05
"""Forces index above which federal forces count as present in a region (can be withdrawn)."""


class Impossible(Exception):
    """The player cannot do this now; the message says why (shown, the turn does not advance)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def _all(model: Model, runs: Mask | None) -> Mask:
    """A copy of `runs`, or every run when None."""
    return np.ones(model.state.runs, dtype=bool) if runs is None else np.array(runs, dtype=bool)


def money_cost(action: Intervention, world: World, region: int) -> float:
    """Money an intervention costs per quarter in a region (-1: national), million pesos.

    A card whose money serves people (`cost.reach`) costs in proportion to the people of a
    region bigger than that: a program for a country is not priced like one for a city.
    """
    if region < 0:
        return action.cost.money
    return money_for_people(action, float(world.population[region]))


def money_for_people(action: Intervention, population: float) -> float:
    """Money a regional intervention costs per quarter where `population` people live, million
    pesos: its price grows with the people beyond its reach (`cost.reach`), if it has one."""
    if action.cost.reach is None:
        return action.cost.money
    return action.cost.money * max(1.0, population / action.cost.reach)


def upkeep(model: Model, turn: int, seat: int = 0) -> Array:
    """Money a player's agenda costs on a turn, per run, in million pesos."""
    total = np.zeros(model.state.runs)
    for item in model.state.agenda:
        if item.paying_on(turn) and not item.free and item.seat == seat:
            action = model.pack.interventions[item.action]
            total += money_cost(action, model.world, item.region) * item.runs
    return total


def active_runs(model: Model, action_id: str, region: int, turn: int) -> Mask:
    """Runs in which an action is decided and not over in a region (national: region -1)."""
    runs = np.zeros(model.state.runs, dtype=bool)
    for item in model.state.agenda:
        if item.action == action_id and item.region == region and item.paying_on(turn):
            runs |= item.runs
    return runs


def intervention(model: Model, action_id: str) -> Intervention:
    """Return the intervention an action id names; raise Impossible if content has none."""
    action = model.pack.interventions.get(action_id)
    if action is None:
        raise Impossible(Message("reason.unknown_action", {"action": action_id}))
    return action


@dataclass
class EnactIntervention:
    """Start an intervention, in a region or nationally, from the quarter about to be played."""

    action_id: str
    region: str | None = None
    seat: int = 0

    def region_index(self, model: Model) -> int:
        """Array index of the target region (-1 for a national action)."""
        action = intervention(model, self.action_id)
        if action.scope == "national":
            return -1
        assert self.region is not None
        return model.world.region_index(self.region)

    def feasible_runs(self, model: Model, runs: Mask | None = None,
                      played: Mask | None = None) -> Mask:
        """Runs (of `runs`) where it can be enacted now; Impossible, with the first reason, if
        it can be in none of the `played` runs."""
        world, state = model.world, model.state
        turn = state.turn + 1
        action = intervention(model, self.action_id)
        if not 0 <= self.seat < len(world.seats):
            raise Impossible(Message("reason.wrong_role", {"role": "?"}))
        player = world.seats[self.seat]
        if player.role not in action.roles:
            raise Impossible(Message("reason.wrong_role", {"role": f"@role.{player.role}"}))
        not_then = out_of_time(action, period(world.scenario.start_year,
                                              world.scenario.start_quarter, turn))
        if not_then is not None:
            raise Impossible(not_then)
        if action.scope == "national":
            if self.region is not None:
                raise Impossible(Message("reason.national_only"))
            index = -1
        else:
            if self.region is None:
                raise Impossible(Message("reason.needs_region"))
            if self.region not in world.region_ids:
                raise Impossible(Message("reason.unknown_region", {"region": self.region}))
            index = world.region_index(self.region)
            if player.region is not None and index != player.region:
                raise Impossible(Message("reason.not_your_region",
                                         {"region": f"@region.{self.region}"}))
            if not world.playable[index]:
                raise Impossible(Message("reason.not_playable",
                                         {"region": f"@region.{self.region}"}))
        candidate = _all(model, runs)
        decisive = _all(model, played)
        for requirement in action.requires:
            candidate &= self._requirement(model, requirement, index)
            if not (candidate & decisive).any():
                raise Impossible(Message(f"reason.{REQUIREMENT_REASONS[requirement]}"))
        needed = money_cost(action, world, index)
        left = player.budget - upkeep(model, turn, self.seat)
        candidate &= needed <= left + 1e-9
        if not (candidate & decisive).any():
            raise Impossible(Message("reason.no_budget", {
                "needed": needed, "left": float(left[decisive].max())}))
        capital = state.capital[:, self.seat]
        candidate &= capital >= action.cost.capital - 1e-9
        if not (candidate & decisive).any():
            raise Impossible(Message("reason.no_capital", {
                "needed": action.cost.capital, "left": float(capital[decisive].min())}))
        return candidate

    def _requirement(self, model: Model, requirement: str, index: int) -> Mask:
        state = model.state
        runs = np.ones(state.runs, dtype=bool)
        if requirement == "not_already_active":
            runs = ~active_runs(model, self.action_id, index, state.turn + 1)
        elif requirement == "forces_present":
            ordered = np.zeros(state.runs, dtype=bool)
            for item in state.agenda:
                levers = model.pack.interventions[item.action].regional_effects
                if item.region == index and item.paying_on(state.turn + 1) and (
                    FORCE_LEVERS & set(levers)
                ):
                    ordered |= item.runs
            present = state.army[:, index] + state.guard[:, index] > FORCES_PRESENT
            runs = np.asarray(present) | ordered
        elif requirement == "groups_present":
            runs = np.asarray(state.group_active[:, index].any(axis=1), dtype=bool)
        elif requirement == "border_region":
            runs[:] = bool(model.world.border[index])
        return runs

    def validate(self, model: Model, played: Mask | None = None) -> None:
        """Raise Impossible if the player cannot enact this now."""
        self.feasible_runs(model, played, played)

    def apply(self, model: Model, runs: Mask | None = None, played: Mask | None = None) -> None:
        """Put the intervention on the agenda and pay its political capital, where possible."""
        feasible = self.feasible_runs(model, runs, played)
        action = intervention(model, self.action_id)
        turn = model.state.turn + 1
        starts = turn + action.delay
        ends = starts + action.duration if action.duration else None
        model.add_agenda(AgendaItem(self.action_id, self.region_index(model), turn, starts, ends,
                                    feasible, seat=self.seat))
        capital = model.state.capital
        capital[:, self.seat] = np.where(feasible, capital[:, self.seat] - action.cost.capital,
                                         capital[:, self.seat])


def out_of_time(action: Intervention, ordered: str) -> Message | None:
    """Why an intervention ordered in a quarter cannot be: it did not exist yet, or no longer.

    The National Guard was created in 2019 and deployed from 30 June: no Guard card takes
    effect before 2019-Q3 (content/interventions.toml, `available_from`); before it, the
    Federal Police's card.
    """
    late = action.date_problem(ordered)
    if late is None:
        return None
    year, quarter = parse_period(late[1])
    return Message(f"reason.{late[0]}", {"year": str(year), "quarter": str(quarter)})


REQUIREMENT_REASONS = {
    "not_already_active": "already_active",
    "forces_present": "no_forces",
    "groups_present": "no_groups",
    "border_region": "not_border",
}


@dataclass
class RepealIntervention:
    """Stop an ongoing intervention from the quarter about to be played (no refund)."""

    action_id: str
    region: str | None = None
    seat: int = 0

    def _items(self, model: Model, played: Mask | None) -> list[AgendaItem]:
        """The agenda items it would stop; Impossible if none is active in a played run."""
        action = intervention(model, self.action_id)
        seats = model.world.seats
        if not 0 <= self.seat < len(seats) or seats[self.seat].role not in action.roles:
            role = seats[self.seat].role if 0 <= self.seat < len(seats) else "?"
            raise Impossible(Message("reason.wrong_role", {"role": f"@role.{role}"}))
        index = -1 if action.scope == "national" or self.region is None else (
            model.world.region_index(self.region) if self.region in model.world.region_ids
            else -2)
        turn = model.state.turn + 1
        items = [item for item in model.state.agenda
                 if item.action == self.action_id and item.region == index
                 and item.paying_on(turn) and item.seat in (self.seat, -1)]
        decisive = _all(model, played)
        if not any((item.runs & decisive).any() for item in items):
            raise Impossible(Message("reason.not_active"))
        return items

    def validate(self, model: Model, played: Mask | None = None) -> None:
        """Raise Impossible if there is nothing to stop."""
        self._items(model, played)

    def apply(self, model: Model, runs: Mask | None = None, played: Mask | None = None) -> None:
        """End the intervention before the coming quarter, in `runs` (it goes on elsewhere)."""
        turn = model.state.turn + 1
        stop = _all(model, runs)
        for item in self._items(model, played):
            going_on = item.runs & ~stop
            if going_on.any():
                model.state.agenda.append(replace(item, runs=going_on))
                item.runs = item.runs & stop
            item.ends = turn
            if item.starts > turn:
                item.starts = turn


@dataclass
class AnswerDilemma:
    """Choose how to answer a pending dilemma; the answer lands in the coming quarter.

    `region` is where the player saw it (for logs and screens); the answer holds wherever the
    dilemma is pending in the runs it is given for; elsewhere the default answer is taken.
    """

    event_id: str
    choice_id: str
    region: str | None = None

    def validate(self, model: Model, played: Mask | None = None) -> None:
        """Raise Impossible if there is no such pending dilemma or choice."""
        where = model.state.pending.get(self.event_id)
        if where is None or not where[_all(model, played)].any():
            raise Impossible(Message("reason.unknown_choice", {"choice": self.event_id}))
        event = model.pack.events[self.event_id]
        if self.choice_id not in {c.id for c in event.choices}:
            raise Impossible(Message("reason.unknown_choice", {"choice": self.choice_id}))

    def apply(self, model: Model, runs: Mask | None = None, played: Mask | None = None) -> None:
        """Record the answer for the next step, in `runs`.

        It replaces the answers given before to the same dilemma (a player changing their
        mind) unless they hold in other runs only: then it stands beside them (several games
        in one model, each answering for its own worlds).
        """
        self.validate(model, played)
        mine = _all(model, runs)
        given = model.answers.get(self.event_id, [])
        if any((held & mine).any() for _, held in given):
            given = []
        model.answers[self.event_id] = [*given, (self.choice_id, mine)]


Command = EnactIntervention | RepealIntervention | AnswerDilemma
"""Every player verb: each validates itself (raising Impossible) and applies itself to a model."""


@dataclass(frozen=True)
class Dilemma:
    """A pending decision the player must answer before the quarter resolves."""

    event_id: str
    region: str
    choices: list[str]
    default: str | None


def pending_dilemmas(model: Model, runs: Mask | None = None) -> list[Dilemma]:
    """Dilemmas raised last quarter and still unresolved, in the given runs (default: any run)."""
    pending = []
    for event_id, where in model.state.pending.items():
        event = model.pack.events[event_id]
        here = where if runs is None else where & runs[:, None]
        for i in np.flatnonzero(here.any(axis=0)):
            pending.append(Dilemma(event_id, model.world.region_ids[int(i)],
                                   [c.id for c in event.choices], event.default_choice))
    return pending


def answer_in(model: Model, event_id: str, run: int) -> str | None:
    """The answer given to a pending dilemma for one run, if any."""
    return next((choice for choice, held in model.answers.get(event_id, []) if held[run]),
                None)
