"""The group report of a workshop: JSON document, terminal, Markdown (HTML in workshop_html)."""

from __future__ import annotations

from typing import Any

from espaces_cli.core.group import DISCUSS, GroupAdvice
from espaces_cli.core.model import RuleBase
from espaces_cli.language import _, _n, listed, local
from espaces_cli.render.common import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    json_text,
    points,
    points_word,
    rules_document,
    rules_line,
)
from espaces_cli.render.json_blocks import (
    SCHEMA_VERSION,
    ranked_block,
    recommendation_block,
    weights_block,
    why_block,
)
from espaces_cli.render.markdown_text import md_text


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


def group_document(group: GroupAdvice, rule_base: RuleBase) -> dict[str, Any]:
    advice = group.advice
    labels = advice.criterion_labels
    n = group.size
    questions = {q.id: q for q in rule_base.questions}
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
                "label": local(e.excluded.space_type.label),
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
                "points": {tid: round(p, 2) for tid, p in group.borda_points},
            },
            "condorcet": group.condorcet,
        },
        "first_choices": [
            {"participant": name, "type": first} for name, first in group.first_choices
        ],
        "first_choice_counts": dict(group.first_counts),
        "consensus": {
            "kendall_w": None if group.kendall_w is None else round(group.kendall_w, 4),
            "kendall_w_reading": w_reading(group.kendall_w),
            "first_choice_entropy": None if group.entropy is None else round(group.entropy, 4),
            "first_choice_entropy_reading": entropy_reading(group.entropy),
        },
        "disagreements": {
            "criteria": [
                {
                    "id": s.criterion,
                    "label": local(labels[s.criterion]),
                    "mean": round(s.mean, 4),
                    "min": round(s.low, 4),
                    "max": round(s.high, 4),
                    "spread": round(s.spread, 4),
                }
                for s in group.spreads[:DISCUSS]
            ],
            "questions": [
                {
                    "id": s.question,
                    "label": local(questions[s.question].label),
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


def _choice_label(rule_base: RuleBase, question_id: str, choice_id: str) -> str:
    return local(rule_base.question(question_id).choice(choice_id).label)


def cross_checks(group: GroupAdvice, rule_base: RuleBase, majority: str | None) -> str:
    """``Contrôles : Borda → … ; majorité par paires → …``."""
    return _(
        "Contrôles : Borda → {borda} ; majorité par paires → {majority}",
        borda=type_label(rule_base, group.borda_winner),
        majority=type_label(rule_base, majority) if majority else _("aucun gagnant de Condorcet"),
    )


def consensus_lines(doc: dict[str, Any]) -> list[str]:
    consensus = doc["consensus"]
    return [
        _(
            "W de Kendall : {value} ({reading})",
            value=percent(consensus["kendall_w"]),
            reading=consensus["kendall_w_reading"],
        ),
        _(
            "Dispersion des premiers choix : {value} ({reading})",
            value=percent(consensus["first_choice_entropy"]),
            reading=consensus["first_choice_entropy_reading"],
        ),
    ]


def spread_line(spread: dict[str, Any], label: str) -> str:
    return _(
        "{label} : poids de {low} à {high} selon les participants (moyenne {mean})",
        label=label,
        low=points(100 * spread["min"]),
        high=percent(spread["max"]),
        mean=percent(spread["mean"]),
    )


def split_counts(rule_base: RuleBase, split: dict[str, Any], escape: Any = str) -> str:
    return ", ".join(
        _("{label} : {value}", label=escape(_choice_label(rule_base, split["id"], c)), value=k)
        for c, k in split["counts"].items()
    )


def excluded_line(entry: dict[str, Any], label: str, n: int, escape: Any = str) -> str:
    return _(
        "{label} : écarté pour {count} sur {total} — {reasons}",
        label=label,
        count=entry["participants"],
        total=n,
        reasons=listed(escape(r) for r in entry["reasons"]),
    )


def render_group_markdown(group: GroupAdvice, rule_base: RuleBase) -> str:
    doc = group_document(group, rule_base)
    n = group.size
    out = [
        "# " + _("Atelier : {title}", title=md_text(group.title or _("(sans titre)"))),
        "",
        _n("{count} participant.", "{count} participants.", n) + f" **{md_text(doc['verdict'])}**",
        "",
    ]
    rec = doc["recommendation"]
    if rec:
        out += [
            "- " + _("Score : **{score} / 100**", score=points(rec["score"])),
            "- " + _("Certitude : **{level}**", level=_(CONFIDENCE_WORDS[rec["confidence"]])),
        ]
        out += [f"  - {md_text(r)}" for r in rec["confidence_reasons"]]
        out.append("")
    out += [
        "## " + _("Classement du groupe"),
        "",
        _("| Rang | Type de lieu | Score (poids moyens) | Borda | 1er choix |"),
        "|---:|---|---:|---:|---:|",
    ]
    borda_points = doc["cross_checks"]["borda"]["points"]
    for entry in doc["ranking"]:
        out.append(
            f"| {entry['rank']} | {md_text(entry['label'])} | {points(entry['score'])} | "
            f"{points(borda_points[entry['id']])} | "
            f"{doc['first_choice_counts'].get(entry['id'], 0)} |"
        )
    majority = doc["cross_checks"]["condorcet"]
    out += ["", md_text(cross_checks(group, rule_base, majority)), ""]
    out += ["## " + _("Consensus"), ""]
    out += ["- " + line for line in consensus_lines(doc)]
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
    for spread in doc["disagreements"]["criteria"]:
        out.append("- " + spread_line(spread, md_text(spread["label"])))
    for split in doc["disagreements"]["questions"]:
        out.append(f"- {md_text(split['label'])} — {split_counts(rule_base, split, md_text)}")
    out.append("")
    if doc["excluded"]:
        out += ["## " + _("Écartés à la majorité"), ""]
        out += [
            "- " + excluded_line(e, f"**{md_text(e['label'])}**", n, md_text)
            for e in doc["excluded"]
        ]
        out.append("")
    if doc["why"]["top_criteria"]:
        out += ["## " + _("Pourquoi"), "", _("Ce qui pèse le plus dans le score du groupe :"), ""]
        out += [
            "- " + _("{label} : {value}", label=md_text(i["label"]), value=points_word(i["points"]))
            for i in doc["why"]["top_criteria"]
        ]
        out += [
            "",
            _("Les réponses qui ont fixé ces poids (nombre de participants concernés) :"),
            "",
        ]
        out += [f"- {md_text(r['because'])} ({r['participants']}/{n})" for r in doc["fired_rules"]]
        out.append("")
    if doc["advantages"]:
        out += ["## " + _("Avantages"), ""] + [f"- {md_text(a)}" for a in doc["advantages"]] + [""]
    out += ["## " + _("Précautions"), ""]
    out += [
        f"- {md_text(p['text'])} _({_(SOURCE_WORDS[p['source']])}, {p['participants']}/{n})_"
        for p in doc["precautions"]
    ]
    out += ["", "## " + _("Pour la visite"), ""]
    out += [f"- [ ] {md_text(c['text'])} ({c['participants']}/{n})" for c in doc["checklist"]]
    out += ["", f"_{md_text(rules_line(rule_base.identity))}_", ""]
    return "\n".join(out)
