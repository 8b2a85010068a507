"""The value a recommendation is: every report is a rendering of an ``Advice``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from espaces_cli.core.model import Answers, Fact, Localized, Need, Pointer, RuleBaseId, SpaceType

Confidence = Literal["clear", "narrow", "tie"]
ItemSource = Literal["general", "type", "answers"]

CLEAR_MARGIN = 10.0
TIE_MARGIN = 1.0


@dataclass(frozen=True)
class FiredRule:
    id: str
    because: Localized
    add: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Ranked:
    """A type's place: its score on the fixed 0–100 scale and each criterion's share of it."""

    space_type: SpaceType
    score: float
    rank: int
    contributions: tuple[tuple[str, float], ...]
    missing_needs: tuple[Need, ...] = ()
    """The ticked needs this type does not cover."""
    above_budget: bool = False
    """Even its cheapest offer costs more than the budget."""
    held_back: bool = False
    """Ranked after the types that cover every ticked need (within budget), whatever its score."""


@dataclass(frozen=True)
class Excluded:
    space_type: SpaceType
    reasons: tuple[Localized, ...]


@dataclass(frozen=True)
class Flip:
    """Dropping ``criterion`` would put ``new_winner`` first."""

    criterion: str
    new_winner: str


@dataclass(frozen=True)
class Certainty:
    level: Confidence
    margin: float
    flips: tuple[Flip, ...]


@dataclass(frozen=True)
class Item:
    """A precaution or checklist line and why it is there."""

    text: Localized
    source: ItemSource
    id: str | None = None


@dataclass(frozen=True)
class Advice:
    rule_base: RuleBaseId
    answers: Answers
    weights: tuple[tuple[str, float], ...]
    fired_rules: tuple[FiredRule, ...]
    ranking: tuple[Ranked, ...]
    excluded: tuple[Excluded, ...]
    certainty: Certainty
    top_criteria: tuple[tuple[str, float], ...]
    gap: tuple[tuple[str, float], ...]
    advantages: tuple[Localized, ...]
    precautions: tuple[Item, ...]
    checklist: tuple[Item, ...]
    criterion_labels: Mapping[str, Localized]
    needs: tuple[Need, ...] = ()
    """The needs the person ticked that the rule base knows how to check."""
    budget_ceiling: int | None = None
    facts: tuple[Fact, ...] = ()
    """The recommended type's dated facts."""
    pointers: tuple[Pointer, ...] = ()
    """Support networks without premises that these answers call for."""

    @property
    def ex_aequo(self) -> tuple[Ranked, ...]:
        """The types named together at the top: within 1 point of the leader, by score."""
        return tuple(r for r in self.ranking if r.rank == 1)

    @property
    def held_back(self) -> tuple[Ranked, ...]:
        return tuple(r for r in self.ranking if r.held_back)

    @property
    def winner(self) -> Ranked | None:
        return self.ranking[0] if self.ranking else None

    @property
    def runner_up(self) -> Ranked | None:
        return self.ranking[1] if len(self.ranking) > 1 else None
