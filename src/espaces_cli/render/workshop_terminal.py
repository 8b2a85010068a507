"""The workshop's report for the consultant at a terminal: the group's answer first, then
where the group agrees and diverges, with wrapped lines hanging under their bullets."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from espaces_cli.core.group import GroupAdvice
from espaces_cli.core.model import RuleBase
from espaces_cli.core.text import printable
from espaces_cli.language import _, _n, listed, local
from espaces_cli.render.advice_words import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    confidence_reasons,
    rules_line,
)
from espaces_cli.render.json_blocks import rounded
from espaces_cli.render.numbers import bar, points, points_word, signed
from espaces_cli.render.terminal_report import bullets, console_text, make_console
from espaces_cli.render.workshop_words import (
    consensus_lines,
    cross_checks,
    excluded_label,
    excluded_line,
    group_figures,
    split_counts,
    split_label,
    spread_label,
    spread_line,
    type_label,
    verdict,
)


def winner_excluded_line(group: GroupAdvice) -> str:
    """Say that the recommended type is ruled out for some participants, and why."""
    names = group.winner_excluded_for
    winner = group.advice.winner
    if not names or winner is None:
        return ""
    return _n(
        "{label} est écarté pour {count} participant ({names}) : {reasons}",
        "{label} est écarté pour {count} participants ({names}) : {reasons}",
        len(names),
        label=local(winner.space_type.label),
        names=", ".join(names),
        reasons=listed(local(r) for r in group.winner_exclusion_reasons),
    )


def render_group_terminal(
    group: GroupAdvice, rule_base: RuleBase, *, color: bool, width: int | None = None
) -> str:
    console, buffer = make_console(color=color, width=width)
    advice = group.advice
    figures = group_figures(group)
    n = group.size
    title = group.title or _("(sans titre)")
    console.print(
        Text(
            _n(
                "Atelier : {title} — {count} participant",
                "Atelier : {title} — {count} participants",
                n,
                title=printable(title),
            ),
            style="bold",
        )
    )
    console.print(
        Text(
            printable(verdict(group, rule_base)),
            style="bold green" if group.agrees else "bold yellow",
        )
    )
    if advice.winner is not None:
        line = Text(
            _("Score {score} / 100, certitude ", score=points(rounded(advice.winner.score)))
        )
        line.append(_(CONFIDENCE_WORDS[advice.certainty.level]))
        console.print(line)
        reasons = [Text(printable(r), style="yellow") for r in confidence_reasons(advice)]
        if reasons:
            console.print(bullets(reasons, mark="–"))
        excluded_note = winner_excluded_line(group)
        if excluded_note:
            console.print(bullets([Text(printable(excluded_note), style="bold yellow")], mark="!"))
    table = Table(
        title=_("Classement du groupe (poids moyens)"), title_justify="left", box=box.SIMPLE_HEAD
    )
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        (_("Rang"), "right"),
        (_("Type de lieu"), "left"),
        (_("Score"), "right"),
        ("", "left"),
        ("Borda", "right"),
        (_("1er choix"), "right"),
    )
    for column, justify in columns:
        table.add_column(column, justify=justify)
    firsts = dict(group.first_counts)
    for entry in advice.ranking:
        tid = entry.space_type.id
        table.add_row(  # rounded as the JSON, Markdown and HTML reports round them
            Text(str(entry.rank)),
            Text(printable(local(entry.space_type.label))),
            Text(points(rounded(entry.score))),
            Text(bar(entry.score), style="cyan"),
            Text(points(figures.borda_of(tid))),
            Text(str(firsts.get(tid, 0))),
        )
    console.print(table)
    console.print(Text(printable(cross_checks(group, rule_base))))
    console.print()
    _section(console, _("Consensus"))
    console.print(
        bullets([Text(reading) for reading in consensus_lines(figures)], mark="", indent=2)
    )
    console.print()
    _section(console, _("Premier choix de chaque participant"))
    first_lines = [
        Text(_("{label} : ", label=printable(name))).append(
            printable(type_label(rule_base, first)), style="cyan"
        )
        for name, first in group.first_choices
    ]
    console.print(bullets(first_lines, mark="", indent=2))
    console.print()
    _section(console, _("À discuter"))
    discuss = [
        Text(spread_line(spread, printable(spread_label(group, spread))))
        for spread in figures.spreads
    ] + [
        Text(
            f"{printable(split_label(rule_base, split))} — "
            f"{split_counts(rule_base, split, printable)}"
        )
        for split in group.splits
    ]
    if discuss:
        console.print(bullets(discuss))
    console.print()
    if group.exclusions:
        _section(console, _("Écartés à la majorité"))
        console.print(
            bullets(
                [
                    Text(excluded_line(entry, printable(excluded_label(entry)), n, printable))
                    for entry in group.exclusions
                ]
            )
        )
        console.print()
    if advice.winner is not None:
        labels = advice.criterion_labels
        _section(console, _("Pourquoi"))
        console.print(Text("  " + _("Ce qui pèse le plus dans le score :")))
        console.print(
            bullets(
                [
                    Text(
                        _(
                            "{label} : {value}",
                            label=printable(local(labels[c])),
                            value=points_word(rounded(p)),
                        )
                    )
                    for c, p in advice.top_criteria
                ],
                indent=5,
            )
        )
        runner_up = advice.runner_up
        if runner_up is not None and advice.gap:
            console.print(
                Text(
                    "  "
                    + _(
                        "Ce qui fait la différence avec {second} :",
                        second=printable(local(runner_up.space_type.label)),
                    )
                )
            )
            console.print(
                bullets(
                    [
                        Text(
                            _(
                                "{label} : {value}",
                                label=printable(local(labels[c])),
                                value=signed(rounded(p)),
                            )
                        )
                        for c, p in advice.gap[:5]
                    ],
                    indent=5,
                )
            )
        console.print()
    _section(console, _("Précautions"))
    console.print(
        bullets(
            [
                Text(f"{printable(local(entry.item.text))} ").append(
                    f"({_(SOURCE_WORDS[entry.item.source])}, {entry.count}/{n})",
                    style="dim",
                )
                for entry in group.precautions
            ]
        )
    )
    console.print()
    _section(console, _("Pour la visite"))
    console.print(
        bullets(
            [
                Text(f"{printable(local(entry.item.text))} ").append(
                    f"({entry.count}/{n})", style="dim"
                )
                for entry in group.checklist
            ],
            mark="[ ]",
            indent=5,
        )
    )
    console.print(Text(printable(rules_line(rule_base.identity)), style="dim"))
    return console_text(buffer)


def _section(console: Any, title: str) -> None:
    console.print(Text(title, style="bold underline"))
