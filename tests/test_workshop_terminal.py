"""The workshop report at a terminal: certainty reasons summarised, the comparison named,
the recommended type ruled out for some participants said, lines hanging at 80 columns."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment

HEADER = (
    "nom,profil,besoins,stade,frequence,duree,budget,territoire,"
    "nature_projet,secteur,confidentialite\n"
)
# four people who lean to coworking, narrowly, with several criteria that would flip it
SPLIT = HEADER + (
    "alice,etudiant,salles_reunion;rencontres,idee,reguliere,quelques_mois,modeste,"
    "grande_ville,innovant,numerique,normale\n"
    "bob,porteur_projet,accompagnement;rencontres,idee,reguliere,longue,modeste,"
    "grande_ville,innovant,numerique,normale\n"
    "chloe,salarie,bureau_mobile;convivialite,,quotidienne,longue,moyen,grande_ville,,,normale\n"
    "dan,independant,rencontres;accompagnement,lancement,reguliere,longue,modeste,"
    "grande_ville,innovant,numerique,normale\n"
)
# two founders want an incubator; the employee among them cannot be incubated
INCUBATOR = HEADER + (
    "ana,porteur_projet,accompagnement;financement,idee,reguliere,longue,modeste,"
    "grande_ville,innovant,numerique,forte\n"
    "ben,porteur_projet,accompagnement;financement,prototype,reguliere,longue,modeste,"
    "grande_ville,innovant,numerique,forte\n"
    "cyril,salarie,accompagnement,,reguliere,longue,modeste,grande_ville,,numerique,forte\n"
)


def espaces(*args: str, columns: str = "80", lang: str = "fr") -> str:
    variables = {k: v for k, v in os.environ.items() if k != "ESPACES_RULES"}
    variables.update({"NO_COLOR": "1", "COLUMNS": columns, "ESPACES_LANG": lang})
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), Environment(variables=variables, stdout=out, stderr=err))
    assert status == 0, err.getvalue()
    return out.getvalue()


def report(tmp_path: Path, rows: str, columns: str = "80", lang: str = "fr") -> str:
    session = tmp_path / "atelier.yaml"
    if not session.exists():
        espaces("workshop", "new", str(session), "--title", "Atelier")
        form = tmp_path / "form.csv"
        form.write_text(rows, encoding="utf-8")
        espaces("workshop", "import", str(session), str(form))
    return espaces("workshop", "report", str(session), columns=columns, lang=lang)


def test_certainty_reasons_are_summarised(tmp_path: Path) -> None:
    text = report(tmp_path, SPLIT)
    head = text.split("Classement du groupe")[0]
    assert "certitude serrée" in head
    assert "Sans l'un de ces 4 critères, Incubateur passerait en tête" in " ".join(head.split())
    assert "et 1 autre." in " ".join(head.split())
    assert head.count("Sans le critère") == 0
    assert len([line for line in head.splitlines() if line.lstrip().startswith("–")]) <= 3


def test_the_why_names_the_type_it_compares_with(tmp_path: Path) -> None:
    text = report(tmp_path, SPLIT)
    why = text.split("Pourquoi\n")[1].split("Précautions")[0]
    assert "Ce qui pèse le plus dans le score :" in why
    assert "Ce qui fait la différence avec Incubateur :" in why
    assert "écart " not in why


def test_a_recommended_type_ruled_out_for_some_participants_says_so(tmp_path: Path) -> None:
    text = report(tmp_path, INCUBATOR)
    head = " ".join(text.split("Classement du groupe")[0].split())
    assert "Incubateur est écarté pour 1 participant (cyril) : Un incubateur" in head
    english = report(tmp_path, INCUBATOR, lang="en")
    assert "is ruled out for 1 participant (cyril)" in " ".join(english.split())


def test_no_warning_when_nobody_rules_the_recommendation_out(tmp_path: Path) -> None:
    text = report(tmp_path, SPLIT)
    assert "est écarté pour" not in text


@pytest.mark.parametrize("columns", [80, 120])
def test_the_report_fits_and_hangs(tmp_path: Path, columns: int) -> None:
    text = report(tmp_path, SPLIT, columns=str(columns))
    lines = text.splitlines()
    assert not [line for line in lines if line != line.rstrip()]
    assert not [line for line in lines if len(line) > columns]
    for index, line in enumerate(lines[:-1]):
        follow = lines[index + 1]
        # the line after a bullet is another bullet, a blank, the closing line, or its
        # continuation, which hangs under the bullet's first word
        if not line.startswith("  • ") or not follow.strip():
            continue
        if follow.lstrip().startswith(("•", "[ ]")) or follow.startswith("Base de règles"):
            continue
        assert follow.startswith("    "), (line, follow)
