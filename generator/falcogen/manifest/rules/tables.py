"""Parsing and state tables: what the schema cannot say.

- `parse` of a plugin without a source names the sources it parses;
- `tables` needs `parse` or `fields` (the host hands tables only to plugins that parse or extract);
- table names are unique across import and export, field names within a table, and both become C++
  names (accessors, entry structs) that must not collide with what the generated code declares;
- a subtable (`type: table`) has a key and fields and cannot be added; only subtables have them;
- a field bound with `table:` names a table field of a fitting type, with a key it can supply.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ..describe import quote
from ..diagnostics import KeyPath
from .. import names
from .base import Report, layouts_of

# Names the generated entry classes declare themselves (the runtime's TableEntry helpers).
RESERVED_FIELD_NAMES = frozenset("read_field write_field read_subtable entry table valid".split())

# Field types a `table:` binding can read each state type as.
BINDABLE = {
    "uint64": ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"),
    "string": ("string",),
    "bool": ("bool",),
}
INTEGER_KEYS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")


def check_parse(report: Report) -> None:
    d = report.data
    parse = d.get("parse")
    if not isinstance(parse, dict) or report.has_error_under(("parse",)):
        return
    if "source" not in d and "sources" not in parse:
        report.about_mapping(("parse",), "missing required key 'sources' (a plugin without a source must name "
                                         "the sources it parses, e.g. [syscall])")


def check_tables(report: Report) -> None:
    d = report.data
    tables = d.get("tables")
    if not isinstance(tables, dict) or report.has_error_above(("tables",)):
        return
    if "parse" not in d and "fields" not in d:
        report.about_mapping(("tables",), "tables need `parse` or `fields`: the host gives its tables only to "
                                          "plugins that parse events or extract fields")
    seen: Dict[str, KeyPath] = {}
    types: Dict[str, KeyPath] = {names.camel_case(l["name"]): ("layouts", i, "name")
                                 for i, l in layouts_of(d) if isinstance(l.get("name"), str)}
    for kind in ("import", "export"):
        for j, table in _tables_of(tables, kind):
            path = ("tables", kind, j)
            _check_table_name(report, path, table, seen, types)
            _check_table_fields(report, path, table, kind == "import")


def _tables_of(tables: Dict[str, Any], kind: str) -> List[Tuple[int, Dict[str, Any]]]:
    value = tables.get(kind)
    if not isinstance(value, list):
        return []
    return [(j, t) for j, t in enumerate(value) if isinstance(t, dict)]


def _check_table_name(report: Report, path: KeyPath, table: Dict[str, Any], seen: Dict[str, KeyPath],
                      types: Dict[str, KeyPath]) -> None:
    name = table.get("name")
    npath = path + ("name",)
    if not isinstance(name, str) or report.has_error_under(npath):
        return
    if name in seen:
        report.at_value(npath, "duplicate table name %s (first declared at line %d): a plugin imports or exports "
                               "a table once" % (quote(name), report.line_of(seen[name])))
        return
    seen[name] = npath
    problem = names.member_problem(name)
    if problem:
        report.at_value(npath, "table name %s becomes the C++ member tables().%s, which %s" % (quote(name), name,
                                                                                               problem))
        return
    for suffix in ("Table", "Entry"):
        type_name = names.camel_case(name) + suffix
        if type_name in types:
            report.at_value(npath, "table %s makes the C++ type %s, like layout %s (line %d); rename one of them"
                            % (quote(name), type_name, quote(report.data["layouts"][types[type_name][1]]["name"]),
                               report.line_of(types[type_name])))
            return


def _check_table_fields(report: Report, path: KeyPath, table: Dict[str, Any], imported: bool) -> None:
    fields = table.get("fields")
    if not isinstance(fields, list) or report.has_error_under(path + ("fields",)):
        return
    by_name: Dict[str, int] = {}
    for k, field in enumerate(fields):
        if not isinstance(field, dict):
            continue
        fpath = path + ("fields", k)
        _check_field_name(report, fpath, field, by_name)
        if imported:
            _check_subtable(report, fpath, field)


def _check_field_name(report: Report, fpath: KeyPath, field: Dict[str, Any], by_name: Dict[str, int]) -> None:
    name = field.get("name")
    npath = fpath + ("name",)
    if not isinstance(name, str) or report.has_error_under(npath):
        return
    if name in by_name:
        report.at_value(npath, "duplicate field %s in this table (first at line %d)"
                        % (quote(name), report.line_of(fpath[:-1] + (by_name[name], "name"))))
        return
    by_name[name] = fpath[-1]
    problem = names.member_problem(name)
    if problem is None and (name in RESERVED_FIELD_NAMES or name.startswith("set_")):
        problem = "is reserved: the generated entry class declares it (reserved: set_*, %s)" % ", ".join(
            sorted(RESERVED_FIELD_NAMES))
    if problem:
        report.at_value(npath, "field name %s %s" % (quote(name), problem))


def _check_subtable(report: Report, fpath: KeyPath, field: Dict[str, Any]) -> None:
    if report.has_error_under(fpath):
        return
    if field.get("type") != "table":
        for key in ("key", "fields"):
            if key in field:
                report.at_key(fpath + (key,), "`%s` belongs to subtables (type: table) only" % key)
        return
    if field.get("add") is True:
        report.at_value(fpath + ("add",), "a subtable cannot be added: the host's tables do not take new table "
                                          "fields; add fields to an existing subtable instead")
    if "key" not in field:
        report.about_mapping(fpath, "missing required key 'key' (the subtable's key type, e.g. int64 for the "
                                    "threads table's file_descriptors)")
    sub = field.get("fields")
    if isinstance(sub, list):
        _check_table_fields(report, fpath, field, True)


# -- fields bound with `table:` ---------------------------------------------------------------------

def check_table_binding(report: Report, i: int, f: Dict[str, Any]) -> None:
    path = ("fields", i, "table")
    binding = f.get("table")
    if not isinstance(binding, dict) or report.has_error_under(path):
        return
    table = _declared_table(report.data, binding.get("name"))
    if table is None:
        known = ", ".join(n for n in _declared_names(report.data)) or "the manifest declares no tables"
        report.at_value(path + ("name",), "no table %s in tables.import or tables.export (%s)"
                        % (quote(binding.get("name")), known))
        return
    fields = table.get("fields")  # the schema reports a table whose fields are not a list
    field = next((x for x in (fields if isinstance(fields, list) else ())
                  if isinstance(x, dict) and x.get("name") == binding.get("field")), None)
    if field is None or field.get("type") == "table":
        what = "is a subtable" if field is not None else "is not a field of it"
        report.at_value(path + ("field",), "%s %s of table %s: a `table:` field reads a value field"
                        % (quote(binding["field"]), what, quote(table["name"])))
        return
    _check_bound_type(report, i, f, field)
    _check_bound_key(report, i, f, table)


def _declared_table(data: Dict[str, Any], name: Any) -> Optional[Dict[str, Any]]:
    tables = data.get("tables")
    if not isinstance(tables, dict):
        return None
    for kind in ("import", "export"):
        for _, t in _tables_of(tables, kind):
            if t.get("name") == name:
                return t
    return None


def _declared_names(data: Dict[str, Any]) -> List[str]:
    tables = data.get("tables")
    if not isinstance(tables, dict):
        return []
    return [t["name"] for kind in ("import", "export") for _, t in _tables_of(tables, kind)
            if isinstance(t.get("name"), str)]


def _check_bound_type(report: Report, i: int, f: Dict[str, Any], field: Dict[str, Any]) -> None:
    ftype = f.get("type")
    if ftype not in BINDABLE or report.has_error_under(("fields", i, "type")):
        if isinstance(ftype, str) and not report.has_error_under(("fields", i, "type")):
            report.at_value(("fields", i, "type"), "a `table:` field is uint64, string or bool, not %s" % ftype)
        return
    if field.get("type") not in BINDABLE[ftype]:
        report.at_value(("fields", i, "table", "field"), "table field %s is %s: a %s field cannot read it (use %s)"
                        % (quote(field.get("name")), field.get("type"), ftype,
                           next((k for k, v in BINDABLE.items() if field.get("type") in v), "a computed field")))
    if f.get("list") is True:
        report.at_value(("fields", i, "list"), "a `table:` field reads one value: remove `list: true`")


def _check_bound_key(report: Report, i: int, f: Dict[str, Any], table: Dict[str, Any]) -> None:
    key = f["table"].get("key", "tid")
    ktype = table.get("key")
    arg = f.get("arg") if isinstance(f.get("arg"), dict) else {}
    kpath = ("fields", i, "table", "key")
    if key == "tid":
        if ktype != "int64":
            report.at_value(kpath if "key" in f["table"] else ("fields", i, "table"),
                            "the event's thread id is an int64 key, but table %s has %s keys: use `key: arg`"
                            % (quote(table.get("name")), ktype))
        elif "arg" in f:
            report.at_key(("fields", i, "arg"), "a field keyed by the event's thread id takes no argument: "
                                                "remove `arg`, or set `key: arg`")
        return
    wants = "index" if ktype in INTEGER_KEYS else "key" if ktype == "string" else None
    if wants is None:
        report.at_value(kpath, "table %s has %s keys, which no field argument gives" % (quote(table.get("name")),
                                                                                     ktype))
    elif arg.get(wants) is not True or arg.get("required") is not True:
        report.at_value(kpath, "`key: arg` on a table with %s keys needs `arg: {%s: true, required: true}`"
                        % (ktype, wants))
