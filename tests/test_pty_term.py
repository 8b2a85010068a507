"""The installed command in a real pseudo-terminal: the pager, resume, narrow screens,
passing the laptop (pexpect, as a person meets them)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
from conftest import STUDENT, flags

ESPACES = str(Path(sys.executable).parent / "espaces")
DOWN, UP, SPACE, ENTER, CTRL_C = "\x1b[B", "\x1b[A", " ", "\r", "\x03"
WHOLE = " ".join(
    flags(
        {
            **STUDENT,
            "nature_projet": "ne_sait_pas",
            "secteur": "numerique",
            "confidentialite": "normale",
        }
    )
)


def spawn(
    command: str, cwd: Path, *, rows: int = 40, columns: int = 120, **extra: str
) -> pexpect.spawn:
    """``espaces`` with these arguments, itself (no shell: a shell would take Ctrl-C too)."""
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "PROMPT_TOOLKIT_NO_CPR": "1"}
    for name in ("NO_COLOR", "PAGER", "LESS", "COLUMNS", "LINES"):
        env.pop(name, None)
    return pexpect.spawn(
        ESPACES,
        command.split(),
        cwd=str(cwd),
        env={**env, **extra},
        encoding="utf-8",
        dimensions=(rows, columns),
        timeout=20,
    )


def test_a_long_report_opens_in_less_and_q_leaves_it(tmp_path: Path) -> None:
    child = spawn(f"advise --no-input {WHOLE}", tmp_path, rows=24, columns=80)
    child.expect_exact("Recommandation")
    child.expect_exact("\r\n:")  # less waits on its prompt: the end is not shown yet
    assert "Pour rejouer" not in (child.before or "")
    child.send(CTRL_C)  # Ctrl-C belongs to the pager, not to espaces
    child.send("G")
    child.expect_exact("Pour rejouer")
    child.send("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Traceback" not in (child.before or "")


def test_no_pager_and_a_missing_pager_write_the_report_straight(tmp_path: Path) -> None:
    child = spawn(f"advise --no-input --no-pager {WHOLE}", tmp_path, rows=24)
    child.expect_exact("Pour rejouer")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    child = spawn(f"advise --no-input {WHOLE}", tmp_path, rows=24, PAGER="espaces-no-pager")
    child.expect_exact("Pager « espaces-no-pager » inutilisable (programme introuvable)")
    child.expect_exact("Pour rejouer")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_resume_goes_back_into_kept_answers(tmp_path: Path) -> None:
    state = str(tmp_path / "state")
    child = spawn("advise --format json -o first.json", tmp_path, ESPACES_STATE_DIR=state)
    child.expect_exact("[1/10]")
    child.send(DOWN + ENTER)  # etudiant
    child.expect_exact("[2/10]")
    child.send(ENTER)  # ne_sait_pas
    child.expect_exact("[3/10]")
    child.send(CTRL_C)
    child.expect_exact("Interrompu : 2 réponses gardées")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    resumed = spawn("advise --resume --format json -o out.json", tmp_path, ESPACES_STATE_DIR=state)
    resumed.expect_exact("Reprise : 2 réponses gardées (revenez en arrière pour en changer) :")
    resumed.expect_exact("• Qui êtes-vous ? Étudiant")
    resumed.expect_exact("• Votre activité est-elle innovante ? Je ne sais pas")
    resumed.expect_exact("[3/10] Que cherchez-vous")
    resumed.send(UP + SPACE + ENTER)  # back, into a kept answer
    resumed.expect_exact("[2/10] Votre activité est-elle innovante ?")
    resumed.send(DOWN * 2 + ENTER)  # from ne_sait_pas (offered) to innovant… then it moves on
    resumed.expect_exact("[3/10] Que cherchez-vous")
    resumed.send(SPACE + ENTER)
    for step in ("4/10", "5/10", "6/10", "7/10", "8/10", "9/10", "10/10"):
        resumed.expect_exact(f"[{step}]")
        resumed.send(ENTER)
    resumed.expect(pexpect.EOF)
    resumed.close()
    assert resumed.exitstatus == 0
    document = (tmp_path / "out.json").read_text(encoding="utf-8")
    assert '"profil": "etudiant"' in document
    assert '"nature_projet": "ne_sait_pas"' not in document


def test_a_new_ctrl_c_sets_an_older_resume_aside_and_says_so(tmp_path: Path) -> None:
    state = tmp_path / "state"
    first = spawn("advise", tmp_path, ESPACES_STATE_DIR=str(state))
    first.expect_exact("[1/10]")
    first.send(DOWN + ENTER)  # etudiant
    first.expect_exact("[2/10]")
    first.send(CTRL_C)
    first.expect(pexpect.EOF)
    first.close()
    assert "profil: etudiant" in (state / "reprise.yaml").read_text(encoding="utf-8")
    second = spawn("advise", tmp_path, ESPACES_STATE_DIR=str(state))
    second.expect_exact(
        "Questionnaire interrompu en attente : reprenez-le avec espaces advise --resume."
    )
    second.expect_exact("[1/10]")
    second.send(ENTER)  # independant
    second.expect_exact("[2/10]")
    second.send(CTRL_C)
    second.expect_exact("Interrompu : 1 réponse gardée")
    aside = state / "reprise-1.yaml"
    second.expect_exact(f"La reprise précédente est mise de côté dans {aside}")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 130
    assert "profil: independant" in (state / "reprise.yaml").read_text(encoding="utf-8")
    older = aside.read_text(encoding="utf-8")
    assert "profil: etudiant" in older
    assert f"#   espaces advise --resume {aside}\n" in older
    third = spawn(
        f"advise --resume {aside} --format json -o o.json", tmp_path, ESPACES_STATE_DIR=str(state)
    )
    third.expect_exact("• Qui êtes-vous ? Étudiant")
    third.expect_exact("[2/10]")
    third.send(CTRL_C)  # resumed from reprise-1: the pending reprise.yaml goes aside in turn
    third.expect_exact(f"mise de côté dans {state / 'reprise-2.yaml'}")
    third.expect(pexpect.EOF)
    third.close()
    assert "profil: independant" in (state / "reprise-2.yaml").read_text(encoding="utf-8")
    assert "profil: etudiant" in (state / "reprise.yaml").read_text(encoding="utf-8")


CLEAR = "\x1b[H\x1b[2J\x1b[3J"


def new_session(tmp_path: Path) -> None:
    import subprocess

    subprocess.run(
        [ESPACES, "workshop", "new", "s.yaml"], cwd=tmp_path, check=True, capture_output=True
    )


def answer_everything(child: pexpect.spawn) -> None:
    for step in range(1, 11):
        child.expect_exact(f"[{step}/10]")
        child.send(SPACE + ENTER if step == 3 else ENTER)


def test_passing_the_laptop_clears_the_screen_between_participants(tmp_path: Path) -> None:
    new_session(tmp_path)
    child = spawn("workshop add s.yaml -p Alice -p Bob -p Éric", tmp_path)
    child.expect_exact("— Participant : Alice")
    answer_everything(child)
    child.expect_exact(CLEAR)
    seen_by_alice = child.before or ""
    assert "» [10/10]" in seen_by_alice  # her own answers, echoed while she answered
    child.expect_exact("Réponses d'Alice enregistrées (1 participant).")
    child.expect_exact("— Participant : Bob")
    child.expect_exact("[1/10]")
    assert "» [" not in (child.before or ""), "Bob sees none of Alice's answers"
    child.send(ENTER)
    for step in range(2, 11):
        child.expect_exact(f"[{step}/10]")
        child.send(SPACE + ENTER if step == 3 else ENTER)
    child.expect_exact(CLEAR)
    child.expect_exact("Réponses de Bob enregistrées (2 participants).")
    child.expect_exact("— Participant : Éric")
    answer_everything(child)
    child.expect_exact(CLEAR)
    child.expect_exact("Réponses d'Éric enregistrées (3 participants).")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_one_participant_or_plain_mode_never_clears(tmp_path: Path) -> None:
    new_session(tmp_path)
    child = spawn("workshop add s.yaml -p Hélène", tmp_path)
    answer_everything(child)
    child.expect_exact("Réponses d'Hélène enregistrées (1 participant).")
    child.expect(pexpect.EOF)
    child.close()
    assert "\x1b[2J" not in (child.before or "")
    plain = spawn("workshop add s.yaml --plain -p Ana -p Yves -p Zoé", tmp_path)
    for name in ("Ana", "Yves", "Zoé"):
        for number in range(1, 11):
            plain.expect_exact(f"Question {number} sur 10")
            plain.expect_exact(" :\r\n")
            plain.sendline("1")
        of = "de " if name == "Zoé" else "d'"
        plain.expect_exact(f"Réponses {of}{name} enregistrées")
        assert "\x1b[2J" not in (plain.before or "")
    plain.expect(pexpect.EOF)
    plain.close()
    assert plain.exitstatus == 0
    assert "\x1b[2J" not in (plain.before or "")


def test_an_interrupted_participant_is_named_with_elision(tmp_path: Path) -> None:
    new_session(tmp_path)
    child = spawn("workshop add s.yaml -p Inès", tmp_path)
    child.expect_exact("[1/10]")
    child.send(CTRL_C)
    child.expect_exact("Interrompu : les réponses d'Inès ne sont pas enregistrées")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_labels_are_wrapped_not_cut_in_a_60_column_terminal(tmp_path: Path) -> None:
    child = spawn("advise --format json -o o.json", tmp_path, rows=40, columns=60)
    child.expect_exact("[1/10] Qui êtes-vous ?")
    child.expect_exact("Association ou structure de l'économie sociale et")
    child.expect_exact("solidaire")  # cut to « solidai » before
    child.send(DOWN + ENTER)  # etudiant
    child.expect_exact("[2/10] Votre activité est-elle innovante ?")
    child.expect_exact("sont pas les mêmes.")  # the end of the help, three lines down
    child.send(ENTER)
    child.expect_exact("[3/10]")
    child.expect_exact("Rencontrer des partenaires, des compétences")
    child.expect_exact("complémentaires")
    child.expect_exact("(domiciliation)")
    child.send(CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_plain_mode_wraps_under_each_number_at_60_columns(tmp_path: Path) -> None:
    child = spawn("advise --plain --format json -o o.json", tmp_path, rows=40, columns=60)
    child.expect_exact("Question 1 sur 10 : Qui êtes-vous ?")
    child.expect_exact(
        "  5. Association ou structure de l'économie sociale et\r\n     solidaire\r\n"
    )
    child.expect_exact("Tapez un numéro :")
    child.sendline("2")
    child.expect_exact("Question 2 sur 10")
    child.expect_exact(" :\r\n")
    screen = child.before or ""
    assert all(len(line) < 60 for line in screen.split("\r\n")), screen
    child.sendcontrol("d")
    child.expect(pexpect.EOF)
    child.close()


def test_plain_mode_resumes_with_the_numbering_and_0_reopens_a_kept_answer(
    tmp_path: Path,
) -> None:
    state = str(tmp_path / "state")
    first = spawn("advise --plain -o r.txt", tmp_path, ESPACES_STATE_DIR=state)
    for number, typed in [(1, "2"), (2, "3")]:
        first.expect_exact(f"Question {number} sur 10")
        first.expect_exact(" :\r\n")
        first.sendline(typed)
    first.expect_exact("Question 3 sur 10")
    first.sendcontrol("d")  # end of input stops as Ctrl-C does
    first.expect_exact("Interrompu : 2 réponses gardées")
    first.expect(pexpect.EOF)
    first.close()
    child = spawn(
        "advise --plain --resume --format json -o o.json", tmp_path, ESPACES_STATE_DIR=state
    )
    child.expect_exact("Reprise : 2 réponses gardées")
    child.expect_exact("Question 3 sur 10")
    child.expect_exact("0 pour revenir à la question précédente :")
    child.sendline("0")
    child.expect_exact("Question 2 sur 10 : Votre activité est-elle innovante ?")
    child.expect_exact("Entrée seule garde 3")  # the kept answer is offered
    child.sendline("1")  # innovant
    for number, typed in enumerate(["1", "1", "1", "1", "1", "1", "", ""], start=3):
        child.expect_exact(f"Question {number} sur 10")
        child.expect_exact(" :\r\n")
        child.sendline(typed)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    document = (tmp_path / "o.json").read_text(encoding="utf-8")
    assert '"nature_projet": "innovant"' in document
    assert '"profil": "etudiant"' in document
