"""What a run reads from its surroundings, read once: streams, terminals, colour, width,
variables (in the manner of httpie's ``Environment``).

Commands and helpers take what they need from this value instead of reading ``sys`` or
``os.environ`` themselves, so a test can run ``main(argv, env)`` in-process with the
streams and variables it chooses.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TextIO

from espaces_cli.core.encoding import fit_encoding
from espaces_cli.core.text import visible

DEFAULT_WIDTH = 80
DEFAULT_HEIGHT = 24
NARROWEST, WIDEST = 40, 500


def _is_terminal(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):  # a closed stream
        return False


def _stderr_width(fallback: int) -> int:
    """``COLUMNS`` when set (as ``shutil`` reads it), else stderr's terminal, else stdout's."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns or fallback
    except (AttributeError, ValueError, OSError):
        return fallback


@dataclass(frozen=True)
class Environment:
    """The streams and variables of one run, and what follows from them."""

    variables: Mapping[str, str] = field(default_factory=dict)
    stdin: TextIO | None = None
    stdout: TextIO | None = None
    stderr: TextIO | None = None
    stdin_is_terminal: bool = False
    stdout_is_terminal: bool = False
    stderr_is_terminal: bool = False
    terminal_width: int = DEFAULT_WIDTH
    terminal_height: int = DEFAULT_HEIGHT
    stderr_width: int = DEFAULT_WIDTH
    """The width of the terminal the questions are drawn on (stderr), which is not
    stdout's when the report goes to a file."""

    @classmethod
    def of_process(cls) -> Environment:
        """This process's streams and variables, as they are now."""
        size = shutil.get_terminal_size((DEFAULT_WIDTH, DEFAULT_HEIGHT))
        return cls(
            variables=dict(os.environ),
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_is_terminal=_is_terminal(sys.stdin),
            stdout_is_terminal=_is_terminal(sys.stdout),
            stderr_is_terminal=_is_terminal(sys.stderr),
            terminal_width=size.columns,
            terminal_height=size.lines,
            stderr_width=_stderr_width(size.columns),
        )

    def get(self, name: str) -> str | None:
        return self.variables.get(name)

    @property
    def dumb_terminal(self) -> bool:
        """``TERM=dumb``: plain prompts and plain text, no colour."""
        return self.variables.get("TERM") == "dumb"

    @property
    def colour(self) -> bool:
        """Colour on stdout: a terminal that is not dumb, and no ``NO_COLOR``."""
        if self.variables.get("NO_COLOR") or self.dumb_terminal:
            return False
        return self.stdout_is_terminal

    @property
    def width(self) -> int:
        """The terminal's width when stdout is one; otherwise ``COLUMNS``, or 80.

        Piped output follows what the reader asked for, never a width of our own choosing;
        a nonsensical ``COLUMNS`` (empty, negative, huge) falls back or is held in bounds.
        """
        if self.stdout_is_terminal:
            return max(NARROWEST, min(WIDEST, self.terminal_width))
        raw = (self.variables.get("COLUMNS") or "").strip()
        if not raw.isdigit() or int(raw) == 0:
            return DEFAULT_WIDTH
        return max(NARROWEST, min(WIDEST, int(raw)))

    @property
    def can_ask(self) -> bool:
        """Questions can be asked: stdin and stderr (where prompts are drawn) are terminals."""
        return self.stdin_is_terminal and self.stderr_is_terminal

    @property
    def binary_stdin(self) -> Any:
        return getattr(self.stdin, "buffer", None)

    def say(self, message: str) -> None:
        """One diagnostic on stderr: control characters from user text made visible."""
        if self.stderr is None:
            return
        safe = "\n".join(visible(line) for line in message.split("\n"))
        self.stderr.write(fit_encoding(safe, getattr(self.stderr, "encoding", None)) + "\n")
        self.stderr.flush()

    def out(self, text: str) -> None:
        """Results on stdout, in a form the console's encoding can write."""
        if self.stdout is None:
            return
        try:
            self.stdout.write(fit_encoding(text, getattr(self.stdout, "encoding", None)))
        except BrokenPipeError:
            from espaces_cli.files import reader_gone

            reader_gone()

    def lines(self, *lines: str) -> None:
        """Plain lines of results (user text in them made visible)."""
        self.out("".join(visible(line) + "\n" for line in lines))

    def flush(self) -> None:
        """Flush stdout; a reader that went away ends the run quietly."""
        if self.stdout is None:
            return
        try:
            self.stdout.flush()
        except BrokenPipeError:
            from espaces_cli.files import reader_gone

            reader_gone()
