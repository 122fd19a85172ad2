#!/usr/bin/env python3
"""Counts a plugin author's lines: non-blank, non-comment lines of the manifest
(plugin.yaml) and of the C++ the author writes (src/*.cpp, src/*.hpp), per
example; docs/author-lines.md shows the table. With --rev REV, counts the files
as they were at that git revision (the "before" column); with --files, counts
any files given (the official SDKs' examples).

    /usr/bin/python3 scripts/author_lines.py [--rev REV] [examples/hello ...]
    /usr/bin/python3 scripts/author_lines.py --files a.cpp b.rs
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def code_lines(text: str, kind: str) -> int:
    """Lines with code: blank lines and comments (# in YAML; //, /* */ in C, C++ and Rust) do not count."""
    if kind != "yaml":
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    count = 0
    for line in text.splitlines():
        s = line.strip()
        if not s or s.startswith("//" if kind != "yaml" else "#"):
            continue
        count += 1
    return count


def kind_of(path: str) -> str:
    return "yaml" if path.endswith((".yaml", ".yml")) else "code"


def read(path: str, rev: str | None) -> str | None:
    if rev is None:
        p = ROOT / path
        return p.read_text(encoding="utf-8") if p.exists() else None
    r = subprocess.run(["git", "-C", str(ROOT), "show", "%s:%s" % (rev, path)], capture_output=True, text=True)
    return r.stdout if r.returncode == 0 else None


def author_files(example: str, rev: str | None) -> list:
    if rev is None:
        found = sorted(str(p.relative_to(ROOT)) for p in (ROOT / example / "src").glob("*.[ch]pp"))
    else:
        r = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "--name-only", rev, example + "/src/"],
                           capture_output=True, text=True)
        found = sorted(l for l in r.stdout.split() if l.endswith((".cpp", ".hpp")))
    return [example + "/plugin.yaml"] + found


def count_example(example: str, rev: str | None) -> tuple:
    manifest = cpp = 0
    for path in author_files(example, rev):
        text = read(path, rev)
        if text is None:
            continue
        if kind_of(path) == "yaml":
            manifest += code_lines(text, "yaml")
        else:
            cpp += code_lines(text, "code")
    return manifest, cpp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rev", help="count the files as of this git revision")
    ap.add_argument("--files", action="store_true", help="count the given files instead of examples")
    ap.add_argument("paths", nargs="*")
    args = ap.parse_args()
    if args.files:
        for path in args.paths:
            print("%5d  %s" % (code_lines(Path(path).read_text(encoding="utf-8"), kind_of(path)), path))
        return 0
    examples = args.paths or sorted("examples/" + p.name for p in (ROOT / "examples").iterdir()
                                    if (p / "plugin.yaml").exists())
    print("example manifest cpp total")
    for example in examples:
        manifest, cpp = count_example(example, args.rev)
        print("%s %d %d %d" % (example.split("/")[-1], manifest, cpp, manifest + cpp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
