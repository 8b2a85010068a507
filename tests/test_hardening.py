"""Issue 9, tried as a hostile and as a careless user: the installed ``espaces`` command.

One regression test (or a small parametrised group) per item of issue 9, at the level a
user meets it: the installed command through ``subprocess``, a real pseudo-terminal
(``pexpect``) where Ctrl-C or the questions matter, parallel processes for locking.
Every test checks the exit status, that no Python traceback reaches stderr, and what the
user sees. The numbering follows issue 9.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pexpect
import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "data" / "space_types.yaml"
ESPACES = shutil.which("espaces") or str(Path(sys.executable).parent / "espaces")
ANSWERS = {
    "profil": "independant",
    "besoins": "salles_reunion",
    "stade": "lancement",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "modeste",
    "territoire": "grande_ville",
}
A = [part for qid, value in ANSWERS.items() for part in ("-a", f"{qid}={value}")]
DOWN, SPACE, ENTER, CTRL_C = "\x1b[B", " ", "\r", "\x03"
PYTHON_INTERNALS = ("Traceback", "Exception ignored", "MemoryError", "RecursionError")


class Run:
    """The outcome of one run of the installed command, stdout and stderr decoded."""

    def __init__(self, returncode: int, stdout: bytes, stderr: bytes, seconds: float) -> None:
        self.returncode = returncode
        self.out_bytes = stdout
        self.stdout = stdout.decode("utf-8", "replace")
        self.stderr = stderr.decode("utf-8", "replace")
        self.seconds = seconds

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def __repr__(self) -> str:
        return f"Run(rc={self.returncode}, stderr={self.stderr[-2000:]!r})"


def env_with(**changes: str | None) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "ESPACES_LANG": "fr"}
    env.pop("ESPACES_RULES", None)
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def espaces(
    *args: str | bytes,
    cwd: Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 30,
    preexec_fn: Callable[[], object] | None = None,
) -> Run:
    started = time.monotonic()
    done = subprocess.run(
        [ESPACES, *args],
        preexec_fn=preexec_fn,
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env or env_with(),
        timeout=timeout,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


def clean(run: Run) -> None:
    """Nothing from Python's insides reaches the user."""
    for word in PYTHON_INTERNALS:
        assert word not in run.stderr, run
        assert word not in run.stdout, run


def fails_with_one_line(run: Run, status: int = 2) -> str:
    clean(run)
    assert run.returncode == status, run
    assert len(run.lines) == 1, run
    return run.lines[0]


def new_session(folder: Path, name: str = "S.yaml", *extra: str) -> Path:
    result = espaces("workshop", "new", name, *extra, cwd=folder)
    assert result.returncode == 0, result
    return folder / name


def answers_file(folder: Path, name: str = "p.yaml") -> Path:
    result = espaces("advise", "--no-input", *A, "--save-answers", name, "-o", "r.md", cwd=folder)
    assert result.returncode == 0, result
    (folder / "r.md").unlink()
    return folder / name


def participants(session: Path) -> list[dict[str, object]]:
    result = espaces("workshop", "list", str(session), "--format", "json", cwd=session.parent)
    clean(result)
    assert result.returncode == 0, result
    return json.loads(result.stdout)["participants"]  # type: ignore[no-any-return]


CSV_HEADER = "Nom,profil,besoins,stade,frequence,duree,budget,territoire\n"


def csv_row(name: str) -> str:
    quoted = '"' + name.replace('"', '""') + '"'
    return f"{quoted},independant,salles_reunion,lancement,reguliere,essai,modeste,grande_ville\n"


def spawn(args: Sequence[str], cwd: Path, **env: str) -> pexpect.spawn:
    environ = {
        **env_with(),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PROMPT_TOOLKIT_NO_CPR": "1",
        **env,
    }
    environ.pop("NO_COLOR", None)
    return pexpect.spawn(
        ESPACES,
        list(args),
        cwd=str(cwd),
        env=environ,
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )


def finish(child: pexpect.spawn) -> tuple[int | None, str]:
    child.expect(pexpect.EOF)
    tail = child.before or ""
    child.close()
    return child.exitstatus, tail


# ---------------------------------------------------------------------------------------
# 2. -o / --save-answers never replace what is not a regular file


