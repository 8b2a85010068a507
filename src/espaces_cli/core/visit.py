"""A visit notebook as values: the answers it was made for, and one entry per place seen.

Everything read from a visit file or typed at a prompt goes through ``check_visit``, so
that a bad value is one sentence whatever its source (design §6).
"""

from __future__ import annotations

import datetime
import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from espaces_cli.core.advice import Item, ItemSource
from espaces_cli.core.answers import find_type, normalise_id
from espaces_cli.core.conditions import holds
from espaces_cli.core.errors import UsageError
from espaces_cli.core.messages import Message, msg
from espaces_cli.core.model import Answers, Guarded, RuleBase, RuleBaseId
from espaces_cli.core.text import printable

Outcome = Literal["oui", "partiel", "non", "inconnu"]
OUTCOMES: tuple[Outcome, ...] = ("oui", "partiel", "non", "inconnu")
# what a person may type or write for each outcome (ids folded by ``normalise_id``)
_OUTCOME_WORDS: Mapping[str, Outcome] = {
    "oui": "oui",
    "yes": "oui",
    "partiel": "partiel",
    "partiellement": "partiel",
    "partial": "partiel",
    "partly": "partiel",
    "non": "non",
    "no": "non",
    "inconnu": "inconnu",
    "pas_demande": "inconnu",
    "unknown": "inconnu",
    "not_asked": "inconnu",
}
VISIT_KEYS = (
    "name",
    "type",
    "address",
    "date",
    "price_month",
    "rating",
    "contract",
    "notes",
    "checks",
    "check_notes",
)
MAX_TEXT = 2000
MAX_NAME = 120
MAX_PRICE = 100_000
RATING_MIN, RATING_MAX = 1, 5


@dataclass(frozen=True)
class Visit:
    """One real place seen: what the checklist showed, its price, one's own feeling."""

    name: str
    type_id: str
    address: str = ""
    date: str = ""
    """ISO date (``2026-11-20``), or empty."""
    price_month: float | None = None
    """Euros per person per month, all included."""
    rating: int | None = None
    """1 to 5, one's own feeling."""
    contract: str = ""
    notes: str = ""
    checks: tuple[tuple[str, Outcome], ...] = ()
    check_notes: tuple[tuple[str, str], ...] = ()

    def outcome(self, item_id: str) -> Outcome:
        return next((o for i, o in self.checks if i == item_id), "inconnu")

    def note(self, item_id: str) -> str:
        return next((n for i, n in self.check_notes if i == item_id), "")


@dataclass(frozen=True)
class Notebook:
    title: str
    created_at: str
    rules: RuleBaseId
    answers: Answers
    visits: tuple[Visit, ...] = ()

    def names(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.visits)

    def with_visit(self, visit: Visit, *, replace_existing: bool) -> Notebook:
        """The notebook with ``visit`` added, or put in place of the visit of the same name."""
        key = name_key(visit.name)
        found = [i for i, v in enumerate(self.visits) if name_key(v.name) == key]
        if found and not replace_existing:
            raise UsageError(
                msg(
                    "« {name} » est déjà dans le carnet (--replace pour la remplacer).",
                    name=printable(visit.name),
                )
            )
        if found:
            visits = list(self.visits)
            visits[found[0]] = visit
            return replace(self, visits=tuple(visits))
        return replace(self, visits=(*self.visits, visit))

    def without(self, name: str) -> Notebook:
        key = name_key(name)
        kept = tuple(v for v in self.visits if name_key(v.name) != key)
        if len(kept) == len(self.visits):
            raise UsageError(unknown_place(name, self.names()))
        return replace(self, visits=kept)


def name_key(name: str) -> str:
    """Place names match without regard to case, accents or spacing."""
    return normalise_id(name)


