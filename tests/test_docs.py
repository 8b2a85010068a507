"""Every YAML example of docs/rule-base.md is a whole rule base that ``rules check`` accepts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from espaces_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "rule-base.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```yaml\n(.*?)```", DOC, flags=re.S)
ENV = {"NO_COLOR": "1", "ESPACES_RULES": None}


def test_the_guide_has_its_examples() -> None:
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_each_example_passes_rules_check(tmp_path: Path, example: str) -> None:
    path = tmp_path / "exemple.yaml"
    path.write_text(example, encoding="utf-8")
    result = CliRunner(env=ENV).invoke(app, ["rules", "check", str(path)])
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stdout == "", result.stdout


def test_the_worked_example_gives_the_figures_the_guide_states(tmp_path: Path) -> None:
    path = tmp_path / "exemple.yaml"
    path.write_text(EXAMPLES[0], encoding="utf-8")
    result = CliRunner(env=ENV).invoke(
        app,
        [
            "advise",
            "--rules",
            str(path),
            "--no-input",
            "-a",
            "besoin=outils",
            "-a",
            "budget=petit",
            "--format",
            "json",
        ],
    )
    document = json.loads(result.stdout)
    assert document["weights"] == {"calme": 0.25, "outils": 0.75}
    scores = {r["id"]: r["score"] for r in document["ranking"]}
    assert scores == {"atelier": 81.25, "bureau": 25.0}
    assert document["recommendation"]["margin"] == 56.25
    assert document["recommendation"]["confidence"] == "narrow"
    assert {g["id"]: g["points"] for g in document["why"]["gap"]} == {
        "outils": 75.0,
        "calme": -18.75,
    }
    for figure in ("81,25", "56,25", "−18,75", "0,75"):
        assert figure in DOC


def test_every_documented_check_command_exists() -> None:
    for command in re.findall(r"espaces rules (\w+)", DOC):
        result = CliRunner(env=ENV).invoke(app, ["rules", command, "--help"])
        assert result.exit_code == 0, command
