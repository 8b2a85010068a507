"""Visit comparisons as text: terminal (rich or plain), Markdown and JSON.

Every format reads the same ``compare_document``, so they all say the same thing.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text as RichText

from espaces_cli.core.advice import Item
from espaces_cli.core.model import RuleBase
from espaces_cli.core.text import printable
from espaces_cli.core.visit import Notebook, Visit
from espaces_cli.core.visit_compare import Comparison, PlaceResult
from espaces_cli.language import _, _n, listed, local
from espaces_cli.render.json_blocks import SCHEMA_VERSION, json_text
from espaces_cli.render.markdown_text import md_text
from espaces_cli.render.numbers import points
from espaces_cli.render.terminal_report import make_console


def euros(value: float) -> str:
    text = f"{value:.0f}" if float(value).is_integer() else points(value).replace(",0", "")
    return f"{text} €"


def place_line(visit: Visit, rule_base: RuleBase) -> str:
    """One line of ``visit list``: name, type, date, price, rating."""
    parts = [printable(visit.name), local(rule_base.space_type(visit.type_id).label)]
    if visit.date:
        parts.append(visit.date)
    if visit.price_month is not None:
        parts.append(_("{price} par mois", price=euros(visit.price_month)))
    if visit.rating is not None:
        parts.append(_("note {rating}/5", rating=visit.rating))
    return " — ".join(parts)


# ---------------------------------------------------------------- comparison


def budget_words(place: PlaceResult, ceiling: int | None) -> str:
    price = place.visit.price_month
    if price is None:
        return _("prix non noté")
    if place.within_budget is None:
        return _("{price} par mois", price=euros(price))
    if place.within_budget:
        return _(
            "{price} par mois, dans le budget (plafond {ceiling})",
            price=euros(price),
            ceiling=euros(ceiling or 0),
        )
    return _(
        "{price} par mois, au-dessus du budget (plafond {ceiling})",
        price=euros(price),
        ceiling=euros(ceiling or 0),
    )


def _reserve(place: PlaceResult, ceiling: int | None, *, first: bool = False) -> str:
    """Why a place is ranked after the others (or, ``first``, what holds the best one
    back), in one sentence."""
    reasons = []
    if place.excluded_reasons:
        reasons.append(
            _(
                "son type est écarté pour vos réponses ({reason})",
                reason=printable(local(place.excluded_reasons[0])),
            )
        )
    if place.red_flags:
        reasons.append(
            _n(
                "un point rouge ({items})",
                "{count} points rouges ({items})",
                len(place.red_flags),
                items=listed(printable(local(f.item.text)) for f in place.red_flags),
            )
        )
    if place.within_budget is False:
        reasons.append(
            _(
                "{price} par mois, au-dessus de votre plafond de {ceiling}",
                price=euros(place.visit.price_month or 0),
                ceiling=euros(ceiling or 0),
            )
        )
    if first:
        return _(
            "Ses réserves : {reasons}.",
            reasons=listed(reasons),
        )
    return _(
        "« {name} » passe après : {reasons}.",
        name=printable(place.visit.name),
        reasons=listed(reasons),
    )


def recommendation_sentences(comparison: Comparison) -> list[str]:
    """Which place to choose and why, in two or three sentences."""
    chosen = comparison.chosen
    if chosen is None:
        return []
    name = printable(chosen.visit.name)
    others = comparison.places[1:]
    sentences = []
    if not chosen.held_back:
        if others:
            sentences.append(
                _(
                    "Choisissez « {name} » : {score} / 100, devant « {second} » ({second_score}).",
                    name=name,
                    score=points(chosen.score),
                    second=printable(others[0].visit.name),
                    second_score=points(others[0].score),
                )
            )
        else:
            sentences.append(
                _("Choisissez « {name} » : {score} / 100.", name=name, score=points(chosen.score))
            )
    else:
        sentences.append(
            _(
                "Aucun lieu ne passe sans réserve ; « {name} » a le meilleur score "
                "({score} / 100), mais lisez ses réserves.",
                name=name,
                score=points(chosen.score),
            )
        )
    answered = chosen.count("oui") + chosen.count("partiel") + chosen.count("non")
    if answered:
        sentences.append(
            _n(
                "La visite a confirmé {yes} point sur {count} vérifié ; son type obtient "
                "{fit} / 100 pour vos réponses.",
                "La visite a confirmé {yes} points sur {count} vérifiés ; son type obtient "
                "{fit} / 100 pour vos réponses.",
                answered,
                yes=chosen.count("oui"),
                fit=points(chosen.type_fit),
            )
        )
    else:
        sentences.append(
            _(
                "Rien n'a encore été vérifié sur place ; son type obtient {fit} / 100 pour vos "
                "réponses.",
                fit=points(chosen.type_fit),
            )
        )
    if chosen.held_back:
        sentences.append(_reserve(chosen, comparison.budget_ceiling, first=True))
    held = [p for p in others if p.held_back]
    sentences.extend(_reserve(p, comparison.budget_ceiling) for p in held)
    if chosen.unknown:
        sentences.append(
            _n(
                "Avant de vous engager, demandez encore {count} point (liste ci-dessous).",
                "Avant de vous engager, demandez encore {count} points (liste ci-dessous).",
                len(chosen.unknown),
            )
        )
    return sentences


def _texts(items: tuple[Item, ...]) -> list[str]:
    return [local(i.text) for i in items]


def compare_document(comparison: Comparison, notebook: Notebook) -> dict[str, Any]:
    """The comparison as plain values (design §6 keys), what every format renders."""
    places = []
    for place in comparison.places:
        visit = place.visit
        type_part, visit_part, rating_part = place.parts
        places.append(
            {
                "name": visit.name,
                "type": visit.type_id,
                "type_label": local(place.type_label),
                "rank": place.rank,
                "score": round(place.score, 1),
                "type_fit": round(place.type_fit, 1),
                "visit_score": None if place.visit_value is None else round(place.visit_value, 1),
                "parts": {
                    "type": round(type_part, 1),
                    "visit": round(visit_part, 1),
                    "rating": round(rating_part, 1),
                },
                "checks": dict(place.counts),
                "red_flags": [local(f.item.text) for f in place.red_flags],
                "red_flag_notes": [f.note or None for f in place.red_flags],
                "unknown": _texts(place.unknown),
                "price_month": visit.price_month,
                "within_budget": place.within_budget,
                "rating": visit.rating,
                "held_back": place.held_back,
                "excluded_reasons": [local(r) for r in place.excluded_reasons],
                "date": visit.date or None,
                "address": visit.address or None,
                "contract": visit.contract or None,
                "notes": visit.notes or None,
            }
        )
    chosen = comparison.chosen
    return {
        "schema_version": SCHEMA_VERSION,
        "title": notebook.title,
        "answers": {k: list(v) if isinstance(v, tuple) else v for k, v in notebook.answers.items()},
        "budget_ceiling": comparison.budget_ceiling,
        "recommended_type": comparison.best_type,
        "weights": {"type": 0.4, "visit": 0.4, "rating": 0.2},
        "places": places,
        "recommendation": {
            "name": chosen.visit.name if chosen else None,
            "without_reserve": bool(chosen and not chosen.held_back),
            "text": " ".join(recommendation_sentences(comparison)),
        },
    }


def render_compare_json(comparison: Comparison, notebook: Notebook) -> str:
    return json_text(compare_document(comparison, notebook))


def _place_lines(
    place: dict[str, Any], ceiling_place: PlaceResult, ceiling: int | None
) -> list[str]:
    """A place's detail lines (already printable), the same in every text format."""
    parts = place["parts"]
    checks = place["checks"]
    lines = [
        _(
            "type {type} + visite {visit} + note {rating} (sur 40, 40 et 20)",
            type=points(parts["type"]),
            visit=points(parts["visit"]),
            rating=points(parts["rating"]),
        ),
        _(
            "Liste : {yes} oui, {partly} partiel, {no} non, {unknown} à demander",
            yes=checks["oui"],
            partly=checks["partiel"],
            no=checks["non"],
            unknown=checks["inconnu"],
        ),
        _("Prix : {words}", words=budget_words(ceiling_place, ceiling)),
        _("Votre note : {rating}/5", rating=place["rating"])
        if place["rating"] is not None
        else _("Votre note : non donnée"),
    ]
    lines += own_words(place)
    return lines


