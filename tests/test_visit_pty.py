"""The interactive ``visit add`` of the installed command in a real pseudo-terminal."""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pexpect
import yaml
from terminals import CTRL_C, ENTER, ESPACES, spawn
from visit_samples import RULES

UP, DOWN = "\x1b[A", "\x1b[B"
# the menu of each checklist item: oui, partiellement, non, pas demandé (the default)
OUI, PARTIEL, NON, PAS_DEMANDE = UP * 3 + ENTER, UP * 2 + ENTER, UP + ENTER, ENTER


def command(*args: str) -> str:
    return f"ESPACES_RULES={RULES} {ESPACES} " + " ".join(args)


def new_notebook(folder: Path) -> Path:
    child = spawn(command("visit new carnet.yaml -a besoin=bureau -a budget=serre"), folder)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return folder / "carnet.yaml"


def item(child: pexpect.spawn, step: str, keys: str) -> None:
    child.expect_exact(f"[{step}] ")
    child.send(keys)


def test_a_visit_typed_item_by_item(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path)
    child = spawn(command("visit add carnet.yaml 'La Cordée' --type coworking"), tmp_path)
    item(child, "1/5", OUI)  # who runs the place
    item(child, "2/5", NON)  # funded for the long run
    child.expect_exact("Une note")
    child.send("subvention jusqu'en juin" + ENTER)
    item(child, "3/5", PARTIEL)
    child.expect_exact("Une note")
    child.send(ENTER)
    item(child, "4/5", OUI)
    item(child, "5/5", PAS_DEMANDE)
    child.expect_exact("Prix tout compris")
    child.send("-5" + ENTER)  # refused: said, and asked again
    child.expect_exact("n'est pas un prix")
    child.send("\x7f\x7f140" + ENTER)
    child.expect_exact("Conditions du contrat")
    child.send("sans engagement" + ENTER)
    child.expect_exact("Date de la visite")
    child.send(ENTER)  # today
    child.expect_exact("Votre impression")
    child.send(DOWN + ENTER)  # 4
    child.expect_exact("Autres notes")
    child.send(ENTER)
    child.expect_exact("« La Cordée » noté dans carnet.yaml (1 lieu).")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (visit,) = yaml.safe_load(notebook.read_text(encoding="utf-8"))["visits"]
    assert visit == {
        "name": "La Cordée",
        "type": "coworking",
        "date": datetime.date.today().isoformat(),
        "price_month": 140,
        "rating": 4,
        "contract": "sans engagement",
        "checks": {
            "gen_animation": "oui",
            "gen_financement": "non",
            "gen_prix": "partiel",
            "cw_essai": "oui",
            "cw_bruit": "inconnu",
        },
        "check_notes": {"gen_financement": "subvention jusqu'en juin"},
    }


