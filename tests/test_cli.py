"""The command line through typer's CliRunner: stdout and stderr checked apart."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from conftest import STUDENT, flags
from typer.testing import CliRunner

from espaces_cli import __version__
from espaces_cli.cli import app

GOLDEN = Path(__file__).parent / "golden"
ENV = {"NO_COLOR": "1", "COLUMNS": "100", "ESPACES_RULES": None, "TERM": "xterm"}
ANSWERS = [
    "-a",
    "profil=independant",
    "-a",
    "besoins=salles_reunion,convivialite",
    "-a",
    "stade=lancement",
    "-a",
    "frequence=reguliere",
    "-a",
    "duree=quelques_mois",
    "-a",
    "budget=modeste",
    "-a",
    "territoire=grande_ville",
]


def run(*args: str, stdin: str | None = None, env: dict[str, str | None] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner(env={**ENV, **(env or {})}).invoke(app, list(args), input=stdin)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ESPACES_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_version_and_help() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"espaces {__version__}\n"
    result = run("--help")
    assert result.exit_code == 0
    for command in ("advise", "questions", "types"):
        assert command in result.stdout


@pytest.mark.parametrize("command", ["advise", "questions", "types"])
def test_every_option_has_a_help_line(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    option_lines = [line for line in lines if line.strip().startswith("-")]
    assert option_lines
    for line in option_lines:
        # the help text stands on the option's line or on the next, indented, line
        index = lines.index(line)
        following = lines[index + 1] if index + 1 < len(lines) else ""
        assert len(line.split("  ")) > 2 or following.startswith(" " * 20), line


def test_json_report_is_golden_and_follows_the_contract() -> None:
    result = run("advise", "--no-input", *ANSWERS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    # what was not given is named, once, on stderr; stdout stays the document alone
    assert result.stderr == (
        "Réponses prises par défaut : nature_projet=ne_sait_pas, secteur=(aucun), "
        "confidentialite=normale (précisez-les avec --answer ID=VALEUR).\n"
    )
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1
    for key in (
        "answers",
        "recommendation",
        "ranking",
        "excluded",
        "weights",
        "fired_rules",
        "advantages",
        "precautions",
        "checklist",
    ):
        assert key in document
    recommendation = document["recommendation"]
    assert set(recommendation) >= {"id", "label", "score", "margin", "confidence", "runner_up"}
    assert recommendation["id"] == "coworking"
    assert recommendation["confidence"] in ("clear", "narrow", "tie")
    for entry in document["ranking"]:
        assert set(entry) >= {"id", "label", "score", "rank", "contributions"}
        assert 0 <= entry["score"] <= 100
        assert sum(entry["contributions"].values()) == pytest.approx(entry["score"], abs=0.1)
    sources = {p["source"] for p in document["precautions"]}
    assert sources <= {"general", "type", "answers"}
    golden("advise.json", result.stdout)


def test_markdown_report_is_golden() -> None:
    result = run("advise", "--no-input", *ANSWERS, "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    golden("advise.md", result.stdout)


def test_terminal_report_has_every_section_and_no_colour_when_piped() -> None:
    result = run("advise", "--no-input", *ANSWERS)
    assert result.exit_code == 0
    out = result.stdout
    for heading in (
        "Recommandation",
        "Classement",
        "Pourquoi",
        "Avantages",
        "Précautions",
        "Pour la visite",
        "Pour rejouer sans questions",
    ):
        assert heading in out
    assert "\x1b[" not in out
    assert "espaces advise --no-input -a profil=independant" in out


def test_the_replay_line_replays_the_same_advice() -> None:
    first = json.loads(run("advise", "--no-input", *ANSWERS, "--format", "json").stdout)
    args = first["replay"].split()[2:]
    again = json.loads(run("advise", *args, "--format", "json").stdout)
    assert again["recommendation"] == first["recommendation"]
    assert again["answers"] == first["answers"]


def test_excluded_types_are_listed_with_reasons() -> None:
    result = run(
        "advise",
        "--no-input",
        *flags({**STUDENT, "stade": "sans_projet"}),
        "--format",
        "json",
    )
    excluded = {e["id"]: e["reasons"] for e in json.loads(result.stdout)["excluded"]}
    assert set(excluded) == {
        "incubateur",
        "accelerateur",
        "pepiniere",
        "open_innovation",
        "couveuse",
        "hotel_entreprises",
    }
    assert all(reasons for reasons in excluded.values())


def test_save_answers_then_replay_from_the_file(tmp_path: Path) -> None:
    saved = tmp_path / "mes-reponses.yaml"
    result = run("advise", "--no-input", *ANSWERS, "--save-answers", str(saved), "--format", "json")
    assert result.exit_code == 0
    text = saved.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert list(data) == ["espaces", "answers"]
    assert data["espaces"]["version"] == __version__
    assert len(data["espaces"]["rules"]["sha256"]) == 64
    replay = run("advise", "--answers", str(saved), "--format", "json")
    assert replay.exit_code == 0, replay.stderr
    assert json.loads(replay.stdout)["answers"] == json.loads(result.stdout)["answers"]


def test_flags_override_the_answers_file_and_stdin_works() -> None:
    document = json.dumps(
        {
            "profil": "independant",
            "besoins": ["prototypage"],
            "stade": "prototype",
            "frequence": "ponctuelle",
            "duree": "essai",
            "budget": "minimal",
            "territoire": "grande_ville",
        }
    )
    result = run(
        "advise", "--answers", "-", "-a", "budget=eleve", "--format", "json", stdin=document
    )
    assert result.exit_code == 0, result.stderr
    answers = json.loads(result.stdout)["answers"]
    assert answers["budget"] == "eleve"
    assert answers["besoins"] == ["prototypage"]


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("ancien contenu", encoding="utf-8")
    result = run("advise", "--no-input", *ANSWERS, "--format", "markdown", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"Écrit dans {target}" in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Quel espace collaboratif choisir ?")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@pytest.mark.parametrize(
    ("args", "stdin", "message", "code"),
    [
        (
            ["advise", "--no-input", "-a", "profl=etudiant"],
            None,
            "Question inconnue « profl ». Vouliez-vous dire « profil » ?",
            2,
        ),
        (
            ["advise", "--no-input", "-a", "budget=gratuit"],
            None,
            "budget : « gratuit » n'est pas une valeur permise.",
            2,
        ),
        (["advise", "--no-input", "-a", "profil"], None, "forme attendue ID=VALEUR", 2),
        (
            ["advise", "--no-input", "-a", "profil=etudiant"],
            None,
            "Réponses manquantes : besoins, stade, frequence, duree, budget, territoire.",
            2,
        ),
        (["advise", "-a", "profil=etudiant"], None, "Pas de terminal pour poser les questions", 2),
        (["advise", "--answers", "-"], "profil: [etudiant\n", "<stdin>:2:1: YAML illisible", 2),
        (["advise", "--answers", "-"], '{"profil": }', "<stdin>:1:12: JSON illisible", 2),
        (["advise", "--answers", "-"], "confidentialite: no\n", "booléen", 2),
        (["advise", "--answers", "/nonexistent/answers.yaml"], None, "introuvable", 2),
        (
            ["advise", "--no-input", *ANSWERS, "-o", "/nonexistent/dir/plan.md"],
            None,
            "le dossier « /nonexistent/dir » n'existe pas",
            2,
        ),
        (
            ["advise", "--no-input", *ANSWERS, "--rules", "/nonexistent.yaml"],
            None,
            "fichier de règles introuvable",
            3,
        ),
        (["types", "cowork"], None, "Vouliez-vous dire « coworking » ?", 2),
    ],
)
def test_bad_input_gets_one_clear_line_and_its_exit_code(
    args: list[str], stdin: str | None, message: str, code: int
) -> None:
    result = run(*args, stdin=stdin)
    assert result.exit_code == code
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_rule_base_lists_every_problem_and_exits_3(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("name: x\nversion: 1\ncolour: red\ncriteria: {}\n", encoding="utf-8")
    result = run("advise", "--no-input", "--rules", str(rules))
    assert result.exit_code == 3
    lines = result.stderr.strip().splitlines()
    assert f"{rules}:3:1: colour: clé inconnue « colour »" in lines
    assert any(line.startswith(f"{rules}:1:1: (racine): champ obligatoire") for line in lines)
    assert len(lines) >= 3


def test_rules_from_the_environment(tmp_path: Path) -> None:
    rules = tmp_path / "rules.yaml"
    rules.write_text("nope: [", encoding="utf-8")
    result = run("questions", env={"ESPACES_RULES": str(rules)})
    assert result.exit_code == 3
    assert str(rules) in result.stderr


def test_inapplicable_answers_are_dropped_with_a_warning() -> None:
    result = run(
        "advise",
        "--no-input",
        *ANSWERS,
        "-a",
        "objectif_entreprise=transformer",
        "--format",
        "json",
    )
    assert result.exit_code == 0
    assert "objectif_entreprise" in result.stderr
    assert "objectif_entreprise" not in json.loads(result.stdout)["answers"]


def test_a_file_saved_with_another_rule_base_is_rechecked_with_a_warning(tmp_path: Path) -> None:
    saved = tmp_path / "a.yaml"
    run("advise", "--no-input", *ANSWERS, "--save-answers", str(saved), "--format", "json")
    text = saved.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    text = text.replace(data["espaces"]["rules"]["sha256"], "f" * 64)
    saved.write_text(text, encoding="utf-8")
    result = run("advise", "--answers", str(saved), "--format", "json")
    assert result.exit_code == 0
    assert "autre base de règles" in result.stderr


def test_questions_in_every_format() -> None:
    terminal = run("questions")
    assert terminal.exit_code == 0
    assert "objectif_entreprise" in terminal.stdout
    assert "posée pour : Grande entreprise (équipe innovation, RH…)" in terminal.stdout
    assert "profil = " not in terminal.stdout
    as_json = json.loads(run("questions", "--format", "json").stdout)
    assert [q["id"] for q in as_json["questions"]][:4] == [
        "profil",
        "objectif_entreprise",
        "nature_projet",
        "besoins",
    ]
    assert as_json["questions"][1]["when"] == {"question": "profil", "equals": "grande_entreprise"}
    as_yaml = yaml.safe_load(run("questions", "--format", "yaml").stdout)
    assert as_yaml == as_json


def test_template_is_a_valid_answers_file_once_filled(tmp_path: Path) -> None:
    template = run("questions", "--template").stdout
    data = yaml.safe_load(template)
    assert list(data["answers"])[:2] == ["profil", "objectif_entreprise"]
    assert all(value is None for value in data["answers"].values())
    filled = (
        template.replace("profil: ~", "profil: etudiant")
        .replace("besoins: ~", "besoins: [bureau_mobile]")
        .replace("stade: ~", "stade: idee")
        .replace("frequence: ~", "frequence: reguliere")
        .replace("duree: ~", "duree: essai")
        .replace("budget: ~", "budget: minimal")
        .replace("territoire: ~", "territoire: rural")
    )
    path = tmp_path / "t.yaml"
    path.write_text(filled, encoding="utf-8")
    result = run("advise", "--no-input", "--answers", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr


def test_types_list_and_detail() -> None:
    listing = run("types")
    assert listing.exit_code == 0
    assert "plateforme_collaborative" in listing.stdout
    detail = run("types", "Fab-Lab")
    assert detail.exit_code == 0
    for heading in ("Avantages", "Précautions", "Pour la visite", "Repères datés"):
        assert heading in detail.stdout
    assert "2015" in detail.stdout
    assert "https://" in detail.stdout
    document = json.loads(run("types", "fab_lab", "--format", "json").stdout)
    assert document["id"] == "fab_lab"
    assert len(document["facts"]) == 3
    markdown = run("types", "incubateur", "--format", "markdown").stdout
    assert markdown.startswith("# Incubateur (`incubateur`)")
    all_json = json.loads(run("types", "--format", "json").stdout)
    assert len(all_json["types"]) == 13


def test_resume_from_a_given_file_and_errors_around_it(tmp_path: Path) -> None:
    kept = tmp_path / "reprise.yaml"
    kept.write_text("answers:\n  profil: etudiant\n  besoins: [bureau_mobile]\n", "utf-8")
    result = run(
        "advise",
        "--resume",
        str(kept),
        "-a",
        "stade=idee",
        "-a",
        "frequence=reguliere",
        "-a",
        "duree=essai",
        "-a",
        "budget=minimal",
        "-a",
        "territoire=rural",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["answers"]["profil"] == "etudiant"
    assert kept.exists(), "an explicit file is the user's: it is never deleted"
    nothing = run(
        "advise", "--resume", "<dernière>", env={"ESPACES_STATE_DIR": str(tmp_path / "x")}
    )
    assert nothing.exit_code == 2
    assert "Aucun questionnaire interrompu" in nothing.stderr
    no_tty = run("advise", "--no-input", *ANSWERS, "--ask", "budget")
    assert no_tty.exit_code == 2
    assert "--ask" in no_tty.stderr
    unknown = run("advise", *ANSWERS, "--ask", "budjet")
    assert unknown.exit_code == 2
    assert "Vouliez-vous dire « budget » ?" in unknown.stderr


def test_bare_resume_takes_the_last_recovery() -> None:
    from espaces_cli.cli.argv import LAST_RECOVERY, bare_resume

    assert bare_resume(["advise", "--resume"]) == ["advise", "--resume", LAST_RECOVERY]
    assert bare_resume(["advise", "--resume", "--no-input"]) == [
        "advise",
        "--resume",
        LAST_RECOVERY,
        "--no-input",
    ]
    assert bare_resume(["advise", "--resume", "f.yaml"]) == ["advise", "--resume", "f.yaml"]


def test_plain_flag_gives_a_plain_text_report() -> None:
    result = run("advise", "--no-input", *ANSWERS, "--plain")
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("Recommandation : Espace de coworking, score ")
    assert "Classement :\n1. Espace de coworking : " in out
    assert not any(ch in out for ch in "╭─│█●")
    assert run("advise", "--no-input", *ANSWERS, env={"TERM": "dumb"}).stdout == out


def test_a_replay_line_written_for_1_0_replays_naming_the_new_question_only() -> None:
    line_1_0 = [*ANSWERS, "-a", "secteur=numerique", "-a", "confidentialite=normale"]
    result = run("advise", "--no-input", *line_1_0, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Réponse prise par défaut : nature_projet=ne_sait_pas "
        "(précisez-la avec --answer ID=VALEUR).\n"
    )
    assert json.loads(result.stdout)["answers"]["nature_projet"] == "ne_sait_pas"
    complete = run("advise", "--no-input", *line_1_0, "-a", "nature_projet=classique")
    assert complete.exit_code == 0
    assert complete.stderr == ""
