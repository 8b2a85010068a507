"""Typer's own words (usage line, help sections, usage errors) in the active language.

Typer ≥ 0.29 carries its own copy of Click, whose words are English literals: gettext cannot
reach them. So the commands are built with the classes below, which write the help from
the parameters themselves, and ``main`` shows usage errors with ``usage_error_text``. Help
texts are French templates of the catalog, translated when the help is written.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterable, Mapping
from enum import Enum
from types import MappingProxyType
from typing import Any, ClassVar

import typer
from typer.core import TyperCommand, TyperGroup

from espaces_cli.language import N_, _, _n, quote

#: Help of the options Typer and Click add by themselves.
BUILT_IN_HELP = {
    "help": N_("Afficher cette aide et quitter."),
    "install_completion": N_("Installer la complétion pour le shell courant."),
    "show_completion": N_(
        "Afficher le script de complétion du shell courant, pour le copier ou l'adapter."
    ),
}


#: How every command's help shows ``--lang`` (the main command has it as a real option).
LANG_RECORD = (
    "--lang <fr|en>",
    N_("Langue des messages ; sinon ESPACES_LANG, puis la langue du système, puis fr."),
)


def help_key(text: str | None) -> str:
    """The catalog key of a help text (docstrings are compared once cleaned)."""
    return inspect.cleandoc(text or "").partition("\f")[0]


def short_help(text: str | None, limit: int) -> str:
    """The first sentence of a translated help, cut on a word to fit ``limit``."""
    words = _(help_key(text)).split("\n\n")[0].replace("\n", " ")
    sentence = re.split(r"(?<=[.!?]) ", words, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def _value_text(value: Any) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, list | tuple):
        return ", ".join(_value_text(v) for v in value)
    return str(value)


def metavar(param: Any) -> str:
    """What a parameter's value is called: its metavar (translated) or its choices."""
    if param.metavar is not None:
        return _(param.metavar)
    choices = getattr(getattr(param, "type_descriptor", None), "choices", None)
    if choices:
        return "<" + "|".join(_value_text(c) for c in choices) + ">"
    return param.name.upper() if param.name else ""


def help_record(param: Any) -> tuple[str, str] | None:
    """(names, help) of one parameter for the help's tables, in the active language."""
    if getattr(param, "hidden", False):
        return None
    if param.param_type_name == "argument":
        names = metavar(param)
    else:
        opts = sorted(param.opts, key=lambda o: (len(o) - len(o.lstrip("-")), o))
        names = ", ".join(opts + list(param.secondary_opts))
        if not getattr(param, "is_flag", False) and not getattr(param, "count", False):
            names += f" {metavar(param)}"
    text = _(BUILT_IN_HELP.get(param.name or "", param.help or ""))
    extras = []
    default = param.default
    if (
        getattr(param, "show_default", False)
        and param.param_type_name == "option"
        and not getattr(param, "is_flag", False)
        and default not in (None, (), [])
    ):
        extras.append(_("défaut : {value}", value=_value_text(default)))
    if param.envvar:
        extras.append(_("variable : {name}", name=param.envvar))
    if param.required:
        extras.append(_("obligatoire"))
    if extras:
        text = f"{text}  [{'; '.join(extras)}]"
    return names, text


class _Localised:
    """Help written from the parameters, in the active language (mixed into Typer's classes)."""

    help: str | None
    options_metavar: str | None
    get_params: Any  # Click's, found after this class in the method order

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.usage_pieces(ctx)), _("Usage : "))

    def usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(metavar(param))
        return pieces

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        key = help_key(self.help)
        if key:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(_(key))

    def format_options(self, ctx: Any, formatter: Any) -> None:
        params = self.get_params(ctx)
        self._section(formatter, _("Arguments"), params, "argument")
        # --lang is read wherever it stands (main() takes it out before Typer parses): every
        # command's help says so, the main one from its own option
        lang = [] if any(p.name == "lang" for p in params) else [LANG_RECORD]
        self._section(formatter, _("Options"), params, "option", lang)

    @staticmethod
    def _section(
        formatter: Any,
        title: str,
        params: Iterable[Any],
        kind: str,
        extra: Iterable[tuple[str, str]] = (),
    ) -> None:
        rows = [
            record
            for p in params
            if p.param_type_name == kind and (record := help_record(p)) is not None
        ]
        rows[-1:-1] = [(names, _(text)) for names, text in extra] if rows else []
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class LocalCommand(_Localised, TyperCommand):
    """A Typer command whose help speaks the active language."""


def install_completion(ctx: Any, param: Any, value: Any) -> Any:
    """Typer's ``--install-completion``, saying what it did in the active language."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    from espaces_cli.cli.context import environment

    shell, path = install(shell=value) if isinstance(value, str) else install()
    environment(ctx).lines(
        _("Complétion {shell} installée dans {path}.", shell=shell, path=path),
        _("Elle fonctionnera dans les nouveaux terminaux."),
    )
    raise SystemExit(0)


class LocalGroup(_Localised, TyperGroup):
    """A Typer group whose help (commands included) speaks the active language."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Typer appends its completion options after building the group: swap the callback
        # of --install-completion here, just before they are parsed
        for param in self.params:
            if param.name == "install_completion":
                param.callback = install_completion
        parsed: list[str] = super().parse_args(ctx, args)
        return parsed

    def usage_pieces(self, ctx: Any) -> list[str]:
        return [*super().usage_pieces(ctx), _("COMMANDE [ARGS]...")]

    def help_of(self, ctx: Any, name: str) -> str | None:
        """The help text of command ``name`` for the listing (None: hidden or unknown)."""
        command = self.get_command(ctx, name)
        return None if command is None or command.hidden else str(command.help or "")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        commands = [
            (name, text)
            for name in self.list_commands(ctx)
            if (text := self.help_of(ctx, name)) is not None
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _text in commands)
        with formatter.section(_("Commandes")):
            formatter.write_dl([(name, short_help(text, limit)) for name, text in commands])


