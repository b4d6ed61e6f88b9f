"""The real line on the charts says what it is (the city's own count, an estimate from its
state); the news names migrants only where migrants wait, says its people are invented, and
calls a sum of regions by its name."""

from __future__ import annotations

import html
from typing import Any

import pytest
from test_screens import _start, to_results


def _legend(app: Any, monkeypatch: pytest.MonkeyPatch, region: str | None) -> list[str]:
    """The labels of every line the charts screen draws for a scope."""
    from game.ui.screen import Push
    from game.ui.screens.charts import ChartsScreen
    from game.ui.widgets import charts

    labels: list[str] = []
    real = charts.draw_line_chart

    def spy(surface: Any, rect: Any, series: Any, *args: Any, **kwargs: Any) -> Any:
        labels.extend(s.label for s in series)
        return real(surface, rect, series, *args, **kwargs)

    monkeypatch.setattr(charts, "draw_line_chart", spy)
    app.apply(Push(ChartsScreen(app, region)))
    app.frame()
    return labels


@pytest.mark.parametrize(("scenario", "role", "region", "source"), [
    ("juarez-2010", "municipal", "juarez", "history.source.city"),
    ("juarez-2010", "municipal", "chihuahua", "history.source.state_less_city"),
    ("culiacan-2019", "federal", "culiacan", "history.source.state_share"),
])
def test_the_real_line_is_labelled_with_its_source(
        make_app: Any, monkeypatch: pytest.MonkeyPatch, scenario: str, role: str,
        region: str, source: str) -> None:
    """Juárez's line is its own count; Culiacán's an estimate from Sinaloa's (both languages)."""
    for lang in ("en", "es"):
        app = _start(make_app, lang, scenario=scenario, role=role)
        labels = _legend(app, monkeypatch, region)
        wanted = app.t("ui.charts.history_source", source=app.t(source))
        assert wanted in labels, labels
        others = [k for k in ("history.source.city", "history.source.state_share")
                  if k != source]
        assert all(app.t("ui.charts.history_source", source=app.t(k)) not in labels
                   for k in others)


def test_a_line_of_two_sources_is_two_labelled_lines_that_meet() -> None:
    """Where the source changes (a city's count, then an estimate), two parts, each labelled,
    sharing the quarter where they meet."""
    from game.ui.screens.charts import history_lines

    values: list[float | None] = [10.0, 12.0, 14.0, None, 8.0]
    sources: list[str | None] = ["a", "a", "b", None, "b"]
    parts = history_lines(lambda key, **p: f"line of {p['source']}" if p else key, values,
                          sources)
    assert [label for label, _ in parts] == ["line of a", "line of b"]
    assert parts[0][1] == [10.0, 12.0, 14.0, None, None]
    assert parts[1][1] == [None, None, 14.0, None, 8.0]


def test_an_estimated_part_of_the_real_line_is_dotted_and_a_count_dashed() -> None:
    """The city's own count dashed, the estimate from its state's count dotted (short dashes;
    one colour, each part with its label), so the legend and the lines tell them apart."""
    from game.ui.screens.charts import history_series

    values: list[float | None] = [5.0, 6.0, 7.0, 8.0]
    sources: list[str | None] = ["history.source.state_share", "history.source.state_share",
                                 "history.source.city", "history.source.city"]
    colour = (0, 158, 115)
    estimate, count = history_series(lambda key, **p: p.get("source", key), values, sources,
                                     colour)
    assert (estimate.label, count.label) == ("history.source.state_share",
                                             "history.source.city")
    assert count.colour == estimate.colour == colour and estimate.dashed and count.dashed
    assert estimate.dotted and not count.dotted

    import pygame

    from game.ui.widgets.charts import _draw_polyline

    def dashes(dotted: bool) -> list[int]:
        """Lengths of the coloured runs along a 200-pixel line drawn in that style."""
        surface = pygame.Surface((220, 9))
        surface.fill((255, 255, 255))
        _draw_polyline(surface, colour, [(10, 4), (210, 4)], 2, True, dotted)
        row = [surface.get_at((x, 4))[:3] != (255, 255, 255) for x in range(220)]
        runs, length = [], 0
        for on in [*row, False]:
            if on:
                length += 1
            elif length:
                runs, length = [*runs, length], 0
        return runs

    dots, long_dashes = dashes(True), dashes(False)
    assert max(dots) < min(long_dashes) and len(dots) > len(long_dashes)
    assert estimate.values == [5.0, 6.0, 7.0, None] and count.values == [None, None, 7.0, 8.0]