def unknown_place(name: str, names: Sequence[str]) -> Message:
    keys = {name_key(n): n for n in names}
    close = difflib.get_close_matches(name_key(name), list(keys), n=1, cutoff=0.6)
    hint = msg(" Vouliez-vous dire « {id} » ?", id=printable(keys[close[0]])) if close else ""
    return msg("Lieu inconnu dans le carnet : « {name} ».{hint}", name=printable(name), hint=hint)


def visit_items(rule_base: RuleBase, answers: Answers, type_id: str) -> tuple[Item, ...]:
    """The visit checklist for a place of this type: the same items ``advise`` lists for it
    (general, the type's own, and those these answers call for), each with its id."""
    space_type = rule_base.space_type(type_id)
    sources: tuple[tuple[ItemSource, tuple[Guarded, ...]], ...] = (
        ("general", rule_base.general_checklist),
        ("type", space_type.checklist),
    )
    return tuple(
        Item(g.text, "answers" if g.when is not None else source, g.id)
        for source, guarded in sources
        for g in guarded
        if holds(g.when, answers)
    )


def parse_outcome(raw: object, item_id: str = "") -> Outcome:
    """``oui``, ``partiel``, ``non`` or ``inconnu`` (``pas demandé``); English words too."""
    text = raw if isinstance(raw, str) else ""
    found = _OUTCOME_WORDS.get(normalise_id(text)) if text else None
    if found is None:
        raise UsageError(
            msg(
                "{id} : « {value} » n'est pas une réponse de visite ; réponses possibles : "
                "oui, partiel, non, inconnu (pas demandé).",
                id=item_id or "checks",
                value=printable(str(raw))[:40],
            )
        )
    return found


def parse_date(raw: object) -> str:
    """An ISO date (``2026-11-20``); a ``datetime.date`` read by YAML is taken as it is."""
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    text = raw.strip() if isinstance(raw, str) else ""
    try:
        return datetime.date.fromisoformat(text).isoformat() if text else ""
    except ValueError:
        pass
    raise UsageError(
        msg(
            "date : « {value} » n'est pas une date ; écrivez-la AAAA-MM-JJ (par exemple "
            "2026-11-20).",
            value=printable(str(raw))[:40],
        )
    )


def parse_price(raw: object) -> float | None:
    """Euros per month, all included: a finite number from 0 to 100 000 (``190``, ``190,5``)."""
    if raw is None or raw == "":
        return None
    value: float | None = None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        value = float(raw)
    elif isinstance(raw, str):
        text = raw.strip().removesuffix("€").strip().replace(",", ".").replace(" ", "")
        try:
            value = float(text) if len(text) <= 20 else None
        except ValueError:
            value = None
    if value is None or not math.isfinite(value) or not 0 <= value <= MAX_PRICE:
        raise UsageError(
            msg(
                "price_month : « {value} » n'est pas un prix ; donnez un nombre d'euros par "
                "mois, de 0 à {most} (par exemple 190).",
                value=printable(str(raw))[:40],
                most=MAX_PRICE,
            )
        )
    return value


def parse_rating(raw: object) -> int | None:
    """One's own feeling, a whole number from 1 to 5."""
    if raw is None or raw == "":
        return None
    value: int | None = None
    if isinstance(raw, int) and not isinstance(raw, bool):
        value = raw
    elif isinstance(raw, str) and raw.strip().isdigit() and len(raw.strip()) <= 2:
        value = int(raw.strip())
    if value is None or not RATING_MIN <= value <= RATING_MAX:
        raise UsageError(
            msg(
                "rating : « {value} » n'est pas une note ; donnez un nombre entier de 1 à 5.",
                value=printable(str(raw))[:40],
            )
        )
    return value


def parse_text(key: str, raw: object, limit: int = MAX_TEXT) -> str:
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise UsageError(msg("{key} : un texte est attendu.", key=key))
    text = str(raw).strip()
    if len(text) > limit:
        raise UsageError(
            msg("{key} : texte trop long (plus de {count} caractères).", key=key, count=limit)
        )
    return text


