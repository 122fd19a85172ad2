"""Finding the falcogen-host program for `falcogen run`, or building it once.

In order:

1. ``$FALCOGEN_HOST``;
2. the host the plugin's own build made: ``falcogen_add_plugin`` writes the
   host's path beside every plugin, in ``<plugin file>.falcogen-host`` (a
   project that builds falcogen from source builds the host program with its
   plugin; an installed falcogen names its ``bin/falcogen-host``);
3. ``falcogen-host`` on ``PATH`` (an installed falcogen's launcher sets
   ``$FALCOGEN_HOST`` itself);
4. a build folder of the checkout this generator runs from (``build*/host/``);
5. a host built on first use from the sources falcogen carries (a checkout, or
   the tree ``pip install`` puts in ``<venv>/share/falcogen``) into
   ``$FALCOGEN_CACHE_DIR`` (default ``$XDG_CACHE_HOME/falcogen``, i.e.
   ``~/.cache/falcogen``), one per version of the host's sources.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterable, List, Optional

from . import __version__
from .errors import UserError
from .paths import source_root

SIDECAR_SUFFIX = ".falcogen-host"


def _executable(path: Path) -> bool:
    return path.is_file() and os.access(str(path), os.X_OK)


def _sidecar_host(args: Iterable[str]) -> Optional[str]:
    """The host named beside a plugin of the command line (PLUGIN.so or --plugin PATH)."""
    for arg in args:
        sidecar = Path(arg + SIDECAR_SUFFIX)
        if not arg or not sidecar.is_file():
            continue
        try:
            named = Path(sidecar.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError):
            continue
        if named.is_absolute() and _executable(named):
            return str(named)
    return None


def _checkout_build_host(root: Optional[Path]) -> Optional[str]:
    if root is None:
        return None
    for candidate in sorted(root.glob("build*/host/falcogen-host")):
        if _executable(candidate):
            return str(candidate)
    return None


def cache_dir() -> Path:
    env = os.environ.get("FALCOGEN_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "falcogen"


def _host_sources(root: Path) -> List[Path]:
    """What the host program is built from: a change to any of them builds a new one."""
    files = [root / "CMakeLists.txt"]
    for folder in ("cmake", "host", "runtime/include/falcogen/abi"):
        files += sorted(p for p in (root / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return files


def _key(root: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in _host_sources(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return "host-%s-%s" % (__version__, digest.hexdigest()[:16])


def _build(root: Path, target: Path) -> None:
    """Configures falcogen's tree (no tests, examples, benchmarks) and builds falcogen-host alone."""
    work = target.parent / (target.parent.name + ".build")
    log_path = target.parent / "build.log"
    shutil.rmtree(str(work), ignore_errors=True)
    configure = ["cmake", "-S", str(root), "-B", str(work), "-DCMAKE_BUILD_TYPE=Release",
                 "-DFALCOGEN_BUILD_TESTS=OFF", "-DFALCOGEN_BUILD_EXAMPLES=OFF", "-DFALCOGEN_BUILD_BENCH=OFF",
                 "-DFALCOGEN_INSTALL=OFF", "-DFALCOGEN_PYTHON=" + sys.executable]
    if shutil.which("ninja"):
        configure += ["-G", "Ninja"]
    steps = [configure, ["cmake", "--build", str(work), "--target", "falcogen-host"]]
    with open(str(log_path), "w", encoding="utf-8") as log:
        for step in steps:
            log.write("$ %s\n" % " ".join(step))
            log.flush()
            try:
                rc = subprocess.call(step, stdout=log, stderr=subprocess.STDOUT)
            except OSError as e:
                raise UserError("cannot build falcogen-host: %s (set FALCOGEN_HOST to a built one)" % e)
            if rc != 0:
                tail = log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
                raise UserError("building falcogen-host failed (full log: %s):\n%s" % (log_path, "\n".join(tail)))
    built = work / "host" / "falcogen-host"
    tmp = target.with_name(target.name + ".tmp")
    shutil.copy2(str(built), str(tmp))
    os.replace(str(tmp), str(target))
    shutil.rmtree(str(work), ignore_errors=True)


def _cached_host(root: Path) -> str:
    folder = cache_dir() / _key(root)
    target = folder / "falcogen-host"
    if _executable(target):
        return str(target)
    folder.mkdir(parents=True, exist_ok=True)
    import fcntl

    with open(str(folder / "lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another `falcogen run` may be building it right now
        if not _executable(target):
            print("falcogen run: no falcogen-host found; building it once from %s into %s (a minute or two)"
                  % (root, folder), file=sys.stderr, flush=True)
            _build(root, target)
    return str(target)


def host_program(args: Iterable[str]) -> str:
    """The falcogen-host to exec for `falcogen run ARGS...`."""
    args = list(args)
    env = os.environ.get("FALCOGEN_HOST")
    if env:
        return env
    found = _sidecar_host(args) or shutil.which("falcogen-host")
    if found:
        return found
    root = source_root()
    found = _checkout_build_host(root)
    if found:
        return found
    if root is None:
        raise UserError("cannot find the falcogen-host program, and this falcogen carries no sources to build it: "
                        "install falcogen (cmake --install) or set FALCOGEN_HOST")
    return _cached_host(root)
