"""One function per mechanism of the consequence model, each naming the findings it carries.

Every function reads the state and this quarter's levers, updates the state, and records in the
ledger how much it moved each indicator (what the Why? panel shows). Arrays are shaped
(runs, regions) or (runs, regions, groups); nothing here knows how many runs there are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from game.content.schema import MARKETS
from game.sim.ledger import Ledger, clip, log_mean, logit, move_bounded
from game.sim.levers import Levers
from game.sim.params import Params
from game.sim.randomness import (
    binomial_from_uniform,
    gamma_mean_one,
    inverse_normal,
    poisson_from_uniform,
)
from game.sim.slots import slot_max, slot_sum
from game.sim.state import (
    GROUP_LOCAL_GANG,
    GROUP_SPLINTER,
    TRAFFICKING,
    Array,
    Mask,
    State,
    World,
)

TOLL_DRAWS = 7
"""Uniforms per run and region that killings_and_disappearances uses each quarter."""

CANNABIS = MARKETS.index("cannabis")
EXTORTION = MARKETS.index("extortion")
KIDNAPPING = MARKETS.index("kidnapping")


@dataclass
class Quarter:
    """Intermediate quantities of one quarter, shared between mechanisms."""

    competition: Array
    event_deaths: Array
    event_civilians: Array
    event_abuses: Array
    event_attacks: Array
    visible_attacks: Array | None = None
    civilian_deaths: Array | None = None
    kidnappings: Array | None = None
    abuses: Array | None = None
    disappearances: Array | None = None
    event_deaths_by: dict[str, Array] = field(default_factory=dict)


def competition_index(territory: Array) -> Array:
    """Fragmentation of control: 1 minus the Herfindahl index of shares, the rest uncontrolled.

    Zero under a monopoly over the whole region; high where several groups split it (F1).
    """
    uncontrolled = clip(1.0 - slot_sum(territory), 0.0, 1.0)
    return np.asarray(1.0 - slot_sum(territory**2) - uncontrolled**2)


def effective_policing(state: State, p: Params, support: Array | float = 0.0) -> Array:
    """Local police that work: capacity times integrity, helped by public trust (F14, F6).

    Federal police sent at a mayor's request (`support`, the lever) work beside them: more
    arrests and patrols while they stay, under the mayor's coordination (F14).
    """
    floor = p.policing_trust_floor
    local = state.police_capacity * state.police_integrity * (
        floor + (1 - floor) * state.legitimacy)
    return np.asarray(local + p.federal_support_policing * np.minimum(support, 1.0))


def withdrawal_vacuum(state: State, force_before: Array, force: Array, competition: Array,
                      p: Params) -> None:
    """Forces that leave a contested plaza leave a vacuum: scores are settled (F3, F8, F15).

    Groups that the soldiers held apart, or that relied on them against a rival, fight for
    what the troops held; the pulse fades within a few quarters. De-escalation keeps a price.
    """
    drop = np.maximum(force_before - force, 0.0)
    state.vacuum = p.vacuum_memory * state.vacuum + p.vacuum_violence * drop * (
        competition + p.military_contest_floor)


def federal_forces_follow_orders(
    state: State, levers: Levers, p: Params
) -> Array:
    """Army and Guard presence moves toward what is ordered; withdrawal empties it (F3, F8, F11).

    A Guard tasked with migration is not available against crime (F11).
    """
    withdraw = levers.local("withdraw") > 0
    state.base_army = np.where(withdraw, 0.0, state.base_army)
    state.base_guard = np.where(withdraw, 0.0, state.base_guard)
    diverted = 1.0 - p.guard_migration_diversion * np.minimum(
        levers.national_lever("guard_migration"), 1.0
    )
    ordered_army = state.base_army + levers.local("army")
    ordered_guard = (state.base_guard + levers.local("guard_crime")
                     + levers.local("federal_support")) * diverted
    rate = p.force_deploy_rate
    state.army += rate * (ordered_army - state.army)
    state.guard += rate * (ordered_guard - state.guard)
    return np.asarray(state.army + p.guard_force_weight * state.guard)


def election_calendar_shocks(world: World, state: State, p: Params) -> Array:
    """Elections and changes of government cut coordination, most with party alternation (F2).

    Dell (2015): crackdowns raised violence from inauguration; Ríos (2015), Trejo and Ley (2020):
    alternation breaks informal rules. Returns the coordination lost this quarter.
    """
    shock = np.zeros(world.n_regions)
    for entry in world.scenario.calendar:
        if entry.turn != state.turn:
            continue
        size = (p.election_coordination_shock if entry.kind == "election"
                else p.inauguration_coordination_shock)
        if entry.alternation:
            size += p.alternation_coordination_shock
        if entry.level != "federal":
            size *= p.local_election_weight
        where = [world.region_index(r) for r in entry.regions] or list(range(world.n_regions))
        shock[where] += size
    return np.broadcast_to(shock, state.coordination.shape).copy()


def state_coordination(
    state: State, levers: Levers, shock: Array, p: Params, ledger: Ledger
) -> Array:
    """Coordination between levels of government: shocked by transitions, rebuilt slowly (F2, F14).

    Federal and municipal governments working the same city together raise it; a mayor who
    looks away while federal troops are sent in divides them (Ríos 2015; the hot-seat game).

    Returns how much coordination fell this quarter: the fall, not the level, is what breaks
    informal arrangements.
    """
    pushes = {
        "elections": -shock,
        "fading": p.coordination_recovery * (state.coordination_norm - state.coordination),
        "alliances": p.alliance_coordination * levers.local("alliances"),
        "federal_support": p.federal_support_coordination * levers.local("federal_support"),
        "joint_work": p.joint_work_coordination * np.minimum(levers.federal_work, 1)
        * np.minimum(levers.municipal_work, 1)
        - p.divided_coordination * (levers.local("tolerate") > 0)
        * ((levers.local("army") + levers.local("guard_crime")) > 0),
    }
    new = clip(state.coordination + sum(pushes.values()), 0.0, 1.0)
    ledger.add_all("coordination", pushes, 1.0)
    ledger.add("coordination", "chance", new - state.coordination - sum(pushes.values()))
    fall = np.maximum(state.coordination - new, 0.0)
    state.coordination = new
    return np.asarray(fall)


def informal_arrangements(
    state: State, levers: Levers, force: Array, coordination_drop: Array, competition: Array,
    p: Params, ledger: Ledger,
) -> None:
    """Informal state-criminal arrangements: built by looking away, broken by transitions (F2).

    They keep violence lower and hidden while they hold (Durán-Martínez 2015), fray where
    groups compete, and break when coordination falls, when police are vetted or when
    federal forces arrive. A group that wins its plaza settles into pacts with local power
    (the pax of a monopoly, F8): broken arrangements re-form toward a level that rises with
    its dominance. A pact that breaks leaves groups that were protected facing
    rivals and a state that turned on them: where the pacts broken went beyond the usual ones,
    a war above the usual level, with showy attacks (F2, F9, F15: the price of looking away
    arrives later; the usual pacts' breaking is the ordinary transition effect). Pacts beyond
    the usual are the more fragile: a transition breaks a winner's pax `pax_fragility` times
    and pacts made by looking away `pact_fragility` times as fast.
    """
    a = state.arrangements
    settle_at = state.arrangements_norm + p.monopoly_pact * np.maximum(
        dominance(state, p) - state.dominance_norm, 0.0)
    state.arrangements_usual = settle_at
    excess = np.maximum(a - settle_at, 0.0)  # beyond what the region settles into: looking away
    usual = np.minimum(a, state.arrangements_norm)
    pax = a - excess - usual  # a winner's pax
    shaken = p.arrangement_break_rate * coordination_drop
    pax_broken = np.minimum(shaken * p.pax_fragility, 1.0) * pax
    excess_broken = np.minimum(shaken * p.pact_fragility, 1.0) * excess
    breaks = {
        "transition": -shaken * usual - pax_broken - excess_broken,
        "vetting": -p.arrangement_vetting_break * np.minimum(levers.local("vetting"), 1) * a,
        "military": -p.arrangement_force_break * np.maximum(force - state.force_norm, 0.0) * a,
    }
    pushes = {
        "tolerance": p.arrangement_tolerate_rate * levers.local("tolerate") * (1 - a)
        - p.arrangement_fraying * competition * excess,
        **breaks,
        "fading": p.arrangement_reform_rate * (settle_at - a),
    }
    new = clip(a + sum(pushes.values()), 0.0, 1.0)
    ledger.add_all("arrangements", pushes, 1.0)
    state.arrangements = new
    beyond = pax_broken + excess_broken  # what breaks of the pacts beyond the usual
    state.pact_broken = np.asarray(beyond)
    state.pact_war = p.pact_war_memory * state.pact_war + p.pact_war_violence * beyond


def dominance(state: State, p: Params) -> Array:
    """How far the leading group has won the plaza: 0 up to the monopoly threshold, 1 alone."""
    lead = slot_max(np.where(state.group_active, state.territory, 0.0))
    return np.asarray(clip((lead - p.monopoly_threshold) / (1 - p.monopoly_threshold),
                              0.0, 1.0))


def collusion_exposure(state: State, levers: Levers, p: Params) -> None:
    """Collusion becomes known: officials who look the other way are found out, slowly (F6, F15).

    Known collusion costs trust (local_legitimacy) and brings abuses by police who work for
    criminals (collusion_abuses); it fades slowly once the looking away stops.
    """
    looking_away = np.minimum(levers.local("tolerate"), 1.0)
    state.exposure = clip(state.exposure + p.exposure_rate * looking_away
                             * (1 - state.exposure) - p.exposure_fading * state.exposure,
                             0.0, 1.0)


def criminal_money(state: State) -> Array:
    """Criminal money in each region against its start: what markets pay on the territory
    groups control (F7, F12). Falls when markets shrink or the state takes back ground."""
    money = slot_sum(state.markets) * slot_sum(state.territory)
    return np.asarray(money / state.money_norm)


def police_and_judicial_integrity(
    state: State, levers: Levers, revenue_index: Array, p: Params, ledger: Ledger
) -> None:
    """Integrity: eroded by criminal money, raised by vetting, training and shaming (F6, F14).

    `revenue_index` is criminal money against its start (criminal_money): more money buys
    more officers and judges, less lets integrity recover. Anti-collusion shaming works in
    proportion to community mobilisation (F6, Ley, Mattiace and Trejo 2019); vetting purges at
    once but cuts capacity for a while; looking away corrodes.
    """
    pi, ji = state.police_integrity, state.judicial_integrity
    shaming = p.anti_collusion_integrity * levers.local("anti_collusion") * state.mobilisation
    money = revenue_index ** p.money_corruption
    police = {
        "infiltration": p.infiltration_rate * (state.integrity_norm - pi * money),
        "vetting": p.vetting_integrity * np.minimum(levers.local("vetting"), 1) * (1 - pi),
        "anti_collusion": shaming * (1 - pi),
        "training": p.training_integrity * levers.local("police_funding") * (1 - pi),
        "tolerance": -p.tolerate_integrity_erosion * levers.local("tolerate") * pi,
    }
    new_pi = clip(pi + sum(police.values()), 0.0, 1.0)
    ledger.add_all("police_integrity", police, 1.0)
    ledger.add("police_integrity", "chance", new_pi - pi - sum(police.values()))
    judicial = {
        "infiltration": p.infiltration_rate * (state.judicial_norm - ji * money),
        "anti_collusion": shaming * (1 - ji),
        "commission": p.commission_judicial * state.commission_progress[:, None] * (1 - ji),
    }
    new_ji = clip(ji + sum(judicial.values()), 0.0, 1.0)
    ledger.add_all("judicial_integrity", judicial, 1.0)
    state.police_integrity, state.judicial_integrity = new_pi, new_ji
    vetting_cut = p.vetting_capacity_cut * np.minimum(levers.local("vetting"), 1)
    state.capacity_norm = clip(
        state.capacity_norm + p.training_capacity * levers.local("police_funding")
        + p.community_policing_capacity * levers.local("community_policing"), 0.0, 1.0
    )
    state.police_capacity = clip(
        state.police_capacity * (1 - vetting_cut)
        + p.capacity_recovery * (state.capacity_norm - state.police_capacity), 0.0, 1.0
    )


def truth_commission(state: State, levers: Levers, p: Params) -> None:
    """A truth commission's work advances slowly while it sits, and forensic teams with it (F13).

    Its progress builds trust where courts can deliver (local_legitimacy), strengthens courts
    (police_and_judicial_integrity) and digs up the hidden (found_remains); once it stops,
    progress and forensic capacity slide back. A setback in court halves the progress.
    """
    active = levers.national_lever("truth_commission")[:, 0] > 0
    progress = state.commission_progress
    state.commission_progress = np.where(
        active, progress + p.commission_progress_rate * (1 - progress),
        progress * (1 - p.commission_progress_decay))
    on = active[:, None]
    state.forensic = clip(np.where(
        on, state.forensic + p.commission_forensics * (1 - state.forensic),
        state.forensic - p.forensic_fading * (state.forensic - state.forensic_norm)), 0.0, 1.0)


def community_mobilisation(state: State, levers: Levers, p: Params) -> None:
    """Mobilisation, a slow local trait, rises over years with community work and alliances (F6)."""
    gain = (p.community_policing_mobilisation * levers.local("community_policing")
            + p.alliance_mobilisation * levers.local("alliances"))
    state.mobilisation = clip(state.mobilisation + gain * (1 - state.mobilisation), 0.0, 1.0)


def social_opportunity(state: State, levers: Levers, p: Params, ledger: Ledger) -> None:
    """Social programs widen opportunity for the young after their delay, while funded (F8, F14).

    Opportunity moves toward a ceiling a funded program can reach, and slides back, more slowly,
    once funding stops: programs help, slowly, and only while they last.
    """
    programs = np.minimum(levers.local("social_programs"), p.program_stack_cap)
    o = state.opportunity
    ceiling = np.minimum(state.opportunity_norm + p.program_opportunity_gain * programs,
                         p.opportunity_ceiling)
    funded = programs > 0
    pushes = {
        "social_programs": np.where(funded, p.program_opportunity_rate * (ceiling - o), 0.0),
        "fading": np.where(funded, 0.0, p.opportunity_fading * (state.opportunity_norm - o)),
    }
    state.opportunity = clip(o + sum(pushes.values()), 0.0, 1.0)
    ledger.add_all("opportunity", pushes, 1.0)


def market_substitution(state: State, levers: Levers, p: Params, weights: Array) -> None:
    """Legal cannabis shrinks that market gradually; groups shift into others (F12, F7).

    Gavrilova, Kamada and Zoutman (2019) measured falls in US border states; for Mexico only
    the direction is known: a slow loss of revenue with substitution into extortion, fuel theft
    and kidnapping.
    """
    legal = levers.national_lever("cannabis_legal")[:, 0] > 0
    before = state.cannabis_legal_share
    after = np.where(legal, before + p.cannabis_decline_rate * (1 - before), before)
    state.cannabis_legal_share = after
    lost_share = np.where(before < 1, (after - before) / np.maximum(1 - before, 1e-9), 0.0)
    lost = state.home_markets[:, :, CANNABIS] * lost_share[:, None]
    state.home_markets[:, :, CANNABIS] -= lost
    state.home_markets += (p.displaced_revenue_share * lost)[:, :, None] * weights[None, None, :]


def trafficking_routes(world: World, state: State, levers: Levers, force: Array,
                       p: Params) -> None:
    """Pressure on one route pushes trafficking to the others; squeezed groups turn to
    extortion and kidnapping (Dell 2015; F7, F12).

    Troops beyond the usual presence, and operations against leaders, push a share of a
    region's drug traffic onto neighbouring routes, in proportion to the traffic those routes
    already carry; it drifts back once the pressure stops. Groups that lose traffic make up
    part of the loss by preying on their own people. Sets `state.markets`, what groups earn
    this quarter, from the markets as they would be without pressure (`home_markets`).
    """
    pressure = np.maximum(force - state.force_norm, 0.0) + p.kingpin_route_pressure * (
        levers.local("kingpin") > 0)
    if not (pressure.any() or state.route_out.any() or state.predation.any()):
        state.markets = state.home_markets.copy()  # no route pressed: nothing moves
        return
    out = state.route_out
    out = out + p.route_shift * np.minimum(pressure, 1.0) * (p.route_out_max - out) \
        - p.route_return * out
    home = state.home_markets[:, :, list(TRAFFICKING)]
    total = slot_sum(home)
    capacity = total[:, None, :] * world.neighbours[None, :, :]
    reach = capacity.sum(axis=2, keepdims=True)
    routes = capacity / np.maximum(reach, 1e-9)
    state.route_out = clip(np.where(reach[:, :, 0] > 0, out, 0.0), 0.0, p.route_out_max)
    moved = home * state.route_out[:, :, None]
    arriving = np.einsum("rij,rim->rjm", routes, moved)
    markets = state.home_markets.copy()
    markets[:, :, list(TRAFFICKING)] = home - moved + arriving
    lost = np.maximum(total - slot_sum(markets[:, :, list(TRAFFICKING)]), 0.0)
    state.predation += p.predation_speed * (p.predation_share * lost - state.predation)
    markets[:, :, EXTORTION] += p.predation_extortion_share * state.predation
    markets[:, :, KIDNAPPING] += (1 - p.predation_extortion_share) * state.predation
    state.markets = markets


def migrant_vulnerability(
    world: World, state: State, levers: Levers, p: Params, ledger: Ledger
) -> Array:
    """Migrants made to wait at the border become prey; kidnappings follow (F10, F11).

    Returns the expected kidnappings of the quarter, split into causes in the ledger.
    """
    state.migrants *= 1 - p.migrant_outflow
    protection = np.minimum(levers.local("migrant_protection"), 1) * p.migrant_protection_cut
    enforcement = np.minimum(levers.national_lever("guard_migration"), 1) * world.border
    exposed = state.migrants * p.kidnap_per_thousand_migrants
    extortion = state.markets[:, :, EXTORTION] + state.markets[:, :, KIDNAPPING]
    base = p.kidnap_base_rate * world.population / 100_000 * extortion / np.maximum(
        state.revenue_norm, 1e-9
    )
    parts = {
        "markets": base,
        "migrants": exposed,
        "migration_enforcement": exposed * p.guard_migration_vulnerability * enforcement,
        "protection": -exposed * (1 + p.guard_migration_vulnerability * enforcement) * protection,
    }
    expected = np.maximum(sum(parts.values()), 0.0)
    for cause, amount in parts.items():
        ledger.add("kidnappings", cause, amount - state.kidnap_parts.get(cause, 0.0))
    state.kidnap_parts = parts
    state.expected_kidnappings = expected
    return np.asarray(expected)


def recruitment_and_strength(
    world: World, state: State, levers: Levers, force: Array, competition: Array, policing: Array,
    hr_law: Array, p: Params,
) -> None:
    """Groups grow with recruits bought by revenue and shrink with conflict and force (F12, F3).

    Prieto-Curiel, Campedelli and Hope (2023): recruitment drives cartel size; arrests alone are
    replaced. Military attrition falls hardest on the incumbent, shifting control (F3). In a
    war, recruits follow the territory each group holds, so the winner takes more and more
    (F8); where groups are settled, most of each one's recruits come from its own ties, and it
    replaces its own losses, so a shock does not tip the region into a monopoly by itself
    (see Model._calibrate for the base that keeps settled groups where they start).
    """
    recruits, losses = recruitment_flows(world, state, levers, force, competition, policing,
                                         hr_law, p)
    grown = state.strength + recruits - p.group_turnover * state.strength - losses
    state.strength = np.where(state.group_active, np.maximum(grown, 0.0), 0.0)


def recruitment_flows(
    world: World, state: State, levers: Levers, force: Array, competition: Array, policing: Array,
    hr_law: Array, p: Params,
) -> tuple[Array, Array]:
    """Each group's recruits and losses this quarter, in strength units.

    Recruits are what revenue and the recruitment pool buy: a share `recruit_follow`
    (1 in a war) follows the territory held, the rest each group's own base and its own
    losses.
    """
    s, t = state.strength, state.territory
    revenue_index = slot_sum(state.markets) / state.revenue_norm
    share = t / state.controlled_norm[:, :, None]  # revenue follows the territory held
    exits = p.amnesty_exit * np.minimum(levers.local("amnesty"), 1) * state.opportunity
    pool = (1 - state.opportunity) / np.maximum(1 - state.opportunity_norm, 0.05) * (1 - exits)
    total = np.maximum(slot_sum(s, keepdims=True), 1e-9)
    opponents = 1 - s / total
    damping = world.contest_damping[None, :, None]
    if not (damping == 1.0).all():  # a power only where a region aggregates several plazas
        opponents = np.where(damping == 1.0, opponents, opponents ** damping)
    incumbency = t / np.maximum(slot_max(t, keepdims=True), 1e-9)
    attrition_cut = 1 - p.hr_law_attrition_cut * hr_law
    extra_losses = s * (
        p.conflict_attrition * competition[:, :, None] * opponents
        + (p.military_attrition * force * attrition_cut)[:, :, None] * incumbency
        + (p.police_arrests * policing * (1 - p.arrangement_protection * state.arrangements)
           )[:, :, None]
    )
    funded = (revenue_index * pool)[:, :, None]
    follow = state.recruit_follow
    by_territory = share * (p.group_turnover * state.strength_norm[:, :, None]
                            + p.loss_replacement * slot_sum(extra_losses, keepdims=True))
    own = p.loss_replacement * extra_losses
    recruits = funded * np.maximum(follow * by_territory + (1 - follow) * own
                                   + state.recruit_base, 0.0)
    return np.asarray(np.where(state.group_active, recruits, 0.0)), np.asarray(extra_losses)


def kingpin_operations(
    world: World, state: State, levers: Levers, force: Array, p: Params,
    roll: Array, kill_roll: Array, siege_possible: Mask,
) -> tuple[Mask, Mask]:
    """A capture may split the leading group into warring factions and provoke retaliation (F3).

    Calderón et al. (2015): +36.5% drug violence in six months; Lindo and Padilla-Romo (2018):
    +80% for a year and +30% in neighbours. Where the group dominates a city, the capture can
    instead become a siege (F4) and its split waits for the player's answer. Some operations
    end with the leader dead rather than captured, likelier where many soldiers are in the
    fight; a killing brings more violence than a capture, in the group's home region too
    (Dickenson 2014). Returns (success, killed).
    """
    attempted = levers.local("kingpin") > 0
    chance = clip(p.kingpin_success + p.kingpin_force_bonus
                     * np.minimum(force, p.kingpin_force_cap), 0, p.kingpin_success_cap)
    success = attempted & (roll < chance)
    kill_chance = clip(p.kingpin_kill_chance + p.kingpin_kill_force
                          * np.minimum(force, p.kingpin_force_cap), 0.0, 1.0)
    killed = success & (kill_roll < kill_chance)
    siege = success & ~killed & siege_possible
    state.pending_capture |= siege
    capture_now = success & ~siege & ~killed
    split_leading_group(state, capture_now | killed, p.kingpin_split_share, GROUP_SPLINTER,
                        contest_power(world, p))
    retaliation_pulse(world, state, capture_now, p)
    retaliation_pulse(world, state, killed, p, killed=True)
    return np.asarray(success), np.asarray(killed)


def operation_reach(world: World, p: Params) -> Array:
    """Share of each region one operation shakes: all of a city, a few plazas of a big region."""
    return np.asarray(np.minimum(1.0, p.capture_reach_plazas / world.plazas))


def cartel_presence(world: World, state: State) -> Array:
    """Each cartel's share of the territory groups control, per region: (runs, regions, cartels)."""
    runs, regions, _ = state.territory.shape
    presence = np.zeros((runs, regions, len(world.cartel_ids)))
    r, i, g = np.nonzero(state.group_active)
    np.add.at(presence, (r, i, state.group_cartel[r, i, g]), state.territory[r, i, g])
    controlled = np.maximum(slot_sum(state.territory, keepdims=True), 1e-9)
    return np.asarray(presence / controlled)


def retaliation_pulse(world: World, state: State, where: Mask, p: Params,
                      killed: bool = False) -> None:
    """A retaliation pulse after a capture (or a killing) where it struck, and next door (F3).

    The pulse shakes the plazas an operation reaches; neighbours feel it in proportion to how
    much of their ground the same cartel holds (Lindo and Padilla-Romo 2018: +30% for six
    months where the cartel is the same). A killed leader's pulse is larger, and his
    cartel's home region, where it holds most ground, feels it too (Dickenson 2014).
    """
    if not where.any():
        return
    reach = operation_reach(world, p)
    size = p.kingpin_retaliation * (p.kingpin_kill_multiplier if killed else 1.0)
    pulse = where.astype(np.float64) * size * reach[None, :]
    leader = np.argmax(np.where(state.group_active, state.territory, -1.0), axis=2)
    cartel = np.take_along_axis(state.group_cartel, leader[:, :, None], axis=2)[:, :, 0]
    presence = cartel_presence(world, state)  # (runs, j, cartels)
    n = world.n_regions
    same = np.take_along_axis(presence.transpose(0, 2, 1),
                              np.broadcast_to(cartel[:, :, None], (state.runs, n, n)), axis=1)
    # same[r, i, j]: share of region j's controlled ground held by region i's leading cartel
    links = same * world.neighbours[None, :, :] * reach[None, None, :]
    spill = np.einsum("ri,rij->rj", pulse, links) * p.kingpin_spillover
    if killed:
        weight = same * world.population[None, None, :]
        home = np.argmax(weight, axis=2)  # (runs, i)
        r, i = np.nonzero(where)
        np.add.at(spill, (r, home[r, i]), pulse[r, i] * p.kingpin_home_spill * reach[home[r, i]])
    state.retaliation += pulse + spill


def split_leading_group(state: State, where: Mask, faction_share: float, kind: int,
                        power: Array | None = None) -> Mask:
    """Split the leading group where `where` holds and a slot is free; return where it split.

    The faction leaves with its share of fighters and of ground, and with a hold on that
    ground (local loyalties) that lets it keep it at first under the region's contest `power`;
    the war that follows decides what each side keeps.
    """
    free = ~state.group_active
    has_free = free.any(axis=2)
    leader = np.argmax(np.where(state.group_active, state.territory, -1.0), axis=2)
    slot = np.argmax(free, axis=2)
    split = where & has_free & state.group_active.any(axis=2)
    if not split.any():
        return split
    r, g = np.nonzero(split)
    lead, new = leader[r, g], slot[r, g]
    for name in ("strength", "territory"):
        values = getattr(state, name)
        moved = values[r, g, lead] * faction_share
        values[r, g, lead] -= moved
        values[r, g, new] = moved
    state.group_active[r, g, new] = True
    state.group_cartel[r, g, new] = state.group_cartel[r, g, lead]
    state.group_kind[r, g, new] = kind
    hold = state.group_hold[r, g, lead]
    if power is not None:
        ratio = faction_share / max(1.0 - faction_share, 1e-9)
        hold = hold * ratio ** (1.0 / power[g] - 1.0)
    state.group_hold[r, g, new] = hold
    state.recruit_follow[r, g, new] = state.recruit_follow[r, g, lead]
    base = state.recruit_base[r, g, lead]
    state.recruit_base[r, g, lead] = base * (1 - faction_share)
    state.recruit_base[r, g, new] = base * faction_share
    return split


def splinters_and_entrants(
    world: World, state: State, revenue_index: Array, p: Params, split_roll: Array,
    entry_roll: Array,
) -> tuple[Mask, Mask]:
    """Monopolies are unstable: winners splinter, new gangs enter, less where integrity holds (F9).

    The Juárez peace of 2012 ended this way (Durán-Martínez 2019): a monopoly won in a war
    splits more readily than a hegemon with long-standing pacts with the state (Culiacán).
    """
    integrity = 0.5 * (state.police_integrity + state.judicial_integrity)
    guard = 1 - p.integrity_protection * integrity
    dominant = (slot_max(state.territory) > p.monopoly_threshold)
    cohesion = 1 - p.pact_cohesion * state.arrangements_norm  # long-standing pacts, not a new pax
    won_by_war = 1 + p.new_monopoly_split * np.maximum(dominance(state, p) - state.dominance_norm,
                                                       0.0)
    p_split = p.splinter_chance * revenue_index * guard * dominant * cohesion * won_by_war
    splinter = split_roll < p_split
    split = split_leading_group(state, splinter, p.splinter_share, GROUP_SPLINTER,
                                contest_power(world, p))
    p_entry = p.entrant_chance * revenue_index * guard
    enter = (entry_roll < p_entry) & ~state.group_active.all(axis=2)
    if enter.any():
        r, g = np.nonzero(enter)
        slot = np.argmax(~state.group_active[r, g], axis=1)
        top = state.strength[r, g].max(axis=1)
        state.strength[r, g, slot] = p.entrant_strength * top
        state.territory[r, g, slot] = 0.0
        state.group_active[r, g, slot] = True
        state.group_kind[r, g, slot] = GROUP_LOCAL_GANG
        state.group_cartel[r, g, slot] = state.group_cartel[r, g, 0]
        state.group_hold[r, g, slot] = state.group_hold[r, g].max(axis=1)
        state.recruit_base[r, g, slot] = 0.0
        state.recruit_follow[r, g, slot] = 1.0
    return split, enter


def contest_power(world: World, p: Params) -> Array:
    """The contest's exponent per region: sharp in a city, flat where many plazas add up."""
    return np.asarray(1.0 + (p.contest_exponent - 1.0) * world.contest_damping)


def territorial_contest(world: World, state: State, policing: Array, force: Array,
                        p: Params) -> Array:
    """Territory follows armed strength as a contest; groups with no strength drop out (F1, F7).

    A region that aggregates many local plazas has a flatter contest: no single winner takes
    a whole country. Good policing and troops on the ground keep ground out of every group's
    hands; when troops leave, groups take it (the vacuum). Returns the competition index
    after the quarter's moves.
    """
    s = np.where(state.group_active, state.strength * state.group_hold, 0.0)
    weight = s ** contest_power(world, p)[None, :, None]
    total = np.maximum(slot_sum(weight, keepdims=True), 1e-12)
    uncontrolled = clip(
        state.uncontrolled_norm + p.state_control_gain * (policing - state.policing_norm)
        + p.force_state_control * (force - state.force_norm),
        p.uncontrolled_min, p.uncontrolled_max,
    )
    target = (1 - uncontrolled)[:, :, None] * weight / total
    state.territory += p.territory_speed * (target - state.territory)
    gone = state.group_active & (state.strength < p.group_extinction)
    state.group_active &= ~gone
    state.territory = np.where(state.group_active, state.territory, 0.0)
    state.strength = np.where(state.group_active, state.strength, 0.0)
    return competition_index(state.territory)


def retaliation_feedback(p: Params) -> float:
    """The feedback of killings on revenge, held inside the loop's stability bound.

    Revenge kept at `retaliation_memory` and fed by `retaliation_feedback` raises killings by
    `retaliation_violence` per unit: in the long run the loop multiplies an excess by
    b_R f / (1 - m). At 1 or more it never settles (killings grow without end), so the
    feedback is cut to keep that gain at most `retaliation_loop_gain_max`, whatever the
    combination of the three values inside their ranges.
    """
    bound = p.retaliation_loop_gain_max * (1 - p.retaliation_memory) / max(
        p.retaliation_violence, 1e-9)
    return float(min(p.retaliation_feedback, bound))


def retaliation_cycle(state: State, p: Params) -> None:
    """Killings call for revenge: last quarter's excess violence feeds this quarter's (F3).

    Only killings clearly above the usual (beyond `retaliation_threshold`, more than a
    quarter's ordinary ups and downs) call for it.
    """
    excess = np.log(np.maximum(state.homicides_true, 1.0) / state.violence_norm) \
        - p.retaliation_threshold
    state.retaliation = p.retaliation_memory * state.retaliation + retaliation_feedback(p) * (
        np.maximum(excess, 0.0)
    )


def homicide_terms(
    state: State, competition: Array, force: Array, policing: Array, p: Params
) -> dict[str, Array]:
    """The log-linear predictor of killings, one term per cause (F1, F2, F3, F12, F14).

    log E[H] = intercept + b_C C + b_R R + b_M F (C + c0) - b_A A + b_K (K0 - K) - b_P dP
               + b_S log(S / S0); Espinosa and Rubin (2015) set the military term's size.
    """
    strength = np.maximum(slot_sum(state.strength), 1e-6)
    traffic = slot_sum(state.markets[:, :, list(TRAFFICKING)])
    home = np.maximum(slot_sum(state.home_markets[:, :, list(TRAFFICKING)]), 1e-9)
    return {
        "competition": p.competition_violence * competition,
        "retaliation": p.retaliation_violence * state.retaliation,
        "military": p.military_violence * force * (competition + p.military_contest_floor),
        "vacuum": state.vacuum,
        "rerouting": p.rerouting_violence * np.maximum(np.log(np.maximum(traffic, 1e-9) / home),
                                                        0.0),
        "arrangements": -p.arrangement_violence * (
            np.minimum(state.arrangements, state.arrangements_usual) + p.pact_excess_calm
            * np.maximum(state.arrangements - state.arrangements_usual, 0.0)) + state.pact_war,
        "transition": p.transition_violence * np.maximum(
            state.coordination_norm - state.coordination, 0.0),
        "policing": -p.policing_violence * (policing - state.policing_norm),
        "armed_strength": p.strength_violence * np.log(strength / state.strength_norm),
    }


def killings_and_disappearances(
    world: World, state: State, terms: dict[str, Array], q: Quarter, force: Array,
    hr_law: Array, expected_kidnappings: Array, p: Params, draws: Array, ledger: Ledger,
) -> None:
    """Draw the quarter's toll: killings (Gamma-Poisson), the hidden, attacks, civilians, abuses.

    Measured homicides are true killings minus those never found, plus old victims a truth
    commission's forensic teams find this quarter (found_remains); forensic capacity lowers
    the hidden share and pacts raise it, so measured violence can rise while true violence
    falls (F13, F16, Durán-Martínez 2015). `draws` holds this quarter's uniforms,
    (runs, TOLL_DRAWS, regions).
    """
    ceiling = np.log(p.homicide_rate_ceiling * world.population / 100_000 / 4)
    log_mean_h = np.minimum(state.intercept + sum(terms.values()), ceiling)
    expected = np.exp(log_mean_h)
    weight = log_mean(expected, state.mean_killings)
    for cause, term in terms.items():
        change = weight * (term - state.homicide_terms[cause]) * (1 - state.last_hidden_share)
        ledger.add("homicides", cause, change)
    state.homicide_terms = terms
    state.mean_killings = expected
    dispersion = p.homicide_dispersion * np.sqrt(world.population / 1e6)
    noise = gamma_mean_one(dispersion, inverse_normal(draws[:, 0]))
    abuse_mean = expected_abuses(force, q.competition, hr_law, p) + collusion_abuses(
        world, state, p)
    means = np.stack([expected * noise, expected_attacks(state, q.competition, p), abuse_mean,
                      expected_kidnappings], axis=1)
    killings, attacks, abuses, kidnappings = np.moveaxis(
        poisson_from_uniform(means, draws[:, 1:5]), 1, 0)
    true = killings + q.event_deaths
    forensic_part, pact_part = hidden_parts(state, p)
    hidden_share = np.minimum(forensic_part + pact_part, p.hidden_share_cap)
    trials = np.stack([true, killings], axis=1)
    shares = np.stack([np.broadcast_to(hidden_share, true.shape),
                       crossfire_share(force, q.competition, p)], axis=1)
    hidden, civilians = np.moveaxis(
        binomial_from_uniform(trials, shares, draws[:, 5:7]), 1, 0)
    found = found_remains(state, p)
    measured = true - hidden + found
    for event_id in sorted(set(q.event_deaths_by) | set(state.last_event_deaths_by)):
        now = q.event_deaths_by.get(event_id, 0.0)
        before = state.last_event_deaths_by.get(event_id, 0.0)
        ledger.add_event("homicides", event_id, np.asarray((now - before) * (1 - hidden_share)))
    ledger.add("homicides", "forensics",
               -(forensic_part - state.last_hidden_forensic) * state.homicides_true
               + found - state.last_found)
    ledger.add("homicides", "arrangements",
               -(pact_part - (state.last_hidden_share - state.last_hidden_forensic))
               * state.homicides_true)
    explained = sum(ledger.entries["homicides"].values())
    ledger.add("homicides", "chance", measured - state.homicides - explained)
    ledger.add("kidnappings", "chance", kidnappings - state.last_kidnappings - sum(
        ledger.entries["kidnappings"].values()))
    state.last_kidnappings = kidnappings
    state.last_event_deaths = q.event_deaths
    state.last_event_deaths_by = {k: np.asarray(v) for k, v in q.event_deaths_by.items()}
    state.last_hidden_share = hidden_share
    state.last_hidden_forensic = forensic_part
    state.last_found = found
    state.homicides_true = true
    state.homicides = measured
    q.disappearances = hidden
    q.visible_attacks = attacks + q.event_attacks
    q.civilian_deaths = civilians + q.event_civilians
    q.abuses = abuses + q.event_abuses
    q.kidnappings = kidnappings


def hidden_parts(state: State, p: Params) -> tuple[Array, Array]:
    """Shares of killings never found: where forensic capacity is low, and where pacts hide
    bodies rather than show them (Durán-Martínez 2015). Returns (forensic part, pact part)."""
    return (np.asarray(p.hidden_share_max * (1 - state.forensic)),
            np.asarray(p.arrangement_hiding * state.arrangements))


def found_remains(state: State, p: Params) -> Array:
    """Old victims a truth commission's forensic teams find this quarter (F13).

    The disappeared of past years lie in clandestine graves (a backlog set at the start); a
    working commission digs into it, so measured killings rise while it empties, then fall
    back: revealing the hidden is temporary. (This quarter's hidden killings are what weak
    forensics miss; the commission's forensic teams lower that share, see truth_commission.)
    """
    found = np.floor(p.commission_exhumation * state.commission_progress[:, None]
                     * state.hidden_backlog)
    state.hidden_backlog = state.hidden_backlog - found
    return np.asarray(found)


def expected_attacks(state: State, competition: Array, p: Params) -> Array:
    """Expected showy attacks: many where groups compete and the state is divided (F2, F5).

    Durán-Martínez's two-by-two: frequent and visible under competition and a fragmented
    state, rare and hidden under a monopoly and a cohesive one; and a broken pact is fought in
    the open (pact_war, F2).
    """
    k, a = state.coordination, state.arrangements
    return np.asarray(
        p.visible_attack_rate * state.mean_killings * competition * (1 - k) * (1 - a)
        + p.pact_war_attacks * state.mean_killings * state.pact_war
    )


def collusion_abuses(world: World, state: State, p: Params) -> Array:
    """Abuses by police who work for criminals, once collusion is known (F6, F15)."""
    return np.asarray(p.collusion_abuse_rate * state.exposure * world.population / 1e6)


def expected_abuses(force: Array, competition: Array, hr_law: Array, p: Params) -> Array:
    """Expected abuse complaints against deployed forces, fewer under accountability (F3, F12)."""
    return np.asarray(np.maximum(
        p.abuse_rate * force * (0.5 + competition) * (1 - p.hr_law_abuse_cut * hr_law), 0.0))


def crossfire_share(force: Array, competition: Array, p: Params) -> Array:
    """Share of victims who are bystanders: more where soldiers meet contested plazas (F3)."""
    return np.asarray(clip(p.civilian_base_share + p.civilian_crossfire * force * competition,
                              0.0, p.civilian_share_max))


def local_legitimacy(
    world: World, state: State, levers: Levers, q: Quarter, hr_law: Array, p: Params,
    ledger: Ledger, event_legitimacy: dict[str, Array], integrity_change: Array,
) -> None:
    """Legitimacy answers violence against expectations, attacks, abuses and slow local work.

    F5 (attacks), F3 and F12 (abuses, accountability), F8 and F14 (visible projects, police that
    can be trusted), F2 and F15 (pacts corrode, known collusion more), F13 (a commission builds
    trust as its work advances, where courts can deliver).
    """
    per_million = world.population / 1e6
    assert q.visible_attacks is not None and q.abuses is not None
    surprise = np.log(np.maximum(state.homicides, 1.0) / np.maximum(state.public_expectation, 1.0))
    pushes = {
        "violence": -p.legitimacy_violence * surprise - p.legitimacy_violence_level * np.log(
            np.maximum(state.homicides, 1.0) / np.maximum(state.measured_norm, 1.0)),
        "visible_attacks": -p.legitimacy_attacks * (q.visible_attacks - state.attack_norm)
        / per_million,
        "abuses": -p.legitimacy_abuses * (q.abuses - state.abuse_norm) / per_million,
        "accountability": p.legitimacy_accountability * hr_law * np.ones_like(surprise),
        "social_programs": p.legitimacy_programs * np.minimum(
            levers.local("social_programs"), 1),
        "arrangements": -p.legitimacy_arrangements * (state.arrangements
                                                       - state.arrangements_norm)
        - p.legitimacy_collusion * state.exposure,
        "institutions": p.legitimacy_institutions * integrity_change + p.legitimacy_alliances
        * np.minimum(levers.local("alliances") + levers.local("community_policing"), 1),
        "commission": p.legitimacy_commission * state.commission_progress[:, None]
        * (state.judicial_integrity - p.commission_trust_threshold),
        "fading": -p.legitimacy_memory * (logit(state.legitimacy) - logit(state.legitimacy_norm)),
    }
    state.legitimacy = move_bounded(ledger, "legitimacy", state.legitimacy, pushes,
                                    event_legitimacy)
    state.public_expectation += p.expectation_speed * (state.homicides - state.public_expectation)


def national_approval(
    world: World, state: State, levers: Levers, q: Quarter, p: Params, ledger: Ledger,
    event_approval: dict[str, Array], mayor_events: dict[str, Array],
) -> None:
    """Approval follows the level of trust and of security, with memory (F5, F14, F15).

    Each quarter approval closes part of the gap (`approval_memory`) to where trust in the
    state (population-weighted legitimacy) and killings against the start would put it, less
    showy attacks (against what people are used to) and US threats (F11). With nothing
    changing it stays where it started: no drift without a cause. One-off events (the
    Culiacán release, F4; a trending "no president", F5) move it at once and fade; each
    planned, spectacular attack of an event costs approval at once, beyond its toll (F5),
    the first ones most (a quarter of many such attacks does not cost without limit).

    Mayors' approval works the same way on their city's trust and killings.
    """
    assert q.visible_attacks is not None
    weights = world.population / world.population.sum()
    speed = p.approval_memory
    trust = (logit(state.legitimacy) - logit(state.legitimacy_norm)) @ weights
    safety = np.log(np.maximum(state.homicides.sum(axis=1), 1.0)
                    / np.maximum(state.measured_norm.sum(axis=1), 1.0))
    showy = np.log((q.visible_attacks.sum(axis=1) + p.approval_attack_floor)
                   / (state.attack_norm.sum(axis=1) + p.approval_attack_floor))
    us_excess = np.maximum(state.us_pressure - p.us_pressure_tolerance, 0.0)
    pushes = {
        "legitimacy": speed * p.approval_legitimacy * trust,
        "violence": -speed * p.approval_violence * safety,
        "visible_attacks": -speed * p.approval_attacks * showy
        - p.approval_spectacle * p.approval_attack_floor * np.log1p(
            q.event_attacks.sum(axis=1) / p.approval_attack_floor),
        "us_pressure": -speed * p.approval_us_pressure * us_excess,
        "fading": -speed * (logit(state.approval) - logit(state.approval_norm)),
    }
    state.approval = move_bounded(ledger, "approval", state.approval, pushes, event_approval)
    city_safety = np.log(np.maximum(state.homicides, 1.0) / np.maximum(state.measured_norm, 1.0))
    local = {
        "legitimacy": speed * p.approval_legitimacy * (
            logit(state.legitimacy) - logit(state.legitimacy_norm)),
        "violence": -speed * p.approval_violence * city_safety,
        "fading": -speed * (logit(state.mayor_approval) - logit(state.mayor_norm)),
    }
    state.mayor_approval = move_bounded(ledger, "mayor_approval", state.mayor_approval, local,
                                        mayor_events)


def us_pressure_and_capital(world: World, state: State, levers: Levers, p: Params) -> None:
    """US pressure eases when the Guard stops migrants (F11); capital regrows with approval."""
    enforcement = np.minimum(levers.national_lever("guard_migration")[:, 0], 1)
    state.us_pressure = clip(
        state.us_pressure - p.us_pressure_relax * (state.us_pressure - state.us_pressure_norm)
        - p.guard_migration_us_relief * enforcement, 0.0, 1.0)
    standing = np.stack([state.approval if seat.region is None
                         else state.mayor_approval[:, seat.region] for seat in world.seats], axis=1)
    state.capital = clip(state.capital + p.capital_regen * standing, 0.0, 100.0)
