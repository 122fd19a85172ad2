"""The broken-manifest table: each case is a manifest and the exact diagnostics it must produce.

A case with base=True gets BASE prepended (4 lines: name, version, description,
contact), so its own text starts at line 5. Expected lines are compared
exactly, in order (the loader sorts them by line, then column).
"""
from __future__ import annotations

from typing import List, NamedTuple

BASE = "name: hello\nversion: 0.1.0\ndescription: d\ncontact: c\n"


class Case(NamedTuple):
    id: str
    text: str
    expected: List[str]
    base: bool = True

    @property
    def full_text(self) -> str:
        return (BASE if self.base else "") + self.text


CASES = [
    Case(
        'yaml_unclosed_flow_list',
        """\
name: [a, b
version: 0.1.0
""",
        [
            "plugin.yaml:2:8: error: YAML syntax error: expected ',' or ']', but got ':' (while parsing a flow sequence at line 1, column 7)",
        ],
        base=False,
    ),
    Case(
        'yaml_tab_indentation',
        'name: hello\nsource:\n\tid: 999\n',
        [
            "plugin.yaml:3:1: error: YAML syntax error: found character '\\t' that cannot start any token; indent with spaces, not tabs",
        ],
        base=False,
    ),
    Case(
        'yaml_mapping_in_plain_value',
        'name: a: b\n',
        [
            'plugin.yaml:1:8: error: YAML syntax error: mapping values are not allowed here',
        ],
        base=False,
    ),
    Case(
        'yaml_bad_indentation',
        """\
name: hello
  version: 0.1.0
""",
        [
            'plugin.yaml:2:10: error: YAML syntax error: mapping values are not allowed here',
        ],
        base=False,
    ),
    Case(
        'yaml_unclosed_quote',
        """\
name: "hello
version: 0.1.0
""",
        [
            'plugin.yaml:3:1: error: YAML syntax error: found unexpected end of stream (while scanning a quoted scalar at line 1, column 7)',
        ],
        base=False,
    ),
    Case(
        'yaml_two_documents',
        """\
name: a
---
name: b
""",
        [
            'plugin.yaml:2:1: error: YAML syntax error: expected a single document in the stream, but found another document',
        ],
        base=False,
    ),
    Case(
        'yaml_control_character',
        'name: he\x07llo\n',
        [
            'plugin.yaml:1:9: error: unacceptable character #x0007: control characters are not allowed in YAML',
        ],
        base=False,
    ),
    Case(
        'yaml_undefined_alias',
        'name: *nowhere\n',
        [
            "plugin.yaml:1:7: error: YAML syntax error: found undefined alias 'nowhere'",
        ],
        base=False,
    ),
    Case(
        'empty_file',
        '',
        [
            'plugin.yaml:1:1: error: (root): the manifest is empty; expected a mapping with at least name, version, description and contact',
        ],
        base=False,
    ),
    Case(
        'only_comments',
        """\
# a manifest
# to be written
""",
        [
            'plugin.yaml:1:1: error: (root): the manifest is empty; expected a mapping with at least name, version, description and contact',
        ],
        base=False,
    ),
    Case(
        'top_level_list',
        """\
- name: hello
- version: 0.1.0
""",
        [
            'plugin.yaml:1:1: error: (root): expected a mapping with at least name, version, description and contact, got a list',
        ],
        base=False,
    ),
    Case(
        'top_level_scalar',
        'hello\n',
        [
            "plugin.yaml:1:1: error: (root): expected a mapping with at least name, version, description and contact, got a string ('hello')",
        ],
        base=False,
    ),
    Case(
        'recursive_alias',
        'fields: &a [*a]\n',
        [
            'plugin.yaml:5:9: error: fields[0]: recursive YAML alias',
        ],
    ),
    Case(
        'unsupported_tag_binary',
        'namespace: !!binary aGVsbG8=\n',
        [
            'plugin.yaml:5:12: error: namespace: unsupported YAML tag !!binary',
        ],
    ),
    Case(
        'bad_explicit_int',
        """\
source: {id: !!int abc, name: x}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:14: error: source.id: cannot read 'abc' as !!int",
        ],
    ),
    Case(
        'non_string_key',
        """\
? [a, b]
: c
""",
        [
            'plugin.yaml:5:3: error: (root): a key must be a plain string, not a list',
        ],
    ),
    Case(
        'duplicate_top_level_key',
        'name: again\n',
        [
            "plugin.yaml:5:1: error: name: duplicate key 'name' (first defined at line 1, column 1)",
        ],
    ),
    Case(
        'duplicate_nested_key',
        """\
source:
  id: 999
  name: hello
  id: 1000
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:8:3: error: source.id: duplicate key 'id' (first defined at line 6, column 3)",
        ],
    ),
    Case(
        'version_as_float',
        """\
name: hello
version: 1.0
description: d
contact: c
""",
        [
            'plugin.yaml:2:10: error: version: expected a string, got a number (1.0); quote it: "1.0"',
        ],
        base=False,
    ),
    Case(
        'version_as_int',
        """\
name: hello
version: 1
description: d
contact: c
""",
        [
            'plugin.yaml:2:10: error: version: expected a string, got an integer (1); quote it: "1"',
        ],
        base=False,
    ),
    Case(
        'name_yes_boolean',
        """\
name: yes
version: 0.1.0
description: d
contact: c
""",
        [
            'plugin.yaml:1:7: error: name: expected a string, got a boolean (yes); quote it: "yes"',
        ],
        base=False,
    ),
    Case(
        'description_on_boolean',
        """\
name: hello
version: 0.1.0
description: on
contact: c
""",
        [
            'plugin.yaml:3:14: error: description: expected a string, got a boolean (on); quote it: "on"',
        ],
        base=False,
    ),
    Case(
        'name_empty_value',
        """\
name:
version: 0.1.0
description: d
contact: c
""",
        [
            'plugin.yaml:1:6: error: name: expected a string, got an empty value',
        ],
        base=False,
    ),
    Case(
        'contact_null',
        """\
name: hello
version: 0.1.0
description: d
contact: ~
""",
        [
            'plugin.yaml:4:10: error: contact: expected a string, got null',
        ],
        base=False,
    ),
    Case(
        'description_list',
        """\
name: hello
version: 0.1.0
description: [a, b]
contact: c
""",
        [
            'plugin.yaml:3:14: error: description: expected a string, got a list',
        ],
        base=False,
    ),
    Case(
        'host_logging_yes',
        'host_logging: yes\n',
        [
            'plugin.yaml:5:15: error: host_logging: yes is a YAML 1.1 boolean (true); write true, or quote it for a string',
        ],
    ),
    Case(
        'host_logging_string',
        'host_logging: "true"\n',
        [
            "plugin.yaml:5:15: error: host_logging: expected a boolean (true or false), got a string ('true')",
        ],
    ),
    Case(
        'progress_off',
        """\
source: {id: 999, name: hello, progress: off}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:5:42: error: source.progress: off is a YAML 1.1 boolean (false); write false, or quote it for a string',
        ],
    ),
    Case(
        'id_legacy_octal',
        """\
source: {id: 0777, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:5:14: error: source.id: 0777 is a YAML 1.1 number (511) that other YAML readers see differently; write 511, or quote it for a string',
        ],
    ),
    Case(
        'id_sexagesimal',
        """\
source: {id: 1:30, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:5:14: error: source.id: 1:30 is a YAML 1.1 number (90) that other YAML readers see differently; write 90, or quote it for a string',
        ],
    ),
    Case(
        'id_quoted_string',
        """\
source: {id: "999", name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:14: error: source.id: expected an integer, got a string ('999')",
        ],
    ),
    Case(
        'id_float',
        """\
source: {id: 999.0, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:5:14: error: source.id: expected an integer, got a number (999.0)',
        ],
    ),
    Case(
        'source_is_list',
        'source: [999, hello]\n',
        [
            "plugin.yaml:1:1: error: (root): missing required key 'layouts' (a plugin with a source needs at least one layout)",
            'plugin.yaml:5:9: error: source: expected a mapping, got a list',
        ],
    ),
    Case(
        'layouts_is_mapping',
        'layouts: {name: a}\n',
        [
            'plugin.yaml:5:10: error: layouts: expected a list, got a mapping',
        ],
    ),
    Case(
        'members_is_string',
        """\
layouts:
  - name: a
    members: m
""",
        [
            "plugin.yaml:7:14: error: layouts[0].members: expected a list, got a string ('m')",
        ],
    ),
    Case(
        'layout_item_is_scalar',
        """\
layouts:
  - a
""",
        [
            "plugin.yaml:6:5: error: layouts[0]: expected a mapping, got a string ('a')",
        ],
    ),
    Case(
        'fields_not_a_list',
        'fields: {a: 1}\n',
        [
            'plugin.yaml:5:9: error: fields: expected a list, got a mapping',
        ],
    ),
    Case(
        'unknown_top_key_did_you_mean',
        """\
name: hello
version: 0.1.0
desciption: d
contact: c
""",
        [
            "plugin.yaml:1:1: error: (root): missing required key 'description'",
            "plugin.yaml:3:1: error: desciption: unknown key 'desciption' (did you mean 'description'?)",
        ],
        base=False,
    ),
    Case(
        'unknown_top_key_no_suggestion',
        'author: me\n',
        [
            "plugin.yaml:5:1: error: author: unknown key 'author' (expected one of: name, version, description, contact, namespace, host_logging, acknowledge_breaking_change, event_schema_version, source, config, layouts, fields, extract, parse, tables, metrics, async, publish, capture_listening)",
        ],
    ),
    Case(
        'event_schema_version_without_kernel_events',
        """\
event_schema_version: 4.2.0
source: {id: 999, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:1: error: event_schema_version: `event_schema_version` applies to plugins that parse or extract kernel events (sources: [syscall]); remove it",
        ],
    ),
    Case(
        'event_schema_version_not_semver',
        """\
event_schema_version: "4.2"
fields: [{name: x.t, type: uint64, description: d, computed: true}]
extract: {sources: [syscall]}
""",
        [
            "plugin.yaml:5:23: error: event_schema_version: invalid event schema version '4.2': expected MAJOR.MINOR.PATCH (e.g. 4.0.0)",
        ],
    ),
    Case(
        'unknown_source_key',
        """\
source:
  id: 999
  nmae: hello
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:1: error: source: missing required key 'name'",
            "plugin.yaml:7:3: error: source.nmae: unknown key 'nmae' (did you mean 'name'?)",
        ],
    ),
    Case(
        'unknown_member_key',
        """\
layouts:
  - name: a
    members:
      - name: m
        type: u8
        desc: a member
""",
        [
            "plugin.yaml:10:9: error: layouts[0].members[0].desc: unknown key 'desc' (expected one of: name, type, description)",
        ],
    ),
    Case(
        'unknown_property_key',
        """\
config:
  properties:
    port:
      type: integer
      descripton: the port
""",
        [
            "plugin.yaml:7:5: error: config.properties.port: missing required key 'description'",
            "plugin.yaml:9:7: error: config.properties.port.descripton: unknown key 'descripton' (did you mean 'description'?)",
        ],
    ),
    Case(
        'unknown_layout_key',
        """\
layouts:
  - name: a
    tags: 3
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:7:5: error: layouts[0].tags: unknown key 'tags' (did you mean 'tag'?)",
        ],
    ),
    Case(
        'missing_required_top_keys',
        'name: hello\n',
        [
            "plugin.yaml:1:1: error: (root): missing required key 'contact'",
            "plugin.yaml:1:1: error: (root): missing required key 'description'",
            "plugin.yaml:1:1: error: (root): missing required key 'version'",
        ],
        base=False,
    ),
    Case(
        'missing_source_id_and_name',
        """\
source:
  progress: true
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:1: error: source: missing required key 'id'",
            "plugin.yaml:5:1: error: source: missing required key 'name'",
        ],
    ),
    Case(
        'missing_member_type',
        """\
layouts:
  - name: a
    members:
      - name: m
""",
        [
            "plugin.yaml:8:9: error: layouts[0].members[0]: missing required key 'type'",
        ],
    ),
    Case(
        'missing_layout_members',
        """\
layouts:
  - name: a
""",
        [
            "plugin.yaml:6:5: error: layouts[0]: missing required key 'members'",
        ],
    ),
    Case(
        'missing_property_description',
        """\
config:
  properties:
    port:
      type: integer
""",
        [
            "plugin.yaml:7:5: error: config.properties.port: missing required key 'description'",
        ],
    ),
    Case(
        'missing_items_for_array',
        """\
config:
  properties:
    files:
      type: array
      description: Files to read
""",
        [
            "plugin.yaml:7:5: error: config.properties.files: missing required key 'items' (array properties need 'items')",
        ],
    ),
    Case(
        'missing_properties_for_object',
        """\
config:
  properties:
    tls:
      type: object
      description: TLS settings
""",
        [
            "plugin.yaml:7:5: error: config.properties.tls: missing required key 'properties' (object properties need 'properties')",
        ],
    ),
    Case(
        'config_without_properties',
        """\
config:
  port: 3
""",
        [
            "plugin.yaml:5:1: error: config: missing required key 'properties'",
            "plugin.yaml:6:3: error: config.port: unknown key 'port' (expected one of: properties, reloadable)",
        ],
    ),
    Case(
        'name_uppercase',
        """\
name: Hello
version: 0.1.0
description: d
contact: c
""",
        [
            "plugin.yaml:1:7: error: name: invalid plugin name 'Hello': use lowercase letters, digits, '-' and '_', starting with a letter",
        ],
        base=False,
    ),
    Case(
        'name_starts_with_digit',
        """\
name: 1hello
version: 0.1.0
description: d
contact: c
""",
        [
            "plugin.yaml:1:7: error: name: invalid plugin name '1hello': use lowercase letters, digits, '-' and '_', starting with a letter",
        ],
        base=False,
    ),
    Case(
        'name_too_long',
        """\
name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
version: 0.1.0
description: d
contact: c
""",
        [
            'plugin.yaml:1:7: error: name: too long (65 characters; at most 64)',
        ],
        base=False,
    ),
    Case(
        'name_with_trailing_newline',
        """\
name: |
  hello
version: 0.1.0
description: d
contact: c
""",
        [
            "plugin.yaml:1:7: error: name: invalid plugin name 'hello\\n': use lowercase letters, digits, '-' and '_', starting with a letter",
        ],
        base=False,
    ),
    Case(
        'version_four_parts',
        """\
name: hello
version: 1.0.0.0
description: d
contact: c
""",
        [
            "plugin.yaml:2:10: error: version: invalid version '1.0.0.0': expected a semantic version X.Y.Z (e.g. 0.1.0, 1.2.3-rc.1)",
        ],
        base=False,
    ),
    Case(
        'version_leading_zero',
        """\
name: hello
version: 01.2.3
description: d
contact: c
""",
        [
            "plugin.yaml:2:10: error: version: invalid version '01.2.3': expected a semantic version X.Y.Z (e.g. 0.1.0, 1.2.3-rc.1)",
        ],
        base=False,
    ),
    Case(
        'description_blank',
        """\
name: hello
version: 0.1.0
description: "   "
contact: c
""",
        [
            'plugin.yaml:3:14: error: description: must not be blank',
        ],
        base=False,
    ),
    Case(
        'contact_empty',
        """\
name: hello
version: 0.1.0
description: d
contact: ""
""",
        [
            'plugin.yaml:4:10: error: contact: must not be empty',
        ],
        base=False,
    ),
    Case(
        'acknowledge_breaking_change_float',
        'acknowledge_breaking_change: 2.0\n',
        [
            'plugin.yaml:5:30: error: acknowledge_breaking_change: expected a string, got a number (2.0); quote it: "2.0"',
        ],
    ),
    Case(
        'acknowledge_breaking_change_not_semver',
        'acknowledge_breaking_change: "2"\n',
        [
            "plugin.yaml:5:30: error: acknowledge_breaking_change: invalid version '2': expected a semantic version X.Y.Z (e.g. 0.1.0, 1.2.3-rc.1)",
        ],
    ),
    Case(
        'namespace_keyword',
        'namespace: class\n',
        [
            "plugin.yaml:5:12: error: namespace: 'class' is a C++ keyword",
        ],
    ),
    Case(
        'namespace_std',
        'namespace: std\n',
        [
            "plugin.yaml:5:12: error: namespace: 'std' is reserved (the generated code uses the namespaces falcogen and std)",
        ],
    ),
    Case(
        'namespace_not_identifier',
        'namespace: my-plugin\n',
        [
            "plugin.yaml:5:12: error: namespace: invalid namespace 'my-plugin': use a C++ identifier: letters, digits and '_', not starting with a digit",
        ],
    ),
    Case(
        'namespace_reserved_identifier',
        'namespace: _Hello\n',
        [
            "plugin.yaml:5:12: error: namespace: '_Hello' is reserved in C++ (names containing '__' or starting with '_' and an uppercase letter)",
        ],
    ),
    Case(
        'default_namespace_keyword',
        """\
name: delete
version: 0.1.0
description: d
contact: c
""",
        [
            "plugin.yaml:1:7: error: name: the default C++ namespace 'delete' is a C++ keyword; set 'namespace' to another name",
        ],
        base=False,
    ),
    Case(
        'default_namespace_double_underscore',
        """\
name: a--b
version: 0.1.0
description: d
contact: c
""",
        [
            "plugin.yaml:1:7: error: name: the default C++ namespace 'a__b' is reserved in C++ (names containing '__' or starting with '_' and an uppercase letter); set 'namespace' to another name",
        ],
        base=False,
    ),
    Case(
        'source_id_zero',
        """\
source: {id: 0, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:14: error: source.id: 0 means 'no event source' and cannot be a source id; use 999 for development, your registered id, or a private id (1073741824..2147483647)",
        ],
    ),
    Case(
        'source_id_2_pow_31',
        """\
source: {id: 2147483648, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:5:14: error: source.id: 2147483648 is reserved (ids from 2^31 = 2147483648 up are never assigned); use 999 for development, your registered id, or a private id (1073741824..2147483647)',
        ],
    ),
    Case(
        'source_id_negative',
        """\
source: {id: -1, name: hello}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:5:14: error: source.id: expected an id from 1 to 2147483647, got -1',
        ],
    ),
    Case(
        'source_syscall',
        """\
source: {id: 999, name: syscall}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:25: error: source.name: 'syscall' is the source of kernel events: libsinsp refuses plugins that claim it",
        ],
    ),
    Case(
        'source_internal',
        """\
source: {id: 999, name: internal}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:25: error: source.name: 'internal' is a source name reserved by the plugin registry",
        ],
    ),
    Case(
        'source_plugins',
        """\
source: {id: 999, name: plugins}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:25: error: source.name: 'plugins' is a source name reserved by the plugin registry",
        ],
    ),
    Case(
        'source_name_with_dash',
        """\
source: {id: 999, name: my-source}
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:5:25: error: source.name: invalid source name 'my-source': use lowercase letters, digits and '_', starting with a letter",
        ],
    ),
    Case(
        'source_without_layouts',
        """\
source:
  id: 999
  name: hello
""",
        [
            "plugin.yaml:1:1: error: (root): missing required key 'layouts' (a plugin with a source needs at least one layout)",
        ],
    ),
    Case(
        'source_with_empty_layouts',
        """\
source:
  id: 999
  name: hello
layouts: []
""",
        [
            'plugin.yaml:8:10: error: layouts: a plugin with a source needs at least one layout',
        ],
    ),
    Case(
        'open_param_list_without_separator',
        """\
source:
  id: 999
  name: hello
  open_params:
    - value: [a.log, b.log]
      desc: Two files
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:9:7: error: source.open_params[0]: missing required key 'separator' (a list value is joined with the separator)",
        ],
    ),
    Case(
        'open_param_unquoted_number',
        """\
source:
  id: 999
  name: hello
  open_params:
    - value: 10
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:9:14: error: source.open_params[0].value: expected a string or a list, got an integer (10); quote it: "10"',
        ],
    ),
    Case(
        'open_param_empty_value',
        """\
source:
  id: 999
  name: hello
  open_params:
    - value: ""
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            'plugin.yaml:9:14: error: source.open_params[0].value: must not be empty',
        ],
    ),
    Case(
        'open_param_item_contains_separator',
        """\
source:
  id: 999
  name: hello
  open_params:
    - value: ["a,b", c]
      separator: ","
layouts: [{name: a, members: [{name: m, type: u8}]}]
""",
        [
            "plugin.yaml:9:15: error: source.open_params[0].value[0]: 'a,b' contains the separator ','",
        ],
    ),
    Case(
        'layout_duplicate_name',
        """\
layouts:
  - name: a
    members: [{name: m, type: u8}]
  - name: a
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:8:11: error: layouts[1].name: duplicate layout name 'a' (first defined at line 6)",
        ],
    ),
    Case(
        'layout_duplicate_explicit_tag',
        """\
layouts:
  - name: a
    tag: 7
    members: [{name: m, type: u8}]
  - name: b
    tag: 7
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:10:10: error: layouts[1].tag: duplicate tag 7: layout 'a' at line 6 already has it",
        ],
    ),
    Case(
        'layout_duplicate_default_tag',
        """\
layouts:
  - name: a
    tag: 2
    members: [{name: m, type: u8}]
  - name: b
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:9:5: error: layouts[1]: its default tag 2 (position + 1) is already the tag of layout 'a' at line 6; give this layout an explicit tag",
        ],
    ),
    Case(
        'layout_explicit_tag_hits_default_tag',
        """\
layouts:
  - name: a
    members: [{name: m, type: u8}]
  - name: b
    tag: 1
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:9:10: error: layouts[1].tag: duplicate tag 1: layout 'a' at line 6 (its default tag: position + 1) already has it",
        ],
    ),
    Case(
        'layout_camel_case_clash',
        """\
layouts:
  - name: http_2
    members: [{name: m, type: u8}]
  - name: http2
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:8:11: error: layouts[1].name: layout name 'http2' becomes the C++ struct 'Http2', like layout 'http_2' (line 6)",
        ],
    ),
    Case(
        'layout_reserved_struct_name',
        """\
layouts:
  - name: event_batch
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:6:11: error: layouts[0].name: layout name 'event_batch' becomes the C++ struct 'EventBatch', which the generated code declares itself (reserved: Config, Event, EventBatch, Fields, Instance, InstanceBase, Layouts, Plugin, PluginBase)",
        ],
    ),
    Case(
        'layout_keyword',
        """\
layouts:
  - name: union
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:6:11: error: layouts[0].name: layout name 'union' is a C++ keyword",
        ],
    ),
    Case(
        'layout_uppercase_name',
        """\
layouts:
  - name: LogLine
    members: [{name: m, type: u8}]
""",
        [
            "plugin.yaml:6:11: error: layouts[0].name: invalid layout name 'LogLine': use lowercase letters, digits and '_', starting with a letter",
        ],
    ),
    Case(
        'layout_tag_zero',
        """\
layouts:
  - name: a
    tag: 0
    members: [{name: m, type: u8}]
""",
        [
            'plugin.yaml:7:10: error: layouts[0].tag: expected a tag from 1 to 65535, got 0',
        ],
    ),
    Case(
        'layout_tag_too_big',
        """\
layouts:
  - name: a
    tag: 65536
    members: [{name: m, type: u8}]
""",
        [
            'plugin.yaml:7:10: error: layouts[0].tag: expected a tag from 1 to 65535, got 65536',
        ],
    ),
    Case(
        'layout_no_members',
        """\
layouts:
  - name: a
    members: []
""",
        [
            'plugin.yaml:7:14: error: layouts[0].members: a layout needs at least one member',
        ],
    ),
    Case(
        'member_type_u128',
        """\
layouts:
  - name: a
    members:
      - name: m
        type: u8
      - name: n
        type: u128
""",
        [
            "plugin.yaml:11:15: error: layouts[0].members[1].type: expected one of u8, u16, u32, u64, i8, i16, i32, i64, bool, string, bytes, abstime, reltime, ipv4, ipv6; got 'u128'",
        ],
    ),
    Case(
        'member_duplicate_name',
        """\
layouts:
  - name: a
    members:
      - {name: m, type: u8}
      - {name: m, type: u16}
""",
        [
            "plugin.yaml:9:16: error: layouts[0].members[1].name: duplicate member name 'm' (first defined at line 8)",
        ],
    ),
    Case(
        'member_keyword',
        """\
layouts:
  - name: a
    members:
      - {name: default, type: u8}
""",
        [
            "plugin.yaml:8:16: error: layouts[0].members[0].name: member name 'default' is a C++ keyword",
        ],
    ),
    Case(
        'member_reserved_accessor',
        """\
layouts:
  - name: a
    members:
      - {name: has_data, type: bool}
      - {name: size, type: u32}
""",
        [
            "plugin.yaml:8:16: error: layouts[0].members[0].name: member name 'has_data' is reserved: the generated layout struct declares it (reserved: has_*, k*, decode, encode, encoded_size, members, members_present, out, size)",
            "plugin.yaml:9:16: error: layouts[0].members[1].name: member name 'size' is reserved: the generated layout struct declares it (reserved: has_*, k*, decode, encode, encoded_size, members, members_present, out, size)",
        ],
    ),
    Case(
        'member_hides_type',
        """\
layouts:
  - name: a
    members:
      - {name: uint64_t, type: u64}
""",
        [
            "plugin.yaml:8:16: error: layouts[0].members[0].name: member name 'uint64_t' would hide the C++ name 'uint64_t' used by the generated code",
        ],
    ),
    Case(
        'member_macro_name',
        """\
layouts:
  - name: a
    members:
      - {name: major, type: u32}
""",
        [
            "plugin.yaml:8:16: error: layouts[0].members[0].name: member name 'major' is a macro in common C/C++ toolchains",
        ],
    ),
    Case(
        'member_uppercase',
        """\
layouts:
  - name: a
    members:
      - {name: Message, type: string}
""",
        [
            "plugin.yaml:8:16: error: layouts[0].members[0].name: invalid member name 'Message': use lowercase letters, digits and '_', starting with a letter",
        ],
    ),
    Case(
        'property_duplicate_name',
        """\
config:
  properties:
    port: {type: integer, description: Port}
    host: {type: string, description: Host}
    port: {type: string, description: Port again}
""",
        [
            "plugin.yaml:9:5: error: config.properties.port: duplicate key 'port' (first defined at line 7, column 5)",
        ],
    ),
    Case(
        'property_type_is_a_mapping',
        """\
config:
  properties:
    port:
      type: {name: integer}
      description: Port
""",
        [
            "plugin.yaml:8:13: error: config.properties.port.type: expected one of string, integer, number, boolean, array, object; got a mapping",
        ],
    ),
    Case(
        'property_type_typo',
        """\
config:
  properties:
    greeting:
      type: strng
      description: Text
""",
        [
            "plugin.yaml:8:13: error: config.properties.greeting.type: expected one of string, integer, number, boolean, array, object; got 'strng'",
        ],
    ),
    Case(
        'property_name_not_identifier',
        """\
config:
  properties:
    tls-port:
      type: integer
      description: Port
""",
        [
            "plugin.yaml:7:5: error: config.properties.tls-port: invalid property name 'tls-port': config property names become C++ members; use letters, digits and '_', not starting with a digit",
        ],
    ),
    Case(
        'property_name_keyword',
        """\
config:
  properties:
    namespace:
      type: string
      description: A namespace
""",
        [
            "plugin.yaml:7:5: error: config.properties.namespace: property name 'namespace' is a C++ keyword",
        ],
    ),
    Case(
        'property_required_with_default',
        """\
config:
  properties:
    port:
      type: integer
      description: Port
      required: true
      default: 80
""",
        [
            'plugin.yaml:10:17: error: config.properties.port.required: a required property cannot have a default (the default would never be used); remove one of them',
        ],
    ),
    Case(
        'property_minimum_above_maximum',
        """\
config:
  properties:
    port:
      type: integer
      description: Port
      minimum: 10
      maximum: 5
""",
        [
            'plugin.yaml:10:16: error: config.properties.port.minimum: minimum (10) is greater than maximum (5)',
        ],
    ),
    Case(
        'property_min_length_above_max_length',
        """\
config:
  properties:
    name:
      type: string
      description: Name
      minLength: 8
      maxLength: 4
""",
        [
            'plugin.yaml:10:18: error: config.properties.name.minLength: minLength (8) is greater than maxLength (4)',
        ],
    ),
    Case(
        'property_negative_min_length',
        """\
config:
  properties:
    name:
      type: string
      description: Name
      minLength: -1
""",
        [
            'plugin.yaml:10:18: error: config.properties.name.minLength: expected a non-negative integer, got -1',
        ],
    ),
    Case(
        'property_bad_regex',
        """\
config:
  properties:
    greeting:
      type: string
      description: Text
      pattern: "^[a-z"
""",
        [
            'plugin.yaml:10:16: error: config.properties.greeting.pattern: invalid regular expression: unterminated character set at position 1',
        ],
    ),
    Case(
        'property_default_wrong_type',
        """\
config:
  properties:
    port:
      type: integer
      description: Port
      default: eighty
""",
        [
            "plugin.yaml:10:16: error: config.properties.port.default: expected an integer, got a string ('eighty')",
        ],
    ),
    Case(
        'property_default_float_for_integer',
        """\
config:
  properties:
    port:
      type: integer
      description: Port
      default: 80.0
""",
        [
            'plugin.yaml:10:16: error: config.properties.port.default: expected an integer, got a number (80.0)',
        ],
    ),
    Case(
        'property_default_above_maximum',
        """\
config:
  properties:
    max_events:
      type: integer
      description: Limit
      maximum: 1000
      default: 5000
""",
        [
            'plugin.yaml:11:16: error: config.properties.max_events.default: expected a value <= 1000, got 5000',
        ],
    ),
    Case(
        'property_default_violates_pattern',
        """\
config:
  properties:
    greeting:
      type: string
      description: Text
      pattern: "^[a-z ]+$"
      default: Hello
""",
        [
            "plugin.yaml:11:16: error: config.properties.greeting.default: 'Hello' does not match the pattern ^[a-z ]+$",
        ],
    ),
    Case(
        'property_default_not_in_enum',
        """\
config:
  properties:
    greeting:
      type: string
      description: Text
      enum: [hello, hi]
      default: hey
""",
        [
            "plugin.yaml:11:16: error: config.properties.greeting.default: expected one of hello, hi; got 'hey'",
        ],
    ),
    Case(
        'property_default_yes_for_string',
        """\
config:
  properties:
    answer:
      type: string
      description: Text
      default: no
""",
        [
            'plugin.yaml:10:16: error: config.properties.answer.default: expected a string, got a boolean (no); quote it: "no"',
        ],
    ),
    Case(
        'property_default_infinite',
        """\
config:
  properties:
    ratio:
      type: number
      description: Ratio
      default: .inf
""",
        [
            'plugin.yaml:10:16: error: config.properties.ratio.default: .inf is not a valid number here (JSON has no infinity or NaN)',
        ],
    ),
    Case(
        'property_default_array_item',
        """\
config:
  properties:
    files:
      type: array
      description: Files
      items: {type: string}
      default: [a.log, 3]
""",
        [
            'plugin.yaml:11:24: error: config.properties.files.default[1]: expected a string, got an integer (3); quote it: "3"',
        ],
    ),
    Case(
        'property_default_object_unknown_key',
        """\
config:
  properties:
    tls:
      type: object
      description: TLS
      properties:
        port: {type: integer, description: Port}
      default: {port: 443, prot: 1}
""",
        [
            "plugin.yaml:12:28: error: config.properties.tls.default.prot: unknown key 'prot' (did you mean 'port'?)",
        ],
    ),
    Case(
        'property_enum_wrong_type',
        """\
config:
  properties:
    level:
      type: integer
      description: Level
      enum: [1, two, 3]
""",
        [
            "plugin.yaml:10:17: error: config.properties.level.enum[1]: expected an integer, got a string ('two')",
        ],
    ),
    Case(
        'property_pattern_on_integer',
        """\
config:
  properties:
    port:
      type: integer
      description: Port
      pattern: "^[0-9]+$"
""",
        [
            "plugin.yaml:10:7: error: config.properties.port.pattern: 'pattern' does not apply to integer properties",
        ],
    ),
    Case(
        'property_minimum_on_string',
        """\
config:
  properties:
    greeting:
      type: string
      description: Text
      minimum: 1
""",
        [
            "plugin.yaml:10:7: error: config.properties.greeting.minimum: 'minimum' does not apply to string properties",
        ],
    ),
    Case(
        'property_float_minimum_for_integer',
        """\
config:
  properties:
    port:
      type: integer
      description: Port
      minimum: 0.5
""",
        [
            'plugin.yaml:10:16: error: config.properties.port.minimum: expected an integer (the property is an integer), got a number (0.5)',
        ],
    ),
    Case(
        'property_struct_name_clash',
        """\
config:
  properties:
    tls_opts:
      type: object
      description: A
      properties: {}
    tlsOpts:
      type: object
      description: B
      properties: {}
""",
        [
            "plugin.yaml:11:5: error: config.properties.tlsOpts: the generated struct name 'Config_TlsOpts' is also the struct of config.properties.tls_opts",
        ],
    ),
    Case(
        'property_nested_errors',
        """\
config:
  properties:
    tls:
      type: object
      description: TLS
      properties:
        client:
          type: object
          description: Client
          properties:
            port: {type: integer, description: Port, minimum: 1, maximum: 65535, default: 0}
""",
        [
            'plugin.yaml:15:91: error: config.properties.tls.properties.client.properties.port.default: expected a value >= 1, got 0',
        ],
    ),
    Case(
        'many_errors_at_once',
        """\
name: Hello
version: 1.0
desciption: d
source:
  id: 0
  name: syscall
layouts:
  - name: a
    members:
      - {name: m, type: u128}
      - {name: m, type: u8}
""",
        [
            "plugin.yaml:1:1: error: (root): missing required key 'contact'",
            "plugin.yaml:1:1: error: (root): missing required key 'description'",
            "plugin.yaml:1:7: error: name: invalid plugin name 'Hello': use lowercase letters, digits, '-' and '_', starting with a letter",
            'plugin.yaml:2:10: error: version: expected a string, got a number (1.0); quote it: "1.0"',
            "plugin.yaml:3:1: error: desciption: unknown key 'desciption' (did you mean 'description'?)",
            "plugin.yaml:5:7: error: source.id: 0 means 'no event source' and cannot be a source id; use 999 for development, your registered id, or a private id (1073741824..2147483647)",
            "plugin.yaml:6:9: error: source.name: 'syscall' is the source of kernel events: libsinsp refuses plugins that claim it",
            "plugin.yaml:10:25: error: layouts[0].members[0].type: expected one of u8, u16, u32, u64, i8, i16, i32, i64, bool, string, bytes, abstime, reltime, ipv4, ipv6; got 'u128'",
            "plugin.yaml:11:16: error: layouts[0].members[1].name: duplicate member name 'm' (first defined at line 10)",
        ],
        base=False,
    ),
]

