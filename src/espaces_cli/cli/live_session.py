"""The served session file, read again only when someone else changed it.

A room answering at once means hundreds of writes in a minute: re-reading and re-checking
the whole file before each one would cost more and more as the session grows. The file's
identity (inode, modification time in nanoseconds, size) after our own last write says
whether anyone else (``workshop add``, an editor) wrote to it since; only then is it read
and checked again. Writes still happen under the session's lock, atomically.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from espaces_cli.core.model import RuleBase
from espaces_cli.core.session import Session
from espaces_cli.files import locked
from espaces_cli.workshop_io import open_session, save_session

Signature = tuple[int, int, int] | None


def signature(path: str) -> Signature:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)


class CachedSession:
    """Reads and read-modify-writes of one session file, with the last version kept."""

    def __init__(self, path: str, rule_base: RuleBase, warn: Callable[[str], None]) -> None:
        self.path = path
        self.rule_base = rule_base
        self.warn = warn
        self._kept: tuple[Signature, Session] | None = None
        self._lock = threading.Lock()

    def _known(self) -> Session | None:
        with self._lock:
            kept = self._kept
        if kept is not None and kept[0] is not None and kept[0] == signature(self.path):
            return kept[1]
        return None

    def _keep(self, session: Session) -> None:
        with self._lock:
            self._kept = (signature(self.path), session)

    def read(self) -> Session:
        known = self._known()
        if known is not None:
            return known
        session = open_session(self.path, self.rule_base, warn=self.warn)
        self._keep(session)
        return session

    def change(self, change: Callable[[Session], Session]) -> Session:
        """Read (if need be), change and write the session under its lock."""
        with locked(self.path, waiting=self.warn):
            current = self._known()
            if current is None:
                current = open_session(self.path, self.rule_base, warn=self.warn)
            updated = change(current)
            save_session(self.path, updated)
            self._keep(updated)
        return updated
