"""A cache of validated rule bases: plain JSON, read back only when it is beyond doubt ours.

An entry is used only if it is a regular file of the user's own, in a folder of the user's
own that nobody else may write, no larger than an entry can be, sealed (HMAC-SHA256) with a
secret only this user may read, and written for this very program (version and source of
the modules that shape the result) and for the sha256 of the rule-base bytes just read.
Anything else is a miss: the rule base is loaded in full and the entry written anew.

JSON holds plain values only, turned back into the core model by the converter below, so
no entry, however crafted, can run code. The sha256 reported always comes from the bytes
read, never from the entry. A miss costs time, never a wrong answer, a hang or a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import math
import os
import stat
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import TypeVar, get_args

from espaces_cli import __version__
from espaces_cli.core import model as core

FORMAT = 1
MAX_ENTRY_BYTES = 10 * 1024 * 1024
SECRET_NAME = "entries.key"
SECRET_BYTES = 32
TEMP_PREFIX = ".espaces-cache-"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
_OTHERS_WRITE = 0o022
_OTHERS_ANY = 0o077

_SHAPING_MODULES = (
    ("espaces_cli.core", "model.py"),
    ("espaces_cli.rules", "cache.py"),
    ("espaces_cli.rules", "loader.py"),
    ("espaces_cli.rules", "schema.py"),
    ("espaces_cli", "yaml_nodes.py"),
)
_OPERATORS: dict[str, core.Operator] = {op: op for op in get_args(core.Operator)}
_KINDS: dict[str, core.QuestionKind] = {kind: kind for kind in get_args(core.QuestionKind)}

T = TypeVar("T")


class CacheMiss(Exception):
    """An entry that is not exactly what this program would write: treated as absent."""


@dataclass(frozen=True)
class Key:
    """What an entry must have been written for: this program and these rule-base bytes."""

    program: str
    sha256: str

    @property
    def file_name(self) -> str:
        return f"rules-{self.sha256}-{self.program[:16]}.json"


def program_key() -> str:
    """Digest the version and the modules shaping a rule base: new code never reads old entries."""
    digest = hashlib.sha256(__version__.encode())
    for package, name in _SHAPING_MODULES:
        with contextlib.suppress(OSError):
            source = files(package).joinpath(name).read_bytes()
            digest.update(f"\n{name} {len(source)}\n".encode())
            digest.update(source)
    return digest.hexdigest()


def key_for(data: bytes) -> Key:
    """The key of the rule base whose bytes were just read."""
    return Key(program_key(), hashlib.sha256(data).hexdigest())


def default_dir(environ: Mapping[str, str]) -> str | None:
    """Where to keep the cache: ``ESPACES_CACHE_DIR`` (empty disables), else the XDG cache."""
    if "ESPACES_CACHE_DIR" in environ:
        return environ["ESPACES_CACHE_DIR"] or None
    base = environ.get("XDG_CACHE_HOME")
    if not base:
        from espaces_cli.files import home

        found = home(environ)
        if found is None:  # no HOME and no passwd entry: no cache, no crash
            return None
        base = str(found / ".cache")
    return str(Path(base) / "espaces")


def load(cache_dir: str, key: Key) -> core.RuleBase | None:
    """The rule base kept for ``key``, or None: any doubt about the entry makes it a miss."""
    if not _private_folder(cache_dir, create=False):
        return None
    try:
        secret = _read_secret(cache_dir)
        data = _read_private(os.path.join(cache_dir, key.file_name), MAX_ENTRY_BYTES)
        return decode_entry(data, key, secret)
    except CacheMiss:
        return None


def store(cache_dir: str, key: Key, rule_base: core.RuleBase) -> None:
    """Keep ``rule_base`` for the next run when the folder is ours alone; never fail the run."""
    if not _private_folder(cache_dir, create=True):
        return
    try:
        secret: bytes | None = _read_secret(cache_dir)
    except CacheMiss:
        secret = _new_secret(cache_dir)
    if secret is None:
        return
    try:
        entry = encode_entry(key, rule_base, secret)
    except ValueError:  # a value JSON cannot hold exactly (NaN): no entry rather than a wrong one
        return
    _sweep_stale_temps(cache_dir, time.time())
    _replace_regular(cache_dir, key.file_name, entry)


# --- files: ours alone, regular, bounded ------------------------------------------------------


def _is_private(info: os.stat_result, forbidden: int) -> bool:
    """Owned by this user and open to nobody else in the ``forbidden`` ways."""
    return info.st_uid == os.geteuid() and info.st_mode & forbidden == 0


def _private_folder(cache_dir: str, *, create: bool) -> bool:
    """Whether the folder is ours and nobody else may add or swap entries in it."""
    try:
        if create:
            Path(cache_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.stat(cache_dir)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _is_private(info, _OTHERS_WRITE)


def _read_private(path: str, limit: int, forbidden: int = _OTHERS_WRITE) -> bytes:
    """Read a regular file of ours; a FIFO, link, device or folder is refused without waiting."""
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError:
        raise CacheMiss from None
    chunks: list[bytes] = []
    try:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and _is_private(info, forbidden)):
            raise CacheMiss
        remaining = limit + 1
        while remaining > 0 and (chunk := os.read(fd, remaining)):
            chunks.append(chunk)
            remaining -= len(chunk)
    except OSError:
        raise CacheMiss from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise CacheMiss
    return data


def _read_secret(folder: str) -> bytes:
    """This user's sealing secret, which nobody else may even read."""
    secret = _read_private(os.path.join(folder, SECRET_NAME), SECRET_BYTES, _OTHERS_ANY)
    if len(secret) != SECRET_BYTES:
        raise CacheMiss
    return secret


