"""Shared fixtures: an isolated cache, the shipped rule base, small hand-made rule bases."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from espaces_cli import language
from espaces_cli.core.model import (
    Choice,
    Condition,
    Criterion,
    Exclusion,
    Localized,
    Question,
    RuleBase,
    RuleBaseId,
    SpaceType,
    WeightRule,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def pytest_configure(config: pytest.Config) -> None:
    # Never read or write the developer's own cache; subprocesses inherit this too.
    os.environ["ESPACES_CACHE_DIR"] = tempfile.mkdtemp(prefix="espaces-test-cache-")
    os.environ["ESPACES_STATE_DIR"] = tempfile.mkdtemp(prefix="espaces-test-state-")
    os.environ.pop("ESPACES_RULES", None)
    # the expected texts are French: whatever the machine's locale, tests speak French
    # unless they choose otherwise
    os.environ["ESPACES_LANG"] = "fr"


@pytest.fixture(autouse=True)
def _speak_french_again() -> Iterator[None]:
    """A test that switches the run's language (``--lang en`` in-process) leaves French."""
    yield
    language.use("fr")


@pytest.fixture(scope="session")
def shipped() -> RuleBase:
    from espaces_cli.rules.loader import load_rule_base

    return load_rule_base()


STUDENT = {
    "profil": "etudiant",
    "besoins": "bureau_mobile",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "minimal",
    "territoire": "rural",
}


def flags(answers: Mapping[str, str]) -> list[str]:
    """``-a id=value`` flags for these answers."""
    return [part for qid, value in answers.items() for part in ("-a", f"{qid}={value}")]


def t(text: str) -> Localized:
    return Localized(text)


def question(qid: str, kind: str, choices: tuple[str, ...], **extra: object) -> Question:
    return Question(
        id=qid,
        kind=kind,  # type: ignore[arg-type]
        label=t(qid),
        help=None,
        choices=tuple(Choice(c, t(c)) for c in choices),
        **extra,  # type: ignore[arg-type]
    )


def space(tid: str, fit: Mapping[str, int], exclude: tuple[Exclusion, ...] = ()) -> SpaceType:
    return SpaceType(id=tid, label=t(tid), summary=t(tid), fit=dict(fit), exclude_if=exclude)


def rule(rid: str, when: Condition | None, **add: float) -> WeightRule:
    return WeightRule(rid, when, tuple(add.items()), t(rid))


def rule_base(
    criteria: tuple[str, ...],
    questions: tuple[Question, ...],
    rules: tuple[WeightRule, ...],
    types: tuple[SpaceType, ...],
) -> RuleBase:
    return RuleBase(
        identity=RuleBaseId("test", "1", "0" * 64),
        criteria=tuple(Criterion(c, t(c)) for c in criteria),
        questions=questions,
        weight_rules=rules,
        space_types=types,
    )
