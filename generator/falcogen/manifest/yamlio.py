"""YAML reading that remembers where every key and value came from.

PyYAML composes the document into nodes (each with a start mark); we convert
the nodes to plain Python values ourselves, so that:
- every key and value of the result has a recorded position (`Tree.nodes`);
- duplicate keys are errors, not "last one wins";
- keys are always strings (the key's text);
- timestamps are not converted (YAML 1.2 has none: `2024-01-01` stays a string);
- YAML 1.1 surprises (`yes`/`on` booleans, `010` octal, `1:30` sexagesimal) are
  recorded so the rules can report them instead of silently using the value;
- recursive aliases, alias bombs and absurd nesting are errors, not hangs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, KeyPath, format_key_path

MAX_ALIAS_NODES = 100_000  # nodes visited again through aliases
MAX_DEPTH = 64

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null")}


class _Loader(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 timestamp resolver."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TAG + "timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# libyaml's composer, when PyYAML has it, reads a manifest about ten times
# faster. Only documents it composes without error take that path: any error
# is reported by the pure-Python loader, whose messages the diagnostics (and
# their tests) are written against.
_FastLoader = None
if getattr(yaml, "__with_libyaml__", False):

    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """CSafeLoader without the YAML 1.1 timestamp resolver."""

    _FastLoader.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

_CANONICAL_BOOLS = {"true", "false", "True", "False", "TRUE", "FALSE"}
_PLAIN_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_PLAIN_HEX = re.compile(r"[-+]?0x[0-9a-fA-F]+")


@dataclass
class Ambiguity:
    """A plain scalar that YAML 1.1 and YAML 1.2 (editors, other tools) read differently."""

    path: KeyPath
    text: str
    value: Any
    kind: str  # "bool" | "int"


@dataclass
class Tree:
    """Positions of a converted document: path -> (key node or None, value node)."""

    nodes: Dict[KeyPath, Tuple[Optional[Node], Node]] = field(default_factory=dict)
    ambiguities: List[Ambiguity] = field(default_factory=list)

    def value_node(self, path: KeyPath) -> Optional[Node]:
        while True:
            entry = self.nodes.get(tuple(path))
            if entry is not None:
                return entry[1]
            if not path:
                return None
            path = tuple(path)[:-1]

    def key_node(self, path: KeyPath) -> Optional[Node]:
        entry = self.nodes.get(tuple(path))
        if entry is None:
            return self.value_node(path)
        return entry[0] or entry[1]

    def value_pos(self, path: KeyPath) -> Tuple[int, int]:
        return _pos(self.value_node(path))

    def key_pos(self, path: KeyPath) -> Tuple[int, int]:
        """Where the key of `path` is written (the value's position for list items and the root)."""
        return _pos(self.key_node(path))

    def raw(self, path: KeyPath) -> Optional[ScalarNode]:
        entry = self.nodes.get(tuple(path))
        if entry is not None and isinstance(entry[1], ScalarNode):
            return entry[1]
        return None


def _pos(node: Optional[Node]) -> Tuple[int, int]:
    if node is None:
        return (1, 1)
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class YamlProblem(Exception):
    """The document cannot be read at all (syntax error, not a document)."""

    def __init__(self, line: int, col: int, message: str, key_path: str = ""):
        super().__init__(message)
        self.line, self.col, self.message, self.key_path = line, col, message, key_path


class _Abort(Exception):
    pass


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _line_col(text: str, index: int) -> Tuple[int, int]:
    before = text[:index]
    line = before.count("\n") + 1
    return line, index - (before.rfind("\n") + 1) + 1


def _yaml_error(exc: yaml.MarkedYAMLError) -> YamlProblem:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "invalid YAML"
    message = "YAML syntax error: " + problem
    if exc.context and exc.problem and exc.context.startswith("expected"):
        message = "YAML syntax error: %s, %s" % (exc.context, exc.problem)  # "expected X, but found Y"
    elif exc.context and exc.problem and exc.context_mark is not None:
        message += " (%s at line %d, column %d)" % (
            exc.context,
            exc.context_mark.line + 1,
            exc.context_mark.column + 1,
        )
    if "'\\t'" in problem:
        message += "; indent with spaces, not tabs"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return YamlProblem(line, col, message)


def _plain_style_as_python(root: Optional[Node]) -> None:
    """libyaml marks plain scalars with style '', the pure-Python loader with None."""
    stack = [root] if root is not None else []
    seen = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if node.style == "":
                node.style = None
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        else:
            stack.extend(node.value)


def compose(text: str) -> Optional[Node]:
    """The document's root node, or None for an empty document. Raises YamlProblem."""
    if _FastLoader is not None:
        root: Any = False
        try:
            fast = _FastLoader(text)
            try:
                root = fast.get_single_node()
            finally:
                fast.dispose()
        except Exception:  # any problem: let the pure-Python loader report it
            root = False
        if root is not False:
            _plain_style_as_python(root)
            return root
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise YamlProblem(line, col, "unacceptable character #x%04x: control characters are not allowed in YAML"
                          % (exc.character if isinstance(exc.character, int) else ord(exc.character)))
    try:
        return loader.get_single_node()
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        raise YamlProblem(line, col, "unacceptable character in YAML: %s" % exc.reason)
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc)
    except RecursionError:
        raise YamlProblem(1, 1, "YAML nesting too deep")
    finally:
        loader.dispose()


