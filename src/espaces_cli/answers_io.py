"""Answers files: read them (YAML or JSON, a file or stdin) and write them with provenance."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, BinaryIO

import yaml

from espaces_cli.core.answers import parse_answers, parse_assignments, repeated_assignments
from espaces_cli.core.errors import UsageError
from espaces_cli.core.json_words import json_problem
from espaces_cli.core.model import AnswerValue, RuleBase, RuleBaseId
from espaces_cli.core.text import printable
from espaces_cli.files import decode_utf8, read_limited, read_stdin_limited, shown
from espaces_cli.language import _, worded

STDIN_NAME = "<stdin>"
_SHA256 = re.compile(r"[0-9a-f]{64}")
PROVENANCE_KEY = "espaces"
ANSWERS_KEY = "answers"
MAX_BYTES = 1024 * 1024


def read_answers_text(path: str, stdin: BinaryIO | None = None) -> tuple[str, str]:
    """Return (name to show, text) of an answers file; ``-`` reads ``stdin`` (bounded)."""
    if path == "-":
        data = read_stdin_limited(stdin, MAX_BYTES, UsageError)
        return STDIN_NAME, decode_utf8(data, STDIN_NAME, UsageError)
    data = read_limited(
        path,
        MAX_BYTES,
        noun=_("fichier de réponses"),
        with_article=_("un fichier de réponses"),
        error=UsageError,
    )
    return path, decode_utf8(data, path, UsageError)


@dataclass(frozen=True)
class AnswersFile:
    """Raw answers read from a file, and the rule base they were saved with (if said)."""

    raw: Mapping[str, str | list[str]]
    rules_sha256: str | None = None


def parse_answers_text(name: str, text: str) -> AnswersFile:
    """Parse an answers file into raw ``{question: value(s)}``; say where it is malformed.

    Accepted shapes: ``{answers: {...}}`` (with optional ``espaces:`` provenance), or the
    answers mapping itself. Empty values (``~``) mean "not answered".
    """
    data = _parse(name, text)
    if data is None:
        return AnswersFile({})
    if not isinstance(data, dict):
        raise UsageError(
            _("{path}: le fichier doit être une table « question: réponse »", path=shown(name))
        )
    saved_sha = _saved_sha(data.get(PROVENANCE_KEY))
    if ANSWERS_KEY in data:
        extra = sorted(set(data) - {ANSWERS_KEY, PROVENANCE_KEY})
        if extra:
            raise UsageError(
                _(
                    "{path}: clé inattendue « {key} » à côté de « answers »",
                    path=shown(name),
                    key=printable(str(extra[0])),
                )
            )
        data = data[ANSWERS_KEY] or {}
        if not isinstance(data, dict):
            raise UsageError(
                _("{path}: « answers » doit être une table « question: réponse »", path=shown(name))
            )
    else:
        data = {k: v for k, v in data.items() if k != PROVENANCE_KEY}
    raw: dict[str, str | list[str]] = {}
    for key, value in data.items():
        if value is None:
            continue
        raw[str(key)] = _value(name, str(key), value)
    return AnswersFile(raw, saved_sha)


def _saved_sha(provenance_data: Any) -> str | None:
    """The rule base's sha256 the file says it was saved with; anything but hex is ignored."""
    if isinstance(provenance_data, dict):
        rules = provenance_data.get("rules")
        if isinstance(rules, dict) and isinstance(rules.get("sha256"), str):
            sha = str(rules["sha256"])
            return sha if _SHA256.fullmatch(sha) else None
    return None


def _parse(name: str, text: str) -> Any:
    """JSON or YAML, bounded like every input: nodes, depth, digits; duplicate keys refused."""
    where = shown(name)
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=_unique_keys(where))
        except json.JSONDecodeError as error:
            raise UsageError(
                f"{where}:{error.lineno}:{error.colno}: "
                + _("JSON illisible : {problem}", problem=worded(json_problem(error.msg)))
            ) from None
        except RecursionError:
            raise UsageError(
                f"{where}: "
                + _("JSON illisible : {problem}", problem=_("imbrication trop profonde"))
            ) from None
        except ValueError as error:
            if isinstance(error.args[0], UsageError):
                raise error.args[0] from None
            raise UsageError(
                f"{where}: " + _("JSON illisible : {problem}", problem=_("nombre trop long"))
            ) from None
    from espaces_cli.yaml_nodes import YamlSyntaxError, load_located

    try:
        located = load_located(text)
    except YamlSyntaxError as error:
        line, col = error.position
        raise UsageError(f"{where}:{line}:{col}: {error.message}") from None
    if located.problems:
        _path, (line, col), message = located.problems[0]
        raise UsageError(f"{where}:{line}:{col}: {message}")
    return located.data


