"""Every content schema in one place: pydantic models for each TOML file Plaza reads."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from game.core.calendar import parse_period, period_of_index, quarter_index

Identifier = Annotated[
    str, Field(pattern=r"^[a-z][a-z0-9_\-]{0,63}$", description="A lower-case identifier")
]
FindingId = Annotated[str, Field(pattern=r"^F([1-9]|1[0-6])$", description="A finding, F1 to F16")]
Unit = Annotated[float, Field(ge=0.0, le=1.0, description="A share or index between 0 and 1")]
Role = Literal["federal", "municipal"]
MAX_SCENARIO_TURNS = 72
"""The longest span a scenario may cover: history mode, 2006-Q4 to 2024-Q3."""
PeriodLabel = Annotated[str, Field(pattern=r"^20[0-9]{2}-Q[1-4]$",
                                   description="A calendar quarter, like 2010-Q1")]

MarketId = Literal["cannabis", "synthetics", "fuel_theft", "extortion", "kidnapping"]
RegionalLever = Literal[
    "army",
    "guard_crime",
    "withdraw",
    "kingpin",
    "amnesty",
    "police_funding",
    "social_programs",
    "migrant_protection",
    "vetting",
    "community_policing",
    "anti_collusion",
    "alliances",
    "federal_support",
    "tolerate",
]
NationalLever = Literal["guard_migration", "cannabis_legal", "hr_law", "truth_commission"]
MARKETS: tuple[str, ...] = get_args(MarketId)
REGIONAL_LEVERS: tuple[str, ...] = get_args(RegionalLever)
NATIONAL_LEVERS: tuple[str, ...] = get_args(NationalLever)
Requirement = Literal[
    "forces_present",
    "groups_present",
    "border_region",
    "not_already_active",
]
Trigger = Literal[
    "capture_in_stronghold",
    "capture_made",
    "election_campaign",
    "us_pressure_high",
    "migrant_wait",
    "commission_setback",
    "foreign_massacre",
    "splinter_war",
    "leader_killed",
    "pact_offer",
    "scripted",
]


class Strict(BaseModel):
    """Base for every content model: unknown fields are errors; numbers must be finite."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Parameter(Strict):
    """One named model coefficient with its unit, plausible range and evidence."""

    id: Identifier = Field(description="Name the model uses for this coefficient")
    value: float = Field(description="Default value")
    unit: str = Field(min_length=1, description="Unit of the value, in words")
    min: float = Field(description="Lowest plausible value (instructors may not go below)")
    max: float = Field(description="Highest plausible value (instructors may not go above)")
    evidence: list[str] = Field(
        min_length=1, description="Findings (F1-F16) and citation ids behind the value"
    )
    description: str = Field(min_length=1, description="What the coefficient does, for developers")

    @model_validator(mode="after")
    def _value_in_range(self) -> Parameter:
        if not self.min <= self.value <= self.max:
            raise ValueError(f"value {self.value} lies outside [{self.min}, {self.max}]")
        return self


class ParametersFile(Strict):
    """`parameters.toml`: every coefficient of the consequence model."""

    parameter: list[Parameter] = Field(description="The coefficients")


class Citation(Strict):
    """A published source the game cites."""

    id: Identifier = Field(description="Short id used by findings and parameters")
    authors: str = Field(min_length=1, description="Authors as cited")
    year: int = Field(ge=1900, le=2100, description="Year of publication")
    title: str = Field(min_length=1, description="Title of the work")
    venue: str = Field(min_length=1, description="Journal, publisher or outlet")


class Finding(Strict):
    """One finding of the article; its words live in the locale catalogs (finding.ID.*)."""

    id: FindingId = Field(description="F1 to F16")
    citations: list[Identifier] = Field(min_length=1, description="Citation ids supporting it")
    mechanisms: list[str] = Field(
        min_length=1, description="Model mechanisms (function names in game/sim) that carry it"
    )


class FindingsFile(Strict):
    """`findings.toml`: the article's findings and the research cited beside them."""

    citation: list[Citation] = Field(description="Sources")
    finding: list[Finding] = Field(description="Findings F1-F16")


