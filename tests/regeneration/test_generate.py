"""`falcogen generate` without a build: determinism, minimal writes, --check,
--diff, --dry-run, the lock file, retired methods and `falcogen skeleton`."""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, PYTHON, ROOT, age, falcogen, run

sys.path.insert(0, str(ROOT / "generator"))

from falcogen import lock  # noqa: E402
from falcogen.manifest import load_manifest_text  # noqa: E402
from falcogen.render.engine import GENERATED_FILES  # noqa: E402


@pytest.fixture
def manifest(tmp_path) -> Path:
    shutil.copy(PROJECT / "plugin.yaml", tmp_path / "plugin.yaml")
    return tmp_path / "plugin.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _tree(folder: Path):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---- Determinism and minimal writes ------------------------------------------------------------

def test_output_is_byte_identical_across_environments(manifest, tmp_path):
    outs = []
    for i, env in enumerate([
        {"LC_ALL": "C", "PYTHONHASHSEED": "1", "TZ": "UTC"},
        {"LC_ALL": "C.UTF-8", "PYTHONHASHSEED": "4242", "TZ": "Asia/Tokyo", "LANG": "C.UTF-8"},
    ]):
        out = tmp_path / ("out%d" % i)
        falcogen("generate", manifest, "-o", out, "--no-lock", extra_env=env)
        outs.append(_tree(out))
    assert outs[0] == outs[1]
    assert sorted(outs[0]) == sorted(GENERATED_FILES)
    for name, text in outs[0].items():
        assert str(tmp_path).encode() not in text, name  # no machine paths
        assert b"\r" not in text


def test_noop_generate_keeps_mtimes(manifest, tmp_path):
    out = tmp_path / "gen"
    falcogen("generate", manifest, "-o", out)
    # A rewrite would show in the mtimes, even one within the clock's tick.
    age(list(out.iterdir()) + [tmp_path / "plugin.lock.json"])
    stamps = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}
    lock_stamp = (tmp_path / "plugin.lock.json").stat().st_mtime_ns
    falcogen("generate", manifest, "-o", out)
    assert {p.name: p.stat().st_mtime_ns for p in out.iterdir()} == stamps
    assert (tmp_path / "plugin.lock.json").stat().st_mtime_ns == lock_stamp
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left


# ---- --check, --diff, --dry-run ----------------------------------------------------------------

def test_check_on_fresh_and_stale_trees(manifest, tmp_path):
    out = tmp_path / "gen"
    missing = falcogen("generate", manifest, "-o", out, "--check", check=False)
    assert missing.returncode == 1
    assert "%s: missing" % (out / "plugin.gen.hpp") in missing.stderr
    assert "plugin.lock.json: missing" in missing.stderr
    assert not out.exists()

    falcogen("generate", manifest, "-o", out)
    fresh = falcogen("generate", manifest, "-o", out, "--check", check=False)
    assert fresh.returncode == 0, fresh.stderr
    assert fresh.stderr == ""

    _edit(manifest, "description: A plugin whose manifest the regeneration tests edit",
          "description: Edited")
    stale = falcogen("generate", manifest, "-o", out, "--check", check=False)
    assert stale.returncode == 1
    assert stale.stderr.splitlines() == ["%s: stale" % (out / "plugin.gen.cpp")]

    before = _tree(out)
    diff = falcogen("generate", manifest, "-o", out, "--diff")
    assert diff.stdout.startswith("--- a/%s\n+++ b/%s\n" % (out / "plugin.gen.cpp", out / "plugin.gen.cpp"))
    assert "+" in diff.stdout and "Edited" in diff.stdout
    dry = falcogen("generate", manifest, "-o", out, "--dry-run")
    assert dry.stdout == "would write %s\n" % (out / "plugin.gen.cpp")
    assert _tree(out) == before  # none of them wrote anything


def test_check_reports_a_stale_lock(manifest, tmp_path):
    out = tmp_path / "gen"
    falcogen("generate", manifest, "-o", out)
    _edit(manifest, "      - {name: label, type: string, description: The configured label}\n",
          "      - {name: label, type: string, description: The configured label}\n"
          "      - {name: extra, type: u8, description: Appended}\n")
    stale = falcogen("generate", manifest, "-o", out, "--check", check=False)
    assert "%s: stale" % (tmp_path / "plugin.lock.json") in stale.stderr


# ---- The lock file -----------------------------------------------------------------------------

def test_lock_file_content(manifest, tmp_path):
    falcogen("generate", manifest, "-o", tmp_path / "gen")
    text = (tmp_path / "plugin.lock.json").read_text()
    data = json.loads(text)
    assert data["falcogen_lock"] == 1
    assert data["plugin"] == "regen" and data["version"] == "1.0.0"
    assert data["layouts"] == [{"name": "tick", "tag": 1, "members": ["count: u32", "label: string"]}]
    assert {"class": "InstanceBase", "decl": "double progress(std::string& text)",
            "asked_by": "`source.progress: true` asks for this method"} in data["methods"]
    assert len(text.splitlines()) < 30  # small, one line per method
    assert "plugin.yaml:" not in text  # no line numbers: moving lines does not churn the lock


