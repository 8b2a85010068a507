"""Wording and figures every group report shares, from the typed ``GroupAdvice``.

The JSON document and the terminal, Markdown and HTML reports read the group's figures
(Borda points, Kendall's W, entropy, the criteria to discuss) through ``GroupFigures``,
rounded once as the JSON writes them, so the formats cannot drift apart on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from espaces_cli.core.group import (
    DISCUSS,
    CriterionSpread,
    GroupAdvice,
    GroupExclusion,
    QuestionSplit,
)
from espaces_cli.core.model import RuleBase
from espaces_cli.language import _, listed, local
from espaces_cli.render.numbers import points

Escape = Callable[[str], str]


@dataclass(frozen=True)
class GroupFigures:
    """The group's figures as every report shows them (JSON rounding), with their readings."""

    borda: tuple[tuple[str, float], ...]
    kendall_w: float | None
    kendall_w_reading: str
    entropy: float | None
    entropy_reading: str
    spreads: tuple[CriterionSpread, ...]
    """The criteria to discuss, the most disputed first."""

    def borda_of(self, type_id: str) -> float:
        return dict(self.borda)[type_id]


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def group_figures(group: GroupAdvice) -> GroupFigures:
    return GroupFigures(
        borda=tuple((tid, round(p, 2)) for tid, p in group.borda_points),
        kendall_w=_share(group.kendall_w),
        # read from the exact value: rounding must not move it across a threshold
        kendall_w_reading=w_reading(group.kendall_w),
        entropy=_share(group.entropy),
        entropy_reading=entropy_reading(group.entropy),
        spreads=tuple(
            CriterionSpread(
                s.criterion,
                round(s.mean, 4),
                round(s.low, 4),
                round(s.high, 4),
                round(s.spread, 4),
            )
            for s in group.spreads[:DISCUSS]
        ),
    )


def w_reading(value: float | None) -> str:
    """Plain words for Kendall's W (after Schmidt's usual thresholds)."""
    if value is None:
        return _("non applicable : il faut au moins deux participants")
    for limit, words in (
        (0.1, _("accord très faible")),
        (0.3, _("accord faible")),
        (0.5, _("accord moyen")),
        (0.7, _("accord fort")),
    ):
        if value < limit:
            return words
    return _("accord très fort")


def entropy_reading(value: float | None) -> str:
    if value is None:
        return _("non applicable : il faut au moins deux participants")
    if value == 0:
        return _("tout le monde a le même premier choix")
    if value < 0.3:
        return _("premiers choix très concentrés")
    if value < 0.6:
        return _("premiers choix partagés entre quelques lieux")
    return _("premiers choix très dispersés")


def percent(share: float | None) -> str:
    """``42,0 %`` (a share between 0 and 1), or a dash when it does not apply."""
    return "—" if share is None else _("{value} %", value=points(100 * share))


def type_label(rule_base: RuleBase, type_id: str | None) -> str:
    return _("aucun") if type_id is None else local(rule_base.space_type(type_id).label)


def verdict(group: GroupAdvice, rule_base: RuleBase) -> str:
    """One sentence: the group's recommendation, or why there is no clear winner."""
    winner = group.advice.winner
    if winner is None:
        return _("Aucun type de lieu ne reste en lice pour le groupe.")
    label = local(winner.space_type.label)
    if group.agrees:
        return _("Recommandation du groupe : {label}.", label=label)
    condorcet = (
        type_label(rule_base, group.condorcet)
        if group.condorcet
        else _("aucun (les préférences tournent en rond)")
    )
    return _(
        "Pas de gagnant net pour le groupe : la moyenne désigne {label}, le décompte de Borda "
        "{borda}, la majorité par paires {condorcet}.",
        label=label,
        borda=type_label(rule_base, group.borda_winner),
        condorcet=condorcet,
    )


def cross_checks(group: GroupAdvice, rule_base: RuleBase) -> str:
    """``Contrôles : Borda → … ; majorité par paires → …``."""
    majority = group.condorcet
    return _(
        "Contrôles : Borda → {borda} ; majorité par paires → {majority}",
        borda=type_label(rule_base, group.borda_winner),
        majority=type_label(rule_base, majority) if majority else _("aucun gagnant de Condorcet"),
    )


def consensus_lines(figures: GroupFigures) -> list[str]:
    return [
        _(
            "W de Kendall : {value} ({reading})",
            value=percent(figures.kendall_w),
            reading=figures.kendall_w_reading,
        ),
        _(
            "Dispersion des premiers choix : {value} ({reading})",
            value=percent(figures.entropy),
            reading=figures.entropy_reading,
        ),
    ]


def spread_label(group: GroupAdvice, spread: CriterionSpread) -> str:
    return local(group.advice.criterion_labels[spread.criterion])


def spread_line(spread: CriterionSpread, label: str) -> str:
    return _(
        "{label} : poids de {low} à {high} selon les participants (moyenne {mean})",
        label=label,
        low=points(100 * spread.low),
        high=percent(spread.high),
        mean=percent(spread.mean),
    )


def split_label(rule_base: RuleBase, split: QuestionSplit) -> str:
    return local(rule_base.question(split.question).label)


def split_counts(rule_base: RuleBase, split: QuestionSplit, escape: Escape = str) -> str:
    question = rule_base.question(split.question)
    return ", ".join(
        _("{label} : {value}", label=escape(local(question.choice(c).label)), value=k)
        for c, k in split.counts
    )


def excluded_label(exclusion: GroupExclusion) -> str:
    return local(exclusion.excluded.space_type.label)


def excluded_line(exclusion: GroupExclusion, label: str, n: int, escape: Escape = str) -> str:
    return _(
        "{label} : écarté pour {count} sur {total} — {reasons}",
        label=label,
        count=exclusion.count,
        total=n,
        reasons=listed(escape(local(r)) for r in exclusion.excluded.reasons),
    )
