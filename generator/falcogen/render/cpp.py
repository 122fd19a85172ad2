"""Spelling the model as C++ source text (the templates' filters).

What a value of each type does at run time is the runtime's business (one
overload set per operation); these filters only spell names, literals and
tables. Layout rules follow the root .clang-format, so the generated files are
a fixed point of it (tests/style checks that): comments are wrapped here,
lists that do not fit on one line get one item per line.
"""
from __future__ import annotations

import json
import textwrap
from typing import Any, Dict, Iterable

from ..model import CONFIG_SCALAR_TYPES, AuthorMethod, ConfigProperty, Field, Table, ViewParam

COLUMNS = 120  # the formatter's column limit
COMMENT_WIDTH = 110  # wrapped comment text, well inside COLUMNS


# ---- Literals ------------------------------------------------------------------------------

def cpp_string(text: str) -> str:
    """A C++ string literal with the same bytes as `text` (UTF-8)."""
    out = []
    for byte in text.encode("utf-8"):
        ch = chr(byte)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "?":
            out.append("\\?")  # no trigraphs, whatever the compiler flags
        elif 0x20 <= byte < 0x7F:
            out.append(ch)
        else:
            out.append("\\%03o" % byte)  # octal escapes never swallow the next digit
    return '"' + "".join(out) + '"'


def cpp_raw_string(text: str) -> str:
    """A raw string literal R"json(...)json" holding `text` as is (JSON documents, read as written)."""
    delimiter = "json"
    while ")%s\"" % delimiter in text:
        delimiter += "_"
    return 'R"%s(%s)%s"' % (delimiter, text, delimiter)


def cpp_bool(value: bool) -> str:
    return "true" if value else "false"


def cpp_value(value: Any, type_: str) -> str:
    """A scalar config default as a C++ expression of the config member's type."""
    if type_ == "string":
        return "std::string(" + cpp_string(value) + ")"
    if type_ == "integer":
        return "INT64_C(%d)" % int(value)
    if type_ == "number":
        return repr(float(value))
    if type_ == "boolean":
        return "true" if value else "false"
    raise ValueError("no C++ literal for a %s default" % type_)


