"""The group report as one self-contained HTML page: no script, no network, printable on A4.

Charts are inline SVG drawn here; every text from names or the rule base is escaped.
"""

from __future__ import annotations

from espaces_cli.core.group import CriterionSpread, GroupAdvice
from espaces_cli.core.model import RuleBase
from espaces_cli.language import _, _n, active, local
from espaces_cli.render.advice_words import (
    CONFIDENCE_WORDS,
    SOURCE_WORDS,
    confidence_reasons,
    rules_line,
)
from espaces_cli.render.html_text import html_text as _e  # every text of the page
from espaces_cli.render.json_blocks import rounded
from espaces_cli.render.numbers import points, points_word
from espaces_cli.render.workshop_words import (
    consensus_lines,
    cross_checks,
    excluded_label,
    excluded_line,
    group_figures,
    percent,
    split_counts,
    split_label,
    spread_label,
    type_label,
    verdict,
)

STYLE = """
:root { --ink: #1d2433; --muted: #5b6475; --accent: #1f6feb; --soft: #e8eefc; --warn: #9a6700; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem;
       font-size: 1.05rem; line-height: 1.5; }
h1 { font-size: 1.9rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid var(--soft);
     padding-bottom: .2rem; }
.verdict { font-size: 1.35rem; font-weight: 650; padding: .8rem 1rem; border-radius: .5rem;
           background: var(--soft); border-left: .4rem solid var(--accent); }
.verdict.split { border-left-color: var(--warn); background: #fff4d6; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #dde3ee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg { width: 100%; height: auto; display: block; margin: .5rem 0 1rem; }
svg text { font-family: inherit; font-size: 13px; fill: var(--ink); }
.bar { fill: var(--accent); } .bar.other { fill: #9db7e8; } .spread { stroke: #9db7e8;
  stroke-width: 6; stroke-linecap: round; } .mean { fill: var(--accent); }
ul.check { list-style: none; padding-left: 0; } ul.check li::before { content: "☐ "; }
.count { color: var(--muted); font-size: .9em; white-space: nowrap; }
section { break-inside: avoid; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  .verdict { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg { max-height: 120mm; }
}
"""


LABEL_CHARS = 32


def _short(label: str) -> str:
    """Chart labels fit their column; the full label is in the table below the chart."""
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1].rstrip() + "…"


