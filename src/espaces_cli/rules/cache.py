"""A cache of validated rule bases: plain JSON, read back only when it is beyond doubt ours.

An entry is used only if it is a regular file of the user's own, in a folder of the user's
own that nobody else may write, no larger than an entry can be, sealed (HMAC-SHA256) with a
secret only this user may read, and written for this very program (version and source of
the modules that shape the result) and for the sha256 of the rule-base bytes just read.
Anything else is a miss: the rule base is loaded in full and the entry written anew.

JSON holds plain values only, turned back into the core model by the converter below, so
no entry, however crafted, can run code. The sha256 reported always comes from the bytes
read, never from the entry. A miss costs time, never a wrong answer, a hang or a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import math
import os
import stat
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from espaces_cli import __version__
from espaces_cli.core import model as core
from espaces_cli.rules.plain import NotPlain, as_int, as_str, fields, from_plain, to_plain

FORMAT = 1
MAX_ENTRY_BYTES = 10 * 1024 * 1024
SECRET_NAME = "entries.key"
SECRET_BYTES = 32
TEMP_PREFIX = ".espaces-cache-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
_OTHERS_WRITE = 0o022
_OTHERS_ANY = 0o077

_SHAPING_MODULES = (
    ("espaces_cli.core", "model.py"),
    ("espaces_cli.rules", "cache.py"),
    ("espaces_cli.rules", "plain.py"),
    ("espaces_cli.rules", "loader.py"),
    ("espaces_cli.rules", "cross_checks.py"),
    ("espaces_cli.rules", "to_core.py"),
    ("espaces_cli.rules", "schema.py"),
    ("espaces_cli", "yaml_nodes.py"),
)


class CacheMiss(Exception):
    """An entry that is not exactly what this program would write: treated as absent."""


@dataclass(frozen=True)
class Key:
    """What an entry must have been written for: this program and these rule-base bytes."""

    program: str
    sha256: str

    @property
    def file_name(self) -> str:
        return f"rules-{self.sha256}-{self.program[:16]}.json"


def program_key() -> str:
    """Digest the version and the modules shaping a rule base: new code never reads old entries."""
    digest = hashlib.sha256(__version__.encode())
    for package, name in _SHAPING_MODULES:
        with contextlib.suppress(OSError):
            source = files(package).joinpath(name).read_bytes()
            digest.update(f"\n{name} {len(source)}\n".encode())
            digest.update(source)
    return digest.hexdigest()


def key_for(data: bytes) -> Key:
    """The key of the rule base whose bytes were just read."""
    return Key(program_key(), hashlib.sha256(data).hexdigest())


def default_dir(environ: Mapping[str, str]) -> str | None:
    """Where to keep the cache: ``ESPACES_CACHE_DIR`` (empty disables), else the XDG cache."""
    if "ESPACES_CACHE_DIR" in environ:
        return environ["ESPACES_CACHE_DIR"] or None
    base = environ.get("XDG_CACHE_HOME")
    if not base:
        from espaces_cli.files import home

        found = home(environ)
        if found is None:  # no HOME and no passwd entry: no cache, no crash
            return None
        base = str(found / ".cache")
    return str(Path(base) / "espaces")


def load(cache_dir: str, key: Key) -> core.RuleBase | None:
    """The rule base kept for ``key``, or None: any doubt about the entry makes it a miss."""
    if not _private_folder(cache_dir, create=False):
        return None
    try:
        secret = _read_secret(cache_dir)
        data = _read_private(os.path.join(cache_dir, key.file_name), MAX_ENTRY_BYTES)
        return decode_entry(data, key, secret)
    except CacheMiss:
        return None


def store(cache_dir: str, key: Key, rule_base: core.RuleBase) -> None:
    """Keep ``rule_base`` for the next run when the folder is ours alone; never fail the run."""
    if not _private_folder(cache_dir, create=True):
        return
    try:
        secret: bytes | None = _read_secret(cache_dir)
    except CacheMiss:
        secret = _new_secret(cache_dir)
    if secret is None:
        return
    try:
        entry = encode_entry(key, rule_base, secret)
    except ValueError:  # a value JSON cannot hold exactly (NaN): no entry rather than a wrong one
        return
    _sweep_stale_temps(cache_dir, time.time())
    _replace_regular(cache_dir, key.file_name, entry)


# --- files: ours alone, regular, bounded ------------------------------------------------------


def _is_private(info: os.stat_result, forbidden: int) -> bool:
    """Owned by this user and open to nobody else in the ``forbidden`` ways."""
    return info.st_uid == os.geteuid() and info.st_mode & forbidden == 0


def _private_folder(cache_dir: str, *, create: bool) -> bool:
    """Whether the folder is ours and nobody else may add or swap entries in it."""
    try:
        if create:
            Path(cache_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(cache_dir)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _is_private(info, _OTHERS_WRITE)


def _read_private(path: str, limit: int, forbidden: int = _OTHERS_WRITE) -> bytes:
    """Read a regular file of ours; a FIFO, link, device or folder is refused without waiting."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        raise CacheMiss from None
    chunks: list[bytes] = []
    try:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and _is_private(info, forbidden)):
            raise CacheMiss
        remaining = limit + 1
        while remaining > 0 and (chunk := os.read(fd, remaining)):
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError:
        raise CacheMiss from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise CacheMiss
    return data