class Market(Strict):
    """An illegal market whose revenue feeds criminal groups."""

    id: MarketId = Field(description="Market id")
    legalisable: bool = Field(default=False, description="Whether legalisation can shrink it")
    substitution_weight: float = Field(
        ge=0, le=1, description="Share of displaced revenue that moves into this market"
    )


class Cartel(Strict):
    """A criminal organisation; its display name is `cartel.ID` in the catalogs."""

    id: Identifier = Field(description="Cartel id")
    national: bool = Field(default=False, description="Operates in many regions")


class CatalogueFile(Strict):
    """`world.toml`: markets and criminal organisations shared by every scenario."""

    market: list[Market] = Field(description="Illegal markets")
    cartel: list[Cartel] = Field(description="Criminal organisations")


class Cost(Strict):
    """What an intervention costs."""

    money: float = Field(ge=0, description="Million pesos per quarter while active")
    capital: float = Field(ge=0, le=100, description="Political capital spent when enacted")
    reach: float | None = Field(
        default=None, gt=0, le=2e8,
        description="People the money serves; in a region with more people the quarterly cost "
        "grows in proportion (absent: the same cost anywhere)",
    )


class Intervention(Strict):
    """A policy the player can enact; its name and text are `action.ID.*` in the catalogs."""

    id: Identifier = Field(description="Action id used in plans and saves")
    roles: list[Role] = Field(min_length=1, description="Which roles may use it")
    scope: Literal["region", "national"] = Field(description="Targets one region or the country")
    cost: Cost = Field(description="Money and political capital")
    delay: int = Field(ge=0, le=12, description="Quarters before the effect starts")
    duration: int = Field(
        ge=0, le=40, description="Quarters the effect lasts; 0 means until the player stops it"
    )
    regional_effects: dict[RegionalLever, float] = Field(
        default_factory=dict, description="Levers set in the target region while active"
    )
    national_effects: dict[NationalLever, float] = Field(
        default_factory=dict, description="National levers set while active"
    )
    requires: list[Requirement] = Field(
        default_factory=list, description="Conditions that must hold to enact it"
    )
    cancels: list[Identifier] = Field(
        default_factory=list, description="Active interventions it ends in the same region"
    )
    findings: list[FindingId] = Field(min_length=1, description="Findings behind its effects")
    available_from: str | None = Field(
        default=None, pattern=r"^\d{4}-Q[1-4]$",
        description="First quarter its effect can start, like '2019-Q3' (the National Guard); "
        "absent: always",
    )
    available_until: str | None = Field(
        default=None, pattern=r"^\d{4}-Q[1-4]$",
        description="Last quarter its effect can start, like '2019-Q2'; absent: it still exists",
    )

    @model_validator(mode="after")
    def _has_effect(self) -> Intervention:
        if not self.regional_effects and not self.national_effects and not self.cancels:
            raise ValueError("an intervention must set a lever or cancel another intervention")
        if self.scope == "national" and self.regional_effects:
            raise ValueError("a national intervention cannot set regional levers")
        if self.available_from and self.available_until and (
            self.available_until < self.available_from
        ):
            raise ValueError("available_until comes before available_from")
        return self

    def available_in(self, period: str) -> bool:
        """Tell whether it exists in a calendar quarter ('2010-Q1'; four-digit years compare)."""
        return (self.available_from is None or period >= self.available_from) and (
            self.available_until is None or period <= self.available_until
        )

    def date_problem(self, ordered: str) -> tuple[str, str] | None:
        """Why it cannot be ordered in a quarter, or None: its effect (after `delay`) would start
        before it existed or after it ended. Returns ("not_yet", the first quarter it can be
        ordered) or ("no_longer", the last one)."""
        starts = quarter_index(*parse_period(ordered)) + self.delay
        if self.available_in(period_of_index(starts)):
            return None
        early = self.available_from is not None and period_of_index(starts) < self.available_from
        edge = self.available_from if early else self.available_until
        assert edge is not None
        return ("not_yet" if early else "no_longer",
                period_of_index(quarter_index(*parse_period(edge)) - self.delay))


