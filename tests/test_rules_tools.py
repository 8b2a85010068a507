"""The rule-base tools: check (errors and lint warnings), coverage, schema, init, explain."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import STUDENT, flags
from rulebases import MINIMAL, TINY
from typer.testing import CliRunner

from espaces_cli.cli import app
from espaces_cli.core.model import RuleBase
from espaces_cli.rules.schema import json_schema

ROOT = Path(__file__).resolve().parent.parent
ESPACES = str(Path(sys.executable).parent / "espaces")
ENV = {"NO_COLOR": "1", "COLUMNS": "120", "ESPACES_RULES": None}

# A tiny base whose every answer set can be listed: 2 × 2 = 4 answer sets.


def run(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner(env=ENV).invoke(app, list(args), input=stdin)


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_accepts_the_shipped_base_without_warnings() -> None:
    result = run("rules", "check")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "la base fournie avec espaces : base de règles valide (0 avertissement)." in (
        result.stderr
    )


def test_check_lists_every_error_on_stdout_and_exits_3(tmp_path: Path) -> None:
    text = MINIMAL.replace("fit: {a: 4, b: 1}", "fit: {a: 9, z: 1}").replace(
        "add: {a: 2}", "add: {nope: 2}"
    )
    path = write(tmp_path, text)
    result = run("rules", "check", path)
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        f"{path}:21:11: weight_rules[0].add.nope: critère inconnu « nope »",
        f"{path}:27:10: space_types.t1.fit: adéquation manquante pour : b",
        f"{path}:27:14: space_types.t1.fit.a: valeur trop grande (limite : 4)",
        f"{path}:27:17: space_types.t1.fit.z: critère inconnu « z »",
    ]
    assert result.stderr == f"{path} : base de règles invalide (4 erreurs).\n"


def test_check_reports_a_yaml_syntax_error_with_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, "name: x\n  bad: indent\n")
    result = run("rules", "check", path)
    assert result.exit_code == 3
    assert result.stdout.startswith(f"{path}:2:6: YAML illisible")


def test_duplicate_rule_ids_are_errors(tmp_path: Path) -> None:
    text = TINY.replace("- id: petit_budget", "- id: veut_calme")
    result = run("rules", "check", write(tmp_path, text))
    assert result.exit_code == 3
    assert "weight_rules[2].id: règle « veut_calme » en double" in result.stdout


LINT_CASES = [
    (
        "criterion never weighed",
        TINY.replace(
            '  outils: {label: {fr: "Outils"}}\n',
            '  outils: {label: {fr: "Outils"}}\n  vue: {label: {fr: "Vue"}}\n',
        )
        .replace("fit: {calme: 4, outils: 0}", "fit: {calme: 4, outils: 0, vue: 1}")
        .replace("fit: {calme: 1, outils: 4}", "fit: {calme: 1, outils: 4, vue: 2}"),
        ":6:3: criteria.vue: avertissement : aucune règle ne donne de poids au critère « vue »",
    ),
    (
        "rule that can never fire",
        TINY.replace(
            "when: {question: budget, equals: grand}",
            "when: {all: [{question: budget, equals: grand}, {question: budget, equals: petit}]}",
        ),
        ":33:5: weight_rules[3].when: avertissement : cette règle ne peut jamais s'appliquer",
    ),
    (
        "question whose answers change no score",
        TINY.replace(
            "  - id: petit_budget\n    when: {question: budget, equals: petit}\n"
            '    add: {calme: 1}\n    because: {fr: "Petit budget."}\n',
            "",
        ).replace(
            "  - id: grand_budget\n    when: {question: budget, equals: grand}\n"
            '    add: {outils: 1}\n    because: {fr: "Grand budget."}\n',
            "",
        ),
        ":13:3: questions.budget: avertissement : les réponses à « budget » ne changent "
        "aucun score",
    ),
    (
        "choice no rule mentions",
        TINY.replace(
            '      grand: {fr: "Grand"}\n',
            '      grand: {fr: "Grand"}\n      moyen: {fr: "Moyen"}\n',
        ),
        ":19:7: questions.budget.choices.moyen: avertissement : aucune règle ne mentionne "
        "le choix « moyen »",
    ),
    (
        "types too close to tell apart",
        TINY.replace("fit: {calme: 1, outils: 4}", "fit: {calme: 4, outils: 1}"),
        ":44:5: space_types.atelier.fit: avertissement : adéquations trop proches de « bureau »",
    ),
    (
        "type that never comes first",
        TINY.replace("fit: {calme: 1, outils: 4}", "fit: {calme: 0, outils: 0}").replace(
            "fit: {calme: 4, outils: 0}", "fit: {calme: 4, outils: 4}"
        ),
        ":41:3: space_types.atelier: avertissement : « atelier » n'arrive jamais en tête "
        "(sur toutes les réponses possibles)",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [c[1:] for c in LINT_CASES], ids=[c[0] for c in LINT_CASES]
)
def test_each_lint_warning_on_a_planted_case(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    result = run("rules", "check", path)
    assert result.exit_code == 0, result.stdout
    lines = result.stdout.splitlines()
    assert any(line.startswith(path + expected) for line in lines), lines


def test_tiny_base_has_no_warning(tmp_path: Path) -> None:
    result = run("rules", "check", write(tmp_path, TINY))
    assert (result.exit_code, result.stdout) == (0, "")


def test_coverage_on_a_tiny_base_with_a_known_answer(tmp_path: Path) -> None:
    path = write(tmp_path, TINY)
    result = run("rules", "coverage", path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["mode"] == "exhaustive"
    assert document["explored"] == 4
    wins = {t["id"]: t["wins"] for t in document["types"]}
    # calme+petit, calme+grand -> bureau; outils+petit, outils+grand -> atelier
    assert wins == {"bureau": 2, "atelier": 2}
    assert document["never_first"] == []
    atelier = next(t for t in document["types"] if t["id"] == "atelier")
    assert atelier["example"]["answers"] == {"besoin": "outils", "budget": "grand"}
    replay = atelier["example"]["replay"].split()
    again = run(*replay[1:], "--format", "json")
    assert json.loads(again.stdout)["recommendation"]["id"] == "atelier"


def test_coverage_of_the_shipped_base_lets_every_type_win() -> None:
    result = run("rules", "coverage", "--samples", "3000", "--format", "json")
    document = json.loads(result.stdout)
    assert document["mode"] == "sample"
    assert document["explored"] == 3000
    assert document["never_first"] == []
    terminal = run("rules", "coverage", "--samples", "500")
    assert "Chaque type arrive en tête au moins une fois." in terminal.stdout


def test_coverage_is_reproducible_with_its_seed() -> None:
    first = run("rules", "coverage", "--samples", "300", "--seed", "7", "--format", "json")
    second = run("rules", "coverage", "--samples", "300", "--seed", "7", "--format", "json")
    assert first.stdout == second.stdout


def test_committed_schema_is_the_one_the_loader_validates_with() -> None:
    committed = json.loads((ROOT / "data" / "space_types.schema.json").read_text("utf-8"))
    assert committed == json_schema(), (
        "regenerate: espaces rules schema > data/space_types.schema.json"
    )
    assert json.loads(run("rules", "schema").stdout) == committed


def test_the_rule_base_points_editors_at_its_schema() -> None:
    first = (ROOT / "data" / "space_types.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./space_types.schema.json"


def test_schema_accepts_the_shipped_base_and_rejects_planted_mistakes() -> None:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    shipped = yaml.safe_load((ROOT / "data" / "space_types.yaml").read_text("utf-8"))
    assert list(validator.iter_errors(shipped)) == []
    tiny = yaml.safe_load(TINY)
    assert list(validator.iter_errors(tiny)) == []
    mistakes = [
        ("unknown key", lambda d: d["criteria"]["calme"].update(colour="red")),
        ("fit above 4", lambda d: d["space_types"]["bureau"]["fit"].update(calme=5)),
        ("no French text", lambda d: d["space_types"]["bureau"].update(summary={"en": "x"})),
        ("two operators", lambda d: d["weight_rules"][0]["when"].update(not_equals="outils")),
        ("bad kind", lambda d: d["questions"]["besoin"].update(kind="many")),
        ("boolean id", lambda d: d["weight_rules"][0].update(id=False)),
        ("bad id", lambda d: d["questions"]["besoin"]["choices"].update({"Pas-Bon": {"fr": "x"}})),
    ]
    for name, plant in mistakes:
        data = yaml.safe_load(TINY)
        plant(data)
        assert list(validator.iter_errors(data)), name


def test_init_then_check_round_trip_and_no_overwrite(tmp_path: Path) -> None:
    result = run("rules", "init", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    copy = tmp_path / "space_types.yaml"
    assert copy.read_bytes() == (ROOT / "data" / "space_types.yaml").read_bytes()
    assert (tmp_path / "space_types.schema.json").exists()
    assert f"espaces rules check {copy}" in result.stdout
    assert f"espaces advise --rules {copy}" in result.stdout
    assert run("rules", "check", str(copy)).exit_code == 0
    copy.write_text(
        copy.read_text("utf-8").replace("name: espaces-fiche-04", "name: client"), "utf-8"
    )
    again = run("rules", "init", str(tmp_path))
    assert again.exit_code == 2
    assert "Déjà présents" in again.stderr
    assert "--force" in again.stderr
    assert "name: client" in copy.read_text("utf-8")
    forced = run("rules", "init", str(tmp_path), "--force")
    assert forced.exit_code == 0
    assert "name: espaces-fiche-04" in copy.read_text("utf-8")
    # a folder that is not there yet is created (issue 14)
    assert run("rules", "init", str(tmp_path / "missing")).exit_code == 0
    assert (tmp_path / "missing" / "space_types.yaml").is_file()


def test_explain_shows_fits_and_the_answers_that_move_a_type() -> None:
    result = run("rules", "explain", "fab_lab")
    assert result.exit_code == 0
    assert "Machines pour prototyper" in result.stdout
    up = result.stdout.split("Les réponses qui le font monter")[1].split(
        "Les réponses qui le font descendre"
    )[0]
    assert "« Expérimenter, fabriquer, prototyper avec des machines » coché" in up
    assert "contient" not in up
    document = json.loads(run("rules", "explain", "fab_lab", "--format", "json").stdout)
    assert document["fit"]["machines"] == 4
    lifts = {p["rule"]: p["lift"] for p in document["pushes"]}
    assert lifts["besoin_prototypage"] > 1 > lifts["besoin_salles_reunion"]
    assert run("rules", "explain", "nope").exit_code == 2


def test_explain_says_which_needs_a_type_covers(shipped: RuleBase) -> None:
    document = json.loads(run("rules", "explain", "fab_lab", "--format", "json").stdout)
    needs = {n["id"]: n for n in document["needs"]}
    assert set(needs) == {n.id for n in shipped.needs}
    fab_lab = shipped.space_type("fab_lab")
    for need in shipped.needs:
        fit = fab_lab.fit.get(need.criterion, 0)
        assert needs[need.id]["fit"] == fit
        assert needs[need.id]["covered"] is (fit >= need.min_fit)
    assert needs["prototypage"]["covered"] is True
    assert needs["financement"]["covered"] is False
    text = run("rules", "explain", "fab_lab").stdout
    section = text.split("Besoins, couverts ou non")[1]
    assert "couvert : Machines pour prototyper" in section
    assert "non couvert : Accès au financement" in section


EXTRA_QUESTION = TINY.replace(
    "weight_rules:\n",
    '  horaires:\n    kind: one\n    label: {fr: "Horaires ?"}\n    choices:\n'
    '      jour: {fr: "Le jour"}\n      nuit: {fr: "La nuit"}\n'
    "weight_rules:\n  - id: la_nuit\n    when: {question: horaires, equals: nuit}\n"
    '    add: {outils: 5}\n    because: {fr: "Les ateliers ouvrent tard."}\n'
    "  - id: le_jour\n    when: {question: horaires, equals: jour}\n"
    '    add: {calme: 1}\n    because: {fr: "Le jour, tout est ouvert."}\n',
)


def test_a_custom_base_with_an_extra_question_works_end_to_end(tmp_path: Path) -> None:
    path = write(tmp_path, EXTRA_QUESTION)
    assert run("rules", "check", path).exit_code == 0
    flags = run(
        "advise",
        "--rules",
        path,
        "--no-input",
        "-a",
        "besoin=calme",
        "-a",
        "budget=petit",
        "-a",
        "Horaires=Nuit",
        "--format",
        "json",
    )
    assert flags.exit_code == 0, flags.stderr
    document = json.loads(flags.stdout)
    assert document["answers"]["horaires"] == "nuit"
    assert document["recommendation"]["id"] == "atelier"
    assert document["rules"]["name"] == "tiny"
    assert "-a horaires=nuit" in document["replay"]
    assert f"--rules {path}" in document["replay"]
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n  besoin: calme\n  budget: petit\n  horaires: jour\n", "utf-8")
    from_file = run("advise", "--rules", path, "--answers", str(answers), "--format", "json")
    assert json.loads(from_file.stdout)["recommendation"]["id"] == "bureau"
    missing = run(
        "advise", "--rules", path, "--no-input", "-a", "besoin=calme", "-a", "budget=petit"
    )
    assert missing.exit_code == 2
    assert "horaires" in missing.stderr
    questions = json.loads(run("questions", "--rules", path, "--format", "json").stdout)
    assert [q["id"] for q in questions["questions"]] == ["besoin", "budget", "horaires"]


def test_extra_question_is_asked_at_the_prompt(tmp_path: Path) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from espaces_cli.core.answers import resolve_answers
    from espaces_cli.prompts import TerminalAsker
    from espaces_cli.rules.loader import load_rule_base

    base = load_rule_base(write(tmp_path, EXTRA_QUESTION))
    with create_pipe_input() as pipe:
        pipe.send_text("\r" + "\r" + "\x1b[B\r")
        asker = TerminalAsker(input=pipe, output=DummyOutput(), echo=sys.stderr)
        answers = resolve_answers(base, {}, asker, no_input_hint="").answers
    assert answers == {"besoin": "calme", "budget": "petit", "horaires": "nuit"}


def _limit_memory() -> None:
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _bomb() -> bytes:
    lines = [b"a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 10)}]".encode())
    return b"\n".join(lines) + b"\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("huge.yaml", b"# " + b"x" * (50 * 1024 * 1024), "trop gros"),
        ("bomb.yaml", _bomb(), "alias imbriqués"),
        ("deep.yaml", b"a: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", "YAML illisible"),
        ("binary.yaml", bytes(range(256)) * 4, "fichier binaire"),
        ("latin1.yaml", "name: Cafétéria\nversion: 1\n".encode("latin-1"), "pas en UTF-8"),
        ("folder", None, "est un dossier"),
        ("missing.yaml", "missing", "introuvable"),
    ],
)
def test_hostile_rule_bases_get_one_line_exit_3_bounded(
    tmp_path: Path, name: str, content: bytes | str | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    for command in (["rules", "check", str(path)], ["advise", "--no-input", "--rules", str(path)]):
        result = subprocess.run(
            [ESPACES, *command],
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
            preexec_fn=_limit_memory,
        )
        assert result.returncode == 3, result.stderr
        output = (result.stdout + result.stderr).strip().splitlines()
        assert any(message in line for line in output), output
        assert "Traceback" not in result.stderr
        problems = [line for line in output if str(path) in line and "base de règles" not in line]
        assert len(problems) == 1, output


def test_init_copies_a_given_rule_base_and_refuses_a_broken_one(tmp_path: Path) -> None:
    source = write(tmp_path, TINY, "tiny.yaml")
    target = tmp_path / "copy"
    target.mkdir()
    assert run("rules", "init", str(target), "--rules", source).exit_code == 0
    assert (target / "space_types.yaml").read_text("utf-8") == TINY
    broken = write(tmp_path, TINY.replace("calme: 4", "calme: 7"), "broken.yaml")
    other = tmp_path / "other"
    other.mkdir()
    result = run("rules", "init", str(other), "--rules", broken)
    assert result.exit_code == 3
    assert list(other.iterdir()) == []


@pytest.mark.parametrize(
    "args",
    [
        ["questions", "--format", "json"],
        ["types", "--format", "json"],
        ["types", "fab_lab", "--format", "json"],
        ["rules", "coverage", "--samples", "50", "--format", "json"],
        ["rules", "explain", "fab_lab", "--format", "json"],
        [
            "advise",
            "--no-input",
            *flags(STUDENT),
            "--format",
            "json",
        ],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_every_json_output_names_the_rule_base(args: list[str]) -> None:
    import hashlib

    sha = hashlib.sha256((ROOT / "data" / "space_types.yaml").read_bytes()).hexdigest()
    document = json.loads(run(*args).stdout)
    assert document["rules"] == {"name": "espaces-fiche-04", "version": "2.0", "sha256": sha}


@pytest.mark.parametrize(
    "args",
    [
        ["questions"],
        ["types"],
        ["types", "coworking"],
        ["types", "coworking", "--format", "markdown"],
        ["types", "--format", "markdown"],
        ["rules", "coverage", "--samples", "50"],
        ["rules", "explain", "coworking"],
    ],
    ids=lambda a: " ".join(a),
)
def test_every_report_names_the_rule_base(args: list[str]) -> None:
    assert "Base de règles : espaces-fiche-04 2.0 (sha256 " in run(*args).stdout
