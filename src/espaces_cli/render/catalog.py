"""The questionnaire and the space types, as documents (JSON/YAML), terminal text or Markdown."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from espaces_cli.core.model import (
    AllOf,
    AnyOf,
    Condition,
    Guarded,
    Leaf,
    Question,
    RuleBase,
    SpaceType,
)
from espaces_cli.render.common import rules_document, rules_line
from espaces_cli.render.terminal_report import make_console

OPERATOR_WORDS = {
    "equals": "=",
    "not_equals": "≠",
    "in": "∈",
    "not_in": "∉",
    "contains": "contient",
}


def describe_condition(condition: Condition | None) -> str:
    """A short readable form: ``profil = grande_entreprise``."""
    if condition is None:
        return "toujours"
    if isinstance(condition, Leaf):
        values = condition.values[0] if len(condition.values) == 1 else ", ".join(condition.values)
        return f"{condition.question} {OPERATOR_WORDS[condition.operator]} {values}"
    if isinstance(condition, AllOf | AnyOf):
        word = " et " if isinstance(condition, AllOf) else " ou "
        return "(" + word.join(describe_condition(c) for c in condition.items) + ")"
    return f"non {describe_condition(condition.item)}"


def _condition_document(condition: Condition | None) -> Any:
    if condition is None:
        return None
    if isinstance(condition, Leaf):
        value: Any = list(condition.values)
        if condition.operator in ("equals", "not_equals", "contains"):
            value = condition.values[0]
        return {"question": condition.question, condition.operator: value}
    if isinstance(condition, AllOf | AnyOf):
        key = "all" if isinstance(condition, AllOf) else "any"
        return {key: [_condition_document(c) for c in condition.items]}
    return {"not": _condition_document(condition.item)}


def _question_document(question: Question, lang: str) -> dict[str, Any]:
    default = list(question.default) if isinstance(question.default, tuple) else question.default
    return {
        "id": question.id,
        "kind": question.kind,
        "label": question.label.in_lang(lang),
        "help": question.help.in_lang(lang) if question.help else None,
        "when": _condition_document(question.when),
        "min_choices": question.min_choices,
        "default": default,
        "choices": [{"id": c.id, "label": c.label.in_lang(lang)} for c in question.choices],
    }


def questions_document(rule_base: RuleBase, lang: str = "fr") -> dict[str, Any]:
    return {
        "schema_version": 1,
        "rules": rules_document(rule_base.identity),
        "questions": [_question_document(q, lang) for q in rule_base.questions],
    }


def render_questions_terminal(
    rule_base: RuleBase, *, color: bool, width: int | None = None, lang: str = "fr"
) -> str:
    console, buffer = make_console(color=color, width=width)
    for number, question in enumerate(rule_base.questions, start=1):
        kind = "un choix" if question.kind == "one" else "plusieurs choix"
        if question.min_choices:
            kind += f", au moins {question.min_choices}"
        head = Text(f"{number}. ", style="bold")
        head.append(question.id, style="bold cyan")
        head.append(f"  {question.label.in_lang(lang)}  ({kind})")
        console.print(head)
        if question.when is not None:
            console.print(
                Text(f"   posée si : {describe_condition(question.when)}", style="yellow")
            )
        if question.help is not None:
            console.print(Text(f"   {question.help.in_lang(lang)}", style="dim"))
        for choice in question.choices:
            line = Text("   - ")
            line.append(choice.id, style="cyan")
            line.append(f" : {choice.label.in_lang(lang)}")
            console.print(line)
        console.print()
    console.print(
        Text(
            "Exemple : espaces advise -a profil=independant -a besoins=salles_reunion,rencontres",
            style="dim",
        )
    )
    console.print(Text(rules_line(rule_base.identity), style="dim"))
    return buffer.getvalue()


def _guarded_document(items: tuple[Guarded, ...], lang: str) -> list[dict[str, Any]]:
    return [{"text": g.text.in_lang(lang), "when": _condition_document(g.when)} for g in items]


def type_document(space_type: SpaceType, rule_base: RuleBase, lang: str = "fr") -> dict[str, Any]:
    return {
        "rules": rules_document(rule_base.identity),
        "id": space_type.id,
        "label": space_type.label.in_lang(lang),
        "summary": space_type.summary.in_lang(lang),
        "fit": {c.id: space_type.fit.get(c.id, 0) for c in rule_base.criteria},
        "exclude_if": [
            {"when": _condition_document(e.when), "reason": e.reason.in_lang(lang)}
            for e in space_type.exclude_if
        ],
        "advantages": [a.in_lang(lang) for a in space_type.advantages],
        "precautions": _guarded_document(space_type.precautions, lang),
        "checklist": _guarded_document(space_type.checklist, lang),
        "facts": [
            {"text": f.text.in_lang(lang), "year": f.year, "source": f.source}
            for f in space_type.facts
        ],
    }


def types_document(rule_base: RuleBase, lang: str = "fr") -> dict[str, Any]:
    return {
        "schema_version": 1,
        "rules": rules_document(rule_base.identity),
        "types": [type_document(t, rule_base, lang) for t in rule_base.space_types],
    }


def render_types_terminal(
    rule_base: RuleBase, *, color: bool, width: int | None = None, lang: str = "fr"
) -> str:
    console, buffer = make_console(color=color, width=width)
    table = Table(title="Types de lieux", title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("id", style="cyan", no_wrap=True)
    table.add_column("Type")
    table.add_column("En bref")
    for space_type in rule_base.space_types:
        table.add_row(
            space_type.id, space_type.label.in_lang(lang), space_type.summary.in_lang(lang)
        )
    console.print(table)
    console.print(
        Text("Détail d'un type : espaces types ID (par exemple espaces types fab_lab)", style="dim")
    )
    console.print(Text(rules_line(rule_base.identity), style="dim"))
    return buffer.getvalue()


def _when_suffix(item: Guarded) -> str:
    return "" if item.when is None else f" (si {describe_condition(item.when)})"


def fits_table(
    space_type: SpaceType, rule_base: RuleBase, *, lang: str = "fr", with_ids: bool = False
) -> Table:
    """The type's fit on every criterion, as dots on the 0–4 scale."""
    fits = Table(
        title="Adéquation à chaque critère (0 à 4)", title_justify="left", box=box.SIMPLE_HEAD
    )
    fits.add_column("Critère")
    if with_ids:
        fits.add_column("id", style="dim")
    fits.add_column("", justify="right")
    for criterion in rule_base.criteria:
        value = space_type.fit.get(criterion.id, 0)
        ids = [criterion.id] if with_ids else []
        fits.add_row(criterion.label.in_lang(lang), *ids, "●" * value + "○" * (4 - value))
    return fits