# ---- fields, extract and layout encodings -----------------------------------------------------

CASES += [
    Case(
        'fields_empty_list',
        """\
fields: []
""",
        [
            'plugin.yaml:5:9: error: fields: remove `fields` or declare at least one field (the host refuses a plugin with no fields)',
        ],
    ),
    Case(
        'fields_item_not_a_mapping',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields: [hello.text]
""",
        [
            "plugin.yaml:11:10: error: fields[0]: expected a mapping, got a string ('hello.text')",
        ],
    ),
    Case(
        'field_missing_required_keys',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - computed: true
""",
        [
            "plugin.yaml:12:5: error: fields[0]: missing required key 'description'",
            "plugin.yaml:12:5: error: fields[0]: missing required key 'name'",
            "plugin.yaml:12:5: error: fields[0]: missing required key 'type'",
        ],
    ),
    Case(
        'field_unknown_key',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, descripton: d, computed: true}
""",
        [
            "plugin.yaml:12:5: error: fields[0]: missing required key 'description'",
            "plugin.yaml:12:38: error: fields[0].descripton: unknown key 'descripton' (did you mean 'description'?)",
        ],
    ),
    Case(
        'field_name_without_dot',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: text, type: string, description: d, computed: true}
""",
        [
            "plugin.yaml:12:12: error: fields[0].name: invalid field name 'text': use lowercase parts joined by dots, each of letters, digits and '_' starting with a letter, with at least one dot (e.g. hello.text)",
        ],
    ),
    Case(
        'field_name_uppercase',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: Hello.Text, type: string, description: d, computed: true}
