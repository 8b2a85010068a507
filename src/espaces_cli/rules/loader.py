"""Load a rule base: read, parse with positions, validate, cross-check, build the core model.

Every problem is reported at once as ``file:line:col: path: message``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from espaces_cli.core import model as core
from espaces_cli.core.messages import msg
from espaces_cli.core.status import RuleBaseError
from espaces_cli.core.text import printable
from espaces_cli.files import decode_utf8, read_limited
from espaces_cli.language import N_, _, _n, say

if TYPE_CHECKING:
    from espaces_cli.yaml_nodes import Located

Path = tuple[str | int, ...]

MAX_BYTES = 5 * 1024 * 1024
SHIPPED = "space_types.yaml"

_PYDANTIC_MESSAGES = {
    "missing": N_("champ obligatoire manquant"),
    "extra_forbidden": N_("clé inconnue"),
    "string_type": N_("texte attendu"),
    "int_type": N_("nombre entier attendu"),
    "float_type": N_("nombre attendu"),
    "dict_type": N_("table (clé: valeur) attendue"),
    "list_type": N_("liste attendue"),
    "model_type": N_("table (clé: valeur) attendue"),
    "model_attributes_type": N_("table (clé: valeur) attendue"),
    "literal_error": N_("valeur non permise"),
    "greater_than_equal": N_("valeur trop petite"),
    "less_than_equal": N_("valeur trop grande"),
    "string_pattern_mismatch": N_("forme non permise"),
    "too_short": N_("ne doit pas être vide"),
    "string_too_short": N_("ne doit pas être vide"),
    "union_tag_invalid": N_("forme non reconnue"),
    "finite_number": N_("nombre fini attendu (ni .inf ni .nan)"),
    "int_from_float": N_("nombre entier attendu"),
}


@dataclass(frozen=True)
class Source:
    """The bytes of a rule base and the name to show for it."""

    display: str
    data: bytes


def read_source(path: str | None) -> Source:
    """Read the rule base at ``path``, or the one shipped with the package."""
    if path is None:
        resource = files("espaces_cli.data").joinpath(SHIPPED)
        return Source(str(resource), resource.read_bytes())
    data = read_limited(
        path,
        MAX_BYTES,
        noun=_("fichier de règles"),
        with_article=_("un fichier de règles"),
        error=RuleBaseError,
    )
    return Source(path, data)


def starter_files(path: str | None = None) -> dict[str, str]:
    """A rule base (the shipped one by default) and the JSON Schema, as texts to copy.

    A given rule base is validated first: ``rules init`` never copies a broken one.
    """
    source = read_source(path)
    build_rule_base(source)
    schema = files("espaces_cli.data").joinpath("space_types.schema.json")
    return {SHIPPED: _decode(source), "space_types.schema.json": schema.read_text("utf-8")}


def load_rule_base(path: str | None = None, cache_dir: str | None = None) -> core.RuleBase:
    """Read, validate and build the rule base; raise ``RuleBaseError`` listing every problem.

    With ``cache_dir``, a rule base already validated (same bytes, same program) is read
    back from there instead of being parsed and validated again: start-up is what users feel.
    A cache hit imports neither yaml nor pydantic; its sha256 is the one of the bytes read.
    """
    source = read_source(path)
    if cache_dir is None:
        return build_rule_base(source)
    from espaces_cli.rules import cache

    key = cache.key_for(source.data)
    cached = cache.load(cache_dir, key)
    if cached is not None:
        identity = replace(cached.identity, sha256=key.sha256, path=source.display)
        return replace(cached, identity=identity)
    rule_base = build_rule_base(source)
    cache.store(cache_dir, key, rule_base)
    return rule_base


def _decode(source: Source) -> str:
    if b"\x00" in source.data:
        raise RuleBaseError(_("{path}: fichier binaire, pas un fichier YAML", path=source.display))
    return decode_utf8(source.data, source.display, RuleBaseError)


Problem = tuple[Path, tuple[int, int], str]


@dataclass(frozen=True)
class CheckReport:
    """What ``rules check`` found: error lines, warning lines, and the base when it is valid."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    rule_base: core.RuleBase | None


