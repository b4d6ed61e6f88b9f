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

CODE_TOP = 112.0
"""Where the drawn code starts (layout units)."""
BELOW_CODE = 330.0
"""Room kept under the code for Copy, the folder row, the status and Back (layout units)."""
LINE_RATIO = 1.4
"""A line of the code's bold type, as a multiple of its size."""


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
        """The code (drawn) in the upper half, Copy beneath it, then the file."""
        t = self.t
        self.label(self.R(40, 16, self.width - 80, 44), t("desk.hand_in_title"), "@heading")
        self.text(self.R(36, 60, self.width - 80, 48),
                  html.escape(t("desk.hand_in_intro" if self.code else "desk.hand_in_no_code")),
                  "@muted")
        y = CODE_TOP
        if self.code:
            y += self.code_height() + 8
            self.button(self.R(self.width / 2 - 120, y, 240, 40), t("desk.copy_code"),
                        self.copy, tip=t("desk.copy_code_tip"))
            y += 56
        self.label(self.R(40, y, self.width - 80, 26), t("desk.save_where"), "@subheading")
        self.folder_entry = UITextEntryLine(self.R(40, y + 30, self.width - 500, 40),
                                            self.app.manager, container=self.root)
        self.folder_entry.set_text_length_limit(400)
        self.folder_entry.set_text(self.folder_text)
        self.focus.add(self.folder_entry, lambda: None, t("desk.save_where_tip"))
        self.button(self.R(self.width - 448, y + 30, 200, 40), t("desk.save_file"), self.save,
                    cls="@primary", tip=t("desk.save_file_tip"))
        self.button(self.R(self.width - 240, y + 30, 200, 40), t("desk.open_folder"),
                    self.open_folder, tip=t("desk.open_folder_tip"))
        status = self.status or self.kept()
        if status:
            self.text(self.R(40, y + 80, self.width - 80, self.height - 80 - (y + 80)),
                      html.escape(status), "@boxed")
        self.button(self.R(40, self.height - 64, 180, 44), t("ui.common.back"), lambda: Pop())

    def kept(self) -> str:
        """Where the game already wrote its result file by itself (its end-of-term copy)."""
        path = self.app.session.result_path
        if path is None:
            return ""
        return self.t("desk.hand_in_kept", file=path.name, folder=str(path.parent))

    def code_lines(self) -> list[str]:
        """The code as drawn: one line, or its groups in two lines when long."""
        groups = self.code.split("-")
        half = (len(groups) + 1) // 2
        return ["-".join(groups[:half]), "-".join(groups[half:])] if len(self.code) > 32 \
            else [self.code]

    def code_face(self) -> pygame.font.Font:
        """The code's type: as large as the width allows, within the room the window has."""
        s = self.app.scale
        longest = max(len(line) for line in self.code_lines())
        room = (self.height - CODE_TOP - BELOW_CODE) / len(self.code_lines()) / LINE_RATIO
        size = min((self.width - 80) / max(8, longest) * 1.6, 72.0, max(24.0, room))
        return theme.font(int(size * s), bold=True)

    def code_height(self) -> float:
        """The height of the drawn code, in layout units."""
        face = self.code_face()
        lines = len(self.code_lines())
        return (face.get_height() * lines) / self.app.scale + 6 * (lines - 1)

    def draw(self, surface: pygame.Surface) -> None:
        """The code, in groups, as large as fits (two lines when long)."""
        if not self.code:
            return
        s = self.app.scale
        face = self.code_face()
        y = round(CODE_TOP * s)
        for line in self.code_lines():
            image = face.render(line, True, (31, 41, 51))
            surface.blit(image, image.get_rect(midtop=(round(self.width * s / 2), y)))
            y += face.get_height() + round(6 * s)

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
