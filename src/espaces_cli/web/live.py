"""The live session as the web pages see it: read, answer, revise, close, remove, report.

The session file is the one truth: every answer is written to it (under its lock, by the
shell's functions passed in as ``SessionFiles``) before the server answers, so
``workshop report`` works during the session and a restarted server carries on.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Any

from espaces_cli.core.engine import Engine
from espaces_cli.core.errors import UsageError
from espaces_cli.core.messages import msg
from espaces_cli.core.model import AnswerValue, RuleBase
from espaces_cli.core.session import Participant, Session, checked_answers, checked_name
from espaces_cli.core.text import printable
from espaces_cli.web.tokens import LiveState, key_digest, save_state

BUSY_SECONDS = 0.1
"""A write this recent means answers are pouring in (the whole room at once)."""
LINGER_SECONDS = 0.02
"""How long a write waits, when busy, for more answers to go with it: unnoticeable on a
phone, and it turns hundreds of whole-file writes into a few."""

KEY_FIELD = "web_key_sha256"
"""Kept with a participant in the session file: the digest of the key that lets them revise."""


@dataclass(frozen=True)
class SessionFiles:
    """What the shell lends the web edge: the session file's reads, writes and reports."""

    path: str
    read: Callable[[], Session]
    change: Callable[[Callable[[Session], Session]], Session]
    group_json: Callable[[Session], str]
    group_html: Callable[[Session], str]
    now: Callable[[], str]


class NameTaken(UsageError):
    """Another participant answered under this name (409)."""


class AnsweringClosed(UsageError):
    """The facilitator closed answering (403)."""


@dataclass(frozen=True)
class Saved:
    """A participant's answers as kept, and the key that lets them revise (new or the same)."""

    name: str
    answers: Mapping[str, AnswerValue]
    key: str


class Live:
    """One served session. Writes go one at a time (threads of this process), then the lock."""

    def __init__(
        self, files: SessionFiles, rule_base: RuleBase, state: LiveState, state_path: str
    ) -> None:
        self.files = files
        self.rule_base = rule_base
        self.engine = Engine(rule_base)
        self._state = state
        self._state_path = state_path
        self._write = threading.Lock()
        self._queue_lock = threading.Lock()
        self._pending: list[tuple[Callable[[Session], Session], Future[None]]] = []
        self._last_write = 0.0
        self._cache: dict[tuple[object, str], tuple[Session, dict[str, Any] | None]] = {}
        self._cache_lock = threading.Lock()

    @property
    def state(self) -> LiveState:
        return self._state

    def set_closed(self, closed: bool) -> None:
        with self._write:  # no answer is being written while answering closes
            self._state = self._state.closing(closed)
            save_state(self._state_path, self._state)

    def save(self, name: str, raw: Mapping[str, Any], key: str | None) -> Saved:
        """Check and keep one participant's answers; their key lets them revise later.

        A name already taken by someone else is refused; the same person (same key) replaces
        their earlier answers, even under a new name.
        """
        if self._state.closed:
            raise AnsweringClosed(msg("Les réponses sont closes."))
        checked_name(name)
        answers = checked_answers(self.rule_base, raw)
        known = self.find(key)  # a key is kept only if it is someone's: never one made up
        digest = key_digest(key) if key and known is not None else None
        new_key = key if key and known is not None else secrets.token_urlsafe(18)

        def keep(session: Session) -> Session:
            mine = [p for p in session.participants if digest and _digest_of(p) == digest]
            other = next((p for p in session.participants if p.name == name), None)
            if other is not None and other not in mine:
                raise NameTaken(
                    msg("« {name} » participe déjà à cette session.", name=printable(name))
                )
            arrival = Participant(
                name, dict(answers), self.files.now(), ((KEY_FIELD, key_digest(new_key)),)
            )
            if not mine:
                return replace(session, participants=(*session.participants, arrival))
            # a revision takes the place of the earlier answers (the report keeps its order)
            first = session.participants.index(mine[0])
            kept = [p for p in session.participants if p not in mine]
            kept.insert(min(first, len(kept)), arrival)
            return replace(session, participants=tuple(kept))

        self._commit(keep)
        return Saved(name, answers, new_key)

    def _commit(self, change: Callable[[Session], Session]) -> None:
        """Apply ``change`` to the session file, and return once it is written.

        Changes that arrive while the file is being written wait, then go together in the
        next read-modify-write (a group commit): a room answering at once costs a few
        writes, not one per phone, and each answer is still on disk before its 201.
        """
        done: Future[None] = Future()
        with self._queue_lock:
            self._pending.append((change, done))
        with self._write:
            if not done.done():  # else an earlier write took this change along
                if time.monotonic() - self._last_write < BUSY_SECONDS:
                    time.sleep(LINGER_SECONDS)  # busy: answers on their way join this write
                with self._queue_lock:
                    batch, self._pending = self._pending, []
                self._apply(batch)
                self._last_write = time.monotonic()
        done.result()

    def _apply(self, batch: list[tuple[Callable[[Session], Session], Future[None]]]) -> None:
        refused: dict[int, BaseException] = {}

        def all_of_them(session: Session) -> Session:
            refused.clear()
            if self._state.closed:
                raise AnsweringClosed(msg("Les réponses sont closes."))
            for index, (change, _done) in enumerate(batch):
                try:
                    session = change(session)
                except UsageError as error:
                    refused[index] = error
            return session

        try:
            self.files.change(all_of_them)
        except BaseException as error:  # the file could not be written: nobody's answer is
            for _change, done in batch:
                done.set_exception(error)
            if not isinstance(error, Exception):
                raise
            return
        for index, (_change, done) in enumerate(batch):
            if index in refused:
                done.set_exception(refused[index])
            else:
                done.set_result(None)

    def find(self, key: str | None) -> Participant | None:
        """The participant whose key this is (``None`` for a stranger or a removed one)."""
        if not key:
            return None
        digest = key_digest(key)
        return next((p for p in self.session().participants if _digest_of(p) == digest), None)

    def remove(self, name: str) -> None:
        self._commit(lambda s: s.without(name))

    def session(self) -> Session:
        return self.files.read()

    def group(self, lang: str) -> tuple[Session, dict[str, Any] | None]:
        """The session and its group report (the ``workshop report --format json`` document).

        Computed again only when the file changed (anyone may write to it: ``workshop add``
        too); ``None`` while nobody has answered.
        """
        signature = _signature(self.files.path)
        with self._cache_lock:
            hit = self._cache.get((signature, lang))
        if hit is not None:
            return hit
        session = self.session()
        document = json.loads(self.files.group_json(session)) if session.participants else None
        with self._cache_lock:
            self._cache = {(signature, lang): (session, document)}
        return session, document

    def advice_for(self, answers: Mapping[str, AnswerValue]) -> Any:
        return self.engine.advise(answers)


def _digest_of(participant: Participant) -> str | None:
    value = dict(participant.extra).get(KEY_FIELD)
    return value if isinstance(value, str) else None


def _signature(path: str) -> object:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_mtime_ns, info.st_size)
