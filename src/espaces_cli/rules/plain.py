"""The core model as plain JSON values, and back: what the rule-base cache stores.

``to_plain`` keeps everything but the sha256 and path (they come from the bytes read);
``from_plain`` rebuilds the frozen model and accepts nothing else: any value of the wrong
shape or type raises ``NotPlain``, so a crafted entry can at worst be refused.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar, get_args

from espaces_cli.core import model as core

_OPERATORS: dict[str, core.Operator] = {op: op for op in core.OPERATORS}
_KINDS: dict[str, core.QuestionKind] = {kind: kind for kind in get_args(core.QuestionKind)}

T = TypeVar("T")


class NotPlain(ValueError):
    """A value that ``to_plain`` cannot have written."""


def to_plain(rule_base: core.RuleBase) -> dict[str, object]:
    """The rule base as JSON values; its sha256 and path are not kept, they come from the bytes."""
    return {
        "name": rule_base.identity.name,
        "version": rule_base.identity.version,
        "criteria": [
            {"id": c.id, "label": _text(c.label), "help": _opt_text(c.help)}
            for c in rule_base.criteria
        ],
        "questions": [_question(q) for q in rule_base.questions],
        "weight_rules": [
            {
                "id": r.id,
                "when": _opt_condition(r.when),
                "add": [[c, float(p)] for c, p in r.add],
                "because": _text(r.because),
            }
            for r in rule_base.weight_rules
        ],
        "space_types": [_space_type(t) for t in rule_base.space_types],
        "general_precautions": [_guarded(g) for g in rule_base.general_precautions],
        "general_checklist": [_guarded(g) for g in rule_base.general_checklist],
        "needs": [
            {
                "id": n.id,
                "when": _condition(n.when),
                "criterion": n.criterion,
                "min_fit": n.min_fit,
                "label": _text(n.label),
            }
            for n in rule_base.needs
        ],
        "budget_ceiling": None
        if rule_base.budget_ceiling is None
        else {
            "question": rule_base.budget_ceiling.question,
            "ceilings": [[c, euros] for c, euros in rule_base.budget_ceiling.ceilings],
        },
        "pointers": [
            {
                "id": p.id,
                "label": _text(p.label),
                "text": _text(p.text),
                "source": p.source,
                "when": _opt_condition(p.when),
            }
            for p in rule_base.pointers
        ],
    }


def _text(text: core.Localized) -> list[object]:
    return [text.fr, [[code, value] for code, value in text.translations]]


def _opt_text(text: core.Localized | None) -> list[object] | None:
    return None if text is None else _text(text)


def _condition(condition: core.Condition) -> dict[str, object]:
    if isinstance(condition, core.Leaf):
        return {"leaf": [condition.question, condition.operator, list(condition.values)]}
    if isinstance(condition, core.AllOf):
        return {"all": [_condition(item) for item in condition.items]}
    if isinstance(condition, core.AnyOf):
        return {"any": [_condition(item) for item in condition.items]}
    return {"not": _condition(condition.item)}


def _opt_condition(condition: core.Condition | None) -> dict[str, object] | None:
    return None if condition is None else _condition(condition)


def _question(q: core.Question) -> dict[str, object]:
    return {
        "id": q.id,
        "kind": q.kind,
        "label": _text(q.label),
        "help": _opt_text(q.help),
        "choices": [[c.id, _text(c.label)] for c in q.choices],
        "when": _opt_condition(q.when),
        "min_choices": q.min_choices,
        "default": list(q.default) if isinstance(q.default, tuple) else q.default,
    }


def _guarded(item: core.Guarded) -> dict[str, object]:
    return {"text": _text(item.text), "when": _opt_condition(item.when), "id": item.id}


def _space_type(t: core.SpaceType) -> dict[str, object]:
    return {
        "id": t.id,
        "label": _text(t.label),
        "summary": _text(t.summary),
        "fit": [[c, points] for c, points in t.fit.items()],
        "exclude_if": [
            {"when": _condition(e.when), "reason": _text(e.reason)} for e in t.exclude_if
        ],
        "advantages": [_guarded(a) for a in t.advantages],
        "precautions": [_guarded(p) for p in t.precautions],
        "checklist": [_guarded(c) for c in t.checklist],
        "facts": [{"text": _text(f.text), "source": f.source, "year": f.year} for f in t.facts],
        "cost": None if t.cost is None else [t.cost.low, t.cost.high],
    }


def from_plain(raw: object, sha256: str) -> core.RuleBase:
    """Rebuild the rule base from ``to_plain``'s values; raise ``NotPlain`` on anything else."""
    (
        name,
        version,
        criteria,
        questions,
        rules,
        types,
        precautions,
        checklist,
        needs,
        ceiling,
        pointers,
    ) = fields(
        raw,
        "name",
        "version",
        "criteria",
        "questions",
        "weight_rules",
        "space_types",
        "general_precautions",
        "general_checklist",
        "needs",
        "budget_ceiling",
        "pointers",
    )
    return core.RuleBase(
        identity=core.RuleBaseId(as_str(name), as_str(version), sha256),
        criteria=_tuple(criteria, _criterion_from),
        questions=_tuple(questions, _question_from),
        weight_rules=_tuple(rules, _weight_rule_from),
        space_types=_tuple(types, _space_type_from),
        general_precautions=_tuple(precautions, _guarded_from),
        general_checklist=_tuple(checklist, _guarded_from),
        needs=_tuple(needs, _need_from),
        budget_ceiling=None if ceiling is None else _ceiling_from(ceiling),
        pointers=_tuple(pointers, _pointer_from),
    )


