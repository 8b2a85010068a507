"""One question per screen: which question comes next or before, and how far along it is.

The questionnaire's state travels in the page itself (hidden fields), so that it works
without JavaScript and a server restart loses nothing a participant has typed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from espaces_cli.core.answers import applies, find_question, parse_value, planned_count
from espaces_cli.core.model import AnswerValue, Question, RuleBase


@dataclass(frozen=True)
class Step:
    """The question on screen, its place among those asked, and its value so far."""

    question: Question
    number: int
    total: int
    preset: tuple[str, ...]


def walk(
    rule_base: RuleBase, answers: Mapping[str, AnswerValue]
) -> tuple[list[Question], dict[str, AnswerValue]]:
    """The questions that apply, in order, and the answers kept (those of questions that apply)."""
    kept: dict[str, AnswerValue] = {}
    asked: list[Question] = []
    for question in rule_base.questions:
        if not applies(question, kept):
            continue
        asked.append(question)
        if question.id in answers:
            kept[question.id] = answers[question.id]
    return asked, kept


def step(rule_base: RuleBase, answers: Mapping[str, AnswerValue], question: Question) -> Step:
    asked, kept = walk(rule_base, answers)
    ids = [q.id for q in asked]
    position = ids.index(question.id) if question.id in ids else 0
    before = {q.id: kept[q.id] for q in asked[:position] if q.id in kept}
    total = max(position + 1, planned_count(rule_base, before))
    value = kept.get(question.id, answers.get(question.id, question.default))
    preset: tuple[str, ...]
    if value is None:
        preset = ()
    elif isinstance(value, str):
        preset = (value,)
    else:
        preset = tuple(value)
    return Step(question, position + 1, total, preset)


def first(rule_base: RuleBase, answers: Mapping[str, AnswerValue]) -> Question:
    asked, _kept = walk(rule_base, answers)
    return asked[0]


def following(
    rule_base: RuleBase, answers: Mapping[str, AnswerValue], current: Question
) -> Question | None:
    """The next question that applies after ``current`` (``None``: the questionnaire is done)."""
    asked, _kept = walk(rule_base, answers)
    ids = [q.id for q in asked]
    if current.id not in ids:
        return asked[0] if asked else None
    index = ids.index(current.id)
    return asked[index + 1] if index + 1 < len(asked) else None


def previous(
    rule_base: RuleBase, answers: Mapping[str, AnswerValue], current: Question
) -> Question | None:
    asked, _kept = walk(rule_base, answers)
    ids = [q.id for q in asked]
    if current.id not in ids:
        return None
    index = ids.index(current.id)
    return asked[index - 1] if index > 0 else None


def carried_answers(
    rule_base: RuleBase, fields: Sequence[tuple[str, str]], prefix: str = "a."
) -> dict[str, AnswerValue]:
    """The answers a page carries in its hidden fields (``a.<question>``), checked again.

    They came from this server, but a page can be edited: every value is checked as the
    command line checks it, and the same messages explain a bad one.
    """
    raw: dict[str, list[str]] = {}
    for key, value in fields:
        if key.startswith(prefix):
            raw.setdefault(key[len(prefix) :], []).append(value)
    answers: dict[str, AnswerValue] = {}
    for raw_id, values in raw.items():
        question = find_question(rule_base, raw_id)
        present = [v for v in values if v != ""]
        if question.kind == "one" and not present:
            continue
        answers[question.id] = parse_value(question, present)
    return answers


def answer_of(question: Question, values: Sequence[str]) -> AnswerValue:
    """The value given on screen for ``question``, checked as the command line checks it."""
    return parse_value(question, [v for v in values if v != ""])
