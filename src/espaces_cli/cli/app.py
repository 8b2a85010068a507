"""The ``espaces`` command: its groups, its global options, and ``main``."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Sequence
from types import MappingProxyType
from typing import Annotated

import typer

from espaces_cli import __version__
from espaces_cli.cli import advise, catalog
from espaces_cli.cli.argv import bare_resume, split_language, wanted_language
from espaces_cli.cli.context import environment
from espaces_cli.cli.environment import Environment
from espaces_cli.cli.help import LocalGroup, RootGroup, usage_error_text
from espaces_cli.cli.options import LangChoice
from espaces_cli.cli.rules import rules_app
from espaces_cli.cli.serve import workshop_serve
from espaces_cli.cli.visit import visit_app
from espaces_cli.cli.visit_add import visit_add
from espaces_cli.cli.workshop import workshop_app
from espaces_cli.core.errors import EspacesError, ExitStatus
from espaces_cli.language import N_, _, use, worded

app = typer.Typer(
    name="espaces",
    help=N_("Choisir un espace collaboratif externe : coworking, fab lab, incubateur, tiers-lieu…"),
    no_args_is_help=True,
    rich_markup_mode=None,
    cls=LocalGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
)
for module in (advise, catalog):
    app.registered_commands += module.commands.registered_commands
# The command groups, built only when used (RootGroup); in the order the help lists them.
RootGroup.lazy = MappingProxyType(
    {"rules": rules_app, "workshop": workshop_app, "visit": visit_app}
)
assert callable(workshop_serve)  # « workshop serve » registers itself on the workshop group
assert visit_add is not None  # visit_add registers ``visit add`` on the visit group


def _version_callback(ctx: typer.Context, value: bool) -> None:
    if value:
        environment(ctx).out(f"espaces {__version__}\n")
        raise typer.Exit()


def _lang_callback(value: LangChoice | None) -> None:
    if value is not None:
        use("en" if value is LangChoice.en else "fr")


@app.callback(cls=RootGroup)
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version_callback,
            is_eager=True,
            help=N_("Afficher la version et quitter."),
        ),
    ] = False,
    lang: Annotated[
        LangChoice | None,
        typer.Option(
            "--lang",
            callback=_lang_callback,
            is_eager=True,
            help=N_(
                "Langue des messages (fr ou en), à donner n'importe où sur la ligne ; "
                "sinon ESPACES_LANG, puis la langue du système, puis fr."
            ),
        ),
    ] = None,
) -> None:
    """Choisir un espace collaboratif externe : les bonnes questions, le bon type de lieu,
    les précautions et une liste pour la visite."""


def main(argv: Sequence[str] | None = None, env: Environment | None = None) -> int:
    """Run the command line; return its exit status (design §5).

    ``argv`` and ``env`` default to this process's; tests pass their own and run it
    in-process. The run's language lives in its own context and never leaks out.
    """
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    env = env or Environment.of_process()
    return contextvars.copy_context().run(_run, args, env)


@contextlib.contextmanager
def _streams(env: Environment) -> Iterator[None]:
    """Make the environment's streams the process's while Typer runs."""
    with contextlib.ExitStack() as stack:
        if env.stdout is not None:
            stack.enter_context(contextlib.redirect_stdout(env.stdout))
        if env.stderr is not None:
            stack.enter_context(contextlib.redirect_stderr(env.stderr))
        yield


def _run(argv: list[str], env: Environment) -> int:
    """Language first, then Typer; usage errors in words; results flushed while it is time."""
    from typer._click.exceptions import ClickException

    try:
        args, flag = split_language(argv)
        use(wanted_language(flag, env.variables))
        args = args or ["--help"]  # `espaces` alone asks what it can do: that is not an error
    except EspacesError as error:
        env.say(worded(error))
        return int(error.status)
    try:
        with _streams(env):  # what Typer writes itself (help, usage) goes there too
            status = app(
                args=bare_resume(args), prog_name="espaces", standalone_mode=False, obj=env
            )
        env.flush()
    except ClickException as error:
        env.say(usage_error_text(error))
        return error.exit_code
    except (typer.Abort, KeyboardInterrupt):
        env.say(_("Interrompu."))
        return int(ExitStatus.INTERRUPTED)
    except SystemExit as stop:  # --install-completion, --help of a group
        code = stop.code
        return code if isinstance(code, int) else 0
    return status if isinstance(status, int) else 0
