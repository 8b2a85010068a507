"""Text that did not come from the program, made literal in Markdown: the one escaper.

Names, titles and rule-base texts are untrusted: once the Markdown is rendered they must
show as typed, never as HTML, a link, an image, emphasis, a heading, a list or a table break.
"""

from __future__ import annotations

import re

from espaces_cli.core.text import printable

# backslash-escaped everywhere: CommonMark and GitHub read "\\" + ASCII punctuation literally
_PUNCTUATION = re.compile(r"[\\`*_{}\[\]|~$#]")
# at the start of a block these would open a list, a quote or a rule
_BLOCK_START = re.compile(r"^(?:[=+-]|[0-9]+(?=[.)]))")
_EDGE_SPACES = re.compile(r"^\s+|\s+$")
# a source shown as a link only when nothing in it needs escaping
_PLAIN_URL = re.compile(r"https?://[A-Za-z0-9._~:/?#@!$'*+,;=%-]+")
_BACKTICKS = re.compile(r"`+")


def md_text(text: str) -> str:
    """``text`` as Markdown that renders literally, on one line (fits a table cell too).

    Control characters and line breaks become visible escapes (``printable``), ``& < >``
    become entities, Markdown punctuation gets a backslash, and what would start a block
    (``- + =`` or ``1.``) is escaped at the start.
    """
    escaped = _PUNCTUATION.sub(r"\\\g<0>", printable(text))
    escaped = escaped.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _BLOCK_START.sub(_escape_block_start, escaped)
    # spaces at the edges would be dropped: keep them as characters
    return _EDGE_SPACES.sub(_entities, escaped)


def _escape_block_start(match: re.Match[str]) -> str:
    """``- x`` -> ``\\- x``; ``1. x`` -> ``1\\. x`` (the mark, not the number, is escaped)."""
    mark = match.group()
    return "\\" + mark if not mark.isdigit() else mark + "\\"


def _entities(match: re.Match[str]) -> str:
    return "".join(f"&#{ord(char)};" for char in match.group())


def md_source(url: str, word: str) -> str:
    """A rule-base source: a link named ``word`` when the URL is plain, else the URL as text."""
    if _PLAIN_URL.fullmatch(url):
        return f"[{md_text(word)}]({url})"
    return md_text(url)


def md_code_block(text: str, language: str = "") -> str:
    """A fenced code block that no backtick run inside ``text`` can close."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{printable(text)}\n{fence}"
