"""Ask about a visit in a terminal: a choice among a few answers, or a line of free text.

questionary is imported only when a question is really asked; the plain asker (numbered
choices, one line typed per answer) serves screen readers and dumb terminals.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TextIO

from espaces_cli.core.encoding import fit_encoding
from espaces_cli.core.layout import after, hanging
from espaces_cli.language import _, listed

Check = Callable[[str], str | None]
"""Returns why a typed text is refused, or ``None`` when it is fine."""


class VisitAsker(Protocol):
    def choose(self, message: str, choices: Sequence[tuple[str, str]], default: str) -> str: ...

    def text(self, message: str, check: Check, default: str = "") -> str: ...


class TerminalVisitAsker:
    """Arrow-key menus and text prompts drawn on stderr; Ctrl-C raises ``KeyboardInterrupt``."""

    def __init__(
        self,
        *,
        input: Any = None,
        output: Any = None,
        echo: TextIO | None = None,
        width: int | None = None,
    ) -> None:
        self._input = input
        self._output = output
        self._echo = echo if echo is not None else sys.stderr
        self._width = width

    def _io(self) -> dict[str, Any]:
        if self._output is None:
            from prompt_toolkit.output import create_output

            self._output = create_output(stdout=self._echo)
        io: dict[str, Any] = {"output": self._output}
        if self._input is not None:
            io["input"] = self._input
        return io

    def choose(self, message: str, choices: Sequence[tuple[str, str]], default: str) -> str:
        import questionary

        # questionary draws "? " before the message and " » " before a choice
        options = [
            questionary.Choice(title=after("   ", label, self._width), value=value)
            for value, label in choices
        ]
        picked = questionary.select(
            after("? ", message, self._width),
            choices=options,
            default=next((o for o in options if o.value == default), None),
            instruction=_("(flèches ↑↓ pour choisir, Entrée pour valider)"),
            qmark="?",
            **self._io(),
        ).unsafe_ask()
        return str(picked)

    def text(self, message: str, check: Check, default: str = "") -> str:
        import questionary

        def valid(typed: str) -> bool | str:
            problem = check(typed)
            return True if problem is None else problem

        typed = questionary.text(
            after("? ", message, self._width),
            default=default,
            validate=valid,
            qmark="?",
            **self._io(),
        ).unsafe_ask()
        return str(typed)


class PlainVisitAsker:
    """One question per line, choices numbered; an empty line keeps the value in brackets."""

    def __init__(
        self, *, read: Callable[[], str], echo: TextIO | None = None, width: int | None = None
    ) -> None:
        self._read = read
        self._echo = echo if echo is not None else sys.stderr
        self._width = width

    def _say(self, text: str, *, first: str = "", rest: str = "") -> None:
        """One line of the dialogue, wrapped at spaces to the terminal's width."""
        wrapped = hanging(text, self._width, first=first, rest=rest)
        print(
            fit_encoding(wrapped, getattr(self._echo, "encoding", None)),
            file=self._echo,
            flush=True,
        )

    def _line(self) -> str:
        line = self._read()
        if line == "":
            raise KeyboardInterrupt  # end of input: stop as Ctrl-C does
        return line.strip()

    def choose(self, message: str, choices: Sequence[tuple[str, str]], default: str) -> str:
        self._say(message)
        for number, (_value, label) in enumerate(choices, start=1):
            mark = f"  {number}. "
            self._say(label, first=mark, rest=" " * len(mark))
        ids = [value for value, _label in choices]
        kept = ids.index(default) + 1 if default in ids else None
        while True:
            hint = _("Tapez un numéro")
            if kept is not None:
                hint = listed([hint, _("Entrée seule garde {numbers}", numbers=kept)])
            self._say(_("{hints} :", hints=hint))
            typed = self._line()
            if typed == "" and kept is not None:
                return default
            if typed.isdigit() and 1 <= int(typed) <= len(ids):
                return ids[int(typed) - 1]
            self._say(_("Numéros possibles : de 1 à {count}.", count=len(ids)))

    def text(self, message: str, check: Check, default: str = "") -> str:
        while True:
            suffix = f" [{default}]" if default else ""
            self._say(f"{message}{suffix}")
            typed = self._line() or default
            problem = check(typed)
            if problem is None:
                return typed
            self._say(problem)
