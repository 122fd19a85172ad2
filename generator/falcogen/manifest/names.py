"""Identifier rules: what a manifest name may become in the generated C++."""
from __future__ import annotations

import re
from typing import Optional

# C++20 keywords and alternative tokens (none may name anything we generate).
CPP_KEYWORDS = frozenset(
    """
    alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t
    char16_t char32_t class compl concept const consteval constexpr constinit const_cast
    continue co_await co_return co_yield decltype default delete do double dynamic_cast
    else enum explicit export extern false float for friend goto if inline int long
    mutable namespace new noexcept not not_eq nullptr operator or or_eq private protected
    public register reinterpret_cast requires return short signed sizeof static
    static_assert static_cast struct switch template this thread_local throw true try
    typedef typeid typename union unsigned using virtual void volatile wchar_t while xor
    xor_eq
    """.split()
)

# Names that C or C++ toolchains define as macros (glibc, GNU dialects): a member
# named like one of them does not compile everywhere.
CPP_MACRO_NAMES = frozenset(
    "errno assert NULL EOF stdin stdout stderr linux unix major minor makedev offsetof".split()
)

# Type and namespace names that the generated structs use unqualified (or as the
# first part of a qualified name) inside their own scope: a member with one of
# these names would hide them.
CPP_SHADOWED_NAMES = frozenset(
    """
    std falcogen int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t size_t
    """.split()
)

# C++ struct names the generated code declares in the plugin's namespace; a
# layout's CamelCase struct name must not be one of them.
RESERVED_TYPE_NAMES = frozenset(
    "Config PluginBase InstanceBase Plugin Instance Event EventBatch Fields Layouts".split()
)

# Member names that the generated layout struct declares itself (or uses as a
# parameter name inside its member functions).
RESERVED_MEMBER_NAMES = frozenset(
    "members_present members kTag kMemberCount kName encode decode size encoded_size out".split()
)
RESERVED_MEMBER_PREFIXES = ("has_",)  # has_<member>() accessors
RESERVED_MEMBER_PATTERN = re.compile(r"k[A-Z]")  # kTag, kMemberCount, ...: constants

# Namespaces a plugin's own namespace must not be.
RESERVED_NAMESPACES = frozenset(["falcogen", "std"])

IDENTIFIER_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def is_identifier(name: str) -> bool:
    return IDENTIFIER_RE.fullmatch(name) is not None


def is_reserved_identifier(name: str) -> bool:
    """Reserved for the implementation by the C++ standard: '__' anywhere, or '_' + uppercase."""
    return "__" in name or (len(name) >= 2 and name[0] == "_" and name[1].isupper())


def identifier_problem(name: str) -> Optional[str]:
    """Why `name` cannot be a C++ identifier of generated code, or None."""
    if not is_identifier(name):
        return "is not a valid C++ identifier (letters, digits and '_', not starting with a digit)"
    if name in CPP_KEYWORDS:
        return "is a C++ keyword"
    if is_reserved_identifier(name):
        return "is reserved in C++ (names containing '__' or starting with '_' and an uppercase letter)"
    if name in CPP_MACRO_NAMES:
        return "is a macro in common C/C++ toolchains"
    return None


def member_problem(name: str) -> Optional[str]:
    """Why `name` cannot name a struct member (layout member or config property), or None."""
    problem = identifier_problem(name)
    if problem:
        return problem
    if name in CPP_SHADOWED_NAMES:
        return "would hide the C++ name '%s' used by the generated code" % name
    return None


def layout_member_problem(name: str) -> Optional[str]:
    problem = member_problem(name)
    if problem:
        return problem
    if (
        name in RESERVED_MEMBER_NAMES
        or name.startswith(RESERVED_MEMBER_PREFIXES)
        or RESERVED_MEMBER_PATTERN.match(name)
    ):
        return "is reserved: the generated layout struct declares it (reserved: has_*, k*, %s)" % ", ".join(
            sorted(n for n in RESERVED_MEMBER_NAMES if not RESERVED_MEMBER_PATTERN.match(n))
        )
    return None


def camel_case(name: str) -> str:
    """log_line -> LogLine; http2_req -> Http2Req; tlsOpts -> TlsOpts: the C++ type name of a name.

    Splits on '_' only and keeps the case of the rest (config keys may be
    camelCase already); a plugin name goes through plugin_camel_case.
    """
    return "".join(part[:1].upper() + part[1:] for part in name.split("_") if part)


def plugin_camel_case(plugin_name: str) -> str:
    """my-plugin -> MyPlugin, hello2 -> Hello2: the prefix of the C++ classes named after a plugin.

    '-' separates words like '_' (plugin names allow both). camel_case itself
    leaves '-' alone: the rules also name the structs of config keys that the
    schema refuses ('a-b'), and those names appear in their messages.
    """
    return camel_case(plugin_name.replace("-", "_"))


def field_cpp_name(name: str) -> str:
    """hello.text -> hello_text: a field's C++ name (its computed method is extract_hello_text)."""
    return name.replace(".", "_")
