"""Four advisors who read the model's state and comment on the choice at hand, as messages.

Security (a police commander), human rights (an ombudsperson), politics and money (a chief
of staff) and a local voice (a community organiser) each see the same numbers through their
own concern, and disagree where the evidence does: soldiers can stop a shooting this quarter
and raise violence on average (F3); shaming colluding officers works where people organise
(F6); a capture makes headlines and splits the group (F3, F4). Everything here is headless:
each comment is a `Message` (catalog `advice.*`, words in both languages) with a stance and
the findings behind it; the screens translate and draw them.

The thresholds below decide which comment an advisor makes; they describe the situation in
words ("a contested plaza"), they do not change the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from game.core.i18n import Message
from game.play.campaign import Campaign

AdvisorId = Literal["security", "rights", "politics", "local"]
ADVISORS: tuple[AdvisorId, ...] = ("security", "rights", "politics", "local")
Stance = Literal["for", "against", "wary", "note"]
"""What an advisor thinks of the choice: for it, against it, wary (it depends), or a remark."""

CONTESTED = 0.45
"""Competition (0-1) above which an advisor calls a plaza contested (F1)."""
MONOPOLY = 0.7
"""A group holding more than this share of territory has all but won the plaza (F8, F9)."""
ABUSES_HIGH = 2.0
"""Abuse complaints a quarter per 100,000 people that the rights advisor calls many."""
CROSSFIRE_HIGH = 4.0
"""Bystanders killed a quarter per 100,000 people that the rights advisor calls many."""
ARRANGEMENTS_HIGH = 0.2
"""Informal arrangements (0-1) above which collusion is everyone's open secret (F2)."""
TRUST_LOW = 0.35
"""Trust in the state below this is low."""
OPPORTUNITY_LOW = 0.35
"""Opportunity below this leaves young people with few options but the groups."""
ORGANISED = 0.5
"""Community organisation above this is the tradition shaming colluders rests on (F6)."""
INTEGRITY_LOW = 0.35
"""Police or court integrity below this is low (F13: cases fall apart in weak courts)."""
BUDGET_TIGHT = 0.2
"""Less than this share of the quarter's budget left is tight."""
CAPITAL_LOW = 15.0
"""Political capital below this is low."""
ELECTION_SOON = 2
"""Quarters before an election within which the politics advisor warns of it (F2)."""
FORCES_PRESENT = 0.05
"""Army or Guard presence above this counts as forces in the region."""


@dataclass(frozen=True)
class Advice:
    """One advisor's comment: who, for or against, what they say, and on which evidence."""

    advisor: AdvisorId
    stance: Stance
    message: Message
    findings: tuple[str, ...] = field(default_factory=tuple)


Facts = dict[str, Any]


def _facts(campaign: Campaign, seat: int, region: str | None) -> Facts:
    """What the advisors read: the region's state and the seat's money, capital, calendar."""
    facts: Facts = {"seat": seat}
    if region is not None:
        view = campaign.region_view(region)
        population = max(1.0, float(view.get("population", 1.0)))
        groups = [g for g in view.get("groups", []) if isinstance(g, dict)]
        facts.update(view)
        facts["region"] = f"@region.{region}"
        facts["groups"] = groups
        facts["abuses_rate"] = float(view.get("abuses", 0.0)) / population * 1e5
        facts["crossfire_rate"] = float(view.get("civilian_deaths", 0.0)) / population * 1e5
        facts["forces"] = float(view.get("army", 0.0)) + float(view.get("guard", 0.0))
        facts["leader_share"] = float(groups[0]["territory"]) if groups else 0.0
    budget = campaign.budget(seat)
    facts["budget_left"] = campaign.budget_left(seat)
    facts["budget_share"] = facts["budget_left"] / budget if budget > 0 else 0.0
    facts["capital"] = campaign.capital(seat)
    upcoming = campaign.next_election()
    facts["election_in"] = None if upcoming is None else upcoming[0] - campaign.turn
    facts["election_level"] = None if upcoming is None else f"@ui.level.{upcoming[1]}"
    facts["rights_law"] = campaign.is_active("hr_accountability", None)
    siege = getattr(campaign.model.p, "siege_territory", MONOPOLY)
    facts["stronghold"] = facts.get("leader_share", 0.0) > float(siege)
    return facts


