"""The group renderers read the typed GroupAdvice: a group left with no type says so in
every format, and the text reports show the figures the JSON document writes."""

from __future__ import annotations

import json
import re
from dataclasses import replace

from workshop_samples import ALICE, BOB, CAROL

from espaces_cli.core.group import advise_group
from espaces_cli.core.model import Exclusion, Leaf, Localized, Not, RuleBase
from espaces_cli.core.session import Participant, checked_answers
from espaces_cli.render.markdown_text import md_text
from espaces_cli.render.numbers import points
from espaces_cli.render.workshop_html import render_group_html
from espaces_cli.render.workshop_report import render_group_json, render_group_markdown
from espaces_cli.render.workshop_terminal import render_group_terminal

# false when the question is unanswered, so its negation knocks every type out
ALWAYS = Not(Leaf("question_absente", "equals", ("x",)))


def people(rule_base: RuleBase, *answer_sets: dict[str, str]) -> list[Participant]:
    return [
        Participant(f"P{i}", checked_answers(rule_base, a), "")
        for i, a in enumerate(answer_sets, start=1)
    ]


def test_a_group_with_no_type_left_says_so_in_every_format(shipped: RuleBase) -> None:
    reason = Localized("Tout est <b>écarté</b> *ici*")
    closed = replace(
        shipped,
        space_types=tuple(
            replace(t, exclude_if=(*t.exclude_if, Exclusion(ALWAYS, reason)))
            for t in shipped.space_types
        ),
    )
    group = advise_group(closed, "Atelier", people(closed, ALICE, BOB))
    assert group.advice.winner is None
    document = json.loads(render_group_json(group, closed))
    assert document["recommendation"] is None
    assert document["ranking"] == []
    assert {e["id"] for e in document["excluded"]} == {t.id for t in closed.space_types}
    verdict = "Aucun type de lieu ne reste en lice pour le groupe."
    assert document["verdict"] == verdict
    markdown = render_group_markdown(group, closed)
    html = render_group_html(group, closed)
    terminal = render_group_terminal(group, closed, color=False, width=100)
    for text in (markdown, html, terminal):
        assert verdict in text
        assert "Score" not in text.split("Classement du groupe")[0]
        assert "Pourquoi" not in text
    assert "Tout est &lt;b&gt;écarté&lt;/b&gt; \\*ici\\*" in markdown
    assert "Tout est &lt;b&gt;écarté&lt;/b&gt; *ici*" in html
    assert "Tout est <b>écarté</b> *ici*" in terminal


def test_every_format_shows_the_scores_and_borda_points_of_the_json(
    shipped: RuleBase,
) -> None:
    group = advise_group(shipped, "Atelier", people(shipped, ALICE, BOB, CAROL))
    document = json.loads(render_group_json(group, shipped))
    borda = document["cross_checks"]["borda"]["points"]
    markdown = render_group_markdown(group, shipped)
    html = render_group_html(group, shipped)
    terminal = render_group_terminal(group, shipped, color=False, width=120).splitlines()
    for entry in document["ranking"]:
        score, points_of = points(entry["score"]), points(borda[entry["id"]])
        firsts = document["first_choice_counts"].get(entry["id"], 0)
        row = f"| {entry['rank']} | {md_text(entry['label'])} | {score} | {points_of} | {firsts} |"
        assert row in markdown.splitlines()
        assert f'<td class="num">{score}</td><td class="num">{points_of}</td>' in html
        table_row = re.compile(
            rf"^\s*{entry['rank']}\s+{re.escape(entry['label'])}\s+{re.escape(score)}\s+\S*"
            rf"\s+{re.escape(points_of)}\s+{firsts}$"
        )
        assert any(table_row.match(line) for line in terminal), entry["label"]
