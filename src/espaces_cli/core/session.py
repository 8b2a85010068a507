"""A workshop session: a title, the rule base it was made with, and each participant's answers."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from espaces_cli.core.answers import (
    RawValue,
    normalise_id,
    parse_answers,
    resolve_answers,
)
from espaces_cli.core.errors import UsageError
from espaces_cli.core.messages import Message, msg, msg_n
from espaces_cli.core.model import Answers, Question, RuleBase, RuleBaseId
from espaces_cli.core.text import printable

MAX_NAME_LENGTH = 200

Extra = tuple[tuple[str, object], ...]
"""Keys of a session file this version does not know: kept, and written back as they were."""


@dataclass(frozen=True)
class Participant:
    name: str
    answers: Answers
    added_at: str
    extra: Extra = ()


def _undecodable(text: str) -> bool:
    """Bytes the command line could not decode as UTF-8 come as lone surrogates."""
    return any("\ud800" <= ch <= "\udfff" for ch in text)


def checked_title(title: str) -> str:
    """A workshop's title as kept: valid text (it is written into a UTF-8 file)."""
    if _undecodable(title):
        raise UsageError(
            msg(
                "Titre illisible « {title} » (des octets qui ne sont pas du texte UTF-8).",
                title=printable(title),
            )
        )
    return title


def checked_name(name: str) -> str:
    """A participant's name as kept: not empty, valid text, of a sensible length."""
    if not name.strip():
        raise UsageError(msg("Nom de participant vide."))
    if _undecodable(name):
        raise UsageError(
            msg(
                "Nom de participant illisible « {name} » (des octets qui ne sont pas du "
                "texte UTF-8).",
                name=printable(name),
            )
        )
    if len(name) > MAX_NAME_LENGTH:
        raise UsageError(
            msg(
                "Nom de participant trop long ({count} caractères, {limit} au plus).",
                count=len(name),
                limit=MAX_NAME_LENGTH,
            )
        )
    return name


@dataclass(frozen=True)
class Session:
    title: str
    created_at: str
    rules: RuleBaseId
    participants: tuple[Participant, ...] = ()
    extra: Extra = ()

    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)

    def with_participant(self, participant: Participant, *, replace_existing: bool) -> Session:
        """Add a participant; a name already there is refused unless ``replace_existing``."""
        return self.with_participants((participant,), replace_existing=replace_existing)

    def with_participants(
        self, arrivals: Sequence[Participant], *, replace_existing: bool
    ) -> Session:
        """Add participants in one pass (linear: imports bring thousands at once)."""
        position = {p.name: i for i, p in enumerate(self.participants)}
        kept = list(self.participants)
        for participant in arrivals:
            checked_name(participant.name)
            index = position.get(participant.name)
            if index is None:
                position[participant.name] = len(kept)
                kept.append(participant)
            elif replace_existing:
                kept[index] = participant
            else:
                raise UsageError(already_there(participant.name))
        return replace(self, participants=tuple(kept))

    def without(self, name: str) -> Session:
        if name not in self.names():
            known = ", ".join(self.names()) or msg("aucun")
            raise UsageError(
                msg(
                    "« {name} » ne participe pas à cette session (participants : {known}).",
                    name=printable(name),
                    known=known,
                )
            )
        return replace(self, participants=tuple(p for p in self.participants if p.name != name))


@dataclass(frozen=True)
class RawParticipant:
    name: str
    added_at: str
    answers: Mapping[str, object]
    line: int
    extra: Extra = ()


@dataclass(frozen=True)
class RawSession:
    """A session as read, answers not yet checked against a rule base.

    ``extra`` keeps the keys this version does not know (a newer version's, a hand edit),
    so that rewriting the file never drops them.
    """

    title: str
    created_at: str
    rules: RuleBaseId
    participants: tuple[RawParticipant, ...]
    extra: Extra = ()


class ParticipantRejected(UsageError):
    """A participant of a session file whose answers do not check (its line and name kept)."""

    def __init__(self, line: int, name: str, problem: Message | str) -> None:
        super().__init__(problem)
        self.line = line
        self.name = name


def check_session(raw: RawSession, rule_base: RuleBase) -> Session:
    """Check every participant of a session as ``advise --no-input`` would.

    Participants who gave the same answers are checked once (a large workshop repeats them).
    """
    checked: dict[str, Answers] = {}
    participants = []
    for entry in raw.participants:
        key = repr(sorted(entry.answers.items(), key=lambda item: str(item[0])))
        if key not in checked:
            try:
                given = {str(k): _raw_value(str(k), v) for k, v in entry.answers.items()}
                checked[key] = checked_answers(rule_base, given)
            except UsageError as error:
                raise ParticipantRejected(entry.line, entry.name, error.text) from None
        participants.append(Participant(entry.name, checked[key], entry.added_at, entry.extra))
    return Session(raw.title, raw.created_at, raw.rules, tuple(participants), raw.extra)


