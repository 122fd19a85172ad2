"""What every rule works with: the document, and the report its problems go to.

A rule reads the document as it is (the schema may have found problems in it
already), so it checks the types it relies on and skips what is not there;
the accessors below return only the entries of the expected type. A rule also
skips values that already have a problem (Report.has_error_under): one
problem per value, the first one found.
"""
from __future__ import annotations

from typing import Any, Dict, Iterable, List, Set, Tuple

from ..diagnostics import Diagnostic, KeyPath, format_key_path
from ..schema import Translator
from ..yamlio import Tree


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Report:
    """The document under check and the diagnostics found in it so far."""

    def __init__(self, filename: str, data: Dict[str, Any], tree: Tree, schema_errors: Iterable[Diagnostic]):
        self.filename = filename
        self.data = data
        self.tree = tree
        self.translator = Translator(filename, data, tree)
        self.diagnostics: List[Diagnostic] = []
        # Key paths (formatted) that already have an error: rules skip what lies under them.
        self.errored: Set[str] = {d.key_path for d in schema_errors}

    def add(self, diag: Diagnostic) -> None:
        self.diagnostics.append(diag)
        self.errored.add(diag.key_path)

    def at_value(self, path: KeyPath, message: str) -> None:
        self.add(self.translator.at_value(path, message))

    def at_key(self, path: KeyPath, message: str) -> None:
        self.add(self.translator.at_key(path, message))

    def about_mapping(self, path: KeyPath, message: str) -> None:
        """A problem of a mapping as a whole (a key it lacks, ...), reported at its key: unlike
        at_key, it does not silence the checks of the values inside the mapping."""
        self.diagnostics.append(self.translator.at_key(path, message))

    def has_error_under(self, path: KeyPath, except_keys: Tuple[str, ...] = ()) -> bool:
        """An error at `path` or below it, not counting those at or below path.<except_keys>."""
        prefix = format_key_path(path)
        skip = {format_key_path(tuple(path) + (k,)) for k in except_keys}
        for key_path in self.errored:
            if any(_at_or_under(key_path, s) for s in skip):
                continue
            if _at_or_under(key_path, prefix):
                return True
        return False

    def has_error_above(self, path: KeyPath) -> bool:
        """An error at `path` or at one of its ancestors (an unknown key, a wrong type...)."""
        return any(format_key_path(tuple(path)[:i]) in self.errored for i in range(1, len(path) + 1))

    def line_of(self, path: KeyPath) -> int:
        return self.tree.value_pos(path)[0]


def _at_or_under(key_path: str, prefix: str) -> bool:
    """'layouts[0].name' is at or under 'layouts[0]' and 'layouts'; 'layouts_x' is under neither."""
    return key_path == prefix or key_path.startswith(prefix + ".") or key_path.startswith(prefix + "[")


# -- reading the document --------------------------------------------------------------------------

def layouts_of(data: Dict[str, Any]) -> List[Tuple[int, Dict[str, Any]]]:
    """(index, layout) of every layout that is a mapping."""
    layouts = data.get("layouts")
    if not isinstance(layouts, list):
        return []
    return [(i, l) for i, l in enumerate(layouts) if isinstance(l, dict)]


def members_of(layout: Dict[str, Any]) -> List[Tuple[int, Dict[str, Any]]]:
    """(index, member) of every member of `layout` that is a mapping."""
    members = layout.get("members")
    if not isinstance(members, list):
        return []
    return [(j, m) for j, m in enumerate(members) if isinstance(m, dict)]


def fields_of(data: Dict[str, Any]) -> List[Tuple[int, Dict[str, Any]]]:
    """(index, field) of every field that is a mapping."""
    fields = data.get("fields")
    if not isinstance(fields, list):
        return []
    return [(i, f) for i, f in enumerate(fields) if isinstance(f, dict)]


def member_refs(i: int, f: Dict[str, Any]) -> List[Tuple[KeyPath, str]]:
    """The `from` entries of field i that are strings, with their paths."""
    value = f.get("from")
    if isinstance(value, str):
        return [(("fields", i, "from"), value)]
    if isinstance(value, list):
        return [(("fields", i, "from", j), v) for j, v in enumerate(value) if isinstance(v, str)]
    return []
