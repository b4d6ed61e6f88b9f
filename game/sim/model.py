"""The turn: step(state, answers) advances every run one quarter and reports what moved and why."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from game.content.schema import MARKETS, ContentPack
from game.sim import mechanisms as m
from game.sim.events import SCRIPTED_ONLY, EventTotals, Signals, apply_effect, fires
from game.sim.indicators import WHY_ORDER, read_all
from game.sim.ledger import Ledger
from game.sim.levers import build_levers
from game.sim.params import Params
from game.sim.randomness import RunRandom
from game.sim.slots import slot_max
from game.sim.state import AgendaItem, Array, Mask, World, initial_state

LEDGER_ORDER = WHY_ORDER
"""The order the Why? lists indicators in, whatever happened in other runs of a batch."""

FIXED_ROLLS = 5
"""Uniforms per run and region each quarter before the events': siege, capture, split, entry,
and whether an operation's target dies."""

@dataclass
class EventRecord:
    """An event that fired (or a dilemma that was answered) in some runs, in one region."""

    event_id: str
    region: int
    runs: Mask
    choice: str | None = None
    findings: tuple[str, ...] = ()
    """The findings the event illustrates (content/events.toml), credited in the Why? panel."""


@dataclass
class TurnResult:
    """What one quarter produced: indicators, their causes, and the events, for every run."""

    turn: int
    regions: dict[str, Array]
    national: dict[str, Array]
    why: dict[str, dict[str, Array]]
    events: list[EventRecord] = field(default_factory=list)
    why_events: dict[str, dict[str, Array]] = field(default_factory=dict)
    """The cause "event" of `why`, event by event: indicator -> event id -> amount."""
    groups_strength: Array | None = None
    groups_territory: Array | None = None


