"""The rule base as frozen values: what the engine reads, whatever file it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

DEFAULT_LANG = "fr"


@dataclass(frozen=True)
class Localized:
    """A text in several languages; French is always present and is the fallback."""

    fr: str
    translations: tuple[tuple[str, str], ...] = ()

    def in_lang(self, lang: str = DEFAULT_LANG) -> str:
        for code, value in self.translations:
            if code == lang:
                return value
        return self.fr


Operator = Literal["equals", "not_equals", "in", "not_in", "contains"]
# The operators a condition leaf may carry, in the order the schema and messages list them.
OPERATORS: tuple[Operator, ...] = get_args(Operator)


@dataclass(frozen=True)
class Leaf:
    """``{question: q, <operator>: value(s)}``; false when the question is unanswered."""

    question: str
    operator: Operator
    values: tuple[str, ...]


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


Condition = Leaf | AllOf | AnyOf | Not

QuestionKind = Literal["one", "several"]


@dataclass(frozen=True)
class Choice:
    id: str
    label: Localized


@dataclass(frozen=True)
class Question:
    id: str
    kind: QuestionKind
    label: Localized
    help: Localized | None
    choices: tuple[Choice, ...]
    when: Condition | None = None
    min_choices: int = 0
    default: str | tuple[str, ...] | None = None
    _ids: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # asked for on every answer checked: thousands of times for a large workshop
        object.__setattr__(self, "_ids", tuple(choice.id for choice in self.choices))

    def choice_ids(self) -> tuple[str, ...]:
        return self._ids

    def choice(self, choice_id: str) -> Choice:
        return next(choice for choice in self.choices if choice.id == choice_id)


@dataclass(frozen=True)
class Criterion:
    id: str
    label: Localized
    help: Localized | None = None


@dataclass(frozen=True)
class WeightRule:
    """When ``when`` holds, add ``add`` points to criteria (decision table, collect + sum)."""

    id: str
    when: Condition | None
    add: tuple[tuple[str, float], ...]
    because: Localized


@dataclass(frozen=True)
class Guarded:
    """A precaution, advantage or checklist item, shown always or only when ``when`` holds.

    Checklist items carry a stable ``id`` so that a visit can answer them.
    """

    text: Localized
    when: Condition | None = None
    id: str | None = None


@dataclass(frozen=True)
class Exclusion:
    """A knock-out: when it holds, the type is set aside for ``reason``."""

    when: Condition
    reason: Localized


@dataclass(frozen=True)
class Fact:
    text: Localized
    source: str
    year: int


@dataclass(frozen=True)
class Cost:
    """What a place of this type costs, in euros per person per month: cheapest to dearest."""

    low: int
    high: int


@dataclass(frozen=True)
class SpaceType:
    id: str
    label: Localized
    summary: Localized
    fit: Mapping[str, int]
    exclude_if: tuple[Exclusion, ...] = ()
    advantages: tuple[Guarded, ...] = ()
    precautions: tuple[Guarded, ...] = ()
    checklist: tuple[Guarded, ...] = ()
    facts: tuple[Fact, ...] = ()
    cost: Cost | None = None


@dataclass(frozen=True)
class Need:
    """A need the person ticked (``when`` holds) that a type covers when its fit on
    ``criterion`` reaches ``min_fit``; a type that misses one is held back."""

    id: str
    when: Condition
    criterion: str
    min_fit: int
    label: Localized


@dataclass(frozen=True)
class BudgetCeiling:
    """The most a place may cost (€ per person per month) for each choice of ``question``;
    a choice without a ceiling sets none."""

    question: str
    ceilings: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Pointer:
    """A support network without premises, named when ``when`` holds."""

    id: str
    label: Localized
    text: Localized
    source: str
    when: Condition | None = None


@dataclass(frozen=True)
class RuleBaseId:
    """What names a rule base in reports and answers files."""

    name: str
    version: str
    sha256: str
    path: str | None = None


@dataclass(frozen=True)
class RuleBase:
    identity: RuleBaseId
    criteria: tuple[Criterion, ...]
    questions: tuple[Question, ...]
    weight_rules: tuple[WeightRule, ...]
    space_types: tuple[SpaceType, ...]
    general_precautions: tuple[Guarded, ...] = ()
    general_checklist: tuple[Guarded, ...] = ()
    needs: tuple[Need, ...] = ()
    budget_ceiling: BudgetCeiling | None = None
    pointers: tuple[Pointer, ...] = ()
    _questions_by_id: Mapping[str, Question] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "_questions_by_id", {q.id: q for q in self.questions})

    def question(self, question_id: str) -> Question:
        return self._questions_by_id[question_id]

    def has_question(self, question_id: str) -> bool:
        return question_id in self._questions_by_id

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def space_type(self, type_id: str) -> SpaceType:
        return next(t for t in self.space_types if t.id == type_id)


AnswerValue = str | tuple[str, ...]
Answers = Mapping[str, AnswerValue]
