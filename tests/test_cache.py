"""The rule-base cache: whatever stands in the cache folder, a run is right, quick and safe.

Attacks are replayed where a user meets them: the installed ``espaces`` command, with
``ESPACES_CACHE_DIR`` pointing at a folder the test has prepared. The converter and the
entry format are checked in-process.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import os
import pickle
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Any, get_args

import pytest
from conftest import STUDENT, flags
from hypothesis import given, settings
from hypothesis import strategies as st

from espaces_cli import __version__
from espaces_cli.core.model import (
    AllOf,
    AnyOf,
    BudgetCeiling,
    Choice,
    Cost,
    Criterion,
    Exclusion,
    Fact,
    Guarded,
    Leaf,
    Localized,
    Need,
    Not,
    Operator,
    Pointer,
    Question,
    RuleBase,
    RuleBaseId,
    SpaceType,
    WeightRule,
)
from espaces_cli.rules import cache
from espaces_cli.rules import plain as plain_values
from espaces_cli.rules.loader import load_rule_base, read_source

ESPACES = str(Path(sys.executable).parent / "espaces")
# Every question answered, so that the run has nothing to say on stderr.
WHOLE_STUDENT = {
    **STUDENT,
    "nature_projet": "ne_sait_pas",
    "secteur": "",
    "confidentialite": "normale",
}
ADVISE = ("advise", "--no-input", *flags(WHOLE_STUDENT), "--format", "json")
SHIPPED_BYTES = read_source(None).data
SHIPPED_SHA = hashlib.sha256(SHIPPED_BYTES).hexdigest()
KEY = cache.key_for(SHIPPED_BYTES)
TRAP = "Lieu piégé"


def advise(cache_dir: Path | str) -> subprocess.CompletedProcess[str]:
    """Run the installed command; a hang fails the test instead of the whole run."""
    return subprocess.run(
        [ESPACES, *ADVISE],
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, "ESPACES_CACHE_DIR": str(cache_dir)},
    )


@pytest.fixture(scope="module")
def expected() -> str:
    """The report of a run that never touches a cache."""
    result = advise("")
    assert result.returncode == 0, result.stderr
    assert TRAP not in result.stdout
    return result.stdout


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "cache"
    path.mkdir(mode=0o700)
    return path


def pathless(rule_base: RuleBase) -> RuleBase:
    """What an entry holds: everything but where the file was read from."""
    return replace(rule_base, identity=replace(rule_base.identity, path=None))


def trapped(rule_base: RuleBase) -> RuleBase:
    """The shipped rule base with the type recommended to STUDENT renamed."""
    types = tuple(
        replace(t, label=Localized(TRAP)) if t.id == "tiers_lieu" else t
        for t in rule_base.space_types
    )
    return replace(rule_base, space_types=types)


def entry(folder: Path) -> Path:
    return folder / KEY.file_name


def secret(folder: Path) -> bytes:
    return (folder / cache.SECRET_NAME).read_bytes()


def plant(path: Path, data: bytes) -> None:
    """Put a file where an entry is looked for, as the user's own, private file."""
    path.write_bytes(data)
    path.chmod(0o600)


def sealed(folder: Path, body: bytes) -> bytes:
    """``body`` sealed with the folder's own secret, as only its owner can."""
    return cache.seal(secret(folder), body) + b"\n" + body


def entry_body(rule_base: RuleBase) -> dict[str, Any]:
    """An entry's JSON for the shipped bytes, before it is sealed."""
    return {
        "format": 1,
        "program": KEY.program,
        "sha256": KEY.sha256,
        "rule_base": plain_values.to_plain(rule_base),
    }


def holds_the_shipped_base(folder: Path, shipped: RuleBase) -> bool:
    """Whether the entry was (re)written valid for the shipped rule base."""
    return cache.load(str(folder), KEY) == pathless(shipped)


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mode, p.read_bytes()) for p in sorted(folder.iterdir())}


# --- code execution --------------------------------------------------------------------------


