"""The game in progress as the UI sees it: the content pack, the campaign, its save slots."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game import paths

if TYPE_CHECKING:
    from game.content.schema import ContentPack
    from game.ui.app import App

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


class Session:
    """Holds the loaded content and the current campaign; starts, saves and loads games."""

    def __init__(self, app: App, saves_dir: Path | None = None) -> None:
        self.app = app
        self._saves_dir = saves_dir
        self._pack: ContentPack | None = None
        self.pack_error: str | None = None
        self.campaign: Any = None
        self.last_record: Any = None
        self.baseline_cache: Any = None

    # ---- content ------------------------------------------------------------------------

    @property
    def pack(self) -> ContentPack | None:
        """Load the shipped content once; on failure keep the problem text and return None."""
        if self._pack is None and self.pack_error is None:
            try:
                from game.content import load_content

                self._pack = load_content(paths.content_root())
            except Exception as exc:
                self.pack_error = str(exc).strip().splitlines()[0] if str(exc).strip() else \
                    type(exc).__name__
        return self._pack

    # ---- saves --------------------------------------------------------------------------

    @property
    def saves_dir(self) -> Path:
        """Return the folder of save files (created on demand)."""
        if self._saves_dir is None:
            return paths.saves_dir()
        self._saves_dir.mkdir(parents=True, exist_ok=True)
        return self._saves_dir

    def slot_path(self, slot: str) -> Path:
        """Return the file of one slot."""
        return self.saves_dir / f"{slot}.json"

    def has_autosave(self) -> bool:
        """Tell whether there is an autosave to continue."""
        return self.slot_path(AUTOSAVE).exists()

    def slot_info(self, slot: str) -> SlotInfo:
        """Read what a slot holds, without loading the game (a damaged file says so)."""
        path = self.slot_path(slot)
        info = SlotInfo(slot, path, path.exists())
        if not info.exists:
            return info
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            info.scenario = str(data.get("scenario", ""))
            info.role = str(data.get("role", ""))
            decisions = data.get("decisions") or data.get("turns") or []
            info.turn = int(data.get("turn", len(decisions) if isinstance(decisions, list) else 0))
            info.period = self._slot_period(info) or str(data.get("period", ""))
        except (OSError, ValueError, AttributeError, TypeError):
            info.problem = "damaged"
        return info

    def _slot_period(self, info: SlotInfo) -> str:
        """The quarter a saved game is at ('2019-Q3'), from its scenario's start and its turn.

        That is the quarter to be played next, as the main screen shows it; for a finished
        term, the last quarter played. Empty when the scenario is not in the content pack.
        """
        pack = self.pack
        scenario = pack.scenarios.get(info.scenario) if pack is not None else None
        if scenario is None:
            return ""
        role = next((setup for name, setup in scenario.roles.items() if name == info.role), None)
        term = int(getattr(role, "turns", 0) or 0)
        turn = info.turn + 1 if term <= 0 or info.turn < term else info.turn
        quarters = scenario.start_year * 4 + scenario.start_quarter - 1 + max(1, turn) - 1
        return f"{quarters // 4}-Q{quarters % 4 + 1}"

    def autosave(self) -> None:
        """Save the current game to the autosave slot (quietly; failures are not fatal)."""
        if self.campaign is not None:
            self.save(AUTOSAVE)

    def save(self, slot: str) -> str | None:
        """Save the current game to a slot; return a problem text or None."""
        if self.campaign is None:
            return self.app.t("ui.saves.nothing_to_save")
        try:
            self.campaign.save(self.slot_path(slot))
        except OSError as exc:
            return self.app.t("ui.saves.write_failed", reason=exc.strerror or str(exc))
        return None

    def load(self, slot: str) -> str | None:
        """Load a slot into the session; return a problem text (the game stays as it was)."""
        pack = self.pack
        if pack is None:
            return self.app.t("ui.error.content", reason=self.pack_error or "")
        try:
            from game.campaign import BadSave, Campaign
        except ImportError:
            return self.app.t("ui.error.no_model")
        path = self.slot_path(slot)
        if not path.exists():
            return self.app.t("ui.saves.missing")
        try:
            campaign = Campaign.load(pack, path)
        except BadSave as exc:
            return self.app.t("ui.saves.refused", reason=_message_text(self.app, exc))
        except (OSError, ValueError) as exc:
            return self.app.t("ui.saves.refused", reason=str(exc))
        self.campaign = campaign
        self.last_record = campaign.records[-1] if campaign.records else None
        self.baseline_cache = None
        return None

    # ---- new game -----------------------------------------------------------------------

    def start(self, scenario: str, role: str, region: str | None, seed: int) -> str | None:
        """Start a new campaign; return a problem text or None."""
        pack = self.pack
        if pack is None:
            return self.app.t("ui.error.content", reason=self.pack_error or "")
        try:
            from game.campaign import Campaign
        except ImportError:
            return self.app.t("ui.error.no_model")
        if scenario not in pack.scenarios:
            return self.app.t("ui.error.unknown_scenario", scenario=scenario)
        try:
            self.campaign = Campaign.new(pack, scenario, role, region=region, seed=seed)
        except Exception as exc:
            return self.app.t("ui.error.cannot_start", reason=_message_text(self.app, exc))
        self.last_record = None
        self.baseline_cache = None
        return None


def _message_text(app: App, exc: Exception) -> str:
    """Translate an exception carrying a Message (Impossible, BadSave) or fall back to str()."""
    message = getattr(exc, "message", None)
    key = getattr(message, "key", None)
    if isinstance(key, str):
        params = getattr(message, "params", {}) or {}
        return app.t(key, **dict(params))
    if isinstance(message, str):
        return message
    return str(exc)