""",
        [
            "plugin.yaml:12:12: error: fields[0].name: invalid field name 'Hello.Text': use lowercase parts joined by dots, each of letters, digits and '_' starting with a letter, with at least one dot (e.g. hello.text)",
        ],
    ),
    Case(
        'field_name_block_scalar_newline',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - name: |
      hello.text
    type: string
    description: d
    computed: true
""",
        [
            "plugin.yaml:12:11: error: fields[0].name: invalid field name 'hello.text\\n': use lowercase parts joined by dots, each of letters, digits and '_' starting with a letter, with at least one dot (e.g. hello.text)",
        ],
    ),
    Case(
        'field_duplicate_name',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, computed: true}
  - {name: hello.text, type: uint64, description: d, computed: true}
""",
        [
            "plugin.yaml:13:12: error: fields[1].name: duplicate field name 'hello.text' (first defined at line 12)",
        ],
    ),
    Case(
        'field_prefix_mismatch',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, computed: true}
  - {name: hi.text, type: string, description: d, computed: true}
""",
        [
            "plugin.yaml:13:12: error: fields[1].name: field 'hi.text' does not start with 'hello.', the prefix of the first field (line 12): all fields of a plugin share one prefix",
        ],
    ),
    Case(
        'field_prefix_libsinsp_class',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: proc.name, type: string, description: d, computed: true}
  - {name: proc.pid, type: uint64, description: d, computed: true}