class _Marker:
    """A pickle payload: unpickling it creates ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (self.path, "w"))


def pickle_cache_name(data: bytes) -> str:
    """The file the pickle cache loaded for these bytes (its key, as it computed it)."""
    digest = hashlib.sha256(__version__.encode())
    for package, name in (
        ("espaces_cli.core", "model.py"),
        ("espaces_cli.rules", "loader.py"),
        ("espaces_cli.rules", "schema.py"),
        ("espaces_cli", "yaml_nodes.py"),
    ):
        digest.update(files(package).joinpath(name).read_bytes())
    digest.update(data)
    return f"rules-{digest.hexdigest()}.pickle"


def test_planted_pickles_never_run(
    folder: Path, tmp_path: Path, expected: str, shipped: RuleBase
) -> None:
    marker = tmp_path / "code-ran"
    payload = pickle.dumps(_Marker(marker))
    plant(folder / pickle_cache_name(SHIPPED_BYTES), payload)
    plant(entry(folder), payload)
    result = advise(folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    assert not marker.exists()
    # even sealed with the user's own secret, a pickle is not JSON: a miss, then rewritten
    plant(entry(folder), sealed(folder, payload))
    result = advise(folder)
    assert (result.returncode, result.stdout) == (0, expected)
    assert not marker.exists()
    assert holds_the_shipped_base(folder, shipped)


# --- a swapped rule base ---------------------------------------------------------------------


def _foreign_secret(folder: Path, rule_base: RuleBase) -> bytes:
    return cache.encode_entry(KEY, rule_base, os.urandom(cache.SECRET_BYTES))


def _unsealed(folder: Path, rule_base: RuleBase) -> bytes:
    return json.dumps(entry_body(rule_base)).encode()


def _other_bytes(folder: Path, rule_base: RuleBase) -> bytes:
    other = cache.key_for(SHIPPED_BYTES + b"\n# edited\n")
    return cache.encode_entry(other, rule_base, secret(folder))


def _other_program(folder: Path, rule_base: RuleBase) -> bytes:
    return cache.encode_entry(replace(KEY, program="0" * 64), rule_base, secret(folder))


@pytest.mark.parametrize(
    "forge", [_foreign_secret, _unsealed, _other_bytes, _other_program], ids=lambda f: f.__name__
)
def test_a_planted_entry_is_refused_unless_sealed_for_these_bytes_and_this_program(
    forge: Any, folder: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, shipped)  # the user's own secret now exists
    plant(entry(folder), forge(folder, trapped(shipped)))
    result = advise(folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    assert holds_the_shipped_base(folder, shipped)


def test_the_sha256_reported_is_the_one_of_the_bytes_read(folder: Path, shipped: RuleBase) -> None:
    # Only the user (or root) can seal an entry: theirs is trusted for its content, never for
    # the identity of the rule base, which comes from the bytes read.
    lying = replace(trapped(shipped), identity=RuleBaseId("autre", "9", "f" * 64, "/ailleurs"))
    cache.store(str(folder), KEY, lying)
    result = advise(folder)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert TRAP in result.stdout
    assert report["rules"]["sha256"] == SHIPPED_SHA
    loaded = load_rule_base(None, cache_dir=str(folder))
    assert loaded.identity.sha256 == SHIPPED_SHA
    assert loaded.identity.path == read_source(None).display


# --- folders and files that others control ---------------------------------------------------


def _open_to_all(folder: Path) -> None:
    folder.chmod(0o777)


def _open_to_group(folder: Path) -> None:
    folder.chmod(0o770)


def _owned_by_another_user(folder: Path) -> None:
    os.chown(folder, 12345, 12345)


@pytest.mark.parametrize(
    "expose", [_open_to_all, _open_to_group, _owned_by_another_user], ids=lambda f: f.__name__
)
def test_a_folder_not_ours_alone_is_neither_read_nor_written(
    expose: Any, folder: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, trapped(shipped))
    assert cache.load(str(folder), KEY) == pathless(trapped(shipped))  # read while private
    expose(folder)
    before = snapshot(folder)
    result = advise(folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    assert snapshot(folder) == before


def test_no_cache_is_started_in_a_folder_others_can_write(tmp_path: Path, expected: str) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    result = advise(folder)
    assert (result.returncode, result.stdout) == (0, expected)
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "mode"), [("entry", 0o666), ("entry", 0o620), ("secret", 0o644), ("secret", 0o640)]
)
def test_a_file_others_can_touch_is_not_trusted_and_is_replaced(
    name: str, mode: int, folder: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, trapped(shipped))
    path = entry(folder) if name == "entry" else folder / cache.SECRET_NAME
    path.chmod(mode)
    result = advise(folder)
    assert (result.returncode, result.stdout) == (0, expected)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert holds_the_shipped_base(folder, shipped)


def test_a_new_cache_folder_and_its_files_are_private(tmp_path: Path, shipped: RuleBase) -> None:
    folder = tmp_path / "new" / "espaces"
    assert load_rule_base(None, cache_dir=str(folder)) == shipped
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in folder.iterdir()} == {
        cache.SECRET_NAME: 0o600,
        KEY.file_name: 0o600,
    }


# --- what is not a regular file --------------------------------------------------------------


@pytest.mark.parametrize("name", ["entry", "secret"])
def test_a_fifo_never_hangs_a_run_and_is_left_alone(
    name: str, folder: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, shipped)
    path = entry(folder) if name == "entry" else folder / cache.SECRET_NAME
    path.unlink()
    os.mkfifo(path, 0o600)
    result = advise(folder)  # times out, and fails, if the FIFO is opened for a blocking read
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    assert stat.S_ISFIFO(path.lstat().st_mode)


def test_a_fifo_holding_a_valid_entry_is_not_read(folder: Path, shipped: RuleBase) -> None:
    cache.store(str(folder), KEY, trapped(shipped))
    valid = entry(folder).read_bytes()
    entry(folder).unlink()
    os.mkfifo(entry(folder), 0o600)
    writer = os.open(entry(folder), os.O_RDWR | os.O_NONBLOCK)
    try:
        fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, 1 << 20)
        assert os.write(writer, valid) == len(valid)
        assert cache.load(str(folder), KEY) is None
        assert os.read(writer, len(valid) + 1) == valid  # still there: nothing was read
    finally:
        os.close(writer)


@pytest.mark.parametrize("name", ["entry", "secret"])
def test_a_symlink_is_not_followed_and_is_left_alone(
    name: str, folder: Path, tmp_path: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, trapped(shipped))
    path = entry(folder) if name == "entry" else folder / cache.SECRET_NAME
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(path.read_bytes())
    elsewhere.chmod(0o600)
    path.unlink()
    path.symlink_to(elsewhere)
    content = elsewhere.read_bytes()
    result = advise(folder)
    assert (result.returncode, result.stdout) == (0, expected)
    assert path.is_symlink()
    assert path.readlink() == elsewhere
    assert elsewhere.read_bytes() == content


def test_a_folder_under_the_entry_name_is_a_miss(
    folder: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, shipped)
    entry(folder).unlink()
    entry(folder).mkdir()
    result = advise(folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    assert entry(folder).is_dir()


# --- broken entries --------------------------------------------------------------------------


def _truncated(folder: Path, valid: bytes) -> bytes:
    return valid[: len(valid) // 2]


def _garbage(folder: Path, valid: bytes) -> bytes:
    return b"\x00\xff garbage \n{]"


def _empty(folder: Path, valid: bytes) -> bytes:
    return b""


def _resealed(folder: Path, valid: bytes, edit: Any) -> bytes:
    """Change the body, then seal it again: only the decoder can refuse it."""
    body = json.loads(valid.partition(b"\n")[2])
    edit(body)
    return sealed(folder, json.dumps(body, allow_nan=True).encode())


def _nan(folder: Path, valid: bytes) -> bytes:
    def edit(body: dict[str, Any]) -> None:
        body["rule_base"]["weight_rules"][0]["add"][0][1] = float("nan")

    return _resealed(folder, valid, edit)


def _overflowing_number(folder: Path, valid: bytes) -> bytes:
    def edit(body: dict[str, Any]) -> None:
        body["rule_base"]["weight_rules"][0]["add"][0][1] = 123456.5

    text = _resealed(folder, valid, edit).partition(b"\n")[2]
    return sealed(folder, text.replace(b"123456.5", b"1e999", 1))  # read as infinity


def _wrong_version(folder: Path, valid: bytes) -> bytes:
    return _resealed(folder, valid, lambda body: body.update(format=2))


def _wrong_type(folder: Path, valid: bytes) -> bytes:
    def edit(body: dict[str, Any]) -> None:
        body["rule_base"]["space_types"][0]["fit"][0][1] = "4"

    return _resealed(folder, valid, edit)


def _missing_key(folder: Path, valid: bytes) -> bytes:
    return _resealed(folder, valid, lambda body: body["rule_base"].pop("criteria"))


def _oversized(folder: Path, valid: bytes) -> bytes:
    body = valid.partition(b"\n")[2] + b" " * cache.MAX_ENTRY_BYTES  # JSON, once whitespace ends
    return sealed(folder, body)


@pytest.mark.parametrize(
    "breakage",
    [
        _truncated,
        _garbage,
        _empty,
        _nan,
        _overflowing_number,
        _wrong_version,
        _wrong_type,
        _missing_key,
        _oversized,
    ],
    ids=lambda f: f.__name__,
)
def test_a_broken_entry_is_a_miss_then_rewritten(
    breakage: Any, folder: Path, expected: str, shipped: RuleBase
) -> None:
    cache.store(str(folder), KEY, trapped(shipped))
    plant(entry(folder), breakage(folder, entry(folder).read_bytes()))
    result = advise(folder)
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")
    assert holds_the_shipped_base(folder, shipped)


def test_the_broken_entries_are_refused_by_the_decoder_alone(
    folder: Path, shipped: RuleBase
) -> None:
    # the resealed breakages pass the seal: each must be refused by what it holds
    cache.store(str(folder), KEY, shipped)
    valid = entry(folder).read_bytes()
    assert cache.decode_entry(valid, KEY, secret(folder)) == pathless(shipped)
    for breakage in (_nan, _overflowing_number, _wrong_version, _wrong_type, _missing_key):
        with pytest.raises(cache.CacheMiss):
            cache.decode_entry(breakage(folder, valid), KEY, secret(folder))


# --- stale temporary files -------------------------------------------------------------------


def test_temp_files_a_killed_run_left_are_swept_when_old(folder: Path, shipped: RuleBase) -> None:
    old = folder / f"{cache.TEMP_PREFIX}killed{cache.TEMP_SUFFIX}"
    fresh = folder / f"{cache.TEMP_PREFIX}writing{cache.TEMP_SUFFIX}"
    unrelated = folder / "notes.tmp"
    for path in (old, fresh, unrelated):
        path.write_bytes(b"partial")
    two_hours_ago = time.time() - 7200
    for path in (old, unrelated):
        os.utime(path, (two_hours_ago, two_hours_ago))
    cache.store(str(folder), KEY, shipped)
    assert not old.exists()
    assert fresh.exists()
    assert unrelated.exists()


# --- where the cache lives -------------------------------------------------------------------


def test_the_environment_chooses_the_folder() -> None:
    assert cache.default_dir({"ESPACES_CACHE_DIR": ""}) is None
    assert cache.default_dir({"ESPACES_CACHE_DIR": "/c", "XDG_CACHE_HOME": "/x"}) == "/c"
    assert cache.default_dir({"XDG_CACHE_HOME": "/x"}) == "/x/espaces"
    assert cache.default_dir({"HOME": "/h"}) == "/h/.cache/espaces"


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    import pwd

    def no_entry(uid: int) -> object:
        raise KeyError(uid)

    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    assert cache.default_dir({}) is None
    assert cache.default_dir({"XDG_CACHE_HOME": "/x"}) == "/x/espaces"


NO_PASSWD_RUN = """
import pwd, sys

