"""A plugin built with the author's own sanitizer flags links.

Sanitized code refers to the sanitizer runtime's symbols (__asan_*), which the
program that loads the plugin provides: `--no-undefined`, which
falcogen_add_plugin otherwise passes so that a missing method fails the link,
must then go. Without sanitizer flags it stays: a plugin missing make_plugin()
fails to link.
"""
from __future__ import annotations

import shutil

import pytest

from conftest import Project, run


def _undefined_symbols(plugin) -> str:
    return run(["nm", "-D", "--undefined-only", plugin]).stdout


CLANG = ["-DCMAKE_C_COMPILER=clang", "-DCMAKE_CXX_COMPILER=clang++"]


# With clang, whose sanitizer runtime goes into the program (never a shared
# object), --no-undefined fails the link on the sanitizer's symbols; g++ links
# libasan into the plugin, so only clang shows the failure.
@pytest.mark.skipif(not shutil.which("clang++"), reason="clang++ is not installed (scripts/deps.sh installs it)")
@pytest.mark.parametrize("flags,instrumented", [
    (["-DCMAKE_CXX_FLAGS=-fsanitize=address"], True),
    (["-DCMAKE_BUILD_TYPE=RelWithDebInfo", "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g -fsanitize=address"], True),
    (["-DCMAKE_MODULE_LINKER_FLAGS=-fsanitize=address"], False),
], ids=["cxx-flags", "per-config-flags", "linker-flags"])
def test_sanitizer_flags_drop_no_undefined(prefix, tmp_path, flags, instrumented):
    p = Project(tmp_path, "Ninja", prefix=prefix, cmake_args=CLANG + flags)
    assert "--no-undefined" not in (p.build_dir / "build.ninja").read_text()
    p.build()
    plugin = p.build_dir / "libregen.so"
    if instrumented:
        assert "__asan_" in _undefined_symbols(plugin)


def test_without_sanitizers_a_missing_definition_fails_the_link(prefix, tmp_path):
    p = Project(tmp_path, "Ninja", prefix=prefix)
    assert "--no-undefined" in (p.build_dir / "build.ninja").read_text()
    p.edit("std::unique_ptr<PluginBase> make_plugin(", "std::unique_ptr<PluginBase> not_make_plugin(", p.source)
    result = p.build(check=False)
    assert result.rc != 0
    assert "make_plugin" in result.output and "undefined reference" in result.output, result.output
