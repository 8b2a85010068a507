"""Why a type ranks where it does: its fit on each criterion and the answers that move it."""

from __future__ import annotations

from dataclasses import dataclass

from espaces_cli.core.model import Need, RuleBase, SpaceType, WeightRule


@dataclass(frozen=True)
class Push:
    """An answer rule and how much it favours the type over the average type (fit points)."""

    rule: WeightRule
    lift: float


@dataclass(frozen=True)
class NeedCover:
    """Whether the type covers a need a person may tick (else it is held back for them)."""

    need: Need
    fit: int

    @property
    def covered(self) -> bool:
        return self.fit >= self.need.min_fit


@dataclass(frozen=True)
class TypeExplanation:
    space_type: SpaceType
    fits: tuple[tuple[str, int], ...]
    pushes: tuple[Push, ...]
    needs: tuple[NeedCover, ...] = ()


def _rule_fit(rule: WeightRule, space_type: SpaceType) -> float | None:
    positive = [(c, p) for c, p in rule.add if p > 0]
    total = sum(p for _, p in positive)
    if total == 0:
        return None
    return sum(p * space_type.fit.get(c, 0) for c, p in positive) / total


def explain_type(rule_base: RuleBase, type_id: str) -> TypeExplanation:
    """Rank the weight rules by how much their criteria suit this type more than the others.

    A rule's lift is the type's fit on the criteria the rule weighs (averaged by points)
    minus the same average over all types: above 0, that answer pushes the type up.
    """
    space_type = rule_base.space_type(type_id)
    pushes = []
    for rule in rule_base.weight_rules:
        own = _rule_fit(rule, space_type)
        if own is None:
            continue
        others = [_rule_fit(rule, t) or 0.0 for t in rule_base.space_types]
        pushes.append(Push(rule, own - sum(others) / len(others)))
    pushes.sort(key=lambda push: -push.lift)
    return TypeExplanation(
        space_type=space_type,
        fits=tuple((c.id, space_type.fit.get(c.id, 0)) for c in rule_base.criteria),
        pushes=tuple(pushes),
        needs=tuple(NeedCover(n, space_type.fit.get(n.criterion, 0)) for n in rule_base.needs),
    )
