"""The functional core stays pure and the shell thin (design §6), and start-up stays light."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "espaces_cli"
STDLIB = sys.stdlib_module_names
ANSWERS = [
    "-a",
    "profil=independant",
    "-a",
    "besoins=salles_reunion",
    "-a",
    "stade=lancement",
    "-a",
    "frequence=reguliere",
    "-a",
    "duree=essai",
    "-a",
    "budget=modeste",
    "-a",
    "territoire=grande_ville",
]


def component(module: str) -> str:
    """The part of the architecture a module belongs to."""
    parts = module.split(".")
    if parts[0] != "espaces_cli":
        return parts[0]
    if len(parts) == 1:
        return "package"
    return parts[1] if parts[1] not in ("cli", "__main__", "entry") else "shell"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # a relative import would slip past the direction checks below
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            if node.module:
                found.add(node.module)
    return found


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        found.append((name, path))
    return found


def test_every_module_is_seen() -> None:
    names = {name for name, _ in modules()}
    assert {"espaces_cli.core.engine", "espaces_cli.cli", "espaces_cli.rules.loader"} <= names


@pytest.mark.parametrize(("name", "path"), modules(), ids=[name for name, _ in modules()])
def test_import_directions(name: str, path: Path) -> None:
    own = component(name)
    for imported in imports_of(path):
        top = imported.split(".")[0]
        other = component(imported)
        if own == "core":
            assert top in STDLIB or other in ("core", "package"), (
                f"{name} (core) imports {imported}: the core uses the standard library only"
            )
        if top == "typer":
            assert own == "shell", f"{name} imports typer: only the cli package may"
        if top == "click":
            raise AssertionError(f"{name} imports click: Typer vendors its own")
        if top == "espaces_cli" and own not in ("shell", "package"):
            # the support modules edges share: files.py (bounded reads, atomic writes),
            # yaml_nodes.py (the one YAML reader, with its limits) and language.py (the
            # run's language and its ``_()``)
            assert other in (own, "core", "package", "files", "yaml_nodes", "language"), (
                f"{name} ({own}) imports {imported} ({other}): "
                "edge modules do not import each other"
            )


def loaded_modules(*args: str) -> set[str]:
    code = (
        "import sys\n"
        "from espaces_cli.cli import app\n"
        f"sys.argv = ['espaces', *{list(args)!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "sys.__stderr__.write('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return set(result.stderr.splitlines())


@pytest.mark.parametrize(
    "args",
    [("--help",), ("advise", "--no-input", *ANSWERS, "--format", "json"), ("questions",)],
    ids=["help", "no-input-json", "questions"],
)
def test_start_up_never_loads_the_prompt_libraries(args: tuple[str, ...]) -> None:
    loaded = loaded_modules(*args)
    assert "espaces_cli.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("questionary", "prompt_toolkit")}


def test_help_does_not_load_the_rule_base_machinery() -> None:
    loaded = loaded_modules("--help")
    assert not {
        m
        for m in loaded
        if m.startswith(("yaml", "espaces_cli.rules", "rich", "pydantic", "espaces_cli.core.model"))
    }


@pytest.mark.parametrize(
    "args",
    [("--help",), ("advise", "--no-input", *ANSWERS, "--format", "json"), ("workshop", "--help")],
    ids=["help", "no-input-json", "workshop-help"],
)
def test_only_workshop_serve_loads_the_web_stack(args: tuple[str, ...]) -> None:
    loaded = loaded_modules(*args)
    web = ("starlette", "uvicorn", "jinja2", "segno", "multipart", "anyio", "espaces_cli.web")
    assert not {m for m in loaded if m.startswith(web)}


MAX_MODULE_LINES = 500


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_a_module_stays_small_enough_to_read_whole(path: Path) -> None:
    # a module past this has grown two subjects: split it by what it holds (design §8)
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{path.name}: {lines} lignes"


def test_no_test_module_imports_another() -> None:
    # shared data lives in helper modules (rulebases.py, workshop_samples.py, conftest.py)
    tests = Path(__file__).resolve().parent
    offenders = []
    for path in sorted(tests.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("test_"):
                offenders.append(f"{path.name}: from {node.module}")
            if isinstance(node, ast.Import):
                offenders += [
                    f"{path.name}: import {a.name}"
                    for a in node.names
                    if a.name.startswith("test_")
                ]
    assert offenders == []
