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
from espaces_cli.core.text import printable
from espaces_cli.language import N_, _, local
from espaces_cli.render.advice_words import rules_line, shown
from espaces_cli.render.condition_words import asked_when, condition_words, for_whom
from espaces_cli.render.json_blocks import SCHEMA_VERSION, rules_document
from espaces_cli.render.markdown_text import md_source, md_text
from espaces_cli.render.terminal_report import bullets, console_text, make_console

OPERATOR_WORDS = {
    "equals": "=",
    "not_equals": "≠",
    "in": "∈",
    "not_in": "∉",
    "contains": N_("contient"),
}


def describe_condition(condition: Condition | None) -> str:
    """A short readable form: ``profil = grande_entreprise``."""
    if condition is None:
        return _("toujours")
    if isinstance(condition, Leaf):
        values = condition.values[0] if len(condition.values) == 1 else ", ".join(condition.values)
        return f"{condition.question} {_(OPERATOR_WORDS[condition.operator])} {values}"
    if isinstance(condition, AllOf | AnyOf):
        word = " " + (_("et") if isinstance(condition, AllOf) else _("ou")) + " "
        return "(" + word.join(describe_condition(c) for c in condition.items) + ")"
    return _("non {condition}", condition=describe_condition(condition.item))


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


def _question_document(question: Question) -> dict[str, Any]:
    default = list(question.default) if isinstance(question.default, tuple) else question.default
    return {
        "id": question.id,
        "kind": question.kind,
        "label": local(question.label),
        "help": local(question.help) if question.help else None,
        "when": _condition_document(question.when),
        "min_choices": question.min_choices,
        "default": default,
        "choices": [{"id": c.id, "label": local(c.label)} for c in question.choices],
    }


def questions_document(rule_base: RuleBase) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "rules": rules_document(rule_base.identity),
        "questions": [_question_document(q) for q in rule_base.questions],
    }


def render_questions_terminal(rule_base: RuleBase, *, color: bool, width: int | None = None) -> str:
    console, buffer = make_console(color=color, width=width)
    for number, question in enumerate(rule_base.questions, start=1):
        kind = _kind(question)
        head = Text(f"{number}. ", style="bold")
        head.append(question.id, style="bold cyan")
        head.append(f"  {shown(question.label)}  ({kind})")
        console.print(head)
        notes: list[Text] = []
        if question.when is not None:
            notes.append(Text(printable(asked_when(question.when, rule_base)), style="yellow"))
        if question.help is not None:
            notes.append(Text(shown(question.help), style="dim"))
        if notes:
            console.print(bullets(notes, mark="", indent=3))
        choices = [
            Text(choice.id, style="cyan").append(_(" : {label}", label=shown(choice.label)))
            for choice in question.choices
        ]
        console.print(bullets(choices, mark="-", indent=4))
        console.print()
    console.print(
        Text(
            _("Exemple : {command}", command=printable(example_command(rule_base))),
            style="dim",
        ),
        soft_wrap=True,
    )
    console.print(Text(printable(rules_line(rule_base.identity)), style="dim"))
    return console_text(buffer)


def example_command(rule_base: RuleBase) -> str:
    """An ``advise`` line with answers of this rule base: one choice, then several."""
    parts = ["espaces advise"]
    single = next((q for q in rule_base.questions if q.kind == "one" and q.choices), None)
    several = next((q for q in rule_base.questions if q.kind == "several" and q.choices), None)
    if single is not None:
        parts.append(f"-a {single.id}={single.choices[0].id}")
    if several is not None:
        parts.append(f"-a {several.id}=" + ",".join(c.id for c in several.choices[:2]))
    return " ".join(parts)


def _kind(question: Question) -> str:
    """``un choix`` / ``plusieurs choix, au moins 2``: how a question is answered."""
    kind = _("un choix") if question.kind == "one" else _("plusieurs choix")
    if question.min_choices:
        kind += _(", au moins {count}", count=question.min_choices)
    return kind


def _guarded_document(items: tuple[Guarded, ...]) -> list[dict[str, Any]]:
    return [{"text": local(g.text), "when": _condition_document(g.when)} for g in items]


