"""The plugin API version a generated plugin requires (plugin_get_required_api_version).

A plugin loads only in a framework whose API has the same major and a minor
(then patch) at least as high as the plugin's required version
(docs: /work/shared/reference/plugin-api.md 1.0 and 1.9). falcogen therefore
asks for the lowest 3.x that has every feature the plugin uses, not for the
newest: the plugin then also loads in older Falco releases.

A feature raises the version only if an older host would misread the plugin:
when the plugin reads a member an older host's input struct lacks (log_fn,
value_offsets, the _ext table vtables), or would run without something it
cannot do without. What an older host simply ignores does not: an optional
export it never looks up (set_config, metrics, dump_state, the required event
schema version) or a key of the field list it does not read (addOutput: libs
0.11.3, API 3.0, reads only display, isList, arg and properties). Those map to
the baseline here, with the version that introduced them in the comment.

To support a new feature: add one line to FEATURE_API_VERSIONS and set the
fact in builder.plugin_facts(); nothing else changes.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Tuple, Union

BASELINE = "3.0.0"  # sourcing, extraction, parsing, async, event-type filters

# feature -> the first plugin API version that has it (from libs' plugin_api.h history).
FEATURE_API_VERSIONS = {
    "sourcing": "3.0.0",
    "extraction": "3.0.0",
    "parsing": "3.0.0",
    "async_events": "3.0.0",
    "state_tables": "3.1.0",  # the _ext table vtables (entries released, iteration)
    "host_logging": "3.3.0",  # ss_plugin_init_input.log_fn
    "set_config": BASELINE,  # plugin_set_config (3.4.0): older hosts never call it
    "subtables": "3.5.0",  # SS_PLUGIN_ST_TABLE fields (the threads table's file_descriptors)
    "metrics": BASELINE,  # plugin_get_metrics (3.6.0): older hosts never call it
    "capture_listening": "3.7.0",  # plugin_capture_open/close
    "add_output": BASELINE,  # fields: addOutput (3.8.0): older hosts ignore the key
    "dump_state": BASELINE,  # plugin_dump_state (3.10.0): older hosts never call it
    "value_offsets": "3.11.0",  # ss_plugin_field_extract_input.value_offsets
    "event_schema_version": BASELINE,  # plugin_get_required_event_schema_version (3.12.0): never asked before
}

PluginFacts = Union[Mapping[str, bool], Iterable[str]]


def _parse(version: str) -> Tuple[int, int, int]:
    major, minor, patch = version.split(".")
    return int(major), int(minor), int(patch)


def required_api_version(plugin_facts: PluginFacts) -> str:
    """The lowest API version with every feature in use.

    plugin_facts: a mapping feature -> used (bool), or an iterable of the features used.
    Unknown feature names are a programming error (ValueError).
    """
    if isinstance(plugin_facts, Mapping):
        used = [feature for feature, on in plugin_facts.items() if on]
        unknown = [feature for feature in plugin_facts if feature not in FEATURE_API_VERSIONS]
    else:
        used = list(plugin_facts)
        unknown = [feature for feature in used if feature not in FEATURE_API_VERSIONS]
    if unknown:
        raise ValueError("unknown plugin feature(s): %s" % ", ".join(sorted(unknown)))
    versions = [BASELINE] + [FEATURE_API_VERSIONS[feature] for feature in used]
    return max(versions, key=_parse)
