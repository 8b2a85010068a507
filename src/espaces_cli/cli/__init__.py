"""The command line: the only package that imports typer (design §8).

One module per command group (``advise``, ``catalog``, ``rules``, ``workshop``), small
modules for what they share (the environment, options, outputs, error reporting, the
argv handling, Typer's help wording), and ``app`` that puts them together.
"""

from espaces_cli.cli.app import app, main

__all__ = ["app", "main"]
