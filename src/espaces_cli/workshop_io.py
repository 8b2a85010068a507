"""Workshop files: the session file (YAML, readable, safe to email) and online-form CSV exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import yaml

from espaces_cli.core.model import AnswerValue, RuleBaseId
from espaces_cli.core.session import Participant, Session
from espaces_cli.core.status import UsageError
from espaces_cli.files import decode_utf8, read_limited
from espaces_cli.language import _

FORMAT = 1
FORMAT_KEY = "espaces_workshop"
MAX_BYTES = 200 * 1024 * 1024
LINE_KEY = "\x00line"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class _LineLoader(_Loader):  # type: ignore[misc]
    """A safe loader that notes the line where each mapping starts."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        return mapping


@dataclass(frozen=True)
class RawParticipant:
    name: str
    added_at: str
    answers: Mapping[str, Any]
    line: int


@dataclass(frozen=True)
class RawSession:
    """A session as read, answers not yet checked against a rule base."""

    title: str
    created_at: str
    rules: RuleBaseId
    participants: tuple[RawParticipant, ...]


def read_session(path: str) -> RawSession:
    """Read a session file; any problem is one line naming the file and the line."""
    data = read_limited(
        path,
        MAX_BYTES,
        noun=_("session"),
        with_article=_("une session"),
        error=UsageError,
        missing_hint=" " + _("(créez-la avec espaces workshop new)"),
    )
    text = decode_utf8(data, path, UsageError)
    fast = _read_as_written(text)
    if fast is not None:
        return _raw_session(path, fast)
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise UsageError(
            f"{path}{where}: " + _("session illisible : {problem}", problem=error.problem)
        ) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise UsageError(f"{path}: " + _("session illisible : {problem}", problem=error)) from None
    return _raw_session(path, document)


PARTICIPANTS_LINE = "participants:"


