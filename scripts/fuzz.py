"""A longer fuzz run: the property tests of tests/test_fuzz.py, many more inputs, new seeds.

Usage: python scripts/fuzz.py [--minutes M] [--examples N]

Runs rounds of the fuzz properties (each round a new seed and N inputs per property) until
the time is up; the first failure stops the run and pytest shows the falsifying input.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--examples", type=int, default=3000)
    options = parser.parse_args()
    deadline = time.monotonic() + 60 * options.minutes
    env = {**os.environ, "ESPACES_FUZZ_EXAMPLES": str(options.examples)}
    rounds = 0
    started = time.monotonic()
    while time.monotonic() < deadline:
        seed = random.randrange(2**32)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                f"--hypothesis-seed={seed}",
                str(ROOT / "tests" / "test_fuzz.py"),
            ],
            cwd=ROOT,
            env=env,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"failure with seed {seed} (round {rounds + 1})")
        rounds += 1
    minutes = (time.monotonic() - started) / 60
    print(
        f"{rounds} round(s) of the fuzz properties, about {options.examples} inputs each, "
        f"in {minutes:.1f} min: no failure"
    )


if __name__ == "__main__":
    main()