def _line(display: str, problem: Problem, prefix: str = "") -> str:
    """``file:line:col: path: message``, always on one line whatever the file holds."""
    path, (line, col), message = problem
    where = printable(_dotted(path)) or _("(racine)")
    return f"{display}:{line}:{col}: {where}: {prefix}{printable(message)}"


def _validate(source: Source) -> tuple[Located, list[Problem]]:
    """Parse and validate; return the located data and every problem found."""
    from espaces_cli.yaml_nodes import YamlSyntaxError, load_located

    text = _decode(source)
    try:
        located = load_located(text)
    except YamlSyntaxError as error:
        line, col = error.position
        raise RuleBaseError(f"{source.display}:{line}:{col}: {error.message}") from None
    problems: list[Problem] = list(located.problems)
    if not isinstance(located.data, dict):
        problems.append(((), (1, 1), _("le fichier doit être une table (clé: valeur)")))
        return located, problems
    schema = _schema_problems(located)
    broken = [path for path, _pos, _msg in schema]
    if any(not path or path[0] in ("criteria", "questions") for path in broken):
        # every cross-check reads the criteria and the questions: they wait until those are sound
        return located, problems + schema
    return located, problems + schema + list(_reference_problems(located, broken))


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


def _identity(source: Source, data: Mapping[str, Any]) -> core.RuleBaseId:
    return core.RuleBaseId(
        name=str(data["name"]),
        version=str(data["version"]),
        sha256=hashlib.sha256(source.data).hexdigest(),
        path=source.display,
    )


def build_rule_base(source: Source) -> core.RuleBase:
    located, problems = _validate(source)
    if problems:
        lines = tuple(_line(source.display, p) for p in sorted(problems, key=lambda p: p[1]))
        raise RuleBaseError(
            _n(
                "{path}: {count} problème",
                "{path}: {count} problèmes",
                len(lines),
                path=source.display,
            ),
            lines,
        )
    return _to_core(located.data, _identity(source, located.data))


def check_rule_base(path: str | None, *, samples: int, seed: int) -> CheckReport:
    """Every error, or the lint warnings of a valid rule base (design: ``rules check``)."""
    from espaces_cli.core import lint

    source = read_source(path)
    located, problems = _validate(source)
    if problems:
        errors = tuple(_line(source.display, p) for p in sorted(problems, key=lambda p: p[1]))
        return CheckReport(errors, (), None)
    rule_base = _to_core(located.data, _identity(source, located.data))
    how, count, answer_sets = lint.explored_answers(rule_base, samples, seed, samples)
    label = (
        msg("sur toutes les réponses possibles")
        if how == "exhaustive"
        else msg(
            "sur {count} jeux de réponses tirés au hasard, graine {seed}", count=count, seed=seed
        )
    )
    findings = lint.static_findings(rule_base) + lint.never_first_findings(
        rule_base, answer_sets, label
    )
    warnings = [(f.path, located.key_position(f.path), say(f.message)) for f in findings]
    lines = tuple(
        _line(source.display, w, _("avertissement : "))
        for w in sorted(warnings, key=lambda w: w[1])
    )
    return CheckReport((), lines, rule_base)