def _group(facts: Facts, index: int) -> str:
    """A group's name as a message-id parameter."""
    groups = facts.get("groups", [])
    if index >= len(groups):
        return "@ui.advice.nobody"
    return f"@cartel.{groups[index]['cartel']}"


def _pct(value: Any) -> int:
    """A share as a whole percentage."""
    return round(float(value) * 100)


def _say(advisor: AdvisorId, stance: Stance, key: str, facts: Facts,
         findings: tuple[str, ...] = (), **params: Any) -> Advice:
    """An advice message with the region (if any) among its parameters."""
    if "region" in facts:
        params.setdefault("region", facts["region"])
    return Advice(advisor, stance, Message(key, params), findings)


# ---- the situation (the main screen, before a card is chosen) ----------------------------


def on_region(campaign: Campaign, seat: int, region: str) -> list[Advice]:
    """Each advisor's read of a region now, in the order of ADVISORS."""
    f = _facts(campaign, seat, region)
    groups = f["groups"]
    if f["competition"] >= CONTESTED and len(groups) >= 2:
        security = _say("security", "note", "advice.region.security.contested", f, ("F1",),
                        a=_group(f, 0), a_share=_pct(groups[0]["territory"]), b=_group(f, 1),
                        b_share=_pct(groups[1]["territory"]))
    elif f["leader_share"] >= MONOPOLY:
        security = _say("security", "note", "advice.region.security.monopoly", f,
                        ("F8", "F9"), a=_group(f, 0), share=_pct(f["leader_share"]))
    else:
        security = _say("security", "note", "advice.region.security.scattered", f, ("F7",),
                        share=_pct(f["competition"]))
    if f["forces"] > FORCES_PRESENT and f["abuses_rate"] >= ABUSES_HIGH:
        rights = _say("rights", "note", "advice.region.rights.abuses", f, ("F3",),
                      count=round(float(f.get("abuses", 0))))
    elif f["crossfire_rate"] >= CROSSFIRE_HIGH:
        rights = _say("rights", "note", "advice.region.rights.crossfire", f, ("F3",),
                      count=round(float(f.get("civilian_deaths", 0))))
    elif float(f.get("arrangements", 0.0)) >= ARRANGEMENTS_HIGH:
        rights = _say("rights", "note", "advice.region.rights.collusion", f, ("F2", "F6"))
    else:
        rights = _say("rights", "note", "advice.region.rights.watch", f, ("F12",),
                      count=round(float(f.get("disappearances", 0))))
    if f["election_in"] is not None and 0 < f["election_in"] <= ELECTION_SOON:
        politics = _say("politics", "note", "advice.region.politics.election", f, ("F2",),
                        level=f["election_level"], count=int(f["election_in"]))
    elif f["budget_share"] < BUDGET_TIGHT and (dearest := _dearest_running(campaign, seat)):
        action, where, cost = dearest
        politics = _say("politics", "note", "advice.region.politics.budget_stuck", f,
                        ("F15",), left=round(f["budget_left"]), card=f"@action.{action}.name",
                        where="@ui.action.national" if where is None else f"@region.{where}",
                        cost=round(cost))
    elif f["budget_share"] < BUDGET_TIGHT:
        politics = _say("politics", "note", "advice.region.politics.budget", f, ("F15",),
                        left=round(f["budget_left"]))
    elif f["capital"] < CAPITAL_LOW:
        politics = _say("politics", "note", "advice.region.politics.capital", f, ("F15",),
                        capital=round(f["capital"]))
    else:
        politics = _say("politics", "note", "advice.region.politics.room", f, ("F15",),
                        left=round(f["budget_left"]), capital=round(f["capital"]))
    if float(f.get("mobilisation", 0.0)) >= ORGANISED:
        local = _say("local", "note", "advice.region.local.organised", f, ("F6",))
    elif float(f.get("opportunity", 1.0)) <= OPPORTUNITY_LOW:
        local = _say("local", "note", "advice.region.local.youth", f, ("F14",),
                     share=_pct(f.get("opportunity", 0.0)))
    elif float(f.get("legitimacy", 1.0)) <= TRUST_LOW:
        local = _say("local", "note", "advice.region.local.distrust", f, ("F14",),
                     share=_pct(f.get("legitimacy", 0.0)))
    else:
        local = _say("local", "note", "advice.region.local.hopeful", f, ("F14",),
                     share=_pct(f.get("legitimacy", 0.0)))
    return [security, rights, politics, local]


