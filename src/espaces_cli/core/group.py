"""The group's recommendation: mean weights, majority knock-outs, cross-checks and consensus.

Each participant's answers give normalised weights (design §4); the group's weights are
their mean, and the usual engine ranks and explains on them. Borda and pairwise majority
over the participants' own rankings check that the mean does not hide a split.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from espaces_cli.core.advice import Advice, Excluded, FiredRule, Item, ItemSource
from espaces_cli.core.conditions import holds
from espaces_cli.core.consensus import (
    average_ranks,
    borda,
    condorcet_winner,
    kendall_w,
    normalised_entropy,
    pairwise_wins,
)
from espaces_cli.core.engine import Engine, Profile, advise_on_weights
from espaces_cli.core.model import AnswerValue, Guarded, Localized, RuleBase
from espaces_cli.core.session import Participant

DISCUSS = 3
EXCLUDED_SCORE = -1.0


@dataclass(frozen=True)
class GroupExclusion:
    excluded: Excluded
    count: int


@dataclass(frozen=True)
class CountedItem:
    item: Item
    count: int


@dataclass(frozen=True)
class CriterionSpread:
    criterion: str
    mean: float
    low: float
    high: float
    spread: float


@dataclass(frozen=True)
class QuestionSplit:
    question: str
    counts: tuple[tuple[str, int], ...]
    answered: int
    split: float


@dataclass(frozen=True)
class GroupAdvice:
    title: str
    participants: tuple[str, ...]
    advice: Advice
    fired_counts: tuple[tuple[str, int], ...]
    exclusions: tuple[GroupExclusion, ...]
    first_choices: tuple[tuple[str, str | None], ...]
    first_counts: tuple[tuple[str, int], ...]
    borda_points: tuple[tuple[str, float], ...]
    borda_winner: str | None
    condorcet: str | None
    agrees: bool
    kendall_w: float | None
    entropy: float | None
    spreads: tuple[CriterionSpread, ...]
    """Every criterion, the most disputed first; the first few are the ones to discuss."""
    splits: tuple[QuestionSplit, ...]
    precautions: tuple[CountedItem, ...]
    checklist: tuple[CountedItem, ...]
    # the participants for whom the recommended type is ruled out (a minority, or it would
    # not be recommended), and why: the group must not learn it only at the visit
    winner_excluded_for: tuple[str, ...] = ()
    winner_exclusion_reasons: tuple[Localized, ...] = ()

    @property
    def size(self) -> int:
        return len(self.participants)


def _counted_items(
    groups: Sequence[tuple[Sequence[Guarded], ItemSource]], participants: Sequence[Participant]
) -> tuple[CountedItem, ...]:
    """Each item once, with how many participants it concerns (every one, for unguarded)."""
    counted: dict[str, tuple[Item, int]] = {}
    for guarded, plain in groups:
        for g in guarded:
            if g.when is None:
                count = len(participants)
            else:
                count = sum(1 for p in participants if holds(g.when, p.answers))
            if count == 0:
                continue
            source: ItemSource = "answers" if g.when is not None else plain
            key = g.text.fr
            if key in counted:
                item, previous = counted[key]
                counted[key] = (item, max(previous, count))
            else:
                counted[key] = (Item(g.text, source), count)
    return tuple(CountedItem(item, count) for item, count in counted.values())


def _spreads(rule_base: RuleBase, profiles: Sequence[Profile]) -> tuple[CriterionSpread, ...]:
    found = []
    for index, criterion in enumerate(rule_base.criteria):
        values = [p.weights[index] for p in profiles]
        mean = sum(values) / len(values)
        deviation = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values))
        found.append(CriterionSpread(criterion.id, mean, min(values), max(values), deviation))
    return tuple(sorted(found, key=lambda s: -s.spread))


def _splits(rule_base: RuleBase, participants: Sequence[Participant]) -> tuple[QuestionSplit, ...]:
    found = []
    for question in rule_base.questions:
        given = [p.answers[question.id] for p in participants if question.id in p.answers]
        if len(given) < 2:
            continue
        counts = []
        for choice in question.choice_ids():
            if question.kind == "one":
                counts.append((choice, sum(1 for v in given if v == choice)))
            else:
                counts.append((choice, sum(1 for v in given if choice in v)))
        if question.kind == "one":
            split = normalised_entropy([c for _, c in counts], len(counts)) or 0.0
        else:
            split = max(1 - abs(2 * c / len(given) - 1) for _, c in counts)
        found.append(
            QuestionSplit(question.id, tuple(c for c in counts if c[1]), len(given), split)
        )
    return tuple(sorted(found, key=lambda s: -s.split))


def advise_group(
    rule_base: RuleBase, title: str, participants: Sequence[Participant]
) -> GroupAdvice:
    """The group's recommendation for participants whose answers are already checked."""
    if not participants:
        raise ValueError("a group needs at least one participant")
    ids = [t.id for t in rule_base.space_types]
    engine = Engine(rule_base)
    cache: dict[tuple[tuple[str, AnswerValue], ...], Profile] = {}
    profiles = []
    for participant in participants:
        key = tuple(participant.answers.items())
        if key not in cache:
            cache[key] = engine.profile(participant.answers)
        profiles.append(cache[key])
    n = len(profiles)
    mean_weights = {
        c.id: sum(p.weights[i] for p in profiles) / n for i, c in enumerate(rule_base.criteria)
    }
    excluded_counts = {tid: sum(1 for p in profiles if tid in p.excluded) for tid in ids}
    majority = {tid for tid, k in excluded_counts.items() if 2 * k > n}
    exclusions = []
    for space_type in rule_base.space_types:
        if space_type.id in majority:
            reasons: list[Localized] = []
            for exclusion in space_type.exclude_if:
                if exclusion.reason not in reasons and any(
                    holds(exclusion.when, p.answers) for p in participants
                ):
                    reasons.append(exclusion.reason)
            exclusions.append(
                GroupExclusion(Excluded(space_type, tuple(reasons)), excluded_counts[space_type.id])
            )
    kept = [t for t in rule_base.space_types if t.id not in majority]
    fired_counts = [
        (rule, sum(1 for p in profiles if rule.id in p.fired)) for rule in rule_base.weight_rules
    ]
    fired = [FiredRule(r.id, r.because, r.add) for r, k in fired_counts if k]
    advice = advise_on_weights(
        rule_base, {}, mean_weights, fired, kept, [e.excluded for e in exclusions]
    )
    rank_rows = [
        average_ranks(
            [
                EXCLUDED_SCORE if tid in p.excluded else s
                for s, tid in zip(p.scores, ids, strict=True)
            ]
        )
        for p in profiles
    ]
    points = borda(rank_rows)
    kept_ids = [t.id for t in kept]
    kept_index = [ids.index(tid) for tid in kept_ids]
    borda_winner = max(kept_ids, key=lambda tid: points[ids.index(tid)]) if kept_ids else None
    wins = pairwise_wins([[row[i] for i in kept_index] for row in rank_rows]) if kept_ids else []
    winner_index = condorcet_winner(wins) if kept_ids else None
    condorcet = kept_ids[winner_index] if winner_index is not None else None
    group_first = advice.winner.space_type.id if advice.winner else None
    agrees = n == 1 or (group_first is not None and borda_winner == group_first == condorcet)
    first_counts = dict.fromkeys(ids, 0)
    for p in profiles:
        if p.first is not None:
            first_counts[p.first] += 1
    winner_type = advice.winner.space_type if advice.winner else None
    item_groups_p: list[tuple[Sequence[Guarded], ItemSource]] = [
        (rule_base.general_precautions, "general")
    ]
    item_groups_c: list[tuple[Sequence[Guarded], ItemSource]] = [
        (rule_base.general_checklist, "general")
    ]
    if winner_type is not None:
        item_groups_p.append((winner_type.precautions, "type"))
        item_groups_c.append((winner_type.checklist, "type"))
    excluded_for: tuple[str, ...] = ()
    excluded_why: list[Localized] = []
    if winner_type is not None:
        excluded_for = tuple(
            pa.name
            for pa, pr in zip(participants, profiles, strict=True)
            if winner_type.id in pr.excluded
        )
        for exclusion in winner_type.exclude_if:
            if exclusion.reason not in excluded_why and any(
                holds(exclusion.when, pa.answers) for pa in participants
            ):
                excluded_why.append(exclusion.reason)
    return GroupAdvice(
        title=title,
        participants=tuple(p.name for p in participants),
        advice=advice,
        fired_counts=tuple((r.id, k) for r, k in fired_counts if k),
        exclusions=tuple(exclusions),
        first_choices=tuple(
            (pa.name, pr.first) for pa, pr in zip(participants, profiles, strict=True)
        ),
        first_counts=tuple((tid, k) for tid, k in first_counts.items() if k),
        borda_points=tuple(zip(ids, points, strict=True)),
        borda_winner=borda_winner,
        condorcet=condorcet,
        agrees=agrees,
        kendall_w=kendall_w(rank_rows),
        entropy=normalised_entropy(list(first_counts.values()), len(ids)),
        spreads=_spreads(rule_base, profiles),
        splits=tuple(s for s in _splits(rule_base, participants) if s.split >= 0.5)[:DISCUSS],
        precautions=_counted_items(item_groups_p, participants),
        checklist=_counted_items(item_groups_c, participants),
        winner_excluded_for=excluded_for,
        winner_exclusion_reasons=tuple(excluded_why) if excluded_for else (),
    )