def _read_as_written(text: str) -> dict[str, Any] | None:
    """Read a session laid out as ``format_session`` writes it, without the YAML parser.

    The header is small YAML; each participant is one line, ``- {JSON object}``, which is
    also valid YAML. Anything else (a hand edit in block style, a comment inside the list)
    returns ``None`` and the whole file goes through the YAML parser instead.
    """
    head, marker, tail = text.partition("\n" + PARTICIPANTS_LINE + "\n")
    if not marker:
        return None
    try:
        header = yaml.load(head, Loader=_LineLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(header, dict) or "participants" in header:
        return None
    first_line = head.count("\n") + 3
    participants = []
    for offset, line in enumerate(tail.splitlines()):
        if not line.strip():
            continue
        if not line.startswith("- {"):
            return None
        try:
            entry = json.loads(line[2:])
        except ValueError:
            return None
        if not isinstance(entry, dict):
            return None
        entry[LINE_KEY] = first_line + offset
        participants.append(entry)
    header["participants"] = participants
    return header


def _expect(path: str, line: int, ok: bool, message: str) -> None:
    if not ok:
        raise UsageError(f"{path}:{line}: {message}")


def _raw_session(path: str, document: Any) -> RawSession:
    _expect(path, 1, isinstance(document, dict), _("ce n'est pas une session espaces"))
    line = document.get(LINE_KEY, 1)
    _expect(
        path,
        line,
        document.get(FORMAT_KEY) == FORMAT,
        _(
            "ce n'est pas une session espaces (clé « {key} » absente)",
            key=f"{FORMAT_KEY}: {FORMAT}",
        ),
    )
    rules = document.get("rules")
    _expect(
        path,
        line,
        isinstance(rules, dict) and isinstance(rules.get("sha256"), str),
        _("« rules » (nom, version, sha256 de la base) manquant"),
    )
    assert isinstance(rules, dict)
    participants = document.get("participants") or []
    _expect(path, line, isinstance(participants, list), _("« participants » doit être une liste"))
    raw = []
    for entry in participants:
        where = entry.get(LINE_KEY, line) if isinstance(entry, dict) else line
        _expect(path, where, isinstance(entry, dict), _("chaque participant est une table"))
        name = entry.get("name")
        _expect(
            path,
            where,
            isinstance(name, str) and bool(name.strip()),
            _("participant sans nom (« name »)"),
        )
        answers = entry.get("answers")
        _expect(
            path,
            where,
            isinstance(answers, dict),
            _("« {name} » : « answers » manquant", name=name),
        )
        raw.append(
            RawParticipant(
                name=str(name),
                added_at=str(entry.get("added_at", "")),
                answers={k: v for k, v in answers.items() if k != LINE_KEY},
                line=where,
            )
        )
    return RawSession(
        title=str(document.get("title") or ""),
        created_at=str(document.get("created_at") or ""),
        rules=RuleBaseId(
            str(rules.get("name", "")), str(rules.get("version", "")), str(rules["sha256"])
        ),
        participants=tuple(raw),
    )


def _plain(value: AnswerValue) -> str | list[str]:
    return list(value) if isinstance(value, tuple) else value


def format_session(session: Session) -> str:
    """The session as YAML: a readable header, then one participant per line.

    Each participant line is a JSON object, which YAML reads as a flow mapping: the file
    stays plain YAML for people and editors, and reads back fast for large workshops.
    """
    header = {
        FORMAT_KEY: FORMAT,
        "title": session.title,
        "created_at": session.created_at,
        "rules": {
            "name": session.rules.name,
            "version": session.rules.version,
            "sha256": session.rules.sha256,
        },
    }
    lines = [
        "# " + _("Session d'atelier espaces : les réponses de chaque participant, un par ligne."),
        "# " + _("Rapport de groupe : espaces workshop report CE_FICHIER"),
        str(
            yaml.dump(
                header,
                Dumper=_Dumper,
                allow_unicode=True,
                sort_keys=False,
                default_flow_style=None,
                width=200,
            )
        ).rstrip("\n"),
        PARTICIPANTS_LINE,
    ]
    for p in session.participants:
        entry = {
            "name": p.name,
            "added_at": p.added_at,
            "answers": {k: _plain(v) for k, v in p.answers.items()},
        }
        lines.append("- " + json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines) + "\n"


NAME_COLUMNS = {
    *("participant", "nom", "prenom", "prenom_nom", "nom_prenom", "qui"),
    *("name", "first_name", "full_name", "your_name", "who"),
}
TIME_COLUMNS = {
    *("horodateur", "horodatage", "date", "date_heure"),
    *("timestamp", "submitted_at", "submission_time", "time"),
}


@dataclass(frozen=True)
class CsvRow:
    line: int
    name: str | None
    submitted: str | None
    cells: Mapping[str, list[str]]


@dataclass(frozen=True)
class CsvTable:
    """An export's rows, each cell split into values; the header kept as written."""

    header: tuple[str, ...]
    name_column: str | None
    time_column: str | None
    rows: tuple[CsvRow, ...]


def read_csv(path: str, normalise: Any) -> CsvTable:
    """Read an online-form export (comma, semicolon or tab separated, UTF-8)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read(MAX_BYTES)
    except FileNotFoundError:
        raise UsageError(_("{path}: fichier CSV introuvable", path=path)) from None
    except UnicodeDecodeError:
        raise UsageError(_("{path}: le fichier CSV n'est pas en UTF-8", path=path)) from None
    except OSError as error:
        raise UsageError(
            _("{path}: lecture impossible ({why})", path=path, why=error.strerror)
        ) from None
    if not text.strip():
        raise UsageError(_("{path}: fichier CSV vide", path=path))
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = tuple(cell.strip() for cell in next(reader))
    except csv.Error as error:
        raise UsageError(f"{path}:1: " + _("CSV illisible : {problem}", problem=error)) from None
    keys = [normalise(h) for h in header]
    name_column = next((h for h, k in zip(header, keys, strict=True) if k in NAME_COLUMNS), None)
    time_column = next((h for h, k in zip(header, keys, strict=True) if k in TIME_COLUMNS), None)
    rows = []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            cells: dict[str, list[str]] = {}
            for column, cell in zip(header, record, strict=False):
                if column in (name_column, time_column):
                    continue
                values = [v.strip() for v in cell.split(";") if v.strip()]
                if values:
                    cells[column] = values
            record_map = dict(zip(header, record, strict=False))
            name = record_map.get(name_column, "").strip() if name_column else None
            submitted = record_map.get(time_column, "").strip() if time_column else None
            rows.append(CsvRow(line, name or None, submitted or None, cells))
    except csv.Error as error:
        raise UsageError(
            f"{path}:{reader.line_num}: " + _("CSV illisible : {problem}", problem=error)
        ) from None
    return CsvTable(header, name_column, time_column, tuple(rows))


def participant(
    name: str, answers: Mapping[str, AnswerValue], added_at: str | None = None
) -> Participant:
    return Participant(name=name, answers=dict(answers), added_at=added_at or now())
