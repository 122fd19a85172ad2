"""The kernel event table snapshot (generator/falcogen/data/event_table.json) and falcogen.kernel_events.

Known facts of the driver's table, checked on the snapshot; the snapshot against the libs mirror
(FALCOGEN_LIBS_REPO, default /work/.mirror/falcosecurity+libs/repo; skipped without it) and against
the host's C++ capture table, which scripts/gen_scap_tables.py writes from the same libs.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from falcogen import kernel_events
from falcogen.kernel_events import PARAM_TYPES, KernelEventError, cpp_type, event_table, schema_version

ROOT = Path(__file__).resolve().parents[2]
LIBS = os.environ.get("FALCOGEN_LIBS_REPO", "/work/.mirror/falcosecurity+libs/repo")
needs_libs = pytest.mark.skipif(not Path(LIBS).exists(), reason="no libs checkout at %s" % LIBS)


def libs_file(rel: str) -> str:
    if (Path(LIBS) / "driver").is_dir():
        return (Path(LIBS) / rel).read_text()
    return subprocess.run(["git", "--git-dir", LIBS, "show", "HEAD:" + rel], check=True, capture_output=True,
                          text=True).stdout


def names(params) -> list:
    return [p.name for p in params]


# ---- The snapshot: header and shape ------------------------------------------------------------

def test_header_states_where_the_table_comes_from():
    data = json.loads(kernel_events.SNAPSHOT.read_text())
    assert data["generator"] == "scripts/gen_event_table.py"
    assert re.fullmatch(r"[0-9a-f]{40}", data["libs"]["commit"])
    assert data["libs"]["version"]  # `git describe` of the commit, or "unknown"
    assert re.fullmatch(r"\d+\.\d+\.\d+", data["schema_version"])
    assert data["event_count"] == len(data["events"]) == len(event_table().events)
    assert schema_version() == data["schema_version"]


def test_one_event_per_line_in_code_order():
    lines = kernel_events.SNAPSHOT.read_text().splitlines()
    event_lines = [line for line in lines if line.lstrip().startswith('{"code": ')]
    assert len(event_lines) == len(event_table().events)
    assert [json.loads(line.strip().rstrip(","))["code"] for line in event_lines] == list(range(len(event_lines)))


def test_the_package_ships_the_snapshot():
    assert kernel_events.SNAPSHOT == ROOT / "generator" / "falcogen" / "data" / "event_table.json"
    assert 'falcogen = ["data/*.json"]' in (ROOT / "pyproject.toml").read_text()
    assert 'PATTERN "data/*.json"' in (ROOT / "cmake" / "FalcogenInstall.cmake").read_text()


def test_the_table_is_loaded_once():
    assert event_table() is event_table()


# ---- Known facts -------------------------------------------------------------------------------

def test_openat_exit():
    e = event_table().by_code(307)
    assert (e.enum, e.name, e.direction, e.pair) == ("PPME_SYSCALL_OPENAT_2_X", "openat", "exit", 306)
    assert names(e.params) == ["fd", "dirfd", "name", "flags", "mode", "dev", "ino"]
    assert e.param_index("name") == 2
    assert e.param("name").type == "PT_FSRELPATH" and e.param("name").dirfd == 1
    assert e.param("fd").type == "PT_FD" and e.param("dirfd").type == "PT_FD"
    assert (e.param("flags").type, e.param("flags").format, e.param("flags").flags) == ("PT_FLAGS32", "PF_HEX",
                                                                                         "file_flags")
    assert (e.param("mode").type, e.param("mode").format) == ("PT_UINT32", "PF_OCT")
    assert e.category == ("EC_FILE", "EC_SYSCALL")
    assert "EF_CREATES_FD" in e.flags and not e.old and not e.large_payload and e.length_size == 2


def test_openat_enter_and_the_old_version():
    enter = event_table().by_code(306)
    assert (enter.enum, enter.direction) == ("PPME_SYSCALL_OPENAT_2_E", "enter")
    assert names(enter.params) == ["dirfd", "name", "flags", "mode"]
    old = event_table().by_code(103)
    assert old.enum == "PPME_SYSCALL_OPENAT_X" and old.old and names(old.params) == ["fd"]


def test_execve_exit():
    e = event_table().by_enum("PPME_SYSCALL_EXECVE_19_X")
    assert e.code == 293 and e.direction == "exit" and not e.old
    assert e.param_index("res") == 0 and e.param("res").type == "PT_ERRNO"
    assert e.param_index("exe") == 1 and e.param("exe").type == "PT_CHARBUF"
    assert e.param_index("args") == 2 and e.param("args").type == "PT_BYTEBUF"
    assert e.param_index("trusted_exepath") == 27 and e.param("trusted_exepath").type == "PT_FSPATH"
    assert e.param_index("filename") == 30 and len(e.params) == 31
    assert event_table().by_code(292).old  # the enter event: a current driver writes the exit only


def test_large_payload_events():
    large = [e.code for e in event_table().events if e.large_payload]
    assert large == [322, 324, 402]
    assert [event_table().by_code(c).enum for c in large] == ["PPME_PLUGINEVENT_E", "PPME_CONTAINER_JSON_2_E",
                                                             "PPME_ASYNCEVENT_E"]
    assert all(e.length_size == (4 if e.large_payload else 2) for e in event_table().events)
    assert all(("EF_LARGE_PAYLOAD" in e.flags) == e.large_payload for e in event_table().events)


def test_placeholders_have_no_direction_and_break_pairs():
    t = event_table()
    assert t.by_code(323).placeholder and t.by_code(323).name == "NA" and t.by_code(323).flags == ("EF_UNUSED",)
    assert t.by_code(322).pair is None and t.by_code(322).direction == "enter"
    assert t.by_code(451).pair is None and t.by_code(451).direction == "exit"  # close_range: exit only
    for e in t.events:
        if e.pair is not None:
            assert t.by_code(e.pair).pair == e.code and t.by_code(e.pair).name == e.name, e.enum
            assert {e.direction, t.by_code(e.pair).direction} == {"enter", "exit"}
        if not e.placeholder:
            assert e.enum.endswith({"enter": "_E", "exit": "_X"}[e.direction]), e.enum


def test_every_name_has_one_current_pair():
    """What a current driver writes for a name (events not EF_OLD_VERSION) is one enter/exit pair."""
    t = event_table()
    for name in t.names():
        live = {e.code >> 1 for e in t.by_name(name) if not e.old}
        assert len(live) <= 1, name


def test_relative_paths_name_a_dirfd_parameter():
    for e in event_table().events:
        for p in e.params:
            if p.type == "PT_FSRELPATH":
                assert p.dirfd is not None and e.params[p.dirfd].type == "PT_FD", e.enum
            if p.type == "PT_DYN":
                assert p.dynamic and p.dynamic.endswith("_dynamic_param"), e.enum


# ---- Parameter types ---------------------------------------------------------------------------

def test_every_parameter_type_of_the_table_has_a_cpp_type():
    used = {p.type for e in event_table().events for p in e.params}
    assert used <= set(PARAM_TYPES)
    assert all(p.cpp_type == PARAM_TYPES[p.type].cpp for e in event_table().events for p in e.params)


@pytest.mark.parametrize("ptype, cpp", [
    ("PT_INT64", "int64_t"), ("PT_ERRNO", "int64_t"), ("PT_FD", "int64_t"), ("PT_PID", "int64_t"),
    ("PT_UINT32", "uint32_t"), ("PT_FLAGS32", "uint32_t"), ("PT_MODE", "uint32_t"), ("PT_UID", "uint32_t"),
    ("PT_GID", "uint32_t"), ("PT_UINT64", "uint64_t"), ("PT_CHARBUF", "std::string_view"),
    ("PT_FSPATH", "std::string_view"), ("PT_FSRELPATH", "std::string_view"), ("PT_BYTEBUF", "falcogen::ByteView"),
    ("PT_SOCKADDR", "falcogen::ByteView"), ("PT_SOCKTUPLE", "falcogen::ByteView"), ("PT_FDLIST", "falcogen::ByteView"),
    ("PT_CHARBUFARRAY", "falcogen::ByteView"), ("PT_DYN", "falcogen::ByteView"), ("PT_ABSTIME", "falcogen::AbsTime"),
    ("PT_RELTIME", "falcogen::RelTime"), ("PT_IPV4ADDR", "falcogen::Ipv4"), ("PT_IPV6ADDR", "falcogen::Ipv6"),
])
def test_cpp_types(ptype, cpp):
    assert cpp_type(ptype) == cpp


def test_unknown_parameter_type():
    with pytest.raises(KernelEventError, match="PT_NOPE"):
        cpp_type("PT_NOPE")


def test_fixed_sizes_match_the_cpp_types():
    sizes = {"int8_t": 1, "uint8_t": 1, "int16_t": 2, "uint16_t": 2, "int32_t": 4, "uint32_t": 4, "int64_t": 8,
             "uint64_t": 8, "double": 8, "falcogen::AbsTime": 8, "falcogen::RelTime": 8, "falcogen::Ipv4": 4,
             "falcogen::Ipv6": 16, "bool": 4, "void": 0}
    for ptype, t in PARAM_TYPES.items():
        if t.size is None:
            assert t.cpp in ("std::string_view", "falcogen::ByteView"), ptype
        else:
            assert sizes[t.cpp] == t.size, ptype


# ---- Names -------------------------------------------------------------------------------------

def codes(events) -> list:
    return [e.code for e in events]


@pytest.mark.parametrize("name, expected", [
    ("openat_x", [307]), ("openat_e", [306]), ("openat", [306, 307]), ("execve_x", [293]), ("execve", [292, 293]),
    ("PPME_SYSCALL_OPENAT_X", [103]), ("PPME_SYSCALL_OPENAT_2_X", [307]), ("procexit", [186]),
    ("close_range", [451]), ("container", [324]), ("pluginevent", [322]), ("asyncevent", [402]),
])
def test_resolve(name, expected):
    assert codes(event_table().resolve(name)) == expected


def test_by_name_lists_every_version_current_pair_first():
    assert codes(event_table().by_name("openat")) == [306, 307, 102, 103]
    execve = event_table().by_name("execve")
    assert codes(execve[:2]) == [292, 293] and len(execve) == 16
    assert codes(execve[2:4]) == [288, 289]  # then the older pairs, newest first


def test_manifest_names_round_trip():
    t = event_table()
    for name in t.names():
        for e in t.current(name):
            assert t.resolve(e.manifest_name) == (e,)


@pytest.mark.parametrize("name, hint", [
    ("opnat_x", "openat_x"), ("openat_y", "openat_x"), ("execv", "execve"),
    ("PPME_SYSCALL_OPENAT_3_X", "PPME_SYSCALL_OPENAT_2_X"),
])
def test_unknown_names_list_close_matches(name, hint):
    with pytest.raises(KernelEventError, match=r"unknown kernel event '%s' \(did you mean .*%s" % (name, hint)):
        event_table().resolve(name)


def test_unknown_name_without_close_matches():
    with pytest.raises(KernelEventError, match=r"^unknown kernel event 'zzzz'$"):
        event_table().resolve("zzzz")


def test_a_missing_half_is_named():
    with pytest.raises(KernelEventError, match="no enter event of close_range .*close_range_x"):
        event_table().resolve("close_range_e")
    with pytest.raises(KernelEventError, match="unknown kernel event code 454"):
        event_table().by_code(len(event_table().events))
    with pytest.raises(KernelEventError, match="has no parameter 'nope'.*fd, dirfd, name"):
        event_table().by_code(307).param("nope")


# ---- Against the libs checkout and the host's table --------------------------------------------

@needs_libs
def test_snapshot_is_up_to_date_with_the_libs_checkout():
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_event_table.py"), LIBS, "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


@needs_libs
@pytest.mark.skipif(shutil.which("clang-format") is None, reason="gen_scap_tables.py formats with clang-format")
def test_the_hosts_tables_are_up_to_date_with_the_shared_parser():
    """scripts/gen_scap_tables.py reads the event table through scripts/libs_source.py too."""
    res = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_scap_tables.py"), LIBS, "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


@needs_libs
def test_large_payload_events_are_the_ones_flagged_in_event_table_c():
    """Read with a regex of its own, not the generator's parser."""
    text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", libs_file("driver/event_table.c"), flags=re.S)
    entries = re.split(r"\[(PPME_\w+)\]\s*=", text)[1:]
    flagged = {entries[i] for i in range(0, len(entries), 2) if "EF_LARGE_PAYLOAD" in entries[i + 1]}
    assert flagged == {e.enum for e in event_table().events if e.large_payload}


