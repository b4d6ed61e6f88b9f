"""The screens' view of the house: the content, the workshops reader, save slots, the game.

The rules of a game live in `game.play` (the `GameSession` and its `TurnFlow`); this only
holds the one being played, starts new ones and turns what goes wrong into words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from game.classroom.result_files import write_game_result
from game.classroom.workshops import CodeError, Workshops
from game.content import load_content
from game.content.loader import load_assumptions
from game.content.schema import ContentPack, Workshop
from game.core import paths
from game.core.problems import BadInput
from game.play.campaign import BadSave, Campaign
from game.play.flow import TurnFlow
from game.play.saves import AUTOSAVE, SLOTS, SaveSlots, SlotInfo
from game.play.session import GameSession
from game.ui import fmt

if TYPE_CHECKING:
    from game.ui.app import App

__all__ = ["AUTOSAVE", "SLOTS", "Session", "SlotInfo"]


class Session:
    """Holds the loaded content and the game being played; starts, saves and loads games."""

    def __init__(self, app: App, saves_dir: Path | None = None) -> None:
        self.app = app
        self._saves_dir = saves_dir
        self._pack: ContentPack | None = None
        self.pack_error: str | None = None
        self._workshops: Workshops | None = None
        self.slots = SaveSlots(self._saves_folder)
        self.game: GameSession | None = None
        self.flow: TurnFlow | None = None
        self.result_path: Path | None = None
        self.autosave_problem: str | None = None
        """Why the last autosave failed (the pause menu says so), or None."""
        self.autosave_warned = False
        """The main screen has shown the failure of the autosaves (once until one works)."""
        self.coach_pending = False
        """Show the guided first quarter when this game's main screen opens."""
        self.coach_results = False
        """The guided quarter goes on on its results screen (the Why?)."""

    # ---- content ------------------------------------------------------------------------

    @property
    def pack(self) -> ContentPack | None:
        """Load the shipped content once; on failure keep the problem text and return None."""
        if self._pack is None and self.pack_error is None:
            try:
                self._pack = load_content(paths.content_root())
            except BadInput as bad:
                self.pack_error = str(bad.problems[0]) if bad.problems else "?"
        return self._pack

    @property
    def workshops(self) -> Workshops | None:
        """The workshop reader (codes, switches, overrides) on the loaded content, or None."""
        pack = self.pack
        if self._workshops is None and pack is not None:
            try:
                switches = load_assumptions(paths.content_root(), pack)
            except BadInput as bad:
                self.pack_error = str(bad.problems[0]) if bad.problems else "?"
                return None
            self._workshops = Workshops(pack, switches)
        return self._workshops

    def loaded_workshops(self) -> Workshops:
        """The workshop reader, for screens that cannot run without it (the teacher's desk)."""
        workshops = self.workshops
        if workshops is None:
            raise RuntimeError(self.pack_error or "content did not load")
        return workshops

    @property
    def campaign(self) -> Campaign | None:
        """The campaign of the game being played, or None before one starts."""
        return self.game.campaign if self.game is not None else None

    def _workshop_of(self, code: str) -> Workshop | None:
        """The workshop a saved code stands for, or None if it no longer reads."""
        workshops = self.workshops
        if workshops is None:
            return None
        try:
            return workshops.from_code(code)
        except CodeError:
            return None

    # ---- starting a game ----------------------------------------------------------------

    def want_predictions(self, on: bool) -> None:
        """The setting "predictions" changed: the game being played asks from its next quarter
        (a workshop's game keeps what its workshop says)."""
        if self.game is not None:
            self.game.predictions_wanted = on

    def _begin(self, game: GameSession) -> None:
        """Make a game the one being played, with its own turn flow."""
        game.predictions_wanted = bool(self.app.settings.predictions)
        self.game = game
        self.flow = TurnFlow(game)
        self.result_path = None
        self.autosave_problem = None
        self.autosave_warned = False
        self.coach_pending = (not self.app.settings.seen_coach or game.workshop is not None) \
            and not game.campaign.records

    def play_game(self, game: GameSession) -> None:
        """Make a game built elsewhere the one being played (history taken over at a quarter,
        a game gone back to an earlier quarter)."""
        self._begin(game)

    def _cannot_start(self) -> str:
        return self.app.t("ui.error.content", reason=self.pack_error or "")

    def start(self, scenario: str, role: str, region: str | None, seed: int) -> str | None:
        """Start a new game; return a problem text or None."""
        pack = self.pack
        if pack is None:
            return self._cannot_start()
        if scenario not in pack.scenarios:
            return self.app.t("ui.error.unknown_scenario", scenario=scenario)
        try:
            campaign = Campaign.new(pack, scenario, role, region=region, seed=seed)
        except BadInput as bad:
            return self.app.t("ui.error.cannot_start", reason=str(bad.problems[0]))
        self._begin(GameSession(campaign))
        return None

    def start_hot_seat(self, scenario: str, mayors: list[str], seed: int) -> str | None:
        """Start a hot-seat game (federal player and the mayors of the given cities)."""
        pack = self.pack
        if pack is None:
            return self._cannot_start()
        try:
            campaign = Campaign.new_hot_seat(pack, scenario, list(mayors), seed)
        except BadInput as bad:
            return self.app.t("ui.error.cannot_start", reason=str(bad.problems[0]))
        self._begin(GameSession(campaign))
        return None

    def start_workshop(self, workshop: Workshop, player: str) -> str | None:
        """Start a workshop's game for a player or team; switch to the workshop's language."""
        workshops = self.workshops
        if workshops is None:
            return self._cannot_start()
        try:
            campaign = workshops.new_game(workshop)
            code = workshops.code(workshop)
        except BadInput as bad:
            return self.app.t("ui.error.cannot_start", reason=str(bad.problems[0]))
        self._begin(GameSession(campaign, workshop=workshop, workshop_code=code,
                                player=player.strip()))
        return None

    # ---- result files -----------------------------------------------------------------------

    @property
    def results_dir(self) -> Path:
        """The folder of result files: Documents/Plaza, the folder the hand-in screen offers and
        a student can find (beside the saves when a test gives its own folder)."""
        if self._saves_dir is None:
            from game.classroom.desk import default_folder

            return default_folder()
        return self._saves_dir.parent / "results"

    def write_result(self) -> tuple[Path | None, str]:
        """Write the result file of the game so far; return its path (or None) and a text."""
        game = self.game
        if game is None or not game.campaign.records:
            return None, self.app.t("ui.result.nothing")
        player = game.player.strip() or self.app.t("ui.result.default_player")
        try:
            path = write_game_result(game, player, self.results_dir, self.app.settings.lang)
        except (OSError, ValueError) as exc:
            return None, self.app.t("ui.result.failed", reason=str(exc))
        self.result_path = path
        return path, self.app.t("ui.result.written", path=str(path), folder=str(path.parent),
                                file=path.name)

    # ---- saves --------------------------------------------------------------------------

    def _saves_folder(self) -> Path:
        """The folder of save files: the player's data folder, or a test's own."""
        return paths.saves_dir() if self._saves_dir is None else self._saves_dir

    def slot_info(self, slot: str) -> SlotInfo:
        """What a slot holds, without loading the game (a damaged file says so)."""
        return self.slots.info(slot, self.pack)

    def has_autosave(self) -> bool:
        """Tell whether there is an autosave to continue."""
        try:
            return self.slots.exists(AUTOSAVE)
        except OSError:
            return False

    def autosave(self) -> str | None:
        """Save the game to the autosave slot; a failure is kept (and shown) but not fatal."""
        if self.game is None:
            return None
        self.autosave_problem = self.save(AUTOSAVE)
        if self.autosave_problem is None:
            self.autosave_warned = False
        return self.autosave_problem

    def save(self, slot: str) -> str | None:
        """Save the current game to a slot; return a problem text or None."""
        if self.game is None:
            return self.app.t("ui.saves.nothing_to_save")
        try:
            self.slots.save(self.game, slot)
        except OSError as exc:
            return self.app.t("ui.saves.write_failed", reason=fmt.os_reason(self.app.t, exc))
        return None

    def load(self, slot: str) -> str | None:
        """Load a slot into the session; return a problem text (the game stays as it was)."""
        pack = self.pack
        if pack is None:
            return self._cannot_start()
        try:
            if not self.slots.exists(slot):
                return self.app.t("ui.saves.missing")
            game = self.slots.load(pack, slot, self._workshop_of)
        except BadSave as exc:
            return self.app.t("ui.saves.refused", reason=fmt.error(self.app.t, exc))
        except OSError as exc:
            return self.app.t("ui.saves.refused", reason=fmt.os_reason(self.app.t, exc))
        self._begin(game)
        return None
