"""The shape of what lands in a terminal or a pipe: width, trailing spaces, hanging
indents, addresses kept whole. Checked at 80 and 120 columns, in-process and piped."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import STUDENT, flags
from typer.testing import CliRunner

from espaces_cli.cli import app
from espaces_cli.cli.environment import Environment

WHOLE = {
    **STUDENT,
    "nature_projet": "innovant",
    "secteur": "numerique",
    "confidentialite": "normale",
}
# a run whose report cites dated facts with long addresses (coworking in a big city)
CITED = {
    "profil": "etudiant",
    "besoins": "salles_reunion,rencontres",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "quelques_mois",
    "budget": "eleve",
    "territoire": "grande_ville",
    "nature_projet": "innovant",
    "secteur": "numerique",
    "confidentialite": "normale",
}
URL = re.compile(r"https?://\S+")


def run(*args: str, columns: str | None) -> str:
    env: dict[str, str | None] = {"NO_COLOR": "1", "ESPACES_RULES": None, "COLUMNS": columns}
    result = CliRunner(env=env).invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def long_lines(text: str, width: int) -> list[str]:
    """Lines wider than ``width`` that are not a command to copy or a web address."""
    return [
        line
        for line in text.splitlines()
        if len(line) > width and "espaces advise " not in line and not URL.search(line)
    ]


def test_environment_width_follows_columns_when_piped() -> None:
    assert Environment(variables={"COLUMNS": "120"}).width == 120
    assert Environment(variables={}).width == 80
    for nonsense in ("", "0", "-5", "abc", " "):
        assert Environment(variables={"COLUMNS": nonsense}).width == 80
    assert Environment(variables={"COLUMNS": "100000"}).width == 500
    assert Environment(variables={"COLUMNS": "10"}).width == 40
    terminal = Environment(variables={"COLUMNS": "50"}, stdout_is_terminal=True, terminal_width=132)
    assert terminal.width == 132


COMMANDS = [
    ("advise", "--no-input", *flags(CITED)),
    ("advise", "--no-input", *flags(WHOLE)),
    ("questions",),
    ("types",),
    ("types", "coworking"),
    ("rules", "explain", "fab_lab"),
]


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_piped_output_follows_columns_without_trailing_spaces(
    args: tuple[str, ...], columns: int
) -> None:
    text = run(*args, columns=str(columns))
    assert not [line for line in text.splitlines() if line != line.rstrip()]
    assert long_lines(text, columns) == []


def test_without_columns_the_width_is_80_not_100() -> None:
    text = run("advise", "--no-input", *flags(CITED), columns=None)
    box_top = text.splitlines()[0]
    assert box_top.startswith("╭")
    assert len(box_top) == 80
    assert long_lines(text, 80) == []


def test_at_120_columns_the_report_uses_the_width() -> None:
    text = run("advise", "--no-input", *flags(CITED), columns="120")
    assert len(text.splitlines()[0]) == 120


@pytest.mark.parametrize("columns", ["80", "120"])
def test_addresses_are_never_broken_nor_cut(columns: str) -> None:
    text = run("advise", "--no-input", *flags(CITED), columns=columns)
    urls = URL.findall(text)
    assert urls, "this run cites its sources"
    for url in urls:
        assert "…" not in url
        assert not url.endswith(("-", "/-"))
    # the longest known address is there whole
    assert (
        "https://www.anews-workwell.com/espaces-flexibles-le-boom-des-regions-avec-nice-lille-"
        "et-marseille-en-tete/"
    ) in text


def hangs(text: str, bullet: str) -> None:
    """Every line that continues a bullet starts under the bullet's first word."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        stripped = line.lstrip(" │")
        if not stripped.startswith(bullet):
            continue
        body = line.index(bullet) + len(bullet) + 1
        for follow in lines[index + 1 :]:
            inner = follow.strip("│").rstrip()
            follow_text = follow.lstrip(" │")
            if not inner.strip() or follow_text.startswith((bullet, "[ ]")):
                break
            if len(follow) - len(follow_text) < body and not URL.match(follow_text):
                break  # a new paragraph, not a continuation
            assert len(follow) - len(follow_text) >= body, (line, follow)


@pytest.mark.parametrize("columns", ["80", "120"])
def test_wrapped_bullets_hang_under_their_first_word(columns: str) -> None:
    text = run("advise", "--no-input", *flags(CITED), columns=columns)
    hangs(text, "•")
    hangs(text, "–")
    box = text[: text.index("╰")]
    reasons = [line for line in box.splitlines() if "–" in line]
    assert reasons, "this run is not clear-cut: its reasons are in the box"


def test_type_details_hang_under_their_bullet() -> None:
    text = run("types", "coworking", columns="80")
    bullets = [i for i, line in enumerate(text.splitlines()) if line.startswith("  • ")]
    lines = text.splitlines()
    continued = [
        lines[i + 1]
        for i in bullets
        if i + 1 < len(lines) and lines[i + 1].strip() and not lines[i + 1].startswith("  • ")
    ]
    assert continued, "some items of a type wrap at 80 columns"
    for line in continued:
        assert line.startswith("    "), line
        assert not line.startswith("     "), line


def test_types_fits_80_columns() -> None:
    text = run("types", columns="80")
    lines = text.splitlines()
    assert len(lines) <= 80, len(lines)
    assert long_lines(text, 80) == []


@pytest.mark.parametrize("columns", ["80", "120"])
def test_piped_from_the_installed_command(columns: str) -> None:
    """A real pipe: stdout is not a terminal, COLUMNS comes from the environment."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": columns, "ESPACES_LANG": "fr"}
    env.pop("ESPACES_RULES", None)
    done = subprocess.run(
        [sys.executable, "-m", "espaces_cli", "advise", "--no-input", *flags(CITED)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert not [line for line in done.stdout.splitlines() if line != line.rstrip()]
    assert len(done.stdout.splitlines()[0]) == int(columns)
    assert long_lines(done.stdout, int(columns)) == []
    assert done.stdout.rstrip("\n").splitlines()[-1].startswith("En bref : ")
