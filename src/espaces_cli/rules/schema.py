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
    WithJsonSchema,
    model_validator,
)

from espaces_cli.core.model import OPERATORS
from espaces_cli.language import _

Id = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=False)]
MAX_POINTS = 1000
Points = Annotated[float, Field(ge=-MAX_POINTS, le=MAX_POINTS, allow_inf_nan=False)]
"""Points a rule adds: finite and bounded, so that sums never overflow to inf or NaN."""


def _require_french(text: dict[str, str]) -> dict[str, str]:
    if not text.get("fr", "").strip():
        raise ValueError(_("texte français (fr) manquant"))
    return text


TEXT_SCHEMA = {
    "type": "object",
    "description": "Un texte par langue : fr obligatoire, en (et autres codes) facultatifs.",
    "required": ["fr"],
    "propertyNames": {"pattern": "^[a-z]{2}$"},
    "additionalProperties": {"type": "string", "minLength": 1},
}
Text = Annotated[
    dict[LangCode, NonEmpty], AfterValidator(_require_french), WithJsonSchema(TEXT_SCHEMA)
]


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True
    )


class Leaf(_Strict):
    """Un test sur une réponse, avec un seul opérateur. Faux si la question est sans réponse."""

    model_config = ConfigDict(json_schema_extra={"oneOf": [{"required": [op]} for op in OPERATORS]})

    question: Id
    """La question testée."""
    equals: Id | None = None
    """Choix unique : la réponse est ce choix."""
    not_equals: Id | None = None
    """Choix unique : la réponse n'est pas ce choix."""
    in_: list[Id] | None = Field(default=None, alias="in", min_length=1)
    """Choix unique : la réponse est l'un de ces choix."""
    not_in: list[Id] | None = Field(default=None, min_length=1)
    """Choix unique : la réponse n'est aucun de ces choix."""
    contains: Id | None = None
    """Choix multiples : la réponse contient ce choix."""

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        used = [op for op in OPERATORS if self.operand(op) is not None]
        if len(used) != 1:
            raise ValueError(
                _(
                    "une condition porte exactement un opérateur parmi {operators} "
                    "(trouvé : {found})",
                    operators=", ".join(OPERATORS),
                    found=", ".join(used) or _("aucun"),
                )
            )
        return self

    def operand(self, op: str) -> str | list[str] | None:
        value: str | list[str] | None = getattr(self, "in_" if op == "in" else op)
        return value

    def operator(self) -> str:
        return next(op for op in OPERATORS if self.operand(op) is not None)


class AllOf(_Strict):
    all: list[Condition] = Field(min_length=1)
    """Vraie si toutes ces conditions sont vraies."""


class AnyOf(_Strict):
    any: list[Condition] = Field(min_length=1)
    """Vraie si l'une de ces conditions est vraie."""


class Not(_Strict):
    not_: Condition = Field(alias="not")
    """Vraie si cette condition est fausse."""


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
    """Ce qui peut compter pour l'utilisateur ; les réponses fixent son poids."""

    label: Text
    help: Text | None = None


class Question(_Strict):
    """Une question posée à l'utilisateur ; son id et ceux de ses choix sont publics."""

    kind: Literal["one", "several"]
    """one : un seul choix ; several : plusieurs choix (cases à cocher)."""
    label: Text
    """La question, telle qu'elle est posée."""
    help: Text | None = None
    """Une ligne d'aide affichée sous la question."""
    choices: dict[Id, Text] = Field(min_length=1)
    """Les choix : id public -> libellé."""
    when: Condition | None = None
    """Posée seulement si cette condition (sur des questions précédentes) est vraie."""
    min_choices: int = Field(default=0, ge=0)
    """Pour several : nombre minimal de choix cochés."""
    default: Id | list[Id] | None = None
    """Réponse par défaut, utilisée sans terminal ni réponse donnée."""


class WeightRule(_Strict):
    """Quand la condition est vraie, ajoute des points aux critères (on additionne tout)."""

    id: Id
    when: Condition | None = None
    """Sans condition, la règle s'applique toujours."""
    add: dict[Id, Points] = Field(min_length=1)
    """Points ajoutés, par critère (négatifs permis ; les poids sont ramenés à 0 au moins)."""
    because: Text
    """La raison, montrée dans l'explication."""


class Guarded(_Strict):
    """Un texte montré toujours, ou seulement quand sa condition est vraie."""

    text: Text
    when: Condition | None = None
    id: Id | None = None
    """Identifiant stable (liste de visite : une visite y répond)."""