def type_json_document(space_type: SpaceType, rule_base: RuleBase) -> dict[str, Any]:
    """``types ID --format json``: one type on its own is a document too, versioned like the
    others so that scripts check its schema the same way."""
    return {"schema_version": SCHEMA_VERSION, **type_document(space_type, rule_base)}


def type_document(space_type: SpaceType, rule_base: RuleBase) -> dict[str, Any]:
    return {
        "rules": rules_document(rule_base.identity),
        "id": space_type.id,
        "label": local(space_type.label),
        "summary": local(space_type.summary),
        "fit": {c.id: space_type.fit.get(c.id, 0) for c in rule_base.criteria},
        "exclude_if": [
            {"when": _condition_document(e.when), "reason": local(e.reason)}
            for e in space_type.exclude_if
        ],
        "advantages": [local(a.text) for a in space_type.advantages],
        "precautions": _guarded_document(space_type.precautions),
        "checklist": _guarded_document(space_type.checklist),
        "facts": [
            {"text": local(f.text), "year": f.year, "source": f.source} for f in space_type.facts
        ],
    }


def types_document(rule_base: RuleBase) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "rules": rules_document(rule_base.identity),
        "types": [type_document(t, rule_base) for t in rule_base.space_types],
    }


def render_types_terminal(rule_base: RuleBase, *, color: bool, width: int | None = None) -> str:
    """One entry per type: its id and name on a line, its summary hanging below.

    A three-column table squeezes the summary into a narrow column at 80 columns.
    """
    console, buffer = make_console(color=color, width=width)
    console.print(Text(_("Types de lieux"), style="bold underline"))
    for space_type in rule_base.space_types:
        head = Text(printable(space_type.id), style="bold cyan")
        head.append("  ")
        head.append(shown(space_type.label), style="bold")
        console.print(head)
        console.print(bullets([Text(shown(space_type.summary))], mark="", indent=2))
    console.print()
    console.print(
        Text(
            _(
                "Détail d'un type : espaces types ID (par exemple espaces types {id})",
                id=printable(rule_base.space_types[0].id) if rule_base.space_types else "ID",
            ),
            style="dim",
        )
    )
    console.print(Text(printable(rules_line(rule_base.identity)), style="dim"))
    return console_text(buffer)


def _when_suffix(item: Guarded, rule_base: RuleBase) -> str:
    return for_whom(item.when, rule_base)


def fits_table(space_type: SpaceType, rule_base: RuleBase, with_ids: bool = False) -> Table:
    """The type's fit on every criterion, as dots on the 0–4 scale."""
    fits = Table(
        title=_("Adéquation à chaque critère (0 à 4)"), title_justify="left", box=box.SIMPLE_HEAD
    )
    fits.add_column(_("Critère"))
    if with_ids:
        fits.add_column("id", style="dim")
    fits.add_column("", justify="right")
    for criterion in rule_base.criteria:
        value = space_type.fit.get(criterion.id, 0)
        ids = [Text(criterion.id)] if with_ids else []
        dots = Text("●" * value + "○" * (4 - value))
        fits.add_row(Text(shown(criterion.label)), *ids, dots)
    return fits


def render_type_terminal(
    space_type: SpaceType,
    rule_base: RuleBase,
    *,
    color: bool,
    width: int | None = None,
) -> str:
    console, buffer = make_console(color=color, width=width)
    console.print(
        Text(shown(space_type.label), style="bold cyan"),
        Text(f"({space_type.id})", style="dim"),
    )
    console.print(Text(shown(space_type.summary)))
    sections: list[tuple[str, list[str]]] = [
        (_("Avantages"), [local(a.text) for a in space_type.advantages]),
        (
            _("Précautions"),
            [local(p.text) + _when_suffix(p, rule_base) for p in space_type.precautions],
        ),
        (
            _("Pour la visite"),
            [local(c.text) + _when_suffix(c, rule_base) for c in space_type.checklist],
        ),
        (_("Écarté quand"), _exclusions(space_type, rule_base)),
    ]
    for title, lines in sections:
        if not lines:
            continue
        console.print()
        console.print(Text(title, style="bold underline"))
        console.print(bullets([Text(printable(line)) for line in lines], indent=3))
    if space_type.facts:
        console.print()
        console.print(Text(_("Repères datés"), style="bold underline"))
        for fact in space_type.facts:
            line = Text(_pair(str(fact.year), shown(fact.text)))
            console.print(bullets([line], indent=3))
            console.print(Text(f"    {printable(fact.source)}", style="dim"), soft_wrap=True)
    console.print()
    console.print(fits_table(space_type, rule_base))
    console.print(Text(printable(rules_line(rule_base.identity)), style="dim"))
    return console_text(buffer)


