"""The smoke run's visit of the teacher's desk (called from game/ui/smoke.py).

A workshop made and saved, its code for the projector, cards, assumptions, a class collected
from a folder (two result files and a code) with its report built, and a student's hand-in
screen with its result code, saved to that folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.ui.screen import Pop, Push, Screen

if TYPE_CHECKING:
    from game.ui.app import App


def visit_desk(app: App, shot: Callable[[str], None], visit: Callable[[Screen, str], None],
               lang: str, scratch: Path) -> None:
    """Photograph every desk screen and the hand-in screen (see the module docstring)."""
    from game.classroom.result_codes import TeamGame, encode_result
    from game.classroom.result_files import build_result, write_result
    from game.play.commands import EnactIntervention
    from game.play.plan import Plan, Step, play
    from game.ui.screens.desk import DeskAssumptionsScreen, DeskCardsScreen, DeskScreen
    from game.ui.screens.desk_collect import DeskCollectScreen
    from game.ui.screens.hand_in import HandInScreen
    from game.ui.screens.main import MainScreen

    workshops = app.session.workshops
    if workshops is None:
        raise RuntimeError(f"the content did not load: {app.session.pack_error}")
    desk = DeskScreen(app)
    desk.choices.turns = 6
    desk.choices.timer_minutes = 8
    desk.choices.switches = {"military_backfire": False}
    desk.path_text = str(scratch / "class" / "workshop.toml")
    app.apply(Push(desk))
    shot("desk")
    app.apply(desk.save())
    shot("desk_saved")
    app.apply(desk.project())
    shot("desk_code")
    app.apply(Pop())
    visit(DeskCardsScreen(app, desk), "desk_cards")
    visit(DeskAssumptionsScreen(app, desk), "desk_assumptions")
    workshop = desk.choices.workshop(workshops)
    folder = scratch / "class" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    codes = []
    word = "Equipo" if lang == "es" else "Team"
    for n, action in enumerate(("vet_police", "community_policing", None)):
        game = workshops.new_game(workshop)
        plan = Plan([Step(1, EnactIntervention(action, game.region))]) if action else Plan()
        play(game, plan, workshops.turns(workshop))
        name = f"{word} {n + 1}"
        if n < 2:
            write_result(folder / f"team-{n + 1}.json",
                         build_result(game, name, workshop, code=workshops.code(workshop)))
        else:
            codes.append(encode_result(TeamGame.of(game, workshop, name, []), workshops.pack,
                                       workshops.switches))
    collect = DeskCollectScreen(app, workshops.code(workshop))
    collect.folder_text = str(folder)
    app.apply(Push(collect))
    app.apply(collect.rescan())
    shot("desk_collect")
    collect.codes_text = "\n".join(codes)
    collect.rebuild()
    app.apply(collect.add_codes())
    app.apply(collect.make_report())
    shot("desk_report")
    app.apply(Pop())
    app.apply(Pop())
    if app.session.start_workshop(workshop, f"{word} 4") is not None:
        raise RuntimeError("workshop did not start")
    campaign = app.session.campaign
    assert campaign is not None
    play(campaign, Plan(), workshops.turns(workshop))
    app.apply(Push(MainScreen(app)))
    hand_in = HandInScreen(app)
    hand_in.folder_text = str(folder)
    app.apply(Push(hand_in))
    shot("hand_in")
    app.apply(hand_in.save())
    shot("hand_in_saved")
    app.apply(Pop())
    app.apply(Pop())