""",
        [
            "plugin.yaml:12:12: error: fields[0].name: the prefix 'proc' is a libsinsp field class (container, evt, evtin, fd, fdlist, fs, group, k8s, mesos, plugin, proc, procinfo, span, syslog, thread, user): field names must not reuse a libsinsp class; choose a prefix of your own, such as the plugin name",
        ],
    ),
    Case(
        'field_cpp_name_collision',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.a_b, type: string, description: d, computed: true}
  - {name: hello.a.b, type: string, description: d, computed: true}
""",
        [
            "plugin.yaml:13:12: error: fields[1].name: field name 'hello.a.b' becomes the C++ method extract_hello_a_b, like field 'hello.a_b' (line 12); rename one of them",
        ],
    ),
    Case(
        'field_cpp_name_reserved',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello_.x, type: string, description: d, computed: true}
""",
        [
            "plugin.yaml:12:12: error: fields[0].name: field name 'hello_.x' becomes the C++ name 'hello__x', which C++ reserves (names containing '__'); do not end a part with '_'",
        ],
    ),
    Case(
        'field_bad_type',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: int, description: d, computed: true}
""",
        [
            "plugin.yaml:12:27: error: fields[0].type: expected one of string, uint64, bool, reltime, abstime, ipaddr, ipnet; got 'int'",
        ],
    ),
    Case(
        'field_empty_description',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: "", computed: true}
