"""Golden generated output: what falcogen generates for the examples and a few
test manifests, checked in under tests/golden/<name>/, so that every template
or generator change shows in review as a change of generated C++.

    python3 tests/golden/golden.py            compare (exit 1 on a difference)
    python3 tests/golden/golden.py --update   rewrite the golden files
    (bash scripts/update-golden.sh does the latter)

Each manifest is generated the way a build does it (`falcogen generate`, with
its lock file; a copy of it, so that nothing in the tree changes).
"""
from __future__ import annotations

import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "tests" / "golden"

# name -> manifest; chosen to cover every template part: sourcing with progress,
# binary layouts of every member type, a JSON layout, member/JSON/computed
# fields with arguments and lists, value offsets, extraction of another source
# and of syscalls (typed views, param fields), parsing with imported, nested and exported tables and
# fields over them, async events with a layout and dump_state, a config with nested objects,
# arrays and constraints, and metrics with a reloadable config.
MANIFESTS = {
    "hello": "examples/hello/plugin.yaml",
    "authlog": "examples/authlog/plugin.yaml",
    "k8sextra": "examples/k8sextra/plugin.yaml",
    "allmembers": "tests/codec/allmembers.yaml",
    "offsets": "tests/e2e/offsets/plugin.yaml",
    "sysx": "tests/e2e/syscall/plugin.yaml",
    "syscalls": "examples/syscalls/plugin.yaml",
    "full": "tests/generator/data/full.yaml",
    "statex": "tests/e2e/tables/plugin.yaml",
    "meterx": "tests/e2e/metrics/plugin.yaml",
    "asyncx": "tests/e2e/async/plugin.yaml",
    "listenx": "tests/e2e/capture/plugin.yaml",
}


def generate(manifest: Path, out: Path) -> None:
    """`falcogen generate` into `out`, with a copy of the manifest's lock file."""
    lock = manifest.with_name(manifest.name.rsplit(".", 1)[0] + ".lock.json")
    lock_copy = out.parent / (out.name + ".lock.json")
    if lock.exists():
        shutil.copyfile(lock, lock_copy)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"))
    subprocess.run([sys.executable, "-m", "falcogen", "generate", str(manifest), "-o", str(out), "--lock",
                    str(lock_copy)], check=True, env=env, capture_output=True, text=True)


def rendered() -> Dict[str, Dict[str, str]]:
    """name -> file name -> text, freshly generated."""
    out: Dict[str, Dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, manifest in MANIFESTS.items():
            folder = Path(tmp) / name
            generate(ROOT / manifest, folder)
            out[name] = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}
    return out


def differences(fresh: Dict[str, Dict[str, str]]) -> str:
    """A unified diff of tests/golden against `fresh` ('' when they agree)."""
    diffs = []
    for name, files in fresh.items():
        for file, text in files.items():
            path = HERE / name / file
            old = path.read_text(encoding="utf-8") if path.exists() else ""
            if old != text:
                rel = path.relative_to(ROOT).as_posix()
                diffs += difflib.unified_diff(old.splitlines(True), text.splitlines(True), "a/" + rel, "b/" + rel)
    return "".join(diffs)


def update(fresh: Dict[str, Dict[str, str]]) -> None:
    for name, files in fresh.items():
        folder = HERE / name
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")


def main(argv) -> int:
    fresh = rendered()
    if "--update" in argv:
        update(fresh)
        print("tests/golden: %d manifests written" % len(fresh))
        return 0
    diff = differences(fresh)
    sys.stdout.write(diff)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
