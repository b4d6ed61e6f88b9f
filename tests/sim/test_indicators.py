"""One registry of indicators: every list reads it, and each entry has words in every language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from game.core.i18n import LANGUAGES, Translator
from game.sim.indicators import BY_ID, REGION_INDICATORS, REGISTRY

GAME = Path(__file__).resolve().parents[2] / "game"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_indicator_has_a_name_and_an_explanation(lang: str) -> None:
    t = Translator(lang)
    missing = [f"indicator.{i.id}.{part}" for i in REGISTRY for part in ("name", "tip")
               if not t.has(f"indicator.{i.id}.{part}")]
    assert missing == []


def _literal_lists(path: Path) -> list[tuple[int, list[str]]]:
    """Literal tuples, lists and sets of strings in a module, with their line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            items = [e.value for e in node.elts
                     if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            found.append((node.lineno, items))
    return found


def test_no_other_module_keeps_its_own_list_of_indicators() -> None:
    """Adding an indicator touches the registry, the catalogs and its mechanism only."""
    offenders = []
    for path in sorted(GAME.rglob("*.py")):
        if path.name == "indicators.py":
            continue
        for line, items in _literal_lists(path):
            named = [item for item in items if item in BY_ID]
            if len(named) >= 4:
                offenders.append(f"{path.relative_to(GAME)}:{line}: {named}")
    assert offenders == []


def test_the_check_finds_a_hand_written_list(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("X = ('homicides', 'legitimacy', 'abuses', 'kidnappings')\n",
                     encoding="utf-8")
    assert [items for _, items in _literal_lists(probe) if len(items) == 4]


def test_forces_and_migrants_are_neither_better_nor_worse() -> None:
    """F3 and F10: more soldiers or more migrants waiting is not, as such, good or bad news."""
    for name in ("army", "guard", "migrants"):
        assert BY_ID[name].better is None
        assert BY_ID[name].is_good(1.0) is None and BY_ID[name].is_good(-1.0) is None
    assert BY_ID["homicides"].is_good(-1.0) is True
    assert BY_ID["legitimacy"].is_good(-0.1) is False
    assert REGION_INDICATORS[0] == "homicides"


def test_the_why_lists_exactly_the_indicators_it_explains() -> None:
    from game.sim.indicators import WHY_INDICATORS, WHY_ORDER

    assert set(WHY_ORDER) == set(WHY_INDICATORS) and len(WHY_ORDER) == len(set(WHY_ORDER))