def test_2_dev_null_stays_a_world_writable_character_device(tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    for option in ("-o", "--save-answers"):
        result = espaces("advise", "--no-input", *A, option, "/dev/null", cwd=tmp_path)
        clean(result)
        assert result.returncode == 0, result
        after = os.stat("/dev/null")
        assert stat.S_ISCHR(after.st_mode), option
        assert stat.S_IMODE(after.st_mode) == 0o666, option
        assert (after.st_rdev, after.st_ino) == (before.st_rdev, before.st_ino)


def test_2_dev_stdout_prints_the_report_into_the_pipe(tmp_path: Path) -> None:
    result = espaces(
        "advise", "--no-input", *A, "--format", "markdown", "-o", "/dev/stdout", cwd=tmp_path
    )
    clean(result)
    assert result.returncode == 0, result
    assert result.stdout.startswith("# Quel espace collaboratif choisir ?\n")
    assert "## Recommandation : Espace de coworking" in result.stdout


def test_2_a_symlink_writes_its_target_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text("ancien\n", encoding="utf-8")
    (tmp_path / "link").symlink_to("real.md")
    result = espaces("advise", "--no-input", *A, "--format", "markdown", "-o", "link", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert (tmp_path / "link").is_symlink()
    assert os.readlink(tmp_path / "link") == "real.md"
    assert (tmp_path / "real.md").read_text(encoding="utf-8").startswith("# Quel espace")


def test_2_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    result = espaces(
        "advise",
        "--no-input",
        *A,
        "-o",
        "new.md",
        "--save-answers",
        "new.yaml",
        cwd=tmp_path,
        preexec_fn=lambda: os.umask(0o077),
    )
    clean(result)
    assert result.returncode == 0, result
    assert stat.S_IMODE(os.stat(tmp_path / "new.md").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(tmp_path / "new.yaml").st_mode) == 0o600


def test_2_an_existing_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "old.md"
    target.write_text("ancien\n", encoding="utf-8")
    target.chmod(0o640)
    result = espaces("advise", "--no-input", *A, "-o", "old.md", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert "Recommandation" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------
# 5. Concurrent writers of one session lose nobody


def test_5_twenty_parallel_adds_keep_twenty_participants(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    source = answers_file(tmp_path).read_bytes()
    for index in range(1, 21):
        (tmp_path / f"p{index}.yaml").write_bytes(source)
    processes = [
        subprocess.Popen(
            [ESPACES, "workshop", "add", "S.yaml", f"p{index}.yaml"],
            cwd=tmp_path,
            env=env_with(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for index in range(1, 21)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
        assert b"Traceback" not in err
    names = sorted(str(p["name"]) for p in participants(session))
    assert names == sorted(f"p{index}" for index in range(1, 21))


def test_5_ten_parallel_imports_of_fifty_rows_keep_five_hundred(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    for k in range(10):
        rows = "".join(csv_row(f"f{k}-{i}") for i in range(50))
        (tmp_path / f"f{k}.csv").write_text(CSV_HEADER + rows, encoding="utf-8")
    processes = [
        subprocess.Popen(
            [ESPACES, "workshop", "import", "S.yaml", f"f{k}.csv"],
            cwd=tmp_path,
            env=env_with(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for k in range(10)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
        assert b"Traceback" not in err
    assert len(participants(session)) == 500


# ---------------------------------------------------------------------------------------
# 6. The same path in and out is refused before anything is written


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["workshop", "report", "S.yaml", "-o", "S.yaml"], ("-o", "SESSION")),
        (["workshop", "report", "S.yaml", "-o", "./S.yaml"], ("-o", "SESSION")),
        (["workshop", "report", "S.yaml", "-o", "lien-S"], ("-o", "SESSION")),
        (["advise", "--answers", "p.yaml", "-o", "p.yaml"], ("-o", "--answers")),
        (["advise", "--answers", "p.yaml", "-o", "./p.yaml"], ("-o", "--answers")),
        (["advise", "--answers", "./p.yaml", "-o", "p.yaml"], ("-o", "--answers")),
        (["advise", "--answers", "lien-p", "-o", "p.yaml"], ("-o", "--answers")),
        (["advise", "--answers", "p.yaml", "-o", "lien-p"], ("-o", "--answers")),
        (
            ["advise", "--no-input", *A, "--save-answers", "p.yaml", "-o", "p.yaml"],
            ("-o", "--save-answers"),
        ),
        (
            ["advise", "--no-input", *A, "--save-answers", "lien-p", "-o", "./p.yaml"],
            ("-o", "--save-answers"),
        ),
    ],
)
def test_6_same_file_in_and_out_is_refused(
    tmp_path: Path, args: list[str], options: tuple[str, str]
) -> None:
    new_session(tmp_path)
    espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path)), cwd=tmp_path)
    (tmp_path / "lien-S").symlink_to("S.yaml")
    (tmp_path / "lien-p").symlink_to("p.yaml")
    before = {name: (tmp_path / name).read_bytes() for name in ("S.yaml", "p.yaml")}
    line = fails_with_one_line(espaces(*args, cwd=tmp_path))
    for option in options:
        assert option in line
    assert "même fichier" in line
    for name, content in before.items():
        assert (tmp_path / name).read_bytes() == content, name


# ---------------------------------------------------------------------------------------
# 7. A bad output target is found before the first question; typed answers are kept


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["advise", "-o", "dossier"], "dossier: est un dossier"),
        (["advise", "-o", "absent/sous/out.md"], "n'existe pas"),
        (["advise", "--save-answers", "dossier"], "dossier: est un dossier"),
        (["advise", "--save-answers", "absent/a.yaml", "-o", "r.md"], "n'existe pas"),
        (["advise", "-o", "r.md", "--save-answers", "absent/a.yaml"], "n'existe pas"),
        (["workshop", "add", "absent.yaml", "-p", "Zoé"], "absent.yaml"),
        (["workshop", "add", "dossier", "-p", "Zoé"], "dossier"),
    ],
)
def test_7_bad_output_fails_before_the_first_question(
    tmp_path: Path, args: list[str], message: str
) -> None:
    (tmp_path / "dossier").mkdir()
    child = spawn(args, tmp_path)
    status, screen = finish(child)
    assert status == 2
    assert message in screen
    assert "[1/10]" not in screen
    assert "Qui êtes-vous" not in screen
    assert "Traceback" not in screen


def test_7_answers_typed_are_kept_when_writing_fails_at_the_end(tmp_path: Path) -> None:
    state = tmp_path / "state"
    (tmp_path / "sortie").mkdir()
    child = spawn(["advise", "-o", "sortie/r.md"], tmp_path, ESPACES_STATE_DIR=str(state))
    child.expect_exact("[1/10]")
    child.send(ENTER)  # independant
    child.expect_exact("[2/10]")
    child.send(ENTER)  # the default
    child.expect_exact("[3/10]")
    child.send(SPACE + ENTER)
    for step in ("4/10", "5/10", "6/10", "7/10", "8/10", "9/10"):
        child.expect_exact(f"[{step}]")
        child.send(ENTER)
    child.expect_exact("[10/10]")
    shutil.rmtree(tmp_path / "sortie")
    child.send(ENTER)
    child.expect_exact(str(state / "reprise.yaml"))
    status, screen = finish(child)
    assert status == 2
    assert "Traceback" not in screen
    kept = (state / "reprise.yaml").read_text(encoding="utf-8")
    assert "profil: independant" in kept
    assert "confidentialite: normale" in kept


# ---------------------------------------------------------------------------------------
# 8. The session round trip changes nothing


STRANGE_NAMES = [
    "Ana\u2028Lopez",
    "Bo\u2029Li",
    "Cé\u0085line",
    "Dan\nDupont",
    "Eve\tMartin",
    "Fay\x1b[2JRoux",
]


def test_8_strange_names_and_title_come_back_exactly(tmp_path: Path) -> None:
    title = "Atelier\u2028du\u2029lundi\u0085\n\t\x1b[2J fin"
    session = new_session(tmp_path, "S.yaml", "--title", title)
    data = CSV_HEADER + "".join(csv_row(name) for name in STRANGE_NAMES)
    (tmp_path / "r.csv").write_text(data, encoding="utf-8", newline="")
    result = espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    listing = espaces("workshop", "list", "S.yaml", "--format", "json", cwd=tmp_path)
    assert listing.returncode == 0, listing
    document = json.loads(listing.stdout)
    assert document["title"] == title
    assert [p["name"] for p in document["participants"]] == STRANGE_NAMES
    # and again after one more rewrite of the file
    espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path)), cwd=tmp_path)
    assert [p["name"] for p in participants(session)] == [*STRANGE_NAMES, "p"]


def test_8_unknown_keys_added_by_hand_survive_a_later_add(tmp_path: Path) -> None:
    import yaml

    session = new_session(tmp_path)
    espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path, "a.yaml")), cwd=tmp_path)
    text = session.read_text(encoding="utf-8")
    text = text.replace("participants:\n", "animatrice: Zoé\nsalle: {etage: 3}\nparticipants:\n")
    text = text.replace('{"name": "a", ', '{"name": "a", "note": "venue en retard", ', 1)
    session.write_text(text, encoding="utf-8")
    result = espaces(
        "workshop", "add", "S.yaml", str(answers_file(tmp_path, "b.yaml")), cwd=tmp_path
    )
    clean(result)
    assert result.returncode == 0, result
    document = yaml.safe_load(session.read_text(encoding="utf-8"))
    assert document["animatrice"] == "Zoé"
    assert document["salle"] == {"etage": 3}
    first = document["participants"][0]
    assert first["name"] == "a"
    assert first["note"] == "venue en retard"
    assert [p["name"] for p in document["participants"]] == ["a", "b"]


