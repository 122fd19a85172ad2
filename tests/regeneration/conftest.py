"""Shared helpers of the regeneration tests: an installed falcogen, and a
plugin project (tests/regeneration/project) copied, configured and built.

FALCOGEN_BUILD_DIR (set by ctest) names a configured and built falcogen tree
to install from; without it, the session builds a minimal one itself.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Path(__file__).resolve().parent / "project"
PYTHON = os.environ.get("FALCOGEN_PYTHON", sys.executable)


def run(cmd, check=True, **kw) -> subprocess.CompletedProcess:
    result = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if check and result.returncode != 0:
        raise AssertionError("%s failed (%d):\n%s\n%s" % (cmd, result.returncode, result.stdout, result.stderr))
    return result


def falcogen(*args, check=True, extra_env=None, **kw) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"), **(extra_env or {}))
    env.pop("FALCOGEN_DATA_DIR", None)
    return run([PYTHON, "-m", "falcogen"] + list(args), check=check, env=env, **kw)


# -- timestamps, without sleeping -------------------------------------------------------------------
# Make and Ninja decide what to redo by comparing mtimes, and a file written
# in the same tick of the file system's clock as another gets the same mtime.
# The tests never wait for the clock: they set the mtimes they rely on.

AGED_NS = 1_000_000_000 * 10**9  # 2001-09-09: older than anything a test writes


def age(paths: Iterable[Path]) -> None:
    """Sets the mtime of paths far in the past: a later rewrite shows in their
    mtime even when it lands in the tick that wrote them."""
    for p in paths:
        os.utime(p, ns=(AGED_NS, AGED_NS))


def newest_mtime_ns(folder: Path, but: Optional[Path] = None) -> int:
    """The latest mtime of the files under folder (but one)."""
    newest = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            p = Path(dirpath) / name
            if p == but:
                continue
            try:
                newest = max(newest, p.lstat().st_mtime_ns)
            except FileNotFoundError:  # a build tree's temporary file
                pass
    return newest


def make_newest(path: Path, folder: Path) -> None:
    """Makes path's mtime later than every other file's under folder.

    An edit is seen by Make when the file is newer than the generator's stamp,
    by Ninja when it is newer than what its log recorded for the stamp (the log
    file is written last). An edit written in the tick of the last build's
    final writes, or on a file system with coarse timestamps, is not newer;
    rather than sleeping until the clock moves on, this moves the file's mtime
    past the newest one, by the smallest step the file system keeps."""
    newest = newest_mtime_ns(folder, but=path)
    step = 1  # ns; up to 100 s (FAT keeps 2 s)
    st = path.stat()
    while st.st_mtime_ns <= newest:
        assert step <= 100 * 10**9, "%s: the file system does not keep the mtimes set" % path
        os.utime(path, ns=(st.st_atime_ns, newest + step))
        st = path.stat()
        step *= 10


@pytest.fixture(scope="session")
def prefix(tmp_path_factory) -> Path:
    """falcogen installed with `cmake --install` into a temporary prefix."""
    build = os.environ.get("FALCOGEN_BUILD_DIR")
    if not build:
        build = tmp_path_factory.mktemp("falcogen-build")
        run(["cmake", "-S", ROOT, "-B", build, "-G", "Ninja", "-DFALCOGEN_PYTHON=" + PYTHON,
             "-DFALCOGEN_BUILD_TESTS=OFF", "-DFALCOGEN_BUILD_EXAMPLES=OFF", "-DFALCOGEN_BUILD_BENCH=OFF"])
        run(["cmake", "--build", build])
    out = tmp_path_factory.mktemp("prefix")
    run(["cmake", "--install", build, "--prefix", out])
    return out


class Project:
    """A copy of tests/regeneration/project, configured against falcogen."""

    def __init__(self, where: Path, generator: str = "Ninja", how: str = "package",
                 prefix: Optional[Path] = None, cmake_args: Iterable[str] = ()):
        self.dir = where / "regen"
        shutil.copytree(PROJECT, self.dir)
        self.build_dir = self.dir / "build"
        self.generator = generator
        self.gen_dir = self.build_dir / "regen.falcogen"
        self.manifest = self.dir / "plugin.yaml"
        self.source = self.dir / "src" / "regen.cpp"
        self.lock = self.dir / "plugin.lock.json"
        args = ["cmake", "-S", self.dir, "-B", self.build_dir, "-G", generator, "-DFALCOGEN_PYTHON=" + PYTHON,
                "-DFALCOGEN_HOW=" + how]
        if how == "package":
            args.append("-DCMAKE_PREFIX_PATH=%s" % prefix)
        else:
            args.append("-DFALCOGEN_SOURCE_DIR=%s" % ROOT)
        run(args + list(cmake_args))

    # -- editing -----------------------------------------------------------------------------------
    # Every edit leaves the file newer than everything the last build wrote
    # (make_newest), however close behind the build it lands.
    def edit(self, old: str, new: str, path: Optional[Path] = None) -> None:
        path = path or self.manifest
        text = path.read_text()
        assert old in text, "%r not in %s" % (old, path)
        path.write_text(text.replace(old, new, 1))
        make_newest(path, self.dir)

    def append(self, text: str) -> None:
        self.manifest.write_text(self.manifest.read_text() + text)
        make_newest(self.manifest, self.dir)

    def rewrite(self) -> None:
        """Writes the manifest again, same text: only its mtime changes."""
        self.manifest.write_text(self.manifest.read_text())
        make_newest(self.manifest, self.dir)

    # -- building ----------------------------------------------------------------------------------
    def _ninja_log(self) -> List[str]:
        log = self.build_dir / ".ninja_log"
        return log.read_text().splitlines() if log.exists() else []

    def build(self, check: bool = True) -> "Build":
        """Builds; reports what ran (from Ninja's log, or Make's output)."""
        before = self._ninja_log()
        result = run(["cmake", "--build", self.build_dir], check=False)
        if check and result.returncode != 0:
            raise AssertionError("build failed:\n%s\n%s" % (result.stdout, result.stderr))
        if self.generator == "Ninja":
            after = self._ninja_log()
            ran = [line.split("\t")[3] for line in after[len(before):] if not line.startswith("#")]
            objects = sorted(os.path.basename(o) for o in ran if o.endswith(".o") and "/regen.dir/" in "/" + o)
            generated = any(o.endswith("falcogen.stamp") for o in ran)
        else:
            objects = sorted(
                os.path.basename(line.rsplit(" ", 1)[-1]) for line in result.stdout.splitlines()
                if "Building CXX object CMakeFiles/regen.dir/" in line)
            generated = "falcogen: generating" in result.stdout
        return Build(result.returncode, result.stdout + result.stderr, objects, generated)

    def snapshot(self) -> Dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(self.gen_dir.glob("*.gen.*"))}

    def mtimes(self) -> Dict[str, int]:
        return {p.name: p.stat().st_mtime_ns for p in sorted(self.gen_dir.glob("*.gen.*"))}


class Build:
    def __init__(self, rc: int, output: str, objects: List[str], generated: bool):
        self.rc = rc
        self.output = output
        self.objects = objects  # object files of the plugin compiled, e.g. ["plugin.gen.cpp.o"]
        self.generated = generated  # the generator ran

    def __repr__(self) -> str:
        return "Build(rc=%d, objects=%s, generated=%s)" % (self.rc, self.objects, self.generated)


def affected_objects(before: Dict[str, bytes], after: Dict[str, bytes]) -> List[str]:
    """The objects an exact build must recompile, given which generated files changed."""
    changed = {name for name in after if before.get(name) != after[name]}
    units = [name for name in after if name.endswith(".cpp")] + ["regen.cpp"]
    if "plugin.gen.hpp" in changed:  # every unit includes it
        return sorted(u + ".o" for u in units)
    return sorted(u + ".o" for u in changed if u.endswith(".cpp"))
