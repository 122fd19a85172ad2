"""Rules beyond the JSON Schema: names that become C++, uniqueness, defaults, YAML 1.1 traps.

Every rule reads the document as it is (the schema may have found problems
already), so each one checks the types it relies on and skips what is not
there. All rules run; all their problems are reported together.
"""
from __future__ import annotations

import math
import re
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from . import names
from .describe import kind_of, quote, shown
from .diagnostics import Diagnostic, KeyPath, format_key_path
from .schema import Translator, validate_with, validator_for
from .yamlio import Tree

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# Pattern-checked values: Python's `$` also matches before a final newline, so
# the schema's re.search lets "hello\n" (a block scalar) through; these are
# checked again with fullmatch.
_ANCHORED = {
    "name": r"[a-z]+[a-z0-9-_]*",
    "namespace": r"[A-Za-z_][A-Za-z0-9_]*",
    "source.name": r"[a-z]+[a-z0-9_]*",
    "layout": r"[a-z][a-z0-9_]*",
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Rules:
    def __init__(self, filename: str, data: Dict[str, Any], tree: Tree, schema_errors: Iterable[Diagnostic]):
        self.filename = filename
        self.data = data
        self.tree = tree
        self.translator = Translator(filename, data, tree)
        self.diagnostics: List[Diagnostic] = []
        # Key paths (formatted) that already have an error: rules skip what lies under them.
        self.errored: Set[str] = {d.key_path for d in schema_errors}

    # -- reporting ---------------------------------------------------------------------------------

    def _add(self, diag: Diagnostic) -> None:
        self.diagnostics.append(diag)
        self.errored.add(diag.key_path)

    def at_value(self, path: KeyPath, message: str) -> None:
        self._add(self.translator.at_value(path, message))

    def at_key(self, path: KeyPath, message: str) -> None:
        self._add(self.translator.at_key(path, message))

    def has_error_under(self, path: KeyPath, except_keys: Tuple[str, ...] = ()) -> bool:
        prefix = format_key_path(path)
        skip = {format_key_path(tuple(path) + (k,)) for k in except_keys}
        for key_path in self.errored:
            if any(key_path == s or key_path.startswith(s + ".") or key_path.startswith(s + "[") for s in skip):
                continue
            if key_path == prefix or key_path.startswith(prefix + ".") or key_path.startswith(prefix + "["):
                return True
        return False

    def has_error_above(self, path: KeyPath) -> bool:
        """An error at `path` or at one of its ancestors (an unknown key, a wrong type...)."""
        return any(format_key_path(tuple(path)[:i]) in self.errored for i in range(1, len(path) + 1))

    def line_of(self, path: KeyPath) -> int:
        return self.tree.value_pos(path)[0]

    # -- entry point -------------------------------------------------------------------------------

    def run(self) -> List[Diagnostic]:
        self.check_anchored_patterns()
        self.check_namespace()
        self.check_source()
        self.check_layouts()
        self.check_config()
        self.check_numbers()
        self.check_ambiguities()
        return self.diagnostics

    # -- names -------------------------------------------------------------------------------------

    def _anchored(self, path: KeyPath, value: Any, body: str, subject_pattern: str) -> None:
        from .schema import pattern_message

        if isinstance(value, str) and re.search("^" + body + "$", value) and not re.fullmatch(body, value):
            self.at_value(path, pattern_message(path, value, subject_pattern))

    def check_anchored_patterns(self) -> None:
        d = self.data
        self._anchored(("name",), d.get("name"), _ANCHORED["name"], "^[a-z]+[a-z0-9-_]*$")
        self._anchored(("namespace",), d.get("namespace"), _ANCHORED["namespace"], "^[A-Za-z_][A-Za-z0-9_]*$")
        version = d.get("version")
        if isinstance(version, str) and "\n" in version and not self.has_error_under(("version",)):
            self.at_value(("version",), "invalid version %s: expected a semantic version X.Y.Z (e.g. 0.1.0, "
                                        "1.2.3-rc.1)" % quote(version))
        source = d.get("source")
        if isinstance(source, dict):
            self._anchored(("source", "name"), source.get("name"), _ANCHORED["source.name"], "^[a-z]+[a-z0-9_]*$")
        for i, layout in self._layouts():
            self._anchored(("layouts", i, "name"), layout.get("name"), _ANCHORED["layout"], "^[a-z][a-z0-9_]*$")
            for j, member in self._members(i, layout):
                self._anchored(("layouts", i, "members", j, "name"), member.get("name"), _ANCHORED["layout"],
                               "^[a-z][a-z0-9_]*$")

    def check_namespace(self) -> None:
        d = self.data
        if "namespace" in d:
            ns = d["namespace"]
            if not isinstance(ns, str) or self.has_error_under(("namespace",)):
                return
            problem = self._namespace_problem(ns)
            if problem:
                self.at_value(("namespace",), "%s %s" % (quote(ns), problem))
            return
        name = d.get("name")
        if not isinstance(name, str) or self.has_error_under(("name",)):
            return
        ns = name.replace("-", "_")
        problem = self._namespace_problem(ns)
        if problem:
            self.at_value(("name",), "the default C++ namespace %s %s; set 'namespace' to another name"
                          % (quote(ns), problem))

    @staticmethod
    def _namespace_problem(ns: str) -> Optional[str]:
        if ns in names.RESERVED_NAMESPACES:
            return "is reserved (the generated code uses the namespaces falcogen and std)"
        return names.identifier_problem(ns)

    # -- source ------------------------------------------------------------------------------------

    def check_source(self) -> None:
        source = self.data.get("source")
        if not isinstance(source, dict):
            return
        params = source.get("open_params")
        if not isinstance(params, list):
            return
        for i, param in enumerate(params):
            if not isinstance(param, dict):
                continue
            value, sep = param.get("value"), param.get("separator")
            path = ("source", "open_params", i)
            if isinstance(value, list) and isinstance(sep, str) and sep:
                for j, item in enumerate(value):
                    if isinstance(item, str) and sep in item:
                        self.at_value(path + ("value", j), "%s contains the separator %s" % (quote(item), quote(sep)))

    # -- layouts -----------------------------------------------------------------------------------

    def _layouts(self):
        layouts = self.data.get("layouts")
        if not isinstance(layouts, list):
            return []
        return [(i, l) for i, l in enumerate(layouts) if isinstance(l, dict)]

    @staticmethod
    def _members(i: int, layout: Dict[str, Any]):
        members = layout.get("members")
        if not isinstance(members, list):
            return []
        return [(j, m) for j, m in enumerate(members) if isinstance(m, dict)]

    def check_layouts(self) -> None:
        layouts = self.data.get("layouts")
        if not isinstance(layouts, list):
            return
        by_name: Dict[str, int] = {}
        by_camel: Dict[str, int] = {}
        by_tag: Dict[int, int] = {}
        for i, layout in self._layouts():
            name = layout.get("name")
            name_path = ("layouts", i, "name")
            if isinstance(name, str) and not self.has_error_under(name_path):
                self._check_layout_name(i, name, by_name, by_camel)
            tag = layout.get("tag", i + 1)
            tag_path = ("layouts", i, "tag")
            if _is_int(tag) and 1 <= tag <= 65535 and not self.has_error_under(tag_path):
                if tag in by_tag:
                    first = by_tag[tag]
                    other = layouts[first].get("name")
                    other = quote(other) if isinstance(other, str) else "layouts[%d]" % first
                    line = self.line_of(("layouts", first))
                    how = "" if "tag" in layouts[first] else " (its default tag: position + 1)"
                    where = "layout %s at line %d%s" % (other, line, how)
                    if "tag" in layout:
                        self.at_value(tag_path, "duplicate tag %d: %s already has it" % (tag, where))
                    else:
                        self.at_value(("layouts", i), "its default tag %d (position + 1) is already the tag of %s; "
                                                      "give this layout an explicit tag" % (tag, where))
                else:
                    by_tag[tag] = i
            self._check_members(i, layout)

    def _check_layout_name(self, i: int, name: str, by_name: Dict[str, int], by_camel: Dict[str, int]) -> None:
        path = ("layouts", i, "name")
        if name in by_name:
            self.at_value(path, "duplicate layout name %s (first defined at line %d)"
                          % (quote(name), self.line_of(("layouts", by_name[name], "name"))))
            return
        by_name[name] = i
        problem = names.identifier_problem(name)
        if problem:
            self.at_value(path, "layout name %s %s" % (quote(name), problem))
            return
        camel = names.camel_case(name)
        if camel in names.RESERVED_TYPE_NAMES:
            self.at_value(path, "layout name %s becomes the C++ struct '%s', which the generated code declares "
                                "itself (reserved: %s)" % (quote(name), camel, ", ".join(sorted(names.RESERVED_TYPE_NAMES))))
            return
        if camel in by_camel:
            first = by_camel[camel]
            other = self.data["layouts"][first]["name"]
            self.at_value(path, "layout name %s becomes the C++ struct '%s', like layout %s (line %d)"
                          % (quote(name), camel, quote(other), self.line_of(("layouts", first, "name"))))
            return
        by_camel[camel] = i

    def _check_members(self, i: int, layout: Dict[str, Any]) -> None:
        seen: Dict[str, int] = {}
        for j, member in self._members(i, layout):
            name = member.get("name")
            path = ("layouts", i, "members", j, "name")
            if not isinstance(name, str) or self.has_error_under(path):
                continue
            if name in seen:
                self.at_value(path, "duplicate member name %s (first defined at line %d)"
                              % (quote(name), self.line_of(("layouts", i, "members", seen[name], "name"))))
                continue
            seen[name] = j
            problem = names.layout_member_problem(name)
            if problem:
                self.at_value(path, "member name %s %s" % (quote(name), problem))

    # -- config ------------------------------------------------------------------------------------

    def check_config(self) -> None:
        config = self.data.get("config")
        if not isinstance(config, dict):
            return
        props = config.get("properties")
        if not isinstance(props, dict):
            return
        structs: Dict[str, KeyPath] = {}
        self._check_properties(("config", "properties"), props, "Config", structs)
        # A member named like a generated struct would hide the type.
        self._check_member_vs_structs(("config", "properties"), props, set(structs) | {"Config"})

    def _check_member_vs_structs(self, path: KeyPath, props: Dict[str, Any], structs: Set[str]) -> None:
        for key, prop in props.items():
            ppath = path + (key,)
            if key in structs and not self.has_error_under(ppath):
                self.at_key(ppath, "property name %s is also the name of a generated config struct" % quote(key))
            if isinstance(prop, dict):
                if isinstance(prop.get("properties"), dict):
                    self._check_member_vs_structs(ppath + ("properties",), prop["properties"], structs)
                item = prop.get("items")
                while isinstance(item, dict):
                    if isinstance(item.get("properties"), dict):
                        self._check_member_vs_structs(ppath + ("items", "properties"), item["properties"], structs)
                    item = item.get("items")
                    ppath = ppath + ("items",)

    def _check_properties(self, path: KeyPath, props: Dict[str, Any], struct: str,
                          structs: Dict[str, KeyPath]) -> None:
        for key, prop in props.items():
            ppath = path + (key,)
            if names.is_identifier(key):  # else: the schema's propertyNames error
                problem = names.member_problem(key)
                if problem:
                    self.at_key(ppath, "property name %s %s" % (quote(key), problem))
            if isinstance(prop, dict):
                self._check_property(ppath, prop, struct + "_" + names.camel_case(key), structs, is_item=False)

    def _check_property(self, path: KeyPath, prop: Dict[str, Any], struct: str,
                        structs: Dict[str, KeyPath], is_item: bool) -> None:
        ptype = prop.get("type")
        if ptype == "object":
            if struct in structs:
                self.at_key(path, "the generated struct name '%s' is also the struct of %s"
                            % (struct, format_key_path(structs[struct])))
            else:
                structs[struct] = path
            if isinstance(prop.get("properties"), dict):
                self._check_properties(path + ("properties",), prop["properties"], struct, structs)
        if ptype == "array" and isinstance(prop.get("items"), dict):
            self._check_property(path + ("items",), prop["items"], struct + "_Item", structs, is_item=True)

        if "required" in prop and prop.get("required") is True and "default" in prop:
            self.at_value(path + ("required",), "a required property cannot have a default (the default would "
                                                "never be used); remove one of them")
        self._check_bounds(path, prop, ptype)
        pattern_ok = self._check_regex(path, prop)
        if ptype in ("string", "integer", "number", "boolean", "array", "object") and pattern_ok:
            self._check_values(path, prop)

    def _check_bounds(self, path: KeyPath, prop: Dict[str, Any], ptype: Any) -> None:
        for lo_key, hi_key in (("minimum", "maximum"), ("minLength", "maxLength")):
            lo, hi = prop.get(lo_key), prop.get(hi_key)
            if _is_number(lo) and _is_number(hi) and lo > hi and not self.has_error_under(path + (lo_key,)):
                self.at_value(path + (lo_key,), "%s (%s) is greater than %s (%s)"
                              % (lo_key, shown(lo, self.tree.raw(path + (lo_key,))), hi_key,
                                 shown(hi, self.tree.raw(path + (hi_key,)))))
        if ptype == "integer":
            for key in ("minimum", "maximum"):
                value = prop.get(key)
                kpath = path + (key,)
                if isinstance(value, float) and not self.has_error_under(kpath):
                    self.at_value(kpath, "expected an integer (the property is an integer), got %s"
                                  % kind_of(value, self.tree.raw(kpath)))
                elif _is_int(value) and not INT64_MIN <= value <= INT64_MAX:
                    self.at_value(kpath, "%d is out of the range of an integer property (int64)" % value)

    def _check_regex(self, path: KeyPath, prop: Dict[str, Any]) -> bool:
        pattern = prop.get("pattern")
        if not isinstance(pattern, str):
            return True
        try:
            re.compile(pattern)
        except re.error as exc:
            self.at_value(path + ("pattern",), "invalid regular expression: %s" % exc)
            return False
        except (RecursionError, OverflowError, ValueError) as exc:  # pragma: no cover - pathological
            self.at_value(path + ("pattern",), "invalid regular expression: %s" % exc)
            return False
        return True

    def _check_values(self, path: KeyPath, prop: Dict[str, Any]) -> None:
        """`default` and `enum` values must satisfy the property's own schema."""
        if self.has_error_under(path, except_keys=("default", "enum")):
            return
        schema = property_schema(prop)
        if schema is None:
            return
        if "enum" in prop and isinstance(prop["enum"], list) and not self.has_error_under(path + ("enum",)):
            without_enum = dict(schema)
            without_enum.pop("enum", None)
            validator = validator_for(without_enum)
            for i, value in enumerate(prop["enum"]):
                found = validate_with(validator, value, self.translator, path + ("enum", i))
                for diag in found:
                    self._add(diag)
                if not found:
                    self._check_int64(path + ("enum", i), value, prop.get("type"))
        if "default" in prop and not self.has_error_under(path + ("default",)):
            if self.has_error_under(path + ("enum",)):
                schema = dict(schema)
                schema.pop("enum", None)
            found = validate_with(validator_for(schema), prop["default"], self.translator, path + ("default",))
            for diag in found:
                self._add(diag)
            if not found:
                self._check_int64(path + ("default",), prop["default"], prop.get("type"))

    def _check_int64(self, path: KeyPath, value: Any, ptype: Any) -> None:
        if ptype == "integer" and _is_int(value) and not INT64_MIN <= value <= INT64_MAX:
            self.at_value(path, "%d is out of the range of an integer property (int64)" % value)

    # -- scalars -----------------------------------------------------------------------------------

    def check_numbers(self) -> None:
        """JSON (and so the init schema) has no infinity or NaN."""

        def walk(value: Any, path: KeyPath) -> None:
            if isinstance(value, float) and not math.isfinite(value):
                if not self.has_error_under(path) and not self.has_error_above(path):
                    node = self.tree.raw(path)
                    self.at_value(path, "%s is not a valid number here (JSON has no infinity or NaN)"
                                  % (node.value if node is not None else repr(value)))
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(v, path + (k,))
            elif isinstance(value, list):
                for i, v in enumerate(value):
                    walk(v, path + (i,))

        for key, value in self.data.items():
            if key != "fields":
                walk(value, (key,))

    def check_ambiguities(self) -> None:
        """Plain scalars that YAML 1.1 (PyYAML) and YAML 1.2 (editors, most tools) read differently."""
        for amb in self.tree.ambiguities:
            if amb.path and amb.path[0] == "fields":
                continue
            if self.has_error_under(amb.path) or self.has_error_above(amb.path):
                continue
            if amb.kind == "bool":
                self.at_value(amb.path, "%s is a YAML 1.1 boolean (%s); write %s, or quote it for a string"
                              % (amb.text, "true" if amb.value else "false", "true" if amb.value else "false"))
            else:
                self.at_value(amb.path, "%s is a YAML 1.1 number (%d) that other YAML readers see differently; "
                                        "write %d, or quote it for a string" % (amb.text, amb.value, amb.value))


def property_schema(prop: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """The draft-07 schema of a config property's values (as the init schema states them)."""
    ptype = prop.get("type")
    if not isinstance(ptype, str):
        return None
    schema: Dict[str, Any] = {"type": ptype}
    for key in ("enum", "pattern", "minLength", "maxLength", "minimum", "maximum"):
        if key in prop:
            schema[key] = prop[key]
    if ptype == "array":
        items = prop.get("items")
        if isinstance(items, dict):
            item_schema = property_schema(items)
            if item_schema is None:
                return None
            schema["items"] = item_schema
    if ptype == "object":
        props = prop.get("properties")
        if isinstance(props, dict):
            schema["properties"] = {}
            for key, sub in props.items():
                if not isinstance(sub, dict):
                    return None
                sub_schema = property_schema(sub)
                if sub_schema is None:
                    return None
                schema["properties"][key] = sub_schema
            schema["required"] = [k for k, sub in props.items() if sub.get("required") is True]
            schema["additionalProperties"] = False
    return schema


def check(filename: str, data: Dict[str, Any], tree: Tree, schema_errors: Iterable[Diagnostic]) -> List[Diagnostic]:
    return Rules(filename, data, tree, schema_errors).run()
