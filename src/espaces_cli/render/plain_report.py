"""The advice as plain text: for screen readers and simple terminals (``--plain``, TERM=dumb).

No colour, no box drawing, no bars or symbols: headings, then one idea per line.
"""

from __future__ import annotations

from collections.abc import Sequence

from espaces_cli.core.advice import Advice
from espaces_cli.core.model import Question
from espaces_cli.core.text import printable
from espaces_cli.language import _, listed
from espaces_cli.render.advice_words import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    answer_lines,
    confidence_reasons,
    held_back_reasons,
    needs_cover,
    recommended_label,
    rule_effect,
    rules_line,
    shown,
    summary_line,
)
from espaces_cli.render.numbers import points, points_word, signed


def render_plain(advice: Advice, *, replay: str, question_labels: Sequence[Question]) -> str:
    labels = advice.criterion_labels
    winner, second = advice.winner, advice.runner_up
    out: list[str] = []
    if winner is None:
        out += [_("Recommandation : aucun type de lieu ne convient, tous ont été écartés."), ""]
    else:
        out.append(
            _(
                "Recommandation : {label}, score {score} sur 100.",
                label=printable(recommended_label(advice)),
                score=points(winner.score),
            )
        )
        certainty = _("Certitude : {level}", level=_(CONFIDENCE_WORDS[advice.certainty.level]))
        if second is not None:
            certainty += _(
                ", écart de {margin} avec {second}",
                margin=points_word(advice.certainty.margin),
                second=shown(second.space_type.label),
            )
        out.append(certainty + ".")
        out += [f"- {printable(reason)}" for reason in confidence_reasons(advice)]
        covered, missing = needs_cover(advice)
        if covered:
            out.append(printable(_("Besoins couverts : {needs}", needs=", ".join(covered))))
        if missing:
            out.append(printable(_("Besoins non couverts : {needs}", needs=", ".join(missing))))
        out += [shown(winner.space_type.summary), ""]
    out.append(_("Classement :"))
    out += [
        f"{r.rank}. "
        + _("{label} : {value}", label=shown(r.space_type.label), value=points(r.score))
        for r in advice.ranking
    ]
    out.append("")
    if winner is not None:
        out.append(_("Pourquoi, ce qui pèse le plus :"))
        out += [
            "- " + _("{label} : {value}", label=shown(labels[c]), value=points_word(p))
            for c, p in advice.top_criteria
        ]
        if second is not None and advice.gap:
            out.append(
                _(
                    "Ce qui fait la différence avec {second} :",
                    second=shown(second.space_type.label),
                )
            )
            out += [
                "- " + _("{label} : {value}", label=shown(labels[c]), value=signed(p))
                for c, p in advice.gap[:5]
            ]
        out.append(_("Vos réponses qui ont fixé ces poids :"))
        out += [
            f"- {shown(r.because)} ({printable(rule_effect(r, labels))})"
            for r in advice.fired_rules
        ]
        out.append("")
    if advice.held_back:
        out.append(_("Mis en retrait :"))
        out += [
            "- "
            + _(
                "{label} : {value}",
                label=shown(r.space_type.label),
                value=printable(listed(held_back_reasons(r))),
            )
            for r in advice.held_back
        ]
        out.append("")
    if advice.excluded:
        out.append(_("Écartés :"))
        out += [
            "- "
            + _(
                "{label} : {value}",
                label=shown(e.space_type.label),
                value=listed(shown(r) for r in e.reasons),
            )
            for e in advice.excluded
        ]
        out.append("")
    if advice.facts:
        out.append(_("Repères :"))
        out += [
            "- "
            + _("{label} : {value}", label=str(f.year), value=shown(f.text))
            + f" ({printable(f.source)})"
            for f in advice.facts
        ]
        out.append("")
    if advice.pointers:
        out.append(_("Autres appuis :"))
        out += [
            "- "
            + _("{label} : {value}", label=shown(p.label), value=shown(p.text))
            + f" ({printable(p.source)})"
            for p in advice.pointers
        ]
        out.append("")
    if advice.advantages:
        out.append(_("Avantages :"))
        out += [f"- {shown(a)}" for a in advice.advantages]
        out.append("")
    out.append(_("Précautions :"))
    out += [f"- {shown(i.text)} ({_(SOURCE_WORDS[i.source])})" for i in advice.precautions]
    out += ["", _("Pour la visite :")]
    out += [f"- {shown(i.text)}" for i in advice.checklist]
    out += ["", _("Vos réponses :")]
    out += [
        "- " + _("{label} : {value}", label=printable(label), value=printable(value))
        for label, value in answer_lines(advice, question_labels)
    ]
    out += [
        "",
        _("Pour rejouer sans questions :"),
        printable(replay),
        printable(rules_line(advice.rule_base)),
        "",
        printable(summary_line(advice)),
        "",
    ]
    return "\n".join(out)
