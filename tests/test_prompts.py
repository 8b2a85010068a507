"""The real questionary prompts, driven in-process through prompt_toolkit's pipe input."""

from __future__ import annotations

import io

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from espaces_cli.core.answers import Interrupted, resolve_answers
from espaces_cli.core.model import RuleBase
from espaces_cli.prompts import TerminalAsker, question_message

DOWN, SPACE, ENTER, CTRL_C = "\x1b[B", " ", "\r", "\x03"
# what both the arrow-key and the typed-number questionnaires below end with
RURAL_STUDENT = {
    "profil": "etudiant",
    "nature_projet": "ne_sait_pas",
    "besoins": ("bureau_mobile", "convivialite"),
    "stade": "sans_projet",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "minimal",
    "territoire": "rural",
    "secteur": (),
    "confidentialite": "normale",
}


def run_questionnaire(shipped: RuleBase, keys: str, given: dict | None = None):  # type: ignore[no-untyped-def]
    echo = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        asker = TerminalAsker(input=pipe, output=DummyOutput(), echo=echo)
        resolution = resolve_answers(shipped, given or {}, asker, no_input_hint="")
    return resolution.answers, echo.getvalue()


def test_a_whole_questionnaire_with_arrows_space_and_enter(shipped: RuleBase) -> None:
    keys = (
        DOWN
        + ENTER  # profil: etudiant
        + ENTER  # nature_projet: the default, ne_sait_pas
        + SPACE
        + DOWN
        + DOWN
        + SPACE
        + ENTER  # besoins: bureau_mobile, convivialite
        + DOWN * 4
        + ENTER  # stade: sans_projet
        + DOWN
        + ENTER  # frequence: reguliere
        + ENTER  # duree: essai
        + ENTER  # budget: minimal
        + DOWN * 2
        + ENTER  # territoire: rural
        + ENTER  # secteur: none
        + ENTER  # confidentialite: the default, normale
    )
    answers, echo = run_questionnaire(shipped, keys)
    assert answers == RURAL_STUDENT
    lines = echo.splitlines()
    assert lines[0] == "» [1/10] Qui êtes-vous ? Étudiant"
    assert lines[-1].startswith("» [10/10] Vos travaux demandent-ils de la confidentialité ?")


def test_besoins_refuses_an_empty_answer_until_one_is_checked(shipped: RuleBase) -> None:
    keys = ENTER + ENTER + SPACE + ENTER  # Enter alone is refused, then check the first
    answers, _ = run_questionnaire(
        shipped,
        keys,
        given={
            "profil": "etudiant",
            "nature_projet": "innovant",
            "stade": "idee",
            "frequence": "reguliere",
            "duree": "essai",
            "budget": "minimal",
            "territoire": "rural",
            "secteur": (),
            "confidentialite": "normale",
        },
    )
    assert answers["besoins"] == ("bureau_mobile",)


def test_only_missing_questions_are_asked_and_numbered(shipped: RuleBase) -> None:
    given = {
        "profil": "grande_entreprise",
        "besoins": ("rencontres",),
        "frequence": "reguliere",
        "duree": "longue",
        "budget": "eleve",
        "territoire": "grande_ville",
        "secteur": (),
        "confidentialite": "forte",
    }
    answers, echo = run_questionnaire(shipped, DOWN + ENTER, given=given)
    assert answers["objectif_entreprise"] == "transformer"
    assert echo.splitlines() == [  # wrapped to the (dummy) terminal's 80 columns
        "» [1/1] Qu'attendez-vous d'un lieu extérieur ? Faire bouger l'interne en",
        "        s'inspirant de l'extérieur",
    ]


def test_ctrl_c_stops_with_the_answers_given_so_far(shipped: RuleBase) -> None:
    with pytest.raises(Interrupted) as stopped:
        run_questionnaire(shipped, DOWN + ENTER + CTRL_C)
    assert stopped.value.answers == {"profil": "etudiant"}


