"""House style, checked: generated code passes the formatter, files and
functions stay short, and templates do not branch on value types (a type's
knowledge lives in one overload set of the runtime)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sizes

ROOT = Path(__file__).resolve().parents[2]
CLANG_FORMAT = shutil.which("clang-format")

# Every manifest in the tree that generates (the broken-manifest table aside).
MANIFESTS = sorted(
    [p for p in ROOT.glob("examples/*/plugin.yaml")]
    + [p for p in ROOT.glob("bench/plugins/*/plugin.yaml")]
    + [p for p in ROOT.glob("tests/**/*.yaml") if "golden" not in p.parts and ".lock" not in p.name]
)

# ---- The formatter ------------------------------------------------------------------------------

def _generate(manifest: Path, out: Path) -> bool:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "generator"))
    result = subprocess.run([sys.executable, "-m", "falcogen", "generate", str(manifest), "-o", str(out), "--no-lock"],
                            env=env, capture_output=True, text=True)
    return result.returncode == 0


def test_clang_format_is_installed():
    assert CLANG_FORMAT, "clang-format is needed for the style checks (scripts/deps.sh installs it)"


@pytest.mark.skipif(CLANG_FORMAT is None, reason="see test_clang_format_is_installed")
def test_generated_files_pass_the_formatter(tmp_path):
    generated = []
    for i, manifest in enumerate(MANIFESTS):
        out = tmp_path / ("%d-%s" % (i, manifest.parent.name))
        if _generate(manifest, out):
            generated += sorted(out.iterdir())
    assert len(generated) >= 2 * 12, "too few manifests generated: %s" % generated
    # The root .clang-format applies: --style=file finds it above the files' folder only, so name it.
    result = subprocess.run([CLANG_FORMAT, "--style=file:%s" % (ROOT / ".clang-format"), "--dry-run", "-Werror"]
                            + [str(p) for p in generated], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[:10000]


def _tracked_cpp_files():
    listed = subprocess.run(["git", "ls-files", "*.cpp", "*.hpp", "*.h", "*.c", "*.inc"], cwd=str(ROOT),
                            capture_output=True, text=True)
    if listed.returncode != 0:  # not a git checkout (an exported tree): every such file under the root
        return sorted(p for p in ROOT.rglob("*") if p.suffix in (".cpp", ".hpp", ".h", ".c", ".inc")
                      and "build" not in p.relative_to(ROOT).parts[:1])
    return [ROOT / line for line in listed.stdout.splitlines()]


@pytest.mark.skipif(CLANG_FORMAT is None, reason="see test_clang_format_is_installed")
def test_hand_written_cpp_passes_the_formatter():
    files = _tracked_cpp_files()
    assert len(files) > 50
    result = subprocess.run([CLANG_FORMAT, "--style=file:%s" % (ROOT / ".clang-format"), "--dry-run", "-Werror"]
                            + [str(p) for p in files], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[:10000]


# ---- Sizes -----------------------------------------------------------------------------------

def test_no_file_is_too_long():
    assert sizes.long_files() == []


def test_no_function_is_too_long():
    assert sizes.long_functions() == []


def test_the_size_check_sees_functions():
    text = "namespace a {\nint f(int x) {\n    if (x) {\n        return 1;\n    }\n    return 0;\n}\n}  // namespace a\n"
    assert sizes.cpp_functions(text) == [(2, 7)]
    assert sizes.cpp_functions("const int k[] = {1, 2};\nstruct S {\n    int g() const { return 1; }\n};\n") == [(3, 3)]


# ---- Templates -----------------------------------------------------------------------------------

MAX_TYPE_BRANCHES = 5
# A condition that looks at what kind of value something is: a member's,
# field's or config property's type, a layout's encoding, a field's binding.
TYPE_TERMS = re.compile(r"\.(type|ftype|encoding|binding)\b|\b(string|bool|u8|u16|u32|u64|i8|i16|i32|i64|ipv4|ipv6"
                        r"|bytes|abstime|reltime|uint64|ipaddr|ipnet|integer|number|boolean|object|array)\b")
CONDITIONS = re.compile(r"{%-?\s*(?:if|elif)\s+(.*?)-?%}|{{.*?\bif\b(.*?)\belse\b.*?}}", re.S)


def type_branches():
    """(template, condition) of every if/elif, statement or inline, that tests a type."""
    out = []
    for path in sorted((ROOT / "templates").rglob("*.j2")):
        if "scaffold" in path.parts:
            continue
        for match in CONDITIONS.finditer(path.read_text(encoding="utf-8")):
            condition = match.group(1) or match.group(2) or ""
            if TYPE_TERMS.search(condition):
                out.append((path.relative_to(ROOT).as_posix(), " ".join(condition.split())))
    return out


def test_templates_hardly_branch_on_types():
    branches = type_branches()
    assert len(branches) <= MAX_TYPE_BRANCHES, branches


def test_the_branch_count_sees_branches(tmp_path, monkeypatch):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "x.j2").write_text('{% if m.type == "string" %}a{% elif x %}b{% endif %}'
                                                 '{{ "y" if f.binding == "json" else "z" }}')
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert [c for _, c in type_branches()] == ['m.type == "string"', 'f.binding == "json"']
