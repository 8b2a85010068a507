"""``espaces workshop``: several participants, the group's recommendation, its disagreements."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from espaces_cli.cli.advise import asker
from espaces_cli.cli.context import environment, load_rules
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand, command_group
from espaces_cli.cli.options import (
    AnonymousOption,
    GroupFormat,
    PlainOption,
    ReplaceOption,
    RulesOption,
    SessionArgument,
    ToolFormat,
)
from espaces_cli.cli.outputs import check_outputs, dump, emit
from espaces_cli.core.errors import ExitStatus, Interrupted, UsageError
from espaces_cli.core.text import printable
from espaces_cli.language import N_, _, _n, worded

if TYPE_CHECKING:
    from espaces_cli.core.model import RuleBase
    from espaces_cli.core.session import Participant, Session

workshop_app = command_group(
    N_("Atelier : plusieurs participants, la recommandation du groupe et ses désaccords.")
)


def _open(
    env: Environment, path: str, rules: str | None, *, rescore: bool = False
) -> tuple[RuleBase, Session]:
    """The rule base, and the session checked against it."""
    from espaces_cli.workshop_io import open_session

    rule_base = load_rules(env, rules)
    session = open_session(path, rule_base, rescore=rescore and rules is not None, warn=env.say)
    return rule_base, session


def _update(env: Environment, path: str, rule_base: RuleBase, change: Any) -> Session:
    from espaces_cli.workshop_io import update_session

    return update_session(path, rule_base, change, warn=env.say)


@workshop_app.command("new", cls=LocalCommand)
def workshop_new(
    ctx: typer.Context,
    session_file: SessionArgument,
    title: Annotated[str, typer.Option("--title", help=N_("Titre de l'atelier."))] = "",
    force: Annotated[
        bool, typer.Option("--force", help=N_("Remplacer une session existante."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Créer une session d'atelier vide, liée à la base de règles."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.session import Session, checked_title
        from espaces_cli.workshop_io import now, save_session

        if Path(session_file).exists() and not force:
            raise UsageError(
                _("{path}: existe déjà (--force pour la remplacer)", path=session_file)
            )
        check_outputs({"SESSION": session_file}, {"--rules": rules})
        identity = load_rules(env, rules).identity
        save_session(session_file, Session(checked_title(title), now(), identity, ()))
        env.say(
            _(
                "Session créée : {path}. Ajoutez des participants : "
                "espaces workshop add {path} --participant NOM",
                path=session_file,
            )
        )


@workshop_app.command("add", cls=LocalCommand)
def workshop_add(
    ctx: typer.Context,
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
    plain: PlainOption = False,
) -> None:
    """Ajouter des participants : au clavier, ou depuis des fichiers de réponses."""
    env = environment(ctx)
    with reported(env):
        rule_base, _session = _open(env, session_file, rules)
        if not answer_files and not participant:
            raise UsageError(
                _("Donnez --participant NOM (questions à l'écran) ou des fichiers de réponses.")
            )
        if answer_files:
            arrivals = [_participant_from_file(rule_base, name) for name in answer_files]
            session = _update(
                env,
                session_file,
                rule_base,
                lambda s: s.with_participants(arrivals, replace_existing=replace),
            )
            env.say(
                _n(
                    "{count} participant ajouté : {path} ({total} en tout).",
                    "{count} participants ajoutés : {path} ({total} en tout).",
                    len(answer_files),
                    path=session_file,
                    total=len(session.participants),
                )
            )
        names = participant or []
        plain = plain or env.dumb_terminal
        for name in names:
            _ask_participant(
                env, rule_base, session_file, name, replace, plain=plain, private=len(names) > 1
            )


def _participant_from_file(rule_base: RuleBase, path: str) -> Participant:
    """One participant from an answers file, named after the file."""
    from espaces_cli.answers_io import parse_answers_text, read_answers_text
    from espaces_cli.core.session import checked_answers
    from espaces_cli.workshop_io import participant as make_participant

    shown, text = read_answers_text(path)
    try:
        answers = checked_answers(rule_base, parse_answers_text(shown, text).raw)
    except UsageError as error:
        raise UsageError(f"{printable(shown)}: {worded(error)}") from None
    return make_participant(Path(path).stem, answers)


def _ask_participant(
    env: Environment,
    rule_base: RuleBase,
    session_file: str,
    name: str,
    replace: bool,
    *,
    plain: bool = False,
    private: bool = False,
) -> Session:
    """Ask one participant the questionnaire, then save the session at once.

    The file is read again just before saving, under its lock, so a crash or Ctrl-C loses
    at most the participant in progress, and other writers lose nothing. ``private``: the
    laptop goes round, so the screen is cleared once the answers are saved (the next
    person must not read them), except in plain mode, where nothing is redrawn.
    """
    from espaces_cli.core.answers import resolve_answers
    from espaces_cli.core.session import already_there, checked_name
    from espaces_cli.workshop_io import open_session
    from espaces_cli.workshop_io import participant as make_participant

    ask = asker(env, False, plain=plain)
    if ask is None:
        raise UsageError(
            _(
                "Pas de terminal pour poser les questions : ajoutez des fichiers de "
                "réponses (workshop add SESSION FICHIERS) ou importez un CSV."
            )
        )
    checked_name(name)
    if name in open_session(session_file, rule_base, warn=env.say).names() and not replace:
        raise UsageError(already_there(name))
    env.say(_("— Participant : {name}", name=name))
    try:
        answers = resolve_answers(rule_base, {}, ask, no_input_hint="").answers
    except Interrupted:
        env.say(
            _(
                "Interrompu : les réponses d'{name} ne sont pas enregistrées ; celles des "
                "participants précédents le sont.",
                name=name,
            )
            if elides(name)
            else _(
                "Interrompu : les réponses de {name} ne sont pas enregistrées ; celles des "
                "participants précédents le sont.",
                name=name,
            )
        )
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
    updated = _update(
        env,
        session_file,
        rule_base,
        lambda s: s.with_participant(make_participant(name, answers), replace_existing=replace),
    )
    if private and not plain:
        clear_screen(env)
    env.say(
        _n(
            "Réponses d'{name} enregistrées ({count} participant).",
            "Réponses d'{name} enregistrées ({count} participants).",
            len(updated.participants),
            name=name,
        )
        if elides(name)
        else _n(
            "Réponses de {name} enregistrées ({count} participant).",
            "Réponses de {name} enregistrées ({count} participants).",
            len(updated.participants),
            name=name,
        )
    )
    return updated


ELIDING = frozenset("aeiouyhàâäéèêëîïôöùûüÿœæ")
"""First letters before which French writes « d' » instead of « de » (« d'Alice »,
« d'Hélène », « d'Yves »)."""


def elides(name: str) -> bool:
    """French elision before this name: « les réponses d'Alice », « de Bob »."""
    first = name.strip()[:1].lower()
    return first != "" and first in ELIDING


