"""The cross-checks of a rule base the schema cannot express: ids that must name something
that exists (criteria, questions, choices, rules), orders that must hold (a condition reads
only questions asked before it), defaults and bounds that must agree with their question.

They read only the parts the schema found sound, so that a broken file yields every problem
at once and never an exception.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from espaces_cli.core import model as core
from espaces_cli.language import _

if TYPE_CHECKING:
    from espaces_cli.yaml_nodes import Located

Path = tuple[str | int, ...]
Problem = tuple[Path, tuple[int, int], str]

_ITEM_SECTIONS = ("weight_rules", "space_types", "needs", "pointers")
_KEYED_MAPS = ("fit", "add")  # the cross-checks read their keys, never their values


def _sound_view(data: Mapping[str, Any], broken: Sequence[Path]) -> dict[str, Any]:
    """The file's data without the parts the schema found broken, lists as ``{index: item}``.

    What is left has the types the models say, so the cross-checks read it without any
    lookup that could fail (and without catching exceptions that would hide a bug).
    """

    def sound(prefix: Path) -> bool:
        return not any(path[: len(prefix)] == prefix for path in broken)

    def items(value: Any) -> Iterable[tuple[Any, Any]]:
        return enumerate(value) if isinstance(value, list) else value.items()

    def fields(section: str, key: Any, item: Any) -> dict[str, Any] | None:
        """An item's sound fields; maps whose keys only are read (fit, add) stay whole."""
        if not isinstance(item, dict) or (section, key) in broken:
            return None  # not a table, or a required field missing
        return {
            name: value
            for name, value in item.items()
            if sound((section, key, name)) or (name in _KEYED_MAPS and isinstance(value, dict))
        }

    view: dict[str, Any] = {"criteria": data["criteria"], "questions": data["questions"]}
    for section in _ITEM_SECTIONS:
        value = data.get(section)
        if isinstance(value, list | dict) and (section,) not in broken:
            kept = ((k, fields(section, k, v)) for k, v in items(value))
            view[section] = {k: v for k, v in kept if v is not None}
    general = data.get("general")
    if isinstance(general, dict) and ("general",) not in broken:
        view["general"] = {
            field: {
                i: item for i, item in enumerate(general[field]) if sound(("general", field, i))
            }
            for field in ("precautions", "checklist")
            if isinstance(general.get(field), list) and ("general", field) not in broken
        }
    if data.get("budget_ceiling") is not None and sound(("budget_ceiling",)):
        view["budget_ceiling"] = data["budget_ceiling"]
    return view


def _conditions(data: Mapping[str, Any]) -> Iterator[tuple[Path, Any, int | None]]:
    """Yield every condition in ``data`` (the sound sections), with where it stands and the
    question index it guards."""
    order = list(data["questions"])
    for qid, question in data["questions"].items():
        if question.get("when") is not None:
            yield ("questions", qid, "when"), question["when"], order.index(qid)
    for i, rule in data.get("weight_rules", {}).items():
        if rule.get("when") is not None:
            yield ("weight_rules", i, "when"), rule["when"], None
    for tid, space_type in data.get("space_types", {}).items():
        for i, exclusion in enumerate(space_type.get("exclude_if", [])):
            yield ("space_types", tid, "exclude_if", i, "when"), exclusion["when"], None
        for field in ("advantages", "precautions", "checklist"):
            for i, item in enumerate(space_type.get(field, [])):
                if "when" in item and item["when"] is not None:
                    yield ("space_types", tid, field, i, "when"), item["when"], None
    general = data.get("general", {})
    for field in ("precautions", "checklist"):
        for i, item in general.get(field, {}).items():
            if "when" in item and item["when"] is not None:
                yield ("general", field, i, "when"), item["when"], None
    for nid, need in data.get("needs", {}).items():
        if "when" in need:
            yield ("needs", nid, "when"), need["when"], None
    for pid, pointer in data.get("pointers", {}).items():
        if pointer.get("when") is not None:
            yield ("pointers", pid, "when"), pointer["when"], None


def _leaves(condition: Any, path: Path) -> Iterator[tuple[Path, dict[str, Any]]]:
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        for i, item in enumerate(condition[key]):
            yield from _leaves(item, (*path, key, i))
    elif "not" in condition:
        yield from _leaves(condition["not"], (*path, "not"))
    else:
        yield path, condition


