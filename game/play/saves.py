"""Save slots: an autosave and five slots of versioned JSON, listed without loading them."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.content.schema import ContentPack, Workshop
from game.core import calendar
from game.core.files import MAX_JSON_DEPTH, nesting_depth, read_text_capped, remove_stale_temps
from game.core.problems import BadInput
from game.play.campaign import MAX_SAVE_BYTES, Campaign
from game.play.session import GameSession

AUTOSAVE = "autosave"
SLOTS: tuple[str, ...] = ("slot1", "slot2", "slot3", "slot4", "slot5")


@dataclass
class SlotInfo:
    """What the saves screen shows about one slot."""

    slot: str
    path: Path
    exists: bool
    scenario: str = ""
    role: str = ""
    period: str = ""
    turn: int = 0
    problem: str = ""


class SaveSlots:
    """The save files in one folder: write, list and load games by slot name."""

    def __init__(self, folder: Callable[[], Path]) -> None:
        self._folder = folder
        """Where saves live (created on first use; a test passes its own)."""
        self._swept = False

    @property
    def folder(self) -> Path:
        """The folder of save files (created on demand; stale temporary files swept once)."""
        path = self._folder()
        path.mkdir(parents=True, exist_ok=True)
        if not self._swept:
            remove_stale_temps(path)
            self._swept = True
        return path

    def path(self, slot: str) -> Path:
        """The file of one slot."""
        return self.folder / f"{slot}.json"

    def exists(self, slot: str) -> bool:
        """Whether a slot holds a file."""
        return self.path(slot).exists()

    def info(self, slot: str, pack: ContentPack | None) -> SlotInfo:
        """What a slot holds, without replaying the game (a damaged file says so)."""
        path = self.path(slot)
        info = SlotInfo(slot, path, path.exists())
        if not info.exists:
            return info
        try:
            text = read_text_capped(path, MAX_SAVE_BYTES)
            if nesting_depth(text) > MAX_JSON_DEPTH:
                raise ValueError("nested too deep")
            data = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            info.scenario = str(data.get("scenario", ""))
            info.role = str(data.get("role", ""))
            turn = data.get("turn", 0)
            info.turn = turn if isinstance(turn, int) and 0 <= turn <= 40 else 0
            info.period = self._period(info, pack) or str(data.get("period", ""))[:16]
        except (BadInput, ValueError, RecursionError):
            info.problem = "damaged"
        return info

    @staticmethod
    def _period(info: SlotInfo, pack: ContentPack | None) -> str:
        """The quarter a saved game is at: the one to be played next, or the last of a term."""
        scenario = pack.scenarios.get(info.scenario) if pack is not None else None
        if scenario is None:
            return ""
        role = next((setup for name, setup in scenario.roles.items() if name == info.role),
                    None)
        term = role.turns if role is not None else 0
        turn = info.turn + 1 if term <= 0 or info.turn < term else info.turn
        return calendar.period(scenario.start_year, scenario.start_quarter, max(1, turn))

    def save(self, session: GameSession, slot: str) -> None:
        """Write a session's game to a slot (OSError if the folder cannot be written)."""
        session.campaign.extras = session.extras()
        session.campaign.save(self.path(slot))

    def load(self, pack: ContentPack, slot: str,
             workshop_of: Callable[[str], Workshop | None]) -> GameSession:
        """Rebuild the game in a slot; BadSave says why it cannot be (nothing is changed)."""
        campaign = Campaign.load(pack, self.path(slot))
        return GameSession.restored(campaign, campaign.extras, workshop_of)
