"""The language this run speaks, chosen once at start-up, and the edge's ``_()``.

As with gettext, the choice is made once per process (``--lang``, ``ESPACES_LANG``, the
locale, else French: ``core.messages.choose_language``) and every edge module words its
messages through ``_()``. The core stays pure: it returns ``Message`` values, put into words
here with ``say``.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import TYPE_CHECKING

from espaces_cli.core.messages import DEFAULT_LANGUAGE, Language, Message, translate
from espaces_cli.core.status import EspacesError

if TYPE_CHECKING:
    from espaces_cli.core.model import Text

_active: ContextVar[Language] = ContextVar("espaces_language", default=DEFAULT_LANGUAGE)
# a context variable, not a module global: each run (and each test calling ``main``
# in-process) speaks its own language without leaking it into the next


def use(lang: Language) -> None:
    """Speak ``lang`` from now on in this context (set once per run, before any output)."""
    _active.set(lang)


def active() -> Language:
    return _active.get()


def _(template: str, **args: object) -> str:
    """``template`` (French, a key of the English catalog) in the active language."""
    words = translate(_active.get(), template)
    return words.format(**args) if args else words


def N_(template: str) -> str:
    """Mark a template translated later (help texts defined at import time)."""
    return template


def say(message: str | Message | EspacesError) -> str:
    """A core message or an error, in the active language."""
    if isinstance(message, EspacesError | Message):
        return message.render(_active.get())
    return message


def local(text: Text) -> str:
    """A text of the rule base in the active language (French when it has no translation)."""
    return text.in_lang(_active.get())
