"""`falcogen skeleton`: a fresh, compilable author source for a manifest.

It is derived from the model's list of author methods (the same list the
generated header declares), so it always matches what the current manifest
asks for. It is written to its own file, for the author to compare with their
source: falcogen never edits author-owned files.
"""
from __future__ import annotations

import re
from typing import Dict, List

from . import __version__
from .manifest.names import plugin_camel_case
from .model import AuthorMethod, Plugin

SKELETON_MARK = "falcogen skeleton"


def _unnamed(method: AuthorMethod) -> str:
    """The declaration with parameter names commented out, so stubs compile without warnings."""
    params = ", ".join("%s /*%s*/" % (p.type, p.name) for p in method.params)
    return "%s %s(%s)" % (method.returns, method.name, params)


def _stub(method: AuthorMethod, cls: str, derived: Dict[str, str]) -> List[str]:
    factory = re.match(r"^std::unique_ptr<(\w+)>$", method.returns)
    if factory and factory.group(1) in derived:
        body = "return std::make_unique<%s>();" % derived[factory.group(1)]
    else:
        body = 'throw falcogen::Error("%s::%s is not implemented yet");' % (cls, method.name)
    return ["    // %s" % method.asked_by, "    %s override {" % _unnamed(method), "        %s" % body, "    }", ""]


def _class(base: str, name: str, methods: List[AuthorMethod], derived: Dict[str, str]) -> List[str]:
    lines = ["", "class %s final : public %s {" % (name, base), "public:"]
    if base == "PluginBase":
        lines += ["    explicit %s(const Config& config) : config_(config) {}" % name, ""]
    for m in methods:
        if m.pure:
            lines += _stub(m, name, derived)
    optional = [m for m in methods if not m.pure]
    if optional:
        lines.append("    // Optional: these have defaults; override them if you need to.")
        lines += ["    // %s override;" % m.decl for m in optional]
    if base == "PluginBase":
        lines += ["", "private:", "    const Config& config_;  // lives as long as the plugin"]
    if lines[-1] == "":
        lines.pop()
    return lines + ["};"]


def skeleton_source(plugin: Plugin) -> str:
    camel = plugin_camel_case(plugin.name)
    bases = ["InstanceBase", "PluginBase"] if plugin.source else ["PluginBase"]  # what open() returns comes first
    derived = {base: camel + base[: -len("Base")] for base in bases}
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
    for base in bases:
        lines += _class(base, derived[base], [m for m in plugin.methods if m.cls == base], derived)
    lines += [
        "",
        "}  // namespace",
        "",
        "std::unique_ptr<PluginBase> make_plugin(const Config& config, const falcogen::Logger& /*log*/) {",
        "    return std::make_unique<%s>(config);" % derived["PluginBase"],
        "}",
        "",
        "}  // namespace %s" % plugin.cpp_namespace,
        "",
    ]
    return "\n".join(lines)
