"""Per-turn records turned into the JSON, CSV and summaries that exports and reports use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from game.sim.branches import Branches, Decision
from game.sim.commands import AnswerDilemma, Command, EnactIntervention
from game.sim.indicators import BY_ID, NATIONAL_INDICATORS, REGION_INDICATORS
from game.sim.model import TurnResult
from game.sim.state import Array, World

COUNTS = frozenset(name for name, item in BY_ID.items() if item.is_count)
"""Indicators reported as whole numbers."""
REGION_COUNTS = np.array([name in COUNTS for name in REGION_INDICATORS])
NATIONAL_COUNTS = np.array([name in COUNTS for name in NATIONAL_INDICATORS])
"""Which columns of a region's (or the national) row of indicators are counts."""


EXACT_BELOW = 8e5
"""Values below this size are rounded by arrays: x * 10_000 is then off by under 2**-20."""
NEAR_TIE = 1e-5
"""How near half a unit of the fourth decimal a value must be to be rounded one by one."""


def round4(values: Array) -> list[float]:
    """`[round(v, 4) for v in values.flat]`, bit for bit, for a whole array at once.

    Python's round is exact: it takes the nearest four-decimal number to the exact value
    (half to even), then the double nearest to that. Here x * 10_000 is rounded to the
    nearest integer n, and n / 10_000 is the double nearest to n's four-decimal number (IEEE
    division is exact to the nearest). The product's rounding error (under 2**-20 for
    |x| < EXACT_BELOW) could only change n next to a half; those values, huge ones, NaN and
    infinities are left to Python's round. A JSON record rounds hundreds of values a quarter,
    and round(x, 4) costs 0.3 us each.
    """
    x = np.asarray(values, dtype=float).ravel()
    with np.errstate(over="ignore", invalid="ignore"):  # huge values and NaN: Python's round
        scaled = x * 10_000.0
        whole = np.rint(scaled)
        exact = (np.abs(x) < EXACT_BELOW) & (np.abs(scaled - np.floor(scaled) - 0.5) > NEAR_TIE)
    shown: list[float] = (whole / 10_000.0).tolist()
    if not exact.all():
        plain = x.tolist()
        for i in np.flatnonzero(~exact).tolist():
            shown[i] = round(plain[i], 4)
    return shown


def _rows(values: list[float], counts: Array, wholes: list[float]) -> list[list[float | int]]:
    """A row-major list cut into rows of len(counts), its count columns the ints of `wholes`."""
    n = len(counts)
    columns = np.flatnonzero(counts).tolist()
    rows: list[list[float | int]] = [list(values[i:i + n]) for i in range(0, len(values), n)]
    for row, start in zip(rows, range(0, len(values), n), strict=True):
        for j in columns:
            row[j] = int(wholes[start + j])
    return rows


def _shown_rows(table: Array, counts: Array) -> list[list[float | int]]:
    """Rows of indicators (columns) as JSON shows them: counts whole, the rest to 4 decimals."""
    return _rows(round4(table), counts, np.rint(table).ravel().tolist())


ShownTables = tuple[list[list[float | int]], list[float | int]]
"""One world's indicators as JSON shows them: a row per region, and the national row."""


def _tables_json(world: World, tables: ShownTables
                 ) -> tuple[dict[str, dict[str, float | int]], dict[str, float | int]]:
    """Shown tables as the contract's objects: region -> indicator -> value, and national."""
    rows, national = tables
    return ({rid: dict(zip(REGION_INDICATORS, row, strict=True))
             for rid, row in zip(world.region_ids, rows, strict=True)},
            dict(zip(NATIONAL_INDICATORS, national, strict=True)))


def _shown_tables(world: World, result: TurnResult, run: int) -> ShownTables:
    """One run's indicators after a quarter as JSON shows them: a row per region (in
    REGION_INDICATORS order), and the national row."""
    table = np.array([result.regions[name][run] for name in REGION_INDICATORS], float).T
    national = np.array([result.national[name][run] for name in NATIONAL_INDICATORS], float)
    return _shown_rows(table, REGION_COUNTS), _shown_rows(national[None, :], NATIONAL_COUNTS)[0]


def _shown(values: Array, counts: Array) -> Array:
    """Values rounded as they are shown: counts whole, the rest to four decimal places."""
    return np.where(counts, np.rint(values), np.round(values, 4)) + 0.0  # no "-0.0"


def _json_rows(table: Array, names: tuple[str, ...], counts: Array
               ) -> list[dict[str, float | int]]:
    """Rows of shown values as JSON objects (counts as integers)."""
    values: list[float] = np.asarray(table, float).ravel().tolist()
    return [dict(zip(names, row, strict=True)) for row in _rows(values, counts, values)]


