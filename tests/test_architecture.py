"""The layers and their arrows: core <- content <- sim <- play <- classroom <- {cli, ui}.

Every `import` in game/ (lazy ones inside functions too) is read with `ast` and checked
against the arrows of ARCHITECTURE.md; the model and the content pack never load pygame.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
GAME = REPO / "game"
LAYERS = {"core": 0, "content": 1, "sim": 2, "play": 3, "classroom": 4, "cli": 5, "ui": 5}
"""A module may import from its own layer and the ones below (lower numbers)."""
FORBIDDEN = {
    ("ui", "sim"): "screens reach the model through play/ and classroom/",
    ("ui", "cli"): "nothing imports the command line",
    ("classroom", "ui"): "the classroom works headless",
    ("play", "classroom"): "a game knows nothing of workshops' files",
}
"""Arrows that the layer order alone would allow but the house rules forbid."""


def layer_of(path: Path) -> str:
    """The layer (first folder under game/) of a source file."""
    parts = path.relative_to(GAME).parts
    return parts[0] if len(parts) > 1 else path.stem


def imported_layers(path: Path) -> set[tuple[str, int]]:
    """(layer, line) of every game.* import in a file, top-level or lazy."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names
                                     if node.module == "game"]
        for name in names:
            parts = name.split(".")
            if parts[0] == "game" and len(parts) > 1 and parts[1] in LAYERS:
                found.add((parts[1], node.lineno))
    return found


SOURCES = sorted(GAME.rglob("*.py"))


def test_game_has_no_loose_modules() -> None:
    """Every module lives in a layer's folder; only the package markers sit at the top."""
    loose = [p.name for p in GAME.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    assert {p.name for p in GAME.iterdir() if p.is_dir() and p.name != "__pycache__"} == set(
        LAYERS)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(GAME)))
def test_imports_point_down_the_layers(path: Path) -> None:
    """No module imports a layer above its own, or across a forbidden arrow."""
    own = layer_of(path)
    if own not in LAYERS:  # game/__init__.py, game/__main__.py
        allowed = {"cli"} if path.name == "__main__.py" else set()
        assert {layer for layer, _ in imported_layers(path)} <= allowed
        return
    for layer, line in sorted(imported_layers(path)):
        where = f"{path.relative_to(REPO)}:{line} imports game.{layer}"
        assert LAYERS[layer] <= LAYERS[own] or (own, layer) == ("cli", "ui"), where
        assert (own, layer) not in FORBIDDEN, f"{where}: {FORBIDDEN.get((own, layer))}"


def test_a_module_that_imports_upward_is_caught(tmp_path: Path) -> None:
    """The check itself can fail: a sim module importing play is reported."""
    bad = GAME / "sim" / "_probe_upward.py"
    try:
        bad.write_text("def f() -> None:\n    from game.play.campaign import Campaign\n",
                       encoding="utf-8")
        assert ("play", 2) in imported_layers(bad)
        with pytest.raises(AssertionError):
            test_imports_point_down_the_layers(bad)
    finally:
        bad.unlink()


def test_headless_layers_do_not_load_pygame() -> None:
    """Importing every headless layer (and the simulator) loads neither pygame nor the UI."""
    code = (
        "import json, sys\n"
        "import game.sim.model, game.sim.mechanisms, game.sim.events, game.sim.records\n"
        "import game.content, game.play.campaign, game.play.lab, game.play.flow\n"
        "import game.classroom.debrief, game.classroom.result_files, game.cli.simulate\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygame', 'pygame_gui') or m.startswith('game.ui'))))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []
