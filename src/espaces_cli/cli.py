"""The command line: the only module that imports typer. Each command reads its inputs,
calls the core and hands the result to a renderer; heavy modules are imported lazily."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from espaces_cli import __version__
from espaces_cli.cli_help import LocalCommand, LocalGroup, usage_error_text
from espaces_cli.core.messages import Language, choose_language, parse_language
from espaces_cli.core.status import EspacesError, ExitStatus, Interrupted, RuleBaseError
from espaces_cli.core.text import fit_encoding, printable, visible
from espaces_cli.language import N_, _, local, say, use

if TYPE_CHECKING:
    from espaces_cli.core.advice import Advice
    from espaces_cli.core.answers import Ask, Resolution
    from espaces_cli.core.model import AnswerValue, RuleBase, SpaceType
    from espaces_cli.core.session import Participant, Session


class ReportFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


class LangChoice(StrEnum):
    fr = "fr"
    en = "en"


class CatalogFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    yaml = "yaml"


app = typer.Typer(
    name="espaces",
    help=N_("Choisir un espace collaboratif externe : coworking, fab lab, incubateur, tiers-lieu…"),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=LocalGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _completion_base(ctx: typer.Context) -> RuleBase | None:
    """The rule base completions come from (--rules if already typed); ``None`` if unusable."""
    rules = ctx.params.get("rules") or os.environ.get("ESPACES_RULES")
    try:
        return _load(rules)
    except EspacesError:
        return None


def complete_answer(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Complete ``-a``: question ids, then ``id=`` choice ids (after a comma for several)."""
    rule_base = _completion_base(ctx)
    if rule_base is None:
        return []
    key, sep, value = incomplete.partition("=")
    if not sep:
        return [(f"{q.id}=", local(q.label)) for q in rule_base.questions if q.id.startswith(key)]
    if not rule_base.has_question(key):
        return []
    question = rule_base.question(key)
    done, _sep, last = value.rpartition(",")
    prefix = f"{key}={done}," if done else f"{key}="
    if done and question.kind == "one":
        return []
    return [(prefix + c.id, local(c.label)) for c in question.choices if c.id.startswith(last)]


def complete_question(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    rule_base = _completion_base(ctx)
    if rule_base is None:
        return []
    return [(q.id, local(q.label)) for q in rule_base.questions if q.id.startswith(incomplete)]


def complete_type(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    rule_base = _completion_base(ctx)
    if rule_base is None:
        return []
    return [(t.id, local(t.label)) for t in rule_base.space_types if t.id.startswith(incomplete)]


PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help=N_("Mode simple (lecteurs d'écran) : questions numérotées, texte sans décor."),
    ),
]
RulesOption = Annotated[
    str | None,
    typer.Option(
        "--rules",
        envvar="ESPACES_RULES",
        metavar=N_("FICHIER"),
        help=N_("Base de règles à utiliser à la place de celle fournie."),
    ),
]


def _say(message: str) -> None:
    """One diagnostic on stderr: control characters from user text made visible."""
    if sys.stderr is None:
        return
    safe = "\n".join(visible(line) for line in message.split("\n"))
    print(fit_encoding(safe, getattr(sys.stderr, "encoding", None)), file=sys.stderr)


def _out(text: str) -> None:
    """Results on stdout, in a form the console's encoding can write."""
    if sys.stdout is None:
        return
    try:
        sys.stdout.write(fit_encoding(text, getattr(sys.stdout, "encoding", None)))
    except BrokenPipeError:
        from espaces_cli.files import reader_gone

        reader_gone()


def _flush(stream: Any) -> None:
    try:
        stream.flush()
    except BrokenPipeError:
        from espaces_cli.files import reader_gone

        reader_gone()


def _lines(*lines: str) -> None:
    """Plain lines of results (user text in them already made visible)."""
    _out("".join(visible(line) + "\n" for line in lines))


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn expected failures into one line on stderr and the exit code of design §5."""
    try:
        yield
    except RuleBaseError as error:
        for line in error.problems:
            _say(line)
        raise typer.Exit(int(error.status)) from None
    except EspacesError as error:
        _say(say(error))
        raise typer.Exit(int(error.status)) from None
    except (KeyboardInterrupt, EOFError, Interrupted):
        _say(_("Interrompu : aucune réponse n'a été enregistrée."))
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None


def _is_terminal(stream: Any) -> bool:
    return stream is not None and stream.isatty()


def _wants_color() -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _is_terminal(sys.stdout)


def _width() -> int | None:
    return shutil.get_terminal_size().columns if _is_terminal(sys.stdout) else None


def _load(rules: str | None) -> RuleBase:
    from espaces_cli.rules.cache import default_dir
    from espaces_cli.rules.loader import load_rule_base

    return load_rule_base(rules, cache_dir=default_dir(os.environ))


def _emit(text: str, output: str | None) -> None:
    if output is None:
        _out(text)
        return
    from espaces_cli.files import is_stream, write_output

    write_output(output, text)
    if not is_stream(output):
        _say(_("Écrit dans {path}", path=output))


def _check_outputs(outputs: Mapping[str, str | None], inputs: Mapping[str, str | None]) -> None:
    """Before any work: every output can be written, and none is an input or another output.

    Writing a report over the answers or the session it was made from would destroy them.
    """
    from espaces_cli.core.status import UsageError
    from espaces_cli.files import check_output_target, is_stream

    seen = [(option, path) for option, path in inputs.items() if path is not None and path != "-"]
    for option, path in outputs.items():
        if path is None:
            continue
        check_output_target(path)
        if is_stream(path):
            continue
        for other_option, other in seen:
            if _same_file(path, other):
                raise UsageError(
                    _(
                        "{option} {path} désigne le même fichier que {other} : il serait "
                        "écrasé ; choisissez un autre fichier.",
                        option=option,
                        path=path,
                        other=other_option,
                    )
                )
        seen.append((option, path))


def _same_file(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _given_answers(
    rule_base: RuleBase, answer: list[str], answers_file: str | None, resume: str | None = None
) -> dict[str, AnswerValue]:
    from espaces_cli.core.answers import parse_answers, parse_assignments
    from espaces_cli.core.status import UsageError

    given: dict[str, AnswerValue] = {}
    if resume is not None:
        given.update(_given_answers(rule_base, [], resume))
    if answers_file is not None:
        from espaces_cli.answers_io import parse_answers_text, read_answers_text

        stdin = getattr(sys.stdin, "buffer", None)
        name, text = read_answers_text(answers_file, stdin)
        loaded = parse_answers_text(name, text)
        if loaded.rules_sha256 not in (None, rule_base.identity.sha256):
            _say(
                _(
                    "Attention : {name} a été enregistré avec une autre base de règles "
                    "(sha256 {sha}…) ; les réponses sont revérifiées.",
                    name=name,
                    sha=printable(loaded.rules_sha256[:12]),
                )
            )
        try:
            given.update(parse_answers(rule_base, loaded.raw))
        except UsageError as error:
            raise UsageError(f"{printable(name)}: {say(error)}") from None
    given.update(parse_assignments(rule_base, answer))
    return given


def _plain(asked: bool) -> bool:
    """Plain mode: asked for, or a terminal that says it is dumb."""
    return asked or os.environ.get("TERM") == "dumb"


def _asker(no_input: bool, answers_file: str | None, *, plain: bool = False) -> Ask | None:
    """The prompt to ask on, if any: plain when asked for or when the terminal is dumb."""
    if (
        no_input
        or answers_file == "-"
        or not (_is_terminal(sys.stdin) and _is_terminal(sys.stderr))
    ):
        return None
    if _plain(plain):
        from espaces_cli.prompts import PlainAsker

        return PlainAsker()
    from espaces_cli.prompts import TerminalAsker

    return TerminalAsker()


def _render_advice(
    advice: Advice,
    rule_base: RuleBase,
    fmt: ReportFormat,
    replay: str,
    to_file: bool,
    plain: bool = False,
) -> str:
    labels = {q.id: local(q.label) for q in rule_base.questions}
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

    color = _wants_color() and not to_file
    width = None if to_file else _width()
    return render_terminal(advice, replay=replay, question_labels=labels, color=color, width=width)


def _version_callback(value: bool) -> None:
    if value:
        print(f"espaces {__version__}")
        raise typer.Exit()


def _lang_callback(value: LangChoice | None) -> None:
    if value is not None:
        use("en" if value is LangChoice.en else "fr")


@app.callback(cls=LocalGroup)
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version_callback,
            is_eager=True,
            help=N_("Afficher la version et quitter."),
        ),
    ] = False,
    lang: Annotated[
        LangChoice | None,
        typer.Option(
            "--lang",
            callback=_lang_callback,
            is_eager=True,
            help=N_(
                "Langue des messages (fr ou en), à donner n'importe où sur la ligne ; "
                "sinon ESPACES_LANG, puis la langue du système, puis fr."
            ),
        ),
    ] = None,
) -> None:
    """Choisir un espace collaboratif externe : les bonnes questions, le bon type de lieu,
    les précautions et une liste pour la visite."""


@app.command(cls=LocalCommand)
def advise(
    answer: Annotated[
        list[str] | None,
        typer.Option(
            "--answer",
            "-a",
            metavar=N_("ID=VALEUR"),
            autocompletion=complete_answer,
            help=N_("Donner une réponse (répétable) ; plusieurs valeurs : id=a,b."),
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            metavar=N_("FICHIER"),
            help=N_("Lire les réponses d'un fichier YAML ou JSON (- pour l'entrée standard)."),
        ),
    ] = None,
    no_input: Annotated[
        bool,
        typer.Option("--no-input", help=N_("Ne rien demander : échouer s'il manque une réponse.")),
    ] = False,
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
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume",
            metavar=N_("[FICHIER]"),
            help=N_("Reprendre un questionnaire interrompu (par défaut, le dernier)."),
        ),
    ] = None,
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
) -> None:
    """Recommander un type de lieu, avec ses raisons (pose les questions manquantes)."""
    with _user_errors():
        recovery = _recovery_path(resume)
        _check_outputs(
            {"-o": output, "--save-answers": save_answers},
            {"--answers": answers, "--resume": recovery, "--rules": rules},
        )
        rule_base = _load(rules)
        given = _given_answers(rule_base, answer or [], answers, resume=recovery)
        from espaces_cli.core.answers import find_question

        reask = [find_question(rule_base, qid).id for qid in ask_again or []]
        plain = _plain(plain)
        ask = _asker(no_input, answers, plain=plain)
        if reask and ask is None:
            from espaces_cli.core.status import UsageError

            raise UsageError(
                _("--ask repose une question à l'écran : il faut un terminal (et pas --no-input).")
            )
        try:
            resolution = _resolve(rule_base, given, ask, no_input, reask=reask)
        except Interrupted as stop:
            _keep_for_later(rule_base, stop.answers)
        try:
            _finish_advice(rule_base, resolution.answers, rules, fmt, output, save_answers, plain)
        except EspacesError:
            if ask is not None:  # answers typed by hand: keep them before saying what failed
                _keep_for_later(rule_base, resolution.answers, stopped=False)
            raise
        if recovery is not None and resume == LAST_RECOVERY:
            Path(recovery).unlink(missing_ok=True)


LAST_RECOVERY = "<dernière>"


def _recovery_path(resume: str | None) -> str | None:
    """The answers file ``--resume`` continues from (``None`` when not resuming)."""
    if resume is None:
        return None
    if resume != LAST_RECOVERY:
        return resume
    from espaces_cli.core.status import UsageError
    from espaces_cli.files import recovery_file

    path = recovery_file(os.environ)
    if path is None or not Path(path).is_file():
        raise UsageError(_("Aucun questionnaire interrompu à reprendre."))
    return path


def _keep_for_later(
    rule_base: RuleBase, answers: Mapping[str, AnswerValue], *, stopped: bool = True
) -> None:
    """Save the answers given so far and say where; after Ctrl-C, stop with exit 130.

    If the recovery folder cannot be used (``ESPACES_STATE_DIR`` is a file, no home…),
    the answers are printed as a command line instead: they are never lost.
    """
    if not answers:
        if stopped:
            _say(_("Interrompu : aucune réponse n'a été enregistrée."))
            raise typer.Exit(int(ExitStatus.INTERRUPTED))
        return
    from espaces_cli.answers_io import format_answers_file
    from espaces_cli.files import recovery_file, write_atomically

    path = recovery_file(os.environ)
    try:
        if path is None:
            raise OSError(_("aucun dossier pour la garder"))
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, format_answers_file(answers, __version__, rule_base.identity))
    except (OSError, EspacesError) as error:
        from espaces_cli.core.replay import replay_command

        why = say(error) if isinstance(error, EspacesError) else str(error.strerror or error)
        _say(
            _(
                "Réponses non gardées dans un fichier ({why}) ; les voici, pour reprendre : "
                "{command}",
                why=why,
                command=replay_command(rule_base, answers, None),
            )
        )
    else:
        _say(
            _(
                "{count} réponse(s) gardée(s) dans {path} ; "
                "reprenez avec : espaces advise --resume",
                count=len(answers),
                path=path,
            )
            if not stopped
            else _(
                "Interrompu : {count} réponse(s) gardée(s) dans {path} ; "
                "reprenez avec : espaces advise --resume",
                count=len(answers),
                path=path,
            )
        )
    if stopped:
        raise typer.Exit(int(ExitStatus.INTERRUPTED))


def _resolve(
    rule_base: RuleBase,
    given: dict[str, AnswerValue],
    ask: Ask | None,
    no_input: bool,
    reask: list[str] | None = None,
) -> Resolution:
    from espaces_cli.core.answers import resolve_answers

    hint = (
        _("Donnez-les avec --answer ID=VALEUR ou --answers FICHIER.")
        if no_input
        else _(
            "Pas de terminal pour poser les questions : donnez-les avec --answer ID=VALEUR "
            "ou --answers FICHIER."
        )
    )
    resolution = resolve_answers(rule_base, given, ask, no_input_hint=hint, reask=reask or ())
    for qid in resolution.ignored:
        _say(_("Réponse ignorée : « {id} » ne s'applique pas avec ces réponses.", id=qid))
    return resolution


def _finish_advice(
    rule_base: RuleBase,
    answers: Mapping[str, AnswerValue],
    rules: str | None,
    fmt: ReportFormat,
    output: str | None,
    save_answers: str | None,
    plain: bool = False,
) -> None:
    from espaces_cli.core.engine import advise as compute_advice
    from espaces_cli.core.replay import replay_command

    if save_answers is not None:
        from espaces_cli.answers_io import format_answers_file

        _emit(format_answers_file(answers, __version__, rule_base.identity), save_answers)
    advice = compute_advice(rule_base, answers)
    replay = replay_command(rule_base, answers, rules)
    _emit(_render_advice(advice, rule_base, fmt, replay, output is not None, plain), output)


@app.command(cls=LocalCommand)
def questions(
    fmt: Annotated[
        CatalogFormat, typer.Option("--format", help=N_("Format de la liste."))
    ] = CatalogFormat.terminal,
    template: Annotated[
        bool, typer.Option("--template", help=N_("Écrire un fichier de réponses prêt à remplir."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Lister les questions, leurs ids et leurs choix (ou un modèle de réponses)."""
    with _user_errors():
        rule_base = _load(rules)
        from espaces_cli.render import catalog

        if template:
            text = catalog.answers_template(rule_base)
        elif fmt is CatalogFormat.terminal:
            text = catalog.render_questions_terminal(
                rule_base, color=_wants_color(), width=_width()
            )
        else:
            text = _dump(catalog.questions_document(rule_base), fmt.value)
        _out(text)


def _dump(document: dict[str, Any], fmt: str) -> str:
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    from espaces_cli.render.common import json_text

    return json_text(document)


@app.command(cls=LocalCommand)
def types(
    type_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help=N_("Un type de lieu à détailler."), autocompletion=complete_type
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", help=N_("Format de la sortie."))
    ] = ReportFormat.terminal,
    rules: RulesOption = None,
) -> None:
    """Lister les types de lieux, ou détailler l'un d'eux."""
    with _user_errors():
        rule_base = _load(rules)
        _out(_render_types(rule_base, type_id, fmt))


def _render_types(rule_base: RuleBase, type_id: str | None, fmt: ReportFormat) -> str:
    from espaces_cli.render import catalog

    if type_id is None:
        if fmt is ReportFormat.json:
            return _dump(catalog.types_document(rule_base), "json")
        if fmt is ReportFormat.markdown:
            return catalog.render_types_markdown(rule_base)
        return catalog.render_types_terminal(rule_base, color=_wants_color(), width=_width())
    space_type = _find_type(rule_base, type_id)
    if fmt is ReportFormat.json:
        return _dump(catalog.type_document(space_type, rule_base), "json")
    if fmt is ReportFormat.markdown:
        return catalog.render_type_markdown(space_type, rule_base)
    return catalog.render_type_terminal(space_type, rule_base, color=_wants_color(), width=_width())


def _find_type(rule_base: RuleBase, raw_id: str) -> SpaceType:
    import difflib

    from espaces_cli.core.answers import normalise_id
    from espaces_cli.core.status import UsageError

    wanted = normalise_id(raw_id)
    ids = [t.id for t in rule_base.space_types]
    if wanted in ids:
        return rule_base.space_type(wanted)
    close = difflib.get_close_matches(wanted, ids, n=1)
    hint = " " + _("Vouliez-vous dire « {id} » ?", id=close[0]) if close else ""
    raise UsageError(
        _("Type de lieu inconnu « {id} ».", id=raw_id)
        + hint
        + " "
        + _("Types : {ids}.", ids=", ".join(ids))
    )


rules_app = typer.Typer(
    help=N_("Vérifier, explorer et adapter une base de règles."),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=LocalGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(rules_app, name="rules")

FileArgument = Annotated[
    str | None,
    typer.Argument(
        metavar=N_("[FICHIER]"),
        help=N_("Base de règles (à défaut : --rules, ESPACES_RULES, ou celle fournie)."),
        show_default=False,
    ),
]
SeedOption = Annotated[
    int, typer.Option("--seed", metavar="N", help=N_("Graine du tirage des réponses."))
]


class ToolFormat(StrEnum):
    terminal = "terminal"
    json = "json"


@rules_app.command("check", cls=LocalCommand)
def rules_check(
    file: FileArgument = None,
    rules: RulesOption = None,
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            min=1,
            metavar="N",
            help=N_("Jeux de réponses explorés pour les avertissements (au moins 1)."),
        ),
    ] = 2000,
    seed: SeedOption = 1,
) -> None:
    """Lister toutes les erreurs et tous les avertissements d'une base de règles."""
    from espaces_cli.rules.loader import check_rule_base

    with _user_errors():
        try:
            report = check_rule_base(file or rules, samples=samples, seed=seed)
        except RuleBaseError as error:
            report_lines, failed = error.problems, True
        else:
            report_lines, failed = report.errors + report.warnings, bool(report.errors)
        _lines(*report_lines)
        if failed:
            _say(_("Base de règles invalide : {count} erreur(s).", count=len(report_lines)))
            raise typer.Exit(int(ExitStatus.RULES))
        _say(_("Base de règles valide ({count} avertissement(s)).", count=len(report.warnings)))


@rules_app.command("coverage", cls=LocalCommand)
def rules_coverage(
    file: FileArgument = None,
    rules: RulesOption = None,
    samples: Annotated[
        int,
        typer.Option(
            "--samples",
            min=1,
            metavar="N",
            help=N_("Taille de l'échantillon quand tout parcourir est trop long (au moins 1)."),
        ),
    ] = 10000,
    seed: SeedOption = 1,
    fmt: Annotated[ToolFormat, typer.Option("--format", help=N_("Format du rapport."))] = (
        ToolFormat.terminal
    ),
) -> None:
    """Montrer combien de fois chaque type arrive en tête, et un exemple pour chacun."""
    with _user_errors():
        rule_base = _load(file or rules)
        from espaces_cli.core.coverage import cover
        from espaces_cli.core.lint import explored_answers
        from espaces_cli.core.replay import replay_command
        from espaces_cli.render import rules_report

        mode, total, answer_sets = explored_answers(rule_base, samples, seed, samples)
        shown = rules_report.track(
            answer_sets,
            total=total,
            description=_("Exploration"),
            enabled=_is_terminal(sys.stderr),
        )
        coverage = cover(rule_base, shown, mode=mode, seed=seed if mode == "sample" else None)
        replays = {
            t.type_id: replay_command(rule_base, t.example, file or rules)
            for t in coverage.types
            if t.example is not None
        }
        if fmt is ToolFormat.json:
            text = _dump(rules_report.coverage_document(coverage, rule_base, replays), "json")
        else:
            text = rules_report.render_coverage_terminal(
                coverage, rule_base, replays, color=_wants_color(), width=_width()
            )
        _out(text)


