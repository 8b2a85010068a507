"""Find every program message in the source: what each language's catalog must cover.

A message is the literal first argument of ``_()``, ``N_()`` or ``msg()``, the literal
first two arguments of ``_n()`` or ``msg_n()`` (singular and plural), or the docstring of
a Typer command (its help). Shared by the catalog tests and ``scripts/catalogs.py``.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "espaces_cli"
MARKERS = {"_", "N_", "msg"}
PLURAL_MARKERS = {"_n", "msg_n"}

Template = str | tuple[str, str]
"""A template, or the (singular, plural) pair of a message whose form follows a number."""


def _is_command(decorator: ast.expr) -> bool:
    call = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(call, ast.Attribute) and call.attr in ("command", "callback")


def _text(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def messages_in(path: Path) -> Iterator[tuple[Template, int]]:
    """(template, line) of every message marked in one source file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            name = node.func.id
            if name in MARKERS and node.args and (text := _text(node.args[0])) is not None:
                yield text, node.lineno
            if name in PLURAL_MARKERS and len(node.args) >= 2:
                singular, plural = _text(node.args[0]), _text(node.args[1])
                if singular is not None and plural is not None:
                    yield (singular, plural), node.lineno
        if isinstance(node, ast.FunctionDef) and any(map(_is_command, node.decorator_list)):
            doc = ast.get_docstring(node, clean=False)
            if doc:
                yield inspect.cleandoc(doc), node.lineno


def all_messages() -> dict[Template, str]:
    """Every template -> where it is first marked (``file:line``)."""
    found: dict[Template, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for template, line in messages_in(path):
            found.setdefault(template, f"{path.relative_to(PACKAGE)}:{line}")
    return found
