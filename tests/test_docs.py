"""The documentation's pictures are the game's screens, as `--smoke --screenshots` takes them."""

from __future__ import annotations

import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "docs" / "screenshots"
SMOKE_SIZE = (1280, 720)
"""The size the README says the screenshots were taken at (the smoke run's default)."""


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header (its first chunk, IHDR)."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", path.name
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_every_screenshot_is_one_screen_of_the_smoke_run() -> None:
    """Each picture in docs/screenshots is one 1280x720 screen in English or Spanish (not a
    contact sheet saved over one), and every picture the README shows is there."""
    shots = sorted(SHOTS.glob("*.png"))
    assert len(shots) > 50
    for shot in shots:
        assert re.fullmatch(r"[a-z0-9_]+_(en|es)\.png", shot.name), shot.name
        assert _png_size(shot) == SMOKE_SIZE, shot.name
    shown = re.findall(r"\(docs/screenshots/([^)]+\.png)\)", (ROOT / "README.md").read_text())
    assert shown
    assert [name for name in shown if not (SHOTS / name).is_file()] == []
