"""Ask the questionnaire in a terminal with questionary, drawn on stderr.

questionary (and prompt_toolkit) are imported only when a question is really asked, so
``--help`` and scripted runs never pay for them.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO

from espaces_cli.core.answers import BACK, Prompt
from espaces_cli.core.encoding import fit_encoding
from espaces_cli.core.layout import after, hanging
from espaces_cli.core.model import AnswerValue, Question
from espaces_cli.language import N_, _, _n, listed, local

SELECT_HINT = N_("(flèches ↑↓ pour choisir, Entrée pour valider)")
CHECKBOX_HINT = N_("(flèches ↑↓, Espace pour cocher, Entrée pour valider)")
BACK_LABEL = N_("← Revenir à la question précédente")


def question_message(question: Question, number: int, total: int, width: int | None = None) -> str:
    """The prompt's text: ``[n/N] label``, then the help on the line below, both wrapped
    to ``width`` (questionary draws ``? `` before it)."""
    tag = f"[{number}/{total}] "
    message = after("? ", tag + local(question.label), width, indent=2 + len(tag))
    if question.help is not None:
        message += "\n" + hanging(local(question.help), width, first="  ", rest="  ") + "\n "
    return message


def answer_summary(question: Question, value: AnswerValue) -> str:
    chosen = (value,) if isinstance(value, str) else value
    labels = [local(question.choice(c).label) for c in chosen]
    return ", ".join(labels) if labels else _("(aucun)")


class TerminalAsker:
    """Ask one question at a time; tests pass prompt_toolkit's pipe input and dummy output."""

    def __init__(
        self, *, input: Any = None, output: Any = None, echo: TextIO | None = None
    ) -> None:
        self._input = input
        self._output = output
        self._echo = echo if echo is not None else sys.stderr

    def _io(self) -> dict[str, Any]:
        if self._output is None:
            from prompt_toolkit.output import create_output

            self._output = create_output(stdout=self._echo)
        io: dict[str, Any] = {"output": self._output, "erase_when_done": True}
        if self._input is not None:
            io["input"] = self._input
        return io

    def __call__(self, prompt: Prompt) -> AnswerValue:
        """Ask one question; Ctrl-C raises ``KeyboardInterrupt`` to the caller."""
        import questionary

        question, number, total = prompt.question, prompt.number, prompt.total
        io = self._io()
        width = self._width()
        message = question_message(question, number, total, width)
        preset = prompt.preset
        chosen = (preset,) if isinstance(preset, str) else (preset or ())
        # questionary draws " » " before a choice, and "● " too in a checkbox
        margin = " " * (3 if question.kind == "one" else 5)
        choices: list[Any] = [
            questionary.Choice(
                title=after(margin, local(choice.label), width),
                value=choice.id,
                checked=question.kind == "several" and choice.id in chosen,
            )
            for choice in question.choices
        ]
        if prompt.can_go_back:
            back = after(margin, _(BACK_LABEL), width)
            choices += [questionary.Separator(" "), questionary.Choice(back, value=BACK)]
        value: AnswerValue
        if question.kind == "one":
            picked = questionary.select(
                message,
                choices=choices,
                default=next(
                    (c for c in choices if isinstance(preset, str) and c.value == preset), None
                ),
                instruction=_(SELECT_HINT),
                qmark="?",
                **io,
            ).unsafe_ask()
            value = str(picked)
        else:
            minimum = question.min_choices

            def enough(selected: list[str]) -> bool | str:
                if BACK in selected or len(selected) >= minimum:
                    return True
                return _n(
                    "Cochez au moins {count} réponse avec Espace.",
                    "Cochez au moins {count} réponses avec Espace.",
                    minimum,
                )

            picked_many = questionary.checkbox(
                message,
                choices=choices,
                validate=enough,
                instruction=_(CHECKBOX_HINT),
                qmark="?",
                **io,
            ).unsafe_ask()
            if BACK in picked_many:
                value = BACK
            else:
                order = question.choice_ids()
                value = tuple(c for c in order if c in picked_many)
        if value == BACK:
            print(f"« [{number}/{total}] " + _("retour à la question précédente"), file=self._echo)
            return BACK
        tag = f"» [{number}/{total}] "
        said = f"{local(question.label)} {answer_summary(question, value)}"
        print(hanging(said, width, first=tag, rest=" " * len(tag)), file=self._echo)
        return value

    def _width(self) -> int | None:
        """The width of the terminal the prompt is drawn on, read at each question (the
        window may have been resized); ``None`` if it cannot be known."""
        try:
            columns = int(self._output.get_size().columns)
        except (AttributeError, OSError, ValueError):
            return None
        return columns if columns > 0 else None


