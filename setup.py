"""The data files of `pip install .` (the project's metadata is in pyproject.toml).

pip puts falcogen's whole buildable tree in <prefix>/share/falcogen, in a
checkout's layout: the top-level CMakeLists.txt, cmake/ (with the
falcogenConfig.cmake of a source tree), runtime/ and host/ (the C++ sources a
plugin project builds), templates/, schemas/ and the generator's own sources
(generator/falcogen, which CMake runs at build time). So a plugin project
needs nothing else: `falcogen cmake-dir` names <prefix>/share/falcogen/cmake,
and `falcogen run` builds falcogen-host from the same tree when no build made
one (generator/falcogen/hostprog.py). The folders are walked, so a new source
file or template folder ships without an edit here.
"""
import os

from setuptools import setup

HERE = os.path.dirname(os.path.abspath(__file__))
SHARE = "share/falcogen"
TREES = ("cmake", "runtime", "host", "templates", "schemas", "generator/falcogen")
SKIP_DIRS = {"__pycache__", "falcogen.egg-info"}
SKIP_SUFFIXES = (".pyc", ".pyo")


def data_files():
    """(install folder, [files]) pairs, one per folder of the shipped trees, paths relative to HERE."""
    pairs = [(SHARE, ["CMakeLists.txt"])]
    for tree in TREES:
        for folder, dirs, files in os.walk(os.path.join(HERE, tree)):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info"))
            rel = os.path.relpath(folder, HERE).replace(os.sep, "/")
            shipped = sorted(rel + "/" + f for f in files if not f.endswith(SKIP_SUFFIXES))
            if shipped:
                pairs.append((SHARE + "/" + rel, shipped))
    return pairs


if __name__ == "__main__":
    setup(data_files=data_files())
