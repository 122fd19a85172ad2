"""The event schema version a plugin requires (plugin_get_required_event_schema_version).

libsinsp checks it when a capture opens with a kernel driver (kmod, modern
eBPF), for every plugin whose parse or extract event codes include an event
other than the plugin event (322), and assumes 3.0.0 when the plugin does not
say: with the driver's 4.x schema, such a plugin fails to open the capture.
So a plugin that reads kernel events says what it needs: by default the major
version of the driver's event table snapshot (kernel_events) with minor and
patch 0, i.e. any driver of that major version (a parameter an older driver
does not write reads as absent); `event_schema_version` in the manifest asks
for more. Hosts before plugin API 3.12 never ask, so it does not raise the
required API version.
"""
from __future__ import annotations

from typing import Any, Dict, Optional

from .. import kernel_events
from .kernelviews import PLUGIN_EVENT, known_codes


def reads_kernel_events(data: Dict[str, Any]) -> bool:
    """libsinsp's rule: the parse or extract event codes include more than the plugin event."""
    sections = []
    if data.get("fields"):
        sections.append(data.get("extract") or {})
    if "parse" in data:
        sections.append(data.get("parse") or {})
    for section in sections:
        if not isinstance(section, dict):
            continue
        types = section.get("event_types")
        if isinstance(types, list) and types:
            # Names resolve first: `pluginevent` is the plugin event; a name that does not resolve
            # (an error of its own) is taken for the kernel event it was meant to be.
            codes, complete = known_codes(types)
            if not complete or any(c != PLUGIN_EVENT for c in codes):
                return True
            continue
        sources = section.get("sources")
        if isinstance(sources, list) and "syscall" in sources:
            return True  # no types: every event code of a syscall-compatible source
    return False


def required_event_schema_version(data: Dict[str, Any]) -> Optional[str]:
    """The version plugin_get_required_event_schema_version returns; None: the plugin does not export it."""
    if not reads_kernel_events(data):
        return None
    explicit = data.get("event_schema_version")
    if isinstance(explicit, str):
        return explicit
    return kernel_events.schema_version().split(".")[0] + ".0.0"

