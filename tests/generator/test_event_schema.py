"""plugin_get_required_event_schema_version: who exports it, and what it answers."""
from __future__ import annotations

import pytest

from falcogen import kernel_events
from falcogen.manifest import load_manifest_text
from falcogen.manifest.eventschema import reads_kernel_events, required_event_schema_version

BASE = "name: x\nversion: 0.1.0\ndescription: d\ncontact: c\n"
FIELD = "fields: [{name: x.t, type: uint64, description: d, computed: true}]\n"
SOURCE = "source: {id: 999, name: x}\nlayouts: [{name: a, members: [{name: m, type: u8}]}]\n"


@pytest.mark.parametrize("data, expected", [
    ({"fields": [{}], "extract": {"sources": ["syscall"]}}, True),
    ({"fields": [{}], "extract": {"sources": ["syscall"], "event_types": [322]}}, False),
    ({"fields": [{}], "extract": {"sources": ["k8s_audit"]}}, False),
    ({"fields": [{}], "extract": {"sources": ["k8s_audit"], "event_types": [3]}}, True),
    ({"fields": [{}]}, False),  # the plugin's own events
    ({"parse": {"sources": ["syscall"]}}, True),
    ({"parse": {}}, False),
    ({"parse": {"event_types": [322, 307]}}, True),
    ({"extract": {"sources": ["syscall"]}}, False),  # no fields: no extraction
])
def test_reads_kernel_events_as_libsinsp_decides(data, expected):
    assert reads_kernel_events(data) is expected


def test_default_is_any_driver_of_the_snapshot_major():
    major = kernel_events.schema_version().split(".")[0]
    assert required_event_schema_version({"parse": {"sources": ["syscall"]}}) == major + ".0.0"
    assert required_event_schema_version({"parse": {"sources": ["syscall"]}, "event_schema_version": "4.2.1"}) == "4.2.1"
    assert required_event_schema_version({"parse": {}}) is None


def test_the_model_carries_it():
    plugin = load_manifest_text(BASE + FIELD + "extract: {sources: [syscall]}\n")
    assert plugin.event_schema_version == kernel_events.schema_version().split(".")[0] + ".0.0"
    assert plugin.required_api_version == "3.0.0"  # hosts before 3.12 never ask
    assert load_manifest_text(BASE + SOURCE + FIELD).event_schema_version is None
    pinned = load_manifest_text(BASE + FIELD + "extract: {sources: [syscall]}\nevent_schema_version: 4.3.0\n")
    assert pinned.event_schema_version == "4.3.0"
