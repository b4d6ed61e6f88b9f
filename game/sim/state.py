"""The world's state as arrays shaped (runs, regions, ...): one game is runs=1, a lab runs=N."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import numpy.typing as npt

from game.content.schema import MARKETS, ContentPack, Role, Scenario, ScriptedEvent
from game.core import calendar

Array = npt.NDArray[np.float64]
Mask = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]

MAX_GROUPS = 4
"""Group slots per region; splinters and new entrants fill empty slots (masked)."""

GROUP_ORIGINAL, GROUP_SPLINTER, GROUP_LOCAL_GANG = 0, 1, 2

TRAFFICKING: tuple[int, ...] = tuple(MARKETS.index(m) for m in ("cannabis", "synthetics"))
"""Markets that travel along routes to the US border (the ones pressure can reroute)."""


@dataclass(frozen=True)
class Seat:
    """One player at the table: a role and, for a mayor, the city governed."""

    role: Role
    region: int | None
    budget: float
    capital: float


@dataclass
class World:
    """What does not change during a game: the scenario's regions and calendar, as arrays.

    `seats` lists the players: one in an ordinary game, a federal player and mayors in a
    hot-seat game. `role` and `player_region` are the first seat's.
    """

    scenario: Scenario
    role: Role
    player_region: int | None
    region_ids: list[str]
    cartel_ids: list[str]
    population: Array
    contest_damping: Array
    border: Mask
    neighbours: Mask
    plazas: Array
    """Local plazas each region aggregates: how much of it one operation reaches."""
    playable: Mask
    """Regions regional cards may target (False: an unplayable remainder of the country)."""
    at_war: Mask
    """Regions whose groups start mid-war (their fight moves on by itself); elsewhere they
    start settled and move only with what happens in the game."""
    turns_in_term: int
    budget: float
    seats: list[Seat] = field(default_factory=list)

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles at the table (asked for by every event every quarter; seats never change
        once the world is built)."""
        return frozenset(seat.role for seat in self.seats)

    @cached_property
    def scripted_by_event(self) -> dict[str, list[ScriptedEvent]]:
        """The scenario's scripted events, by event id, in the scenario's order."""
        by_event: dict[str, list[ScriptedEvent]] = {}
        for item in self.scenario.scripted:
            by_event.setdefault(item.event, []).append(item)
        return by_event

    @property
    def n_regions(self) -> int:
        """Number of regions."""
        return len(self.region_ids)

    def region_index(self, region_id: str) -> int:
        """Return the array index of a region id."""
        return self.region_ids.index(region_id)

    def period(self, turn: int) -> str:
        """Return the calendar quarter of a turn, as '2010-Q1'."""
        return calendar.period(self.scenario.start_year, self.scenario.start_quarter, turn)


@dataclass
class AgendaItem:
    """An intervention the player enacted: where, from when, until when, in which runs."""

    action: str
    region: int
    decided: int
    starts: int
    ends: int | None
    runs: Mask
    free: bool = False
    seat: int = 0

    def active_on(self, turn: int) -> bool:
        """Tell whether its effect applies on a turn."""
        return self.starts <= turn and (self.ends is None or turn < self.ends)

    def paying_on(self, turn: int) -> bool:
        """Tell whether it costs money on a turn (from the decision to its end)."""
        return self.decided <= turn and (self.ends is None or turn < self.ends)