def _need_from(raw: object) -> core.Need:
    nid, when, criterion, min_fit, label = fields(
        raw, "id", "when", "criterion", "min_fit", "label"
    )
    return core.Need(
        as_str(nid), _condition_from(when), as_str(criterion), as_int(min_fit), _text_from(label)
    )


def _ceiling_pair(raw: object) -> tuple[str, int]:
    choice, euros = _items(raw, 2)
    return as_str(choice), as_int(euros)


def _ceiling_from(raw: object) -> core.BudgetCeiling:
    question, ceilings = fields(raw, "question", "ceilings")
    return core.BudgetCeiling(as_str(question), _tuple(ceilings, _ceiling_pair))


def _pointer_from(raw: object) -> core.Pointer:
    pid, label, text, source, when = fields(raw, "id", "label", "text", "source", "when")
    return core.Pointer(
        as_str(pid), _text_from(label), _text_from(text), as_str(source), _opt_condition_from(when)
    )


def _cost_from(raw: object) -> core.Cost | None:
    if raw is None:
        return None
    low, high = _items(raw, 2)
    return core.Cost(as_int(low), as_int(high))


def fields(raw: object, *names: str) -> list[object]:
    """The values of exactly these keys: a missing or an extra key means a foreign entry."""
    if not isinstance(raw, dict) or len(raw) != len(names) or any(n not in raw for n in names):
        raise NotPlain
    return [raw[n] for n in names]


def _items(raw: object, count: int) -> list[object]:
    """A list of exactly ``count`` values."""
    if not isinstance(raw, list) or len(raw) != count:
        raise NotPlain
    return raw


def _tuple(raw: object, item: Callable[[object], T]) -> tuple[T, ...]:
    if not isinstance(raw, list):
        raise NotPlain
    return tuple(item(value) for value in raw)


def as_str(raw: object) -> str:
    if not isinstance(raw, str):
        raise NotPlain
    return raw


def as_int(raw: object) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise NotPlain
    return raw


def _float(raw: object) -> float:
    if not isinstance(raw, float):
        raise NotPlain
    return raw


def _str_pair(raw: object) -> tuple[str, str]:
    first, second = _items(raw, 2)
    return as_str(first), as_str(second)


def _text_from(raw: object) -> core.Localized:
    fr, translations = _items(raw, 2)
    return core.Localized(as_str(fr), _tuple(translations, _str_pair))


def _opt_text_from(raw: object) -> core.Localized | None:
    return None if raw is None else _text_from(raw)