def _bars_svg(
    title: str, rows: list[tuple[str, float, str]], maximum: float, highlight: str | None
) -> str:
    """Horizontal bars: (label, value, shown value), scaled to ``maximum``."""
    height = 26 * len(rows) + 10
    parts = [
        f'<svg viewBox="0 0 760 {height}" role="img" aria-label="{_e(title)}">',
        f"<title>{_e(title)}</title>",
    ]
    for index, (label, value, shown) in enumerate(rows):
        y = 5 + 26 * index
        width = 0 if maximum <= 0 else 420 * max(0.0, value) / maximum
        css = "bar" if label == highlight else "bar other"
        parts.append(
            f'<text x="250" y="{y + 16}" text-anchor="end">{_e(_short(label))}'
            f"<title>{_e(label)}</title></text>"
        )
        parts.append(
            f'<rect class="{css}" x="260" y="{y + 3}" width="{width:.1f}" height="18" rx="3"/>'
        )
        parts.append(f'<text x="{266 + width:.1f}" y="{y + 16}">{_e(shown)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _spread_svg(rows: list[tuple[str, CriterionSpread]]) -> str:
    """One line per criterion from the lowest to the highest weight, a dot at the mean."""
    title = _("Écart des poids entre participants, par critère")
    maximum = max((spread.high for _label, spread in rows), default=0.0) or 1.0
    height = 26 * len(rows) + 30
    parts = [
        f'<svg viewBox="0 0 760 {height}" role="img" aria-label="{_e(title)}">',
        f"<title>{_e(title)}</title>",
    ]
    for index, (label, spread) in enumerate(rows):
        y = 14 + 26 * index
        low = 260 + 420 * spread.low / maximum
        high = 260 + 420 * spread.high / maximum
        mean = 260 + 420 * spread.mean / maximum
        parts.append(f'<text x="250" y="{y + 5}" text-anchor="end">{_e(_short(label))}</text>')
        parts.append(
            f'<line class="spread" x1="{low:.1f}" y1="{y}" x2="{max(high, low + 0.1):.1f}" '
            f'y2="{y}"/>'
        )
        parts.append(f'<circle class="mean" cx="{mean:.1f}" cy="{y}" r="6"/>')
    axis_y = height - 8
    parts.append(f'<text x="260" y="{axis_y}">0 %</text>')
    parts.append(f'<text x="680" y="{axis_y}" text-anchor="end">{percent(maximum)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def render_group_html(group: GroupAdvice, rule_base: RuleBase) -> str:
    advice = group.advice
    figures = group_figures(group)
    n = group.size
    winner = advice.winner
    winner_label = local(winner.space_type.label) if winner is not None else None
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{active()}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(_('Atelier : {title}', title=group.title or _('(sans titre)')))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(_('Atelier : {title}', title=group.title or _('(sans titre)')))}</h1>",
        f'<p class="muted">{_e(_n("{count} participant", "{count} participants", n))} · '
        f"{_e(rules_line(rule_base.identity))}</p>",
        f'<p class="verdict{"" if group.agrees else " split"}" id="verdict">'
        f"{_e(verdict(group, rule_base))}</p>",
    ]
    if winner is not None:
        out.append(
            f"<p>{_e(_('Score du groupe :'))} "
            f"<strong>{points(rounded(winner.score))} / 100</strong> · "
            f"{_e(_('certitude'))} "
            f"<strong>{_e(_(CONFIDENCE_WORDS[advice.certainty.level]))}</strong></p>"
        )
        reasons = confidence_reasons(advice)
        if reasons:
            out.append("<ul>" + "".join(f"<li>{_e(r)}</li>" for r in reasons) + "</ul>")
    out.append("</header>")
    ranking_rows = [
        (local(r.space_type.label), rounded(r.score), points(rounded(r.score)))
        for r in advice.ranking
    ]
    out += [
        "<section>",
        f"<h2>{_e(_('Classement du groupe'))}</h2>",
        f'<p class="muted">{_e(_("Scores sur 100 avec les poids moyens des participants."))}</p>',
        _bars_svg(_("Classement du groupe"), ranking_rows, 100.0, winner_label),
    ]
    out.append(
        f'<table><thead><tr><th class="num">{_e(_("Rang"))}</th><th>{_e(_("Type de lieu"))}</th>'
        f'<th class="num">{_e(_("Score"))}</th><th class="num">Borda</th>'
        f'<th class="num">{_e(_("1er choix"))}</th></tr></thead><tbody>'
    )
    firsts = dict(group.first_counts)
    for r in advice.ranking:
        tid = r.space_type.id
        out.append(
            f'<tr><td class="num">{r.rank}</td><td>{_e(local(r.space_type.label))}</td>'
            f'<td class="num">{points(rounded(r.score))}</td>'
            f'<td class="num">{points(figures.borda_of(tid))}</td>'
            f'<td class="num">{firsts.get(tid, 0)}</td></tr>'
        )
    out.append("</tbody></table>")
    out.append(f"<p>{_e(cross_checks(group, rule_base))}</p></section>")
    first_rows = sorted(
        ((type_label(rule_base, tid), float(k), str(k)) for tid, k in group.first_counts),
        key=lambda row: -row[1],
    )
    out += [
        "<section>",
        f"<h2>{_e(_('Premiers choix'))}</h2>",
        _bars_svg(
            _("Répartition des premiers choix"),
            first_rows,
            float(max((row[1] for row in first_rows), default=1.0)),
            winner_label,
        ),
        f"<table><thead><tr><th>{_e(_('Participant'))}</th><th>{_e(_('Premier choix'))}</th>"
        "</tr></thead><tbody>",
    ]
    out += [
        f"<tr><td>{_e(name)}</td><td>{_e(type_label(rule_base, first))}</td></tr>"
        for name, first in group.first_choices
    ]
    out.append("</tbody></table></section>")
    out += ["<section>", f"<h2>{_e(_('Consensus'))}</h2>", "<ul>"]
    out += [f"<li>{_e(line)}</li>" for line in consensus_lines(figures)]
    out.append("</ul></section>")
    out += [
        "<section>",
        f"<h2>{_e(_('À discuter'))}</h2>",
        f"<p>{_e(_('Les critères sur lesquels les poids diffèrent le plus :'))}</p>",
        _spread_svg([(spread_label(group, s), s) for s in figures.spreads]),
        "<ul>",
    ]
    for split in group.splits:
        counts = _e(split_counts(rule_base, split))
        out.append(f"<li><strong>{_e(split_label(rule_base, split))}</strong> — {counts}</li>")
    out.append("</ul></section>")
    if group.exclusions:
        out += ["<section>", f"<h2>{_e(_('Écartés à la majorité'))}</h2>", "<ul>"]
        out += [
            "<li>"
            + excluded_line(e, "<strong>" + _e(excluded_label(e)) + "</strong>", n, _e)
            + "</li>"
            for e in group.exclusions
        ]
        out.append("</ul></section>")
    if advice.top_criteria:
        labels = advice.criterion_labels
        out += ["<section>", f"<h2>{_e(_('Pourquoi'))}</h2>", "<ul>"]
        out += [
            "<li>"
            + _e(_("{label} : {value}", label=local(labels[c]), value=points_word(rounded(p))))
            + "</li>"
            for c, p in advice.top_criteria
        ]
        out.append("</ul></section>")
    if advice.advantages:
        out += ["<section>", f"<h2>{_e(_('Avantages'))}</h2>", "<ul>"]
        out += [f"<li>{_e(local(a))}</li>" for a in advice.advantages]
        out.append("</ul></section>")
    out += ["<section>", f"<h2>{_e(_('Précautions'))}</h2>", "<ul>"]
    out += [
        f'<li>{_e(local(p.item.text))} <span class="count">'
        f"({_e(_(SOURCE_WORDS[p.item.source]))}, {p.count}/{n})</span></li>"
        for p in group.precautions
    ]
    out += [
        "</ul></section>",
        "<section>",
        f"<h2>{_e(_('Pour la visite'))}</h2>",
        '<ul class="check">',
    ]
    out += [
        f'<li>{_e(local(c.item.text))} <span class="count">({c.count}/{n})</span></li>'
        for c in group.checklist
    ]
    out += ["</ul></section>", "</body>", "</html>", ""]
    return "\n".join(out)