def _dearest_running(campaign: Campaign, seat: int) -> tuple[str, str | None, float] | None:
    """The seat's running card that costs the most money a quarter, as (action, region,
    million pesos), when some other card is out of reach for lack of money (None otherwise):
    what stopping would free."""
    running = campaign.active_interventions(seat)
    places = {region for _, region in running} | {campaign.seats[seat][1]}
    options = [o for place in places for o in campaign.options(place, seat)]
    if not any(not o.possible and o.reason is not None and o.reason.key == "reason.no_budget"
               for o in options):
        return None
    costs = {(o.action_id, o.region): o.cost_money for o in options if o.active}
    paying = [(costs.get(item, 0.0), item) for item in running if costs.get(item, 0.0) > 0]
    if not paying:
        return None
    cost, (action, region) = max(paying)
    return action, region, cost


# ---- a card (the intervention dialog) -------------------------------------------------------

Rule = tuple[Stance, tuple[str, ...]]
"""An advisor's stance on a card and the findings they cite."""

ACTION_ADVICE: dict[str, dict[AdvisorId, Rule]] = {
    "deploy_army": {"security": ("for", ("F3",)), "rights": ("against", ("F3",)),
                    "politics": ("wary", ("F15",)), "local": ("wary", ("F3",))},
    "deploy_guard": {"security": ("for", ("F11",)), "rights": ("against", ("F3",)),
                     "politics": ("wary", ("F15",)), "local": ("wary", ("F3",))},
    "request_federal_support": {"security": ("for", ("F14",)), "rights": ("against", ("F3",)),
                                "politics": ("wary", ("F2",)), "local": ("wary", ("F3",))},
    "withdraw_forces": {"security": ("against", ("F8",)), "rights": ("for", ("F8", "F3")),
                        "politics": ("wary", ("F5",)), "local": ("for", ("F8",))},
    "kingpin_operation": {"security": ("for", ("F4",)), "rights": ("against", ("F3",)),
                          "politics": ("for", ("F5",)), "local": ("against", ("F3",))},
    "amnesty": {"security": ("against", ("F12",)), "rights": ("for", ("F12",)),
                "politics": ("against", ("F15",)), "local": ("for", ("F12",))},
    "legalize_cannabis": {"security": ("wary", ("F12", "F7")), "rights": ("for", ("F12",)),
                          "politics": ("wary", ("F15",)), "local": ("wary", ("F7",))},
    "hr_accountability": {"security": ("against", ("F12",)), "rights": ("for", ("F12", "F3")),
                          "politics": ("wary", ("F15",)), "local": ("for", ("F12",))},
    "truth_commission": {"security": ("note", ("F13",)), "rights": ("for", ("F13",)),
                         "politics": ("for", ("F13",)), "local": ("for", ("F13",))},
    "fund_local_police": {"security": ("for", ("F14",)), "rights": ("for", ("F14",)),
                          "politics": ("wary", ("F14",)), "local": ("for", ("F14",))},
    "social_programs": {"security": ("wary", ("F8",)), "rights": ("for", ("F14",)),
                        "politics": ("for", ("F8",)), "local": ("for", ("F8", "F14"))},
    "local_social_programs": {"security": ("wary", ("F8",)), "rights": ("for", ("F14",)),
                              "politics": ("for", ("F8",)), "local": ("for", ("F8", "F14"))},
    "migrant_protection": {"security": ("note", ("F10",)), "rights": ("for", ("F10",)),
                           "politics": ("wary", ("F11",)), "local": ("for", ("F10",))},
    "guard_to_migration": {"security": ("against", ("F11",)), "rights": ("against", ("F10",)),
                           "politics": ("for", ("F11",)), "local": ("against", ("F10",))},
    "vet_police": {"security": ("wary", ("F14",)), "rights": ("for", ("F14",)),
                   "politics": ("wary", ("F2",)), "local": ("for", ("F14",))},
    "community_policing": {"security": ("wary", ("F14",)), "rights": ("for", ("F6",)),
                           "politics": ("for", ("F14",)), "local": ("for", ("F6",))},
    "anti_collusion": {"security": ("for", ("F6",)), "rights": ("for", ("F6",)),
                       "politics": ("wary", ("F15",)), "local": ("for", ("F6",))},
    "civic_alliances": {"security": ("note", ("F14",)), "rights": ("note", ("F14",)),
                        "politics": ("for", ("F2", "F14")), "local": ("for", ("F14",))},
    "tolerate": {"security": ("for", ("F2",)), "rights": ("against", ("F6", "F15")),
                 "politics": ("wary", ("F2", "F9")), "local": ("against", ("F15",))},
}
"""Each card's advisors: their stance and findings (text: `advice.ACTION.ADVISOR`)."""


