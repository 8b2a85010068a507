"""Find every program message in the source: what the English catalog must cover.

A message is the literal first argument of ``_()``, ``N_()`` or ``msg()``, or the docstring
of a Typer command (its help). Shared by the catalog tests.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "espaces_cli"
MARKERS = {"_", "N_", "msg"}


def _is_command(decorator: ast.expr) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(call, ast.Attribute) and call.attr in ("command", "callback")


def messages_in(path: Path) -> Iterator[tuple[str, int]]:
    """(template, line) of every message marked in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in MARKERS
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.args[0].value, node.lineno
        if isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield inspect.cleandoc(doc), node.lineno


def all_messages() -> dict[str, str]:
    """Every template -> where it is first marked (``file:line``)."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "english.py":
            continue
        for template, line in messages_in(path):
            found.setdefault(template, f"{path.relative_to(PACKAGE)}:{line}")
    return found