def test_8_a_name_with_a_newline_keeps_one_markdown_row_per_participant(tmp_path: Path) -> None:
    new_session(tmp_path)
    names = ["Dan\nDupont", "Eve | Martin", "Zoé"]
    data = CSV_HEADER + "".join(csv_row(name) for name in names)
    (tmp_path / "r.csv").write_text(data, encoding="utf-8", newline="")
    assert espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path).returncode == 0
    result = espaces("workshop", "report", "S.yaml", "--format", "markdown", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    rows = [line for line in result.stdout.splitlines() if line.startswith("|")]
    for fragment in ("Dan", "Eve", "Zoé"):
        holding = [row for row in rows if fragment in row]
        assert holding, fragment
    assert not any(line.startswith("Dupont") for line in result.stdout.splitlines())
    dan_rows = [row for row in rows if "Dan" in row]
    assert all("Dupont" in row for row in dan_rows), dan_rows
    # every table row has as many cells as its header
    tables: list[list[str]] = []
    for line in result.stdout.splitlines():
        if line.startswith("|"):
            if tables and tables[-1]:
                tables[-1].append(line)
            else:
                tables.append([line])
        elif tables and tables[-1]:
            tables.append([])
    for table in filter(None, tables):
        widths = {len(re.split(r"(?<!\\)\|", row)) for row in table}
        assert len(widths) == 1, table


# ---------------------------------------------------------------------------------------
# 9. Memory is bounded: alias bombs, endless stdin


ALIAS_BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def one_gib() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_9_the_command_runs_under_one_gib(tmp_path: Path) -> None:
    """The memory limit used below is no obstacle for an ordinary run."""
    result = espaces("advise", "--no-input", *A, cwd=tmp_path, preexec_fn=one_gib)
    clean(result)
    assert result.returncode == 0, result


@pytest.mark.parametrize("place", ["session", "answers", "answers-stdin", "workshop-add"])
def test_9_an_alias_bomb_is_refused_quickly_in_bounded_memory(tmp_path: Path, place: str) -> None:
    session_bomb = "espaces_workshop: 1\ntitle: x\nparticipants: []\n" + ALIAS_BOMB
    answers_bomb = "answers:\n  profil: independant\n" + ALIAS_BOMB
    (tmp_path / "bomb-session.yaml").write_text(session_bomb, encoding="utf-8")
    (tmp_path / "bomb.yaml").write_text(answers_bomb, encoding="utf-8")
    assert len(answers_bomb) < 1000
    stdin = None
    if place == "session":
        args = ["workshop", "report", "bomb-session.yaml"]
    elif place == "answers":
        args = ["advise", "--no-input", "--answers", "bomb.yaml"]
    elif place == "answers-stdin":
        args = ["advise", "--no-input", "--answers", "-"]
        stdin = answers_bomb.encode()
    else:
        new_session(tmp_path)
        args = ["workshop", "add", "S.yaml", "bomb.yaml"]
    result = espaces(*args, cwd=tmp_path, stdin=stdin, preexec_fn=one_gib, timeout=30)
    fails_with_one_line(result)
    assert result.seconds < 10


def test_9_endless_stdin_is_cut(tmp_path: Path) -> None:
    started = time.monotonic()
    with open("/dev/zero", "rb") as zero:
        done = subprocess.run(
            [ESPACES, "advise", "--no-input", "--answers", "-"],
            stdin=zero,
            capture_output=True,
            cwd=tmp_path,
            env=env_with(),
            timeout=30,
            check=False,
            preexec_fn=one_gib,
        )
    result = Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)
    line = fails_with_one_line(result)
    assert "trop gros" in line
    assert result.seconds < 10


def test_9_two_megabytes_on_stdin_are_refused(tmp_path: Path) -> None:
    big = b"answers:\n  profil: independant\n" + b"# " + b"x" * (2 * 1024 * 1024) + b"\n"
    line = fails_with_one_line(
        espaces("advise", "--no-input", "--answers", "-", cwd=tmp_path, stdin=big)
    )
    assert "trop gros" in line


# ---------------------------------------------------------------------------------------
# 10. Non-finite and out-of-range numbers in a rule base


RULE_EDITS = {
    "weight-inf": (
        "add: {poste_flexible: 4, souplesse: 1}",
        "add: {poste_flexible: .inf, souplesse: 1}",
    ),
    "weight-minus-inf": (
        "add: {poste_flexible: 4, souplesse: 1}",
        "add: {poste_flexible: -.inf, souplesse: 1}",
    ),
    "weight-nan": (
        "add: {poste_flexible: 4, souplesse: 1}",
        "add: {poste_flexible: .nan, souplesse: 1}",
    ),
    "weight-1e308": (
        "add: {salles_reunion: 4, services: 1}",
        "add: {salles_reunion: 1e308, services: 1}",
    ),
    "fit-nan": (
        "fit: {poste_flexible: 4, salles_reunion: 3,",
        "fit: {poste_flexible: .NaN, salles_reunion: 3,",
    ),
    "fit-inf": (
        "fit: {poste_flexible: 4, salles_reunion: 3,",
        "fit: {poste_flexible: .inf, salles_reunion: 3,",
    ),
    "fit-1e308": (
        "fit: {poste_flexible: 4, salles_reunion: 3,",
        "fit: {poste_flexible: 4, salles_reunion: 1.0e+308,",
    ),
    "fit-5000-digits": (
        "fit: {poste_flexible: 4, salles_reunion: 3,",
        "fit: {poste_flexible: 4, salles_reunion: " + "7" * 5000 + ",",
    ),
}


def edited_rules(folder: Path, old: str, new: str) -> Path:
    text = RULES.read_text(encoding="utf-8")
    assert old in text
    path = folder / "base.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize("edit", sorted(RULE_EDITS))
def test_10_bad_numbers_in_a_rule_base_are_refused_with_their_place(
    tmp_path: Path, edit: str
) -> None:
    old, new = RULE_EDITS[edit]
    edited_rules(tmp_path, old, new)
    check = espaces("rules", "check", "base.yaml", cwd=tmp_path)
    clean(check)
    assert check.returncode == 3, check
    assert re.search(r"base\.yaml:\d+:\d+: ", check.stdout + check.stderr), check
    advice = espaces(
        "advise", "--no-input", *A, "--rules", "base.yaml", "--format", "json", cwd=tmp_path
    )
    clean(advice)
    assert advice.returncode == 3, advice
    assert "NaN" not in advice.stdout
    assert "Infinity" not in advice.stdout
    assert re.search(r"base\.yaml:\d+:\d+: ", advice.stderr), advice


def test_10_no_nan_in_any_json_output(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path)), cwd=tmp_path)
    outputs = [
        espaces("advise", "--no-input", *A, "--format", "json", cwd=tmp_path),
        espaces("workshop", "report", str(session), "--format", "json", cwd=tmp_path),
        espaces("workshop", "list", str(session), "--format", "json", cwd=tmp_path),
        espaces("rules", "schema", cwd=tmp_path),
    ]
    for result in outputs:
        clean(result)
        assert result.returncode == 0, result
        json.loads(result.stdout, parse_constant=lambda name: pytest.fail(name))


# ---------------------------------------------------------------------------------------
# 11. Tracebacks that were still reachable


DEEP = "[" * 1000 + "]" * 1000


def participant_line(answers: str) -> str:
    return '- {"name": "x", "added_at": "2026-01-01T00:00:00+00:00", "answers": ' + answers + "}\n"


