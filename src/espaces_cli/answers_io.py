"""Answers files: read them (YAML or JSON, a file or stdin) and write them with provenance."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import yaml

from espaces_cli.core.model import AnswerValue, RuleBaseId
from espaces_cli.core.status import UsageError
from espaces_cli.core.text import printable
from espaces_cli.files import decode_utf8, read_limited
from espaces_cli.language import _

PROVENANCE_KEY = "espaces"
ANSWERS_KEY = "answers"
MAX_BYTES = 1024 * 1024


def read_answers_text(path: str, stdin_text: str | None = None) -> tuple[str, str]:
    """Return (name to show, text) of an answers file; ``-`` reads ``stdin_text``."""
    if path == "-":
        return "<stdin>", stdin_text or ""
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
            _("{path}: le fichier doit être une table « question: réponse »", path=name)
        )
    saved_sha = _saved_sha(data.get(PROVENANCE_KEY))
    if ANSWERS_KEY in data:
        extra = sorted(set(data) - {ANSWERS_KEY, PROVENANCE_KEY})
        if extra:
            raise UsageError(
                _(
                    "{path}: clé inattendue « {key} » à côté de « answers »",
                    path=name,
                    key=printable(str(extra[0])),
                )
            )
        data = data[ANSWERS_KEY] or {}
        if not isinstance(data, dict):
            raise UsageError(
                _("{path}: « answers » doit être une table « question: réponse »", path=name)
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
    if isinstance(provenance_data, dict):
        rules = provenance_data.get("rules")
        if isinstance(rules, dict) and isinstance(rules.get("sha256"), str):
            return str(rules["sha256"])
    return None


def _parse(name: str, text: str) -> Any:
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise UsageError(
                f"{name}:{error.lineno}:{error.colno}: "
                + _("JSON illisible : {problem}", problem=error.msg)
            ) from None
    try:
        return yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise UsageError(
            f"{name}{where}: " + _("YAML illisible : {problem}", problem=error.problem)
        ) from None
    except yaml.YAMLError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else _("erreur")
        raise UsageError(
            f"{name}: " + _("YAML illisible : {problem}", problem=printable(first))
        ) from None


def _loader() -> type[yaml.SafeLoader] | type[yaml.CSafeLoader]:
    """libyaml's safe loader where PyYAML has it, the pure-Python one otherwise."""
    loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(
        yaml, "CSafeLoader", yaml.SafeLoader
    )
    return loader


def _value(name: str, key: str, value: Any) -> str | list[str]:
    if isinstance(value, bool):
        word = "true" if value else "false"
        raise UsageError(
            _(
                "{path}: {key} : YAML lit cette valeur comme un booléen ({word}) ; "
                "mettez-la entre guillemets",
                path=name,
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
            path=name,
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


def format_answers_file(answers: Mapping[str, AnswerValue], version: str, rules: RuleBaseId) -> str:
    """Write answers as YAML, provenance first, ready for ``--answers``."""
    body = {
        PROVENANCE_KEY: provenance(version, rules),
        ANSWERS_KEY: {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()},
    }
    header = (
        "# "
        + _("Réponses enregistrées par espaces. Rejouez-les avec :")
        + "\n#   espaces advise --answers "
        + _("CE_FICHIER")
        + "\n"
    )
    return header + yaml.safe_dump(
        body, allow_unicode=True, sort_keys=False, default_flow_style=None
    )
