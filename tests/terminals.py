"""The installed command in a real pseudo-terminal (pexpect), and the keys the tests type."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect

ESPACES = str(Path(sys.executable).parent / "espaces")
DOWN, SPACE, ENTER, CTRL_C = "\x1b[B", " ", "\r", "\x03"


def spawn(command: str, cwd: Path) -> pexpect.spawn:
    # pexpect is no terminal emulator: it never answers prompt_toolkit's cursor-position
    # requests, which would otherwise wait for a reply at every question.
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PROMPT_TOOLKIT_NO_CPR": "1"}
    env.pop("NO_COLOR", None)
    return pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )


def bash_complete(line: str, **env: str) -> list[str]:
    """What bash completion offers for ``line``, asked of the installed command."""
    words = line.split(" ")
    result = subprocess.run(
        [ESPACES],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={
            **os.environ,
            "_ESPACES_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
            **env,
        },
    )
    return result.stdout.split()
