"""Visit notebooks and visit files: readable YAML, checked on every read, written atomically
under the notebook's lock, never rewritten when they cannot be read (design §6)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from espaces_cli.core.answers import parse_answers
from espaces_cli.core.errors import EspacesError, UsageError
from espaces_cli.core.model import AnswerValue, RuleBase, RuleBaseId
from espaces_cli.core.text import printable
from espaces_cli.core.visit import Notebook, Visit, check_visit, name_key, visit_document
from espaces_cli.files import (
    decode_utf8,
    locked,
    read_limited,
    read_stdin_limited,
    shown,
    state_dir,
    write_atomically,
    write_output,
)
from espaces_cli.language import _, worded

FORMAT = 1
FORMAT_KEY = "espaces_visits"
MAX_BYTES = 5 * 1024 * 1024
MAX_VISIT_BYTES = 256 * 1024
MAX_NODES = 200_000
RESUME_NAME = "visite-reprise.yaml"
STDIN_NAME = "<stdin>"


def now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _load(path: str, text: str, data_size: int) -> tuple[Any, Callable[[tuple[Any, ...]], int]]:
    """The YAML document and a function giving the line of a path inside it."""
    from espaces_cli.yaml_nodes import YamlSyntaxError, load_located

    try:
        located = load_located(text, max_nodes=min(MAX_NODES, max(10_000, data_size)))
    except YamlSyntaxError as error:
        line, col = error.position
        raise UsageError(f"{shown(path)}:{line}:{col}: {error.message}") from None
    if located.problems:
        _where, (line, col), message = located.problems[0]
        raise UsageError(f"{shown(path)}:{line}:{col}: {message}")
    return located.data, lambda where: located.position(where)[0]


def read_notebook(path: str, rule_base: RuleBase, *, warn: Callable[[str], None]) -> Notebook:
    """Read and check a notebook; any problem is one line naming the file and the line."""
    data = read_limited(
        path,
        MAX_BYTES,
        noun=_("carnet de visites"),
        with_article=_("un carnet de visites"),
        error=UsageError,
        missing_hint=" " + _("(créez-le avec espaces visit new)"),
    )
    document, line_of = _load(path, decode_utf8(data, path, UsageError), len(data))

    def fail(where: tuple[Any, ...], message: str) -> UsageError:
        return UsageError(f"{shown(path)}:{line_of(where) if document else 1}: {message}")

    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise fail(
            (),
            _(
                "ce n'est pas un carnet de visites espaces (clé « {key} » absente)",
                key=f"{FORMAT_KEY}: {FORMAT}",
            ),
        )
    if document[FORMAT_KEY] != FORMAT or isinstance(document[FORMAT_KEY], bool):
        raise fail(
            (FORMAT_KEY,),
            _(
                "format de carnet « {version} » inconnu : cette version d'espaces lit le "
                "format {known}",
                version=printable(str(document[FORMAT_KEY]))[:40],
                known=FORMAT,
            ),
        )
    rules = document.get("rules")
    if not isinstance(rules, dict) or not isinstance(rules.get("sha256"), str):
        raise fail((), _("« rules » (nom, version, sha256 de la base) manquant"))
    if rules["sha256"] != rule_base.identity.sha256:
        warn(
            _(
                "Attention : {path} a été fait avec une autre base de règles (sha256 {sha}…) ; "
                "ses réponses et ses visites sont revérifiées avec celle-ci.",
                path=shown(path),
                sha=printable(rules["sha256"][:12]),
            )
        )
    raw_answers = document.get("answers")
    if not isinstance(raw_answers, dict):
        raise fail((), _("« answers » (les réponses du carnet) manquant"))
    try:
        answers = parse_answers(rule_base, raw_answers)
    except UsageError as error:
        raise fail(("answers",), worded(error)) from None
    raw_visits = document.get("visits") or []
    if not isinstance(raw_visits, list):
        raise fail(("visits",), _("« visits » doit être une liste"))
    visits: list[Visit] = []
    for index, raw in enumerate(raw_visits):
        if not isinstance(raw, dict):
            raise fail(("visits", index), _("chaque visite est une table"))
        try:
            visit = check_visit(rule_base, answers, raw)
        except UsageError as error:
            raise fail(("visits", index), worded(error)) from None
        if name_key(visit.name) in {name_key(v.name) for v in visits}:
            raise fail(
                ("visits", index),
                _("« {name} » apparaît deux fois dans le carnet", name=printable(visit.name)),
            )
        visits.append(visit)
    return Notebook(
        title=printable(str(document.get("title") or ""))[:200],
        created_at=str(document.get("created_at") or ""),
        rules=RuleBaseId(
            str(rules.get("name", "")), str(rules.get("version", "")), rules["sha256"]
        ),
        answers=answers,
        visits=tuple(visits),
    )


def _plain(value: AnswerValue) -> str | list[str]:
    return list(value) if isinstance(value, tuple) else value


def _dump(document: Any) -> str:
    return str(
        yaml.safe_dump(
            document, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
        )
    )


def format_notebook(notebook: Notebook, rule_base: RuleBase) -> str:
    """The notebook as YAML a person can read and edit: a header, the answers, the visits.

    It keeps the rule base the answers are checked with now (its sha256).
    """
    header = {
        FORMAT_KEY: FORMAT,
        "title": notebook.title,
        "created_at": notebook.created_at,
        "rules": {
            "name": rule_base.identity.name,
            "version": rule_base.identity.version,
            "sha256": rule_base.identity.sha256,
        },
    }
    lines = [
        "# " + _("Carnet de visites espaces : les réponses, puis un lieu visité par entrée."),
        "# " + _("Comparer les lieux : espaces visit compare CE_FICHIER"),
        _dump(header).rstrip("\n"),
        _dump({"answers": {k: _plain(v) for k, v in notebook.answers.items()}}).rstrip("\n"),
    ]
    if notebook.visits:
        lines.append(_dump({"visits": [visit_document(v) for v in notebook.visits]}).rstrip())
    else:
        lines.append("visits: []")
    return "\n".join(lines) + "\n"


def save_notebook(path: str, notebook: Notebook, rule_base: RuleBase) -> None:
    write_output(path, format_notebook(notebook, rule_base))


def update_notebook(
    path: str,
    rule_base: RuleBase,
    change: Callable[[Notebook], Notebook],
    *,
    warn: Callable[[str], None],
) -> Notebook:
    """Read, change and write a notebook under its lock; an unreadable one is left as it is."""
    with locked(path, waiting=warn):
        updated = change(read_notebook(path, rule_base, warn=warn))
        save_notebook(path, updated, rule_base)
    return updated


def read_visit_file(
    path: str, rule_base: RuleBase, notebook: Notebook, stdin: BinaryIO | None = None
) -> Visit:
    """One visit from a YAML or JSON file (``-``: standard input), checked like a typed one."""
    if path == "-":
        name = STDIN_NAME
        data = read_stdin_limited(stdin, MAX_VISIT_BYTES, UsageError)
    else:
        name = path
        data = read_limited(
            path,
            MAX_VISIT_BYTES,
            noun=_("fichier de visite"),
            with_article=_("un fichier de visite"),
            error=UsageError,
        )
    document, _line_of = _load(name, decode_utf8(data, name, UsageError), len(data))
    if not isinstance(document, dict):
        raise UsageError(
            f"{shown(name)}:1: "
            + _("une visite est une table (name, type, checks…), voir docs/visits.md")
        )
    try:
        return check_visit(rule_base, notebook.answers, document)
    except UsageError as error:
        raise UsageError(f"{shown(name)}: {worded(error)}") from None


def resume_file(environ: Mapping[str, str]) -> str | None:
    folder = state_dir(environ)
    return None if folder is None else str(folder / RESUME_NAME)


def keep_partial(
    environ: Mapping[str, str], notebook_path: str, document: Mapping[str, object]
) -> str:
    """Keep a visit typed so far (after Ctrl-C); return where, or raise ``UsageError``."""
    path = resume_file(environ)
    if path is None:
        raise UsageError(_("aucun dossier pour la garder"))
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(str(error.strerror)) from None
    body = {"notebook": str(Path(notebook_path).resolve()), "visit": dict(document)}
    write_atomically(path, _dump(body))
    return path


def take_partial(
    environ: Mapping[str, str], notebook_path: str, path: str | None = None
) -> dict[str, object] | None:
    """The visit kept for this notebook by an interrupted ``visit add`` (in ``path``, by
    default the state folder's), if any."""
    path = path or resume_file(environ)
    if path is None or not Path(path).is_file():
        return None
    try:
        data = read_limited(
            path,
            MAX_VISIT_BYTES,
            noun=_("fichier de visite"),
            with_article=_("un fichier de visite"),
            error=UsageError,
        )
        document, _line = _load(path, decode_utf8(data, path, UsageError), len(data))
    except EspacesError:
        return None
    if (
        not isinstance(document, dict)
        or document.get("notebook") != str(Path(notebook_path).resolve())
        or not isinstance(document.get("visit"), dict)
    ):
        return None
    return dict(document["visit"])


def drop_partial(environ: Mapping[str, str]) -> None:
    path = resume_file(environ)
    if path is not None:
        Path(path).unlink(missing_ok=True)
