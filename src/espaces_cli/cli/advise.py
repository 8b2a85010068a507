"""``espaces advise``: the questions, then the recommendation and its reasons."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from espaces_cli import __version__
from espaces_cli.cli.argv import LAST_RECOVERY
from espaces_cli.cli.context import environment, load_rules
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand
from espaces_cli.cli.options import (
    AnswerOption,
    AnswersFileOption,
    NoInputOption,
    PlainOption,
    ReportFormat,
    ResumeOption,
    RulesOption,
    complete_question,
)
from espaces_cli.cli.outputs import check_outputs, emit
from espaces_cli.core.errors import EspacesError, ExitStatus, Interrupted, UsageError
from espaces_cli.language import N_, _, _n, worded

if TYPE_CHECKING:
    from espaces_cli.core.advice import Advice
    from espaces_cli.core.answers import Ask, Resolution
    from espaces_cli.core.model import AnswerValue, RuleBase


commands = typer.Typer()
"""Where ``advise`` is registered; the main app takes its commands (design §8 layout)."""


@commands.command("advise", cls=LocalCommand)
def advise(
    ctx: typer.Context,
    answer: AnswerOption = None,
    answers: AnswersFileOption = None,
    no_input: NoInputOption = False,
    rules: RulesOption = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help=N_("Format du rapport."))
    ] = ReportFormat.terminal,
    output: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar=N_("FICHIER"),
            help=N_("Écrire le rapport dans un fichier plutôt qu'à l'écran."),
        ),
    ] = None,
    save_answers: Annotated[
        str | None,
        typer.Option(
            "--save-answers",
            metavar=N_("FICHIER"),
            help=N_("Enregistrer les réponses pour rejouer plus tard (--answers)."),
        ),
    ] = None,
    resume: ResumeOption = None,
    ask_again: Annotated[
        list[str] | None,
        typer.Option(
            "--ask",
            metavar="ID",
            autocompletion=complete_question,
            help=N_("Reposer cette question même si elle a une réponse (répétable)."),
        ),
    ] = None,
    plain: PlainOption = False,
    pager: Annotated[
        bool | None,
        typer.Option(
            "--pager/--no-pager",
            help=N_(
                "Afficher le rapport dans un pager (PAGER, sinon less) ; par défaut, "
                "quand il dépasse la hauteur du terminal. Jamais dans un tube ni en JSON."
            ),
        ),
    ] = None,
    batch: Annotated[
        str | None,
        typer.Option(
            "--batch",
            metavar=N_("FICHIER"),
            help=N_(
                "Répondre à chaque ligne d'un fichier JSON Lines (- pour l'entrée standard) : "
                "une ligne JSON par ligne lue."
            ),
        ),
    ] = None,
) -> None:
    """Recommander un type de lieu, avec ses raisons (pose les questions manquantes)."""
    env = environment(ctx)
    with reported(env):
        if batch is not None:
            from espaces_cli.cli.batch import check_batch_options, run_batch

            check_batch_options(ctx, fmt)
            run_batch(env, load_rules(env, rules), batch, rules)
            return
        recovery = recovery_path(env, resume)
        check_outputs(
            {"-o": output, "--save-answers": save_answers},
            {"--answers": answers, "--resume": recovery, "--rules": rules},
        )
        rule_base = load_rules(env, rules)
        resumed = gather(env, rule_base, [], None, recovery) if recovery else {}
        stated = gather(env, rule_base, answer or [], answers, None)
        given = {**resumed, **stated}
        kept = [qid for qid in resumed if qid not in stated]
        plain = plain or env.dumb_terminal
        ask = asker(env, no_input or answers == "-", plain=plain)
        if ask is not None:
            announce_resume(env, rule_base, given, kept, resuming=recovery is not None)
        resolution = resolve(
            env, rule_base, given, ask, no_input, ask_again or [], kept=kept, recovery=recovery
        )
        try:
            finish(
                env, rule_base, resolution.answers, rules, fmt, output, save_answers, plain, pager
            )
        except EspacesError:
            if ask is not None:  # answers typed by hand: keep them before saying what failed
                keep_for_later(
                    env, rule_base, resolution.answers, stopped=False, resumed_from=recovery
                )
            raise
        if recovery is not None and resume == LAST_RECOVERY:
            Path(recovery).unlink(missing_ok=True)


def gather(
    env: Environment,
    rule_base: RuleBase,
    flags: list[str],
    answers_file: str | None,
    recovery: str | None,
) -> dict[str, AnswerValue]:
    from espaces_cli.answers_io import gather_answers

    return gather_answers(
        rule_base,
        flags,
        answers_file,
        resume_file=recovery,
        stdin=env.binary_stdin,
        warn=env.say,
    )


def announce_resume(
    env: Environment,
    rule_base: RuleBase,
    given: Mapping[str, AnswerValue],
    kept: list[str],
    *,
    resuming: bool,
) -> None:
    """Before the first question: what a resumed run kept, or that a resume is waiting."""
    from espaces_cli.cli.resume import kept_summary, pending_notice

    if kept:
        env.say(kept_summary(rule_base, given, kept, env.stderr_width))
    if resuming:
        return
    notice = pending_notice(env)
    if notice is not None:
        env.say(notice)


def recovery_path(env: Environment, resume: str | None) -> str | None:
    """The answers file ``--resume`` continues from (``None`` when not resuming)."""
    if resume is None:
        return None
    if resume != LAST_RECOVERY:
        return resume
    from espaces_cli.files import recovery_file

    path = recovery_file(env.variables)
    if path is None or not Path(path).is_file():
        raise UsageError(_("Aucun questionnaire interrompu à reprendre."))
    return path


def asker(env: Environment, no_input: bool, *, plain: bool = False) -> Ask | None:
    """The prompt to ask on, if any: plain when asked for or when the terminal is dumb."""
    if no_input or not env.can_ask:
        return None
    if plain or env.dumb_terminal:
        from espaces_cli.prompts import PlainAsker

        stdin = env.stdin
        assert stdin is not None  # can_ask says it is a terminal
        return PlainAsker(read=stdin.readline, echo=env.stderr, width=env.stderr_width)
    from espaces_cli.prompts import TerminalAsker

    return TerminalAsker(echo=env.stderr)


def keep_for_later(
    env: Environment,
    rule_base: RuleBase,
    answers: Mapping[str, AnswerValue],
    *,
    stopped: bool = True,
    resumed_from: str | None = None,
    command: str = "espaces advise",
) -> None:
    """Save the answers given so far and say where; after Ctrl-C, stop with exit 130.

    If the recovery folder cannot be used (``ESPACES_STATE_DIR`` is a file, no home…),
    the answers are printed as a command line instead: they are never lost. An older
    recovery (not the one this run resumed) is set aside first, and the user told where.
    """
    if not answers:
        if stopped:
            env.say(_("Interrompu : aucune réponse n'a été enregistrée."))
            raise typer.Exit(int(ExitStatus.INTERRUPTED))
        return
    from espaces_cli.answers_io import format_answers_file
    from espaces_cli.cli.resume import recovery_header, set_aside
    from espaces_cli.files import recovery_file, why, write_atomically

    path = recovery_file(env.variables)
    aside: str | None = None
    try:
        if path is None:
            raise UsageError(_("aucun dossier pour la garder"))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        aside = set_aside(path, resumed_from)
        text = format_answers_file(
            answers, __version__, rule_base.identity, header=recovery_header()
        )
        write_atomically(path, text)
    except (OSError, EspacesError) as error:
        from espaces_cli.core.replay import replay_command

        reason = worded(error) if isinstance(error, EspacesError) else why(error)
        env.say(
            _(
                "Réponses non gardées dans un fichier ({why}) ; les voici, pour reprendre : "
                "{command}",
                why=reason,
                command=replay_command(rule_base, answers, None),
            )
        )
    else:
        env.say(
            _n(
                "{count} réponse gardée dans {path} ; reprenez avec : {command} --resume",
                "{count} réponses gardées dans {path} ; reprenez avec : {command} --resume",
                len(answers),
                path=path,
                command=command,
            )
            if not stopped
            else _n(
                "Interrompu : {count} réponse gardée dans {path} ; "
                "reprenez avec : {command} --resume",
                "Interrompu : {count} réponses gardées dans {path} ; "
                "reprenez avec : {command} --resume",
                len(answers),
                path=path,
                command=command,
            )
        )
    if aside is not None:
        env.say(
            _(
                "La reprise précédente est mise de côté dans {path} : reprenez-la avec {command}",
                path=aside,
                command=f"{command} --resume {shlex.quote(aside)}",
            )
        )
    if stopped:
        raise typer.Exit(int(ExitStatus.INTERRUPTED))


def resolve(
    env: Environment,
    rule_base: RuleBase,
    given: dict[str, AnswerValue],
    ask: Ask | None,
    no_input: bool,
    ask_again: list[str],
    *,
    kept: list[str] | None = None,
    recovery: str | None = None,
    command: str = "espaces advise",
) -> Resolution:
    """Ask what is missing (and what ``--ask`` names); Ctrl-C keeps the answers so far."""
    from espaces_cli.core.answers import find_question, resolve_answers

    reask = [find_question(rule_base, qid).id for qid in ask_again]
    if reask and ask is None:
        raise UsageError(
            _("--ask repose une question à l'écran : il faut un terminal (et pas --no-input).")
        )
    hint = (
        _("Donnez-les avec --answer ID=VALEUR ou --answers FICHIER.")
        if no_input
        else _(
            "Pas de terminal pour poser les questions : donnez-les avec --answer ID=VALEUR "
            "ou --answers FICHIER."
        )
    )
    try:
        resolution = resolve_answers(
            rule_base, given, ask, no_input_hint=hint, reask=reask, kept=kept or ()
        )
    except Interrupted as stop:
        keep_for_later(env, rule_base, stop.answers, resumed_from=recovery, command=command)
        raise  # keep_for_later always stops the run; this only tells the type checker
    for qid in resolution.ignored:
        env.say(_("Réponse ignorée : « {id} » ne s'applique pas avec ces réponses.", id=qid))
    if resolution.defaulted:
        env.say(defaults_notice(rule_base, resolution))
    return resolution


def defaults_notice(rule_base: RuleBase, resolution: Resolution) -> str:
    """One line naming the answers taken by default, written as ``-a`` would give them."""
    values = {qid: resolution.answers[qid] for qid in resolution.defaulted}
    taken = ", ".join(
        f"{qid}={value if isinstance(value, str) else ','.join(value) or _('(aucun)')}"
        for qid, value in values.items()
    )
    return _n(
        "Réponse prise par défaut : {taken} (précisez-la avec --answer ID=VALEUR).",
        "Réponses prises par défaut : {taken} (précisez-les avec --answer ID=VALEUR).",
        len(resolution.defaulted),
        taken=taken,
    )


def finish(
    env: Environment,
    rule_base: RuleBase,
    answers: Mapping[str, AnswerValue],
    rules: str | None,
    fmt: ReportFormat,
    output: str | None,
    save_answers: str | None,
    plain: bool,
    pager: bool | None = None,
) -> None:
    """Save the answers if asked, compute the advice, write the report."""
    from espaces_cli.core.engine import advise as compute_advice
    from espaces_cli.core.replay import replay_command

    if save_answers is not None:
        from espaces_cli.answers_io import format_answers_file

        emit(env, format_answers_file(answers, __version__, rule_base.identity), save_answers)
    advice = compute_advice(rule_base, answers)
    replay = replay_command(rule_base, answers, rules)
    to_file = output is not None
    report = render_advice(
        advice,
        rule_base,
        fmt,
        replay,
        plain=plain,
        color=env.colour and not to_file,
        width=None if to_file else env.width,
    )
    if output is None and fmt is not ReportFormat.json:
        from espaces_cli.cli.pager import show

        show(env, report, pager, plain=plain)
    else:
        emit(env, report, output)
    if fmt is ReportFormat.terminal and env.stderr_is_terminal:
        from espaces_cli.cli.visit import visit_hint

        env.say(visit_hint(rule_base, answers, rules, save_answers))


def render_advice(
    advice: Advice,
    rule_base: RuleBase,
    fmt: ReportFormat,
    replay: str,
    *,
    plain: bool,
    color: bool,
    width: int | None,
) -> str:
    """The report in the format asked for."""
    labels = rule_base.questions
    if fmt is ReportFormat.json:
        from espaces_cli.render.json_report import render_json

        return render_json(advice, version=__version__, replay=replay)
    if fmt is ReportFormat.markdown:
        from espaces_cli.render.markdown_report import render_markdown

        return render_markdown(advice, replay=replay, question_labels=labels)
    if plain:
        from espaces_cli.render.plain_report import render_plain

        return render_plain(advice, replay=replay, question_labels=labels)
    from espaces_cli.render.terminal_report import render_terminal

    return render_terminal(advice, replay=replay, question_labels=labels, color=color, width=width)
