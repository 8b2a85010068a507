"""Every message the program prints exists in French and in English (issue 5).

The English catalog (``core/english.py``) is keyed by the French templates the source marks
with ``_()``, ``N_()`` or ``msg()`` (and by the Typer commands' docstrings, their help).
"""

from __future__ import annotations

import ast
import re

import pytest
from messages_found import MARKERS, PACKAGE, all_messages

from espaces_cli.core.english import ENGLISH
from espaces_cli.core.messages import (
    Message,
    choose_language,
    locale_language,
    msg,
    parse_language,
    template_fields,
    translate,
)

FOUND = all_messages()


def test_the_source_marks_messages_everywhere() -> None:
    # a sanity check on the finder itself: messages from each layer are seen
    wheres = {where.split(":")[0] for where in FOUND.values()}
    for module in (
        "cli/advise.py",
        "cli/help.py",
        "prompts.py",
        "core/answers.py",
        "rules/loader.py",
    ):
        assert module in wheres, module
    assert len(FOUND) > 300


@pytest.mark.parametrize("template", sorted(FOUND), ids=lambda t: t[:60])
def test_every_message_has_its_english(template: str) -> None:
    assert template in ENGLISH, f"{FOUND[template]}: no English for {template!r}"
    english = ENGLISH[template]
    assert english.strip(), f"{FOUND[template]}: empty English"
    assert template_fields(english) == template_fields(template), (
        f"{FOUND[template]}: the English fills in other fields than the French"
    )


def test_the_catalog_holds_no_stale_entry() -> None:
    stale = sorted(set(ENGLISH) - set(FOUND))
    assert not stale, f"English entries no message uses any more: {stale}"


def test_the_catalog_has_no_duplicate_key() -> None:
    tree = ast.parse((PACKAGE / "core" / "english.py").read_text(encoding="utf-8"))
    keys = [
        key.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key in node.keys
        if isinstance(key, ast.Constant)
    ]
    assert len(keys) == len(set(keys)), "a key written twice: the second silently wins"


def test_english_reads_as_english() -> None:
    # French typography and words must not leak into the English side
    leaks = [
        e for e in ENGLISH.values() if re.search(r"[éèàç«»]| :(?!/)| ;| \?|\b(et|ou|les)\b", e)
    ]
    assert not leaks


FRENCH_HINT = re.compile(r"[éèêàâçùûôîœ«»]")


def _unmarked_french(path: object) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    skip: set[int] = set()
    for node in ast.walk(tree):
        marked = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if marked and node.func.id in MARKERS and node.args:  # type: ignore[union-attr]
            skip.update(id(sub) for sub in ast.walk(node.args[0]))  # type: ignore[union-attr]
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # docstrings and attribute docs: not printed as messages
    return [
        f"{path}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and FRENCH_HINT.search(node.value)
        and len(re.findall(r"[^\W\d_]{2,}", node.value)) >= 2
    ]


def test_no_french_sentence_escapes_the_catalog() -> None:
    """A French sentence written straight into the code would never be translated."""
    found = [
        line
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "english.py"
        for line in _unmarked_french(path)
    ]
    assert not found, "\n".join(found)


def test_messages_render_in_either_language() -> None:
    message = msg(
        "Réponses manquantes : {missing}. {hint}",
        missing=("profil", msg("{id} (selon {others})", id="stade", others="profil")),
        hint=msg("Complétez ses réponses."),
    )
    assert message.render("fr") == (
        "Réponses manquantes : profil, stade (selon profil). Complétez ses réponses."
    )
    assert message.render("en") == (
        "Missing answers: profil, stade (depending on profil). Complete their answers."
    )
    assert str(message) == message.render("fr")
    assert isinstance(message, Message)
    assert translate("en", "texte que personne n'a marqué") == "texte que personne n'a marqué"


@pytest.mark.parametrize(
    ("flag", "environ", "expected"),
    [
        (None, {}, "fr"),
        (None, {"LANG": "en_US.UTF-8"}, "en"),
        (None, {"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
        (None, {"LANG": "fr_FR.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        (None, {"LC_ALL": "", "LANG": "en_US"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "fr"),
        (None, {"LANG": "de_DE.UTF-8"}, "fr"),
        (None, {"LANG": "en_US.UTF-8", "ESPACES_LANG": "fr"}, "fr"),
        (None, {"ESPACES_LANG": "en"}, "en"),
        ("fr", {"ESPACES_LANG": "en", "LANG": "en_US.UTF-8"}, "fr"),
        ("en", {"ESPACES_LANG": "fr"}, "en"),
    ],
)
def test_the_language_is_chosen_in_the_issue_order(
    flag: str | None, environ: dict[str, str], expected: str
) -> None:
    assert choose_language(flag, environ) == expected


def test_only_fr_and_en_are_languages() -> None:
    assert parse_language("en") == "en"
    assert parse_language("fr") == "fr"
    for other in ("de", "EN", "english", "", "en_US"):
        assert parse_language(other) is None
    assert locale_language({"LANG": "POSIX"}) is None


def test_numbers_are_written_as_the_reader_writes_them() -> None:
    from espaces_cli import language
    from espaces_cli.render.common import points, signed

    assert (points(81.24), signed(-3.0), points(-0.0001)) == ("81,2", "−3,0", "0,0")
    language.use("en")
    assert (points(81.24), signed(-3.0), points(-0.0001)) == ("81.2", "−3.0", "0.0")
