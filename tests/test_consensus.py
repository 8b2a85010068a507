"""Group statistics against hand-computed examples."""

from __future__ import annotations

import math

import pytest

from espaces_cli.core.consensus import (
    average_ranks,
    borda,
    condorcet_winner,
    kendall_w,
    normalised_entropy,
    pairwise_wins,
)


def test_average_ranks_share_ties() -> None:
    assert average_ranks([10, 30, 20]) == [3.0, 1.0, 2.0]
    assert average_ranks([5, 5, 1, 5]) == [2.0, 2.0, 4.0, 2.0]


def test_kendall_w_perfect_agreement_is_one() -> None:
    rows = [[1, 2, 3, 4]] * 3
    assert kendall_w(rows) == pytest.approx(1.0)


def test_kendall_w_with_ties_by_hand() -> None:
    # Totals 3.5, 5.5, 9.5, 11.5; mean 7.5; S = 16 + 4 + 4 + 16 = 40.
    # Third rater has two pairs of ties: T = (2³ − 2) × 2 = 12.
    # W = 12 × 40 / (3² × (4³ − 4) − 3 × 12) = 480 / 504.
    rows = [[1, 2, 3, 4], [1, 2, 3, 4], [1.5, 1.5, 3.5, 3.5]]
    assert kendall_w(rows) == pytest.approx(480 / 504)


def test_kendall_w_opposite_raters_is_zero() -> None:
    assert kendall_w([[1, 2, 3], [3, 2, 1]]) == pytest.approx(0.0)


def test_kendall_w_is_undefined_for_one_rater_or_all_ties() -> None:
    assert kendall_w([[1, 2, 3]]) is None
    assert kendall_w([[2, 2, 2], [2, 2, 2]]) is None


def test_normalised_entropy_by_hand() -> None:
    # p = 1/2, 1/4, 1/4 over 4 categories: H = 1.5 bits, log2(4) = 2 bits.
    assert normalised_entropy([2, 1, 1, 0], 4) == pytest.approx(0.75)
    assert normalised_entropy([4, 0, 0], 3) == 0.0
    assert normalised_entropy([1, 1, 1], 3) == pytest.approx(1.0)
    assert normalised_entropy([1], 3) is None
    assert math.isclose(normalised_entropy([3, 1], 2) or 0, 0.811278, rel_tol=1e-5)


def test_borda_by_hand() -> None:
    rows = [[1, 2, 3], [2, 1, 3], [1, 3, 2]]
    assert borda(rows) == [5, 3, 1]
    assert borda([[1.5, 1.5, 3]]) == [1.5, 1.5, 0]


def test_pairwise_majority_and_condorcet_winner() -> None:
    rows = [[1, 2, 3], [2, 1, 3], [1, 3, 2]]
    wins = pairwise_wins(rows)
    assert wins[0][1] == 2
    assert wins[1][0] == 1
    assert wins[0][2] == 3
    assert wins[2][0] == 0
    assert condorcet_winner(wins) == 0


def test_a_cycle_has_no_condorcet_winner() -> None:
    rows = [[1, 2, 3], [3, 1, 2], [2, 3, 1]]
    assert condorcet_winner(pairwise_wins(rows)) is None