def _new_secret(folder: str) -> bytes | None:
    """Draw a new secret; entries sealed with an older one simply become misses."""
    secret = os.urandom(SECRET_BYTES)
    return secret if _replace_regular(folder, SECRET_NAME, secret) else None


def _replace_regular(folder: str, name: str, data: bytes) -> bool:
    """Write ``name`` whole (0600, temp file then rename) unless a non-file stands there."""
    target = os.path.join(folder, name)
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False  # a FIFO, link, device or folder is left as it is
    except FileNotFoundError:
        pass
    except OSError:
        return False
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return False
    return True


def _sweep_stale_temps(folder: str, now: float) -> None:
    """Remove temp files a killed run left, once too old to belong to a run still writing."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)):
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(info.st_mode) and info.st_mtime < now - STALE_TEMP_SECONDS:
                    os.unlink(entry.path)


# --- entries: a seal line, then the JSON body -------------------------------------------------


def seal(secret: bytes, body: bytes) -> bytes:
    """The first line of an entry: proof it was written by someone holding the secret."""
    return hmac.new(secret, body, hashlib.sha256).hexdigest().encode("ascii")


def encode_entry(key: Key, rule_base: core.RuleBase, secret: bytes) -> bytes:
    """The sealed entry for ``rule_base`` read from the bytes ``key`` names."""
    body = json.dumps(
        {
            "format": FORMAT,
            "program": key.program,
            "sha256": key.sha256,
            "rule_base": to_plain(rule_base),
        },
        allow_nan=False,
        separators=(",", ":"),
    ).encode("ascii")
    return seal(secret, body) + b"\n" + body


def decode_entry(data: bytes, key: Key, secret: bytes) -> core.RuleBase:
    """The rule base in a sealed entry written for ``key``; raise ``CacheMiss`` on any doubt."""
    first, newline, body = data.partition(b"\n")
    if not newline or not hmac.compare_digest(first, seal(secret, body)):
        raise CacheMiss
    version, program, sha256, plain = _fields(
        _parse(body), "format", "program", "sha256", "rule_base"
    )
    if _int(version) != FORMAT or _str(program) != key.program or _str(sha256) != key.sha256:
        raise CacheMiss
    try:
        return from_plain(plain, key.sha256)
    except RecursionError:  # conditions nested beyond reason
        raise CacheMiss from None


def _parse(body: bytes) -> object:
    """JSON with finite numbers only."""
    try:
        return json.loads(body.decode("utf-8"), parse_constant=_refuse, parse_float=_finite)
    except (ValueError, RecursionError):
        raise CacheMiss from None


def _refuse(constant: str) -> object:
    """``NaN`` and ``Infinity`` are not JSON, and no rule base holds them."""
    raise CacheMiss


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise CacheMiss
    return value


# --- the core model as plain data, and back ---------------------------------------------------


def to_plain(rule_base: core.RuleBase) -> dict[str, object]:
    """The rule base as JSON values; its sha256 and path are not kept, they come from the bytes."""
    return {
        "name": rule_base.identity.name,
        "version": rule_base.identity.version,
        "criteria": [
            {"id": c.id, "label": _text(c.label), "help": _opt_text(c.help)}
            for c in rule_base.criteria
        ],
        "questions": [_question(q) for q in rule_base.questions],
        "weight_rules": [
            {
                "id": r.id,
                "when": _opt_condition(r.when),
                "add": [[c, float(p)] for c, p in r.add],
                "because": _text(r.because),
            }
            for r in rule_base.weight_rules
        ],
        "space_types": [_space_type(t) for t in rule_base.space_types],
        "general_precautions": [_guarded(g) for g in rule_base.general_precautions],
        "general_checklist": [_guarded(g) for g in rule_base.general_checklist],
        "needs": [
            {
                "id": n.id,
                "when": _condition(n.when),
                "criterion": n.criterion,
                "min_fit": n.min_fit,
                "label": _text(n.label),
            }
            for n in rule_base.needs
        ],
        "budget_ceiling": None
        if rule_base.budget_ceiling is None
        else {
            "question": rule_base.budget_ceiling.question,
            "ceilings": [[c, euros] for c, euros in rule_base.budget_ceiling.ceilings],
        },
        "pointers": [
            {
                "id": p.id,
                "label": _text(p.label),
                "text": _text(p.text),
                "source": p.source,
                "when": _opt_condition(p.when),
            }
            for p in rule_base.pointers
        ],
    }


def _text(text: core.Text) -> list[object]:
    return [text.fr, [[code, value] for code, value in text.translations]]


def _opt_text(text: core.Text | None) -> list[object] | None:
    return None if text is None else _text(text)


def _condition(condition: core.Condition) -> dict[str, object]:
    if isinstance(condition, core.Leaf):
        return {"leaf": [condition.question, condition.operator, list(condition.values)]}
    if isinstance(condition, core.AllOf):
        return {"all": [_condition(item) for item in condition.items]}
    if isinstance(condition, core.AnyOf):
        return {"any": [_condition(item) for item in condition.items]}
    return {"not": _condition(condition.item)}


def _opt_condition(condition: core.Condition | None) -> dict[str, object] | None:
    return None if condition is None else _condition(condition)


def _question(q: core.Question) -> dict[str, object]:
    return {
        "id": q.id,
        "kind": q.kind,
        "label": _text(q.label),
        "help": _opt_text(q.help),
        "choices": [[c.id, _text(c.label)] for c in q.choices],
        "when": _opt_condition(q.when),
        "min_choices": q.min_choices,
        "default": list(q.default) if isinstance(q.default, tuple) else q.default,
    }


def _guarded(item: core.Guarded) -> dict[str, object]:
    return {"text": _text(item.text), "when": _opt_condition(item.when), "id": item.id}


def _space_type(t: core.SpaceType) -> dict[str, object]:
    return {
        "id": t.id,
        "label": _text(t.label),
        "summary": _text(t.summary),
        "fit": [[c, points] for c, points in t.fit.items()],
        "exclude_if": [
            {"when": _condition(e.when), "reason": _text(e.reason)} for e in t.exclude_if
        ],
        "advantages": [_guarded(a) for a in t.advantages],
        "precautions": [_guarded(p) for p in t.precautions],
        "checklist": [_guarded(c) for c in t.checklist],
        "facts": [{"text": _text(f.text), "source": f.source, "year": f.year} for f in t.facts],
        "cost": None if t.cost is None else [t.cost.low, t.cost.high],
    }


def from_plain(raw: object, sha256: str) -> core.RuleBase:
    """Rebuild the rule base from ``to_plain``'s values; raise ``CacheMiss`` on anything else."""
    (
        name,
        version,
        criteria,
        questions,
        rules,
        types,
        precautions,
        checklist,
        needs,
        ceiling,
        pointers,
    ) = _fields(
        raw,
        "name",
        "version",
        "criteria",
        "questions",
        "weight_rules",
        "space_types",
        "general_precautions",
        "general_checklist",
        "needs",
        "budget_ceiling",
        "pointers",
    )
    return core.RuleBase(
        identity=core.RuleBaseId(_str(name), _str(version), sha256),
        criteria=_tuple(criteria, _criterion_from),
        questions=_tuple(questions, _question_from),
        weight_rules=_tuple(rules, _weight_rule_from),
        space_types=_tuple(types, _space_type_from),
        general_precautions=_tuple(precautions, _guarded_from),
        general_checklist=_tuple(checklist, _guarded_from),
        needs=_tuple(needs, _need_from),
        budget_ceiling=None if ceiling is None else _ceiling_from(ceiling),
        pointers=_tuple(pointers, _pointer_from),
    )


