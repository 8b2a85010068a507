"""The versioned JSON document of an advice (design §5, ``schema_version: 1``)."""

from __future__ import annotations

from typing import Any

from espaces_cli.core.advice import Advice, Item
from espaces_cli.language import local
from espaces_cli.render.json_blocks import (
    SCHEMA_VERSION,
    held_back_block,
    json_text,
    ranked_block,
    recommendation_block,
    rules_document,
    weights_block,
    why_block,
)


def _items(items: tuple[Item, ...]) -> list[dict[str, str]]:
    return [{"text": local(item.text), "source": item.source} for item in items]


def _checklist(items: tuple[Item, ...]) -> list[dict[str, str | None]]:
    return [{"id": item.id, "text": local(item.text), "source": item.source} for item in items]


def advice_document(advice: Advice, *, version: str, replay: str) -> dict[str, Any]:
    """Build the JSON-ready mapping; ids and keys never depend on the language."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "espaces", "version": version},
        "rules": rules_document(advice.rule_base),
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in advice.answers.items()},
        "recommendation": recommendation_block(advice, detailed=True),
        "ranking": [ranked_block(entry, detailed=True) for entry in advice.ranking],
        "needs": [{"id": n.id, "label": local(n.label)} for n in advice.needs],
        "budget_ceiling": advice.budget_ceiling,
        "held_back": held_back_block(advice),
        "excluded": [
            {
                "id": ex.space_type.id,
                "label": local(ex.space_type.label),
                "reasons": [local(r) for r in ex.reasons],
            }
            for ex in advice.excluded
        ],
        "weights": weights_block(advice),
        "fired_rules": [
            {"id": r.id, "because": local(r.because), "add": dict(r.add)}
            for r in advice.fired_rules
        ],
        "why": why_block(advice),
        "advantages": [local(a) for a in advice.advantages],
        "precautions": _items(advice.precautions),
        "checklist": _checklist(advice.checklist),
        "facts": [
            {"text": local(f.text), "year": f.year, "source": f.source} for f in advice.facts
        ],
        "pointers": [
            {"id": p.id, "label": local(p.label), "text": local(p.text), "source": p.source}
            for p in advice.pointers
        ],
        "replay": replay,
    }


def render_json(advice: Advice, *, version: str, replay: str) -> str:
    document = advice_document(advice, version=version, replay=replay)
    return json_text(document)
