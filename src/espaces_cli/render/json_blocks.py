"""The blocks the JSON documents share, built once: the recommendation, a ranking entry,
the "why", the weights — and the one ``schema_version`` every document carries.

An advice and a group report describe the same things (the group's advice is an advice on
mean weights); built in one place they cannot drift apart in keys or rounding.
"""

from __future__ import annotations

from typing import Any

from espaces_cli.core.advice import Advice, Ranked
from espaces_cli.core.model import RuleBaseId
from espaces_cli.core.text import json_visible
from espaces_cli.language import local
from espaces_cli.render.advice_words import confidence_reasons, held_back_reasons

# Every JSON document of the program (advice, group, catalog, rules tools, visits).
SCHEMA_VERSION = 1


def rounded(value: float, digits: int = 2) -> float:
    """A score as JSON shows it: two decimals, and never ``-0.0``."""
    return round(value + 0.0, digits)


def recommendation_block(advice: Advice, *, detailed: bool) -> dict[str, Any] | None:
    """The recommended type, how sure, and the runner-up; ``detailed`` adds what only a
    person's advice carries (summary, flips, ex aequo, needs covered)."""
    winner, second = advice.winner, advice.runner_up
    if winner is None:
        return None
    block: dict[str, Any] = {"id": winner.space_type.id, "label": local(winner.space_type.label)}
    if detailed:
        block["summary"] = local(winner.space_type.summary)
    block["score"] = rounded(winner.score)
    block["margin"] = rounded(advice.certainty.margin)
    block["confidence"] = advice.certainty.level
    block["confidence_reasons"] = list(confidence_reasons(advice))
    if detailed:
        block["flips"] = [
            {"criterion": f.criterion, "new_winner": f.new_winner} for f in advice.certainty.flips
        ]
        block["ex_aequo"] = [r.space_type.id for r in advice.ex_aequo]
        block["covers"] = [n.id for n in advice.needs if n not in winner.missing_needs]
        block["missing_needs"] = [n.id for n in winner.missing_needs]
    block["runner_up"] = (
        None
        if second is None
        else {
            "id": second.space_type.id,
            "label": local(second.space_type.label),
            "score": rounded(second.score),
        }
    )
    return block


def ranked_block(entry: Ranked, *, detailed: bool) -> dict[str, Any]:
    """One line of the ranking; ``detailed`` adds why it was held back."""
    block: dict[str, Any] = {
        "id": entry.space_type.id,
        "label": local(entry.space_type.label),
        "score": rounded(entry.score),
        "rank": entry.rank,
        "contributions": {c: rounded(p) for c, p in entry.contributions},
    }
    if detailed:
        block["missing_needs"] = [n.id for n in entry.missing_needs]
        block["above_budget"] = entry.above_budget
        block["held_back"] = entry.held_back
    return block


def held_back_block(advice: Advice) -> list[dict[str, Any]]:
    return [
        {
            "id": r.space_type.id,
            "label": local(r.space_type.label),
            "reasons": list(held_back_reasons(r)),
        }
        for r in advice.held_back
    ]


def why_block(advice: Advice) -> dict[str, Any]:
    """What weighs most in the recommended type's score, and the gap with the runner-up."""
    labels = advice.criterion_labels

    def criterion_points(pairs: tuple[tuple[str, float], ...]) -> list[dict[str, Any]]:
        return [{"id": c, "label": local(labels[c]), "points": rounded(p)} for c, p in pairs]

    return {
        "top_criteria": criterion_points(advice.top_criteria),
        "gap": criterion_points(advice.gap),
    }


def weights_block(advice: Advice) -> dict[str, float]:
    return {c: round(w, 4) for c, w in advice.weights}


def json_text(document: Any) -> str:
    """``document`` as indented JSON, nothing a terminal obeys raw (``json_visible``)."""
    return json_visible(document, indent=2) + "\n"


def rules_document(identity: RuleBaseId) -> dict[str, str]:
    """The rule base a document was made with, as every JSON output names it."""
    return {"name": identity.name, "version": identity.version, "sha256": identity.sha256}
