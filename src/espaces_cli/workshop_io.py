"""Workshop files: the session file (YAML, readable, safe to email) and online-form CSV exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import yaml

from espaces_cli.core.errors import UsageError
from espaces_cli.core.model import AnswerValue, RuleBase, RuleBaseId
from espaces_cli.core.session import (
    FormRow,
    ImportReport,
    Participant,
    RawParticipant,
    RawSession,
    Session,
)
from espaces_cli.core.text import json_visible, printable
from espaces_cli.files import decode_utf8, locked, read_limited, shown, write_output
from espaces_cli.language import _, worded

FORMAT = 1
FORMAT_KEY = "espaces_workshop"
MAX_BYTES = 200 * 1024 * 1024
MAX_LINE = 64 * 1024
MAX_NODES = 1_000_000
"""A hand-edited session read through the YAML parser: at most this many values."""
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


HEADER_KEYS = (FORMAT_KEY, "title", "created_at", "rules", "participants")
PARTICIPANT_KEYS = ("name", "added_at", "answers")


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
    fast = _read_as_written(path, text)
    if fast is not None:
        return _raw_session(path, *fast)
    from espaces_cli.yaml_nodes import YamlSyntaxError, load_located

    try:
        # hand-edited files go through the YAML parser: bounded by the file's own size,
        # so aliases cannot make it grow (an alias bomb is refused)
        located = load_located(text, max_nodes=min(MAX_NODES, max(10_000, len(data))))
    except YamlSyntaxError as error:
        line, col = error.position
        raise UsageError(
            f"{shown(path)}:{line}:{col}: "
            + _("session illisible : {problem}", problem=error.message)
        ) from None
    if located.problems:
        _where, (line, col), message = located.problems[0]
        raise UsageError(
            f"{shown(path)}:{line}:{col}: " + _("session illisible : {problem}", problem=message)
        )
    document = located.data
    lines: list[int] = []
    if isinstance(document, dict) and isinstance(document.get("participants"), list):
        lines = [
            located.position(("participants", i))[0] for i in range(len(document["participants"]))
        ]
    return _raw_session(path, document, 1, lines)


PARTICIPANTS_LINE = "participants:"


def _read_as_written(path: str, text: str) -> tuple[Any, int, list[int]] | None:
    """Read a session laid out as ``format_session`` writes it, without the YAML parser.

    The header is small YAML; each participant is one line, ``- {JSON object}``, which is
    also valid YAML. Anything else (a hand edit in block style, a comment inside the list)
    returns ``None`` and the whole file goes through the YAML parser instead. Returns the
    document, the header's line and each participant's line.
    """
    head, marker, tail = text.partition("\n" + PARTICIPANTS_LINE + "\n")
    if not marker:
        return None
    from espaces_cli.yaml_nodes import YamlSyntaxError, load_located

    try:
        located = load_located(head)
    except YamlSyntaxError:
        return None
    header = located.data
    if located.problems or not isinstance(header, dict) or "participants" in header:
        return None
    first_line = head.count("\n") + 3
    participants = []
    lines = []
    # "\n" only: U+2028 and its kind are not line breaks of this format
    for offset, line in enumerate(tail.split("\n")):
        if not line.strip():
            continue
        if len(line) > MAX_LINE:  # answers take a few hundred bytes: this is not a session
            raise UsageError(
                f"{shown(path)}:{first_line + offset}: "
                + _("ligne trop longue (plus de {size} Ko)", size=MAX_LINE // 1024)
            )
        if not line.startswith("- {"):
            return None
        try:
            entry = json.loads(line[2:], object_pairs_hook=_refuse_duplicates)
        except (ValueError, RecursionError):
            return None  # the YAML parser says where and what, with its limits
        if not isinstance(entry, dict):
            return None
        participants.append(entry)
        lines.append(first_line + offset)
    header["participants"] = participants
    return header, 1, lines


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise ValueError(key)
        found[key] = value
    return found


def _expect(path: str, line: int, ok: bool, message: str) -> None:
    if not ok:
        raise UsageError(f"{shown(path)}:{line}: {message}")


def _raw_session(path: str, document: Any, line: int, lines: list[int]) -> RawSession:
    _expect(path, 1, isinstance(document, dict), _("ce n'est pas une session espaces"))
    version = document.get(FORMAT_KEY)
    _expect(
        path,
        line,
        version is not None,
        _(
            "ce n'est pas une session espaces (clé « {key} » absente)",
            key=f"{FORMAT_KEY}: {FORMAT}",
        ),
    )
    _expect(
        path,
        line,
        isinstance(version, int) and not isinstance(version, bool),
        _(
            "« {key} » doit être un numéro de format (un nombre entier, {known} ici), "
            "pas « {value} »",
            key=FORMAT_KEY,
            known=FORMAT,
            value=printable(repr(version))[:40],
        ),
    )
    _expect(
        path,
        line,
        version == FORMAT,
        _(
            "format de session « {version} » inconnu : cette version d'espaces lit le "
            "format {known} (mettez espaces à jour)",
            version=printable(str(version))[:40],
            known=FORMAT,
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
    for index, entry in enumerate(participants):
        where = lines[index] if index < len(lines) else line
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
            _("« {name} » : « answers » manquant", name=printable(str(name))),
        )
        raw.append(
            RawParticipant(
                name=str(name),
                added_at=str(entry.get("added_at", "")),
                answers=answers,
                line=where,
                extra=tuple((k, v) for k, v in entry.items() if k not in PARTICIPANT_KEYS),
            )
        )
    return RawSession(
        title=str(document.get("title") or ""),
        created_at=str(document.get("created_at") or ""),
        rules=RuleBaseId(
            str(rules.get("name", "")), str(rules.get("version", "")), str(rules["sha256"])
        ),
        participants=tuple(raw),
        extra=tuple((k, v) for k, v in document.items() if k not in HEADER_KEYS),
    )


def _plain(value: AnswerValue) -> str | list[str]:
    return list(value) if isinstance(value, tuple) else value


def format_session(session: Session) -> str:
    """The session as YAML: a readable header, then one participant per line.

    Each participant line is a JSON object, which YAML reads as a flow mapping: the file
    stays plain YAML for people and editors, and reads back fast for large workshops.
    Keys this version does not know, read from the file, are written back.
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
        **dict(session.extra),
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
            **dict(p.extra),
        }
        lines.append("- " + json_visible(entry))
    return "\n".join(lines) + "\n"