class RootGroup(LocalGroup):
    """The ``espaces`` group: its command groups are built only when one is used.

    Typer turns every command's signature into Click parameters when it builds a group;
    done for the whole tree it cost every run about a third of its start-up. The groups
    (``rules``, ``workshop``, ``visit``) are registered as ``lazy`` Typer apps and built
    the first time they are looked up; the listing of ``espaces --help`` reads their help
    text without building them.
    """

    lazy: ClassVar[Mapping[str, typer.Typer]] = MappingProxyType({})

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in self.lazy if n not in self.commands)]

    def get_command(self, ctx: Any, name: str) -> Any:
        found = super().get_command(ctx, name)
        if found is None and name in self.lazy:
            found = typer.main.get_command(self.lazy[name])
            found.name = name
            self.add_command(found, name)
        return found

    def help_of(self, ctx: Any, name: str) -> str | None:
        if name in self.lazy and name not in self.commands:
            return str(self.lazy[name].info.help or "")
        return super().help_of(ctx, name)


_EXTRA = re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)")
_NO_COMMAND = re.compile(r"No such command '(?P<name>.*?)'\.?(?: Did you mean (?P<close>.*)\?)?")
_NEEDS_VALUE = re.compile(r"Option '(?P<option>.*)' requires (?:an argument|(?P<n>\d+) arguments)")
_NO_VALUE = re.compile(r"Option '(?P<option>.*)' does not take a value")
_NOT_ONE_OF = re.compile(r"(?P<value>'.*') is not one of (?P<choices>.*)\.")
_AT_LEAST = re.compile(r"greater than or equal to (?P<n>-?\d+)")
_INTEGER = re.compile(r"valid integer|as an integer")


_CLICK_QUOTES = re.compile(r"'([^']*)'")


def _requoted(text: str) -> str:
    """Click quotes values with ``'…'``; the reader's language has its own marks."""
    return _CLICK_QUOTES.sub(lambda m: quote(m.group(1)), text)


def _bad_value(error: Any) -> str:
    """Why a value was refused, from Typer's (pydantic's) English message."""
    detail = str(error.message)
    if found := _NOT_ONE_OF.search(detail):
        return _(
            "{value} n'est pas l'une des valeurs possibles : {choices}.",
            value=_requoted(found["value"]),
            choices=_requoted(found["choices"]),
        )
    if found := _AT_LEAST.search(detail):
        return _("la valeur doit être au moins {n}.", n=found["n"])
    if _INTEGER.search(detail):
        return _("un nombre entier est attendu.")
    return detail


def _hint(error: Any) -> str:
    param = getattr(error, "param", None)
    if getattr(error, "param_hint", None):
        hint = error.param_hint
        return " / ".join(hint) if isinstance(hint, list | tuple) else str(hint)
    if param is None:
        return ""
    if param.param_type_name == "argument":
        return metavar(param)
    return " / ".join(sorted(param.opts, key=len, reverse=True))


def error_message(error: Any) -> str:
    """A Click usage error's message, in the active language."""
    kind = type(error).__name__
    message = str(getattr(error, "message", error))
    if kind == "NoSuchOption":
        text = _("Option inconnue : {option}.", option=error.option_name)
        if error.possibilities:
            text += " " + _(
                "Options proches : {options}.", options=", ".join(sorted(error.possibilities))
            )
        return text
    if kind == "MissingParameter":
        return _("Il manque « {name} ».", name=_hint(error))
    if kind == "BadParameter":
        return _("Valeur refusée pour « {name} » : {why}", name=_hint(error), why=_bad_value(error))
    if found := _NEEDS_VALUE.search(message):
        return _("L'option {option} attend une valeur.", option=found["option"])
    if found := _NO_VALUE.search(message):
        return _("L'option {option} ne prend pas de valeur.", option=found["option"])
    if found := _EXTRA.search(message):
        return _n(
            "Argument en trop : {args}.",
            "Arguments en trop : {args}.",
            len(found["args"].split()),
            args=found["args"],
        )
    if found := _NO_COMMAND.search(message):
        text = _("Commande inconnue : « {name} ».", name=found["name"])
        if found["close"]:
            text += " " + _("Vouliez-vous dire {names} ?", names=_requoted(found["close"]))
        return text
    if message.startswith("Missing command"):
        return _("Il manque la commande.")
    return message


def usage_error_text(error: Any) -> str:
    """What Click would print for a usage error, in the active language."""
    ctx = getattr(error, "ctx", None)
    if type(error).__name__ == "NoArgsIsHelpError":
        return str(ctx.get_help()) if ctx is not None else str(error.message)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _(
                    "Essayez « {command} {option} » pour l'aide.",
                    command=ctx.command_path,
                    option=ctx.help_option_names[0],
                )
            )
        lines.append("")
    lines.append(_("Erreur : {message}", message=error_message(error)))
    return "\n".join(lines)


def command_group(help_text: str) -> typer.Typer:
    """A group of commands (``rules``, ``workshop``, ``visit``) worded and shown like the others."""
    return typer.Typer(
        help=help_text,
        no_args_is_help=True,
        rich_markup_mode=None,
        cls=LocalGroup,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