""",
        [
            'plugin.yaml:12:48: error: fields[0].description: must not be empty',
        ],
    ),
    Case(
        'field_blank_description',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: "  ", computed: true}
""",
        [
            'plugin.yaml:12:48: error: fields[0].description: must not be blank',
        ],
    ),
    Case(
        'field_without_binding',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - name: hello.n
    type: uint64
    description: d
""",
        [
            'plugin.yaml:12:5: error: fields[0]: a field needs one of from, param, json, table, computed',
        ],
    ),
    Case(
        'field_two_bindings',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - name: hello.text
    type: string
    description: d
    from: greeting.text
    computed: true
""",
        [
            'plugin.yaml:16:5: error: fields[0].computed: `from` and `computed` are both set: a field has exactly one binding (from, param, json, table or computed); keep one',
        ],
    ),
    Case(
        'field_three_bindings',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - name: hello.text
    type: string
    description: d
    json: /text
    from: greeting.text
    computed: true
""",
        [
            'plugin.yaml:16:5: error: fields[0].from: `json`, `from` and `computed` are all set: a field has exactly one binding (from, param, json, table or computed); keep one',
        ],
    ),
    Case(
        'field_computed_false',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: false}
""",
        [
            'plugin.yaml:12:61: error: fields[0].computed: `computed: false` means nothing: bind the field with `from` or `json`, or write `computed: true`',
        ],
    ),
    Case(
        'field_computed_not_boolean',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: yes}
