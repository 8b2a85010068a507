"""Answer parsing and checking: the same rules for flags, files and prompts."""

from __future__ import annotations

import pytest

from espaces_cli.core.answers import (
    normalise_id,
    parse_answers,
    parse_assignments,
    planned_count,
    resolve_answers,
    split_assignment,
)
from espaces_cli.core.errors import UsageError
from espaces_cli.core.model import RuleBase

FULL = {
    "profil": "independant",
    "besoins": "salles_reunion,rencontres",
    "stade": "lancement",
    "frequence": "reguliere",
    "duree": "quelques_mois",
    "budget": "modeste",
    "territoire": "grande_ville",
}


def test_normalise_id_folds_case_accents_spaces_and_hyphens() -> None:
    assert normalise_id("  Indépendant ") == "independant"
    assert normalise_id("Grande-Entreprise") == "grande_entreprise"
    assert normalise_id("Salles réunion") == "salles_reunion"


def test_split_assignment_needs_an_equal_sign() -> None:
    assert split_assignment("besoins=a,b") == ("besoins", "a,b")
    with pytest.raises(UsageError, match="ID=VALEUR"):
        split_assignment("profil")
    with pytest.raises(UsageError, match="ID=VALEUR"):
        split_assignment("=x")


def test_ids_and_values_match_without_case_or_accents(shipped: RuleBase) -> None:
    parsed = parse_assignments(
        shipped, ["Profil=Indépendant", "BESOINS=Salles_Reunion, rencontres", "secteur="]
    )
    assert parsed == {
        "profil": "independant",
        "besoins": ("salles_reunion", "rencontres"),
        "secteur": (),
    }


def test_labels_are_accepted_as_values(shipped: RuleBase) -> None:
    assert parse_answers(shipped, {"budget": "Moins de 50 €"}) == {"budget": "minimal"}


def test_several_values_keep_choice_order_and_drop_repeats(shipped: RuleBase) -> None:
    parsed = parse_answers(shipped, {"besoins": ["rencontres", "bureau_mobile", "rencontres"]})
    assert parsed == {"besoins": ("bureau_mobile", "rencontres")}


def test_later_flag_wins(shipped: RuleBase) -> None:
    assert parse_assignments(shipped, ["budget=minimal", "budget=eleve"]) == {"budget": "eleve"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"profl": "etudiant"}, "Question inconnue « profl ». Vouliez-vous dire « profil » ?"),
        (
            {"profil": "etudiante"},
            "« etudiante » n'est pas une valeur permise. Vouliez-vous dire « etudiant » ?",
        ),
        ({"profil": "etudiant,independant"}, "profil attend une seule valeur"),
        ({"besoins": ""}, "besoins : choisissez au moins 1 valeur"),
        ({"budget": "zzz"}, "Valeurs permises : minimal, modeste, moyen, eleve."),
    ],
)
def test_bad_answers_are_explained(shipped: RuleBase, raw: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_answers(shipped, raw)
    assert message in caught.value.message
    assert "\n" not in caught.value.message


def test_missing_answers_are_all_named_at_once(shipped: RuleBase) -> None:
    with pytest.raises(UsageError) as caught:
        resolve_answers(shipped, {}, None, no_input_hint="HINT")
    assert caught.value.message == (
        "Réponses manquantes : profil, objectif_entreprise (selon profil), "
        "nature_projet (selon profil), besoins, stade (selon profil), frequence, duree, budget, "
        "territoire. HINT"
    )


def test_defaults_fill_optional_questions_and_inapplicable_answers_are_dropped(
    shipped: RuleBase,
) -> None:
    given = parse_answers(shipped, {**FULL, "objectif_entreprise": "transformer"})
    resolution = resolve_answers(shipped, given, None, no_input_hint="")
    assert resolution.answers["secteur"] == ()
    assert resolution.answers["confidentialite"] == "normale"
    assert resolution.ignored == ("objectif_entreprise",)
    assert "objectif_entreprise" not in resolution.answers


def test_large_companies_get_the_company_branch_and_not_the_stage(shipped: RuleBase) -> None:
    asked: list[tuple[str, int, int]] = []

    def ask(prompt):  # type: ignore[no-untyped-def]
        question, number, total = prompt.question, prompt.number, prompt.total
        asked.append((question.id, number, total))
        first = question.choice_ids()[0]
        fixed = {"profil": "grande_entreprise", "objectif_entreprise": "externaliser"}
        return fixed.get(question.id, first if question.kind == "one" else (first,))

    resolution = resolve_answers(shipped, {}, ask, no_input_hint="")
    ids = [a[0] for a in asked]
    assert "stade" not in ids
    assert "objectif_entreprise" in ids
    assert [a[1] for a in asked] == list(range(1, 10))
    # before the profile is known, the longest branch counts 10; then 9 for a company
    assert asked[0][2] == 10
    assert {a[2] for a in asked[1:]} == {9}
    assert "stade" not in resolution.answers


def test_progress_counts_only_questions_still_to_ask(shipped: RuleBase) -> None:
    given = parse_answers(shipped, {"profil": "etudiant", "budget": "minimal"})
    # 10 of the 11 questions apply to a student (not the company branch); 2 are given
    assert planned_count(shipped, given, given) == 8
    # before the profile is known, the longest branch leads to 10 questions
    assert planned_count(shipped, {}, ()) == 10


def test_back_goes_to_the_previous_asked_question_and_forgets_what_followed(
    shipped: RuleBase,
) -> None:
    from espaces_cli.core.answers import BACK

    script = iter(
        [
            "independant",
            "classique",
            ("rencontres",),
            BACK,
            ("salles_reunion",),
            "idee",
            "reguliere",
            "essai",
            "minimal",
            "rural",
            (),
            "normale",
        ]
    )
    seen: list[tuple[str, bool]] = []

    def ask(prompt):  # type: ignore[no-untyped-def]
        seen.append((prompt.question.id, prompt.can_go_back))
        return next(script)

    answers = resolve_answers(shipped, {}, ask, no_input_hint="").answers
    assert answers["besoins"] == ("salles_reunion",)
    assert seen[:5] == [
        ("profil", False),
        ("nature_projet", True),
        ("besoins", True),
        ("stade", True),
        ("besoins", True),
    ]


def test_interruption_carries_every_answer_known(shipped: RuleBase) -> None:
    from espaces_cli.core.answers import Interrupted

    def ask(prompt):  # type: ignore[no-untyped-def]
        if prompt.question.id == "stade":
            raise KeyboardInterrupt
        if prompt.question.id == "nature_projet":
            return "innovant"
        return "independant" if prompt.question.kind == "one" else ("rencontres",)

    with pytest.raises(Interrupted) as stopped:
        resolve_answers(shipped, {"budget": "minimal"}, ask, no_input_hint="")
    assert stopped.value.answers == {
        "budget": "minimal",
        "profil": "independant",
        "nature_projet": "innovant",
        "besoins": ("rencontres",),
    }
