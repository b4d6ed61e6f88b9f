"""What the report shows of each team, computed from its replayed game (never from a file).

Per team: the totals against the no-new-policy world over the player's scope; its decisions
and dilemma answers as a timeline; its three biggest causes of difference from the
no-new-policy world (the model's exact effects: each decision's own, and their interaction);
the prices it paid (cartel strength, trust, rights) and what happened in the two years after
the term; and its decisions replayed over 100 other worlds. For the class: fair comparisons
with ties named as ties, findings met by the teams' own decisions, questions chosen for what
this class did, and predictions against the base rate and the lazy guess.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from game.classroom.verify import Verified
from game.play.campaign import Campaign
from game.play.commands import AnswerDilemma
from game.play.plan import Plan, Step, play
from game.play.scope import scope_regions, weights
from game.sim.lab import Lab, Worlds

NEXT_TURNS = 8
"""Quarters run on past the term for "what happened next" (two years)."""
WORLDS = 100
"""Other worlds (seeds) each team's decisions are replayed in."""
WORLD_SEED_OFFSET = 1000
"""The other worlds' seeds start this far from the class's seed."""
TEAMS_PER_LAB = 15
"""Teams whose other worlds share one lab at most: 16 x WORLDS worlds side by side, which
national-2018 plays in a process of 94 MB at its peak (a lab's memory grows with its
worlds)."""


@dataclass(frozen=True)
class MeasureSpec:
    """One measure the class is compared on: which way is better, and what counts as a tie."""

    id: str
    higher_is_better: bool
    decimals: int
    tie: float
    """Differences smaller than this (or 2% of the no-new-policy value) are ties."""


MEASURES: tuple[MeasureSpec, ...] = (
    MeasureSpec("lives", True, 0, 5.0),
    MeasureSpec("legitimacy", True, 1, 1.0),
    MeasureSpec("abuses", False, 0, 5.0),
    MeasureSpec("civilians", False, 0, 5.0),
    MeasureSpec("disappearances", False, 0, 5.0),
    MeasureSpec("police", True, 1, 1.0),
    MeasureSpec("judicial", True, 1, 1.0),
)
CHARTED = ("lives", "legitimacy", "abuses", "civilians")
MINIMUM_SPAN = {"legitimacy": 20.0, "lives": 50.0}
"""The narrowest axis a dot plot may have (points of trust, lives): small gaps look small."""


@dataclass
class Cause:
    """One decision (or the decisions together) and its own effect over the term."""

    kind: str
    """"decision" or "interaction"."""
    decision: dict[str, Any]
    lives: float
    legitimacy: float
    abuses: float


@dataclass
class Robustness:
    """A team's decisions in other worlds: lives against each world's own no-new-policy run."""

    low: float
    median: float
    high: float
    share_saved: float
    worlds: int


@dataclass
class TeamFigures:
    """Everything the report shows of one team."""

    index: int
    name: str
    source: str
    via: str
    finished: bool
    turns_played: int
    values: dict[str, float]
    base: dict[str, float]
    homicides: list[float]
    legitimacy_series: list[float]
    timeline: list[dict[str, Any]]
    causes: list[Cause] = field(default_factory=list)
    prices: dict[str, float] = field(default_factory=dict)
    next_lives: float | None = None
    robust: Robustness | None = None
    findings: list[str] = field(default_factory=list)
    predictions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def css(self) -> str:
        """The class that ties this team's marks together (for highlighting)."""
        return f"t{self.index}"


def _scope_weights(campaign: Campaign) -> tuple[list[str], dict[str, float]]:
    scope = scope_regions(campaign)
    return scope, weights(campaign, scope)