def test_custom_lock_path_and_no_lock(manifest, tmp_path):
    custom = tmp_path / "locks" / "regen.json"
    custom.parent.mkdir()
    falcogen("generate", manifest, "-o", tmp_path / "gen", "--lock", custom)
    assert custom.is_file() and not (tmp_path / "plugin.lock.json").exists()
    falcogen("generate", manifest, "-o", tmp_path / "gen2", "--no-lock")
    assert not (tmp_path / "plugin.lock.json").exists()


def test_a_corrupt_lock_is_a_clear_error(manifest, tmp_path):
    (tmp_path / "plugin.lock.json").write_text("{not json")
    result = falcogen("generate", manifest, "-o", tmp_path / "gen", check=False)
    assert result.returncode == 1
    assert "plugin.lock.json is not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


BASE = """name: p
version: %s
description: d
contact: c
source: {id: 999, name: p}
layouts:
%s
"""


def _plugin(version, layouts, ack=None):
    text = BASE % (version, layouts)
    if ack:
        text += "acknowledge_breaking_change: \"%s\"\n" % ack
    return load_manifest_text(text)


OLD = [{"name": "a", "tag": 1, "members": ["x: u32", "y: string"]},
       {"name": "b", "tag": 2, "members": ["z: u64"]}]
A = "  - name: a\n    members:\n%s"
B = "  - name: b\n    members:\n      - {name: z, type: u64}\n"


def _members(*ms):
    return "".join("      - {name: %s, type: %s}\n" % m for m in ms)


@pytest.mark.parametrize("layouts,expected", [
    (A % _members(("x", "u32"), ("y", "string"), ("w", "bool")) + B, []),  # appended: fine
    (A % _members(("x", "u32")) + B, ["member 'y' (string, position 2) was removed"]),
    (A % _members(("x", "u64"), ("y", "string")) + B, ["member 'x' changed its type from u32 to u64"]),
    (A % _members(("y", "string"), ("x", "u32")) + B, ["member 'x' moved from position 1 to 2",
                                                       "member 'y' moved from position 2 to 1"]),
    (A % _members(("n", "u8"), ("x", "u32"), ("y", "string")) + B, ["member 'x' moved from position 1 to 2",
                                                                    "member 'y' moved from position 2 to 3"]),
    (A % _members(("x", "u32"), ("y", "string")), ["layout 'b' (tag 2) was removed"]),
    (B + A % _members(("x", "u32"), ("y", "string")), ["layout 'a' changed its tag from 1 to 2",
                                                       "layout 'b' changed its tag from 2 to 1"]),
])
def test_layout_changes(layouts, expected):
    changes = lock.compare_layouts(OLD, _plugin("1.0.0", layouts))
    breaking = [c.text for c in changes if c.breaking]
    assert len(breaking) == len(expected), breaking
    for text, want in zip(breaking, expected):
        assert want in text


def test_renames_are_notes_not_errors():
    changes = lock.compare_layouts(OLD, _plugin("1.0.0", A % _members(("x2", "u32"), ("y", "string")) + B))
    assert [c.breaking for c in changes] == [False]
    assert "member 1 was renamed from 'x' to 'x2'" in changes[0].text


@pytest.mark.parametrize("old,new,ok", [
    ("1.2.3", "2.0.0", True), ("1.2.3", "1.3.0", False), ("0.1.0", "0.2.0", True), ("0.1.0", "0.1.1", False),
    ("0.9.0", "1.0.0", True), ("2.0.0", "2.0.0", False),
])
def test_breaking_bumps(old, new, ok):
    assert lock.is_breaking_bump(old, new) is ok


def test_acknowledgement_rules():
    old = {"falcogen_lock": 1, "version": "1.0.0", "layouts": OLD}
    retyped = A % _members(("x", "u64"), ("y", "string")) + B
    refused = lock.check_evolution(old, _plugin("1.0.0", retyped), None, "plugin.yaml", "plugin.lock.json")
    assert refused.errors and 'acknowledge_breaking_change: "2.0.0"' in refused.errors[-1]
    wrong = lock.check_evolution(old, _plugin("2.0.0", retyped), "3.0.0", "plugin.yaml", "plugin.lock.json")
    assert any("they must be equal" in e for e in wrong.errors)
    ok = lock.check_evolution(old, _plugin("2.0.0", retyped), "2.0.0", "plugin.yaml", "plugin.lock.json")
    assert not ok.errors and "acknowledged" in ok.notes[0]


# ---- Retired methods ---------------------------------------------------------------------------