@rules_app.command("schema", cls=LocalCommand)
def rules_schema() -> None:
    """Écrire le schéma JSON des bases de règles (pour la complétion dans l'éditeur)."""
    import json

    from espaces_cli.rules.schema import json_schema

    _out(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


@rules_app.command("init", cls=LocalCommand)
def rules_init(
    folder: Annotated[
        str, typer.Argument(metavar=N_("[DOSSIER]"), help=N_("Où écrire la copie (défaut : ici)."))
    ] = ".",
    force: Annotated[
        bool, typer.Option("--force", help=N_("Remplacer les fichiers qui existent déjà."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Écrire une copie modifiable de la base de règles et de son schéma."""
    with _user_errors():
        from pathlib import Path

        from espaces_cli.core.status import UsageError
        from espaces_cli.files import write_output
        from espaces_cli.rules.loader import starter_files

        target = Path(folder)
        if not target.is_dir():
            raise UsageError(_("{path}: le dossier n'existe pas", path=folder))
        files = starter_files(rules)
        existing = [name for name in files if (target / name).exists()]
        if existing and not force:
            raise UsageError(
                _(
                    "Déjà présent(s) : {paths} ; rien n'a été écrit (--force pour remplacer).",
                    paths=", ".join(str(target / n) for n in existing),
                )
            )
        for name, text in files.items():
            write_output(str(target / name), text)
        rules_file = target / "space_types.yaml"
        schema_file = target / "space_types.schema.json"
        _lines(
            _("Écrit : {rules} et {schema}", rules=rules_file, schema=schema_file),
            _("Ensuite :"),
            _(
                "  1. modifiez {file} (votre éditeur le complète grâce au schéma) ;",
                file=rules_file,
            ),
            _("  2. vérifiez-la : espaces rules check {file}", file=rules_file),
            _("  3. regardez qui gagne : espaces rules coverage {file}", file=rules_file),
            _("  4. utilisez-la : espaces advise --rules {file}", file=rules_file),
        )


@rules_app.command("explain", cls=LocalCommand)
def rules_explain(
    type_id: Annotated[
        str,
        typer.Argument(
            metavar="TYPE", help=N_("Le type de lieu à expliquer."), autocompletion=complete_type
        ),
    ],
    rules: RulesOption = None,
    fmt: Annotated[ToolFormat, typer.Option("--format", help=N_("Format du rapport."))] = (
        ToolFormat.terminal
    ),
) -> None:
    """Montrer l'adéquation d'un type à chaque critère et les réponses qui le font bouger."""
    with _user_errors():
        rule_base = _load(rules)
        from espaces_cli.core.explain import explain_type
        from espaces_cli.render import rules_report

        explanation = explain_type(rule_base, _find_type(rule_base, type_id).id)
        if fmt is ToolFormat.json:
            text = _dump(rules_report.explanation_document(explanation, rule_base), "json")
        else:
            text = rules_report.render_explanation_terminal(
                explanation, rule_base, color=_wants_color(), width=_width()
            )
        _out(text)


workshop_app = typer.Typer(
    help=N_("Atelier : plusieurs participants, la recommandation du groupe et ses désaccords."),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=LocalGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(workshop_app, name="workshop")

SessionArgument = Annotated[
    str, typer.Argument(metavar="SESSION", help=N_("Le fichier de session (YAML)."))
]
ReplaceOption = Annotated[
    bool,
    typer.Option("--replace", help=N_("Remplacer les réponses d'un participant déjà présent.")),
]


class GroupFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


def _open_session(
    path: str, rules: str | None, *, rescore: bool = False
) -> tuple[RuleBase, Session]:
    """Read a session and check every participant against the rule base it names."""
    rule_base = _load(rules)
    return rule_base, _session_for(path, rule_base, rescore=rescore and rules is not None)


def _session_for(path: str, rule_base: RuleBase, *, rescore: bool = False) -> Session:
    """Read ``path``; refuse a session made with another rule base unless re-scoring."""
    from espaces_cli.core.session import Participant, Session, checked_answers
    from espaces_cli.core.status import UsageError
    from espaces_cli.workshop_io import read_session

    raw = read_session(path)
    if raw.rules.sha256 != rule_base.identity.sha256:
        if not rescore:
            used = rule_base.identity
            raise UsageError(
                _(
                    "{path}: session faite avec une autre base de règles ({name} {version}, "
                    "sha256 {sha}…) que celle-ci ({used_name} {used_version}, sha256 "
                    "{used_sha}…) ; pour la recalculer avec une autre base : "
                    "workshop report --rules FICHIER.",
                    path=path,
                    name=printable(raw.rules.name),
                    version=printable(raw.rules.version),
                    sha=printable(raw.rules.sha256[:12]),
                    used_name=printable(used.name),
                    used_version=printable(used.version),
                    used_sha=used.sha256[:12],
                )
            )
        _say(
            _(
                "Attention : session recalculée avec {path}, pas avec sa base d'origine.",
                path=rule_base.identity.path,
            )
        )
    checked: dict[str, Any] = {}
    participants = []
    for entry in raw.participants:
        key = repr(sorted(entry.answers.items(), key=lambda item: str(item[0])))
        if key not in checked:
            try:
                checked[key] = checked_answers(rule_base, entry.answers)
            except UsageError as error:
                raise UsageError(
                    f"{path}:{entry.line}: {printable(entry.name)} : {say(error)}"
                ) from None
        participants.append(Participant(entry.name, checked[key], entry.added_at, entry.extra))
    return Session(raw.title, raw.created_at, raw.rules, tuple(participants), raw.extra)


def _save_session(path: str, session: Session) -> None:
    from espaces_cli.files import write_output
    from espaces_cli.workshop_io import format_session

    write_output(path, format_session(session))


def _update_session(
    path: str, rule_base: RuleBase, change: Callable[[Session], Session]
) -> Session:
    """Read, change and write a session under its lock: concurrent writers lose nothing."""
    from espaces_cli.files import locked

    with locked(path, waiting=_say):
        updated = change(_session_for(path, rule_base))
        _save_session(path, updated)
    return updated


@workshop_app.command("new", cls=LocalCommand)
def workshop_new(
    session_file: SessionArgument,
    title: Annotated[str, typer.Option("--title", help=N_("Titre de l'atelier."))] = "",
    force: Annotated[
        bool, typer.Option("--force", help=N_("Remplacer une session existante."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Créer une session d'atelier vide, liée à la base de règles."""
    with _user_errors():
        from espaces_cli.core.session import Session
        from espaces_cli.core.status import UsageError
        from espaces_cli.workshop_io import now

        if Path(session_file).exists() and not force:
            raise UsageError(
                _("{path}: existe déjà (--force pour la remplacer)", path=session_file)
            )
        _check_outputs({"SESSION": session_file}, {"--rules": rules})
        identity = _load(rules).identity
        _save_session(session_file, Session(title, now(), identity, ()))
        _say(
            _(
                "Session créée : {path}. Ajoutez des participants : "
                "espaces workshop add {path} --participant NOM",
                path=session_file,
            )
        )


@workshop_app.command("add", cls=LocalCommand)
def workshop_add(
    session_file: SessionArgument,
    answer_files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=N_("[FICHIERS]..."),
            help=N_("Fichiers de réponses (advise --save-answers) ; nom = nom du fichier."),
        ),
    ] = None,
    participant: Annotated[
        list[str] | None,
        typer.Option(
            "--participant",
            "-p",
            metavar=N_("NOM"),
            help=N_("Poser les questions à ce participant (répétable, chacun son tour)."),
        ),
    ] = None,
    replace: ReplaceOption = False,
    rules: RulesOption = None,
) -> None:
    """Ajouter des participants : au clavier, ou depuis des fichiers de réponses."""
    with _user_errors():
        from espaces_cli.core.status import UsageError

        rule_base, _session = _open_session(session_file, rules)
        if not answer_files and not participant:
            raise UsageError(
                _("Donnez --participant NOM (questions à l'écran) ou des fichiers de réponses.")
            )
        if answer_files:
            arrivals = [_participant_from_file(rule_base, name) for name in answer_files]
            session = _update_session(
                session_file,
                rule_base,
                lambda s: s.with_participants(arrivals, replace_existing=replace),
            )
            _say(
                _(
                    "{count} participant(s) ajouté(s) : {path} ({total} en tout).",
                    count=len(answer_files),
                    path=session_file,
                    total=len(session.participants),
                )
            )
        for name in participant or []:
            _ask_participant(rule_base, session_file, name, replace)


def _participant_from_file(rule_base: RuleBase, path: str) -> Participant:
    """One participant from an answers file, named after the file."""
    from espaces_cli.answers_io import parse_answers_text, read_answers_text
    from espaces_cli.core.session import checked_answers
    from espaces_cli.core.status import UsageError
    from espaces_cli.workshop_io import participant as make_participant

    shown, text = read_answers_text(path)
    try:
        answers = checked_answers(rule_base, parse_answers_text(shown, text).raw)
    except UsageError as error:
        raise UsageError(f"{shown}: {say(error)}") from None
    return make_participant(Path(path).stem, answers)


def _ask_participant(rule_base: RuleBase, session_file: str, name: str, replace: bool) -> Session:
    """Ask one participant the questionnaire, then save the session at once.

    The file is read again just before saving, under its lock, so a crash or Ctrl-C loses
    at most the participant in progress, and other writers lose nothing.
    """
    from espaces_cli.core.answers import resolve_answers
    from espaces_cli.core.session import already_there, checked_name
    from espaces_cli.core.status import UsageError
    from espaces_cli.workshop_io import participant as make_participant

    ask = _asker(False, None)
    if ask is None:
        raise UsageError(
            _(
                "Pas de terminal pour poser les questions : ajoutez des fichiers de "
                "réponses (workshop add SESSION FICHIERS) ou importez un CSV."
            )
        )
    checked_name(name)
    if name in _session_for(session_file, rule_base).names() and not replace:
        raise UsageError(already_there(name))
    _say(_("— Participant : {name}", name=name))
    try:
        answers = resolve_answers(rule_base, {}, ask, no_input_hint="").answers
    except Interrupted:
        _say(
            _(
                "Interrompu : les réponses de {name} ne sont pas enregistrées ; celles des "
                "participants précédents le sont.",
                name=name,
            )
        )
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
    updated = _update_session(
        session_file,
        rule_base,
        lambda s: s.with_participant(make_participant(name, answers), replace_existing=replace),
    )
    _say(
        _(
            "Réponses de {name} enregistrées ({count} participant(s)).",
            name=name,
            count=len(updated.participants),
        )
    )
    return updated


@workshop_app.command("import", cls=LocalCommand)
def workshop_import(
    session_file: SessionArgument,
    csv_file: Annotated[
        str, typer.Argument(metavar="CSV", help=N_("Export d'un formulaire en ligne."))
    ],
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help=N_("S'arrêter à la première ligne fautive, sans rien écrire.")
        ),
    ] = False,
    replace: ReplaceOption = False,
    rules: RulesOption = None,
) -> None:
    """Importer les réponses d'un formulaire en ligne (CSV : ids ou libellés, « ; »)."""
    with _user_errors():
        from espaces_cli.core.answers import normalise_id
        from espaces_cli.core.session import ImportReport, import_rows
        from espaces_cli.core.status import UsageError
        from espaces_cli.workshop_io import now, read_csv

        rule_base, _session = _open_session(session_file, rules)
        table = read_csv(csv_file, normalise_id)
        columns = [c for c in table.header if c not in (*table.name_columns, table.time_column)]
        reports: list[ImportReport] = []

        def bring_in(session: Session) -> Session:
            report = import_rows(
                rule_base,
                session,
                columns,
                table.rows,
                replace_existing=replace,
                unnamed=lambda line: _("Ligne {line}", line=line),
                now=now(),
            )
            reports.append(report)
            if strict and (report.problems or report.unknown_columns):
                return session
            return report.session

        session = _update_session(session_file, rule_base, bring_in)
        report = reports[-1]
        for column in report.unknown_columns:
            _say(f"{csv_file}:1: " + _("colonne inconnue « {column} » ignorée", column=column))
        for problem in report.problems:
            _say(
                f"{csv_file}:{problem.line}: {printable(problem.name)} : {say(problem.message)} "
                + _("(ligne ignorée)")
            )
        count = len(report.problems) + len(report.unknown_columns)
        if strict and count:
            raise UsageError(
                _("{count} problème(s) : rien n'a été importé (--strict).", count=count)
            )
        _say(
            _(
                "{count} participant(s) importé(s) dans {path} ({total} en tout).",
                count=report.added,
                path=session_file,
                total=len(session.participants),
            )
        )


@workshop_app.command("list", cls=LocalCommand)
def workshop_list(
    session_file: SessionArgument,
    anonymous: Annotated[
        bool, typer.Option("--anonymous", help=N_("P1, P2… au lieu des noms."))
    ] = False,
    fmt: Annotated[ToolFormat, typer.Option("--format", help=N_("Format de la liste."))] = (
        ToolFormat.terminal
    ),
    rules: RulesOption = None,
) -> None:
    """Lister les participants d'une session."""
    with _user_errors():
        _base, session = _open_session(session_file, rules)
        names = _shown_names(session, anonymous)
        if fmt is ToolFormat.json:
            document = {
                "title": session.title,
                "participants": [
                    {"name": shown, "added_at": p.added_at}
                    for shown, p in zip(names, session.participants, strict=True)
                ],
            }
            _out(_dump(document, "json"))
            return
        _lines(
            _(
                "{title} : {count} participant(s)",
                title=session.title or _("(sans titre)"),
                count=len(session.participants),
            ),
            *(
                f"  {shown}  ({p.added_at})"
                for shown, p in zip(names, session.participants, strict=True)
            ),
        )


def _shown_names(session: Session, anonymous: bool) -> list[str]:
    if anonymous:
        return [f"P{i}" for i in range(1, len(session.participants) + 1)]
    return list(session.names())


@workshop_app.command("remove", cls=LocalCommand)
def workshop_remove(
    session_file: SessionArgument,
    name: Annotated[str, typer.Argument(metavar=N_("NOM"), help=N_("Le participant à retirer."))],
    rules: RulesOption = None,
) -> None:
    """Retirer un participant d'une session."""
    with _user_errors():
        rule_base = _load(rules)
        updated = _update_session(session_file, rule_base, lambda s: s.without(name))
        _say(
            _(
                "« {name} » retiré ({count} participant(s)).",
                name=name,
                count=len(updated.participants),
            )
        )


@workshop_app.command("report", cls=LocalCommand)
def workshop_report(
    session_file: SessionArgument,
    fmt: Annotated[GroupFormat, typer.Option("--format", help=N_("Format du rapport."))] = (
        GroupFormat.terminal
    ),
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", metavar=N_("FICHIER"), help=N_("Écrire le rapport dans un fichier.")
        ),
    ] = None,
    anonymous: Annotated[
        bool, typer.Option("--anonymous", help=N_("P1, P2… au lieu des noms."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Le rapport du groupe : classement, contrôles, consensus, désaccords, liste de visite."""
    with _user_errors():
        from dataclasses import replace as with_changes

        from espaces_cli.core.group import advise_group
        from espaces_cli.core.status import UsageError

        _check_outputs({"-o": output}, {"SESSION": session_file, "--rules": rules})
        rule_base, session = _open_session(session_file, rules, rescore=True)
        if not session.participants:
            raise UsageError(
                _(
                    "{path}: session vide : ajoutez des participants "
                    "(workshop add ou workshop import).",
                    path=session_file,
                )
            )
        names = _shown_names(session, anonymous)
        participants = [
            with_changes(p, name=shown)
            for shown, p in zip(names, session.participants, strict=True)
        ]
        group = advise_group(rule_base, session.title, participants)
        _emit(_render_group(group, rule_base, fmt, output is not None), output)


def _render_group(group: Any, rule_base: RuleBase, fmt: GroupFormat, to_file: bool) -> str:
    from espaces_cli.render import workshop_report

    if fmt is GroupFormat.json:
        return workshop_report.render_group_json(group, rule_base)
    if fmt is GroupFormat.markdown:
        return workshop_report.render_group_markdown(group, rule_base)
    if fmt is GroupFormat.html:
        from espaces_cli.render.workshop_html import render_group_html

        return render_group_html(group, rule_base)
    color = _wants_color() and not to_file
    return workshop_report.render_group_terminal(
        group, rule_base, color=color, width=None if to_file else _width()
    )


def bare_resume(argv: list[str]) -> list[str]:
    """Let ``--resume`` stand alone: Typer options cannot take an optional value."""
    out: list[str] = []
    for index, arg in enumerate(argv):
        out.append(arg)
        following = argv[index + 1] if index + 1 < len(argv) else None
        if arg == "--resume" and (following is None or following.startswith("-")):
            out.append(LAST_RECOVERY)
    return out


def split_language(argv: list[str]) -> tuple[list[str], str | None]:
    """Take ``--lang X`` / ``--lang=X`` out of ``argv``, wherever it is (the last one wins).

    The language must be known before Typer parses anything: its help and its errors are
    written in it.
    """
    from espaces_cli.core.status import UsageError

    rest: list[str] = []
    wanted: str | None = None
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest += [arg, *args]
            break
        if arg == "--lang":
            wanted = next(args, None)
            if wanted is None:
                raise UsageError(_("--lang attend une langue : fr ou en."))
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
        else:
            rest.append(arg)
    return rest, wanted


def wanted_language(flag: str | None, environ: Mapping[str, str]) -> Language:
    """The language of this run; an unknown ``--lang`` or ``ESPACES_LANG`` is refused."""
    from espaces_cli.core.status import UsageError

    # a refusal is worded in the language the locale alone would give
    use(choose_language(None, {k: v for k, v in environ.items() if k != "ESPACES_LANG"}))
    for source, value in (("--lang", flag), ("ESPACES_LANG", environ.get("ESPACES_LANG"))):
        if value and parse_language(value) is None:
            raise UsageError(
                _(
                    "{source} : langue inconnue « {value} » (fr ou en).",
                    source=source,
                    value=printable(value),
                )
            )
    return choose_language(flag, environ)


def main() -> None:
    """Run the command line: language first, then Typer, errors in words.

    Results are flushed here, so that a reader that went away (``| head``) is seen while
    the caller can still end the run quietly.
    """
    from typer._click.exceptions import ClickException

    try:
        args, flag = split_language(sys.argv[1:])
        use(wanted_language(flag, os.environ))
    except EspacesError as error:
        _say(say(error))
        sys.exit(int(error.status))
    try:
        status = app(args=bare_resume(args), standalone_mode=False)
        if sys.stdout is not None:
            _flush(sys.stdout)
    except ClickException as error:
        _say(usage_error_text(error))
        sys.exit(error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        _say(_("Interrompu."))
        sys.exit(int(ExitStatus.INTERRUPTED))
    sys.exit(status if isinstance(status, int) else 0)
