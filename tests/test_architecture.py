"""The dependency direction: the model, the content pack and the simulator never import pygame.

ARCHITECTURE.md: imports point one way, ui -> campaign -> sim -> content; `sim` and `content`
never import pygame or pygame_gui, and nothing imports `ui` but `cli`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GAME = REPO / "game"
PYGAME_IMPORT = re.compile(r"^\s*(import|from)\s+(pygame|pygame_gui)\b", re.MULTILINE)
UI_IMPORT = re.compile(r"^\s*(from\s+game\.ui\b|import\s+game\.ui\b|from\s+game\s+import\s+ui\b)",
                       re.MULTILINE)


def test_headless_layers_do_not_load_pygame() -> None:
    code = (
        "import json, sys\n"
        "import game.sim, game.content, game.campaign, game.simulate, game.validate\n"
        "import game.sim.model, game.sim.mechanisms, game.sim.events, game.sim.records\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygame', 'pygame_gui') or m.startswith('game.ui'))))\n"
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []


def test_no_pygame_import_in_sim_or_content() -> None:
    offenders = [str(path.relative_to(REPO))
                 for folder in ("sim", "content")
                 for path in sorted((GAME / folder).rglob("*.py"))
                 if PYGAME_IMPORT.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_only_cli_imports_ui() -> None:
    offenders = [str(path.relative_to(REPO))
                 for path in sorted(GAME.rglob("*.py"))
                 if "ui" not in path.relative_to(GAME).parts[:1] and path.name != "cli.py"
                 and UI_IMPORT.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_sim_does_not_import_campaign_or_cli() -> None:
    upward = re.compile(r"^\s*(from|import)\s+game\.(campaign|cli|simulate|validate|ui)\b",
                        re.MULTILINE)
    offenders = [str(path.relative_to(REPO))
                 for folder in ("sim", "content")
                 for path in sorted((GAME / folder).rglob("*.py"))
                 if upward.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