def _raw_value(key: str, value: object) -> RawValue:
    """An answer as a file holds it: a text (numbers read as text) or a list of texts."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in value
    ):
        return [str(v) for v in value]
    raise UsageError(
        msg(
            "« {key} » : réponse attendue sous forme de texte ou de liste de textes",
            key=printable(key),
        )
    )


def already_there(name: str) -> Message:
    return msg(
        "« {name} » participe déjà à cette session (--replace pour remplacer ses réponses).",
        name=printable(name),
    )


NO_PROMPT_HINT = msg("Complétez ses réponses.")


def checked_answers(rule_base: RuleBase, raw: Mapping[str, RawValue]) -> Answers:
    """Check one participant's raw answers as ``advise --no-input`` would, defaults included."""
    given = parse_answers(rule_base, raw)
    return resolve_answers(rule_base, given, None, no_input_hint=NO_PROMPT_HINT).answers


def question_for_column(rule_base: RuleBase, column: str) -> Question | None:
    """The question a CSV column stands for: its id or its label (French or translated)."""
    wanted = normalise_id(column)
    for question in rule_base.questions:
        labels = (question.label.fr, *(words for _, words in question.label.translations))
        if wanted == question.id or wanted in (normalise_id(label) for label in labels):
            return question
    return None


def answers_from_cells(
    rule_base: RuleBase,
    cells: Mapping[str, Sequence[str]],
    questions: Mapping[str, Question | None] | None = None,
) -> Answers:
    """Turn one CSV row (column -> values) into checked answers; unknown columns are skipped.

    ``questions`` maps each column to its question when the caller has worked it out once.
    """
    raw: dict[str, RawValue] = {}
    for column, values in cells.items():
        question = (
            questions[column]
            if questions is not None and column in questions
            else question_for_column(rule_base, column)
        )
        if question is not None:
            raw[question.id] = list(values)
    return checked_answers(rule_base, raw)


@dataclass(frozen=True)
class FormRow:
    """One row of an online form's export: its line, who answered, when, and each cell."""

    line: int
    name: str | None
    submitted: str | None
    cells: Mapping[str, Sequence[str]]
    extra: tuple[str, ...] = ()  # filled cells past the header: they belong to no question


@dataclass(frozen=True)
class RowProblem:
    """A row left out of an import, and why."""

    line: int
    name: str
    message: Message


@dataclass(frozen=True)
class ImportReport:
    """What importing a form's rows did: the new session, how many came in, what was left."""

    session: Session
    added: int
    unknown_columns: tuple[str, ...]
    problems: tuple[RowProblem, ...]


def import_rows(
    rule_base: RuleBase,
    session: Session,
    columns: Sequence[str],
    rows: Sequence[FormRow],
    *,
    replace_existing: bool,
    unnamed: Callable[[int], str],
    now: str,
) -> ImportReport:
    """Check each row as ``advise --no-input`` would and add the good ones, in one pass.

    A row whose name is already in the session (or earlier in the same export) is left out
    unless ``replace_existing``; ``unnamed(line)`` names a row without a name.
    """
    questions = {c: question_for_column(rule_base, c) for c in columns}
    unknown = tuple(c for c, q in questions.items() if q is None)
    seen = set(session.names())
    arrivals: list[Participant] = []
    problems: list[RowProblem] = []
    checked: dict[tuple[tuple[str, tuple[str, ...]], ...], Answers] = {}
    for row in rows:
        name = row.name or unnamed(row.line)
        try:
            checked_name(name)
            if row.extra:
                raise UsageError(
                    msg_n(
                        "{count} cellule de plus que l'en-tête (« {first} ») : "
                        "un séparateur de trop ?",
                        "{count} cellules de plus que l'en-tête (« {first} »…) : "
                        "un séparateur de trop ?",
                        len(row.extra),
                        first=printable(row.extra[0]),
                    )
                )
            if name in seen and not replace_existing:
                raise UsageError(already_there(name))
            key = tuple((c, tuple(v)) for c, v in row.cells.items())
            if key not in checked:  # many rows share their answers: check each set once
                checked[key] = answers_from_cells(rule_base, row.cells, questions)
            answers = checked[key]
        except UsageError as error:
            problems.append(RowProblem(row.line, name, _message(error)))
            continue
        seen.add(name)
        arrivals.append(Participant(name, answers, row.submitted or now))
    updated = session.with_participants(arrivals, replace_existing=True)
    return ImportReport(updated, len(arrivals), unknown, tuple(problems))


def _message(error: UsageError) -> Message:
    return error.text if isinstance(error.text, Message) else msg("{text}", text=error.text)
