"""The command in English and in French: help, errors, reports, choice of language.

These run ``main(argv, env)`` in-process (not Typer's test runner), because the language is
chosen there, before Typer parses anything; the last tests run the installed command.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import STUDENT, flags

from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment
from espaces_cli.core.model import Localized, RuleBase

ESPACES = str(Path(sys.executable).parent / "espaces")
FRENCH_LETTERS = re.compile(r"[éèêàâçùûôîœ«»]")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str


def espaces(*args: str, lang_env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
    """Run the command in-process; ``lang_env`` replaces every language variable of the run."""
    variables = dict(os.environ)
    if lang_env is not None:
        for name in ("ESPACES_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
            variables.pop(name, None)
        variables.update(lang_env)
    out, err = io.StringIO(), io.StringIO()
    env = Environment(variables=variables, stdout=out, stderr=err)
    with contextlib.chdir(cwd or Path.cwd()):
        status = main(list(args), env)
    return Run(status, out.getvalue(), err.getvalue())


HELP_COMMANDS = [
    [],
    ["advise"],
    ["questions"],
    ["types"],
    ["rules"],
    ["rules", "check"],
    ["rules", "coverage"],
    ["rules", "schema"],
    ["rules", "init"],
    ["rules", "explain"],
    ["workshop"],
    ["workshop", "new"],
    ["workshop", "add"],
    ["workshop", "import"],
    ["workshop", "list"],
    ["workshop", "remove"],
    ["workshop", "report"],
]


@pytest.mark.parametrize("command", HELP_COMMANDS, ids=lambda c: " ".join(c) or "espaces")
def test_every_help_exists_in_english_and_in_french(command: list[str]) -> None:
    english = espaces(*command, "--help", "--lang", "en")
    french = espaces(*command, "--help")
    assert english.returncode == french.returncode == 0
    assert english.stdout.startswith("Usage: espaces")
    assert french.stdout.startswith("Usage : espaces")
    assert "Show this help and exit." in english.stdout
    assert "Afficher cette aide et quitter." in french.stdout
    # --lang works anywhere on the line: every help says so
    assert "--lang <fr|en>" in english.stdout
    assert "--lang <fr|en>" in french.stdout
    assert not FRENCH_LETTERS.search(english.stdout), english.stdout
    assert english.stdout != french.stdout


def test_group_help_names_its_commands_in_each_language() -> None:
    english = espaces("--help", lang_env={"LANG": "en_GB.UTF-8"}).stdout
    assert "Commands:" in english
    assert "COMMAND [ARGS]..." in english
    assert "advise     Recommend a kind of place" in english
    french = espaces("--help", lang_env={"LANG": "fr_FR.UTF-8"}).stdout
    assert "Commandes:" in french
    assert "advise     Recommander un type de lieu" in french
    assert "--lang <fr|en>" in french


def test_option_extras_are_worded_in_the_language() -> None:
    english = " ".join(espaces("rules", "check", "--help", "--lang", "en").stdout.split())
    assert "[env var: ESPACES_RULES]" in english
    assert "[default: 2000]" in english
    assert "--rules FILE" in english
    assert "--samples N" in english
    assert "Usage: espaces rules check [OPTIONS] [FILE]" in english
    french = " ".join(espaces("rules", "check", "--help").stdout.split())
    assert "[variable : ESPACES_RULES]" in french
    assert "[défaut : 2000]" in french
    assert "--rules FICHIER" in french


@pytest.mark.parametrize(
    ("args", "english", "french"),
    [
        (
            ["advise", "--aswer", "x"],
            "Error: No such option: --aswer. Close options: --answer, --answers",
            "Erreur : Option inconnue : --aswer. Options proches : --answer, --answers",
        ),
        (
            ["types", "--format", "x"],
            "Error: Invalid value for “--format”: “x” is not one of the possible values: "
            "“terminal”, “markdown”, “json”.",
            "Erreur : Valeur refusée pour « --format » : « x » n'est pas l'une des valeurs "
            "possibles : « terminal », « markdown », « json ».",
        ),
        (
            ["rules", "check", "--samples", "0"],
            "Error: Invalid value for “--samples”: the value must be at least 1.",
            "Erreur : Valeur refusée pour « --samples » : la valeur doit être au moins 1.",
        ),
        (
            ["rules", "check", "--seed", "abc"],
            "Error: Invalid value for “--seed”: a whole number is expected.",
            "Erreur : Valeur refusée pour « --seed » : un nombre entier est attendu.",
        ),
        (
            ["workshop", "add"],
            "Error: Missing “SESSION”.",
            "Erreur : Il manque « SESSION ».",
        ),
        (
            ["advise", "extra"],
            "Error: Unexpected extra argument: extra.",
            "Erreur : Argument en trop : extra.",
        ),
        (
            ["avdise"],
            "Error: No such command: “avdise”. Did you mean “advise”?",
            "Erreur : Commande inconnue : « avdise ». Vouliez-vous dire « advise » ?",
        ),
        (
            ["advise", "--rules"],
            "Error: Option --rules needs a value.",
            "Erreur : L'option --rules attend une valeur.",
        ),
        (
            ["advise", "--plain=yes"],
            "Error: Option --plain takes no value.",
            "Erreur : L'option --plain ne prend pas de valeur.",
        ),
    ],
    ids=[
        "unknown-option",
        "bad-choice",
        "too-small",
        "not-a-number",
        "missing",
        "extra",
        "unknown-command",
        "needs-value",
        "flag-value",
    ],
)
def test_usage_errors_speak_the_language(args: list[str], english: str, french: str) -> None:
    in_english = espaces(*args, "--lang", "en")
    in_french = espaces(*args, "--lang", "fr")
    assert in_english.returncode == in_french.returncode == 2
    assert english in in_english.stderr
    assert french in in_french.stderr
    assert "Traceback" not in in_english.stderr + in_french.stderr
    assert in_english.stdout == in_french.stdout == ""


def test_usage_errors_show_the_usage_line_and_the_help_hint() -> None:
    result = espaces("advise", "--aswer", "x", "--lang", "en")
    assert result.stderr.splitlines()[:2] == [
        "Usage: espaces advise [OPTIONS]",
        "Try “espaces advise -h” for help.",
    ]


def test_no_command_shows_the_help_in_the_language() -> None:
    result = espaces(lang_env={"ESPACES_LANG": "en"})
    assert result.returncode == 0  # asking what the command does is not an error
    assert result.stdout.startswith("Usage: espaces [OPTIONS] COMMAND [ARGS]...")


@pytest.mark.parametrize(
    ("args", "lang_env", "message"),
    [
        (["--lang", "de", "types"], {}, "--lang : langue inconnue « de » (fr ou en)."),
        (["types", "--lang"], {}, "--lang attend une langue : fr ou en."),
        (["types", "--lang=EN"], {}, "--lang : langue inconnue « EN » (fr ou en)."),
        (["types"], {"ESPACES_LANG": "de"}, "ESPACES_LANG : langue inconnue « de » (fr ou en)."),
        (
            ["types"],
            {"ESPACES_LANG": "it", "LANG": "en_US.UTF-8"},
            "ESPACES_LANG: unknown language “it” (fr or en).",
        ),
    ],
)
def test_an_unknown_language_is_refused_in_one_line(
    args: list[str], lang_env: dict[str, str], message: str
) -> None:
    result = espaces(*args, lang_env=lang_env)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "lang_env", "expected"),
    [
        ([], {}, "fr"),
        ([], {"LANG": "en_US.UTF-8"}, "en"),
        ([], {"LANG": "en_US.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        ([], {"LANG": "fr_FR.UTF-8", "LC_ALL": "en_IE.UTF-8"}, "en"),
        ([], {"LANG": "C.UTF-8"}, "fr"),
        ([], {"LANG": "en_US.UTF-8", "ESPACES_LANG": "fr"}, "fr"),
        (["--lang", "en"], {"ESPACES_LANG": "fr"}, "en"),
        (["--lang=fr"], {"LC_ALL": "en_US.UTF-8"}, "fr"),
        (["--lang", "fr", "--lang", "en"], {}, "en"),
    ],
)
def test_the_language_comes_from_flag_then_variable_then_locale(
    args: list[str], lang_env: dict[str, str], expected: str
) -> None:
    result = espaces("types", *args, lang_env=lang_env)
    assert result.returncode == 0
    title = {"fr": "Types de lieux", "en": "Kinds of place"}[expected]
    assert title in result.stdout


def test_json_ids_and_keys_never_change_with_the_language() -> None:
    documents = {
        lang: json.loads(
            espaces("advise", *flags(STUDENT), "--format", "json", "--lang", lang).stdout
        )
        for lang in ("fr", "en")
    }

    def shape(value: object) -> object:
        """Keys, ids, numbers and choice ids: everything but the words."""
        if isinstance(value, dict):
            return {k: shape(v) for k, v in value.items() if k not in WORDS}
        if isinstance(value, list):
            return [shape(v) for v in value]
        return value

    fr, en = documents["fr"], documents["en"]
    assert shape(fr) == shape(en)
    assert fr["recommendation"]["id"] == en["recommendation"]["id"]
    assert fr["recommendation"]["label"] != en["recommendation"]["label"]
    assert fr["answers"] == en["answers"]


WORDS = {"label", "summary", "because", "text", "reasons", "confidence_reasons", "advantages"}


def english_texts(rule_base: RuleBase) -> list[str]:
    """Every English text of the rule base (they may quote French words: « tiers-lieu »)."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, Localized):
            found.append(value.in_lang("en"))
        elif isinstance(value, tuple | list):
            for item in value:
                walk(item)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name))

    walk(rule_base)
    return sorted(found, key=len, reverse=True)