@pytest.mark.parametrize(
    "case",
    ["answers", "answers-stdin", "resume", "workshop-add", "session-line", "session-header"],
)
def test_11_json_nested_a_thousand_deep(tmp_path: Path, case: str) -> None:
    deep_answers = '{"answers": {"profil": ' + DEEP + "}}"
    (tmp_path / "deep.json").write_text(deep_answers, encoding="utf-8")
    stdin = None
    if case == "answers":
        args = ["advise", "--no-input", "--answers", "deep.json"]
    elif case == "answers-stdin":
        args = ["advise", "--no-input", "--answers", "-"]
        stdin = deep_answers.encode()
    elif case == "resume":
        args = ["advise", "--no-input", "--resume", "deep.json"]
    elif case == "workshop-add":
        new_session(tmp_path)
        args = ["workshop", "add", "S.yaml", "deep.json"]
    else:
        session = new_session(tmp_path)
        text = session.read_text(encoding="utf-8")
        if case == "session-line":
            text += participant_line('{"profil": ' + DEEP + "}")
        else:
            text = text.replace("title:", "extra: " + DEEP + "\ntitle:")
        session.write_text(text, encoding="utf-8")
        args = ["workshop", "report", "S.yaml"]
    fails_with_one_line(espaces(*args, cwd=tmp_path, stdin=stdin))


@pytest.mark.parametrize("case", ["answers-yaml", "answers-json", "session", "workshop-add"])
def test_11_an_integer_of_five_thousand_digits(tmp_path: Path, case: str) -> None:
    digits = "9" * 5000
    (tmp_path / "n.yaml").write_text(f"answers:\n  profil: {digits}\n", encoding="utf-8")
    (tmp_path / "n.json").write_text('{"answers": {"profil": ' + digits + "}}", encoding="utf-8")
    if case == "answers-yaml":
        args = ["advise", "--no-input", "--answers", "n.yaml"]
    elif case == "answers-json":
        args = ["advise", "--no-input", "--answers", "n.json"]
    elif case == "workshop-add":
        new_session(tmp_path)
        args = ["workshop", "add", "S.yaml", "n.json"]
    else:
        session = new_session(tmp_path)
        session.write_text(
            session.read_text(encoding="utf-8") + participant_line('{"profil": ' + digits + "}"),
            encoding="utf-8",
        )
        args = ["workshop", "report", "S.yaml"]
    fails_with_one_line(espaces(*args, cwd=tmp_path))


def seventeen_choices(folder: Path) -> Path:
    extra = "".join(
        f'      extra_{i}: {{fr: "Besoin supplémentaire {i}", en: "Extra need {i}"}}\n'
        for i in range(8)
    )
    anchor = (
        '      tests_usagers: {fr: "Tester avec de vrais usagers", en: "Test with real users"}\n'
    )
    text = RULES.read_text(encoding="utf-8")
    assert anchor in text
    assert "min_choices: 1\n" in text
    text = text.replace(anchor, anchor + extra, 1).replace(
        "min_choices: 1\n", "min_choices: 16\n", 1
    )
    path = folder / "base17.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["rules", "check"], ["rules", "coverage", "--samples", "50"]])
def test_11_a_several_question_with_seventeen_choices(tmp_path: Path, command: list[str]) -> None:
    seventeen_choices(tmp_path)
    args = (
        [*command, "base17.yaml"] if command[1] == "check" else [*command, "--rules", "base17.yaml"]
    )
    result = espaces(*args, cwd=tmp_path, timeout=60)
    clean(result)
    assert result.returncode in (0, 3), result
    if result.returncode == 3:
        assert re.search(r"base17\.yaml:\d+:\d+: ", result.stdout + result.stderr), result


ENCODING_COMMANDS = [
    ["types"],
    ["types", "coworking"],
    ["questions"],
    ["questions", "--template"],
    ["rules", "coverage", "--samples", "50"],
    ["rules", "explain", "coworking"],
    ["workshop", "list", "S.yaml"],
    ["workshop", "report", "S.yaml"],
    ["advise", "--no-input", *A],
]


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
@pytest.mark.parametrize("command", ENCODING_COMMANDS, ids=lambda c: "-".join(c[:2]))
def test_11_a_console_that_cannot_encode(tmp_path: Path, encoding: str, command: list[str]) -> None:
    new_session(tmp_path, "S.yaml", "--title", "Atelier d'été ✓ — 東京")
    data = CSV_HEADER + csv_row("Zoë Łukasz 東京 ✓")
    (tmp_path / "r.csv").write_text(data, encoding="utf-8")
    assert espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path).returncode == 0
    result = espaces(*command, cwd=tmp_path, env=env_with(PYTHONIOENCODING=encoding), timeout=60)
    clean(result)
    assert result.returncode == 0, result
    result.out_bytes.decode(encoding)


def test_11_latin1_bytes_on_stdin(tmp_path: Path) -> None:
    line = fails_with_one_line(
        espaces(
            "advise",
            "--no-input",
            "--answers",
            "-",
            cwd=tmp_path,
            stdin="answers:\n  profil: indépendant\n".encode("latin-1"),
        )
    )
    assert "UTF-8" in line


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["advise", "--no-input", *A], 0),
        (["advise", "--no-input", "--answers", "-"], 2),
        (["advise"], 2),
        (["workshop", "add", "S.yaml", "-p", "Zoé"], 2),
    ],
)
def test_11_a_closed_stdin(tmp_path: Path, args: list[str], status: int) -> None:
    new_session(tmp_path)
    result = espaces(*args, cwd=tmp_path, preexec_fn=lambda: os.close(0))
    clean(result)
    assert result.returncode == status, result
    if status:
        assert len(result.lines) == 1, result


@pytest.mark.parametrize("where", ["etat", "etat/sous", "/dev/null", "/proc/espaces"])
def test_11_ctrl_c_when_the_state_folder_is_a_file_prints_the_answers(
    tmp_path: Path, where: str
) -> None:
    state = tmp_path / "etat"
    state.write_text("pas un dossier\n", encoding="utf-8")
    child = spawn(["advise"], tmp_path, ESPACES_STATE_DIR=str(tmp_path / where))
    child.expect_exact("[1/10]")
    child.send(DOWN + ENTER)  # etudiant
    child.expect_exact("[2/10]")
    child.send(ENTER)  # the default
    child.expect_exact("[3/10]")
    child.send(SPACE + ENTER)  # bureau_mobile
    child.expect_exact("[4/10]")
    child.send(CTRL_C)
    status, screen = finish(child)
    assert status == 130
    assert "Traceback" not in screen
    flat = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen))
    assert (
        "espaces advise --no-input -a profil=etudiant -a nature_projet=ne_sait_pas"
        " -a besoins=bureau_mobile"
    ) in flat
    assert state.read_text(encoding="utf-8") == "pas un dossier\n"


def test_11_home_unset(tmp_path: Path) -> None:
    env = env_with(HOME=None, ESPACES_STATE_DIR=None, ESPACES_CACHE_DIR=None, XDG_CACHE_HOME=None)
    result = espaces("advise", "--no-input", *A, cwd=tmp_path, env=env)
    clean(result)
    assert result.returncode == 0, result
    assert "Recommandation" in result.stdout


