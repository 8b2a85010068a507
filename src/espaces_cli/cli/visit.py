"""``espaces visit``: prepare each visit, note what it showed, compare the places seen."""

from __future__ import annotations

import shlex
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from espaces_cli.cli.argv import LAST_RECOVERY
from espaces_cli.cli.context import environment, load_rules
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand, command_group
from espaces_cli.cli.options import (
    AnswerOption,
    AnswersFileOption,
    GroupFormat,
    NoInputOption,
    PlainOption,
    ResumeOption,
    RulesOption,
    ToolFormat,
    complete_type,
)
from espaces_cli.cli.outputs import check_outputs, dump, emit
from espaces_cli.core.errors import EspacesError, UsageError
from espaces_cli.core.text import printable
from espaces_cli.language import N_, _, _n, local

if TYPE_CHECKING:
    from collections.abc import Mapping

    from espaces_cli.core.model import AnswerValue, RuleBase
    from espaces_cli.core.visit import Notebook

visit_app = command_group(
    N_("Visites : préparer chaque visite, noter ce qu'elle a montré, comparer les lieux.")
)


class SheetFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"


def _notebook_from(ctx: typer.Context) -> tuple[RuleBase, Notebook] | None:
    """The notebook already typed on the command line, for completion (``None`` if unusable)."""
    env = environment(ctx)
    # completing an option's value, Click stops before it assigns the arguments
    path = ctx.params.get("notebook") or (ctx.args[0] if ctx.args else None)
    if not path:
        return None
    try:
        from espaces_cli.visit_io import read_notebook

        rule_base = load_rules(env, ctx.params.get("rules") or env.get("ESPACES_RULES"))
        return rule_base, read_notebook(str(path), rule_base, warn=lambda _line: None)
    except EspacesError:
        return None


def complete_place(ctx: typer.Context, incomplete: str) -> list[str]:
    found = _notebook_from(ctx)
    if found is None:
        return []
    return [n for n in found[1].names() if n.lower().startswith(incomplete.lower())]


