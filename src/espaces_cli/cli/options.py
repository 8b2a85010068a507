"""The options and arguments several commands share, their formats, and shell completion."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from espaces_cli.cli.context import environment, load_rules
from espaces_cli.core.errors import EspacesError
from espaces_cli.language import N_, local

if TYPE_CHECKING:
    from espaces_cli.core.model import RuleBase


class ReportFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    json = "json"


class CatalogFormat(StrEnum):
    terminal = "terminal"
    json = "json"
    yaml = "yaml"


class ToolFormat(StrEnum):
    terminal = "terminal"
    json = "json"


class GroupFormat(StrEnum):
    terminal = "terminal"
    markdown = "markdown"
    html = "html"
    json = "json"


class LangChoice(StrEnum):
    fr = "fr"
    en = "en"


def _completion_base(ctx: typer.Context) -> RuleBase | None:
    """The rule base completions come from (--rules if already typed); ``None`` if unusable."""
    env = environment(ctx)
    rules = ctx.params.get("rules") or env.get("ESPACES_RULES")
    try:
        return load_rules(env, rules)
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


AnswerOption = Annotated[
    list[str] | None,
    typer.Option(
        "--answer",
        "-a",
        metavar=N_("ID=VALEUR"),
        autocompletion=complete_answer,
        help=N_("Donner une réponse (répétable) ; plusieurs valeurs : id=a,b."),
    ),
]
AnswersFileOption = Annotated[
    str | None,
    typer.Option(
        "--answers",
        metavar=N_("FICHIER"),
        help=N_("Lire les réponses d'un fichier YAML ou JSON (- pour l'entrée standard)."),
    ),
]
NoInputOption = Annotated[
    bool,
    typer.Option("--no-input", help=N_("Ne rien demander : échouer s'il manque une réponse.")),
]
ResumeOption = Annotated[
    str | None,
    typer.Option(
        "--resume",
        metavar=N_("[FICHIER]"),
        help=N_("Reprendre un questionnaire interrompu (par défaut, le dernier)."),
    ),
]
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
SessionArgument = Annotated[
    str, typer.Argument(metavar="SESSION", help=N_("Le fichier de session (YAML)."))
]
ReplaceOption = Annotated[
    bool,
    typer.Option("--replace", help=N_("Remplacer les réponses d'un participant déjà présent.")),
]
AnonymousOption = Annotated[bool, typer.Option("--anonymous", help=N_("P1, P2… au lieu des noms."))]
TypeArgument = Annotated[
    str,
    typer.Argument(
        metavar="TYPE", help=N_("Le type de lieu à expliquer."), autocompletion=complete_type
    ),
]