NAME_COLUMNS = {
    *("participant", "nom", "prenom", "prenom_nom", "nom_prenom", "qui", "nom_complet"),
    *("name", "first_name", "full_name", "your_name", "who", "last_name", "surname"),
}
FIRST_NAME_COLUMNS = {"prenom", "first_name"}
LAST_NAME_COLUMNS = {"nom", "last_name", "surname", "nom_de_famille"}
TIME_COLUMNS = {
    *("horodateur", "horodatage", "date", "date_heure"),
    *("timestamp", "submitted_at", "submission_time", "time"),
}


@dataclass(frozen=True)
class CsvTable:
    """An export's rows, each cell split into values; the header kept as written.

    ``name_columns`` holds one column, or a first-name and a last-name column joined.
    """

    header: tuple[str, ...]
    name_columns: tuple[str, ...]
    time_column: str | None
    rows: tuple[FormRow, ...]


def read_csv(path: str, normalise: Any) -> CsvTable:
    """Read an online-form export (comma, semicolon or tab separated, UTF-8, any line ends)."""
    data = read_limited(
        path,
        MAX_BYTES,
        noun=_("fichier CSV"),
        with_article=_("un fichier CSV"),
        error=UsageError,
    )
    text = decode_utf8(data, path, UsageError)
    if not text.strip():
        raise UsageError(_("{path}: fichier CSV vide", path=shown(path)))
    # universal newlines: exports from old spreadsheets end their lines with CR alone
    lines = io.StringIO(text, newline=None)
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = tuple(cell.strip() for cell in next(reader))
        keys = [normalise(h) for h in header]
        name_columns = _name_columns(path, header, keys)
        time_column = next(
            (h for h, k in zip(header, keys, strict=True) if k in TIME_COLUMNS), None
        )
        ignored = {*name_columns, time_column}
        rows = []
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            cells: dict[str, list[str]] = {}
            for column, cell in zip(header, record, strict=False):
                if column in ignored:
                    continue
                values = [v.strip() for v in cell.split(";") if v.strip()]
                if values:
                    cells[column] = values
            record_map = dict(zip(header, record, strict=False))
            name = " ".join(
                part for part in (record_map.get(c, "").strip() for c in name_columns) if part
            )
            submitted = record_map.get(time_column, "").strip() if time_column else None
            extra = tuple(c.strip() for c in record[len(header) :] if c.strip())
            rows.append(FormRow(line, name or None, submitted or None, cells, extra))
    except csv.Error as error:
        raise UsageError(
            f"{shown(path)}:{reader.line_num}: "
            + _("CSV illisible : {problem}", problem=_csv_problem(error))
        ) from None
    return CsvTable(header, name_columns, time_column, tuple(rows))


