#!/usr/bin/env python3
"""Mutation fuzzer of the manifest loader and the generator (no atheris here).

Every input must end in a ManifestError whose diagnostics format cleanly, or
in a model that renders (falcogen generate's whole pipeline, short of writing
files). Any other exception is a bug: the input is saved under
regressions/manifest/ and the run fails. Deterministic for a given seed.

    manifest_fuzz.py --seconds 20 --seed 1     time-boxed (scripts/fuzz.sh)
    manifest_fuzz.py --iterations 300          a fixed amount (ctest)
    manifest_fuzz.py --replay FILE...          check given inputs only
Seeds: every manifest of the tree (examples, test plugins) and corpus/manifest/.
Regressions (regressions/manifest/*.yaml) are replayed first on every run.
"""
from __future__ import annotations

import argparse
import glob
import hashlib
import os
import random
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "generator"))
os.environ.setdefault("FALCOGEN_DATA_DIR", ROOT)

from falcogen.manifest import ManifestError, load_manifest_text  # noqa: E402
from falcogen.render import render_generated  # noqa: E402

REGRESSIONS = os.path.join(HERE, "regressions", "manifest")

# Tokens that reach YAML's and the loader's corner cases.
TOKENS = [
    "", " ", "\t", "\n", ":", ": ", "- ", "-", "[", "]", "{", "}", ",", "#", "&a ", "*a", "!!str ", "!!int ", "!!binary ",
    "!!python/object:os.system ", "|", ">", "'", '"', "%YAML 1.1\n", "---\n", "...\n", "? ", "<<: *a\n", "~", "null",
    "yes", "no", "on", "off", "y", "0x1F", "0o17", "1e400", "-0", ".inf", ".nan", "1_000", "2026-01-01", "12:30:00",
    "9" * 40, "-" + "9" * 30, "a" * 300, "\u00e9", "\x00", "\x85", "\ufeff", "\u2028", "\ud7ff", "\\u0000", "\x1b",
    "string", "bytes", "u64", "i8", "bool", "ipv4", "ipv6", "abstime", "reltime", "json", "binary", "uint64", "ipnet",
    "ipaddr", "integer", "number", "boolean", "array", "object", "required: true", "default: ", "tag: 0", "tag: 65536",
    "id: 0", "id: 4294967296", "name: syscall", "members: []", "layouts: []", "fields: []", "properties: {}",
    "items: {type: object}", "from: a.b", "json: /a~2", "computed: true", "arg: {index: true, key: true, required: true}",
    "pattern: '['", "minimum: 1e309", "enum: []", "encoding: json", "list: true", "progress: true", "open_params: []",
]
KEYS = ["name", "version", "description", "contact", "namespace", "host_logging", "source", "config", "layouts",
        "fields", "extract", "id", "members", "type", "tag", "properties", "items", "default", "enum", "pattern",
        "minimum", "maximum", "minLength", "maxLength", "required", "open_params", "value", "desc", "separator",
        "from", "json", "computed", "arg", "list", "display", "encoding", "sources", "event_types", "value_offsets"]


def seeds():
    paths = sorted(set(glob.glob(os.path.join(ROOT, "examples", "*", "plugin.yaml"))
                       + glob.glob(os.path.join(ROOT, "tests", "robustness", "*", "plugin.yaml"))
                       + glob.glob(os.path.join(ROOT, "tests", "fuzz", "*", "plugin.yaml"))
                       + glob.glob(os.path.join(ROOT, "tests", "generator", "data", "*.yaml"))
                       + glob.glob(os.path.join(HERE, "corpus", "manifest", "*.yaml"))))
    out = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            out.append(f.read())
    return out


