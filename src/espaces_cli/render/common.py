"""Wording shared by every rendering of an advice, so that all formats say the same."""

from __future__ import annotations

from collections.abc import Mapping

from espaces_cli.core.advice import CLEAR_MARGIN, Advice, FiredRule, ItemSource
from espaces_cli.core.model import RuleBaseId, Text

CONFIDENCE_WORDS = {"clear": "nette", "narrow": "serrée", "tie": "ex aequo"}
SOURCE_WORDS: dict[ItemSource, str] = {
    "general": "général",
    "type": "propre au type",
    "answers": "selon vos réponses",
}


def points(value: float) -> str:
    """French number with one decimal: ``81,2``."""
    return f"{value:.1f}".replace(".", ",").replace("-", "−")


def signed(value: float) -> str:
    return ("+" if value >= 0 else "") + points(value)


def confidence_reasons(advice: Advice, lang: str = "fr") -> tuple[str, ...]:
    """Say why the recommendation is not clear-cut (empty when it is)."""
    certainty = advice.certainty
    winner, second = advice.winner, advice.runner_up
    if winner is None:
        return ("Aucun type de lieu ne reste en lice.",)
    reasons: list[str] = []
    if second is not None and certainty.level == "tie":
        reasons.append(
            f"{winner.space_type.label.in_lang(lang)} et {second.space_type.label.in_lang(lang)} "
            f"sont à moins d'un point ({points(certainty.margin)})."
        )
    elif second is not None and certainty.margin < CLEAR_MARGIN:
        reasons.append(
            f"Écart de {points(certainty.margin)} points seulement avec "
            f"{second.space_type.label.in_lang(lang)} (moins de {CLEAR_MARGIN:.0f})."
        )
    for flip in certainty.flips:
        label = advice.criterion_labels[flip.criterion].in_lang(lang)
        new = next(
            r.space_type.label.in_lang(lang)
            for r in advice.ranking
            if r.space_type.id == flip.new_winner
        )
        reasons.append(f"Sans le critère « {label} », {new} passerait en tête.")
    return tuple(reasons)


def bar(score: float, width: int = 20) -> str:
    """A score bar on the fixed 0–100 scale, in eighths of a cell."""
    eighths = round(max(0.0, min(100.0, score)) / 100 * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)


def answer_lines(advice: Advice, question_labels: dict[str, str]) -> list[tuple[str, str]]:
    """(question label, answer ids) pairs in question order, for the reports."""
    lines = []
    for qid, label in question_labels.items():
        if qid in advice.answers:
            value = advice.answers[qid]
            shown = value if isinstance(value, str) else ", ".join(value) or "(aucun)"
            lines.append((label, shown))
    return lines


def rule_effect(rule: FiredRule, labels: Mapping[str, Text], lang: str = "fr") -> str:
    """``Salles de réunion +4, Services clés en main +1``: what a fired rule adds."""
    return ", ".join(
        f"{labels[c].in_lang(lang)} {'+' if p >= 0 else '−'}{abs(p):g}" for c, p in rule.add
    )


def rules_document(identity: RuleBaseId) -> dict[str, str]:
    """The rule base a document was made with, as every JSON output names it."""
    return {"name": identity.name, "version": identity.version, "sha256": identity.sha256}


def rules_line(identity: RuleBaseId) -> str:
    return f"Base de règles : {identity.name} {identity.version} (sha256 {identity.sha256[:12]}…)"
