"""Where falcogen's data lives: a checkout, or an installed tree."""
from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_root() -> Path:
    """The folder that holds templates/ and schemas/.

    FALCOGEN_DATA_DIR wins; then a checkout (generator/falcogen/../..); then an
    installed layout (<prefix>/share/falcogen, next to lib/pythonX/…).
    """
    env = os.environ.get("FALCOGEN_DATA_DIR")
    if env:
        return Path(env)
    checkout = _PACKAGE.parent.parent
    if (checkout / "templates").is_dir():
        return checkout
    for parent in _PACKAGE.parents:
        candidate = parent / "share" / "falcogen"
        if (candidate / "templates").is_dir():
            return candidate
    return checkout


def templates_dir() -> Path:
    return _data_root() / "templates"


def schemas_dir() -> Path:
    return _data_root() / "schemas"


def manifest_schema_path() -> Path:
    return schemas_dir() / "falcogen-manifest.schema.json"
