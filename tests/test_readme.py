"""The README documents every command and option, and its test command is the one CI runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from espaces_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
INSTALL_AND_RUN = (
    "python3 -m venv .venv && . .venv/bin/activate && python -m pip install . && espaces advise"
)
TEST_COMMAND = 'python -m pip install -e ".[test]" && python -m pytest'


def test_quick_start_is_exactly_two_commands() -> None:
    quick_start = README.split("## Démarrage rapide", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick_start, flags=re.S)
    assert [b.strip() for b in blocks] == [INSTALL_AND_RUN, TEST_COMMAND]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install, test = TEST_COMMAND.split(" && ")
    assert install in ci
    assert test in ci.splitlines()


COMMANDS = ["advise", "questions", "types", "rules", "workshop", "visit"]
RULES_COMMANDS = [
    "rules check",
    "rules coverage",
    "rules schema",
    "rules init",
    "rules explain",
    "workshop new",
    "workshop add",
    "workshop import",
    "workshop list",
    "workshop remove",
    "workshop report",
    "workshop serve",
    "visit new",
    "visit sheet",
    "visit add",
    "visit list",
    "visit remove",
    "visit compare",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented(command: str) -> None:
    assert f"`espaces {command}`" in README


@pytest.mark.parametrize("command", RULES_COMMANDS)
def test_every_rules_command_has_an_example(command: str) -> None:
    assert f"espaces {command}" in README


@pytest.mark.parametrize("command", ["", "advise", "questions", "types", *RULES_COMMANDS])
def test_every_option_is_documented(command: str) -> None:
    args = [*command.split(), "--help"]
    help_text = CliRunner(env={"COLUMNS": "200"}).invoke(app, args).stdout
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", help_text)) - {"--help"}
    if command == "advise":
        assert "--save-answers" in options
    for option in options:
        assert option in README, f"{command} {option} is not in the README"
