"""What the visit tests share: the fixture rule base, three visits, and how to run things
(in-process, in a pseudo-terminal, in a browser, in bash completion)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from typer.testing import CliRunner

from espaces_cli.cli import app

HERE = Path(__file__).parent
RULES = str(HERE / "fixtures" / "visit_rules.yaml")
GOLDEN = HERE / "golden"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_RULES": RULES}
ESPACES = str(Path(sys.executable).parent / "espaces")

CORDEE = {
    "name": "La Cordée",
    "type": "coworking",
    "address": "12 rue de la Villette, Lyon",
    "date": "2026-11-20",
    "price_month": 140,
    "rating": 4,
    "contract": "sans engagement, préavis d'un mois",
    "checks": {
        "gen_animation": "oui",
        "gen_financement": "partiel",
        "gen_prix": "oui",
        "cw_essai": "oui",
    },
    "check_notes": {"gen_financement": "coopérative, pas de chiffres"},
}
ATELIER = {
    "name": "L'Atelier <b>&co",
    "type": "fab_lab",
    "date": "2026-11-22",
    "price_month": 30,
    "rating": 5,
    "checks": {"gen_animation": "oui", "gen_financement": "non", "fl_machines": "oui"},
    "check_notes": {"gen_financement": "subvention jusqu'en juin"},
}
REGUS = {
    "name": "Regus Gare",
    "type": "coworking",
    "date": "2026-11-25",
    "price_month": 390,
    "rating": 3,
    "checks": {"gen_animation": "oui", "gen_prix": "oui", "cw_essai": "oui", "cw_bruit": "partiel"},
}


def run(*args: str, stdin: str | None = None, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner(env={**ENV, **(env or {})}).invoke(app, list(args), input=stdin)


def visit_file(folder: Path, document: dict[str, object], name: str = "visite") -> str:
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return str(path)
