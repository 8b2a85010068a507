"""The JSON reader's complaints in the reader's words: the standard library's are English."""

from __future__ import annotations

from collections.abc import Mapping

from espaces_cli.core.messages import Message, msg

JSON_PROBLEMS: Mapping[str, Message] = {
    "Expecting value": msg("une valeur est attendue"),
    "Expecting property name enclosed in double quotes": msg(
        "un nom de clé entre guillemets droits est attendu"
    ),
    "Expecting ':' delimiter": msg("« : » est attendu"),
    "Expecting ',' delimiter": msg("« , » est attendu"),
    "Unterminated string starting at": msg("un texte n'a pas son guillemet de fin"),
    "Invalid control character at": msg("caractère de contrôle dans un texte"),
    "Invalid \\escape": msg("échappement « \\ » invalide"),
    # the key is Python's own wording, four X included
    "Invalid \\uXXXX escape": msg("« \\u » doit être suivi de quatre chiffres hexadécimaux"),
    "Extra data": msg("du texte suit l'objet"),
    "Illegal trailing comma before end of object": msg("virgule en trop avant la fin de l'objet"),
    "Illegal trailing comma before end of array": msg("virgule en trop avant la fin de la liste"),
}
"""``json.JSONDecodeError.msg`` → its message (Python 3.11 to 3.13)."""


def json_problem(english: str) -> Message | str:
    """The message for a ``JSONDecodeError.msg``; one this table lacks is shown as it is."""
    return JSON_PROBLEMS.get(english, english)
