"""Files the tool reads and writes: bounded reads that never hang, locked atomic writes.

Reads: at most ``limit`` bytes from a file, a pipe, a device or standard input; a FIFO with
no writer reads as empty instead of blocking. Writes: a regular file (or the target of a
symlink to one) is replaced atomically (a temporary file beside it, then a rename), keeping
its permissions; anything else (a device, a FIFO, ``/dev/stdout``) is written to as the
shell would, never replaced. Writers of a file the tool rewrites hold a lock around
read-modify-write, so two processes never lose each other's changes.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import select
import stat
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO, NoReturn

from espaces_cli.core.errors import EspacesError, UsageError
from espaces_cli.core.text import printable
from espaces_cli.language import _

TEMP_SUFFIX = ".espaces-tmp"
STALE_TEMP_SECONDS = 60
LOCK_PATIENCE_SECONDS = 1.0
_STREAM_NAME = re.compile(r"/dev/(stdout|stderr|fd/\d+)|/proc/(self|\d+)/fd/\d+")
"""Names of this process's own streams: written like the shell's ``>``, whatever is behind."""


def shown(path: str) -> str:
    """A path as it may be printed: control characters made visible."""
    return printable(str(path))


def why(error: OSError) -> str:
    """The system's reason in the reader's words (the C library's are English)."""
    reasons = {
        errno.ENOENT: _("dossier ou fichier introuvable"),
        errno.EACCES: _("permission refusée"),
        errno.EPERM: _("opération non permise"),
        errno.ENOSPC: _("plus de place sur le disque"),
        errno.EROFS: _("système de fichiers en lecture seule"),
        errno.EISDIR: _("c'est un dossier"),
        errno.ENOTDIR: _("un élément du chemin n'est pas un dossier"),
        errno.ELOOP: _("trop de liens symboliques (une boucle ?)"),
        errno.ENAMETOOLONG: _("nom trop long"),
        errno.EDQUOT: _("quota dépassé"),
    }
    return reasons.get(error.errno or 0) or str(error.strerror or error)


def _write_failed(path: str, error: OSError) -> UsageError:
    return UsageError(_("{path}: écriture impossible ({why})", path=shown(path), why=why(error)))


def is_stream(path: str) -> bool:
    """Whether ``path`` names something other than a regular file (device, FIFO, stdout…)."""
    if _STREAM_NAME.fullmatch(path):
        return True
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def resolved(path: str) -> Path:
    """Where writing ``path`` lands: a symlink's target (a dangling one is created).

    A loop of symlinks is refused: the shell would refuse it too.
    """
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return Path(os.path.realpath(path))
    except OSError as error:
        raise _write_failed(path, error) from None


def check_output_target(path: str) -> None:
    """Refuse, before any work, an output that cannot be written (design: nothing lost)."""
    if is_stream(path):
        return
    target = resolved(path)
    folder = target.parent
    if not folder.is_dir():
        typed = Path(path).parent if not Path(path).is_symlink() else folder
        raise UsageError(
            _(
                "{path}: le dossier « {folder} » n'existe pas",
                path=shown(path),
                folder=shown(str(typed)),
            )
        )
    if target.is_dir():
        raise UsageError(_("{path}: est un dossier", path=shown(path)))
    if not os.access(folder, os.W_OK | os.X_OK) or (
        target.exists() and not os.access(target, os.W_OK)
    ):
        raise UsageError(
            _("{path}: écriture impossible ({why})", path=shown(path), why=_("permission refusée"))
        )


def write_output(path: str, text: str) -> None:
    """Write ``text`` where ``path`` leads: atomically for a regular file, as a stream otherwise.

    A symlink's target is what gets written; a device, a FIFO or ``/dev/stdout`` is opened
    and written like the shell's ``>`` would, never replaced by a regular file.
    """
    if is_stream(path):
        try:
            with open(path, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as error:
            raise _write_failed(path, error) from None
        return
    write_atomically(str(resolved(path)), text, shown_as=path)


def write_atomically(path: str, text: str, *, shown_as: str | None = None) -> None:
    """Replace the regular file ``path`` so that readers see the old file or the whole new one.

    A new file gets the permissions the umask gives; an existing one keeps its own (and, for
    root, its owner). Temporary files left by a killed run are cleaned on the next write.
    """
    display = shown_as or path
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(
            _(
                "{path}: le dossier « {folder} » n'existe pas",
                path=shown(display),
                folder=shown(str(folder)),
            )
        )
    if target.is_dir():
        raise UsageError(_("{path}: est un dossier", path=shown(display)))
    _clean_stale_temps(folder, target.name)
    try:
        previous: os.stat_result | None = os.stat(target)
    except OSError:
        previous = None
    try:
        fd, tmp = tempfile.mkstemp(
            dir=folder, prefix=f".{target.name}.{os.getpid()}.", suffix=TEMP_SUFFIX
        )
    except OSError as error:
        raise _write_failed(display, error) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if previous is not None:
            os.chmod(tmp, stat.S_IMODE(previous.st_mode))
            if os.geteuid() == 0:
                with contextlib.suppress(OSError):
                    os.chown(tmp, previous.st_uid, previous.st_gid)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_failed(display, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _clean_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files of ``name`` whose writer is gone (killed with -9, power cut)."""
    prefix = f".{name}."
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(TEMP_SUFFIX)):
            continue
        pid_text = entry.name[len(prefix) :].split(".", 1)[0]
        with contextlib.suppress(OSError, ValueError):
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid():
                continue
            if now - info.st_mtime < STALE_TEMP_SECONDS or _alive(int(pid_text)):
                continue
            os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def locked(path: str, *, waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the file ``path`` for a read-modify-write.

    The lock is taken on the file itself; since writers replace the file (a new inode), a
    waiter that wakes up on a replaced file locks the new one instead. ``waiting`` is told
    once when another process keeps the lock for more than a second.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no POSIX locks on this system
        yield
        return
    real = os.path.realpath(path)
    deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
    while True:
        try:
            fd = os.open(real, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError as error:
            raise UsageError(
                _("{path}: lecture impossible ({why})", path=shown(path), why=why(error))
            ) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                break  # not a regular file: never replaced, nothing to protect
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() < deadline:
                        time.sleep(0.02)
                        continue
                    if waiting is not None:
                        waiting(
                            _(
                                "En attente : {path} est en cours d'écriture par un autre "
                                "processus…",
                                path=shown(path),
                            )
                        )
                        waiting = None
                    fcntl.flock(fd, fcntl.LOCK_EX)
                    break
            try:
                same = os.stat(real).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                yield
                return
        finally:
            os.close(fd)
    yield


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

    Pipes and devices are read without ever blocking on a FIFO that has no writer.
    ``noun`` names the kind of file (« fichier de règles »), ``with_article`` the same with
    its article (« un fichier de règles ») for the sentence about folders.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise error(
            _("{path}: {what} introuvable{hint}", path=shown(path), what=noun, hint=missing_hint)
        ) from None
    except OSError as problem:
        raise error(
            _("{path}: lecture impossible ({why})", path=shown(path), why=why(problem))
        ) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(
                _("{path}: est un dossier, pas {what}", path=shown(path), what=with_article)
            )
        data = _read_regular(fd, limit) if stat.S_ISREG(mode) else _read_stream(fd, limit)
    except OSError as problem:
        raise error(
            _("{path}: lecture impossible ({why})", path=shown(path), why=why(problem))
        ) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(too_big(path, limit))
    return data


def too_big(path: str, limit: int) -> str:
    return _(
        "{path}: fichier trop gros (plus de {size} Mo)",
        path=shown(path),
        size=f"{limit / 1024 / 1024:g}",
    )


def _read_regular(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = os.read(fd, min(1 << 20, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _read_stream(fd: int, limit: int) -> bytes:
    """Read a pipe or a device until its end, or ``limit`` + 1 bytes.

    A FIFO whose writer never came reads as empty rather than hanging.
    """
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        poller.poll(200)
        try:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
        except BlockingIOError:
            continue  # a writer is there but has nothing yet: wait, as the shell would
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_stdin_limited(stream: BinaryIO | None, limit: int, error: type[EspacesError]) -> bytes:
    """Read standard input (``-``) up to ``limit`` bytes; a closed stdin is one line."""
    if stream is None:
        raise error(_("<stdin>: l'entrée standard est fermée"))
    try:
        data = stream.read(limit + 1)
    except OSError as problem:
        raise error(
            _("{path}: lecture impossible ({why})", path="<stdin>", why=why(problem))
        ) from None
    if len(data) > limit:
        raise error(too_big("<stdin>", limit))
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
                path=shown(display),
                line=line,
            )
        ) from None


READER_GONE = 128 + 13  # what the shell reports for a writer stopped by SIGPIPE


def reader_gone() -> NoReturn:
    """Stdout's reader has gone (``| head``): stop quietly, as other Unix tools do.

    Python would otherwise complain when it flushes stdout at exit.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
    except OSError:
        pass
    os._exit(READER_GONE)


def home(environ: Mapping[str, str]) -> Path | None:
    """The user's home folder: ``HOME``, else the password database; ``None`` when neither says."""
    if environ.get("HOME"):
        return Path(environ["HOME"])
    try:
        import pwd

        return Path(pwd.getpwuid(os.getuid()).pw_dir)
    except (ImportError, KeyError, OSError):
        return None


def state_dir(environ: Mapping[str, str]) -> Path | None:
    """Where answers are kept between runs: ``ESPACES_STATE_DIR``, else the XDG state folder."""
    if environ.get("ESPACES_STATE_DIR"):
        return Path(environ["ESPACES_STATE_DIR"])
    if environ.get("XDG_STATE_HOME"):
        return Path(environ["XDG_STATE_HOME"]) / "espaces"
    base = home(environ)
    return None if base is None else base / ".local" / "state" / "espaces"


def recovery_file(environ: Mapping[str, str]) -> str | None:
    """Where an interrupted questionnaire is kept (``None`` when no folder can be found)."""
    folder = state_dir(environ)
    return None if folder is None else str(folder / "reprise.yaml")