class InterventionsFile(Strict):
    """`interventions.toml`: everything a player can enact."""

    intervention: list[Intervention] = Field(description="Interventions")


class EventEffect(Strict):
    """One-shot consequences of an event or a dilemma choice, applied in the region it fires."""

    deaths: float = Field(default=0, ge=0, le=5000, description="Extra homicides this quarter")
    civilian_share: Unit = Field(default=0.3, description="Share of those deaths who are civilians")
    attacks: float = Field(default=0, ge=0, le=100, description="Showy, planned attacks added")
    approval: float = Field(default=0, ge=-0.5, le=0.5, description="Change in national approval")
    legitimacy: float = Field(default=0, ge=-0.5, le=0.5, description="Change in local legitimacy")
    leader_strength: float = Field(
        default=0, ge=-1, le=1, description="Relative change in the leading group's strength"
    )
    split_leader: bool = Field(default=False, description="The leading group splits in two")
    retaliation: float = Field(default=0, ge=0, le=3, description="Retaliation pulse added")
    us_pressure: float = Field(default=0, ge=-1, le=1, description="Change in US pressure")
    coordination: float = Field(default=0, ge=-1, le=1, description="Change in coordination")
    capital: float = Field(default=0, ge=-100, le=100, description="Change in political capital")
    migrants: float = Field(default=0, ge=-100, le=100, description="Thousands of migrants added")
    judicial_integrity: float = Field(
        default=0, ge=-1, le=1, description="Change in judicial integrity"
    )
    abuses: float = Field(default=0, ge=0, le=1000, description="Human-rights abuses recorded")
    army: float = Field(
        default=0, ge=-3, le=3, description="Change in the army presence ordered (forces index)"
    )
    arrangements: float = Field(
        default=0, ge=-1, le=1, description="Change in informal state-criminal arrangements"
    )
    mobilisation: float = Field(default=0, ge=-1, le=1, description="Change in mobilisation")
    police_integrity: float = Field(
        default=0, ge=-1, le=1, description="Change in local police integrity"
    )
    police_capacity: float = Field(
        default=0, ge=-1, le=1, description="Change in local police capacity"
    )
    commission_progress: float = Field(
        default=0, ge=-1, le=1,
        description="Relative change in a truth commission's progress (-0.5 halves it)",
    )


class Choice(Strict):
    """One answer to a dilemma; its text is `event.EVENT.choice.ID.*` in the catalogs."""

    id: Identifier = Field(description="Choice id used in plans and saves")
    effect: EventEffect = Field(default_factory=EventEffect, description="What it does")
    enact: Identifier | None = Field(
        default=None, description="Intervention this choice starts at no cost, in the same place"
    )
    enact_for: int | None = Field(
        default=None, ge=1, le=40, description="Quarters the enacted intervention lasts, if limited"
    )


class Event(Strict):
    """A news event or a dilemma, fired by a trigger; text is `event.ID.*` in the catalogs."""

    id: Identifier = Field(description="Event id")
    trigger: Trigger = Field(description="Condition that fires it (implemented in game/sim/events)")
    chance: Unit = Field(default=1.0, description="Probability it fires when its condition holds")
    roles: list[Role] = Field(
        default_factory=lambda: list[Role](["federal", "municipal"]),
        description="Roles who see it",
    )
    effect: EventEffect = Field(default_factory=EventEffect, description="What happens at once")
    enact: Identifier | None = Field(
        default=None, description="Intervention it starts at no cost to the player, where it fires"
    )
    enact_for: int | None = Field(
        default=None, ge=1, le=40, description="Quarters the enacted intervention lasts, if limited"
    )
    cooldown: int = Field(default=0, ge=0, le=40, description="Quarters before it can fire again")
    choices: list[Choice] = Field(default_factory=list, description="Answers, for a dilemma")
    default_choice: Identifier | None = Field(
        default=None, description="Choice taken when a plan gives none"
    )
    findings: list[FindingId] = Field(min_length=1, description="Findings it illustrates")

    @model_validator(mode="after")
    def _default_is_a_choice(self) -> Event:
        ids = [c.id for c in self.choices]
        if self.choices and self.default_choice not in ids:
            raise ValueError(f"default_choice must be one of {ids}")
        if len(set(ids)) != len(ids):
            raise ValueError("choice ids must be unique")
        return self


