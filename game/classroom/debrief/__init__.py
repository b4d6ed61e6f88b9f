"""The class debrief: a class's results (files and codes) verified by replay, in one HTML report.

`reading` gathers and checks what was handed in and replays every game; `figures` computes
what the report shows from the replays; `svg` draws the charts; `render` fills the Jinja2
template (`report.html.j2`, autoescaped) with the stylesheet (`report.css`) inlined, so the
report is one file that opens offline and prints on A4.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from game.classroom.debrief.figures import class_robustness, team_figures
from game.classroom.debrief.reading import Class, Progress, Skipped, collect, expand
from game.classroom.debrief.render import render
from game.classroom.workshops import Workshops
from game.core.i18n import Translator

__all__ = ["Class", "Skipped", "collect", "expand", "make_report"]


def make_report(paths: Sequence[Path], lang: str | None = None, workshop: str | None = None,
                progress: Progress | None = None, *, code_files: Sequence[Path] = (),
                codes: Sequence[str] = (), workshops: Workshops | None = None,
                deep: bool = True,
                figures_progress: Callable[[int, int], None] | None = None,
                ) -> tuple[str | None, Class]:
    """Read, verify and render a class; (None, class) when no result was usable."""
    workshops = workshops or Workshops.shipped_default()
    klass = collect(paths, workshops, code_files=code_files, codes=codes, workshop=workshop,
                    progress=progress)
    if not klass.teams:
        return None, klass
    chosen = lang or klass.teams[0].body["setup"].get("lang") or "en"
    figures = []
    robust = class_robustness([(team.campaign, int(team.body["setup"]["turns_played"]))
                               for team in klass.teams]) if deep else [None] * len(klass.teams)
    for n, team in enumerate(klass.teams):
        figures.append(team_figures(n, team, klass.turns, deep=deep, robust=robust[n]))
        if figures_progress is not None:
            figures_progress(n + 1, len(klass.teams))
    figures.sort(key=lambda f: (not f.finished, f.name.casefold()))
    return render(klass, Translator(chosen), figures), klass
