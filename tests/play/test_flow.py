"""The turn's rules, headless: what must happen before a quarter resolves, in order."""

from __future__ import annotations

import pytest

from game.content import load_content
from game.content.schema import ContentPack
from game.core.paths import content_root
from game.play.campaign import Campaign
from game.play.commands import AnswerDilemma, EnactIntervention, Impossible
from game.play.flow import TurnFlow
from game.play.session import GameSession


@pytest.fixture(scope="module")
def pack() -> ContentPack:
    return load_content(content_root())


def test_hot_seat_passes_every_seat_then_predicts_then_resolves(pack: ContentPack) -> None:
    game = GameSession(Campaign.new_hot_seat(pack, "guerrero-2019", ["montana", "acapulco"], 3),
                       predictions_wanted=True)
    flow = TurnFlow(game)
    kinds = []
    while (step := flow.next_step()).kind != "resolve":
        kinds.append(step.kind)
        if step.kind == "next_seat":
            assert flow.pass_seat() == step.seat
        elif step.kind == "prediction":
            game.predict("fall", "rise")
            flow.prediction_done()
        else:
            raise AssertionError(step)
    assert kinds == ["next_seat", "next_seat", "prediction"]
    record = flow.resolve()
    assert record.turn == 1 and game.seat == 0
    step = flow.next_step()
    while step.kind == "dilemma" and step.dilemma is not None:  # the scenario's own dilemmas
        game.campaign.execute(AnswerDilemma(step.dilemma.event_id, step.dilemma.choices[0],
                                            step.dilemma.region))
        step = flow.next_step()
    assert step.kind == "next_seat"  # the federal player plans first again


def test_a_dilemma_comes_before_anything_else(pack: ContentPack) -> None:
    sieges = 0
    for seed in range(12):
        campaign = Campaign.new(pack, "culiacan-2019", "federal", None, seed)
        game = GameSession(campaign, predictions_wanted=True)
        flow = TurnFlow(game)
        campaign.execute(EnactIntervention("kingpin_operation", "culiacan"))
        flow.resolve()
        step = flow.next_step()
        if step.kind != "dilemma":
            assert step.kind == "prediction"
            continue
        sieges += 1
        assert step.dilemma is not None and step.dilemma.event_id == "capture_siege"
        campaign.execute(AnswerDilemma(step.dilemma.event_id, "release", step.dilemma.region))
        assert flow.next_step().kind == "prediction"  # the dilemma first, then the prediction
        assert campaign.decisions[-1]["verb"] == "answer"
    assert sieges >= 2, "a capture in Culiacán should often end in a siege (F4)"


def test_the_term_ends_and_nothing_more_can_be_done(pack: ContentPack) -> None:
    campaign = Campaign.new(pack, "juarez-2010", "municipal", "juarez", 1)
    campaign.set_term(2)
    flow = TurnFlow(GameSession(campaign))
    flow.resolve()
    flow.resolve()
    assert flow.next_step().kind == "term_over"
    with pytest.raises(Impossible):
        campaign.execute(EnactIntervention("vet_police", "juarez"))


def test_the_round_timer_counts_down_per_quarter(pack: ContentPack) -> None:
    now = [100.0]
    workshop_game = GameSession(Campaign.new(pack, "juarez-2010", "municipal", "juarez", 1),
                                clock=lambda: now[0])
    assert workshop_game.time_left() is None  # no workshop, no timer
    from game.content.schema import Workshop

    workshop_game.workshop = Workshop(scenario="juarez-2010", seed=1, role="municipal",
                                      timer_minutes=5)
    assert workshop_game.time_left() == 300.0
    now[0] += 120
    assert workshop_game.time_left() == 180.0
    workshop_game.campaign.end_turn()
    assert workshop_game.time_left() == 300.0  # a new quarter, a new round


def test_a_save_keeps_the_session_and_drops_what_it_cannot_read(pack: ContentPack) -> None:
    campaign = Campaign.new(pack, "juarez-2010", "municipal", "juarez", 4)
    game = GameSession(campaign, player="Mesa 2", workshop_code="PLZ-NOPE")
    game.predict("rise", "fall")
    campaign.end_turn()
    extras = game.extras()
    extras["predictions"].append(["x", "up", 3])
    again = GameSession.restored(campaign, extras, lambda code: None)
    assert again.player == "Mesa 2" and again.workshop is None and again.workshop_code == ""
    assert [(p.turn, p.violence, p.legitimacy) for p in again.predictions] == [(1, "rise",
                                                                                  "fall")]


def test_going_back_keeps_every_earlier_quarter_and_plays_on_anew(pack: ContentPack) -> None:
    game = Campaign.new(pack, "juarez-2010", "municipal", "juarez", 6)
    game.enact("vet_police", "juarez")
    for _ in range(3):
        game.end_turn()
    game.enact("tolerate", "juarez")
    for _ in range(3):
        game.end_turn()
    branch = game.back_to(4)
    assert branch.turn == 3 and [r.as_json() for r in branch.records] == [
        r.as_json() for r in game.records[:3]]
    assert branch.decisions == [d for d in game.decisions if d["turn"] < 4]
    branch.enact("community_policing", "juarez")
    for _ in range(3):
        branch.end_turn()
    assert branch.records[-1].regions != game.records[-1].regions
    assert game.turn == 6  # the first path is untouched
