"""Batch benchmark: 10,000 answer sets in one ``advise --batch`` process, beside one process
per person, whole-process medians in one run.

Usage: python scripts/bench_batch.py [--people N] [--runs R] [--baseline B]

The answer sets are drawn with a seed from the shipped rule base (``sample_answers``). The
batch reads them from a file and writes its JSON Lines to /dev/null, ``--runs`` times (after
one warm-up); the baseline runs ``espaces advise --no-input -a … --format json`` once for
each of the first ``--baseline`` people, and its median per person is extrapolated to
``--people``. A batch of a tenth of the people shows that memory does not grow with the
input (the file is streamed, never read whole); a batch of 100 distinct sets, repeated,
shows what the remembered output of a repeated set saves.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import BIN, run_once

REPEATED_DISTINCT = 100
"""A batch where people share answers (a team, a survey's common profiles): this many sets."""


def answer_lines(count: int, seed: int) -> list[dict[str, object]]:
    from espaces_cli.core.explore import sample_answers
    from espaces_cli.rules.loader import load_rule_base

    rule_base = load_rule_base()
    return [
        {q: list(v) if isinstance(v, tuple) else v for q, v in answers.items()}
        for answers in sample_answers(rule_base.questions, count, seed=seed)
    ]


def flags(answers: dict[str, object]) -> list[str]:
    return [
        part
        for qid, value in answers.items()
        for part in ("-a", f"{qid}={value if isinstance(value, str) else ','.join(value)}")  # type: ignore[arg-type]
    ]


def write_jsonl(path: Path, people: list[dict[str, object]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for answers in people:
            handle.write(json.dumps(answers, ensure_ascii=False) + "\n")


def batch_medians(
    espaces: str, paths: list[Path], runs: int, env: dict[str, str]
) -> list[tuple[float, float]]:
    """(seconds, MiB) medians of ``--batch`` over each file, the files taken in turn."""
    argvs = [[espaces, "advise", "--batch", str(path)] for path in paths]
    for argv in argvs:
        run_once(argv, env)
    samples: list[list[tuple[float, int]]] = [[] for _ in argvs]
    for _ in range(runs):
        for index, argv in enumerate(argvs):
            samples[index].append(run_once(argv, env))
    return [
        (statistics.median(s[0] for s in rows), statistics.median(s[1] for s in rows) / 1024)
        for rows in samples
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=int, default=100)
    options = parser.parse_args()
    import compileall

    import espaces_cli

    compileall.compile_dir(str(Path(espaces_cli.__file__).parent), quiet=1)
    espaces = str(BIN / "espaces")
    folder = Path(tempfile.mkdtemp(prefix="espaces-bench-batch-"))
    env = {**os.environ, "ESPACES_CACHE_DIR": str(folder / "cache")}
    people = answer_lines(options.people, seed=14)
    distinct = len({json.dumps(a, sort_keys=True) for a in people})
    full, tenth = folder / "people.jsonl", folder / "tenth.jsonl"
    repeated = folder / "repeated.jsonl"
    write_jsonl(full, people)
    write_jsonl(tenth, people[: max(1, options.people // 10)])
    common = people[:REPEATED_DISTINCT]
    write_jsonl(repeated, [common[i % len(common)] for i in range(options.people)])

    (batch_s, batch_mib), (tenth_s, tenth_mib), (repeated_s, repeated_mib) = batch_medians(
        espaces, [full, tenth, repeated], options.runs, env
    )
    run_once([espaces, "advise", "--no-input", *flags(people[0]), "--format", "json"], env)
    singles = [
        run_once([espaces, "advise", "--no-input", *flags(a), "--format", "json"], env)
        for a in people[: options.baseline]
    ]
    single_s = statistics.median(s[0] for s in singles)
    single_mib = statistics.median(s[1] for s in singles) / 1024

    print(
        f"{options.people:,} answer sets ({distinct:,} distinct), {options.runs} runs, medians; "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    print(f"{'':52} {'whole':>9} {'per person':>11} {'people/s':>9} {'max RSS':>9}")
    tenth_count = len(people) // 10
    rows = [
        (f"advise --batch, {options.people:,} lines, one process", batch_s, batch_mib),
        (f"advise --batch, {tenth_count:,} lines, one process", tenth_s, tenth_mib),
        (
            f"advise --batch, {options.people:,} lines of {REPEATED_DISTINCT} distinct sets",
            repeated_s,
            repeated_mib,
        ),
    ]
    for index, (label, seconds, mib) in enumerate(rows):
        count = tenth_count if index == 1 else options.people
        print(
            f"{label:52} {seconds:8.2f}s {seconds * 1000 / count:9.2f}ms "
            f"{count / seconds:9.0f} {mib:7.1f}MiB"
        )
        if index == 1 and options.people > tenth_count > 0 and batch_s > tenth_s:
            marginal = (batch_s - tenth_s) / (options.people - tenth_count)
            print(
                f"{'  each further line (start-up left out)':52} {'':9} "
                f"{marginal * 1000:9.2f}ms {1 / marginal:9.0f}"
            )
    extrapolated = single_s * options.people
    print(
        f"{f'advise --no-input, one process each ({options.baseline} runs)':52} "
        f"{extrapolated:8.0f}s {single_s * 1000:9.2f}ms {1 / single_s:9.1f} "
        f"{single_mib:7.1f}MiB"
    )
    print(f"(the one-process-per-person whole is extrapolated to {options.people:,} people)")
    print(f"one --batch process is {extrapolated / batch_s:.0f}× faster than a process per person")


if __name__ == "__main__":
    main()
