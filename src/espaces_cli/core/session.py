"""A workshop session: a title, the rule base it was made with, and each participant's answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from espaces_cli.core.answers import (
    RawValue,
    normalise_id,
    parse_answers,
    resolve_answers,
)
from espaces_cli.core.messages import msg
from espaces_cli.core.model import Answers, Question, RuleBase, RuleBaseId
from espaces_cli.core.status import UsageError
from espaces_cli.core.text import printable


@dataclass(frozen=True)
class Participant:
    name: str
    answers: Answers
    added_at: str


@dataclass(frozen=True)
class Session:
    title: str
    created_at: str
    rules: RuleBaseId
    participants: tuple[Participant, ...] = ()

    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)

    def with_participant(self, participant: Participant, *, replace_existing: bool) -> Session:
        """Add a participant; a name already there is refused unless ``replace_existing``."""
        if participant.name in self.names():
            if not replace_existing:
                raise UsageError(
                    msg(
                        "« {name} » participe déjà à cette session "
                        "(--replace pour remplacer ses réponses).",
                        name=printable(participant.name),
                    )
                )
            kept = tuple(
                participant if p.name == participant.name else p for p in self.participants
            )
            return replace(self, participants=kept)
        return replace(self, participants=(*self.participants, participant))

    def without(self, name: str) -> Session:
        if name not in self.names():
            known = ", ".join(self.names()) or msg("aucun")
            raise UsageError(
                msg(
                    "« {name} » ne participe pas à cette session (participants : {known}).",
                    name=printable(name),
                    known=known,
                )
            )
        return replace(self, participants=tuple(p for p in self.participants if p.name != name))


NO_PROMPT_HINT = msg("Complétez ses réponses.")


def checked_answers(rule_base: RuleBase, raw: Mapping[str, RawValue]) -> Answers:
    """Check one participant's raw answers as ``advise --no-input`` would, defaults included."""
    given = parse_answers(rule_base, raw)
    return resolve_answers(rule_base, given, None, no_input_hint=NO_PROMPT_HINT).answers


def question_for_column(rule_base: RuleBase, column: str) -> Question | None:
    """The question a CSV column stands for: its id or its label (French or translated)."""
    wanted = normalise_id(column)
    for question in rule_base.questions:
        labels = (question.label.fr, *(words for _, words in question.label.translations))
        if wanted == question.id or wanted in (normalise_id(label) for label in labels):
            return question
    return None


def answers_from_cells(rule_base: RuleBase, cells: Mapping[str, Sequence[str]]) -> Answers:
    """Turn one CSV row (column -> values) into checked answers; unknown columns are skipped."""
    raw: dict[str, RawValue] = {}
    for column, values in cells.items():
        question = question_for_column(rule_base, column)
        if question is not None:
            raw[question.id] = list(values)
    return checked_answers(rule_base, raw)