def test_the_sum_of_a_city_and_its_state_is_not_called_national(make_app: Any) -> None:
    """Juárez's charts: "Regions in play", not "National"; national history: "National"."""
    from game.ui.screens.charts import whole_name

    app = _start(make_app)
    assert whole_name(app.t, app.session.campaign) == app.t("ui.charts.all_regions")
    pack = app.session.pack
    assert pack is not None and pack.scenarios["history-2006"].covers_country


def _kidnapping_news(scenario: str, border: bool, migrants: float) -> list[Any]:
    """The kidnapping headlines of a first quarter where every region counts many
    kidnappings, with the border trait and the migrants waiting set as given."""
    from game.content import load_content
    from game.core import paths
    from game.play.campaign import Campaign
    from game.sim.news import KIDNAPPINGS_NEWS, headlines

    pack = load_content(paths.content_root())
    c = Campaign.new(pack, scenario, "federal", region=None, seed=1)
    c.resolve_quarter()
    result = c.results[-1]
    result.regions["kidnappings"][:] = KIDNAPPINGS_NEWS * 4
    result.regions["migrants"][:] = migrants
    world = c.world
    world.border[:] = border
    found = []
    for turn in range(1, 7):
        result.turn = turn
        found += [m for m in headlines(world, result, None) if m.key.startswith("news.kid")]
    return found


def test_kidnappings_name_migrants_only_where_migrants_wait() -> None:
    """F10: a border region with migrants waiting can read "many of them migrants"; an
    inland region, or a border with nobody waiting, never does."""
    from game.sim.news import MIGRANT_WORDINGS

    migrant_keys = {f"news.kidnappings.{n}" for n in MIGRANT_WORDINGS["kidnappings"]}
    inland = _kidnapping_news("culiacan-2019", False, 5.0)
    empty_border = _kidnapping_news("culiacan-2019", True, 0.0)
    border = _kidnapping_news("culiacan-2019", True, 5.0)
    assert inland and empty_border and border
    assert not any(m.key in migrant_keys for m in inland + empty_border)
    assert any(m.key in migrant_keys for m in border)


def test_the_news_says_its_people_are_invented(make_app: Any) -> None:
    """The results' news ends with one line saying its quoted people are invented."""
    from pygame_gui.elements import UITextBox

    for lang in ("en", "es"):
        app = _start(make_app, lang)
        to_results(app, app.top)
        boxes = [e.html_text for e in app.manager.get_sprite_group().sprites()
                 if isinstance(e, UITextBox)]
        note = app.t("ui.results.invented")
        assert note != "ui.results.invented"
        assert sum(box.count(html.escape(note)) for box in boxes) == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_disagreement_names_its_finding_in_words(lang: str) -> None:
    """The why panel's 'yet the research finds…' sentence gives the finding's title, not only
    its id, and no sentence of it starts in lower case."""
    import re

    from game.core.i18n import Translator
    from game.ui.screens.results import DISAGREE, disagreement

    t = Translator(lang)
    for cause, (_, fid) in DISAGREE.items():
        text = disagreement(t, cause)
        assert t(f"finding.{fid}.title") in text and fid in text, text
        assert "{" not in text, text
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert sentence[:1].isupper(), (cause, sentence)
