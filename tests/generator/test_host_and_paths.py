"""Where falcogen finds its CMake package, the host program `falcogen run`
execs, and the project's copy of the manifest schema."""
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from falcogen import hostprog, paths
from falcogen.errors import UserError
from falcogen.schemacopy import MODELINE, schema_copy_path

ROOT = Path(__file__).resolve().parents[2]


def _fake_host(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\necho %s\n" % path.name)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    for var in ("FALCOGEN_HOST", "FALCOGEN_CMAKE_DIR", "FALCOGEN_DATA_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
    monkeypatch.setenv("FALCOGEN_CACHE_DIR", str(tmp_path / "cache"))
    return monkeypatch


def test_a_checkout_is_a_source_tree_with_a_cmake_package(clean_env):
    assert paths.source_root() == ROOT
    assert paths.cmake_dir() == ROOT / "cmake"
    assert (paths.cmake_dir() / "falcogenConfig.cmake").is_file()
    assert (paths.cmake_dir() / "falcogenConfigVersion.cmake").is_file()


def test_cmake_dir_command(clean_env, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"))
    out = subprocess.run([sys.executable, "-m", "falcogen", "cmake-dir"], capture_output=True, text=True, env=env)
    assert out.returncode == 0 and out.stdout == "%s\n" % (ROOT / "cmake"), out
    env["FALCOGEN_CMAKE_DIR"] = str(tmp_path)  # an installed launcher's, here without a package
    out = subprocess.run([sys.executable, "-m", "falcogen", "cmake-dir"], capture_output=True, text=True, env=env)
    assert out.returncode == 1
    assert "falcogen cmake-dir: error: this falcogen has no CMake package in %s" % tmp_path in out.stderr


def test_the_environment_wins(clean_env, tmp_path):
    clean_env.setenv("FALCOGEN_HOST", "/some/host")
    assert hostprog.host_program([str(tmp_path / "libx.so")]) == "/some/host"


def test_the_host_named_beside_the_plugin_beats_path(clean_env, tmp_path):
    built = _fake_host(tmp_path / "build" / "_falcogen" / "host" / "falcogen-host")
    on_path = _fake_host(tmp_path / "bin" / "falcogen-host")
    clean_env.setenv("PATH", str(on_path.parent))
    plugin = tmp_path / "build" / "libx.so"
    plugin.write_bytes(b"")
    Path(str(plugin) + ".falcogen-host").write_text("%s\n" % built)
    assert hostprog.host_program([str(plugin), "--open", "3"]) == str(built)
    assert hostprog.host_program(["--plugin", str(plugin)]) == str(built)
    built.unlink()  # a stale name: the next place
    assert hostprog.host_program([str(plugin)]) == str(on_path)


def test_an_existing_cached_host_is_used_without_building(clean_env, tmp_path):
    key = hostprog._key(ROOT)
    cached = _fake_host(tmp_path / "cache" / key / "falcogen-host")
    clean_env.setattr(hostprog, "_checkout_build_host", lambda root: None)
    clean_env.setattr(hostprog, "_build", lambda root, target: pytest.fail("built again"))
    assert hostprog.host_program(["--help"]) == str(cached)


def test_the_cache_key_follows_the_host_sources(tmp_path):
    tree = tmp_path / "tree"
    for rel in ("CMakeLists.txt", "cmake/x.cmake", "host/src/main.cpp", "runtime/include/falcogen/abi/plugin_api.h"):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        (tree / rel).write_text(rel)
    before = hostprog._key(tree)
    (tree / "runtime" / "src").mkdir()
    (tree / "runtime" / "src" / "other.cpp").write_text("not the host's")
    assert hostprog._key(tree) == before
    (tree / "host" / "src" / "main.cpp").write_text("changed")
    assert hostprog._key(tree) != before


@pytest.mark.parametrize("line,expected", [
    (MODELINE, ".falcogen/manifest.schema.json"),
    ("# yaml-language-server: $schema=.falcogen/other.json", ".falcogen/other.json"),
    ("# yaml-language-server: $schema=/abs/falcogen-manifest.schema.json", None),
    ("# yaml-language-server: $schema=https://example.com/schema.json", None),
    ("# yaml-language-server: $schema=.falcogen/../../elsewhere.json", None),
    ("# yaml-language-server: $schema=my-schema.json", None),
    ("name: x", None),
])
def test_generate_updates_only_its_own_schema_copy(tmp_path, line, expected):
    manifest = tmp_path / "plugin.yaml"
    manifest.write_text(line + "\nname: x\n")
    found = schema_copy_path(manifest)
    assert found == (None if expected is None else tmp_path / expected)
