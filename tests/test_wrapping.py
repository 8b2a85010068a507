"""Prompt texts and choice labels are wrapped, never cut, at any width down to 60 columns."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from espaces_cli.core.answers import Prompt
from espaces_cli.core.layout import hanging
from espaces_cli.core.model import RuleBase
from espaces_cli.language import local
from espaces_cli.prompts import PlainAsker, TerminalAsker, question_message
from espaces_cli.visit_prompts import PlainVisitAsker, TerminalVisitAsker

WIDTHS = [60, 61, 72, 80, 120]

words = st.text(
    alphabet=st.characters(categories=["L", "N", "P"], exclude_characters="\ue000«»:;?!"),
    min_size=1,
    max_size=30,
)


@given(st.lists(words, min_size=1, max_size=40), st.integers(min_value=60, max_value=200))
def test_wrapping_keeps_every_word_and_fits_the_width(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    wrapped = hanging(text, width, first="  • ", rest="    ")
    lines = wrapped.split("\n")
    assert lines[0].startswith("  • ")
    assert all(line.startswith("    ") for line in lines[1:])
    assert " ".join(line.strip().removeprefix("• ") for line in lines).split() == text.split()
    for line in lines:
        assert len(line) < width or len(line.split()) <= 2, line  # only a lone long word


def test_french_punctuation_never_starts_a_line() -> None:
    text = "Tapez un ou plusieurs numéros ; Entrée seule garde 1 ; « 0 » pour revenir :"
    for width in range(30, 90):
        for line in hanging(text, width).split("\n"):
            assert not line.startswith((":", ";", "»", "?")), (width, line)
            assert not line.endswith("«"), (width, line)


def test_only_a_lone_punctuation_mark_is_held_to_its_word() -> None:
    long_words = " ".join(["x" * 25, ":" + "y" * 25, "«" + "z" * 25, "w" * 25])
    assert all(len(line) < 60 for line in hanging(long_words, 60).split("\n"))
    assert hanging("« a »", 60) == "« a »"


def test_no_width_means_one_line() -> None:
    assert hanging("a b c", None, first="> ") == "> a b c"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_question_and_label_fits_the_screen(shipped: RuleBase, width: int) -> None:
    for question in shipped.questions:
        message = question_message(question, 10, 10, width)
        lines = message.split("\n")
        assert len("? " + lines[0]) < width
        assert all(len(line) < width for line in lines[1:])
        said = " ".join(message.split())
        assert local(question.label) in said
        if question.help is not None:
            assert local(question.help) in said


def drawn(shipped: RuleBase, qid: str, width: int) -> str:
    """What the real questionary prompt draws for one question on a terminal this wide."""
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=60, columns=width), term="xterm")
    echo = io.StringIO()
    question = shipped.question(qid)
    with create_pipe_input() as pipe:
        pipe.send_text("\r" if question.kind == "one" else " \r")
        asker = TerminalAsker(input=pipe, output=output, echo=echo)
        asker(Prompt(question, 3, 10, can_go_back=True))
    return screen.getvalue() + echo.getvalue()


@pytest.mark.parametrize("width", [60, 80])
@pytest.mark.parametrize("qid", ["profil", "besoins", "nature_projet", "objectif_entreprise"])
def test_the_prompt_draws_every_word_of_every_label(
    shipped: RuleBase, qid: str, width: int
) -> None:
    screen = drawn(shipped, qid, width)
    question = shipped.question(qid)
    texts = [local(question.label), *(local(c.label) for c in question.choices)]
    if question.help is not None:
        texts.append(local(question.help))
    for text in texts:
        for word in text.split():
            assert word in screen, (qid, width, word)


def test_a_long_label_continues_under_itself(shipped: RuleBase) -> None:
    screen = drawn(shipped, "besoins", 60)
    assert "○ Rencontrer des partenaires, des compétences" in screen
    # the continuation is drawn on its own line, under the label's first letter
    assert "complémentaires" in screen


def test_plain_mode_wraps_choices_under_their_text(shipped: RuleBase) -> None:
    echo = io.StringIO()
    asker = PlainAsker(read=lambda: "1\n", echo=echo, width=60)
    asker(Prompt(shipped.question("profil"), 1, 10))
    lines = echo.getvalue().splitlines()
    assert all(len(line) < 60 for line in lines), lines
    at = lines.index("  5. Association ou structure de l'économie sociale et")
    assert lines[at + 1] == "     solidaire"
    assert lines[-1] == "Réponse : Indépendant, freelance ou auto-entrepreneur"


def test_plain_mode_without_a_width_writes_whole_lines(shipped: RuleBase) -> None:
    echo = io.StringIO()
    PlainAsker(read=lambda: "1\n", echo=echo)(Prompt(shipped.question("profil"), 1, 10))
    assert "  5. Association ou structure de l'économie sociale et solidaire" in echo.getvalue()


LONG_ITEM = (
    "[3/9] Débit internet mesuré à l'heure de pointe, connexion filaire, cabines pour les "
    "visioconférences ?"
)
VISIT_ANSWERS = [
    ("oui", "oui"),
    ("partiel", "partiellement, avec des réserves qu'il faudra noter à part"),
    ("non", "non"),
]


@pytest.mark.parametrize("width", [60, 80])
def test_the_visit_menu_draws_every_word_of_a_long_item(width: int) -> None:
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=60, columns=width), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text("\r")
        asker = TerminalVisitAsker(input=pipe, output=output, echo=io.StringIO(), width=width)
        assert asker.choose(LONG_ITEM, VISIT_ANSWERS, "oui") == "oui"
    drawn_text = screen.getvalue()
    for text in [LONG_ITEM, *(label for _id, label in VISIT_ANSWERS)]:
        for word in text.split():
            assert word in drawn_text, (width, word)


def test_the_plain_visit_questions_wrap_under_their_text() -> None:
    echo = io.StringIO()
    asker = PlainVisitAsker(read=lambda: "2\n", echo=echo, width=60)
    assert asker.choose(LONG_ITEM, VISIT_ANSWERS, "oui") == "partiel"
    lines = echo.getvalue().splitlines()
    assert all(len(line) < 60 for line in lines), lines
    at = lines.index("  2. partiellement, avec des réserves qu'il faudra noter à")
    assert lines[at + 1] == "     part"