def test_back_returns_to_the_previous_question(shipped: RuleBase) -> None:
    up = "\x1b[A"
    keys = (
        ENTER  # profil: independant
        + ENTER  # nature_projet: ne_sait_pas
        + up
        + SPACE
        + ENTER  # besoins: tick the last item, "back"
        + up
        + ENTER  # nature_projet again, the earlier answer offered first: one up, classique
        + SPACE
        + ENTER  # besoins: bureau_mobile
        + ENTER * 7
    )
    answers, echo = run_questionnaire(shipped, keys)
    assert answers["profil"] == "independant"
    assert answers["nature_projet"] == "classique"
    assert answers["besoins"] == ("bureau_mobile",)
    assert "« [3/10] retour à la question précédente" in echo.splitlines()


def test_a_question_asked_again_offers_the_given_answer_first(shipped: RuleBase) -> None:
    given = {
        "profil": "etudiant",
        "nature_projet": "ne_sait_pas",
        "besoins": ("convivialite",),
        "stade": "idee",
        "frequence": "reguliere",
        "duree": "essai",
        "budget": "minimal",
        "territoire": "rural",
        "secteur": (),
        "confidentialite": "normale",
    }
    echo = io.StringIO()
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER)
        asker = TerminalAsker(input=pipe, output=DummyOutput(), echo=echo)
        answers = resolve_answers(shipped, given, asker, no_input_hint="", reask=["budget"]).answers
    assert answers["budget"] == "minimal"
    assert echo.getvalue().startswith("» [1/1] Quel budget")


def test_the_message_shows_progress_and_help_below(shipped: RuleBase) -> None:
    message = question_message(shipped.question("budget"), 6, 9)
    first, second = message.splitlines()[:2]
    assert first == "[6/9] Quel budget par personne et par mois ?"
    assert second == "  Ordre de grandeur, hors taxes."


def plain_run(shipped: RuleBase, lines: list[str], given: dict | None = None):  # type: ignore[no-untyped-def]
    from espaces_cli.prompts import PlainAsker

    feed = iter(lines)
    echo = io.StringIO()
    asker = PlainAsker(read=lambda: next(feed, ""), echo=echo)
    answers = resolve_answers(shipped, given or {}, asker, no_input_hint="").answers
    return answers, echo.getvalue()


def test_plain_mode_typed_with_numbers(shipped: RuleBase) -> None:
    lines = ["2\n", "3\n", "1,3\n", "5\n", "2\n", "1\n", "1\n", "3\n", "\n", "\n"]
    answers, echo = plain_run(shipped, lines)
    assert answers == RURAL_STUDENT
    assert "Question 1 sur 10 : Qui êtes-vous ?" in echo
    assert "  2. Étudiant" in echo
    assert "\x1b" not in echo


def test_plain_mode_refuses_bad_numbers_and_goes_back_with_0(shipped: RuleBase) -> None:
    lines = [
        "12\n",
        "1,2\n",
        "1\n",
        "3\n",
        "\n",
        "0\n",
        "1\n",
        "4\n",
        "1\n",
        "1\n",
        "1\n",
        "1\n",
        "1\n",
        "1\n",
        "\n",
        "\n",
    ]
    answers, echo = plain_run(shipped, lines)
    assert "Numéros possibles : de 1 à 9." in echo
    assert "Un seul numéro pour cette question." in echo
    assert "Choisissez au moins 1 réponse." in echo
    assert "Retour à la question précédente." in echo
    assert answers["profil"] == "independant"
    assert answers["nature_projet"] == "innovant"
    assert answers["besoins"] == ("rencontres",)


def test_plain_mode_end_of_input_stops_like_ctrl_c(shipped: RuleBase) -> None:
    with pytest.raises(Interrupted) as stopped:
        plain_run(shipped, ["1\n"])
    assert stopped.value.answers == {"profil": "independant"}