class EventsFile(Strict):
    """`events.toml`: events and dilemmas."""

    event: list[Event] = Field(description="Events and dilemmas")


class GroupSetup(Strict):
    """A criminal group present in a region at the start."""

    cartel: Identifier = Field(description="Cartel id from world.toml")
    strength: float = Field(gt=0, le=100, description="Armed strength, in hundreds of fighters")
    territory: Unit = Field(description="Share of the region's territory it controls")


StateCode = Annotated[str, Field(pattern=r"^(0[1-9]|[12][0-9]|3[0-2])$",
                                 description="An INEGI state code, 01 to 32")]
MunicipalityCode = Annotated[str, Field(pattern=r"^(0[1-9]|[12][0-9]|3[0-2])[0-9]{3}$",
                                        description="An INEGI municipality code (state + 3)")]


class HistorySource(Strict):
    """How to draw the real homicide series beside a region.

    Where the city's own yearly counts exist (`content/history/city_year_homicides.csv`),
    they are used; elsewhere the estimate is the state's series (plus `more_states`) times
    `share`. A region that is a state less one city (`without_municipality`) is the state's
    count less the city's where the city's count exists.
    """

    state_code: StateCode = Field(description="INEGI state")
    share: float = Field(gt=0, le=1, description="Region's share of the state's homicides")
    more_states: list[StateCode] = Field(
        default_factory=list, description="Other states the region spans (their counts add up)"
    )
    municipality: MunicipalityCode | None = Field(
        default=None, description="INEGI code of the city whose own counts to use where they exist"
    )
    without_municipality: MunicipalityCode | None = Field(
        default=None, description="The region is its state less this city (where counted)"
    )


class RegionSetup(Strict):
    """A region's starting state in a scenario; its name is `region.ID` in the catalogs."""

    id: Identifier = Field(description="Region id")
    population: float = Field(gt=1000, le=2e8, description="Inhabitants")
    homicide_rate: float = Field(gt=0, le=400, description="Homicides per 100,000 a year at start")
    border: bool = Field(default=False, description="On the US border")
    migrants: float = Field(default=0, ge=0, le=200, description="Thousands of waiting migrants")
    mobilisation: Unit = Field(description="Community mobilisation capacity (slow trait)")
    police_integrity: Unit = Field(description="Local police integrity")
    judicial_integrity: Unit = Field(description="Local judicial integrity")
    police_capacity: Unit = Field(description="Local police capacity")
    opportunity: Unit = Field(description="Social opportunity for young people")
    coordination: Unit = Field(description="Coordination between levels of government")
    arrangements: Unit = Field(description="Strength of informal state-criminal arrangements")
    forensic_capacity: Unit = Field(description="Share of disappearances that get counted")
    legitimacy: Unit = Field(description="Local legitimacy of the state")
    army: float = Field(default=0, ge=0, le=3, description="Army and marines deployed (index)")
    guard: float = Field(default=0, ge=0, le=3, description="National Guard against crime (index)")
    markets: dict[MarketId, float] = Field(
        description="Market sizes, million pesos of criminal revenue per quarter"
    )
    groups: list[GroupSetup] = Field(min_length=1, max_length=4, description="Groups present")
    plazas: int = Field(
        default=1, ge=1, le=1000,
        description="Local plazas this region aggregates; many make control shift slowly",
    )
    neighbours: list[Identifier] = Field(default_factory=list, description="Adjacent regions")
    playable: bool = Field(
        default=True,
        description="Regional cards may target it (false: an unplayable remainder of the country)",
    )
    at_war: bool = Field(
        default=False,
        description="Its groups start mid-war, the fight moving on by itself (Juárez 2010); "
        "otherwise they start settled and move only with what happens in the game",
    )
    history: HistorySource | None = Field(default=None, description="Real series to show")
    map_lon: float = Field(ge=-118, le=-86, description="Longitude of the map marker")
    map_lat: float = Field(ge=14, le=33, description="Latitude of the map marker")

    @model_validator(mode="after")
    def _territory_fits(self) -> RegionSetup:
        total = sum(g.territory for g in self.groups)
        if total > 1.0 + 1e-9:
            raise ValueError(f"group territories add up to {total:.2f}, more than 1")
        return self