def test_a_dropped_method_is_retired_and_stays_retired(manifest, tmp_path):
    out = tmp_path / "gen"
    falcogen("generate", manifest, "-o", out)
    _edit(manifest, "  progress: true\n", "")
    _edit(manifest, "version: 1.0.0", "version: 1.1.0")
    falcogen("generate", manifest, "-o", out)
    header = (out / "plugin.gen.hpp").read_text()
    line = [l for l in header.splitlines() if "= delete" in l]
    assert line == ["    virtual double progress(std::string& text) = delete;  // plugin.yaml no longer asks for "
                    "progress() since version 1.1.0 (it was asked by: `source.progress: true` asks for this method): "
                    "delete it from your class"]
    assert "progress(std::string& text) = 0;" not in header
    # Regenerating again keeps it (and its version), byte for byte.
    _edit(manifest, "version: 1.1.0", "version: 1.2.0")
    falcogen("generate", manifest, "-o", out)
    assert "since version 1.1.0" in (out / "plugin.gen.hpp").read_text()
    # Asking for it again makes it a pure virtual again, and it leaves the lock's retired list.
    _edit(manifest, "  name: regen\n", "  name: regen\n  progress: true\n")
    falcogen("generate", manifest, "-o", out)
    assert "= delete" not in (out / "plugin.gen.hpp").read_text()
    assert "retired" not in json.loads((tmp_path / "plugin.lock.json").read_text())


def test_signature_key_ignores_parameter_names_and_return_type():
    assert lock.signature_key("double progress(std::string& text)") == "progress(std::string&)"
    assert lock.signature_key("bool extract_a(const Event& event, const falcogen::FieldArg& arg, std::string& out)") \
        == "extract_a(const Event&, const falcogen::FieldArg&, std::string&)"
    assert lock.signature_key("std::unique_ptr<InstanceBase> open(std::string_view params)") == "open(std::string_view)"


# ---- falcogen skeleton -------------------------------------------------------------------------

def test_skeleton_is_written_beside_and_never_over_author_files(manifest, tmp_path):
    result = falcogen("skeleton", manifest)
    skeleton = tmp_path / "regen.skeleton.cpp"
    assert result.stdout == "wrote %s\n" % skeleton
    text = skeleton.read_text()
    assert text.startswith("// falcogen skeleton of regen 1.0.0")
    assert "double progress(std::string& /*text*/) override {" in text
    assert "std::make_unique<RegenInstance>()" in text
    # Again: replaces its own earlier skeleton...
    falcogen("skeleton", manifest)
    # ...but never an author's file.
    mine = tmp_path / "mine.cpp"
    mine.write_text("// my code\n")
    refused = falcogen("skeleton", manifest, "-o", mine, check=False)
    assert refused.returncode == 1 and "is not a falcogen skeleton: nothing was written" in refused.stderr
    assert mine.read_text() == "// my code\n"


# ---- Build integration bookkeeping -------------------------------------------------------------

def test_cmake_asks_the_generator_for_the_generated_files():
    text = (ROOT / "cmake" / "FalcogenAddPlugin.cmake").read_text()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "generate --list" in code
    assert not [name for name in GENERATED_FILES if name in code]  # no list of its own to keep in step


def _configure_probe(tmp_path, *options):
    """Configures a project that only calls falcogen_generate (no compiler needed)."""
    project = tmp_path / "probe"
    project.mkdir()
    shutil.copy(PROJECT / "plugin.yaml", project / "plugin.yaml")
    (project / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.16)\nproject(probe LANGUAGES NONE)\n"
        'include("%s")\n' % (ROOT / "cmake" / "FalcogenAddPlugin.cmake").as_posix()
        + "falcogen_generate(MANIFEST plugin.yaml OUTPUT_DIR gen OUTPUTS outputs)\n"
        'message(STATUS "falcogen outputs: ${outputs}")\n')
    return run(["cmake", "-S", project, "-B", project / "build", "-DFALCOGEN_PYTHON=" + PYTHON] + list(options),
               check=False)


def test_cmake_declares_the_files_the_generator_lists(tmp_path):
    result = _configure_probe(tmp_path)
    assert result.returncode == 0, result.stderr
    line = next(l for l in result.stdout.splitlines() if "falcogen outputs: " in l)
    outputs = [Path(p).name for p in line.split("falcogen outputs: ", 1)[1].split(";")]
    assert outputs == list(GENERATED_FILES) + ["falcogen.stamp"]


def test_cmake_configure_fails_clearly_when_the_generator_cannot_list_its_files(tmp_path):
    result = _configure_probe(tmp_path, "-DFALCOGEN_GENERATOR_DIR=%s" % (tmp_path / "nowhere"))
    assert result.returncode != 0
    assert "falcogen: cannot get the list of generated files" in result.stderr
    assert "No module named falcogen" in result.stderr


def test_pip_ships_every_folder_of_the_tree():
    """setup.py's data files: every template folder and every folder of the C++ sources a plugin
    project builds, in share/falcogen, in a checkout's layout."""
    spec = importlib.util.spec_from_file_location("falcogen_setup", ROOT / "setup.py")
    setup = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(setup)  # not as __main__: setup() does not run
    shipped = {dest: files for dest, files in setup.data_files()}
    for tree in ("templates", "runtime", "host", "cmake", "schemas", "generator/falcogen"):
        for path in (ROOT / tree).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and ".egg-info" not in str(path):
                rel = path.relative_to(ROOT)
                assert rel.as_posix() in shipped.get("share/falcogen/" + rel.parent.as_posix(), []), rel
    assert shipped["share/falcogen"] == ["CMakeLists.txt"]
    assert "[tool.setuptools.packages.find]" in (ROOT / "pyproject.toml").read_text()  # every subpackage
