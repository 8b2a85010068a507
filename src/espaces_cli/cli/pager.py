"""The pager: a report longer than the screen is offered in ``$PAGER`` (``less`` otherwise).

The recommendation box is at the top of the report; by the time a 120-line report has
scrolled past, it is gone. A pager keeps it on the first screen. Only for a person at a
terminal: never when stdout is piped or redirected, never for JSON.
"""

from __future__ import annotations

import contextlib
import shlex
import signal
import subprocess
from collections.abc import Iterator

from espaces_cli.cli.environment import Environment
from espaces_cli.core.encoding import fit_encoding
from espaces_cli.core.text import printable
from espaces_cli.language import _

DEFAULT_PAGER = "less"
LESS_DEFAULTS = {"LESS": "FRX", "LV": "-c"}
"""As git sets them when unset: colours shown, quit at the end of a short text, and the
text left on the screen after quitting."""

NO_PAGER = ("", "cat")
"""``PAGER`` values that ask for no pager (as git reads them)."""


def wants_pager(env: Environment, text: str, choice: bool | None, *, plain: bool) -> bool:
    """Page this text? ``choice`` is ``--pager`` (True), ``--no-pager`` (False) or neither.

    Never when stdout is not a terminal. Without a flag: when the text is taller than the
    screen, in a terminal that can run a pager (not dumb, not plain mode, which is for
    screen readers and simple terminals).
    """
    if choice is False or not env.stdout_is_terminal:
        return False
    if pager_command(env) is None:
        return False
    if choice:
        return True
    if plain or env.dumb_terminal:
        return False
    return text.count("\n") >= max(env.terminal_height - 1, 1)


def pager_command(env: Environment) -> str | None:
    """The pager to run: ``PAGER`` when set (empty or ``cat``: none), else ``less``."""
    wanted = env.get("PAGER")
    if wanted is None:
        return DEFAULT_PAGER
    return None if wanted.strip() in NO_PAGER else wanted.strip()


def show(env: Environment, text: str, choice: bool | None, *, plain: bool) -> None:
    """Write the report on stdout, through the pager when it helps.

    A pager that cannot be started, or that fails, costs nothing: one line says so and
    the report is written on stdout as it would have been without it.
    """
    if not wants_pager(env, text, choice, plain=plain):
        env.out(text)
        return
    command = pager_command(env)
    assert command is not None  # wants_pager checked it
    problem = run_pager(env, command, text)
    if problem is not None:
        env.say(
            _(
                "Pager « {command} » inutilisable ({why}) : le rapport est écrit directement.",
                command=printable(command),
                why=problem,
            )
        )
        env.out(text)


def run_pager(env: Environment, command: str, text: str) -> str | None:
    """Run the pager on ``text``; ``None`` when it ran, else why it could not."""
    try:
        argv = shlex.split(command)
    except ValueError as error:
        return str(error)
    if not argv:
        return _("commande vide")
    encoding = getattr(env.stdout, "encoding", None) or "utf-8"
    data = fit_encoding(text, encoding).encode(encoding, errors="replace")
    variables = {**LESS_DEFAULTS, **env.variables}
    env.flush()
    try:
        process = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=env.stdout, env=variables)
    except FileNotFoundError:
        return _("programme introuvable")
    except OSError as error:
        from espaces_cli.files import why

        return why(error)
    with _ctrl_c_for_the_pager():
        assert process.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end
            process.stdin.write(data)
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()
        status = process.wait()
    if status != 0:
        return _("code de sortie {status}", status=status)
    return None


@contextlib.contextmanager
def _ctrl_c_for_the_pager() -> Iterator[None]:
    """Ctrl-C belongs to the pager while it runs (``less`` uses it), not to this process."""
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing to hand over
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
