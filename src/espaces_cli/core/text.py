"""User text made safe to show: controls, escapes and bidi tricks made visible, JSON with
nothing hidden. (Fitting text to a console's encoding is ``core.encoding``.)"""

from __future__ import annotations

import json
import re

# Characters that act on a terminal or on the layout instead of showing: C0 and C1 controls
# (ESC, BEL, NEL…), DEL, the line and paragraph separators, bidi controls, lone surrogates.
# As regular-expression ranges; JSON escapes the C0 controls itself, not the others.
HIDDEN_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
HIDDEN = "\x00-\x1f" + HIDDEN_BEYOND_C0
_HIDDEN = re.compile(f"[{HIDDEN}]")
# a backslash the reader could take for the start of an escape is doubled, so none is ambiguous
_LOOKS_ESCAPED = re.compile(f"\\\\(?=[\\\\xuUnrt{HIDDEN}])")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Show text that did not come from the program: on one line, nothing a terminal obeys.

    Control characters, line breaks and bidi controls become visible escapes (``\\x1b``,
    ``\\n``, ``\\u2028``); a backslash that would read as one is doubled, so the visible
    form always says exactly what the text was. Ordinary text comes back unchanged.
    """
    if "\\" not in text and _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_visible, _LOOKS_ESCAPED.sub(r"\\\\", text))


def visible(text: str) -> str:
    """``text`` as is, unless it holds a hidden character: then its ``printable`` form.

    The last guard before a line reaches a terminal: text already made printable passes
    unchanged (never escaped twice).
    """
    return text if _HIDDEN.search(text) is None else printable(text)


_RAW_IN_JSON = re.compile(f"[{HIDDEN_BEYOND_C0}]")


def json_visible(document: object, *, indent: int | None = None) -> str:
    """``document`` as UTF-8 JSON in which nothing a terminal or a line reader obeys is raw.

    ``json.dumps`` escapes C0 controls but leaves DEL, C1 (U+0085), U+2028/U+2029, bidi
    controls and lone surrogates raw; outside C0 they can only be inside strings, where
    a ``\\u`` escape keeps the value exact. NaN and infinities are refused: no JSON reader
    accepts them.
    """
    dumped = json.dumps(document, ensure_ascii=False, indent=indent, allow_nan=False)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)
