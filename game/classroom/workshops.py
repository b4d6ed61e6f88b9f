"""Workshops: one world for a class, read from a TOML file or a typed code, and written back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from game.classroom.workshop_codes import CodeError, cities, decode_code, encode_code
from game.content import load_content
from game.content.loader import (
    load_assumptions,
    load_workshop,
    parse_workshop,
    workshop_actions,
    workshop_overrides,
)
from game.content.schema import AssumptionSwitch, ContentPack, PlanFile, Workshop
from game.core.i18n import Translator
from game.core.problems import BadInput, Problem
from game.play.campaign import Campaign

__all__ = ["CodeError", "Workshops", "workshop_toml"]


# --- files ----------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def workshop_toml(workshop: Workshop, code: str) -> str:
    """The text of a workshop file, with its code in a comment."""
    ws = workshop.normalised()
    lines = [
        "# Plaza workshop: every team plays this same world, so their results compare.",
        f"# Code for students to type on the title screen: {code}",
        "# Check it with: python -m game workshop show THIS_FILE",
        "",
        f"version = {ws.version}",
        f"scenario = {_toml_value(ws.scenario)}",
        f"seed = {ws.seed}",
        f"role = {_toml_value(ws.role)}",
    ]
    if ws.region is not None:
        lines.append(f"region = {_toml_value(ws.region)}")
    if ws.mayors:
        lines.append(f"mayors = {_toml_value(ws.mayors)}   # hot-seat: mayors beside the federal "
                     "player")
    if ws.turns is not None:
        lines.append(f"turns = {ws.turns}")
    if ws.actions is not None:
        lines.append(f"actions = {_toml_value(ws.actions)}")
    lines.append(f"language = {_toml_value(ws.language)}")
    lines.append(f"predictions = {_toml_value(ws.predictions)}")
    if ws.timer_minutes is not None:
        lines.append(f"timer_minutes = {ws.timer_minutes}")
    if ws.parameters:
        lines += ["", "[parameters]   # model coefficients changed, each inside its range"]
        lines += [f"{pid} = {_toml_value(float(v))}" for pid, v in ws.parameters.items()]
    if ws.switches:
        lines += ["", "[switches]     # mechanisms from content/assumptions.toml; false = off"]
        lines += [f"{sid} = {_toml_value(on)}" for sid, on in ws.switches.items()]
    return "\n".join(lines) + "\n"


# --- one object for the UI and the command line -----------------------------------------------


class Workshops:
    """Reads, checks, encodes and applies workshops against one content folder."""

    def __init__(self, pack: ContentPack, switches: dict[str, AssumptionSwitch]) -> None:
        self.pack = pack
        self.switches = switches

    @classmethod
    def load(cls, content: Path) -> Workshops:
        """Read the content folder and its assumption switches."""
        pack = load_content(content)
        return cls(pack, load_assumptions(content, pack))

    @classmethod
    def shipped_default(cls) -> Workshops:
        """Workshops of the shipped content folder."""
        from game.core import paths

        return cls.load(paths.content_root())

    @classmethod
    def shipped(cls, pack: ContentPack) -> Workshops:
        """Workshops of an already loaded pack, with the shipped content's switches."""
        from game.core import paths

        return cls(pack, load_assumptions(paths.content_root(), pack))

    def from_data(self, data: dict[str, Any], name: str = "(workshop)") -> Workshop:
        """Check raw settings (as a workshop file holds them); BadInput lists every problem."""
        return parse_workshop(data, name, self.pack, self.switches)

    def from_file(self, path: Path) -> Workshop:
        """Read and check a workshop file."""
        return load_workshop(path, self.pack, self.switches)

    def from_code(self, text: str) -> Workshop:
        """Decode a typed code (the title screen's entry box).

        Raises CodeError (a BadInput with one problem line) whose `key` is a catalog key
        (`workshop.error.typo`, `.prefix`, `.short`, `.character`, `.version`, `.content`,
        `.invalid`) for the screen to show in the player's language.
        """
        return decode_code(text, self.pack, self.switches)

    def resolve(self, text: str) -> Workshop:
        """A workshop from a file path if one exists there, otherwise from a code."""
        path = Path(text)
        if path.suffix.lower() == ".toml" or path.is_file():
            if not path.exists():
                raise BadInput([Problem(text, "(file)", "does not exist")])
            return self.from_file(path)
        return self.from_code(text)

    def code(self, workshop: Workshop) -> str:
        """The code for a workshop (BadInput if a setting cannot be carried)."""
        return encode_code(workshop, self.pack, self.switches)

    def overrides(self, workshop: Workshop) -> dict[str, float]:
        """Parameter overrides to build the game's model with."""
        return workshop_overrides(workshop, self.switches)

    def actions(self, workshop: Workshop) -> list[str]:
        """Interventions enabled for the workshop's seats."""
        return workshop_actions(workshop, self.pack)

    def region(self, workshop: Workshop) -> str | None:
        """The mayor's city (the scenario's first when the workshop names none)."""
        if workshop.role != "municipal":
            return None
        return workshop.region or cities(self.pack, workshop.scenario)[0]

    def turns(self, workshop: Workshop) -> int:
        """Quarters the class plays."""
        if workshop.turns is not None:
            return workshop.turns
        return self.pack.scenarios[workshop.scenario].roles[workshop.role].turns

    def new_game(self, workshop: Workshop) -> Campaign:
        """A new game in a workshop's world: its scenario, seats, seed, assumptions and length.

        A workshop naming mayors starts a hot-seat game: the federal seat, then one per city.
        """
        overrides = self.overrides(workshop)
        if workshop.mayors:
            game = Campaign.new_hot_seat(self.pack, workshop.scenario, list(workshop.mayors),
                                         workshop.seed, overrides)
        else:
            game = Campaign.new(self.pack, workshop.scenario, workshop.role,
                                self.region(workshop), workshop.seed, overrides)
        game.set_term(self.turns(workshop))
        return game

    def plan_problems(self, plan: PlanFile, file: str, workshop: Workshop) -> list[Problem]:
        """Plan decisions that use interventions the workshop does not enable."""
        allowed = set(self.actions(workshop))
        return [Problem(file, f"decision[{n}].action",
                        f"'{d.action}' is not enabled in this workshop")
                for n, d in enumerate(plan.decision) if d.action not in allowed]

    def describe(self, workshop: Workshop, t: Translator) -> list[str]:
        """The settings, one line each, for `workshop show` and the facilitator."""
        ws = workshop
        lines = [
            t("workshop.show.scenario", scenario=f"@scenario.{ws.scenario}.title",
              id=ws.scenario),
            t("workshop.show.role", role=f"@role.{ws.role}")
            + (" — " + t(f"region.{self.region(ws)}") if ws.role == "municipal" else ""),
            t("workshop.show.seed", seed=str(ws.seed)),
            t("workshop.show.turns", turns=self.turns(ws)),
        ]
        if ws.mayors:
            lines.append(t("workshop.show.mayors",
                           cities=", ".join(t(f"region.{c}") for c in ws.mayors)))
        enabled = self.actions(ws)
        if ws.actions is None:
            lines.append(t("workshop.show.actions_all", count=len(enabled)))
        else:
            lines.append(t("workshop.show.actions", count=len(enabled),
                           names=", ".join(t(f"action.{a}.name") for a in enabled) or "—"))
        for pid, value in ws.parameters.items():
            param = self.pack.parameters[pid]
            lines.append(t("workshop.show.parameter", id=pid, value=repr(float(value)),
                           default=repr(param.value), low=repr(param.min), high=repr(param.max)))
        for sid, on in ws.switches.items():
            switch = self.switches[sid]
            lines.append(t("workshop.show.switch_on" if on else "workshop.show.switch_off",
                           name=t(switch.name)))
        if not ws.parameters and not any(not on for on in ws.switches.values()):
            lines.append(t("workshop.show.no_changes"))
        lines.append(t("workshop.show.language", language=f"@workshop.language.{ws.language}"))
        lines.append(t("workshop.show.predictions_on" if ws.predictions
                       else "workshop.show.predictions_off"))
        if ws.timer_minutes is not None:
            lines.append(t.plural("workshop.show.timer", ws.timer_minutes,
                                  minutes=ws.timer_minutes))
        return lines