""",
        [
            'plugin.yaml:12:61: error: fields[0].computed: yes is a YAML 1.1 boolean (true); write true, or quote it for a string',
        ],
    ),
    Case(
        'field_from_unknown_layout',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: greting.text}
""",
        [
            "plugin.yaml:12:60: error: fields[0].from: no layout 'greting' (did you mean 'greeting'?)",
        ],
    ),
    Case(
        'field_from_unknown_layout_no_layouts',
        """\
fields:
  - {name: hello.text, type: string, description: d, from: greeting.text}
""",
        [
            'plugin.yaml:5:1: error: fields: a plugin without a source extracts from the events of other sources: name them in extract.sources (e.g. [syscall])',
            "plugin.yaml:6:60: error: fields[0].from: no layout 'greeting' (the manifest has no layouts)",
        ],
    ),
    Case(
        'field_from_unknown_member',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: greeting.txt}
""",
        [
            "plugin.yaml:12:60: error: fields[0].from: layout 'greeting' has no member 'txt' (did you mean 'text'?)",
        ],
    ),
    Case(
        'field_from_not_a_reference',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: greeting}
""",
        [
            "plugin.yaml:12:60: error: fields[0].from: invalid member reference 'greeting': write layout.member (e.g. greeting.text)",
        ],
    ),
    Case(
        'field_from_type_mismatch',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, from: greeting.text}
""",
        [
            "plugin.yaml:12:57: error: fields[0].from: field type uint64 cannot be bound to member 'text' (string) of layout 'greeting'; bind it to a member of type u8, u16, u32, u64, i8, i16, i32, i64",
        ],
    ),
    Case(
        'field_from_type_mismatch_one_type',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.t, type: string, description: d, from: [greeting.count]}
""",
        [
            "plugin.yaml:12:58: error: fields[0].from[0]: field type string cannot be bound to member 'count' (u32) of layout 'greeting'; bind it to a member of type string",
        ],
    ),
    Case(
        'field_from_ipnet',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.net, type: ipnet, description: d, from: greeting.text}
""",
        [
            'plugin.yaml:12:58: error: fields[0].from: field type ipnet cannot be bound to a member (no member type holds a network); use `json` or `computed`',
        ],
    ),
    Case(
        'field_from_with_list',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, list: true, from: greeting.text}
""",
        [
            "plugin.yaml:12:60: error: fields[0].list: a field bound with `from` holds its member's one value: remove `list: true`, or make the field computed",
        ],
    ),
    Case(
        'field_from_with_arg',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, arg: {index: true}, from: greeting.text}
""",
        [
            'plugin.yaml:12:54: error: fields[0].arg: a field bound with `from` takes no argument (a member holds one value): remove `arg`, or make the field computed',
        ],
    ),
    Case(
        'field_from_two_members_of_one_layout',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: [greeting.text, greeting.count]}
""",
        [
            "plugin.yaml:12:76: error: fields[0].from[1]: 'greeting.count': the field already reads layout 'greeting' (greeting.text); bind at most one member per layout",
        ],
    ),
    Case(
        'field_from_duplicate_entries',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: [greeting.text, greeting.text]}
""",
        [
            'plugin.yaml:12:60: error: fields[0].from: contains duplicate values',
        ],
    ),
    Case(
        'field_from_empty_list',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: []}
""",
        [
            'plugin.yaml:12:60: error: fields[0].from: list at least one layout.member, or remove `from`',
        ],
    ),
    Case(
        'field_from_json_layout',
        """\
source: {id: 999, name: hello}
layouts:
  - name: record
    encoding: json
fields:
  - {name: hello.text, type: string, description: d, from: record.text}
""",
        [
            "plugin.yaml:10:60: error: fields[0].from: layout 'record' is a json layout (no members): read it with `json:` and a JSON pointer",
        ],
    ),
    Case(
        'field_json_without_json_layout',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, json: /text}
""",
        [
            'plugin.yaml:12:60: error: fields[0].json: a json field needs a layout with encoding: json',
        ],
    ),
    Case(
        'field_json_pointer_without_slash',
        """\
source: {id: 999, name: hello}
layouts:
  - name: record
    encoding: json
fields:
  - {name: hello.user, type: string, description: d, json: user/name}
""",
        [
            "plugin.yaml:10:60: error: fields[0].json: invalid JSON pointer 'user/name': a pointer starts with '/' (e.g. '/user/name'), or is '' for the whole document",
        ],
    ),
    Case(
        'field_json_pointer_bad_escape',
        """\
source: {id: 999, name: hello}
layouts:
  - name: record
    encoding: json
fields:
  - {name: hello.user, type: string, description: d, json: /a~2b}
""",
        [
            "plugin.yaml:10:60: error: fields[0].json: invalid JSON pointer '/a~2b': write '~' as ~0 and a '/' inside a key as ~1 (RFC 6901)",
        ],
    ),
    Case(
        'field_json_pointer_not_a_string',
        """\
source: {id: 999, name: hello}
layouts:
  - name: record
    encoding: json
fields:
  - {name: hello.n, type: uint64, description: d, json: 0}
""",
        [
            'plugin.yaml:10:57: error: fields[0].json: expected a string, got an integer (0); quote it: "0"',
        ],
    ),
    Case(
        'field_arg_neither_index_nor_key',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, arg: {}, computed: true}
""",
        [
            'plugin.yaml:12:51: error: fields[0].arg: set `index: true` (hello.n[0]), `key: true` (hello.n[text]) or both: an argument that is neither means nothing',
        ],
    ),
    Case(
        'field_arg_required_alone',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, arg: {required: true}, computed: true}
""",
        [
            'plugin.yaml:12:67: error: fields[0].arg.required: `required: true` needs `index: true` or `key: true` (the host refuses to load a required argument that is neither)',
        ],
    ),
    Case(
        'field_arg_unknown_key',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, arg: {idx: true}, computed: true}
""",
        [
            "plugin.yaml:12:57: error: fields[0].arg.idx: unknown key 'idx' (did you mean 'index'?)",
        ],
    ),
    Case(
        'field_properties_unknown',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, properties: [infos], computed: true}
""",
        [
            "plugin.yaml:12:64: error: fields[0].properties[0]: expected one of hidden, info, conversation; got 'infos'",
        ],
    ),
    Case(
        'field_properties_duplicate',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, properties: [info, info], computed: true}
""",
        [
            'plugin.yaml:12:63: error: fields[0].properties: contains duplicate values',
        ],
    ),
    Case(
        'field_list_yaml11_boolean',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, list: yes, computed: true}
