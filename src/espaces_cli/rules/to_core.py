"""The validated data of a rule base as the core model's frozen values.

It runs only on data the schema and the cross-checks passed, so it reads without checking.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from espaces_cli.core import model as core


def _text(raw: Mapping[str, str]) -> core.Localized:
    return core.Localized(raw["fr"], tuple((k, v) for k, v in raw.items() if k != "fr"))


def _opt_text(raw: Mapping[str, str] | None) -> core.Localized | None:
    return None if raw is None else _text(raw)


def _condition(raw: Mapping[str, Any] | None) -> core.Condition | None:
    if raw is None:
        return None
    if "all" in raw:
        return core.AllOf(tuple(_require(_condition(item)) for item in raw["all"]))
    if "any" in raw:
        return core.AnyOf(tuple(_require(_condition(item)) for item in raw["any"]))
    if "not" in raw:
        return core.Not(_require(_condition(raw["not"])))
    for op in core.OPERATORS:
        if op in raw:
            value = raw[op]
            values = (value,) if isinstance(value, str) else tuple(value)
            return core.Leaf(raw["question"], op, values)
    raise AssertionError("validated condition without operator")


def _require(condition: core.Condition | None) -> core.Condition:
    assert condition is not None
    return condition


def _guarded(raw: Mapping[str, Any]) -> core.Guarded:
    if "text" in raw:
        return core.Guarded(_text(raw["text"]), _condition(raw.get("when")), raw.get("id"))
    return core.Guarded(_text(raw))


def to_core(data: Mapping[str, Any], identity: core.RuleBaseId) -> core.RuleBase:
    questions = []
    for qid, q in data["questions"].items():
        default = q.get("default")
        questions.append(
            core.Question(
                id=qid,
                kind=q["kind"],
                label=_text(q["label"]),
                help=_opt_text(q.get("help")),
                choices=tuple(
                    core.Choice(cid, _text(label)) for cid, label in q["choices"].items()
                ),
                when=_condition(q.get("when")),
                min_choices=q.get("min_choices", 0),
                default=tuple(default) if isinstance(default, list) else default,
            )
        )
    types = []
    for tid, t in data["space_types"].items():
        types.append(
            core.SpaceType(
                id=tid,
                label=_text(t["label"]),
                summary=_text(t["summary"]),
                fit=dict(t["fit"]),
                exclude_if=tuple(
                    core.Exclusion(_require(_condition(e["when"])), _text(e["reason"]))
                    for e in t.get("exclude_if", [])
                ),
                advantages=tuple(_guarded(a) for a in t.get("advantages", [])),
                precautions=tuple(_guarded(p) for p in t.get("precautions", [])),
                checklist=tuple(_guarded(c) for c in t.get("checklist", [])),
                facts=tuple(
                    core.Fact(_text(f["text"]), f["source"], f["year"]) for f in t.get("facts", [])
                ),
                cost=None
                if t.get("cost") is None
                else core.Cost(t["cost"]["min"], t["cost"]["max"]),
            )
        )
    general = data.get("general", {})
    criterion_labels = {cid: _text(c["label"]) for cid, c in data["criteria"].items()}
    return core.RuleBase(
        identity=identity,
        criteria=tuple(
            core.Criterion(cid, _text(c["label"]), _opt_text(c.get("help")))
            for cid, c in data["criteria"].items()
        ),
        questions=tuple(questions),
        weight_rules=tuple(
            core.WeightRule(
                r["id"],
                _condition(r.get("when")),
                tuple((c, float(p)) for c, p in r["add"].items()),
                _text(r["because"]),
            )
            for r in data.get("weight_rules", [])
        ),
        space_types=tuple(types),
        general_precautions=tuple(_guarded(p) for p in general.get("precautions", [])),
        general_checklist=tuple(_guarded(c) for c in general.get("checklist", [])),
        needs=tuple(
            core.Need(
                nid,
                _require(_condition(n["when"])),
                n["criterion"],
                n.get("min_fit", 2),
                _text(n["label"]) if n.get("label") else criterion_labels[n["criterion"]],
            )
            for nid, n in data.get("needs", {}).items()
        ),
        budget_ceiling=None
        if data.get("budget_ceiling") is None
        else core.BudgetCeiling(
            data["budget_ceiling"]["question"],
            tuple(data["budget_ceiling"]["ceilings"].items()),
        ),
        pointers=tuple(
            core.Pointer(
                pid, _text(p["label"]), _text(p["text"]), p["source"], _condition(p.get("when"))
            )
            for pid, p in data.get("pointers", {}).items()
        ),
    )