@needs_libs
def test_param_types_cover_the_drivers_list_in_order():
    header = libs_file("driver/ppm_events_public.h")
    body = re.search(r"enum ppm_param_type\s*\{(.*?)\}", header, re.S).group(1)
    listed = re.findall(r"^\s*(PT_\w+)\s*=\s*(\d+)", body, re.M)
    assert [(name, int(v)) for name, v in listed if name != "PT_MAX"] == [(n, i) for i, n in enumerate(PARAM_TYPES)]


def test_snapshot_agrees_with_the_hosts_capture_table():
    """host/src/capture/event_table.cpp: name, flags, one letter per parameter type, per code."""
    cpp = (ROOT / "host" / "src" / "capture" / "event_table.cpp").read_text()
    rows = re.findall(r'\{"([^"]*)", 0x([0-9a-f]+), "([a-zA-Z]*)"\},\s*// (\d+) (\w+)', cpp)
    assert len(rows) == len(event_table().events)
    pt_values = {name: i for i, name in enumerate(PARAM_TYPES)}
    for name, _flags, letters, code, enum in rows:
        e = event_table().by_code(int(code))
        assert (e.name, e.enum) == (name, "PPME_" + enum)
        expected = "".join(chr(ord("a") + v) if v < 26 else chr(ord("A") + v - 26)
                           for v in (pt_values[p.type] for p in e.params))
        assert letters == expected, e.enum
    commit = event_table().libs["commit"]
    assert commit in cpp.replace("\n// ", " "), "the host's table comes from another libs commit"


@needs_libs
def test_check_notices_a_stale_snapshot(tmp_path):
    out = tmp_path / "event_table.json"
    script = [sys.executable, str(ROOT / "scripts" / "gen_event_table.py"), LIBS, "-o", str(out)]
    subprocess.run(script, check=True, capture_output=True)
    assert out.read_text() == kernel_events.SNAPSHOT.read_text()
    out.write_text(out.read_text().replace('"name": "openat"', '"name": "openat_old"', 1))
    res = subprocess.run(script + ["--check"], capture_output=True, text=True)
    assert res.returncode == 1 and "differs" in res.stdout
