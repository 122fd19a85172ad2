"""`falcogen docs`: the README fields table, the registry entry, the falco.yaml settings and the starter rules."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from falcogen.cli import main
from falcogen.manifest import load_manifest_text
from falcogen.publish import FIELDS_BEGIN, FIELDS_END, fields_table, publication, readme_text, starter_rules

ROOT = Path(__file__).resolve().parents[2]
BASE = "name: demo\nversion: 1.2.0\ndescription: A demo\ncontact: https://example.com\n"
SOURCE = "source: {id: 999, name: demo, open_params: [{value: /tmp/x.log, desc: a file}]}\n"
LAYOUT = "layouts:\n  - name: rec\n    members:\n      - {name: user, type: string}\n      - {name: n, type: u64}\n"


def plugin(extra: str = ""):
    return load_manifest_text(BASE + SOURCE + LAYOUT + extra, "plugin.yaml")


FIELDS = """fields:
  - {name: demo.user, type: string, description: "The  user", from: rec.user}
  - {name: demo.n, type: uint64, description: A count, from: rec.n}
  - {name: demo.tag, type: string, description: A tag, computed: true, arg: {key: true, required: true}}
  - {name: demo.words, type: string, list: true, description: Words, computed: true, arg: {index: true}}
  - {name: demo.secret, type: string, description: Hidden, computed: true, properties: [hidden]}
"""


def test_fields_table_in_the_plugins_repository_format():
    lines = fields_table(plugin(FIELDS)).splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == ["NAME", "TYPE", "ARG", "DESCRIPTION"]
    assert set(lines[1]) == {"|", "-"}
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    assert rows == [
        ["`demo.user`", "`string`", "None", "The user"],
        ["`demo.n`", "`uint64`", "None", "A count"],
        ["`demo.tag`", "`string`", "Key, Required", "A tag"],
        ["`demo.words`", "`string (list)`", "Index", "Words"],
    ]  # hidden fields stay out, as the plugins repository's tool leaves them out
    assert len({len(line) for line in lines}) == 1  # padded columns


def test_readme_section_is_refreshed_between_markers_only():
    p = plugin(FIELDS)
    section = publication(p).readme_section
    assert section.startswith(FIELDS_BEGIN) and section.endswith(FIELDS_END)
    fresh = readme_text(None, p, section)
    assert fresh.startswith("# demo\n\nA demo\n") and section in fresh
    authored = "# Mine\n\nIntro.\n\n" + FIELDS_BEGIN + "\nold table\n" + FIELDS_END + "\n\n## Usage\n\nText.\n"
    refreshed = readme_text(authored, p, section)
    assert refreshed == "# Mine\n\nIntro.\n\n" + section + "\n\n## Usage\n\nText.\n"
    appended = readme_text("# Mine\n", p, section)
    assert appended == "# Mine\n\n## Supported fields\n\n" + section + "\n"


def test_registry_entry_has_identity_capabilities_and_publish_keys():
    publish = """publish:
  authors: The Demo Authors
  maintainers: [{name: Ann, email: ann@example.com}, {name: Bob}]
  license: Apache-2.0
  url: https://example.com/demo
  rules_url: https://example.com/demo/rules
  keywords: [demo, "yes"]
"""
    pub = publication(plugin(FIELDS + publish))
    assert pub.missing == ()
    entry = yaml.safe_load(pub.registry)["plugins"][0]
    assert entry == {
        "name": "demo", "description": "A demo", "authors": "The Demo Authors", "contact": "https://example.com",
        "maintainers": [{"name": "Ann", "email": "ann@example.com"}, {"name": "Bob"}],
        "keywords": ["demo", "yes"], "url": "https://example.com/demo", "rules_url": "https://example.com/demo/rules",
        "license": "Apache-2.0",
        "capabilities": {"sourcing": {"supported": True, "id": 999, "source": "demo"},
                         "extraction": {"supported": True}},
    }
    assert publication(plugin(FIELDS)).missing == ("authors", "maintainers", "license", "url")


def test_registry_capabilities_of_a_stateful_plugin():
    text = BASE + """parse: {sources: [syscall], event_types: [openat_x]}
async: {events: [{name: tick}], sources: [syscall]}
capture_listening: true
fields:
  - {name: demo.n, type: uint64, description: A count, computed: true}