class RoleSetup(Strict):
    """What one role starts with in a scenario."""

    turns: int = Field(ge=1, le=MAX_SCENARIO_TURNS, description="Quarters in the term")
    budget: float = Field(gt=0, description="Million pesos available per quarter")
    capital: float = Field(ge=0, le=100, description="Political capital at start")
    regions: list[Identifier] = Field(
        default_factory=list, description="Regions this role may govern (mayor: pick one)"
    )


class CalendarEntry(Strict):
    """An election or a change of government on the scenario's calendar."""

    turn: int = Field(ge=1, le=MAX_SCENARIO_TURNS, description="Turn (1 = first quarter)")
    kind: Literal["election", "inauguration"] = Field(description="Vote or taking office")
    level: Literal["federal", "state", "municipal"] = Field(description="Which government")
    regions: list[Identifier] = Field(
        default_factory=list, description="Regions affected; empty means all"
    )
    alternation: bool = Field(
        default=False, description="Power passes to another party (Trejo and Ley)"
    )


class ScriptedEvent(Strict):
    """An event that happens on a given turn whatever the player does (history)."""

    turn: int = Field(ge=1, le=MAX_SCENARIO_TURNS, description="Turn it fires")
    event: Identifier = Field(description="Event id from events.toml")
    region: Identifier | None = Field(default=None, description="Region, if local")


class PublicSource(Strict):
    """A public record that a scenario's history cites: a gazette, an announcement, an agency."""

    id: Identifier = Field(description="Id the history entries name in `source`")
    publisher: str = Field(min_length=1, description="Who published it (DOF, Associated Press...)")
    title: str = Field(min_length=1, description="Its title or headline, as published")
    date: str = Field(pattern=r"^(19|20)[0-9]{2}(-[01][0-9](-[0-3][0-9])?)?$",
                      description="When it was published: YYYY, YYYY-MM or YYYY-MM-DD")
    url: str | None = Field(default=None, pattern=r"^https?://[^\s]+$",
                            description="Where to read it, if it has a stable address")


class RealDecision(Strict):
    """What a government really did in a quarter (history mode), and where it is told.

    With `action`, a command of the scenario's role (enact it, or `stop` it); with `event` and
    `choice`, the answer it gave to a dilemma pending that quarter; with neither, something
    that happened (an escape, a war's start), marked on the chart but played by nobody. Its
    sentence is `history.SCENARIO.NOTE` in the catalogs; `source` names one of the
    scenario's `sources`.
    """

    period: PeriodLabel = Field(description="Quarter it was decided for (its first quarter)")
    action: Identifier | None = Field(default=None, description="Intervention enacted or stopped")
    region: Identifier | None = Field(default=None, description="Target region, if local")
    stop: bool = Field(default=False, description="Stop this ongoing intervention instead")
    event: Identifier | None = Field(default=None, description="Dilemma answered")
    choice: Identifier | None = Field(default=None, description="The answer given")
    note: Identifier = Field(description="Catalog key suffix of its sentence")
    source: Identifier = Field(description="Id of the public source that records it")

    @model_validator(mode="after")
    def _one_kind(self) -> RealDecision:
        if self.action is not None and self.event is not None:
            raise ValueError("a history entry is an action or an answer, not both")
        if (self.event is None) != (self.choice is None):
            raise ValueError("an answer needs both its event and its choice")
        if self.stop and self.action is None:
            raise ValueError("'stop' needs the action it stops")
        return self