def test_11_a_lone_surrogate_in_a_participant_name(tmp_path: Path) -> None:
    new_session(tmp_path)
    argv = [ESPACES.encode(), b"workshop", b"add", b"S.yaml", b"-p", b"\xed\xa0\x80"]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, env=env_with(), timeout=30)
    fails_with_one_line(Run(done.returncode, done.stdout, done.stderr, 0))
    # in a terminal, where the questions could be asked: the name itself is refused
    environ = {
        **env_with(),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", f"{ESPACES} workshop add S.yaml -p \"$(printf '\\355\\240\\200')\""],
        cwd=str(tmp_path),
        env=environ,
        encoding="utf-8",
        codec_errors="replace",
        dimensions=(40, 120),
        timeout=20,
    )
    index = child.expect_exact(["[1/10]", pexpect.EOF])
    screen = child.before or ""
    if index == 0:
        child.terminate(force=True)
    child.close()
    assert index == 1, "questions asked for an unreadable name"
    assert child.exitstatus == 2
    assert "Traceback" not in screen
    assert "Nom de participant illisible" in screen
    assert participants(tmp_path / "S.yaml") == []


def test_11_a_lone_surrogate_in_an_answers_file_name(tmp_path: Path) -> None:
    new_session(tmp_path)
    source = answers_file(tmp_path).read_bytes()
    odd = os.fsencode(tmp_path) + b"/\xed\xa0\x80.yaml"
    with open(odd, "wb") as handle:
        handle.write(source)
    argv = [ESPACES.encode(), b"workshop", b"add", b"S.yaml", odd]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, env=env_with(), timeout=30)
    fails_with_one_line(Run(done.returncode, done.stdout, done.stderr, 0))
    assert participants(tmp_path / "S.yaml") == []


def _interpreter_start_ms() -> float:
    """How long this venv's Python takes to start, site and import hooks included.

    A Ctrl-C in that window reaches Python before any program code runs (Python prints its
    own ``init_import_site`` traceback): no program can handle it, so the test starts after.
    """
    python = Path(ESPACES).parent / "python"
    times = []
    for _attempt in range(3):
        started = time.monotonic()
        subprocess.run([python, "-c", "pass"], check=True, timeout=30)
        times.append((time.monotonic() - started) * 1000)
    return max(times)