class PlainAsker:
    """One question per line, choices numbered, answered by typing numbers (``1,3``).

    For screen readers and simple terminals: no arrow-key menu, no colour, no redrawing.
    An empty line keeps the answer offered in brackets; ``0`` goes back.
    """

    def __init__(
        self, *, read: Any = None, echo: TextIO | None = None, width: int | None = None
    ) -> None:
        self._read = read if read is not None else sys.stdin.readline
        self._echo = echo if echo is not None else sys.stderr
        self._width = width

    def _say(self, text: str, *, first: str = "", rest: str = "") -> None:
        """One line of the dialogue, wrapped at spaces to the terminal's width."""
        wrapped = hanging(text, self._width, first=first, rest=rest)
        print(
            fit_encoding(wrapped, getattr(self._echo, "encoding", None)),
            file=self._echo,
            flush=True,
        )

    def __call__(self, prompt: Prompt) -> AnswerValue:
        question = prompt.question
        self._say(
            _(
                "Question {number} sur {total} : {label}",
                number=prompt.number,
                total=prompt.total,
                label=local(question.label),
            )
        )
        if question.help is not None:
            self._say(local(question.help))
        ids = question.choice_ids()
        for number, choice in enumerate(question.choices, start=1):
            mark = f"  {number}. "
            self._say(local(choice.label), first=mark, rest=" " * len(mark))
        preset = prompt.preset
        offered = (preset,) if isinstance(preset, str) else (preset or ())
        hints = [
            _("Tapez un numéro")
            if question.kind == "one"
            else _("Tapez un ou plusieurs numéros séparés par des virgules")
        ]
        if offered:
            kept = ", ".join(str(ids.index(o) + 1) for o in offered)
            hints.append(_("Entrée seule garde {numbers}", numbers=kept))
        elif question.kind == "several" and question.min_choices == 0:
            hints.append(_("Entrée seule : aucun"))
        if prompt.can_go_back:
            hints.append(_("0 pour revenir à la question précédente"))
        while True:
            self._say(_("{hints} :", hints=listed(hints)))
            line = self._read()
            if line == "":
                raise KeyboardInterrupt  # end of input: stop as Ctrl-C does
            value = self._parse(
                line.strip(), question.kind, ids, offered, question.min_choices, prompt.can_go_back
            )
            if isinstance(value, Problem):
                self._say(value.text)
                continue
            if value == BACK:
                self._say(_("Retour à la question précédente."))
                return BACK
            self._say(_("Réponse : {answer}", answer=answer_summary(question, value)))
            return value

    @staticmethod
    def _parse(
        text: str,
        kind: str,
        ids: tuple[str, ...],
        offered: tuple[str, ...],
        minimum: int,
        can_go_back: bool,
    ) -> AnswerValue | Problem:
        if text == "" and offered:
            return offered[0] if kind == "one" else offered
        if text == "0" and can_go_back:
            return BACK
        parts = [
            p.strip() for p in text.replace(";", ",").replace(" ", ",").split(",") if p.strip()
        ]
        if not all(p.isdigit() and 1 <= int(p) <= len(ids) for p in parts):
            return Problem(_("Numéros possibles : de 1 à {count}.", count=len(ids)))
        picked = [ids[int(p) - 1] for p in parts]
        if kind == "one":
            if len(picked) != 1:
                return Problem(_("Un seul numéro pour cette question."))
            return picked[0]
        if len(set(picked)) < minimum:
            return Problem(
                _n(
                    "Choisissez au moins {count} réponse.",
                    "Choisissez au moins {count} réponses.",
                    minimum,
                )
            )
        return tuple(c for c in ids if c in picked)


class Problem:
    """Why a typed answer was refused (said, then the question is asked again)."""

    def __init__(self, text: str) -> None:
        self.text = text