class Scenario(Strict):
    """A starting world; its title and teaching text are `scenario.ID.*` in the catalogs."""

    id: Identifier = Field(description="Scenario id")
    start_year: int = Field(ge=2000, le=2030, description="Year of the first turn")
    start_quarter: int = Field(ge=1, le=4, description="Quarter of the first turn")
    roles: dict[Role, RoleSetup] = Field(min_length=1, description="Roles it can be played in")
    approval: Unit = Field(description="National approval at start")
    us_pressure: Unit = Field(default=0.2, description="US pressure at start")
    regions: list[RegionSetup] = Field(min_length=1, max_length=16, description="Regions")
    calendar: list[CalendarEntry] = Field(default_factory=list, description="Elections")
    scripted: list[ScriptedEvent] = Field(default_factory=list, description="Historical events")
    findings: list[FindingId] = Field(min_length=1, description="Findings it teaches")
    covers_country: bool = Field(
        default=False, description="Its regions add up to all of Mexico (national history)"
    )
    history: list[RealDecision] = Field(
        default_factory=list,
        description="What governments really did, quarter by quarter (history mode): with no "
        "plan, the scenario plays it; a player may take over at any quarter",
    )
    sources: list[PublicSource] = Field(
        default_factory=list, description="Public sources its history cites"
    )


class Decision(Strict):
    """One line of a plan: on a turn, enact (or stop) an action, in a region if it is local."""

    turn: int = Field(ge=1, le=MAX_SCENARIO_TURNS, description="Turn on which it is decided")
    action: Identifier = Field(description="Intervention id")
    region: Identifier | None = Field(default=None, description="Target region, if local")
    stop: bool = Field(default=False, description="Stop this ongoing intervention instead")
    player: int = Field(
        default=0, ge=0, le=16,
        description="Hot-seat games: who decides (0 the federal government, then the mayors)",
    )


class PlanFile(Strict):
    """A plan: a scripted strategy for the headless simulator."""

    decision: list[Decision] = Field(default_factory=list, description="Decisions by turn")
    responses: dict[Identifier, Identifier] = Field(
        default_factory=dict, description="Answers to dilemmas: event id = choice id"
    )


class SavedDecision(Strict):
    """One line of a save's decision log."""

    turn: int = Field(ge=1, le=MAX_SCENARIO_TURNS + 1, description="Turn it was decided for")
    verb: Literal["enact", "repeal", "answer"] = Field(description="What the player did")
    action: Identifier | None = Field(
        default=None, validate_default=True, description="Intervention, to enact or repeal"
    )
    region: Identifier | None = Field(default=None, description="Region, if local")
    event: Identifier | None = Field(
        default=None, validate_default=True, description="Dilemma answered"
    )
    choice: Identifier | None = Field(
        default=None, validate_default=True, description="Answer given"
    )
    default: bool = Field(default=False, description="The answer was taken by default")
    seat: int = Field(default=0, ge=0, le=16, description="Which player decided (hot-seat)")

    @field_validator("action", "event", "choice")
    @classmethod
    def _needed_by_verb(cls, value: str | None, info: ValidationInfo) -> str | None:
        verb = info.data.get("verb")
        needs = {"action": ("enact", "repeal"), "event": ("answer",), "choice": ("answer",)}
        if value is None and verb in needs[str(info.field_name)]:
            raise ValueError(f"a '{verb}' decision needs its {info.field_name}")
        return value


class SaveFile(Strict):
    """A saved game: scenario, seed and the decisions that rebuild it by replay."""

    version: int = Field(ge=1, description="Save format version")
    scenario: Identifier = Field(description="Scenario id")
    role: Role = Field(description="The player's role")
    region: Identifier | None = Field(default=None, description="The mayor's city")
    seed: int = Field(ge=0, lt=2**63, description="Seed of the world")
    overrides: dict[str, float] = Field(default_factory=dict, description="Changed parameters")
    mayors: list[Identifier] = Field(
        default_factory=list, description="Cities of the mayors at the table (hot-seat game)"
    )
    period: str | None = Field(default=None, description="Quarter last played, for save lists")
    turn: int = Field(ge=0, le=MAX_SCENARIO_TURNS, description="Quarters resolved")
    decisions: list[SavedDecision] = Field(
        default_factory=list,
        description="Decision log; those for the turn after `turn` are plans not yet played",
    )
    fingerprint: str | None = Field(default=None, description="Hash of the resulting state")
    term: int | None = Field(default=None, ge=1, le=MAX_SCENARIO_TURNS,
                             description="Quarters the game lasts")
    extras: dict[str, Any] = Field(
        default_factory=dict,
        description="What the screens keep with a game (workshop code, player, predictions)",
    )


