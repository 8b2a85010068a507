"""The versioned JSON document of an advice (design §5, ``schema_version: 1``)."""

from __future__ import annotations

from typing import Any

from espaces_cli.core.advice import Advice, Item, Ranked
from espaces_cli.language import local
from espaces_cli.render.common import (
    confidence_reasons,
    held_back_reasons,
    json_text,
    rules_document,
)

SCHEMA_VERSION = 1


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def _ranked(entry: Ranked) -> dict[str, Any]:
    return {
        "id": entry.space_type.id,
        "label": local(entry.space_type.label),
        "score": _round(entry.score),
        "rank": entry.rank,
        "contributions": {c: _round(p) for c, p in entry.contributions},
        "missing_needs": [n.id for n in entry.missing_needs],
        "above_budget": entry.above_budget,
        "held_back": entry.held_back,
    }


def _items(items: tuple[Item, ...]) -> list[dict[str, str]]:
    return [{"text": local(item.text), "source": item.source} for item in items]


def _checklist(items: tuple[Item, ...]) -> list[dict[str, str | None]]:
    return [{"id": item.id, "text": local(item.text), "source": item.source} for item in items]


def advice_document(advice: Advice, *, version: str, replay: str) -> dict[str, Any]:
    """Build the JSON-ready mapping; ids and keys never depend on the language."""
    winner, second = advice.winner, advice.runner_up
    labels = advice.criterion_labels

    def criterion_points(pairs: tuple[tuple[str, float], ...]) -> list[dict[str, Any]]:
        return [{"id": c, "label": local(labels[c]), "points": _round(p)} for c, p in pairs]

    recommendation = None
    if winner is not None:
        recommendation = {
            "id": winner.space_type.id,
            "label": local(winner.space_type.label),
            "summary": local(winner.space_type.summary),
            "score": _round(winner.score),
            "margin": _round(advice.certainty.margin),
            "confidence": advice.certainty.level,
            "confidence_reasons": list(confidence_reasons(advice)),
            "flips": [
                {"criterion": f.criterion, "new_winner": f.new_winner}
                for f in advice.certainty.flips
            ],
            "ex_aequo": [r.space_type.id for r in advice.ex_aequo],
            "covers": [n.id for n in advice.needs if n not in winner.missing_needs],
            "missing_needs": [n.id for n in winner.missing_needs],
            "runner_up": None
            if second is None
            else {
                "id": second.space_type.id,
                "label": local(second.space_type.label),
                "score": _round(second.score),
            },
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "espaces", "version": version},
        "rules": rules_document(advice.rule_base),
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in advice.answers.items()},
        "recommendation": recommendation,
        "ranking": [_ranked(entry) for entry in advice.ranking],
        "needs": [{"id": n.id, "label": local(n.label)} for n in advice.needs],
        "budget_ceiling": advice.budget_ceiling,
        "held_back": [
            {
                "id": r.space_type.id,
                "label": local(r.space_type.label),
                "reasons": list(held_back_reasons(r)),
            }
            for r in advice.held_back
        ],
        "excluded": [
            {
                "id": ex.space_type.id,
                "label": local(ex.space_type.label),
                "reasons": [local(r) for r in ex.reasons],
            }
            for ex in advice.excluded
        ],
        "weights": {c: round(w, 4) for c, w in advice.weights},
        "fired_rules": [
            {"id": r.id, "because": local(r.because), "add": dict(r.add)}
            for r in advice.fired_rules
        ],
        "why": {
            "top_criteria": criterion_points(advice.top_criteria),
            "gap": criterion_points(advice.gap),
        },
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
