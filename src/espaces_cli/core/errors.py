"""Exit codes (design §5) and the errors that carry them."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from espaces_cli.core.messages import SOURCE, Message, Words


class ExitStatus(IntEnum):
    OK = 0
    USAGE = 2
    RULES = 3
    INTERRUPTED = 130


class EspacesError(Exception):
    """An error meant for the user: one line of text and an exit status, never a traceback.

    The core raises it with a ``Message`` (put into words by the edge, in the reader's
    language); the edge, which already knows the language, may pass plain text.
    """

    status: ExitStatus = ExitStatus.USAGE

    def __init__(self, message: str | Message) -> None:
        super().__init__(str(message))
        self.text = message

    def render(self, words: Words) -> str:
        return self.text if isinstance(self.text, str) else self.text.render(words)

    @property
    def message(self) -> str:
        """The message in French (the default language)."""
        return self.render(SOURCE)


class UsageError(EspacesError):
    """Bad usage or bad answers (exit 2)."""

    status = ExitStatus.USAGE


class RuleBaseError(EspacesError):
    """The rule base cannot be read or does not validate (exit 3).

    ``problems`` holds every ``file:line:col: path: message`` line found.
    """

    status = ExitStatus.RULES

    def __init__(self, message: str | Message, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (self.render(SOURCE),)


class Interrupted(Exception):
    """The person stopped the questionnaire; ``answers`` holds everything known so far."""

    def __init__(self, answers: Mapping[str, str | tuple[str, ...]]) -> None:
        super().__init__("interrupted")
        self.answers = dict(answers)
