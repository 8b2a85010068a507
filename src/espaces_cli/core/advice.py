"""The value a recommendation is: every report is a rendering of an ``Advice``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from espaces_cli.core.model import Answers, RuleBaseId, SpaceType, Text

Confidence = Literal["clear", "narrow", "tie"]
ItemSource = Literal["general", "type", "answers"]

CLEAR_MARGIN = 10.0
TIE_MARGIN = 1.0


@dataclass(frozen=True)
class FiredRule:
    id: str
    because: Text
    add: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Ranked:
    """A type's place: its score on the fixed 0–100 scale and each criterion's share of it."""

    space_type: SpaceType
    score: float
    rank: int
    contributions: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Excluded:
    space_type: SpaceType
    reasons: tuple[Text, ...]


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

    text: Text
    source: ItemSource


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
    advantages: tuple[Text, ...]
    precautions: tuple[Item, ...]
    checklist: tuple[Item, ...]
    criterion_labels: Mapping[str, Text]

    @property
    def winner(self) -> Ranked | None:
        return self.ranking[0] if self.ranking else None

    @property
    def runner_up(self) -> Ranked | None:
        return self.ranking[1] if len(self.ranking) > 1 else None