def json_text(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces (stable across runs)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# ---- Layout of the text ----------------------------------------------------------------------

def comment_lines(text: str) -> list:
    return textwrap.wrap(" ".join(text.split()), COMMENT_WIDTH, break_long_words=False, break_on_hyphens=False)


def documented(code: str, doc: str, indent: int) -> str:
    """`code` on its own line, preceded by `doc` as // comment lines (none when empty)."""
    pad = " " * indent
    return "".join("%s// %s\n" % (pad, line) for line in comment_lines(doc)) + pad + code


def commented(code: str, comment: str, indent: int) -> str:
    """`code  // comment` when it fits on one line; else the comment goes above."""
    pad = " " * indent
    text = " ".join(comment.split())
    if not text:
        return pad + code
    line = "%s%s  // %s" % (pad, code, text)
    return line if len(line) <= COLUMNS else documented(code, comment, indent)


def doc_block(lines: Iterable[str], indent: int) -> str:
    pad = " " * indent
    return "\n".join(("%s// %s" % (pad, line)).rstrip() for line in lines)


def braced(prefix: str, items: Iterable[str], suffix: str = ";") -> str:
    """`prefix{a, b}suffix` on one line when it fits; else one item per line, with a trailing comma."""
    items = [str(item) for item in items]
    one_line = "%s{%s}%s" % (prefix, ", ".join(items), suffix)
    if len(one_line) <= COLUMNS or not items:
        return one_line
    indent = len(prefix) - len(prefix.lstrip(" "))
    inner = " " * (indent + 4)
    return "%s{\n%s\n%s}%s" % (prefix, "\n".join(inner + item + "," for item in items), " " * indent, suffix)


# ---- Config ----------------------------------------------------------------------------------

def config_type(prop: ConfigProperty) -> str:
    """The C++ type of a config property's member in the generated struct."""
    if prop.type == "object":
        return prop.struct_name
    if prop.type == "array":
        return "std::vector<%s>" % config_type(prop.items)
    base = CONFIG_SCALAR_TYPES[prop.type]
    # A scalar the user may leave out and that has no default: absent is a state.
    if not prop.required and prop.default is None and prop.name != "items":
        return "std::optional<%s>" % base
    return base


def config_initializer(prop: ConfigProperty) -> str:
    """` = value` for the struct member, or '' when the type's default is right."""
    if prop.type in ("object", "array") and prop.default is None:
        return ""
    if prop.default is None:
        # Optional scalars start empty; required ones are zeroed until parsed.
        return "" if config_type(prop).startswith("std::optional") else "{}"
    if prop.type == "array":
        if not prop.default:
            return ""
        if prop.items.type in ("object", "array"):
            return ""  # applied by the parser from the default's JSON
        return "{" + ", ".join(cpp_value(v, prop.items.type) for v in prop.default) + "}"
    return " = " + cpp_value(prop.default, prop.type)


def config_member(prop: ConfigProperty) -> str:
    return "%s %s%s;" % (config_type(prop), prop.cpp_name, config_initializer(prop))


def open_form(source) -> str:
    """The OpenForm initializer of a source's typed open form: how the runtime reads the params text."""
    form = source.open_form
    kind = {"string": "text", "array": "list"}.get(form.type, "json")
    items_text = form.type == "array" and form.items is not None and form.items.type == "string"
    separator = cpp_string(source.open_separator) if form.type == "array" else "nullptr"
    return "{runtime::config::OpenForm::%s, %s, %s}" % (kind, separator, cpp_bool(items_text))


def _number(value: float) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _constant_name(owner: str, prop: ConfigProperty, kind: str) -> str:
    parts = owner.split("_") + prop.name.split("_") + [kind]
    return "k" + "".join(p[:1].upper() + p[1:] for p in parts if p)


def _text_rules(owner: str, prop: ConfigProperty) -> list:
    """(method, constant name, literal) of the rules whose argument is text: patterns, allowed values, defaults."""
    out = []
    if prop.pattern is not None:
        out.append(("pattern", _constant_name(owner, prop, "Pattern"), cpp_string(prop.pattern)))
    if prop.enum:
        out.append(("one_of", _constant_name(owner, prop, "OneOf"), cpp_raw_string(_json_list(prop.enum))))
    if prop.type == "array" and prop.default and prop.items.type in ("object", "array"):
        out.append(("fallback", _constant_name(owner, prop, "Default"), cpp_raw_string(json_text(prop.default))))
    return out


def _json_list(values) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _scalar_items(prop: ConfigProperty) -> bool:
    return prop.type == "array" and prop.items is not None and prop.items.type not in ("object", "array")


def _rules(owner: str, prop: ConfigProperty) -> str:
    """The chained Rules() of a property's constraints, '' when it has none."""
    parts = []
    if prop.minimum is not None:
        parts.append(".minimum(%s)" % _number(prop.minimum))
    if prop.maximum is not None:
        parts.append(".maximum(%s)" % _number(prop.maximum))
    if prop.min_length is not None:
        parts.append(".min_length(%d)" % prop.min_length)
    if prop.max_length is not None:
        parts.append(".max_length(%d)" % prop.max_length)
    parts += [".%s(%s)" % (method, name) for method, name, _ in _text_rules(owner, prop)]
    if prop.required:
        parts.append(".required()")
    if _scalar_items(prop):
        items = _rules(owner + "_" + prop.name, prop.items)
        if items:
            parts.append(".items(%s)" % items)
    return "Rules()" + "".join(parts) if parts else ""


def config_constants(struct) -> list:
    """`constexpr const char* kName = literal;` of a struct's text rules (long literals on a line of their own)."""
    out = []
    props = [(struct.name, p) for p in struct.properties]
    props += [(struct.name + "_" + p.name, p.items) for p in struct.properties if _scalar_items(p)]
    for owner, prop in props:
        for _, name, literal in _text_rules(owner, prop):
            line = "constexpr const char* %s = %s;" % (name, literal)
            out.append(line if len(line) <= COLUMNS else "constexpr const char* %s =\n    %s;" % (name, literal))
    return out


def config_get(struct, prop: ConfigProperty) -> str:
    """The Object::get statement that reads a property; its Rules() on a line of their own when long."""
    head = "    object.get(%s, out.%s" % (cpp_string(prop.name), prop.cpp_name)
    rules = _rules(struct.name, prop)
    if not rules:
        return head + ");"
    line = "%s, %s);" % (head, rules)
    if len(line) <= COLUMNS:
        return line
    return "%s,\n%s%s);" % (head, " " * len("    object.get("), rules)


# ---- Fields ----------------------------------------------------------------------------------

def _field_flags(field: Field, ns: str = "runtime::") -> str:
    flags = []
    if field.is_list:
        flags.append("kList")
    if field.arg is not None:
        if field.arg.required:
            flags.append("kArgRequired")
        if field.arg.index:
            flags.append("kArgIndex")
        if field.arg.key:
            flags.append("kArgKey")
    if field.binding == "computed":
        flags.append("kComputed")
    return " | ".join(ns + f for f in flags) or "0"


def _extractor(field: Field, method_refs: Dict[str, str]) -> str:
    if field.binding == "member":
        # A string field over a member of another type renders it as text (TextBind).
        binds = ", ".join("runtime::%s<&%s::%s, %d>" % (
            "TextBind" if field.type == "string" and b.member.type != "string" else "Bind",
            b.layout.cpp_name, b.member.cpp_name, b.member.index) for b in field.members)
        return "&runtime::member_field<Event, %s>" % binds
    if field.binding == "param":
        binds = ", ".join("runtime::ParamBind<&kernel::%s::%s>" % (b.view.cpp_name, b.param.name) for b in field.params)
        return "&runtime::param_field<%s>" % binds
    if field.binding == "json":
        return "&runtime::json_field"
    if field.binding == "table":
        return _table_extractor(field)
    method = method_refs.get("extract_" + field.cpp_name, "&PluginBase::extract_" + field.cpp_name)
    if field.layout is not None:
        return "&runtime::layout_computed_field<Event, %s>" % method
    return "&runtime::computed_field<%s>" % method


def _table_extractor(field: Field) -> str:
    b = field.table
    key = "runtime::KeyFromTid" if b.key == "tid" else "runtime::KeyFromArg"
    if b.table.exported:
        return "&runtime::owned_table_field<Tables, &Tables::%s, %s, &%sEntry::%s>" % (
            b.table.name, key, b.table.cpp_name, b.field.name)
    return "&runtime::imported_table_field<Tables, &Tables::%s, %s, %s, %d>" % (
        b.table.name, key, b.field.cpp.read, b.field.index)


def field_spec(field: Field, method_refs: Dict[str, str]) -> str:
    """The field's FieldSpec entry (type, extractor, flags, JSON pointer), as a line of the table."""
    items = [field.ftype, _extractor(field, method_refs)]
    flags = _field_flags(field)
    if field.binding == "json":
        items += [flags, cpp_string(field.json_pointer)]
    elif flags != "0":
        items.append(flags)
    return braced("    ", items, ",")


def direct_call(method: AuthorMethod) -> str:
    """DirectFields<P>'s function that calls a computed field's method of P by name (not virtual when P is final)."""
    params = ", ".join(["falcogen::detail::PluginRoot& plugin"] + ["%s %s" % (p.type, p.name) for p in method.params])
    # The call as a generic lambda, so that call_by_name can tell whether P's method is reachable by name (not
    # private, not hidden) and otherwise call PluginBase's, through the vtable.
    call = ("return falcogen::detail::call_by_name<P, PluginBase>(plugin, [](auto& p, auto&... a) -> decltype(p.%s(a...)) "
            "{ return p.%s(a...); }, %s);" % (method.name, method.name, ", ".join(p.name for p in method.params)))
    # One line each, however long (the template turns the formatter off around them), like the declarations.
    return "    static %s %s(%s) { %s }" % (method.returns, method.name, params, call)


def direct_spec(field: Field) -> str:
    """DirectFields<P>'s FieldSpec entry: a computed field with P's method, any other with no extractor."""
    if field.binding != "computed":
        return braced("        ", [field.ftype, "nullptr"], ",")
    method = "&extract_" + field.cpp_name
    if field.layout is not None:
        extractor = "&falcogen::detail::layout_computed_field<Event, %s>" % method
    else:
        extractor = "&falcogen::detail::computed_field<%s>" % method
    return braced("        ", [field.ftype, extractor, _field_flags(field, "Flag::")], ",")


# ---- Kernel events -------------------------------------------------------------------------

def view_accessor(param: ViewParam) -> str:
    """A typed view's accessor of one parameter, as a one-line inline function (wrapped when long)."""
    signature = "std::optional<%s> %s() const" % (param.cpp_type, param.name)
    return inline_function(signature, "return param<%s>(%d);" % (param.cpp_type, param.index), 4)


# ---- Tables ----------------------------------------------------------------------------------

def table_decl(table: Table) -> str:
    """The TableDecl of an imported table or subtable: names, key type, its field list."""
    fields = ("k%sFields" % table.cpp_name, str(len(table.fields))) if table.fields else ("nullptr", "0")
    items = [cpp_string(table.name), cpp_string(table.path), table.key_cpp.state, fields[0], fields[1],
             cpp_bool("." not in table.path)]
    return "{%s}" % ", ".join(items)


def inline_function(signature: str, body: str, indent: int) -> str:
    """An inline member function on one line when it fits (as the formatter joins it), else one
    statement per line. `body`: the statements, one per line."""
    pad = " " * indent
    statements = [line for line in body.split("\n") if line.strip()]
    one_line = "%s%s { %s }" % (pad, signature, " ".join(statements))
    if len(one_line) <= COLUMNS:
        return one_line
    inner = "".join("%s    %s\n" % (pad, line) for line in statements)
    return "%s%s {\n%s%s}" % (pad, signature, inner, pad)


# ---- Author methods --------------------------------------------------------------------------

def method_tail(method: AuthorMethod) -> str:
    """What follows a declaration: ` = 0;` for the author to write, or the default's body."""
    return " = 0;" if method.pure else " { %s }" % method.default
