"""``espaces questions`` and ``espaces types``: the questionnaire and the kinds of place."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from espaces_cli.cli.context import environment, load_rules
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand
from espaces_cli.cli.options import CatalogFormat, ReportFormat, RulesOption, complete_type
from espaces_cli.cli.outputs import dump
from espaces_cli.language import N_

if TYPE_CHECKING:
    from espaces_cli.core.model import RuleBase


commands = typer.Typer()
"""Where ``questions`` and ``types`` are registered; the main app takes its commands."""


@commands.command("questions", cls=LocalCommand)
def questions(
    ctx: typer.Context,
    fmt: Annotated[
        CatalogFormat, typer.Option("--format", help=N_("Format de la liste."))
    ] = CatalogFormat.terminal,
    template: Annotated[
        bool, typer.Option("--template", help=N_("Écrire un fichier de réponses prêt à remplir."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Lister les questions, leurs ids et leurs choix (ou un modèle de réponses)."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.render import catalog

        rule_base = load_rules(env, rules)
        if template:
            env.out(catalog.answers_template(rule_base))
        elif fmt is CatalogFormat.terminal:
            env.out(catalog.render_questions_terminal(rule_base, color=env.colour, width=env.width))
        else:
            env.out(dump(catalog.questions_document(rule_base), fmt.value))


@commands.command("types", cls=LocalCommand)
def types(
    ctx: typer.Context,
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
    env = environment(ctx)
    with reported(env):
        env.out(render_types(env, load_rules(env, rules), type_id, fmt))


def render_types(
    env: Environment, rule_base: RuleBase, type_id: str | None, fmt: ReportFormat
) -> str:
    from espaces_cli.core.answers import find_type
    from espaces_cli.render import catalog

    if type_id is None:
        if fmt is ReportFormat.json:
            return dump(catalog.types_document(rule_base), "json")
        if fmt is ReportFormat.markdown:
            return catalog.render_types_markdown(rule_base)
        return catalog.render_types_terminal(rule_base, color=env.colour, width=env.width)
    space_type = find_type(rule_base, type_id)
    if fmt is ReportFormat.json:
        return dump(catalog.type_json_document(space_type, rule_base), "json")
    if fmt is ReportFormat.markdown:
        return catalog.render_type_markdown(space_type, rule_base)
    return catalog.render_type_terminal(space_type, rule_base, color=env.colour, width=env.width)
