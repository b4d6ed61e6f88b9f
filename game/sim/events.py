"""Events and dilemmas: triggers (registered by decorator) and their one-shot effects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from game.content.schema import Event, EventEffect
from game.sim.ledger import Ledger, clip
from game.sim.levers import Levers
from game.sim.params import Params
from game.sim.state import GROUP_SPLINTER, Array, Mask, State, World

TriggerFn = Callable[[World, State, Levers, Params, "Signals"], Mask]
TRIGGERS: dict[str, TriggerFn] = {}


@dataclass
class Signals:
    """What happened this quarter that triggers can look at."""

    kingpin_success: Mask
    splinters: Mask
    competition: Array
    kingpin_killed: Mask | None = None
    """Where an operation ended with the leader dead (a subset of kingpin_success)."""

    @property
    def killed(self) -> Mask:
        """Where a leader was killed this quarter (none if not given)."""
        if self.kingpin_killed is None:
            return np.zeros_like(self.kingpin_success)
        return self.kingpin_killed


def trigger(name: str) -> Callable[[TriggerFn], TriggerFn]:
    """Register a trigger under the name content files use in `trigger = "..."`."""

    def register(fn: TriggerFn) -> TriggerFn:
        TRIGGERS[name] = fn
        return fn

    return register


def _nowhere(state: State) -> Mask:
    return np.zeros(state.coordination.shape, dtype=bool)


def _one_region(state: State, index: int, condition: Mask) -> Mask:
    """A national condition (runs,) reported in one region."""
    where = _nowhere(state)
    where[:, index] = condition
    return where


@trigger("capture_in_stronghold")
def capture_in_stronghold(
    world: World, state: State, levers: Levers, p: Params, s: Signals
) -> Mask:
    """A capture where the leader's group dominates the city: the siege dilemma (F4)."""
    return np.asarray(state.pending_capture & s.kingpin_success)


