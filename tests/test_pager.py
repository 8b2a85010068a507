"""The pager: a long report in a terminal is offered in ``$PAGER``; never in a pipe, never JSON."""

from __future__ import annotations

import io
import os
import shlex
from pathlib import Path

import pytest
from conftest import STUDENT, flags

from espaces_cli.cli.app import main
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.pager import pager_command, wants_pager

WHOLE = flags(
    {
        **STUDENT,
        "nature_projet": "ne_sait_pas",
        "secteur": "numerique",
        "confidentialite": "normale",
    }
)


def run(
    tmp_path: Path,
    *args: str,
    pager: str | None,
    terminal: bool = True,
    height: int = 24,
) -> tuple[int, str, str]:
    """``espaces advise`` in-process, stdout a real file said to be a terminal."""
    variables = {"PATH": os.environ["PATH"], "ESPACES_LANG": "fr"}
    if pager is not None:
        variables["PAGER"] = pager
    out_path = tmp_path / "stdout.txt"
    err = io.StringIO()
    with out_path.open("w", encoding="utf-8") as out:
        env = Environment(
            variables=variables,
            stdout=out,
            stderr=err,
            stdout_is_terminal=terminal,
            terminal_width=80,
            terminal_height=height,
        )
        status = main(["advise", "--no-input", *WHOLE, *args], env)
    return status, out_path.read_text(encoding="utf-8"), err.getvalue()


def catching(tmp_path: Path) -> str:
    """A pager that keeps what it was given in ``paged.txt``."""
    return f"sh -c {shlex.quote('cat > ' + shlex.quote(str(tmp_path / 'paged.txt')))}"


def test_a_long_report_in_a_terminal_goes_through_the_pager(tmp_path: Path) -> None:
    status, out, err = run(tmp_path, pager=catching(tmp_path))
    assert status == 0
    assert err == ""
    assert out == ""
    paged = (tmp_path / "paged.txt").read_text(encoding="utf-8")
    assert "Recommandation" in paged
    assert paged.count("\n") > 24
    assert "espaces advise --no-input" in paged


def test_no_pager_writes_the_report_itself(tmp_path: Path) -> None:
    status, out, _ = run(tmp_path, "--no-pager", pager=catching(tmp_path))
    assert status == 0
    assert "Recommandation" in out
    assert not (tmp_path / "paged.txt").exists()


def test_a_report_that_fits_the_screen_is_not_paged_unless_asked(tmp_path: Path) -> None:
    status, out, _ = run(tmp_path, pager=catching(tmp_path), height=1000)
    assert status == 0
    assert "Recommandation" in out
    assert not (tmp_path / "paged.txt").exists()
    status, out, _ = run(tmp_path, "--pager", pager=catching(tmp_path), height=1000)
    assert status == 0
    assert out == ""
    assert "Recommandation" in (tmp_path / "paged.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [["--pager"], ["--format", "json"], ["--format", "json", "--pager"]],
)
def test_never_in_a_pipe_nor_for_json(tmp_path: Path, args: list[str]) -> None:
    terminal = "json" in args
    status, out, _ = run(tmp_path, *args, pager=catching(tmp_path), terminal=terminal)
    assert status == 0
    assert out.strip()
    assert not (tmp_path / "paged.txt").exists()


def test_markdown_in_a_terminal_is_paged_too(tmp_path: Path) -> None:
    status, out, _ = run(tmp_path, "--format", "markdown", pager=catching(tmp_path))
    assert status == 0
    assert out == ""
    assert (tmp_path / "paged.txt").read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("pager", "why"),
    [
        ("espaces-no-such-pager --flag", "programme introuvable"),
        ("false", "code de sortie 1"),
        ("less 'unclosed", "No closing quotation"),
    ],
)
def test_a_pager_that_is_missing_or_fails_falls_back_to_the_report(
    tmp_path: Path, pager: str, why: str
) -> None:
    status, out, err = run(tmp_path, pager=pager)
    assert status == 0
    assert "Recommandation" in out
    assert out.count("Recommandation") == 1
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"Pager « {pager} » inutilisable (")
    assert why in lines[0]
    assert lines[0].endswith(": le rapport est écrit directement.")


@pytest.mark.parametrize("pager", ["", "cat", "  "])
def test_an_empty_pager_or_cat_means_none(tmp_path: Path, pager: str) -> None:
    status, out, err = run(tmp_path, "--pager", pager=pager)
    assert status == 0
    assert "Recommandation" in out
    assert err == ""


def test_a_pager_name_with_escapes_is_shown_harmless(tmp_path: Path) -> None:
    status, out, err = run(tmp_path, pager="nope\x1b[31m")
    assert status == 0
    assert "\x1b" not in err
    assert "Recommandation" in out


def test_which_pager_and_when() -> None:
    long_text = "ligne\n" * 30
    terminal = Environment(stdout_is_terminal=True, terminal_height=24)
    assert pager_command(terminal) == "less"
    assert pager_command(Environment(variables={"PAGER": "most -s"})) == "most -s"
    assert wants_pager(terminal, long_text, None, plain=False)
    assert not wants_pager(terminal, "ligne\n" * 10, None, plain=False)
    assert not wants_pager(terminal, long_text, None, plain=True)
    assert wants_pager(terminal, long_text, True, plain=True)
    assert not wants_pager(terminal, long_text, False, plain=False)
    dumb = Environment(variables={"TERM": "dumb"}, stdout_is_terminal=True, terminal_height=24)
    assert not wants_pager(dumb, long_text, None, plain=False)
    piped = Environment(stdout_is_terminal=False, terminal_height=24)
    assert not wants_pager(piped, long_text, True, plain=False)