def mutate(rng, text, pool):
    for _ in range(rng.randint(1, 4)):
        lines = text.split("\n")
        kind = rng.randrange(12)
        if kind == 0 and lines:  # delete lines
            i = rng.randrange(len(lines))
            del lines[i:i + rng.randint(1, 3)]
        elif kind == 1 and lines:  # duplicate a line somewhere
            lines.insert(rng.randrange(len(lines) + 1), rng.choice(lines))
        elif kind == 2 and text:  # replace a character
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice(TOKENS) + text[i + 1:]
            continue
        elif kind == 3 and text:  # insert a token
            i = rng.randrange(len(text) + 1)
            text = text[:i] + rng.choice(TOKENS) + text[i:]
            continue
        elif kind == 4 and lines:  # re-indent a line
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.choice([0, 1, 2, 3, 4, 6, 8]) + lines[i].lstrip()
        elif kind == 5 and lines:  # replace a value after a colon
            i = rng.randrange(len(lines))
            if ":" in lines[i]:
                head = lines[i].split(":", 1)[0]
                lines[i] = head + ": " + rng.choice(TOKENS)
        elif kind == 6 and lines:  # rename a key
            i = rng.randrange(len(lines))
            if ":" in lines[i]:
                indent = len(lines[i]) - len(lines[i].lstrip())
                rest = lines[i].split(":", 1)[1]
                lines[i] = " " * indent + ("- " if lines[i].lstrip().startswith("- ") else "") + rng.choice(KEYS) + ":" + rest
        elif kind == 7:  # splice with another seed
            other = rng.choice(pool).split("\n")
            a, b = rng.randrange(len(lines) + 1), rng.randrange(len(other) + 1)
            lines = lines[:a] + other[b:b + rng.randint(1, 10)] + lines[a:]
        elif kind == 8:  # truncate
            text = text[:rng.randrange(len(text) + 1)]
            continue
        elif kind == 9:  # deep nesting
            depth = rng.choice([50, 200, 1000, 5000])
            text = text + "\n" + rng.choice(KEYS) + ": " + "[" * depth + "]" * rng.choice([0, depth])
            continue
        elif kind == 10 and lines:  # many copies of a block (sizes, counts)
            i = rng.randrange(len(lines))
            lines[i:i + 1] = lines[i:i + 3] * rng.choice([2, 10, 100])
        elif kind == 11 and text:  # a random byte-level flip
            i = rng.randrange(len(text))
            text = text[:i] + chr(rng.randrange(0, 0x250)) + text[i + 1:]
            continue
        text = "\n".join(lines)
    return text


def check(text):
    """Returns None, or the traceback of a bug."""
    try:
        plugin = load_manifest_text(text, "fuzz.yaml")
    except ManifestError as e:
        try:
            assert e.diagnostics, "ManifestError without diagnostics"
            for d in e.diagnostics:
                line = d.format()
                assert line.startswith("fuzz.yaml:"), "diagnostic without the file name: %r" % line
                assert "\n" not in line, "multi-line diagnostic: %r" % line
                assert "Traceback" not in line, "traceback in a diagnostic: %r" % line
        except AssertionError:
            return traceback.format_exc()
        return None
    except RecursionError:
        return traceback.format_exc()
    except Exception:  # noqa: BLE001 - any other exception is what we hunt
        return traceback.format_exc()
    try:
        render_generated(plugin)
    except Exception:  # noqa: BLE001
        return "the model loaded but does not render:\n" + traceback.format_exc()
    return None


def save(text):
    os.makedirs(REGRESSIONS, exist_ok=True)
    name = "crash-%s.yaml" % hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    path = os.path.join(REGRESSIONS, name)
    with open(path, "w", encoding="utf-8", errors="surrogatepass", newline="") as f:
        f.write(text)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=0)
    ap.add_argument("--iterations", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--replay", nargs="*")
    args = ap.parse_args()

    files = args.replay if args.replay is not None else sorted(glob.glob(os.path.join(REGRESSIONS, "*.yaml")))
    bugs = 0
    for path in files:
        with open(path, encoding="utf-8", errors="surrogatepass", newline="") as f:
            problem = check(f.read())
        if problem:
            bugs += 1
            print("REGRESSION %s:\n%s" % (path, problem), file=sys.stderr)
    if args.replay is not None:
        print("manifest fuzz: replayed %d inputs, %d failures" % (len(files), bugs))
        return 1 if bugs else 0

    pool = seeds()
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.seconds if args.seconds else None
    n = 0
    while (deadline is None or time.monotonic() < deadline) and (not args.iterations or n < args.iterations):
        if deadline is None and not args.iterations:
            break
        text = mutate(rng, rng.choice(pool), pool)
        n += 1
        problem = check(text)
        if problem:
            bugs += 1
            print("BUG at iteration %d (seed %d), saved to %s:\n%s" % (n, args.seed, save(text), problem),
                  file=sys.stderr)
            if bugs >= 5:
                break
    print("manifest fuzz: %d regressions replayed, %d mutations from %d seeds (seed %d), %d bugs"
          % (len(files), n, len(pool), args.seed, bugs))
    return 1 if bugs else 0


if __name__ == "__main__":
    sys.exit(main())
