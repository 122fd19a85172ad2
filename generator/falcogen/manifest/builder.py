"""Builds the immutable model (falcogen.model) from a checked manifest document.

Runs only when the schema and the rules found nothing: it may assume every
value has the right type and shape.
"""
from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

from ..model import (
    Async,
    AsyncEvent,
    ConfigProperty,
    Extract,
    Field,
    FieldArg,
    Layout,
    Maintainer,
    Member,
    Metric,
    KernelView,
    MemberBinding,
    OpenParam,
    ParamBinding,
    Plugin,
    Publish,
    Source,
    Table,
)
from .apiversion import required_api_version
from .eventschema import required_event_schema_version
from .kernelviews import event_of_ref, kernel_views, resolve_event_types
from .methods import author_methods
from .names import camel_case, field_cpp_name
from .tables import build_parse, build_tables, table_binding, table_facts
from .yamlio import Tree


def plugin_facts(data: Dict[str, Any]) -> Dict[str, bool]:
    """The features a manifest uses, as apiversion.required_api_version() takes them."""
    fields = data.get("fields") or ()
    extract = data.get("extract") or {}
    return {
        **table_facts(data),
        "sourcing": "source" in data,
        "host_logging": bool(data.get("host_logging", False)),
        "metrics": bool(data.get("metrics")),
        "set_config": config_reloadable(data),
        "extraction": bool(fields),
        "add_output": any(f.get("add_output", False) for f in fields),
        "value_offsets": bool(fields) and bool(extract.get("value_offsets", False)),
        "async_events": "async" in data,
        "dump_state": bool((data.get("async") or {}).get("dump_state", False)),
        "capture_listening": bool(data.get("capture_listening", False)),
    }


def config_reloadable(data: Dict[str, Any]) -> bool:
    return bool((data.get("config") or {}).get("reloadable", False))


def _metrics(data: Dict[str, Any]) -> Tuple[Metric, ...]:
    return tuple(Metric(name=m["name"], type=m.get("type", "monotonic"), value=m.get("value", "uint64"),
                        description=m.get("description", "")) for m in data.get("metrics", ()))


ASYNC_EVENT_CODE = 402  # PPME_ASYNCEVENT_E
PLUGIN_EVENT_CODE = 322  # PPME_PLUGINEVENT_E


def _with_async_type(types: Tuple[int, ...], extract: Dict[str, Any], spec: Optional[Async]) -> Tuple[int, ...]:
    """The extract event types, with 402 added when async events carry layouts that fields may read.

    libsinsp hands an extractor only events of its extract event types; without the export, the default
    is every type for the syscall source and only 322 for the others."""
    if spec is None or not any(e.layout for e in spec.events) or ASYNC_EVENT_CODE in types:
        return types
    if not types:
        if "syscall" in extract.get("sources", ()):
            return types  # every type already
        types = (PLUGIN_EVENT_CODE,)
    return types + (ASYNC_EVENT_CODE,)


def _async(data: Dict[str, Any], layouts: Tuple[Layout, ...], tree: Tree) -> Optional[Async]:
    if "async" not in data:
        return None
    a = data["async"]
    events = tuple(AsyncEvent(name=e["name"], layout=next((l for l in layouts if l.name == e.get("layout")), None))
                   for e in a["events"])
    return Async(events=events, sources=tuple(a.get("sources", ())), dump_state=bool(a.get("dump_state", False)),
                 line=tree.key_pos(("async",))[0],
                 dump_state_line=tree.key_pos(("async", "dump_state"))[0] if "dump_state" in a else 0)


def _param_bindings(refs: Any, views: Dict[int, KernelView]) -> Tuple[ParamBinding, ...]:
    out = []
    for ref in [refs] if isinstance(refs, str) else refs:
        event, index = event_of_ref(ref)
        view = views[event.code]
        out.append(ParamBinding(view=view, param=next(p for p in view.params if p.index == index)))
    return tuple(out)


def _field(i: int, f: Dict[str, Any], layouts: Tuple[Layout, ...], tables: Tuple[Table, ...], tree: Tree,
           views: Dict[int, KernelView]) -> Field:
    arg = None
    if "arg" in f:
        a = f["arg"]
        arg = FieldArg(index=bool(a.get("index", False)), key=bool(a.get("key", False)),
                       required=bool(a.get("required", False)))
    binding = "computed"
    members: Tuple[MemberBinding, ...] = ()
    json_pointer = None
    bound_table = None
    params: Tuple[ParamBinding, ...] = ()
    if "from" in f:
        binding = "member"
        refs = [f["from"]] if isinstance(f["from"], str) else f["from"]
        bound = []
        for ref in refs:
            layout_name, member_name = ref.split(".", 1)
            layout = next(l for l in layouts if l.name == layout_name)
            member = next(m for m in layout.members if m.name == member_name)
            bound.append(MemberBinding(layout=layout, member=member))
        members = tuple(bound)
    elif "param" in f:
        binding = "param"
        params = _param_bindings(f["param"], views)
    elif "json" in f:
        binding = "json"
        json_pointer = f["json"]
    elif "table" in f:
        binding = "table"
        bound_table = table_binding(f, tables)
    return Field(
        id=i,
        name=f["name"],
        cpp_name=field_cpp_name(f["name"]),
        type=f["type"],
        description=f["description"],
        display=f.get("display", ""),
        is_list=bool(f.get("list", False)),
        arg=arg,
        properties=tuple(f.get("properties", ())),
        add_output=bool(f.get("add_output", False)),
        binding=binding,
        members=members,
        params=params,
        json_pointer=json_pointer,
        table=bound_table,
        line=tree.value_pos(("fields", i))[0],
    )