def reference_problems(
    located: Located, broken: Sequence[Path]
) -> Iterator[tuple[Path, tuple[int, int], str]]:
    """Ids that must name something that exists, and orders that must hold, in every part
    the schema found sound (the criteria and the questions are)."""
    data = _sound_view(located.data, broken)
    criteria = set(data["criteria"])
    questions = data["questions"]
    order = list(questions)
    seen_rules: dict[str, int] = {}
    for i, rule in data.get("weight_rules", {}).items():
        rule_id = rule.get("id")
        if rule_id is not None and rule_id in seen_rules:
            path: Path = ("weight_rules", i, "id")
            yield path, located.position(path), _("règle « {id} » en double", id=rule_id)
        if rule_id is not None:
            seen_rules[rule_id] = i
        for criterion in rule.get("add", {}):
            if criterion not in criteria:
                path = ("weight_rules", i, "add", criterion)
                yield path, located.key_position(path), _("critère inconnu « {id} »", id=criterion)
    for tid, space_type in data.get("space_types", {}).items():
        fit = space_type.get("fit")
        if fit is None:
            continue
        for criterion in fit:
            if criterion not in criteria:
                path = ("space_types", tid, "fit", criterion)
                yield path, located.key_position(path), _("critère inconnu « {id} »", id=criterion)
        missing = [c for c in data["criteria"] if c not in fit]
        if missing:
            path = ("space_types", tid, "fit")
            yield (
                path,
                located.position(path),
                _("adéquation manquante pour : {ids}", ids=", ".join(missing)),
            )
    for nid, need in data.get("needs", {}).items():
        if "criterion" in need and need["criterion"] not in criteria:
            path = ("needs", nid, "criterion")
            yield path, located.position(path), _("critère inconnu « {id} »", id=need["criterion"])
    ceiling = data.get("budget_ceiling")
    if ceiling is not None:
        path = ("budget_ceiling", "question")
        if ceiling["question"] not in questions:
            yield (
                path,
                located.position(path),
                _("question inconnue « {id} »", id=ceiling["question"]),
            )
        else:
            for choice in ceiling["ceilings"]:
                if choice not in questions[ceiling["question"]]["choices"]:
                    path = ("budget_ceiling", "ceilings", choice)
                    yield (
                        path,
                        located.key_position(path),
                        _(
                            "choix inconnu « {value} » pour {id}",
                            value=choice,
                            id=ceiling["question"],
                        ),
                    )
    for tid, space_type in data.get("space_types", {}).items():
        cost = space_type.get("cost")
        if cost is not None and cost["min"] > cost["max"]:
            path = ("space_types", tid, "cost")
            yield path, located.position(path), _("coût : min dépasse max")
        seen_items: set[str] = set()
        for i, item in enumerate(space_type.get("checklist", [])):
            if isinstance(item, dict) and item.get("id"):
                if item["id"] in seen_items:
                    path = ("space_types", tid, "checklist", i, "id")
                    yield (
                        path,
                        located.position(path),
                        _("identifiant « {id} » en double", id=item["id"]),
                    )
                seen_items.add(item["id"])
    for qid, question in questions.items():
        ids = list(question["choices"])
        default = question.get("default")
        path = ("questions", qid, "default")
        if default is not None:
            values = [default] if isinstance(default, str) else default
            if question["kind"] == "one" and not isinstance(default, str):
                yield (
                    path,
                    located.position(path),
                    _("une question à choix unique a un défaut unique"),
                )
            for value in values:
                if value not in ids:
                    yield (
                        path,
                        located.position(path),
                        _("choix inconnu « {value} » pour {id}", value=value, id=qid),
                    )
        if question.get("min_choices", 0) and question["kind"] != "several":
            path = ("questions", qid, "min_choices")
            yield path, located.position(path), _("min_choices ne vaut que pour kind: several")
        if question.get("min_choices", 0) > len(ids):
            path = ("questions", qid, "min_choices")
            yield (
                path,
                located.position(path),
                _("min_choices dépasse le nombre de choix ({count})", count=len(ids)),
            )
    for where, condition, guard_index in _conditions(data):
        for leaf_path, leaf in _leaves(condition, where):
            yield from _leaf_problems(located, leaf_path, leaf, order, guard_index)


def _leaf_problems(
    located: Located, path: Path, leaf: dict[str, Any], order: list[str], guard_index: int | None
) -> Iterator[tuple[Path, tuple[int, int], str]]:
    questions = located.data["questions"]
    qid = leaf["question"]
    qpath = (*path, "question")
    if qid not in questions:
        yield qpath, located.position(qpath), _("question inconnue « {id} »", id=qid)
        return
    if guard_index is not None and order.index(qid) >= guard_index:
        yield (
            qpath,
            located.position(qpath),
            _(
                "« {id} » n'est pas posée avant cette question : "
                "la condition ne peut pas être évaluée",
                id=qid,
            ),
        )
    question = questions[qid]
    operator = next((op for op in core.OPERATORS if op in leaf), None)
    if operator is None:
        return  # the schema already said the operator is missing
    opath = (*path, operator)
    if operator == "contains" and question["kind"] != "several":
        yield (
            opath,
            located.key_position(opath),
            _(
                "« contains » s'applique aux questions à choix multiples ; {id} est à choix unique",
                id=qid,
            ),
        )
    if operator != "contains" and question["kind"] == "several":
        yield (
            opath,
            located.key_position(opath),
            _(
                "« {operator} » s'applique aux questions à choix unique ; "
                "pour {id} (choix multiples), utilisez contains",
                operator=operator,
                id=qid,
            ),
        )
    values = leaf[operator]
    for i, value in enumerate([values] if isinstance(values, str) else values):
        if value not in question["choices"]:
            vpath = opath if isinstance(values, str) else (*opath, i)
            yield (
                vpath,
                located.position(vpath),
                _(
                    "« {value} » n'est pas un choix de {id} ({choices})",
                    value=value,
                    id=qid,
                    choices=", ".join(question["choices"]),
                ),
            )
