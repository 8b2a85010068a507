"""What each command starts from: the run's environment and the rule base it names."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from espaces_cli.cli.environment import Environment

if TYPE_CHECKING:
    from espaces_cli.core.model import RuleBase


def environment(ctx: typer.Context) -> Environment:
    """The environment ``main`` was given; the process's own when Typer is called directly."""
    found = ctx.find_root().obj
    return found if isinstance(found, Environment) else Environment.of_process()


def load_rules(env: Environment, path: str | None) -> RuleBase:
    """The rule base at ``path`` (``--rules``/``ESPACES_RULES``), or the shipped one, cached."""
    from espaces_cli.rules.cache import default_dir
    from espaces_cli.rules.loader import load_rule_base

    return load_rule_base(path, cache_dir=default_dir(env.variables))
