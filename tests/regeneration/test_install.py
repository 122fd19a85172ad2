"""`cmake --install` into a temporary prefix, then an out-of-tree plugin
project built with find_package(falcogen 1 REQUIRED); and the same function
from a source tree (add_subdirectory, FetchContent); and a `falcogen new` project
built with nothing but the installed bin/ on PATH."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT, PYTHON, ROOT, Project, run


def test_install_layout(prefix):
    for rel in ("bin/falcogen", "bin/falcogen-host", "include/falcogen/runtime.hpp", "lib/libfalcogen_runtime.a",
                "lib/cmake/falcogen/falcogenConfig.cmake", "lib/cmake/falcogen/falcogenConfigVersion.cmake",
                "lib/cmake/falcogen/falcogenTargets.cmake", "share/falcogen/generator/falcogen/cli.py",
                "share/falcogen/generator/falcogen/data/event_table.json",
                "share/falcogen/templates/plugin.gen.hpp.j2", "share/falcogen/schemas/falcogen-manifest.schema.json",
                "share/falcogen/cmake/FalcogenAddPlugin.cmake", "share/falcogen/cmake/falcogen_exports.map"):
        assert (prefix / rel).exists(), rel
    assert not list(prefix.rglob("__pycache__"))


def test_installed_generator_runs_without_the_checkout(prefix, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FALCOGEN_DATA_DIR")}
    env["FALCOGEN_PYTHON"] = PYTHON
    shutil.copy(PROJECT / "plugin.yaml", tmp_path / "plugin.yaml")
    version = run([prefix / "bin" / "falcogen", "--version"], env=env, cwd=tmp_path)
    assert version.stdout.strip() == "falcogen 1.0.0"
    probe = run([PYTHON, "-c", "import falcogen.paths as p; print(p.templates_dir()); print(p.__file__)"],
                env=dict(env, PYTHONPATH=str(prefix / "share/falcogen/generator")), cwd=tmp_path)
    assert probe.stdout.splitlines()[0] == str(prefix / "share/falcogen/templates")
    run([prefix / "bin" / "falcogen", "generate", "plugin.yaml", "-o", "gen"], env=env, cwd=tmp_path)
    checkout = tmp_path / "from-checkout"
    run([PYTHON, "-m", "falcogen", "generate", "plugin.yaml", "-o", checkout, "--no-lock"],
        env=dict(env, PYTHONPATH=str(ROOT / "generator")), cwd=tmp_path)
    for f in checkout.iterdir():
        assert (tmp_path / "gen" / f.name).read_bytes() == f.read_bytes(), f.name


@pytest.mark.parametrize("generator", ["Ninja", "Unix Makefiles"])
def test_out_of_tree_project_with_find_package(prefix, tmp_path, generator):
    p = Project(tmp_path, generator, prefix=prefix)
    cache = (p.build_dir / "CMakeCache.txt").read_text()
    assert "falcogen_DIR:PATH=%s" % (prefix / "lib/cmake/falcogen") in cache
    p.build()
    plugin = p.build_dir / "libregen.so"
    assert plugin.is_file()
    env = dict(os.environ, FALCOGEN_PYTHON=PYTHON)
    events = run([prefix / "bin" / "falcogen", "run", plugin, "--open", ""], env=env)
    assert len(events.stdout.strip().splitlines()) == 3, events.stdout


def test_find_package_checks_the_major_version(prefix, tmp_path):
    project = tmp_path / "v2"
    project.mkdir()
    (project / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.16)\nproject(v2 LANGUAGES CXX)\nfind_package(falcogen 2 REQUIRED)\n")
    result = run(["cmake", "-S", project, "-B", project / "build", "-DCMAKE_PREFIX_PATH=%s" % prefix], check=False)
    assert result.returncode != 0
    assert "falcogenConfig.cmake, version: 1.0.0" in result.stderr


@pytest.mark.parametrize("how", ["subdirectory", "fetchcontent"])
def test_from_a_source_tree(tmp_path, how):
    p = Project(tmp_path, "Ninja", how=how)
    p.build()
    assert (p.build_dir / "libregen.so").is_file()
    assert p.build().objects == []


def test_new_project_with_the_installed_falcogen_on_path(prefix, tmp_path):
    """The author's loop over an installed falcogen: nothing but <prefix>/bin on PATH."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "FALCOGEN_DATA_DIR", "FALCOGEN_HOST", "FALCOGEN_SOURCE_DIR", "CMAKE_PREFIX_PATH")}
    path = [d for d in env.get("PATH", "").split(os.pathsep)
            if d and not any(os.path.exists(os.path.join(d, p)) for p in ("falcogen", "falcogen-host"))]
    env["PATH"] = os.pathsep.join([str(prefix / "bin")] + path)
    env["FALCOGEN_PYTHON"] = PYTHON
    assert run(["falcogen", "cmake-dir"], env=env).stdout.strip() == str(prefix / "lib/cmake/falcogen")
    run(["falcogen", "new", "inst", "--dir", tmp_path], env=env)
    project = tmp_path / "inst"
    assert (project / ".falcogen/manifest.schema.json").read_bytes() == \
        (prefix / "share/falcogen/schemas/falcogen-manifest.schema.json").read_bytes()
    for f in project.rglob("*"):
        assert not f.is_file() or str(prefix) not in f.read_text(), f
    build = project / "build"
    run(["cmake", "-S", project, "-B", build, "-G", "Ninja"], env=env)
    assert "falcogen_DIR:PATH=%s" % (prefix / "lib/cmake/falcogen") in (build / "CMakeCache.txt").read_text()
    run(["cmake", "--build", build], env=env)
    run(["ctest", "--test-dir", build, "--output-on-failure"], env=env)
    plugin = build / "libinst.so"
    assert Path(str(plugin) + ".falcogen-host").read_text().strip() == str(prefix / "bin/falcogen-host")
    env.pop("FALCOGEN_PYTHON")
    events = run(["falcogen", "run", plugin, "--open", "2"], env=env)
    assert len(events.stdout.strip().splitlines()) == 2, events.stdout
