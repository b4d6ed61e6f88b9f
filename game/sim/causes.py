"""Every cause the model can name in the Why? panel, the findings behind it, and its family."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CauseGroup = Literal["groups", "force", "politics", "institutions", "society", "events",
                     "chance"]
"""Families of causes, as a student reads them: criminal groups, federal force, politics,
institutions, society, one-off events, and chance (with the slow return to normal)."""


@dataclass(frozen=True)
class Cause:
    """A cause the ledger records: its id (catalog `cause.ID`), findings and family."""

    id: str
    findings: tuple[str, ...]
    group: CauseGroup


CAUSE_LIST: tuple[Cause, ...] = (
    Cause("competition", ("F1", "F7"), "groups"),
    Cause("retaliation", ("F3",), "groups"),
    Cause("kingpin", ("F3", "F4"), "force"),
    Cause("splinters", ("F9",), "groups"),
    Cause("contest", ("F1", "F8"), "groups"),
    Cause("military", ("F3",), "force"),
    Cause("vacuum", ("F3", "F8"), "force"),
    Cause("rerouting", ("F7", "F1"), "groups"),
    Cause("arrangements", ("F2",), "politics"),
    Cause("transition", ("F2",), "politics"),
    Cause("policing", ("F14", "F6"), "institutions"),
    Cause("armed_strength", ("F12",), "groups"),
    Cause("event", (), "events"),
    Cause("forensics", ("F13",), "institutions"),
    Cause("violence", ("F5", "F14"), "groups"),
    Cause("visible_attacks", ("F5",), "groups"),
    Cause("abuses", ("F3", "F12"), "force"),
    Cause("accountability", ("F12",), "institutions"),
    Cause("social_programs", ("F8", "F14"), "society"),
    Cause("institutions", ("F6", "F14"), "institutions"),
    Cause("commission", ("F13",), "institutions"),
    Cause("legitimacy", ("F14",), "politics"),
    Cause("us_pressure", ("F11",), "politics"),
    Cause("migrants", ("F10",), "society"),
    Cause("migration_enforcement", ("F11",), "force"),
    Cause("protection", ("F10",), "society"),
    Cause("markets", ("F12", "F7"), "groups"),
    Cause("infiltration", ("F6", "F7"), "groups"),
    Cause("vetting", ("F14",), "institutions"),
    Cause("anti_collusion", ("F6",), "institutions"),
    Cause("training", ("F14",), "institutions"),
    Cause("tolerance", ("F2", "F15"), "politics"),
    Cause("alliances", ("F14",), "politics"),
    Cause("federal_support", ("F14", "F2"), "politics"),
    Cause("joint_work", ("F2", "F14"), "politics"),
    Cause("elections", ("F2",), "politics"),
    Cause("fading", (), "chance"),
    Cause("chance", (), "chance"),
)
"""Every cause, in the order the ledger code names them.

"event" names no finding of its own: each event credits its own (`findings` in
content/events.toml; the Why? panel splits the cause event by event). "fading", the slow
return to a usual level, and "chance" are the model's assumptions, credited to no finding."""

CAUSES: dict[str, Cause] = {cause.id: cause for cause in CAUSE_LIST}


def findings_of(cause_id: str) -> tuple[str, ...]:
    """The findings behind a cause (none for an unknown id)."""
    cause = CAUSES.get(cause_id)
    return () if cause is None else cause.findings
