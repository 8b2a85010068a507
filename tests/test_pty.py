"""The installed ``espaces`` command in a real pseudo-terminal (pexpect), as a person uses it."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pexpect
from conftest import STUDENT, flags
from terminals import CTRL_C, DOWN, ENTER, ESPACES, SPACE, spawn


def answer(child: pexpect.spawn, step: str, keys: str, label: str = "") -> None:
    """Wait for question ``step`` (and its label), then type ``keys``."""
    child.expect_exact(f"[{step}] {label}")
    child.send(keys)


def test_full_questionnaire_in_a_terminal_with_report_on_stdout(tmp_path: Path) -> None:
    child = spawn(f"{ESPACES} advise > report.txt", tmp_path)
    answer(child, "1/10", ENTER)  # independant
    answer(child, "2/10", ENTER, label="Votre activité est-elle innovante ?")  # ne_sait_pas
    keys = DOWN + SPACE + DOWN + DOWN + SPACE + ENTER  # salles_reunion, rencontres
    answer(child, "3/10", keys, label="Que cherchez-vous dans ce lieu ?")
    answer(child, "4/10", DOWN * 2 + ENTER)  # lancement
    answer(child, "5/10", DOWN + ENTER)  # reguliere
    answer(child, "6/10", DOWN + ENTER)  # quelques_mois
    answer(child, "7/10", DOWN + ENTER)  # modeste
    answer(child, "8/10", ENTER)  # grande_ville
    answer(child, "9/10", SPACE + ENTER)  # numerique
    answer(child, "10/10", ENTER)  # normale (default)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    report = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "Recommandation" in report
    assert "Espace de coworking" in report.split("Classement")[0]
    assert "espaces advise --no-input -a profil=independant -a nature_projet=" in report
    assert (
        "-a besoins=salles_reunion,rencontres "
        "-a stade=lancement -a frequence=reguliere -a duree=quelques_mois -a budget=modeste "
        "-a territoire=grande_ville -a secteur=numerique -a confidentialite=normale"
    ) in report
    # the prompts went to the terminal (stderr), not into the report
    assert "[1/10]" not in report


def test_large_company_branch_in_a_terminal(tmp_path: Path) -> None:
    child = spawn(f"{ESPACES} advise --format json -o out.json", tmp_path)
    answer(child, "1/10", DOWN * 5 + ENTER)  # grande_entreprise
    answer(child, "2/9", ENTER, label="Qu'attendez-vous d'un lieu extérieur ?")  # externaliser
    answer(child, "3/9", DOWN * 3 + SPACE + DOWN * 5 + SPACE + ENTER)  # rencontres, tests
    for step in ("4/9", "5/9", "6/9", "7/9", "8/9", "9/9"):
        answer(child, step, ENTER)
    child.expect_exact("Écrit dans out.json")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert '"objectif_entreprise": "externaliser"' in text
    assert '"stade"' not in text


def test_ctrl_c_at_a_prompt_exits_130_with_one_line(tmp_path: Path) -> None:
    child = spawn(f"{ESPACES} advise --save-answers saved.yaml", tmp_path)
    answer(child, "1/10", ENTER)
    child.expect_exact("[2/10]")
    child.send(CTRL_C)
    child.expect_exact("Interrompu")
    child.expect(pexpect.EOF)
    tail = child.before or ""
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in tail
    assert not (tmp_path / "saved.yaml").exists()


def test_no_terminal_fails_at_once_instead_of_waiting(tmp_path: Path) -> None:
    started = time.monotonic()
    result = subprocess.run(
        [ESPACES, "advise"],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
        check=False,
    )
    assert time.monotonic() - started < 15
    assert result.returncode == 2
    assert "--answer" in result.stderr
    assert "--answers" in result.stderr
    assert result.stdout == ""


def test_workshop_add_interrupted_keeps_everyone_saved_before(tmp_path: Path) -> None:
    subprocess.run(
        [ESPACES, "workshop", "new", "s.yaml", "--title", "Atelier"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    child = spawn(f"{ESPACES} workshop add s.yaml -p Alice -p Bob", tmp_path)
    child.expect_exact("Participant : Alice")
    answer(child, "1/10", ENTER)
    answer(child, "2/10", ENTER)
    answer(child, "3/10", SPACE + ENTER)
    for step in ("4/10", "5/10", "6/10", "7/10", "8/10", "9/10", "10/10"):
        answer(child, step, ENTER)
    child.expect_exact("Réponses d'Alice enregistrées (1 participant)")
    child.expect_exact("Participant : Bob")
    answer(child, "1/10", DOWN)
    child.send(CTRL_C)
    child.expect_exact("Interrompu")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    listing = subprocess.run(
        [ESPACES, "workshop", "list", "s.yaml"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        text=True,
    )
    assert "1 participant\n" in listing.stdout
    assert "Alice" in listing.stdout
    assert "Bob" not in listing.stdout


def test_ctrl_c_keeps_the_answers_and_resume_continues(tmp_path: Path) -> None:
    state = tmp_path / "state"
    before = os.environ.get("ESPACES_STATE_DIR")  # conftest's own folder, other tests read it
    os.environ["ESPACES_STATE_DIR"] = str(state)
    try:
        child = spawn(f"{ESPACES} advise --format json -o first.json", tmp_path)
        answer(child, "1/10", DOWN + ENTER)  # etudiant
        answer(child, "2/10", ENTER)  # nature_projet: ne_sait_pas
        answer(child, "3/10", SPACE + ENTER)  # bureau_mobile
        answer(child, "4/10", DOWN * 4 + ENTER)  # sans_projet
        child.expect_exact("[5/10]")
        child.send(CTRL_C)
        child.expect_exact("reprenez avec : espaces advise --resume")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 130
        kept = (state / "reprise.yaml").read_text(encoding="utf-8")
        assert "profil: etudiant" in kept
        assert "stade: sans_projet" in kept
        assert kept.startswith("# Réponses d'un questionnaire interrompu")
        assert "#   espaces advise --resume\n" in kept
        resumed = spawn(f"{ESPACES} advise --resume --format json -o out.json", tmp_path)
        resumed.expect_exact("Reprise : 4 réponses gardées")
        resumed.expect_exact("• Où en est votre projet ? Pas de projet d'entreprise")
        answer(resumed, "5/10", ENTER)  # frequence: quotidienne — numbering goes on
        for step in ("6/10", "7/10", "8/10", "9/10", "10/10"):
            answer(resumed, step, ENTER)
        resumed.expect(pexpect.EOF)
        resumed.close()
        assert resumed.exitstatus == 0
        document = (tmp_path / "out.json").read_text(encoding="utf-8")
        assert '"profil": "etudiant"' in document
        assert '"stade": "sans_projet"' in document
        assert not (state / "reprise.yaml").exists(), "a finished resume clears the file"
    finally:
        if before is None:
            os.environ.pop("ESPACES_STATE_DIR", None)
        else:
            os.environ["ESPACES_STATE_DIR"] = before


def test_ask_reasks_one_question_on_top_of_an_answers_file(tmp_path: Path) -> None:
    saved = tmp_path / "a.yaml"
    subprocess.run(
        [
            ESPACES,
            "advise",
            "--no-input",
            *flags(STUDENT),
            "--save-answers",
            str(saved),
            "--format",
            "json",
        ],
        check=True,
        capture_output=True,
        cwd=tmp_path,
    )
    child = spawn(
        f"{ESPACES} advise --answers a.yaml --ask budget --format json -o o.json", tmp_path
    )
    answer(child, "1/1", DOWN * 3 + ENTER, label="Quel budget")  # minimal offered; go to eleve
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert '"budget": "eleve"' in (tmp_path / "o.json").read_text(encoding="utf-8")


def test_back_in_a_real_terminal(tmp_path: Path) -> None:
    child = spawn(f"{ESPACES} advise --format json -o o.json", tmp_path)
    answer(child, "1/10", ENTER)  # independant
    answer(child, "2/10", ENTER)  # nature_projet
    answer(child, "3/10", "\x1b[A" + SPACE + ENTER)  # tick "back"
    child.expect_exact("retour à la question précédente")
    answer(child, "2/10", DOWN * 2 + ENTER)  # innovant, whatever was offered first
    answer(child, "3/10", SPACE + ENTER)
    for step in ("4/10", "5/10", "6/10", "7/10", "8/10", "9/10", "10/10"):
        answer(child, step, ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert '"profil": "independant"' in (tmp_path / "o.json").read_text(encoding="utf-8")


def test_plain_mode_in_a_dumb_terminal_typed_with_numbers(tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "dumb", "LANG": "C.UTF-8"}
    child = pexpect.spawn(
        ESPACES,
        ["advise"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )
    for number, typed in enumerate(["2", "3", "1,3", "5", "2", "1", "1", "3", "", ""], start=1):
        child.expect_exact(f"Question {number} sur 10")
        child.expect_exact(" :\r\n")
        child.sendline(typed)
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0
    report = output.split("Recommandation :", 1)[1]
    assert "Classement :" in report
    assert "Pour la visite :" in report
    assert "\x1b" not in output
    assert not any(ch in report for ch in "╭─│█●•")


def test_no_color_is_honoured_in_a_terminal(tmp_path: Path) -> None:
    env = {**os.environ, "TERM": "xterm-256color", "NO_COLOR": "1"}
    for args in (["types"], ["types", "fab_lab"], ["questions"], ["rules", "explain", "fab_lab"]):
        child = pexpect.spawn(
            ESPACES,
            args,
            cwd=str(tmp_path),
            env=env,
            encoding="utf-8",
            timeout=20,
            dimensions=(40, 120),
        )
        child.expect(pexpect.EOF)
        output = child.before or ""
        child.close()
        assert child.exitstatus == 0
        assert "\x1b[" not in output, args


def test_a_console_that_cannot_encode_gets_ascii(tmp_path: Path) -> None:
    args = [
        ESPACES,
        "advise",
        "--no-input",
        *flags(STUDENT),
    ]
    for encoding in ("ascii", "cp1252"):
        result = subprocess.run(
            args,
            capture_output=True,
            cwd=tmp_path,
            check=False,
            env={**os.environ, "PYTHONIOENCODING": encoding},
        )
        assert result.returncode == 0, result.stderr
        text = result.stdout.decode(encoding)
        assert "Recommandation" in text
    assert "Precautions" in result.stdout.decode("cp1252") or "Précautions" in (
        result.stdout.decode("cp1252")
    )
    ascii_run = subprocess.run(
        args,
        capture_output=True,
        cwd=tmp_path,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    ascii_text = ascii_run.stdout.decode("ascii")
    assert "Precautions" in ascii_text
    assert "+-" in ascii_text
    bad = subprocess.run(
        [ESPACES, "advise", "--no-input", "-a", "budget=gratuité"],
        capture_output=True,
        cwd=tmp_path,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert bad.returncode == 2
    assert b"Traceback" not in bad.stderr
    bad.stderr.decode("ascii")


def test_coverage_shows_a_progress_bar_in_a_terminal(tmp_path: Path) -> None:
    child = spawn(f"{ESPACES} rules coverage --samples 30000", tmp_path)
    child.expect_exact("Exploration")
    child.expect_exact("Couverture : 30000 jeux de réponses", timeout=120)
    child.expect(pexpect.EOF, timeout=60)
    child.close()
    assert child.exitstatus == 0


def test_workshop_add_in_a_dumb_terminal_asks_in_plain_mode(tmp_path: Path) -> None:
    subprocess.run(
        [ESPACES, "workshop", "new", "s.yaml"], cwd=tmp_path, check=True, capture_output=True
    )
    env = {**os.environ, "TERM": "dumb", "LANG": "C.UTF-8"}
    child = pexpect.spawn(
        ESPACES,
        ["workshop", "add", "s.yaml", "-p", "Zoé"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )
    for number, typed in enumerate(["2", "3", "1", "1", "1", "1", "1", "1", "", ""], start=1):
        child.expect_exact(f"Question {number} sur 10")
        child.expect_exact(" :\r\n")
        child.sendline(typed)
    child.expect_exact("Réponses de Zoé enregistrées (1 participant)")
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0
    assert "\x1b" not in output


def english_env(**extra: str) -> dict[str, str]:
    """A terminal whose system language is English (no ESPACES_LANG: the locale decides)."""
    env = {**os.environ, "TERM": "xterm-256color", "PROMPT_TOOLKIT_NO_CPR": "1"}
    for name in ("ESPACES_LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR"):
        env.pop(name, None)
    return {**env, "LANG": "en_US.UTF-8", **extra}


def test_full_english_run_in_a_terminal_from_the_locale(tmp_path: Path) -> None:
    child = pexpect.spawn(
        ESPACES,
        ["advise", "--save-answers", "saved.yaml", "-o", "report.md", "--format", "markdown"],
        cwd=str(tmp_path),
        env=english_env(),
        encoding="utf-8",
        dimensions=(40, 120),
        timeout=20,
    )
    child.expect_exact("[1/10] Who are you?")
    child.expect_exact("(arrows ↑↓ to choose, Enter to confirm)")
    child.expect_exact("Independent, freelancer or sole trader")
    child.send(ENTER)
    answer(child, "2/10", ENTER, label="Is your activity innovative?")
    child.expect_exact("[3/10] What are you looking for in this place?")
    child.expect_exact("(arrows ↑↓, Space to tick, Enter to confirm)")
    child.expect_exact("← Back to the previous question")
    child.send(DOWN + SPACE + DOWN + DOWN + SPACE + ENTER)  # salles_reunion, rencontres
    for step, keys in [
        ("4/10", DOWN * 2 + ENTER),
        ("5/10", DOWN + ENTER),
        ("6/10", DOWN + ENTER),
        ("7/10", DOWN + ENTER),
        ("8/10", ENTER),
        ("9/10", SPACE + ENTER),
        ("10/10", ENTER),
    ]:
        answer(child, step, keys)
    child.expect_exact("Written to report.md")
    child.expect(pexpect.EOF)
    screen = child.before or ""
    child.close()
    assert child.exitstatus == 0
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert report.startswith("# Which collaborative space to choose?")
    assert "## Recommendation: Coworking space" in report
    for heading in ("## Ranking", "## Why", "## Precautions", "## For the visit", "## To replay"):
        assert heading in report
    assert "- Confidence: **" in report
    assert "Rule base: espaces-fiche-04" in report
    # the ids stay what they are, whatever the language
    assert "-a profil=independant -a nature_projet=" in report
    assert "-a besoins=salles_reunion,rencontres" in report
    saved = (tmp_path / "saved.yaml").read_text(encoding="utf-8")
    assert saved.startswith("# Answers saved by espaces. Replay them with:")
    assert "besoins: [salles_reunion, rencontres]" in saved
    assert "Recommandation" not in report + screen
    assert "Réponse" not in screen


def test_english_plain_mode_with_the_flag_and_a_french_locale(tmp_path: Path) -> None:
    env = {**english_env(LANG="fr_FR.UTF-8"), "TERM": "dumb"}
    child = pexpect.spawn(
        ESPACES,
        ["advise", "--lang", "en"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 120),
    )
    child.expect_exact("Question 1 of 10: Who are you?")
    child.expect_exact("Type a number:")
    child.sendline("12")
    child.expect_exact("Possible numbers: 1 to 9.")
    child.sendline("2")
    child.expect_exact("Answer: Student")
    for number, typed in enumerate(["3", "1,3", "5", "2", "1", "1", "3", "", ""], start=2):
        child.expect_exact(f"Question {number} of 10")
        child.expect_exact("0 to go back to the previous question:")
        child.sendline(typed)
    child.expect(pexpect.EOF)
    output = child.before or ""
    child.close()
    assert child.exitstatus == 0
    report = output.split("Recommendation:", 1)[1]
    for heading in ("Ranking:", "Why, what weighs most:", "Precautions:", "For the visit:"):
        assert heading in report
    assert "Your answers:" in report
    assert "Classement" not in report
    assert " : " not in report.split("To replay")[0]
