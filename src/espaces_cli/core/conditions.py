"""The closed condition language: evaluated by hand, never ``eval``."""

from __future__ import annotations

from collections.abc import Iterator

from espaces_cli.core.model import AllOf, Answers, AnyOf, Condition, Leaf


def holds(condition: Condition | None, answers: Answers) -> bool:
    """Tell whether ``condition`` is true for ``answers`` (no condition is always true)."""
    if condition is None:
        return True
    if isinstance(condition, Leaf):
        return _leaf_holds(condition, answers)
    if isinstance(condition, AllOf):
        return all(holds(item, answers) for item in condition.items)
    if isinstance(condition, AnyOf):
        return any(holds(item, answers) for item in condition.items)
    return not holds(condition.item, answers)


def _leaf_holds(leaf: Leaf, answers: Answers) -> bool:
    answer = answers.get(leaf.question)
    if answer is None:
        return False
    chosen = (answer,) if isinstance(answer, str) else answer
    if leaf.operator == "contains":
        return all(value in chosen for value in leaf.values)
    if leaf.operator in ("equals", "in"):
        return len(chosen) == 1 and chosen[0] in leaf.values
    # not_equals, not_in
    return not (len(chosen) == 1 and chosen[0] in leaf.values)


def leaves(condition: Condition | None) -> Iterator[Leaf]:
    """Yield every leaf of ``condition``, depth first."""
    if condition is None:
        return
    if isinstance(condition, Leaf):
        yield condition
    elif isinstance(condition, AllOf | AnyOf):
        for item in condition.items:
            yield from leaves(item)
    else:
        yield from leaves(condition.item)


def questions_read(condition: Condition | None) -> frozenset[str]:
    """Return the ids of the questions ``condition`` depends on."""
    return frozenset(leaf.question for leaf in leaves(condition))
