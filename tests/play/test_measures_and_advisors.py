"""What the screens say the decisions did (headline measures, the Why? split), what the
advisors say, and the verdict's paths: headless, against the same-seed world."""

from __future__ import annotations

from functools import cache

import pytest

from game.content import load_content
from game.content.schema import ContentPack
from game.core import paths
from game.core.i18n import Translator
from game.play import advisors, measures
from game.play.campaign import Campaign
from game.play.verdict import verdict


@cache
def pack() -> ContentPack:
    """The shipped content, loaded once."""
    return load_content(paths.content_root())


def _played(scenario: str, role: str, region: str | None, cards: list[tuple[str, str | None]],
            quarters: int, seed: int = 3) -> Campaign:
    c = Campaign.new(pack(), scenario, role, region=region, seed=seed)
    for action, where in cards:
        c.enact(action, where)
    for _ in range(quarters):
        c.end_turn()
    return c


def test_decisions_and_their_interaction_add_up_to_the_gap_with_the_same_world() -> None:
    """For the three measures over the player's places, every quarter: each decision's own
    effect plus their interaction is the played world minus the same world."""
    c = _played("juarez-2010", "municipal", None,
                [("vet_police", "juarez"), ("civic_alliances", "juarez")], 3)
    scope = measures.seat_scope(c)
    assert scope == ["juarez"]
    for record in c.records:
        for m in measures.headline(c, scope, record):
            effects, interaction = measures.decision_effects(c, record, scope, m.indicator)
            assert len(effects) == 2
            total = sum(e.amount for e in effects) + interaction
            assert total == pytest.approx(m.difference, abs=1e-3)


def test_the_why_split_adds_up_to_the_change_exactly() -> None:
    """Decisions, criminal groups, politics, the state and chance sum to the quarter's change,
    and with no decision the decisions' part is nil."""
    c = _played("guerrero-2019", "federal", None, [("deploy_army", "acapulco")], 3)
    for turn in (1, 2, 3):
        for name in ("homicides", "legitimacy", "police_integrity"):
            for region in ("acapulco", "montana"):
                split = measures.why_split(c, turn, name, region)
                assert split is not None
                assert sum(split.families.values()) == pytest.approx(split.change, abs=1e-6)
    quiet = _played("guerrero-2019", "federal", None, [], 2)
    split = measures.why_split(quiet, 2, "homicides", "acapulco")
    assert split is not None and split.families["decisions"] == 0
    assert measures.why_split(quiet, 3, "homicides", "acapulco") is None


def test_advisors_disagree_where_the_evidence_does() -> None:
    """Soldiers: the security chief for, the rights advocate against (F3). Shaming colluders:
    the local voice is for it where people organise (La Montaña) and wary where they do not
    (Acapulco) (F6). A capture in a stronghold: the politics advisor warns of a siege (F4)."""
    c = Campaign.new(pack(), "guerrero-2019", "federal", seed=1)
    army = {a.advisor: a for a in advisors.on_action(c, 0, "deploy_army", "acapulco")}
    assert army["security"].stance == "for" and army["rights"].stance == "against"
    assert "F3" in army["rights"].findings
    mayor = Campaign.new(pack(), "guerrero-2019", "municipal", region="montana", seed=1)
    here = {a.advisor: a for a in advisors.on_action(mayor, 0, "anti_collusion", "montana")}
    other = Campaign.new(pack(), "guerrero-2019", "municipal", region="acapulco", seed=1)
    there = {a.advisor: a for a in advisors.on_action(other, 0, "anti_collusion", "acapulco")}
    assert here["local"].stance == "for" and there["local"].stance == "wary"
    assert there["local"].message.key.endswith(".unorganised")
    culiacan = Campaign.new(pack(), "culiacan-2019", "federal", seed=1)
    capture = {a.advisor: a for a in advisors.on_action(culiacan, 0, "kingpin_operation",
                                                        "culiacan")}
    assert capture["politics"].message.key.endswith(".stronghold")


def test_every_advice_reads_in_both_languages() -> None:
    """Every message the advisors can give exists in English and Spanish, its parameters
    filled (no {placeholder} left, no key shown)."""
    en, es = Translator("en"), Translator("es")
    c = Campaign.new(pack(), "juarez-2010", "municipal", seed=1)
    seen = list(advisors.on_region(c, 0, "juarez"))
    for action in advisors.ACTION_ADVICE:
        seen += advisors.on_action(c, 0, action, "juarez")
    for event in advisors.DILEMMA_ADVICE:
        seen += [d.advice for d in advisors.on_dilemma(c, event, "juarez", ["hold"])]
    for advice in seen:
        for t in (en, es):
            text = t(advice.message.key, **advice.message.params)
            assert text != advice.message.key and "{" not in text, advice.message.key


def test_the_verdict_names_the_paths_taken_and_the_models_vote() -> None:
    """Looking the other way is its own path; the vote is the model's for that seat; lives are
    counted against the same world over the term."""
    c = _played("juarez-2010", "municipal", None, [("tolerate", "juarez")], 2)
    v = verdict(c)
    assert v.paths == ["look_away"]
    assert v.election == c.election_outcome(0)
    played, base = v.totals["lives"]
    assert played == sum(r.regions["juarez"]["true_homicides"] for r in c.records)
    assert base == sum(r.baseline["regions"]["juarez"]["true_homicides"] for r in c.records)
    assert verdict(_played("juarez-2010", "municipal", None, [], 1)).paths == ["nothing"]


def test_a_tied_up_budget_names_what_stopping_would_free() -> None:
    """A mayor whose running cards leave too little for another: the politics advisor names
    the dearest running card and its price (the real choice left: stop one to start another),
    in both languages; with money to spare, no such line."""
    cards = [("local_social_programs", "juarez"), ("anti_collusion", "juarez"),
             ("civic_alliances", "juarez")]
    tied = _played("juarez-2010", "municipal", "juarez", cards, 3)  # past the 2010 election
    politics = next(a for a in advisors.on_region(tied, 0, "juarez") if a.advisor == "politics")
    assert politics.message.key == "advice.region.politics.budget_stuck"
    assert politics.message.params["card"] == "@action.local_social_programs.name"
    vet = next(o for o in tied.options("juarez") if o.action_id == "local_social_programs")
    assert politics.message.params["cost"] == round(vet.cost_money)
    for lang in ("en", "es"):
        text = Translator(lang)(politics.message.key, **politics.message.params)
        assert "{" not in text and str(round(vet.cost_money)) in text, text
    free = _played("juarez-2010", "municipal", "juarez", [("civic_alliances", "juarez")], 3)
    keys = {a.message.key for a in advisors.on_region(free, 0, "juarez")}
    assert "advice.region.politics.budget_stuck" not in keys
