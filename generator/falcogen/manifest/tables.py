"""Builds the parsing and state-table parts of the model (falcogen.model.Parse, Table, TableBinding)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ..model import Parse, Table, TableBinding, TableField
from .kernelviews import resolve_event_types
from .names import camel_case
from .yamlio import Tree


def build_parse(data: Dict[str, Any], tree: Tree) -> Optional[Parse]:
    if "parse" not in data:
        return None
    p = data["parse"] or {}
    return Parse(sources=tuple(p.get("sources", ())), event_types=resolve_event_types(p.get("event_types", ())),
                 line=tree.key_pos(("parse",))[0])


class _Decls:
    """Hands out declaration positions to imported tables and their subtables, depth first."""

    def __init__(self) -> None:
        self.next = 0

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _imported(t: Dict[str, Any], path: Tuple[Any, ...], name_path: str, cpp_name: str, decls: _Decls,
              tree: Tree) -> Table:
    decl = decls.take()
    fields: List[TableField] = []
    for k, f in enumerate(t.get("fields", ())):
        sub = None
        if f["type"] == "table":
            sub = _imported(f, path + ("fields", k), name_path + "." + f["name"],
                            cpp_name + camel_case(f["name"]), decls, tree)
        fields.append(TableField(name=f["name"], type=f["type"], index=k, add=bool(f.get("add", False)),
                                 subtable=sub))
    return Table(name=t["name"], path=name_path, cpp_name=cpp_name, key=t["key"], fields=tuple(fields),
                 decl=decl, line=tree.value_pos(path)[0])


def build_tables(data: Dict[str, Any], tree: Tree) -> Tuple[Tuple[Table, ...], Tuple[Table, ...]]:
    """(imported, exported) tables of the manifest."""
    tables = data.get("tables") or {}
    decls = _Decls()
    imported = tuple(_imported(t, ("tables", "import", j), t["name"], camel_case(t["name"]), decls, tree)
                     for j, t in enumerate(tables.get("import", ())))
    exported = tuple(
        Table(name=t["name"], path=t["name"], cpp_name=camel_case(t["name"]), key=t["key"], exported=True,
              description=t.get("description", ""), line=tree.value_pos(("tables", "export", j))[0],
              fields=tuple(TableField(name=f["name"], type=f["type"], index=k, readonly=bool(f.get("readonly", False)),
                                      description=f.get("description", ""))
                           for k, f in enumerate(t["fields"])))
        for j, t in enumerate(tables.get("export", ())))
    return imported, exported


def table_binding(f: Dict[str, Any], tables: Tuple[Table, ...]) -> TableBinding:
    b = f["table"]
    table = next(t for t in tables if t.name == b["name"])
    field = next(x for x in table.fields if x.name == b["field"])
    return TableBinding(table=table, field=field, key=b.get("key", "tid"))


def table_facts(data: Dict[str, Any]) -> Dict[str, bool]:
    """The features of apiversion that parsing and tables use."""
    tables = data.get("tables") or {}

    def has_subtable(fields: Any) -> bool:
        return any(f.get("type") == "table" for f in fields or ())

    return {
        "parsing": "parse" in data,
        "state_tables": bool(tables.get("import") or tables.get("export")),
        "subtables": any(has_subtable(t.get("fields")) for t in tables.get("import", ())),
    }
