"""``espaces advise --batch FILE|-``: answer every line of a JSON Lines file in one process.

One rule-base load and one ``Engine`` for the whole run; one output line per non-blank input
line, in order: the ``advise --format json`` document with a ``line`` key, or
``{"line": N, "error": "…"}``. Good lines are answered even when others are bad; the run
then ends with one line on stderr and exit 2.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

import typer

from espaces_cli import __version__
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.options import ReportFormat
from espaces_cli.core.errors import ExitStatus, UsageError
from espaces_cli.core.text import json_visible
from espaces_cli.language import _, _n, worded

if TYPE_CHECKING:
    from espaces_cli.batch_io import BatchLine
    from espaces_cli.core.engine import Engine
    from espaces_cli.core.model import AnswerValue, RuleBase

GIVES_ANSWERS = {"answer": "--answer", "answers": "--answers", "resume": "--resume"}
"""Options that give answers: in a batch every line gives all of its own."""
ASKS = {"ask_again": "--ask", "plain": "--plain"}
"""Options of the questions asked on screen: a batch asks nothing."""
WRITES = {"output": "-o", "save_answers": "--save-answers"}
"""Options writing one report or one answers file: a batch writes a stream on stdout."""
MEMO_SIZE = 256
"""Distinct answer sets whose output is kept (about 16 KB each: a few MB at most)."""


def check_batch_options(ctx: typer.Context, fmt: ReportFormat) -> None:
    """Refuse, in one line, every option given with ``--batch`` that it cannot honour."""

    def given(name: str) -> bool:
        source = ctx.get_parameter_source(name)
        return source is not None and source.name == "COMMANDLINE"

    for name, option in GIVES_ANSWERS.items():
        if given(name):
            raise UsageError(
                _(
                    "{option} ne se combine pas avec --batch : chaque ligne du fichier donne "
                    "ses propres réponses.",
                    option=option,
                )
            )
    for name, option in ASKS.items():
        if given(name):
            raise UsageError(
                _(
                    "{option} sert aux questions posées à l'écran ; --batch n'en pose aucune.",
                    option=option,
                )
            )
    for name, option in WRITES.items():
        if given(name):
            raise UsageError(
                _(
                    "{option} ne se combine pas avec --batch : les résultats vont sur la sortie "
                    "standard, une ligne JSON par ligne lue (redirigez-la : > FICHIER).",
                    option=option,
                )
            )
    if given("fmt") and fmt is not ReportFormat.json:
        raise UsageError(
            _(
                "--batch écrit du JSON Lines : --format {format} ne s'y applique pas.",
                format=fmt.value,
            )
        )


def run_batch(env: Environment, rule_base: RuleBase, source: str, rules: str | None) -> None:
    """Answer each line of ``source``; say how many were refused and exit 2 if any."""
    from espaces_cli.batch_io import STDIN_NAME, opened, read_batch
    from espaces_cli.core.engine import Engine

    answer = line_answerer(Engine(rule_base), rules)
    done = refused = 0
    first_refused: int | None = None
    try:
        with opened(source, env.binary_stdin) as stream:
            for line in read_batch(rule_base, stream, STDIN_NAME if source == "-" else source):
                text, ok = answer(line)
                done += 1
                env.out(text)
                env.flush()  # a producer feeding lines one by one reads each answer at once
                if not ok:
                    refused += 1
                    first_refused = first_refused or line.number
    except KeyboardInterrupt:
        env.say(
            _n(
                "Interrompu après {count} ligne traitée.",
                "Interrompu après {count} lignes traitées.",
                done,
            )
        )
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
    if refused:
        env.say(
            _n(
                "{count} ligne sur {total} refusée (la première : ligne {line}) ; "
                "voir ses « error » sur la sortie.",
                "{count} lignes sur {total} refusées (la première : ligne {line}) ; "
                "voir leurs « error » sur la sortie.",
                refused,
                total=done,
                line=first_refused,
            )
        )
        raise typer.Exit(int(ExitStatus.USAGE))


def line_answerer(engine: Engine, rules: str | None) -> Callable[[BatchLine], tuple[str, bool]]:
    """Turn a read line into its output line (JSON and a newline) and whether it was good.

    The output of the last ``MEMO_SIZE`` distinct answer sets is kept: a batch often repeats
    the same answers (a team, a survey's common profiles), and each set costs a whole advice.
    """

    @lru_cache(maxsize=MEMO_SIZE)
    def body(given: tuple[tuple[str, AnswerValue], ...]) -> tuple[str, bool]:
        return answer_body(engine, dict(given), rules)

    def answer(line: BatchLine) -> tuple[str, bool]:
        if line.answers is None:
            text, ok = json_visible({"error": line.error}), False
        else:
            text, ok = body(tuple(sorted(line.answers.items())))
        return f'{{"line": {line.number}, {text[1:]}\n', ok

    return answer


def answer_body(
    engine: Engine, given: Mapping[str, AnswerValue], rules: str | None
) -> tuple[str, bool]:
    """The output for these answers, without its ``line`` key; whether they were good."""
    from espaces_cli.core.answers import resolve_answers
    from espaces_cli.core.replay import replay_command
    from espaces_cli.render.json_report import advice_document

    rule_base = engine.rule_base
    try:
        resolution = resolve_answers(
            rule_base, given, None, no_input_hint=_("Ajoutez-les à la ligne.")
        )
    except UsageError as error:
        return json_visible({"error": worded(error)}), False
    answers = resolution.answers
    document = advice_document(
        engine.advise(answers),
        version=__version__,
        replay=replay_command(rule_base, answers, rules),
    )
    document["defaulted"] = list(resolution.defaulted)
    document["ignored"] = [q.id for q in rule_base.questions if q.id in resolution.ignored]
    return json_visible(document), True
