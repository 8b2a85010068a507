"""The advice as a Markdown document, to keep, print or send."""

from __future__ import annotations

from collections.abc import Sequence

from espaces_cli.core.advice import Advice
from espaces_cli.core.model import Question
from espaces_cli.language import _, listed, local
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
    summary_line,
)
from espaces_cli.render.markdown_text import md_code_block, md_source, md_text
from espaces_cli.render.numbers import points, points_word, signed


def render_markdown(advice: Advice, *, replay: str, question_labels: Sequence[Question]) -> str:
    labels = advice.criterion_labels
    out: list[str] = ["# " + _("Quel espace collaboratif choisir ?"), ""]
    winner, second = advice.winner, advice.runner_up
    if winner is None:
        out += [_("**Aucun type de lieu ne convient à ces réponses** : tous ont été écartés."), ""]
    else:
        out += [
            "## " + _("Recommandation : {label}", label=md_text(recommended_label(advice))),
            "",
            "- " + _("Score : **{score} / 100**", score=points(winner.score)),
            "- "
            + _("Certitude : **{level}**", level=_(CONFIDENCE_WORDS[advice.certainty.level]))
            + (
                " " + _("(écart de {margin})", margin=points_word(advice.certainty.margin))
                if second
                else ""
            ),
        ]
        out += [f"  - {md_text(reason)}" for reason in confidence_reasons(advice)]
        covered, missing = needs_cover(advice)
        if covered:
            out.append("- " + md_text(_("Besoins couverts : {needs}", needs=", ".join(covered))))
        if missing:
            out.append(
                "- " + md_text(_("Besoins non couverts : {needs}", needs=", ".join(missing)))
            )
        out += ["", md_text(local(winner.space_type.summary)), ""]
    out += [
        "## " + _("Classement"),
        "",
        "| " + _("Rang") + " | " + _("Type de lieu") + " | " + _("Score") + " |",
        "|---:|---|---:|",
    ]
    out += [
        f"| {r.rank} | {md_text(local(r.space_type.label))} | {points(r.score)} |"
        for r in advice.ranking
    ]
    out.append("")
    if winner is not None:
        out += ["## " + _("Pourquoi"), "", _("Ce qui pèse le plus dans le score :"), ""]
        out += [
            "- " + _("{label} : {value}", label=md_text(local(labels[c])), value=points_word(p))
            for c, p in advice.top_criteria
        ]
        if second is not None:
            out += [
                "",
                _(
                    "Ce qui fait la différence avec {second} :",
                    second=md_text(local(second.space_type.label)),
                ),
                "",
            ]
            out += [
                "- " + _("{label} : {value}", label=md_text(local(labels[c])), value=signed(p))
                for c, p in advice.gap[:5]
            ] or ["- " + _("(aucune différence sur les critères pondérés)")]
        out += ["", _("Vos réponses qui ont fixé ces poids :"), ""]
        out += [
            f"- {md_text(local(rule.because))} _({md_text(rule_effect(rule, labels))})_"
            for rule in advice.fired_rules
        ]
        out.append("")
    if advice.held_back:
        out += ["## " + _("Mis en retrait"), ""]
        for r in advice.held_back:
            label = f"**{md_text(local(r.space_type.label))}**"
            value = md_text(listed(held_back_reasons(r)))
            out.append("- " + _("{label} : {value}", label=label, value=value))
        out.append("")
    if advice.excluded:
        out += ["## " + _("Écartés"), ""]
        for ex in advice.excluded:
            reasons = listed(md_text(local(r)) for r in ex.reasons)
            label = f"**{md_text(local(ex.space_type.label))}**"
            out.append("- " + _("{label} : {value}", label=label, value=reasons))
        out.append("")
    if advice.advantages:
        out += ["## " + _("Avantages"), ""]
        out += [f"- {md_text(local(a))}" for a in advice.advantages]
        out.append("")
    if advice.facts:
        out += ["## " + _("Repères"), ""]
        out += [
            "- "
            + _("{label} : {value}", label=str(f.year), value=md_text(local(f.text)))
            + f" ({md_source(f.source, _('source'))})"
            for f in advice.facts
        ]
        out.append("")
    out += ["## " + _("Précautions"), ""]
    out += [
        f"- {md_text(local(i.text))} _({_(SOURCE_WORDS[i.source])})_" for i in advice.precautions
    ]
    out += ["", "## " + _("Pour la visite"), ""]
    out += [f"- [ ] {md_text(local(i.text))}" for i in advice.checklist]
    if advice.pointers:
        out += ["", "## " + _("Autres appuis"), ""]
        out += [
            "- "
            + _(
                "{label} : {value}",
                label=f"**{md_text(local(p.label))}**",
                value=md_text(local(p.text)),
            )
            + f" ({md_source(p.source, _('source'))})"
            for p in advice.pointers
        ]
    out += ["", "## " + _("Vos réponses"), ""]
    out += [
        "- " + _("{label} : {value}", label=md_text(label), value=md_text(value))
        for label, value in answer_lines(advice, question_labels)
    ]
    rules = advice.rule_base
    out += [
        "",
        "## " + _("Pour rejouer"),
        "",
        md_code_block(replay, "sh"),
        "",
        f"_{md_text(rules_line(rules))}_",
        "",
        f"**{md_text(summary_line(advice))}**",
        "",
    ]
    return "\n".join(out)