def clear_screen(env: Environment) -> None:
    """Clear the terminal the questions were drawn on, and its scrollback (``ESC [3J``),
    so the next participant cannot scroll back to the previous one's answers."""
    if env.stderr is None or not env.stderr_is_terminal:
        return
    env.stderr.write("\x1b[H\x1b[2J\x1b[3J")
    env.stderr.flush()


@workshop_app.command("import", cls=LocalCommand)
def workshop_import(
    ctx: typer.Context,
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
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.answers import normalise_id
        from espaces_cli.workshop_io import import_csv, read_csv

        rule_base, _session = _open(env, session_file, rules)
        table = read_csv(csv_file, normalise_id)
        report = import_csv(
            session_file, rule_base, table, replace=replace, strict=strict, warn=env.say
        )
        for column in report.unknown_columns:
            env.say(f"{csv_file}:1: " + _("colonne inconnue « {column} » ignorée", column=column))
        for problem in report.problems:
            where = f"{csv_file}:{problem.line}: {printable(problem.name)}"
            env.say(f"{where} : {worded(problem.message)} " + _("(ligne ignorée)"))
        count = len(report.problems) + len(report.unknown_columns)
        if report.problems and not report.added:
            raise UsageError(_("Aucune ligne importée : toutes avaient un problème."))
        if strict and count:
            raise UsageError(
                _n(
                    "{count} problème : rien n'a été importé (--strict).",
                    "{count} problèmes : rien n'a été importé (--strict).",
                    count,
                )
            )
        env.say(
            _n(
                "{count} participant importé dans {path} ({total} en tout).",
                "{count} participants importés dans {path} ({total} en tout).",
                report.added,
                path=session_file,
                total=len(report.session.participants),
            )
        )


@workshop_app.command("list", cls=LocalCommand)
def workshop_list(
    ctx: typer.Context,
    session_file: SessionArgument,
    anonymous: AnonymousOption = False,
    fmt: Annotated[ToolFormat, typer.Option("--format", help=N_("Format de la liste."))] = (
        ToolFormat.terminal
    ),
    rules: RulesOption = None,
) -> None:
    """Lister les participants d'une session."""
    env = environment(ctx)
    with reported(env):
        _base, session = _open(env, session_file, rules)
        rows = list(zip(_shown_names(session, anonymous), session.participants, strict=True))
        if fmt is ToolFormat.json:
            people = [{"name": shown, "added_at": p.added_at} for shown, p in rows]
            env.out(dump({"title": session.title, "participants": people}, "json"))
            return
        env.lines(
            _n(
                "{title} : {count} participant",
                "{title} : {count} participants",
                len(session.participants),
                title=session.title or _("(sans titre)"),
            ),
            *(f"  {shown}  ({p.added_at})" for shown, p in rows),
        )


def _shown_names(session: Session, anonymous: bool) -> list[str]:
    if anonymous:
        return [f"P{i}" for i in range(1, len(session.participants) + 1)]
    return list(session.names())


@workshop_app.command("remove", cls=LocalCommand)
def workshop_remove(
    ctx: typer.Context,
    session_file: SessionArgument,
    name: Annotated[str, typer.Argument(metavar=N_("NOM"), help=N_("Le participant à retirer."))],
    rules: RulesOption = None,
) -> None:
    """Retirer un participant d'une session."""
    env = environment(ctx)
    with reported(env):
        rule_base = load_rules(env, rules)
        updated = _update(env, session_file, rule_base, lambda s: s.without(name))
        env.say(
            _n(
                "« {name} » retiré ({count} participant).",
                "« {name} » retiré ({count} participants).",
                len(updated.participants),
                name=name,
            )
        )


@workshop_app.command("report", cls=LocalCommand)
def workshop_report(
    ctx: typer.Context,
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
    anonymous: AnonymousOption = False,
    rules: RulesOption = None,
) -> None:
    """Le rapport du groupe : classement, contrôles, consensus, désaccords, liste de visite."""
    env = environment(ctx)
    with reported(env):
        from dataclasses import replace as with_changes

        from espaces_cli.core.group import advise_group

        check_outputs({"-o": output}, {"SESSION": session_file, "--rules": rules})
        rule_base, session = _open(env, session_file, rules, rescore=True)
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
            with_changes(p, name=n) for n, p in zip(names, session.participants, strict=True)
        ]
        group = advise_group(rule_base, session.title, participants)
        emit(env, _render_group(env, group, rule_base, fmt, output is not None), output)


def _render_group(
    env: Environment, group: Any, rule_base: RuleBase, fmt: GroupFormat, to_file: bool
) -> str:
    from espaces_cli.render import workshop_report

    if fmt is GroupFormat.json:
        return workshop_report.render_group_json(group, rule_base)
    if fmt is GroupFormat.markdown:
        return workshop_report.render_group_markdown(group, rule_base)
    if fmt is GroupFormat.html:
        from espaces_cli.render.workshop_html import render_group_html

        return render_group_html(group, rule_base)
    from espaces_cli.render.workshop_terminal import render_group_terminal

    return render_group_terminal(
        group, rule_base, color=env.colour and not to_file, width=None if to_file else env.width
    )