def complete_check(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Complete ``--check``: the checklist ids of the place's type, then the answers."""
    from espaces_cli.core.visit import OUTCOMES, visit_items

    found = _notebook_from(ctx)
    kind = ctx.params.get("space_type")
    if found is None or not kind:
        return []
    rule_base, notebook = found
    try:
        from espaces_cli.core.answers import find_type

        items = visit_items(rule_base, notebook.answers, find_type(rule_base, str(kind)).id)
    except EspacesError:
        return []
    key, sep, _value = incomplete.partition("=")
    if sep:
        return [(f"{key}={o}", "") for o in OUTCOMES if f"{key}={o}".startswith(incomplete)]
    return [(f"{i.id}=", local(i.text)) for i in items if i.id and i.id.startswith(key)]


NotebookArgument = Annotated[
    str, typer.Argument(metavar=N_("CARNET"), help=N_("Le carnet de visites (YAML)."))
]
PlaceArgument = Annotated[
    str | None,
    typer.Argument(
        metavar=N_("[NOM]"), help=N_("Le nom du lieu visité."), autocompletion=complete_place
    ),
]
TypeOption = Annotated[
    str | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE",
        help=N_("Le type de lieu, par son id (la liste : espaces types)."),
        autocompletion=complete_type,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option("--output", "-o", metavar=N_("FICHIER"), help=N_("Écrire dans un fichier.")),
]


def visit_hint(
    rule_base: RuleBase,
    answers: Mapping[str, AnswerValue],
    rules: str | None,
    saved: str | None,
) -> str:
    """What ``advise`` suggests last: a visit notebook for these same answers."""
    import shlex

    from espaces_cli.core.replay import replay_command

    if saved is not None:
        command = "espaces visit new carnet.yaml --answers " + shlex.quote(saved)
    else:
        replay = replay_command(rule_base, answers, rules)
        command = replay.replace("espaces advise", "espaces visit new carnet.yaml", 1)
    return _("Ensuite, préparez et comparez vos visites : {command}", command=command)


def open_notebook(env: Environment, path: str, rules: str | None) -> tuple[RuleBase, Notebook]:
    from espaces_cli.visit_io import read_notebook

    rule_base = load_rules(env, rules)
    return rule_base, read_notebook(path, rule_base, warn=env.say)


@visit_app.command("new", cls=LocalCommand)
def visit_new(
    ctx: typer.Context,
    notebook: NotebookArgument,
    answer: AnswerOption = None,
    answers: AnswersFileOption = None,
    no_input: NoInputOption = False,
    resume: ResumeOption = None,
    title: Annotated[str, typer.Option("--title", help=N_("Titre du carnet."))] = "",
    force: Annotated[
        bool, typer.Option("--force", help=N_("Remplacer un carnet existant."))
    ] = False,
    plain: PlainOption = False,
    rules: RulesOption = None,
) -> None:
    """Créer un carnet de visites lié à vos réponses (les questions manquantes sont posées)."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.cli.advise import (
            announce_resume,
            asker,
            gather,
            recovery_path,
            resolve,
        )
        from espaces_cli.core.visit import Notebook, parse_text
        from espaces_cli.visit_io import now, save_notebook

        if Path(notebook).exists() and not force:
            raise UsageError(_("{path}: existe déjà (--force pour le remplacer)", path=notebook))
        checked_title = parse_text("title", title, 200)
        recovery = recovery_path(env, resume)
        check_outputs(
            {"CARNET": notebook}, {"--answers": answers, "--resume": recovery, "--rules": rules}
        )
        rule_base = load_rules(env, rules)
        resumed = gather(env, rule_base, [], None, recovery) if recovery else {}
        stated = gather(env, rule_base, answer or [], answers, None)
        given = {**resumed, **stated}
        kept = [qid for qid in resumed if qid not in stated]  # numbered and reopenable
        ask = asker(env, no_input or answers == "-", plain=plain)
        if ask is not None and kept:
            announce_resume(env, rule_base, given, kept, resuming=True)
        again = f"espaces visit new {shlex.quote(notebook)}"  # what Ctrl-C says to resume with
        resolution = resolve(
            env, rule_base, given, ask, no_input, [], kept=kept, recovery=recovery, command=again
        )
        made = Notebook(checked_title, now(), rule_base.identity, resolution.answers)
        save_notebook(notebook, made, rule_base)
        if recovery is not None and resume == LAST_RECOVERY:
            Path(recovery).unlink(missing_ok=True)
        env.say(
            _(
                "Carnet créé : {path}. Avant la visite : espaces visit sheet {path} --type TYPE ; "
                "après : espaces visit add {path} NOM --type TYPE.",
                path=notebook,
            )
        )


@visit_app.command("list", cls=LocalCommand)
def visit_list(
    ctx: typer.Context,
    notebook: NotebookArgument,
    fmt: Annotated[ToolFormat, typer.Option("--format", help=N_("Format de la liste."))] = (
        ToolFormat.terminal
    ),
    rules: RulesOption = None,
) -> None:
    """Lister les lieux visités d'un carnet."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.visit import visit_document

        rule_base, book = open_notebook(env, notebook, rules)
        if fmt is ToolFormat.json:
            env.out(
                dump(
                    {"title": book.title, "visits": [visit_document(v) for v in book.visits]},
                    "json",
                )
            )
            return
        from espaces_cli.render.visit_report import place_line

        env.lines(
            _n(
                "{title} : {count} lieu visité",
                "{title} : {count} lieux visités",
                len(book.visits),
                title=book.title or _("(sans titre)"),
            ),
            *(f"  {place_line(v, rule_base)}" for v in book.visits),
        )


@visit_app.command("remove", cls=LocalCommand)
def visit_remove(
    ctx: typer.Context,
    notebook: NotebookArgument,
    name: Annotated[
        str,
        typer.Argument(
            metavar=N_("NOM"), help=N_("Le lieu à retirer."), autocompletion=complete_place
        ),
    ],
    rules: RulesOption = None,
) -> None:
    """Retirer un lieu d'un carnet."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.visit_io import update_notebook

        rule_base = load_rules(env, rules)
        updated = update_notebook(notebook, rule_base, lambda b: b.without(name), warn=env.say)
        env.say(
            _n(
                "« {name} » retiré ({count} lieu dans le carnet).",
                "« {name} » retiré ({count} lieux dans le carnet).",
                len(updated.visits),
                name=printable(name),
            )
        )


@visit_app.command("compare", cls=LocalCommand)
def visit_compare(
    ctx: typer.Context,
    notebook: NotebookArgument,
    fmt: Annotated[GroupFormat, typer.Option("--format", help=N_("Format du rapport."))] = (
        GroupFormat.terminal
    ),
    output: OutputOption = None,
    plain: PlainOption = False,
    rules: RulesOption = None,
) -> None:
    """Comparer les lieux visités : type, visite, prix, note ; lequel choisir et pourquoi."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.visit_compare import compare

        check_outputs({"-o": output}, {"CARNET": notebook, "--rules": rules})
        rule_base, book = open_notebook(env, notebook, rules)
        if not book.visits:
            raise UsageError(
                _(
                    "{path}: aucun lieu visité ; ajoutez-en : espaces visit add {path} NOM "
                    "--type TYPE.",
                    path=notebook,
                )
            )
        comparison = compare(rule_base, book)
        from espaces_cli.render import visit_report

        to_file = output is not None
        if fmt is GroupFormat.json:
            text = visit_report.render_compare_json(comparison, book)
        elif fmt is GroupFormat.markdown:
            text = visit_report.render_compare_markdown(comparison, book)
        elif fmt is GroupFormat.html:
            from espaces_cli.render.visit_html import render_compare_html

            text = render_compare_html(comparison, book)
        else:
            text = visit_report.render_compare_terminal(
                comparison,
                book,
                plain=plain or env.dumb_terminal,
                color=env.colour and not to_file,
                width=None if to_file else env.width,
            )
        emit(env, text, output)


@visit_app.command("sheet", cls=LocalCommand)
def visit_sheet(
    ctx: typer.Context,
    notebook: NotebookArgument,
    space_type: TypeOption = None,
    fmt: Annotated[SheetFormat, typer.Option("--format", help=N_("Format de la fiche."))] = (
        SheetFormat.terminal
    ),
    output: OutputOption = None,
    plain: PlainOption = False,
    rules: RulesOption = None,
) -> None:
    """Une fiche de visite imprimable : la liste à vérifier, les précautions, le budget."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.answers import find_type
        from espaces_cli.core.engine import Engine
        from espaces_cli.render.visit_sheet import visit_sheet as make_sheet

        check_outputs({"-o": output}, {"CARNET": notebook, "--rules": rules})
        rule_base, book = open_notebook(env, notebook, rules)
        if space_type is None:
            best = Engine(rule_base).profile(book.answers).first
            if best is None:
                raise UsageError(_("Aucun type de lieu ne reste en lice : donnez --type TYPE."))
            kind = best
        else:
            kind = find_type(rule_base, space_type).id
        sheet = make_sheet(rule_base, book, kind)
        to_file = output is not None
        if fmt is SheetFormat.html:
            from espaces_cli.render.visit_html import render_sheet_html

            text = render_sheet_html(sheet)
        elif fmt is SheetFormat.markdown:
            from espaces_cli.render.visit_sheet import render_sheet_markdown

            text = render_sheet_markdown(sheet)
        else:
            from espaces_cli.render.visit_sheet import render_sheet_terminal

            text = render_sheet_terminal(
                sheet,
                plain=plain or env.dumb_terminal,
                color=env.colour and not to_file,
                width=None if to_file else env.width,
            )
        emit(env, text, output)
