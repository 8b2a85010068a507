"""The expert persona set (written blind from the review): the shipped rule base must give an
acceptable type to at least 90 % of the situations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from espaces_cli.core.engine import advise
from espaces_cli.core.model import RuleBase

EXPERT = Path(__file__).resolve().parent / "personas_expert.yaml"
ACCEPTABLE_SHARE = 0.9


def _personas() -> list[dict[str, Any]]:
    data = yaml.safe_load(EXPERT.read_text(encoding="utf-8"))
    personas: list[dict[str, Any]] = data["personas"]
    return personas


def _answers(raw: dict[str, Any]) -> dict[str, str | tuple[str, ...]]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items()}


def test_expert_personas_get_an_acceptable_type(shipped: RuleBase) -> None:
    personas = _personas()
    first_hits = 0
    misses: list[str] = []
    for persona in personas:
        advice = advise(shipped, _answers(persona["answers"]))
        got = advice.winner.space_type.id if advice.winner else None
        acceptable = {persona["first_choice"], *persona.get("acceptable", [])}
        if got == persona["first_choice"]:
            first_hits += 1
        if got not in acceptable:
            misses.append(f"{persona['id']}: got {got}, expected {sorted(acceptable)}")
    hits = len(personas) - len(misses)
    summary = (
        f"first choice {first_hits}/{len(personas)}, acceptable {hits}/{len(personas)}; misses:\n"
        + "\n".join(misses)
    )
    print(summary)
    assert hits >= ACCEPTABLE_SHARE * len(personas), summary


def test_expert_personas_cover_every_profile_need_and_territory(shipped: RuleBase) -> None:
    personas = _personas()
    assert len(personas) >= 40
    for qid in ("profil", "besoins", "territoire"):
        question = shipped.question(qid)
        seen: set[str] = set()
        for persona in personas:
            value = persona["answers"][qid]
            seen.update(value if isinstance(value, list) else [value])
        assert seen == set(question.choice_ids()), qid
