"""load_manifest: file -> checked model, or every problem at once."""
from __future__ import annotations

import os
from typing import Any, List, Union

from ..model import Plugin
from . import rules, schema
from .builder import build
from .diagnostics import Diagnostic, ManifestError
from .yamlio import Converter, YamlProblem, compose

REQUIRED_KEYS = "name, version, description and contact"


def load_manifest(path: Union[str, "os.PathLike[str]"]) -> Plugin:
    """Reads, checks and builds the manifest at `path`. Raises ManifestError with every problem."""
    filename = os.fspath(path)
    try:
        with open(filename, "rb") as f:
            raw = f.read()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ManifestError([Diagnostic(filename, 0, 0, "", "cannot read: %s" % reason)]) from None
    text = decode_utf8(raw, filename)
    return load_manifest_text(text, filename)


def decode_utf8(raw: bytes, filename: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        bad = raw[exc.start : exc.start + 1]
        raise ManifestError(
            [Diagnostic(filename, line, col, "", "not valid UTF-8 (byte 0x%s); save the manifest as UTF-8" % bad.hex())]
        ) from None


def load_manifest_text(text: str, filename: str = "plugin.yaml") -> Plugin:
    """Checks and builds a manifest given as text; `filename` is used in messages only."""
    try:
        diagnostics, result = _load(text, filename)
    except ManifestError:
        raise
    except RecursionError:
        diagnostics, result = [Diagnostic(filename, 1, 1, "", "the manifest is nested too deeply")], None
    if diagnostics:
        raise ManifestError(diagnostics)
    return result


def _load(text: str, filename: str):
    if not isinstance(text, str):
        raise TypeError("load_manifest_text needs a str")
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        root = compose(text)
    except YamlProblem as problem:
        return [Diagnostic(filename, problem.line, problem.col, problem.key_path, problem.message)], None
    if root is None:
        return [Diagnostic(filename, 1, 1, "(root)",
                           "the manifest is empty; expected a mapping with at least %s" % REQUIRED_KEYS)], None
    converter = Converter(filename)
    data: Any = converter.convert(root)
    diagnostics: List[Diagnostic] = list(converter.diagnostics)
    if not isinstance(data, dict):
        if data is not None or not diagnostics:
            from .describe import kind_of

            line, col = root.start_mark.line + 1, root.start_mark.column + 1
            diagnostics.append(Diagnostic(filename, line, col, "(root)",
                                          "expected a mapping with at least %s, got %s"
                                          % (REQUIRED_KEYS, kind_of(data, root if root.id == "scalar" else None))))
        return diagnostics, None
    later = schema.validate(filename, data, converter.tree)
    later += rules.check(filename, data, converter.tree, diagnostics + later)
    # A value the converter could not read (an unsupported tag, ...) is None: what
    # the schema says about that None at the same place adds nothing.
    unreadable = {(d.line, d.col, d.key_path) for d in diagnostics}
    diagnostics += [d for d in later if (d.line, d.col, d.key_path) not in unreadable]
    if diagnostics:
        return diagnostics, None
    return [], build(filename, data, converter.tree)