class Converter:
    """Nodes -> plain Python values (dict, list, str, int, float, bool, None), recording positions."""

    def __init__(self, filename: str):
        self.filename = filename
        self.tree = Tree()
        self.diagnostics: List[Diagnostic] = []
        self._count = 0
        self._seen: set = set()
        self._loader = _Loader("")

    def error(self, node: Node, path: KeyPath, message: str) -> None:
        line, col = _pos(node)
        self.diagnostics.append(Diagnostic(self.filename, line, col, format_key_path(path), message))

    def convert(self, root: Node) -> Any:
        try:
            return self._convert(root, (), None, frozenset(), 0)
        except _Abort:
            return None

    # -- internals -------------------------------------------------------------------------------

    def _convert(self, node: Node, path: KeyPath, key: Optional[Node], active: frozenset, depth: int) -> Any:
        if id(node) in self._seen:  # reached again through an alias
            self._count += 1
            if self._count > MAX_ALIAS_NODES:
                self.error(node, path, "the document is too large after expanding aliases (more than %d nodes "
                                       "reached through aliases)" % MAX_ALIAS_NODES)
                raise _Abort()
        else:
            self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.error(node, path, "nesting deeper than %d levels" % MAX_DEPTH)
            raise _Abort()
        if id(node) in active:
            self.error(node, path, "recursive YAML alias")
            raise _Abort()
        self.tree.nodes[path] = (key, node)
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        active = active | {id(node)}
        if isinstance(node, SequenceNode):
            if node.tag != _TAG + "seq":
                self.error(node, path, "unsupported YAML tag %s" % _short_tag(node.tag))
                return None
            return [self._convert(item, path + (i,), None, active, depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            if node.tag != _TAG + "map":
                self.error(node, path, "unsupported YAML tag %s" % _short_tag(node.tag))
                return None
            return self._mapping(node, path, active, depth)
        self.error(node, path, "unsupported YAML node")
        return None

    def _key_text(self, key: Node, path: KeyPath) -> Optional[str]:
        if not isinstance(key, ScalarNode):
            self.error(key, path, "a key must be a plain string, not a %s" % (
                "list" if isinstance(key, SequenceNode) else "mapping"))
            return None
        return key.value

    def _mapping(self, node: MappingNode, path: KeyPath, active: frozenset, depth: int) -> Dict[str, Any]:
        # Keys written in this mapping (merge keys `<<` bring in only the others).
        own: Dict[str, Node] = {}
        for key, _ in node.value:
            if key.tag == _TAG + "merge":
                continue
            text = self._key_text(key, path)
            if text is not None:
                own.setdefault(text, key)
        result: Dict[str, Any] = {}
        seen: Dict[str, Node] = {}
        for key, value in node.value:
            if key.tag == _TAG + "merge":
                text = "<<"
            else:
                text = self._key_text(key, path)
                if text is None:
                    continue
            if text in seen:
                first = seen[text]
                self.error(key, path + (text,), "duplicate key '%s' (first defined at line %d, column %d)" % (
                    text, first.start_mark.line + 1, first.start_mark.column + 1))
                continue
            seen[text] = key
            if key.tag == _TAG + "merge":
                self._merge(value, path, own, result, active, depth)
                continue
            result[text] = self._convert(value, path + (text,), key, active, depth + 1)
        return result

    def _merge(self, value: Node, path: KeyPath, own: Dict[str, Node], result: Dict[str, Any],
               active: frozenset, depth: int) -> None:
        sources = value.value if isinstance(value, SequenceNode) else [value]
        for source in sources:
            if not isinstance(source, MappingNode) or source.tag != _TAG + "map":
                self.error(source, path, "a merge key '<<' needs a mapping or a list of mappings")
                continue
            if id(source) in active:
                self.error(source, path, "recursive YAML alias")
                raise _Abort()
            inner = active | {id(source)}
            for key, item in source.value:
                if key.tag == _TAG + "merge":
                    self._merge(item, path, own, result, inner, depth + 1)
                    continue
                text = self._key_text(key, path)
                if text is None or text in own or text in result:
                    continue
                result[text] = self._convert(item, path + (text,), key, inner, depth + 1)

    def _scalar(self, node: ScalarNode, path: KeyPath) -> Any:
        tag = node.tag
        if tag not in _SCALAR_TAGS:
            self.error(node, path, "unsupported YAML tag %s" % _short_tag(tag))
            return None
        try:
            value = self._loader.yaml_constructors[tag](self._loader, node)
        except Exception:  # e.g. `!!int abc`
            self.error(node, path, "cannot read %r as %s" % (node.value, tag.replace(_TAG, "!!")))
            return None
        if node.style is None:  # plain (unquoted) scalars only
            if isinstance(value, bool) and node.value not in _CANONICAL_BOOLS:
                self.tree.ambiguities.append(Ambiguity(path, node.value, value, "bool"))
            elif isinstance(value, int) and not isinstance(value, bool) and tag == _TAG + "int" and not (
                _PLAIN_DECIMAL.fullmatch(node.value) or _PLAIN_HEX.fullmatch(node.value)
            ) and node.value == node.value.strip():
                self.tree.ambiguities.append(Ambiguity(path, node.value, value, "int"))
        return value
