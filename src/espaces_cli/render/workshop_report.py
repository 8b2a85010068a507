"""The group report of a workshop: JSON document, terminal, Markdown (HTML in workshop_html)."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.console import JustifyMethod
from rich.table import Table
from rich.text import Text

from espaces_cli.core.group import DISCUSS, GroupAdvice
from espaces_cli.core.model import RuleBase
from espaces_cli.render.common import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    bar,
    confidence_reasons,
    points,
    rules_document,
    rules_line,
    signed,
)
from espaces_cli.render.terminal_report import make_console


def w_reading(value: float | None) -> str:
    """Plain words for Kendall's W (after Schmidt's usual thresholds)."""
    if value is None:
        return "non applicable : il faut au moins deux participants"
    for limit, words in (
        (0.1, "accord très faible"),
        (0.3, "accord faible"),
        (0.5, "accord moyen"),
        (0.7, "accord fort"),
    ):
        if value < limit:
            return words
    return "accord très fort"


def entropy_reading(value: float | None) -> str:
    if value is None:
        return "non applicable : il faut au moins deux participants"
    if value == 0:
        return "tout le monde a le même premier choix"
    if value < 0.3:
        return "premiers choix très concentrés"
    if value < 0.6:
        return "premiers choix partagés entre quelques lieux"
    return "premiers choix très dispersés"


def type_label(rule_base: RuleBase, type_id: str | None, lang: str = "fr") -> str:
    return "aucun" if type_id is None else rule_base.space_type(type_id).label.in_lang(lang)


def verdict(group: GroupAdvice, rule_base: RuleBase, lang: str = "fr") -> str:
    """One sentence: the group's recommendation, or why there is no clear winner."""
    winner = group.advice.winner
    if winner is None:
        return "Aucun type de lieu ne reste en lice pour le groupe."
    label = winner.space_type.label.in_lang(lang)
    if group.agrees:
        return f"Recommandation du groupe : {label}."
    condorcet = (
        type_label(rule_base, group.condorcet, lang)
        if group.condorcet
        else "aucun (les préférences tournent en rond)"
    )
    return (
        f"Pas de gagnant net pour le groupe : la moyenne désigne {label}, le décompte de Borda "
        f"{type_label(rule_base, group.borda_winner, lang)}, la majorité par paires {condorcet}."
    )


def group_document(group: GroupAdvice, rule_base: RuleBase, lang: str = "fr") -> dict[str, Any]:
    advice = group.advice
    winner, second = advice.winner, advice.runner_up
    labels = advice.criterion_labels
    n = group.size
    questions = {q.id: q for q in rule_base.questions}
    return {
        "schema_version": 1,
        "title": group.title,
        "rules": rules_document(rule_base.identity),
        "participants": list(group.participants),
        "verdict": verdict(group, rule_base, lang),
        "agrees": group.agrees,
        "recommendation": None
        if winner is None
        else {
            "id": winner.space_type.id,
            "label": winner.space_type.label.in_lang(lang),
            "score": round(winner.score, 2),
            "margin": round(advice.certainty.margin, 2),
            "confidence": advice.certainty.level,
            "confidence_reasons": list(confidence_reasons(advice, lang)),
            "runner_up": None
            if second is None
            else {
                "id": second.space_type.id,
                "label": second.space_type.label.in_lang(lang),
                "score": round(second.score, 2),
            },
        },
        "ranking": [
            {
                "id": r.space_type.id,
                "label": r.space_type.label.in_lang(lang),
                "score": round(r.score, 2),
                "rank": r.rank,
                "contributions": {c: round(p, 2) for c, p in r.contributions},
            }
            for r in advice.ranking
        ],
        "excluded": [
            {
                "id": e.excluded.space_type.id,
                "label": e.excluded.space_type.label.in_lang(lang),
                "reasons": [r.in_lang(lang) for r in e.excluded.reasons],
                "participants": e.count,
                "of": n,
            }
            for e in group.exclusions
        ],
        "weights": {c: round(w, 4) for c, w in advice.weights},
        "fired_rules": [
            {
                "id": rule.id,
                "because": rule.because.in_lang(lang),
                "participants": dict(group.fired_counts)[rule.id],
            }
            for rule in advice.fired_rules
        ],
        "why": {
            "top_criteria": [
                {"id": c, "label": labels[c].in_lang(lang), "points": round(p, 2)}
                for c, p in advice.top_criteria
            ],
            "gap": [
                {"id": c, "label": labels[c].in_lang(lang), "points": round(p, 2)}
                for c, p in advice.gap
            ],
        },
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
                    "label": labels[s.criterion].in_lang(lang),
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
                    "label": questions[s.question].label.in_lang(lang),
                    "answered": s.answered,
                    "counts": dict(s.counts),
                }
                for s in group.splits
            ],
        },
        "advantages": [a.in_lang(lang) for a in advice.advantages],
        "precautions": [
            {"text": c.item.text.in_lang(lang), "source": c.item.source, "participants": c.count}
            for c in group.precautions
        ],
        "checklist": [
            {"text": c.item.text.in_lang(lang), "source": c.item.source, "participants": c.count}
            for c in group.checklist
        ],
    }


