"""Build hook: the wheel carries the content pack and the assets inside the `game` package.

In a source checkout the game reads `content/` and `assets/` beside `game/`; an installed
wheel has them as `game/_content` and `game/_assets` (see `game/core/paths.py`).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

DATA_FOLDERS = {"content": "_content", "assets": "_assets"}
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")


class BuildWithData(build_py):
    """build_py that also copies the content pack and the assets into the package."""

    def run(self) -> None:
        """Build the modules, then copy the data folders beside them."""
        super().run()
        root = Path(__file__).resolve().parent
        for source, target in DATA_FOLDERS.items():
            destination = Path(self.build_lib) / "game" / target
            shutil.copytree(root / source, destination, dirs_exist_ok=True, ignore=SKIP)


setup(cmdclass={"build_py": BuildWithData})
