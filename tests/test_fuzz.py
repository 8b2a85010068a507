"""Property-based fuzzing of every input path: each input works, or gives its exit code and
one clear line, never a traceback."""

from __future__ import annotations

import os
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rulebases import TINY
from strategies import answers_documents, broken_rule_bases, raw_assignments, valid_answers
from typer.testing import CliRunner

from espaces_cli.answers_io import parse_answers_text
from espaces_cli.cli import app
from espaces_cli.core.answers import parse_answers, parse_assignments
from espaces_cli.core.engine import advise
from espaces_cli.core.errors import RuleBaseError, UsageError
from espaces_cli.core.model import RuleBase
from espaces_cli.rules.loader import Source, build_rule_base, load_rule_base

# scripts/fuzz.py raises the number of examples for long runs
EXAMPLES = int(os.environ.get("ESPACES_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@cache
def shipped_base() -> RuleBase:
    return load_rule_base()


@FUZZ
@given(st.data())
def test_any_answer_flags_parse_or_explain_in_one_line(data: st.DataObject) -> None:
    flags = data.draw(raw_assignments(shipped_base()))
    try:
        parsed = parse_assignments(shipped_base(), flags)
    except UsageError as error:
        assert "\n" not in error.message
        assert error.message
        return
    assert all(shipped_base().has_question(q) for q in parsed)


@FUZZ
@given(answers_documents())
def test_any_answers_file_parses_or_explains(text: str) -> None:
    try:
        loaded = parse_answers_text("f.yaml", text)
        parse_answers(shipped_base(), loaded.raw)
    except UsageError as error:
        assert "\n" not in error.message.strip()


@FUZZ
@given(broken_rule_bases(TINY))
def test_any_mutated_rule_base_loads_or_lists_its_problems(data: bytes) -> None:
    try:
        base = build_rule_base(Source("tiny.yaml", data))
    except RuleBaseError as error:
        assert error.problems
        for line in error.problems:
            assert line.startswith("tiny.yaml"), line
            assert "\n" not in line
        return
    answers = {q.id: q.choice_ids()[0] if q.kind == "one" else () for q in base.questions}
    advise(base, answers)


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_as_a_rule_base(data: bytes) -> None:
    try:
        build_rule_base(Source("x.yaml", data))
    except RuleBaseError as error:
        assert all(line.startswith("x.yaml") for line in error.problems)


@settings(
    max_examples=max(60, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.data())
def test_the_command_never_shows_a_traceback(data: st.DataObject) -> None:
    flags = data.draw(raw_assignments(shipped_base()))
    args = ["advise", "--no-input", "--format", "json"]
    for flag in flags:
        args += ["-a", flag]
    result = CliRunner(env={"ESPACES_RULES": None}).invoke(app, args)
    assert result.exit_code in (0, 2), (args, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@settings(max_examples=max(150, EXAMPLES // 2), deadline=None)
@given(st.data())
def test_valid_answers_always_give_advice(data: st.DataObject) -> None:
    answers = data.draw(valid_answers(shipped_base()))
    advice = advise(shipped_base(), answers)
    assert advice.winner is not None


def test_control_characters_in_user_text_stay_on_one_line() -> None:
    from espaces_cli.core.text import printable

    assert printable("ok é") == "ok é"
    assert printable("a\nb\x85c\x00") == "a\\nb\\x85c\\x00"
    try:
        parse_assignments(shipped_base(), ["profil=in\ndependant"])
    except UsageError as error:
        assert "\n" not in error.message
        assert "in\\ndependant" in error.message
    else:
        raise AssertionError("a value with a line break is not a choice id")


def _session_text() -> str:
    from espaces_cli.core.session import Participant, Session
    from espaces_cli.workshop_io import format_session

    answers = {"profil": "independant", "besoins": ("salles_reunion",), "stade": "idee"}
    people = (Participant("Ana", answers, "2026-01-01"), Participant("Léo", answers, "2026-01-02"))
    return format_session(Session("Atelier", "2026-01-01", shipped_base().identity, people))


@settings(
    max_examples=max(60, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.one_of(broken_rule_bases(_session_text()), st.binary(max_size=300)))
def test_any_session_file_reports_or_explains_in_one_line(data: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "s.yaml")
        with open(path, "wb") as handle:
            handle.write(data)
        for args in (["workshop", "list", path], ["workshop", "report", path, "--format", "json"]):
            result = CliRunner().invoke(app, args)
            assert result.exit_code in (0, 2), (args, result.exception)
            assert result.exception is None or isinstance(result.exception, SystemExit)
            if result.exit_code == 2:
                assert len(result.stderr.strip().splitlines()) == 1, result.stderr
                assert "Traceback" not in result.stderr


@settings(
    max_examples=max(60, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.one_of(
        answers_documents().map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=300),
    )
)
def test_any_bytes_on_stdin_as_answers(data: bytes) -> None:
    args = ["advise", "--no-input", "--answers", "-", "-a", "profil=etudiant", "--format", "json"]
    result = CliRunner().invoke(app, args, input=data)
    assert result.exit_code in (0, 2), result.exception
    assert result.exception is None or isinstance(result.exception, SystemExit)
    if result.exit_code == 2:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


ENVIRONMENT = st.fixed_dictionaries(
    {},
    optional={
        "ESPACES_LANG": st.one_of(
            st.sampled_from(["fr", "en", "", "de", "EN"]), st.text(max_size=5)
        ),
        "LANG": st.sampled_from(["C", "POSIX", "en_US.UTF-8", "fr_FR.UTF-8", "", "xx"]),
        "LC_ALL": st.sampled_from(["C", "en_GB.UTF-8", ""]),
        # folders that cannot be created: a fuzz run never writes outside its temp folders
        "ESPACES_STATE_DIR": st.sampled_from(["", "/dev/null/state", "/dev/null", "/proc/x"]),
        "ESPACES_CACHE_DIR": st.sampled_from(["", "/dev/null/cache", "/dev/null", "/proc/x"]),
        "XDG_CACHE_HOME": st.sampled_from(["", "/dev/null", "/proc/x"]),
        "COLUMNS": st.sampled_from(["", "0", "-5", "abc", "20", "100000"]),
        "NO_COLOR": st.sampled_from(["", "1"]),
        "TERM": st.sampled_from(["dumb", "xterm-256color", ""]),
        "ESPACES_RULES": st.sampled_from(["/nonexistent.yaml", "/dev/null"]),
    },
)


@settings(
    max_examples=max(60, EXAMPLES // 5), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(ENVIRONMENT)
def test_any_environment_gives_a_run_or_one_line(environ: dict[str, str]) -> None:
    """The whole entry point (language, Typer, the command) under a drawn environment."""
    import io

    from espaces_cli.cli import main
    from espaces_cli.cli.environment import Environment

    argv = ["advise", "--no-input", "--format", "json", "-a", "profil=etudiant"]
    argv += [x for pair in (("-a", f"{k}={v}") for k, v in _STUDENT.items()) for x in pair]
    out, err = io.StringIO(), io.StringIO()
    env = Environment(variables={"HOME": "/root", **environ}, stdout=out, stderr=err)
    status = main(argv, env)
    assert "Traceback" not in err.getvalue()
    lines = err.getvalue().strip().splitlines()
    if status == 0:
        assert '"schema_version"' in out.getvalue()
    else:
        assert status in (2, 3)
        assert len(lines) == 1, err.getvalue()


_STUDENT = {
    "besoins": "bureau_mobile",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "minimal",
    "territoire": "rural",
}