def render_group_json(group: GroupAdvice, rule_base: RuleBase) -> str:
    return json.dumps(group_document(group, rule_base), ensure_ascii=False, indent=2) + "\n"


def _choice_label(rule_base: RuleBase, question_id: str, choice_id: str) -> str:
    return rule_base.question(question_id).choice(choice_id).label.fr


def render_group_terminal(
    group: GroupAdvice, rule_base: RuleBase, *, color: bool, width: int | None = None
) -> str:
    console, buffer = make_console(color=color, width=width)
    doc = group_document(group, rule_base)
    n = group.size
    console.print(
        Text(f"Atelier : {group.title or '(sans titre)'} — {n} participant(s)", style="bold")
    )
    console.print(Text(doc["verdict"], style="bold green" if group.agrees else "bold yellow"))
    if doc["recommendation"]:
        rec = doc["recommendation"]
        line = Text(f"Score {points(rec['score'])} / 100, certitude ")
        line.append(CONFIDENCE_WORDS[rec["confidence"]])
        console.print(line)
        for reason in rec["confidence_reasons"]:
            console.print(Text(f"  – {reason}", style="yellow"))
    table = Table(
        title="Classement du groupe (poids moyens)", title_justify="left", box=box.SIMPLE_HEAD
    )
    columns: tuple[tuple[str, JustifyMethod], ...] = (
        ("Rang", "right"),
        ("Type de lieu", "left"),
        ("Score", "right"),
        ("", "left"),
        ("Borda", "right"),
        ("1er choix", "right"),
    )
    for column, justify in columns:
        table.add_column(column, justify=justify)
    borda_points = dict(group.borda_points)
    firsts = dict(group.first_counts)
    for entry in group.advice.ranking:
        tid = entry.space_type.id
        table.add_row(
            str(entry.rank),
            entry.space_type.label.fr,
            points(entry.score),
            Text(bar(entry.score), style="cyan"),
            points(borda_points[tid]),
            str(firsts.get(tid, 0)),
        )
    console.print(table)
    majority = doc["cross_checks"]["condorcet"]
    console.print(
        Text(
            f"Contrôles : Borda → {type_label(rule_base, group.borda_winner)} ; "
            "majorité par paires → "
            + (type_label(rule_base, majority) if majority else "aucun gagnant de Condorcet")
        )
    )
    console.print()
    _section(console, "Consensus")
    consensus = doc["consensus"]
    w = consensus["kendall_w"]
    console.print(
        Text(
            f"  W de Kendall : {'—' if w is None else points(100 * w) + ' %'} "
            f"({consensus['kendall_w_reading']})"
        )
    )
    h = consensus["first_choice_entropy"]
    console.print(
        Text(
            f"  Dispersion des premiers choix : {'—' if h is None else points(100 * h) + ' %'} "
            f"({consensus['first_choice_entropy_reading']})"
        )
    )
    console.print()
    _section(console, "Premier choix de chaque participant")
    for name, first in group.first_choices:
        console.print(Text(f"  {name} : ").append(type_label(rule_base, first), style="cyan"))
    console.print()
    _section(console, "À discuter")
    for spread in doc["disagreements"]["criteria"]:
        console.print(
            Text(
                f"  • {spread['label']} : poids de {points(100 * spread['min'])} à "
                f"{points(100 * spread['max'])} % selon les participants "
                f"(moyenne {points(100 * spread['mean'])} %)"
            )
        )
    for split in doc["disagreements"]["questions"]:
        counts = ", ".join(
            f"{_choice_label(rule_base, split['id'], c)} : {k}" for c, k in split["counts"].items()
        )
        console.print(Text(f"  • {split['label']} — {counts}"))
    console.print()
    if doc["excluded"]:
        _section(console, "Écartés à la majorité")
        for entry in doc["excluded"]:
            console.print(
                Text(
                    f"  • {entry['label']} : écarté pour {entry['participants']} sur "
                    f"{n} — {' ; '.join(entry['reasons'])}"
                )
            )
        console.print()
    if group.advice.winner is not None:
        _section(console, "Pourquoi")
        for item in doc["why"]["top_criteria"]:
            console.print(Text(f"  • {item['label']} : {points(item['points'])} points"))
        for item in doc["why"]["gap"][:5]:
            console.print(
                Text(f"    écart {item['label']} : {signed(item['points'])}", style="dim")
            )
        console.print()
    _section(console, "Précautions")
    for entry in doc["precautions"]:
        console.print(
            Text(f"  • {entry['text']} ").append(
                f"({SOURCE_WORDS[entry['source']]}, {entry['participants']}/{n})", style="dim"
            )
        )
    console.print()
    _section(console, "Pour la visite")
    for entry in doc["checklist"]:
        console.print(
            Text(f"  [ ] {entry['text']} ").append(f"({entry['participants']}/{n})", style="dim")
        )
    console.print(Text(rules_line(rule_base.identity), style="dim"))
    return buffer.getvalue()


