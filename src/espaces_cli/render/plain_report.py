"""The advice as plain text: for screen readers and simple terminals (``--plain``, TERM=dumb).

No colour, no box drawing, no bars or symbols: headings, then one idea per line.
"""

from __future__ import annotations

from espaces_cli.core.advice import Advice
from espaces_cli.render.common import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    answer_lines,
    confidence_reasons,
    points,
    rule_effect,
    rules_line,
    signed,
)


def render_plain(
    advice: Advice, *, replay: str, question_labels: dict[str, str], lang: str = "fr"
) -> str:
    labels = advice.criterion_labels
    winner, second = advice.winner, advice.runner_up
    out: list[str] = []
    if winner is None:
        out += ["Recommandation : aucun type de lieu ne convient, tous ont été écartés.", ""]
    else:
        out.append(
            f"Recommandation : {winner.space_type.label.in_lang(lang)}, "
            f"score {points(winner.score)} sur 100."
        )
        certainty = f"Certitude : {CONFIDENCE_WORDS[advice.certainty.level]}"
        if second is not None:
            certainty += (
                f", écart de {points(advice.certainty.margin)} points avec "
                f"{second.space_type.label.in_lang(lang)}"
            )
        out.append(certainty + ".")
        out += [f"- {reason}" for reason in confidence_reasons(advice, lang)]
        out += [winner.space_type.summary.in_lang(lang), ""]
    out.append("Classement :")
    out += [
        f"{r.rank}. {r.space_type.label.in_lang(lang)} : {points(r.score)}" for r in advice.ranking
    ]
    out.append("")
    if winner is not None:
        out.append("Pourquoi, ce qui pèse le plus :")
        out += [f"- {labels[c].in_lang(lang)} : {points(p)} points" for c, p in advice.top_criteria]
        if second is not None and advice.gap:
            out.append(f"Ce qui fait la différence avec {second.space_type.label.in_lang(lang)} :")
            out += [f"- {labels[c].in_lang(lang)} : {signed(p)}" for c, p in advice.gap[:5]]
        out.append("Vos réponses qui ont fixé ces poids :")
        out += [
            f"- {r.because.in_lang(lang)} ({rule_effect(r, labels, lang)})"
            for r in advice.fired_rules
        ]
        out.append("")
    if advice.excluded:
        out.append("Écartés :")
        out += [
            f"- {e.space_type.label.in_lang(lang)} : "
            + " ; ".join(r.in_lang(lang) for r in e.reasons)
            for e in advice.excluded
        ]
        out.append("")
    if advice.advantages:
        out.append("Avantages :")
        out += [f"- {a.in_lang(lang)}" for a in advice.advantages]
        out.append("")
    out.append("Précautions :")
    out += [f"- {i.text.in_lang(lang)} ({SOURCE_WORDS[i.source]})" for i in advice.precautions]
    out += ["", "Pour la visite :"]
    out += [f"- {i.text.in_lang(lang)}" for i in advice.checklist]
    out += ["", "Vos réponses :"]
    out += [f"- {label} : {value}" for label, value in answer_lines(advice, question_labels)]
    out += ["", "Pour rejouer sans questions :", replay, rules_line(advice.rule_base), ""]
    return "\n".join(out)
