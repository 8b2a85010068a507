"""Program messages in French or English, and how the language is chosen.

French is the source language: a message is written once, in French, as a ``str.format``
template, and that template is the key of the English catalog (``core/english.py``), as a
gettext ``msgid`` would be. The core never prints: it returns ``Message`` values (template +
arguments) that the edge renders in the language the person chose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from espaces_cli.core.english import ENGLISH

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")
DEFAULT_LANGUAGE: Language = "fr"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def translate(lang: str, template: str) -> str:
    """The template in ``lang``; a template without an English entry stays French."""
    if lang == "en":
        return ENGLISH.get(template, template)
    return template


@dataclass(frozen=True)
class Message:
    """A message not yet put into words: rendered in the reader's language at the edge."""

    template: str
    args: tuple[tuple[str, object], ...] = ()

    def render(self, lang: str) -> str:
        if not self.args:
            return translate(lang, self.template)
        values = {name: _words(value, lang) for name, value in self.args}
        return translate(lang, self.template).format(**values)

    def __str__(self) -> str:
        return self.render(DEFAULT_LANGUAGE)


def _words(value: object, lang: str) -> object:
    """An argument as words: messages rendered, a tuple of them listed with commas."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, tuple):
        return ", ".join(str(_words(item, lang)) for item in value)
    return value


def msg(template: str, **args: object) -> Message:
    """Mark ``template`` as a program message (its English lives in ``core/english.py``)."""
    return Message(template, tuple(args.items()))


def template_fields(template: str) -> frozenset[str]:
    """The ``{names}`` a template fills in (the catalog test compares them across languages)."""
    import string

    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def locale_language(environ: Mapping[str, str]) -> Language | None:
    """English or French from the POSIX locale (the first of LC_ALL, LC_MESSAGES, LANG set)."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            code = value[:2].lower()
            return "en" if code == "en" else "fr" if code == "fr" else None
    return None


def parse_language(value: str) -> Language | None:
    """``fr`` or ``en`` (what ``--lang`` and ``ESPACES_LANG`` accept); ``None`` otherwise."""
    code = value.strip()
    return "en" if code == "en" else "fr" if code == "fr" else None


def choose_language(flag: str | None, environ: Mapping[str, str]) -> Language:
    """``--lang``, else ``ESPACES_LANG``, else the locale, else French (issue 5 order).

    Values are assumed valid here; ``wanted_language`` reports invalid ones.
    """
    for value in (flag, environ.get("ESPACES_LANG") or None):
        if value is not None:
            chosen = parse_language(value)
            if chosen is not None:
                return chosen
    return locale_language(environ) or DEFAULT_LANGUAGE
