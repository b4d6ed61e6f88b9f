"""Generate a class's result files headlessly: one workshop, many teams with different plans."""

from __future__ import annotations

import random
from pathlib import Path

from game.classroom.result_files import build_result, write_result
from game.classroom.workshops import Workshops
from game.content.schema import Decision, PlanFile, Workshop
from game.play.campaign import Campaign
from game.play.plan import Plan, play
from game.play.predictions import Prediction

NAMES = ["Los Ñandúes", "Équipe <b>A</b> & co", 'The "Quiet" Ones', "Grupo 7 — Sur"]


def random_plan(workshops: Workshops, workshop: Workshop, rng: random.Random) -> PlanFile:
    """A plausible random strategy: a few interventions started (and some stopped) over a term."""
    pack = workshops.pack
    scenario = pack.scenarios[workshop.scenario]
    city = workshops.region(workshop)
    regions = [city] if city else [r.id for r in scenario.regions]
    turns = workshops.turns(workshop)
    decisions = []
    for _ in range(rng.randint(0, 6)):
        action = pack.interventions[rng.choice(workshops.actions(workshop))]
        region = rng.choice(regions) if action.scope == "region" else None
        turn = rng.randint(1, turns)
        decisions.append(Decision(turn=turn, action=action.id, region=region))
        if rng.random() < 0.2 and turn < turns:
            decisions.append(Decision(turn=rng.randint(turn + 1, turns), action=action.id,
                                      region=region, stop=True))
    responses = {"capture_siege": rng.choice(["hold", "release"])}
    return PlanFile(decision=decisions, responses=responses)


def team_name(k: int) -> str:
    """Team names, a few with characters that need escaping."""
    return NAMES[k] if k < len(NAMES) else f"Team {k + 1:03d}"


def make_class(folder: Path, workshops: Workshops, workshop: Workshop, teams: int,
               seed: int = 0, predictions: bool = True) -> list[Path]:
    """Write `teams` result files of one workshop into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    code = workshops.code(workshop)
    rng = random.Random(seed)
    turns = workshops.turns(workshop)
    baseline: Campaign | None = None
    paths = []
    for k in range(teams):
        campaign = workshops.new_game(workshop)
        play(campaign, Plan.from_file(random_plan(workshops, workshop, rng)), turns)
        if baseline is None:
            baseline = campaign.baseline()
        guesses = [Prediction(turn, rng.choice(["rise", "fall"]), rng.choice(["rise", "fall"]))
                   for turn in range(1, turns + 1)] if predictions and k % 3 else []
        result = build_result(campaign, team_name(k), workshop, guesses, code=code,
                              baseline=baseline)
        path = folder / f"team-{k + 1:03d}.json"
        write_result(path, result)
        paths.append(path)
    return paths
