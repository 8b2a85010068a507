"""The engine on small hand-made rule bases: exact scores, explanations, certainty."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import question, rule, rule_base, space, t

from espaces_cli.core.engine import advise, weigh
from espaces_cli.core.model import BudgetCeiling, Cost, Exclusion, Leaf, Need, RuleBase

Q = question("q", "one", ("x", "y"))
NEEDS = question("needs", "several", ("m", "n"))


def two_types(fit_t2_b: int = 4) -> object:
    return rule_base(
        criteria=("a", "b"),
        questions=(Q,),
        rules=(rule("qx", Leaf("q", "equals", ("x",)), a=3), rule("always", None, b=1)),
        types=(space("t1", {"a": 4, "b": 0}), space("t2", {"a": 2, "b": fit_t2_b})),
    )


def test_scores_contributions_and_margin_are_exact() -> None:
    advice = advise(two_types(), {"q": "x"})  # type: ignore[arg-type]
    assert dict(advice.weights) == {"a": 0.75, "b": 0.25}
    scores = {r.space_type.id: r.score for r in advice.ranking}
    assert scores == {"t1": 75.0, "t2": 62.5}
    t1 = advice.ranking[0]
    assert dict(t1.contributions) == {"a": 75.0, "b": 0.0}
    assert dict(advice.ranking[1].contributions) == {"a": 37.5, "b": 25.0}
    assert advice.certainty.margin == 12.5
    # gap: a gives +37.5, b gives -25; they add up to the margin
    assert advice.gap == (("a", 37.5), ("b", -25.0))
    assert sum(p for _, p in advice.gap) == advice.certainty.margin
    assert [r.id for r in advice.fired_rules] == ["qx", "always"]


def test_dropping_the_main_criterion_flips_so_confidence_is_narrow() -> None:
    advice = advise(two_types(), {"q": "x"})  # type: ignore[arg-type]
    assert advice.certainty.level == "narrow"
    assert [(f.criterion, f.new_winner) for f in advice.certainty.flips] == [("a", "t2")]


def test_clear_when_margin_is_large_and_no_drop_flips() -> None:
    advice = advise(two_types(fit_t2_b=0), {"q": "x"})  # type: ignore[arg-type]
    # t1 = 75, t2 = 37.5; dropping a leaves b where both score 0: t1 stays first (file order)
    assert advice.certainty.level == "clear"
    assert advice.certainty.margin == 37.5
    assert advice.certainty.flips == ()


def test_ties_within_one_point_share_rank_in_file_order() -> None:
    base = rule_base(
        criteria=("a",),
        questions=(Q,),
        rules=(rule("always", None, a=1),),
        types=(
            space("first", {"a": 2}),
            space("second", {"a": 2}),
            space("third", {"a": 3}),
        ),
    )
    advice = advise(base, {"q": "x"})
    assert [(r.space_type.id, r.rank, r.score) for r in advice.ranking] == [
        ("third", 1, 75.0),
        ("first", 2, 50.0),
        ("second", 2, 50.0),
    ]
    tied = advise(
        rule_base(
            ("a",), (Q,), (rule("always", None, a=1),), (space("p", {"a": 2}), space("r", {"a": 2}))
        ),
        {"q": "x"},
    )
    assert tied.certainty.level == "tie"
    assert [r.rank for r in tied.ranking] == [1, 1]
    assert tied.winner is not None
    assert tied.winner.space_type.id == "p"


def test_exclusions_set_types_aside_with_their_reasons() -> None:
    knock = Exclusion(Leaf("q", "equals", ("y",)), t("pas possible"))
    base = rule_base(
        ("a",),
        (Q,),
        (rule("always", None, a=1),),
        (space("t1", {"a": 4}, exclude=(knock,)), space("t2", {"a": 1})),
    )
    advice = advise(base, {"q": "y"})
    assert [r.space_type.id for r in advice.ranking] == ["t2"]
    assert [(e.space_type.id, [r.fr for r in e.reasons]) for e in advice.excluded] == [
        ("t1", ["pas possible"])
    ]
    assert advice.certainty.level == "clear"
    assert advice.runner_up is None
    assert advice.gap == ()


def test_everything_excluded_gives_no_recommendation() -> None:
    knock = Exclusion(Leaf("q", "equals", ("y",)), t("non"))
    base = rule_base(("a",), (Q,), (), (space("t1", {"a": 4}, exclude=(knock,)),))
    advice = advise(base, {"q": "y"})
    assert advice.winner is None
    assert advice.ranking == ()
    assert advice.certainty.level == "tie"


def test_negative_points_clamp_at_zero_and_no_weight_means_equal_weights() -> None:
    base = rule_base(
        ("a", "b"),
        (Q,),
        (rule("minus", None, a=-5), rule("plus", Leaf("q", "equals", ("x",)), b=2)),
        (space("t1", {"a": 4, "b": 2}),),
    )
    weights, _ = weigh(base, {"q": "x"})
    assert weights == {"a": 0.0, "b": 1.0}
    weights, fired = weigh(base, {"q": "y"})
    assert weights == {"a": 0.5, "b": 0.5}
    assert [r.id for r in fired] == ["minus"]


def test_several_choice_rules_and_unanswered_questions() -> None:
    base = rule_base(
        ("a", "b"),
        (Q, NEEDS),
        (
            rule("m", Leaf("needs", "contains", ("m",)), a=1),
            rule("not_x", Leaf("q", "not_equals", ("x",)), b=1),
        ),
        (space("t1", {"a": 4, "b": 0}), space("t2", {"a": 0, "b": 4})),
    )
    advice = advise(base, {"needs": ("m", "n")})
    # q unanswered: even not_equals is false, so only "m" fires
    assert [r.id for r in advice.fired_rules] == ["m"]
    assert advice.winner is not None
    assert advice.winner.score == pytest.approx(100.0)


def test_within_one_point_the_higher_score_comes_first_whatever_the_file_order() -> None:
    base = rule_base(
        ("a", "b"),
        (Q,),
        (rule("a", None, a=99), rule("b", None, b=0.5)),
        (space("lower", {"a": 3, "b": 0}), space("higher", {"a": 3, "b": 4})),
    )
    advice = advise(base, {"q": "x"})
    assert [(r.space_type.id, r.rank) for r in advice.ranking] == [("higher", 1), ("lower", 1)]
    assert advice.ranking[0].score > advice.ranking[1].score
    assert [r.space_type.id for r in advice.ex_aequo] == ["higher", "lower"]
    assert advice.certainty.level == "tie"


def _held_back_base() -> RuleBase:
    base = rule_base(
        ("a", "machines"),
        (Q, NEEDS, question("budget", "one", ("low", "high"))),
        (rule("a", None, a=10), rule("m", Leaf("needs", "contains", ("m",)), machines=1)),
        (
            space("cheap_no_machines", {"a": 4, "machines": 0}),
            space("dear_machines", {"a": 1, "machines": 4}),
            space("cheap_machines", {"a": 0, "machines": 2}),
        ),
    )
    dear = replace(base.space_types[1], cost=Cost(300, 600))
    cheap = replace(base.space_types[2], cost=Cost(0, 40))
    return replace(
        base,
        space_types=(base.space_types[0], dear, cheap),
        needs=(Need("m", Leaf("needs", "contains", ("m",)), "machines", 2, t("machines")),),
        budget_ceiling=BudgetCeiling("budget", (("low", 50),)),
    )


def test_a_type_missing_a_ticked_need_is_held_back_whatever_its_score() -> None:
    advice = advise(_held_back_base(), {"needs": ("m",), "budget": "high"})
    order = [(r.space_type.id, r.held_back) for r in advice.ranking]
    assert order == [
        ("dear_machines", False),
        ("cheap_machines", False),
        ("cheap_no_machines", True),
    ]
    held = advice.ranking[-1]
    assert held.score > advice.ranking[0].score
    assert [n.id for n in held.missing_needs] == ["m"]
    # contributions still add up to each score
    for entry in advice.ranking:
        assert sum(p for _, p in entry.contributions) == pytest.approx(entry.score)
    # no need ticked: nothing is held back, the score decides
    plain = advise(_held_back_base(), {"needs": ("n",), "budget": "high"})
    assert plain.held_back == ()
    assert plain.ranking[0].space_type.id == "cheap_no_machines"


def test_the_budget_is_a_ceiling_on_the_cheapest_offer() -> None:
    advice = advise(_held_back_base(), {"needs": ("m",), "budget": "low"})
    assert [(r.space_type.id, r.above_budget, r.held_back) for r in advice.ranking] == [
        ("cheap_machines", False, False),
        ("dear_machines", True, True),
        ("cheap_no_machines", False, True),
    ]
    assert advice.budget_ceiling == 50


def test_when_no_type_covers_every_need_nobody_is_held_back_for_needs() -> None:
    base = _held_back_base()
    base = replace(base, space_types=(base.space_types[0],))
    advice = advise(base, {"needs": ("m",), "budget": "high"})
    assert advice.ranking[0].missing_needs
    assert advice.held_back == ()


def test_one_engine_reused_over_many_answers_agrees_with_the_rules_read_directly(
    shipped: RuleBase,
) -> None:
    """The engine remembers what each answer does; a remembered answer must give what the
    rules say for the person at hand (fired rules, knock-outs and their reasons, weights)."""
    from espaces_cli.core.conditions import holds
    from espaces_cli.core.engine import Engine, normalise
    from espaces_cli.core.explore import sample_answers

    engine = Engine(shipped)
    for answers in sample_answers(shipped.questions, 600, seed=5):
        raw = {c.id: 0.0 for c in shipped.criteria}
        fired = []
        for r in shipped.weight_rules:
            if holds(r.when, answers):
                fired.append(r.id)
                for c, points in r.add:
                    raw[c] += points
        weights, fired_rules = engine.weigh(answers)
        assert weights == normalise({c: max(0.0, p) for c, p in raw.items()})
        assert [f.id for f in fired_rules] == fired
        kept, excluded = engine.screen(answers)
        reasons = {
            t.id: tuple(e.reason for e in t.exclude_if if holds(e.when, answers))
            for t in shipped.space_types
        }
        assert {e.space_type.id: e.reasons for e in excluded} == {
            k: v for k, v in reasons.items() if v
        }
        assert [t.id for t in kept] == [k for k, v in reasons.items() if not v]
        profile = engine.profile(answers)
        advice = engine.advise(answers)
        assert profile.first == (advice.winner.space_type.id if advice.winner else None)
