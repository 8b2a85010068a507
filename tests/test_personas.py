"""Personas drawn from the sheet get the recommendation a domain expert would give."""

from __future__ import annotations

import pytest
from personas import PERSONAS, Persona

from espaces_cli.core.engine import advise
from espaces_cli.core.model import RuleBase


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_persona_gets_the_expected_type(shipped: RuleBase, persona: Persona) -> None:
    advice = advise(shipped, persona.answers)
    assert advice.winner is not None
    assert advice.winner.space_type.id == persona.expected, persona.why
    assert advice.certainty.level != "tie", persona.why


def test_personas_cover_every_profile_and_both_company_branches() -> None:
    profiles = {p.answers["profil"] for p in PERSONAS}
    assert profiles == {
        "independant",
        "etudiant",
        "porteur_projet",
        "petite_structure",
        "grande_entreprise",
    }
    branches = {p.answers.get("objectif_entreprise") for p in PERSONAS} - {None}
    assert branches == {"externaliser", "transformer"}
    assert len(PERSONAS) >= 12


def test_every_type_wins_for_some_persona(shipped: RuleBase) -> None:
    winners = {p.expected for p in PERSONAS}
    # the types added in issue 10 are the expert persona set's (test_personas_expert.py)
    assert winners == {t.id for t in shipped.space_types} - {"couveuse", "hotel_entreprises"}
