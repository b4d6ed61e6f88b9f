"""Hand in a result: the result code in large type, and the result file saved where you choose.

A code can go on paper, in a chat or an LMS text box; the file goes to a folder the student
picks (a USB stick, a shared drive), named for the workshop, the team and the date, with the
folder shown and a button that opens it.
"""

from __future__ import annotations

import contextlib
import html
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from pygame_gui.core.utility import clipboard_copy
from pygame_gui.elements import UITextEntryLine

from game.classroom.desk import default_folder, open_path
from game.classroom.result_codes import TeamGame, encode_result
from game.classroom.result_files import write_game_result
from game.core.problems import BadInput
from game.ui import theme
from game.ui.screen import Pop, Screen, Transition

if TYPE_CHECKING:
    from game.ui.app import App


class HandInScreen(Screen):
    """The code, a folder box, Save file, Open folder, Copy code."""

    name = "hand_in"

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.folder_text = str(default_folder())
        self.saved: Path | None = None
        self.status = ""
        self.folder_entry: UITextEntryLine | None = None
        self.code = self._code()

    def _code(self) -> str:
        """The game's result code (empty outside a workshop or before a quarter)."""
        game = self.game
        workshops = self.app.session.workshops
        if game.workshop is None or workshops is None or not game.campaign.records:
            return ""
        player = game.player.strip() or self.t("ui.result.default_player")
        try:
            return encode_result(TeamGame.of(game.campaign, game.workshop, player,
                                             game.predictions), workshops.pack,
                                 workshops.switches)
        except BadInput:
            return ""

    def layout(self) -> None:
        """The code (drawn) in the upper half, the file below."""
        t = self.t
        self.label(self.R(40, 16, self.width - 80, 44), t("desk.hand_in_title"), "@heading")
        self.text(self.R(36, 58, self.width - 80, 48),
                  html.escape(t("desk.hand_in_intro" if self.code else "desk.hand_in_no_code")),
                  "@muted")
        if self.code:
            self.button(self.R(self.width / 2 - 120, 300, 240, 40), t("desk.copy_code"),
                        self.copy, tip=t("desk.copy_code_tip"))
        self.label(self.R(40, 360, self.width - 80, 26), t("desk.save_where"), "@subheading")
        self.folder_entry = UITextEntryLine(self.R(40, 390, self.width - 500, 40),
                                            self.app.manager, container=self.root)
        self.folder_entry.set_text_length_limit(400)
        self.folder_entry.set_text(self.folder_text)
        self.focus.add(self.folder_entry, lambda: None, t("desk.save_where_tip"))
        self.button(self.R(self.width - 448, 390, 200, 40), t("desk.save_file"), self.save,
                    cls="@primary", tip=t("desk.save_file_tip"))
        self.button(self.R(self.width - 240, 390, 200, 40), t("desk.open_folder"),
                    self.open_folder, tip=t("desk.open_folder_tip"))
        if self.status:
            self.text(self.R(40, 440, self.width - 80, 110), html.escape(self.status), "@boxed")
        self.button(self.R(40, self.height - 64, 180, 44), t("ui.common.back"), lambda: Pop())

    def draw(self, surface: pygame.Surface) -> None:
        """The code, in groups, as large as fits (two lines when long)."""
        if not self.code:
            return
        s = self.app.scale
        groups = self.code.split("-")
        half = (len(groups) + 1) // 2
        lines = ["-".join(groups[:half]), "-".join(groups[half:])] if len(self.code) > 32 \
            else [self.code]
        longest = max(len(line) for line in lines)
        size = int(min((self.width - 80) / max(8, longest) * 1.6, 72) * s)
        face = theme.font(size, bold=True)
        y = round(120 * s)
        for line in lines:
            image = face.render(line, True, (31, 41, 51))
            surface.blit(image, image.get_rect(midtop=(round(self.width * s / 2), y)))
            y += image.get_height() + round(6 * s)

    def copy(self) -> Transition:
        """Put the code on the clipboard (to paste in a chat or an LMS box)."""
        clipboard_copy(self.code)
        self.status = self.t("desk.copied")
        self.rebuild()
        return None

    def save(self) -> Transition:
        """Write the result file into the chosen folder and say where it went."""
        if self.folder_entry is not None:
            self.folder_text = self.folder_entry.get_text()
        game = self.game
        player = game.player.strip() or self.t("ui.result.default_player")
        folder = Path(self.folder_text.strip() or ".").expanduser()
        try:
            self.saved = write_game_result(game, player, folder, self.app.settings.lang)
        except (OSError, ValueError) as exc:
            self.status = self.t("ui.result.failed", reason=str(exc))
        else:
            self.app.session.result_path = self.saved
            self.status = self.t("desk.file_saved", file=self.saved.name,
                                 folder=str(self.saved.parent))
        self.rebuild()
        return None

    def open_folder(self) -> Transition:
        """Open the folder the file was (or will be) saved in."""
        folder = self.saved.parent if self.saved else Path(self.folder_text).expanduser()
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        if not open_path(folder):
            self.status = self.t("desk.folder_failed", folder=str(folder))
            self.rebuild()
        return None
