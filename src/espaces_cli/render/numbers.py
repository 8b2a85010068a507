"""Numbers as the reader writes them: points with their decimal mark and agreed word, bars."""

from __future__ import annotations

from espaces_cli.language import _n, active


def points(value: float) -> str:
    """One decimal as the reader writes it: ``81,2`` in French, ``81.2`` in English."""
    text = f"{value:.1f}".replace("-", "−").replace("−0.0", "0.0")
    return text if active() == "en" else text.replace(".", ",")


def points_count(value: float) -> int:
    """The count that picks the grammatical number of « point » for ``value`` as shown.

    French keeps the singular below two (« 1,5 point »), English only for exactly one
    (“1.5 points”); gettext's plural rules take whole numbers, so the choice is made here.
    """
    rounded = round(abs(value), 1)
    if active() == "en":
        return 1 if rounded == 1.0 else 2
    return 1 if rounded < 2 else 2


def points_word(value: float) -> str:
    """``7,4 points``, ``1,1 point``: a number of points with its word, properly agreed."""
    return _n("{points} point", "{points} points", points_count(value), points=points(value))


def signed(value: float) -> str:
    return ("+" if value >= 0 else "") + points(value)


def bar(score: float, width: int = 20) -> str:
    """A score bar on the fixed 0–100 scale, in eighths of a cell."""
    eighths = round(max(0.0, min(100.0, score)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)