class ContentPack(Strict):
    """Everything read from a content folder, cross-checked."""

    parameters: dict[str, Parameter] = Field(description="Model coefficients by id")
    citations: dict[str, Citation] = Field(description="Sources by id")
    findings: dict[str, Finding] = Field(description="Findings by id")
    markets: dict[str, Market] = Field(description="Markets by id")
    cartels: dict[str, Cartel] = Field(description="Criminal organisations by id")
    interventions: dict[str, Intervention] = Field(description="Interventions by id")
    events: dict[str, Event] = Field(description="Events and dilemmas by id")
    scenarios: dict[str, Scenario] = Field(description="Scenarios by id")


class AssumptionSwitch(Strict):
    """A named, contested mechanism an instructor can switch off (`assumptions.toml`)."""

    id: Identifier = Field(description="Switch id used in workshop files (`[switches] ID = false`)")
    name: str = Field(pattern=r"^assumption\.[a-z0-9_.]+$",
                      description="Catalog key of its short name")
    explanation: str = Field(pattern=r"^assumption\.[a-z0-9_.]+$",
                             description="Catalog key of what switching it off means")
    findings: list[FindingId] = Field(min_length=1, description="Findings the mechanism carries")
    sets: dict[Identifier, float] = Field(
        min_length=1,
        description="Parameters set when the switch is off (usually to 0), each inside its range",
    )


class AssumptionsFile(Strict):
    """`assumptions.toml`: the named mechanism switches workshops may turn off."""

    switch: list[AssumptionSwitch] = Field(description="Mechanism switches")


WORKSHOP_VERSION = 1
MAX_SEED = 2**32 - 1
MAX_TIMER_MINUTES = 120


class Workshop(Strict):
    """A workshop file: one world for a whole class, so that every team's outcome compares.

    Settings that depend on each other or on content (region, mayors, actions, assumptions)
    are checked by `game.content.loader.check_workshop`.
    """

    version: int = Field(default=WORKSHOP_VERSION, ge=1, le=WORKSHOP_VERSION,
                         description="Workshop file format version")
    scenario: Identifier = Field(description="Scenario id")
    seed: int = Field(ge=0, le=MAX_SEED, description="Seed of the world every team plays")
    role: Role = Field(description="Role the players take")
    region: Identifier | None = Field(
        default=None, description="The mayor's city (municipal role); default: the first city"
    )
    mayors: list[Identifier] = Field(
        default_factory=list,
        description="Hot-seat: cities whose mayors play beside the federal player (role federal)",
    )
    turns: int | None = Field(
        default=None, ge=1, le=40, description="Quarters to play; default: the role's full term"
    )
    actions: list[Identifier] | None = Field(
        default=None, description="Interventions players may use; absent means all of the role's"
    )
    parameters: dict[Identifier, float] = Field(
        default_factory=dict,
        description="Changed model coefficients (parameter id = value inside its documented range)",
    )
    switches: dict[Identifier, bool] = Field(
        default_factory=dict,
        description="Mechanism switches from assumptions.toml (false turns the mechanism off)",
    )
    language: Literal["en", "es"] = Field(default="en", description="Language of game and report")
    predictions: bool = Field(
        default=True, description="Ask players to predict violence and legitimacy each turn"
    )
    timer_minutes: int | None = Field(
        default=None, ge=1, le=MAX_TIMER_MINUTES,
        description="Optional round timer shown to players, minutes per turn",
    )

    def normalised(self) -> Workshop:
        """The same settings in a canonical order (sorted actions and mayors)."""
        return self.model_copy(update={
            "actions": None if self.actions is None else sorted(self.actions),
            "mayors": sorted(self.mayors),
            "parameters": dict(sorted(self.parameters.items())),
            "switches": dict(sorted(self.switches.items())),
        })
