"""The group report of a workshop: the JSON document and Markdown (terminal in
workshop_terminal, HTML in workshop_html, shared wording in workshop_words)."""

from __future__ import annotations

from typing import Any

from espaces_cli.core.group import GroupAdvice
from espaces_cli.core.model import RuleBase
from espaces_cli.language import _, _n, local
from espaces_cli.render.advice_words import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    confidence_reasons,
    rules_line,
)
from espaces_cli.render.json_blocks import (
    SCHEMA_VERSION,
    json_text,
    ranked_block,
    recommendation_block,
    rounded,
    rules_document,
    weights_block,
    why_block,
)
from espaces_cli.render.markdown_text import md_text
from espaces_cli.render.numbers import points, points_word
from espaces_cli.render.workshop_words import (
    consensus_lines,
    cross_checks,
    excluded_label,
    excluded_line,
    group_figures,
    split_counts,
    split_label,
    spread_label,
    spread_line,
    type_label,
    verdict,
)


def group_document(group: GroupAdvice, rule_base: RuleBase) -> dict[str, Any]:
    advice = group.advice
    figures = group_figures(group)
    n = group.size
    return {
        "schema_version": SCHEMA_VERSION,
        "title": group.title,
        "rules": rules_document(rule_base.identity),
        "participants": list(group.participants),
        "verdict": verdict(group, rule_base),
        "agrees": group.agrees,
        "recommendation": recommendation_block(advice, detailed=False),
        "ranking": [ranked_block(r, detailed=False) for r in advice.ranking],
        "excluded": [
            {
                "id": e.excluded.space_type.id,
                "label": excluded_label(e),
                "reasons": [local(r) for r in e.excluded.reasons],
                "participants": e.count,
                "of": n,
            }
            for e in group.exclusions
        ],
        "weights": weights_block(advice),
        "fired_rules": [
            {
                "id": rule.id,
                "because": local(rule.because),
                "participants": dict(group.fired_counts)[rule.id],
            }
            for rule in advice.fired_rules
        ],
        "why": why_block(advice),
        "cross_checks": {
            "borda": {
                "winner": group.borda_winner,
                "points": dict(figures.borda),
            },
            "condorcet": group.condorcet,
        },
        "first_choices": [
            {"participant": name, "type": first} for name, first in group.first_choices
        ],
        "first_choice_counts": dict(group.first_counts),
        "consensus": {
            "kendall_w": figures.kendall_w,
            "kendall_w_reading": figures.kendall_w_reading,
            "first_choice_entropy": figures.entropy,
            "first_choice_entropy_reading": figures.entropy_reading,
        },
        "disagreements": {
            "criteria": [
                {
                    "id": s.criterion,
                    "label": spread_label(group, s),
                    "mean": s.mean,
                    "min": s.low,
                    "max": s.high,
                    "spread": s.spread,
                }
                for s in figures.spreads
            ],
            "questions": [
                {
                    "id": s.question,
                    "label": split_label(rule_base, s),
                    "answered": s.answered,
                    "counts": dict(s.counts),
                }
                for s in group.splits
            ],
        },
        "advantages": [local(a) for a in advice.advantages],
        "precautions": [
            {"text": local(c.item.text), "source": c.item.source, "participants": c.count}
            for c in group.precautions
        ],
        "checklist": [
            {"text": local(c.item.text), "source": c.item.source, "participants": c.count}
            for c in group.checklist
        ],
    }


def render_group_json(group: GroupAdvice, rule_base: RuleBase) -> str:
    return json_text(group_document(group, rule_base))


def render_group_markdown(group: GroupAdvice, rule_base: RuleBase) -> str:
    advice = group.advice
    figures = group_figures(group)
    n = group.size
    out = [
        "# " + _("Atelier : {title}", title=md_text(group.title or _("(sans titre)"))),
        "",
        _n("{count} participant.", "{count} participants.", n)
        + f" **{md_text(verdict(group, rule_base))}**",
        "",
    ]
    if advice.winner is not None:
        out += [
            "- " + _("Score : **{score} / 100**", score=points(rounded(advice.winner.score))),
            "- " + _("Certitude : **{level}**", level=_(CONFIDENCE_WORDS[advice.certainty.level])),
        ]
        out += [f"  - {md_text(r)}" for r in confidence_reasons(advice)]
        out.append("")
    out += [
        "## " + _("Classement du groupe"),
        "",
        _("| Rang | Type de lieu | Score (poids moyens) | Borda | 1er choix |"),
        "|---:|---|---:|---:|---:|",
    ]
    firsts = dict(group.first_counts)
    for entry in advice.ranking:
        tid = entry.space_type.id
        out.append(
            f"| {entry.rank} | {md_text(local(entry.space_type.label))} | "
            f"{points(rounded(entry.score))} | {points(figures.borda_of(tid))} | "
            f"{firsts.get(tid, 0)} |"
        )
    out += ["", md_text(cross_checks(group, rule_base)), ""]
    out += ["## " + _("Consensus"), ""]
    out += ["- " + line for line in consensus_lines(figures)]
    out += [
        "",
        "## " + _("Premier choix de chaque participant"),
        "",
        _("| Participant | Premier choix |"),
        "|---|---|",
    ]
    out += [
        f"| {md_text(name)} | {md_text(type_label(rule_base, first))} |"
        for name, first in group.first_choices
    ]
    out += ["", "## " + _("À discuter"), ""]
    for spread in figures.spreads:
        out.append("- " + spread_line(spread, md_text(spread_label(group, spread))))
    for split in group.splits:
        out.append(
            f"- {md_text(split_label(rule_base, split))} — "
            f"{split_counts(rule_base, split, md_text)}"
        )
    out.append("")
    if group.exclusions:
        out += ["## " + _("Écartés à la majorité"), ""]
        out += [
            "- " + excluded_line(e, f"**{md_text(excluded_label(e))}**", n, md_text)
            for e in group.exclusions
        ]
        out.append("")
    if advice.top_criteria:
        labels = advice.criterion_labels
        out += ["## " + _("Pourquoi"), "", _("Ce qui pèse le plus dans le score du groupe :"), ""]
        out += [
            "- "
            + _("{label} : {value}", label=md_text(local(labels[c])), value=points_word(rounded(p)))
            for c, p in advice.top_criteria
        ]
        out += [
            "",
            _("Les réponses qui ont fixé ces poids (nombre de participants concernés) :"),
            "",
        ]
        fired = dict(group.fired_counts)
        out += [
            f"- {md_text(local(rule.because))} ({fired[rule.id]}/{n})"
            for rule in advice.fired_rules
        ]
        out.append("")
    if advice.advantages:
        out += ["## " + _("Avantages"), ""]
        out += [f"- {md_text(local(a))}" for a in advice.advantages] + [""]
    out += ["## " + _("Précautions"), ""]
    out += [
        f"- {md_text(local(c.item.text))} _({_(SOURCE_WORDS[c.item.source])}, {c.count}/{n})_"
        for c in group.precautions
    ]
    out += ["", "## " + _("Pour la visite"), ""]
    out += [f"- [ ] {md_text(local(c.item.text))} ({c.count}/{n})" for c in group.checklist]
    out += ["", f"_{md_text(rules_line(rule_base.identity))}_", ""]
    return "\n".join(out)
