"""Where falcogen's data lives: a checkout, or an installed tree."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

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


def source_root() -> Optional[Path]:
    """falcogen's C++ sources and CMake files as a tree that CMake can build (top-level
    CMakeLists.txt, cmake/, runtime/, host/): a checkout, or the copy `pip install` puts in
    <venv>/share/falcogen. None for an installation made by `cmake --install`, which has the
    built libraries instead."""
    root = _data_root()
    if all((root / rel).is_file() for rel in ("CMakeLists.txt", "runtime/CMakeLists.txt", "host/CMakeLists.txt")):
        return root
    return None


def cmake_dir() -> Optional[Path]:
    """The folder of falcogenConfig.cmake, for `find_package(falcogen)` (`falcogen cmake-dir`).

    FALCOGEN_CMAKE_DIR (which an installed launcher sets to <prefix>/lib/cmake/falcogen) wins;
    then cmake/ of the source tree (a checkout or a pip installation), whose falcogenConfig.cmake
    builds the runtime and host from that tree inside the plugin's build.
    """
    env = os.environ.get("FALCOGEN_CMAKE_DIR")
    if env:
        return Path(env)
    root = source_root()
    if root is not None and (root / "cmake" / "falcogenConfig.cmake").is_file():
        return root / "cmake"
    return None


def templates_dir() -> Path:
    return _data_root() / "templates"


def schemas_dir() -> Path:
    return _data_root() / "schemas"


def manifest_schema_path() -> Path:
    return schemas_dir() / "falcogen-manifest.schema.json"
