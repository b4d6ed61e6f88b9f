"""Workshop files and codes: round trips over random settings, every typo caught, clear errors."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from game_process import run_game
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.classroom.bits import ALPHABET, READ_AS, group
from game.classroom.workshop_codes import CODE_PREFIX, CodeError
from game.classroom.workshops import Workshops, workshop_toml
from game.cli import main
from game.content.loader import seat_actions
from game.content.schema import Workshop
from game.core import paths
from game.core.i18n import Translator, load_catalog
from game.core.problems import BadInput

ROOT = Path(__file__).resolve().parents[2]


@st.composite
def workshop_settings(draw: st.DrawFn, workshops: Workshops) -> Workshop:
    """Any workshop the content allows."""
    pack = workshops.pack
    scenario_id = draw(st.sampled_from(sorted(pack.scenarios)))
    scenario = pack.scenarios[scenario_id]
    role = draw(st.sampled_from(sorted(scenario.roles)))
    cities = list(scenario.roles["municipal"].regions) if "municipal" in scenario.roles else []
    data: dict[str, Any] = {"scenario": scenario_id, "role": role,
                            "seed": draw(st.integers(0, 2**32 - 1))}
    if role == "municipal" and draw(st.booleans()):
        data["region"] = draw(st.sampled_from(cities))
    if role == "federal" and cities and draw(st.booleans()):
        data["mayors"] = draw(st.lists(st.sampled_from(cities), min_size=1, unique=True))
    if draw(st.booleans()) or scenario.roles[role].turns > 40:  # history: a workshop sets turns
        data["turns"] = draw(st.integers(1, 40))
    if draw(st.booleans()):
        available = seat_actions(pack, role, bool(data.get("mayors")))
        data["actions"] = draw(st.lists(st.sampled_from(available), unique=True))
    switches = draw(st.dictionaries(st.sampled_from(sorted(workshops.switches)), st.booleans(),
                                    max_size=4))
    taken = {pid for sid, on in switches.items() if not on
             for pid in workshops.switches[sid].sets}
    free = sorted(set(pack.parameters) - taken)
    chosen = draw(st.lists(st.sampled_from(free), unique=True, max_size=5))
    parameters = {}
    for pid in chosen:
        param = pack.parameters[pid]
        value = draw(st.floats(param.min, param.max, allow_nan=False))
        if draw(st.booleans()):
            value = min(param.max, max(param.min, round(value, draw(st.integers(0, 6)))))
        parameters[pid] = value
    data.update(parameters=parameters, switches=switches,
                language=draw(st.sampled_from(["en", "es"])), predictions=draw(st.booleans()))
    if draw(st.booleans()):
        data["timer_minutes"] = draw(st.integers(1, 120))
    return workshops.from_data(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_code_and_file_round_trip(workshops: Workshops, data: st.DataObject,
                                  tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every setting survives the code and the file; the code is the same from either."""
    workshop = data.draw(workshop_settings(workshops))
    code = workshops.code(workshop)
    assert re.fullmatch(r"PLZ(-[0-9A-HJKMNP-TV-Z]{1,4})+", code)
    assert workshops.from_code(code) == workshop.normalised()
    folder = tmp_path_factory.mktemp("ws")
    path = folder / "class.toml"
    path.write_text(workshop_toml(workshop, code), encoding="utf-8")
    again = workshops.from_file(path)
    assert again == workshop.normalised()
    assert workshops.code(again) == code


def test_codes_are_short_for_plain_workshops(workshops: Workshops) -> None:
    """A workshop with defaults is a code a class can type: PLZ and ten characters."""
    workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 42, "role": "municipal"})
    code = workshops.code(workshop)
    assert len(code.replace("-", "")) - len(CODE_PREFIX) <= 10, code


def test_awkward_values_still_travel_exactly(workshops: Workshops) -> None:
    """Values with many digits (or tiny ones) are carried bit for bit, never rounded."""
    for value in (1e-40, 0.1 + 0.2, 1.4999999999999998, 0.0):
        workshop = workshops.from_data({"scenario": "juarez-2010", "seed": 1,
                                        "role": "municipal",
                                        "parameters": {"military_violence": value}})
        back = workshops.from_code(workshops.code(workshop))
        assert back.parameters["military_violence"] == value


SAMPLE_CODES = [
    {"scenario": "juarez-2010", "seed": 42, "role": "municipal"},
    {"scenario": "national-2018", "seed": 2024, "role": "federal", "turns": 12,
     "actions": ["deploy_army", "withdraw_forces", "social_programs"],
     "parameters": {"military_violence": 0.3}, "switches": {"peace_breaks_down": False},
     "language": "es", "predictions": False, "timer_minutes": 8},
    {"scenario": "guerrero-2019", "seed": 7, "role": "federal", "mayors": ["montana"]},
]


@pytest.mark.parametrize("settings_data", SAMPLE_CODES)
def test_every_single_typo_and_adjacent_swap_is_caught(workshops: Workshops,
                                                       settings_data: dict[str, Any]) -> None:
    """Change any character to any other, or swap two unequal neighbours: always refused."""
    code = workshops.code(workshops.from_data(settings_data))
    compact = code.replace("-", "")
    assert workshops.from_code(code)  # the code itself reads
    tried = 0
    for position in range(len(compact)):
        for symbol in ALPHABET + "U":
            if symbol == compact[position]:
                continue
            typo = compact[:position] + symbol + compact[position + 1:]
            with pytest.raises(BadInput):
                workshops.from_code(typo)
            tried += 1
    for position in range(len(compact) - 1):
        a, b = compact[position], compact[position + 1]
        if a == b:
            continue
        swapped = compact[:position] + b + a + compact[position + 2:]
        with pytest.raises(BadInput):
            workshops.from_code(swapped)
        tried += 1
    assert tried > 32 * (len(compact) - 3)