def own_words(place: dict[str, Any]) -> list[str]:
    """What was written on the visit: the contract's terms and the notes (made printable)."""
    found = []
    if place["contract"]:
        found.append(_("Contrat : {text}", text=printable(place["contract"])))
    if place["notes"]:
        found.append(_("Notes : {text}", text=printable(place["notes"])))
    return found


def _warnings(place: dict[str, Any]) -> list[str]:
    found = [
        _("Type écarté pour vos réponses : {reason}", reason=printable(r))
        for r in place["excluded_reasons"]
    ]
    for text, note in zip(place["red_flags"], place["red_flag_notes"], strict=True):
        flag = _("Point rouge : non à « {item} »", item=printable(text))
        found.append(flag + (f" ({printable(note)})" if note else ""))
    return found


def trimmed(text: str) -> str:
    """Without the spaces rich pads table rows with, at the end of each line."""
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def hang(console: Console, indent: int, mark: str, text: str, style: str = "") -> None:
    """One line whose wrapped continuation hangs under its first word, not at the margin."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=indent + len(mark), no_wrap=True)
    grid.add_column()
    grid.add_row(RichText(" " * indent + mark), RichText(text, style=style))
    console.print(grid)


def render_compare_terminal(
    comparison: Comparison,
    notebook: Notebook,
    *,
    plain: bool,
    color: bool,
    width: int | None,
) -> str:
    doc = compare_document(comparison, notebook)
    console, buffer = make_console(color=color and not plain, width=width)
    title = notebook.title or _("(sans titre)")
    console.print(
        RichText(_("Comparaison des lieux visités : {title}", title=printable(title)), style="bold")
    )
    console.print()
    for sentence in recommendation_sentences(comparison):
        console.print(RichText(sentence, style="bold green" if not plain else ""))
    for place, result in zip(doc["places"], comparison.places, strict=True):
        console.print()
        head = RichText(
            f"{place['rank']}. {printable(place['name'])} — {printable(place['type_label'])} — "
            + _("{score} / 100", score=points(place["score"])),
            style="bold",
        )
        console.print(head)
        for line in _place_lines(place, result, comparison.budget_ceiling):
            hang(console, 2, "", line)
        for warning in _warnings(place):
            hang(console, 3, "!", warning, "bold red")
        if place["unknown"]:
            hang(console, 2, "", _("À demander :"))
            for text in place["unknown"]:
                hang(console, 4, "-", printable(text))
    console.print()
    console.print(
        RichText(
            _(
                "Score = 40 % adéquation du type à vos réponses + 40 % ce que la visite a "
                "montré + 20 % votre note (docs/visits.md)."
            ),
            style="dim",
        )
    )
    return trimmed(buffer.getvalue())


def render_compare_markdown(comparison: Comparison, notebook: Notebook) -> str:
    doc = compare_document(comparison, notebook)
    title = notebook.title or _("(sans titre)")
    out = [f"# {_('Comparaison des lieux visités : {title}', title=md_text(title))}", ""]
    out += [md_text(s) for s in recommendation_sentences(comparison)]
    out += [
        "",
        "| "
        + " | ".join(
            (
                _("Rang"),
                _("Lieu"),
                _("Type"),
                _("Score"),
                _("type (40)"),
                _("visite (40)"),
                _("note (20)"),
            )
        )
        + " |",
        "|---:|---|---|---:|---:|---:|---:|",
    ]
    for place in doc["places"]:
        parts = place["parts"]
        cells = (
            str(place["rank"]),
            md_text(place["name"]),
            md_text(place["type_label"]),
            points(place["score"]),
            points(parts["type"]),
            points(parts["visit"]),
            points(parts["rating"]),
        )
        out.append("| " + " | ".join(cells) + " |")
    for place, result in zip(doc["places"], comparison.places, strict=True):
        out += ["", f"## {place['rank']}. {md_text(place['name'])}", ""]
        out += [
            f"- {md_text(line)}" for line in _place_lines(place, result, comparison.budget_ceiling)
        ]
        out += [f"- **{md_text(w)}**" for w in _warnings(place)]
        if place["unknown"]:
            out += ["", _("À demander :"), ""]
            out += [f"- [ ] {md_text(text)}" for text in place["unknown"]]
    out += [
        "",
        md_text(
            _(
                "Score = 40 % adéquation du type à vos réponses + 40 % ce que la visite a "
                "montré + 20 % votre note (docs/visits.md)."
            )
        ),
    ]
    return "\n".join(out) + "\n"