def no_entry(uid):
    raise KeyError(uid)

pwd.getpwuid = no_entry
from espaces_cli.cli import app
sys.argv = ["espaces", *sys.argv[1:]]
app()
"""


def test_a_run_without_home_nor_passwd_entry_works(expected: str) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("HOME", "XDG_CACHE_HOME", "ESPACES_CACHE_DIR")
    }
    result = subprocess.run(
        [sys.executable, "-c", NO_PASSWD_RUN, *ADVISE],
        capture_output=True,
        text=True,
        timeout=20,
        env=env,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


# --- speed: a hit is JSON and the core model only --------------------------------------------

IMPORTS = (
    "import sys; from espaces_cli.rules.loader import load_rule_base; "
    "load_rule_base(None, cache_dir=sys.argv[1]); load_rule_base(None, cache_dir=sys.argv[1]); "
    "print('pydantic' in sys.modules, 'yaml' in sys.modules, "
    "'espaces_cli.rules.schema' in sys.modules)"
)


def test_a_cache_hit_imports_neither_pydantic_nor_yaml(folder: Path) -> None:
    def loaded() -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", IMPORTS, str(folder)],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.split()

    assert loaded() == ["True", "True", "True"]  # the first run validates, then keeps
    assert loaded() == ["False", "False", "False"]


# --- the converter ---------------------------------------------------------------------------


def t(fr: str, **translations: str) -> Localized:
    return Localized(fr, tuple(translations.items()))


def every_feature() -> RuleBase:
    """A small rule base using every kind of value an entry must carry."""
    first = Leaf("q1", "equals", ("a",))
    several = Leaf("q2", "contains", ("x", "y"))
    return RuleBase(
        identity=RuleBaseId("petite", "2.1", "a" * 64),
        criteria=(Criterion("c1", t("Un", en="One")), Criterion("c2", t("Deux"), t("aide"))),
        questions=(
            Question("q1", "one", t("Q1", en="Q one"), None, (Choice("a", t("A")),), default="a"),
            Question(
                "q2",
                "several",
                t("Q2"),
                t("aide", de="Hilfe", en="help"),
                (Choice("x", t("X")), Choice("y", t("Y"))),
                when=Not(first),
                min_choices=1,
                default=("x", "y"),
            ),
        ),
        weight_rules=(
            WeightRule(
                "r1", AllOf((first, AnyOf((several, Not(several))))), (("c1", 2.5),), t("b")
            ),
            WeightRule("r2", None, (("c1", 1.0), ("c2", -0.25)), t("b2", en="b2")),
        ),
        space_types=(
            SpaceType(
                "s1",
                t("S1"),
                t("s1"),
                {"c1": 4, "c2": 0},
                exclude_if=(Exclusion(first, t("non", en="no")),),
                advantages=(Guarded(t("plus")), Guarded(t("plus2"), several)),
                precautions=(Guarded(t("p")), Guarded(t("p2"), several)),
                checklist=(Guarded(t("c"), AnyOf(()), "c_id"),),
                facts=(Fact(t("f", en="f"), "INSEE", 2023),),
                cost=Cost(0, 50),
            ),
            SpaceType("s2", t("S2"), t("s2"), {"c2": 1, "c1": 3}),
        ),
        general_precautions=(Guarded(t("g"), first),),
        general_checklist=(Guarded(t("gc")),),
        needs=(Need("n1", several, "c1", 2, t("n")),),
        budget_ceiling=BudgetCeiling("q1", (("a", 50),)),
        pointers=(Pointer("p1", t("P"), t("p"), "https://example.org", first),),
    )


def round_trip(rule_base: RuleBase) -> RuleBase:
    key = cache.Key(cache.program_key(), rule_base.identity.sha256)
    secret = b"s" * cache.SECRET_BYTES
    return cache.decode_entry(cache.encode_entry(key, rule_base, secret), key, secret)


def test_round_trip_is_exact_for_the_shipped_and_a_small_rule_base(shipped: RuleBase) -> None:
    for rule_base in (shipped, every_feature()):
        back = round_trip(rule_base)
        assert back == pathless(rule_base)
        assert [t.fit for t in back.space_types] == [t.fit for t in rule_base.space_types]
        assert [list(t.fit) for t in back.space_types] == [
            list(t.fit) for t in rule_base.space_types
        ]


IDS = st.text("abcxyz_", min_size=1, max_size=4)
TEXTS = st.builds(
    Localized,
    st.text(max_size=6),
    st.lists(st.tuples(st.sampled_from(["en", "de"]), st.text(max_size=6)), max_size=2).map(tuple),
)
CONDITIONS = st.recursive(
    st.builds(Leaf, IDS, st.sampled_from(get_args(Operator)), st.lists(IDS, max_size=3).map(tuple)),
    lambda inner: st.one_of(
        st.builds(AllOf, st.lists(inner, max_size=3).map(tuple)),
        st.builds(AnyOf, st.lists(inner, max_size=3).map(tuple)),
        st.builds(Not, inner),
    ),
    max_leaves=6,
)
WHEN = st.none() | CONDITIONS
GUARDED = st.lists(st.builds(Guarded, TEXTS, WHEN), max_size=2).map(tuple)
RULE_BASES = st.builds(
    RuleBase,
    identity=st.builds(RuleBaseId, st.text(max_size=5), st.text(max_size=5), st.just("b" * 64)),
    criteria=st.lists(st.builds(Criterion, IDS, TEXTS, st.none() | TEXTS), max_size=3).map(tuple),
    questions=st.lists(
        st.builds(
            Question,
            id=IDS,
            kind=st.sampled_from(["one", "several"]),
            label=TEXTS,
            help=st.none() | TEXTS,
            choices=st.lists(st.builds(Choice, IDS, TEXTS), max_size=3).map(tuple),
            when=WHEN,
            min_choices=st.integers(0, 3),
            default=st.none() | IDS | st.lists(IDS, max_size=2).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    weight_rules=st.lists(
        st.builds(
            WeightRule,
            IDS,
            WHEN,
            st.lists(
                st.tuples(IDS, st.floats(allow_nan=False, allow_infinity=False)), max_size=2
            ).map(tuple),
            TEXTS,
        ),
        max_size=3,
    ).map(tuple),
    space_types=st.lists(
        st.builds(
            SpaceType,
            id=IDS,
            label=TEXTS,
            summary=TEXTS,
            fit=st.dictionaries(IDS, st.integers(0, 4), max_size=3),
            exclude_if=st.lists(st.builds(Exclusion, CONDITIONS, TEXTS), max_size=2).map(tuple),
            advantages=GUARDED,
            precautions=GUARDED,
            checklist=GUARDED,
            facts=st.lists(
                st.builds(Fact, TEXTS, st.text(max_size=5), st.integers(-3000, 3000)), max_size=2
            ).map(tuple),
        ),
        max_size=3,
    ).map(tuple),
    general_precautions=GUARDED,
    general_checklist=GUARDED,
)


@settings(max_examples=150, deadline=None)
@given(RULE_BASES)
def test_round_trip_is_exact_for_generated_rule_bases(rule_base: RuleBase) -> None:
    assert round_trip(rule_base) == rule_base


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=10,
)


def places(value: object, path: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every place in a JSON value, as the keys and indexes leading to it."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from places(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from places(item, (*path, index))


SMALL_PLAIN = plain_values.to_plain(every_feature())
SMALL_PLACES = list(places(SMALL_PLAIN))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(SMALL_PLACES), JSON, st.sampled_from(["replace", "drop", "add"]))
def test_any_foreign_shape_is_a_miss_never_an_error(
    path: tuple[Any, ...], new: object, how: str
) -> None:
    plain: Any = copy.deepcopy(SMALL_PLAIN)
    parent = plain
    for part in path[:-1]:
        parent = parent[part]
    if not path:
        plain = new
    elif how == "replace":
        parent[path[-1]] = new
    elif how == "drop":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[f"{path[-1]}_extra"] = new
    else:
        parent.insert(path[-1], new)
    try:
        rule_base = plain_values.from_plain(plain, "c" * 64)
    except plain_values.NotPlain:
        return
    assert isinstance(rule_base, RuleBase)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200) | JSON.map(lambda v: json.dumps(v).encode()))
def test_any_sealed_junk_is_a_miss_never_an_error(body: bytes) -> None:
    secret = b"k" * cache.SECRET_BYTES
    with pytest.raises(cache.CacheMiss):
        cache.decode_entry(cache.seal(secret, body) + b"\n" + body, KEY, secret)


@pytest.mark.parametrize(("tag", "depth"), [("not", 5000), ("all", 300)])
def test_deeply_nested_conditions_never_raise(tag: str, depth: int) -> None:
    # JSON refuses the deepest nesting itself; the converter's own recursion is caught too
    deep = '{"leaf":["q1","equals",["a"]]}'
    for _ in range(depth):
        deep = f'{{"not":{deep}}}' if tag == "not" else f'{{"all":[{deep}]}}'
    plain: Any = copy.deepcopy(SMALL_PLAIN)
    plain["general_checklist"] = [{"text": ["x", []], "when": "DEEP"}]
    body = json.dumps(entry_body(every_feature()) | {"rule_base": plain})
    data = body.replace('"DEEP"', deep).encode()
    secret = b"k" * cache.SECRET_BYTES
    try:
        rule_base = cache.decode_entry(cache.seal(secret, data) + b"\n" + data, KEY, secret)
    except cache.CacheMiss:
        return
    assert rule_base.general_checklist[0].when is not None
