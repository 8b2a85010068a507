"""Wording shared by every rendering of an advice, so that all formats say the same."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from espaces_cli.core.advice import CLEAR_MARGIN, Advice, FiredRule, ItemSource, Ranked
from espaces_cli.core.model import Localized, Question, RuleBaseId
from espaces_cli.core.text import printable
from espaces_cli.language import N_, _, _n, listed, local, quote
from espaces_cli.render.numbers import points, points_word

CONFIDENCE_WORDS = {"clear": N_("nette"), "narrow": N_("serrée"), "tie": N_("ex aequo")}
FLIPS_NAMED = 3  # criteria named in a certainty reason before « et N autres »
SOURCE_WORDS: dict[ItemSource, str] = {
    "general": N_("général"),
    "type": N_("propre au type"),
    "answers": N_("selon vos réponses"),
}


def shown(text: Localized) -> str:
    """A rule-base text in the active language, made safe to show (``printable``)."""
    return printable(local(text))


def confidence_reasons(advice: Advice) -> tuple[str, ...]:
    """Say why the recommendation is not clear-cut (empty when it is)."""
    certainty = advice.certainty
    winner, second = advice.winner, advice.runner_up
    if winner is None:
        return (_("Aucun type de lieu ne reste en lice."),)
    reasons: list[str] = []
    higher = [r for r in advice.held_back if r.score > winner.score and not winner.held_back]
    if higher:
        reasons.append(
            _(
                "Mieux notés mais mis en retrait : {types}.",
                types=", ".join(local(r.space_type.label) for r in higher),
            )
        )
    if second is not None and second.held_back != winner.held_back:
        second = None  # the runner-up is held back: the score gap says nothing
    if second is not None and certainty.level == "tie":
        reasons.append(
            _(
                "{first} et {second} sont à moins d'un point ({margin}).",
                first=local(winner.space_type.label),
                second=local(second.space_type.label),
                margin=points(certainty.margin),
            )
        )
    elif second is not None and certainty.margin < CLEAR_MARGIN:
        reasons.append(
            _(
                "Écart de {margin} seulement avec {second} (moins de {clear}).",
                margin=points_word(certainty.margin),
                second=local(second.space_type.label),
                clear=f"{CLEAR_MARGIN:.0f}",
            )
        )
    # one line per type that would take the lead, not one per criterion: nine « Sans le
    # critère … » lines say less than one that names the criteria together
    by_new: dict[str, list[str]] = {}
    for flip in certainty.flips:
        by_new.setdefault(flip.new_winner, []).append(
            local(advice.criterion_labels[flip.criterion])
        )
    for new_id, criteria in by_new.items():
        new = next(local(r.space_type.label) for r in advice.ranking if r.space_type.id == new_id)
        if len(criteria) == 1:
            reasons.append(
                _(
                    "Sans le critère « {criterion} », {new} passerait en tête.",
                    criterion=criteria[0],
                    new=new,
                )
            )
            continue
        shown_criteria = ", ".join(quote(c) for c in criteria[:FLIPS_NAMED])
        if len(criteria) > FLIPS_NAMED:
            shown_criteria = _n(
                "{criteria} et {count} autre",
                "{criteria} et {count} autres",
                len(criteria) - FLIPS_NAMED,
                criteria=shown_criteria,
            )
        reasons.append(
            _(
                "Sans l'un de ces {count} critères, {new} passerait en tête : {criteria}.",
                count=len(criteria),
                new=new,
                criteria=shown_criteria,
            )
        )
    return tuple(reasons)


def summary_line(advice: Advice) -> str:
    """The answer in one line, last in a report, where the eye lands when the report ends."""
    winner = advice.winner
    if winner is None:
        return _("En bref : aucun type de lieu ne convient à ces réponses.")
    return _(
        "En bref : {label}, {score} / 100, certitude {level}.",
        label=recommended_label(advice),
        score=points(winner.score),
        level=_(CONFIDENCE_WORDS[advice.certainty.level]),
    )


def recommended_label(advice: Advice) -> str:
    """The recommended type, or the types named together when they are ex aequo."""
    return _(" ou ").join(local(r.space_type.label) for r in advice.ex_aequo)


def held_back_reasons(entry: Ranked) -> tuple[str, ...]:
    """Why a type comes after others whatever its score, in words."""
    reasons = []
    if entry.missing_needs:
        reasons.append(
            _(
                "ne couvre pas : {needs}",
                needs=", ".join(local(n.label) for n in entry.missing_needs),
            )
        )
    if entry.above_budget and entry.space_type.cost is not None:
        reasons.append(
            _(
                "au-dessus du budget (au moins {low} € par personne et par mois)",
                low=entry.space_type.cost.low,
            )
        )
    return tuple(reasons)


def needs_cover(advice: Advice) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ticked needs the recommended type covers, and those it does not (labels)."""
    winner = advice.winner
    if winner is None:
        return (), ()
    missing = {n.id for n in winner.missing_needs}
    covered = tuple(local(n.label) for n in advice.needs if n.id not in missing)
    return covered, tuple(local(n.label) for n in winner.missing_needs)


def answer_lines(advice: Advice, questions: Sequence[Question]) -> list[tuple[str, str]]:
    """(question label, answer labels) pairs in question order, in the run's language.

    The reader sees the words they chose from, not ids; the replay line keeps the ids.
    """
    lines = []
    for question in questions:
        if question.id not in advice.answers:
            continue
        value = advice.answers[question.id]
        ids = (value,) if isinstance(value, str) else tuple(value)
        names = {c.id: local(c.label) for c in question.choices}
        shown = listed(names.get(i, i) for i in ids) or _("(aucun)")
        lines.append((local(question.label), shown))
    return lines


def rule_effect(rule: FiredRule, labels: Mapping[str, Localized]) -> str:
    """``Salles de réunion +4, Services clés en main +1``: what a fired rule adds."""
    return ", ".join(f"{local(labels[c])} {'+' if p >= 0 else '−'}{abs(p):g}" for c, p in rule.add)


def rules_line(identity: RuleBaseId) -> str:
    return _(
        "Base de règles : {name} {version} (sha256 {sha}…)",
        name=identity.name,
        version=identity.version,
        sha=identity.sha256[:12],
    )
