"""Rules beyond the JSON Schema: names that become C++, uniqueness, defaults, YAML 1.1 traps.

Every rule reads the document as it is (the schema may have found problems
already), so each one checks the types it relies on and skips what is not
there. All rules run; all their problems are reported together.
"""
from __future__ import annotations

import difflib
import math
import re
from typing import Any, Dict, Iterable, List, Optional, Set, Tuple

from ..model import FIELD_MEMBER_TYPES, MEMBER_TYPES
from . import names, patterns
from .describe import kind_of, quote, shown
from .diagnostics import Diagnostic, KeyPath, format_key_path
from .schema import Translator, pattern_message, validate_with, validator_for
from .yamlio import Tree

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

# Field classes of libsinsp (evt.type, proc.name, fd.name, ...): a plugin's field
# prefix must not be one of them (plugin-api.md 3.1, naming best practice).
LIBSINSP_FIELD_CLASSES = frozenset(
    "evt evtin proc procinfo thread fd fdlist fs user group container k8s syslog span mesos plugin".split()
)

BINDINGS = ("from", "json", "computed")


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

    def about_mapping(self, path: KeyPath, message: str) -> None:
        """A problem of a mapping as a whole (a key it lacks, ...), reported at its key: unlike
        at_key, it does not silence the checks of the values inside the mapping."""
        self.diagnostics.append(self.translator.at_key(path, message))

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
        self.check_fields()
        self.check_extract()
        self.check_numbers()
        self.check_ambiguities()
        return self.diagnostics

    # -- names -------------------------------------------------------------------------------------

    def _anchored(self, path: KeyPath, value: Any, location: patterns.Location) -> None:
        """The schema's pattern checks (re.search) let a final newline through ('hello\n', a block
        scalar): a value that passes them must match its pattern from first to last character too."""
        pattern = patterns.pattern(location)
        if isinstance(value, str) and re.search(pattern, value) and not patterns.fullmatch(location, value):
            self.at_value(path, pattern_message(path, value, pattern))

    def check_anchored_patterns(self) -> None:
        d = self.data
        self._anchored(("name",), d.get("name"), patterns.PLUGIN_NAME)
        self._anchored(("namespace",), d.get("namespace"), patterns.NAMESPACE)
        version = d.get("version")
        if isinstance(version, str) and "\n" in version and not self.has_error_under(("version",)):
            self.at_value(("version",), "invalid version %s: expected a semantic version X.Y.Z (e.g. 0.1.0, "
                                        "1.2.3-rc.1)" % quote(version))
        source = d.get("source")
        if isinstance(source, dict):
            self._anchored(("source", "name"), source.get("name"), patterns.SOURCE_NAME)
        for i, layout in self._layouts():
            self._anchored(("layouts", i, "name"), layout.get("name"), patterns.LAYOUT_NAME)
            if layout.get("encoding") == "json":
                continue  # members are not allowed (the schema says so)
            for j, member in self._members(i, layout):
                self._anchored(("layouts", i, "members", j, "name"), member.get("name"), patterns.MEMBER_NAME)

        for i, f in self._fields():
            self._anchored(("fields", i, "name"), f.get("name"), patterns.FIELD_NAME)
            self._anchored(("fields", i, "json"), f.get("json"), patterns.JSON_POINTER)
            for path, ref in self._member_refs(i, f):
                self._anchored(path, ref, patterns.MEMBER_REF if len(path) == 3 else patterns.MEMBER_REF_ITEM)
        extract = d.get("extract")
        sources = extract.get("sources") if isinstance(extract, dict) else None
        if isinstance(sources, list):
            for j, name in enumerate(sources):
                self._anchored(("extract", "sources", j), name, patterns.EXTRACT_SOURCE)

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
            if layout.get("encoding") == "json":
                if len(layouts) > 1 and not self.has_error_under(("layouts", i, "encoding")):
                    self.at_value(("layouts", i, "encoding"),
                                  "a json layout must be the only layout of the manifest (its events carry no tag "
                                  "to tell layouts apart); this manifest has %d layouts" % len(layouts))
                continue  # no tag, no members
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

    # -- fields ------------------------------------------------------------------------------------

    def _fields(self):
        fields = self.data.get("fields")
        if not isinstance(fields, list):
            return []
        return [(i, f) for i, f in enumerate(fields) if isinstance(f, dict)]

    @staticmethod
    def _member_refs(i: int, f: Dict[str, Any]) -> List[Tuple[KeyPath, str]]:
        """The `from` entries of field i that are strings, with their paths."""
        value = f.get("from")
        if isinstance(value, str):
            return [(("fields", i, "from"), value)]
        if isinstance(value, list):
            return [(("fields", i, "from", j), v) for j, v in enumerate(value) if isinstance(v, str)]
        return []

    def check_fields(self) -> None:
        by_name: Dict[str, int] = {}
        by_cpp: Dict[str, int] = {}
        prefix: Optional[Tuple[str, int]] = None  # the first field's prefix and index
        for i, f in self._fields():
            name = f.get("name")
            path = ("fields", i, "name")
            if isinstance(name, str) and not self.has_error_under(path):
                prefix = self._check_field_name(i, name, by_name, by_cpp, prefix)
            self._check_field_arg(i, f)
            self._check_binding(i, f)

    def _check_field_name(self, i: int, name: str, by_name: Dict[str, int], by_cpp: Dict[str, int],
                          prefix: Optional[Tuple[str, int]]) -> Optional[Tuple[str, int]]:
        path = ("fields", i, "name")
        if name in by_name:
            self.at_value(path, "duplicate field name %s (first defined at line %d)"
                          % (quote(name), self.line_of(("fields", by_name[name], "name"))))
            return prefix
        by_name[name] = i
        first = name.split(".", 1)[0]
        if prefix is None:
            prefix = (first, i)
            if first in LIBSINSP_FIELD_CLASSES:
                self.at_value(path, "the prefix %s is a libsinsp field class (%s): field names must not reuse a "
                                    "libsinsp class; choose a prefix of your own, such as the plugin name"
                              % (quote(first), ", ".join(sorted(LIBSINSP_FIELD_CLASSES))))
                return prefix
        elif first != prefix[0]:
            self.at_value(path, "field %s does not start with %s, the prefix of the first field (line %d): all "
                                "fields of a plugin share one prefix"
                          % (quote(name), quote(prefix[0] + "."), self.line_of(("fields", prefix[1], "name"))))
            return prefix
        cpp_name = names.field_cpp_name(name)
        if "__" in cpp_name:
            self.at_value(path, "field name %s becomes the C++ name '%s', which C++ reserves (names containing "
                                "'__'); do not end a part with '_'" % (quote(name), cpp_name))
        elif cpp_name in by_cpp:
            other = by_cpp[cpp_name]
            self.at_value(path, "field name %s becomes the C++ method extract_%s, like field %s (line %d); "
                                "rename one of them"
                          % (quote(name), cpp_name, quote(self.data["fields"][other]["name"]),
                             self.line_of(("fields", other, "name"))))
        else:
            by_cpp[cpp_name] = i
        return prefix

    def _check_field_arg(self, i: int, f: Dict[str, Any]) -> None:
        arg = f.get("arg")
        path = ("fields", i, "arg")
        if not isinstance(arg, dict) or self.has_error_under(path) or self.has_error_above(path):
            return
        if arg.get("index") is True or arg.get("key") is True:
            return
        if arg.get("required") is True:
            self.at_value(path + ("required",), "`required: true` needs `index: true` or `key: true` (the host "
                                                "refuses to load a required argument that is neither)")
        else:
            name = f.get("name") if isinstance(f.get("name"), str) else "the field"
            self.at_key(path, "set `index: true` (%s[0]), `key: true` (%s[text]) or both: an argument that is "
                              "neither means nothing" % (name, name))

    def _check_binding(self, i: int, f: Dict[str, Any]) -> None:
        path = ("fields", i)
        computed = f.get("computed")
        if computed is False and not self.has_error_under(path + ("computed",)):
            self.at_value(path + ("computed",), "`computed: false` means nothing: bind the field with `from` or "
                                                "`json`, or write `computed: true`")
        used = [k for k in f if k in BINDINGS and not (k == "computed" and computed is False)]
        if not used:
            if computed is not False:
                self.about_mapping(path, "a field needs one of from, json, computed")
            return
        if len(used) > 1:
            quoted = ["`%s`" % k for k in used]
            both = "both" if len(used) == 2 else "all"
            self.at_key(path + (used[1],), "%s and %s are %s set: a field has exactly one binding (from, json "
                                           "or computed); keep one" % (", ".join(quoted[:-1]), quoted[-1], both))
            return
        if used[0] == "from":
            self._check_member_binding(i, f)
        elif used[0] == "json":
            self._check_json_binding(i, f)

    def _check_member_binding(self, i: int, f: Dict[str, Any]) -> None:
        path = ("fields", i)
        if f.get("list") is True and not self.has_error_under(path + ("list",)):
            self.at_value(path + ("list",), "a field bound with `from` holds its member's one value: remove "
                                            "`list: true`, or make the field computed")
        if "arg" in f and not self.has_error_under(path + ("arg",)):
            self.at_key(path + ("arg",), "a field bound with `from` takes no argument (a member holds one value): "
                                         "remove `arg`, or make the field computed")
        layouts: Dict[str, Tuple[int, Dict[str, Any]]] = {}
        for li, layout in self._layouts():
            lname = layout.get("name")
            if isinstance(lname, str) and lname not in layouts:
                layouts[lname] = (li, layout)
        ftype = f.get("type")
        if self.has_error_under(path + ("type",)) or ftype not in FIELD_MEMBER_TYPES:
            ftype = None
        seen: Dict[str, str] = {}  # layout name -> the first reference to it
        for rpath, ref in self._member_refs(i, f):
            if self.has_error_under(rpath):
                continue
            lname, mname = ref.split(".", 1)
            if lname in seen:
                if seen[lname] != ref:  # (an exact repeat is the schema's duplicate)
                    self.at_value(rpath, "%s: the field already reads layout %s (%s); bind at most one member "
                                         "per layout" % (quote(ref), quote(lname), seen[lname]))
                continue
            seen[lname] = ref
            if lname not in layouts:
                self.at_value(rpath, "no layout %s%s" % (quote(lname), _suggest(lname, list(layouts), "layouts")))
                continue
            li, layout = layouts[lname]
            if layout.get("encoding") == "json":
                self.at_value(rpath, "layout %s is a json layout (no members): read it with `json:` and a JSON "
                                     "pointer" % quote(lname))
                continue
            members = {m.get("name"): (j, m) for j, m in reversed(self._members(li, layout))}
            if mname not in members:
                known = [n for n in members if isinstance(n, str)]
                self.at_value(rpath, "layout %s has no member %s%s"
                              % (quote(lname), quote(mname), _suggest(mname, known, "members")))
                continue
            j, member = members[mname]
            mtype = member.get("type")
            if ftype is None or mtype not in MEMBER_TYPES or self.has_error_under(("layouts", li, "members", j)):
                continue
            allowed = FIELD_MEMBER_TYPES[ftype]
            if mtype in allowed:
                continue
            if allowed:
                self.at_value(rpath, "field type %s cannot be bound to member %s (%s) of layout %s; bind it to a "
                                     "member of type %s" % (ftype, quote(mname), mtype, quote(lname), ", ".join(allowed)))
            else:
                self.at_value(rpath, "field type %s cannot be bound to a member (no member type holds a network); "
                                     "use `json` or `computed`" % ftype)

    def _check_json_binding(self, i: int, f: Dict[str, Any]) -> None:
        path = ("fields", i, "json")
        if self.has_error_under(path):
            return
        if not any(layout.get("encoding") == "json" for _, layout in self._layouts()):
            self.at_value(path, "a json field needs a layout with encoding: json")

    # -- extract -----------------------------------------------------------------------------------

    def check_extract(self) -> None:
        d = self.data
        fields = d.get("fields")
        extract = d.get("extract")
        if "extract" in d and "fields" not in d:
            self.about_mapping(("extract",), "`extract` applies to fields: declare `fields`, or remove `extract`")
            return
        if not isinstance(fields, list) or not fields or self.has_error_above(("extract",)):
            return
        source = d.get("source")
        own = source.get("name") if isinstance(source, dict) else None
        if "source" not in d:
            if extract is None and "extract" not in d:
                self.about_mapping(("fields",), "a plugin without a source extracts from the events of other sources: "
                                         "name them in extract.sources (e.g. [syscall])")
                return
            if isinstance(extract, dict) and "sources" not in extract:
                self.about_mapping(("extract",), "missing required key 'sources' (a plugin without a source must name "
                                          "the sources it extracts from)")
                return
        if not isinstance(extract, dict):
            return
        sources = extract.get("sources")
        spath = ("extract", "sources")
        if not isinstance(sources, list) or self.has_error_under(spath):
            return
        if not sources:
            if "source" in d:
                self.at_value(spath, "an empty list: leave `sources` out to extract from the plugin's own source "
                                     "only")
            else:
                self.at_value(spath, "a plugin without a source must name the sources it extracts from "
                                     "(e.g. [syscall])")
            return
        reads_own = any(
            isinstance(f, dict) and ("from" in f or "json" in f) for f in fields
        )
        if isinstance(own, str) and own not in sources and reads_own and not self.has_error_under(("source", "name")):
            self.at_value(spath, "does not list the plugin's own source %s, but fields bound with `from` or `json` "
                                 "read only its events; add %s" % (quote(own), quote(own)))

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
            walk(value, (key,))

    def check_ambiguities(self) -> None:
        """Plain scalars that YAML 1.1 (PyYAML) and YAML 1.2 (editors, most tools) read differently."""
        for amb in self.tree.ambiguities:
            if self.has_error_under(amb.path) or self.has_error_above(amb.path):
                continue
            if amb.kind == "bool":
                self.at_value(amb.path, "%s is a YAML 1.1 boolean (%s); write %s, or quote it for a string"
                              % (amb.text, "true" if amb.value else "false", "true" if amb.value else "false"))
            else:
                self.at_value(amb.path, "%s is a YAML 1.1 number (%d) that other YAML readers see differently; "
                                        "write %d, or quote it for a string" % (amb.text, amb.value, amb.value))


def _suggest(name: str, known: List[str], what: str) -> str:
    """' (did you mean 'x'?)', ' (layouts: a, b)' or ' (the manifest has no layouts)'."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return " (did you mean %s?)" % quote(close[0])
    if not known:
        return " (the manifest has no %s)" % what
    return " (%s: %s)" % (what, ", ".join(known))


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