@pytest.mark.parametrize("after_start_ms", [None, 10, 30, 60, 120, 200])
def test_11_sigint_early_in_the_run(tmp_path: Path, after_start_ms: int | None) -> None:
    """Ctrl-C at any moment once the interpreter is up (and at once: killed by the signal)."""
    delay_ms = 0.0 if after_start_ms is None else _interpreter_start_ms() + after_start_ms
    process = subprocess.Popen(
        [ESPACES, "advise", "--no-input", *A, "-o", "r.md"],
        cwd=tmp_path,
        env=env_with(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    time.sleep(delay_ms / 1000)
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=30)
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text, text
    assert "KeyboardInterrupt" not in text, text
    assert process.returncode in (130, -signal.SIGINT), (process.returncode, text)


@pytest.mark.parametrize("where", ["answers", "import", "session", "rules"])
def test_11_a_fifo_without_writer_does_not_block(tmp_path: Path, where: str) -> None:
    os.mkfifo(tmp_path / "tube")
    if where == "answers":
        args = ["advise", "--no-input", "--answers", "tube"]
    elif where == "import":
        new_session(tmp_path)
        args = ["workshop", "import", "S.yaml", "tube"]
    elif where == "session":
        args = ["workshop", "list", "tube"]
    else:
        args = ["advise", "--no-input", *A, "--rules", "tube"]
    result = espaces(*args, cwd=tmp_path, timeout=15)
    # (rules check and advise --rules list a rule base's problems on stdout, sum up on stderr)
    clean(result)
    assert result.returncode == (3 if where == "rules" else 2), result
    assert result.seconds < 10
    if where == "answers":
        # a FIFO nobody writes to reads as an empty answers file: nothing given, say what is missing
        assert result.lines == [line for line in result.lines if "Réponses manquantes" in line]
    else:
        assert "tube" in result.stdout + result.stderr, result


# ---------------------------------------------------------------------------------------
# 12. Linear import, bounded certainty check


def test_12_import_of_a_hundred_thousand_rows(tmp_path: Path) -> None:
    new_session(tmp_path)
    rows = "".join(csv_row(f"Personne {i}") for i in range(100_000))
    (tmp_path / "big.csv").write_text(CSV_HEADER + rows, encoding="utf-8")
    result = espaces("workshop", "import", "S.yaml", "big.csv", cwd=tmp_path, timeout=300)
    # measured on the shared 2-core machine (2026-12-02): import 100k rows + list ≈ 8–11 s
    # in all (431 s before the fix); only a generous timeout is asserted
    clean(result)
    assert result.returncode == 0, result
    listing = espaces("workshop", "list", "S.yaml", "--format", "json", cwd=tmp_path, timeout=120)
    assert len(json.loads(listing.stdout)["participants"]) == 100_000


def big_rule_base(n_types: int = 300, n_criteria: int = 300, seed: int = 7) -> str:
    """300 types × 300 criteria, six ``one`` questions and one optional ``several``."""
    rnd = random.Random(seed)
    out = ["name: base-geante", 'version: "1"', "criteria:"]
    for c in range(n_criteria):
        out.append(f'  c{c:03d}: {{label: {{fr: "Critère numéro {c} (accès, coût, réseau)"}}}}')
    out.append("questions:")
    for q in range(6):
        out.append(f'  q{q}:\n    kind: one\n    label: {{fr: "Question {q} : quel besoin ?"}}')
        out.append("    choices:")
        for ch in range(5):
            out.append(f'      r{ch}: {{fr: "Réponse {ch} à la question {q}"}}')
    out.append(
        '  services:\n    kind: several\n    default: []\n    label: {fr: "Quels services ?"}'
    )
    out.append("    choices:")
    for ch in range(12):
        out.append(f'      s{ch}: {{fr: "Service numéro {ch}"}}')
    out.append("weight_rules:")
    conditions = [(f"q{q}", "equals", f"r{ch}") for q in range(6) for ch in range(5)]
    conditions += [("services", "contains", f"s{ch}") for ch in range(12)]
    for index, (question, op, value) in enumerate(conditions):
        add = ", ".join(f"c{c:03d}: {rnd.randint(1, 4)}" for c in rnd.sample(range(n_criteria), 50))
        out.append(
            f"  - id: regle_{index}\n    when: {{question: {question}, {op}: {value}}}\n"
            f'    add: {{{add}}}\n    because: {{fr: "Vous avez répondu {value} à {question}."}}'
        )
    out.append("space_types:")
    for t in range(n_types):
        fit = ", ".join(f"c{c:03d}: {rnd.randint(0, 4)}" for c in range(n_criteria))
        out.append(
            f'  type_{t:03d}:\n    label: {{fr: "Lieu numéro {t}"}}\n'
            f'    summary: {{fr: "Un lieu collaboratif d\'essai, le numéro {t}."}}\n'
            f"    fit: {{{fit}}}"
        )
    return "\n".join(out) + "\n"


def test_12_advise_on_a_large_rule_base(tmp_path: Path) -> None:
    (tmp_path / "big.yaml").write_text(big_rule_base(), encoding="utf-8")
    answers = [part for q in range(6) for part in ("-a", f"q{q}=r{q % 5}")]
    result = espaces(
        "advise",
        "--no-input",
        "--rules",
        "big.yaml",
        *answers,
        "--format",
        "json",
        cwd=tmp_path,
        timeout=60,
    )
    # ≈ 2 s here, rule-base load included (18 s before the fix)
    clean(result)
    assert result.returncode == 0, result
    document = json.loads(result.stdout)
    assert document["recommendation"]


# ---------------------------------------------------------------------------------------
# 13. Smaller ones


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("twice.yaml", "answers:\n  profil: independant\n  profil: etudiant\n", "profil"),
        ("case.yaml", "answers:\n  Profil: independant\n  profil: etudiant\n", "profil"),
        ("twice.json", '{"answers": {"profil": "independant", "profil": "etudiant"}}', "profil"),
        ("case.json", '{"answers": {"Profil": "independant", "profil": "etudiant"}}', "profil"),
        ("top.yaml", "answers: {}\nanswers:\n  profil: etudiant\n", "answers"),
    ],
)
def test_13_duplicate_keys_in_an_answers_file(
    tmp_path: Path, name: str, content: str, key: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    line = fails_with_one_line(espaces("advise", "--no-input", "--answers", name, cwd=tmp_path))
    assert key in line.lower()
    assert name in line


def test_13_first_and_last_name_columns_are_joined(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    header = "Prénom,Nom,profil,besoins,stade,frequence,duree,budget,territoire\n"
    rest = ",independant,salles_reunion,lancement,reguliere,essai,modeste,grande_ville\n"
    (tmp_path / "r.csv").write_text(header + "Ana,Lopez" + rest, encoding="utf-8")
    result = espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert [p["name"] for p in participants(session)] == ["Ana Lopez"]


def test_13_two_name_columns_are_refused_naming_both(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    header = "name,participant,profil,besoins,stade,frequence,duree,budget,territoire\n"
    rest = ",independant,salles_reunion,lancement,reguliere,essai,modeste,grande_ville\n"
    (tmp_path / "r.csv").write_text(header + "Ana,Bob" + rest, encoding="utf-8")
    line = fails_with_one_line(espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path))
    assert "« name »" in line
    assert "« participant »" in line
    assert participants(session) == []


def test_13_a_cr_only_csv_imports(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    data = (CSV_HEADER + csv_row("Ana") + csv_row("Bob")).replace("\n", "\r")
    (tmp_path / "r.csv").write_bytes(data.encode("utf-8"))
    result = espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert [p["name"] for p in participants(session)] == ["Ana", "Bob"]


@pytest.mark.parametrize(
    "data",
    [
        b'Nom,profil\r"Ana,independant\r',  # an unclosed quote, CR only
        b'Nom,profil\n"Ana\rLopez,independant\n',
        b"Nom,profil\nAna\x00,independant\n",
        b'Nom,profil\r\nA"na",independant\r\n"',
    ],
)
def test_13_no_message_speaks_of_python_internals(tmp_path: Path, data: bytes) -> None:
    new_session(tmp_path)
    (tmp_path / "r.csv").write_bytes(data)
    result = espaces("workshop", "import", "S.yaml", "r.csv", cwd=tmp_path)
    clean(result)
    assert result.returncode in (0, 1, 2), result
    for word in ("newline", "universal-newline", "Error", "_csv", "field larger"):
        assert word not in result.stderr, result


def test_13_list_into_head_is_quiet(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    line = participant_line(json.dumps(ANSWERS)).strip()
    lines = [line.replace('"name": "x"', f'"name": "P{i}"') for i in range(2000)]
    session.write_text(
        session.read_text(encoding="utf-8") + "\n".join(lines) + "\n", encoding="utf-8"
    )
    for command in ("workshop list S.yaml", "workshop report S.yaml --format markdown"):
        done = subprocess.run(
            ["bash", "-c", f"set -o pipefail; {ESPACES} {command} | head -1"],
            cwd=tmp_path,
            capture_output=True,
            env=env_with(),
            timeout=60,
            check=False,
        )
        err = done.stderr.decode()
        assert "Broken pipe" not in err, err
        assert "Exception ignored" not in err, err
        assert "Traceback" not in err, err
        assert done.stdout.decode().count("\n") == 1
        assert done.returncode in (0, 141), (command, done.returncode, err)


def test_13_a_stale_temp_file_is_cleaned_by_the_next_write(tmp_path: Path) -> None:
    new_session(tmp_path)
    dead = 2**22 + 123
    stale = tmp_path / f".S.yaml.{dead}.k3j9x2.espaces-tmp"
    fresh = tmp_path / f".S.yaml.{dead}.zz81aa.espaces-tmp"
    alive = tmp_path / f".S.yaml.{os.getpid()}.ab12cd.espaces-tmp"
    for path in (stale, fresh, alive):
        path.write_text("espaces_workshop: 1\n", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(alive, (old, old))
    result = espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path)), cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert not stale.exists()
    assert fresh.exists(), "younger than 60 s: perhaps a writer still at work"
    assert alive.exists(), "its writer is alive"


def test_13_an_unknown_format_version_says_so(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.write_text(
        session.read_text(encoding="utf-8").replace("espaces_workshop: 1", "espaces_workshop: 2"),
        encoding="utf-8",
    )
    for args in (["workshop", "list", "S.yaml"], ["workshop", "report", "S.yaml"]):
        line = fails_with_one_line(espaces(*args, cwd=tmp_path))
        assert "2" in line
        assert "version" in line.lower() or "format" in line.lower()
        assert "manquant" not in line


# ---------------------------------------------------------------------------------------
# Siblings the review did not list


def test_sibling_save_answers_to_dev_stdout(tmp_path: Path) -> None:
    result = espaces(
        "advise", "--no-input", *A, "--save-answers", "/dev/stdout", "-o", "r.md", cwd=tmp_path
    )
    clean(result)
    assert result.returncode == 0, result
    assert "profil: independant" in result.stdout
    assert (tmp_path / "r.md").exists()


def test_sibling_an_answers_file_that_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "rep.yaml").mkdir()
    line = fails_with_one_line(
        espaces("advise", "--no-input", "--answers", "rep.yaml", cwd=tmp_path)
    )
    assert "rep.yaml" in line
    new_session(tmp_path)
    line = fails_with_one_line(espaces("workshop", "add", "S.yaml", "rep.yaml", cwd=tmp_path))
    assert "rep.yaml" in line


def test_sibling_a_session_that_is_a_symlink_to_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "tube")
    (tmp_path / "S.yaml").symlink_to("tube")
    for args in (
        ["workshop", "list", "S.yaml"],
        ["workshop", "add", "S.yaml", str(answers_file(tmp_path))],
        ["workshop", "report", "S.yaml"],
    ):
        result = espaces(*args, cwd=tmp_path, timeout=15)
        line = fails_with_one_line(result)
        assert "S.yaml" in line
        assert result.seconds < 10
    assert stat.S_ISFIFO(os.stat(tmp_path / "tube").st_mode)


def test_sibling_a_rule_base_that_is_dev_zero(tmp_path: Path) -> None:
    for args in (
        ["rules", "check", "/dev/zero"],
        ["advise", "--no-input", *A, "--rules", "/dev/zero"],
    ):
        result = espaces(*args, cwd=tmp_path, timeout=30, preexec_fn=one_gib)
        clean(result)
        assert result.returncode == 3, result
        assert "/dev/zero: fichier trop gros (plus de 5 Mo)" in result.stdout + result.stderr
        assert result.seconds < 10


def test_sibling_answers_from_a_process_substitution_that_writes_late(tmp_path: Path) -> None:
    """``--answers <(slow command)``: a pipe whose writer has nothing yet is waited for."""
    answers_file(tmp_path)
    done = subprocess.run(
        [
            "bash",
            "-c",
            f"{ESPACES} advise --no-input --format json --answers <(sleep 0.5; cat p.yaml)",
        ],
        cwd=tmp_path,
        capture_output=True,
        env=env_with(),
        timeout=30,
        check=False,
    )
    result = Run(done.returncode, done.stdout, done.stderr, 0)
    clean(result)
    assert result.returncode == 0, result
    assert json.loads(result.stdout)["answers"]["profil"] == "independant"


def test_sibling_workshop_new_on_dev_null_and_force(tmp_path: Path) -> None:
    before = os.stat("/dev/null")
    result = espaces("workshop", "new", "/dev/null", "--force", cwd=tmp_path)
    clean(result)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert stat.S_IMODE(after.st_mode) == 0o666
    assert after.st_rdev == before.st_rdev
    assert result.returncode in (0, 2), result


def test_sibling_output_into_a_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        result = espaces("advise", "--no-input", *A, "-o", "lecture-seule/r.md", cwd=tmp_path)
        clean(result)
        if os.geteuid() == 0:
            # root ignores permission bits: the write succeeds, nothing to refuse
            assert result.returncode == 0, result
        else:
            assert result.returncode == 2, result
            assert len(result.lines) == 1
    finally:
        folder.chmod(0o755)


def test_sibling_remove_racing_add(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    source = answers_file(tmp_path).read_bytes()
    for index in range(10):
        (tmp_path / f"old{index}.yaml").write_bytes(source)
        (tmp_path / f"new{index}.yaml").write_bytes(source)
    added = espaces("workshop", "add", "S.yaml", *(f"old{i}.yaml" for i in range(10)), cwd=tmp_path)
    assert added.returncode == 0, added
    commands = [["workshop", "remove", "S.yaml", f"old{i}"] for i in range(10)]
    commands += [["workshop", "add", "S.yaml", f"new{i}.yaml"] for i in range(10)]
    random.Random(1).shuffle(commands)
    processes = [
        subprocess.Popen(
            [ESPACES, *command],
            cwd=tmp_path,
            env=env_with(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for command in commands
    ]
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
        assert b"Traceback" not in err
    names = sorted(str(p["name"]) for p in participants(session))
    assert names == sorted(f"new{i}" for i in range(10))


@pytest.mark.parametrize(
    ("args", "options"),
    [
        (["workshop", "report", "S.yaml", "-o", "dur-S"], ("-o", "SESSION")),
        (["advise", "--answers", "p.yaml", "-o", "dur-p"], ("-o", "--answers")),
        (["advise", "--no-input", *A, "--rules", "R.yaml", "-o", "R.yaml"], ("-o", "--rules")),
        (
            ["advise", "--no-input", *A, "--rules", "R.yaml", "--save-answers", "./R.yaml"],
            ("--save-answers", "--rules"),
        ),
        (["workshop", "report", "S.yaml", "--rules", "R.yaml", "-o", "R.yaml"], ("-o", "--rules")),
    ],
)
def test_sibling_same_file_through_a_hard_link_or_the_rule_base(
    tmp_path: Path, args: list[str], options: tuple[str, str]
) -> None:
    new_session(tmp_path)
    espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path)), cwd=tmp_path)
    shutil.copy(RULES, tmp_path / "R.yaml")
    os.link(tmp_path / "S.yaml", tmp_path / "dur-S")
    os.link(tmp_path / "p.yaml", tmp_path / "dur-p")
    before = {name: (tmp_path / name).read_bytes() for name in ("S.yaml", "p.yaml", "R.yaml")}
    line = fails_with_one_line(espaces(*args, cwd=tmp_path))
    for option in options:
        assert option in line
    for name, content in before.items():
        assert (tmp_path / name).read_bytes() == content, name


def test_sibling_a_session_edited_on_windows_crlf_and_bom(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path, "a.yaml")), cwd=tmp_path)
    text = session.read_text(encoding="utf-8").replace("\n", "\r\n")
    session.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = espaces(
        "workshop", "add", "S.yaml", str(answers_file(tmp_path, "b.yaml")), cwd=tmp_path
    )
    clean(result)
    assert result.returncode == 0, result
    assert [p["name"] for p in participants(session)] == ["a", "b"]


