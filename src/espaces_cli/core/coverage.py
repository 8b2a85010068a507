"""How often each type comes first over many answer sets, with one example each."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from espaces_cli.core.engine import Engine
from espaces_cli.core.model import Answers, AnswerValue, RuleBase


@dataclass(frozen=True)
class TypeCoverage:
    type_id: str
    wins: int
    example: Answers | None


@dataclass(frozen=True)
class Coverage:
    mode: str
    explored: int
    seed: int | None
    types: tuple[TypeCoverage, ...]

    @property
    def never_first(self) -> tuple[str, ...]:
        return tuple(t.type_id for t in self.types if t.wins == 0)


def cover(
    rule_base: RuleBase,
    answer_sets: Iterable[dict[str, AnswerValue]],
    *,
    mode: str,
    seed: int | None,
) -> Coverage:
    """Count first places; for each winner keep the answers where it leads by the most."""
    wins = {t.id: 0 for t in rule_base.space_types}
    examples: dict[str, tuple[float, Answers]] = {}
    explored = 0
    engine = Engine(rule_base)
    for answers in answer_sets:
        explored += 1
        profile = engine.profile(answers)
        winner, margin = profile.first, profile.margin
        if winner is None:
            continue
        wins[winner] += 1
        if winner not in examples or margin > examples[winner][0]:
            examples[winner] = (margin, answers)
    return Coverage(
        mode=mode,
        explored=explored,
        seed=seed,
        types=tuple(
            TypeCoverage(tid, n, examples[tid][1] if tid in examples else None)
            for tid, n in wins.items()
        ),
    )
