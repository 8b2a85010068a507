"""``espaces rules``: check, explore and adapt a rule base."""

from __future__ import annotations

from typing import Annotated

import typer

from espaces_cli.cli.context import environment, load_rules
from espaces_cli.cli.errors import reported
from espaces_cli.cli.help import LocalCommand, command_group
from espaces_cli.cli.options import FileArgument, RulesOption, SeedOption, ToolFormat, TypeArgument
from espaces_cli.cli.outputs import dump
from espaces_cli.core.errors import ExitStatus, RuleBaseError
from espaces_cli.language import N_, _, _n

rules_app = command_group(N_("Vérifier, explorer et adapter une base de règles."))


@rules_app.command("check", cls=LocalCommand)
def rules_check(
    ctx: typer.Context,
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

    env = environment(ctx)
    with reported(env):
        try:
            report = check_rule_base(file or rules, samples=samples, seed=seed)
        except RuleBaseError as error:
            lines, errors, warnings = error.problems, len(error.problems), 0
        else:
            lines, errors = report.errors + report.warnings, len(report.errors)
            warnings = len(report.warnings)
        env.lines(*lines)
        # name what was checked: with ESPACES_RULES set, it may not be what the user thinks
        checked = file or rules or _("la base fournie avec espaces")
        if errors:
            env.say(
                _n(
                    "{path} : base de règles invalide ({count} erreur).",
                    "{path} : base de règles invalide ({count} erreurs).",
                    errors,
                    path=checked,
                )
            )
            raise typer.Exit(int(ExitStatus.RULES))
        env.say(
            _n(
                "{path} : base de règles valide ({count} avertissement).",
                "{path} : base de règles valide ({count} avertissements).",
                warnings,
                path=checked,
            )
        )


@rules_app.command("coverage", cls=LocalCommand)
def rules_coverage(
    ctx: typer.Context,
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
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.coverage import cover
        from espaces_cli.core.lint import explored_answers
        from espaces_cli.core.replay import replay_command
        from espaces_cli.render import rules_report

        rule_base = load_rules(env, file or rules)
        mode, total, answer_sets = explored_answers(rule_base, samples, seed, samples)
        shown = rules_report.track(
            answer_sets,
            total=total,
            description=_("Exploration"),
            stream=env.stderr,
            enabled=env.stderr_is_terminal,
        )
        coverage = cover(rule_base, shown, mode=mode, seed=seed if mode == "sample" else None)
        replays = {
            t.type_id: replay_command(rule_base, t.example, file or rules)
            for t in coverage.types
            if t.example is not None
        }
        if fmt is ToolFormat.json:
            env.out(dump(rules_report.coverage_document(coverage, rule_base, replays), "json"))
        else:
            env.out(
                rules_report.render_coverage_terminal(
                    coverage, rule_base, replays, color=env.colour, width=env.width
                )
            )


@rules_app.command("schema", cls=LocalCommand)
def rules_schema(ctx: typer.Context) -> None:
    """Écrire le schéma JSON des bases de règles (pour la complétion dans l'éditeur)."""
    import json

    from espaces_cli.rules.schema import json_schema

    environment(ctx).out(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")


@rules_app.command("init", cls=LocalCommand)
def rules_init(
    ctx: typer.Context,
    folder: Annotated[
        str, typer.Argument(metavar=N_("[DOSSIER]"), help=N_("Où écrire la copie (défaut : ici)."))
    ] = ".",
    force: Annotated[
        bool, typer.Option("--force", help=N_("Remplacer les fichiers qui existent déjà."))
    ] = False,
    rules: RulesOption = None,
) -> None:
    """Écrire une copie modifiable de la base de règles et de son schéma."""
    from espaces_cli.rules.loader import copy_starter

    env = environment(ctx)
    with reported(env):
        rules_file, schema_file = copy_starter(folder, rules, force=force)
        env.lines(
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
    ctx: typer.Context,
    type_id: TypeArgument,
    rules: RulesOption = None,
    fmt: Annotated[ToolFormat, typer.Option("--format", help=N_("Format du rapport."))] = (
        ToolFormat.terminal
    ),
) -> None:
    """Montrer l'adéquation d'un type à chaque critère et les réponses qui le font bouger."""
    env = environment(ctx)
    with reported(env):
        from espaces_cli.core.answers import find_type
        from espaces_cli.core.explain import explain_type
        from espaces_cli.render import rules_report

        rule_base = load_rules(env, rules)
        explanation = explain_type(rule_base, find_type(rule_base, type_id).id)
        if fmt is ToolFormat.json:
            env.out(dump(rules_report.explanation_document(explanation, rule_base), "json"))
        else:
            env.out(
                rules_report.render_explanation_terminal(
                    explanation, rule_base, color=env.colour, width=env.width
                )
            )
