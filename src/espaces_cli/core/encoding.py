"""Text that every console can show: degrade to ASCII where the output encoding cannot cope."""

from __future__ import annotations

import codecs
import unicodedata

_SYMBOLS = str.maketrans(
    {
        "█": "#",
        "▉": "#",
        "▊": "#",
        "▋": "#",
        "▌": "#",
        "▍": "#",
        "▎": "#",
        "▏": "#",
        "●": "*",
        "○": "o",
        "•": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "…": "...",
        "«": '"',
        "»": '"',
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "←": "<-",
        "→": "->",
        "↑": "^",
        "↓": "v",
        "✔": "v",
        "☐": "[ ]",
        "€": "EUR",
        "×": "x",
        "≠": "!=",
        "∈": "dans",
        "∉": "hors de",
        "─": "-",
        "━": "-",
        "│": "|",
        "┃": "|",
        "╭": "+",
        "╮": "+",
        "╰": "+",
        "╯": "+",
        "┌": "+",
        "┐": "+",
        "└": "+",
        "┘": "+",
        "├": "+",
        "┤": "+",
        "┬": "+",
        "┴": "+",
        "┼": "+",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def to_ascii(text: str) -> str:
    """Replace symbols and box drawing by ASCII look-alikes and drop accents (é -> e)."""
    replaced = text.translate(_SYMBOLS)
    decomposed = unicodedata.normalize("NFKD", replaced)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.encode("ascii", "replace").decode("ascii")


def fit_encoding(text: str, encoding: str | None) -> str:
    """``text`` as is when ``encoding`` can write it; otherwise its closest readable form.

    Characters the encoding knows are kept (cp1252 keeps é), the rest degrade to ASCII.
    """
    if not encoding:
        return text
    try:
        codecs.lookup(encoding)
        text.encode(encoding)
        return text
    except LookupError:
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        try:
            ch.encode(encoding)
            out.append(ch)
        except UnicodeEncodeError:
            out.append(to_ascii(ch))
    return "".join(out)
