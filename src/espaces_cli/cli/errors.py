"""Expected failures in words: one line on stderr and the exit code of design §5."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from espaces_cli.cli.environment import Environment
from espaces_cli.core.errors import EspacesError, ExitStatus, Interrupted, RuleBaseError
from espaces_cli.language import _, worded


@contextmanager
def reported(env: Environment) -> Iterator[None]:
    """Turn the errors a user can cause into their message and exit code, never a traceback."""
    try:
        yield
    except RuleBaseError as error:
        for line in error.problems:
            env.say(line)
        raise typer.Exit(int(error.status)) from None
    except EspacesError as error:
        env.say(worded(error))
        raise typer.Exit(int(error.status)) from None
    except (KeyboardInterrupt, EOFError, Interrupted):
        env.say(_("Interrompu : aucune réponse n'a été enregistrée."))
        raise typer.Exit(int(ExitStatus.INTERRUPTED)) from None
