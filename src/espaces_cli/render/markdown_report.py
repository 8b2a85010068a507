"""The advice as a Markdown document, to keep, print or send."""

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


def _md(text: str) -> str:
    """Keep rule-base text literal: no HTML, no table breaks."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell(text: str) -> str:
    return _md(text).replace("|", "\\|")


def render_markdown(
    advice: Advice, *, replay: str, question_labels: dict[str, str], lang: str = "fr"
) -> str:
    labels = advice.criterion_labels
    out: list[str] = ["# Quel espace collaboratif choisir ?", ""]
    winner, second = advice.winner, advice.runner_up
    if winner is None:
        out += ["**Aucun type de lieu ne convient à ces réponses** : tous ont été écartés.", ""]
    else:
        out += [
            f"## Recommandation : {_md(winner.space_type.label.in_lang(lang))}",
            "",
            f"- Score : **{points(winner.score)} / 100**",
            f"- Certitude : **{CONFIDENCE_WORDS[advice.certainty.level]}**"
            + (f" (écart de {points(advice.certainty.margin)} points)" if second else ""),
        ]
        out += [f"  - {_md(reason)}" for reason in confidence_reasons(advice, lang)]
        out += ["", _md(winner.space_type.summary.in_lang(lang)), ""]
    out += ["## Classement", "", "| Rang | Type de lieu | Score |", "|---:|---|---:|"]
    out += [
        f"| {r.rank} | {_cell(r.space_type.label.in_lang(lang))} | {points(r.score)} |"
        for r in advice.ranking
    ]
    out.append("")
    if winner is not None:
        out += ["## Pourquoi", "", "Ce qui pèse le plus dans le score :", ""]
        out += [
            f"- {_md(labels[c].in_lang(lang))} : {points(p)} points" for c, p in advice.top_criteria
        ]
        if second is not None:
            out += [
                "",
                f"Ce qui fait la différence avec {_md(second.space_type.label.in_lang(lang))} :",
                "",
            ]
            out += [
                f"- {_md(labels[c].in_lang(lang))} : {signed(p)}" for c, p in advice.gap[:5]
            ] or ["- (aucune différence sur les critères pondérés)"]
        out += ["", "Vos réponses qui ont fixé ces poids :", ""]
        out += [
            f"- {_md(rule.because.in_lang(lang))} _({_md(rule_effect(rule, labels, lang))})_"
            for rule in advice.fired_rules
        ]
        out.append("")
    if advice.excluded:
        out += ["## Écartés", ""]
        for ex in advice.excluded:
            reasons = " ; ".join(_md(r.in_lang(lang)) for r in ex.reasons)
            out.append(f"- **{_md(ex.space_type.label.in_lang(lang))}** : {reasons}")
        out.append("")
    if advice.advantages:
        out += ["## Avantages", ""]
        out += [f"- {_md(a.in_lang(lang))}" for a in advice.advantages]
        out.append("")
    out += ["## Précautions", ""]
    out += [
        f"- {_md(i.text.in_lang(lang))} _({SOURCE_WORDS[i.source]})_" for i in advice.precautions
    ]
    out += ["", "## Pour la visite", ""]
    out += [f"- [ ] {_md(i.text.in_lang(lang))}" for i in advice.checklist]
    out += ["", "## Vos réponses", ""]
    out += [f"- {_md(label)} : `{value}`" for label, value in answer_lines(advice, question_labels)]
    rules = advice.rule_base
    out += [
        "",
        "## Pour rejouer",
        "",
        "```sh",
        replay,
        "```",
        "",
        f"_{_md(rules_line(rules))}_",
        "",
    ]
    return "\n".join(out)
