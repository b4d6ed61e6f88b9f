"""The desk's second half: collect results (a folder, typed or pasted codes), build the report.

The folder is scanned again every few seconds while the screen is open, so the count of teams
in goes up as students save (a USB stick, a shared drive, a downloaded LMS batch). Building
the report replays every team's game; the report opens in the system's browser, offline, and
in presenter mode for the projector.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UITextEntryBox, UITextEntryLine

from game.classroom.desk import REPORT_NAME, Scan, build_report, default_folder, open_path, scan
from game.core.problems import BadInput
from game.ui.screen import Pop, Screen, Transition

if TYPE_CHECKING:
    from game.classroom.workshops import Workshops
    from game.ui.app import App

RESCAN_SECONDS = 3.0
ENTRY_FILL = (255, 255, 255)
ENTRY_BORDER = (138, 144, 153)
"""The codes box drawn like the one-line text boxes (assets/theme.json text_entry_line)."""


class DeskCollectScreen(Screen):
    """A results folder with a live count, a box for codes, and the report's buttons."""

    name = "desk_collect"

    def __init__(self, app: App, workshop_code: str = "") -> None:
        super().__init__(app)
        self.workshop_code = workshop_code
        self.folder_text = str(default_folder())
        self.codes_text = ""
        self.codes: list[str] = []
        self.result: Scan | None = None
        self.report: Path | None = None
        self.status = ""
        self.since = RESCAN_SECONDS
        self.folder_entry: UITextEntryLine | None = None
        self.codes_box: UITextEntryBox | None = None

    @property
    def workshops(self) -> Workshops:
        """The workshop reader of the shipped content."""
        return self.app.session.loaded_workshops()

    @property
    def folder(self) -> Path:
        """The results folder as typed."""
        return Path(self.folder_text.strip() or ".").expanduser()

    def layout(self) -> None:
        """Folder and count on the left, codes on the right, the report's buttons beneath."""
        t = self.t
        self.label(self.R(40, 16, 900, 44), t("desk.collect_title"), "@heading")
        self.text(self.R(36, 60, self.width - 80, 48), html.escape(t("desk.collect_intro")),
                  "@muted")
        w = (self.width - 120) / 2
        self.label(self.R(40, 112, w, 26), t("desk.folder"), "@subheading")
        self.folder_entry = UITextEntryLine(self.R(40, 142, w, 40), self.app.manager,
                                            container=self.root)
        self.folder_entry.set_text_length_limit(400)
        self.folder_entry.set_text(self.folder_text)
        self.focus.add(self.folder_entry, lambda: None, t("desk.folder_tip"))
        self.button(self.R(40, 188, (w - 8) / 2, 40), t("desk.scan"), self.rescan,
                    tip=t("desk.scan_tip"))
        self.button(self.R(40 + (w + 8) / 2, 188, (w - 8) / 2, 40), t("desk.open_folder"),
                    self.open_folder, tip=t("desk.open_folder_tip"))
        self.text(self.R(40, 236, w, self.height - 236 - 150), self.count_html(), "@boxed")
        x = 80 + w
        self.label(self.R(x, 112, w, 26), self.fitted(w, "@subheading", t("desk.codes"),
                                                      t("desk.codes_short")), "@subheading")
        box_h = max(80.0, min(200.0, self.height - 150 - 142 - 100))
        rect = self.R(x, 142, w, box_h)
        plate = self.plate(rect, ENTRY_FILL, ENTRY_BORDER, radius=4)
        self.codes_box = UITextEntryBox(pygame.Rect((0, 0), rect.size), self.codes_text,
                                        self.app.manager, container=plate)
        self.focus.add(self.codes_box, lambda: None, t("desk.codes_tip"))
        self.button(self.R(x, 148 + box_h, w, 40), t("desk.add_codes"), self.add_codes,
                    tip=t("desk.add_codes_tip"))
        self.text(self.R(x, 194 + box_h, w, self.height - 194 - box_h - 150),
                  html.escape(self.plural("desk.codes_in", len(self.codes), count=len(self.codes))
                              + (" " + self.status if self.status else "")), "@muted")
        y = self.height - 136
        bw = (self.width - 80 - 24) / 4
        self.button(self.R(40, y, bw, 48), t("desk.build"), self.make_report, cls="@primary",
                    tip=t("desk.build_tip"))
        self.button(self.R(48 + bw, y, bw, 48), t("desk.open_report"), self.open_report,
                    tip=t("desk.open_report_tip"), enabled=self.report is not None)
        self.button(self.R(56 + 2 * bw, y, bw, 48), t("desk.present"), self.present,
                    tip=t("desk.present_tip"), enabled=self.report is not None)
        self.button(self.R(64 + 3 * bw, y, bw, 48), t("desk.open_report_folder"),
                    self.open_report_folder, enabled=self.report is not None)
        self.button(self.R(40, self.height - 64, 180, 44), t("ui.common.back"), lambda: Pop())

    def count_html(self) -> str:
        """The live count: teams in, files and codes read, what was left out."""
        t = self.t
        e = html.escape
        if self.result is None:
            return e(t("desk.not_scanned"))
        r = self.result
        parts = [f"<b>{e(self.plural('desk.teams_in', len(r.teams), count=len(r.teams)))}</b>"]
        if r.workshop:
            parts.append(e(t("desk.of_workshop", code=r.workshop))
                         + ("" if not self.workshop_code or r.workshop == self.workshop_code
                            else " " + e(t("desk.other_than_desk", code=self.workshop_code))))
        parts.append(e(t("desk.read_counts", files=r.files, codes=r.codes,
                         left=len(r.left_out))))
        if r.teams:
            parts.append(e(", ".join(r.teams[:40]) + (" …" if len(r.teams) > 40 else "")))
        if self.report is not None:
            parts.append(e(t("desk.report_at", path=str(self.report))))
        return "<br>".join(parts)

    # ---- actions ---------------------------------------------------------------------------------

    def _remember(self) -> None:
        if self.folder_entry is not None:
            self.folder_text = self.folder_entry.get_text()
        if self.codes_box is not None:
            self.codes_text = self.codes_box.get_text()

    def rescan(self) -> Transition:
        """Count the teams in the folder and the codes now."""
        self._remember()
        self.result = scan(self.folder, self.codes, self.workshops)
        self.since = 0.0
        self.rebuild()
        return None

    def add_codes(self) -> Transition:
        """Take the codes typed or pasted in the box (one a line) into the class."""
        from game.classroom.verify import code_lines

        self._remember()
        before = len(self.codes)
        for _, line in code_lines(self.codes_text):
            if line not in self.codes:
                self.codes.append(line)
        self.codes_text = ""
        if self.codes_box is not None:
            self.codes_box.set_text("")
        self.status = self.t("desk.codes_added", count=len(self.codes) - before)
        return self.rescan()

    def make_report(self) -> Transition:
        """Replay every team and write the report into the results folder."""
        self._remember()
        out = (self.folder if self.folder.is_dir() else Path.cwd()) / REPORT_NAME
        try:
            path, teams, left = build_report(self.folder, self.codes, out, self.workshops)
        except (OSError, BadInput) as exc:
            self.status = self.t("desk.build_failed", reason=str(exc))
            self.rebuild()
            return None
        self.report = path
        self.status = self.t("desk.built", teams=teams, left=left) if path else \
            self.t("desk.nothing_to_report")
        return self.rescan()

    def open_report(self) -> Transition:
        """Open the report in the system's browser."""
        if self.report is not None and not open_path(self.report):
            self.status = self.t("desk.browser_failed", path=str(self.report))
            self.rebuild()
        return None

    def present(self) -> Transition:
        """Open the report in presenter mode: one chart per screen, large type."""
        if self.report is not None and not open_path(self.report, "present"):
            self.status = self.t("desk.browser_failed", path=str(self.report))
            self.rebuild()
        return None

    def open_folder(self) -> Transition:
        """Open the results folder in the file manager (made if it does not exist)."""
        self._remember()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.status = self.t("desk.build_failed", reason=exc.strerror or str(exc))
            self.rebuild()
            return None
        if not open_path(self.folder):
            self.status = self.t("desk.folder_failed", folder=str(self.folder))
            self.rebuild()
        return None

    def open_report_folder(self) -> Transition:
        """Open the folder the report was written to."""
        if self.report is not None:
            open_path(self.report.parent)
        return None

    def update(self, dt: float) -> Transition:
        """Scan the folder again every few seconds (the live count)."""
        self.since += dt
        if self.since >= RESCAN_SECONDS and self.folder.is_dir():
            self._remember()
            fresh = scan(self.folder, self.codes, self.workshops)
            self.since = 0.0
            if self.result is None or fresh.teams != self.result.teams or \
                    len(fresh.left_out) != len(self.result.left_out):
                self.result = fresh
                self.rebuild()
        return None

    def animating(self) -> bool:
        """Keep frames coming so the live count updates."""
        return True