def _open_param(param: Dict[str, Any]) -> OpenParam:
    value = param["value"]
    separator = param.get("separator")
    if isinstance(value, list):
        value = separator.join(value)
    return OpenParam(value=value, desc=param.get("desc", ""), separator=separator)


def _property(name: str, prop: Dict[str, Any], struct_name: str, is_item: bool = False) -> ConfigProperty:
    ptype = prop["type"]
    items: Optional[ConfigProperty] = None
    properties: Tuple[ConfigProperty, ...] = ()
    if ptype == "array":
        items = _property("items", prop["items"], struct_name + "_Item", is_item=True)
    if ptype == "object":
        properties = tuple(
            _property(key, sub, struct_name + "_" + camel_case(key)) for key, sub in prop["properties"].items()
        )
    return ConfigProperty(
        name=name,
        cpp_name=name,
        type=ptype,
        description=prop.get("description", ""),
        required=bool(prop.get("required", False)),
        default=prop.get("default"),
        minimum=prop.get("minimum"),
        maximum=prop.get("maximum"),
        enum=tuple(prop.get("enum", ())),
        pattern=prop.get("pattern"),
        min_length=prop.get("minLength"),
        max_length=prop.get("maxLength"),
        items=items,
        properties=properties,
        struct_name=struct_name if ptype == "object" else "",
    )


def _source(data: Dict[str, Any], tree: Tree) -> Optional[Source]:
    if "source" not in data:
        return None
    s = data["source"]
    return Source(
        id=s["id"],
        name=s["name"],
        open_params=tuple(_open_param(p) for p in s.get("open_params", ())),
        progress=bool(s.get("progress", False)),
        line=tree.key_pos(("source",))[0],
        progress_line=tree.key_pos(("source", "progress"))[0] if "progress" in s else 0,
    )


def _layouts(data: Dict[str, Any], tree: Tree) -> List[Layout]:
    layouts: List[Layout] = []
    for i, layout in enumerate(data.get("layouts", ())):
        layouts.append(
            Layout(
                name=layout["name"],
                cpp_name=camel_case(layout["name"]),
                tag=layout.get("tag", i + 1),
                description=layout.get("description", ""),
                members=tuple(
                    Member(
                        name=m["name"],
                        cpp_name=m["name"],
                        type=m["type"],
                        description=m.get("description", ""),
                        index=j,
                    )
                    for j, m in enumerate(layout.get("members", ()))
                ),
                line=tree.value_pos(("layouts", i))[0],
                encoding=layout.get("encoding", "binary"),
            )
        )
    return layouts


def build(path: str, data: Dict[str, Any], tree: Tree) -> Plugin:
    name = data["name"]
    source = _source(data, tree)
    config: Tuple[ConfigProperty, ...] = ()
    if "config" in data:
        config = tuple(
            _property(key, prop, "Config_" + camel_case(key))
            for key, prop in data["config"]["properties"].items()
        )
    layouts = _layouts(data, tree)
    imported, exported = build_tables(data, tree)
    views = kernel_views(data)
    fields = tuple(_field(i, f, tuple(layouts), imported + exported, tree, views)
                   for i, f in enumerate(data.get("fields", ())))
    parse = build_parse(data, tree)
    async_ = _async(data, tuple(layouts), tree)
    extract = None
    if fields:
        e = data.get("extract", {})
        extract = Extract(
            sources=tuple(e.get("sources", ())),
            event_types=_with_async_type(resolve_event_types(e.get("event_types", ())), e, async_),
            value_offsets=bool(e.get("value_offsets", False)),
        )
    return Plugin(
        manifest_path=path,
        manifest_name=os.path.basename(path),
        name=name,
        version=data["version"],
        description=data["description"],
        contact=data["contact"],
        cpp_namespace=data.get("namespace", name.replace("-", "_")),
        source=source,
        config=config,
        layouts=tuple(layouts),
        required_api_version=required_api_version(plugin_facts(data)),
        fields=fields,
        extract=extract,
        host_logging=bool(data.get("host_logging", False)),
        acknowledge_breaking_change=data.get("acknowledge_breaking_change"),
        methods=author_methods(source, tuple(layouts), fields, parse, reload_line(data, tree), async_,
                               capture_line(data, tree)),
        parse=parse,
        imported_tables=imported,
        exported_tables=exported,
        event_schema_version=required_event_schema_version(data),
        kernel_views=tuple(views.values()),
        metrics=_metrics(data),
        config_reloadable=config_reloadable(data),
        async_=async_,
        capture_listening=bool(data.get("capture_listening", False)),
        publish=_publish(data.get("publish") or {}),
    )


def _publish(p: Dict[str, Any]) -> Publish:
    return Publish(
        authors=p.get("authors", ""),
        maintainers=tuple(Maintainer(m["name"], m.get("email", "")) for m in p.get("maintainers", ())),
        license=p.get("license", ""),
        url=p.get("url", ""),
        rules_url=p.get("rules_url", ""),
        keywords=tuple(p.get("keywords", ())),
        library_path=p.get("library_path", ""),
    )


def capture_line(data: Dict[str, Any], tree: Tree) -> int:
    """The manifest line of `capture_listening: true` (0: not listening)."""
    return tree.key_pos(("capture_listening",))[0] if data.get("capture_listening", False) else 0


def reload_line(data: Dict[str, Any], tree: Tree) -> int:
    """The manifest line of `config.reloadable: true` (0: not reloadable)."""
    return tree.key_pos(("config", "reloadable"))[0] if config_reloadable(data) else 0
