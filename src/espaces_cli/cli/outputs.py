"""Where results go: stdout or a file, checked before any work is done."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from espaces_cli.cli.environment import Environment
from espaces_cli.core.errors import UsageError
from espaces_cli.language import _


def check_outputs(outputs: Mapping[str, str | None], inputs: Mapping[str, str | None]) -> None:
    """Before any work: every output can be written, and none is an input or another output.

    Writing a report over the answers or the session it was made from would destroy them.
    """
    from espaces_cli.files import check_output_target, is_stream

    seen = [(option, path) for option, path in inputs.items() if path is not None and path != "-"]
    for option, path in outputs.items():
        if path is None:
            continue
        check_output_target(path)
        if is_stream(path):
            continue
        for other_option, other in seen:
            if same_file(path, other):
                raise UsageError(
                    _(
                        "{option} {path} désigne le même fichier que {other} : il serait "
                        "écrasé ; choisissez un autre fichier.",
                        option=option,
                        path=path,
                        other=other_option,
                    )
                )
        seen.append((option, path))


def same_file(first: str, second: str) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def emit(env: Environment, text: str, output: str | None) -> None:
    """``text`` on stdout, or into ``output`` (a file replaced at once, or a device)."""
    if output is None:
        env.out(text)
        return
    from espaces_cli.files import is_stream, write_output

    write_output(output, text)
    if not is_stream(output):
        env.say(_("Écrit dans {path}", path=output))


def dump(document: dict[str, Any], fmt: str) -> str:
    """A document as YAML or as JSON (with nothing a terminal obeys left raw)."""
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    from espaces_cli.render.json_blocks import json_text

    return json_text(document)