def _pair(label: str, value: str) -> str:
    return _("{label} : {value}", label=label, value=value)


def _exclusions(space_type: SpaceType, rule_base: RuleBase) -> list[str]:
    return [
        _pair(condition_words(e.when, rule_base), local(e.reason)) for e in space_type.exclude_if
    ]


def render_type_markdown(space_type: SpaceType, rule_base: RuleBase) -> str:
    out = [
        f"# {md_text(local(space_type.label))} (`{space_type.id}`)",
        "",
        md_text(local(space_type.summary)),
        "",
    ]
    parts = [
        (_("Avantages"), [md_text(local(a.text)) for a in space_type.advantages], "- "),
        (
            _("Précautions"),
            [md_text(local(p.text) + _when_suffix(p, rule_base)) for p in space_type.precautions],
            "- ",
        ),
        (
            _("Pour la visite"),
            [md_text(local(c.text) + _when_suffix(c, rule_base)) for c in space_type.checklist],
            "- [ ] ",
        ),
        (_("Écarté quand"), [md_text(line) for line in _exclusions(space_type, rule_base)], "- "),
        (
            _("Repères datés"),
            [
                _pair(str(f.year), f"{md_text(local(f.text))} ({md_source(f.source, 'source')})")
                for f in space_type.facts
            ],
            "- ",
        ),
    ]
    for title, lines, bullet in parts:
        if lines:
            out += [f"## {title}", ""] + [bullet + line for line in lines] + [""]
    out += [
        "## " + _("Adéquation aux critères"),
        "",
        "| " + _("Critère") + " | 0–4 |",
        "|---|---:|",
    ]
    out += [
        f"| {md_text(local(c.label))} | {space_type.fit.get(c.id, 0)} |" for c in rule_base.criteria
    ]
    out += ["", f"_{md_text(rules_line(rule_base.identity))}_"]
    return "\n".join(out) + "\n"


def render_types_markdown(rule_base: RuleBase) -> str:
    out = [
        "# " + _("Types de lieux"),
        "",
        "| id | " + _("Type") + " | " + _("En bref") + " |",
        "|---|---|---|",
    ]
    out += [
        f"| `{t.id}` | {md_text(local(t.label))} | {md_text(local(t.summary))} |"
        for t in rule_base.space_types
    ]
    out += ["", f"_{md_text(rules_line(rule_base.identity))}_"]
    return "\n".join(out) + "\n"


def answers_template(rule_base: RuleBase) -> str:
    """A ready-to-fill answers file: every question, its choices and when it is asked."""
    out = [
        "# " + _("Fichier de réponses pour : espaces advise --answers CE_FICHIER"),
        "# " + _("Remplacez ~ par l'id d'un choix ; pour plusieurs choix : [id1, id2]."),
        "# " + _("Une question laissée à ~ est posée à l'écran, ou prend sa valeur par défaut."),
        "answers:",
    ]
    for question in rule_base.questions:
        # printable: a line break in a label would end the comment and write YAML
        out.append(f"  # {shown(question.label)} ({_kind(question)})")
        if question.when is not None:
            out.append("  # " + printable(asked_when(question.when, rule_base)))
        out += [
            "  #   " + _("{id} : {label}", id=choice.id, label=shown(choice.label))
            for choice in question.choices
        ]
        out.append(f"  {question.id}: ~")
    return "\n".join(out) + "\n"