def _condition_from(raw: object) -> core.Condition:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise NotPlain
    ((tag, value),) = raw.items()
    if tag == "leaf":
        question, operator, values = _items(value, 3)
        if not isinstance(operator, str) or operator not in _OPERATORS:
            raise NotPlain
        return core.Leaf(as_str(question), _OPERATORS[operator], _tuple(values, as_str))
    if tag == "all":
        return core.AllOf(_tuple(value, _condition_from))
    if tag == "any":
        return core.AnyOf(_tuple(value, _condition_from))
    if tag == "not":
        return core.Not(_condition_from(value))
    raise NotPlain


def _opt_condition_from(raw: object) -> core.Condition | None:
    return None if raw is None else _condition_from(raw)


def _criterion_from(raw: object) -> core.Criterion:
    cid, label, help_ = fields(raw, "id", "label", "help")
    return core.Criterion(as_str(cid), _text_from(label), _opt_text_from(help_))


def _choice_from(raw: object) -> core.Choice:
    cid, label = _items(raw, 2)
    return core.Choice(as_str(cid), _text_from(label))


def _default_from(raw: object) -> str | tuple[str, ...] | None:
    if raw is None or isinstance(raw, str):
        return raw
    return _tuple(raw, as_str)


def _question_from(raw: object) -> core.Question:
    qid, kind, label, help_, choices, when, min_choices, default = fields(
        raw, "id", "kind", "label", "help", "choices", "when", "min_choices", "default"
    )
    if not isinstance(kind, str) or kind not in _KINDS:
        raise NotPlain
    return core.Question(
        id=as_str(qid),
        kind=_KINDS[kind],
        label=_text_from(label),
        help=_opt_text_from(help_),
        choices=_tuple(choices, _choice_from),
        when=_opt_condition_from(when),
        min_choices=as_int(min_choices),
        default=_default_from(default),
    )


def _points_from(raw: object) -> tuple[str, float]:
    criterion, points = _items(raw, 2)
    return as_str(criterion), _float(points)


def _weight_rule_from(raw: object) -> core.WeightRule:
    rid, when, add, because = fields(raw, "id", "when", "add", "because")
    return core.WeightRule(
        as_str(rid), _opt_condition_from(when), _tuple(add, _points_from), _text_from(because)
    )


def _guarded_from(raw: object) -> core.Guarded:
    text, when, item_id = fields(raw, "text", "when", "id")
    return core.Guarded(
        _text_from(text), _opt_condition_from(when), None if item_id is None else as_str(item_id)
    )


def _exclusion_from(raw: object) -> core.Exclusion:
    when, reason = fields(raw, "when", "reason")
    return core.Exclusion(_condition_from(when), _text_from(reason))


def _fact_from(raw: object) -> core.Fact:
    text, source, year = fields(raw, "text", "source", "year")
    return core.Fact(_text_from(text), as_str(source), as_int(year))


def _fit_from(raw: object) -> dict[str, int]:
    pairs = _tuple(raw, lambda pair: _items(pair, 2))
    fit = {as_str(criterion): as_int(points) for criterion, points in pairs}
    if len(fit) != len(pairs):
        raise NotPlain
    return fit


def _space_type_from(raw: object) -> core.SpaceType:
    tid, label, summary, fit, exclude_if, advantages, precautions, checklist, facts, cost = fields(
        raw,
        "id",
        "label",
        "summary",
        "fit",
        "exclude_if",
        "advantages",
        "precautions",
        "checklist",
        "facts",
        "cost",
    )
    return core.SpaceType(
        id=as_str(tid),
        label=_text_from(label),
        summary=_text_from(summary),
        fit=_fit_from(fit),
        exclude_if=_tuple(exclude_if, _exclusion_from),
        advantages=_tuple(advantages, _guarded_from),
        precautions=_tuple(precautions, _guarded_from),
        checklist=_tuple(checklist, _guarded_from),
        facts=_tuple(facts, _fact_from),
        cost=_cost_from(cost),
    )