def _section(console: Any, title: str) -> None:
    console.print(Text(title, style="bold underline"))


def _md(text: str) -> str:
    """Names and texts stay literal in Markdown: no HTML, no links, no emphasis."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def render_group_markdown(group: GroupAdvice, rule_base: RuleBase) -> str:
    doc = group_document(group, rule_base)
    n = group.size
    out = [
        f"# Atelier : {_md(group.title or '(sans titre)')}",
        "",
        f"{n} participant(s). **{_md(doc['verdict'])}**",
        "",
    ]
    rec = doc["recommendation"]
    if rec:
        out += [
            f"- Score : **{points(rec['score'])} / 100**",
            f"- Certitude : **{CONFIDENCE_WORDS[rec['confidence']]}**",
        ]
        out += [f"  - {_md(r)}" for r in rec["confidence_reasons"]]
        out.append("")
    out += [
        "## Classement du groupe",
        "",
        "| Rang | Type de lieu | Score (poids moyens) | Borda | 1er choix |",
        "|---:|---|---:|---:|---:|",
    ]
    borda_points = doc["cross_checks"]["borda"]["points"]
    for entry in doc["ranking"]:
        out.append(
            f"| {entry['rank']} | {_md(entry['label'])} | {points(entry['score'])} | "
            f"{points(borda_points[entry['id']])} | "
            f"{doc['first_choice_counts'].get(entry['id'], 0)} |"
        )
    majority = doc["cross_checks"]["condorcet"]
    out += [
        "",
        f"Contrôles : Borda → {_md(type_label(rule_base, group.borda_winner))} ; "
        "majorité par paires → "
        + (_md(type_label(rule_base, majority)) if majority else "aucun gagnant de Condorcet"),
        "",
    ]
    consensus = doc["consensus"]
    w, h = consensus["kendall_w"], consensus["first_choice_entropy"]
    out += [
        "## Consensus",
        "",
        f"- W de Kendall : {'—' if w is None else points(100 * w) + ' %'} "
        f"({consensus['kendall_w_reading']})",
        f"- Dispersion des premiers choix : {'—' if h is None else points(100 * h) + ' %'} "
        f"({consensus['first_choice_entropy_reading']})",
        "",
    ]
    out += [
        "## Premier choix de chaque participant",
        "",
        "| Participant | Premier choix |",
        "|---|---|",
    ]
    out += [
        f"| {_md(name)} | {_md(type_label(rule_base, first))} |"
        for name, first in group.first_choices
    ]
    out += ["", "## À discuter", ""]
    for spread in doc["disagreements"]["criteria"]:
        out.append(
            f"- {_md(spread['label'])} : poids de {points(100 * spread['min'])} à "
            f"{points(100 * spread['max'])} % (moyenne {points(100 * spread['mean'])} %)"
        )
    for split in doc["disagreements"]["questions"]:
        counts = ", ".join(
            f"{_md(_choice_label(rule_base, split['id'], c))} : {k}"
            for c, k in split["counts"].items()
        )
        out.append(f"- {_md(split['label'])} — {counts}")
    out.append("")
    if doc["excluded"]:
        out += ["## Écartés à la majorité", ""]
        out += [
            f"- **{_md(e['label'])}** : écarté pour {e['participants']} sur {n} — "
            + " ; ".join(_md(r) for r in e["reasons"])
            for e in doc["excluded"]
        ]
        out.append("")
    if doc["why"]["top_criteria"]:
        out += ["## Pourquoi", "", "Ce qui pèse le plus dans le score du groupe :", ""]
        out += [
            f"- {_md(i['label'])} : {points(i['points'])} points"
            for i in doc["why"]["top_criteria"]
        ]
        out += ["", "Les réponses qui ont fixé ces poids (nombre de participants concernés) :", ""]
        out += [f"- {_md(r['because'])} ({r['participants']}/{n})" for r in doc["fired_rules"]]
        out.append("")
    if doc["advantages"]:
        out += ["## Avantages", ""] + [f"- {_md(a)}" for a in doc["advantages"]] + [""]
    out += ["## Précautions", ""]
    out += [
        f"- {_md(p['text'])} _({SOURCE_WORDS[p['source']]}, {p['participants']}/{n})_"
        for p in doc["precautions"]
    ]
    out += ["", "## Pour la visite", ""]
    out += [f"- [ ] {_md(c['text'])} ({c['participants']}/{n})" for c in doc["checklist"]]
    out += ["", f"_{_md(rules_line(rule_base.identity))}_", ""]
    return "\n".join(out)