class Model:
    """The consequence model for one scenario and role, carrying `runs` worlds side by side."""

    def __init__(self, pack: ContentPack, world: World, params: Params, seeds: list[int]) -> None:
        self.pack = pack
        self.world = world
        self.p = params
        self.rng = RunRandom(seeds)
        self.state = initial_state(world, len(seeds))
        weights = np.array([pack.markets[mk].substitution_weight if mk in pack.markets else 0.0
                            for mk in MARKETS])
        self.substitution = weights / max(weights.sum(), 1e-9)
        self.answers: dict[str, list[tuple[str, Mask]]] = {}
        """Answers to pending dilemmas: event -> [(choice, runs it holds in)]; the default
        elsewhere. Several only where they were given for runs apart (several games in one
        model: commands.AnswerDilemma.apply)."""
        self.siege_events = [e.id for e in pack.events.values()
                             if e.trigger == "capture_in_stronghold"]
        self.event_rolls: dict[str, int] = {}
        """Which uniform each chance event draws (events that always fire when their condition
        holds, and scripted ones, need none): a count fixed by content, the same in every run."""
        for event in pack.events.values():
            if event.chance < 1.0 and event.trigger not in SCRIPTED_ONLY:
                self.event_rolls[event.id] = FIXED_ROLLS + len(self.event_rolls)
        """Dilemmas a capture in a stronghold raises (F4): the capture waits for their answer."""
        self._calibrate()

    def _calibrate(self) -> None:
        """Set each region's intercept so the first quarter starts at its real homicide level."""
        s, p = self.state, self.p
        s.uncontrolled_norm = np.clip(s.uncontrolled_norm, p.uncontrolled_min, p.uncontrolled_max)
        force = s.army + p.guard_force_weight * s.guard
        policing = m.effective_policing(s, p)
        s.policing_norm = policing.copy()
        competition = m.competition_index(s.territory)
        terms = m.homicide_terms(s, competition, force, policing, p)
        forensic_part, pact_part = m.hidden_parts(s, p)
        hidden = np.minimum(forensic_part + pact_part, p.hidden_share_cap)
        true_target = s.homicides / (1 - hidden)
        s.intercept = np.log(true_target) - sum(terms.values())
        s.homicide_terms = terms
        s.mean_killings = true_target.copy()
        s.homicides_true = true_target.copy()
        s.violence_norm = true_target.copy()
        s.last_hidden_share = hidden
        s.last_hidden_forensic = forensic_part
        s.measured_norm = s.homicides.copy()
        s.hidden_backlog = p.backlog_quarters * hidden * true_target
        s.attack_norm = m.expected_attacks(s, competition, p)
        s.force_norm = force.copy()
        s.abuse_norm = m.expected_abuses(force, competition, np.zeros_like(force), p)
        self._settle_groups(force, competition, policing)
        s.dominance_norm = m.dominance(s, p)
        probe = s.copy()
        m.migrant_vulnerability(self.world, probe, build_levers(self.pack, s, self.world, 0), p,
                                Ledger())
        s.kidnap_parts = probe.kidnap_parts
        s.expected_kidnappings = probe.expected_kidnappings
        s.last_kidnappings = probe.expected_kidnappings.copy()

    def _settle_groups(self, force: Array, competition: Array, policing: Array) -> None:
        """Where groups start settled, make their start a resting point of their dynamics.

        Each group's hold on its ground makes the territorial contest's target its starting
        share, and each group's base recruitment makes its recruits replace what it loses in
        a quarter with no new policy. Elsewhere (groups mid-war, `at_war`) holds stay 1 and
        bases 0, and the fight moves on by itself. Splinters share their parent's.
        """
        s, w, p = self.state, self.world, self.p
        settled = ~w.at_war[None, :, None] & s.group_active
        power = m.contest_power(w, p)[None, :, None]
        share = np.maximum(s.territory, 1e-3) ** (1.0 / power)
        hold = share / np.maximum(s.strength, 1e-9)
        top = slot_max(np.where(s.group_active, hold, 0.0), keepdims=True)
        s.group_hold = np.where(settled, hold / np.maximum(top, 1e-12), 1.0)
        levers = build_levers(self.pack, s, w, 0)
        s.recruit_follow = np.where(settled, p.settled_recruit_follow, 1.0)
        s.recruit_base = np.zeros_like(s.strength)
        recruits, losses = m.recruitment_flows(w, s, levers, force, competition, policing,
                                               np.zeros_like(force), p)
        needed = p.group_turnover * s.strength + losses
        s.recruit_base = np.where(settled, needed - recruits, 0.0)

    def add_agenda(self, item: AgendaItem) -> None:
        """Put an enacted intervention on the agenda, ending those it cancels."""
        action = self.pack.interventions[item.action]
        for other in list(self.state.agenda):
            if other.action in action.cancels and other.region == item.region and (
                other.ends is None or other.ends > item.starts
            ) and (other.runs & item.runs).any():
                going_on = other.runs & ~item.runs  # worlds where the new one is not enacted
                if going_on.any():
                    self.state.agenda.append(replace(other, runs=going_on))
                    other.runs = other.runs & item.runs
                other.ends = max(item.starts, other.decided + 1)
        self.state.agenda.append(item)

    def _apply_answers(self, totals: EventTotals, records: list[EventRecord]) -> None:
        """Land last quarter's dilemmas: each run takes its answer, or the default choice."""
        s = self.state
        for event_id, where in s.pending.items():
            event = self.pack.events[event_id]
            groups = list(self.answers.get(event_id, []))
            answered = np.zeros(s.runs, dtype=bool)
            for _, runs in groups:
                answered |= runs
            groups.append((event.default_choice or "", ~answered))
            for choice_id, runs in groups:
                here = where & runs[:, None]
                if not here.any():
                    continue
                choice = next(c for c in event.choices if c.id == choice_id)
                before = m.competition_index(s.territory)
                apply_effect(self.world, s, choice.effect, here, totals, self.p, event_id)
                totals.ledger.add_event("competition", event_id,
                                        m.competition_index(s.territory) - before)
                if choice.enact:
                    self._enact_free(choice.enact, here, s.turn, choice.enact_for)
                for region in np.flatnonzero(here.any(axis=0)):
                    records.append(EventRecord(event_id, int(region), here[:, region],
                                               choice_id, tuple(event.findings)))
            s.pending_capture &= ~where
        s.pending = {}

    def extend_runs(self, sources: list[int]) -> list[int]:
        """Append a copy of each source run (state and random stream); return the new runs.

        From here on a copy draws exactly what its source draws, so the two differ only by
        what commands do in one and not the other.
        """
        first = self.state.runs
        self.state.extend_runs(np.asarray(sources, dtype=np.int64))
        self.rng.extend(sources)
        for event_id, given in list(self.answers.items()):
            self.answers[event_id] = [(choice, np.concatenate([runs, runs[sources]]))
                                      for choice, runs in given]
        return list(range(first, first + len(sources)))

    def _enact_free(
        self, action_id: str, where: Mask, turn: int, lasting: int | None = None
    ) -> None:
        """Start an intervention that an event imposes, where (runs, regions) it fired."""
        action = self.pack.interventions[action_id]
        regions = range(self.world.n_regions) if action.scope == "region" else [0]
        for region in regions:
            runs = np.asarray(where[:, region] if action.scope == "region"
                              else where.any(axis=1), dtype=bool)
            if not runs.any():
                continue
            starts = turn + action.delay
            duration = lasting or action.duration
            ends = starts + duration if duration else None
            self.add_agenda(AgendaItem(action_id, region if action.scope == "region" else -1,
                                       turn, starts, ends, runs.copy(), free=True, seat=-1))

    def step(self) -> TurnResult:
        """Advance every run one quarter, applying the answers given to last quarter's dilemmas."""
        s, p, w = self.state, self.p, self.world
        s.turn += 1
        ledger = Ledger(LEDGER_ORDER)
        totals = EventTotals.empty(s, ledger)
        records: list[EventRecord] = []
        self._apply_answers(totals, records)
        fragmentation = m.competition_index(s.territory)
        self.answers = {}
        levers = build_levers(self.pack, s, w, s.turn)
        hr_law = np.minimum(levers.national_lever("hr_law"), 1.0)

        n_rolls = FIXED_ROLLS + len(self.event_rolls)
        rolls = self.rng.uniforms(n_rolls + m.TOLL_DRAWS, w.n_regions)
        force_before = s.army + p.guard_force_weight * s.guard
        force = m.federal_forces_follow_orders(s, levers, p)
        m.withdrawal_vacuum(s, force_before, force, fragmentation, p)
        shock = m.election_calendar_shocks(w, s, p)
        drop = m.state_coordination(s, levers, shock, p, ledger)
        m.informal_arrangements(s, levers, force, drop, fragmentation, p, ledger)
        m.collusion_exposure(s, levers, p)
        m.market_substitution(s, levers, p, self.substitution)
        m.trafficking_routes(w, s, levers, force, p)
        money = m.criminal_money(s)
        integrity_before = s.police_integrity + s.judicial_integrity
        m.police_and_judicial_integrity(s, levers, money, p, ledger)
        integrity_change = s.police_integrity + s.judicial_integrity - integrity_before
        m.community_mobilisation(s, levers, p)
        m.social_opportunity(s, levers, p, ledger)
        expected_kidnappings = m.migrant_vulnerability(w, s, levers, p, ledger)
        policing = m.effective_policing(s, p, levers.local("federal_support"))
        # Nothing since the answers moved territory: `fragmentation` is still the index.
        m.recruitment_and_strength(w, s, levers, force, fragmentation, policing, hr_law, p)
        siege_possible = self._siege_possible(rolls[:, 0])
        success, killed = m.kingpin_operations(w, s, levers, force, p, rolls[:, 1], rolls[:, 4],
                                               siege_possible)
        fragmentation = self._record_split(ledger, "kingpin", fragmentation, bool(success.any()))
        splinters, entrants = m.splinters_and_entrants(w, s, money, p, rolls[:, 2],
                                                       rolls[:, 3])
        fragmentation = self._record_split(ledger, "splinters", fragmentation,
                                           bool(splinters.any() or entrants.any()))
        competition = m.territorial_contest(w, s, policing, force, p)
        ledger.add("competition", "contest", competition - fragmentation)
        m.retaliation_cycle(s, p)

        signals = Signals(kingpin_success=success, splinters=splinters, competition=competition,
                          kingpin_killed=killed)
        for event in self.pack.events.values():
            column = self.event_rolls.get(event.id)
            roll = rolls[:, column] if column is not None else None
            fired = fires(event, w, s, levers, p, signals, roll)
            if not fired.any():
                continue
            apply_effect(w, s, event.effect, fired, totals, p, event.id)
            if event.enact:
                self._enact_free(event.enact, fired, s.turn + 1, event.enact_for)
            if event.choices:
                s.pending[event.id] = fired
            for region in np.flatnonzero(fired.any(axis=0)):
                records.append(EventRecord(event.id, int(region), fired[:, region],
                                           findings=tuple(event.findings)))
        fired_ids = {r.event_id for r in records}
        split_by_event = any(e.effect.split_leader for e in self.pack.events.values()
                             if e.id in fired_ids)
        captured = self._capture_without_siege()
        competition = self._record_split(ledger, "kingpin", competition,
                                         captured or split_by_event)

        q = m.Quarter(
            competition=competition, event_deaths=totals.deaths, event_civilians=totals.civilians,
            event_abuses=totals.abuses, event_attacks=totals.attacks,
            event_deaths_by=totals.deaths_by,
        )
        m.truth_commission(s, levers, p)
        terms = m.homicide_terms(s, competition, force, policing, p)
        m.killings_and_disappearances(w, s, terms, q, force, hr_law, expected_kidnappings, p,
                                      rolls[:, n_rolls:], ledger)
        m.local_legitimacy(w, s, levers, q, hr_law, p, ledger, totals.legitimacy_by,
                           integrity_change)
        m.national_approval(w, s, levers, q, p, ledger, totals.approval_by,
                            totals.mayor_approval_by)
        m.us_pressure_and_capital(w, s, levers, p)
        return self._result(q, ledger, records)

    def _record_split(self, ledger: Ledger, cause: str, before: Array,
                      moved: bool = True) -> Array:
        """Record how much a step changed competition (causes add up to the quarter's change).

        `moved` False says the step changed no territory in any run (nothing to recompute).
        """
        after = m.competition_index(self.state.territory) if moved else before
        ledger.add("competition", cause, after - before)
        return after

    def _siege_possible(self, roll: Array) -> Mask:
        """Where a capture would meet a dominant, well-armed group: a siege can follow (F4)."""
        s, p = self.state, self.p
        lead_t = slot_max(np.where(s.group_active, s.territory, 0.0))
        lead_s = slot_max(np.where(s.group_active, s.strength, 0.0))
        allowed = any(self.world.roles & set(self.pack.events[e].roles)
                      for e in self.siege_events)
        return np.asarray(
            allowed & (lead_t > p.siege_territory) & (lead_s > p.siege_strength)
            & (roll < p.siege_chance)
        )

    def _capture_without_siege(self) -> bool:
        """A deferred capture with no siege dilemma pending goes ahead as an ordinary capture.

        Returns whether one did (in any run).
        """
        s = self.state
        sieges = np.zeros_like(s.pending_capture)
        for event_id in self.siege_events:
            sieges |= s.pending.get(event_id, sieges)
        waiting = s.pending_capture & ~sieges
        if not waiting.any():
            return False
        m.split_leading_group(s, waiting, self.p.kingpin_split_share, 1,
                              m.contest_power(self.world, self.p))
        m.retaliation_pulse(self.world, s, waiting, self.p)
        s.pending_capture &= ~waiting
        return True

    def snapshot(self) -> TurnResult:
        """The state as it stands, in the shape of a turn's result (turn 0 before any play).

        Counts that only a played quarter produces (attacks, abuses, kidnappings) are their
        expected values at the start; there are no causes yet.
        """
        s = self.state
        zeros = np.zeros_like(s.homicides)
        q = m.Quarter(
            competition=m.competition_index(s.territory), event_deaths=zeros,
            event_civilians=zeros, event_abuses=zeros, event_attacks=zeros,
            visible_attacks=s.attack_norm, civilian_deaths=zeros,
            kidnappings=s.expected_kidnappings, abuses=s.abuse_norm,
            disappearances=s.homicides_true - s.homicides,
        )
        return self._result(q, Ledger(), [])

    def _result(
        self, q: m.Quarter, ledger: Ledger, records: list[EventRecord]
    ) -> TurnResult:
        s = self.state
        regions, national = read_all(self.world, s, q)
        why = {k: dict(v) for k, v in ledger.entries.items()}
        why_events = {k: dict(v) for k, v in ledger.events.items() if v}
        return TurnResult(
            turn=s.turn, regions=regions, national=national, why=why, events=records,
            why_events=why_events,
            groups_strength=s.strength.copy(), groups_territory=s.territory.copy(),
        )
