"""The copy of the manifest schema that a project keeps for editors.

`falcogen new` writes the manifest with the comment
``# yaml-language-server: $schema=.falcogen/manifest.schema.json``: a path
relative to the manifest, so the project names no folder of the machine it was
made on, and editors (the YAML language server: VS Code, Neovim, ...) find the
schema wherever the project is cloned. The copy lives in ``.falcogen/`` beside
the manifest, a folder that falcogen owns; `falcogen generate` (every build)
brings it up to date with the falcogen in use, like the lock file, and
``--check`` reports it when stale. A schema comment naming anything else (a
URL, the author's own file) is left alone.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from typing import Optional

from .manifest.schemafile import schema_text

SCHEMA_COPY = ".falcogen/manifest.schema.json"
MODELINE = "# yaml-language-server: $schema=" + SCHEMA_COPY

_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$")


def schema_copy_path(manifest: Path) -> Optional[Path]:
    """Where the manifest's schema comment wants falcogen's copy of the schema, if it names one."""
    try:
        with open(manifest, "r", encoding="utf-8") as f:
            head = [f.readline() for _ in range(5)]
    except (OSError, UnicodeDecodeError):
        return None
    for line in head:
        m = _MODELINE.match(line.strip())
        if not m:
            continue
        rel = PurePosixPath(m.group(1))
        if rel.is_absolute() or ".." in rel.parts or not rel.parts or rel.parts[0] != ".falcogen":
            return None
        return manifest.parent.joinpath(*rel.parts)
    return None


def schema_copy_text() -> str:
    return schema_text()
