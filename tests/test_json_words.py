"""The JSON reader's complaints are worded for the reader: the table's keys are the very
messages Python's json module gives, so none of them is left in English."""

from __future__ import annotations

import json

import pytest

from espaces_cli import language
from espaces_cli.core.json_words import JSON_PROBLEMS, json_problem
from espaces_cli.language import worded

BROKEN = ["", "{a: 1}", '{"a" 1}', "[1 2]", '"abc', '"\x01"', '"\\q"', '"\\u12"', "{} x"]


@pytest.mark.parametrize("document", BROKEN)
def test_each_complaint_of_the_json_reader_has_its_words(document: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(document)
    assert caught.value.msg in JSON_PROBLEMS
    french = worded(json_problem(caught.value.msg))
    language.use("en")
    english = worded(json_problem(caught.value.msg))
    assert french != caught.value.msg
    assert english
    assert english != french


def test_the_unicode_escape_is_explained() -> None:
    assert worded(json_problem("Invalid \\uXXXX escape")) == (
        "« \\u » doit être suivi de quatre chiffres hexadécimaux"
    )
