"""`pip install .` into a fresh venv, then the author's whole loop with nothing
else installed: `falcogen new`, a CMake build that finds falcogen through the
`falcogen` command (the package carries the runtime and host sources, CMake
files, templates and schemas), the project's tests, `falcogen run` on the
plugin, and `falcogen run --help` with no host anywhere, which builds one
into the cache once.

Offline, as a Debian machine without the Python package index: the venv sees
Debian's jinja2, yaml and jsonschema (--system-site-packages) and pip builds
with Debian's setuptools (--no-build-isolation --no-deps).
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, run

SYSTEM_PYTHON = "/usr/bin/python3"
# What `pip install .` reads from a checkout (a copy, so the build leaves nothing in it).
SHIPPED = ("CMakeLists.txt", "README.md", "pyproject.toml", "setup.py", "cmake", "runtime", "host", "templates",
           "schemas", "generator")


def _pip_unavailable():
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return "no %s" % SYSTEM_PYTHON
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import ensurepip, venv, setuptools, jinja2, yaml, jsonschema"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return ("Debian's python3-venv, python3-pip, python3-setuptools (scripts/deps.sh) are not installed: %s"
                % probe.stderr.strip().splitlines()[-1])
    return None


pytestmark = pytest.mark.skipif(_pip_unavailable() is not None, reason=str(_pip_unavailable()))


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    base = tmp_path_factory.mktemp("pip")
    src = base / "src"
    src.mkdir()
    for name in SHIPPED:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(
            str(ROOT / name), str(src / name), **({"ignore": shutil.ignore_patterns("__pycache__", "*.egg-info")}
                                                  if (ROOT / name).is_dir() else {}))
    venv = base / "venv"
    run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", venv])
    run([venv / "bin" / "pip", "install", "-q", "--no-build-isolation", "--no-deps", src])
    shutil.rmtree(str(src))  # the installed falcogen must not need its source
    return venv


def _author_env(venv: Path, tmp_path: Path) -> dict:
    """PATH with the venv's bin/ and no other falcogen; no hint of a checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "FALCOGEN_DATA_DIR", "FALCOGEN_HOST", "FALCOGEN_SOURCE_DIR", "FALCOGEN_PYTHON",
                        "FALCOGEN_CMAKE_DIR", "CMAKE_PREFIX_PATH")}
    path = [d for d in env.get("PATH", "").split(os.pathsep)
            if d and not any(os.path.exists(os.path.join(d, p)) for p in ("falcogen", "falcogen-host"))]
    env["PATH"] = os.pathsep.join([str(venv / "bin")] + path)
    env["FALCOGEN_CACHE_DIR"] = str(tmp_path / "cache")
    return env


def test_the_package_carries_the_tree(venv):
    share = venv / "share" / "falcogen"
    for rel in ("CMakeLists.txt", "cmake/falcogenConfig.cmake", "cmake/falcogenConfigVersion.cmake",
                "cmake/FalcogenAddPlugin.cmake", "runtime/CMakeLists.txt", "runtime/include/falcogen/runtime.hpp",
                "host/CMakeLists.txt", "host/src/main.cpp", "templates/plugin.gen.cpp.j2",
                "templates/scaffold/CMakeLists.txt.j2", "schemas/falcogen-manifest.schema.json",
                "generator/falcogen/cli.py", "generator/falcogen/manifest/rules/__init__.py"):
        assert (share / rel).is_file(), rel


def test_new_project_builds_tests_and_runs(venv, tmp_path):
    env = _author_env(venv, tmp_path)
    falcogen = str(venv / "bin" / "falcogen")
    cmake_dir = run([falcogen, "cmake-dir"], env=env).stdout.strip()
    assert cmake_dir == str(venv / "share" / "falcogen" / "cmake")
    run([falcogen, "new", "piped", "--dir", tmp_path], env=env)
    project = tmp_path / "piped"
    build = project / "build"
    run(["cmake", "-S", project, "-B", build, "-G", "Ninja"], env=env)
    assert "falcogen_DIR:PATH=%s" % cmake_dir in (build / "CMakeCache.txt").read_text()
    run(["cmake", "--build", build], env=env)
    run(["ctest", "--test-dir", build, "--output-on-failure"], env=env)
    plugin = build / "libpiped.so"
    events = run([falcogen, "run", plugin, "--open", "2"], env=env)
    assert len(events.stdout.strip().splitlines()) == 2, events.stdout
    assert "building" not in events.stderr  # the host the project built

    # No plugin, no host anywhere: built once from the package's sources into the cache.
    first = run([falcogen, "run", "--help"], env=env)
    assert first.stdout.startswith("usage: falcogen-host PLUGIN.so [options]"), first.stdout
    assert "building it once from %s" % (venv / "share" / "falcogen") in first.stderr
    again = run([falcogen, "run", "--help"], env=env)
    assert again.stdout == first.stdout and "building" not in again.stderr
    hosts = list((tmp_path / "cache").glob("host-*/falcogen-host"))
    assert len(hosts) == 1 and os.access(str(hosts[0]), os.X_OK), hosts
