"""Whole-process start-up benchmark: medians side by side with baselines, in one run.

Usage: python scripts/bench.py [--runs N]

Each command runs N times (after one warm-up); the median wall time and the median peak
memory (max RSS) are printed next to ``python -c "import typer"``, the baseline that the
targets are set against (--help within 1.5x, a --no-input JSON run within 2.5x). The anchors
``cookiecutter --help`` and ``copier --help`` are timed too when they are installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
ANSWERS = [
    "-a",
    "profil=independant",
    "-a",
    "besoins=salles_reunion,convivialite",
    "-a",
    "stade=lancement",
    "-a",
    "frequence=reguliere",
    "-a",
    "duree=quelques_mois",
    "-a",
    "budget=modeste",
    "-a",
    "territoire=grande_ville",
]


# A Typer command with the same kinds of options as ``advise`` and an empty body: the floor
# any Typer 0.2x command pays on invocation (it coerces options through pydantic).
BARE_TYPER = """
from enum import Enum
from typing import Annotated
import typer
class Fmt(str, Enum):
    terminal = "terminal"
    json = "json"
app = typer.Typer()
@app.command()
def advise(
    answer: Annotated[list[str] | None, typer.Option("--answer", "-a")] = None,
    answers: Annotated[str | None, typer.Option("--answers")] = None,
    no_input: Annotated[bool, typer.Option("--no-input")] = False,
    rules: Annotated[str | None, typer.Option("--rules")] = None,
    fmt: Annotated[Fmt, typer.Option("--format")] = Fmt.terminal,
    output: Annotated[str | None, typer.Option("--output", "-o")] = None,
    save_answers: Annotated[str | None, typer.Option("--save-answers")] = None,
) -> None:
    pass
app()
"""


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run ``argv`` once; return (seconds, peak RSS in KiB) of that process alone."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        started = time.perf_counter()
        pid = os.posix_spawn(
            argv[0],
            argv,
            env,
            file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)],
        )
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - started
    finally:
        os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(argv)}")
    return elapsed, usage.ru_maxrss


def measure(argv: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    run_once(argv, env)
    samples = [run_once(argv, env) for _ in range(runs)]
    return (
        statistics.median(s[0] for s in samples) * 1000,
        statistics.median(s[1] for s in samples) / 1024,
    )


def measure_interleaved(
    cases: list[tuple[list[str], dict[str, str]]], runs: int
) -> list[tuple[float, float]]:
    """Run the cases in turn, ``runs`` rounds: a slow spell of the machine hits them all."""
    for argv, env in cases:
        run_once(argv, env)
    samples: list[list[tuple[float, int]]] = [[] for _ in cases]
    for _ in range(runs):
        for index, (argv, env) in enumerate(cases):
            samples[index].append(run_once(argv, env))
    return [
        (statistics.median(s[0] for s in rows) * 1000, statistics.median(s[1] for s in rows) / 1024)
        for rows in samples
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    # A wheel install compiles the package to bytecode; an editable install under
    # PYTHONDONTWRITEBYTECODE never does, and every run would time the compiler too.
    import compileall

    import espaces_cli

    compileall.compile_dir(str(Path(espaces_cli.__file__).parent), quiet=1)
    espaces = str(BIN / "espaces")
    cache = tempfile.mkdtemp(prefix="espaces-bench-")
    env = {**os.environ, "ESPACES_CACHE_DIR": cache}
    cold = {**env, "ESPACES_CACHE_DIR": ""}
    cases: list[tuple[str, list[str], dict[str, str], float | None]] = [
        ("python -c 'import typer' (baseline)", [sys.executable, "-c", "import typer"], env, None),
        (
            "bare Typer command, same options (floor)",
            [sys.executable, "-c", BARE_TYPER, "--no-input", *ANSWERS, "--format", "json"],
            env,
            None,
        ),
        ("espaces --help", [espaces, "--help"], env, 1.5),
        (
            "espaces advise --no-input … --format json",
            [espaces, "advise", "--no-input", *ANSWERS, "--format", "json"],
            env,
            2.5,
        ),
        (
            "  same, rule-base cache disabled",
            [espaces, "advise", "--no-input", *ANSWERS, "--format", "json"],
            cold,
            None,
        ),
        (
            "espaces advise --no-input … (terminal report)",
            [espaces, "advise", "--no-input", *ANSWERS],
            env,
            None,
        ),
    ]
    for anchor in ("cookiecutter", "copier"):
        found = shutil.which(anchor, path=str(BIN)) or shutil.which(anchor)
        if found:
            cases.append((f"{anchor} --help (anchor)", [found, "--help"], env, None))
        else:
            print(f"note: {anchor} is not installed; its anchor is left out")
    print(f"{runs} runs each, medians; Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"{'command':48} {'time':>9} {'× base':>7} {'target':>7} {'max RSS':>9}")
    baseline = None
    results = measure_interleaved([(argv, case_env) for _, argv, case_env, _ in cases], runs)
    for (label, _, _, target), (millis, rss) in zip(cases, results, strict=True):
        baseline = baseline or millis
        ratio = millis / baseline
        verdict = (
            "" if target is None else (f"≤{target:g}× " + ("ok" if ratio <= target else "OVER"))
        )
        print(f"{label:48} {millis:7.0f}ms {ratio:6.2f}× {verdict:>9} {rss:7.1f}MiB")
    workshop_scaling(env, cache)
    shutil.rmtree(cache, ignore_errors=True)


def workshop_scaling(env: dict[str, str], folder: str) -> None:
    """Time ``workshop report`` on sessions of 100 to 100,000 participants (seeded answers)."""
    from espaces_cli.core.explore import sample_answers
    from espaces_cli.core.session import Participant, Session
    from espaces_cli.rules.loader import load_rule_base
    from espaces_cli.workshop_io import format_session

    rule_base = load_rule_base()
    espaces = str(BIN / "espaces")
    print()
    print(f"{'workshop report --format json':48} {'time':>9} {'per 1k':>9} {'max RSS':>9}")
    for size, runs in ((100, 5), (1_000, 5), (10_000, 3), (100_000, 1)):
        people = tuple(
            Participant(f"P{i}", answers, "2026-11-26T00:00:00+00:00")
            for i, answers in enumerate(sample_answers(rule_base.questions, size, seed=size))
        )
        session = Session("bench", "2026-11-26T00:00:00+00:00", rule_base.identity, people)
        path = Path(folder) / f"session-{size}.yaml"
        path.write_text(format_session(session), encoding="utf-8")
        argv = [espaces, "workshop", "report", str(path), "--format", "json"]
        millis, rss = measure(argv, runs, env)
        print(
            f"{f'{size:,} participants':48} {millis:7.0f}ms {millis * 1000 / size:7.0f}ms "
            f"{rss:7.1f}MiB"
        )


if __name__ == "__main__":
    main()
