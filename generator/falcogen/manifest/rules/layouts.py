"""Layouts: unique names that make C++ structs, unique tags, one json layout alone, member names."""
from __future__ import annotations

from typing import Any, Dict, List

from .. import names
from ..describe import quote
from .base import Report, is_int, layouts_of, members_of


def check_layouts(report: Report) -> None:
    layouts = report.data.get("layouts")
    if not isinstance(layouts, list):
        return
    by_name: Dict[str, int] = {}
    by_camel: Dict[str, int] = {}
    by_tag: Dict[int, int] = {}
    for i, layout in layouts_of(report.data):
        name = layout.get("name")
        if isinstance(name, str) and not report.has_error_under(("layouts", i, "name")):
            _check_layout_name(report, i, name, by_name, by_camel)
        if layout.get("encoding") == "json":
            _check_json_layout_is_alone(report, i, layouts)
            continue  # no tag, no members
        _check_tag(report, i, layout, layouts, by_tag)
        _check_members(report, i, layout)


def _check_layout_name(report: Report, i: int, name: str, by_name: Dict[str, int], by_camel: Dict[str, int]) -> None:
    path = ("layouts", i, "name")
    if name in by_name:
        report.at_value(path, "duplicate layout name %s (first defined at line %d)"
                        % (quote(name), report.line_of(("layouts", by_name[name], "name"))))
        return
    by_name[name] = i
    problem = names.identifier_problem(name)
    if problem:
        report.at_value(path, "layout name %s %s" % (quote(name), problem))
        return
    camel = names.camel_case(name)
    if camel in names.RESERVED_TYPE_NAMES:
        reserved = ", ".join(sorted(names.RESERVED_TYPE_NAMES))
        report.at_value(path, "layout name %s becomes the C++ struct '%s', which the generated code declares "
                              "itself (reserved: %s)" % (quote(name), camel, reserved))
        return
    if camel in by_camel:
        first = by_camel[camel]
        other = report.data["layouts"][first]["name"]
        report.at_value(path, "layout name %s becomes the C++ struct '%s', like layout %s (line %d)"
                        % (quote(name), camel, quote(other), report.line_of(("layouts", first, "name"))))
        return
    by_camel[camel] = i


def _check_json_layout_is_alone(report: Report, i: int, layouts: List[Any]) -> None:
    if len(layouts) > 1 and not report.has_error_under(("layouts", i, "encoding")):
        report.at_value(("layouts", i, "encoding"),
                        "a json layout must be the only layout of the manifest (its events carry no tag "
                        "to tell layouts apart); this manifest has %d layouts" % len(layouts))


def _check_tag(report: Report, i: int, layout: Dict[str, Any], layouts: List[Any], by_tag: Dict[int, int]) -> None:
    """Tags are unique, whether written or the default (position + 1)."""
    tag = layout.get("tag", i + 1)
    tag_path = ("layouts", i, "tag")
    if not (is_int(tag) and 1 <= tag <= 65535) or report.has_error_under(tag_path):
        return
    if tag not in by_tag:
        by_tag[tag] = i
        return
    first = by_tag[tag]
    other = layouts[first].get("name")
    other = quote(other) if isinstance(other, str) else "layouts[%d]" % first
    line = report.line_of(("layouts", first))
    how = "" if "tag" in layouts[first] else " (its default tag: position + 1)"
    where = "layout %s at line %d%s" % (other, line, how)
    if "tag" in layout:
        report.at_value(tag_path, "duplicate tag %d: %s already has it" % (tag, where))
    else:
        report.at_value(("layouts", i), "its default tag %d (position + 1) is already the tag of %s; "
                                        "give this layout an explicit tag" % (tag, where))


def _check_members(report: Report, i: int, layout: Dict[str, Any]) -> None:
    seen: Dict[str, int] = {}
    for j, member in members_of(layout):
        name = member.get("name")
        path = ("layouts", i, "members", j, "name")
        if not isinstance(name, str) or report.has_error_under(path):
            continue
        if name in seen:
            report.at_value(path, "duplicate member name %s (first defined at line %d)"
                            % (quote(name), report.line_of(("layouts", i, "members", seen[name], "name"))))
            continue
        seen[name] = j
        problem = names.layout_member_problem(name)
        if problem:
            report.at_value(path, "member name %s %s" % (quote(name), problem))