def test_ctrl_c_keeps_the_answers_and_resume_asks_only_the_rest(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path)
    before = notebook.read_bytes()
    child = spawn(command("visit add carnet.yaml Regus --type coworking"), tmp_path)
    item(child, "1/5", OUI)
    item(child, "2/5", OUI)
    child.expect_exact("[3/5] ")
    child.send(CTRL_C)
    child.expect_exact("Interrompu : visite gardée dans")
    child.expect_exact("espaces visit add carnet.yaml --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert notebook.read_bytes() == before  # nothing half-written into the notebook

    child = spawn(command("visit add carnet.yaml --resume"), tmp_path)
    item(child, "3/5", OUI)  # the first two are not asked again
    item(child, "4/5", NON)
    child.expect_exact("Une note")
    child.send(ENTER)
    item(child, "5/5", OUI)
    for prompt in ("Prix tout compris", "Conditions du contrat", "Date de la visite"):
        child.expect_exact(prompt)
        child.send(ENTER)
    child.expect_exact("Votre impression")
    child.send(ENTER)
    child.expect_exact("Autres notes")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (visit,) = yaml.safe_load(notebook.read_text(encoding="utf-8"))["visits"]
    assert visit["name"] == "Regus"
    assert visit["rating"] == 3
    assert visit["checks"] == {
        "gen_animation": "oui",
        "gen_financement": "oui",
        "gen_prix": "oui",
        "cw_essai": "non",
        "cw_bruit": "oui",
    }
    # the kept visit was used once: nothing is left to resume
    child = spawn(command("visit add carnet.yaml --resume"), tmp_path)
    child.expect_exact("Aucune visite interrompue à reprendre pour carnet.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2


def test_plain_mode_numbers_the_answers(tmp_path: Path) -> None:
    notebook = new_notebook(tmp_path)
    child = spawn(command("visit add carnet.yaml Local --type fab_lab --plain"), tmp_path)
    child.expect_exact("[1/4] Qui anime le lieu ?")
    child.expect_exact("1. oui")
    child.expect_exact("Entrée seule garde 4")
    child.send("1" + ENTER)
    child.expect_exact("[2/4]")
    child.send("9" + ENTER)
    child.expect_exact("Numéros possibles : de 1 à 4.")
    child.send("2" + ENTER)
    child.expect_exact("Une note")
    child.send("à voir" + ENTER)
    for _step in ("[3/4]", "[4/4]"):
        child.expect_exact(_step)
        child.send(ENTER)
    child.expect_exact("Prix tout compris")
    child.send("abc" + ENTER)
    child.expect_exact("n'est pas un prix")
    child.send("20" + ENTER)
    child.expect_exact("Conditions du contrat")
    child.send(ENTER)
    child.expect_exact("Date de la visite")
    child.send("2026-11-31" + ENTER)
    child.expect_exact("n'est pas une date")
    child.send("2026-11-30" + ENTER)
    child.expect_exact("Votre impression")
    child.send("5" + ENTER)
    child.expect_exact("Autres notes")
    child.send(ENTER)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (visit,) = yaml.safe_load(notebook.read_text(encoding="utf-8"))["visits"]
    assert visit["checks"] == {
        "gen_animation": "oui",
        "gen_financement": "partiel",
        "gen_prix": "inconnu",
        "fl_machines": "inconnu",
    }
    assert (visit["price_month"], visit["date"], visit["rating"]) == (20, "2026-11-30", 5)
    assert visit["check_notes"] == {"gen_financement": "à voir"}


def test_new_asks_the_questions_then_the_sheet_and_compare_in_english(tmp_path: Path) -> None:
    child = spawn(command("--lang en visit new carnet.yaml --title Lyon"), tmp_path)
    child.expect_exact("[1/2] What are you looking for?")
    child.send(ENTER)  # bureau
    child.expect_exact("[2/2] What budget?")
    child.send(ENTER)  # serre
    child.expect_exact("Notebook created: carnet.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = yaml.safe_load((tmp_path / "carnet.yaml").read_text(encoding="utf-8"))
    assert data["answers"] == {"besoin": "bureau", "budget": "serre"}
    # spawned without a shell: in plain mode Ctrl-C is a signal, which would stop the shell too
    child = pexpect.spawn(
        ESPACES,
        ["--lang", "en", "visit", "add", "carnet.yaml", "--plain"],
        cwd=str(tmp_path),
        env={**os.environ, "ESPACES_RULES": RULES},
        encoding="utf-8",
        timeout=20,
    )
    child.expect_exact("Name of the place visited:")
    child.sendline("Le Hangar")
    child.expect_exact("Kind of place:")
    child.expect_exact("Enter alone keeps 1")
    child.sendline("")  # coworking, the recommended kind
    child.expect_exact("[1/5] Who runs the place?")
    child.expect_exact("1. yes")
    child.sendcontrol("c")
    child.expect_exact("Interrupted: visit kept in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_ctrl_c_in_the_questions_of_visit_new_says_how_to_resume_it(tmp_path: Path) -> None:
    state = tmp_path / "state"
    child = spawn(f"ESPACES_STATE_DIR={state} " + command("visit new carnet.yaml"), tmp_path)
    child.expect_exact("[1/2] Que cherchez-vous ?")
    child.send(DOWN + ENTER)  # atelier
    child.expect_exact("[2/2] Quel budget ?")
    child.send(CTRL_C)
    child.expect_exact("reprenez avec : espaces visit new carnet.yaml --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not (tmp_path / "carnet.yaml").exists()
    again = f"ESPACES_STATE_DIR={state} " + command("visit new carnet.yaml --resume")
    child = spawn(again, tmp_path)
    child.expect_exact("Reprise : 1 réponse gardée")
    child.expect_exact("[2/2] Quel budget ?")  # the numbering goes on
    child.expect_exact("Large")
    child.expect_exact("\x1b[?7h")  # the menu is drawn and listens
    child.send(ENTER)  # serre
    child.expect_exact("Carnet créé : carnet.yaml.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    data = yaml.safe_load((tmp_path / "carnet.yaml").read_text(encoding="utf-8"))
    assert data["answers"] == {"besoin": "atelier", "budget": "serre"}
