"""The report as HTML: a Jinja2 template with autoescaping, its stylesheet a file beside it.

Everything a reader sees comes from the catalogs through the translator the template is
given (`t`, `plural`, `num`, `period`); team names and file names are text, escaped by the
engine. The page runs no script: highlighting a team is a radio button and CSS, presenter
mode is `report.html#present` (one chart per screen in large type), print is A4.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import asdict
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from game.classroom.debrief import figures as fig
from game.classroom.debrief import svg
from game.classroom.debrief.reading import Class, Skipped
from game.core.i18n import Translator
from game.play.scope import scope_regions, scope_turn

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"


@lru_cache(maxsize=1)
def environment() -> Any:
    """The Jinja2 environment: the package's templates, autoescaping on, strict undefined."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    folder = Path(str(resources.files("game.classroom.debrief")))
    return Environment(loader=FileSystemLoader(str(folder)), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def stylesheet() -> str:
    """The report's CSS (shipped as package data)."""
    return resources.files("game.classroom.debrief").joinpath(STYLESHEET).read_text("utf-8")


class Words:
    """The translator as the template uses it: text, plurals, numbers and quarters."""

    def __init__(self, t: Translator) -> None:
        self.t = t

    def __call__(self, key: str, **params: Any) -> str:
        """A catalog text."""
        return self.t(key, **params)

    def plural(self, key: str, count: float, **params: Any) -> str:
        """A count-dependent catalog text."""
        return self.t.plural(key, count, **params)

    def num(self, value: float, decimals: int = 0, signed: bool = False) -> str:
        """A number in the language's digits, with a real minus sign (and + when asked)."""
        rounded = round(float(value), decimals)
        text = self.t.number(abs(rounded), decimals)
        if rounded < 0:
            return "\u2212" + text
        if signed and rounded > 0:
            return "+" + text
        return text

    def period(self, label: str) -> str:
        """A quarter in the language's form."""
        return self.t.period(label)

    def decision(self, d: dict[str, Any]) -> str:
        """A decision in words: "Vet the police (Juárez)", "Siege: hold"."""
        t = self.t
        region = d.get("region")
        where = " (" + t(f"region.{region}") + ")" if region else ""
        if d.get("verb") == "answer" or d.get("event"):
            return t("report.timeline.answer", event=t(f"event.{d['event']}.title"),
                     choice=t(f"event.{d['event']}.choice.{d['choice']}.name"))
        key = "report.timeline.stop" if d.get("verb") == "repeal" else "report.timeline.start"
        return t(key, action=t(f"action.{d['action']}.name")) + where


def scope_name(t: Translator, klass: Class) -> str:
    """What the numbers cover: the mayor's city, or every region of the scenario."""
    team = klass.teams[0]
    setup = team.body["setup"]
    if setup["role"] == "municipal":
        return t("report.scope_city", city=t(f"region.{setup['scope'][0]}"))
    return t("report.scope_national")


def skipped_view(t: Translator, item: Skipped) -> dict[str, str]:
    """A left-out result: where from and why, in the report's language."""
    return {"source": item.source, "reason": t(item.key, **item.params)}


def render(klass: Class, t: Translator, figures: list[fig.TeamFigures],
           title_date: str | None = None) -> str:
    """Render the report of a read class."""
    words = Words(t)
    finished = [f for f in figures if f.finished]
    unfinished = [f for f in figures if not f.finished]
    first = klass.teams[0]
    setup = first.body["setup"]
    workshop = first.body.get("workshop")
    periods = [t.period(first.campaign.world.period(k)) for k in range(1, klass.turns + 1)]
    scope = scope_name(t, klass)
    base = finished[0].base if finished else figures[0].base
    regions = scope_regions(first.campaign)
    base_turns = [scope_turn(first.campaign, r.regions, r.national, regions)
                  for r in first.baseline.records[:klass.turns]]
    base_series = [float(b["homicides"]) for b in base_turns]
    base_legit = [round(b["legitimacy"] * 100, 1) for b in base_turns]
    ranked = finished or figures
    charts = []
    for spec in fig.MEASURES:
        if spec.id not in fig.CHARTED:
            continue
        rows = [svg.Row(f.name, f.css, f.values[spec.id]) for f in ranked]
        minimum = max(fig.tie_of(spec, base[spec.id]) * 5, fig.MINIMUM_SPAN.get(spec.id, 0.0),
                      abs(base[spec.id]) * 0.1 if spec.id != "lives" else 0)
        axis = t(f"report.measure.{spec.id}_axis", scope=scope)
        charts.append({
            "id": spec.id, "label": axis,
            "svg": svg.dot_plot(rows, base[spec.id], label=axis,
                                baseline_label=t("report.baseline"), decimals=spec.decimals,
                                higher_is_better=spec.higher_is_better,
                                chart_id=f"spread-{spec.id}", number=words.num,
                                minimum_span=minimum),
        })
    homicides = [svg.Series(f.name, f.css, f.homicides) for f in figures]
    legitimacy = [svg.Series(f.name, f.css, f.legitimacy_series) for f in figures]
    median_h = _median([f.homicides for f in ranked])
    median_l = _median([f.legitimacy_series for f in ranked])
    y_max = max([v for f in figures for v in f.homicides] + base_series + [1.0])
    lines = {
        "homicides": svg.line_chart(homicides, base_series, median_h, periods,
                                    label=t("report.axis.homicides", scope=scope),
                                    baseline_label=t("report.baseline"),
                                    median_label=t("report.median"), chart_id="lines-homicides",
                                    number=words.num),
        "legitimacy": svg.line_chart(legitimacy, base_legit, median_l, periods,
                                     label=t("report.axis.legitimacy", scope=scope),
                                     baseline_label=t("report.baseline"),
                                     median_label=t("report.median"),
                                     chart_id="lines-legitimacy", number=words.num, y_max=100),
    }
    smalls = [{"team": f, "svg": svg.small_chart(f.homicides, base_series, y_max, f.css, f.name)}
              for f in figures]
    spans = [svg.Span(f.name, f.css, f.robust.low, f.robust.median, f.robust.high,
                      f.values["lives"]) for f in ranked if f.robust is not None]
    robust_chart = svg.range_plot(spans, label=t("report.axis.worlds", scope=scope),
                                  chart_id="worlds", number=words.num) if spans else None
    counts = fig.action_counts(figures)
    heat = [{"action": a, "region": r, "cells": cells, "total": sum(len(v) for v in cells.values())}
            for (a, r), cells in sorted(counts.items(), key=lambda kv: (
                -sum(len(v) for v in kv[1].values()), kv[0][0], kv[0][1] or ""))]
    met = fig.findings_by_team(figures)
    order = fig.finding_order(met, len(figures))
    questions = class_questions(words, ranked, met, order)
    predictions = fig.predictions(figures)
    standouts = fig.standouts(finished)
    changed = changed_assumptions(t, workshop, setup)
    context = {
        "t": words, "lang": "es-MX" if t.lang == "es" else "en",
        "css": Markup(stylesheet()) + Markup(highlight_css(figures)),
        "scenario": t(f"scenario.{setup['scenario']}.title"),
        "when": title_date or date.today().isoformat(),
        "code": workshop["code"] if workshop else None,
        "setup": setup, "scope": scope, "turns": klass.turns, "periods": periods,
        "first_period": periods[0] if periods else "",
        "last_period": periods[-1] if periods else "",
        "changed": changed,
        "actions_enabled": [t(f"action.{a}.name") for a in
                            (workshop["settings"].get("actions") or [])] if workshop else [],
        "figures": figures, "finished": finished, "unfinished": unfinished,
        "skipped": [skipped_view(t, s) for s in klass.skipped],
        "charts": charts, "lines": lines, "scope_label": {
            "homicides": t("report.axis.homicides", scope=scope),
            "legitimacy": t("report.axis.legitimacy", scope=scope),
            "worlds": t("report.axis.worlds", scope=scope)},
        "smalls": smalls, "robust": robust_chart,
        "worlds": fig.WORLDS, "next_turns": fig.NEXT_TURNS,
        "heat": heat, "heat_turns": list(range(1, klass.turns + 1)),
        "met": met, "order": order, "questions": questions, "predictions": predictions,
        "standouts": standouts, "base": base,
    }
    context["data"] = Markup(data_island(klass, figures, met, t))
    return str(environment().get_template(TEMPLATE).render(**context))


def _median(series: list[list[float]]) -> list[float]:
    """The class median quarter by quarter, over the teams that played that far."""
    if not series:
        return []
    turns = max(len(s) for s in series)
    return [statistics.median([s[k] for s in series if len(s) > k]) for k in range(turns)]


def highlight_css(figures: list[fig.TeamFigures]) -> str:
    """One rule per team: its radio button lifts its marks and dims everyone else's."""
    rules = []
    for f in figures:
        rules.append(f"#hl-{f.index}:checked~.report .team:not(.{f.css}){{opacity:.15}}"
                     f"#hl-{f.index}:checked~.report .team.{f.css} .dot,"
                     f"#hl-{f.index}:checked~.report .team.{f.css}.line{{stroke:#D55E00;"
                     f"stroke-width:3.5}}"
                     f"#hl-{f.index}:checked~.report tr.team.{f.css}{{background:#fde8d7}}"
                     f"#hl-{f.index}:checked~.pick label[for=hl-{f.index}]{{background:#D55E00;"
                     f"color:#fff}}")
    return "".join(rules)


def changed_assumptions(t: Translator, workshop: dict[str, Any] | None,
                        setup: dict[str, Any]) -> list[str]:
    """The workshop's changed assumptions, each in words (switched off, or a new value)."""
    settings = workshop["settings"] if workshop else {}
    changed = [t("report.meta.switch_off", name=t(f"assumption.{sid}.name"))
               for sid, on in sorted((settings.get("switches") or {}).items()) if not on]
    for pid, value in sorted((setup.get("overrides") or {}).items()):
        if not settings or pid in (settings.get("parameters") or {}):
            changed.append(t("report.meta.parameter", name=pid, value=t.number(value, 3)))
    return changed


def class_questions(words: Words, teams: list[fig.TeamFigures], met: dict[str, list[str]],
                    order: list[str], limit: int = 6) -> list[dict[str, Any]]:
    """Questions for what this class did: its own contrasts first, then its findings.

    The contrasts name teams: the widest gap in lives, the price the most successful team
    paid, luck against skill (other worlds), what came after the term. Then the findings the
    teams' own decisions met, those that split the class first.
    """
    t = words.t
    out: list[dict[str, Any]] = []
    finished = [f for f in teams if f.finished] or teams
    if len(finished) >= 2:
        best = max(finished, key=lambda f: f.values["lives"])
        worst = min(finished, key=lambda f: f.values["lives"])
        if best.values["lives"] - worst.values["lives"] >= 10:
            out.append({"kind": "contrast", "text": t(
                "report.q.gap", best=best.name, worst=worst.name,
                gap=words.num(best.values["lives"] - worst.values["lives"]))})
        if best.values["legitimacy"] < best.base["legitimacy"] - 1 or \
                best.values["abuses"] > best.base["abuses"] * 1.05 + 5:
            out.append({"kind": "price", "text": t(
                "report.q.price", team=best.name, lives=words.num(best.values["lives"]),
                trust=words.num(best.values["legitimacy"] - best.base["legitimacy"], 1, True),
                abuses=words.num(best.values["abuses"] - best.base["abuses"], 0, True))})
        if best.robust is not None and best.robust.share_saved < 70:
            out.append({"kind": "luck", "text": t(
                "report.q.luck", team=best.name, share=words.num(best.robust.share_saved),
                worlds=best.robust.worlds)})
        if best.next_lives is not None and best.next_lives < 0:
            out.append({"kind": "next", "text": t(
                "report.q.next", team=best.name, lives=words.num(-best.next_lives))})
    for fid in order:
        if len(out) >= limit + 4:
            break
        for k in ("a", "b"):
            key = f"report.question.{fid}.{k}"
            if t.has(key):
                out.append({"kind": "finding", "finding": fid,
                            "title": t(f"finding.{fid}.title"), "text": t(key),
                            "teams": met[fid]})
                break
    return out[:limit + 4]


def data_island(klass: Class, figures: list[fig.TeamFigures], met: dict[str, list[str]],
                t: Translator) -> str:
    """The report's numbers as JSON (for anyone who wants to analyse them), safe inside HTML."""
    first = klass.teams[0]
    setup = first.body["setup"]
    workshop = first.body.get("workshop")
    data = {
        "workshop": workshop["code"] if workshop else None,
        "scenario": setup["scenario"], "role": setup["role"], "seed": setup["seed"],
        "turns": klass.turns,
        "teams": [{
            "name": f.name, "source": f.source, "via": f.via, "finished": f.finished,
            "turns_played": f.turns_played, **{k: v for k, v in f.values.items()},
            "homicides_by_turn": f.homicides, "legitimacy_by_turn": f.legitimacy_series,
            "findings": f.findings, "decisions": f.timeline,
            "causes": [asdict(c) for c in f.causes], "prices": f.prices,
            "next_lives": f.next_lives,
            "worlds": asdict(f.robust) if f.robust is not None else None,
        } for f in figures],
        "baseline": figures[0].base,
        "findings": {k: len(v) for k, v in met.items()},
        "skipped": [{"source": s.source, "reason": t(s.key, **s.params)} for s in klass.skipped],
    }
    island = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return island.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
