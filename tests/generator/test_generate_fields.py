"""End to end: manifests with fields generate C++ that compiles (g++ -fsyntax-only).

Runs `python -m falcogen generate` as a user would, then compiles every
generated .cpp, and the `falcogen skeleton` of the manifest (the author's
side: one override per computed field), against runtime/include.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
DATA = os.path.join(HERE, "data")
GENERATOR = os.path.join(ROOT, "generator")
RUNTIME_INCLUDE = os.path.join(ROOT, "runtime", "include")
GXX = shutil.which("g++")

MANIFESTS = ["fields.yaml", "fields_json.yaml", "fields_extract_only.yaml", "fields_syscall.yaml", "full.yaml"]

needs_gxx = pytest.mark.skipif(GXX is None, reason="g++ is not installed")

# A hang guard for each command, not a time budget: on a loaded machine (other
# builds on every core) a command that takes a second here can take minutes.
HANG_GUARD_SECONDS = 1800


def _falcogen(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=GENERATOR)
    return subprocess.run([sys.executable, "-m", "falcogen", *args], env=env, capture_output=True, text=True,
                          timeout=HANG_GUARD_SECONDS)


def _generate(manifest: str, out: str) -> None:
    result = _falcogen("generate", os.path.join(DATA, manifest), "-o", out, "--no-lock")
    assert result.returncode == 0, result.stdout + result.stderr


def _compile(paths, include: str) -> None:
    """Compiles the files in parallel (syntax only)."""
    procs = [
        (path, subprocess.Popen([GXX, "-std=c++17", "-fsyntax-only", "-Wall", "-I" + include, "-I" + RUNTIME_INCLUDE,
                                 path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        for path in ([paths] if isinstance(paths, str) else paths)
    ]
    failures = []
    for path, proc in procs:
        _, err = proc.communicate(timeout=HANG_GUARD_SECONDS)
        if proc.returncode != 0:
            failures.append("%s does not compile:\n%s" % (path, err[-6000:]))
    assert not failures, "\n".join(failures)


def _fields_json(source: str) -> list:
    """The kFields raw string of plugin.gen.cpp, decoded: what plugin_get_fields returns."""
    match = re.search(r'constexpr const char\* kFields = R"(\w*)\((.*?)\)\1";', source, re.S)
    assert match, "no kFields in plugin.gen.cpp"
    return json.loads(match.group(2))


def _required_api(version: str) -> str:
    return '    "%s",  // the lowest plugin API with every feature used\n' % version


@needs_gxx
@pytest.mark.parametrize("manifest", MANIFESTS)
def test_generated_cpp_compiles(manifest, tmp_path):
    out = str(tmp_path / "gen")
    _generate(manifest, out)
    sources = sorted(f for f in os.listdir(out) if f.endswith(".cpp"))
    assert sources == ["plugin.gen.cpp"]
    _compile([os.path.join(out, name) for name in sources], out)


@needs_gxx
@pytest.mark.parametrize("manifest", MANIFESTS[:4])
def test_skeleton_with_computed_fields_compiles(manifest, tmp_path):
    out = str(tmp_path / "gen")
    _generate(manifest, out)
    skeleton = str(tmp_path / "skeleton.cpp")
    result = _falcogen("skeleton", os.path.join(DATA, manifest), "-o", skeleton)
    assert result.returncode == 0, result.stdout + result.stderr
    _compile(skeleton, out)


def test_generated_fields_json(tmp_path):
    out = str(tmp_path / "gen")
    _generate("fields_json.yaml", out)
    with open(os.path.join(out, "plugin.gen.cpp"), encoding="utf-8") as f:
        exports = f.read()
    fields = _fields_json(exports)
    assert [f["name"] for f in fields] == [
        "audit.user", "audit.document", "audit.escaped", "audit.groups", "audit.header", "audit.item", "audit.ok",
        "audit.at", "audit.took", "audit.ip", "audit.net", "audit.summary"]
    assert fields[3] == {"name": "audit.groups", "type": "string", "desc": "The user's groups", "isList": True}
    assert fields[4]["arg"] == {"isRequired": True, "isIndex": False, "isKey": True}
    assert '"required_api_version"' not in exports  # (a C string, not JSON)
    assert _required_api("3.0.0") in exports


def test_generated_interface_declares_computed_methods(tmp_path):
    out = str(tmp_path / "gen")
    _generate("fields.yaml", out)
    with open(os.path.join(out, "plugin.gen.hpp"), encoding="utf-8") as f:
        header = f.read()
    assert "virtual bool extract_greet_words(const Event& event, const falcogen::FieldArg& arg, " \
           "std::vector<std::string>& out) = 0;" in header
    assert "virtual bool extract_greet_length(const Event& event, uint64_t& out) = 0;" in header
    assert "virtual bool extract_greet_net(const Event& event, falcogen::IpAddress& out) = 0;" in header
    assert "extract_greet_text(" not in header  # member fields need no author code
    assert "fields.yaml:64: computed field" in header  # the field's line, for the author
    with open(os.path.join(out, "plugin.gen.cpp"), encoding="utf-8") as f:
        exports = f.read()
    assert _required_api("3.0.0") in exports  # addOutput: older hosts ignore it
    assert _fields_json(exports)[0] == {
        "name": "greet.text", "type": "string", "desc": "The text of a greeting or a farewell", "display": "Text",
        "properties": ["info", "conversation"], "addOutput": True}


def test_docs_fields_md_shows_what_the_generator_reports(tmp_path):
    """Each manifest in docs/fields.md followed by a ```json block: that block is the generated kFields."""
    with open(os.path.join(ROOT, "docs", "fields.md"), encoding="utf-8") as f:
        doc = f.read()
    blocks = re.findall(r"```(yaml|json|cpp)\n(.*?)```", doc, re.S)
    checked = 0
    for i, (lang, text) in enumerate(blocks):
        if lang != "yaml" or not text.startswith("name:"):
            continue
        manifest = tmp_path / ("doc%d.yaml" % i)
        manifest.write_text(text, encoding="utf-8")
        out = str(tmp_path / ("gen%d" % i))
        result = _falcogen("generate", str(manifest), "-o", out, "--no-lock")
        assert result.returncode == 0, result.stdout + result.stderr
        following = [b for b in blocks[i + 1:i + 2] if b[0] == "json"]
        if following:
            with open(os.path.join(out, "plugin.gen.cpp"), encoding="utf-8") as f:
                assert json.loads(following[0][1]) == _fields_json(f.read())
            checked += 1
    assert checked == 2