""",
        [
            'plugin.yaml:12:57: error: fields[0].list: yes is a YAML 1.1 boolean (true); write true, or quote it for a string',
        ],
    ),
    Case(
        'field_add_output_string',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, add_output: "true", computed: true}
""",
        [
            "plugin.yaml:12:63: error: fields[0].add_output: expected a boolean (true or false), got a string ('true')",
        ],
    ),
    Case(
        'extract_without_fields',
        """\
extract: {event_types: [322]}
""",
        [
            'plugin.yaml:5:1: error: extract: `extract` applies to fields: declare `fields`, or remove `extract`',
        ],
    ),
    Case(
        'extract_only_plugin_without_extract',
        """\
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
""",
        [
            'plugin.yaml:5:1: error: fields: a plugin without a source extracts from the events of other sources: name them in extract.sources (e.g. [syscall])',
        ],
    ),
    Case(
        'extract_only_plugin_without_sources',
        """\
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  event_types: [3]
""",
        [
            "plugin.yaml:7:1: error: extract: missing required key 'sources' (a plugin without a source must name the sources it extracts from)",
        ],
    ),
    Case(
        'extract_only_plugin_empty_sources',
        """\
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  sources: []
""",
        [
            'plugin.yaml:8:12: error: extract.sources: a plugin without a source must name the sources it extracts from (e.g. [syscall])',
        ],
    ),
    Case(
        'extract_empty_sources_with_source',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  sources: []
""",
        [
            "plugin.yaml:14:12: error: extract.sources: an empty list: leave `sources` out to extract from the plugin's own source only",
        ],
    ),
    Case(
        'extract_sources_without_own_source',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.text, type: string, description: d, from: greeting.text}
extract:
  sources: [syscall]
""",
        [
            "plugin.yaml:14:12: error: extract.sources: does not list the plugin's own source 'hello', but fields bound with `from` or `json` read only its events; add 'hello'",
        ],
    ),
    Case(
        'extract_sources_bad_and_duplicate',
        """\
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  sources: [Syscall, k8s_audit, k8s_audit]
""",
        [
            'plugin.yaml:8:12: error: extract.sources: contains duplicate values',
            "plugin.yaml:8:13: error: extract.sources[0]: invalid source name 'Syscall': use lowercase letters, digits and '_', starting with a letter",
        ],
    ),
    Case(
        'extract_event_types_out_of_range',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  event_types: [322, 70000, -1, x]
""",
        [
            'plugin.yaml:14:22: error: extract.event_types[1]: expected a value <= 65535, got 70000',
            'plugin.yaml:14:29: error: extract.event_types[2]: expected a value >= 0, got -1',
            "plugin.yaml:14:33: error: extract.event_types[3]: unknown kernel event 'x'",
        ],
    ),
    Case(
        'extract_event_types_duplicate',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  event_types: [322, 322]
""",
        [
            'plugin.yaml:14:16: error: extract.event_types: contains duplicate values',
        ],
    ),
    Case(
        'event_types_unknown_names',
        """\
fields:
  - {name: k.n, type: uint64, description: d, computed: true}
extract:
  sources: [syscall]
  event_types: [opnat_x, openat, PPME_SYSCALL_OPENAT_9_X, close_range_e, 3, open-x]
parse:
  sources: [syscall]
  event_types: [execve_y]
""",
        [
            "plugin.yaml:9:17: error: extract.event_types[0]: unknown kernel event 'opnat_x' (did you mean openat_x, openat2_x, openat_e, openat?)",
            "plugin.yaml:9:34: error: extract.event_types[2]: unknown kernel event 'PPME_SYSCALL_OPENAT_9_X' (did you mean PPME_SYSCALL_OPENAT_2_X, PPME_SYSCALL_OPENAT_X, PPME_SYSCALL_OPENAT2_X, PPME_SYSCALL_OPENAT_2_E?)",
            'plugin.yaml:9:59: error: extract.event_types[3]: close_range_e: the driver has no enter event of close_range (it has: close_range_x)',
            "plugin.yaml:9:77: error: extract.event_types[5]: invalid value 'open-x': use an event code, or a kernel event name of letters, digits and '_' (e.g. openat_x)",
            "plugin.yaml:12:17: error: parse.event_types[0]: unknown kernel event 'execve_y' (did you mean execve_x, execve_e, execve, execveat_x?)",
        ],
    ),
    Case(
        'param_binding_errors',
        """\
fields:
  - {name: k.a, type: string, description: d, param: [opnat_x.name, openat_x.nme, openat.name]}
  - {name: k.b, type: uint64, description: d, param: openat_x.name}
  - {name: k.c, type: string, description: d, param: [openat_x.fd, open_x.name, open_x.flags]}
  - {name: k.d, type: string, description: d, param: pluginevent_e.data, list: true, arg: {index: true}}
  - {name: k.e, type: string, description: d, param: execve_x.exe}
  - {name: k.f, type: ipnet, description: d, param: openat_x.fd}
  - {name: k.g, type: string, description: d, param: openat_x}
  - {name: k.h, type: string, description: d, param: openat_x.name, computed: true}
extract:
  sources: [syscall]
  event_types: [openat_x, open_x]
""",
        [
            "plugin.yaml:6:55: error: fields[0].param[0]: 'opnat_x.name': unknown kernel event 'opnat_x' (did you mean openat_x, openat2_x, openat_e, openat?)",
            "plugin.yaml:6:69: error: fields[0].param[1]: 'openat_x.nme': PPME_SYSCALL_OPENAT_2_X has no parameter 'nme' (it has: fd, dirfd, name, flags, mode, dev, ino)",
            "plugin.yaml:6:83: error: fields[0].param[2]: 'openat.name': openat is openat_e and openat_x: name one event",
            "plugin.yaml:7:54: error: fields[1].param: field type uint64 cannot hold 'openat_x.name' (PT_FSRELPATH, read as std::string_view); use a field of type string",
            "plugin.yaml:8:55: error: fields[2].param[0]: field type string cannot hold 'openat_x.fd' (PT_FD, read as int64_t); use a field of type uint64",
            "plugin.yaml:8:81: error: fields[2].param[2]: 'open_x.flags': the field already reads open_x (open_x.name); bind at most one parameter per event",
            "plugin.yaml:9:54: error: fields[3].param: 'pluginevent_e.data': pluginevent_e is the plugin event, not a kernel event",
            "plugin.yaml:9:74: error: fields[3].list: a field bound with `param` holds the parameter's one value: remove `list: true`, or make the field computed",
            "plugin.yaml:9:86: error: fields[3].arg: a field bound with `param` holds the parameter's one value: remove `arg`, or make the field computed",
            "plugin.yaml:10:54: error: fields[4].param: 'execve_x.exe': extract.event_types does not include its event (code 293): add execve_x",
            "plugin.yaml:11:53: error: fields[5].param: field type ipnet cannot hold 'openat_x.fd' (PT_FD, read as int64_t); use a field of type uint64",
            "plugin.yaml:12:54: error: fields[6].param: invalid kernel event parameter 'openat_x': write event.parameter (e.g. openat_x.name)",
            'plugin.yaml:13:69: error: fields[7].computed: `param` and `computed` are both set: a field has exactly one binding (from, param, json, table or computed); keep one',
        ],
    ),
    Case(
        'layout_named_like_a_kernel_event',
        """\
layouts:
  - name: openat_x
    members:
      - {name: fd, type: i64}
fields:
  - {name: k.n, type: string, description: d, param: openat_x.name}
extract:
  sources: [syscall]
""",
        [
            "plugin.yaml:6:11: error: layouts[0].name: layout 'openat_x' and the kernel event openat_x the plugin reads would both be Event::as_openat_x(); rename the layout",
        ],
    ),
    Case(
        'param_binding_needs_syscall',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
fields:
  - {name: hello.file, type: string, description: d, param: openat_x.name}
""",
        [
            "plugin.yaml:11:61: error: fields[0].param: 'openat_x.name' is a kernel event parameter, but extract.sources does not list syscall: add it",
        ],
    ),
    Case(
        'extract_unknown_key',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  value_offset: true
""",
        [
            "plugin.yaml:14:3: error: extract.value_offset: unknown key 'value_offset' (did you mean 'value_offsets'?)",
        ],
    ),
    Case(
        'extract_value_offsets_not_boolean',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - {name: hello.n, type: uint64, description: d, computed: true}
extract:
  value_offsets: 1
""",
        [
            'plugin.yaml:14:18: error: extract.value_offsets: expected a boolean (true or false), got an integer (1)',
        ],
    ),
    Case(
        'layout_json_with_members',
        """\
layouts:
  - name: record
    encoding: json
    members: [{name: a, type: u8}]
""",
        [
            "plugin.yaml:8:5: error: layouts[0].members: 'members' does not apply to a json layout (its event data is the JSON document itself; fields read it with `json:` pointers)",
        ],
    ),
    Case(
        'layout_json_with_tag',
        """\
layouts:
  - name: record
    encoding: json
    tag: 2
""",
        [
            "plugin.yaml:8:5: error: layouts[0].tag: 'tag' does not apply to a json layout (its event data is the JSON document itself; fields read it with `json:` pointers)",
        ],
    ),
    Case(
        'layout_json_not_the_only_layout',
        """\
layouts:
  - name: record
    encoding: json
  - name: other
    members: [{name: a, type: u8}]
""",
        [
            'plugin.yaml:7:15: error: layouts[0].encoding: a json layout must be the only layout of the manifest (its events carry no tag to tell layouts apart); this manifest has 2 layouts',
        ],
    ),
    Case(
        'layout_unknown_encoding',
        """\
layouts:
  - name: record
    encoding: xml
    members: [{name: a, type: u8}]
""",
        [
            "plugin.yaml:7:15: error: layouts[0].encoding: expected one of binary, json; got 'xml'",
        ],
    ),
    Case(
        'layout_binary_without_members',
        """\
layouts:
  - name: record
    encoding: binary
""",
        [
            "plugin.yaml:6:5: error: layouts[0]: missing required key 'members'",
        ],
    ),
    Case(
        'fields_many_errors_at_once',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: string}
      - {name: count, type: u32}
fields:
  - name: hello.text
    type: uint64
    description: d
    from: [greeting.text, greeting.count]
    list: true
  - name: other.x
    type: text
    description: ""
  - name: hello.text
    type: string
    description: d
    json: /a~
    arg: {required: true}
extract:
  sources: []
  event_types: [322, 322]
""",
        [
            "plugin.yaml:15:12: error: fields[0].from[0]: field type uint64 cannot be bound to member 'text' (string) of layout 'greeting'; bind it to a member of type u8, u16, u32, u64, i8, i16, i32, i64",
            "plugin.yaml:15:27: error: fields[0].from[1]: 'greeting.count': the field already reads layout 'greeting' (greeting.text); bind at most one member per layout",
            "plugin.yaml:16:11: error: fields[0].list: a field bound with `from` holds its member's one value: remove `list: true`, or make the field computed",
            'plugin.yaml:17:5: error: fields[1]: a field needs one of from, param, json, table, computed',
            "plugin.yaml:17:11: error: fields[1].name: field 'other.x' does not start with 'hello.', the prefix of the first field (line 12): all fields of a plugin share one prefix",
            "plugin.yaml:18:11: error: fields[1].type: expected one of string, uint64, bool, reltime, abstime, ipaddr, ipnet; got 'text'",
            'plugin.yaml:19:18: error: fields[1].description: must not be empty',
            "plugin.yaml:20:11: error: fields[2].name: duplicate field name 'hello.text' (first defined at line 12)",
            "plugin.yaml:23:11: error: fields[2].json: invalid JSON pointer '/a~': write '~' as ~0 and a '/' inside a key as ~1 (RFC 6901)",
            'plugin.yaml:24:21: error: fields[2].arg.required: `required: true` needs `index: true` or `key: true` (the host refuses to load a required argument that is neither)',
            "plugin.yaml:26:12: error: extract.sources: an empty list: leave `sources` out to extract from the plugin's own source only",
            'plugin.yaml:27:16: error: extract.event_types: contains duplicate values',
        ],
    ),
    # A member name or type that is not a string: the schema's error, and no crash of the rule that
    # looks the member up for a field's `from`.
    Case(
        'from_member_names_not_strings',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: [text], type: string}
      - {name: {a: 1}, type: string}
