"""The command line that replays a run without questions."""

from __future__ import annotations

import shlex

from espaces_cli.core.model import Answers, RuleBase


def replay_command(rule_base: RuleBase, answers: Answers, rules_path: str | None) -> str:
    """Build ``espaces advise --no-input -a id=value…`` for these answers, in question order."""
    parts = ["espaces", "advise", "--no-input"]
    if rules_path is not None:
        parts += ["--rules", rules_path]
    for question in rule_base.questions:
        if question.id not in answers:
            continue
        value = answers[question.id]
        text = value if isinstance(value, str) else ",".join(value)
        parts += ["-a", f"{question.id}={text}"]
    return " ".join(shlex.quote(part) for part in parts)
