"""The game in progress as the UI sees it: the content pack, the campaign, its save slots."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.core import calendar, paths
from game.ui import fmt

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
        self.baseline_cache: Any = None
        self._workshops: Any = None
        self._clear_game_extras()

    def _clear_game_extras(self) -> None:
        """Forget what belongs to one game beyond the campaign (a new game starts clean)."""
        self.workshop: Any = None
        """The workshop being played (game.content.schema.Workshop), or None."""
        self.workshop_code = ""
        self.player = ""
        self.predictions: list[Any] = []
        """game.results.Prediction per quarter predicted, in turn order."""
        self.seat = 0
        """The hot-seat player now planning (0: federal, or the only player)."""
        self.round_turn = -1
        self.round_started = 0.0
        self.result_path: Path | None = None

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

    @property
    def workshops(self) -> Any:
        """The workshop reader (codes, switches, overrides) on the loaded content, or None."""
        pack = self.pack
        if self._workshops is None and pack is not None:
            from game.classroom.workshops import Workshops
            from game.content.loader import load_assumptions

            self._workshops = Workshops(pack, load_assumptions(paths.content_root(), pack))
        return self._workshops

    # ---- the game's rules beyond the campaign (workshop, seats, predictions) --------------

    def game_turns(self) -> int:
        """Quarters this game lasts: the workshop's length, or the role's term."""
        return 0 if self.campaign is None else int(self.campaign.term_turns)

    def game_over(self) -> bool:
        """Whether every quarter of this game has been played."""
        return self.campaign is not None and self.campaign.turn >= self.game_turns()

    def enabled_actions(self) -> set[str] | None:
        """Interventions this game allows (a workshop's list), or None for all of them."""
        if self.workshop is None or self.workshops is None:
            return None
        return set(self.workshops.actions(self.workshop))

    def predictions_on(self) -> bool:
        """Whether players predict each quarter: the workshop says, else the settings."""
        if self.workshop is not None:
            return bool(self.workshop.predictions)
        return bool(getattr(self.app.settings, "predictions", False))

    def timer_seconds(self) -> float | None:
        """The round timer in seconds (a workshop's), or None."""
        minutes = getattr(self.workshop, "timer_minutes", None)
        return float(minutes) * 60.0 if minutes else None

    def time_left(self) -> float | None:
        """Seconds left on this quarter's round timer (negative once past), or None."""
        total = self.timer_seconds()
        if total is None or self.campaign is None:
            return None
        if self.round_turn != self.campaign.turn:
            self.round_turn = self.campaign.turn
            self.round_started = time.monotonic()
        return total - (time.monotonic() - self.round_started)

    def seats(self) -> list[tuple[str, str | None]]:
        """(role, city) of each player at the table, in playing order."""
        if self.campaign is None:
            return []
        return list(getattr(self.campaign, "seats", None) or
                    [(self.campaign.role, self.campaign.region)])

    @property
    def hot_seat(self) -> bool:
        """Whether several players share this game (federal and mayors)."""
        return len(self.seats()) > 1

    def predicted(self, turn: int) -> Any:
        """The prediction made for a turn, if any."""
        return next((p for p in self.predictions if p.turn == turn), None)

    def predict(self, violence: str, legitimacy: str) -> None:
        """Store the prediction for the quarter about to resolve (replacing an earlier one)."""
        from game.play.predictions import Prediction

        turn = self.campaign.turn + 1
        self.predictions = [p for p in self.predictions if p.turn != turn]
        self.predictions.append(Prediction(turn, violence, legitimacy))  # type: ignore[arg-type]

    def scored_predictions(self) -> list[dict[str, Any]]:
        """Each prediction of a played turn with the outcome and whether it was right."""
        from game.play.predictions import score_predictions
        from game.play.scope import scope_regions, scope_turn

        c = self.campaign
        made = [p for p in self.predictions if 1 <= p.turn <= c.turn] if c is not None else []
        if not made:
            return []
        scope = scope_regions(c)
        scope_turns = [scope_turn(c, r.regions, r.national, scope) for r in c.records]
        return score_predictions(c, made, scope_turns)

    def end_turn(self) -> Any:
        """Resolve the quarter; the first seat plans next."""
        record = self.campaign.end_turn()
        self.seat = 0
        return record

    # ---- result files -----------------------------------------------------------------------

    @property
    def results_dir(self) -> Path:
        """The folder of result files (beside the saves when a test gives its own folder)."""
        if self._saves_dir is None:
            return paths.user_data_dir() / "results"
        return self._saves_dir.parent / "results"

    def write_result(self) -> tuple[Path | None, str]:
        """Write the result file of the game so far; return its path (or None) and a text."""
        from game.classroom.result_files import build_result, write_result

        c = self.campaign
        if c is None or not c.records:
            return None, self.app.t("ui.result.nothing")
        player = self.player.strip() or self.app.t("ui.result.default_player")
        if self.baseline_cache is None or self.baseline_cache.turn < c.turn:
            self.baseline_cache = c.baseline()
        try:
            doc = build_result(c, player, self.workshop, self.predictions,
                               code=self.workshop_code or None, baseline=self.baseline_cache,
                               lang=self.app.settings.lang)
            safe = re.sub(r"[^A-Za-z0-9_-]+", "-", player).strip("-")[:40] or "player"
            stamp = time.strftime("%Y%m%d-%H%M")
            folder = self.results_dir
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"plaza-{safe}-{stamp}.json"
            n = 2
            while path.exists():
                path = folder / f"plaza-{safe}-{stamp}-{n}.json"
                n += 1
            write_result(path, doc)
        except (OSError, ValueError) as exc:
            return None, self.app.t("ui.result.failed", reason=str(exc))
        self.result_path = path
        return path, self.app.t("ui.result.written", path=str(path), folder=str(path.parent),
                                file=path.name)

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
        return calendar.period(scenario.start_year, scenario.start_quarter, max(1, turn))

    def autosave(self) -> None:
        """Save the current game to the autosave slot (quietly; failures are not fatal)."""
        if self.campaign is not None:
            self.save(AUTOSAVE)

    def save(self, slot: str) -> str | None:
        """Save the current game to a slot; return a problem text or None."""
        if self.campaign is None:
            return self.app.t("ui.saves.nothing_to_save")
        self.campaign.extras = {
            "workshop_code": self.workshop_code,
            "player": self.player,
            "predictions": [[p.turn, p.violence, p.legitimacy] for p in self.predictions],
        }
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
        from game.play.campaign import BadSave, Campaign

        path = self.slot_path(slot)
        if not path.exists():
            return self.app.t("ui.saves.missing")
        try:
            campaign = Campaign.load(pack, path)
        except BadSave as exc:
            return self.app.t("ui.saves.refused", reason=fmt.error(self.app.t, exc))
        except (OSError, ValueError) as exc:
            return self.app.t("ui.saves.refused", reason=str(exc))
        self.campaign = campaign
        self.baseline_cache = None
        self._clear_game_extras()
        self._restore_game_extras(campaign.extras)
        return None

    def _restore_game_extras(self, extras: dict[str, Any]) -> None:
        """Bring back a saved game's workshop, player and predictions (what can be read)."""
        from game.classroom.workshops import CodeError
        from game.play.predictions import Prediction

        code = str(extras.get("workshop_code") or "")
        if code and self.workshops is not None:
            try:
                self.workshop = self.workshops.from_code(code)
                self.workshop_code = code
            except CodeError:
                self.workshop = None
        self.player = str(extras.get("player") or "")
        for item in extras.get("predictions") or []:
            if (isinstance(item, list) and len(item) == 3 and isinstance(item[0], int)
                    and item[1] in ("rise", "fall") and item[2] in ("rise", "fall")):
                self.predictions.append(Prediction(item[0], item[1], item[2]))

    # ---- new game -----------------------------------------------------------------------

    def start(self, scenario: str, role: str, region: str | None, seed: int) -> str | None:
        """Start a new campaign; return a problem text or None."""
        pack = self.pack
        if pack is None:
            return self.app.t("ui.error.content", reason=self.pack_error or "")
        from game.play.campaign import Campaign

        if scenario not in pack.scenarios:
            return self.app.t("ui.error.unknown_scenario", scenario=scenario)
        try:
            self.campaign = Campaign.new(pack, scenario, role, region=region, seed=seed)
        except Exception as exc:
            return self.app.t("ui.error.cannot_start", reason=fmt.error(self.app.t, exc))
        self._started()
        return None

    def _started(self) -> None:
        """Reset what a new game starts without."""
        self.baseline_cache = None
        self._clear_game_extras()

    def start_hot_seat(self, scenario: str, mayors: list[str], seed: int) -> str | None:
        """Start a hot-seat game (federal player and the mayors of the given cities)."""
        pack = self.pack
        if pack is None:
            return self.app.t("ui.error.content", reason=self.pack_error or "")
        from game.play.campaign import Campaign

        try:
            self.campaign = Campaign.new_hot_seat(pack, scenario, list(mayors), seed)
        except Exception as exc:
            return self.app.t("ui.error.cannot_start", reason=fmt.error(self.app.t, exc))
        self._started()
        return None

    def start_workshop(self, workshop: Any, player: str) -> str | None:
        """Start a workshop's game for a player or team; switch to the workshop's language."""
        if self.pack is None or self.workshops is None:
            return self.app.t("ui.error.content", reason=self.pack_error or "")
        try:
            campaign = self.workshops.new_game(workshop)
            code = self.workshops.code(workshop)
        except Exception as exc:
            return self.app.t("ui.error.cannot_start", reason=fmt.error(self.app.t, exc))
        self.campaign = campaign
        self._started()
        self.workshop = workshop
        self.workshop_code = code
        self.player = player.strip()
        return None

