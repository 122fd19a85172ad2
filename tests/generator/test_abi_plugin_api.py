"""falcogen's plugin_api struct (runtime/include/falcogen/abi/plugin_api.h) against libsinsp's
(userspace/plugin/plugin_api.h of the libs mirror, FALCOGEN_LIBS_REPO; skipped without it or a C
compiler): the same members, each at the same offset, and the same size, compiled by the C
compiler of this machine."""
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = ROOT / "runtime" / "include" / "falcogen" / "abi" / "plugin_api.h"
LIBS = os.environ.get("FALCOGEN_LIBS_REPO", "/work/.mirror/falcosecurity+libs/repo")
CC = shutil.which("cc") or shutil.which("gcc")

pytestmark = [
    pytest.mark.skipif(not Path(LIBS).exists(), reason="no libs checkout at %s" % LIBS),
    pytest.mark.skipif(CC is None, reason="no C compiler"),
]


def libs_file(rel: str) -> str:
    if (Path(LIBS) / "userspace").is_dir():
        return (Path(LIBS) / rel).read_text()
    return subprocess.run(["git", "--git-dir", LIBS, "show", "HEAD:" + rel], check=True, capture_output=True,
                          text=True).stdout


def our_members() -> list:
    text = OURS.read_text()
    body = text[text.index("typedef struct plugin_api {"):text.index("} plugin_api;")]
    return re.findall(r"\(\*(\w+)\)\(", body)


def layout(tmp_path: Path, include: str, members: list) -> str:
    source = tmp_path / "layout.c"
    lines = ["#include <stddef.h>", "#include <stdio.h>", '#include "%s"' % include, "int main(void) {",
             '    printf("size %zu\\n", sizeof(plugin_api));']
    lines += ['    printf("%s %%zu\\n", offsetof(plugin_api, %s));' % (m, m) for m in members]
    lines += ["    return 0;", "}"]
    source.write_text("\n".join(lines) + "\n")
    exe = tmp_path / "layout"
    subprocess.run([CC, "-std=c11", "-I", str(tmp_path), str(source), "-o", str(exe)], check=True)
    return subprocess.run([str(exe)], check=True, capture_output=True, text=True).stdout


def test_plugin_api_matches_libsinsp(tmp_path):
    members = our_members()
    assert len(members) == 33
    (tmp_path / "plugin").mkdir()
    for name in ("plugin_api.h", "plugin_types.h"):
        (tmp_path / "plugin" / name).write_text(libs_file("userspace/plugin/" + name))
    theirs = layout(tmp_path, "plugin/plugin_api.h", members)
    ours = layout(tmp_path, str(OURS), members)
    assert ours == theirs
    assert "size 264\n" in ours
