"""The public API: load_manifest, ManifestError, Diagnostic, required_api_version."""
from __future__ import annotations

import os
import pathlib

import pytest

from falcogen.manifest import (
    Diagnostic,
    ManifestError,
    format_key_path,
    load_manifest,
    load_manifest_text,
    required_api_version,
)
from falcogen.manifest.apiversion import FEATURE_API_VERSIONS

MINIMAL = "name: hello\nversion: 0.1.0\ndescription: d\ncontact: c\n"


def test_diagnostic_format():
    d = Diagnostic("plugin.yaml", 12, 7, "layouts[0].members[1].type",
                   "expected one of u8, u16, u32, u64, i8, i16, i32, i64, bool, string, bytes, abstime, reltime, "
                   "ipv4, ipv6; got 'u128'")
    assert d.format() == (
        "plugin.yaml:12:7: error: layouts[0].members[1].type: expected one of u8, u16, u32, u64, i8, i16, i32, "
        "i64, bool, string, bytes, abstime, reltime, ipv4, ipv6; got 'u128'")
    assert str(d) == d.format()
    assert Diagnostic("p.yaml", 3, 1, "", "YAML syntax error: x").format() == "p.yaml:3:1: error: YAML syntax error: x"
    assert Diagnostic("p.yaml", 0, 0, "", "cannot read: Permission denied").format() == (
        "p.yaml: error: cannot read: Permission denied")


def test_format_key_path():
    assert format_key_path(()) == "(root)"
    assert format_key_path(("source", "id")) == "source.id"
    assert format_key_path(("layouts", 1, "members", 0, "name")) == "layouts[1].members[0].name"
    assert format_key_path(("config", "properties", "tls", "properties", "port", "minimum")) == (
        "config.properties.tls.properties.port.minimum")


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope" / "plugin.yaml")
    with pytest.raises(ManifestError) as info:
        load_manifest(path)
    assert [d.format() for d in info.value.diagnostics] == ["%s: error: cannot read: No such file or directory" % path]


def test_missing_file_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ManifestError) as info:
        load_manifest("plugin.yaml")
    assert str(info.value) == "plugin.yaml: error: cannot read: No such file or directory"


def test_directory(tmp_path):
    with pytest.raises(ManifestError) as info:
        load_manifest(str(tmp_path))
    assert str(info.value) == "%s: error: cannot read: Is a directory" % tmp_path


def test_not_utf8(tmp_path):
    path = tmp_path / "plugin.yaml"
    path.write_bytes(b"name: hello\nversion: 0.1.0\ndescription: caf\xe9 \xff\ncontact: c\n")
    with pytest.raises(ManifestError) as info:
        load_manifest(str(path))
    assert str(info.value) == "%s:3:17: error: not valid UTF-8 (byte 0xe9); save the manifest as UTF-8" % path


def test_utf8_with_bom_and_path_object(tmp_path):
    path = tmp_path / "plugin.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.replace("description: d", "description: caf\u00e9").encode("utf-8"))
    plugin = load_manifest(path)  # os.PathLike works too
    assert plugin.description == "caf\u00e9"
    assert plugin.manifest_path == str(path)


def test_utf16_is_not_utf8(tmp_path):
    path = tmp_path / "plugin.yaml"
    path.write_bytes(MINIMAL.encode("utf-16"))
    with pytest.raises(ManifestError) as info:
        load_manifest(str(path))
    assert "not valid UTF-8" in str(info.value)


def test_file_name_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.mkdir("sub")
    pathlib.Path("sub/plugin.yaml").write_text(MINIMAL + "bogus: 1\n")
    with pytest.raises(ManifestError) as info:
        load_manifest("sub/plugin.yaml")
    assert str(info.value).startswith("sub/plugin.yaml:5:1: error: bogus: unknown key 'bogus'")


def test_all_errors_at_once_sorted():
    text = (
        "name: Bad Name\n"       # 1
        "version: 1.0\n"         # 2
        "contact: c\n"           # 3
        "source:\n"              # 4
        "  id: 0\n"              # 5
        "  name: syscall\n"      # 6
        "layouts:\n"             # 7
        "  - name: a\n"          # 8
        "    members:\n"         # 9
        "      - {name: class, type: u128}\n"  # 10
        "config:\n"              # 11
        "  properties:\n"        # 12
        "    port: {type: integer, description: p, minimum: 9, maximum: 1}\n"  # 13
        "    host: {type: string, description: h, default: 3}\n"  # 14
    )
    with pytest.raises(ManifestError) as info:
        load_manifest_text(text)
    diags = info.value.diagnostics
    assert [(d.line, d.key_path) for d in diags] == [
        (1, "(root)"),
        (1, "name"),
        (2, "version"),
        (5, "source.id"),
        (6, "source.name"),
        (10, "layouts[0].members[0].name"),
        (10, "layouts[0].members[0].type"),
        (13, "config.properties.port.minimum"),
        (14, "config.properties.host.default"),
    ]
    assert diags == sorted(diags, key=lambda d: (d.line, d.col))
    assert all(d.file == "plugin.yaml" for d in diags)


def test_manifest_error_is_an_exception_with_lines():
    with pytest.raises(ManifestError) as info:
        load_manifest_text("name: x\n", "m.yaml")
    assert isinstance(info.value, Exception)
    assert info.value.format() == str(info.value)
    assert str(info.value).splitlines()[0] == "m.yaml:1:1: error: (root): missing required key 'contact'"


def test_text_must_be_str():
    with pytest.raises(TypeError):
        load_manifest_text(b"name: x\n")  # type: ignore[arg-type]


# -- required API version -------------------------------------------------------------------------

def test_required_api_version_baseline():
    assert required_api_version({}) == "3.0.0"
    assert required_api_version([]) == "3.0.0"
    assert required_api_version({"host_logging": False, "sourcing": True}) == "3.0.0"


def test_required_api_version_takes_the_highest():
    assert required_api_version({"host_logging": True}) == "3.3.0"
    assert required_api_version(["host_logging", "subtables"]) == "3.5.0"
    assert required_api_version(["value_offsets", "host_logging", "subtables"]) == "3.11.0"  # 11 > 5 numerically
    assert required_api_version(["state_tables", "value_offsets"]) == "3.11.0"


def test_what_older_hosts_ignore_does_not_raise_the_version():
    # optional exports they never look up, and a field key they do not read
    for feature in ("set_config", "metrics", "dump_state", "event_schema_version", "add_output"):
        assert required_api_version([feature]) == "3.0.0", feature
    assert required_api_version(["host_logging", "metrics", "add_output"]) == "3.3.0"


def test_required_api_version_unknown_feature():
    with pytest.raises(ValueError):
        required_api_version(["time_travel"])


def test_feature_table_versions_are_3x():
    for feature, version in FEATURE_API_VERSIONS.items():
        major, minor, patch = (int(x) for x in version.split("."))
        assert major == 3 and 0 <= minor <= 12 and patch == 0, feature


def test_host_logging_raises_the_version():
    plugin = load_manifest_text(MINIMAL + "host_logging: true\n")
    assert plugin.required_api_version == "3.3.0"
