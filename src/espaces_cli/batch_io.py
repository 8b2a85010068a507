"""Answers in JSON Lines for ``advise --batch``: one answers object a line, read as it comes.

The input is read one line at a time (a file, a FIFO, a pipe or standard input), each line
at most ``MAX_LINE_BYTES``: memory stays the same whatever the file's size, and a producer
can feed the run line by line. Each line becomes its answers, checked like an answers
file's (same keys, same values, labels or ids), or the reason it is refused, in words.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO

from espaces_cli.core.answers import RawValue, parse_answers
from espaces_cli.core.errors import UsageError
from espaces_cli.core.json_words import json_problem
from espaces_cli.core.model import AnswerValue, RuleBase
from espaces_cli.core.text import printable
from espaces_cli.files import shown, why
from espaces_cli.language import _, worded

MAX_LINE_BYTES = 64 * 1024
"""The longest line accepted: an answers set is a few hundred bytes."""
_SKIP_CHUNK = 1 << 16
_BOM = b"\xef\xbb\xbf"
PROVENANCE_KEY = "espaces"
ANSWERS_KEY = "answers"
STDIN_NAME = "<stdin>"


@dataclass(frozen=True)
class BatchLine:
    """One non-blank input line: its number (counting every line) and its answers, or why
    it was refused."""

    number: int
    answers: Mapping[str, AnswerValue] | None
    error: str | None = None


@contextmanager
def opened(path: str, stdin: BinaryIO | None) -> Iterator[BinaryIO]:
    """The stream ``--batch`` reads: ``-`` is standard input; a FIFO waits for its writer,
    as ``cat`` would. Any problem opening it is one line (exit 2)."""
    if path == "-":
        if stdin is None:
            raise UsageError(_("<stdin>: l'entrée standard est fermée"))
        yield stdin
        return
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below, after the last line
    except FileNotFoundError:
        raise UsageError(
            _(
                "{path}: {what} introuvable{hint}",
                path=shown(path),
                what=_("fichier de réponses"),
                hint="",
            )
        ) from None
    except IsADirectoryError:
        raise UsageError(
            _(
                "{path}: est un dossier, pas {what}",
                path=shown(path),
                what=_("un fichier de réponses"),
            )
        ) from None
    except OSError as problem:
        raise UsageError(
            _("{path}: lecture impossible ({why})", path=shown(path), why=why(problem))
        ) from None
    with stream:
        yield stream


def raw_lines(
    stream: BinaryIO, limit: int = MAX_LINE_BYTES, name: str = STDIN_NAME
) -> Iterator[tuple[int, bytes | None]]:
    """Yield (number, bytes) for each line; ``None`` for a line longer than ``limit``,
    whose rest is skipped without being kept. A read that fails stops the run in one line."""
    number = 0
    while True:
        line = _read_line(stream, limit + 1, name)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = _read_line(stream, _SKIP_CHUNK, name)
                if not rest or rest.endswith(b"\n"):
                    break
            yield number, None
            continue
        yield number, line


def _read_line(stream: BinaryIO, size: int, name: str) -> bytes:
    try:
        return stream.readline(size)
    except OSError as problem:
        raise UsageError(
            _("{path}: lecture impossible ({why})", path=shown(name), why=why(problem))
        ) from None


def read_batch(
    rule_base: RuleBase, stream: BinaryIO, name: str, limit: int = MAX_LINE_BYTES
) -> Iterator[BatchLine]:
    """Each non-blank line of ``stream`` with its checked answers, or its error in words."""
    for number, data in raw_lines(stream, limit, name):
        if data is None:
            yield BatchLine(
                number,
                None,
                _("ligne trop longue (plus de {size} Ko)", size=limit // 1024),
            )
            continue
        if number == 1 and data.startswith(_BOM):
            data = data[len(_BOM) :]
        if not data.strip():
            continue
        try:
            yield BatchLine(number, parse_answers(rule_base, raw_answers(data)))
        except UsageError as error:
            yield BatchLine(number, None, worded(error))


def raw_answers(data: bytes) -> dict[str, RawValue]:
    """One line's raw answers: the same shapes and values an answers file accepts."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise UsageError(
            _(
                "la ligne n'est pas en UTF-8 (octet {byte} à la colonne {column})",
                byte=f"0x{data[problem.start]:02x}",
                column=problem.start + 1,
            )
        ) from None
    if text.startswith("\ufeff"):
        raise UsageError(
            _(
                "marque d'ordre des octets (BOM) en début de ligne : "
                "seule la première ligne peut en avoir"
            )
        )
    data_read = _json(text)
    if not isinstance(data_read, dict):
        raise UsageError(_("la ligne doit être un objet JSON « question: réponse »"))
    if ANSWERS_KEY in data_read:
        extra = sorted(set(data_read) - {ANSWERS_KEY, PROVENANCE_KEY})
        if extra:
            raise UsageError(
                _("clé inattendue « {key} » à côté de « answers »", key=printable(extra[0]))
            )
        data_read = data_read[ANSWERS_KEY] or {}
        if not isinstance(data_read, dict):
            raise UsageError(_("« answers » doit être un objet « question: réponse »"))
    else:
        data_read = {k: v for k, v in data_read.items() if k != PROVENANCE_KEY}
    return {key: _value(key, value) for key, value in data_read.items() if value is not None}


def _json(text: str) -> Any:
    """JSON with the limits of every input: no duplicate key, no NaN, bounded digits."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_unique_keys,
            parse_constant=_not_a_number,
            parse_float=_finite,
        )
    except json.JSONDecodeError as error:
        raise UsageError(
            _(
                "JSON illisible à la colonne {column} : {problem}",
                column=error.colno,
                problem=worded(json_problem(error.msg)),
            )
        ) from None
    except RecursionError:
        raise UsageError(
            _("JSON illisible : {problem}", problem=_("imbrication trop profonde"))
        ) from None
    except ValueError as error:
        if error.args and isinstance(error.args[0], UsageError):
            raise error.args[0] from None
        raise UsageError(_("JSON illisible : {problem}", problem=_("nombre trop long"))) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(
                UsageError(
                    _("clé « {key} » en double (la réponse serait ambiguë)", key=printable(key))
                )
            )
        found[key] = value
    return found


def _not_a_number(word: str) -> float:
    raise ValueError(UsageError(_("« {value} » n'est pas un nombre que JSON permet", value=word)))


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        _not_a_number(text)
    return value


def _value(key: str, value: Any) -> RawValue:
    """A value as ``answers_io`` takes it from a file (a test keeps the two in step)."""
    if isinstance(value, bool):
        raise UsageError(
            _(
                "{key} : réponse attendue sous forme de texte ou de liste de textes (pas {word})",
                key=printable(key),
                word="true" if value else "false",
            )
        )
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str | int | float) for v in value):
        return [str(v) for v in value]
    raise UsageError(
        _(
            "{key} : réponse attendue sous forme de texte ou de liste de textes",
            key=printable(key),
        )
    )