def _variant(action: str, advisor: AdvisorId, f: Facts) -> tuple[str, Stance] | None:
    """Where the situation changes an advisor's mind: (key suffix, stance), or None."""
    organised = float(f.get("mobilisation", 0.0)) >= ORGANISED
    if action in ("anti_collusion", "community_policing") and advisor == "local" \
            and not organised:
        return ".unorganised", "wary"
    if action == "kingpin_operation" and advisor == "politics" and f.get("stronghold"):
        return ".stronghold", "wary"
    if action == "truth_commission" and advisor == "politics" \
            and float(f.get("judicial_integrity", 1.0)) < INTEGRITY_LOW:
        return ".weak_courts", "wary"
    if action in ("deploy_army", "deploy_guard") and advisor == "rights" and f.get("rights_law"):
        return ".with_law", "wary"
    if action in ("deploy_army", "deploy_guard", "request_federal_support") \
            and advisor == "local" and float(f.get("legitimacy", 1.0)) < TRUST_LOW:
        return ".distrust", "against"
    if action == "amnesty" and advisor == "local" \
            and float(f.get("opportunity", 0.0)) > OPPORTUNITY_LOW:
        return ".jobs", "wary"
    if action == "vet_police" and advisor == "politics" \
            and float(f.get("arrangements", 0.0)) >= ARRANGEMENTS_HIGH:
        return ".deals", "wary"
    if action == "tolerate" and advisor == "politics" and f["election_in"] is not None \
            and f["election_in"] <= ELECTION_SOON * 2:
        return ".election", "against"
    return None


def on_action(campaign: Campaign, seat: int, action: str, region: str | None) -> list[Advice]:
    """Each advisor's view of one card where it would act (empty for an unknown card)."""
    rules = ACTION_ADVICE.get(action)
    if rules is None:
        return []
    f = _facts(campaign, seat, region)
    params: dict[str, Any] = {
        "money": round(float(campaign.pack.interventions[action].cost.money)),
        "left": round(f["budget_left"]), "capital": round(f["capital"]),
        "trust": _pct(f.get("legitimacy", 0.0)), "organised": _pct(f.get("mobilisation", 0.0)),
        "leader": _group(f, 0), "share": _pct(f.get("leader_share", 0.0)),
        "count": int(f["election_in"] or 0), "level": f["election_level"] or "@ui.level.federal",
    }
    result = []
    for advisor in ADVISORS:
        stance, findings = rules[advisor]
        key = f"advice.{action}.{advisor}"
        changed = _variant(action, advisor, f)
        if changed is not None:
            key, stance = key + changed[0], changed[1]
        result.append(_say(advisor, stance, key, f, findings, **params))
    return result