def test_reports_in_english_have_no_french_left(shipped: RuleBase) -> None:
    texts = english_texts(shipped)
    assert len(texts) > 200
    for option in (["--format", "markdown"], ["--plain"]):
        result = espaces("advise", *flags(STUDENT), *option, "--lang", "en")
        assert result.returncode == 0
        body = result.stdout.split("To replay")[0]
        for text in texts:
            body = body.replace(text, "")
        assert not FRENCH_LETTERS.search(body), body
    plain = espaces("advise", *flags(STUDENT), "--plain", "--lang", "en").stdout
    assert plain.startswith("Recommendation: ")
    assert "out of 100." in plain


def test_answers_by_english_label_are_understood() -> None:
    given = {**STUDENT, "besoins": "Meeting rooms"}
    result = espaces("advise", *flags(given), "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["besoins"] == ["salles_reunion"]


def test_answer_errors_are_worded_in_english() -> None:
    result = espaces("advise", "--no-input", "-a", "profil=x", "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.startswith("profil: “x” is not an allowed value.")
    missing = espaces("advise", "--no-input", "-a", "profil=independant", "--lang", "en")
    assert missing.stderr.startswith("Missing answers: besoins, ")
    assert missing.stderr.rstrip().endswith("Give them with --answer ID=VALUE or --answers FILE.")


def test_rule_base_problems_are_worded_in_english(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\nversion: 1\nunknown: 3\n", encoding="utf-8")
    result = espaces("rules", "check", str(broken), "--lang", "en")
    assert result.returncode == 3
    assert f"{broken}:3:1: unknown: unknown key “unknown”" in result.stdout
    assert "required field “criteria” missing" in result.stdout
    assert result.stderr.startswith(f"{broken}: invalid rule base (")


def test_workshop_in_english(tmp_path: Path) -> None:
    assert espaces("workshop", "new", "s.yaml", "--lang", "en", cwd=tmp_path).returncode == 0
    session = (tmp_path / "s.yaml").read_text(encoding="utf-8")
    assert session.startswith("# espaces workshop session: each participant's answers")
    (tmp_path / "ana.yaml").write_text(
        "answers:\n" + "".join(f"  {k}: {v}\n" for k, v in STUDENT.items()), encoding="utf-8"
    )
    added = espaces("workshop", "add", "s.yaml", "ana.yaml", "--lang", "en", cwd=tmp_path)
    assert added.stderr == "1 participant added: s.yaml (1 in all).\n"
    report = espaces(
        "workshop", "report", "s.yaml", "--format", "markdown", "--lang", "en", cwd=tmp_path
    )
    assert report.stdout.startswith("# Workshop: (untitled)")
    assert "## Group ranking" in report.stdout
    html = espaces("workshop", "report", "s.yaml", "--format", "html", "--lang", "en", cwd=tmp_path)
    assert '<html lang="en">' in html.stdout
    assert "<h2>Consensus</h2>" in html.stdout


def test_the_lang_option_also_works_in_process() -> None:
    """Embedders that call the Typer app directly get the language from its --lang option."""
    from typer.testing import CliRunner

    from espaces_cli.cli import app

    result = CliRunner().invoke(app, ["--lang", "en", "types", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Kinds of place")


def test_python_dash_m_speaks_english_too() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "espaces_cli", "--lang", "en", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("espaces ")
    help_text = subprocess.run(
        [sys.executable, "-m", "espaces_cli", "types", "-h", "--lang=en"],
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "Show this help and exit." in help_text
