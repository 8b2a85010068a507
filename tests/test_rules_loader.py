"""Loading and validating rule bases: every problem at once, with file:line:col."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rulebases import MINIMAL

from espaces_cli.core.errors import RuleBaseError
from espaces_cli.rules.loader import load_rule_base

# Each level repeats the previous one ten times: a million values from a few lines.
ALIAS_BOMB = b"a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n" + b"".join(
    b"%s: &%s [%s]\n" % (name, name, b", ".join([b"*" + previous] * 10))
    for previous, name in zip(b"abcde", b"bcdef", strict=True)
    for previous, name in [(bytes([previous]), bytes([name]))]
)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "rules.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def problems(tmp_path: Path, text: str) -> list[str]:
    path = write(tmp_path, text)
    with pytest.raises(RuleBaseError) as caught:
        load_rule_base(path)
    prefix = path + ":"
    assert all(line.startswith(prefix) for line in caught.value.problems)
    return [line[len(prefix) :] for line in caught.value.problems]


def test_a_minimal_rule_base_loads(tmp_path: Path) -> None:
    base = load_rule_base(write(tmp_path, MINIMAL))
    assert [q.id for q in base.questions] == ["q", "m"]
    assert base.identity.name == "mini"
    assert len(base.identity.sha256) == 64


def test_the_shipped_rule_base_loads(shipped: object) -> None:
    assert shipped is not None


def test_yaml_syntax_error_gives_its_position(tmp_path: Path) -> None:
    assert problems(tmp_path, "name: [a\nversion: 1\n") == [
        "2:8: YAML illisible : virgule ou crochet fermant attendu ([ ouvert ligne 1, colonne 7)"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '  b: {label: {fr: "B"}}\n',
            '  b: {label: {fr: "B"}}\n  a: {label: {fr: "A2"}}\n',
            "6:3: criteria.a: clé « a » en double (déjà ligne 4)",
        ),
        (
            '    kind: one\n    label: {fr: "Q ?"}',
            '    kind: one\n    colour: red\n    label: {fr: "Q ?"}',
            "9:5: questions.q.colour: clé inconnue « colour »",
        ),
        (
            "    fit: {a: 4, b: 1}",
            "    fit: {a: 5, b: 1}",
            "27:14: space_types.t1.fit.a: valeur trop grande (limite : 4)",
        ),
        (
            "    fit: {a: 4, b: 1}",
            "    fit: {a: 4}",
            "27:10: space_types.t1.fit: adéquation manquante pour : b",
        ),
        (
            "    add: {a: 2}",
            "    add: {z: 2}",
            "21:11: weight_rules[0].add.z: critère inconnu « z »",
        ),
        (
            "{question: q, equals: x}",
            "{question: r, equals: x}",
            "20:22: weight_rules[0].when.question: question inconnue « r »",
        ),
        (
            "{question: q, equals: x}",
            "{question: q, equals: z}",
            "20:33: weight_rules[0].when.equals: « z » n'est pas un choix de q (x, y)",
        ),
        (
            "{question: q, equals: x}",
            "{question: q, contains: x}",
            "20:25: weight_rules[0].when.contains: « contains » s'applique aux questions à choix "
            "multiples ; q est à choix unique",
        ),
        (
            "{question: q, equals: x}",
            "{question: m, equals: u}",
            "20:25: weight_rules[0].when.equals: « equals » s'applique aux questions à choix "
            "unique ; pour m (choix multiples), utilisez contains",
        ),
        (
            '    summary: {fr: "Le premier"}',
            '    summary: {en: "The first"}',
            "26:14: space_types.t1.summary: texte français (fr) manquant",
        ),
        (
            '    summary: {fr: "Le premier"}',
            "",
            "24:3: space_types.t1: champ obligatoire « summary » manquant",
        ),
        (
            '      y: {fr: "Y"}',
            '      no: {fr: "Non"}',
            "12:7: questions.q.choices.no: la clé « no » n'est pas lue comme un texte par YAML "
            '(booléen ou nombre) : mettez-la entre guillemets, "no"',
        ),
        (
            "- id: qx",
            "- id: 010",
            "19:9: weight_rules[0].id: la valeur « 010 » n'est pas lue comme un texte par YAML "
            '(booléen ou nombre) : mettez-la entre guillemets, "010"',
        ),
        (
            "- id: qx",
            "- id: on",
            "19:9: weight_rules[0].id: la valeur « on » n'est pas lue comme un texte par YAML "
            '(booléen ou nombre) : mettez-la entre guillemets, "on"',
        ),
        (
            "  m:\n    kind: several",
            "  m:\n    when: {question: m, contains: u}\n    kind: several",
            "14:22: questions.m.when.question: « m » n'est pas posée avant cette question : "
            "la condition ne peut pas être évaluée",
        ),
    ],
)
def test_each_planted_mistake_is_reported_where_it_is(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in MINIMAL
    assert problems(tmp_path, MINIMAL.replace(old, new, 1)) == [expected]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("fit: {a: 4, b: 1}", "fit: {a: 9, b: 1}")
        .replace("    kind: one\n", "    kind: one\n    extra: 1\n")
        .replace('version: "1"\n', "")
    )
    found = problems(tmp_path, text)
    assert len(found) == 3
    assert any("champ obligatoire « version » manquant" in line for line in found)
    assert any("clé inconnue « extra »" in line for line in found)
    assert any("valeur trop grande" in line for line in found)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01binary", "fichier binaire"),
        ("name: café\n".encode("latin-1"), "n'est pas en UTF-8"),
        (b"- just\n- a list\n", "le fichier doit être une table"),
        (
            ALIAS_BOMB,
            "alias imbriqués",
        ),
        (b"a: " + b"[" * 200 + b"]" * 200 + b"\n", "imbrication trop profonde"),
        # found by scripts/fuzz.py: an unknown tag used to give a two-line message
        (b"name: !eut_outils x\n", "étiquette YAML « !eut_outils » non permise"),
        (b"name: !!python/object:os.system x\n", "non permise"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(RuleBaseError) as caught:
        load_rule_base(str(path))
    assert len(caught.value.problems) == 1
    assert message in caught.value.problems[0]


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(RuleBaseError, match="introuvable"):
        load_rule_base(str(tmp_path / "nope.yaml"))
    with pytest.raises(RuleBaseError, match="est un dossier"):
        load_rule_base(str(tmp_path))


def test_oversized_file_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (6 * 1024 * 1024))
    with pytest.raises(RuleBaseError, match="trop gros"):
        load_rule_base(str(path))


def test_cache_returns_the_same_rule_base_and_ignores_junk(tmp_path: Path) -> None:
    rules = write(tmp_path, MINIMAL)
    cache_dir = tmp_path / "cache"
    first = load_rule_base(rules, cache_dir=str(cache_dir))
    entries = list(cache_dir.glob("rules-*.json"))
    assert len(entries) == 1
    assert load_rule_base(rules, cache_dir=str(cache_dir)) == first
    entries[0].write_bytes(b"not an entry")
    assert load_rule_base(rules, cache_dir=str(cache_dir)) == first
    # an edit changes the key: the edited file is validated again, not read from the cache
    Path(rules).write_text(MINIMAL.replace("fit: {a: 4, b: 1}", "fit: {a: 7, b: 1}"), "utf-8")
    with pytest.raises(RuleBaseError) as caught:
        load_rule_base(rules, cache_dir=str(cache_dir))
    assert "valeur trop grande" in caught.value.problems[0]


def test_a_section_of_the_wrong_shape_gives_one_line_per_problem(tmp_path: Path) -> None:
    # found by scripts/fuzz.py: criteria turned into a block string
    text = MINIMAL.replace("criteria:\n", "criteria:\n|\n", 1)
    found = problems(tmp_path, text)
    assert found
    assert all("\n" not in line for line in found)
    assert not any("adéquation manquante" in line for line in found)
