"""The visit notebook's core: checking visits, and the comparison by hand on a small base."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from conftest import question, rule, space, t
from hypothesis import given, settings
from hypothesis import strategies as st

from espaces_cli.core.errors import UsageError
from espaces_cli.core.model import (
    BudgetCeiling,
    Criterion,
    Exclusion,
    Guarded,
    Leaf,
    RuleBase,
    RuleBaseId,
)
from espaces_cli.core.visit import (
    Notebook,
    Visit,
    check_visit,
    parse_date,
    parse_outcome,
    parse_price,
    parse_rating,
    visit_document,
    visit_items,
)
from espaces_cli.core.visit_compare import compare


def small_base() -> RuleBase:
    """Weights a .75, b .25 for q=x: t1 scores 75, t2 62.5, t3 100 but is ruled out."""
    t1 = replace(
        space("t1", {"a": 4, "b": 0}),
        checklist=(Guarded(t("c1 ?"), id="c1"), Guarded(t("c2 ?"), id="c2")),
    )
    t2 = replace(space("t2", {"a": 2, "b": 4}), checklist=(Guarded(t("d1 ?"), id="d1"),))
    t3 = space(
        "t3",
        {"a": 4, "b": 4},
        (Exclusion(Leaf("q", "equals", ("x",)), t("pas avec x")),),
    )
    return RuleBase(
        identity=RuleBaseId("test", "1", "0" * 64),
        criteria=(Criterion("a", t("A")), Criterion("b", t("B"))),
        questions=(question("q", "one", ("x", "y")), question("budget", "one", ("low", "high"))),
        weight_rules=(rule("qx", Leaf("q", "equals", ("x",)), a=3), rule("all", None, b=1)),
        space_types=(t1, t2, t3),
        general_checklist=(
            Guarded(t("g1 ?"), id="g1"),
            Guarded(t("g2 ?"), Leaf("budget", "equals", ("low",)), id="g2"),
        ),
        budget_ceiling=BudgetCeiling("budget", (("low", 100),)),
    )


ANSWERS = {"q": "x", "budget": "low"}


def visit(base: RuleBase, **raw: object) -> Visit:
    return check_visit(base, ANSWERS, raw)


def notebook(*visits: Visit) -> Notebook:
    return Notebook("", "", RuleBaseId("test", "1", "0" * 64), ANSWERS, visits)


def four_places(base: RuleBase) -> Notebook:
    return notebook(
        visit(
            base,
            name="A",
            type="t1",
            price_month=90,
            rating=4,
            checks={"g1": "oui", "g2": "oui", "c1": "partiel", "c2": "inconnu"},
        ),
        visit(
            base,
            name="B",
            type="t2",
            price_month=80,
            rating=5,
            checks={"g1": "oui", "g2": "non", "d1": "oui"},
            check_notes={"g2": "refus de répondre"},
        ),
        visit(
            base,
            name="C",
            type="t1",
            price_month=150,
            rating=3,
            checks={"g1": "oui", "g2": "oui", "c1": "oui", "c2": "oui"},
        ),
        visit(base, name="D", type="t3", rating=5, checks={"g1": "oui"}),
    )


def test_the_checklist_is_general_answers_then_type_items() -> None:
    base = small_base()
    items = visit_items(base, ANSWERS, "t1")
    assert [(i.id, i.source) for i in items] == [
        ("g1", "general"),
        ("g2", "answers"),
        ("c1", "type"),
        ("c2", "type"),
    ]
    assert [i.id for i in visit_items(base, {"q": "x", "budget": "high"}, "t2")] == ["g1", "d1"]


def test_the_comparison_by_hand() -> None:
    result = compare(small_base(), four_places(small_base()))
    rows = [
        (p.visit.name, p.rank, round(p.score, 3), tuple(round(x, 3) for x in p.parts))
        for p in result.places
    ]
    assert rows == [
        # type 100 × .4; visit (1 + 1 + .5)/3 × .4; rating (4-1)/4 × .2
        ("A", 1, 88.333, (40.0, 33.333, 15.0)),
        # over budget: ranked after A although it scores more
        ("C", 2, 90.0, (40.0, 40.0, 10.0)),
        # t2 scores 62.5 of the best 75: 83.3 × .4; a non on g2 is a red flag
        ("B", 3, 80.0, (33.333, 26.667, 20.0)),
        # t3 is ruled out for these answers: no type points
        ("D", 4, 60.0, (0.0, 40.0, 20.0)),
    ]
    a, c, b, d = result.places
    assert result.budget_ceiling == 100
    assert result.best_type == "t1"
    assert (a.within_budget, b.within_budget, c.within_budget, d.within_budget) == (
        True,
        True,
        False,
        None,
    )
    assert [f.item.id for f in b.red_flags] == ["g2"]
    assert b.red_flags[0].note == "refus de répondre"
    assert [i.id for i in a.unknown] == ["c2"]
    assert a.count("oui") == 2
    assert a.count("partiel") == 1
    assert a.count("inconnu") == 1
    assert [r.fr for r in d.excluded_reasons] == ["pas avec x"]
    assert [p.held_back for p in result.places] == [False, True, True, True]
    assert result.chosen is a
    for place in result.places:
        assert math.isclose(sum(place.parts), place.score)


def test_a_non_on_a_type_item_is_not_a_red_flag() -> None:
    base = small_base()
    place = visit(base, name="E", type="t1", checks={"c1": "non"})
    (result,) = compare(base, notebook(place)).places
    assert result.red_flags == ()
    assert result.visit_value == 0.0


def test_nothing_checked_and_no_rating_give_no_points() -> None:
    base = small_base()
    (result,) = compare(base, notebook(visit(base, name="E", type="t2"))).places
    assert result.visit_value is None
    assert result.rating_value is None
    assert round(result.score, 3) == round(0.4 * 100 * 62.5 / 75, 3)
    assert len(result.unknown) == 3


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"name": " ", "type": "t1"}, "name : le nom du lieu manque."),
        ({"name": "X"}, "type : le type de lieu manque (par exemple t1)."),
        ({"name": "X", "type": "t9"}, "Type de lieu inconnu « t9 »."),
        ({"name": "X", "type": "t1", "rating": 6}, "rating : « 6 » n'est pas une note"),
        ({"name": "X", "type": "t1", "rating": True}, "rating : « True »"),
        ({"name": "X", "type": "t1", "price_month": -1}, "price_month : « -1 » n'est pas"),
        ({"name": "X", "type": "t1", "price_month": "nan"}, "price_month : « nan »"),
        ({"name": "X", "type": "t1", "price_month": math.inf}, "price_month : « inf »"),
        ({"name": "X", "type": "t1", "date": "2026-13-01"}, "date : « 2026-13-01 » n'est pas"),
        ({"name": "X", "type": "t1", "date": "hier"}, "date : « hier » n'est pas une date"),
        ({"name": "X", "type": "t1", "checks": {"c11": "oui"}}, "Vouliez-vous dire « c1 »"),
        ({"name": "X", "type": "t1", "checks": {"d1": "oui"}}, "inconnu pour « t1 » : « d1 »"),
        ({"name": "X", "type": "t1", "checks": {"c1": "peut-être"}}, "c1 : « peut-être » n'est"),
        ({"name": "X", "type": "t1", "checks": ["c1"]}, "checks : une table"),
        ({"name": "X", "type": "t1", "ratting": 3}, "clé inconnue « ratting ». Vouliez-vous"),
        ({"name": "X", "type": "t1", "notes": {"a": 1}}, "notes : un texte est attendu."),
    ],
)
def test_every_bad_value_is_one_sentence(raw: dict[str, object], expected: str) -> None:
    with pytest.raises(UsageError) as caught:
        check_visit(small_base(), ANSWERS, raw)
    assert expected in caught.value.message
    assert "\n" not in caught.value.message


def test_values_are_read_as_people_write_them() -> None:
    assert parse_outcome("Pas demandé") == "inconnu"
    assert parse_outcome("OUI") == "oui"
    assert parse_outcome("partly") == "partiel"
    assert parse_price("190,5 €") == 190.5
    assert parse_price("") is None
    assert parse_rating("4") == 4
    assert parse_date("2026-11-20") == "2026-11-20"
    import datetime

    assert parse_date(datetime.date(2026, 11, 20)) == "2026-11-20"


def test_a_visit_reads_back_from_its_document() -> None:
    base = small_base()
    place = four_places(base).visits[1]
    assert check_visit(base, ANSWERS, visit_document(place)) == place


def test_names_match_without_case_or_accents_and_replace_needs_asking() -> None:
    base = small_base()
    book = notebook(visit(base, name="La Grange", type="t1"))
    with pytest.raises(UsageError, match="déjà dans le carnet"):
        book.with_visit(visit(base, name="la  grange", type="t2"), replace_existing=False)
    changed = book.with_visit(visit(base, name="la grange", type="t2"), replace_existing=True)
    assert [v.type_id for v in changed.visits] == ["t2"]
    assert changed.without("LA GRANGE").visits == ()
    with pytest.raises(UsageError, match="Vouliez-vous dire « La Grange »"):
        book.without("La Grangee")


OUTCOME = st.sampled_from(["oui", "partiel", "non", "inconnu"])
ITEMS = ("g1", "g2", "c1", "c2")


@st.composite
def places(draw: st.DrawFn) -> Visit:
    kind = draw(st.sampled_from(["t1", "t3"]))
    items = ITEMS if kind == "t1" else ITEMS[:2]
    checks = {i: draw(OUTCOME) for i in items if draw(st.booleans())}
    return visit(
        small_base(),
        name=draw(st.sampled_from(["A", "B", "C"])),
        type=kind,
        rating=draw(st.none() | st.integers(1, 5)),
        price_month=draw(st.none() | st.integers(0, 300)),
        checks=checks,
    )


@settings(max_examples=150, deadline=None)
@given(places(), st.sampled_from(ITEMS))
def test_adding_a_oui_never_lowers_a_place(place: Visit, item: str) -> None:
    base = small_base()
    if place.outcome(item) != "inconnu" or (place.type_id == "t3" and item in ("c1", "c2")):
        return
    before = compare(base, notebook(place)).places[0]
    checks = dict(place.checks) | {item: "oui"}
    after = compare(base, notebook(replace(place, checks=tuple(checks.items())))).places[0]
    assert after.score >= before.score - 1e-9
    assert after.held_back == before.held_back


@settings(max_examples=150, deadline=None)
@given(st.lists(places(), min_size=1, max_size=3))
def test_a_place_over_budget_is_never_shown_within_it(visits: list[Visit]) -> None:
    base = small_base()
    unique = list({v.name: v for v in visits}.values())
    result = compare(base, notebook(*unique))
    for place in result.places:
        price = place.visit.price_month
        if price is not None and price > 100:
            assert place.within_budget is False
            assert place.held_back
        if price is None:
            assert place.within_budget is None
    assert [p.rank for p in result.places] == list(range(1, len(unique) + 1))
    clear = [p for p in result.places if not p.held_back]
    assert result.places[: len(clear)] == tuple(clear)


JUNK = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["oui", "non", "t1", "c1", "g1", "2026-11-20", "-1", "nan", "[red]"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["name", "type", "date", "price_month", "rating", "checks", "check_notes", "notes", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JUNK | st.dictionaries(st.sampled_from(ITEMS), JUNK)))
def test_any_visit_document_is_accepted_or_refused_in_one_sentence(raw: dict) -> None:  # type: ignore[type-arg]
    base = small_base()
    problem = None
    try:
        place = check_visit(base, ANSWERS, raw)
    except UsageError as error:
        problem = error.message
    if problem is not None:
        assert "\n" not in problem
        assert problem.strip()
        return
    assert check_visit(base, ANSWERS, visit_document(place)) == place
    (result,) = compare(base, notebook(place)).places
    assert 0 <= result.score <= 100