def _need_from(raw: object) -> core.Need:
    nid, when, criterion, min_fit, label = _fields(
        raw, "id", "when", "criterion", "min_fit", "label"
    )
    return core.Need(
        _str(nid), _condition_from(when), _str(criterion), _int(min_fit), _text_from(label)
    )


def _ceiling_pair(raw: object) -> tuple[str, int]:
    choice, euros = _items(raw, 2)
    return _str(choice), _int(euros)


def _ceiling_from(raw: object) -> core.BudgetCeiling:
    question, ceilings = _fields(raw, "question", "ceilings")
    return core.BudgetCeiling(_str(question), _tuple(ceilings, _ceiling_pair))


def _pointer_from(raw: object) -> core.Pointer:
    pid, label, text, source, when = _fields(raw, "id", "label", "text", "source", "when")
    return core.Pointer(
        _str(pid), _text_from(label), _text_from(text), _str(source), _opt_condition_from(when)
    )


def _cost_from(raw: object) -> core.Cost | None:
    if raw is None:
        return None
    low, high = _items(raw, 2)
    return core.Cost(_int(low), _int(high))


def _fields(raw: object, *names: str) -> list[object]:
    """The values of exactly these keys: a missing or an extra key means a foreign entry."""
    if not isinstance(raw, dict) or len(raw) != len(names) or any(n not in raw for n in names):
        raise CacheMiss
    return [raw[n] for n in names]


