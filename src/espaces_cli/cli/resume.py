"""Resuming an interrupted questionnaire: what was kept, a pending resume, an older one.

Ctrl-C keeps the answers so far in one recovery file (``reprise.yaml``). A resumed run
says first what it kept; a fresh run says one is waiting; a new Ctrl-C that would
replace an older recovery sets the older one aside instead of losing it.
"""

from __future__ import annotations

import os
import shlex
import stat
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from espaces_cli.cli.environment import Environment
from espaces_cli.core.text import printable
from espaces_cli.language import _, _n, local

if TYPE_CHECKING:
    from espaces_cli.core.model import AnswerValue, RuleBase

RESUME_COMMAND = "espaces advise --resume"
MAX_SET_ASIDE = 999
"""Older recoveries set aside, at most (``reprise-1.yaml`` … ``reprise-999.yaml``)."""


def kept_summary(
    rule_base: RuleBase,
    answers: Mapping[str, AnswerValue],
    kept: Collection[str],
    width: int | None = None,
) -> str:
    """How many answers a resumed run kept, and each one briefly (question, answer),
    wrapped to ``width`` under a hanging indent."""
    from espaces_cli.core.layout import hanging

    lines = [
        _n(
            "Reprise : {count} réponse gardée (revenez en arrière pour la changer) :",
            "Reprise : {count} réponses gardées (revenez en arrière pour en changer) :",
            len(kept),
        )
    ]
    for question in rule_base.questions:
        if question.id not in kept:
            continue
        value = answers[question.id]
        chosen = (value,) if isinstance(value, str) else value
        shown = ", ".join(local(question.choice(c).label) for c in chosen) or _("(aucun)")
        lines.append(hanging(f"{local(question.label)} {shown}", width, first="  • ", rest="    "))
    return "\n".join(lines)


def pending_notice(env: Environment) -> str | None:
    """One line when an interrupted questionnaire waits to be resumed."""
    from espaces_cli.files import recovery_file

    path = recovery_file(env.variables)
    if path is None or not Path(path).is_file():
        return None
    return _(
        "Questionnaire interrompu en attente : reprenez-le avec {command}.",
        command=RESUME_COMMAND,
    )


def recovery_header() -> str:
    """The comment at the top of a recovery file: how to resume it."""
    return (
        "# "
        + _("Réponses d'un questionnaire interrompu, gardées par espaces. Reprenez-le avec :")
        + f"\n#   {RESUME_COMMAND}\n"
    )


def set_aside(path: str, resumed_from: str | None) -> str | None:
    """Keep an older recovery under a free name before a new one replaces it.

    Nothing to do when there is none, or when it is the one this run resumed (its
    answers are in the new one). The copy is created exclusively (never over another
    file) and its comment names it, since a bare ``--resume`` no longer reads it.
    Returns the copy's path; ``OSError`` when it cannot be made (the caller keeps the
    older file then).
    """
    old = Path(path)
    if not old.is_file():
        return None
    if resumed_from is not None and _same(old, Path(resumed_from)):
        return None
    from espaces_cli.answers_io import MAX_BYTES
    from espaces_cli.core.errors import UsageError
    from espaces_cli.files import read_limited

    # an answers file is bounded wherever it is read; one too big is left where it is
    text = read_limited(
        path,
        MAX_BYTES,
        noun=_("fichier de réponses"),
        with_article=_("un fichier de réponses"),
        error=UsageError,
    )
    mode = stat.S_IMODE(old.stat().st_mode)  # answers private before stay private
    for number in range(1, MAX_SET_ASIDE + 1):
        copy = old.with_name(f"{old.stem}-{number}{old.suffix}")
        try:
            fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as handle:
            handle.write(_named(text, str(copy)))
        return str(copy)
    raise OSError(_("trop de reprises mises de côté"))


def _named(text: bytes, path: str) -> bytes:
    """The recovery's comment naming its new place (``--resume FILE``)."""
    bare = f"#   {RESUME_COMMAND}\n".encode()
    named = f"#   {RESUME_COMMAND} {printable(shlex.quote(path))}\n".encode()
    return text.replace(bare, named, 1)


def _same(first: Path, second: Path) -> bool:
    try:
        return first.samefile(second)
    except OSError:
        return False
