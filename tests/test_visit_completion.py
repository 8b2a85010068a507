"""Shell completion of ``visit``: place names from the notebook, checklist ids and answers."""

from __future__ import annotations

from pathlib import Path

import pytest
from terminals import bash_complete
from visit_samples import ATELIER, CORDEE, RULES, run, visit_file


@pytest.fixture
def notebook(tmp_path: Path) -> str:
    path = str(tmp_path / "carnet.yaml")
    assert (
        run(
            "visit", "new", path, "--no-input", "-a", "besoin=bureau", "-a", "budget=serre"
        ).exit_code
        == 0
    )
    for n, place in enumerate((CORDEE, ATELIER)):
        assert (
            run("visit", "add", path, "--from", visit_file(tmp_path, place, f"v{n}")).exit_code == 0
        )
    return path


def test_the_visit_commands_complete() -> None:
    assert bash_complete("espaces visit co") == ["compare"]
    assert bash_complete("espaces visit add x --ty") == ["--type"]


def test_place_names_come_from_the_notebook(notebook: str) -> None:
    found = bash_complete(f"espaces visit remove {notebook} ", ESPACES_RULES=RULES)
    assert " ".join(found) == "La Cordée L'Atelier <b>&co"  # bash splits on spaces
    assert bash_complete(f"espaces visit remove {notebook} La", ESPACES_RULES=RULES) == [
        "La",
        "Cordée",
    ]


def test_checklist_ids_and_answers_complete(notebook: str) -> None:
    line = f"espaces visit add {notebook} X --type coworking --check "
    assert bash_complete(line + "cw_", ESPACES_RULES=RULES) == ["cw_essai=", "cw_bruit="]
    assert bash_complete(line + "gen_", ESPACES_RULES=RULES) == [
        "gen_animation=",
        "gen_financement=",
        "gen_prix=",
    ]
    assert bash_complete(line + "cw_essai=p", ESPACES_RULES=RULES) == ["cw_essai=partiel"]
    # without a type yet, nothing sensible to offer
    assert bash_complete(f"espaces visit add {notebook} X --check cw", ESPACES_RULES=RULES) == []


def test_an_unreadable_notebook_completes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [\n", encoding="utf-8")
    assert bash_complete(f"espaces visit remove {bad} ", ESPACES_RULES=RULES) == []