fields:
  - {name: hello.text, type: string, description: d, from: greeting.text}
""",
        [
            'plugin.yaml:9:16: error: layouts[0].members[0].name: expected a string, got a list',
            'plugin.yaml:10:16: error: layouts[0].members[1].name: expected a string, got a mapping',
            "plugin.yaml:12:60: error: fields[0].from: layout 'greeting' has no member 'text' (the manifest has no members)",
        ],
    ),
    Case(
        'from_member_type_not_a_string',
        """\
source: {id: 999, name: hello}
layouts:
  - name: greeting
    members:
      - {name: text, type: [string]}
fields:
  - {name: hello.text, type: string, description: d, from: greeting.text}
""",
        [
            'plugin.yaml:9:28: error: layouts[0].members[0].type: expected one of u8, u16, u32, u64, i8, i16, i32, i64, bool, string, bytes, abstime, reltime, ipv4, ipv6; got a list',
        ],
    ),
    Case(
        'metric_duplicate_name',
        "metrics:\n  - {name: seen}\n  - {name: seen}\n",
        [
            "plugin.yaml:7:12: error: metrics[1].name: duplicate metric name 'seen' (first defined at line 6)",
        ],
    ),
    Case(
        'metric_name_keyword',
        "metrics:\n  - {name: class}\n",
        [
            "plugin.yaml:6:12: error: metrics[0].name: metric name 'class' is a C++ keyword",
        ],
    ),
    Case(
        'metric_bad_type_and_value',
        "metrics:\n  - {name: seen, type: gauge, value: u8}\n",
        [
            "plugin.yaml:6:24: error: metrics[0].type: expected one of monotonic, non_monotonic; got 'gauge'",
            "plugin.yaml:6:38: error: metrics[0].value: expected one of uint64, uint32, int64, int32, double, float; got 'u8'",
        ],
    ),
    Case(
        'metric_name_trailing_newline',
        'metrics:\n  - name: "seen\\n"\n',
        [
            "plugin.yaml:6:11: error: metrics[0].name: invalid value 'seen\\n': use lowercase letters, digits and '_', starting with a letter",
        ],
    ),
    Case(
        'metrics_empty',
        "metrics: []\n",
        [
            "plugin.yaml:5:10: error: metrics: must not be an empty list",
        ],
    ),
    Case(
        'config_reloadable_yaml11',
        "config:\n  reloadable: yes\n  properties: {}\n",
        [
            "plugin.yaml:6:15: error: config.reloadable: yes is a YAML 1.1 boolean (true); write true, or quote it for a string",
        ],
    ),
    Case(
        'async_event_listed_twice',
        """\
async:
  events:
    - name: tick
    - name: tick
""",
        [
            "plugin.yaml:8:13: error: async.events[1].name: async event 'tick' is listed twice (also async.events[0])",
        ],
    ),
    Case(
        'async_event_unknown_layout',
        """\
async:
  events:
    - {name: tick, layout: nope}
""",
        [
            "plugin.yaml:7:28: error: async.events[0].layout: 'nope' is not a layout of this manifest",
        ],
    ),
    Case(
        'async_event_json_layout',
        """\
layouts:
  - {name: doc, encoding: json}
async:
  events:
    - {name: tick, layout: doc}
""",
        [
            "plugin.yaml:9:28: error: async.events[0].layout: layout 'doc' is a json layout: the payload of an async event is a binary layout or raw bytes",
        ],
    ),
    Case(
        'async_without_events',
        """\
async:
  dump_state: true
""",
        [
            "plugin.yaml:5:1: error: async: missing required key 'events'",
        ],
    ),
    Case(
        'capture_listening_not_boolean',
        "capture_listening: sometimes\n",
        [
            "plugin.yaml:5:20: error: capture_listening: expected a boolean (true or false), got a string ('sometimes')",
        ],
    ),
    Case(
        'capture_listening_yaml11',
        "capture_listening: on\n",
        [
            "plugin.yaml:5:20: error: capture_listening: on is a YAML 1.1 boolean (true); write true, or quote it for a string",
        ],
    ),
    Case(
        'publish_maintainer_without_name',
        "publish:\n  maintainers: [{email: a@b.c}]\n",
        ["plugin.yaml:6:17: error: publish.maintainers[0]: missing required key 'name'"],
    ),
    Case(
        'publish_unknown_key',
        "publish:\n  licence: MIT\n",
        ["plugin.yaml:6:3: error: publish.licence: unknown key 'licence' (did you mean 'license'?)"],
    ),
]
