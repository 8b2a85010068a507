"""Agreement statistics for a group: rank helpers, Kendall's W, entropy, Borda, pairwise majority.

All take plain numbers so they can be checked against hand-computed examples.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def average_ranks(scores: Sequence[float]) -> list[float]:
    """Rank 1 for the highest score; equal scores share the mean of their ranks."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    ranks = [0.0] * len(scores)
    position = 0
    while position < len(order):
        end = position
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[position]]:
            end += 1
        shared = (position + end) / 2 + 1
        for k in range(position, end + 1):
            ranks[order[k]] = shared
        position = end + 1
    return ranks


def _tie_term(ranks: Sequence[float]) -> float:
    counts: dict[float, int] = {}
    for rank in ranks:
        counts[rank] = counts.get(rank, 0) + 1
    return float(sum(t**3 - t for t in counts.values() if t > 1))


def kendall_w(rank_rows: Sequence[Sequence[float]]) -> float | None:
    """Kendall's coefficient of concordance, corrected for ties.

    ``rank_rows[j][i]`` is the rank rater ``j`` gives object ``i``. ``None`` when it is not
    defined: fewer than two raters or objects, or raters who tie everything.
    """
    m = len(rank_rows)
    n = len(rank_rows[0]) if rank_rows else 0
    if m < 2 or n < 2:
        return None
    totals = [sum(row[i] for row in rank_rows) for i in range(n)]
    mean = m * (n + 1) / 2
    s = sum((total - mean) ** 2 for total in totals)
    denominator = m * m * (n**3 - n) - m * sum(_tie_term(row) for row in rank_rows)
    if denominator <= 0:
        return None
    return 12 * s / denominator


def normalised_entropy(counts: Sequence[int], categories: int) -> float | None:
    """Shannon entropy of a distribution over ``categories``, scaled to [0, 1].

    0: everyone in one category; 1: spread evenly over all. ``None`` under two observations.
    """
    total = sum(counts)
    if total < 2 or categories < 2:
        return None
    entropy = -sum((c / total) * math.log(c / total) for c in counts if c)
    return entropy / math.log(categories)


def borda(rank_rows: Sequence[Sequence[float]]) -> list[float]:
    """Borda points: each rater gives ``n - rank`` to each object (ties share)."""
    n = len(rank_rows[0]) if rank_rows else 0
    return [sum(n - row[i] for row in rank_rows) for i in range(n)]


def pairwise_wins(rank_rows: Sequence[Sequence[float]]) -> list[list[int]]:
    """``wins[a][b]``: how many raters put ``a`` strictly before ``b``."""
    n = len(rank_rows[0]) if rank_rows else 0
    wins = [[0] * n for _ in range(n)]
    for row in rank_rows:
        for a in range(n):
            for b in range(n):
                if row[a] < row[b]:
                    wins[a][b] += 1
    return wins


def condorcet_winner(wins: Sequence[Sequence[int]]) -> int | None:
    """The object that beats every other by a strict pairwise majority, if one does."""
    n = len(wins)
    for a in range(n):
        if all(wins[a][b] > wins[b][a] for b in range(n) if b != a):
            return a
    return None
