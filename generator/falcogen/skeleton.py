"""`falcogen skeleton`: a fresh, compilable author source for a manifest.

It is derived from the generated header itself (every class with virtual
methods gets a derived class; every pure virtual a stub), so it always matches
what the current manifest asks for. It is written to its own file, for the
author to compare with their source: falcogen never edits author-owned files.
"""
from __future__ import annotations

import re
from typing import Dict, List

from . import __version__
from .lock import Method, _split_params, author_methods, make_plugin_declaration, method_name
from .manifest.names import plugin_camel_case as _camel
from .model import Plugin

SKELETON_MARK = "falcogen skeleton"


def _unnamed(decl: str) -> str:
    """Comments out parameter names, so stubs compile without unused-parameter warnings."""
    head, _, rest = decl.partition("(")
    params, _, tail = rest.rpartition(")")
    out = []
    for p in _split_params(params):
        m = re.match(r"^(.*?[\s&*>])(\w+)$", p)
        out.append("%s/*%s*/" % (m.group(1), m.group(2)) if m and m.group(1).strip() else p)
    return "%s(%s)%s" % (head, ", ".join(out), tail)


def _return_type(decl: str) -> str:
    return decl[: decl.index(method_name(decl) + "(")].strip() if "(" in decl else ""


def skeleton_source(plugin: Plugin, header: str) -> str:
    camel = _camel(plugin.name)
    methods = author_methods(header)
    classes: Dict[str, List[Method]] = {}
    for m in methods:
        classes.setdefault(m.cls, []).append(m)
    derived = {base: camel + (base[:-4] if base.endswith("Base") else base) for base in classes}
    lines = [
        "// %s of %s %s, written by falcogen %s from %s." % (SKELETON_MARK, plugin.name, plugin.version, __version__,
                                                             plugin.manifest_name),
        "// A starting point to compare with your own source (falcogen never edits that one): every method the",
        "// manifest asks for, as a stub that throws. Copy what you need, then delete this file.",
        '#include "plugin.gen.hpp"',
        "",
        "namespace %s {" % plugin.cpp_namespace,
        "",
        "namespace {",
    ]
    # Classes a factory method returns come first.
    order = sorted(classes, key=lambda b: (b == "PluginBase", b))
    for base in order:
        name = derived[base]
        lines += ["", "class %s final : public %s {" % (name, base), "public:"]
        if base == "PluginBase":
            lines += ["    explicit %s(const Config& config) : config_(config) {}" % name, ""]
        for m in classes[base]:
            if not m.pure:
                continue
            if m.asked_by:
                lines.append("    // %s" % m.asked_by)
            ret = _return_type(m.decl)
            factory = re.match(r"^std::unique_ptr<(\w+)>$", ret)
            if factory and factory.group(1) in derived:
                body = "return std::make_unique<%s>();" % derived[factory.group(1)]
            else:
                body = 'throw falcogen::Error("%s::%s is not implemented yet");' % (name, method_name(m.decl))
            lines.append("    %s override {" % _unnamed(m.decl))
            lines.append("        %s" % body)
            lines.append("    }")
            lines.append("")
        optional = [m for m in classes[base] if not m.pure]
        if optional:
            lines.append("    // Optional: these have defaults; override them if you need to.")
            for m in optional:
                lines.append("    // %s override;" % m.decl)
        if base == "PluginBase":
            lines += ["", "private:", "    const Config& config_;  // lives as long as the plugin"]
        if lines[-1] == "":
            lines.pop()
        lines.append("};")
    lines += ["", "}  // namespace", ""]
    decl = make_plugin_declaration(header)
    if decl and "PluginBase" in derived:
        lines += [
            re.sub(r"const falcogen::Logger& log", "const falcogen::Logger& /*log*/", decl) + " {",
            "    return std::make_unique<%s>(config);" % derived["PluginBase"],
            "}",
            "",
        ]
    lines += ["}  // namespace %s" % plugin.cpp_namespace, ""]
    return "\n".join(lines)
