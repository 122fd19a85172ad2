"""The broken-manifest table (broken_cases.py): exact diagnostics, no tracebacks."""
from __future__ import annotations

import pytest

from broken_cases import CASES
from falcogen.manifest import ManifestError, load_manifest_text


def test_table_is_large_and_ids_are_unique():
    ids = [case.id for case in CASES]
    assert len(ids) >= 55
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_manifest(case):
    with pytest.raises(ManifestError) as info:
        load_manifest_text(case.full_text, "plugin.yaml")
    got = [d.format() for d in info.value.diagnostics]
    assert got == case.expected
    # str(error) is the same lines, and every diagnostic has a position.
    assert str(info.value) == "\n".join(case.expected)
    for d in info.value.diagnostics:
        assert d.line >= 1 and d.col >= 1


def test_every_case_reports_from_the_file_given():
    case = CASES[0]
    with pytest.raises(ManifestError) as info:
        load_manifest_text(case.full_text, "dir/other.yaml")
    assert all(d.file == "dir/other.yaml" for d in info.value.diagnostics)
