"""Shared fixtures: the shipped content's workshops, loaded once."""

from __future__ import annotations

import pytest

from game.classroom.workshops import Workshops
from game.core import paths


@pytest.fixture(scope="session")
def workshops() -> Workshops:
    """Workshops against the shipped content."""
    return Workshops.load(paths.content_root())
