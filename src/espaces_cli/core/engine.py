"""Screen, weigh, score, rank, explain, and say how sure (design §4). Pure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

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
from espaces_cli.core.conditions import holds, questions_read
from espaces_cli.core.model import (
    Answers,
    AnswerValue,
    Condition,
    Guarded,
    Need,
    RuleBase,
    SpaceType,
)

FIT_MAX = 4
TOP_CRITERIA = 3


def screen(rule_base: RuleBase, answers: Answers) -> tuple[list[SpaceType], list[Excluded]]:
    """Set aside the types a knock-out rules out, with every reason that holds."""
    return Engine(rule_base).screen(answers)


def weigh(rule_base: RuleBase, answers: Answers) -> tuple[dict[str, float], list[FiredRule]]:
    """Add the points of every rule that holds, clamp at 0, normalise to sum 1.

    When no criterion gets any weight, every criterion counts the same.
    """
    return Engine(rule_base).weigh(answers)


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


@dataclass(frozen=True)
class Standing:
    """What holds a type back for these answers, whatever the weights."""

    missing: tuple[Need, ...] = ()
    above_budget: bool = False


def ticked_needs(rule_base: RuleBase, answers: Answers) -> tuple[Need, ...]:
    return tuple(need for need in rule_base.needs if holds(need.when, answers))


def budget_ceiling(rule_base: RuleBase, answers: Answers) -> int | None:
    """The most a place may cost for these answers, or ``None`` when no ceiling applies."""
    ceiling = rule_base.budget_ceiling
    if ceiling is None:
        return None
    answer = answers.get(ceiling.question)
    return next((euros for choice, euros in ceiling.ceilings if choice == answer), None)


def standings(
    rule_base: RuleBase, answers: Answers, types: Sequence[SpaceType]
) -> dict[str, Standing]:
    """Each type's missing needs and whether it is above the budget (types without either
    are left out)."""
    needs = ticked_needs(rule_base, answers)
    ceiling = budget_ceiling(rule_base, answers)
    found: dict[str, Standing] = {}
    for space_type in types:
        missing = tuple(n for n in needs if space_type.fit.get(n.criterion, 0) < n.min_fit)
        cost = space_type.cost
        above = ceiling is not None and cost is not None and cost.low > ceiling
        if missing or above:
            found[space_type.id] = Standing(missing, above)
    return found


def tiers(types: Sequence[SpaceType], standing: Mapping[str, Standing]) -> dict[str, int]:
    """0 for the types nothing holds back; a need missed weighs more than the budget.

    A need counts only while some type covers every ticked need; the budget only while
    some type is within it.
    """
    if not standing:
        return dict.fromkeys((t.id for t in types), 0)
    plain = Standing()
    needs_apply = any(not standing.get(t.id, plain).missing for t in types)
    budget_applies = any(not standing.get(t.id, plain).above_budget for t in types)
    found = {}
    for space_type in types:
        state = standing.get(space_type.id, plain)
        found[space_type.id] = 2 * (needs_apply and bool(state.missing)) + (
            budget_applies and state.above_budget
        )
    return found


def leader(
    types: Sequence[SpaceType], scores: Mapping[str, float], standing: Mapping[str, Standing]
) -> tuple[str | None, float]:
    """The type ``rank`` puts first, and its lead over the next type nothing holds back more.

    The same order as ``rank`` (tier, then score, then file order) without building it.
    """
    if not types:
        return None, 0.0
    tier = tiers(types, standing)
    best = min(types, key=lambda t: (tier[t.id], -scores[t.id]))
    rivals = [scores[t.id] for t in types if t is not best and tier[t.id] == tier[best.id]]
    return best.id, scores[best.id] - max(rivals) if rivals else scores[best.id]


def rank(
    types: Sequence[SpaceType],
    weights: Mapping[str, float],
    standing: Mapping[str, Standing] | None = None,
) -> tuple[Ranked, ...]:
    """Sort by score after the types held back; types within 1 point share a rank.

    Inside a shared rank the order is still the score's (file order only between exactly
    equal scores): a lower score is never named before a higher one.
    """
    standing = standing or {}
    tier = tiers(types, standing)
    order = {t.id: i for i, t in enumerate(types)}
    scored = sorted(
        ((t, score(t, weights)) for t in types),
        key=lambda pair: (tier[pair[0].id], -pair[1], order[pair[0].id]),
    )
    groups: list[list[tuple[SpaceType, float]]] = []
    for pair in scored:
        if (
            groups
            and tier[groups[-1][0][0].id] == tier[pair[0].id]
            and groups[-1][0][1] - pair[1] < TIE_MARGIN
        ):
            groups[-1].append(pair)
        else:
            groups.append([pair])
    plain = Standing()
    ranking: list[Ranked] = []
    for group in groups:
        place = len(ranking) + 1
        for space_type, points in group:
            parts = contributions(space_type, weights)
            state = standing.get(space_type.id, plain)
            ranking.append(
                Ranked(
                    space_type,
                    points,
                    place,
                    tuple(parts.items()),
                    missing_needs=state.missing,
                    above_budget=state.above_budget,
                    held_back=tier[space_type.id] > 0,
                )
            )
    return tuple(ranking)


def _certainty(ranking: Sequence[Ranked], weights: Mapping[str, float]) -> Certainty:
    if not ranking:
        return Certainty("tie", 0.0, ())
    if len(ranking) == 1:
        return Certainty("clear", ranking[0].score, ())
    winner, second = ranking[0], ranking[1]
    margin = winner.score - second.score
    # only the types that are not held back compete for first place
    rivals = [r for r in ranking if r.held_back == winner.held_back]
    lead = winner.score - rivals[1].score if len(rivals) > 1 else CLEAR_MARGIN
    flips: list[Flip] = []
    # Dropping criterion c and renormalising turns each score s into
    # (s - 100 × w(c) × fit(c) / 4) / (1 - w(c)): one pass per criterion over the types,
    # not a whole re-ranking (a 300 × 300 rule base stays instant).
    total = sum(weights.values())
    for criterion_id, weight in weights.items():
        rest = total - weight
        if weight <= 0 or rest <= 0 or len(rivals) < 2:
            continue
        without = [
            (r.score - 100 * weight * r.space_type.fit.get(criterion_id, 0) / FIT_MAX) / rest
            for r in rivals
        ]
        leader = max(without)
        new_first = next(
            r.space_type.id for r, s in zip(rivals, without, strict=True) if s == leader
        )
        if new_first != winner.space_type.id:
            flips.append(Flip(criterion_id, new_first))
    level: Confidence
    if lead < TIE_MARGIN:
        level = "tie"
    elif lead >= CLEAR_MARGIN and not flips:
        level = "clear"
    else:
        level = "narrow"
    return Certainty(level, margin, tuple(flips))


def _items(guarded: Sequence[Guarded], answers: Answers, plain_source: ItemSource) -> list[Item]:
    return [
        Item(g.text, "answers" if g.when is not None else plain_source, g.id)
        for g in guarded
        if holds(g.when, answers)
    ]


def advise(rule_base: RuleBase, answers: Answers) -> Advice:
    """Turn answers into a recommendation with its reasons, certainty and checklists."""
    return Engine(rule_base).advise(answers)


def advise_on_weights(
    rule_base: RuleBase,
    answers: Answers,
    weights: Mapping[str, float],
    fired: Sequence[FiredRule],
    kept: Sequence[SpaceType],
    excluded: Sequence[Excluded],
) -> Advice:
    """Rank, explain and list items from given weights: one person's, or a group's mean."""
    ranking = rank(kept, weights, standings(rule_base, answers, kept))
    certainty = _certainty(ranking, weights)
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
        advantages=tuple(
            g.text
            for g in (winner.space_type.advantages if winner else ())
            if holds(g.when, answers)
        ),
        precautions=tuple(precautions),
        checklist=tuple(checklist),
        criterion_labels={c.id: c.label for c in rule_base.criteria},
        needs=ticked_needs(rule_base, answers),
        budget_ceiling=budget_ceiling(rule_base, answers),
        facts=winner.space_type.facts if winner else (),
        pointers=tuple(p for p in rule_base.pointers if holds(p.when, answers)),
    )


@dataclass(frozen=True)
class Profile:
    """What one person's answers give, without the explanation: weights (in criterion
    order), the rules fired, the types ruled out, every type's score, and the first type."""

    weights: tuple[float, ...]
    fired: frozenset[str]
    excluded: frozenset[str]
    scores: tuple[float, ...]
    first: str | None
    margin: float


