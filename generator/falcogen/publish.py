"""`falcogen docs`: what publishing a plugin asks for, written from its manifest.

The falcosecurity/plugins repository asks every plugin for a README with a
table of its fields, an entry in its registry.yaml, the falco.yaml settings
that load it, and rules. All but the rules are derived from the manifest and
refreshed on every run (`--check` tells CI when they are stale); the rules are
a starter, written once and the author's from then on.

Flows one way like the generator: model -> texts (templates/publish/) -> writer.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from . import kernel_events
from .model import ConfigProperty, Field, Plugin
from .render.engine import publish_environment

FIELDS_BEGIN = "<!-- README-PLUGIN-FIELDS -->"  # the markers of falcosecurity/plugins' READMEs
FIELDS_END = "<!-- /README-PLUGIN-FIELDS -->"
RULES_FIELDS = 4  # fields a starter rule's output shows


def field_arg(field: Field) -> str:
    """The ARG column of falcosecurity/plugins' README tables."""
    if field.arg is None:
        return "None"
    kinds = [k for k, on in (("Index", field.arg.index), ("Key", field.arg.key)) if on]
    return ", ".join(kinds + (["Required"] if field.arg.required else []))


def fields_table(plugin: Plugin) -> str:
    """The fields as a Markdown table padded like the plugins repository's tool pads it."""
    rows = [("`%s`" % f.name, "`%s`" % (f.type + (" (list)" if f.is_list else "")), field_arg(f),
             " ".join(f.description.split())) for f in plugin.fields if "hidden" not in f.properties]
    head = ("NAME", "TYPE", "ARG", "DESCRIPTION")
    widths = [max([len(head[i])] + [len(r[i]) for r in rows]) for i in range(4)]
    lines = ["| " + " | ".join(h.center(w) for h, w in zip(head, widths)) + " |",
             "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    lines += ["| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    return "\n".join(lines)


def _placeholder(prop: ConfigProperty) -> Any:
    return {"string": "", "integer": 0, "number": 0, "boolean": False, "array": [], "object": {}}[prop.type]


def init_config(properties: Tuple[ConfigProperty, ...]) -> List[Tuple[ConfigProperty, Any, bool]]:
    """(property, value, is_placeholder) for each property: its default, or a typed placeholder."""
    out = []
    for prop in properties:
        if prop.default is not None:
            out.append((prop, prop.default, False))
        else:
            out.append((prop, _placeholder(prop), True))
    return out


@dataclass(frozen=True)
class StarterRule:
    source: str
    name: str
    condition: str
    output: str


def _extract_sources(plugin: Plugin) -> Tuple[str, ...]:
    if plugin.extract is not None and plugin.extract.sources:
        return plugin.extract.sources
    return (plugin.source.name,) if plugin.source is not None else ()


def _event_type_filter(plugin: Plugin, source: str) -> str:
    """`evt.type in (...)` for kernel sources when the plugin names its event types (Falco warns without)."""
    if source != "syscall" or plugin.extract is None:
        return ""
    # Fields over every event (tables, say) get the events the plugin parses.
    codes = plugin.extract.event_types or (plugin.parse.event_types if plugin.parse is not None else ())
    table = kernel_events.event_table()
    names = sorted({table.by_code(c).name for c in codes if c not in (322, 402)})
    return "evt.type in (%s) and " % ", ".join(names) if names else ""


def starter_rules(plugin: Plugin) -> List[StarterRule]:
    """One rule per source the plugin extracts from, over its fields that need no argument."""
    usable = [f for f in plugin.fields if f.arg is None or not f.arg.required]
    if not usable:
        return []
    shown = " ".join("%s=%%%s" % (f.name, f.name) for f in usable[:RULES_FIELDS])
    title = plugin.name[:1].upper() + plugin.name[1:]
    rules = []
    for source in _extract_sources(plugin):
        name = "%s event" % title if source == plugin.name else "%s event on %s" % (title, source)
        rules.append(StarterRule(source, name,
                                 _event_type_filter(plugin, source) + "%s exists" % usable[0].name,
                                 "%s event on %s (%s)" % (plugin.name, source, shown)))
    return rules


@dataclass(frozen=True)
class Publication:
    readme_section: str  # between the markers, markers included
    registry: str
    falco_snippet: str
    rules: Optional[str]  # None: no field to write a rule with
    missing: Tuple[str, ...]  # publish keys the registry wants and the manifest lacks


REGISTRY_WANTS = ("authors", "maintainers", "license", "url")


def publication(plugin: Plugin) -> Publication:
    env = publish_environment()
    rules = starter_rules(plugin)
    context = {"plugin": plugin, "fields_table": fields_table(plugin), "begin": FIELDS_BEGIN, "end": FIELDS_END,
               "init_config": init_config(plugin.config), "rules": rules,
               "foreign_sources": [s for s in _extract_sources(plugin)
                                   if s != "syscall" and (plugin.source is None or s != plugin.source.name)],
               "foreign_tables": [t.name for t in plugin.imported_tables if t.name != "threads"]}
    missing = tuple(k for k in REGISTRY_WANTS if not getattr(plugin.publish, k))
    return Publication(
        readme_section=env.get_template("publish/fields.md.j2").render(context).rstrip("\n"),
        registry=env.get_template("publish/registry.yaml.j2").render(context),
        falco_snippet=env.get_template("publish/falco.yaml.j2").render(context),
        rules=env.get_template("publish/rules.yaml.j2").render(context) if rules else None,
        missing=missing,
    )


def readme_text(old: Optional[str], plugin: Plugin, section: str) -> str:
    """The README with the fields section refreshed between its markers; appended (with a heading) to a README
    without them; a new README when there is none. Nothing outside the markers changes."""
    if old is None:
        return "# %s\n\n%s\n\n## Supported fields\n\n%s\n" % (plugin.name, plugin.description, section)
    begin, end = old.find(FIELDS_BEGIN), old.find(FIELDS_END)
    if begin != -1 and end > begin:
        return old[:begin] + section + old[end + len(FIELDS_END):]
    return old.rstrip("\n") + "\n\n## Supported fields\n\n" + section + "\n"


def planned_files(plugin: Plugin, folder: Path, readme: Path) -> Dict[Path, str]:
    """Path -> text of every file `falcogen docs` refreshes (not the starter rules)."""
    pub = publication(plugin)
    try:
        old = readme.read_text(encoding="utf-8")
    except FileNotFoundError:
        old = None
    return {
        readme: readme_text(old, plugin, pub.readme_section),
        folder / "registry.yaml": pub.registry,
        folder / "falco.snippet.yaml": pub.falco_snippet,
    }


def rules_path(plugin: Plugin, folder: Path) -> Path:
    return folder / "rules" / ("%s_rules.yaml" % plugin.name.replace("-", "_"))