def test_typed_codes_forgive_case_spaces_and_lookalikes(workshops: Workshops) -> None:
    """Lower case, spaces for dashes, and O/I/L for 0/1 read as the same code."""
    code = workshops.code(workshops.from_data(SAMPLE_CODES[1]))
    relaxed = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert workshops.from_code(relaxed) == workshops.from_code(code)
    assert group(CODE_PREFIX, [READ_AS[c] for c in code.replace("-", "")[3:]]) == code


def test_a_mistyped_code_is_one_clear_line(workshops: Workshops,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`workshop show` with a typo: exit 2, one line saying it is a typo."""
    code = workshops.code(workshops.from_data(SAMPLE_CODES[0]))
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert main(["workshop", "show", wrong]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "typo" in err[0] and wrong in err[0]
    assert main(["workshop", "show", "ABC-1234-5678"]) == 2
    assert "starts with PLZ" in capsys.readouterr().err


def test_workshop_new_writes_a_file_whose_code_matches(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """`workshop new` prints the code of the file it wrote; `show` reads both the same."""
    out = tmp_path / "w.toml"
    assert main(["workshop", "new", "--scenario", "national-2018", "--seed", "5", "--role",
                 "federal", "--turns", "8", "--actions", "deploy_army,amnesty", "--set",
                 "military_violence=0.45", "--switch", "military_backfire=on", "--switch",
                 "hidden_victims=off", "--lang", "es", "--predictions", "off", "--timer", "10",
                 "--out", str(out)]) == 0
    code = capsys.readouterr().out.splitlines()[0]
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data["parameters"] == {"military_violence": 0.45}
    assert data["switches"] == {"hidden_victims": False, "military_backfire": True}
    assert data["timer_minutes"] == 10 and data["predictions"] is False
    assert main(["workshop", "show", code, "--lang", "en"]) == 0
    from_code = capsys.readouterr().out
    assert main(["workshop", "show", str(out), "--lang", "en"]) == 0
    assert capsys.readouterr().out == from_code
    assert "switched OFF" in from_code and "0.45" in from_code


def test_bad_workshop_settings_are_all_reported(tmp_path: Path) -> None:
    """Every problem, one line each as file: field: message, exit 2."""
    bad = tmp_path / "bad.toml"
    bad.write_text('scenario = "juarez-2010"\nseed = 1\nrole = "federal"\nregion = "juarez"\n'
                   'actions = ["vet_police", "nope"]\nlanguage = "fr"\n[parameters]\n'
                   'military_violence = 9.0\nunknown_param = 1.0\n[switches]\n'
                   'military_backfire = false\nno_such_switch = true\n', encoding="utf-8")
    proc = run_game("workshop", "show", bad)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert all(line.startswith(f"{bad}: ") for line in lines)
    assert any("language" in line for line in lines)
    bad.write_text(bad.read_text(encoding="utf-8").replace('language = "fr"\n', ""),
                   encoding="utf-8")
    proc = run_game("workshop", "show", bad)
    fields = [line.split(": ")[1] for line in proc.stderr.strip().splitlines()]
    assert fields == ["region", "actions", "actions", "switches.no_such_switch",
                      "parameters.military_violence", "parameters.military_violence",
                      "parameters.unknown_param"], proc.stderr


def test_a_newer_workshop_file_says_so(workshops: Workshops) -> None:
    """A file from a newer Plaza names its version."""
    with pytest.raises(BadInput) as caught:
        workshops.from_data({"version": 9, "scenario": "juarez-2010", "seed": 1,
                             "role": "municipal"}, "new.toml")
    assert "newer" in str(caught.value)


def test_switches_and_their_words_are_complete() -> None:
    """Each switch's parameters exist inside their ranges, and its words exist in both languages."""
    workshops = Workshops.load(paths.content_root())
    assert "military_backfire" in workshops.switches
    catalogs = {lang: {key: text for key, text in load_catalog(lang).items()
                       if key.startswith(("assumption.", "workshop.", "report."))}
                for lang in ("en", "es")}
    assert set(catalogs["en"]) == set(catalogs["es"])
    for key, text in catalogs["en"].items():
        assert set(re.findall(r"{(\w+)}", text)) == set(re.findall(r"{(\w+)}",
                                                                  catalogs["es"][key])), key
    for switch in workshops.switches.values():
        assert switch.name in catalogs["en"] and switch.explanation in catalogs["en"]
    for n in range(1, 17):
        assert f"report.question.F{n}.a" in catalogs["en"]


def test_code_errors_carry_a_catalog_key(workshops: Workshops) -> None:
    """The title screen can say what is wrong in the player's language."""
    code = workshops.code(workshops.from_data(SAMPLE_CODES[0]))
    en = Translator("en")
    for text, key in ((code[:-1] + ("0" if code[-1] != "0" else "1"), "workshop.error.typo"),
                      ("XYZ-1234", "workshop.error.prefix"), ("PLZ-1", "workshop.error.short"),
                      ("PLZ-12U4-5678", "workshop.error.character")):
        with pytest.raises(CodeError) as caught:
            workshops.from_code(text)
        assert caught.value.key == key and en.has(key) and Translator("es").has(key)
