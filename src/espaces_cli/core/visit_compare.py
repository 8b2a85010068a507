"""Rank the places seen: type fit, what the visit showed, one's own rating (docs/visits.md).

score = 40 % type fit + 40 % visit + 20 % rating, each part on 0–100 and shown apart:

- **type fit**: the engine's score of the place's type for the notebook's answers, as a
  share of the best type's score (the recommended type gives 100); 0 for a type the
  engine ruled out for these answers, which is also flagged;
- **visit**: the checklist items answered, ``oui`` 1, ``partiel`` ½, ``non`` 0, averaged;
  an item not asked is not counted but listed « à demander »; nothing checked gives 0;
- **rating**: one's own feeling, 1 → 0 and 5 → 100; no rating gives 0.

A ``non`` on an item tied to a precaution (a general item, the sheet's own precautions,
or one these answers call for) is a red flag. A place with a red flag, above the budget
ceiling, or of a type ruled out is ranked after the others whatever its score. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from espaces_cli.core.advice import Item
from espaces_cli.core.engine import Engine, budget_ceiling, score
from espaces_cli.core.model import Localized, RuleBase
from espaces_cli.core.visit import OUTCOMES, Notebook, Outcome, Visit, visit_items

TYPE_WEIGHT = 0.4
VISIT_WEIGHT = 0.4
RATING_WEIGHT = 0.2
OUTCOME_VALUE: Mapping[Outcome, float] = {"oui": 1.0, "partiel": 0.5, "non": 0.0}


@dataclass(frozen=True)
class RedFlag:
    """A ``non`` on an item tied to a precaution, with the note taken on the visit."""

    item: Item
    note: str = ""


@dataclass(frozen=True)
class PlaceResult:
    visit: Visit
    type_label: Localized
    rank: int
    score: float
    type_fit: float
    """0–100: the type's engine score as a share of the best type's."""
    visit_value: float | None
    """0–100 over the items answered; ``None`` when none was."""
    rating_value: float | None
    counts: tuple[tuple[Outcome, int], ...]
    red_flags: tuple[RedFlag, ...]
    unknown: tuple[Item, ...]
    """The checklist items still to ask."""
    within_budget: bool | None
    """``None`` when the price or the ceiling is unknown."""
    excluded_reasons: tuple[Localized, ...]
    """Why the engine ruled this type out for these answers (empty when it did not)."""

    @property
    def parts(self) -> tuple[float, float, float]:
        """The points each part adds to the score: type, visit, rating (they add up)."""
        return (
            TYPE_WEIGHT * self.type_fit,
            VISIT_WEIGHT * (self.visit_value or 0.0),
            RATING_WEIGHT * (self.rating_value or 0.0),
        )

    @property
    def held_back(self) -> bool:
        return bool(self.red_flags or self.excluded_reasons) or self.within_budget is False

    def count(self, outcome: Outcome) -> int:
        return dict(self.counts)[outcome]


@dataclass(frozen=True)
class Comparison:
    places: tuple[PlaceResult, ...]
    budget_ceiling: int | None
    best_type: str | None
    """The type the engine recommends for these answers."""

    @property
    def chosen(self) -> PlaceResult | None:
        return self.places[0] if self.places else None


def visit_value(visit: Visit, items: tuple[Item, ...]) -> float | None:
    answered = [OUTCOME_VALUE[visit.outcome(i.id)] for i in items if i.id and _asked(visit, i)]
    return 100 * sum(answered) / len(answered) if answered else None


def _asked(visit: Visit, item: Item) -> bool:
    return item.id is not None and visit.outcome(item.id) != "inconnu"


def rating_value(rating: int | None) -> float | None:
    return None if rating is None else 100 * (rating - 1) / 4


def compare(rule_base: RuleBase, notebook: Notebook) -> Comparison:
    """Score and rank every place of the notebook for its answers."""
    engine = Engine(rule_base)
    answers = notebook.answers
    weights, _fired = engine.weigh(answers)
    kept, excluded = engine.screen(answers)
    reasons = {e.space_type.id: e.reasons for e in excluded}
    scores = {t.id: score(t, weights) for t in rule_base.space_types}
    best = max((scores[t.id] for t in kept), default=0.0)
    ceiling = budget_ceiling(rule_base, answers)
    best_type = engine.profile(answers).first
    results = []
    for visit in notebook.visits:
        space_type = rule_base.space_type(visit.type_id)
        items = visit_items(rule_base, answers, visit.type_id)
        ruled_out = reasons.get(visit.type_id, ())
        fit = 0.0 if ruled_out or best <= 0 else 100 * scores[visit.type_id] / best
        value = visit_value(visit, items)
        rated = rating_value(visit.rating)
        counts = tuple(
            (o, sum(1 for i in items if i.id and visit.outcome(i.id) == o)) for o in OUTCOMES
        )
        flags = tuple(
            RedFlag(i, visit.note(i.id))
            for i in items
            if i.id and visit.outcome(i.id) == "non" and i.source != "type"
        )
        within = (
            None if visit.price_month is None or ceiling is None else visit.price_month <= ceiling
        )
        total = TYPE_WEIGHT * fit + VISIT_WEIGHT * (value or 0.0) + RATING_WEIGHT * (rated or 0.0)
        results.append(
            PlaceResult(
                visit=visit,
                type_label=space_type.label,
                rank=0,
                score=total,
                type_fit=fit,
                visit_value=value,
                rating_value=rated,
                counts=counts,
                red_flags=flags,
                unknown=tuple(i for i in items if not _asked(visit, i)),
                within_budget=within,
                excluded_reasons=ruled_out,
            )
        )
    order = {id(r): n for n, r in enumerate(results)}
    ranked = sorted(results, key=lambda r: (r.held_back, -r.score, order[id(r)]))
    places = tuple(replace(r, rank=n) for n, r in enumerate(ranked, start=1))
    return Comparison(places, ceiling, best_type)
