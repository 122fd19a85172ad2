"""`falcogen new` end to end: scaffold, build stand-alone, run its tests, run it.

This is what a new plugin author does first, and it must work unchanged:
the scaffolded project builds with CMake against this checkout, its own
test (written with the host test kit) passes, and `falcogen run` shows its
events.
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FALCOGEN = [str(ROOT / "bin" / "falcogen")]


def run(cmd, **kw):
    result = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert result.returncode == 0, "%s failed (%d):\n%s\n%s" % (cmd, result.returncode, result.stdout, result.stderr)
    return result


def _env_with_falcogen_on_path():
    """The README's author loop: the checkout's bin/falcogen on PATH, and nothing else."""
    env = dict(os.environ, FALCOGEN_PYTHON=os.environ.get("FALCOGEN_PYTHON", sys.executable))
    env.pop("FALCOGEN_SOURCE_DIR", None)
    env["PATH"] = str(ROOT / "bin") + os.pathsep + env.get("PATH", "")
    return env


def _assert_names_no_folder_of_this_machine(project, *folders):
    for path in project.rglob("*"):
        if path.is_file():
            text = path.read_text()
            for folder in folders:
                assert str(folder) not in text, "%s names %s" % (path, folder)


def test_new_builds_tests_and_runs_anywhere(tmp_path):
    env = _env_with_falcogen_on_path()
    made = tmp_path / "made-here"
    out = run(["falcogen", "new", "demo-plugin", "--dir", str(made)], env=env).stdout
    project = made / "demo-plugin"
    for rel in ("plugin.yaml", "CMakeLists.txt", "src/demo-plugin.cpp", "tests/demo-plugin_test.cpp", "README.md",
                ".falcogen/manifest.schema.json"):
        assert (project / rel).is_file(), rel
        assert "created %s" % (project / rel) in out
    manifest = (project / "plugin.yaml").read_text()
    assert manifest.startswith("# yaml-language-server: $schema=.falcogen/manifest.schema.json\n")
    assert len([l for l in manifest.splitlines() if l.strip() and not l.lstrip().startswith("#")]) <= 25
    schema = ROOT / "schemas" / "falcogen-manifest.schema.json"
    assert (project / ".falcogen/manifest.schema.json").read_bytes() == schema.read_bytes()
    _assert_names_no_folder_of_this_machine(project, ROOT, tmp_path, Path.home())

    # Another folder, the original gone: what a colleague's clone or a CI checkout sees.
    moved = tmp_path / "elsewhere" / "clone"
    shutil.copytree(str(project), str(moved))
    shutil.rmtree(str(made))
    project = moved
    run(FALCOGEN + ["validate", str(project / "plugin.yaml")], env=env)
    build = project / "build"
    run(["cmake", "-S", str(project), "-B", str(build), "-G", "Ninja", "-DFALCOGEN_PYTHON=" + env["FALCOGEN_PYTHON"]], env=env)
    cache = (build / "CMakeCache.txt").read_text()
    assert "falcogen_DIR:PATH=%s" % (ROOT / "cmake") in cache  # found through `falcogen cmake-dir`
    run(["cmake", "--build", str(build)], env=env)
    run(["ctest", "--test-dir", str(build), "--output-on-failure"], env=env)
    assert (project / "plugin.lock.json").is_file()

    plugin = build / "libdemo-plugin.so"
    assert plugin.is_file()
    # `falcogen run` right after that loop, with no host given: it runs the host the
    # project's build made, which the build names beside the plugin.
    env = _without_a_host(env, tmp_path)
    sidecar = Path(str(plugin) + ".falcogen-host")
    host = Path(sidecar.read_text().strip())
    assert build in host.parents and os.access(str(host), os.X_OK), host
    result = run(["falcogen", "run", str(plugin), "--open", "3"], env=env)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("demo_plugin sample message=hello from demo-plugin seq=1")
    assert "3 events" in result.stderr
    assert "building" not in result.stderr
    usage = run(["falcogen", "run", str(plugin), "--help"], env=env)
    assert usage.stdout.startswith("usage: falcogen-host PLUGIN.so [options]"), usage.stdout
    assert "building" not in usage.stderr


def _configure(project, env, *args):
    return subprocess.run(["cmake", "-S", str(project), "-B", str(project / "build"), "-G", "Ninja",
                           "-DFALCOGEN_PYTHON=" + env["FALCOGEN_PYTHON"]] + list(args),
                          capture_output=True, text=True, env=env)


def _env_without_falcogen():
    env = dict(os.environ, FALCOGEN_PYTHON=os.environ.get("FALCOGEN_PYTHON", sys.executable))
    env.pop("FALCOGEN_SOURCE_DIR", None)
    path = [d for d in env.get("PATH", "").split(os.pathsep) if d and not os.path.exists(os.path.join(d, "falcogen"))]
    env["PATH"] = os.pathsep.join(path)
    return env


def test_new_project_takes_falcogen_from_the_author(tmp_path):
    """Without falcogen on PATH nor installed, the project says how to give it, and takes each way."""
    env = _env_without_falcogen()
    run(FALCOGEN + ["new", "given", "--dir", str(tmp_path)], env=env)
    project = tmp_path / "given"
    missing = _configure(project, env)
    assert missing.returncode != 0
    assert "falcogen not found." in missing.stderr and "-DFALCOGEN_SOURCE_DIR=<a falcogen" in missing.stderr
    shutil.rmtree(str(project / "build"))
    by_env = _configure(project, dict(env, FALCOGEN_SOURCE_DIR=str(ROOT)))
    assert by_env.returncode == 0, by_env.stderr
    assert "falcogen_DIR:PATH=%s" % (ROOT / "cmake") in (project / "build" / "CMakeCache.txt").read_text()
    shutil.rmtree(str(project / "build"))
    fetched = _configure(project, env, "-DFALCOGEN_FETCH=%s" % ROOT)
    assert fetched.returncode == 0, fetched.stderr
    assert (project / "build" / "_deps" / "falcogen-build").is_dir()
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode == 0:  # a git checkout: FetchContent clones it as it would a URL
        shutil.rmtree(str(project / "build"))
        cloned = _configure(project, env, "-DFALCOGEN_FETCH=file://%s" % ROOT,
                            "-DFALCOGEN_FETCH_TAG=%s" % head.stdout.strip())
        assert cloned.returncode == 0, cloned.stderr
        assert (project / "build" / "_deps" / "falcogen-src" / "cmake" / "FalcogenAddPlugin.cmake").is_file()


def test_generate_keeps_the_schema_copy_up_to_date(tmp_path):
    env = _env_without_falcogen()
    run(FALCOGEN + ["new", "fresh", "--dir", str(tmp_path)], env=env)
    project = tmp_path / "fresh"
    copy = project / ".falcogen" / "manifest.schema.json"
    copy.write_text("{}\n")  # as an older falcogen left it
    manifest = str(project / "plugin.yaml")
    stale = subprocess.run(FALCOGEN + ["generate", manifest, "-o", str(tmp_path / "gen"), "--check"],
                           capture_output=True, text=True, env=env)
    assert stale.returncode == 1
    assert "%s: stale" % copy in stale.stderr
    run(FALCOGEN + ["generate", manifest, "-o", str(tmp_path / "gen")], env=env)
    assert copy.read_bytes() == (ROOT / "schemas" / "falcogen-manifest.schema.json").read_bytes()
    run(FALCOGEN + ["generate", manifest, "-o", str(tmp_path / "gen"), "--check"], env=env)


def _without_a_host(env, tmp_path):
    """The environment of an author who has no falcogen-host anywhere but in the project."""
    env = {k: v for k, v in env.items() if k != "FALCOGEN_HOST"}
    path = [d for d in env.get("PATH", "").split(os.pathsep) if d and not os.path.exists(os.path.join(d, "falcogen-host"))]
    env["PATH"] = os.pathsep.join(path)
    env["FALCOGEN_CACHE_DIR"] = str(tmp_path / "no-cache")  # a cached host would hide a missing one
    return env


def test_new_never_overwrites(tmp_path):
    env = dict(os.environ)
    run(FALCOGEN + ["new", "keep", "--dir", str(tmp_path)], env=env)
    source = tmp_path / "keep" / "src" / "keep.cpp"
    source.write_text("// my code\n")
    result = subprocess.run(FALCOGEN + ["new", "keep", "--dir", str(tmp_path)], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "already exists and is not empty: nothing was written" in result.stderr
    assert source.read_text() == "// my code\n"


def test_new_rejects_bad_names(tmp_path):
    result = subprocess.run(FALCOGEN + ["new", "Bad Name", "--dir", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "invalid plugin name 'Bad Name'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not any(tmp_path.iterdir())


def test_the_source_tree_package_checks_the_major_version(tmp_path):
    """cmake/falcogenConfigVersion.cmake: the checkout's version, compatible within its major."""
    project = tmp_path / "versions"
    project.mkdir()
    (project / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.16)\nproject(versions LANGUAGES NONE)\n"
        "find_package(falcogen ${WANT} CONFIG REQUIRED PATHS \"%s\" NO_DEFAULT_PATH)\n"
        "message(STATUS \"falcogen ${falcogen_VERSION}\")\n"
        "if(TARGET falcogen::runtime AND TARGET falcogen-host AND COMMAND falcogen_add_plugin)\n"
        "  message(STATUS \"falcogen usable\")\nendif()\n" % (ROOT / "cmake"))
    version = re.search(r"project\(falcogen VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)
    major = int(version.split(".")[0])
    for want in (str(major + 1), "%d.99" % major):
        shutil.rmtree(str(project / "build"), ignore_errors=True)
        out = subprocess.run(["cmake", "-S", str(project), "-B", str(project / "build"), "-DWANT=" + want],
                             capture_output=True, text=True)
        assert out.returncode != 0
        assert "falcogenConfig.cmake, version: %s" % version in out.stderr, out.stderr
    shutil.rmtree(str(project / "build"), ignore_errors=True)
    out = run(["cmake", "-S", str(project), "-B", str(project / "build"), "-DWANT=%d" % major]).stdout
    assert "falcogen %s" % version in out and "falcogen usable" in out, out
