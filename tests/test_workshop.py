"""Workshop mode: sessions, imports, the group report and its safeguards."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml
from workshop_samples import ALICE, BOB, CAROL, answers_file, run

from espaces_cli.core.group import advise_group
from espaces_cli.core.model import RuleBase
from espaces_cli.core.session import Participant, checked_answers

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def session(tmp_path: Path) -> str:
    path = str(tmp_path / "atelier.yaml")
    assert run("workshop", "new", path, "--title", "Atelier test").exit_code == 0
    files = [
        answers_file(tmp_path, n, a) for n, a in (("alice", ALICE), ("bob", BOB), ("carol", CAROL))
    ]
    result = run("workshop", "add", path, *files)
    assert result.exit_code == 0, result.stderr
    return path


def participants(shipped: RuleBase, *answer_sets: dict[str, str]) -> list[Participant]:
    return [
        Participant(f"P{i}", checked_answers(shipped, a), "")
        for i, a in enumerate(answer_sets, start=1)
    ]


def test_group_weights_are_the_mean_of_each_participants_weights(shipped: RuleBase) -> None:
    from espaces_cli.core.engine import weigh

    people = participants(shipped, ALICE, BOB, CAROL)
    group = advise_group(shipped, "t", people)
    own = [weigh(shipped, p.answers)[0] for p in people]
    for criterion, weight in group.advice.weights:
        assert weight == pytest.approx(sum(w[criterion] for w in own) / 3)
    assert sum(w for _, w in group.advice.weights) == pytest.approx(1.0)


def test_knock_outs_apply_by_majority(shipped: RuleBase) -> None:
    # Carol (no project) and Dan (idea) rule the accelerator out; Alice does not: 2 of 3.
    dan = {**BOB, "stade": "idee"}
    group = advise_group(shipped, "t", participants(shipped, ALICE, CAROL, dan))
    set_aside = {e.excluded.space_type.id: e.count for e in group.exclusions}
    assert set_aside["accelerateur"] == 2
    assert "incubateur" not in set_aside  # only Carol has no project: 1 of 3
    assert "accelerateur" not in [r.space_type.id for r in group.advice.ranking]


def test_a_single_participant_works_and_consensus_is_not_applicable(shipped: RuleBase) -> None:
    group = advise_group(shipped, "t", participants(shipped, ALICE))
    assert group.kendall_w is None
    assert group.entropy is None
    assert group.agrees
    assert group.first_choices == (("P1", group.advice.winner.space_type.id),)  # type: ignore[union-attr]


def test_unanimous_group_agrees_with_full_consensus(shipped: RuleBase) -> None:
    group = advise_group(shipped, "t", participants(shipped, ALICE, ALICE, ALICE))
    assert group.agrees
    assert group.kendall_w == pytest.approx(1.0)
    assert group.entropy == 0.0
    assert group.borda_winner == group.condorcet == group.advice.winner.space_type.id  # type: ignore[union-attr]


def test_merged_checklist_counts_who_it_concerns(shipped: RuleBase) -> None:
    group = advise_group(shipped, "t", participants(shipped, ALICE, BOB, CAROL))
    counts = {c.item.text.fr: c.count for c in group.checklist}
    meeting = next(t for t in counts if t.startswith("Salles de réunion"))
    assert counts[meeting] == 1
    assert counts["Qui anime le lieu, combien de temps par semaine, et depuis quand ?"] == 3
    assert len(counts) == len(group.checklist), "each item once"


def test_report_json(session: str) -> None:
    result = run("workshop", "report", session, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["participants"] == ["alice", "bob", "carol"]
    assert document["rules"]["name"] == "espaces-fiche-04"
    assert {"kendall_w", "first_choice_entropy"} <= set(document["consensus"])
    assert (
        document["cross_checks"]["borda"]["winner"] in document["cross_checks"]["borda"]["points"]
    )
    assert len(document["disagreements"]["criteria"]) == 3
    assert [f["participant"] for f in document["first_choices"]] == ["alice", "bob", "carol"]
    assert all(p["participants"] <= 3 for p in document["checklist"])


def test_report_markdown_is_golden(session: str) -> None:
    result = run("workshop", "report", session, "--format", "markdown")
    assert result.exit_code == 0
    path = GOLDEN / "workshop.md"
    if os.environ.get("ESPACES_UPDATE_GOLDEN") == "1":
        path.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == path.read_text(encoding="utf-8")


def test_anonymous_report_hides_names(session: str) -> None:
    for fmt in ("terminal", "markdown", "html", "json"):
        out = run("workshop", "report", session, "--anonymous", "--format", fmt).stdout
        assert "alice" not in out
        assert "carol" not in out
        assert "P1" in out
        assert "P3" in out


def test_names_with_markup_stay_literal(tmp_path: Path) -> None:
    path = str(tmp_path / "s.yaml")
    run("workshop", "new", path, "--title", "<b>T</b>")
    for name in ("[red]rouge[/red]", "<script>alert(1)</script>", "**gras**"):
        file = answers_file(tmp_path, "x", ALICE)
        renamed = tmp_path / f"{name.replace('/', '_')}.yaml"
        Path(file).rename(renamed)
        assert run("workshop", "add", path, str(renamed)).exit_code == 0
    terminal = run("workshop", "report", path).stdout
    assert "[red]rouge[_red]" in terminal
    assert "<script>alert(1)<_script>" in terminal
    html = run("workshop", "report", path, "--format", "html").stdout
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;T&lt;_b" not in html
    assert "&lt;b&gt;T&lt;/b&gt;" in html
    markdown = run("workshop", "report", path, "--format", "markdown").stdout
    assert "&lt;script&gt;" in markdown
    assert "\\*\\*gras\\*\\*" in markdown
    assert "\\[red\\]rouge\\[" in markdown


def test_list_and_remove(session: str) -> None:
    listing = run("workshop", "list", session)
    assert "3 participants" in listing.stdout
    assert "bob" in listing.stdout
    document = json.loads(run("workshop", "list", session, "--format", "json").stdout)
    assert [p["name"] for p in document["participants"]] == ["alice", "bob", "carol"]
    assert run("workshop", "remove", session, "bob").exit_code == 0
    assert "bob" not in run("workshop", "list", session).stdout
    missing = run("workshop", "remove", session, "bob")
    assert missing.exit_code == 2
    assert "ne participe pas" in missing.stderr


def test_a_second_participant_with_the_same_name_is_refused(session: str, tmp_path: Path) -> None:
    again = answers_file(tmp_path, "alice", BOB)
    refused = run("workshop", "add", session, again)
    assert refused.exit_code == 2
    assert "--replace" in refused.stderr
    document = json.loads(run("workshop", "report", session, "--format", "json").stdout)
    assert document["participants"] == ["alice", "bob", "carol"]
    assert run("workshop", "add", session, again, "--replace").exit_code == 0
    saved = yaml.safe_load(Path(session).read_text("utf-8"))
    alice = next(p for p in saved["participants"] if p["name"] == "alice")
    assert alice["answers"]["stade"] == "idee"


def test_a_session_made_with_another_rule_base_is_refused_or_rescored(
    session: str, tmp_path: Path
) -> None:
    from rulebases import TINY

    other = tmp_path / "other.yaml"
    other.write_text(TINY, encoding="utf-8")
    text = Path(session).read_text("utf-8")
    sha = yaml.safe_load(text)["rules"]["sha256"]
    Path(session).write_text(text.replace(sha, "f" * 64), encoding="utf-8")
    refused = run("workshop", "report", session)
    assert refused.exit_code == 2
    assert "autre base de règles" in refused.stderr
    assert "--rules" in refused.stderr
    # with --rules, answers are re-checked against that base: these do not fit it
    rescored = run("workshop", "report", session, "--rules", str(other))
    assert rescored.exit_code == 2
    assert "Question inconnue « profil »" in rescored.stderr


def test_corrupted_session_names_the_line_and_is_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    text = (
        "espaces_workshop: 1\ntitle: x\nrules: {name: a, version: '1', sha256: abc}\n"
        "participants:\n  - name: alice\n    answers: {profil: [independant\n"
    )
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    for args in (["report"], ["list"], ["add", "--participant", "x"], ["remove", "alice"]):
        result = run("workshop", args[0], str(path), *args[1:])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{path}:7:1: session illisible")
        assert len(result.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before
    other = tmp_path / "o.yaml"
    other.write_text("title: pas une session\n", encoding="utf-8")
    result = run("workshop", "report", str(other))
    assert result.exit_code == 2
    assert "pas une session espaces" in result.stderr


def test_a_participant_with_bad_answers_is_named_with_its_line(
    tmp_path: Path, session: str
) -> None:
    text = Path(session).read_text("utf-8").replace('"budget": "minimal"', '"budget": "gratuit"')
    Path(session).write_text(text, encoding="utf-8")
    result = run("workshop", "report", session)
    assert result.exit_code == 2
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"name": "carol"' in row)
    assert result.stderr.startswith(f"{session}:{line}: carol : budget : « gratuit »")


def test_empty_session(tmp_path: Path) -> None:
    path = str(tmp_path / "s.yaml")
    run("workshop", "new", path)
    result = run("workshop", "report", path)
    assert result.exit_code == 2
    assert "session vide" in result.stderr
    assert run("workshop", "new", path).exit_code == 2


def test_add_without_terminal_or_files_explains(session: str) -> None:
    assert "Donnez --participant" in run("workshop", "add", session).stderr
    result = run("workshop", "add", session, "--participant", "dora")
    assert result.exit_code == 2
    assert "Pas de terminal" in result.stderr


CSV = """\
Horodateur,Nom,Qui êtes-vous ?,Que cherchez-vous dans ce lieu ?,Où en est votre projet ?,\
frequence,Pour combien de temps ?,budget,Où cherchez-vous ?,Vos remarques
2026/11/20 10:02:11,Alice,"Indépendant, freelance ou auto-entrepreneur",\
"Des salles de réunion;Sortir de l'isolement, une ambiance conviviale",\
Activité lancée depuis moins de 3 ans environ,reguliere,Quelques mois,modeste,grande_ville,RAS
2026/11/20 10:05:40,Bob,Porteur de projet ou créateur de start-up,accompagnement; financement,\
idee,"Régulièrement, 1 à 3 jours par semaine",longue,modeste,grande_ville,
2026/11/20 10:07:02,Chloé,Étudiant,bureau_mobile,sans_projet,reguliere,essai,gratuit,rural,
2026/11/20 10:09:30,Dan,etudiant,bureau_mobile;convivialite,sans_projet,reguliere,essai,minimal,\
rural,

