"""Write output files atomically: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from espaces_cli.core.status import EspacesError, UsageError
from espaces_cli.language import _


def write_atomically(path: str, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the whole new one."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(
            _("{path}: le dossier « {folder} » n'existe pas", path=path, folder=folder)
        )
    if target.is_dir():
        raise UsageError(_("{path}: est un dossier", path=path))
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(
            _("{path}: écriture impossible ({why})", path=path, why=error.strerror)
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UsageError(
            _("{path}: écriture impossible ({why})", path=path, why=error.strerror)
        ) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_limited(
    path: str,
    limit: int,
    *,
    noun: str,
    with_article: str,
    error: type[EspacesError],
    missing_hint: str = "",
) -> bytes:
    """Read at most ``limit`` bytes of ``path``; any problem is one line of ``error``.

    ``noun`` names the kind of file (« fichier de règles »), ``with_article`` the same with
    its article (« un fichier de règles ») for the sentence about folders.
    """
    try:
        if Path(path).is_dir():
            raise error(_("{path}: est un dossier, pas {what}", path=path, what=with_article))
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error(
            _("{path}: {what} introuvable{hint}", path=path, what=noun, hint=missing_hint)
        ) from None
    except OSError as problem:
        raise error(
            _("{path}: lecture impossible ({why})", path=path, why=problem.strerror)
        ) from None
    if len(data) > limit:
        raise error(
            _(
                "{path}: fichier trop gros (plus de {size} Mo)",
                path=path,
                size=f"{limit / 1024 / 1024:g}",
            )
        )
    return data


def decode_utf8(data: bytes, display: str, error: type[EspacesError]) -> str:
    """Decode UTF-8 (a BOM is accepted); a bad byte is reported with its line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = data[: problem.start].count(b"\n") + 1
        raise error(
            _(
                "{path}:{line}: le fichier n'est pas en UTF-8 (enregistrez-le en UTF-8)",
                path=display,
                line=line,
            )
        ) from None


def recovery_file(environ: Mapping[str, str]) -> str:
    """Where an interrupted questionnaire is kept: ``ESPACES_STATE_DIR``, else XDG state."""
    folder = environ.get("ESPACES_STATE_DIR") or str(
        Path(environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "espaces"
    )
    return str(Path(folder) / "reprise.yaml")