def _items(raw: object, count: int) -> list[object]:
    """A list of exactly ``count`` values."""
    if not isinstance(raw, list) or len(raw) != count:
        raise CacheMiss
    return raw


def _tuple(raw: object, item: Callable[[object], T]) -> tuple[T, ...]:
    if not isinstance(raw, list):
        raise CacheMiss
    return tuple(item(value) for value in raw)


def _str(raw: object) -> str:
    if not isinstance(raw, str):
        raise CacheMiss
    return raw


def _int(raw: object) -> int:
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise CacheMiss
    return raw


def _float(raw: object) -> float:
    if not isinstance(raw, float):
        raise CacheMiss
    return raw


def _str_pair(raw: object) -> tuple[str, str]:
    first, second = _items(raw, 2)
    return _str(first), _str(second)


def _text_from(raw: object) -> core.Text:
    fr, translations = _items(raw, 2)
    return core.Text(_str(fr), _tuple(translations, _str_pair))


def _opt_text_from(raw: object) -> core.Text | None:
    return None if raw is None else _text_from(raw)


def _condition_from(raw: object) -> core.Condition:
    if not isinstance(raw, dict) or len(raw) != 1:
        raise CacheMiss
    ((tag, value),) = raw.items()
    if tag == "leaf":
        question, operator, values = _items(value, 3)
        if not isinstance(operator, str) or operator not in _OPERATORS:
            raise CacheMiss
        return core.Leaf(_str(question), _OPERATORS[operator], _tuple(values, _str))
    if tag == "all":
        return core.AllOf(_tuple(value, _condition_from))
    if tag == "any":
        return core.AnyOf(_tuple(value, _condition_from))
    if tag == "not":
        return core.Not(_condition_from(value))
    raise CacheMiss


