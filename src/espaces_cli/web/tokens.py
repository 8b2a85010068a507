"""The live session's secrets and switches, kept between runs of ``workshop serve``.

A restarted server must accept the links and QR code already handed out, and remember that
answering was closed: both live in a small JSON file readable by its owner only, never in
the session file (which is meant to be shared).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, replace

from espaces_cli.core.errors import UsageError
from espaces_cli.files import read_limited, write_atomically
from espaces_cli.language import _

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""No 0/O, 1/I: a code read off a projector is typed without doubt."""
CODE_LENGTH = 10
"""50 bits: with the per-client rate limit, guessing takes longer than any workshop."""
MAX_STATE_BYTES = 64 * 1024


@dataclass(frozen=True)
class LiveState:
    """The participants' code, the facilitator's token, whether answering is closed."""

    join: str
    admin: str
    closed: bool = False

    def closing(self, closed: bool) -> LiveState:
        return replace(self, closed=closed)


def new_state() -> LiveState:
    join = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return LiveState(join=join, admin=secrets.token_urlsafe(24))


def shown_code(code: str) -> str:
    """The join code as people read it aloud: in groups of four or fewer."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normal_code(text: str) -> str:
    """A code as typed: dashes, spaces and case ignored."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def same_secret(given: str, expected: str) -> bool:
    """Compare secrets in constant time (a timing difference must not reveal a prefix)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


def key_digest(key: str) -> str:
    """What the session file keeps of a participant's own key: its SHA-256, never the key."""
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def load_state(path: str) -> LiveState | None:
    """The state saved by an earlier run, or ``None`` when there is none (or it is damaged)."""
    if not os.path.exists(path):
        return None
    data = read_limited(
        path,
        MAX_STATE_BYTES,
        noun=_("fichier d'état"),
        with_article=_("un fichier d'état"),
        error=UsageError,
    )
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(document, dict):
        return None
    join, admin, closed = document.get("join"), document.get("admin"), document.get("closed")
    if not (
        isinstance(join, str)
        and len(join) == CODE_LENGTH
        and all(ch in CODE_ALPHABET for ch in join)
        and isinstance(admin, str)
        and len(admin) >= 32
        and isinstance(closed, bool)
    ):
        return None
    return LiveState(join=join, admin=admin, closed=closed)


def save_state(path: str, state: LiveState) -> None:
    """Write the state atomically, readable by its owner only (it holds the facilitator's key)."""
    text = json.dumps({"join": state.join, "admin": state.admin, "closed": state.closed}) + "\n"
    if not os.path.exists(path):
        # created private first: the atomic write keeps an existing file's permissions
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600))
    write_atomically(path, text)
