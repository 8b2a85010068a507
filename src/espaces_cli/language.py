"""The language this run speaks, chosen once at start-up, and the edge's ``_()``.

As with gettext, the choice is made once per process (``--lang``, ``ESPACES_LANG``, the
locale, else French: ``core.messages.choose_language``) and every edge module words its
messages through ``_()``. The core stays pure: it returns ``Message`` values, put into words
here with ``say``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from espaces_cli.core.messages import DEFAULT_LANGUAGE, Language, Message, translate
from espaces_cli.core.status import EspacesError

if TYPE_CHECKING:
    from espaces_cli.core.model import Text

_active: list[Language] = [DEFAULT_LANGUAGE]


def use(lang: Language) -> None:
    """Speak ``lang`` from now on (called once, before anything is printed)."""
    _active[0] = lang


def active() -> Language:
    return _active[0]


def _(template: str, **args: object) -> str:
    """``template`` (French, a key of the English catalog) in the active language."""
    words = translate(_active[0], template)
    return words.format(**args) if args else words


def N_(template: str) -> str:
    """Mark a template translated later (help texts defined at import time)."""
    return template


def say(message: str | Message | EspacesError) -> str:
    """A core message or an error, in the active language."""
    if isinstance(message, EspacesError | Message):
        return message.render(_active[0])
    return message


def local(text: Text) -> str:
    """A text of the rule base in the active language (French when it has no translation)."""
    return text.in_lang(_active[0])