def _item_tag(value: Any) -> str:
    if isinstance(value, dict):
        return "guarded" if "text" in value else "text"
    return "guarded" if isinstance(value, Guarded) else "text"


Item = Annotated[
    Annotated[Guarded, Tag("guarded")] | Annotated[Text, Tag("text")],
    Discriminator(_item_tag),
]


class Exclusion(_Strict):
    """Une impossibilité réelle : quand la condition est vraie, le type est écarté."""

    when: Condition
    reason: Text


class Fact(_Strict):
    """Un repère daté et sourcé."""

    text: Text
    source: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    """Le lien de la source."""
    year: int = Field(ge=1900, le=2100)
    """L'année du fait ou du chiffre."""


class Cost(_Strict):
    """Ce que coûte un lieu de ce type, en euros par personne et par mois."""

    min: int = Field(ge=0)
    """L'offre la moins chère (au-dessus du plafond de budget, le type est mis en retrait)."""
    max: int = Field(ge=0)
    """L'offre la plus chère."""


class SpaceType(_Strict):
    """Un type de lieu, son adéquation à chaque critère et ses textes."""

    label: Text
    summary: Text
    fit: dict[Id, Annotated[int, Field(ge=0, le=4)]]
    """Adéquation de 0 (pas du tout) à 4 (tout à fait), une valeur par critère."""
    exclude_if: list[Exclusion] = []
    advantages: list[Item] = []
    """Avantages, montrés toujours ou seulement quand leur condition est vraie."""
    precautions: list[Item] = []
    checklist: list[Item] = []
    """Questions à poser pendant la visite."""
    facts: list[Fact] = []
    cost: Cost | None = None


class Need(_Strict):
    """Un besoin coché qu'un type doit couvrir : sinon il passe après ceux qui le couvrent."""

    when: Condition
    """Quand le besoin est coché."""
    criterion: Id
    """Le critère qui le couvre."""
    min_fit: int = Field(default=2, ge=1, le=4)
    """L'adéquation minimale sur ce critère pour couvrir le besoin."""
    label: Text | None = None
    """Le besoin en mots (par défaut, le libellé du critère)."""


class BudgetCeiling(_Strict):
    """Le budget est un plafond : un type dont l'offre la moins chère le dépasse passe après."""

    question: Id
    """La question du budget."""
    ceilings: dict[Id, Annotated[int, Field(ge=0)]]
    """Plafond en euros par personne et par mois, par choix (un choix absent : pas de plafond)."""


class Pointer(_Strict):
    """Un réseau d'appui sans locaux, signalé quand sa condition est vraie."""

    label: Text
    text: Text
    """Une ligne : ce qu'il apporte."""
    source: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]
    when: Condition | None = None


class General(_Strict):
    """Précautions et liste de visite qui valent pour tous les types."""

    precautions: list[Item] = []
    checklist: list[Item] = []


class RuleBase(_Strict):
    """Une base de règles espaces (space_types.yaml)."""

    model_config = ConfigDict(title="espaces rule base")

    name: NonEmpty
    """Nom de la base, repris dans les rapports."""
    version: NonEmpty | int
    """Version de la base, reprise dans les rapports."""
    label: Text | None = None
    criteria: dict[Id, Criterion] = Field(min_length=1)
    questions: dict[Id, Question] = Field(min_length=1)
    """Les questions, dans l'ordre où elles sont posées."""
    weight_rules: list[WeightRule] = []
    space_types: dict[Id, SpaceType] = Field(min_length=1)
    general: General = General()
    needs: dict[Id, Need] = {}
    """Les besoins qu'un type doit couvrir pour passer devant (facultatif)."""
    budget_ceiling: BudgetCeiling | None = None
    """Le budget comme plafond (facultatif)."""
    pointers: dict[Id, Pointer] = {}
    """Autres appuis : réseaux sans locaux (facultatif)."""


for _model in (
    Leaf,
    AllOf,
    AnyOf,
    Not,
    Question,
    WeightRule,
    Exclusion,
    SpaceType,
    Need,
    Pointer,
    RuleBase,
):
    _model.model_rebuild()

SCHEMA_ID = "https://espaces.invalid/space_types.schema.json"


def _close_maps(node: Any) -> None:
    """A map with patterned keys accepts no other key, as the models do."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_maps(value)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the file format, generated from the models the loader validates with."""
    schema = RuleBase.model_json_schema(by_alias=True)
    _close_maps(schema)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