# what the conditions reading one question do for one answer to it:
# points (criterion index, points), rules fired (positions), knock-outs (type, exclusion)
_Effect = tuple[tuple[tuple[int, float], ...], tuple[int, ...], tuple[tuple[int, int], ...]]
# a condition with what it does when it holds
_Entry = tuple[Condition | None, tuple[tuple[int, float], ...], int | None, tuple[int, int] | None]


class Engine:
    """A rule base prepared for scoring: the one path that ``advise``, groups, coverage and
    batches all take.

    Rules and knock-outs that read a single question are grouped by that question, and
    what they do is worked out once per distinct answer and remembered (in a workshop or
    a batch, thousands of people share each answer); the others are evaluated with
    ``holds`` for each person. The memory is this value's own, never shared between rule
    bases.
    """

    def __init__(self, rule_base: RuleBase) -> None:
        self.rule_base = rule_base
        self.criteria = tuple(c.id for c in rule_base.criteria)
        index = {c: i for i, c in enumerate(self.criteria)}
        self._fits = tuple(
            tuple(t.fit.get(c, 0) for c in self.criteria) for t in rule_base.space_types
        )
        entries: list[_Entry] = [
            (rule.when, tuple((index[c], p) for c, p in rule.add), position, None)
            for position, rule in enumerate(rule_base.weight_rules)
        ]
        entries += [
            (exclusion.when, (), None, (t, e))
            for t, space_type in enumerate(rule_base.space_types)
            for e, exclusion in enumerate(space_type.exclude_if)
        ]
        by_question: dict[str, list[_Entry]] = {}
        self._others: list[_Entry] = []
        for entry in entries:
            read = questions_read(entry[0])
            if len(read) == 1:
                by_question.setdefault(next(iter(read)), []).append(entry)
            else:
                self._others.append(entry)
        self._by_question = [
            (question, group, dict[AnswerValue | None, _Effect]())
            for question, group in by_question.items()
        ]

    @staticmethod
    def _effect(entries: Sequence[_Entry], answers: Answers) -> _Effect:
        adds: list[tuple[int, float]] = []
        fired: list[int] = []
        knocked: list[tuple[int, int]] = []
        for condition, points, rule, knock in entries:
            if holds(condition, answers):
                adds.extend(points)
                if rule is not None:
                    fired.append(rule)
                if knock is not None:
                    knocked.append(knock)
        return tuple(adds), tuple(fired), tuple(knocked)

    def _walk(self, answers: Answers) -> tuple[list[float], set[int], set[tuple[int, int]]]:
        """Raw points per criterion, the rules that fire and the knock-outs that hold."""
        raw = [0.0] * len(self.criteria)
        fired: set[int] = set()
        knocked: set[tuple[int, int]] = set()
        effects = []
        for question, entries, seen in self._by_question:
            value = answers.get(question)
            effect = seen.get(value)
            if effect is None:
                effect = seen[value] = self._effect(entries, answers)
            effects.append(effect)
        effects.append(self._effect(self._others, answers))
        for adds, rules, knocks in effects:
            for i, points in adds:
                raw[i] += points
            fired.update(rules)
            knocked.update(knocks)
        return raw, fired, knocked

    def _weights(self, raw: Sequence[float]) -> dict[str, float]:
        return normalise({c: max(0.0, p) for c, p in zip(self.criteria, raw, strict=True)})

    def _kept(self, knocked: set[tuple[int, int]]) -> list[SpaceType]:
        out = {t for t, _ in knocked}
        return [t for i, t in enumerate(self.rule_base.space_types) if i not in out]

    def _fired(self, fired: set[int]) -> list[FiredRule]:
        rules = self.rule_base.weight_rules
        return [FiredRule(r.id, r.because, r.add) for i, r in enumerate(rules) if i in fired]

    def _excluded(self, knocked: set[tuple[int, int]]) -> list[Excluded]:
        return [
            Excluded(t, tuple(x.reason for e, x in enumerate(t.exclude_if) if (i, e) in knocked))
            for i, t in enumerate(self.rule_base.space_types)
            if any((i, e) in knocked for e in range(len(t.exclude_if)))
        ]

    def weigh(self, answers: Answers) -> tuple[dict[str, float], list[FiredRule]]:
        """Normalised weights and the rules that fired, in the file's order."""
        raw, fired, _ = self._walk(answers)
        return self._weights(raw), self._fired(fired)

    def screen(self, answers: Answers) -> tuple[list[SpaceType], list[Excluded]]:
        """The types kept, and those ruled out with every reason that holds (file order)."""
        _, _, knocked = self._walk(answers)
        return self._kept(knocked), self._excluded(knocked)

    def advise(self, answers: Answers) -> Advice:
        """Turn answers into a recommendation with its reasons, certainty and checklists."""
        raw, fired, knocked = self._walk(answers)
        return advise_on_weights(
            self.rule_base,
            answers,
            self._weights(raw),
            self._fired(fired),
            self._kept(knocked),
            self._excluded(knocked),
        )

    def profile(self, answers: Answers) -> Profile:
        """Weights, knock-outs, every type's score and the first type, as ``advise`` has them."""
        raw, fired, knocked = self._walk(answers)
        weights = self._weights(raw)
        types = self.rule_base.space_types
        # ``score``'s sum in the same order: a zero weight adds exactly nothing
        active = [(i, w) for i, w in enumerate(weights.values()) if w]
        scores = tuple(sum(100 * w * fit[i] / FIT_MAX for i, w in active) for fit in self._fits)
        kept = self._kept(knocked)
        first, margin = leader(
            kept,
            {t.id: s for t, s in zip(types, scores, strict=True)},
            standings(self.rule_base, answers, kept),
        )
        rules = self.rule_base.weight_rules
        return Profile(
            weights=tuple(weights.values()),
            fired=frozenset(rules[i].id for i in fired),
            excluded=frozenset(types[t].id for t, _ in knocked),
            scores=scores,
            first=first,
            margin=margin if first is not None else 0.0,
        )