2026/11/20 10:11:00,Eve,Martien,bureau_mobile,idee,reguliere,essai,minimal,rural,
"""


def test_realistic_csv_import_reports_bad_rows_and_keeps_the_rest(
    tmp_path: Path, session: str
) -> None:
    csv_path = tmp_path / "reponses.csv"
    csv_path.write_text(CSV.replace("Alice", "Alicia"), encoding="utf-8")
    result = run("workshop", "import", session, str(csv_path))
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert f"{csv_path}:1: colonne inconnue « Vos remarques » ignorée" in lines
    assert any(line.startswith(f"{csv_path}:4: Chloé : budget : « gratuit »") for line in lines)
    assert any(line.startswith(f"{csv_path}:7: Eve : profil : « Martien »") for line in lines)
    assert "3 participants importés" in lines[-1]
    saved = yaml.safe_load(Path(session).read_text("utf-8"))
    by_name = {p["name"]: p for p in saved["participants"]}
    assert by_name["Alicia"]["answers"]["besoins"] == ["salles_reunion", "convivialite"]
    assert by_name["Alicia"]["added_at"] == "2026/11/20 10:02:11"
    assert by_name["Bob"]["answers"]["frequence"] == "reguliere"  # by its label
    assert "Bob" in by_name
    assert "Dan" in by_name
    assert "Chloé" not in by_name


def test_csv_import_is_all_or_nothing_under_strict(tmp_path: Path, session: str) -> None:
    before = Path(session).read_bytes()
    csv_path = tmp_path / "reponses.csv"
    csv_path.write_text(CSV.replace("Alice", "Alicia").replace(",Bob,", ",Bobby,"), "utf-8")
    result = run("workshop", "import", session, str(csv_path), "--strict")
    assert result.exit_code == 2
    assert "rien n'a été importé" in result.stderr
    assert Path(session).read_bytes() == before


def test_csv_with_semicolons_and_duplicate_names(tmp_path: Path, session: str) -> None:
    text = (
        "participant;profil;besoins;stade;frequence;duree;budget;territoire\n"
        "alice;etudiant;bureau_mobile;idee;reguliere;essai;minimal;rural\n"
        'zoe;etudiant;"bureau_mobile;convivialite";idee;reguliere;essai;minimal;rural\n'
    )
    csv_path = tmp_path / "r.csv"
    csv_path.write_text(text, encoding="utf-8")
    result = run("workshop", "import", session, str(csv_path))
    assert result.exit_code == 0
    assert f"{csv_path}:2: alice : « alice » participe déjà" in result.stderr
    saved = yaml.safe_load(Path(session).read_text("utf-8"))
    zoe = next(p for p in saved["participants"] if p["name"] == "zoe")
    assert zoe["answers"]["besoins"] == ["bureau_mobile", "convivialite"]


def test_the_session_file_is_yaml_one_participant_per_line(session: str) -> None:
    text = Path(session).read_text("utf-8")
    data = yaml.safe_load(text)
    assert data["espaces_workshop"] == 1
    assert [p["name"] for p in data["participants"]] == ["alice", "bob", "carol"]
    lines = text.splitlines()
    start = lines.index("participants:")
    assert all(line.startswith('- {"name": ') for line in lines[start + 1 :])


def test_a_hand_edited_session_in_block_style_still_reads(session: str) -> None:
    data = yaml.safe_load(Path(session).read_text("utf-8"))
    data["participants"][0]["name"] = "alice-édité"
    Path(session).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    document = json.loads(run("workshop", "report", session, "--format", "json").stdout)
    assert document["participants"][0] == "alice-édité"
    assert run("workshop", "remove", session, "bob").exit_code == 0
    assert [
        p["name"] for p in yaml.safe_load(Path(session).read_text("utf-8"))["participants"]
    ] == ["alice-édité", "carol"]


def test_each_participants_first_choice_is_what_advise_recommends(shipped: RuleBase) -> None:
    from espaces_cli.core.engine import Engine, advise
    from espaces_cli.core.explore import sample_answers

    engine = Engine(shipped)
    for answers in sample_answers(shipped.questions, 1500, seed=11):
        profile = engine.profile(answers)
        advice = advise(shipped, answers)
        assert profile.first == advice.winner.space_type.id  # type: ignore[union-attr]
        assert dict(zip([c.id for c in shipped.criteria], profile.weights, strict=True)) == dict(
            advice.weights
        )
        assert profile.excluded == {e.space_type.id for e in advice.excluded}
