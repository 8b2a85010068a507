"""Answers: parse and check them the same way whatever their source, decide what to ask."""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from espaces_cli.core.conditions import holds, questions_read
from espaces_cli.core.errors import Interrupted, UsageError
from espaces_cli.core.messages import Message, msg, msg_n
from espaces_cli.core.model import Answers, AnswerValue, Question, RuleBase, SpaceType
from espaces_cli.core.text import printable

RawValue = str | Sequence[str]


_PLAIN_ID = re.compile(r"[a-z][a-z0-9_]*")


def normalise_id(text: str) -> str:
    """Fold case, accents, spaces and hyphens so ``Indépendant`` matches ``independant``."""
    if _PLAIN_ID.fullmatch(text):
        return text
    decomposed = unicodedata.normalize("NFKD", text.strip())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "_".join(bare.lower().replace("-", " ").replace("'", " ").split())


def _suggest(word: str, candidates: Iterable[str]) -> Message | str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return msg(" Vouliez-vous dire « {id} » ?", id=close[0]) if close else ""


def example_assignment(rule_base: RuleBase) -> str:
    """An ``ID=VALUE`` of this rule base, for examples in messages (never a fixed id)."""
    question = rule_base.questions[0] if rule_base.questions else None
    if question is None or not question.choices:
        return "ID=VALEUR"
    return f"{question.id}={question.choices[0].id}"


def split_assignment(text: str, example: str = "ID=VALEUR") -> tuple[str, str]:
    """Split ``ID=VALUE`` as given to ``--answer``."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise UsageError(
            msg(
                "--answer « {text} » : forme attendue ID=VALEUR (par exemple {example}).",
                text=printable(text),
                example=example,
            )
        )
    return key.strip(), value


def find_question(rule_base: RuleBase, raw_id: str) -> Question:
    """Return the question named ``raw_id`` (case and accents ignored), or explain."""
    if rule_base.has_question(raw_id):
        return rule_base.question(raw_id)
    wanted = normalise_id(raw_id)
    for question in rule_base.questions:
        if question.id == wanted:
            return question
    known = [q.id for q in rule_base.questions]
    raise UsageError(
        msg(
            "Question inconnue « {id} ».{hint} Questions : {known}.",
            id=printable(raw_id),
            hint=_suggest(wanted, known),
            known=", ".join(known),
        )
    )


def find_type(rule_base: RuleBase, raw_id: str) -> SpaceType:
    """Return the space type named ``raw_id`` (case and accents ignored), or explain."""
    wanted = normalise_id(raw_id)
    ids = [t.id for t in rule_base.space_types]
    if wanted in ids:
        return rule_base.space_type(wanted)
    raise UsageError(
        msg(
            "Type de lieu inconnu « {id} ».{hint} Types : {ids}.",
            id=printable(raw_id),
            hint=_suggest(wanted, ids),
            ids=", ".join(ids),
        )
    )


def _by_label(question: Question) -> dict[str, str]:
    """Choice ids by their folded id and labels (every language), to read what people type."""
    found = {c.id: c.id for c in question.choices}
    found.update(
        (normalise_id(label), c.id)
        for c in question.choices
        for label in (c.label.fr, *(words for _, words in c.label.translations))
    )
    return found


def parse_value(question: Question, raw: RawValue) -> AnswerValue:
    """Turn a raw value (``a,b`` or a list) into the question's choice id(s), or explain."""
    allowed = question.choice_ids()
    if question.kind == "one" and isinstance(raw, str):
        if raw in allowed:
            return raw  # already a choice id: the common case for saved answers
        # one choice: the whole text first, so a label with a comma in it is one value
        whole = _by_label(question).get(normalise_id(raw))
        if whole is not None:
            return whole
    items = raw.split(",") if isinstance(raw, str) else list(raw)
    pairs = [(normalise_id(str(i)), i) for i in items]
    by_label: dict[str, str] | None = None
    chosen: list[str] = []
    for item, original in pairs:
        if not item:
            continue
        choice_id: str | None = item
        if item not in allowed:
            if by_label is None:
                by_label = _by_label(question)
            choice_id = by_label.get(item)
        if choice_id is None:
            raise UsageError(
                msg(
                    "{id} : « {value} » n'est pas une valeur permise.{hint} "
                    "Valeurs permises : {allowed}.",
                    id=question.id,
                    value=printable(str(original).strip()),
                    hint=_suggest(item, allowed),
                    allowed=", ".join(allowed),
                )
            )
        if choice_id not in chosen:
            chosen.append(choice_id)
    if question.kind == "one":
        if len(chosen) != 1:
            raise UsageError(
                msg(
                    "{id} attend une seule valeur parmi : {allowed}.",
                    id=question.id,
                    allowed=", ".join(allowed),
                )
            )
        return chosen[0]
    if len(chosen) < question.min_choices:
        raise UsageError(
            msg_n(
                "{id} : choisissez au moins {count} valeur parmi : {allowed}.",
                "{id} : choisissez au moins {count} valeurs parmi : {allowed}.",
                question.min_choices,
                id=question.id,
                allowed=", ".join(allowed),
            )
        )
    return tuple(c for c in allowed if c in chosen)


