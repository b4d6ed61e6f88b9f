"""The game installs like any Python package: a wheel carries the content and the assets.

The wheel's build step (setup.py's build_py) is run into a temporary folder, and the game is
started from there, in another folder, with no checkout around it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_a_built_package_plays_without_the_checkout(tmp_path: Path) -> None:
    build = tmp_path / "lib"
    proc = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib",
                           str(build)], cwd=REPO, capture_output=True, text=True, timeout=300,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    package = build / "game"
    assert (package / "_content" / "scenarios" / "juarez-2010.toml").is_file()
    assert (package / "_content" / "locale" / "es" / "LC_MESSAGES" / "plaza.po").is_file()
    assert (package / "_assets" / "theme.json").is_file()
    assert any((package / "_assets" / "fonts").iterdir())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(build), "SDL_VIDEODRIVER": "dummy",
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    code = ("import game.core.paths as p, sys; "
            "assert '_content' in str(p.content_root()), p.content_root(); "
            "from game.cli import main; sys.exit(main(sys.argv[1:]))")
    run = subprocess.run([sys.executable, "-c", code, "simulate", "--scenario", "juarez-2010",
                          "--turns", "2", "--format", "table", "--lang", "es"], cwd=elsewhere,
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert "Ciudad Juárez" in run.stdout and "trimestres" in run.stdout  # Spanish catalogs
