"""The language this run speaks, and the edge's ``_()``: gettext catalogs, French source.

Every program message is a French template marked ``_("…")`` (``_n`` where a number
chooses between singular and plural, ``N_`` where it is translated later, ``msg`` in the
core). Another language is a catalog, ``locale/<code>/LC_MESSAGES/espaces.mo`` compiled
from its ``.po`` (``scripts/catalogs.py``), read with the standard library's ``gettext``:
adding a language is adding a ``.po`` file (and the rule base's ``<code>:`` texts).

The language is chosen once per run (``--lang``, ``ESPACES_LANG``, the locale, else
French: ``core.messages.choose_language``) and kept in a context variable, so that a run
started in-process (tests) never leaks it into the next.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from contextvars import ContextVar
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from espaces_cli.core.errors import EspacesError
from espaces_cli.core.messages import DEFAULT_LANGUAGE, SOURCE, Language, Message, Words

if TYPE_CHECKING:
    from espaces_cli.core.model import Localized

DOMAIN = "espaces"
_active: ContextVar[tuple[Language, Words]] = ContextVar(
    "espaces_language", default=(DEFAULT_LANGUAGE, SOURCE)
)


def _locale_dir() -> str:
    return str(files("espaces_cli").joinpath("locale"))


@cache
def available() -> tuple[Language, ...]:
    """French, and every language with a compiled catalog shipped in the package."""
    found = files("espaces_cli").joinpath("locale")
    codes = sorted(
        entry.name
        for entry in found.iterdir()
        if entry.joinpath("LC_MESSAGES", f"{DOMAIN}.mo").is_file()
    )
    return (DEFAULT_LANGUAGE, *(code for code in codes if code != DEFAULT_LANGUAGE))


@cache
def words_for(lang: Language) -> Words:
    """The translations of ``lang`` (the templates themselves for French)."""
    if lang == DEFAULT_LANGUAGE:
        return SOURCE
    return gettext.translation(DOMAIN, localedir=_locale_dir(), languages=[lang])


def use(lang: Language) -> None:
    """Speak ``lang`` from now on in this context (set once per run, before any output)."""
    _active.set((lang, words_for(lang)))


def active() -> Language:
    return _active.get()[0]


def words() -> Words:
    """The active language's translations, for renderers that pass them on."""
    return _active.get()[1]


def _(template: str, **args: object) -> str:
    """``template`` (French, a catalog msgid) in the active language."""
    text = _active.get()[1].gettext(template)
    return text.format(**args) if args else text


def _n(singular: str, plural: str, count: int, **args: object) -> str:
    """The form of a message that ``count`` calls for, in the active language."""
    return _active.get()[1].ngettext(singular, plural, count).format(count=count, **args)


def listed(items: Iterable[str]) -> str:
    """Items one after another, with the language's separator (« a ; b » in French, "a; b")."""
    return _(" ; ").join(items)


def N_(template: str) -> str:
    """Mark a template translated later (help texts defined at import time)."""
    return template


def worded(message: str | Message | EspacesError) -> str:
    """A core message or an error, in the active language."""
    if isinstance(message, EspacesError | Message):
        return message.render(_active.get()[1])
    return message


def local(text: Localized) -> str:
    """A text of the rule base in the active language (French when it has no translation)."""
    return text.in_lang(_active.get()[0])


def quote(text: str) -> str:
    """``text`` between the active language's quotation marks: « » in French, “ ” in English."""
    return f"« {text} »" if active() == DEFAULT_LANGUAGE else f"“{text}”"
