"""The visit sheet: what to take on a visit of one kind of place, tailored to the answers.

Terminal (rich or plain) and Markdown here; the printable HTML is in ``visit_html``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text as RichText

from espaces_cli.core.advice import Item
from espaces_cli.core.conditions import holds
from espaces_cli.core.model import Localized, RuleBase
from espaces_cli.core.text import printable
from espaces_cli.core.visit import Notebook, visit_items
from espaces_cli.language import _, local
from espaces_cli.render.markdown_text import md_text
from espaces_cli.render.terminal_report import make_console
from espaces_cli.render.visit_report import euros, hang, trimmed


@dataclass(frozen=True)
class Sheet:
    """What to take on a visit of one kind of place, tailored to the notebook's answers."""

    title: str
    type_id: str
    type_label: Localized
    summary: Localized
    items: tuple[Item, ...]
    precautions: tuple[Localized, ...]
    cost: tuple[int, int] | None
    budget_ceiling: int | None
    best: Localized | None
    """The kind of place ``advise`` recommends for these answers."""


def visit_sheet(rule_base: RuleBase, notebook: Notebook, type_id: str) -> Sheet:
    from espaces_cli.core.engine import Engine, budget_ceiling

    space_type = rule_base.space_type(type_id)
    answers = notebook.answers
    precautions = tuple(
        g.text
        for g in (*rule_base.general_precautions, *space_type.precautions)
        if holds(g.when, answers)
    )
    cost = space_type.cost
    return Sheet(
        title=notebook.title,
        type_id=type_id,
        type_label=space_type.label,
        summary=space_type.summary,
        items=visit_items(rule_base, answers, type_id),
        precautions=precautions,
        cost=(cost.low, cost.high) if cost else None,
        budget_ceiling=budget_ceiling(rule_base, answers),
        best=_label(rule_base, Engine(rule_base).profile(answers).first),
    )


def _label(rule_base: RuleBase, type_id: str | None) -> Localized | None:
    return None if type_id is None else rule_base.space_type(type_id).label


def sheet_fit(sheet: Sheet) -> str:
    """Whether this is the kind of place recommended for the notebook's answers."""
    if sheet.best is None:
        return _("Aucun type de lieu ne reste en lice pour vos réponses.")
    if sheet.best == sheet.type_label:
        return _("C'est le type de lieu recommandé pour vos réponses.")
    return _(
        "Le type de lieu recommandé pour vos réponses est un autre : {best}.",
        best=local(sheet.best),
    )


def sheet_fields() -> list[str]:
    """The blanks to fill in on the visit, in the order ``visit add`` asks them."""
    return [
        _("Lieu :"),
        _("Adresse :"),
        _("Date de la visite :"),
        _("Prix tout compris, par personne et par mois :"),
        _("Conditions du contrat (durée minimale, préavis) :"),
        _("Votre impression (1 à 5) :"),
    ]


def sheet_budget_lines(sheet: Sheet) -> list[str]:
    lines = []
    if sheet.cost is not None:
        lines.append(
            _(
                "Prix habituels de ce type de lieu : de {low} à {high} par personne et par mois.",
                low=euros(sheet.cost[0]),
                high=euros(sheet.cost[1]),
            )
        )
    if sheet.budget_ceiling is not None:
        lines.append(
            _(
                "Votre plafond : {ceiling} par mois, tout compris (demandez ce qui est facturé "
                "en plus).",
                ceiling=euros(sheet.budget_ceiling),
            )
        )
    else:
        lines.append(_("Demandez le prix tout compris et ce qui est facturé en plus."))
    return lines


def sheet_heading(sheet: Sheet) -> str:
    return _("Fiche de visite : {type}", type=local(sheet.type_label))


def render_sheet_terminal(sheet: Sheet, *, plain: bool, color: bool, width: int | None) -> str:
    console, buffer = make_console(color=color and not plain, width=width)
    console.print(RichText(sheet_heading(sheet), style="bold"))
    if sheet.title:
        console.print(RichText(printable(sheet.title)))
    console.print(RichText(local(sheet.summary)))
    console.print(RichText(sheet_fit(sheet), style="italic"))
    console.print()
    for line in sheet_fields():
        console.print(RichText(f"{line} ____________________"))
    console.print()
    console.print(RichText(_("À vérifier (oui / partiel / non / pas demandé) :"), style="bold"))
    for item in sheet.items:
        hang(console, 1, "[ ]", f"{local(item.text)} ({item.id or ''})")
    console.print()
    console.print(RichText(_("Précautions à garder en tête :"), style="bold"))
    for text in sheet.precautions:
        hang(console, 1, "-", local(text))
    console.print()
    console.print(RichText(_("Prix et budget :"), style="bold"))
    for line in sheet_budget_lines(sheet):
        hang(console, 1, "-", line)
    return trimmed(buffer.getvalue())


def render_sheet_markdown(sheet: Sheet) -> str:
    out = [f"# {md_text(sheet_heading(sheet))}", ""]
    if sheet.title:
        out += [md_text(sheet.title), ""]
    out += [md_text(local(sheet.summary)), "", f"*{md_text(sheet_fit(sheet))}*", ""]
    out += [f"- {md_text(line)} ____________________" for line in sheet_fields()]
    out += ["", f"## {md_text(_('À vérifier (oui / partiel / non / pas demandé) :'))}", ""]
    out += [f"- [ ] {md_text(local(i.text))} (`{i.id}`)" for i in sheet.items]
    out += ["", f"## {md_text(_('Précautions à garder en tête :'))}", ""]
    out += [f"- {md_text(local(t))}" for t in sheet.precautions]
    out += ["", f"## {md_text(_('Prix et budget :'))}", ""]
    out += [f"- {md_text(line)}" for line in sheet_budget_lines(sheet)]
    return "\n".join(out) + "\n"
