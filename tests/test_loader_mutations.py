"""A broken rule base, whatever the break, is refused with problems, never with a crash.

Seeded structural mutations of the shipped file (a key dropped, a value of the wrong type,
a list where a table was, an unknown id): each must raise ``RuleBaseError`` naming the file. The
loader's cross-checks read only what the schema found sound; this guards that promise.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import yaml

from espaces_cli.core.errors import RuleBaseError
from espaces_cli.rules.loader import Source, build_rule_base, read_source

_SHIPPED = yaml.safe_load(read_source(None).data)
_ODD_VALUES: tuple[Any, ...] = (None, 0, -1, 2.5, "x", "", [], {}, ["x"], {"x": 1}, True)


def _places(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside ``value``, the root excepted."""
    found = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        found.append((*path, key))
        found.extend(_places(child, (*path, key)))
    return found


def _mutated(seed: int) -> Any:
    rng = random.Random(seed)
    data = yaml.safe_load(yaml.safe_dump(_SHIPPED, allow_unicode=True))
    places = _places(data)
    for _ in range(rng.randint(1, 3)):
        path = rng.choice(places)
        parent = data
        for key in path[:-1]:
            if not isinstance(parent, dict | list):
                break
            try:
                parent = parent[key]
            except (KeyError, IndexError):
                break
        else:
            key = path[-1]
            if not isinstance(parent, dict | list):
                continue
            try:
                how = rng.random()
                if how < 0.3:
                    del parent[key]
                elif how < 0.8:
                    parent[key] = rng.choice(_ODD_VALUES)
                else:
                    parent[key] = f"inconnu_{rng.randint(0, 9)}"
            except (KeyError, IndexError):
                continue
    return data


@pytest.mark.parametrize("seed", range(40))
def test_a_mutated_rule_base_is_refused_with_its_problems(seed: int) -> None:
    # every one of these seeds breaks the file (checked when they were chosen)
    text = yaml.safe_dump(_mutated(seed), allow_unicode=True, sort_keys=False)
    with pytest.raises(RuleBaseError) as refused:
        build_rule_base(Source(f"mutation-{seed}.yaml", text.encode()))
    assert str(refused.value).startswith(f"mutation-{seed}.yaml: ")
    assert all(line.startswith(f"mutation-{seed}.yaml:") for line in refused.value.problems)