def _read_secret(folder: str) -> bytes:
    """This user's sealing secret, which nobody else may even read."""
    secret = _read_private(os.path.join(folder, SECRET_NAME), SECRET_BYTES, _OTHERS_ANY)
    if len(secret) != SECRET_BYTES:
        raise CacheMiss
    return secret


def _new_secret(folder: str) -> bytes | None:
    """Draw a new secret; entries sealed with an older one simply become misses."""
    secret = os.urandom(SECRET_BYTES)
    return secret if _replace_regular(folder, SECRET_NAME, secret) else None


def _replace_regular(folder: str, name: str, data: bytes) -> bool:
    """Write ``name`` whole (0600, temp file then rename) unless a non-file stands there."""
    target = os.path.join(folder, name)
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False  # a FIFO, link, device or folder is left as it is
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True


def _sweep_stale_temps(folder: str, now: float) -> None:
    """Remove temp files a killed run left, once too old to belong to a run still writing."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < now - STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


# --- entries: a seal line, then the JSON body -------------------------------------------------


def seal(secret: bytes, body: bytes) -> bytes:
    """The first line of an entry: proof it was written by someone holding the secret."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode("ascii")


def encode_entry(key: Key, rule_base: core.RuleBase, secret: bytes) -> bytes:
    """The sealed entry for ``rule_base`` read from the bytes ``key`` names."""
    body = json.dumps(
        {
            "format": FORMAT,
            "program": key.program,
            "sha256": key.sha256,
            "rule_base": to_plain(rule_base),
        },
        allow_nan=False,
        separators=(",", ":"),
    ).encode("ascii")
    return seal(secret, body) + b"\n" + body


def decode_entry(data: bytes, key: Key, secret: bytes) -> core.RuleBase:
    """The rule base in a sealed entry written for ``key``; raise ``CacheMiss`` on any doubt."""
    first, newline, body = data.partition(b"\n")
    if not newline or not hmac.compare_digest(first, seal(secret, body)):
        raise CacheMiss
    try:
        version, program, sha256, plain = fields(
            _parse(body), "format", "program", "sha256", "rule_base"
        )
        same = (as_int(version), as_str(program), as_str(sha256)) == (
            FORMAT,
            key.program,
            key.sha256,
        )
    except NotPlain:
        raise CacheMiss from None
    if not same:
        raise CacheMiss
    try:
        return from_plain(plain, key.sha256)
    except (NotPlain, RecursionError):  # RecursionError: conditions nested beyond reason
        raise CacheMiss from None


def _parse(body: bytes) -> object:
    """JSON with finite numbers only."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_refuse, parse_float=_finite)
    except (ValueError, RecursionError):
        raise CacheMiss from None


def _refuse(constant: str) -> object:
    """``NaN`` and ``Infinity`` are not JSON, and no rule base holds them."""
    raise CacheMiss


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise CacheMiss
    return value