@dataclass(frozen=True)
class QuarterEffects:
    """A quarter's decision effects and the decisions' part of each cause, for one world.

    Everything they are worked out from is taken when the quarter resolves: the result's
    arrays (copies the model never touches again), the played and baseline values as shown,
    the decisions made so far and the worlds without each. So working them out later, when a
    screen first asks, gives exactly what working them out at once gives (a game's record
    does that: most quarters' effects are never looked at).
    """

    world: World
    result: TurnResult
    run: int
    base: int
    played: ShownTables
    baseline: ShownTables
    decisions: tuple[Decision, ...]
    """The decisions whose own effect is tracked, each with its world without it (`withouts`)."""
    withouts: tuple[int, ...]
    tracked: bool

    @classmethod
    def of(cls, world: World, result: TurnResult, run: int, branches: Branches,
           played: ShownTables) -> QuarterEffects | None:
        """The quarter's effects as the branches carry them now (None without a baseline)."""
        base = branches.baseline_run(run) if run < branches.seeds else None
        if base is None:
            return None
        runs = result.regions["homicides"].shape[0]
        made = branches.decisions if branches.track_effects else []
        # The worlds without each decision carried so far (those added later are not yet here).
        withouts: list[int] = []
        for k in range(len(made)):
            without = branches.without_run(k, run)
            if without >= runs:
                break
            withouts.append(without)
        return cls(world, result, run, base, played, _shown_tables(world, result, base),
                   tuple(made[:len(withouts)]), tuple(withouts), branches.track_effects)

    def baseline_json(self) -> dict[str, Any]:
        """The same world's values with no new policy, as the contract shows them."""
        regions, national = _tables_json(self.world, self.baseline)
        return {"regions": regions, "national": national}

    def effects_json(self) -> dict[str, Any] | None:
        """Each decision's own effect and their interaction (None when effects are not tracked).

        Differences are taken between the rounded values shown (and rounded again), so for every
        indicator the decisions plus the interaction equal the played world minus the baseline.
        """
        if not self.tracked:
            return None
        result, withouts, ids = self.result, list(self.withouts), self.world.region_ids
        played_r = np.array(self.played[0], float)
        played_n = np.array(self.played[1], float)
        rest_r = _shown(played_r - np.array(self.baseline[0], float), REGION_COUNTS)
        rest_n = _shown(played_n - np.array(self.baseline[1], float), NATIONAL_COUNTS)
        # Every decision's own effect at once: played minus its world without it, each shown.
        other_r = _shown(np.array([result.regions[n][withouts] for n in REGION_INDICATORS],
                                  float).transpose(1, 2, 0), REGION_COUNTS)
        other_n = _shown(np.array([result.national[n][withouts] for n in NATIONAL_INDICATORS],
                                  float).T, NATIONAL_COUNTS)
        own_r = _shown(played_r - other_r, REGION_COUNTS)
        own_n = _shown(played_n - other_n, NATIONAL_COUNTS)
        decisions = []
        for k, decision in enumerate(self.decisions):
            rest_r = _shown(rest_r - own_r[k], REGION_COUNTS)
            rest_n = _shown(rest_n - own_n[k], NATIONAL_COUNTS)
            decisions.append({
                **decision_json(decision.command), "turn": decision.turn,
                "regions": dict(zip(ids, _json_rows(own_r[k], REGION_INDICATORS, REGION_COUNTS),
                                    strict=True)),
                "national": _json_rows(own_n[k], NATIONAL_INDICATORS, NATIONAL_COUNTS)[0],
            })
        return {"decisions": decisions, "interaction": {
            "regions": dict(zip(ids, _json_rows(rest_r, REGION_INDICATORS, REGION_COUNTS),
                                strict=True)),
            "national": _json_rows(rest_n, NATIONAL_INDICATORS, NATIONAL_COUNTS)[0]}}

    def why_decisions_json(self) -> dict[str, dict[str, dict[str, float]]]:
        """Of each cause, the part the decisions made: this world's minus the baseline's."""
        return _why_json(self.world, self.result.why, self.run, self.base)

    def as_json(self) -> dict[str, Any]:
        """`baseline`, `effects` (when tracked) and `why_decisions`, as `turn_json` has them."""
        data: dict[str, Any] = {"baseline": self.baseline_json()}
        effects = self.effects_json()
        if effects is not None:
            data["effects"] = effects
        data["why_decisions"] = self.why_decisions_json()
        return data


def decision_json(command: Command) -> dict[str, Any]:
    """What a decision was, in the shape plans and logs use."""
    if isinstance(command, AnswerDilemma):
        return {"verb": "answer", "action": None, "event": command.event_id,
                "choice": command.choice_id, "region": command.region}
    verb = "enact" if isinstance(command, EnactIntervention) else "repeal"
    return {"verb": verb, "action": command.action_id, "region": command.region}


