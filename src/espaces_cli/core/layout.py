"""Text laid out for a terminal of a given width: wrapped at spaces under a hanging indent.

Prompts (questions, choices, the echo of an answer) and the visit notebook's questions share
it: a label is wrapped, never cut, at any width down to 60 columns.
"""

from __future__ import annotations

import re
import textwrap

GLUE = "\ue000"
"""Holds the space before « : ; ? ! » » and after « « » while wrapping: French never
starts a line with a colon or ends one with an opening quote."""

MIN_WIDTH = 20
"""Below this many columns, wrapping would leave too few per line to be of use."""


def hanging(text: str, width: int | None, *, first: str = "", rest: str = "") -> str:
    """``text`` after ``first``, wrapped at spaces to ``width`` columns, the lines after the
    first one after ``rest`` (a hanging indent). Wrapped, never cut: a word longer than a
    line stays whole. ``None``: one line, as the terminal takes it."""
    if width is None:
        return first + text
    glued = re.sub(r" (?=[:;?!»](?: |$))|(?:(?<=^«)|(?<= «)) ", GLUE, text)
    lines = textwrap.wrap(
        glued,
        width=max(width - 1, len(first) + MIN_WIDTH, len(rest) + MIN_WIDTH),
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )
    return "\n".join(lines).replace(GLUE, " ") if lines else first.rstrip()


def after(prefix: str, text: str, width: int | None, indent: int | None = None) -> str:
    """``text`` wrapped as if it followed ``prefix`` on its line (which another part of
    the screen draws), continuation lines under its start; ``prefix`` left out."""
    rest = " " * (len(prefix) if indent is None else indent)
    return hanging(text, width, first=prefix, rest=rest)[len(prefix) :]
