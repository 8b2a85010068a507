"""What the reader of a report or a listing sees: the answer last, their answers in words,
conditions in words, in French and in English."""

from __future__ import annotations

import io
import json
import os

import pytest

from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment
from espaces_cli.core.model import AllOf, Leaf, Not
from espaces_cli.language import use
from espaces_cli.render.condition_words import asked_when, condition_words, for_whom
from espaces_cli.rules.loader import load_rule_base

ANSWERS = {
    "profil": "etudiant",
    "besoins": "salles_reunion,convivialite",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "quelques_mois",
    "budget": "modeste",
    "territoire": "grande_ville",
    "nature_projet": "innovant",
    "secteur": "",
    "confidentialite": "normale",
}
FLAGS = [part for qid, value in ANSWERS.items() for part in ("-a", f"{qid}={value}")]
SYNTAX = ("∈", "∉", "≠", " = ", "contient", "posée si", "(si ")


def run(*args: str, lang: str = "fr") -> str:
    """The command in-process, as ``main(argv, env)`` runs it (the language is chosen there)."""
    variables = {k: v for k, v in os.environ.items() if k != "ESPACES_RULES"}
    variables.update({"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_LANG": lang})
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), Environment(variables=variables, stdout=out, stderr=err))
    assert status == 0, err.getvalue()
    return out.getvalue()


def last_line(text: str) -> str:
    return text.rstrip("\n").splitlines()[-1]


@pytest.mark.parametrize("extra", [[], ["--plain"], ["--format", "markdown"]])
def test_every_report_ends_with_the_answer_in_one_line(extra: list[str]) -> None:
    text = run("advise", "--no-input", *FLAGS, *extra)
    document = json.loads(run("advise", "--no-input", *FLAGS, "--format", "json"))
    recommendation = document["recommendation"]
    score = f"{recommendation['score']:.1f}".replace(".", ",")
    words = {"clear": "nette", "narrow": "serrée", "tie": "ex aequo"}
    expected = (
        f"En bref : {recommendation['label']}, {score} / 100, "
        f"certitude {words[recommendation['confidence']]}."
    )
    assert last_line(text).strip("*") == expected


def test_the_summary_speaks_english_too() -> None:
    line = last_line(run("advise", "--no-input", *FLAGS, lang="en"))
    assert line.startswith("In short: ")
    assert "/ 100, certainty: " in line


def test_json_keys_are_unchanged_by_the_summary() -> None:
    document = json.loads(run("advise", "--no-input", *FLAGS, "--format", "json"))
    assert "summary" not in document
    assert document["schema_version"] == 1


def answers_section(text: str, heading: str, end: str) -> str:
    return text.split(heading)[-1].split(end)[0]


@pytest.mark.parametrize(
    ("extra", "heading", "end"),
    [
        ([], "Vos réponses\n", "Pour rejouer"),
        (["--plain"], "Vos réponses :\n", "Pour rejouer"),
        (["--format", "markdown"], "## Vos réponses\n", "## Pour rejouer"),
    ],
)
def test_your_answers_are_shown_as_labels_not_ids(extra: list[str], heading: str, end: str) -> None:
    section = answers_section(run("advise", "--no-input", *FLAGS, *extra), heading, end)
    section = " ".join(section.split())
    assert "Étudiant" in section
    assert "De 50 à 200 €" in section
    assert "Des salles de réunion ; Sortir de l'isolement, une ambiance conviviale" in section
    for an_id in ("etudiant", "modeste", "salles_reunion", "grande_ville", "reguliere"):
        assert an_id not in section
    assert "(aucun)" in section
    assert "`" not in section


def test_your_answers_follow_the_run_language() -> None:
    text = run("advise", "--no-input", *FLAGS, lang="en")
    section = answers_section(text, "Your answers\n", "To replay")
    assert "Student" in section
    assert "Étudiant" not in section


@pytest.mark.parametrize(
    "args",
    [
        ("questions",),
        ("questions", "--template"),
        ("types", "coworking"),
        ("types", "incubateur"),
        ("types", "coworking", "--format", "markdown"),
        ("rules", "explain", "fab_lab"),
        ("rules", "explain", "hotel_entreprises"),
    ],
)
def test_conditions_are_said_in_words(args: tuple[str, ...]) -> None:
    text = run(*args)
    for syntax in SYNTAX:
        assert syntax not in text, (syntax, args)


def test_question_conditions_name_the_choices() -> None:
    text = run("questions")
    assert "posée pour : Grande entreprise (équipe innovation, RH…)" in text
    assert "posée pour : tous sauf Grande entreprise" in text
    english = run("questions", lang="en")
    assert "asked for: " in english


def test_template_shows_labels_and_price_ranges_beside_ids() -> None:
    template = run("questions", "--template")
    assert "#   etudiant : Étudiant" in template
    assert "#   modeste : De 50 à 200 €" in template


def test_condition_words_cover_every_form() -> None:
    rule_base = load_rule_base(None)
    use("fr")
    if rule_base:
        student = Leaf("profil", "in", ("etudiant", "salarie"))
        assert condition_words(student, rule_base) == (
            "Étudiant / Salarié en télétravail, sans projet d'entreprise"
        )
        assert condition_words(Leaf("profil", "not_equals", ("etudiant",)), rule_base) == (
            "tous sauf Étudiant"
        )
        ticked = Leaf("besoins", "contains", ("prototypage",))
        assert condition_words(ticked, rule_base) == (
            "« Expérimenter, fabriquer, prototyper avec des machines » coché"
        )
        both = AllOf((student, Not(ticked)))
        assert condition_words(both, rule_base).startswith("Étudiant / Salarié")
        assert " et sauf « Expérimenter" in condition_words(both, rule_base)
        assert for_whom(None, rule_base) == ""
        assert for_whom(student, rule_base).startswith(" (pour : Étudiant")
        assert asked_when(student, rule_base).startswith("posée pour : ")
        # an id the rule base does not define is shown as it is
        assert condition_words(Leaf("profil", "equals", ("martien",)), rule_base) == "martien"
