"""falcogen: generate Falco plugins (plugin API 3.x) from a YAML manifest."""

__version__ = "1.0.0"
