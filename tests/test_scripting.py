"""Scripting details: values with commas, repeated flags, folders, versions, bare command,
CSV rows wider than their header, the copied rule base. Run in-process as ``main`` does."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from espaces_cli import __version__
from espaces_cli.cli import main
from espaces_cli.cli.environment import Environment
from espaces_cli.rules.loader import starter_files

ROOT = Path(__file__).resolve().parent.parent
REST = {
    "besoins": "bureau_mobile",
    "stade": "idee",
    "frequence": "reguliere",
    "duree": "essai",
    "budget": "minimal",
    "territoire": "rural",
    "nature_projet": "innovant",
    "secteur": "",
    "confidentialite": "normale",
}


@dataclass(frozen=True)
class Run:
    status: int
    stdout: str
    stderr: str


def espaces(*args: str, cwd: Path | None = None) -> Run:
    variables = {k: v for k, v in os.environ.items() if k != "ESPACES_RULES"}
    variables.update({"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_LANG": "fr"})
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd or Path.cwd()):
        status = main(list(args), Environment(variables=variables, stdout=out, stderr=err))
    return Run(status, out.getvalue(), err.getvalue())


def flags(answers: dict[str, str]) -> list[str]:
    return [part for qid, value in answers.items() for part in ("-a", f"{qid}={value}")]


def advise_json(*extra: str) -> Run:
    return espaces("advise", "--no-input", *flags(REST), *extra, "--format", "json")


@pytest.mark.parametrize(
    "value",
    [
        "Indépendant, freelance ou auto-entrepreneur",
        "indépendant, FREELANCE ou auto-entrepreneur",
        "Independent, freelancer or sole trader",
    ],
)
def test_a_single_choice_label_may_contain_a_comma(value: str) -> None:
    done = advise_json("-a", f"profil={value}")
    assert done.status == 0, done.stderr
    assert json.loads(done.stdout)["answers"]["profil"] == "independant"


def test_two_ids_for_a_single_choice_are_still_refused() -> None:
    done = advise_json("-a", "profil=etudiant,salarie")
    assert done.status == 2
    assert "profil attend une seule valeur" in done.stderr
    assert len(done.stderr.splitlines()) == 1


def test_several_choices_are_still_split_on_commas() -> None:
    done = advise_json("-a", "profil=etudiant", "-a", "besoins=salles_reunion,rencontres")
    assert done.status == 0, done.stderr
    assert json.loads(done.stdout)["answers"]["besoins"] == ["salles_reunion", "rencontres"]


def test_a_repeated_answer_says_which_one_wins() -> None:
    done = advise_json("-a", "profil=salarie", "-a", "Profil=etudiant")
    assert done.status == 0, done.stderr
    assert json.loads(done.stdout)["answers"]["profil"] == "etudiant"
    assert done.stderr.splitlines() == [
        "--answer profil donné plusieurs fois : la dernière valeur, « etudiant », l'emporte."
    ]


def test_a_single_answer_says_nothing() -> None:
    done = advise_json("-a", "profil=etudiant")
    assert done.status == 0
    assert done.stderr == ""


@pytest.mark.parametrize("body", ["answers:\n  profil: etudiant\n  bidule: x\n", "bidule: x\n"])
def test_an_unknown_key_in_an_answers_file_names_the_file(tmp_path: Path, body: str) -> None:
    path = tmp_path / "mes-reponses.yaml"
    path.write_text(body, encoding="utf-8")
    done = espaces("advise", "--no-input", "--answers", str(path))
    assert done.status == 2
    assert done.stderr.startswith(f"{path}: Question inconnue « bidule »")
    assert len(done.stderr.splitlines()) == 1


def test_rules_init_creates_the_folder(tmp_path: Path) -> None:
    done = espaces("rules", "init", "mon-client/", cwd=tmp_path)
    assert done.status == 0, done.stderr
    folder = tmp_path / "mon-client"
    assert sorted(p.name for p in folder.iterdir()) == [
        "space_types.schema.json",
        "space_types.yaml",
    ]
    nested = tmp_path / "a" / "b"
    assert espaces("rules", "init", str(nested)).status == 0
    assert (nested / "space_types.yaml").is_file()


def test_rules_init_refuses_a_file_and_leaves_no_folder_for_a_broken_base(
    tmp_path: Path,
) -> None:
    a_file = tmp_path / "note.txt"
    a_file.write_text("x", encoding="utf-8")
    done = espaces("rules", "init", str(a_file))
    assert done.status == 2
    assert done.stderr == f"{a_file}: n'est pas un dossier\n"
    broken = tmp_path / "broken.yaml"
    broken.write_text("version: [\n", encoding="utf-8")
    target = tmp_path / "never"
    done = espaces("rules", "init", str(target), "--rules", str(broken))
    assert done.status == 3
    assert not target.exists()


def test_a_single_type_as_json_carries_its_schema_version() -> None:
    done = espaces("types", "coworking", "--format", "json")
    assert done.status == 0
    document = json.loads(done.stdout)
    assert document["schema_version"] == 1
    assert document["id"] == "coworking"


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_short_and_long(flag: str) -> None:
    assert espaces(flag) == Run(0, f"espaces {__version__}\n", "")


def test_espaces_alone_prints_the_help_and_succeeds() -> None:
    done = espaces()
    assert done.status == 0
    assert done.stdout.startswith("Usage : espaces")
    assert "advise" in done.stdout
    assert done.stderr == ""
    assert espaces("--lang", "en").stdout.startswith("Usage: espaces")


def test_a_csv_row_wider_than_its_header_is_reported_with_its_line(tmp_path: Path) -> None:
    session = tmp_path / "atelier.yaml"
    assert espaces("workshop", "new", str(session), "--title", "T").status == 0
    csv_path = tmp_path / "form.csv"
    csv_path.write_text(
        "nom,profil,besoins,stade,frequence,duree,budget,territoire\n"
        "alice,etudiant,bureau_mobile,idee,reguliere,essai,minimal,rural,en trop\n"
        "bob,etudiant,bureau_mobile,idee,reguliere,essai,minimal,rural,\n",
        encoding="utf-8",
    )
    done = espaces("workshop", "import", str(session), str(csv_path))
    assert done.status == 0, done.stderr
    assert f"{csv_path}:2: alice : 1 cellule de plus que l'en-tête (« en trop »)" in done.stderr
    names = [p["name"] for p in yaml.safe_load(session.read_text("utf-8"))["participants"]]
    assert names == ["bob"]  # an empty trailing cell is not a problem


def test_the_copied_rule_base_cites_only_files_that_exist() -> None:
    text = starter_files()["space_types.yaml"]
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#"))
    cited = set(re.findall(r"[\w./-]+\.(?:md|yaml|json|txt)\b", comments))
    for name in cited:
        beside = name.removeprefix("./")
        assert (ROOT / name).exists() or beside in starter_files(), name
    assert "shared/" not in comments