def render_type_terminal(
    space_type: SpaceType,
    rule_base: RuleBase,
    *,
    color: bool,
    width: int | None = None,
    lang: str = "fr",
) -> str:
    console, buffer = make_console(color=color, width=width)
    console.print(
        Text(space_type.label.in_lang(lang), style="bold cyan"),
        Text(f"({space_type.id})", style="dim"),
    )
    console.print(Text(space_type.summary.in_lang(lang)))
    sections: list[tuple[str, list[str]]] = [
        ("Avantages", [a.in_lang(lang) for a in space_type.advantages]),
        ("Précautions", [p.text.in_lang(lang) + _when_suffix(p) for p in space_type.precautions]),
        ("Pour la visite", [c.text.in_lang(lang) + _when_suffix(c) for c in space_type.checklist]),
        (
            "Écarté quand",
            [
                f"{describe_condition(e.when)} : {e.reason.in_lang(lang)}"
                for e in space_type.exclude_if
            ],
        ),
        (
            "Repères datés",
            [f"{f.year} : {f.text.in_lang(lang)} <{f.source}>" for f in space_type.facts],
        ),
    ]
    for title, lines in sections:
        if not lines:
            continue
        console.print()
        console.print(Text(title, style="bold underline"))
        for line in lines:
            console.print(Text(f"  • {line}"))
    console.print()
    console.print(fits_table(space_type, rule_base, lang=lang))
    console.print(Text(rules_line(rule_base.identity), style="dim"))
    return buffer.getvalue()


def render_type_markdown(space_type: SpaceType, rule_base: RuleBase, lang: str = "fr") -> str:
    out = [
        f"# {space_type.label.in_lang(lang)} (`{space_type.id}`)",
        "",
        space_type.summary.in_lang(lang),
        "",
    ]
    parts = [
        ("Avantages", [a.in_lang(lang) for a in space_type.advantages], "- "),
        (
            "Précautions",
            [p.text.in_lang(lang) + _when_suffix(p) for p in space_type.precautions],
            "- ",
        ),
        (
            "Pour la visite",
            [c.text.in_lang(lang) + _when_suffix(c) for c in space_type.checklist],
            "- [ ] ",
        ),
        (
            "Écarté quand",
            [
                f"{describe_condition(e.when)} : {e.reason.in_lang(lang)}"
                for e in space_type.exclude_if
            ],
            "- ",
        ),
        (
            "Repères datés",
            [f"{f.year} : {f.text.in_lang(lang)} ([source]({f.source}))" for f in space_type.facts],
            "- ",
        ),
    ]
    for title, lines, bullet in parts:
        if lines:
            out += [f"## {title}", ""] + [bullet + line for line in lines] + [""]
    out += ["## Adéquation aux critères", "", "| Critère | 0–4 |", "|---|---:|"]
    out += [
        f"| {c.label.in_lang(lang)} | {space_type.fit.get(c.id, 0)} |" for c in rule_base.criteria
    ]
    out += ["", f"_{rules_line(rule_base.identity)}_"]
    return "\n".join(out) + "\n"


def render_types_markdown(rule_base: RuleBase, lang: str = "fr") -> str:
    out = ["# Types de lieux", "", "| id | Type | En bref |", "|---|---|---|"]
    out += [
        f"| `{t.id}` | {t.label.in_lang(lang)} | {t.summary.in_lang(lang)} |"
        for t in rule_base.space_types
    ]
    out += ["", f"_{rules_line(rule_base.identity)}_"]
    return "\n".join(out) + "\n"


def answers_template(rule_base: RuleBase, lang: str = "fr") -> str:
    """A ready-to-fill answers file: every question, its choices and when it is asked."""
    out = [
        "# Fichier de réponses pour : espaces advise --answers CE_FICHIER",
        "# Remplacez ~ par l'id d'un choix ; pour plusieurs choix : [id1, id2].",
        "# Une question laissée à ~ est posée à l'écran, ou prend sa valeur par défaut.",
        "answers:",
    ]
    for question in rule_base.questions:
        kind = "un choix" if question.kind == "one" else "plusieurs choix"
        if question.min_choices:
            kind += f", au moins {question.min_choices}"
        out.append(f"  # {question.label.in_lang(lang)} ({kind})")
        if question.when is not None:
            out.append(f"  # posée si : {describe_condition(question.when)}")
        out.append(f"  #   {' | '.join(question.choice_ids())}")
        out.append(f"  {question.id}: ~")
    return "\n".join(out) + "\n"
