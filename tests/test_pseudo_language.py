"""Every visible word of every command goes through the catalog (a pseudo-language run).

The run's translations are replaced by a pseudo-language that wraps each message in ⟦…⟧.
What is left of the output once those spans, the rule base's own texts and ids, URLs,
command and option names and the paths given are taken out must hold no word: a word left
is a sentence that a translator could never reach.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import flags
from rulebases import TINY

from espaces_cli import language
from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment
from espaces_cli.core.model import Localized, RuleBase

WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]{2,}")
URL = re.compile(r"https?://\S+")
# words of the command line and of file formats, which no language translates: command
# names, format names, the answers file's key, Click's metavar
COMMAND_WORDS = {
    *("espaces", "advise", "questions", "types", "rules", "workshop"),
    *("check", "coverage", "explain", "init", "schema"),
    *("new", "add", "import", "list", "remove", "report", "serve"),
    *("terminal", "markdown", "json", "html", "csv", "answers", "OPTIONS"),
    *("line", "error"),  # the keys of a refused line in advise --batch
}
WHOLE = {
    "profil": "etudiant",
    "nature_projet": "innovant",
    "besoins": "bureau_mobile,accompagnement",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "minimal",
    "territoire": "rural",
    "secteur": "",
    "confidentialite": "normale",
}


class Pseudo:
    """Translations that wrap every message, so that what is not wrapped stands out."""

    def gettext(self, message: str) -> str:
        return f"⟦{message}⟧"

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return f"⟦{singular if count == 1 else plural}⟧"


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, Localized):
        yield value.fr
        yield from (text for _code, text in value.translations)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)
    elif hasattr(value, "__dataclass_fields__"):
        for name in value.__dataclass_fields__:
            yield from _texts(getattr(value, name))


def _vocabulary(rule_base: RuleBase) -> tuple[list[str], set[str]]:
    texts = sorted(set(_texts(rule_base)), key=len, reverse=True)
    words = {w for text in [*texts, TINY] for w in WORD.findall(text)}
    words |= {part for w in list(words) for part in w.split("-")}  # a text cut at a hyphen
    ids = [q.id for q in rule_base.questions]
    ids += [c.id for q in rule_base.questions for c in q.choices]
    ids += [t.id for t in rule_base.space_types] + [c.id for c in rule_base.criteria]
    ids += [r.id for r in rule_base.weight_rules]
    ids += [i.id for t in rule_base.space_types for i in t.checklist if i.id]
    ids += [i.id for i in rule_base.general_checklist if i.id]
    words |= {part for i in ids for part in (i, *i.split("_"))}
    words |= {rule_base.identity.name, *rule_base.identity.name.split("-")}
    return texts, words


def words_left(output: str, rule_base: RuleBase, argv: list[str]) -> set[str]:
    texts, vocabulary = _vocabulary(rule_base)
    previous = None
    while previous != output:  # innermost spans first: a message may hold another
        previous = output
        output = re.sub(r"⟦[^⟦⟧]*⟧", " ", output)
    output = re.sub(r"⟦[^⟧\n]*", " ", output)  # a help text cut to its first sentence
    output = URL.sub(" ", output)
    for text in [*texts, *sorted(argv, key=len, reverse=True)]:
        if text:
            output = output.replace(text, " ")
    output = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", output)  # option names
    return set(WORD.findall(output)) - vocabulary - COMMAND_WORDS


@pytest.fixture
def pseudo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "words_for", lambda _lang: Pseudo())


def espaces(*argv: str, cwd: Path) -> tuple[int, str]:
    out = io.StringIO()
    variables = {"NO_COLOR": "1", "COLUMNS": "2000", "LANG": "C.UTF-8", "TERM": "xterm"}
    env = Environment(variables=variables, stdout=out, stderr=out)
    status = main([*argv], env)
    return status, out.getvalue()


COMMANDS = [
    ["--help"],
    ["advise", "--help"],
    ["rules", "--help"],
    ["workshop", "--help"],
    ["advise", "--no-input", *flags(WHOLE)],
    ["advise", "--no-input", "--plain", *flags(WHOLE)],
    ["advise", "--no-input", "--format", "markdown", *flags(WHOLE)],
    ["advise", "--no-input", "-a", "profil=etudiant"],
    ["advise", "--no-input", "-a", "profil=inconnu"],
    ["advise", "--no-input", "-a", "pas_une_question=1"],
    ["advise", "--format", "pdf"],
    ["questions"],
    ["questions", "--template"],
    ["types"],
    ["types", "coworking"],
    ["types", "cowork"],
    ["rules", "check"],
    ["rules", "explain", "coworking"],
    ["rules", "coverage", "--samples", "200"],
    ["rules", "check", "--rules", "{broken}"],
    ["workshop", "report", "{missing}"],
    ["advise", "--batch", "{batch}"],
]


@pytest.mark.usefixtures("pseudo")
@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a)[:60])
def test_every_word_a_command_shows_is_a_catalog_message(
    argv: list[str], shipped: RuleBase, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(TINY.replace("calme: 4", "calme: 9").replace("kind: one", "kind: une", 1))
    batch = tmp_path / "batch.jsonl"  # bad lines only: a good one is the JSON document
    batch.write_bytes(
        b'x\n[]\n{"profil": NaN}\n{"profil": "x"}\n{"x": 1}\n{"profil": "etudiant"}\n'
    )
    paths = {
        "{broken}": str(broken),
        "{missing}": str(tmp_path / "absent.yaml"),
        "{batch}": str(batch),
    }
    argv = [paths.get(arg, arg) for arg in argv]
    _status, output = espaces(*argv, cwd=tmp_path)
    assert "⟦" in output
    assert words_left(output, shipped, argv) == set()


def test_the_check_finds_a_sentence_left_out_of_the_catalog(shipped: RuleBase) -> None:
    output = "⟦Recommandation⟧ : coworking\nZorglub frobnique le catalogue.\n"
    assert words_left(output, shipped, []) == {"Zorglub", "frobnique", "catalogue"}


@pytest.mark.usefixtures("pseudo")
def test_the_visit_notebook_speaks_only_through_the_catalog(
    shipped: RuleBase, tmp_path: Path
) -> None:
    notebook = str(tmp_path / "carnet.yaml")
    visit = tmp_path / "visite.yaml"
    visit.write_text(
        "name: Zèbre\ntype: coworking\ndate: 2026-11-20\nprice_month: 140\nrating: 4\n"
        "checks: {gen_anime_lieu_temps: oui, cw_demi_journee_journee: non}\n",
        encoding="utf-8",
    )
    runs = [
        ["visit", "new", notebook, "--no-input", *flags(WHOLE)],
        ["visit", "add", notebook, "--from", str(visit)],
        ["visit", "list", notebook],
        ["visit", "sheet", notebook, "--type", "coworking"],
        ["visit", "sheet", notebook, "--type", "coworking", "--format", "markdown"],
        ["visit", "compare", notebook],
        ["visit", "compare", notebook, "--format", "markdown"],
        ["visit", "add", notebook, "Autre", "--type", "cowork", "--check", "x"],
        ["visit", "remove", notebook, "Personne"],
    ]
    for argv in runs:
        _status, output = espaces(*argv, cwd=tmp_path)
        assert "⟦" in output, argv
        assert words_left(output, shipped, [*argv, "Zèbre", "Autre", "Personne"]) == set(), argv
