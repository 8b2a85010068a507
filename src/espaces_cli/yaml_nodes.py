"""Read YAML into plain data while keeping where every value and key stands in the file.

The one place where the tool parses YAML (rule bases, answers files, session files): the
loader choice, the limits (nodes, depth: an alias bomb is refused before it grows) and
the ``line:col`` of every problem live here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from espaces_cli.language import N_, _

try:  # libyaml is much faster; fall back to the pure-Python parser where it is missing.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Path = tuple[str | int, ...]
Position = tuple[int, int]

MAX_NODES = 100_000
MAX_DEPTH = 64
STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class Located:
    """Plain data read from YAML, with 1-based (line, column) of each value and key."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    plain: dict[Path, str] = field(default_factory=dict)
    problems: list[tuple[Path, Position, str]] = field(default_factory=list)

    def position(self, path: Path) -> Position:
        """Where ``path`` stands, or its nearest enclosing value."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def key_position(self, path: Path) -> Position:
        return self.keys.get(path) or self.position(path)


class YamlSyntaxError(Exception):
    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


_PROBLEMS = {
    "did not find expected ',' or '}'": N_("virgule ou accolade fermante attendue"),
    "did not find expected ',' or ']'": N_("virgule ou crochet fermant attendu"),
    "mapping values are not allowed here": N_(
        "« : » inattendu ici (un texte qui contient « : » doit être entre guillemets)"
    ),
    "mapping values are not allowed in this context": N_(
        "« : » inattendu ici (un texte qui contient « : » doit être entre guillemets)"
    ),
    "found character that cannot start any token": N_("caractère inattendu en début de valeur"),
    "did not find expected key": N_("clé attendue (vérifiez l'indentation)"),
    "could not find expected ':'": N_("« : » attendu après une clé"),
    "found unexpected end of stream": N_("fin de fichier inattendue (guillemet non fermé ?)"),
    "did not find expected node content": N_("valeur attendue"),
    "found unknown escape character": N_("séquence d'échappement inconnue dans un texte"),
    "did not find expected '-' indicator": N_("élément de liste « - » attendu (indentation ?)"),
    "found duplicate anchor; first occurrence": N_("ancre en double"),
    "found undefined alias": N_("alias inconnu"),
}
# the parser's messages that carry a detail (a character, a name): matched by their start
_PROBLEM_STARTS = (
    ("found unknown escape character", N_("séquence d'échappement inconnue dans un texte")),
    ("expected escape sequence", N_("séquence d'échappement incomplète dans un texte")),
    ("found undefined alias", N_("alias inconnu")),
    ("expected <block end>", N_("indentation incohérente (un élément décalé ?)")),
    ("but found another document", N_("un seul document attendu : retirez la ligne « --- »")),
    ("expected ',' or ']'", N_("virgule ou crochet fermant attendu")),
    ("expected ',' or '}'", N_("virgule ou accolade fermante attendue")),
    ("found character", N_("caractère inattendu en début de valeur")),
    ("expected '<document start>'", N_("contenu inattendu après la fin du document")),
    ("expected alphabetic or numeric character", N_("nom d'ancre ou d'alias attendu")),
)
_OPENERS = {"[": "[", "{": "{", '"': '"', "'": "'"}


def _problem_words(raw: str) -> str:
    """The parser's complaint in the reader's words; never PyYAML's English left as is."""
    if raw in _PROBLEMS:
        return _(_PROBLEMS[raw])
    for start, words in _PROBLEM_STARTS:
        if raw.startswith(start):
            return _(words)
    return _("structure incorrecte à cet endroit")


def syntax_message(text: str, error: yaml.MarkedYAMLError) -> str:
    """The parser's complaint in the reader's language, naming where an unclosed ``[``,
    ``{`` or quote was opened (the parser only says where it gave up)."""
    raw = str(error.problem or error).strip()
    problem = _problem_words(raw)
    lines = text.split("\n")
    mark = error.problem_mark
    if mark is not None and mark.line < len(lines) and "\t" in lines[mark.line][: mark.column + 1]:
        problem = _("tabulation interdite : indentez avec des espaces")
    opened = error.context_mark
    if opened is not None and opened != error.problem_mark:
        line = lines[opened.line] if opened.line < len(lines) else ""
        char = line[opened.column : opened.column + 1]
        if char in _OPENERS:
            return _(
                "YAML illisible : {problem} ({char} ouvert ligne {line}, colonne {column})",
                problem=problem,
                char=char,
                line=opened.line + 1,
                column=opened.column + 1,
            )
    return _("YAML illisible : {problem}", problem=problem)


