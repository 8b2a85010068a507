"""Visit sheets and comparisons as self-contained printable HTML: no script, no network.

The comparison's chart is inline SVG (stacked bars: type, visit, rating), in the style of
the workshop report; every text from the notebook or the rule base is escaped.
"""

from __future__ import annotations

from espaces_cli.core.visit import Notebook
from espaces_cli.core.visit_compare import Comparison
from espaces_cli.language import _, active, local
from espaces_cli.render.html_text import html_text as _e  # every text of the page
from espaces_cli.render.numbers import points
from espaces_cli.render.visit_report import (
    budget_words,
    compare_document,
    own_words,
    recommendation_sentences,
)
from espaces_cli.render.visit_sheet import (
    Sheet,
    sheet_budget_lines,
    sheet_fields,
    sheet_fit,
    sheet_heading,
)

STYLE = """
:root { --ink: #1d2433; --muted: #5b6475; --accent: #1f6feb; --soft: #e8eefc; --warn: #9a6700;
        --red: #b42318; --type: #1f6feb; --visit: #2da44e; --rating: #bf8700; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem;
       font-size: 1.05rem; line-height: 1.5; }
h1 { font-size: 1.8rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid var(--soft);
     padding-bottom: .2rem; }
.verdict { font-size: 1.15rem; font-weight: 600; padding: .8rem 1rem; border-radius: .5rem;
           background: var(--soft); border-left: .4rem solid var(--accent); }
.verdict.reserve { border-left-color: var(--warn); background: #fff4d6; }
.verdict p { margin: .2rem 0; }
.muted { color: var(--muted); }
.flag { color: var(--red); font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde3ee;
         vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg { width: 100%; height: auto; display: block; margin: .5rem 0 1rem; }
svg text { font-family: inherit; font-size: 13px; fill: var(--ink); }
.type { fill: var(--type); } .visit { fill: var(--visit); } .rating { fill: var(--rating); }
ul.check { list-style: none; padding-left: 0; }
ul.check li { padding: .35rem 0; border-bottom: 1px dotted #c5cddb; }
.boxes { color: var(--muted); font-size: .85em; white-space: nowrap; display: block; }
.id { color: var(--muted); font-size: .8em; }
.blank { display: flex; gap: .5rem; margin: .45rem 0; }
.blank span.line { flex: 1; border-bottom: 1px solid var(--ink); min-height: 1.3em; }
.notes { border: 1px solid #c5cddb; min-height: 6rem; border-radius: .3rem; }
section { break-inside: avoid; }
@media print {
  @page { size: A4; margin: 10mm 11mm; }
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  h1 { font-size: 15pt; } h2 { font-size: 11pt; break-after: avoid; margin: .6rem 0 .3rem; }
  ul.check li { padding: .15rem 0; break-inside: avoid; }
  .boxes { display: inline; margin-left: .6rem; }
  .fields { display: grid; grid-template-columns: 1fr 1fr; column-gap: 1.2rem; }
  .blank { margin: .2rem 0; } .notes { min-height: 2.5rem; }
  ul { margin: .2rem 0; }
  ul.precautions { columns: 2; column-gap: 1.4rem; font-size: 8.5pt; }
  ul.precautions li { break-inside: avoid; }
  .verdict, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _page(title: str, body: list[str]) -> str:
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{active()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f"<title>{_e(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _chart(comparison: Comparison) -> str:
    """Stacked bars: each place's score split into its three parts, on the 0–100 scale."""
    rows = comparison.places
    height = 30 * len(rows) + 40
    label = _("Score de chaque lieu : type, visite, note")
    parts = [
        f'<svg viewBox="0 0 760 {height}" role="img" aria-label="{_e(label)}">',
        f"<title>{_e(label)}</title>",
    ]
    left, span = 230, 470
    for n, place in enumerate(rows):
        y = 10 + 30 * n
        name = place.visit.name
        short = name if len(name) <= 30 else name[:29] + "…"
        parts.append(f'<text x="0" y="{y + 15}">{_e(f"{place.rank}. {short}")}</text>')
        x = float(left)
        for value, css in zip(place.parts, ("type", "visit", "rating"), strict=True):
            width = span * value / 100
            parts.append(
                f'<rect class="{css}" x="{x:.1f}" y="{y}" width="{width:.1f}" height="20"/>'
            )
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{_e(points(place.score))}</text>')
    y = 10 + 30 * len(rows) + 8
    for n, (css, word) in enumerate(
        (("type", _("type (40)")), ("visit", _("visite (40)")), ("rating", _("note (20)")))
    ):
        x = left + 150 * n
        parts.append(f'<rect class="{css}" x="{x}" y="{y}" width="14" height="14"/>')
        parts.append(f'<text x="{x + 20}" y="{y + 12}">{_e(word)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def render_compare_html(comparison: Comparison, notebook: Notebook) -> str:
    doc = compare_document(comparison, notebook)
    title = _("Comparaison des lieux visités : {title}", title=notebook.title or _("(sans titre)"))
    reserve = "" if doc["recommendation"]["without_reserve"] else " reserve"
    body = [f"<h1>{_e(title)}</h1>", f'<div class="verdict{reserve}">']
    body += [f"<p>{_e(s)}</p>" for s in recommendation_sentences(comparison)]
    body += ["</div>", _chart(comparison), "<table>", "<thead><tr>"]
    heads = (
        _("Rang"),
        _("Lieu"),
        _("Type"),
        _("Score"),
        _("type (40)"),
        _("visite (40)"),
        _("note (20)"),
    )
    body.append(
        "".join(
            f'<th class="{"num" if i in (0, 3, 4, 5, 6) else ""}">{_e(h)}</th>'
            for i, h in enumerate(heads)
        )
    )
    body.append("</tr></thead><tbody>")
    for place in doc["places"]:
        p = place["parts"]
        body.append(
            f'<tr><td class="num">{place["rank"]}</td><td>{_e(place["name"])}</td>'
            f"<td>{_e(place['type_label'])}</td>"
            f'<td class="num"><strong>{_e(points(place["score"]))}</strong></td>'
            f'<td class="num">{_e(points(p["type"]))}</td>'
            f'<td class="num">{_e(points(p["visit"]))}</td>'
            f'<td class="num">{_e(points(p["rating"]))}</td></tr>'
        )
    body.append("</tbody></table>")
    for place, result in zip(doc["places"], comparison.places, strict=True):
        checks = place["checks"]
        body.append(f"<section><h2>{place['rank']}. {_e(place['name'])}</h2><ul>")
        body.append(
            "<li>"
            + _e(
                _(
                    "Liste : {yes} oui, {partly} partiel, {no} non, {unknown} à demander",
                    yes=checks["oui"],
                    partly=checks["partiel"],
                    no=checks["non"],
                    unknown=checks["inconnu"],
                )
            )
            + "</li>"
        )
        body.append(
            "<li>"
            + _e(_("Prix : {words}", words=budget_words(result, comparison.budget_ceiling)))
            + "</li>"
        )
        rating = (
            _("Votre note : {rating}/5", rating=place["rating"])
            if place["rating"] is not None
            else _("Votre note : non donnée")
        )
        body.append(f"<li>{_e(rating)}</li>")
        body += [f"<li>{_e(line)}</li>" for line in own_words(place)]
        for reason in place["excluded_reasons"]:
            text = _("Type écarté pour vos réponses : {reason}", reason=reason)
            body.append(f'<li class="flag">{_e(text)}</li>')
        for flag, note in zip(place["red_flags"], place["red_flag_notes"], strict=True):
            text = _("Point rouge : non à « {item} »", item=flag) + (f" ({note})" if note else "")
            body.append(f'<li class="flag">{_e(text)}</li>')
        body.append("</ul>")
        if place["unknown"]:
            body.append(f"<p>{_e(_('À demander :'))}</p><ul>")
            body += [f"<li>{_e(text)}</li>" for text in place["unknown"]]
            body.append("</ul>")
        body.append("</section>")
    body.append(
        '<p class="muted">'
        + _e(
            _(
                "Score = 40 % adéquation du type à vos réponses + 40 % ce que la visite a "
                "montré + 20 % votre note (docs/visits.md)."
            )
        )
        + "</p>"
    )
    return _page(title, body)


def render_sheet_html(sheet: Sheet) -> str:
    heading = sheet_heading(sheet)
    body = [f"<h1>{_e(heading)}</h1>"]
    if sheet.title:
        body.append(f'<p class="muted">{_e(sheet.title)}</p>')
    body.append(f"<p>{_e(local(sheet.summary))}</p>")
    body.append(f'<p class="muted">{_e(sheet_fit(sheet))}</p><section class="fields">')
    body += [
        f'<div class="blank"><span>{_e(line)}</span><span class="line"></span></div>'
        for line in sheet_fields()
    ]
    body.append("</section>")
    body.append(f"<h2>{_e(_('À vérifier (oui / partiel / non / pas demandé) :'))}</h2>")
    body.append('<ul class="check">')
    boxes = _e(_("☐ oui   ☐ partiel   ☐ non   ☐ pas demandé"))
    body += [
        f'<li>{_e(local(i.text))} <span class="id">{_e(i.id or "")}</span>'
        f'<span class="boxes">{boxes}</span></li>'
        for i in sheet.items
    ]
    body.append("</ul>")
    body.append(
        f'<section><h2>{_e(_("Précautions à garder en tête :"))}</h2><ul class="precautions">'
    )
    body += [f"<li>{_e(local(t))}</li>" for t in sheet.precautions]
    body.append("</ul></section>")
    body.append(f"<section><h2>{_e(_('Prix et budget :'))}</h2><ul>")
    body += [f"<li>{_e(line)}</li>" for line in sheet_budget_lines(sheet)]
    body.append("</ul></section>")
    body.append(f"<h2>{_e(_('Notes'))}</h2>" + '<div class="notes"></div>')
    return _page(heading, body)
