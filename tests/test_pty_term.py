"""The installed command in a real pseudo-terminal: the pager, resume, narrow screens,
passing the laptop (pexpect, as a person meets them)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
from conftest import STUDENT, flags

ESPACES = str(Path(sys.executable).parent / "espaces")
DOWN, UP, SPACE, ENTER, CTRL_C = "\x1b[B", "\x1b[A", " ", "\r", "\x03"
WHOLE = " ".join(
    flags(
        {
            **STUDENT,
            "nature_projet": "ne_sait_pas",
            "secteur": "numerique",
            "confidentialite": "normale",
        }
    )
)


def spawn(
    command: str, cwd: Path, *, rows: int = 40, columns: int = 120, **extra: str
) -> pexpect.spawn:
    """``espaces`` with these arguments, itself (no shell: a shell would take Ctrl-C too)."""
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PROMPT_TOOLKIT_NO_CPR": "1"}
    for name in ("NO_COLOR", "PAGER", "LESS", "COLUMNS", "LINES"):
        env.pop(name, None)
    return pexpect.spawn(
        ESPACES,
        command.split(),
        cwd=str(cwd),
        env={**env, **extra},
        encoding="utf-8",
        dimensions=(rows, columns),
        timeout=20,
    )


def test_a_long_report_opens_in_less_and_q_leaves_it(tmp_path: Path) -> None:
    child = spawn(f"advise --no-input {WHOLE}", tmp_path, rows=24, columns=80)
    child.expect_exact("Recommandation")
    child.expect_exact("\r\n:")  # less waits on its prompt: the end is not shown yet
    assert "Pour rejouer" not in (child.before or "")
    child.send(CTRL_C)  # Ctrl-C belongs to the pager, not to espaces
    child.send("G")
    child.expect_exact("Pour rejouer")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")


def test_no_pager_and_a_missing_pager_write_the_report_straight(tmp_path: Path) -> None:
    child = spawn(f"advise --no-input --no-pager {WHOLE}", tmp_path, rows=24)
    child.expect_exact("Pour rejouer")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    child = spawn(f"advise --no-input {WHOLE}", tmp_path, rows=24, PAGER="espaces-no-pager")
    child.expect_exact("Pager « espaces-no-pager » inutilisable (programme introuvable)")
    child.expect_exact("Pour rejouer")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
