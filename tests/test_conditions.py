"""The closed condition language."""

from __future__ import annotations

import pytest

from espaces_cli.core.conditions import holds, questions_read
from espaces_cli.core.model import AllOf, AnyOf, Leaf, Not

ANSWERS = {"profil": "etudiant", "besoins": ("salles_reunion", "rencontres")}


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (None, True),
        (Leaf("profil", "equals", ("etudiant",)), True),
        (Leaf("profil", "equals", ("independant",)), False),
        (Leaf("profil", "not_equals", ("independant",)), True),
        (Leaf("profil", "in", ("independant", "etudiant")), True),
        (Leaf("profil", "not_in", ("independant", "etudiant")), False),
        (Leaf("besoins", "contains", ("rencontres",)), True),
        (Leaf("besoins", "contains", ("prototypage",)), False),
        (Leaf("absent", "equals", ("x",)), False),
        (Leaf("absent", "not_equals", ("x",)), False),
        (Leaf("absent", "not_in", ("x",)), False),
        (AllOf((Leaf("profil", "equals", ("etudiant",)), Leaf("absent", "equals", ("x",)))), False),
        (AnyOf((Leaf("profil", "equals", ("etudiant",)), Leaf("absent", "equals", ("x",)))), True),
        (Not(Leaf("absent", "equals", ("x",))), True),
    ],
)
def test_holds(condition: object, expected: bool) -> None:
    assert holds(condition, ANSWERS) is expected  # type: ignore[arg-type]


def test_questions_read_walks_the_whole_tree() -> None:
    condition = AllOf((Leaf("a", "equals", ("x",)), Not(AnyOf((Leaf("b", "in", ("y",)),)))))
    assert questions_read(condition) == {"a", "b"}


def _conditions() -> object:
    from hypothesis import strategies as st

    leaf = st.builds(
        Leaf,
        st.sampled_from(["q", "m", "absent"]),
        st.sampled_from(["equals", "not_equals", "in", "not_in", "contains"]),
        st.lists(st.sampled_from(["x", "y", "z"]), min_size=1, max_size=2).map(tuple),
    )
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(lambda items: AllOf(tuple(items))),
            st.lists(inner, min_size=1, max_size=3).map(lambda items: AnyOf(tuple(items))),
            inner.map(Not),
        ),
        max_leaves=6,
    )


def _answers() -> object:
    from hypothesis import strategies as st

    return st.fixed_dictionaries(
        {},
        optional={
            "q": st.sampled_from(["x", "y", "z"]),
            "m": st.lists(st.sampled_from(["x", "y", "z"]), unique=True).map(tuple),
        },
    )
