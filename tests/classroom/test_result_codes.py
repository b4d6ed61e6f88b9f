"""Result codes: every decision log round-trips, every typo is caught, the desk makes workshops
exactly as `workshop new` does, and `simulate --result-code` prints a code the debrief reads."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom.bits import ALPHABET
from game.classroom.desk import WorkshopChoices, save_workshop
from game.classroom.result_codes import TeamGame, decode_result, encode_result
from game.classroom.verify import Replayer, read_code
from game.classroom.workshop_codes import CodeError, encode_code
from game.classroom.workshops import Workshops
from game.cli import main
from game.play.plan import Plan, play
from game.play.predictions import Prediction

from .classgen import random_plan
from .test_workshop import workshop_settings


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_codes_carry_every_setting_and_every_decision(workshops: Workshops,
                                                      data: st.DataObject) -> None:
    """Any workshop, a random valid plan, a name in any alphabet, predictions: all come back."""
    workshop = data.draw(workshop_settings(workshops))
    seed = data.draw(st.integers(0, 10_000))
    game = workshops.new_game(workshop)
    turns = min(workshops.turns(workshop), data.draw(st.integers(1, 8)))
    plan = Plan.from_file(random_plan(workshops, workshop, random.Random(seed))) \
        if workshops.actions(workshop) else Plan()
    play(game, plan, turns)
    name = data.draw(st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                             max_size=20).filter(lambda s: s.strip()))
    guesses = [Prediction(n, data.draw(st.sampled_from(["rise", "fall"])),
                          data.draw(st.sampled_from(["rise", "fall"])))
               for n in range(1, turns + 1) if data.draw(st.booleans())]
    team = TeamGame.of(game, workshop, name, guesses)
    code = encode_result(team, workshops.pack, workshops.switches)
    back = decode_result(code, workshops.pack, workshops.switches)
    assert back.workshop == workshop.normalised()
    assert back.player == name and back.turns_played == turns
    assert [(e.turn, e.command) for e in back.log] == [(e.turn, e.command) for e in team.log]
    assert back.predictions == team.predictions


@pytest.fixture(scope="module")
def one_code(workshops: Workshops) -> tuple[str, int]:
    """A code of a short game, and its true lives against no new policy."""
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 3, "role": "municipal",
                                    "turns": 4})
    game = workshops.new_game(workshop)
    play(game, Plan.from_file(random_plan(workshops, workshop, random.Random(1))), 4)
    code = encode_result(TeamGame.of(game, workshop, "Equipo Ñ", [Prediction(1, "rise", "fall")]),
                         workshops.pack, workshops.switches)
    return code, game.lives_against(game.baseline())


def test_every_single_wrong_character_is_caught(workshops: Workshops,
                                                one_code: tuple[str, int]) -> None:
    """Change any character of a result code to any other: always refused."""
    code = one_code[0].replace("-", "")
    for position in range(3, len(code)):
        for symbol in ALPHABET + "U":
            if symbol == code[position]:
                continue
            with pytest.raises(CodeError):
                decode_result(code[:position] + symbol + code[position + 1:], workshops.pack,
                              workshops.switches)


def test_insertions_and_deletions_are_caught(workshops: Workshops,
                                             one_code: tuple[str, int]) -> None:
    """Dropping a character or typing one more: refused (the hash character, one spelling)."""
    code = one_code[0].replace("-", "")
    accepted = 0
    for position in range(3, len(code) + 1):
        tries = [code[:position] + symbol + code[position:] for symbol in ALPHABET]
        if position < len(code):
            tries.append(code[:position] + code[position + 1:])
        for typo in tries:
            try:
                decode_result(typo, workshops.pack, workshops.switches)
            except CodeError:
                continue
            accepted += 1
    assert accepted == 0


def test_a_code_is_rebuilt_by_replay(workshops: Workshops, one_code: tuple[str, int]) -> None:
    """The debrief's replay of a code gives the game's own numbers."""
    code, lives = one_code
    verified = Replayer(workshops).verify(read_code(code, "code 1", workshops))
    assert verified.campaign.turn == 4 and verified.name == "Equipo Ñ"
    assert verified.body["predictions"][0]["violence"] == "rise"
    scope_lives = verified.body["measures"]["lives_vs_baseline"]
    assert isinstance(scope_lives, int) and isinstance(lives, int)


def test_workshop_codes_have_one_spelling(workshops: Workshops) -> None:
    """Issue 12 item 14: an insertion never reads as another workshop; no two codes alias."""
    workshop = workshops.from_data({"scenario": "national-2018", "seed": 2024,
                                    "role": "federal", "turns": 12})
    code = workshops.code(workshop).replace("-", "")
    for position in range(3, len(code) + 1):
        for symbol in ALPHABET:
            typo = code[:position] + symbol + code[position:]
            with pytest.raises(CodeError):
                workshops.from_code(typo)
    rng = random.Random(5)
    seen: dict[str, str] = {}
    for _ in range(3000):
        body = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(6, 12)))
        try:
            read = workshops.from_code("PLZ" + body)
        except CodeError:
            continue
        key = read.model_dump_json()
        assert key not in seen, (seen.get(key), body)
        seen[key] = body
    old = encode_code(workshop, workshops.pack, workshops.switches, version=1)
    assert workshops.from_code(old) == workshop  # format 1 codes still read


def test_the_desk_makes_the_workshop_workshop_new_makes(workshops: Workshops,
                                                        tmp_path: Path) -> None:
    """Same choices on the desk and on the command line: the same workshop and file."""
    choices = WorkshopChoices(scenario="national-2018", role="federal", seed=5, turns=8,
                              actions=["amnesty", "deploy_army"],
                              switches={"hidden_victims": False, "military_backfire": True},
                              language="es", predictions=False, timer_minutes=10)
    desk = save_workshop(tmp_path / "desk.toml", choices.workshop(workshops), workshops)
    cli = tmp_path / "cli.toml"
    assert main(["workshop", "new", "--scenario", "national-2018", "--seed", "5", "--role",
                 "federal", "--turns", "8", "--actions", "deploy_army,amnesty", "--switch",
                 "military_backfire=on", "--switch", "hidden_victims=off", "--lang", "es",
                 "--predictions", "off", "--timer", "10", "--out", str(cli)]) == 0
    assert workshops.from_file(desk) == workshops.from_file(cli)
    assert tomllib.loads(desk.read_text("utf-8")) == tomllib.loads(cli.read_text("utf-8"))
    assert WorkshopChoices.of(workshops.from_file(cli)).workshop(workshops) == \
        workshops.from_file(cli)


def test_simulate_prints_a_result_code_the_debrief_reads(workshops: Workshops, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """`simulate --workshop W --plan P --player NAME --result-code`: the code is the last line."""
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal",
                                    "turns": 4})
    plan = tmp_path / "plan.toml"
    plan.write_text('[[decision]]\nturn = 1\naction = "vet_police"\nregion = "juarez"\n',
                    encoding="utf-8")
    assert main(["simulate", "--workshop", workshops.code(workshop), "--plan", str(plan),
                 "--player", "Team C", "--result-code"]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    game = decode_result(code, workshops.pack, workshops.switches)
    assert game.player == "Team C" and game.turns_played == 4
    codes = tmp_path / "codes.txt"
    codes.write_text(f"# rehearsal\n\n{code}\n", encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["debrief", "--codes", str(codes), "-o", str(out)]) == 0
    assert "Team C" in out.read_text("utf-8")


def test_cards_lists_ids_and_costs(capsys: pytest.CaptureFixture[str]) -> None:
    """`cards --scenario S --role R`: every intervention id with its costs, and the regions."""
    assert main(["cards", "--scenario", "juarez-2010", "--role", "municipal"]) == 0
    out = capsys.readouterr().out
    for word in ("vet_police", "community_policing", "juarez", "chihuahua"):
        assert word in out
    assert "deploy_army" not in out
    assert main(["cards", "--scenario", "nowhere"]) == 2


def test_cards_price_a_card_as_the_game_charges_it(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    """The per-region table gives what a campaign charges in that city, and the hint's
    validate command (with the role) accepts a plan built from the listed ids."""
    from game.content import load_content
    from game.core.paths import content_root
    from game.play.campaign import Campaign

    assert main(["cards", "--scenario", "juarez-2010", "--role", "municipal"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("id ")
                  and "vet_police" in line and "name" not in line)
    row = next(line for line in out.splitlines()[out.splitlines().index(header):]
               if line.startswith("juarez "))
    listed = dict(zip(header.split()[1:], (float(v) for v in row.split()[1:]), strict=True))
    campaign = Campaign.new(load_content(content_root()), "juarez-2010", "municipal", "juarez",
                            1, {})
    option = next(o for o in campaign.options("juarez") if o.action_id == "vet_police")
    assert listed["vet_police"] == pytest.approx(option.cost_money, abs=0.05)
    assert listed["vet_police"] > 150  # dearer than the base price: Juárez is big
    hint = out.strip().splitlines()[-1]
    assert "--role municipal" in hint
    plan = tmp_path / "plan.toml"
    plan.write_text('[[decision]]\nturn = 1\naction = "vet_police"\nregion = "juarez"\n',
                    encoding="utf-8")
    command = hint.split("python -m game ")[1].replace("PLAN.toml", str(plan)).split()
    assert main(command) == 0


def test_a_refused_plan_line_is_told_in_words(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    """A plan line the budget cannot pay is named with the reason in the chosen language, not
    a message id."""
    plan = tmp_path / "plan.toml"
    plan.write_text("".join(f'[[decision]]\nturn = 1\naction = "{a}"\nregion = "juarez"\n'
                            for a in ("vet_police", "community_policing")), encoding="utf-8")
    assert main(["simulate", "--scenario", "juarez-2010", "--role", "municipal", "--region",
                 "juarez", "--plan", str(plan), "--turns", "1", "--lang", "es"]) == 0
    err = capsys.readouterr().err
    assert "community_policing" in err and "se omitió: No alcanza el dinero" in err
    assert "reason." not in err