def _unique_keys(where: str) -> Any:
    """A ``json.loads`` hook that refuses a key given twice in one object."""

    def build(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in pairs:
            if key in found:
                raise ValueError(
                    UsageError(
                        f"{where}: "
                        + _(
                            "clé « {key} » en double (la réponse serait ambiguë)",
                            key=printable(key),
                        )
                    )
                )
            found[key] = value
        return found

    return build


def _value(name: str, key: str, value: Any) -> str | list[str]:
    if isinstance(value, bool):
        word = "true" if value else "false"
        raise UsageError(
            _(
                "{path}: {key} : YAML lit cette valeur comme un booléen ({word}) ; "
                "mettez-la entre guillemets",
                path=shown(name),
                key=printable(key),
                word=word,
            )
        )
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    raise UsageError(
        _(
            "{path}: {key} : réponse attendue sous forme de texte ou de liste de textes",
            path=shown(name),
            key=printable(key),
        )
    )


def provenance(version: str, rules: RuleBaseId) -> dict[str, Any]:
    return {
        "tool": "espaces",
        "version": version,
        "saved_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "rules": {"name": rules.name, "version": rules.version, "sha256": rules.sha256},
    }


def format_answers_file(
    answers: Mapping[str, AnswerValue],
    version: str,
    rules: RuleBaseId,
    *,
    header: str | None = None,
) -> str:
    """Write answers as YAML, provenance first, ready for ``--answers`` (or as ``header``,
    a comment, says)."""
    body = {
        PROVENANCE_KEY: provenance(version, rules),
        ANSWERS_KEY: {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()},
    }
    header = header or (
        "# "
        + _("Réponses enregistrées par espaces. Rejouez-les avec :")
        + "\n#   espaces advise --answers "
        + _("CE_FICHIER")
        + "\n"
    )
    return header + yaml.safe_dump(
        body, allow_unicode=True, sort_keys=False, default_flow_style=None
    )


def gather_answers(
    rule_base: RuleBase,
    flags: Sequence[str],
    answers_file: str | None,
    *,
    resume_file: str | None = None,
    stdin: BinaryIO | None = None,
    warn: Callable[[str], None],
) -> dict[str, AnswerValue]:
    """The answers given before any question, strongest last (design §5): a resumed file,
    then ``--answers`` (a file or ``-``), then ``--answer`` flags."""
    given: dict[str, AnswerValue] = {}
    for path in (resume_file, answers_file):
        if path is not None:
            given.update(_answers_of_file(rule_base, path, stdin, warn))
    parsed = parse_assignments(rule_base, flags)
    for qid, kept, _overridden in repeated_assignments(rule_base, flags):
        warn(
            _(
                "--answer {id} donné plusieurs fois : la dernière valeur, « {kept} », l'emporte.",
                id=qid,
                kept=printable(kept),
            )
        )
    given.update(parsed)
    return given


def _answers_of_file(
    rule_base: RuleBase, path: str, stdin: BinaryIO | None, warn: Callable[[str], None]
) -> dict[str, AnswerValue]:
    name, text = read_answers_text(path, stdin)
    loaded = parse_answers_text(name, text)
    if loaded.rules_sha256 not in (None, rule_base.identity.sha256):
        warn(
            _(
                "Attention : {name} a été enregistré avec une autre base de règles "
                "(sha256 {sha}…) ; les réponses sont revérifiées.",
                name=shown(name),
                sha=loaded.rules_sha256[:12],
            )
        )
    try:
        return parse_answers(rule_base, loaded.raw)
    except UsageError as error:
        raise UsageError(f"{shown(name)}: {worded(error)}") from None