@dataclass
class State:
    """Everything that changes, per run and region; the model owns `turn`."""

    turn: int
    strength: Array
    territory: Array
    group_active: Mask
    group_cartel: IntArray
    group_kind: IntArray
    group_hold: Array
    """Each group's hold on its ground beyond its fighters (local ties, protection): the
    territorial contest weighs hold times strength. 1 where groups start at war."""
    recruit_follow: Array
    """Share of each group's recruitment that follows the territory it holds (1 in a war)."""
    recruit_base: Array
    """Each group's own recruits per quarter beyond what revenue buys, in strength units
    (0 where groups start at war; see Model._calibrate)."""
    markets: Array
    retaliation: Array
    army: Array
    guard: Array
    base_army: Array
    base_guard: Array
    arrangements: Array
    coordination: Array
    coordination_norm: Array
    police_integrity: Array
    judicial_integrity: Array
    police_capacity: Array
    capacity_norm: Array
    mobilisation: Array
    opportunity: Array
    forensic: Array
    legitimacy: Array
    mayor_approval: Array
    migrants: Array
    homicides_true: Array
    homicides: Array
    mean_killings: Array
    public_expectation: Array
    violence_norm: Array
    intercept: Array
    revenue_norm: Array
    strength_norm: Array
    cannabis_legal_share: Array
    approval: Array
    approval_norm: Array
    capital: Array
    us_pressure: Array
    pending_capture: Mask
    arrangements_norm: Array
    integrity_norm: Array
    judicial_norm: Array
    opportunity_norm: Array
    legitimacy_norm: Array
    uncontrolled_norm: Array
    policing_norm: Array
    us_pressure_norm: Array
    expected_kidnappings: Array
    attack_norm: Array
    force_norm: Array
    abuse_norm: Array
    last_event_deaths: Array
    last_kidnappings: Array
    last_hidden_share: Array
    last_hidden_forensic: Array
    last_found: Array
    measured_norm: Array
    home_markets: Array
    """Markets as demand and local business make them, before pressure reroutes trafficking
    and squeezed groups turn to extortion; `markets` is what groups earn from this quarter."""
    traffic_norm: Array
    route_out: Array
    predation: Array
    controlled_norm: Array
    money_norm: Array
    exposure: Array
    commission_progress: Array
    hidden_backlog: Array
    forensic_norm: Array
    pact_broken: Array
    dominance_norm: Array
    arrangements_usual: Array
    """The pacts a region settles into without anyone looking away: its usual level, higher
    where a group has won the plaza; pacts beyond it are the fragile ones."""
    pact_war: Array
    vacuum: Array
    mayor_norm: Array
    last_event_deaths_by: dict[str, Array] = field(default_factory=dict)
    homicide_terms: dict[str, Array] = field(default_factory=dict)
    kidnap_parts: dict[str, Array] = field(default_factory=dict)
    event_last: dict[str, IntArray] = field(default_factory=dict)
    pending: dict[str, Mask] = field(default_factory=dict)
    agenda: list[AgendaItem] = field(default_factory=list)

    @property
    def runs(self) -> int:
        """Number of runs carried side by side."""
        return int(self.approval.shape[0])

    def copy(self) -> State:
        """Return an independent copy (for counterfactual branches)."""
        return copy.deepcopy(self)

    def extend_runs(self, sources: IntArray) -> None:
        """Append a copy of each run in `sources` (its state, agenda and pending dilemmas).

        A new run is the same world as its source from here on, unless a command makes it
        differ: how a game carries the same world without one of its decisions (F15).
        """
        for name, value in vars(self).items():
            if isinstance(value, np.ndarray):
                setattr(self, name, np.concatenate([value, value[sources]]))
            elif isinstance(value, dict):
                for key, array in value.items():
                    value[key] = np.concatenate([array, array[sources]])
        for item in self.agenda:
            item.runs = np.concatenate([item.runs, item.runs[sources]])


def build_world(pack: ContentPack, scenario_id: str, role: Role, region: str | None,
                extra_seats: list[tuple[Role, str | None]] | None = None) -> World:
    """Turn a scenario into the static arrays of a World; the caller has checked roles and regions.

    `extra_seats` adds players for a hot-seat game (role, city) after the first one.
    """
    scenario = pack.scenarios[scenario_id]
    ids = [r.id for r in scenario.regions]
    n = len(ids)
    neighbours = np.zeros((n, n), dtype=bool)
    for i, setup in enumerate(scenario.regions):
        for other in setup.neighbours:
            j = ids.index(other)
            neighbours[i, j] = neighbours[j, i] = True
    role_setup = scenario.roles[role]
    seats = [
        Seat(r, ids.index(city) if city is not None else None, scenario.roles[r].budget,
             scenario.roles[r].capital)
        for r, city in [(role, region), *(extra_seats or [])]
    ]
    turns = min(scenario.roles[seat.role].turns for seat in seats)
    return World(
        scenario=scenario,
        role=role,
        player_region=ids.index(region) if region is not None else None,
        region_ids=ids,
        cartel_ids=list(pack.cartels),
        population=np.array([r.population for r in scenario.regions], dtype=np.float64),
        contest_damping=1.0 / np.sqrt([float(r.plazas) for r in scenario.regions]),
        border=np.array([r.border for r in scenario.regions], dtype=bool),
        neighbours=neighbours,
        plazas=np.array([float(r.plazas) for r in scenario.regions]),
        playable=np.array([r.playable for r in scenario.regions], dtype=bool),
        at_war=np.array([r.at_war for r in scenario.regions], dtype=bool),
        turns_in_term=turns,
        budget=role_setup.budget,
        seats=seats,
    )


