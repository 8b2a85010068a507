"""The shipped rule base honours the contracts of design §2 and the content bar of the issue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from espaces_cli.core.conditions import questions_read
from espaces_cli.core.model import RuleBase

CONTRACT_QUESTIONS = {
    "profil": (
        "one",
        [
            "independant",
            "etudiant",
            "porteur_projet",
            "petite_structure",
            "association",
            "grande_entreprise",
            "salarie",
            "demandeur_emploi",
            "chercheur",
        ],
    ),
    "objectif_entreprise": ("one", ["externaliser", "transformer"]),
    "nature_projet": ("one", ["innovant", "classique", "ne_sait_pas"]),
    "besoins": (
        "several",
        [
            "bureau_mobile",
            "salles_reunion",
            "convivialite",
            "rencontres",
            "prototypage",
            "accompagnement",
            "appels_projets",
            "financement",
            "tests_usagers",
            "domiciliation",
        ],
    ),
    "stade": ("one", ["idee", "prototype", "lancement", "croissance", "sans_projet"]),
    "frequence": ("one", ["quotidienne", "reguliere", "ponctuelle"]),
    "duree": ("one", ["essai", "quelques_mois", "longue"]),
    "budget": ("one", ["minimal", "modeste", "moyen", "eleve"]),
    "territoire": ("one", ["grande_ville", "ville_moyenne", "rural", "distance"]),
    "secteur": (
        "several",
        ["numerique", "social_solidaire", "culturel", "industrie_technique", "artisanat", "autre"],
    ),
    "confidentialite": ("one", ["forte", "normale"]),
}
CONTRACT_TYPES = [
    "coworking",
    "fab_lab",
    "makerspace",
    "incubateur",
    "accelerateur",
    "pepiniere",
    "tiers_lieu",
    "living_lab",
    "centre_affaires",
    "open_innovation",
    "plateforme_collaborative",
    "couveuse",
    "hotel_entreprises",
]
DOMAIN = Path(__file__).resolve().parents[2] / "shared" / "reference" / "domain.md"
FACTS_NOTE = Path(__file__).resolve().parents[1] / "docs" / "facts.md"
"""The dated, sourced research note kept with the rule base (issue 10)."""


def test_questions_and_choices_follow_the_contract(shipped: RuleBase) -> None:
    for qid, (kind, choices) in CONTRACT_QUESTIONS.items():
        question = shipped.question(qid)
        assert question.kind == kind
        assert list(question.choice_ids()) == choices
    assert shipped.question("besoins").min_choices == 1
    assert shipped.question("secteur").min_choices == 0


def test_company_branch_and_stage_are_conditional_on_the_profile(shipped: RuleBase) -> None:
    assert questions_read(shipped.question("objectif_entreprise").when) == {"profil"}
    assert questions_read(shipped.question("stade").when) == {"profil"}
    assert questions_read(shipped.question("nature_projet").when) == {"profil"}
    order = [q.id for q in shipped.questions]
    assert order.index("profil") < order.index("objectif_entreprise")
    # the main routing split comes right after who you are
    assert order.index("nature_projet") == order.index("objectif_entreprise") + 1
    assert shipped.question("nature_projet").default == "ne_sait_pas"


def test_every_contract_type_is_present(shipped: RuleBase) -> None:
    assert [t.id for t in shipped.space_types] == CONTRACT_TYPES


def test_each_type_has_enough_content(shipped: RuleBase) -> None:
    for space_type in shipped.space_types:
        assert len(space_type.summary.fr) > 60, space_type.id
        assert len(space_type.advantages) >= 4, space_type.id
        assert len(space_type.precautions) >= 4, space_type.id
        assert len(space_type.checklist) >= 6, space_type.id
        assert len(space_type.facts) >= 2, space_type.id
        assert set(space_type.fit) == {c.id for c in shipped.criteria}
        assert all(0 <= v <= 4 for v in space_type.fit.values())


def test_every_question_has_weight_rules(shipped: RuleBase) -> None:
    weighed = set().union(*(questions_read(r.when) for r in shipped.weight_rules))
    assert weighed == set(CONTRACT_QUESTIONS)


def test_every_criterion_is_weighed_by_some_rule(shipped: RuleBase) -> None:
    weighed = {c for r in shipped.weight_rules for c, p in r.add if p > 0}
    assert weighed == {c.id for c in shipped.criteria}


def test_the_sheets_three_general_precautions_are_always_there(shipped: RuleBase) -> None:
    always = [g.text.fr for g in shipped.general_precautions if g.when is None]
    joined = " ".join(always).lower()
    assert "animateurs" in joined
    assert "pas toujours rentables" in joined
    assert "financement" in joined
    assert "visitez plusieurs lieux" in joined


def test_meeting_rooms_trigger_the_hours_included_question(shipped: RuleBase) -> None:
    triggered = [g for g in shipped.general_checklist if g.when is not None]
    assert any("heures" in g.text.fr and "salles_reunion" in str(g.when) for g in triggered)


@pytest.mark.skipif(
    not DOMAIN.exists(),
    reason="the research notes the facts were taken from (shared/reference/domain.md) are kept "
    "outside this repository; this check runs where they are present",
)
def test_every_fact_cites_a_source_of_the_domain_file_with_a_year_it_gives(
    shipped: RuleBase,
) -> None:
    domain = DOMAIN.read_text(encoding="utf-8") + FACTS_NOTE.read_text(encoding="utf-8")
    for pointer in shipped.pointers:
        assert pointer.source in domain, (pointer.id, pointer.source)
    for space_type in shipped.space_types:
        for fact in space_type.facts:
            assert fact.source in domain, (space_type.id, fact.source)
            assert str(fact.year) in domain, (space_type.id, fact.year)
            # every figure in a fact's text also stands in the domain file
            for number in re.findall(r"\d[\d  ]*\d|\d", fact.text.fr):
                plain = number.replace(" ", "").replace(" ", "")
                assert plain in domain.replace(",", "").replace(" ", "") or number in domain, (
                    space_type.id,
                    number,
                )


def _texts(shipped: RuleBase) -> list[tuple[str, object]]:
    """Every text of the rule base, with where it is."""
    found: list[tuple[str, object]] = []
    for c in shipped.criteria:
        found += [(f"criteria.{c.id}.label", c.label), (f"criteria.{c.id}.help", c.help)]
    for q in shipped.questions:
        found += [(f"questions.{q.id}.label", q.label), (f"questions.{q.id}.help", q.help)]
        found += [(f"questions.{q.id}.choices.{ch.id}", ch.label) for ch in q.choices]
    found += [(f"weight_rules.{r.id}.because", r.because) for r in shipped.weight_rules]
    for t in shipped.space_types:
        where = f"space_types.{t.id}"
        found += [(f"{where}.label", t.label), (f"{where}.summary", t.summary)]
        found += [(f"{where}.advantages", a.text) for a in t.advantages]
        found += [(f"{where}.precautions", p.text) for p in t.precautions]
        found += [(f"{where}.checklist", c.text) for c in t.checklist]
        found += [(f"{where}.facts", f.text) for f in t.facts]
        found += [(f"{where}.exclude_if", e.reason) for e in t.exclude_if]
    found += [("general.precautions", p.text) for p in shipped.general_precautions]
    found += [("general.checklist", c.text) for c in shipped.general_checklist]
    return [(where, text) for where, text in found if text is not None]


def test_every_text_has_an_english_version(shipped: RuleBase) -> None:
    texts = _texts(shipped)
    assert len(texts) > 350
    missing = [where for where, text in texts if "en" not in dict(text.translations)]  # type: ignore[attr-defined]
    assert missing == []
    same = [
        where
        for where, text in texts
        if dict(text.translations)["en"] == text.fr  # type: ignore[attr-defined]
        and len(text.fr) > 12
    ]  # type: ignore[attr-defined]
    assert same == [], "an English text left in French"
