"""The command line before Typer reads it: ``--lang`` anywhere, a bare ``--resume``."""

from __future__ import annotations

from collections.abc import Mapping

from espaces_cli.core.errors import UsageError
from espaces_cli.core.messages import Language, choose_language, parse_language
from espaces_cli.core.text import printable
from espaces_cli.language import _, available, use

LAST_RECOVERY = "<dernière>"
"""What a bare ``--resume`` stands for: the last recovery file kept."""


def bare_resume(argv: list[str]) -> list[str]:
    """Let ``--resume`` stand alone: Typer options cannot take an optional value."""
    out: list[str] = []
    for index, arg in enumerate(argv):
        out.append(arg)
        following = argv[index + 1] if index + 1 < len(argv) else None
        if arg == "--resume" and (following is None or following.startswith("-")):
            out.append(LAST_RECOVERY)
    return out


def split_language(argv: list[str]) -> tuple[list[str], str | None]:
    """Take ``--lang X`` / ``--lang=X`` out of ``argv``, wherever it is (the last one wins).

    The language must be known before Typer parses anything: its help and its errors are
    written in it.
    """
    rest: list[str] = []
    wanted: str | None = None
    args = iter(argv)
    for arg in args:
        if arg == "--":
            rest += [arg, *args]
            break
        if arg == "--lang":
            wanted = next(args, None)
            if wanted is None:
                raise UsageError(_("--lang attend une langue : {languages}.", languages=_listed()))
        elif arg.startswith("--lang="):
            wanted = arg.partition("=")[2]
        else:
            rest.append(arg)
    return rest, wanted


def wanted_language(flag: str | None, environ: Mapping[str, str]) -> Language:
    """The language of this run; an unknown ``--lang`` or ``ESPACES_LANG`` is refused."""
    # a refusal is worded in the language the locale alone would give
    languages = available()
    locale_only = {k: v for k, v in environ.items() if k != "ESPACES_LANG"}
    use(choose_language(None, locale_only, languages))
    for source, value in (("--lang", flag), ("ESPACES_LANG", environ.get("ESPACES_LANG"))):
        if value and parse_language(value, languages) is None:
            raise UsageError(
                _(
                    "{source} : langue inconnue « {value} » ({languages}).",
                    source=source,
                    value=printable(value),
                    languages=_listed(),
                )
            )
    return choose_language(flag, environ, languages)


def _listed() -> str:
    """The languages there are catalogs for, as a reader lists them (« fr ou en »)."""
    languages = available()
    if len(languages) == 1:
        return languages[0]
    return _("{some} ou {last}", some=", ".join(languages[:-1]), last=languages[-1])
