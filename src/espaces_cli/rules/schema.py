"""The rule-base file format as pydantic models: one definition for validation and JSON Schema."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StringConstraints,
    Tag,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]


def _require_french(text: dict[str, str]) -> dict[str, str]:
    if not text.get("fr", "").strip():
        raise ValueError("texte français (fr) manquant")
    return text


Text = Annotated[dict[LangCode, NonEmpty], AfterValidator(_require_french)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


OPERATORS = ("equals", "not_equals", "in", "not_in", "contains")


class Leaf(_Strict):
    """A test on one answer; exactly one operator."""

    question: Id
    equals: Id | None = None
    not_equals: Id | None = None
    in_: list[Id] | None = Field(default=None, alias="in", min_length=1)
    not_in: list[Id] | None = Field(default=None, min_length=1)
    contains: Id | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        used = [op for op in OPERATORS if self.operand(op) is not None]
        if len(used) != 1:
            raise ValueError(
                f"une condition porte exactement un opérateur parmi {', '.join(OPERATORS)}"
                f" (trouvé : {', '.join(used) or 'aucun'})"
            )
        return self

    def operand(self, op: str) -> str | list[str] | None:
        value: str | list[str] | None = getattr(self, "in_" if op == "in" else op)
        return value

    def operator(self) -> str:
        return next(op for op in OPERATORS if self.operand(op) is not None)


class AllOf(_Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(_Strict):
    any: list[Condition] = Field(min_length=1)


class Not(_Strict):
    not_: Condition = Field(alias="not")


def _condition_tag(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
    elif isinstance(value, BaseModel):
        return {AllOf: "all", AnyOf: "any", Not: "not"}.get(type(value), "leaf")
    return "leaf"


Condition = Annotated[
    Annotated[Leaf, Tag("leaf")]
    | Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[Not, Tag("not")],
    Discriminator(_condition_tag),
]


class Criterion(_Strict):
    label: Text
    help: Text | None = None


class Question(_Strict):
    kind: Literal["one", "several"]
    label: Text
    help: Text | None = None
    choices: dict[Id, Text] = Field(min_length=1)
    when: Condition | None = None
    min_choices: int = Field(default=0, ge=0)
    default: Id | list[Id] | None = None


class WeightRule(_Strict):
    id: Id
    when: Condition | None = None
    add: dict[Id, float] = Field(min_length=1)
    because: Text


class Guarded(_Strict):
    text: Text
    when: Condition | None = None


def _item_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "guarded" if "text" in value else "text"
    return "guarded" if isinstance(value, Guarded) else "text"


Item = Annotated[
    Annotated[Guarded, Tag("guarded")] | Annotated[Text, Tag("text")],
    Discriminator(_item_tag),
]


class Exclusion(_Strict):
    when: Condition
    reason: Text


class Fact(_Strict):
    text: Text
    source: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    year: int = Field(ge=1900, le=2100)


class SpaceType(_Strict):
    label: Text
    summary: Text
    fit: dict[Id, Annotated[int, Field(ge=0, le=4)]]
    exclude_if: list[Exclusion] = []
    advantages: list[Text] = []
    precautions: list[Item] = []
    checklist: list[Item] = []
    facts: list[Fact] = []


class General(_Strict):
    precautions: list[Item] = []
    checklist: list[Item] = []


class RuleBase(_Strict):
    """A whole rule base, as written in ``space_types.yaml``."""

    model_config = ConfigDict(title="espaces rule base")

    name: NonEmpty
    version: NonEmpty | int
    label: Text | None = None
    criteria: dict[Id, Criterion] = Field(min_length=1)
    questions: dict[Id, Question] = Field(min_length=1)
    weight_rules: list[WeightRule] = []
    space_types: dict[Id, SpaceType] = Field(min_length=1)
    general: General = General()


for _model in (Leaf, AllOf, AnyOf, Not, Question, WeightRule, Exclusion, SpaceType, RuleBase):
    _model.model_rebuild()
