"""The kernel's events (libscap's PPME_* events) by code and by name, from the driver's event table.

The table is a snapshot in data/event_table.json, written by
scripts/gen_event_table.py from a falcosecurity/libs checkout; docs/kernel-events.md
says what it holds and how to refresh it. This module loads it once and answers:

- `event_table().by_code(307)`: one event (code, enum name, name, direction,
  category and flag names, large-payload flag, parameters);
- `event_table().by_name("openat")`: every version of a name, the current pair first;
- `event_table().resolve("openat_x")`: the events a manifest name stands for
  (`openat_x`, `openat_e`, `openat`, or an enum name such as `PPME_SYSCALL_OPENAT_2_X`);
- `PARAM_TYPES` / `cpp_type("PT_FD")`: what a typed view reads each parameter type as;
- `schema_version()`: the event schema version of the snapshot (driver/SCHEMA_VERSION).
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, NamedTuple, Optional, Tuple

from .errors import UserError

SNAPSHOT = Path(__file__).resolve().parent / "data" / "event_table.json"
SNAPSHOT_FORMAT = 1  # scripts/gen_event_table.py's FORMAT_VERSION


class ParamType(NamedTuple):
    """How a typed view reads a parameter type: the C++ type it returns, and the parameter's size
    in the event when the type has a fixed one (None: the parameter's length says)."""
    cpp: str
    size: Optional[int]


_BYTES = ParamType("falcogen::ByteView", None)
_TEXT = ParamType("std::string_view", None)

# PT_* -> the C++ type of a typed accessor. Integers keep the width and signedness the driver
# writes; fds, pids and errnos are 64-bit signed (PT_FD32/PT_PID32 stay 32-bit, as written);
# strings are views without the trailing NUL; the times, IPv4 and IPv6 addresses use the runtime's
# own value types (falcogen/types.hpp). Parameters with a structure of their own (socket addresses
# and tuples, fd lists, string arrays, networks, addresses of either family, dynamic parameters)
# are raw bytes for now: a typed view gives their bytes, decoding them is the reader's business.
PARAM_TYPES: Dict[str, ParamType] = {
    "PT_NONE": ParamType("void", 0),
    "PT_INT8": ParamType("int8_t", 1),
    "PT_INT16": ParamType("int16_t", 2),
    "PT_INT32": ParamType("int32_t", 4),
    "PT_INT64": ParamType("int64_t", 8),
    "PT_UINT8": ParamType("uint8_t", 1),
    "PT_UINT16": ParamType("uint16_t", 2),
    "PT_UINT32": ParamType("uint32_t", 4),
    "PT_UINT64": ParamType("uint64_t", 8),
    "PT_CHARBUF": _TEXT,
    "PT_BYTEBUF": _BYTES,
    "PT_ERRNO": ParamType("int64_t", 8),
    "PT_SOCKADDR": _BYTES,  # 1-byte family, then the family's address
    "PT_SOCKTUPLE": _BYTES,  # 1-byte family, then source and destination
    "PT_FD": ParamType("int64_t", 8),
    "PT_PID": ParamType("int64_t", 8),
    "PT_FDLIST": _BYTES,  # u16 count, then (i64 fd, u16 flags) per entry
    "PT_FSPATH": _TEXT,
    "PT_SYSCALLID": ParamType("uint16_t", 2),
    "PT_SIGTYPE": ParamType("uint8_t", 1),
    "PT_RELTIME": ParamType("falcogen::RelTime", 8),
    "PT_ABSTIME": ParamType("falcogen::AbsTime", 8),
    "PT_PORT": ParamType("uint16_t", 2),
    "PT_L4PROTO": ParamType("uint8_t", 1),
    "PT_SOCKFAMILY": ParamType("uint8_t", 1),
    "PT_BOOL": ParamType("bool", 4),  # written as 4 bytes, nonzero is true
    "PT_IPV4ADDR": ParamType("falcogen::Ipv4", 4),
    "PT_DYN": _BYTES,  # 1-byte index into the parameter's dynamic table, then the value
    "PT_FLAGS8": ParamType("uint8_t", 1),
    "PT_FLAGS16": ParamType("uint16_t", 2),
    "PT_FLAGS32": ParamType("uint32_t", 4),
    "PT_UID": ParamType("uint32_t", 4),  # UINT32_MAX: no value
    "PT_GID": ParamType("uint32_t", 4),  # UINT32_MAX: no value
    "PT_DOUBLE": ParamType("double", 8),
    "PT_SIGSET": ParamType("uint32_t", 4),  # the low 32 bits of the sigset
    "PT_CHARBUFARRAY": _BYTES,  # NUL-separated strings
    "PT_CHARBUF_PAIR_ARRAY": _BYTES,
    "PT_IPV4NET": _BYTES,
    "PT_IPV6ADDR": ParamType("falcogen::Ipv6", 16),
    "PT_IPV6NET": _BYTES,
    "PT_IPADDR": _BYTES,  # 4 or 16 bytes: the length says which family
    "PT_IPNET": _BYTES,
    "PT_MODE": ParamType("uint32_t", 4),
    "PT_FSRELPATH": _TEXT,  # relative to the dirfd parameter (Param.dirfd)
    "PT_ENUMFLAGS8": ParamType("uint8_t", 1),
    "PT_ENUMFLAGS16": ParamType("uint16_t", 2),
    "PT_ENUMFLAGS32": ParamType("uint32_t", 4),
    "PT_FD32": ParamType("int32_t", 4),
    "PT_PID32": ParamType("int32_t", 4),
}


class KernelEventError(UserError):
    """An event code or name the table does not know (the message names close matches)."""


def cpp_type(param_type: str) -> str:
    """The C++ type a typed view returns for a PT_* parameter type."""
    try:
        return PARAM_TYPES[param_type].cpp
    except KeyError:
        raise KernelEventError("unknown parameter type %s" % param_type) from None


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # PT_* name
    format: str  # PF_* name
    flags: Optional[str] = None  # the driver's flag table of a flags parameter, e.g. file_flags
    dirfd: Optional[int] = None  # of a PT_FSRELPATH: the index of the dirfd parameter it is relative to
    dynamic: Optional[str] = None  # of a PT_DYN: the driver's table of the value's possible types

    @property
    def cpp_type(self) -> str:
        return cpp_type(self.type)


@dataclass(frozen=True)
class KernelEvent:
    code: int
    enum: str  # PPME_* name
    name: str  # "openat"; "NA" for the placeholders that fill unused halves of pairs
    direction: Optional[str]  # "enter", "exit"; None for placeholders
    pair: Optional[int]  # the other half's code; None when it is a placeholder
    category: Tuple[str, ...]  # EC_* names
    flags: Tuple[str, ...]  # EF_* names
    large_payload: bool  # parameter lengths are 4 bytes (2 otherwise)
    params: Tuple[Param, ...]

    @property
    def old(self) -> bool:
        """Kept for old captures: a current driver does not write it (EF_OLD_VERSION)."""
        return "EF_OLD_VERSION" in self.flags

    @property
    def placeholder(self) -> bool:
        return self.direction is None

    @property
    def length_size(self) -> int:
        """Bytes per entry of the event's parameter length table."""
        return 4 if self.large_payload else 2

    @property
    def manifest_name(self) -> str:
        """`openat_x`: the name with the direction's suffix (the name alone for placeholders)."""
        suffix = {"enter": "_e", "exit": "_x"}.get(self.direction or "", "")
        return self.name + suffix

    def param_index(self, name: str) -> int:
        for i, p in enumerate(self.params):
            if p.name == name:
                return i
        known = [p.name for p in self.params]
        raise KernelEventError("%s has no parameter %r (it has: %s)" % (self.enum, name, ", ".join(known)))

    def param(self, name: str) -> Param:
        return self.params[self.param_index(name)]


def _event(rec: dict) -> KernelEvent:
    params = tuple(Param(p["name"], p["type"], p["format"], p.get("flags"), p.get("dirfd"), p.get("dynamic"))
                   for p in rec["params"])
    return KernelEvent(code=rec["code"], enum=rec["enum"], name=rec["name"], direction=rec["direction"],
                       pair=rec["pair"], category=tuple(rec["category"]), flags=tuple(rec["flags"]),
                       large_payload=rec["large_payload"], params=params)


class EventTable:
    """The snapshot, indexed by code, enum name and name."""

    def __init__(self, data: dict):
        if data.get("format") != SNAPSHOT_FORMAT:
            raise KernelEventError("event table snapshot of format %r; this falcogen reads format %d"
                                   % (data.get("format"), SNAPSHOT_FORMAT))
        self.schema_version: str = data["schema_version"]
        self.api_version: str = data["api_version"]
        self.libs: Dict[str, str] = dict(data["libs"])
        self.events: Tuple[KernelEvent, ...] = tuple(_event(r) for r in data["events"])
        if [e.code for e in self.events] != list(range(len(self.events))):
            raise KernelEventError("the event table snapshot does not list codes 0..%d in order" % len(self.events))
        self._by_enum = {e.enum: e for e in self.events}
        self._by_name: Dict[str, List[KernelEvent]] = {}
        for e in self.events:
            if not e.placeholder:
                self._by_name.setdefault(e.name, []).append(e)

    def by_code(self, code: int) -> KernelEvent:
        if not 0 <= code < len(self.events):
            raise KernelEventError("unknown kernel event code %d (the table has 0..%d)" % (code, len(self.events) - 1))
        return self.events[code]

    def by_enum(self, enum: str) -> KernelEvent:
        if enum not in self._by_enum:
            raise self._unknown(enum)
        return self._by_enum[enum]

    def names(self) -> List[str]:
        """Every event name (placeholders' "NA" aside), sorted."""
        return sorted(self._by_name)

    def by_name(self, name: str) -> Tuple[KernelEvent, ...]:
        """Every version of a name: the current pair first, then older pairs, newest first; enter
        before exit within a pair."""
        if name not in self._by_name:
            raise self._unknown(name)
        current = self._current_pair(name)
        pairs = sorted({e.code >> 1 for e in self._by_name[name]}, key=lambda p: (p != current, -p))
        return tuple(e for p in pairs for e in self._by_name[name] if e.code >> 1 == p)

    def current(self, name: str) -> Tuple[KernelEvent, ...]:
        """The current pair of a name (its placeholder half left out), enter first."""
        if name not in self._by_name:
            raise self._unknown(name)
        pair = self._current_pair(name)
        return tuple(e for e in self._by_name[name] if e.code >> 1 == pair)

    def resolve(self, name: str) -> Tuple[KernelEvent, ...]:
        """The events a manifest names: `openat` (the current pair), `openat_e`/`openat_x` (its enter
        or exit half), or an enum name (`PPME_SYSCALL_OPENAT_2_X`, any version)."""
        if name in self._by_enum:
            return (self._by_enum[name],)
        if name in self._by_name:
            return self.current(name)
        base, _, suffix = name.rpartition("_")
        direction = {"e": "enter", "x": "exit"}.get(suffix)
        if direction is None or base not in self._by_name:
            raise self._unknown(name)
        half = tuple(e for e in self.current(base) if e.direction == direction)
        if not half:
            have = ", ".join(e.manifest_name for e in self.current(base))
            raise KernelEventError("%s: the driver has no %s event of %s (it has: %s)" % (name, direction, base, have))
        return half

    def _current_pair(self, name: str) -> int:
        """The newest pair with an event a current driver writes; the newest pair if all are old."""
        events = self._by_name[name]
        live = [e.code >> 1 for e in events if not e.old]
        return max(live) if live else max(e.code >> 1 for e in events)

    def _unknown(self, name: str) -> KernelEventError:
        known = list(self._by_name) + [e.manifest_name for e in self.events if not e.placeholder]
        if name.startswith("PPME_"):
            known = list(self._by_enum)
        close = difflib.get_close_matches(name, sorted(set(known)), n=4, cutoff=0.6)
        hint = " (did you mean %s?)" % ", ".join(close) if close else ""
        return KernelEventError("unknown kernel event %r%s" % (name, hint))


def load_event_table(path: Path = SNAPSHOT) -> EventTable:
    with open(path, encoding="utf-8") as f:
        return EventTable(json.load(f))


@lru_cache(maxsize=None)
def event_table() -> EventTable:
    """The snapshot that ships with falcogen, loaded once."""
    return load_event_table()


def schema_version() -> str:
    """The event schema version of the snapshot (driver/SCHEMA_VERSION), e.g. "4.5.1"."""
    return event_table().schema_version
