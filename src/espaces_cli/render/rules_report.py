"""Reports of the rule-base tools: coverage, explanation of a type, progress while exploring."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TextIO, TypeVar

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from espaces_cli.core.coverage import Coverage
from espaces_cli.core.explain import TypeExplanation
from espaces_cli.core.model import RuleBase
from espaces_cli.core.text import printable
from espaces_cli.language import _, local
from espaces_cli.render.advice_words import rules_line, shown
from espaces_cli.render.catalog import describe_condition, fits_table
from espaces_cli.render.condition_words import condition_words
from espaces_cli.render.json_blocks import SCHEMA_VERSION, rules_document
from espaces_cli.render.numbers import bar, points, signed
from espaces_cli.render.terminal_report import bullets, console_text, make_console

T = TypeVar("T")


def track(
    items: Iterable[T], *, total: int, description: str, stream: TextIO | None, enabled: bool
) -> Iterator[T]:
    """Show a progress bar on ``stream`` (stderr) while ``items`` are consumed."""
    if not enabled or stream is None:
        yield from items
        return
    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
        transient=True,
    )
    with progress:
        task = progress.add_task(description, total=total)
        for item in items:
            yield item
            progress.advance(task)


def coverage_document(
    coverage: Coverage, rule_base: RuleBase, replays: dict[str, str]
) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "rules": rules_document(rule_base.identity),
        "mode": coverage.mode,
        "explored": coverage.explored,
        "seed": coverage.seed,
        "types": [
            {
                "id": entry.type_id,
                "label": local(rule_base.space_type(entry.type_id).label),
                "wins": entry.wins,
                "share": round(entry.wins / coverage.explored, 4) if coverage.explored else 0.0,
                "example": None
                if entry.example is None
                else {
                    "answers": {
                        k: list(v) if isinstance(v, tuple) else v for k, v in entry.example.items()
                    },
                    "replay": replays[entry.type_id],
                },
            }
            for entry in coverage.types
        ],
        "never_first": list(coverage.never_first),
    }


def render_coverage_terminal(
    coverage: Coverage,
    rule_base: RuleBase,
    replays: dict[str, str],
    *,
    color: bool,
    width: int | None = None,
) -> str:
    console, buffer = make_console(color=color, width=width)
    how = (
        _("toutes les réponses possibles")
        if coverage.mode == "exhaustive"
        else _("un échantillon de réponses plausibles (graine {seed})", seed=coverage.seed)
    )
    console.print(
        Text(
            _("Couverture : {count} jeux de réponses, {how}", count=coverage.explored, how=how),
            style="bold",
        )
    )
    table = Table(box=box.SIMPLE_HEAD)
    table.add_column(_("Type de lieu"))
    table.add_column(_("En tête"), justify="right")
    table.add_column(_("Part"), justify="right")
    table.add_column("", no_wrap=True)
    for entry in sorted(coverage.types, key=lambda e: -e.wins):
        share = 100 * entry.wins / coverage.explored if coverage.explored else 0.0
        label = shown(rule_base.space_type(entry.type_id).label)
        part = _("{value} %", value=points(share))
        table.add_row(
            Text(label), Text(str(entry.wins)), Text(part), Text(bar(share), style="cyan")
        )
    console.print(table)
    console.print(Text(_("Un jeu de réponses où chaque type arrive en tête :"), style="bold"))
    for entry in coverage.types:
        if entry.example is not None:
            console.print(Text(_("{label} :", label=entry.type_id), style="cyan"))
            console.print(Text(f"  {printable(replays[entry.type_id])}"), soft_wrap=True)
    if coverage.never_first:
        never = ", ".join(coverage.never_first)
        console.print(Text(_("Jamais en tête : {ids}", ids=never), style="bold red"))
    else:
        console.print(Text(_("Chaque type arrive en tête au moins une fois."), style="green"))
    console.print(Text(printable(rules_line(rule_base.identity)), style="dim"))
    return console_text(buffer)


def explanation_document(explanation: TypeExplanation, rule_base: RuleBase) -> dict[str, Any]:
    space_type = explanation.space_type
    return {
        "rules": rules_document(rule_base.identity),
        "id": space_type.id,
        "label": local(space_type.label),
        "fit": dict(explanation.fits),
        "pushes": [
            {
                "rule": p.rule.id,
                "when": describe_condition(p.rule.when),
                "because": local(p.rule.because),
                "lift": round(p.lift, 3),
            }
            for p in explanation.pushes
        ],
        "exclude_if": [
            {"when": describe_condition(e.when), "reason": local(e.reason)}
            for e in space_type.exclude_if
        ],
        "needs": [
            {
                "id": c.need.id,
                "label": local(c.need.label),
                "criterion": c.need.criterion,
                "min_fit": c.need.min_fit,
                "fit": c.fit,
                "covered": c.covered,
            }
            for c in explanation.needs
        ],
    }


def render_explanation_terminal(
    explanation: TypeExplanation,
    rule_base: RuleBase,
    *,
    color: bool,
    width: int | None = None,
) -> str:
    console, buffer = make_console(color=color, width=width)
    space_type = explanation.space_type
    console.print(Text(f"{shown(space_type.label)} ({space_type.id})", style="bold cyan"))
    console.print(fits_table(space_type, rule_base, with_ids=True))
    up = [p for p in explanation.pushes if p.lift > 0.25]
    down = [p for p in reversed(explanation.pushes) if p.lift < -0.25]
    for title, pushes in (
        (_("Les réponses qui le font monter"), up),
        (_("Les réponses qui le font descendre"), down),
    ):
        console.print(Text(title, style="bold underline"))
        if not pushes:
            console.print(Text("  " + _("(aucune)"), style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column()
        for push in pushes:
            line = Text(printable(condition_words(push.rule.when, rule_base)), style="cyan")
            line.append(_(" : {label}", label=shown(push.rule.because)))
            lift = Text(f"  {signed(push.lift)}", style="green" if push.lift > 0 else "red")
            grid.add_row(lift, line)
        if pushes:
            console.print(grid)
    if explanation.needs:
        console.print(Text(_("Besoins, couverts ou non"), style="bold underline"))
        for cover in explanation.needs:
            label = shown(cover.need.label)
            if cover.covered:
                line = Text(_("couvert :"), style="green")
            else:
                line = Text(_("non couvert :"), style="red")
            line.append(
                " "
                + _(
                    "{label} ({criterion} : {fit}, il faut {min_fit})",
                    label=label,
                    criterion=cover.need.criterion,
                    fit=cover.fit,
                    min_fit=cover.need.min_fit,
                )
            )
            console.print(bullets([line], mark="", indent=2))
        console.print(
            Text(
                _(
                    "Quand un besoin coché n'est pas couvert, le type est mis en retrait "
                    "derrière ceux qui le couvrent."
                ),
                style="dim",
            )
        )
    if space_type.exclude_if:
        console.print(Text(_("Écarté quand"), style="bold underline"))
        for exclusion in space_type.exclude_if:
            condition = printable(condition_words(exclusion.when, rule_base))
            reason = shown(exclusion.reason)
            console.print(
                bullets([Text(_("{label} : {value}", label=condition, value=reason))], mark="")
            )
    console.print(
        Text(
            _(
                "L'écart est en points d'adéquation (0 à 4) par rapport à la moyenne des "
                "types, sur les critères que la réponse fait peser."
            ),
            style="dim",
        )
    )
    console.print(Text(printable(rules_line(rule_base.identity)), style="dim"))
    return console_text(buffer)
