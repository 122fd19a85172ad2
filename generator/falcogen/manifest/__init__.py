"""The falcogen manifest: YAML in, a checked falcogen.model.Plugin out.

    from falcogen.manifest import load_manifest, ManifestError, Diagnostic
    try:
        plugin = load_manifest("plugin.yaml")
    except ManifestError as e:
        for d in e.diagnostics:          # every problem of the file, sorted by line/col
            print(d.format())            # plugin.yaml:12:7: error: layouts[0].members[1].type: ...

Pipeline: yamlio (YAML nodes with positions, duplicate keys, YAML 1.1 traps)
-> schema (schemas/falcogen-manifest.schema.json, errors in plain words)
-> rules (C++ names, uniqueness, defaults) -> builder (the model).
The format is documented in docs/manifest.md.
"""
from .apiversion import required_api_version
from .diagnostics import Diagnostic, ManifestError, format_key_path
from .loader import load_manifest, load_manifest_text
from .schemafile import manifest_schema

__all__ = [
    "Diagnostic",
    "ManifestError",
    "format_key_path",
    "load_manifest",
    "load_manifest_text",
    "manifest_schema",
    "required_api_version",
]
