"""Generated plugins against their hand-written twins through the real libsinsp.

When FALCOGEN_SINSP names a `sinsp-example` (libsinsp's example host, built by
../shared/tools/real-hosts.sh), each pair streams its events through libsinsp
in performance-test mode (`-t`) with a filter on one of its fields, so that
every event is sourced, decoded by libsinsp and extracted from once: what a
Falco rule costs. The two plugins run alternately (A B A B ...) and the table
shows the median events/ms of each and their ratio. Not a CI stage: it needs
a libsinsp build.
"""
from __future__ import annotations

import re
import statistics
import subprocess
from pathlib import Path
from typing import List

# (pair, hand-written .so, generated .so, open params: events, filter)
PAIRS = (
    ("record", "libfalcogen_bench_raw_record.so", "libfalcogen_bench_record.so", "3000000", "rec.bytes > 1000"),
    ("record", "libfalcogen_bench_raw_record.so", "libfalcogen_bench_record.so", "3000000", "rec.user = alice"),
    ("line", "libfalcogen_bench_raw_line.so", "libfalcogen_bench_line.so", "3000000", "line.text = /etc/shadow"),
    ("json", "libfalcogen_bench_raw_json.so", "libfalcogen_bench_json.so", "300000", "bj.user = alice"),
)

RATE = re.compile(r"Events/ms:\s*([0-9.]+)")


def events_per_ms(sinsp: str, plugin: Path, params: str, filter_: str) -> float:
    proc = subprocess.run([sinsp, "-t", "-p", "%s||%s" % (plugin, params), "-f", filter_],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    match = RATE.search(proc.stdout)
    if proc.returncode != 0 or match is None:
        raise RuntimeError("sinsp-example on %s failed (%d):\n%s" % (plugin.name, proc.returncode, proc.stdout[-2000:]))
    return float(match.group(1))


def run_sinsp(sinsp: str, bench_dir: Path, smoke: bool) -> List[dict]:
    """One result per pair and filter: medians of the alternated runs and their ratio."""
    rounds = 1 if smoke else 5
    out = []
    for name, raw, gen, params, filter_ in PAIRS:
        if smoke:
            params = str(max(1, int(params) // 100))
        raw_rates, gen_rates = [], []
        for _ in range(rounds):
            raw_rates.append(events_per_ms(sinsp, bench_dir / raw, params, filter_))
            gen_rates.append(events_per_ms(sinsp, bench_dir / gen, params, filter_))
        raw_m, gen_m = statistics.median(raw_rates), statistics.median(gen_rates)
        out.append({"plugin": name, "filter": filter_, "raw": raw_m, "gen": gen_m, "ratio": gen_m / raw_m})
    return out