def initial_state(world: World, runs: int) -> State:
    """Lay out the scenario's starting values, repeated over `runs`."""
    scenario = world.scenario
    n = world.n_regions

    def per_region(name: str) -> Array:
        values = np.array([float(getattr(r, name)) for r in scenario.regions])
        return np.tile(values, (runs, 1))

    strength = np.zeros((runs, n, MAX_GROUPS))
    territory = np.zeros((runs, n, MAX_GROUPS))
    active = np.zeros((runs, n, MAX_GROUPS), dtype=bool)
    cartel = np.zeros((runs, n, MAX_GROUPS), dtype=np.int64)
    markets = np.zeros((runs, n, len(MARKETS)))
    for i, region in enumerate(scenario.regions):
        for g, group in enumerate(region.groups):
            strength[:, i, g] = group.strength
            territory[:, i, g] = group.territory
            active[:, i, g] = True
            cartel[:, i, g] = world.cartel_ids.index(group.cartel)
        for m, market in enumerate(MARKETS):
            markets[:, i, m] = next(
                (size for name, size in region.markets.items() if name == market), 0.0)
    rate = per_region("homicide_rate")
    quarterly = rate * world.population / 100_000 / 4
    zeros = np.zeros((runs, n))
    army, guard = per_region("army"), per_region("guard")
    arrangements, coordination = per_region("arrangements"), per_region("coordination")
    integrity, judicial = per_region("police_integrity"), per_region("judicial_integrity")
    capacity, opportunity = per_region("police_capacity"), per_region("opportunity")
    legitimacy = per_region("legitimacy")
    approval = np.full(runs, scenario.approval)
    return State(
        turn=0,
        strength=strength,
        territory=territory,
        group_active=active,
        group_cartel=cartel,
        group_kind=np.zeros((runs, n, MAX_GROUPS), dtype=np.int64),
        group_hold=np.ones((runs, n, MAX_GROUPS)),
        recruit_follow=np.ones((runs, n, MAX_GROUPS)),
        recruit_base=np.zeros((runs, n, MAX_GROUPS)),
        markets=markets,
        retaliation=zeros.copy(),
        army=army.copy(),
        guard=guard.copy(),
        base_army=army,
        base_guard=guard,
        arrangements=arrangements,
        coordination=coordination,
        coordination_norm=coordination.copy(),
        police_integrity=integrity,
        judicial_integrity=judicial,
        police_capacity=capacity,
        capacity_norm=capacity.copy(),
        mobilisation=per_region("mobilisation"),
        opportunity=opportunity,
        forensic=per_region("forensic_capacity"),
        legitimacy=legitimacy,
        mayor_approval=legitimacy.copy(),
        migrants=per_region("migrants"),
        homicides_true=quarterly.copy(),
        homicides=quarterly.copy(),
        mean_killings=quarterly.copy(),
        public_expectation=quarterly.copy(),
        violence_norm=quarterly.copy(),
        intercept=zeros.copy(),
        revenue_norm=markets.sum(axis=2) + 1e-9,
        strength_norm=strength.sum(axis=2) + 1e-9,
        cannabis_legal_share=np.zeros(runs),
        approval=approval,
        approval_norm=approval.copy(),
        capital=np.tile([seat.capital for seat in world.seats], (runs, 1)).astype(np.float64),
        us_pressure=np.full(runs, scenario.us_pressure),
        pending_capture=np.zeros((runs, n), dtype=bool),
        arrangements_norm=arrangements.copy(),
        integrity_norm=integrity.copy(),
        judicial_norm=judicial.copy(),
        opportunity_norm=opportunity.copy(),
        legitimacy_norm=legitimacy.copy(),
        uncontrolled_norm=np.clip(1.0 - territory.sum(axis=2), 0.0, 1.0),
        policing_norm=zeros.copy(),
        us_pressure_norm=np.full(runs, scenario.us_pressure),
        expected_kidnappings=zeros.copy(),
        attack_norm=zeros.copy(),
        force_norm=zeros.copy(),
        abuse_norm=zeros.copy(),
        last_event_deaths=zeros.copy(),
        last_kidnappings=zeros.copy(),
        last_hidden_share=zeros.copy(),
        last_hidden_forensic=zeros.copy(),
        last_found=zeros.copy(),
        measured_norm=quarterly.copy(),
        home_markets=markets.copy(),
        traffic_norm=markets[:, :, list(TRAFFICKING)].sum(axis=2) + 1e-9,
        route_out=zeros.copy(),
        predation=zeros.copy(),
        controlled_norm=np.maximum(territory.sum(axis=2), 1e-3),
        money_norm=markets.sum(axis=2) * np.maximum(territory.sum(axis=2), 1e-3) + 1e-9,
        exposure=zeros.copy(),
        commission_progress=np.zeros(runs),
        hidden_backlog=zeros.copy(),
        forensic_norm=per_region("forensic_capacity"),
        pact_broken=zeros.copy(),
        dominance_norm=zeros.copy(),
        arrangements_usual=arrangements.copy(),
        pact_war=zeros.copy(),
        vacuum=zeros.copy(),
        mayor_norm=legitimacy.copy(),
    )