def _pos(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def load_located(text: str, *, max_nodes: int = MAX_NODES) -> Located:
    """Parse ``text`` (safe: no arbitrary tags) and note positions, duplicates and traps.

    At most ``max_nodes`` values once aliases are expanded, at most ``MAX_DEPTH`` levels.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise YamlSyntaxError(where, syntax_message(text, error)) from None
    except yaml.reader.ReaderError as error:
        before = text[: error.position]
        where = (before.count("\n") + 1, len(before) - before.rfind("\n"))
        raise YamlSyntaxError(
            where,
            _(
                "YAML illisible : caractère de contrôle {char} interdit",
                char=ascii(chr(error.character)),
            ),
        ) from None
    except yaml.YAMLError as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise YamlSyntaxError(
            (1, 1), _("YAML illisible : {problem}", problem=_problem_words(first))
        ) from None
    except RecursionError:
        raise YamlSyntaxError(
            (1, 1), _("imbrication trop profonde (plus de {count} niveaux)", count=MAX_DEPTH)
        ) from None
    located = Located(data=None)
    if root is None:
        return located
    walker = _Walker(located, max_nodes)
    located.data = walker.build(root, (), 0)
    return located


class _Walker:
    def __init__(self, located: Located, max_nodes: int) -> None:
        self.located = located
        self.max_nodes = max_nodes
        self.count = 0
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > self.max_nodes:
            raise YamlSyntaxError(
                _pos(node), _("trop de valeurs (alias imbriqués ?) : fichier refusé")
            )
        if depth > MAX_DEPTH:
            raise YamlSyntaxError(
                _pos(node),
                _("imbrication trop profonde (plus de {count} niveaux)", count=MAX_DEPTH),
            )
        self.located.values[path] = _pos(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            problem = getattr(error, "problem", None) or str(error).strip().splitlines()[0]
            if node.tag.startswith("!") or node.tag.startswith("tag:yaml.org,2002:python"):
                problem = _("étiquette YAML « {tag} » non permise", tag=node.tag)
            raise YamlSyntaxError(
                _pos(node), _("valeur illisible : {problem}", problem=problem)
            ) from None
        except (ValueError, OverflowError):
            # e.g. an integer of more than 4,300 digits (Python refuses to convert it)
            raise YamlSyntaxError(_pos(node), _("nombre trop long")) from None
        if node.tag != STR_TAG and _is_plain(node) and value is not None:
            self.located.plain[path] = str(node.value)
        return value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.located.problems.append(
                    (path, _pos(key_node), _("une clé doit être un simple texte"))
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key_node.tag != STR_TAG and _is_plain(key_node):
                self.located.problems.append((child, _pos(key_node), _trap_message(key, "key")))
            if key in result:
                first = self.located.keys[child]
                self.located.problems.append(
                    (
                        child,
                        _pos(key_node),
                        _("clé « {key} » en double (déjà ligne {line})", key=key, line=first[0]),
                    )
                )
                continue
            self.located.keys[child] = _pos(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result


def _is_plain(node: yaml.Node) -> bool:
    """An unquoted scalar (libyaml says ``''``, the Python parser ``None``)."""
    return getattr(node, "style", None) in (None, "")


def _trap_message(raw: str, what: str) -> str:
    if what == "key":
        return _(
            "la clé « {raw} » n'est pas lue comme un texte par YAML (booléen ou nombre) : "
            'mettez-la entre guillemets, "{raw}"',
            raw=raw,
        )
    return _(
        "la valeur « {raw} » n'est pas lue comme un texte par YAML (booléen ou nombre) : "
        'mettez-la entre guillemets, "{raw}"',
        raw=raw,
    )


def trap_hint(raw: str) -> str:
    """Explain a YAML 1.1 trap such as an unquoted ``no`` or ``010``."""
    return _trap_message(raw, "value")
