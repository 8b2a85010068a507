"""Interactive runs: resumed answers are numbered and reopened, older recoveries set aside,
participants named with French elision."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from espaces_cli.cli.environment import Environment
from espaces_cli.cli.resume import (
    kept_summary,
    pending_notice,
    recovery_header,
    set_aside,
)
from espaces_cli.core.answers import BACK, Prompt, parse_answers, resolve_answers
from espaces_cli.core.errors import UsageError
from espaces_cli.core.model import RuleBase

KEPT = {"profil": "etudiant", "nature_projet": "ne_sait_pas", "besoins": "bureau_mobile"}


def test_kept_answers_keep_the_numbering(shipped: RuleBase) -> None:
    given = parse_answers(shipped, KEPT)
    seen: list[tuple[str, int, int, bool]] = []

    def ask(prompt: Prompt) -> object:
        seen.append((prompt.question.id, prompt.number, prompt.total, prompt.can_go_back))
        return prompt.preset if prompt.preset is not None else prompt.question.choices[0].id

    resolve_answers(shipped, given, ask, no_input_hint="", kept=list(given))  # type: ignore[arg-type]
    assert seen[0] == ("stade", 4, 10, True)
    assert [s[1] for s in seen] == list(range(4, 11))
    assert all(total == 10 for _, _, total, _ in seen)


def test_without_kept_the_given_answers_are_not_counted(shipped: RuleBase) -> None:
    given = parse_answers(shipped, KEPT)
    seen: list[tuple[int, int, bool]] = []

    def ask(prompt: Prompt) -> object:
        seen.append((prompt.number, prompt.total, prompt.can_go_back))
        return prompt.preset if prompt.preset is not None else prompt.question.choices[0].id

    resolve_answers(shipped, given, ask, no_input_hint="")  # type: ignore[arg-type]
    assert seen[0] == (1, 7, False)


def test_going_back_reopens_kept_answers_with_them_offered(shipped: RuleBase) -> None:
    given = parse_answers(shipped, KEPT)
    script = iter([BACK, BACK, "innovant", None, "idee"])
    seen: list[tuple[str, int, object]] = []

    def ask(prompt: Prompt) -> object:
        seen.append((prompt.question.id, prompt.number, prompt.preset))
        step = next(script, "rest")
        if step is None:  # keep what is offered
            return prompt.preset
        if step == "rest":
            return prompt.preset if prompt.preset is not None else prompt.question.choices[0].id
        return step

    answers = resolve_answers(
        shipped,
        given,
        ask,  # type: ignore[arg-type]
        no_input_hint="",
        kept=list(given),
    ).answers
    assert seen[:5] == [
        ("stade", 4, None),
        ("besoins", 3, ("bureau_mobile",)),
        ("nature_projet", 2, "ne_sait_pas"),
        ("besoins", 3, ("bureau_mobile",)),
        ("stade", 4, None),
    ]
    assert answers["nature_projet"] == "innovant"
    assert answers["besoins"] == ("bureau_mobile",)
    assert answers["profil"] == "etudiant"


def test_an_answer_given_on_the_line_is_not_a_kept_one(shipped: RuleBase) -> None:
    given = parse_answers(shipped, KEPT)
    seen: list[tuple[str, int]] = []

    def ask(prompt: Prompt) -> object:
        seen.append((prompt.question.id, prompt.number))
        return prompt.question.choices[0].id if prompt.question.kind == "one" else ("rencontres",)

    resolve_answers(shipped, given, ask, no_input_hint="", kept=["profil"])  # type: ignore[arg-type]
    # profil kept (counted), nature_projet and besoins given: not asked, not counted
    assert seen[0] == ("stade", 2)


def test_the_summary_names_each_kept_answer_by_its_labels(shipped: RuleBase) -> None:
    given = parse_answers(shipped, KEPT)
    text = kept_summary(shipped, given, ["profil", "besoins"])
    lines = text.splitlines()
    assert lines[0] == "Reprise : 2 réponses gardées (revenez en arrière pour en changer) :"
    assert lines[1] == "  • Qui êtes-vous ? Étudiant"
    assert lines[2].startswith("  • Que cherchez-vous dans ce lieu ? Un bureau mobile")
    assert len(lines) == 3
    one = kept_summary(shipped, given, ["profil"]).splitlines()[0]
    assert one == "Reprise : 1 réponse gardée (revenez en arrière pour la changer) :"


def test_a_pending_resume_is_one_line(tmp_path: Path) -> None:
    env = Environment(variables={"ESPACES_STATE_DIR": str(tmp_path)})
    assert pending_notice(env) is None
    (tmp_path / "reprise.yaml").write_text("answers: {}\n", encoding="utf-8")
    notice = pending_notice(env)
    assert notice == (
        "Questionnaire interrompu en attente : reprenez-le avec espaces advise --resume."
    )


def test_an_older_recovery_is_set_aside_under_a_free_name(tmp_path: Path) -> None:
    path = tmp_path / "reprise.yaml"
    assert set_aside(str(path), None) is None
    old = recovery_header() + "answers:\n  profil: etudiant\n"
    path.write_text(old, encoding="utf-8")
    (tmp_path / "reprise-1.yaml").write_text("someone else's\n", encoding="utf-8")
    aside = set_aside(str(path), None)
    assert aside == str(tmp_path / "reprise-2.yaml")
    assert (tmp_path / "reprise-1.yaml").read_text(encoding="utf-8") == "someone else's\n"
    copy = Path(aside).read_text(encoding="utf-8")
    assert f"#   espaces advise --resume {aside}\n" in copy
    assert yaml.safe_load(copy) == {"answers": {"profil": "etudiant"}}
    assert path.read_text(encoding="utf-8") == old, "the original stays until replaced"


def test_the_recovery_being_resumed_is_not_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "reprise.yaml"
    path.write_text(recovery_header(), encoding="utf-8")
    assert set_aside(str(path), str(path)) is None
    assert set_aside(str(path), str(tmp_path / "other.yaml")) is not None


def test_a_strange_folder_name_stays_one_comment_line(tmp_path: Path) -> None:
    folder = tmp_path / "a b\nanswers: {profil: fab}"
    folder.mkdir()
    path = folder / "reprise.yaml"
    path.write_text(recovery_header() + "answers:\n  profil: etudiant\n", encoding="utf-8")
    aside = set_aside(str(path), None)
    assert aside is not None
    copy = Path(aside).read_text(encoding="utf-8")
    assert yaml.safe_load(copy) == {"answers": {"profil": "etudiant"}}
    assert copy.count("\n") == path.read_text(encoding="utf-8").count("\n")


def test_french_elision_before_a_name() -> None:
    from espaces_cli.cli.workshop import elides

    for name in ("Alice", "Éric", "Hélène", "Yves", "inès", "Œdipe"):
        assert elides(name), name
    for name in ("Bob", "Zoé", "", "  ", "42", "Clément"):
        assert not elides(name), name


def test_a_set_aside_recovery_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "reprise.yaml"
    path.write_text(recovery_header(), encoding="utf-8")
    path.chmod(0o600)
    aside = set_aside(str(path), None)
    assert aside is not None
    assert Path(aside).stat().st_mode & 0o777 == 0o600


def test_an_older_recovery_too_big_to_be_answers_is_left_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "reprise.yaml"
    path.write_bytes(b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    with pytest.raises(UsageError) as refused:
        set_aside(str(path), None)
    assert str(refused.value) == f"{path}: fichier trop gros (plus de 1 Mo)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reprise.yaml"]