# ---- a dilemma ------------------------------------------------------------------------------

DILEMMA_ADVICE: dict[str, dict[AdvisorId, tuple[str, tuple[str, ...]]]] = {
    "capture_siege": {"security": ("hold", ("F3",)), "rights": ("release", ("F4",)),
                      "politics": ("", ("F4", "F5")), "local": ("release", ("F4",))},
    "us_migration_demand": {"security": ("", ("F11",)), "rights": ("refuse", ("F10",)),
                            "politics": ("comply", ("F11",)), "local": ("refuse", ("F10",))},
    "foreign_massacre": {"security": ("accept_help", ("F3",)), "rights": ("", ("F12",)),
                         "politics": ("refuse_help", ("F5",)), "local": ("", ("F15",))},
    "salvarcar": {"security": ("crack_down", ("F3",)), "rights": ("listen", ("F3",)),
                  "politics": ("", ("F15",)), "local": ("listen", ("F8", "F14"))},
    "federal_arrival": {"security": ("joint_command", ("F14",)),
                        "rights": ("joint_command", ("F3",)),
                        "politics": ("", ("F2",)), "local": ("keep_the_army", ("F3",))},
    "federal_drawdown": {"security": ("prepare_handover", ("F14",)),
                         "rights": ("let_them_go", ("F8",)),
                         "politics": ("", ("F15",)), "local": ("prepare_handover", ("F14",))},
    "pact_offer": {"security": ("", ("F2",)), "rights": ("refuse", ("F6",)),
                   "politics": ("refuse", ("F2", "F9")), "local": ("refuse", ("F15",))},
    "election_intimidation": {"security": ("guard_the_vote", ("F2",)),
                              "rights": ("", ("F3",)),
                              "politics": ("guard_the_vote", ("F5",)),
                              "local": ("", ("F2",))},
    "community_police": {"security": ("keep_them_outside_the_law", ("F7",)),
                         "rights": ("recognise", ("F6",)), "politics": ("", ("F15",)),
                         "local": ("recognise", ("F6",))},
    "ayotzinapa": {"security": ("official_version", ("F13",)),
                   "rights": ("independent_commission", ("F13",)),
                   "politics": ("", ("F13",)), "local": ("independent_commission", ("F13",))},
    "ayotzinapa_files": {"security": ("protect_your_officers", ("F14",)),
                         "rights": ("open_the_files", ("F13",)),
                         "politics": ("", ("F15",)), "local": ("open_the_files", ("F6",))},
}
"""For each dilemma, the choice each advisor argues for ("" when they weigh both) and their
findings (text: `advice.dilemma.EVENT.ADVISOR`)."""


@dataclass(frozen=True)
class DilemmaAdvice:
    """An advisor's comment on a dilemma, and the choice they would make (None: undecided)."""

    advice: Advice
    choice: str | None


def on_dilemma(campaign: Campaign, event: str, region: str | None,
               choices: list[str]) -> list[DilemmaAdvice]:
    """Each advisor's counsel on a dilemma (empty for a dilemma they have no words for)."""
    rules = DILEMMA_ADVICE.get(event)
    if rules is None:
        return []
    f = _facts(campaign, 0, region)
    result = []
    for advisor in ADVISORS:
        choice, findings = rules[advisor]
        pick = choice if choice in choices else None
        stance: Stance = "for" if pick else "wary"
        result.append(DilemmaAdvice(
            _say(advisor, stance, f"advice.dilemma.{event}.{advisor}", f, findings,
                 trust=_pct(f.get("legitimacy", 0.0))), pick))
    return result