@trigger("capture_made")
def capture_made(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """A kingpin operation captured its target (no siege): the news, and the hydra (F3)."""
    return np.asarray(s.kingpin_success & ~state.pending_capture & ~s.killed)


@trigger("leader_killed")
def leader_killed(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """An operation ended with the leader dead: more violence than a capture (Dickenson 2014)."""
    return np.asarray(s.killed)


@trigger("pact_offer")
def pact_offer(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """A criminal group offers a mayor a pact where groups fight over the city (F2, F15)."""
    where = _nowhere(state)
    for seat in world.seats:
        if seat.region is not None:
            where[:, seat.region] = s.competition[:, seat.region] > p.pact_offer_competition
    return np.asarray(where & (levers.local("tolerate") <= 0))


@trigger("election_campaign")
def election_campaign(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """Candidates attacked in contested places during a campaign (F2)."""
    where = _nowhere(state)
    for entry in world.scenario.calendar:
        if entry.turn == state.turn and entry.kind == "election":
            idx = [world.region_index(r) for r in entry.regions] or list(range(world.n_regions))
            where[:, idx] = True
    return where & (s.competition > p.campaign_violence_competition)


@trigger("us_pressure_high")
def us_pressure_high(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """Washington demands that Mexico stop migrants (F10, F11)."""
    border = np.flatnonzero(world.border)
    index = int(border[0]) if border.size else 0
    return _one_region(state, index, state.us_pressure > p.us_pressure_tolerance)


@trigger("commission_setback")
def commission_setback(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """Suspects freed for lack of evidence where courts are weak (F13)."""
    active = levers.national_lever("truth_commission")[:, 0] > 0
    weakest = np.argmin(state.judicial_integrity, axis=1)  # in each run, its own weakest court
    runs = np.arange(state.runs)
    weak = state.judicial_integrity[runs, weakest] < p.commission_failure_integrity
    where = _nowhere(state)
    where[runs, weakest] = active & weak
    return where


@trigger("splinter_war")
def splinter_war(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """A dominant group splits and its factions go to war (F9)."""
    return np.asarray(s.splinters)


@trigger("migrant_wait")
def migrant_wait(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """Only scripted: US policy sends asylum seekers back to wait (F10)."""
    return _nowhere(state)


@trigger("foreign_massacre")
def foreign_massacre(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """Only scripted: a massacre of foreign citizens and an offer of US intervention."""
    return _nowhere(state)


@trigger("scripted")
def scripted(world: World, state: State, levers: Levers, p: Params, s: Signals) -> Mask:
    """Fires only on the turns a scenario lists."""
    return _nowhere(state)


SCRIPTED_ONLY = frozenset({"scripted", "migrant_wait", "foreign_massacre"})
"""Triggers that fire only on the turns a scenario lists (history, not conditions)."""


@dataclass
class EventTotals:
    """One-shot consequences gathered in a quarter, per run and region (national per run).

    Deaths and the pushes on legitimacy and approval are also kept event by event, so the
    Why? panel can credit each event with its own findings.
    """

    deaths: Array
    civilians: Array
    abuses: Array
    attacks: Array
    legitimacy: Array
    approval: Array
    ledger: Ledger
    deaths_by: dict[str, Array] = field(default_factory=dict)
    legitimacy_by: dict[str, Array] = field(default_factory=dict)
    approval_by: dict[str, Array] = field(default_factory=dict)
    mayor_approval_by: dict[str, Array] = field(default_factory=dict)

    @classmethod
    def empty(cls, state: State, ledger: Ledger) -> EventTotals:
        """Start a quarter with no consequences; direct changes are recorded in `ledger`."""
        zeros = np.zeros(state.coordination.shape)
        return cls(zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy(), zeros.copy(),
                   np.zeros(state.runs), ledger)


def _gather(by: dict[str, Array], event_id: str, amount: Array) -> None:
    """Add one event's amount to its running total."""
    by[event_id] = by[event_id] + amount if event_id in by else amount.copy()


def apply_effect(
    world: World, state: State, effect: EventEffect, where: Mask, totals: EventTotals, p: Params,
    event_id: str = "",
) -> None:
    """Apply an event's or a choice's one-shot effect in the regions (and runs) where it fired."""
    if not where.any():
        return
    w = where.astype(np.float64)
    anywhere = np.asarray(where.any(axis=1), dtype=np.float64)
    deaths, legitimacy, approval = w * effect.deaths, w * effect.legitimacy * 4.0, (
        anywhere * effect.approval * 4.0)
    totals.deaths += deaths
    totals.civilians += w * effect.deaths * effect.civilian_share
    totals.abuses += w * effect.abuses
    totals.attacks += w * effect.attacks
    totals.legitimacy += legitimacy
    totals.approval += approval
    _gather(totals.deaths_by, event_id, deaths)
    _gather(totals.legitimacy_by, event_id, legitimacy)
    _gather(totals.approval_by, event_id, approval)
    _gather(totals.mayor_approval_by, event_id, w * effect.approval * 4.0)
    state.capital = clip(state.capital + (anywhere * effect.capital)[:, None], 0, 100)
    state.us_pressure = clip(state.us_pressure + anywhere * effect.us_pressure, 0, 1)
    for name, change in (("coordination", effect.coordination),
                         ("judicial_integrity", effect.judicial_integrity),
                         ("arrangements", effect.arrangements),
                         ("police_integrity", effect.police_integrity)):
        if not change:
            continue
        before = getattr(state, name)
        after = clip(before + w * change, 0, 1)
        totals.ledger.add_event(name, event_id, after - before)
        setattr(state, name, after)
    if effect.mobilisation:
        state.mobilisation = clip(state.mobilisation + w * effect.mobilisation, 0, 1)
    if effect.police_capacity:
        state.police_capacity = clip(state.police_capacity + w * effect.police_capacity, 0, 1)
    if effect.army:
        state.base_army = clip(state.base_army + w * effect.army, 0, 3)
    if effect.commission_progress:
        state.commission_progress = clip(
            state.commission_progress * (1 + anywhere * effect.commission_progress), 0, 1)
    if effect.migrants:
        state.migrants = np.maximum(state.migrants + w * effect.migrants * world.border, 0)
    state.retaliation += w * effect.retaliation
    if effect.leader_strength:
        leader = np.argmax(np.where(state.group_active, state.territory, -1.0), axis=2)
        r, g = np.nonzero(where)
        state.strength[r, g, leader[r, g]] *= 1 + effect.leader_strength
    if effect.split_leader:
        from game.sim.mechanisms import contest_power, split_leading_group

        split_leading_group(state, where, p.kingpin_split_share, GROUP_SPLINTER,
                            contest_power(world, p))


def fires(
    event: Event, world: World, state: State, levers: Levers, p: Params, signals: Signals,
    roll: Array | None,
) -> Mask:
    """Where (runs, regions) an event fires this quarter, after its chance and cooldown.

    A scripted event fires on its turn in every run, except where the same event fired
    within its cooldown (a siege the player's own capture already brought, for instance).
    """
    if world.roles.isdisjoint(event.roles):
        return _nowhere(state)
    scripted_today = [item for item in world.scripted_by_event.get(event.id, ())
                      if item.turn == state.turn]
    if event.trigger in SCRIPTED_ONLY and not scripted_today:
        return _nowhere(state)
    condition = TRIGGERS[event.trigger](world, state, levers, p, signals)
    scripted_here = _nowhere(state)
    for item in scripted_today:
        scripted_here[:, world.region_index(item.region) if item.region else 0] = True
    lucky = True if roll is None else roll < event.chance  # no roll: it always fires
    last = state.event_last.get(event.id)
    if last is not None and event.cooldown:
        cooled = (state.turn - last) > event.cooldown
        condition = condition & cooled[:, None]
        scripted_here &= cooled[:, None]  # history already happened here, by the player's hand
    fired = (condition & lucky) | scripted_here
    if fired.any():
        previous = state.event_last.get(event.id, np.full(state.runs, -999))
        state.event_last[event.id] = np.where(fired.any(axis=1), state.turn, previous)
    return np.asarray(fired)
