"""A cache of validated rule bases, keyed by their bytes and by this program's own code.

The key covers the rule-base bytes and the source of the modules that shape the result,
so an edited rule base or a changed program never reads a stale entry. Any trouble with
the cache (unwritable folder, truncated or foreign file) falls back to a full load.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from importlib.resources import files
from pathlib import Path

from espaces_cli import __version__
from espaces_cli.core.model import RuleBase

_SHAPING_MODULES = (
    ("espaces_cli.core", "model.py"),
    ("espaces_cli.rules", "loader.py"),
    ("espaces_cli.rules", "schema.py"),
    ("espaces_cli", "yaml_nodes.py"),
)


def key_for(data: bytes) -> str:
    digest = hashlib.sha256(__version__.encode())
    for package, name in _SHAPING_MODULES:
        with contextlib.suppress(OSError):
            digest.update(files(package).joinpath(name).read_bytes())
    digest.update(data)
    return digest.hexdigest()


def read(cache_dir: str, key: str) -> RuleBase | None:
    path = Path(cache_dir) / f"rules-{key}.pickle"
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
    except Exception:  # a missing, partial or foreign file is just a miss
        return None
    return value if isinstance(value, RuleBase) else None


def write(cache_dir: str, key: str, rule_base: RuleBase) -> None:
    folder = Path(cache_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(rule_base, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"rules-{key}.pickle")
    except OSError:
        return


def default_dir(environ: dict[str, str] | os._Environ[str]) -> str | None:
    """Where to keep the cache: ``ESPACES_CACHE_DIR`` (empty disables), else the XDG cache."""
    if "ESPACES_CACHE_DIR" in environ:
        return environ["ESPACES_CACHE_DIR"] or None
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return str(Path(base) / "espaces")
