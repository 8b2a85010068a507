"""Words as a reader expects them: agreed plurals, one quotation style per language, parser
messages in the run's language, the file a check looked at, skip reasons for newcomers."""

from __future__ import annotations

import ast
import io
import os
import re
from pathlib import Path

import pytest

from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment
from espaces_cli.language import quote, use
from espaces_cli.render.numbers import points_word

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "src" / "espaces_cli" / "locale" / "en" / "LC_MESSAGES" / "espaces.po"
ENGLISH_SINGLE_QUOTES = re.compile(r"(?<![A-Za-z])'[^'\n]+'(?![A-Za-z])")


def espaces(*args: str, lang: str = "fr") -> tuple[int, str, str]:
    variables = {k: v for k, v in os.environ.items() if k != "ESPACES_RULES"}
    variables.update({"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_LANG": lang})
    out, err = io.StringIO(), io.StringIO()
    status = main(list(args), Environment(variables=variables, stdout=out, stderr=err))
    return status, out.getvalue(), err.getvalue()


def catalog_entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) pairs of the English catalog, plural forms included."""
    text = CATALOG.read_text(encoding="utf-8")
    ids = re.findall(r'^msgid(?:_plural)? "(.*)"$', text, flags=re.M)
    strs = re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', text, flags=re.M)
    return list(zip(ids, strs, strict=False))


@pytest.mark.parametrize(
    ("value", "french", "english"),
    [
        (0.4, "0,4 point", "0.4 points"),
        (1.0, "1,0 point", "1.0 point"),
        (1.1, "1,1 point", "1.1 points"),
        (1.96, "2,0 points", "2.0 points"),
        (7.4, "7,4 points", "7.4 points"),
        (-1.5, "−1,5 point", "−1.5 points"),
    ],
)
def test_points_agree_with_their_number(value: float, french: str, english: str) -> None:
    try:
        use("fr")
        assert points_word(value) == french
        use("en")
        assert points_word(value) == english
    finally:
        use("fr")


def test_no_message_writes_a_plural_in_brackets() -> None:
    for msgid, msgstr in catalog_entries():
        for text in (msgid, msgstr):
            assert not re.search(r"\w\((s|e|es|x)\)", text), text


def test_english_quotes_with_curly_marks_and_french_with_guillemets() -> None:
    for msgid, msgstr in catalog_entries():
        assert not ENGLISH_SINGLE_QUOTES.search(msgstr), msgstr
        assert "«" not in msgstr, msgstr
        assert "“" not in msgid, msgid
    try:
        use("en")
        assert quote("x") == "“x”"
        use("fr")
        assert quote("x") == "« x »"
    finally:
        use("fr")


def test_click_errors_use_the_language_quotes() -> None:
    status, _out, err = espaces("types", "--format", "x")
    assert status == 2
    assert "« x » n'est pas l'une des valeurs possibles : « terminal »" in err
    status, _out, err = espaces("types", "--format", "x", lang="en")
    assert "“x” is not one of the possible values: “terminal”" in err


YAML_BREAKS = [
    "a: b\n c: d\n",
    "- a\nb: c\n",
    "a: 'x\n",
    'a: "\\q"\n',
    "a: b\n---\nc: d\n",
    "a: &x 1\nb: *y\n",
    "key: [a, b\nz: 1\n",
    "a: {b: c\n",
    "a: @x\n",
    "a:\n\t- b\n",
    'a: "x\\x4"\n',
    "[a, b]]\n",
    "a: |\n b\nc\n",
    "a: &\n",
]
PYYAML_WORDS = re.compile(r"\b(expected|found|mapping|scanning|token|stream|got|while)\b", re.I)


@pytest.mark.parametrize("text", YAML_BREAKS)
def test_yaml_parser_messages_speak_the_run_language(tmp_path: Path, text: str) -> None:
    broken = tmp_path / "base.yaml"
    broken.write_text(text, encoding="utf-8")
    status, out, _err = espaces("rules", "check", str(broken))
    assert status == 3
    assert "YAML illisible : " in out
    assert not PYYAML_WORDS.search(out.split("YAML illisible : ", 1)[1]), out
    status, out, _err = espaces("rules", "check", str(broken), lang="en")
    assert "unreadable YAML: " in out
    assert not re.search(r"[éèàù«]", out), out


def test_rules_check_names_the_file_it_checked(tmp_path: Path) -> None:
    status, _out, err = espaces("rules", "check")
    assert status == 0
    assert err.startswith("la base fournie avec espaces : base de règles valide")
    copy = tmp_path / "client.yaml"
    assert espaces("rules", "init", str(tmp_path))[0] == 0
    (tmp_path / "space_types.yaml").rename(copy)
    status, _out, err = espaces("rules", "check", str(copy))
    assert status == 0
    assert err.startswith(f"{copy} : base de règles valide (")
    broken = tmp_path / "broken.yaml"
    broken.write_text("name: x\n", encoding="utf-8")
    status, _out, err = espaces("rules", "check", str(broken), lang="en")
    assert status == 3
    assert err.startswith(f"{broken}: invalid rule base (")


def skip_reasons() -> list[tuple[str, str]]:
    """Every ``reason=`` given to a skip marker in the test files."""
    found = []
    for path in sorted((ROOT / "tests").glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.keyword) and node.arg == "reason":
                found.append((path.name, ast.unparse(node.value)))
    return found


def test_skip_reasons_speak_to_a_newcomer() -> None:
    reasons = skip_reasons()
    assert reasons
    for name, reason in reasons:
        assert ".ci" not in reason, (name, reason)
        assert not re.search(r"\bCI\b", reason), (name, reason)
        # a reason says what is missing and how to get it, or why it is elsewhere
        assert re.search(r"install|outside|kept", reason), (name, reason)
