"""Load a rule base: read, parse with positions, validate, cross-check, build the core model.

Every problem is reported at once as ``file:line:col: path: message``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from espaces_cli.core import model as core
from espaces_cli.core.errors import RuleBaseError
from espaces_cli.core.messages import msg
from espaces_cli.core.text import printable
from espaces_cli.files import decode_utf8, read_limited
from espaces_cli.language import N_, _, _n, worded
from espaces_cli.rules.cross_checks import Path, Problem, reference_problems
from espaces_cli.rules.to_core import to_core

if TYPE_CHECKING:
    from espaces_cli.yaml_nodes import Located

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
    return located, problems + schema + list(reference_problems(located, broken))


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
    return to_core(located.data, _identity(source, located.data))


def check_rule_base(path: str | None, *, samples: int, seed: int) -> CheckReport:
    """Every error, or the lint warnings of a valid rule base (design: ``rules check``)."""
    from espaces_cli.core import lint

    source = read_source(path)
    located, problems = _validate(source)
    if problems:
        errors = tuple(_line(source.display, p) for p in sorted(problems, key=lambda p: p[1]))
        return CheckReport(errors, (), None)
    rule_base = to_core(located.data, _identity(source, located.data))
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
    warnings = [(f.path, located.key_position(f.path), worded(f.message)) for f in findings]
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


STARTER_RULES = SHIPPED
STARTER_SCHEMA = "space_types.schema.json"


def copy_starter(folder: str, source: str | None, *, force: bool) -> tuple[str, str]:
    """Write an editable copy of a rule base (the shipped one by default) and its schema.

    Nothing is written when a file is already there, unless ``force``. Returns the paths of
    the rule base and of the schema written.
    """
    from pathlib import Path

    from espaces_cli.core.errors import UsageError
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
