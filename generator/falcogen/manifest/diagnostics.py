"""Diagnostics: what the manifest loader reports, one line per problem."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple, Union

PathPart = Union[str, int]
KeyPath = Tuple[PathPart, ...]


def format_key_path(path: Sequence[PathPart]) -> str:
    """('layouts', 1, 'members', 0, 'name') -> 'layouts[1].members[0].name'; () -> '(root)'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += "[%d]" % part
        elif out:
            out += "." + part
        else:
            out = part
    return out or "(root)"


@dataclass(frozen=True)
class Diagnostic:
    """One problem of a manifest.

    file is the path as the user gave it; line and col are 1-based (0 when the
    problem has no position, e.g. an unreadable file); key_path names the
    offending key or value (`layouts[0].members[1].type`, `(root)`), or is ''
    when there is none (YAML syntax errors).
    """

    file: str
    line: int
    col: int
    key_path: str
    message: str

    def format(self) -> str:
        where = self.file if self.line <= 0 else "%s:%d:%d" % (self.file, self.line, self.col)
        if self.key_path:
            return "%s: error: %s: %s" % (where, self.key_path, self.message)
        return "%s: error: %s" % (where, self.message)

    def sort_key(self):
        return (self.line, self.col, self.key_path, self.message)

    def __str__(self) -> str:
        return self.format()


def sorted_unique(diagnostics: Iterable[Diagnostic]) -> List[Diagnostic]:
    return sorted(set(diagnostics), key=Diagnostic.sort_key)


class ManifestError(Exception):
    """The manifest is not usable. `diagnostics` holds every problem found, sorted by line/col."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics: List[Diagnostic] = sorted_unique(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))

    def format(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)
