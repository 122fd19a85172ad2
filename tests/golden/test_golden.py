"""The generated sources match the golden files checked in beside this test."""
from golden import rendered, differences


def test_generated_sources_match_the_golden_files():
    diff = differences(rendered())
    assert not diff, "generated output changed; review it, then run `bash scripts/update-golden.sh`:\n" + diff[:20000]