def _opt_condition_from(raw: object) -> core.Condition | None:
    return None if raw is None else _condition_from(raw)


def _criterion_from(raw: object) -> core.Criterion:
    cid, label, help_ = _fields(raw, "id", "label", "help")
    return core.Criterion(_str(cid), _text_from(label), _opt_text_from(help_))


def _choice_from(raw: object) -> core.Choice:
    cid, label = _items(raw, 2)
    return core.Choice(_str(cid), _text_from(label))


def _default_from(raw: object) -> str | tuple[str, ...] | None:
    if raw is None or isinstance(raw, str):
        return raw
    return _tuple(raw, _str)


def _question_from(raw: object) -> core.Question:
    qid, kind, label, help_, choices, when, min_choices, default = _fields(
        raw, "id", "kind", "label", "help", "choices", "when", "min_choices", "default"
    )
    if not isinstance(kind, str) or kind not in _KINDS:
        raise CacheMiss
    return core.Question(
        id=_str(qid),
        kind=_KINDS[kind],
        label=_text_from(label),
        help=_opt_text_from(help_),
        choices=_tuple(choices, _choice_from),
        when=_opt_condition_from(when),
        min_choices=_int(min_choices),
        default=_default_from(default),
    )


def _points_from(raw: object) -> tuple[str, float]:
    criterion, points = _items(raw, 2)
    return _str(criterion), _float(points)


def _weight_rule_from(raw: object) -> core.WeightRule:
    rid, when, add, because = _fields(raw, "id", "when", "add", "because")
    return core.WeightRule(
        _str(rid), _opt_condition_from(when), _tuple(add, _points_from), _text_from(because)
    )


def _guarded_from(raw: object) -> core.Guarded:
    text, when, item_id = _fields(raw, "text", "when", "id")
    return core.Guarded(
        _text_from(text), _opt_condition_from(when), None if item_id is None else _str(item_id)
    )


def _exclusion_from(raw: object) -> core.Exclusion:
    when, reason = _fields(raw, "when", "reason")
    return core.Exclusion(_condition_from(when), _text_from(reason))


def _fact_from(raw: object) -> core.Fact:
    text, source, year = _fields(raw, "text", "source", "year")
    return core.Fact(_text_from(text), _str(source), _int(year))


def _fit_from(raw: object) -> dict[str, int]:
    pairs = _tuple(raw, lambda pair: _items(pair, 2))
    fit = {_str(criterion): _int(points) for criterion, points in pairs}
    if len(fit) != len(pairs):
        raise CacheMiss
    return fit


def _space_type_from(raw: object) -> core.SpaceType:
    tid, label, summary, fit, exclude_if, advantages, precautions, checklist, facts, cost = _fields(
        raw,
        "id",
        "label",
        "summary",
        "fit",
        "exclude_if",
        "advantages",
        "precautions",
        "checklist",
        "facts",
        "cost",
    )
    return core.SpaceType(
        id=_str(tid),
        label=_text_from(label),
        summary=_text_from(summary),
        fit=_fit_from(fit),
        exclude_if=_tuple(exclude_if, _exclusion_from),
        advantages=_tuple(advantages, _guarded_from),
        precautions=_tuple(precautions, _guarded_from),
        checklist=_tuple(checklist, _guarded_from),
        facts=_tuple(facts, _fact_from),
        cost=_cost_from(cost),
    )