def check_name(raw: object) -> str:
    name = parse_text("name", raw, MAX_NAME)
    if not name:
        raise UsageError(msg("name : le nom du lieu manque."))
    return name


def check_item_id(items: Sequence[Item], raw: str, type_label: str) -> str:
    """An id of this place's checklist, or a sentence naming the closest one."""
    ids = [i.id for i in items if i.id is not None]
    if raw in ids:
        return raw
    wanted = normalise_id(raw)
    if wanted in ids:
        return wanted
    close = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.6)
    hint = msg(" Vouliez-vous dire « {id} » ?", id=close[0]) if close else ""
    raise UsageError(
        msg(
            "checks : point de visite inconnu pour « {type} » : « {id} ».{hint} "
            "La liste : espaces visit sheet CARNET --type TYPE.",
            type=type_label,
            id=printable(raw)[:80],
            hint=hint,
        )
    )


def check_visit(rule_base: RuleBase, answers: Answers, raw: Mapping[str, object]) -> Visit:
    """A visit from a file's mapping, every field checked against the notebook's checklist."""
    unknown = [k for k in raw if k not in VISIT_KEYS]
    if unknown:
        close = difflib.get_close_matches(str(unknown[0]), VISIT_KEYS, n=1, cutoff=0.6)
        hint = msg(" Vouliez-vous dire « {id} » ?", id=close[0]) if close else ""
        raise UsageError(
            msg(
                "clé inconnue « {key} ».{hint} Clés : {known}.",
                key=printable(str(unknown[0]))[:40],
                hint=hint,
                known=", ".join(VISIT_KEYS),
            )
        )
    name = check_name(raw.get("name"))
    type_raw = raw.get("type")
    if not isinstance(type_raw, str) or not type_raw.strip():
        raise UsageError(
            msg(
                "type : le type de lieu manque (par exemple {example}).",
                example=rule_base.space_types[0].id,
            )
        )
    space_type = find_type(rule_base, type_raw)
    items = visit_items(rule_base, answers, space_type.id)
    checks_raw = raw.get("checks") or {}
    notes_raw = raw.get("check_notes") or {}
    for key, value in (("checks", checks_raw), ("check_notes", notes_raw)):
        if not isinstance(value, Mapping):
            raise UsageError(msg("{key} : une table « id: valeur » est attendue.", key=key))
    assert isinstance(checks_raw, Mapping)
    assert isinstance(notes_raw, Mapping)
    label = space_type.id
    checks = {
        check_item_id(items, str(k), label): parse_outcome(v, str(k)) for k, v in checks_raw.items()
    }
    notes = {
        check_item_id(items, str(k), label): parse_text(f"check_notes.{k}", v)
        for k, v in notes_raw.items()
    }
    order = [i.id for i in items]
    return Visit(
        name=name,
        type_id=space_type.id,
        address=parse_text("address", raw.get("address")),
        date=parse_date(raw.get("date")),
        price_month=parse_price(raw.get("price_month")),
        rating=parse_rating(raw.get("rating")),
        contract=parse_text("contract", raw.get("contract")),
        notes=parse_text("notes", raw.get("notes")),
        checks=tuple((i, checks[i]) for i in order if i is not None and i in checks),
        check_notes=tuple((i, notes[i]) for i in order if i is not None and notes.get(i)),
    )


def visit_document(visit: Visit) -> dict[str, object]:
    """The visit as the plain mapping a file holds (``check_visit`` reads it back)."""
    document: dict[str, object] = {"name": visit.name, "type": visit.type_id}
    for key, value in (
        ("address", visit.address),
        ("date", visit.date),
        ("price_month", _number(visit.price_month)),
        ("rating", visit.rating),
        ("contract", visit.contract),
        ("notes", visit.notes),
    ):
        if value not in (None, ""):
            document[key] = value
    if visit.checks:
        document["checks"] = dict(visit.checks)
    if visit.check_notes:
        document["check_notes"] = dict(visit.check_notes)
    return document


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value.is_integer() else value
