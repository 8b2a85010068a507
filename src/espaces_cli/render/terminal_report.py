"""The advice for a person at a terminal, drawn with rich (colour only where it is wanted)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from espaces_cli.core.advice import Advice
from espaces_cli.core.model import Question
from espaces_cli.core.text import printable
from espaces_cli.language import _, listed
from espaces_cli.render.advice_words import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    answer_lines,
    confidence_reasons,
    held_back_reasons,
    needs_cover,
    recommended_label,
    rule_effect,
    rules_line,
    shown,
    summary_line,
)
from espaces_cli.render.numbers import bar, points, points_word, signed

REPORT_WIDTH = 80
_TRAILING = re.compile(r"[ \t]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)
CONFIDENCE_STYLES = {"clear": "bold green", "narrow": "bold yellow", "tie": "bold red"}


def make_console(*, color: bool, width: int | None) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        width=width or REPORT_WIDTH,
        highlight=False,
        emoji=False,
        soft_wrap=False,
    )
    return console, buffer


def console_text(buffer: io.StringIO) -> str:
    """What a console wrote, without the spaces rich pads lines with (kept out of pipes)."""
    return _TRAILING.sub(r"\1", buffer.getvalue())


def bullets(lines: list[Text], mark: str = "•", indent: int = 3) -> Table:
    """A list whose wrapped lines hang under their first word (``indent`` columns, then
    the mark right-aligned in them; an empty mark makes an indented paragraph)."""
    grid = Table.grid(padding=(0, 1) if mark else 0)
    grid.add_column(width=max(indent, len(mark)), justify="right", no_wrap=True)
    grid.add_column()
    for line in lines:
        grid.add_row(Text(mark), line)
    return grid


def _sourced(console: Console, line: Text, source: str) -> None:
    """A bullet, then its address on a line of its own that is never broken (it stays usable)."""
    console.print(bullets([line]))
    console.print(Text(f"    {printable(source)}", style="dim"), soft_wrap=True)


def render_terminal(
    advice: Advice,
    *,
    replay: str,
    question_labels: Sequence[Question],
    color: bool,
    width: int | None = None,
) -> str:
    console, buffer = make_console(color=color, width=width)
    labels = advice.criterion_labels
    winner, second = advice.winner, advice.runner_up

    if winner is None:
        console.print(
            Panel(
                Text(_("Aucun type de lieu ne convient : tous ont été écartés.")),
                title=_("Recommandation"),
                box=box.ROUNDED,
            )
        )
    else:
        head = Text()
        head.append(printable(recommended_label(advice)), style="bold cyan")
        head.append(f"   {points(winner.score)} / 100\n")
        head.append(_("Certitude : "))
        level = advice.certainty.level
        head.append(_(CONFIDENCE_WORDS[level]), style=CONFIDENCE_STYLES[level])
        if second is not None:
            head.append(
                " "
                + _(
                    "(écart de {margin} avec {second})",
                    margin=points_word(advice.certainty.margin),
                    second=shown(second.space_type.label),
                )
            )
        reasons = [Text(printable(r), style="yellow") for r in confidence_reasons(advice)]
        tail = Text()
        covered, missing = needs_cover(advice)
        if covered:
            tail.append(printable(_("Besoins couverts : {needs}", needs=", ".join(covered))) + "\n")
        if missing:
            tail.append(
                printable(_("Besoins non couverts : {needs}", needs=", ".join(missing))) + "\n",
                style="yellow",
            )
        tail.append("\n")
        tail.append(shown(winner.space_type.summary))
        parts: list[RenderableType] = [head]
        if reasons:
            parts.append(bullets(reasons, mark="–", indent=1))
        parts.append(tail)
        console.print(
            Panel(Group(*parts), title=_("Recommandation"), title_align="left", box=box.ROUNDED)
        )

    table = Table(title=_("Classement"), title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column(_("Rang"), justify="right")
    table.add_column(_("Type de lieu"))
    table.add_column(_("Score"), justify="right")
    table.add_column("", no_wrap=True)
    for entry in advice.ranking:
        style = "bold" if entry is winner else ""
        table.add_row(
            Text(str(entry.rank)),
            Text(shown(entry.space_type.label), style=style),
            Text(points(entry.score)),
            Text(bar(entry.score), style="cyan"),
        )
    console.print(table)

    if winner is not None:
        console.print(Text(_("Pourquoi"), style="bold underline"))
        console.print(Text(_("Ce qui pèse le plus dans le score :")))
        console.print(
            bullets(
                [
                    Text(_("{label} : {value}", label=shown(labels[c]), value=points_word(p)))
                    for c, p in advice.top_criteria
                ]
            )
        )
        if second is not None and advice.gap:
            console.print(
                Text(
                    _(
                        "Ce qui fait la différence avec {second} :",
                        second=shown(second.space_type.label),
                    )
                )
            )
            console.print(
                bullets(
                    [
                        Text(_("{label} : {value}", label=shown(labels[c]), value=signed(p)))
                        for c, p in advice.gap[:5]
                    ]
                )
            )
        console.print(Text(_("Vos réponses qui ont fixé ces poids :")))
        console.print(
            bullets(
                [
                    Text(shown(r.because)).append(
                        f" ({printable(rule_effect(r, labels))})", style="dim"
                    )
                    for r in advice.fired_rules
                ]
            )
        )
        console.print()

    if advice.held_back:
        console.print(Text(_("Mis en retrait"), style="bold underline"))
        console.print(
            bullets(
                [
                    Text(_("{label} : ", label=shown(r.space_type.label))).append(
                        printable(listed(held_back_reasons(r))), style="dim"
                    )
                    for r in advice.held_back
                ]
            )
        )
        console.print()
    if advice.excluded:
        console.print(Text(_("Écartés"), style="bold underline"))
        console.print(
            bullets(
                [
                    Text(_("{label} : ", label=shown(ex.space_type.label))).append(
                        listed(shown(r) for r in ex.reasons), style="dim"
                    )
                    for ex in advice.excluded
                ]
            )
        )
        console.print()
    if advice.advantages:
        console.print(Text(_("Avantages"), style="bold underline"))
        console.print(bullets([Text(shown(a)) for a in advice.advantages]))
        console.print()
    if advice.facts:
        console.print(Text(_("Repères"), style="bold underline"))
        for fact in advice.facts:
            line = Text(_("{label} : {value}", label=str(fact.year), value=shown(fact.text)))
            _sourced(console, line, fact.source)
        console.print()
    console.print(Text(_("Précautions"), style="bold underline"))
    console.print(
        bullets(
            [
                Text(shown(i.text)).append(f" ({_(SOURCE_WORDS[i.source])})", style="dim")
                for i in advice.precautions
            ]
        )
    )
    console.print()
    console.print(Text(_("Pour la visite"), style="bold underline"))
    console.print(bullets([Text(shown(i.text)) for i in advice.checklist], mark="[ ]"))
    console.print()
    if advice.pointers:
        console.print(Text(_("Autres appuis"), style="bold underline"))
        for pointer in advice.pointers:
            line = Text(_("{label} : ", label=shown(pointer.label))).append(shown(pointer.text))
            _sourced(console, line, pointer.source)
        console.print()
    console.print(Text(_("Vos réponses"), style="bold underline"))
    console.print(
        bullets(
            [
                Text(_("{label} : ", label=printable(label))).append(printable(value), style="cyan")
                for label, value in answer_lines(advice, question_labels)
            ]
        )
    )
    console.print()
    console.print(Text(_("Pour rejouer sans questions :"), style="bold"))
    console.print(Text(f"  {printable(replay)}"), soft_wrap=True)
    console.print(Text(printable(rules_line(advice.rule_base)), style="dim"))
    console.print()
    console.print(Text(printable(summary_line(advice)), style="bold"))
    return console_text(buffer)
