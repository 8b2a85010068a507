"""The message catalogs: read a ``.po``, compile it to the ``.mo`` that gettext reads.

Usage: python scripts/catalogs.py compile   # rewrite every .mo from its .po
       python scripts/catalogs.py check     # exit 1 if a committed .mo differs from its .po

French is the source language: the program's templates are the ``msgid``s. Each other
language is ``src/espaces_cli/locale/<code>/LC_MESSAGES/espaces.po``; its compiled ``.mo``
is committed beside it, so that a wheel and an editable install both find it and start-up
never compiles anything (tests/test_language.py checks the two agree).
"""

from __future__ import annotations

import argparse
import ast
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "src" / "espaces_cli" / "locale"
DOMAIN = "espaces"


@dataclass
class Entry:
    """One catalog entry: a template (and its plural) and its translation(s)."""

    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What gettext looks up: the msgid, and for plurals the plural after a NUL."""
        return self.msgid if self.msgid_plural is None else f"{self.msgid}\0{self.msgid_plural}"


class PoError(ValueError):
    """A ``.po`` file this reader cannot make sense of, with its line."""


def _unquote(text: str, where: str) -> str:
    text = text.strip()
    if not (text.startswith('"') and text.endswith('"')):
        raise PoError(f"{where}: a quoted string was expected")
    value = ast.literal_eval(text)
    if not isinstance(value, str):
        raise PoError(f"{where}: a quoted string was expected")
    return value


def read_po(path: Path) -> list[Entry]:
    """Every entry of a ``.po`` file (the header, ``msgid ""``, included first)."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    comments: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path}:{number}"
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            comments.append(line)
            continue
        keyword, _sep, rest = line.partition(" ")
        if keyword == "msgid":
            current = Entry(_unquote(rest, where), comments=comments)
            comments = []
            entries.append(current)
            target = ("msgid", 0)
        elif current is None:
            raise PoError(f"{where}: text before the first msgid")
        elif keyword == "msgid_plural":
            current.msgid_plural = _unquote(rest, where)
            target = ("msgid_plural", 0)
        elif keyword == "msgstr":
            current.msgstr = [_unquote(rest, where)]
            target = ("msgstr", 0)
        elif keyword.startswith("msgstr[") and keyword.endswith("]"):
            index = int(keyword[7:-1])
            if index != len(current.msgstr):
                raise PoError(f"{where}: plural forms out of order")
            current.msgstr.append(_unquote(rest, where))
            target = ("msgstr", index)
        elif line.startswith('"') and target is not None:
            part = _unquote(line, where)
            kind, index = target
            if kind == "msgid":
                current.msgid += part
            elif kind == "msgid_plural":
                current.msgid_plural = (current.msgid_plural or "") + part
            else:
                current.msgstr[index] += part
        else:
            raise PoError(f"{where}: cannot read {line[:40]!r}")
    return entries


def compile_mo(entries: list[Entry]) -> bytes:
    """The GNU ``.mo`` bytes of these entries (entries without a translation are left out)."""
    pairs = sorted(
        (entry.key.encode("utf-8"), "\0".join(entry.msgstr).encode("utf-8"))
        for entry in entries
        if (entry.msgstr and all(entry.msgstr)) or entry.msgid == ""
    )
    count = len(pairs)
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + 8 * count
    data_start = strs_table + 8 * count
    ids_data = b""
    strs_data = b""
    id_offsets = []
    for key, _value in pairs:
        id_offsets.append((len(key), data_start + len(ids_data)))
        ids_data += key + b"\0"
    strs_start = data_start + len(ids_data)
    str_offsets = []
    for _key, value in pairs:
        str_offsets.append((len(value), strs_start + len(strs_data)))
        strs_data += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, ids_table, strs_table, 0, 0)
    tables = b"".join(struct.pack("<2I", *pair) for pair in id_offsets + str_offsets)
    return header + tables + ids_data + strs_data


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["compile", "check"])
    action = parser.parse_args().action
    stale = []
    for po in catalogs():
        mo = po.with_suffix(".mo")
        compiled = compile_mo(read_po(po))
        if action == "compile":
            mo.write_bytes(compiled)
            print(f"{mo.relative_to(ROOT)}: {len(compiled)} bytes")
        elif not mo.exists() or mo.read_bytes() != compiled:
            stale.append(str(mo.relative_to(ROOT)))
    if stale:
        sys.exit(
            "not compiled from their .po (run: python scripts/catalogs.py compile): "
            + ", ".join(stale)
        )


if __name__ == "__main__":
    main()