def team_values(body: dict[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    """(the team's values, the no-new-policy world's) of every compared measure."""
    m = body["measures"]
    rights = m["human_rights"]
    inst = m["institutions"]
    mine = {
        "lives": float(m["lives_vs_baseline"]),
        "legitimacy": round(m["legitimacy"]["end"] * 100, 1),
        "abuses": float(rights["abuses"]), "civilians": float(rights["civilian_deaths"]),
        "disappearances": float(rights["disappearances"]),
        "police": round(inst["police_integrity"]["change"] * 100, 1),
        "judicial": round(inst["judicial_integrity"]["change"] * 100, 1),
        "true_homicides": float(m["true_homicides"]),
    }
    base = {
        "lives": 0.0,
        "legitimacy": round(m["legitimacy"]["baseline_end"] * 100, 1),
        "abuses": float(rights["baseline_abuses"]),
        "civilians": float(rights["baseline_civilian_deaths"]),
        "disappearances": float(rights["baseline_disappearances"]),
        "police": round((inst["police_integrity"]["baseline_end"]
                         - inst["police_integrity"]["start"]) * 100, 1),
        "judicial": round((inst["judicial_integrity"]["baseline_end"]
                           - inst["judicial_integrity"]["start"]) * 100, 1),
        "true_homicides": float(m["baseline_true_homicides"]),
    }
    return mine, base


def timeline(campaign: Campaign, played: int) -> list[dict[str, Any]]:
    """The team's decisions and dilemma answers (defaults marked), quarter by quarter."""
    items = []
    for entry in campaign.log:
        if entry.turn > played:
            continue
        record = entry.as_record()
        record["period"] = campaign.world.period(entry.turn)
        items.append(record)
    return items


def causes(campaign: Campaign, played: int, top: int = 3) -> list[Cause]:
    """The biggest causes of difference from the no-new-policy world, over the scope.

    Each decision's own effect (and the decisions' interaction) summed over the quarters
    played: killings avoided, trust at the end (points), abuses. They add up exactly to the
    played world minus the no-new-policy world.
    """
    scope, share = _scope_weights(campaign)
    sums: dict[int, list[float]] = {}
    described: dict[int, dict[str, Any]] = {}
    interaction = [0.0, 0.0, 0.0]
    last = played
    for n, record in enumerate(campaign.records[:played], start=1):
        effects = record.effects or {}
        for k, decision in enumerate(effects.get("decisions", [])):
            regions = decision["regions"]
            row = sums.setdefault(k, [0.0, 0.0, 0.0])
            row[0] -= sum(float(regions[r]["true_homicides"]) for r in scope)
            row[2] += sum(float(regions[r]["abuses"]) for r in scope)
            if n == last:
                row[1] = sum(float(regions[r]["legitimacy"]) * w for r, w in share.items()) * 100
            described[k] = {key: decision.get(key) for key in
                            ("verb", "action", "event", "choice", "region", "turn")}
            described[k]["period"] = campaign.world.period(int(decision["turn"]))
        inter = effects.get("interaction", {}).get("regions", {})
        if inter:
            interaction[0] -= sum(float(inter[r]["true_homicides"]) for r in scope)
            interaction[2] += sum(float(inter[r]["abuses"]) for r in scope)
            if n == last:
                interaction[1] = sum(float(inter[r]["legitimacy"]) * w
                                     for r, w in share.items()) * 100
    found = [Cause("decision", described[k], round(v[0]), round(v[1], 1), round(v[2]))
             for k, v in sums.items()]
    if any(abs(x) >= 0.5 for x in interaction):
        found.append(Cause("interaction", {}, round(interaction[0]), round(interaction[1], 1),
                           round(interaction[2])))
    found.sort(key=lambda c: (-abs(c.lives), -abs(c.legitimacy), -abs(c.abuses)))
    return [c for c in found[:top] if c.lives or c.legitimacy or c.abuses]


def prices(campaign: Campaign, baseline: Campaign, played: int) -> dict[str, float]:
    """What the team's path cost against the no-new-policy world at the end of its term.

    Armed strength of the criminal groups in the scope (percent), trust (points), abuses,
    disappearances, and the mayor's or government's approval (points).
    """
    scope, share = _scope_weights(campaign)
    turn = played

    def value(game: Campaign, name: str) -> float:
        record = game.records[turn - 1]
        return sum(float(record.regions[r].get(name, 0.0)) * w for r, w in share.items())

    strength_mine = sum(g["strength"] for r in scope
                        for g in campaign.records[turn - 1].groups.get(r, []))
    strength_base = sum(g["strength"] for r in scope
                        for g in baseline.records[turn - 1].groups.get(r, []))
    return {
        "strength": round((strength_mine / strength_base - 1) * 100, 1) if strength_base else 0.0,
        "legitimacy": round((value(campaign, "legitimacy") - value(baseline, "legitimacy"))
                            * 100, 1),
        "police": round((value(campaign, "police_integrity")
                         - value(baseline, "police_integrity")) * 100, 1),
    }


def next_lives(campaign: Campaign, baseline: Campaign, played: int,
               turns: int = NEXT_TURNS) -> float:
    """Lives against the no-new-policy world in the quarters after the term (policies left on).

    Runs the replayed game on past its `played` quarters (everything else reads only those)
    and compares with the baseline run on as far.
    """
    scope = scope_regions(campaign)
    start = played
    target = min(40, start + turns)
    while campaign.turn < target:
        campaign.resolve_quarter()
    while baseline.turn < target:
        baseline.resolve_quarter()
    mine = sum(float(r.regions[s]["true_homicides"]) for r in campaign.records[start:target]
               for s in scope)
    theirs = sum(float(r.regions[s]["true_homicides"]) for r in baseline.records[start:target]
                 for s in scope)
    return round(theirs - mine)


def _in_other_worlds(campaign: Campaign, played: int) -> Plan:
    """A team's line of play for other worlds: its decisions and answers up to `played`."""
    answers = {entry.command.event_id: entry.command.choice_id for entry in campaign.log
               if isinstance(entry.command, AnswerDilemma) and entry.turn <= played}
    steps = [Step(entry.turn, entry.command) for entry in campaign.log
             if not entry.default and entry.turn <= played
             and not isinstance(entry.command, AnswerDilemma)]
    return Plan(steps, answers)


@dataclass
class _TeamInOtherWorlds:
    """One team's block of a shared lab: its worlds, its play, and the lives summed so far."""

    worlds: Worlds
    plan: Plan
    played: int
    block: slice
    scope: list[int]
    mine: np.ndarray
    base: np.ndarray


def class_robustness(teams: Sequence[tuple[Campaign, int]], worlds: int = WORLDS
                     ) -> list[Robustness | None]:
    """Each team's decisions replayed in `worlds` other worlds, for each (campaign, quarters
    played) of a class; None for hot-seat games.

    Each world is compared with itself under no new policy; the range is the 10th to 90th
    percentile of lives saved (positive) or lost. Teams of one world (scenario, role, place,
    seed and assumptions) share one lab: the same `worlds` seeds once with no new policy,
    then once per team with its own decisions and answers in them (sim.lab.Worlds, up to
    TEAMS_PER_LAB teams a lab), so a class of 30 runs two models of 16 x `worlds` worlds
    rather than 30 of 2 x `worlds`. Every world draws what it would alone, so each team gets
    the figures it gets on its own.
    """
    found: list[Robustness | None] = [None] * len(teams)
    same_world: dict[tuple[Any, ...], list[int]] = {}
    for k, (campaign, _) in enumerate(teams):
        if not campaign.mayors:
            key = (campaign.scenario_id, campaign.role, campaign.region, campaign.seed,
                   tuple(sorted((campaign.overrides or {}).items())))
            same_world.setdefault(key, []).append(k)
    labs = [members[i:i + TEAMS_PER_LAB] for members in same_world.values()
            for i in range(0, len(members), TEAMS_PER_LAB)]
    for members in labs:
        first = teams[members[0]][0]
        lab = Lab(first.pack, first.scenario_id, first.role, first.region,
                  first.seed + WORLD_SEED_OFFSET, worlds, first.overrides, keep=False,
                  games=1 + len(members))
        no_new_policy = slice(0, worlds)
        games = []
        for n, k in enumerate(members, start=1):
            campaign, played = teams[k]
            block = slice(n * worlds, (n + 1) * worlds)
            mask = np.zeros(lab.model.state.runs, dtype=bool)
            mask[block] = True
            games.append(_TeamInOtherWorlds(
                Worlds(lab.model, mask), _in_other_worlds(campaign, played), played, block,
                [lab.world.region_index(r) for r in scope_regions(campaign)],
                np.zeros(worlds), np.zeros(worlds)))
        for _ in range(max(game.played for game in games)):
            for game in games:
                if lab.turn < game.played:
                    play(game.worlds, game.plan, lab.turn, enter_next=True)
            killed = lab.resolve_quarter().regions["true_homicides"]
            for game in games:
                if lab.turn <= game.played:
                    values = killed[:, game.scope].sum(axis=1)
                    game.mine += values[game.block]
                    game.base += values[no_new_policy]
        for k, game in zip(members, games, strict=True):
            lives = game.base - game.mine
            low, median, high = np.percentile(lives, [10, 50, 90])
            found[k] = Robustness(round(float(low)), round(float(median)), round(float(high)),
                                  round(float((lives > 0).mean()) * 100), worlds)
    return found


def team_figures(index: int, team: Verified, turns: int, *, deep: bool = True,
                 robust: Robustness | None = None) -> TeamFigures:
    """The figures of one team; `deep` adds its other worlds (`robust`: worked out for the
    whole class at once by class_robustness) and what happened next (slower)."""
    body = team.body
    played = int(body["setup"]["turns_played"])
    mine, base = team_values(body)
    figures = TeamFigures(
        index=index, name=team.name, source=team.submission.source,
        via=team.submission.via, finished=played >= turns,
        turns_played=played, values=mine, base=base,
        homicides=[float(t["scope"]["homicides"]) for t in body["turns"]],
        legitimacy_series=[round(t["scope"]["legitimacy"] * 100, 1) for t in body["turns"]],
        timeline=timeline(team.campaign, played), findings=list(body["measures"]["findings_met"]),
        predictions=list(body["predictions"]),
    )
    figures.causes = causes(team.campaign, played)
    figures.prices = prices(team.campaign, team.baseline, played)
    if deep:
        figures.robust = robust
        if figures.finished:
            figures.next_lives = next_lives(team.campaign, team.baseline, played)
    return figures


# --- the class as a whole ----------------------------------------------------------------


@dataclass
class Standout:
    """The best value on a measure, and every team within a tie of it."""

    measure: MeasureSpec
    best: float
    teams: list[str]
    median: float
    baseline: float
    spread: float
    """Best minus worst: when it is below the tie, nobody stood out."""


def tie_of(spec: MeasureSpec, baseline: float) -> float:
    """What counts as a tie on a measure: its own threshold, or 2% of the baseline value."""
    return max(spec.tie, abs(baseline) * 0.02)


def standouts(teams: list[TeamFigures]) -> list[Standout]:
    """Per measure, the best finished teams (ties named together), the median and the base."""
    result: list[Standout] = []
    if not teams:
        return result
    for spec in MEASURES:
        values = [t.values[spec.id] for t in teams]
        base = teams[0].base[spec.id]
        best = max(values) if spec.higher_is_better else min(values)
        tie = tie_of(spec, base)
        names = [t.name for t in teams if abs(t.values[spec.id] - best) < tie]
        result.append(Standout(spec, best, names, statistics.median(values), base,
                               max(values) - min(values)))
    return result


def findings_by_team(teams: list[TeamFigures]) -> dict[str, list[str]]:
    """Each finding met, with the teams whose own decisions met it."""
    met: dict[str, list[str]] = {}
    for team in teams:
        for fid in team.findings:
            met.setdefault(fid, []).append(team.name)
    return dict(sorted(met.items(), key=lambda kv: (-len(kv[1]), int(kv[0][1:]))))


def finding_order(met: dict[str, list[str]], teams: int) -> list[str]:
    """Findings most worth discussing first: those that split the class, then the most met."""
    return sorted(met, key=lambda f: (-min(len(met[f]), teams - len(met[f])), -len(met[f]),
                                      int(f[1:])))


@dataclass
class PredictionQuarter:
    """One quarter of the class's predictions."""

    turn: int
    period: str
    made: int
    violence_right: int
    legitimacy_right: int
    violence_rose: int
    legitimacy_rose: int
    expected_violence_rise: int


@dataclass
class Predictions:
    """The class's predictions against the base rate and the lazy guess."""

    made: int
    teams: int
    violence_right: int
    legitimacy_right: int
    violence_rose: int
    legitimacy_rose: int
    quarters: list[PredictionQuarter]

    def share(self, count: int) -> float:
        """A count as a percentage of the predictions made."""
        return round(count / self.made * 100) if self.made else 0

    def lazy(self, rose: int) -> tuple[str, float]:
        """The lazy guess (always the more common outcome) and how often it was right."""
        direction = "rise" if rose * 2 >= self.made else "fall"
        return direction, self.share(max(rose, self.made - rose))


def predictions(teams: list[TeamFigures]) -> Predictions | None:
    """Predictions of every team, quarter by quarter (None when nobody predicted)."""
    made = [(t, p) for t in teams for p in t.predictions]
    if not made:
        return None
    quarters: dict[int, PredictionQuarter] = {}
    periods = {item["turn"]: item for t in teams for item in t.timeline}
    for team, p in made:
        q = quarters.setdefault(p["turn"], PredictionQuarter(
            p["turn"], periods.get(p["turn"], {}).get("period", ""), 0, 0, 0, 0, 0, 0))
        q.made += 1
        q.violence_right += bool(p["right"]["violence"])
        q.legitimacy_right += bool(p["right"]["legitimacy"])
        q.violence_rose += p["outcome"]["violence"] == "rise"
        q.legitimacy_rose += p["outcome"]["legitimacy"] == "rise"
        q.expected_violence_rise += p["violence"] == "rise"
        del team
    ordered = [quarters[k] for k in sorted(quarters)]
    return Predictions(
        made=len(made), teams=len({t.name for t, _ in made}),
        violence_right=sum(q.violence_right for q in ordered),
        legitimacy_right=sum(q.legitimacy_right for q in ordered),
        violence_rose=sum(q.violence_rose for q in ordered),
        legitimacy_rose=sum(q.legitimacy_rose for q in ordered),
        quarters=ordered,
    )


def action_counts(teams: list[TeamFigures]) -> dict[tuple[str, str | None], dict[int, list[str]]]:
    """Per (intervention, region) and quarter, the teams that started it."""
    counts: dict[tuple[str, str | None], dict[int, list[str]]] = {}
    for team in teams:
        seen = {(d["action"], d.get("region"), int(d["turn"])) for d in team.timeline
                if d.get("verb") == "enact"}
        for action, region, turn in sorted(seen, key=lambda x: (x[0], x[1] or "", x[2])):
            counts.setdefault((action, region), {}).setdefault(turn, []).append(team.name)
    return counts


def most_used(teams: list[TeamFigures]) -> Counter[str]:
    """How many teams started each intervention at least once."""
    return Counter(a for t in teams for a in {d["action"] for d in t.timeline
                                              if d.get("verb") == "enact"})
