"""Writing generated files: atomically, and only when their text changes.

An unchanged file keeps its mtime, so a no-op regeneration rebuilds nothing.
A changed file is written to a temporary file beside it and renamed over it,
so an interrupted run never leaves a half-written file.
"""
from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List


@dataclass(frozen=True)
class Planned:
    path: Path
    text: str
    old: str | None  # None: the file does not exist yet

    @property
    def changed(self) -> bool:
        return self.old != self.text


def plan(outdir: Path, files: Dict[str, str]) -> List[Planned]:
    planned = []
    for name in sorted(files):
        path = outdir / name
        try:
            old = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            old = None
        except UnicodeDecodeError:
            old = ""  # unreadable as text: treat as different
        planned.append(Planned(path, files[name], old))
    return planned


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_new_only(path: Path, text: str) -> bool:
    """Creates an author-owned file; never replaces an existing one."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: even a file appearing between the check and the write survives.
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return True


def unified_diff(item: Planned) -> str:
    old = (item.old or "").splitlines(keepends=True)
    new = item.text.splitlines(keepends=True)
    label = str(item.path)
    return "".join(difflib.unified_diff(old, new, "a/" + label, "b/" + label))
