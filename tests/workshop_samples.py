"""Three participants and the in-process runner the workshop tests share."""

from __future__ import annotations

from pathlib import Path

import yaml
from typer.testing import CliRunner

from espaces_cli.cli import app

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_RULES": None}

ALICE = {
    "profil": "independant",
    "besoins": "salles_reunion,convivialite",
    "stade": "lancement",
    "frequence": "reguliere",
    "duree": "quelques_mois",
    "budget": "modeste",
    "territoire": "grande_ville",
}
BOB = {
    "profil": "porteur_projet",
    "besoins": "accompagnement,financement",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "longue",
    "budget": "modeste",
    "territoire": "grande_ville",
}
CAROL = {
    "profil": "etudiant",
    "besoins": "bureau_mobile,convivialite",
    "stade": "sans_projet",
    "frequence": "reguliere",
    "duree": "quelques_mois",
    "budget": "minimal",
    "territoire": "grande_ville",
}


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner(env=ENV).invoke(app, list(args), input=stdin)


def answers_file(folder: Path, name: str, answers: dict[str, str]) -> str:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"answers": answers}, allow_unicode=True), encoding="utf-8")
    return str(path)
