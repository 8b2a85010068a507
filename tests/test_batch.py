"""``advise --batch``: JSON Lines in, one JSON line out per line read, bad lines named.

In-process through CliRunner (stdout and stderr apart), then the installed command fed by a
pipe, a FIFO and a reader that goes away.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from espaces_cli.answers_io import parse_answers_text
from espaces_cli.batch_io import MAX_LINE_BYTES, raw_answers, raw_lines
from espaces_cli.cli import app
from espaces_cli.core.errors import UsageError
from espaces_cli.core.json_words import JSON_PROBLEMS

ENV = {"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_RULES": None, "TERM": "xterm"}
ESPACES = shutil.which("espaces") or str(Path(sys.executable).parent / "espaces")
PERSON = {
    "profil": "independant",
    "besoins": ["salles_reunion", "convivialite"],
    "stade": "lancement",
    "frequence": "reguliere",
    "duree": "quelques_mois",
    "budget": "modeste",
    "territoire": "grande_ville",
    "nature_projet": "classique",
    "secteur": [],
    "confidentialite": "normale",
}
MAKER = {**PERSON, "besoins": "prototypage", "stade": "prototype", "budget": "moyen"}
GOOD = json.dumps(PERSON).encode()
BATCH_KEYS = {"line", "defaulted", "ignored"}


def run(*args: str, stdin: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner(env=ENV).invoke(app, list(args), input=stdin)


def flags(answers: dict[str, object]) -> list[str]:
    return [
        part
        for qid, value in answers.items()
        for part in ("-a", f"{qid}={value if isinstance(value, str) else ','.join(value)}")  # type: ignore[arg-type]
    ]


def lines_of(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines()]


def test_each_line_gets_the_document_advise_prints_with_its_line_number() -> None:
    stdin = b"\n".join([GOOD, b"", b"   ", json.dumps(MAKER).encode()]) + b"\n"
    result = run("advise", "--batch", "-", stdin=stdin)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    first, second = lines_of(result.stdout)
    assert (first["line"], second["line"]) == (1, 4)  # blank lines skipped, still counted
    for document, answers in ((first, PERSON), (second, MAKER)):
        single = run("advise", "--no-input", "--format", "json", *flags(answers))
        assert single.exit_code == 0, single.stderr
        expected = json.loads(single.stdout)
        assert {k: v for k, v in document.items() if k not in BATCH_KEYS} == expected
        assert (document["defaulted"], document["ignored"]) == ([], [])
    assert first["recommendation"] != second["recommendation"]


def test_a_file_labels_an_answers_file_shape_and_crlf_are_accepted(tmp_path: Path) -> None:
    wrapped = {"espaces": {"tool": "espaces"}, "answers": {**PERSON, "profil": "Indépendant"}}
    partial = {k: v for k, v in PERSON.items() if k not in ("secteur", "confidentialite")}
    path = tmp_path / "people.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps(wrapped).encode() + b"\r\n" + json.dumps(partial).encode()
    )
    result = run("advise", "--batch", str(path))
    assert result.exit_code == 0, result.stderr
    first, second = lines_of(result.stdout)
    assert first["answers"] == second["answers"] == PERSON
    assert second["defaulted"] == ["secteur", "confidentialite"]


def test_an_answer_that_does_not_apply_is_named() -> None:
    salaried = {**PERSON, "profil": "salarie"}
    result = run("advise", "--batch", "-", stdin=json.dumps(salaried).encode())
    assert result.exit_code == 0, result.stderr
    (document,) = lines_of(result.stdout)
    assert document["ignored"] == ["nature_projet", "stade"]


BAD_LINES = [
    ("not-json", b"pas du JSON", "JSON illisible à la colonne 1"),
    ("not-an-object", b"[1, 2]", "la ligne doit être un objet JSON"),
    ("a-string", b'"profil"', "la ligne doit être un objet JSON"),
    ("unknown-key", json.dumps({**PERSON, "prof": "x"}).encode(), "Question inconnue « prof »"),
    (
        "unknown-choice",
        json.dumps({**PERSON, "budget": "enorme"}).encode(),
        "budget : « enorme » n'est pas une valeur permise",
    ),
    ("nan", GOOD[:-1] + b', "x": NaN}', "« NaN » n'est pas un nombre que JSON permet"),
    ("infinity", b'{"budget": -Infinity}', "« -Infinity » n'est pas un nombre"),
    ("overflow", b'{"budget": 1e999}', "« 1e999 » n'est pas un nombre"),
    ("long-number", b'{"budget": ' + b"9" * 5000 + b"}", "nombre trop long"),
    ("deep", b"[" * 30_000 + b"]" * 30_000, "imbrication trop profonde"),
    (
        "huge",
        b'{"profil": "' + b"a" * (MAX_LINE_BYTES + 10) + b'"}',
        "ligne trop longue (plus de 64 Ko)",
    ),
    ("bom-inside", b"\xef\xbb\xbf" + GOOD, "marque d'ordre des octets (BOM)"),
    ("not-utf8", b'{"profil": "ind\xe9pendant"}', "pas en UTF-8 (octet 0xe9 à la colonne 16)"),
    ("duplicate", b'{"budget": "modeste", "budget": "eleve"}', "clé « budget » en double"),
    ("boolean", b'{"budget": true}', "budget : réponse attendue sous forme de texte"),
    ("object-value", b'{"budget": {"a": 1}}', "budget : réponse attendue sous forme de texte"),
    ("missing", b'{"profil": "independant"}', "Réponses manquantes : besoins, stade, frequence"),
    ("extra-beside-answers", b'{"answers": {}, "x": 1}', "clé inattendue « x »"),
    ("answers-not-object", b'{"answers": [1]}', "« answers » doit être un objet"),
    ("two-keys-one-question", b'{"Profil": "etudiant", "profil": "etudiant"}', "même question"),
]


@pytest.mark.parametrize(
    ("line", "words"), [b[1:] for b in BAD_LINES], ids=[b[0] for b in BAD_LINES]
)
def test_a_bad_line_is_named_and_the_good_ones_around_it_are_answered(
    line: bytes, words: str
) -> None:
    result = run("advise", "--batch", "-", stdin=b"\n".join([GOOD, line, GOOD]) + b"\n")
    assert result.exit_code == 2
    first, bad, third = lines_of(result.stdout)
    assert first["line"] == 1
    assert third["line"] == 3
    assert first["recommendation"] == third["recommendation"] is not None
    assert set(bad) == {"line", "error"}
    assert bad["line"] == 2
    assert words in str(bad["error"]), bad
    assert result.stderr == (
        "1 ligne sur 3 refusée (la première : ligne 2) ; voir ses « error » sur la sortie.\n"
    )


def test_every_bad_line_is_counted_and_english_is_spoken() -> None:
    stdin = b"\n".join([b"[]", GOOD, b"{}", b"nope"])
    result = run("--lang", "en", "advise", "--batch", "-", stdin=stdin)
    assert result.exit_code == 2
    assert [d.get("error", "ok")[:20] for d in lines_of(result.stdout)] == [  # type: ignore[index]
        "the line must be a J",
        "ok",
        "Missing answers: pro",
        "unreadable JSON at c",
    ]
    assert result.stderr == (
        "3 lines of 4 refused (the first: line 1); see their “error” on the output.\n"
    )


def test_text_from_the_file_never_reaches_the_reader_raw() -> None:
    sneaky = json.dumps({"\x1b]0;pwned\x07\u2028\u202e": "x"}, ensure_ascii=False).encode()
    result = run("advise", "--batch", "-", stdin=sneaky + b"\n" + GOOD)
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    for raw in ("\x1b", "\x07", "\u2028", "\u202e"):
        assert raw not in result.stdout
    (bad, _good) = lines_of(result.stdout)
    assert "\\x1b]0;pwned" in str(bad["error"])  # shown, escaped, in the message


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-a", "profil=etudiant"], "--answer ne se combine pas avec --batch"),
        (["--answers", "a.yaml"], "--answers ne se combine pas avec --batch"),
        (["--resume", "reprise.yaml"], "--resume ne se combine pas avec --batch"),
        (["--ask", "profil"], "--ask sert aux questions posées à l'écran"),
        (["--plain"], "--plain sert aux questions posées à l'écran"),
        (["-o", "out.jsonl"], "-o ne se combine pas avec --batch"),
        (["--save-answers", "a.yaml"], "--save-answers ne se combine pas avec --batch"),
        (["--format", "markdown"], "--format markdown ne s'y applique pas"),
        (["--format", "terminal"], "--format terminal ne s'y applique pas"),
    ],
)
def test_options_a_batch_cannot_honour_are_a_usage_error(args: list[str], words: str) -> None:
    result = run("advise", "--batch", "-", *args, stdin=GOOD)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert words in result.stderr


def test_json_format_and_no_input_are_accepted() -> None:
    result = run("advise", "--batch", "-", "--format", "json", "--no-input", stdin=GOOD)
    assert result.exit_code == 0, result.stderr
    assert len(lines_of(result.stdout)) == 1


def test_an_empty_input_is_an_empty_output() -> None:
    result = run("advise", "--batch", "-", stdin=b"\n\n")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("absent.jsonl", "absent.jsonl: fichier de réponses introuvable"),
        (".", "est un dossier"),
        ("/proc/self/mem", "/proc/self/mem: lecture impossible"),  # opens, then fails to read
    ],
)
def test_an_input_that_cannot_be_read_is_one_line(name: str, words: str) -> None:
    result = run("advise", "--batch", name)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert words in result.stderr


def test_a_broken_rule_base_stops_before_any_line(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("criteria: [\n", encoding="utf-8")
    result = run("advise", "--batch", "-", "--rules", str(rules), stdin=GOOD)
    assert result.exit_code == 3
    assert result.stdout == ""


class CountingStream(io.BytesIO):
    """A stream that remembers the largest read it was asked for."""

    largest = 0

    def readline(self, size: int | None = -1) -> bytes:
        self.largest = max(self.largest, size or 0)
        return super().readline(size)


def test_lines_are_read_one_at_a_time_within_their_bound() -> None:
    huge = b"x" * (10 * MAX_LINE_BYTES) + b"\nshort\n" + b"y" * MAX_LINE_BYTES + b"\n"
    stream = CountingStream(huge)
    assert list(raw_lines(stream)) == [
        (1, None),
        (2, b"short\n"),
        (3, b"y" * MAX_LINE_BYTES + b"\n"),
    ]
    assert stream.largest == MAX_LINE_BYTES + 1


def test_an_endless_input_is_answered_as_it_comes() -> None:
    class Endless:
        def readline(self, size: int = -1) -> bytes:
            return GOOD + b"\n"

    first = list(itertools.islice(raw_lines(Endless()), 3))  # type: ignore[arg-type]
    assert [number for number, _ in first] == [1, 2, 3]


# The installed command: pipes, FIFOs, a reader that leaves, Ctrl-C.


def espaces_env() -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "ESPACES_LANG": "fr"}
    env.pop("ESPACES_RULES", None)
    return env


def test_the_installed_command_reads_a_pipe() -> None:
    stdin = b"\n".join([GOOD, b"[]", json.dumps(MAKER).encode()]) + b"\n"
    done = subprocess.run(
        [ESPACES, "advise", "--batch", "-"],
        input=stdin,
        capture_output=True,
        env=espaces_env(),
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert [d["line"] for d in lines_of(done.stdout.decode())] == [1, 2, 3]
    assert done.stderr.decode().count("\n") == 1


def test_a_fifo_is_answered_line_by_line(tmp_path: Path) -> None:
    """A producer writes a line, reads its answer, then writes the next: nothing waits for
    the end of the input."""
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    with subprocess.Popen(
        [ESPACES, "advise", "--batch", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=espaces_env(),
    ) as process:
        assert process.stdout is not None
        timer = threading.Timer(60, process.kill)
        timer.start()
        try:
            with open(fifo, "wb", buffering=0) as writer:
                answers = []
                for person in (PERSON, MAKER):
                    writer.write(json.dumps(person).encode() + b"\n")
                    answers.append(json.loads(process.stdout.readline()))
            assert process.wait() == 0
        finally:
            timer.cancel()
    assert [a["line"] for a in answers] == [1, 2]
    assert answers[0]["answers"] == PERSON


def test_a_reader_that_goes_away_ends_the_run_quietly() -> None:
    with subprocess.Popen(
        [ESPACES, "advise", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=espaces_env(),
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdin.write(GOOD + b"\n")
        process.stdin.flush()
        process.stdout.readline()
        process.stdout.close()  # the reader leaves (| head -1)
        process.stdin.write(GOOD + b"\n")
        process.stdin.close()
        assert process.wait(timeout=60) == 141
        assert process.stderr.read() == b""


def test_ctrl_c_while_waiting_for_a_line_says_how_far_it_went() -> None:
    with subprocess.Popen(
        [ESPACES, "advise", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=espaces_env(),
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write(GOOD + b"\n")
        process.stdin.flush()
        assert json.loads(process.stdout.readline())["line"] == 1
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode() == "Interrompu après 1 ligne traitée.\n"


def test_a_batch_never_loads_the_prompt_libraries(tmp_path: Path) -> None:
    people = tmp_path / "people.jsonl"
    people.write_bytes(GOOD + b"\n")
    code = (
        "import sys\n"
        "from espaces_cli.cli import main\n"
        f"status = main(['advise', '--batch', {str(people)!r}])\n"
        "sys.__stderr__.write('\\n'.join(sorted(sys.modules)))\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=espaces_env(),
        timeout=60,
        check=True,
    )
    loaded = set(done.stderr.splitlines())
    assert "espaces_cli.batch_io" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("questionary", "prompt_toolkit")}


@settings(max_examples=150, deadline=None)
@given(
    st.dictionaries(
        st.text(max_size=8),
        st.one_of(
            st.text(max_size=10),
            st.integers(),
            st.booleans(),
            st.none(),
            st.lists(st.one_of(st.text(max_size=6), st.integers(), st.booleans()), max_size=3),
            st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
        ),
        max_size=5,
    ),
    st.booleans(),
)
def test_a_line_reads_as_the_same_object_in_an_answers_file_would(
    mapping: dict[str, object], wrapped: bool
) -> None:
    """The batch's reader and the answers file's accept and refuse the same objects."""
    document = {"espaces": {"tool": "espaces"}, "answers": mapping} if wrapped else mapping
    text = json.dumps(document)
    try:
        from_file: object = dict(parse_answers_text("a.json", text).raw)
    except UsageError:
        from_file = UsageError
    try:
        from_line: object = raw_answers(text.encode())
    except UsageError:
        from_line = UsageError
    assert from_line == from_file


def peak_memory_mib(chunks: list[bytes], repeat: int) -> tuple[int, int, float]:
    """Feed ``chunks`` × ``repeat`` to ``--batch -``; (exit status, output lines, peak MiB)."""
    process = subprocess.Popen(
        [ESPACES, "advise", "--batch", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=espaces_env(),
    )
    assert process.stdin is not None
    assert process.stdout is not None
    stdin = process.stdin

    def feed() -> None:
        with stdin:
            for _ in range(repeat):
                for chunk in chunks:
                    stdin.write(chunk)

    writer = threading.Thread(target=feed)
    writer.start()
    with process.stdout:
        lines = sum(1 for _ in process.stdout)
    writer.join(timeout=60)
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, lines, usage.ru_maxrss / 1024


def test_a_huge_input_is_streamed_in_constant_memory() -> None:
    small = peak_memory_mib([GOOD + b"\n"], 1)
    megabyte = b"[" + b"1," * (1 << 19) + b"1]\n"  # far over the line bound: skipped, not kept
    huge = peak_memory_mib([megabyte, GOOD + b"\n"], 64)  # 64 MiB in all
    assert small[:2] == (0, 1)
    assert huge[:2] == (2, 128)
    assert huge[2] < small[2] + 16, (small, huge)


def test_a_fifo_waits_for_its_writer_and_ctrl_c_stops_the_wait(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    with subprocess.Popen(
        [ESPACES, "advise", "--batch", str(fifo)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=espaces_env(),
    ) as process:
        wchan = Path(f"/proc/{process.pid}/wchan")
        deadline = time.monotonic() + 60
        while "partner" not in wchan.read_text() and time.monotonic() < deadline:
            assert process.poll() is None  # waiting for a writer, as cat would
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert out == b""
    assert err.decode() == "Interrompu après 0 ligne traitée.\n"


def test_a_repeated_answer_set_gets_the_same_document_under_its_own_line() -> None:
    reordered = json.dumps(dict(reversed(list(PERSON.items())))).encode()
    missing = b'{"profil": "etudiant"}'
    stdin = b"\n".join([GOOD, missing, reordered, missing, GOOD])
    result = run("advise", "--batch", "-", stdin=stdin)
    assert result.exit_code == 2
    documents = lines_of(result.stdout)
    assert [d["line"] for d in documents] == [1, 2, 3, 4, 5]
    first, error, *others = ({k: v for k, v in d.items() if k != "line"} for d in documents)
    assert others == [first, error, first]
    assert "Réponses manquantes" in str(error["error"])


@pytest.mark.parametrize(
    "text", ["x", "{", '{"a"', '{"a": 1', '"abc', '"a\x01"', '"\\q"', '"\\u12"', "{} x"]
)
def test_the_json_reader_s_complaints_are_put_in_the_reader_s_words(text: str) -> None:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    assert caught.value.msg in JSON_PROBLEMS
    with pytest.raises(UsageError) as refused:
        raw_answers(text.encode())
    assert "Expecting" not in str(refused.value)
