"""Screen, weigh, score, rank, explain, and say how sure (design §4). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from espaces_cli.core.advice import (
    CLEAR_MARGIN,
    TIE_MARGIN,
    Advice,
    Certainty,
    Confidence,
    Excluded,
    FiredRule,
    Flip,
    Item,
    ItemSource,
    Ranked,
)
from espaces_cli.core.conditions import holds
from espaces_cli.core.model import Answers, Guarded, RuleBase, SpaceType

FIT_MAX = 4
TOP_CRITERIA = 3


def screen(rule_base: RuleBase, answers: Answers) -> tuple[list[SpaceType], list[Excluded]]:
    """Set aside the types a knock-out rules out, with every reason that holds."""
    kept: list[SpaceType] = []
    excluded: list[Excluded] = []
    for space_type in rule_base.space_types:
        reasons = tuple(ex.reason for ex in space_type.exclude_if if holds(ex.when, answers))
        if reasons:
            excluded.append(Excluded(space_type, reasons))
        else:
            kept.append(space_type)
    return kept, excluded


def weigh(rule_base: RuleBase, answers: Answers) -> tuple[dict[str, float], list[FiredRule]]:
    """Add the points of every rule that holds, clamp at 0, normalise to sum 1.

    When no criterion gets any weight, every criterion counts the same.
    """
    raw = {criterion.id: 0.0 for criterion in rule_base.criteria}
    fired: list[FiredRule] = []
    for rule in rule_base.weight_rules:
        if holds(rule.when, answers):
            fired.append(FiredRule(rule.id, rule.because, rule.add))
            for criterion_id, points in rule.add:
                raw[criterion_id] += points
    clamped = {c: max(0.0, points) for c, points in raw.items()}
    return normalise(clamped), fired


def normalise(raw: Mapping[str, float]) -> dict[str, float]:
    total = sum(raw.values())
    if total <= 0:
        return {c: 1 / len(raw) for c in raw} if raw else {}
    return {c: points / total for c, points in raw.items()}


def contributions(space_type: SpaceType, weights: Mapping[str, float]) -> dict[str, float]:
    """Each criterion's points in the type's score: 100 × w × fit / 4; they add up to it."""
    return {c: 100 * w * space_type.fit.get(c, 0) / FIT_MAX for c, w in weights.items()}


def score(space_type: SpaceType, weights: Mapping[str, float]) -> float:
    """The sum of the contributions, in the same order, without building them."""
    fit = space_type.fit
    return sum(100 * w * fit.get(c, 0) / FIT_MAX for c, w in weights.items())


def rank(types: Sequence[SpaceType], weights: Mapping[str, float]) -> tuple[Ranked, ...]:
    """Sort by score; types within 1 point of a group's leader share its rank, in file order."""
    order = {t.id: i for i, t in enumerate(types)}
    scored = sorted(
        ((t, score(t, weights)) for t in types), key=lambda pair: (-pair[1], order[pair[0].id])
    )
    groups: list[list[tuple[SpaceType, float]]] = []
    for pair in scored:
        if groups and groups[-1][0][1] - pair[1] < TIE_MARGIN:
            groups[-1].append(pair)
        else:
            groups.append([pair])
    ranking: list[Ranked] = []
    for group in groups:
        place = len(ranking) + 1
        for space_type, points in sorted(group, key=lambda pair: order[pair[0].id]):
            parts = contributions(space_type, weights)
            ranking.append(Ranked(space_type, points, place, tuple(parts.items())))
    return tuple(ranking)


def _certainty(types: Sequence[SpaceType], weights: Mapping[str, float]) -> Certainty:
    ranking = rank(types, weights)
    if not ranking:
        return Certainty("tie", 0.0, ())
    if len(ranking) == 1:
        return Certainty("clear", ranking[0].score, ())
    winner, second = ranking[0], ranking[1]
    margin = winner.score - second.score
    flips: list[Flip] = []
    # Dropping criterion c and renormalising turns each score s into
    # (s - 100 × w(c) × fit(c) / 4) / (1 - w(c)): one pass per criterion over the types,
    # not a whole re-ranking (a 300 × 300 rule base stays instant).
    scores = {r.space_type.id: r.score for r in ranking}
    total = sum(weights.values())
    for criterion_id, weight in weights.items():
        rest = total - weight
        if weight <= 0 or rest <= 0:
            continue
        without = [
            (scores[t.id] - 100 * weight * t.fit.get(criterion_id, 0) / FIT_MAX) / rest
            for t in types
        ]
        leader = max(without)
        new_first = next(
            t.id for t, s in zip(types, without, strict=True) if leader - s < TIE_MARGIN
        )
        if new_first != winner.space_type.id:
            flips.append(Flip(criterion_id, new_first))
    level: Confidence
    if margin < TIE_MARGIN:
        level = "tie"
    elif margin >= CLEAR_MARGIN and not flips:
        level = "clear"
    else:
        level = "narrow"
    return Certainty(level, margin, tuple(flips))


def _items(guarded: Sequence[Guarded], answers: Answers, plain_source: ItemSource) -> list[Item]:
    return [
        Item(g.text, "answers" if g.when is not None else plain_source)
        for g in guarded
        if holds(g.when, answers)
    ]


def advise(rule_base: RuleBase, answers: Answers) -> Advice:
    """Turn answers into a recommendation with its reasons, certainty and checklists."""
    kept, excluded = screen(rule_base, answers)
    weights, fired = weigh(rule_base, answers)
    return advise_on_weights(rule_base, answers, weights, fired, kept, excluded)


def advise_on_weights(
    rule_base: RuleBase,
    answers: Answers,
    weights: Mapping[str, float],
    fired: Sequence[FiredRule],
    kept: Sequence[SpaceType],
    excluded: Sequence[Excluded],
) -> Advice:
    """Rank, explain and list items from given weights: one person's, or a group's mean."""
    ranking = rank(kept, weights)
    certainty = _certainty(kept, weights)
    winner = ranking[0] if ranking else None
    second = ranking[1] if len(ranking) > 1 else None
    top: tuple[tuple[str, float], ...] = ()
    gap: tuple[tuple[str, float], ...] = ()
    precautions = _items(rule_base.general_precautions, answers, "general")
    checklist = _items(rule_base.general_checklist, answers, "general")
    if winner is not None:
        top = tuple(
            sorted(((c, p) for c, p in winner.contributions if p > 0), key=lambda cp: -cp[1])[
                :TOP_CRITERIA
            ]
        )
        if second is not None:
            w_fit, s_fit = winner.space_type.fit, second.space_type.fit
            deltas = (
                (c, 100 * w * (w_fit.get(c, 0) - s_fit.get(c, 0)) / FIT_MAX)
                for c, w in weights.items()
            )
            gap = tuple(sorted((d for d in deltas if d[1] != 0), key=lambda d: -abs(d[1])))
        precautions += _items(winner.space_type.precautions, answers, "type")
        checklist += _items(winner.space_type.checklist, answers, "type")
    return Advice(
        rule_base=rule_base.identity,
        answers=dict(answers),
        weights=tuple(weights.items()),
        fired_rules=tuple(fired),
        ranking=ranking,
        excluded=tuple(excluded),
        certainty=certainty,
        top_criteria=top,
        gap=gap,
        advantages=winner.space_type.advantages if winner else (),
        precautions=tuple(precautions),
        checklist=tuple(checklist),
        criterion_labels={c.id: c.label for c in rule_base.criteria},
    )
