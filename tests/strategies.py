"""Hypothesis strategies: answers (valid and not) and rule-base files (valid and broken)."""

from __future__ import annotations

from hypothesis import strategies as st

from espaces_cli.core.answers import applies
from espaces_cli.core.model import AnswerValue, RuleBase

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz_"
NASTY = st.sampled_from(
    [
        "",
        " ",
        "=",
        ",",
        ",,",
        "é",
        "É",
        "-",
        "—",
        "\x00",
        "\n",
        "ID=VALUE",
        "no",
        "on",
        "010",
        "[red]",
        "<script>",
        "%s",
        "{}",
        "😀",
        "\u202e",
        "profil",
        "besoins",
        "a" * 300,
    ]
)


def valid_answers(rule_base: RuleBase) -> st.SearchStrategy[dict[str, AnswerValue]]:
    """Answer sets the questionnaire could produce (conditions respected)."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, AnswerValue]:
        answers: dict[str, AnswerValue] = {}
        for question in rule_base.questions:
            if not applies(question, answers):
                continue
            ids = question.choice_ids()
            if question.kind == "one":
                answers[question.id] = draw(st.sampled_from(ids))
            else:
                picked = draw(st.sets(st.sampled_from(ids), min_size=question.min_choices))
                answers[question.id] = tuple(c for c in ids if c in picked)
        return answers

    return build()


def raw_assignments(rule_base: RuleBase) -> st.SearchStrategy[list[str]]:
    """``--answer`` values, mostly plausible, often broken: unknown ids, bad values, junk."""
    ids = [q.id for q in rule_base.questions]
    choices = [c.id for q in rule_base.questions for c in q.choices]
    word = st.one_of(st.sampled_from(ids + choices), NASTY, st.text(max_size=12))
    pair = st.builds(
        lambda k, sep, v: f"{k}{sep}{v}",
        word,
        st.sampled_from(["=", "", "==", " = "]),
        st.lists(word, max_size=3).map(",".join),
    )
    return st.lists(pair, max_size=6)


def answers_documents() -> st.SearchStrategy[str]:
    """Answers-file texts: YAML or JSON shapes, right and wrong."""
    scalar = st.one_of(NASTY, st.text(max_size=10), st.integers(), st.booleans(), st.none())
    value = st.one_of(scalar, st.lists(scalar, max_size=3))
    mapping = st.dictionaries(st.one_of(NASTY, st.text(max_size=8)), value, max_size=6)
    import json

    import yaml

    as_yaml = mapping.map(lambda m: yaml.safe_dump(m, allow_unicode=True))
    as_json = mapping.map(lambda m: json.dumps(m, ensure_ascii=False))
    wrapped = mapping.map(lambda m: yaml.safe_dump({"answers": m, "espaces": {"rules": m}}))
    return st.one_of(as_yaml, as_json, wrapped, st.text(max_size=200))


def broken_rule_bases(valid: str) -> st.SearchStrategy[bytes]:
    """A valid rule base mutated: lines dropped or repeated, characters changed, bytes flipped."""
    lines = valid.splitlines(keepends=True)

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        edited = list(lines)
        for _ in range(draw(st.integers(1, 4))):
            kind = draw(st.sampled_from(["drop", "repeat", "char", "swap", "insert"]))
            i = draw(st.integers(0, len(edited) - 1))
            if kind == "drop" and len(edited) > 1:
                del edited[i]
            elif kind == "repeat":
                edited.insert(i, edited[i])
            elif kind == "char" and edited[i]:
                j = draw(st.integers(0, len(edited[i]) - 1))
                new = draw(st.sampled_from(list(":{}[],-'\"&*!|>%@` \t0nx")))
                edited[i] = edited[i][:j] + new + edited[i][j + 1 :]
            elif kind == "swap" and len(edited) > 1:
                k = draw(st.integers(0, len(edited) - 1))
                edited[i], edited[k] = edited[k], edited[i]
            else:
                edited.insert(i, draw(st.text(max_size=30)) + "\n")
        data = "".join(edited).encode("utf-8", "surrogatepass")
        if draw(st.booleans()) and data:
            k = draw(st.integers(0, len(data) - 1))
            data = data[:k] + bytes([draw(st.integers(0, 255))]) + data[k + 1 :]
        return data

    return mutate()