def test_sibling_a_writer_waits_for_a_slow_one_and_says_so(tmp_path: Path) -> None:
    import fcntl

    session = new_session(tmp_path)
    answers_file(tmp_path)
    with open(session, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        process = subprocess.Popen(
            [ESPACES, "workshop", "add", "S.yaml", "p.yaml"],
            cwd=tmp_path,
            env=env_with(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(3)
        assert process.poll() is None, "it must wait for the lock"
        fcntl.flock(held, fcntl.LOCK_UN)
    _out, err = process.communicate(timeout=30)
    text = err.decode()
    assert process.returncode == 0, text
    assert "Traceback" not in text
    assert "En attente : S.yaml est en cours d'écriture par un autre processus" in text
    assert [p["name"] for p in participants(session)] == ["p"]


def test_sibling_missing_folder_under_dev_shm_fails_before_the_first_question(
    tmp_path: Path,
) -> None:
    """``/dev/shm`` is an ordinary folder of regular files (tmpfs), not a device."""
    target = f"/dev/shm/espaces-absent-{os.getpid()}/r.md"
    child = spawn(["advise", "-o", target], tmp_path, ESPACES_STATE_DIR=str(tmp_path / "state"))
    index = child.expect_exact(["[1/10]", pexpect.EOF])
    screen = child.before or ""
    if index == 0:
        child.terminate(force=True)
    child.close()
    assert index == 1, "the questions were asked although the output folder does not exist"
    assert child.exitstatus == 2
    assert "n'existe pas" in screen


def test_sibling_a_lone_surrogate_written_in_a_session_by_hand(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    line = participant_line(json.dumps(ANSWERS)).replace('"name": "x"', '"name": "A\\ud800b"')
    session.write_text(session.read_text(encoding="utf-8") + line, encoding="utf-8")
    for args in (
        ["workshop", "list", "S.yaml"],
        ["workshop", "report", "S.yaml", "--format", "markdown"],
        ["workshop", "report", "S.yaml", "--format", "html"],
        ["workshop", "report", "S.yaml", "--format", "json"],
    ):
        result = espaces(*args, cwd=tmp_path)
        clean(result)
        assert result.returncode == 0, (args, result)
        result.out_bytes.decode("utf-8")  # never a surrogate written out as broken UTF-8
    result = espaces("workshop", "add", "S.yaml", str(answers_file(tmp_path)), cwd=tmp_path)
    assert result.returncode == 0, result
    session.read_bytes().decode("utf-8")
    assert [p["name"] for p in participants(session)] == ["A\ud800b", "p"]


def test_sibling_an_option_integer_of_five_thousand_digits(tmp_path: Path) -> None:
    result = espaces("rules", "coverage", "--samples", "9" * 5000, cwd=tmp_path)
    clean(result)
    assert result.returncode == 2, result
    assert "Valeur refusée pour « --samples » : un nombre entier est attendu." in result.stderr
    assert "9" * 100 not in result.stderr


@pytest.mark.parametrize("title", [b"\xff\xfe", b"Atelier \xe9t\xe9", b"\xed\xa0\x80"])
def test_sibling_a_title_that_is_not_utf8(tmp_path: Path, title: bytes) -> None:
    """A title typed in a Latin-1 terminal (or a script with stray bytes)."""
    argv = [ESPACES.encode(), b"workshop", b"new", b"T.yaml", b"--title", title]
    done = subprocess.run(argv, cwd=tmp_path, capture_output=True, env=env_with(), timeout=30)
    result = Run(done.returncode, done.stdout, done.stderr, 0)
    line = fails_with_one_line(result)
    assert "titre" in line.lower() or "--title" in line
    assert not (tmp_path / "T.yaml").exists()


def test_sibling_ctrl_c_while_waiting_for_the_lock(tmp_path: Path) -> None:
    import fcntl

    session = new_session(tmp_path)
    answers_file(tmp_path)
    before = session.read_bytes()
    with open(session, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        process = subprocess.Popen(
            [ESPACES, "workshop", "add", "S.yaml", "p.yaml"],
            cwd=tmp_path,
            env=env_with(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        time.sleep(2.5)
        process.send_signal(signal.SIGINT)
        _out, err = process.communicate(timeout=30)
    text = err.decode()
    assert process.returncode == 130, text
    assert "Traceback" not in text
    assert session.read_bytes() == before


def test_sibling_a_session_reached_through_a_symlink_stays_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "vrai").mkdir()
    new_session(tmp_path / "vrai")
    (tmp_path / "S.yaml").symlink_to("vrai/S.yaml")
    answers_file(tmp_path)
    result = espaces("workshop", "add", "S.yaml", "p.yaml", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert (tmp_path / "S.yaml").is_symlink()
    assert [p["name"] for p in participants(tmp_path / "vrai" / "S.yaml")] == ["p"]
    assert not list((tmp_path).glob(".S.yaml.*")), "no temporary file left beside the link"


@pytest.mark.parametrize(
    "line",
    [
        "espaces rules coverage --samples " + "9" * 5000 + " --seed ",
        "espaces advise -a profil=" + "9" * 5000,
        "espaces advise --rules /dev/zero -a ",
        "espaces advise --rules tube -a pro",
        "espaces workshop remove tube ",
        "espaces advise --answers profond.json --ask ",
    ],
    ids=[
        "samples-digits",
        "answer-digits",
        "rules-dev-zero",
        "rules-fifo",
        "session-fifo",
        "deep-answers",
    ],
)
def test_sibling_completion_never_hangs_nor_speaks(tmp_path: Path, line: str) -> None:
    os.mkfifo(tmp_path / "tube")
    (tmp_path / "profond.json").write_text(
        '{"answers": {"profil": ' + DEEP + "}}", encoding="utf-8"
    )
    words = line.split(" ")
    env = env_with(
        _ESPACES_COMPLETE="complete_bash",
        COMP_WORDS=line,
        COMP_CWORD=str(len(words) - 1),
    )
    done = subprocess.run(
        [ESPACES], cwd=tmp_path, capture_output=True, env=env, timeout=15, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""


def test_sibling_a_session_line_with_ten_million_values_is_bounded(tmp_path: Path) -> None:
    """20 MB (far under the session's byte limit): one participant line whose ``besoins``
    holds ten million values. The answers file has a node limit; a session line must too."""
    session = new_session(tmp_path)
    with open(session, "a", encoding="utf-8") as handle:
        handle.write('- {"name": "x", "answers": {"besoins": [' + ",".join(["0"] * 10_000_000))
        handle.write("]}}\n")
    result = espaces("workshop", "list", "S.yaml", cwd=tmp_path, preexec_fn=one_gib, timeout=120)
    fails_with_one_line(result)
    assert result.seconds < 20


@pytest.mark.parametrize(
    "answers",
    [
        '{"profil": null}',
        '{"profil": true}',
        '{"profil": 1.5}',
        '{"profil": NaN}',
        '{"profil": 1e999}',
        '{"besoins": [null]}',
        '{"besoins": true}',
    ],
)
def test_sibling_a_session_line_with_values_of_the_wrong_type(tmp_path: Path, answers: str) -> None:
    """The same values in an answers file give one line; in a session line they must too."""
    session = new_session(tmp_path)
    session.write_text(
        session.read_text(encoding="utf-8") + participant_line(answers), encoding="utf-8"
    )
    for command in ("list", "report"):
        line = fails_with_one_line(espaces("workshop", command, "S.yaml", cwd=tmp_path))
        assert line.startswith("S.yaml:"), line


def test_sibling_a_format_version_written_as_text(tmp_path: Path) -> None:
    session = new_session(tmp_path)
    session.write_text(
        session.read_text(encoding="utf-8").replace("espaces_workshop: 1", "espaces_workshop: '1'"),
        encoding="utf-8",
    )
    result = espaces("workshop", "list", "S.yaml", cwd=tmp_path)
    clean(result)
    if result.returncode != 0:
        line = fails_with_one_line(result)
        # never « format 1 unknown: this version reads format 1 »
        assert "« 1 » inconnu" not in line, line


def test_sibling_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    (tmp_path / "lien").symlink_to("cible.md")
    result = espaces("advise", "--no-input", *A, "-o", "lien", cwd=tmp_path)
    clean(result)
    assert result.returncode == 0, result
    assert (tmp_path / "lien").is_symlink()
    assert "Recommandation" in (tmp_path / "cible.md").read_text(encoding="utf-8")


def test_sibling_a_symlink_loop_is_refused_not_replaced(tmp_path: Path) -> None:
    """The shell says « Too many levels of symbolic links »; the tool must not turn the
    link into a regular file (the promise: a symlink stays a symlink)."""
    (tmp_path / "boucle1").symlink_to("boucle2")
    (tmp_path / "boucle2").symlink_to("boucle1")
    result = espaces("advise", "--no-input", *A, "-o", "boucle1", cwd=tmp_path)
    assert (tmp_path / "boucle1").is_symlink(), "the link was replaced by a regular file"
    line = fails_with_one_line(result)
    assert "boucle1" in line


def test_sibling_a_symlink_into_a_missing_folder_names_that_folder(tmp_path: Path) -> None:
    (tmp_path / "lien").symlink_to("absent/r.md")
    line = fails_with_one_line(espaces("advise", "--no-input", *A, "-o", "lien", cwd=tmp_path))
    assert "n'existe pas" in line
    assert "« . »" not in line, "the current folder exists: name the missing one"
    assert "absent" in line
