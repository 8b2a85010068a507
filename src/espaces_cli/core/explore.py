"""Walk the space of possible answers: exhaustively when it is small, by seeded sample otherwise.

Every answer set produced respects the questionnaire: a question is answered only when its
condition holds for the answers before it, as at the prompt.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Iterator, Sequence

from espaces_cli.core.conditions import holds, questions_read
from espaces_cli.core.model import AnswerValue, Condition, Question, RuleBase

PLAUSIBLE_PICKS = 3


def question_values(question: Question) -> Iterator[AnswerValue]:
    """Every answer a question admits (all subsets for a several-choice question).

    Lazily: callers bound the walk with ``space_bound`` first, whatever the choice count.
    """
    ids = question.choice_ids()
    if question.kind == "one":
        yield from ids
        return
    for size in range(question.min_choices, len(ids) + 1):
        yield from itertools.combinations(ids, size)


def _value_count(question: Question) -> int:
    n = len(question.choices)
    if question.kind == "one":
        return n
    return (1 << n) - sum(math.comb(n, k) for k in range(question.min_choices))


def space_bound(questions: Iterable[Question]) -> int:
    """An upper bound of the number of answer sets (conditions ignored)."""
    total = 1
    for question in questions:
        total *= max(1, _value_count(question))
    return total


def enumerate_answers(questions: Sequence[Question]) -> Iterator[dict[str, AnswerValue]]:
    """Every answer set over ``questions`` (in order), conditions respected."""

    def walk(index: int, answers: dict[str, AnswerValue]) -> Iterator[dict[str, AnswerValue]]:
        if index == len(questions):
            yield dict(answers)
            return
        question = questions[index]
        if not holds(question.when, answers):
            yield from walk(index + 1, answers)
            return
        for value in question_values(question):
            answers[question.id] = value
            yield from walk(index + 1, answers)
            del answers[question.id]

    yield from walk(0, {})


def sample_answers(
    questions: Sequence[Question], count: int, seed: int
) -> Iterator[dict[str, AnswerValue]]:
    """``count`` plausible answer sets drawn with a seeded generator (same seed, same sets).

    Single-choice answers are uniform; a several-choice question gets between its minimum
    and three ticks, as people answer, rather than a uniform subset of everything.
    """
    rng = random.Random(seed)
    for _ in range(count):
        answers: dict[str, AnswerValue] = {}
        for question in questions:
            if not holds(question.when, answers):
                continue
            ids = question.choice_ids()
            if question.kind == "one":
                answers[question.id] = rng.choice(ids)
            else:
                upper = min(len(ids), max(question.min_choices, PLAUSIBLE_PICKS))
                picked = set(rng.sample(ids, rng.randint(question.min_choices, upper)))
                answers[question.id] = tuple(c for c in ids if c in picked)
        yield answers


def questions_behind(rule_base: RuleBase, condition: Condition | None) -> list[Question]:
    """The questions a condition reads, with those their own conditions read, in file order."""
    wanted = set(questions_read(condition))
    grew = True
    while grew:
        more = set().union(
            *(
                questions_read(rule_base.question(q).when)
                for q in wanted
                if rule_base.has_question(q)
            )
        )
        grew = not more <= wanted
        wanted |= more
    return [q for q in rule_base.questions if q.id in wanted]


def can_hold(rule_base: RuleBase, condition: Condition | None, limit: int = 100_000) -> bool | None:
    """Tell whether some answers to the questionnaire make ``condition`` true.

    ``None`` when the questions involved are too many to try every combination.
    """
    if condition is None:
        return True
    questions = questions_behind(rule_base, condition)
    if space_bound(questions) > limit:
        return None
    return any(holds(condition, answers) for answers in enumerate_answers(questions))