def parse_answers(rule_base: RuleBase, raw: Mapping[str, RawValue]) -> dict[str, AnswerValue]:
    """Check a whole mapping of raw answers (from a file, a session, a form).

    Two keys naming the same question (``Profil`` and ``profil``) are refused: which one
    should win cannot be guessed.
    """
    parsed: dict[str, AnswerValue] = {}
    written: dict[str, str] = {}
    for raw_id, raw_value in raw.items():
        question = find_question(rule_base, raw_id)
        if question.id in written:
            raise UsageError(
                msg(
                    "« {first} » et « {second} » désignent la même question ({id}) : "
                    "gardez-en une seule.",
                    first=printable(written[question.id]),
                    second=printable(raw_id),
                    id=question.id,
                )
            )
        written[question.id] = raw_id
        parsed[question.id] = parse_value(question, raw_value)
    return parsed


def parse_assignments(rule_base: RuleBase, assignments: Sequence[str]) -> dict[str, AnswerValue]:
    """Check ``--answer ID=VALUE`` flags; a later flag for the same question wins."""
    raw: dict[str, str] = {}
    for text in assignments:
        key, value = split_assignment(text, example_assignment(rule_base))
        raw[find_question(rule_base, key).id] = value
    return parse_answers(rule_base, raw)


def repeated_assignments(
    rule_base: RuleBase, assignments: Sequence[str]
) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Questions given more than once by ``--answer``: (id, the value kept, those overridden).

    The last flag wins, as in most command lines; saying so avoids a silent surprise.
    """
    given: dict[str, list[str]] = {}
    for text in assignments:
        key, value = split_assignment(text, example_assignment(rule_base))
        given.setdefault(find_question(rule_base, key).id, []).append(value)
    return tuple(
        (qid, values[-1], tuple(values[:-1])) for qid, values in given.items() if len(values) > 1
    )


def applies(question: Question, answers: Answers) -> bool:
    return holds(question.when, answers)


def planned_count(rule_base: RuleBase, answers: Answers, given: Iterable[str] = ()) -> int:
    """Count the questions a run will ask in all, at most, given the answers so far.

    Questions in ``given`` are not asked. Where a condition reads a single-choice question
    not yet answered, count for the answer to it that leads to the most questions.
    """
    skip = set(given)
    readers = frozenset().union(*(questions_read(q.when) for q in rule_base.questions))
    pending = [
        q
        for q in rule_base.questions
        if q.kind == "one" and q.id not in answers and q.id in readers
    ]
    combos = 1
    for q in pending:
        combos *= max(1, len(q.choices))
    if combos > 256:
        return sum(1 for q in rule_base.questions if q.id not in skip)
    best = 0
    for values in itertools.product(*(q.choice_ids() for q in pending)):
        trial = {**answers, **dict(zip((q.id for q in pending), values, strict=True))}
        count = sum(1 for q in rule_base.questions if q.id not in skip and applies(q, trial))
        best = max(best, count)
    return best


BACK = "<back>"
"""What an asker returns to go back to the previous question (never a valid id)."""


@dataclass(frozen=True)
class Prompt:
    """One question to ask, and how: its place, whether going back is possible, a preset."""

    question: Question
    number: int
    total: int
    can_go_back: bool = False
    preset: AnswerValue | None = None


Ask = Callable[[Prompt], AnswerValue]


@dataclass(frozen=True)
class Resolution:
    """The answers a run ends with, the given answers dropped because they did not apply,
    and the questions that took their default unasked (a question new since the answers
    were written, or one left out on purpose: the user is told which)."""

    answers: Mapping[str, AnswerValue]
    ignored: tuple[str, ...]
    defaulted: tuple[str, ...] = ()


def resolve_answers(
    rule_base: RuleBase,
    given: Mapping[str, AnswerValue],
    ask: Ask | None,
    *,
    no_input_hint: str | Message,
    reask: Iterable[str] = (),
    kept: Iterable[str] = (),
) -> Resolution:
    """Walk the questions in order: given answer, else ask, else the default.

    Given answers to questions whose condition does not hold are dropped (reported in
    ``ignored``). With nothing to ask on, every missing answer is named at once. Questions
    in ``reask`` are asked even when given (the given answer is offered first). An asker
    may return ``BACK`` to return to the previous question it asked; ``KeyboardInterrupt``
    from it becomes ``Interrupted`` carrying the answers known so far.

    Questions in ``kept`` (answers kept from an interrupted run, ``--resume``) are not
    asked, but they count as asked before: the numbering goes on from them (``[6/10]``)
    and going back from the first question asked reopens the last of them.
    """
    again = set(reask)
    resumed = set(kept) & set(given)
    questions = rule_base.questions
    answers: dict[str, AnswerValue] = {}
    missing: list[str] = []
    shown: list[str | Message] = []
    asked: list[int] = []
    earlier: dict[str, AnswerValue] = {}
    defaulted: list[str] = []
    index = 0
    while index < len(questions):
        question = questions[index]
        if not applies(question, answers):
            unknown = sorted(questions_read(question.when) & set(missing))
            if unknown:
                missing.append(question.id)
                shown.append(
                    msg("{id} (selon {others})", id=question.id, others=", ".join(unknown))
                )
            index += 1
            continue
        if question.id in given and question.id not in again:
            answers[question.id] = given[question.id]
            if question.id in resumed and ask is not None:
                asked.append(index)
        elif ask is not None:
            skip = set(given) - again - resumed
            total = planned_count(rule_base, answers, skip)
            prompt = Prompt(
                question,
                len(asked) + 1,
                max(total, len(asked) + 1),
                can_go_back=bool(asked),
                preset=earlier.get(question.id, given.get(question.id, question.default)),
            )
            try:
                value = ask(prompt)
            except KeyboardInterrupt:
                raise Interrupted({**given, **answers}) from None
            if value == BACK and asked:
                index = asked.pop()
                again.add(questions[index].id)  # a kept answer reopened is asked
                for later in questions[index:]:
                    if later.id in answers:
                        earlier[later.id] = answers.pop(later.id)
                continue
            answers[question.id] = value
            asked.append(index)
        elif question.default is not None:
            answers[question.id] = question.default
            defaulted.append(question.id)
        else:
            missing.append(question.id)
            shown.append(question.id)
        index += 1
    if missing:
        raise UsageError(
            msg(
                "Réponses manquantes : {missing}. {hint}",
                missing=tuple(shown),
                hint=no_input_hint,
            )
        )
    ignored = tuple(qid for qid in given if qid not in answers)
    return Resolution(answers=answers, ignored=ignored, defaulted=tuple(defaulted))
