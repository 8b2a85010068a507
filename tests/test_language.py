"""Every message the program prints exists in French and in each catalog's language.

French is the source: the templates the source marks with ``_()``, ``_n()``, ``N_()``,
``msg()``, ``msg_n()`` (and the Typer commands' docstrings, their help) are the ``msgid``s
of ``locale/<code>/LC_MESSAGES/espaces.po``; the compiled ``.mo`` beside it must be exactly
what ``scripts/catalogs.py`` makes of it.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from messages_found import MARKERS, PACKAGE, PLURAL_MARKERS, Template, all_messages

from espaces_cli.core.messages import (
    SOURCE,
    Message,
    choose_language,
    locale_language,
    msg,
    msg_n,
    parse_language,
    template_fields,
)
from espaces_cli.language import available, words_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from catalogs import Entry, catalogs, compile_mo, read_po

FOUND = all_messages()
CATALOGS = {po.parent.parent.name: po for po in catalogs()}
ENGLISH_PO = CATALOGS["en"]


def entries(po: Path) -> dict[Template, Entry]:
    found: dict[Template, Entry] = {}
    for entry in read_po(po):
        if entry.msgid:
            key = entry.msgid if entry.msgid_plural is None else (entry.msgid, entry.msgid_plural)
            found[key] = entry
    return found


ENGLISH = entries(ENGLISH_PO)


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
    assert any(isinstance(template, tuple) for template in FOUND), "plurals are found"


def test_every_catalog_is_a_language_the_program_offers() -> None:
    assert set(CATALOGS) <= set(available())
    assert available()[0] == "fr"


@pytest.mark.parametrize("template", sorted(FOUND, key=str), ids=lambda t: str(t)[:60])
def test_every_message_has_its_english(template: Template) -> None:
    where = FOUND[template]
    assert template in ENGLISH, f"{where}: no English for {template!r}"
    entry = ENGLISH[template]
    sources = template if isinstance(template, tuple) else (template,)
    expected_forms = 2 if isinstance(template, tuple) else 1
    assert len(entry.msgstr) == expected_forms, f"{where}: {expected_forms} form(s) expected"
    for source, english in zip(sources * expected_forms, entry.msgstr, strict=False):
        assert english.strip(), f"{where}: empty English"
        assert template_fields(english) == template_fields(source), (
            f"{where}: the English fills in other fields than the French"
        )


def test_the_catalog_holds_no_stale_entry() -> None:
    stale = sorted((str(key) for key in set(ENGLISH) - set(FOUND)), key=str)
    assert not stale, f"English entries no message uses any more: {stale}"


def test_the_catalog_has_no_duplicate_key() -> None:
    keys = [entry.key for entry in read_po(ENGLISH_PO)]
    assert len(keys) == len(set(keys)), "a msgid written twice: gettext keeps only one"


@pytest.mark.parametrize("code", sorted(CATALOGS))
def test_the_compiled_catalog_is_its_source(code: str) -> None:
    po = CATALOGS[code]
    assert po.with_suffix(".mo").read_bytes() == compile_mo(read_po(po)), (
        "run: python scripts/catalogs.py compile"
    )


def test_the_compiled_catalog_is_what_gettext_reads() -> None:
    english = words_for("en")
    for key, entry in ENGLISH.items():
        if isinstance(key, tuple):
            assert english.ngettext(key[0], key[1], 1) == entry.msgstr[0]
            assert english.ngettext(key[0], key[1], 2) == entry.msgstr[1]
        else:
            assert english.gettext(key) == entry.msgstr[0]


def test_french_plurals_follow_french_rules() -> None:
    assert SOURCE.ngettext("{count} réponse", "{count} réponses", 0) == "{count} réponse"
    assert SOURCE.ngettext("{count} réponse", "{count} réponses", 1) == "{count} réponse"
    assert SOURCE.ngettext("{count} réponse", "{count} réponses", 2) == "{count} réponses"
    message = msg_n("{count} participant", "{count} participants", 3)
    assert str(message) == "3 participants"
    assert message.render(words_for("en")) == "3 participants"
    one = msg_n("Choisissez au moins {count} réponse.", "Choisissez au moins {count} réponses.", 1)
    assert (str(one), one.render(words_for("en"))) == (
        "Choisissez au moins 1 réponse.",
        "Choose at least 1 answer.",
    )


def test_english_reads_as_english() -> None:
    # French typography and words must not leak into the English side
    leaks = [
        e
        for entry in ENGLISH.values()
        for e in entry.msgstr
        if re.search(r"[éèàç«»]| :(?!/)| ;| \?|\b(et|ou|les)\b", e)
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
        if marked and node.func.id in PLURAL_MARKERS:  # type: ignore[union-attr]
            for argument in node.args[:2]:  # type: ignore[union-attr]
                skip.update(id(sub) for sub in ast.walk(argument))
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
    found = [line for path in sorted(PACKAGE.rglob("*.py")) for line in _unmarked_french(path)]
    assert not found, "\n".join(found)


def test_messages_render_in_either_language() -> None:
    message = msg(
        "Réponses manquantes : {missing}. {hint}",
        missing=("profil", msg("{id} (selon {others})", id="stade", others="profil")),
        hint=msg("Complétez ses réponses."),
    )
    assert message.render(SOURCE) == (
        "Réponses manquantes : profil, stade (selon profil). Complétez ses réponses."
    )
    assert message.render(words_for("en")) == (
        "Missing answers: profil, stade (depending on profil). Complete their answers."
    )
    assert str(message) == message.render(SOURCE)
    assert isinstance(message, Message)
    unmarked = "texte que personne n'a marqué"
    assert words_for("en").gettext(unmarked) == unmarked


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
    assert choose_language(flag, environ, ("fr", "en")) == expected


def test_only_languages_with_a_catalog_are_accepted() -> None:
    languages = ("fr", "en")
    assert parse_language("en", languages) == "en"
    assert parse_language("fr", languages) == "fr"
    for other in ("de", "EN", "english", "", "en_US"):
        assert parse_language(other, languages) is None
    assert parse_language("de", ("fr", "en", "de")) == "de"
    assert locale_language({"LANG": "POSIX"}, languages) is None
    assert locale_language({"LANG": "de_DE.UTF-8"}, ("fr", "de")) == "de"


def test_numbers_are_written_as_the_reader_writes_them() -> None:
    from espaces_cli import language
    from espaces_cli.render.numbers import points, signed

    assert (points(81.24), signed(-3.0), points(-0.0001)) == ("81,2", "−3,0", "0,0")
    language.use("en")
    assert (points(81.24), signed(-3.0), points(-0.0001)) == ("81.2", "−3.0", "0.0")
