"""A real ``espaces workshop serve`` process for tests: start it, read its links, stop it."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Served:
    process: subprocess.Popen[str]
    lines: list[str]

    def url(self, kind: str) -> str:
        pattern = r"(http://\S+/j/[A-Z0-9]+)" if kind == "j" else r"(http://\S+/a/\S+)"
        found = re.search(pattern, "\n".join(self.lines))
        assert found, self.lines
        return found.group(1)


def command(session: Path, *args: str, python: str | Path = sys.executable) -> list[str]:
    return [str(python), "-m", "espaces_cli", "workshop", "serve", str(session), *args]


@contextmanager
def serving(
    session: Path, *args: str, python: str | Path = sys.executable, cwd: Path | None = None
) -> Iterator[Served]:
    """Start the server, read its lines up to « Ctrl-C », stop it at the end if still up."""
    process = subprocess.Popen(
        command(session, "--port", "0", *args, python=python),
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    assert process.stdout is not None
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip("\n"))
        if "Ctrl-C" in line:
            break
    served = Served(process, lines)
    try:
        _wait_until_up(served.url("j"))
        yield served
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)


def _wait_until_up(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"{url} never answered")


def stop(served: Served) -> tuple[int, str]:
    served.process.send_signal(signal.SIGINT)
    _out, err = served.process.communicate(timeout=20)
    return served.process.returncode, err


def post(url: str, payload: object) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode(), headers={"content-type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.status)
