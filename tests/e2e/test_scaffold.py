"""`falcogen new` end to end: scaffold, build stand-alone, run its tests, run it.

This is what a new plugin author does first, and it must work unchanged:
the scaffolded project builds with CMake against this checkout, its own
test (written with the host test kit) passes, and `falcogen run` shows its
events.
"""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FALCOGEN = [str(ROOT / "bin" / "falcogen")]


def run(cmd, **kw):
    result = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert result.returncode == 0, "%s failed (%d):\n%s\n%s" % (cmd, result.returncode, result.stdout, result.stderr)
    return result


def test_new_builds_tests_and_runs(tmp_path):
    env = dict(os.environ, FALCOGEN_PYTHON=os.environ.get("FALCOGEN_PYTHON", sys.executable))
    out = run(FALCOGEN + ["new", "demo-plugin", "--dir", str(tmp_path)], env=env).stdout
    project = tmp_path / "demo-plugin"
    for rel in ("plugin.yaml", "CMakeLists.txt", "src/demo-plugin.cpp", "tests/demo-plugin_test.cpp", "README.md"):
        assert (project / rel).is_file(), rel
        assert "created %s" % (project / rel) in out
    manifest = (project / "plugin.yaml").read_text()
    assert manifest.startswith("# yaml-language-server: $schema=")
    assert len([l for l in manifest.splitlines() if l.strip() and not l.lstrip().startswith("#")]) <= 25

    run(FALCOGEN + ["validate", str(project / "plugin.yaml")], env=env)
    build = project / "build"
    run(["cmake", "-S", str(project), "-B", str(build), "-G", "Ninja", "-DFALCOGEN_PYTHON=" + env["FALCOGEN_PYTHON"]], env=env)
    run(["cmake", "--build", str(build)], env=env)
    run(["ctest", "--test-dir", str(build), "--output-on-failure"], env=env)

    plugin = build / "libdemo-plugin.so"
    assert plugin.is_file()
    # `falcogen run` right after that loop, with no host given: it runs the host the
    # project's build made, which the build names beside the plugin.
    env = _without_a_host(env, tmp_path)
    sidecar = Path(str(plugin) + ".falcogen-host")
    host = Path(sidecar.read_text().strip())
    assert build in host.parents and os.access(str(host), os.X_OK), host
    result = run(FALCOGEN + ["run", str(plugin), "--open", "3"], env=env)
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].endswith("demo_plugin sample message=hello from demo-plugin seq=1")
    assert "3 events" in result.stderr
    assert "building" not in result.stderr
    usage = run(FALCOGEN + ["run", str(plugin), "--help"], env=env)
    assert usage.stdout.startswith("usage: falcogen-host PLUGIN.so [options]"), usage.stdout
    assert "building" not in usage.stderr


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
