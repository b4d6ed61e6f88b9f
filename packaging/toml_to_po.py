"""One-off conversion of the old TOML locale catalogs to gettext PO files (issue 12, item 16).

    python packaging/toml_to_po.py

Reads content/locale/<lang>/*.toml (nested tables flattened to dotted keys, in file order,
files sorted by name as the old loader read them), keeps each file's header comment and each
section divider as translator comments on the first message after it, turns the messages in
PLURALS into plural entries (msgid_plural = key + ".plural") and writes
content/locale/<lang>/LC_MESSAGES/plaza.po and the template content/locale/plaza.pot with
Babel (Spanish in the template's order, as `catalogs.py update` leaves it). Run once; kept in
the history only.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "content" / "locale"
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from catalogs import (  # noqa: E402
    HEADERS,
    PLURAL_SUFFIX,
    new_catalog,
    template_of,
    write_catalog,
)

TABLE = re.compile(r"^\[([A-Za-z0-9_.]+)\]\s*$")
KEY = re.compile(r'^([A-Za-z0-9_]+)\s*=')

# key -> {lang: singular form}; the old text becomes the general (plural) form.
PLURALS: dict[str, dict[str, str]] = {
    "cli.summary_title": {
        "en": "Plaza policy lab: {scenario}, {runs} run (seeds {first} to {last}); "
              "10th / 50th / 90th percentiles",
        "es": "Laboratorio de políticas de Plaza: {scenario}, {runs} corrida (semillas {first} "
              "a {last}); percentiles 10 / 50 / 90"},
    "news.violence_up": {
        "en": "Killings rise {change}% in {region}: {count} dead this quarter",
        "es": "Suben {change}% los asesinatos en {region}: {count} muerto este trimestre"},
    "news.violence_down": {
        "en": "Killings fall {change}% in {region}: {count} dead this quarter",
        "es": "Bajan {change}% los asesinatos en {region}: {count} muerto este trimestre"},
    "news.attacks": {
        "en": "{count} public attack in {region} this quarter",
        "es": "{count} ataque a la vista de todos en {region} este trimestre"},
    "news.civilians": {
        "en": "{count} bystander killed in {region} this quarter",
        "es": "{count} persona ajena al conflicto muere en {region} este trimestre"},
    "news.abuses": {
        "en": "{count} complaint of abuse against security forces in {region}",
        "es": "{count} denuncia de abusos de las fuerzas de seguridad en {region}"},
    "news.kidnappings": {
        "en": "{count} kidnapping reported in {region}",
        "es": "{count} secuestro denunciado en {region}"},
    "news.national_total": {
        "en": "{count} homicide recorded across Mexico this quarter",
        "es": "{count} homicidio registrado en todo México este trimestre"},
    "report.teams_count": {"en": "{count} team", "es": "{count} equipo"},
    "report.skipped_title": {
        "en": "{count} file left out of this report",
        "es": "{count} archivo fuera de este informe"},
    "report.partial": {"en": "played {turns} quarter", "es": "jugó {turns} trimestre"},
    "report.actions_intro": {
        "en": "Which interventions the team started in each quarter: a dark cell is a start. "
              "The number at the end of a row is the total.",
        "es": "Qué intervenciones inició el equipo en cada trimestre: una celda oscura es un "
              "inicio. El número al final de la fila es el total."},
    "report.cli.progress": {
        "en": "debrief: read {done} of {total} file",
        "es": "cierre: {done} de {total} archivo leído"},
    "ui.units.quarters": {"en": "{count} quarter", "es": "{count} trimestre"},
    "ui.card.quarters": {"en": "{count} quarter", "es": "{count} trim."},
    "ui.scale.classrooms": {
        "en": "That is about {count} classroom of 30 students.",
        "es": "Es como {count} salón de 30 alumnos."},
    "ui.scale.schools": {
        "en": "That is about {count} whole school of 500 students.",
        "es": "Es como {count} escuela completa de 500 alumnos."},
    "ui.saves.detail": {
        "en": "{scenario} · {role} · {turn} quarter played",
        "es": "{scenario} · {role} · {turn} trimestre jugado"},
    "ui.saves.detail_period": {
        "en": "{scenario} · {role} · {period} · {turn} quarter played",
        "es": "{scenario} · {role} · {period} · {turn} trimestre jugado"},
    "ui.new_game.dates": {
        "en": "From {start} to {end}: {turns} quarter.",
        "es": "De {start} a {end}: {turns} trimestre."},
    "ui.results.national_deaths": {
        "en": "{count} person was killed in the regions you follow this quarter, about "
              "{per_day} every day.",
        "es": "Este trimestre asesinaron a {count} persona en las regiones que sigues, unas "
              "{per_day} cada día."},
    "ui.debrief.saved": {
        "en": "About {count} fewer person was killed than if you had done nothing new.",
        "es": "Asesinaron a {count} persona menos que si no hubieras hecho nada nuevo."},
    "ui.debrief.lost": {
        "en": "About {count} more person was killed than if you had done nothing new.",
        "es": "Asesinaron a {count} persona más que si no hubieras hecho nada nuevo."},
    "ui.workshop.timer": {
        "en": "Round timer: {minutes} minute per quarter",
        "es": "Cronómetro: {minutes} minuto por trimestre"},
    "ui.workshop.turns": {
        "en": "Length: {turns} quarter", "es": "Duración: {turns} trimestre"},
    "ui.workshop.actions_all": {
        "en": "Intervention: the only one of your role",
        "es": "Intervención: la única de tu cargo"},
    "ui.workshop.actions_some": {
        "en": "Intervention: {count} chosen by your instructor ({names})",
        "es": "Intervención: {count} elegida por tu profesor ({names})"},
    "ui.assumptions.demo": {
        "en": "No game played yet: a game of {turns} quarter with no new policy (seed {seed}).",
        "es": "Todavía no hay partida: una de {turns} trimestre sin nuevas políticas "
              "(semilla {seed})."},
    "ui.assumptions.your_decisions": {
        "en": "Your decisions over {turns} quarter, replayed on the same seed ({seed}).",
        "es": "Tus decisiones durante {turns} trimestre, jugadas otra vez con la misma semilla "
              "({seed})."},
    "ui.assumptions.more": {
        "en": "In the changed world about {count} more person was killed.",
        "es": "En el mundo cambiado hubo {count} homicidio más."},
    "ui.assumptions.fewer": {
        "en": "In the changed world about {count} fewer person was killed.",
        "es": "En el mundo cambiado hubo {count} homicidio menos."},
    "ui.assumptions.skipped": {
        "en": "{count} decision could not be made there and was skipped.",
        "es": "{count} decisión no se pudo tomar ahí y se saltó."},
    "workshop.show.timer": {
        "en": "Round timer: {minutes} minute per quarter",
        "es": "Temporizador: {minutes} minuto por trimestre"},
    "workshop.show.actions_all": {
        "en": "Intervention: the only one of the role",
        "es": "Intervención: la única del rol"},
}


def comments_by_key(path: Path) -> dict[str, list[str]]:
    """Comment blocks that precede each key, one paragraph per block (the file header included)."""
    pending: list[list[str]] = []
    table = ""
    found: dict[str, list[str]] = {}
    fresh = True
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            fresh = True
            continue
        if line.startswith("#"):
            divider = line.startswith("# ---")
            text = line.lstrip("#").strip().strip("-").strip()
            if text:
                if fresh or divider or not pending:
                    pending.append([])
                pending[-1].append(text)
            fresh = divider
            continue
        fresh = False
        header = TABLE.match(line)
        if header:
            table = header[1] + "."
            continue
        key = KEY.match(line)
        if key and pending:
            found[table + key[1]] = [" ".join(block) for block in pending]
            pending = []
    return found


def flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """Flatten nested TOML tables into dotted keys, as the old loader did."""
    flat: dict[str, str] = {}
    for key, value in table.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, dotted + "."))
        else:
            flat[dotted] = str(value)
    return flat


def convert(lang: str) -> Catalog:
    """Read one language's TOML files into a Babel catalog, in the old order."""
    head = HEADERS[lang]
    catalog = new_catalog(head["locale"], head["team"], head["plural"], f", in {head['team']}")
    catalog.revision_date = catalog.creation_date
    catalog.msgid_bugs_address = ""
    for path in sorted((LOCALE / lang).glob("*.toml")):
        with path.open("rb") as handle:
            table = flatten(tomllib.load(handle))
        notes = comments_by_key(path)
        first = True
        for key, text in table.items():
            comments = list(notes.get(key, []))
            if first:
                comments[:1] = [f"{path.stem}: {comments[0]}"] if comments else [path.stem]
                first = False
            if key in PLURALS:
                catalog.add((key, key + PLURAL_SUFFIX), (PLURALS[key][lang], text),
                            user_comments=comments)
            else:
                catalog.add(key, text, user_comments=comments)
    return catalog


def main() -> None:
    """Convert English, write the template from it, then Spanish merged into its order."""
    english = convert("en")
    write_catalog(english, LOCALE / "en" / "LC_MESSAGES" / "plaza.po")
    pot = template_of(english)
    write_catalog(pot, LOCALE / "plaza.pot")
    spanish = convert("es")
    spanish.update(pot, no_fuzzy_matching=True, update_header_comment=False)
    write_catalog(spanish, LOCALE / "es" / "LC_MESSAGES" / "plaza.po")
    print(f"en {len(english)}, es {len(spanish)}, template {len(pot)}")


if __name__ == "__main__":
    main()
