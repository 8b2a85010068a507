"""Warnings about a valid rule base: parts that can never act, or cannot be told apart.

Each finding names the place in the file (a path such as ``("criteria", "cout")``) so the
edge can turn it into ``file:line:col``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from espaces_cli.core.conditions import leaves, questions_read
from espaces_cli.core.engine import Engine
from espaces_cli.core.explore import can_hold, enumerate_answers, sample_answers, space_bound
from espaces_cli.core.messages import Message, msg
from espaces_cli.core.model import AnswerValue, Condition, RuleBase

Path = tuple[str | int, ...]
CLOSE_FITS = 2


@dataclass(frozen=True)
class Finding:
    path: Path
    message: Message


def explored_answers(
    rule_base: RuleBase, samples: int, seed: int, exhaustive_limit: int
) -> tuple[str, int, Iterable[dict[str, AnswerValue]]]:
    """Choose how to explore: ("exhaustive", n, sets) or ("sample", n, sets)."""
    bound = space_bound(rule_base.questions)
    if bound <= exhaustive_limit:
        return "exhaustive", bound, enumerate_answers(rule_base.questions)
    return "sample", samples, sample_answers(rule_base.questions, samples, seed)


def _all_conditions(rule_base: RuleBase) -> Iterator[tuple[Path, Condition | None]]:
    for question in rule_base.questions:
        yield ("questions", question.id, "when"), question.when
    for i, rule in enumerate(rule_base.weight_rules):
        yield ("weight_rules", i, "when"), rule.when
    for space_type in rule_base.space_types:
        for i, exclusion in enumerate(space_type.exclude_if):
            yield ("space_types", space_type.id, "exclude_if", i, "when"), exclusion.when
        for field, items in (
            ("precautions", space_type.precautions),
            ("checklist", space_type.checklist),
        ):
            for i, item in enumerate(items):
                yield ("space_types", space_type.id, field, i, "when"), item.when
    for field, items in (
        ("precautions", rule_base.general_precautions),
        ("checklist", rule_base.general_checklist),
    ):
        for i, item in enumerate(items):
            yield ("general", field, i, "when"), item.when


def static_findings(rule_base: RuleBase) -> list[Finding]:
    """The warnings that need no exploration of the answers."""
    found: list[Finding] = []
    weighed = {c for rule in rule_base.weight_rules for c, points in rule.add if points > 0}
    for criterion in rule_base.criteria:
        if criterion.id not in weighed:
            found.append(
                Finding(
                    ("criteria", criterion.id),
                    msg("aucune règle ne donne de poids au critère « {id} »", id=criterion.id),
                )
            )
    for path, condition in _all_conditions(rule_base):
        if condition is not None and can_hold(rule_base, condition) is False:
            what = {
                "questions": msg("cette question n'est jamais posée"),
                "weight_rules": msg("cette règle ne peut jamais s'appliquer"),
            }.get(str(path[0]), msg("cette condition n'est jamais vraie"))
            found.append(
                Finding(
                    path,
                    msg("{what} : aucune suite de réponses ne rend sa condition vraie", what=what),
                )
            )
    read_by_rules = set().union(
        *(questions_read(r.when) for r in rule_base.weight_rules),
        *(questions_read(n.when) for n in rule_base.needs),
    )
    if rule_base.budget_ceiling is not None:
        read_by_rules.add(rule_base.budget_ceiling.question)
    for question in rule_base.questions:
        if question.id not in read_by_rules:
            found.append(
                Finding(
                    ("questions", question.id),
                    msg(
                        "les réponses à « {id} » ne changent aucun score "
                        "(aucune règle de poids ne la lit)",
                        id=question.id,
                    ),
                )
            )
    mentioned = _mentioned_choices(
        [r.when for r in rule_base.weight_rules]
        + [e.when for t in rule_base.space_types for e in t.exclude_if]
        + [q.when for q in rule_base.questions]
        + [n.when for n in rule_base.needs]
    )
    ceiling = rule_base.budget_ceiling
    if ceiling is not None:
        mentioned |= {(ceiling.question, choice) for choice, _ in ceiling.ceilings}
    for question in rule_base.questions:
        if question.id not in read_by_rules:
            continue
        for choice in question.choices:
            # the default choice is the neutral answer: that no rule reads it is the point
            if (question.id, choice.id) not in mentioned and choice.id != question.default:
                found.append(
                    Finding(
                        ("questions", question.id, "choices", choice.id),
                        msg("aucune règle ne mentionne le choix « {id} »", id=choice.id),
                    )
                )
    types = rule_base.space_types
    for i, first in enumerate(types):
        for second in types[i + 1 :]:
            gap = sum(
                abs(first.fit.get(c.id, 0) - second.fit.get(c.id, 0)) for c in rule_base.criteria
            )
            if gap <= CLOSE_FITS:
                found.append(
                    Finding(
                        ("space_types", second.id, "fit"),
                        msg(
                            "adéquations trop proches de « {id} » (écart total {gap}) : "
                            "les deux types se départagent mal",
                            id=first.id,
                            gap=gap,
                        ),
                    )
                )
    return found


def _mentioned_choices(conditions: Iterable[Condition | None]) -> set[tuple[str, str]]:
    return {
        (leaf.question, value) for c in conditions for leaf in leaves(c) for value in leaf.values
    }


def never_first_findings(
    rule_base: RuleBase, answer_sets: Iterable[dict[str, AnswerValue]], how: Message
) -> list[Finding]:
    """Types that no explored answer set puts first."""
    engine = Engine(rule_base)
    winners = {engine.profile(answers).first for answers in answer_sets}
    return [
        Finding(
            ("space_types", t.id), msg("« {id} » n'arrive jamais en tête ({how})", id=t.id, how=how)
        )
        for t in rule_base.space_types
        if t.id not in winners
    ]
