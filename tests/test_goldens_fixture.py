"""Goldens of every advice format on a small fixture rule base, in French and English.

They change only when the program's output changes, never when the shipped rule base is
edited (its sha256 and texts are in the shipped goldens). Regenerate deliberately with
``ESPACES_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "atelier-rules.yaml"
GOLDEN = HERE / "golden" / "fixture"
ENV = {"NO_COLOR": "1", "COLUMNS": "80", "TERM": "xterm", "LANG": "C.UTF-8"}
ANSWERS = ("-a", "besoins=calme,machines", "-a", "budget=petit")

CASES = {
    "advise-fr.txt": ("--format", "terminal"),
    "advise-en.txt": ("--lang", "en", "--format", "terminal"),
    "advise-plain-fr.txt": ("--plain",),
    "advise-plain-en.txt": ("--plain", "--lang", "en"),
    "advise-fr.md": ("--format", "markdown"),
    "advise-en.md": ("--lang", "en", "--format", "markdown"),
    "advise.json": ("--format", "json"),
}


def espaces(*argv: str) -> tuple[int, str, str]:
    """The whole command in-process, as a user's shell would run it (``--lang`` anywhere)."""
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), Environment(variables=dict(ENV), stdout=out, stderr=err))
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_format_and_language_matches_its_golden(name: str) -> None:
    argv = ["advise", "--no-input", "--rules", str(FIXTURE), *ANSWERS, *CASES[name]]
    status, stdout, stderr = espaces(*argv)
    assert (status, stderr) == (0, "")
    text = stdout.replace(str(FIXTURE), "tests/fixtures/atelier-rules.yaml")
    path = GOLDEN / name
    if os.environ.get("ESPACES_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_the_fixture_is_a_valid_rule_base_without_warnings() -> None:
    status, _stdout, stderr = espaces("rules", "check", "--rules", str(FIXTURE))
    assert (status, stderr) == (0, "Base de règles valide (0 avertissement).\n")