extract: {sources: [syscall]}
"""
    caps = yaml.safe_load(publication(load_manifest_text(text, "plugin.yaml")).registry)["plugins"][0]["capabilities"]
    assert caps == {"extraction": {"supported": True, "sources": ["syscall"]},
                    "parsing": {"supported": True, "sources": ["syscall"]},
                    "async": {"supported": True, "sources": ["syscall"]},
                    "capture_listening": {"supported": True}}


def test_falco_snippet_loads_the_plugin_with_the_config_defaults():
    config = """config:
  properties:
    batch: {type: integer, description: Batch size, default: 64}
    verbose: {type: boolean, description: Talk, default: true}
    token: {type: string, description: The API token, required: true}
"""
    snippet = publication(plugin(FIELDS + config)).falco_snippet
    doc = yaml.safe_load(snippet)
    assert doc["load_plugins"] == ["demo"]
    assert doc["plugins"] == [{"name": "demo", "library_path": "libdemo.so", "open_params": "/tmp/x.log",
                               "init_config": {"batch": 64, "verbose": True, "token": ""}}]
    assert "token: ''  # required, no default: set it (The API token)" in snippet
    bare = yaml.safe_load(publication(load_manifest_text(BASE + "parse: {sources: [syscall]}\n", "p.yaml")).falco_snippet)
    assert bare["plugins"] == [{"name": "demo", "library_path": "libdemo.so"}]  # no config: Falco passes ""


def test_starter_rules_one_per_source_over_fields_without_a_required_argument():
    rules = starter_rules(plugin(FIELDS + "extract: {sources: [demo, syscall], event_types: [openat_x, 322]}\n"))
    assert [(r.source, r.name) for r in rules] == [("demo", "Demo event"), ("syscall", "Demo event on syscall")]
    assert rules[0].condition == "demo.user exists"
    assert rules[1].condition == "evt.type in (openat) and demo.user exists"  # Falco warns without evt.type
    assert rules[0].output == "demo event on demo (demo.user=%demo.user demo.n=%demo.n demo.words=%demo.words " \
                              "demo.secret=%demo.secret)"
    doc = yaml.safe_load(publication(plugin(FIELDS)).rules)
    assert doc[0] == {"required_plugin_versions": [{"name": "demo", "version": "1.2.0"}]}
    assert doc[1]["rule"] == "Demo event" and doc[1]["source"] == "demo" and doc[1]["priority"] == "NOTICE"
    only_arg = "fields:\n  - {name: demo.tag, type: string, description: T, computed: true, arg: {key: true, required: true}}\n"
    assert publication(plugin(only_arg)).rules is None


def test_cli_writes_checks_and_never_overwrites_the_rules(tmp_path, capsys):
    manifest = tmp_path / "plugin.yaml"
    shutil.copy(ROOT / "examples" / "authlog" / "plugin.yaml", manifest)
    assert main(["docs", str(manifest), "--check"]) == 1
    assert main(["docs", str(manifest)]) == 0
    for name in ("README.md", "registry.yaml", "falco.snippet.yaml", "rules/authlog_rules.yaml"):
        assert (tmp_path / name).is_file(), name
    assert "the registry entry lacks authors" in capsys.readouterr().err
    assert main(["docs", str(manifest), "--check"]) == 0
    readme = tmp_path / "README.md"
    readme.write_text("# authlog\n\nMy own words.\n\n" + readme.read_text().split("## Supported fields\n\n")[1])
    rules = tmp_path / "rules" / "authlog_rules.yaml"
    rules.write_text("# mine\n")
    assert main(["docs", str(manifest), "--check"]) == 0  # text outside the markers is the author's
    manifest.write_text(manifest.read_text().replace("Account name (logins and sudo)", "The account"))
    capsys.readouterr()
    assert main(["docs", str(manifest), "--check"]) == 1
    assert "README.md: stale" in capsys.readouterr().err
    assert main(["docs", str(manifest), "--diff"]) == 0
    assert "+| `authlog.user`       | `string`        | None  | The account" in capsys.readouterr().out
    assert main(["docs", str(manifest)]) == 0
    assert readme.read_text().startswith("# authlog\n\nMy own words.\n") and "The account" in readme.read_text()
    assert rules.read_text() == "# mine\n"