def _dotted(path: Path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path:
    """Follow a pydantic error location through the data, skipping union tags."""
    path: list[str | int] = []
    current = data
    for part in loc:
        in_dict = isinstance(current, dict) and isinstance(part, str) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
        elif isinstance(current, dict) and isinstance(part, str) and part not in current:
            path.append(part)
            current = None
    return tuple(path)


def _schema_problems(located: Located) -> list[tuple[Path, tuple[int, int], str]]:
    from pydantic import ValidationError

    from espaces_cli.rules.schema import RuleBase
    from espaces_cli.yaml_nodes import trap_hint

    try:
        RuleBase.model_validate(located.data)
    except ValidationError as error:
        found = []
        for item in error.errors():
            path = _data_path(located.data, item["loc"])
            kind = item["type"]
            message = _(_PYDANTIC_MESSAGES[kind]) if kind in _PYDANTIC_MESSAGES else item["msg"]
            if kind == "value_error":
                message = str(item["ctx"]["error"]) if "ctx" in item else item["msg"]
            elif kind in ("literal_error", "string_pattern_mismatch") and "ctx" in item:
                expected = item["ctx"].get("expected") or item["ctx"].get("pattern")
                message = _("{message} (attendu : {expected})", message=message, expected=expected)
            elif kind in ("greater_than_equal", "less_than_equal") and "ctx" in item:
                bound = item["ctx"].get("ge", item["ctx"].get("le"))
                message = _("{message} (limite : {bound})", message=message, bound=bound)
            raw = located.plain.get(path)
            if raw is not None and kind in ("string_type", "union_tag_invalid", "literal_error"):
                message = trap_hint(raw)
            if kind == "missing":
                name = item["loc"][-1]
                message = _("champ obligatoire « {name} » manquant", name=name)
                parent = path[:-1] if path and path[-1] == name else path
                found.append((parent, located.key_position(parent), message))
            elif kind == "extra_forbidden":
                found.append(
                    (path, located.key_position(path), _("clé inconnue « {key} »", key=path[-1]))
                )
            else:
                found.append((path, located.position(path), message))
        # A union reports one error per branch; keep each place's first message.
        seen: set[tuple[Path, str]] = set()
        unique = []
        for entry in found:
            if (entry[0], entry[2]) not in seen:
                seen.add((entry[0], entry[2]))
                unique.append(entry)
        return unique
    return []


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


def _reference_problems(
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
    operator = next(
        (op for op in ("equals", "not_equals", "in", "not_in", "contains") if op in leaf), None
    )
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


# --- conversion to the core model (data already validated) ---------------------------------


def _text(raw: Mapping[str, str]) -> core.Text:
    return core.Text(raw["fr"], tuple((k, v) for k, v in raw.items() if k != "fr"))


def _opt_text(raw: Mapping[str, str] | None) -> core.Text | None:
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
    for op in ("equals", "not_equals", "in", "not_in", "contains"):
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


def _to_core(data: Mapping[str, Any], identity: core.RuleBaseId) -> core.RuleBase:
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


STARTER_RULES = SHIPPED
STARTER_SCHEMA = "space_types.schema.json"


def copy_starter(folder: str, source: str | None, *, force: bool) -> tuple[str, str]:
    """Write an editable copy of a rule base (the shipped one by default) and its schema.

    Nothing is written when a file is already there, unless ``force``. Returns the paths of
    the rule base and of the schema written.
    """
    from pathlib import Path

    from espaces_cli.core.status import UsageError
    from espaces_cli.files import write_output

    target = Path(folder)
    texts = starter_files(source)  # a broken rule base leaves no folder behind
    if target.exists() and not target.is_dir():
        raise UsageError(_("{path}: n'est pas un dossier", path=folder))
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(
            _(
                "{path}: impossible de créer le dossier ({why})",
                path=folder,
                why=error.strerror or type(error).__name__,
            )
        ) from None
    existing = [name for name in texts if (target / name).exists()]
    if existing and not force:
        raise UsageError(
            _n(
                "Déjà présent : {paths} ; rien n'a été écrit (--force pour remplacer).",
                "Déjà présents : {paths} ; rien n'a été écrit (--force pour remplacer).",
                len(existing),
                paths=", ".join(str(target / n) for n in existing),
            )
        )
    for name, text in texts.items():
        write_output(str(target / name), text)
    return str(target / STARTER_RULES), str(target / STARTER_SCHEMA)
