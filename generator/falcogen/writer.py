"""Writing generated files: atomically, and only when their text changes.

An unchanged file keeps its mtime, so a no-op regeneration rebuilds nothing.
A changed file is written to a temporary file beside it and renamed over it,
so an interrupted run never leaves a half-written file.
"""
from __future__ import annotations

import difflib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional


@dataclass(frozen=True)
class Planned:
    path: Path
    text: str
    old: str | None  # None: the file does not exist yet

    @property
    def changed(self) -> bool:
        return self.old != self.text


def planned(path: Path, text: str) -> Planned:
    """`text` to be written at `path`, next to what is there now."""
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    except UnicodeDecodeError:
        old = ""  # unreadable as text: treat as different
    return Planned(path, text, old)


def plan(outdir: Path, files: Dict[str, str]) -> List[Planned]:
    return [planned(outdir / name, files[name]) for name in sorted(files)]


def carry_out(items: List[Planned], check: bool = False, diff: bool = False, dry_run: bool = False,
              announce: bool = False) -> Optional[int]:
    """What `--check` (exit 1 naming each stale or missing file), `--diff` and `--dry-run` report, as an exit
    code; without them, writes the changed files (naming each one with `announce`) and returns None."""
    changed = [i for i in items if i.changed]
    if check:
        for i in changed:
            print("%s: %s" % (i.path, "missing" if i.old is None else "stale"), file=sys.stderr)
        return 1 if changed else 0
    if diff:
        for i in changed:
            sys.stdout.write(unified_diff(i))
        return 0
    if dry_run:
        for i in changed:
            print("would write %s" % i.path)
        return 0
    for i in changed:
        write_atomic(i.path, i.text)
        if announce:
            print("wrote %s" % i.path)
    return None


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
