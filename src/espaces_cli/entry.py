"""The ``espaces`` command's entry point, kept tiny: Ctrl-C at any moment of start-up ends
with one line and exit 130, never a traceback, and a reader that goes away (``| head``)
ends the run quietly, as it does for other Unix tools."""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

INTERRUPTED = 130


def _interrupted_words() -> bytes:
    """« Interrompu. » in the language the environment asks for (the catalog is not loaded)."""
    wanted = os.environ.get("ESPACES_LANG") or next(
        (os.environ[v] for v in ("LC_ALL", "LC_MESSAGES", "LANG") if os.environ.get(v)), ""
    )
    return b"Interrupted.\n" if wanted.startswith("en") else b"Interrompu.\n"


def _stop_at_once(_signum: int, _frame: FrameType | None) -> None:
    """Ctrl-C while the program is still loading: nothing to keep yet, stop cleanly."""
    os.write(2, _interrupted_words())
    os._exit(INTERRUPTED)


if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    signal.signal(signal.SIGINT, _stop_at_once)


def main() -> None:
    """Run the command line; a Ctrl-C from here on is handled where answers can be kept."""
    if signal.getsignal(signal.SIGINT) is _stop_at_once:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        from espaces_cli.cli import main as run

        status = run()
    except KeyboardInterrupt:
        os.write(2, _interrupted_words())
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        from espaces_cli.files import reader_gone

        reader_gone()
    sys.exit(status)
