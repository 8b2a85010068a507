"""Program messages, and how the language of a run is chosen.

French is the source language: a message is written once, in French, as a ``str.format``
template (whole sentences, with a plural form where a number decides), and that template is
the ``msgid`` of the other languages' gettext catalogs (``locale/<code>/LC_MESSAGES``). The
core never prints and never reads a catalog: it returns ``Message`` values that the edge
renders with the reader's ``Words`` (a gettext translations object).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Protocol

Language = str
DEFAULT_LANGUAGE: Language = "fr"
LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


class Words(Protocol):
    """What renders templates in a language: gettext's translations objects have it."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


class SourceWords:
    """The program's own words, French: templates as written, French plural rule (n > 1)."""

    def gettext(self, message: str, /) -> str:
        return message

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return singular if abs(n) <= 1 else plural


SOURCE = SourceWords()


@dataclass(frozen=True)
class Message:
    """A message not yet put into words: rendered in the reader's language at the edge.

    ``plural`` and ``count`` make it a message whose form depends on a number (``count`` is
    also one of its arguments).
    """

    template: str
    args: tuple[tuple[str, object], ...] = ()
    plural: str | None = None
    count: int | None = None

    def render(self, words: Words) -> str:
        if self.plural is not None and self.count is not None:
            text = words.ngettext(self.template, self.plural, self.count)
        else:
            text = words.gettext(self.template)
        if not self.args:
            return text
        return text.format(**{name: _words(value, words) for name, value in self.args})

    def __str__(self) -> str:
        return self.render(SOURCE)


def _words(value: object, words: Words) -> object:
    """An argument as words: messages rendered, a tuple of them listed with commas."""
    if isinstance(value, Message):
        return value.render(words)
    if isinstance(value, tuple):
        return ", ".join(str(_words(item, words)) for item in value)
    return value


def msg(template: str, **args: object) -> Message:
    """Mark ``template`` as a program message (translated in the catalogs)."""
    return Message(template, tuple(args.items()))


def msg_n(singular: str, plural: str, count: int, **args: object) -> Message:
    """A message whose form follows ``count`` (given to the template as ``{count}``)."""
    return Message(singular, tuple({"count": count, **args}.items()), plural, count)


def template_fields(template: str) -> frozenset[str]:
    """The ``{names}`` a template fills in (the catalog test compares them across languages)."""
    import string

    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def parse_language(value: str, available: Collection[Language]) -> Language | None:
    """A language code ``--lang`` and ``ESPACES_LANG`` accept (one with a catalog)."""
    code = value.strip()
    return code if code in available else None


def locale_language(environ: Mapping[str, str], available: Collection[Language]) -> Language | None:
    """The language of the POSIX locale (the first of LC_ALL, LC_MESSAGES, LANG set)."""
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            code = value[:2].lower()
            return code if code in available else None
    return None


def choose_language(
    flag: str | None, environ: Mapping[str, str], available: Collection[Language]
) -> Language:
    """``--lang``, else ``ESPACES_LANG``, else the locale, else French.

    Values are assumed valid here; the command line reports invalid ones.
    """
    for value in (flag, environ.get("ESPACES_LANG") or None):
        if value is not None:
            chosen = parse_language(value, available)
            if chosen is not None:
                return chosen
    return locale_language(environ, available) or DEFAULT_LANGUAGE