def _why_json(world: World, why: dict[str, dict[str, Array]], run: int,
              base: int | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """A ledger as JSON: indicator -> place -> cause -> amount, without the zeros.

    With `base`, the amounts are this run's minus that run's (the same world with no new
    policy): each cause's part that the player's decisions made.
    """
    entries = [(indicator, cause, amount) for indicator, causes in why.items()
               for cause, amount in causes.items()]
    if not entries:
        return {}
    # Every cause's amounts in one table (a national amount in the first column), in the
    # ledger's order: the zeros are found, and the rest rounded, in one go each.
    table = np.zeros((len(entries), len(world.region_ids)))
    for regional in (True, False):
        rows = [k for k, (_, _, amount) in enumerate(entries) if (amount.ndim > 1) == regional]
        if rows:
            amounts = np.array([entries[k][2][run] for k in rows], float)
            if base is not None:
                amounts -= np.array([entries[k][2][base] for k in rows], float)
            table[rows, slice(None) if regional else 0] = amounts
    kept = np.abs(table) > 1e-6
    at_row, at_column = np.nonzero(kept)
    values = round4(table[at_row, at_column])
    places = [world.region_ids[column] for column in at_column.tolist()]
    # Row by row (a cause of an indicator), places in order: the same insertion order, so
    # the same JSON, as adding the amounts one by one.
    shown: dict[str, dict[str, dict[str, float]]] = {}
    end = 0
    for (indicator, cause, amount), count in zip(entries, kept.sum(axis=1).tolist(),
                                                 strict=True):
        if not count:
            continue
        start, end = end, end + count
        by_place = shown.get(indicator)
        if by_place is None:
            by_place = shown[indicator] = {}
        if amount.ndim == 1:
            by_place.setdefault("national", {})[cause] = values[start]
            continue
        for place, value in zip(places[start:end], values[start:end], strict=True):
            causes = by_place.get(place)
            if causes is None:
                by_place[place] = {cause: value}
            else:
                causes[cause] = value
    return shown


def turn_json(world: World, result: TurnResult, run: int,
              branches: Branches | None = None) -> dict[str, Any]:
    """One turn of one run in the shape the command-line contract promises.

    `why` splits each change into its causes; `why_events` splits the cause "event" event by
    event (each event lists its findings under `events`). With `branches` carrying a
    baseline, the turn also has `baseline` (the same world with no new policy),
    `why_decisions` (each cause's part that the player's decisions made: this world's cause
    minus the same cause in the baseline; the rest of each cause is the world's and chance's)
    and, with effects, `effects` (each decision's own, and their interaction).
    """
    data, played = played_turn_json(world, result, run)
    later = (QuarterEffects.of(world, result, run, branches, played) if branches is not None
             else None)
    if later is not None:
        data.update(later.as_json())
    return data


def played_turn_json(world: World, result: TurnResult, run: int
                     ) -> tuple[dict[str, Any], ShownTables]:
    """The played world's part of `turn_json` (no baseline, effects or why_decisions), and
    its values as shown (what QuarterEffects.of takes)."""
    played = _shown_tables(world, result, run)
    regions, national = _tables_json(world, played)
    events = [
        {"id": e.event_id, "region": world.region_ids[e.region], "choice": e.choice,
         "findings": list(e.findings)}
        for e in result.events if e.runs[run]
    ]
    data = {
        "turn": result.turn,
        "period": world.period(result.turn),
        "regions": regions,
        "national": national,
        "events": events,
        "why": _why_json(world, result.why, run),
        "why_events": _why_json(world, result.why_events, run),
    }
    return data, played


def run_summary(world: World, results: list[TurnResult], run: int,
                term: int | None = None) -> dict[str, Any]:
    """Totals and end values of one run, over the term (or all turns if no term is given)."""
    within = [r for r in results if term is None or r.turn <= term]
    if not within:
        return {}
    last = within[-1]

    def total(name: str) -> int:
        return int(sum(r.national[name][run] for r in within))

    years = len(within) / 4
    return {
        "turns": len(within),
        "homicides": total("homicides"),
        "true_homicides": total("true_homicides"),
        "disappearances": total("disappearances"),
        "civilian_deaths": total("civilian_deaths"),
        "visible_attacks": total("visible_attacks"),
        "kidnappings": total("kidnappings"),
        "abuses": total("abuses"),
        "homicide_rate": round(total("homicides") / years / world.population.sum() * 1e5, 2),
        "approval": round(float(last.national["approval"][run]), 4),
        "legitimacy": {rid: round(float(last.regions["legitimacy"][run, i]), 4)
                       for i, rid in enumerate(world.region_ids)},
        "police_integrity": {rid: round(float(last.regions["police_integrity"][run, i]), 4)
                             for i, rid in enumerate(world.region_ids)},
    }


def weighted_legitimacy(world: World, result: TurnResult) -> np.ndarray:
    """Population-weighted mean legitimacy per run."""
    weights = world.population / world.population.sum()
    return np.asarray(result.regions["legitimacy"] @ weights)


def percentiles(values: np.ndarray) -> tuple[float, float, float]:
    """The 10th, 50th and 90th percentiles across runs."""
    p10, p50, p90 = np.percentile(values, [10, 50, 90])
    return float(p10), float(p50), float(p90)
