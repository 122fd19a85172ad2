"""The checked, immutable description of a plugin.

The manifest loader builds it; templates read only it. Nothing here knows
about YAML, and nothing here knows about C++ beyond the identifiers that the
templates need (cpp_name), which are derived once, here, so every template
spells them the same way.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Optional, Tuple

# Layout member types -> (C++ type in the typed struct, fixed wire size or None
# for length-prefixed members). The wire format is described in docs/wire-format.md.
MEMBER_TYPES = {
    "u8": ("uint8_t", 1),
    "u16": ("uint16_t", 2),
    "u32": ("uint32_t", 4),
    "u64": ("uint64_t", 8),
    "i8": ("int8_t", 1),
    "i16": ("int16_t", 2),
    "i32": ("int32_t", 4),
    "i64": ("int64_t", 8),
    "bool": ("bool", 1),
    "abstime": ("falcogen::AbsTime", 8),  # ns since the epoch
    "reltime": ("falcogen::RelTime", 8),  # ns
    "ipv4": ("falcogen::Ipv4", 4),
    "ipv6": ("falcogen::Ipv6", 16),
    "string": ("std::string_view", None),
    "bytes": ("falcogen::ByteView", None),
}

# Config property types -> C++ type of the config struct member (arrays and
# objects are composed by the model: std::vector<item>, nested struct).
CONFIG_SCALAR_TYPES = {
    "string": "std::string",
    "integer": "int64_t",
    "number": "double",
    "boolean": "bool",
}


@dataclass(frozen=True)
class OpenParam:
    value: str  # as plugin_list_open_params reports it (lists already joined)
    desc: str
    separator: Optional[str] = None


@dataclass(frozen=True)
class Source:
    id: int
    name: str
    open_params: Tuple[OpenParam, ...] = ()
    progress: bool = False  # the author implements progress()
    line: int = 0  # manifest line of the `source:` key (for messages in generated code)
    progress_line: int = 0  # manifest line of `progress:` (0: absent), quoted next to progress()


@dataclass(frozen=True)
class ConfigProperty:
    name: str  # JSON key
    cpp_name: str  # C++ member name
    type: str  # string | integer | number | boolean | array | object
    description: str
    required: bool = False
    default: Any = None  # Python value (None = no default)
    minimum: Optional[float] = None
    maximum: Optional[float] = None
    enum: Tuple[Any, ...] = ()
    pattern: Optional[str] = None
    min_length: Optional[int] = None  # strings
    max_length: Optional[int] = None  # strings
    items: Optional["ConfigProperty"] = None  # for arrays: the item type (name "items")
    properties: Tuple["ConfigProperty", ...] = ()  # for objects
    struct_name: str = ""  # for objects: the C++ struct name (e.g. "Config_Tls")

    @property
    def has_default(self) -> bool:
        return self.default is not None


@dataclass(frozen=True)
class Member:
    name: str
    cpp_name: str
    type: str  # a key of MEMBER_TYPES
    description: str
    index: int  # position inside the layout (wire order)

    @property
    def cpp_type(self) -> str:
        return MEMBER_TYPES[self.type][0]

    @property
    def fixed_size(self) -> Optional[int]:
        return MEMBER_TYPES[self.type][1]


@dataclass(frozen=True)
class Layout:
    name: str
    cpp_name: str  # CamelCase struct name
    tag: int  # u16 carried in every event of this layout, 1..65535
    description: str
    members: Tuple[Member, ...]
    line: int = 0
    # "binary": falcogen's tagged layout (docs/wire-format.md);
    # "json": event_data is a JSON document (no members; fields use pointers).
    # A json layout is the only layout of its plugin.
    encoding: str = "binary"


# ---- Field extraction ---------------------------------------------------------

# Field types as plugin_get_fields names them -> the ss_plugin_field_type enum.
FIELD_TYPES = {
    "string": "FTYPE_STRING",
    "uint64": "FTYPE_UINT64",
    "bool": "FTYPE_BOOL",
    "reltime": "FTYPE_RELTIME",
    "abstime": "FTYPE_ABSTIME",
    "ipaddr": "FTYPE_IPADDR",
    "ipnet": "FTYPE_IPNET",
}

# Which layout member types a field of each type may be bound to.
FIELD_MEMBER_TYPES = {
    "string": ("string",),
    "uint64": ("u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64"),
    "bool": ("bool",),
    "reltime": ("reltime", "u64"),
    "abstime": ("abstime", "u64"),
    "ipaddr": ("ipv4", "ipv6"),
    "ipnet": (),
}

# Which C++ types of kernel event parameters (kernel_events.PARAM_TYPES) a field of each type may be
# bound to with `param:`. Signed integers in uint64 fields: a negative value is "no value".
FIELD_PARAM_TYPES = {
    "string": ("std::string_view",),
    "uint64": ("int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t"),
    "bool": ("bool",),
    "reltime": ("falcogen::RelTime",),
    "abstime": ("falcogen::AbsTime",),
    "ipaddr": ("falcogen::Ipv4", "falcogen::Ipv6"),
    "ipnet": (),
}


# Field types -> the C++ type of a computed field's value.
FIELD_VALUE_TYPES = {
    "string": "std::string",
    "uint64": "uint64_t",
    "reltime": "uint64_t",
    "abstime": "uint64_t",
    "bool": "bool",
    "ipaddr": "falcogen::IpAddress",
    "ipnet": "falcogen::IpAddress",
}


# ---- Parsing and state tables ---------------------------------------------------

class StateCpp(NamedTuple):
    """How the generated code spells a state value type (ss_plugin_state_type)."""
    read: str  # the C++ type read from another's table (and of an imported table's key)
    member: str  # the C++ type of a member of the plugin's own entry (and of its key)
    state: str  # the enum


STATE_TYPES = {
    "int8": StateCpp("int8_t", "int8_t", "SS_PLUGIN_ST_INT8"),
    "int16": StateCpp("int16_t", "int16_t", "SS_PLUGIN_ST_INT16"),
    "int32": StateCpp("int32_t", "int32_t", "SS_PLUGIN_ST_INT32"),
    "int64": StateCpp("int64_t", "int64_t", "SS_PLUGIN_ST_INT64"),
    "uint8": StateCpp("uint8_t", "uint8_t", "SS_PLUGIN_ST_UINT8"),
    "uint16": StateCpp("uint16_t", "uint16_t", "SS_PLUGIN_ST_UINT16"),
    "uint32": StateCpp("uint32_t", "uint32_t", "SS_PLUGIN_ST_UINT32"),
    "uint64": StateCpp("uint64_t", "uint64_t", "SS_PLUGIN_ST_UINT64"),
    "string": StateCpp("std::string_view", "std::string", "SS_PLUGIN_ST_STRING"),
    "bool": StateCpp("bool", "bool", "SS_PLUGIN_ST_BOOL"),
    "table": StateCpp("", "", "SS_PLUGIN_ST_TABLE"),
}


@dataclass(frozen=True)
class Parse:
    """Which events the parsing capability wants (defaults: the plugin's own)."""

    sources: Tuple[str, ...] = ()  # empty: only the plugin's own source
    event_types: Tuple[int, ...] = ()  # empty: the host's default (322, or all for syscall)
    line: int = 0


@dataclass(frozen=True)
class AsyncEvent:
    """An async event the plugin emits (PPME_ASYNCEVENT_E, 402), by name."""

    name: str
    layout: Optional["Layout"] = None  # the payload's layout; None: raw bytes


@dataclass(frozen=True)
class Async:
    """The async events capability: run_async's events, where they go, and dump_state."""

    events: Tuple[AsyncEvent, ...]
    sources: Tuple[str, ...] = ()  # empty: any source
    dump_state: bool = False  # export plugin_dump_state (API 3.10)
    line: int = 0
    dump_state_line: int = 0


@dataclass(frozen=True)
class TableField:
    name: str  # in the table, and the C++ accessor / member name
    type: str  # a key of STATE_TYPES
    index: int  # position in its table: the index of its handle
    add: bool = False  # imported tables: added by this plugin (add_table_field)
    readonly: bool = False  # exported tables: other plugins may not write it
    description: str = ""
    subtable: Optional["Table"] = None  # type == "table"

    @property
    def cpp(self) -> StateCpp:
        return STATE_TYPES[self.type]


@dataclass(frozen=True)
class Table:
    name: str  # the table's name in the host (a subtable: its field's name)
    path: str  # for messages: threads, threads.file_descriptors
    cpp_name: str  # the prefix of its C++ types: Threads -> ThreadsTable, ThreadsEntry
    key: str  # a key of STATE_TYPES
    fields: Tuple[TableField, ...]
    exported: bool = False
    decl: int = 0  # imported: the position of its declaration (subtables included)
    description: str = ""
    line: int = 0

    @property
    def key_cpp(self) -> StateCpp:
        return STATE_TYPES[self.key]

    @property
    def subtables(self) -> Tuple["Table", ...]:
        return tuple(f.subtable for f in self.fields if f.subtable is not None)


@dataclass(frozen=True)
class TableBinding:
    """A field bound to a table field (`table: {name, field, key}`)."""

    table: Table
    field: TableField
    key: str  # "tid": the event's thread id; "arg": the field's argument


@dataclass(frozen=True)
class FieldArg:
    index: bool = False  # [0], [1]... (arg_index)
    key: bool = False  # [name] (arg_key)
    required: bool = False


@dataclass(frozen=True)
class MemberBinding:
    """A field bound to one member of one layout (`from: layout.member`)."""

    layout: "Layout"
    member: Member


@dataclass(frozen=True)
class ViewParam:
    """One accessor of a typed view: a kernel event parameter."""

    name: str  # the driver's parameter name, also the accessor's name
    cpp_type: str  # kernel_events.PARAM_TYPES
    index: int  # position in the event


@dataclass(frozen=True)
class KernelView:
    """The typed view of one kernel event code (falcogen/kernel_view.hpp), generated in namespace kernel."""

    code: int
    enum: str  # PPME_SYSCALL_OPENAT_2_X
    name: str  # openat_x; an old version: its enum in lower case (ppme_syscall_openat_x)
    cpp_name: str  # OpenatX, PpmeSyscallOpenatX
    params: Tuple[ViewParam, ...]


@dataclass(frozen=True)
class ParamBinding:
    """A field bound to a kernel event parameter (`param: openat_x.name`)."""

    view: KernelView
    param: ViewParam


@dataclass(frozen=True)
class Field:
    id: int  # position in plugin_get_fields (the host's field_id)
    name: str  # e.g. hello.text
    cpp_name: str  # identifier: dots -> '_' (hello_text)
    type: str  # a key of FIELD_TYPES
    description: str
    display: str = ""
    is_list: bool = False
    arg: Optional[FieldArg] = None
    properties: Tuple[str, ...] = ()  # hidden, info, conversation
    add_output: bool = False
    # Exactly one way to get the value:
    binding: str = "computed"  # "member" | "param" | "json" | "table" | "computed"
    members: Tuple[MemberBinding, ...] = ()  # binding == "member": one per layout
    params: Tuple[ParamBinding, ...] = ()  # binding == "param": one per kernel event
    json_pointer: Optional[str] = None  # binding == "json": RFC 6901 pointer
    table: Optional[TableBinding] = None  # binding == "table"
    line: int = 0  # manifest line, quoted in generated code

    @property
    def ftype(self) -> str:
        return FIELD_TYPES[self.type]


@dataclass(frozen=True)
class Extract:
    """Which events the extraction capability wants (defaults: the plugin's own)."""

    sources: Tuple[str, ...] = ()  # empty: only the plugin's own source
    event_types: Tuple[int, ...] = ()  # empty: the host's default (322, or all for syscall)
    value_offsets: bool = False  # report value offsets (API 3.11+)


# ---- Metrics ------------------------------------------------------------------

# Metric value types (manifest: metrics[].value) -> the C++ type of the counter
# (falcogen::Metric<T>); the runtime's read_metric overload sets the API's value type.
METRIC_VALUE_TYPES = {
    "uint64": "uint64_t",
    "uint32": "uint32_t",
    "int64": "int64_t",
    "int32": "int32_t",
    "double": "double",
    "float": "float",
}

# Metric kinds (manifest: metrics[].type) -> ss_plugin_metric_type.
METRIC_TYPES = {
    "monotonic": "SS_PLUGIN_METRIC_TYPE_MONOTONIC",
    "non_monotonic": "SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC",
}


@dataclass(frozen=True)
class Metric:
    name: str  # as plugin_get_metrics reports it, and the Metrics member
    type: str  # monotonic | non_monotonic
    value: str  # a key of METRIC_VALUE_TYPES
    description: str = ""

    @property
    def cpp_type(self) -> str:
        return "falcogen::Metric<%s>" % METRIC_VALUE_TYPES[self.value]

    @property
    def api_type(self) -> str:
        return METRIC_TYPES[self.type]


# ---- The author's side --------------------------------------------------------

@dataclass(frozen=True)
class Param:
    type: str  # C++ type as declared, e.g. "const Event&"
    name: str


@dataclass(frozen=True)
class AuthorMethod:
    """A virtual method of a generated class that the manifest asks the author for.

    The generated header declares it, the lock file records it, `falcogen skeleton`
    stubs it: all three read this, nothing reads the rendered C++.
    """

    cls: str  # the generated base class: PluginBase or InstanceBase
    returns: str  # C++ return type
    name: str
    params: Tuple[Param, ...]
    line: int  # manifest line of the key that asks for it
    asked_by: str  # why, e.g. "computed field `hello.shout` asks for this method"
    doc: Tuple[str, ...] = ()  # comment lines above the declaration
    # None: pure virtual, the author must write it. Otherwise the statement of
    # its default body (the author may override it).
    default: Optional[str] = None

    @property
    def pure(self) -> bool:
        return self.default is None

    @property
    def decl(self) -> str:
        """`double progress(std::string& text)`: as the header and the lock file spell it."""
        return "%s %s(%s)" % (self.returns, self.name, ", ".join("%s %s" % (p.type, p.name) for p in self.params))


@dataclass(frozen=True)
class ConfigStruct:
    name: str  # C++ struct name (Config, Config_Tls, ...)
    comment: str
    properties: Tuple[ConfigProperty, ...]


@dataclass(frozen=True)
class Maintainer:
    name: str
    email: str = ""


@dataclass(frozen=True)
class Publish:
    """What the plugin's registry entry says beyond its identity (manifest: publish; `falcogen docs`)."""

    authors: str = ""
    maintainers: Tuple[Maintainer, ...] = ()
    license: str = ""
    url: str = ""
    rules_url: str = ""
    keywords: Tuple[str, ...] = ()
    library_path: str = ""  # falco.yaml's library_path; "" -> lib<name>.so


@dataclass(frozen=True)
class Plugin:
    manifest_path: str  # as given on the command line, for messages
    manifest_name: str  # file name only, for the generated-file banner (stable across machines)
    name: str
    version: str
    description: str
    contact: str
    cpp_namespace: str
    source: Optional[Source]
    config: Tuple[ConfigProperty, ...]
    layouts: Tuple[Layout, ...]
    required_api_version: str  # derived: lowest 3.x with every feature used
    fields: Tuple[Field, ...] = field(default=())  # empty: no extraction capability
    extract: Optional[Extract] = None  # set when fields exist
    host_logging: bool = False  # log through the host's log_fn (API 3.3+)
    # The version for which the author accepts a layout change that breaks
    # old captures (manifest: acknowledge_breaking_change; see lock.py).
    acknowledge_breaking_change: Optional[str] = None
    methods: Tuple[AuthorMethod, ...] = ()  # what the author implements, in declaration order
    parse: Optional[Parse] = None  # None: no parsing capability
    imported_tables: Tuple[Table, ...] = ()  # top-level: the host's or other plugins' tables
    exported_tables: Tuple[Table, ...] = ()  # the plugin's own
    # plugin_get_required_event_schema_version's answer; None: not exported (no kernel events read)
    event_schema_version: Optional[str] = None
    # Typed views of the kernel events the plugin reads (event_types, `param:` bindings), by code
    kernel_views: Tuple[KernelView, ...] = ()
    metrics: Tuple[Metric, ...] = ()  # empty: no plugin_get_metrics
    config_reloadable: bool = False  # config.reloadable: plugin_set_config
    async_: Optional[Async] = None  # None: no async events capability
    capture_listening: bool = False  # plugin_capture_open/close with the thread pool
    publish: Publish = field(default_factory=Publish)  # registry metadata (falcogen docs)

    def layout(self, name: str) -> Layout:
        return next(l for l in self.layouts if l.name == name)

    @property
    def table_decls(self) -> Tuple[Table, ...]:
        """Every imported table, subtables included, in declaration order (Table.decl)."""
        out: list = []

        def visit(table: Table) -> None:
            out.append(table)
            for sub in table.subtables:
                visit(sub)

        for table in self.imported_tables:
            visit(table)
        return tuple(out)

    @property
    def has_tables(self) -> bool:
        return bool(self.imported_tables or self.exported_tables)

    @property
    def has_event(self) -> bool:
        """The generated Event class exists: the plugin extracts or parses."""
        return bool(self.fields) or self.parse is not None

    @property
    def json_layout(self) -> Optional[Layout]:
        return next((l for l in self.layouts if l.encoding == "json"), None)

    @property
    def binary_layouts(self) -> Tuple[Layout, ...]:
        return tuple(l for l in self.layouts if l.encoding == "binary")

    @property
    def config_structs(self) -> Tuple[ConfigStruct, ...]:
        """Every struct of the config, nested ones before the struct that holds them."""
        out: list = []

        def visit(name: str, comment: str, properties: Tuple[ConfigProperty, ...]) -> None:
            for prop in properties:
                if prop.type == "object":
                    visit(prop.struct_name, prop.description, prop.properties)
                elif prop.type == "array" and prop.items is not None and prop.items.type == "object":
                    visit(prop.items.struct_name, "An item of " + prop.name, prop.items.properties)
            out.append(ConfigStruct(name, comment, properties))

        visit("Config", "The plugin's init config.", self.config)
        return tuple(out)