def _name_columns(path: str, header: tuple[str, ...], keys: list[str]) -> tuple[str, ...]:
    """The column(s) that name a participant: one, or a first name and a last name."""
    found = [(h, k) for h, k in zip(header, keys, strict=True) if k in NAME_COLUMNS]
    if len(found) <= 1:
        return tuple(h for h, _k in found)
    firsts = [h for h, k in found if k in FIRST_NAME_COLUMNS]
    lasts = [h for h, k in found if k in LAST_NAME_COLUMNS]
    if len(found) == 2 and len(firsts) == 1 and len(lasts) == 1:
        return (firsts[0], lasts[0])
    raise UsageError(
        f"{shown(path)}:1: "
        + _(
            "plusieurs colonnes donnent le nom du participant ({columns}) : gardez-en une "
            "(ou un prénom et un nom)",
            columns=", ".join(f"« {printable(h)} »" for h, _k in found),
        )
    )


def _csv_problem(error: csv.Error) -> str:
    """The csv module's complaint in the reader's words (never Python's internals)."""
    text = str(error)
    if "NUL" in text:
        return _("caractère nul (est-ce bien un fichier texte ?)")
    if "field larger than field limit" in text:
        return _("une cellule est trop longue")
    return _("guillemets mal fermés ou mal placés")


def participant(
    name: str, answers: Mapping[str, AnswerValue], added_at: str | None = None
) -> Participant:
    return Participant(name=name, answers=dict(answers), added_at=added_at or now())


def open_session(
    path: str, rule_base: RuleBase, *, rescore: bool = False, warn: Callable[[str], None]
) -> Session:
    """Read ``path`` and check every participant against ``rule_base``.

    A session made with another rule base is refused unless ``rescore`` (``report
    --rules``), which says it is recomputed.
    """
    from espaces_cli.core.session import ParticipantRejected, check_session

    raw = read_session(path)
    if raw.rules.sha256 != rule_base.identity.sha256:
        if not rescore:
            used = rule_base.identity
            raise UsageError(
                _(
                    "{path}: session faite avec une autre base de règles ({name} {version}, "
                    "sha256 {sha}…) que celle-ci ({used_name} {used_version}, sha256 "
                    "{used_sha}…) ; pour la recalculer avec une autre base : "
                    "workshop report --rules FICHIER.",
                    path=shown(path),
                    name=printable(raw.rules.name),
                    version=printable(raw.rules.version),
                    sha=printable(raw.rules.sha256[:12]),
                    used_name=printable(used.name),
                    used_version=printable(used.version),
                    used_sha=used.sha256[:12],
                )
            )
        warn(
            _(
                "Attention : session recalculée avec {path}, pas avec sa base d'origine.",
                path=shown(str(rule_base.identity.path)),
            )
        )
    try:
        return check_session(raw, rule_base)
    except ParticipantRejected as error:
        raise UsageError(
            f"{shown(path)}:{error.line}: {printable(error.name)} : {worded(error)}"
        ) from None


def save_session(path: str, session: Session) -> None:
    write_output(path, format_session(session))


def update_session(
    path: str,
    rule_base: RuleBase,
    change: Callable[[Session], Session],
    *,
    warn: Callable[[str], None],
) -> Session:
    """Read, change and write a session under its lock: concurrent writers lose nothing."""
    with locked(path, waiting=warn):
        updated = change(open_session(path, rule_base, warn=warn))
        save_session(path, updated)
    return updated


def import_csv(
    path: str,
    rule_base: RuleBase,
    table: CsvTable,
    *,
    replace: bool,
    strict: bool,
    warn: Callable[[str], None],
) -> ImportReport:
    """Bring a form's rows into the session at ``path``, under its lock.

    With ``strict``, a single problem (a bad row, an unknown column) leaves the file as it
    was; the report says what was found either way.
    """
    from espaces_cli.core.session import import_rows

    ignored = (*table.name_columns, table.time_column)
    columns = [c for c in table.header if c not in ignored]
    reports: list[ImportReport] = []

    def bring_in(session: Session) -> Session:
        report = import_rows(
            rule_base,
            session,
            columns,
            table.rows,
            replace_existing=replace,
            unnamed=lambda line: _("Ligne {line}", line=line),
            now=now(),
        )
        reports.append(report)
        refused = strict and (report.problems or report.unknown_columns)
        return session if refused else report.session

    update_session(path, rule_base, bring_in, warn=warn)
    return reports[-1]
