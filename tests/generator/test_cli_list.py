"""`falcogen generate --list`: the generated files' names, one per line, for build systems."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from falcogen.cli import main
from falcogen.render import GENERATED_FILES, HEADER

GENERATOR = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "generator"))


def test_list_prints_every_generated_file_and_needs_no_manifest(capsys):
    with pytest.raises(SystemExit) as info:
        main(["generate", "--list"])
    assert info.value.code == 0
    out, err = capsys.readouterr()
    assert out == "".join(name + "\n" for name in GENERATED_FILES)
    assert err == ""


def test_list_ignores_the_manifest_and_the_other_options(capsys, tmp_path):
    with pytest.raises(SystemExit) as info:
        main(["generate", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "out"), "--check", "--list"])
    assert info.value.code == 0
    assert capsys.readouterr().out.split() == list(GENERATED_FILES)
    assert not (tmp_path / "out").exists()


def test_list_from_the_command_line_as_cmake_runs_it(tmp_path):
    # cmake/FalcogenAddPlugin.cmake runs it at configure time, from the build folder.
    env = dict(os.environ, PYTHONPATH=GENERATOR)
    result = subprocess.run([sys.executable, "-m", "falcogen", "generate", "--list"], cwd=str(tmp_path), env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == list(GENERATED_FILES)
    assert not any(tmp_path.iterdir())


def test_the_header_is_a_generated_file():
    assert HEADER in GENERATED_FILES


def test_generate_still_needs_a_manifest_without_list(capsys):
    with pytest.raises(SystemExit) as info:
        main(["generate", "-o", "out"])
    assert info.value.code == 2
    assert "the following arguments are required: manifest" in capsys.readouterr().err
