#!/usr/bin/env python3
"""Runs falcogen's benchmark suite and prints one table (docs/performance.md).

    python3 bench/run.py --build-dir BUILD [--smoke] [--markdown FILE] [--json FILE]

BUILD must hold the built bench targets (scripts/bench.sh builds them). The
parts:
  * bench/driver (falcogen-bench): sourcing, event_to_string and extraction
    through the C ABI, generated vs hand-written, A/B alternated, medians,
    heap allocations per event; it also checks both sides produce identical
    bytes and strings (a mismatch fails the run);
  * bench/driver/state_driver.cpp (falcogen-bench-state): parsing into the
    threads table and fields over it, generated vs hand-written, in
    falcogen's host (which hosts libsinsp's tables), after checking both
    sides leave the same table state and extract the same values;
  * the generator: validate / generate / no-op regenerate manifests with 10,
    100 and 1000 fields in 50 layouts, and the files a no-op run rewrites;
  * the compiler: the hello plugin's author file and its generated sources at
    -O2, one after the other on one core, then the link, and the .so's size;
  * with FALCOGEN_SINSP=<sinsp-example>: the pairs through the real libsinsp,
    streaming with a filter on a field (bench/sinsp.py).

Exit status: 0 unless something crashed or a correctness check failed.
Targets that are missed are reported in the table, never turned into a
failure (timings are not assertions).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sinsp import run_sinsp  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PYTHON = os.environ.get("FALCOGEN_PYTHON", "/usr/bin/python3")


class BenchError(Exception):
    pass


# ---- helpers ------------------------------------------------------------------

def timed(cmd, **kw):
    """Runs cmd; returns (wall seconds, CPU seconds of the child, completed process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        raise BenchError("command failed (%d): %s\n%s%s" % (proc.returncode, " ".join(map(str, cmd)), proc.stdout, proc.stderr))
    return wall, cpu, proc


def si(v: float) -> str:
    for unit, scale in (("G", 1e9), ("M", 1e6), ("k", 1e3)):
        if abs(v) >= scale:
            return "%.3g%s" % (v / scale, unit)
    return "%.3g" % v


def snapshot(*dirs: Path):
    """(inode, mtime_ns, size) of every file under dirs: a rewrite changes it."""
    out = {}
    for d in dirs:
        for p in sorted(d.rglob("*")):
            if p.is_file():
                st = p.stat()
                out[str(p)] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return out


AGED_NS = 1_000_000_000 * 10**9  # 2001-09-09


def age(*dirs: Path):
    """Sets the mtime of every file under dirs far in the past, so that a
    rewrite changes it without waiting for the clock to tick."""
    for d in dirs:
        for p in d.rglob("*"):
            if p.is_file():
                os.utime(p, ns=(AGED_NS, AGED_NS))


# ---- 1-4: the driver ------------------------------------------------------------

def run_driver(build: Path, smoke: bool):
    bench = build / "bench"
    pairs = []
    for name in ("hello", "record", "line", "json"):
        pairs.append("%s=%s,%s" % (name, bench / ("libfalcogen_bench_raw_%s.so" % name), bench / ("libfalcogen_bench_%s.so" % name)))
    cmd = [str(bench / "falcogen-bench")] + (["--smoke"] if smoke else []) + pairs
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise BenchError("falcogen-bench failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()))
    results = [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]
    # State: parse and table access, in the driver that hosts tables (it does not count allocations).
    cmd = [str(bench / "falcogen-bench-state")] + (["--smoke"] if smoke else []) + [
        "state=%s,%s" % (bench / "libfalcogen_bench_raw_state.so", bench / "libfalcogen_bench_state.so")]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sys.stderr.write(proc.stderr)
    if proc.returncode != 0:
        raise BenchError("falcogen-bench-state failed (exit %d): %s" % (proc.returncode, proc.stderr.strip()))
    return results + [json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")]


# ---- 5: the generator -------------------------------------------------------------

def big_manifest(n_fields: int, n_layouts: int = 50) -> str:
    """A manifest with n_layouts layouts and n_fields fields bound to their members."""
    members_per_layout = max(2, -(-n_fields // n_layouts))
    lines = [
        "name: big",
        "version: 1.0.0",
        "description: Generator benchmark with %d fields in %d layouts" % (n_fields, n_layouts),
        "contact: https://github.com/falcogen/falcogen",
        "source:",
        "  id: 999",
        "  name: big",
        "config:",
        "  properties:",
        "    batch_size: {type: integer, description: Events per batch, default: 64, minimum: 1}",
        "layouts:",
    ]
    for l in range(n_layouts):
        lines.append("  - name: layout%d" % l)
        lines.append("    description: Layout number %d" % l)
        lines.append("    members:")
        for m in range(members_per_layout):
            kind = "string" if m % 2 == 0 else "u64"
            lines.append("      - {name: m%d, type: %s, description: Member %d}" % (m, kind, m))
    lines.append("fields:")
    for f in range(n_fields):
        layout, member = f % n_layouts, f // n_layouts
        kind = "string" if member % 2 == 0 else "uint64"
        lines.append("  - name: big.f%d" % f)
        lines.append("    type: %s" % kind)
        lines.append("    description: Field number %d" % f)
        lines.append("    from: layout%d.m%d" % (layout, member))
    return "\n".join(lines) + "\n"


def falcogen_cmd(*args):
    return [PYTHON, "-m", "falcogen"] + [str(a) for a in args]


def run_generator(smoke: bool):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"), FALCOGEN_DATA_DIR=str(ROOT))
    reps = 1 if smoke else 5
    rows = []
    sizes = (10, 100) if smoke else (10, 100, 1000)
    with tempfile.TemporaryDirectory(prefix="falcogen-bench-gen-") as tmp:
        tmp = Path(tmp)
        for n in sizes:
            work = tmp / ("m%d" % n)
            work.mkdir()
            manifest = work / "plugin.yaml"
            manifest.write_text(big_manifest(n))
            out = work / "gen"
            res = {"fields": n, "layouts": 50}
            walls, cpus = [], []
            for _ in range(reps):
                w, c, _p = timed(falcogen_cmd("validate", manifest), env=env)
                walls.append(w), cpus.append(c)
            res["validate"] = (statistics.median(walls), statistics.median(cpus))
            walls, cpus = [], []
            for _ in range(reps):
                shutil.rmtree(out, ignore_errors=True)
                for lock in work.glob("*.lock*"):
                    lock.unlink()
                w, c, _p = timed(falcogen_cmd("generate", manifest, "-o", out), env=env)
                walls.append(w), cpus.append(c)
            res["generate"] = (statistics.median(walls), statistics.median(cpus))
            res["generated_bytes"] = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            walls, cpus, rewritten = [], [], 0
            for _ in range(reps):
                age(work)  # a rewrite shows in the mtime, even within the clock's tick
                before = snapshot(work)
                w, c, _p = timed(falcogen_cmd("generate", manifest, "-o", out), env=env)
                after = snapshot(work)
                walls.append(w), cpus.append(c)
                rewritten = max(rewritten, sum(1 for k, v in after.items() if before.get(k) != v))
            res["noop"] = (statistics.median(walls), statistics.median(cpus))
            res["rewritten"] = rewritten
            rows.append(res)
    return rows


# ---- 6: the compiler -----------------------------------------------------------------

def compile_entries(build: Path, target: str):
    db = json.loads((build / "compile_commands.json").read_text())
    entries = [e for e in db if ("/%s.dir/" % target) in (e.get("output") or e.get("command", ""))]
    if not entries:
        raise BenchError("no compile command of %s in %s/compile_commands.json" % (target, build))
    return entries


def o2_command(entry, obj: Path):
    args = entry.get("arguments") or shlex.split(entry["command"])
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a == "-g" or a.startswith("-g") and a[2:3] in ("", "1", "2", "3") or re.fullmatch(r"-O[0-3sgz]?", a):
            continue
        out.append(a)
    return out[:1] + ["-O2"] + out[1:] + ["-o", str(obj)]


def run_compile(build: Path, smoke: bool):
    target = "falcogen_bench_hello"
    entries = compile_entries(build, target)
    runtime = build / "runtime" / "libfalcogen_runtime.a"
    reps = 1 if smoke else 3
    per_file = {}
    with tempfile.TemporaryDirectory(prefix="falcogen-bench-cc-") as tmp:
        tmp = Path(tmp)
        objs = []
        for e in entries:
            src = Path(e["file"])
            obj = tmp / (src.name + ".o")
            objs.append(obj)
            cmd = o2_command(e, obj)
            walls, cpus = [], []
            for _ in range(reps):
                w, c, _p = timed(cmd, cwd=e["directory"])
                walls.append(w), cpus.append(c)
            per_file[src.name] = (statistics.median(walls), statistics.median(cpus), "falcogen" in str(src.parent))
        so = tmp / "libhello.so"
        compiler = o2_command(entries[0], obj)[0]
        link = [compiler, "-O2", "-fPIC", "-shared", "-o", str(so)] + [str(o) for o in objs] + [
            str(runtime), "-Wl,--version-script=%s" % (ROOT / "cmake" / "falcogen_exports.map"), "-Wl,--no-undefined"]
        walls, cpus = [], []
        for _ in range(reps):
            w, c, _p = timed(link)
            walls.append(w), cpus.append(c)
        link_time = (statistics.median(walls), statistics.median(cpus))
        size = so.stat().st_size
        stripped = tmp / "stripped.so"
        subprocess.run(["strip", "--strip-all", "-o", str(stripped), str(so)], check=True)
        stripped_size = stripped.stat().st_size
    return {"files": per_file, "link": link_time, "size": size, "stripped": stripped_size}


# ---- the table --------------------------------------------------------------------------

def build_table(driver, gen, cc):
    """Rows: (section, measurement, hand-written, generated, result, target, verdict)."""
    rows = []
    verdicts = []

    def add(section, what, raw, generated, result, target, ok):
        verdict = "" if ok is None else ("ok" if ok else "MISSED")
        if ok is not None:
            verdicts.append((section + ": " + what, ok))
        rows.append((section, what, raw, generated, result, target, verdict))

    for r in driver:
        if r["kind"] == "check":
            add("correctness", r["what"], "", "", "ok" if r["ok"] else "FAILED", "identical", r["ok"])
    for r in driver:
        if r["kind"] in ("source", "extract", "parse"):
            label = {"source": "sourcing", "extract": "extraction", "parse": "parsing"}[r["kind"]]
            if r["plugin"] == "state" and r["kind"] == "extract":
                label = "extraction over tables"
            what = "%s %s" % (r["plugin"], r["what"]) + (" batch %d" % r["batch"] if r["kind"] == "source" else "")
            add(label, what, si(r["raw"]), si(r["gen"]), "%.2fx" % r["ratio"], ">= 0.90x", r["ratio"] >= 0.9)
        elif r["kind"] == "to_string":
            add("event_to_string", "%s %s" % (r["plugin"], r["what"]), si(r["raw"]), si(r["gen"]), "%.2fx" % r["ratio"], "(none)", None)
    groups = (
        ("sourcing, per event", lambda r: r["kind"] == "source", True),
        ("event_to_string, per call", lambda r: r["kind"] == "to_string", False),
        ("extraction of member and computed fields, per call", lambda r: r["kind"] == "extract" and r["plugin"] not in ("json", "state"), True),
        # The hand-written side parses with nlohmann/json, which allocates; the generated one walks the text.
        ("extraction of a JSON-pointer field, per call", lambda r: r["kind"] == "extract" and r["plugin"] == "json", True),
    )
    for label, pick, target in groups:
        sel = [r for r in driver if pick(r)]
        if not sel:
            continue
        raw_a = max(r["raw_allocs"] for r in sel)
        gen_a = max(r["gen_allocs"] for r in sel)
        add("allocations", "heap allocations " + label + " (steady state, max)", "%.3g" % raw_a, "%.3g" % gen_a,
            "%.3g" % gen_a, "0" if target else "(none)", gen_a == 0 if target else None)
    for g in gen:
        name = "%d fields, %d layouts" % (g["fields"], g["layouts"])
        add("generator", "validate, " + name, "", "", "%.3fs (cpu %.3fs)" % tuple(g["validate"]), "", None)
        add("generator", "generate, " + name, "", "", "%.3fs (cpu %.3fs)" % tuple(g["generate"]),
            "< 1s" if g["fields"] == 1000 else "", g["generate"][0] < 1.0 if g["fields"] == 1000 else None)
        add("generator", "no-op regenerate, " + name, "", "", "%.3fs (cpu %.3fs)" % tuple(g["noop"]), "", None)
        add("generator", "files rewritten by no-op regenerate, " + name, "", "", str(g["rewritten"]), "0", g["rewritten"] == 0)
    if cc:
        author = sum(cpu for _w, cpu, generated in cc["files"].values() if not generated)
        total = sum(cpu for _w, cpu, _g in cc["files"].values())
        for name, (wall, cpu, generated) in sorted(cc["files"].items(), key=lambda kv: kv[1][2]):
            add("compile -O2", ("generated " if generated else "author ") + name, "", "", "%.2fs (wall %.2fs)" % (cpu, wall), "", None)
        add("compile -O2", "link", "", "", "%.2fs (wall %.2fs)" % (cc["link"][1], cc["link"][0]), "", None)
        add("compile -O2", "author file (hello.cpp), CPU time", "", "", "%.2fs" % author, "< 1s", author < 1.0)
        add("compile -O2", "whole plugin, one core (sources + link), CPU time", "", "", "%.2fs" % (total + cc["link"][1]), "< 2s",
            total + cc["link"][1] < 2.0)
        add("compile -O2", "libhello.so size (stripped)", "", "", "%s B (%s B)" % (cc["size"], cc["stripped"]), "", None)
    return rows, verdicts


def sinsp_rows(results):
    """Table rows (and verdicts) of the runs through the real libsinsp."""
    rows, verdicts = [], []
    for r in results:
        ok = r["ratio"] >= 0.97
        what = "%s events/ms, filter %s" % (r["plugin"], r["filter"])
        rows.append(("libsinsp", what, "%.0f" % r["raw"], "%.0f" % r["gen"], "%.2fx" % r["ratio"], ">= 0.97x",
                     "ok" if ok else "MISSED"))
        verdicts.append(("libsinsp: " + what, ok))
    return rows, verdicts


HEAD = ("section", "measurement", "hand-written", "generated", "result", "target", "")


def text_table(rows):
    widths = [max(len(str(r[i])) for r in rows + [HEAD]) for i in range(len(HEAD))]
    out = []
    for r in [HEAD] + rows:
        out.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
        if r is HEAD:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def markdown_table(rows):
    out = ["| " + " | ".join(HEAD[:-1]) + " | |", "|" + "---|" * len(HEAD)]
    for r in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in r) + " |")
    return "\n".join(out)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = ", %.0f GiB" % (kb / 1024 / 1024)
    except (OSError, ValueError, IndexError):
        pass
    cxx = subprocess.run(["c++", "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]
    return "%s, %d cores%s, %s, %s, Python %s" % (cpu, os.cpu_count() or 0, mem, platform.platform(), cxx, platform.python_version())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True, type=Path)
    ap.add_argument("--smoke", action="store_true", help="small N, few runs: proves the suite builds and runs")
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    ap.add_argument("--json", type=Path, help="also write the raw results as JSON to this file")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: driver, generator, compile")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))
    build = args.build_dir.resolve()
    started = time.time()
    try:
        driver = run_driver(build, args.smoke) if "driver" not in skip else []
        gen = run_generator(args.smoke) if "generator" not in skip else []
        cc = run_compile(build, args.smoke) if "compile" not in skip else None
        sinsp = os.environ.get("FALCOGEN_SINSP")
        through_sinsp = run_sinsp(sinsp, build / "bench", args.smoke) if sinsp else []
    except (BenchError, RuntimeError) as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1
    rows, verdicts = build_table(driver, gen, cc)
    more_rows, more_verdicts = sinsp_rows(through_sinsp)
    rows, verdicts = rows + more_rows, verdicts + more_verdicts
    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    header = "falcogen benchmarks%s, %s\nmachine: %s\nload average at the end: %s" % (
        " (SMOKE: small N, not a measurement)" if args.smoke else "", when, machine(),
        " ".join("%.2f" % x for x in os.getloadavg()))
    print(header)
    print(text_table(rows))
    missed = [w for w, ok in verdicts if not ok]
    print("targets: %d met, %d missed%s" % (len(verdicts) - len(missed), len(missed),
                                             "" if not missed else " (" + "; ".join(missed) + ")"))
    print("took %.1fs" % (time.time() - started))
    if args.markdown:
        args.markdown.write_text(header.replace("\n", "  \n") + "\n\n" + markdown_table(rows) + "\n")
    if args.json:
        args.json.write_text(json.dumps({"when": when, "machine": machine(), "driver": driver, "generator": gen,
                                         "compile": cc, "libsinsp": through_sinsp}, indent=1))
    failed_checks = [r for r in driver if r["kind"] == "check" and not r["ok"]]
    return 1 if failed_checks else 0


if __name__ == "__main__":
    sys.exit(main())
