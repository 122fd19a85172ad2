"""The manifest JSON Schema (schemas/falcogen-manifest.schema.json) and its errors in plain words.

jsonschema's messages are written for JSON documents; here each error becomes a
Diagnostic at the YAML node it is about, worded for a manifest author:
- `required` points at the parent mapping: `missing required key 'contact'`;
- `additionalProperties` points at each unknown key, with a suggestion;
- `type` says what was expected and what was found, with a quoting hint for
  YAML 1.1 scalars (`version: 1.0`, `name: yes`);
- one error per location: a type error hides the other errors of that value.

TRANSLATIONS maps each validator keyword to the function that words its errors.
"""
from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Any, Callable, Dict, List, Optional, Sequence

import jsonschema
from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from . import patterns
from .describe import one_of, quote, shown, shown_or_kind, type_mismatch
from .diagnostics import Diagnostic, KeyPath, format_key_path
from .schemafile import manifest_schema
from .yamlio import Tree


def _is_strict_integer(checker, instance) -> bool:
    # JSON Schema draft 6+ counts 1.0 as an integer; a manifest must say 1.
    return isinstance(instance, int) and not isinstance(instance, bool)


StrictValidator = jsonschema.validators.extend(
    Draft7Validator,
    type_checker=Draft7Validator.TYPE_CHECKER.redefine("integer", _is_strict_integer),
)


@lru_cache(maxsize=None)
def _validator() -> Any:
    return StrictValidator(manifest_schema())


def validator_for(schema: Dict[str, Any]):
    """A draft-07 validator with the manifest's strict integers (1.0 is not an integer)."""
    return StrictValidator(schema)


# What a pattern-checked value is, by the last key of its path.
PATTERN_SUBJECTS = {
    ("name",): "plugin name",
    ("version",): "version",
    ("namespace",): "namespace",
    ("source", "name"): "source name",
}


def _subject(path: KeyPath) -> str:
    if tuple(path) in PATTERN_SUBJECTS:
        return PATTERN_SUBJECTS[tuple(path)]
    if len(path) == 3 and path[0] == "layouts" and path[2] == "name":
        return "layout name"
    if len(path) == 5 and path[0] == "layouts" and path[2] == "members" and path[4] == "name":
        return "member name"
    if len(path) == 3 and path[0] == "extract" and path[1] == "sources":
        return "source name"
    return "value"


def _field_key(path: KeyPath) -> str:
    """('fields', 2, 'from', 0) -> 'from'; '' when the path is not under a field."""
    if len(path) >= 3 and path[0] == "fields" and isinstance(path[1], int) and isinstance(path[2], str):
        return path[2]
    return ""


def json_pointer_message(value: str) -> str:
    if not value.startswith("/"):
        return ("invalid JSON pointer %s: a pointer starts with '/' (e.g. '/user/name'), or is '' for the whole "
                "document" % quote(value))
    return "invalid JSON pointer %s: write '~' as ~0 and a '/' inside a key as ~1 (RFC 6901)" % quote(value)


def pattern_message(path: KeyPath, value: str, pattern: str) -> str:
    subject = _subject(path)
    if path in (("version",), ("acknowledge_breaking_change",)):
        return "invalid version %s: expected a semantic version X.Y.Z (e.g. 0.1.0, 1.2.3-rc.1)" % quote(value)
    if path == ("event_schema_version",):
        return "invalid event schema version %s: expected MAJOR.MINOR.PATCH (e.g. 4.0.0)" % quote(value)
    key = _field_key(path)
    if key == "name" and len(path) == 3:
        return ("invalid field name %s: use lowercase parts joined by dots, each of letters, digits and '_' "
                "starting with a letter, with at least one dot (e.g. hello.text)" % quote(value))
    if key == "from":
        return "invalid member reference %s: write layout.member (e.g. greeting.text)" % quote(value)
    if key == "param":
        return ("invalid kernel event parameter %s: write event.parameter (e.g. openat_x.name)" % quote(value))
    if key == "json" and len(path) == 3:
        return json_pointer_message(value)
    if pattern == r"\S":
        return "must not be blank"
    words = patterns.words(pattern)
    if words:
        return "invalid %s %s: use %s" % (subject, quote(value), words)
    return "%s does not match the pattern %s" % (quote(value), pattern)


def _generic(path: KeyPath) -> str:
    """('layouts', 3, 'members') -> 'layouts[].members'."""
    return format_key_path(["[]" if isinstance(p, int) else p for p in path]).replace(".[]", "[]")


def _in_config(path: KeyPath) -> bool:
    return bool(path) and path[0] == "config"


def _bound_message(error: ValidationError, path: KeyPath) -> str:
    value, bound = error.instance, error.validator_value
    kind = error.validator
    if path == ("source", "id"):
        if kind == "minimum" and value == 0:
            return ("0 means 'no event source' and cannot be a source id; use 999 for development, "
                    "your registered id, or a private id (1073741824..2147483647)")
        if kind == "maximum":
            return ("%s is reserved (ids from 2^31 = 2147483648 up are never assigned); use 999 for development, "
                    "your registered id, or a private id (1073741824..2147483647)" % shown(value))
        return "expected an id from 1 to 2147483647, got %s" % shown(value)
    if len(path) == 3 and path[0] == "layouts" and path[2] == "tag":
        return "expected a tag from 1 to 65535, got %s" % shown(value)
    if path and path[-1] in ("minLength", "maxLength") and _in_config(path):
        return "expected a non-negative integer, got %s" % shown(value)
    if kind == "minimum":
        return "expected a value >= %s, got %s" % (shown(bound), shown(value))
    return "expected a value <= %s, got %s" % (shown(bound), shown(value))


def _items_message(error: ValidationError, path: KeyPath) -> str:
    generic = _generic(path)
    count = len(error.instance) if isinstance(error.instance, list) else 0
    if error.validator == "minItems":
        if generic == "layouts":
            return "a plugin with a source needs at least one layout"
        if generic == "layouts[].members":
            return "a layout needs at least one member"
        if path and path[-1] == "enum":
            return "must list at least one value"
        if generic == "fields":
            return "remove `fields` or declare at least one field (the host refuses a plugin with no fields)"
        if _field_key(path) == "from":
            return "list at least one layout.member, or remove `from`"
        return "must not be an empty list"
    what = {"layouts": "layouts", "layouts[].members": "members"}.get(generic, "items")
    return "too many %s (%d; at most %d)" % (what, count, error.validator_value)


# Why a conditionally required key is required, by (generic parent path suffix, key).
REQUIRED_BECAUSE = {
    "items": "array properties need 'items'",
    "properties": "object properties need 'properties'",
    "separator": "a list value is joined with the separator",
    "layouts": "a plugin with a source needs at least one layout",
}


def _dedupe_required(missing: Sequence[str]) -> List[str]:
    out: List[str] = []
    for m in missing:
        if m not in out:
            out.append(m)
    return out


class Translator:
    """Turns jsonschema errors about a document into Diagnostics at its YAML nodes."""

    def __init__(self, filename: str, data: Any, tree: Tree):
        self.filename = filename
        self.data = data
        self.tree = tree

    def diag_at(self, line_col, path: KeyPath, message: str) -> Diagnostic:
        line, col = line_col
        return Diagnostic(self.filename, line, col, format_key_path(path), message)

    def at_value(self, path: KeyPath, message: str) -> Diagnostic:
        return self.diag_at(self.tree.value_pos(path), path, message)

    def at_key(self, path: KeyPath, message: str) -> Diagnostic:
        return self.diag_at(self.tree.key_pos(path), path, message)

    def translate(self, error: ValidationError, base: KeyPath = ()) -> List[Diagnostic]:
        """The diagnostics of `error`, about the value at `base` in the document."""
        error = _best_alternative(error)
        path: KeyPath = tuple(base) + tuple(error.absolute_path)
        translation = TRANSLATIONS.get(error.validator, _as_jsonschema_says)
        return translation(self, error, path)

    def value_at(self, path: KeyPath) -> Any:
        """The document's value at `path`, or None."""
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return None
        return value


def _best_alternative(error: ValidationError) -> ValidationError:
    """For anyOf/oneOf, the error of the alternative that matched best: it says more than 'none did'."""
    while error.validator in ("anyOf", "oneOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is None:
            break
        error = best
    return error


# -- one translation per validator keyword -----------------------------------------------------------
# Each takes the translator, the error and the path of the value it is about in the document.

Translation = Callable[[Translator, ValidationError, KeyPath], List[Diagnostic]]


def _as_jsonschema_says(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    return [t.at_value(path, error.message)]


def _type(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    return [t.at_value(path, type_mismatch(error.validator_value, error.instance, t.tree.raw(path)))]


def _required(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    """One diagnostic per missing key, at the mapping; with the reason when a condition requires it."""
    if not isinstance(error.instance, dict):
        return []
    schema_path = list(error.absolute_schema_path)
    conditional = "then" in schema_path or "dependencies" in schema_path
    out = []
    for key in _dedupe_required([k for k in error.validator_value if k not in error.instance]):
        message = "missing required key '%s'" % key
        if conditional and key in REQUIRED_BECAUSE:
            message += " (%s)" % REQUIRED_BECAUSE[key]
        out.append(t.at_key(path, message))
    return out


def _unknown_keys(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    """additionalProperties: one diagnostic per unknown key, at the key, with the closest known key."""
    if not isinstance(error.instance, dict):
        return []
    known = list((error.schema or {}).get("properties", {}))
    out = []
    for key in error.instance:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if close:
            message = "unknown key '%s' (did you mean '%s'?)" % (key, close[0])
        else:
            message = "unknown key '%s' (expected one of: %s)" % (key, ", ".join(known))
        out.append(t.at_key(path + (key,), message))
    return out


def _forbidden_key(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    """A key forbidden by a type condition (`pattern` on an integer property, ...): `not: {}` or `false`."""
    if len(path) == 3 and path[0] == "layouts" and path[2] in ("members", "tag"):
        return [t.at_key(path, "'%s' does not apply to a json layout (its event data is the JSON "
                               "document itself; fields read it with `json:` pointers)" % path[2])]
    if len(path) >= 2 and isinstance(path[-1], str):
        owner = t.value_at(path[:-1])
        ptype = owner.get("type") if isinstance(owner, dict) else None
        if isinstance(ptype, str):
            return [t.at_key(path, "'%s' does not apply to %s properties" % (path[-1], ptype))]
    return [t.at_key(path, "this key is not allowed here")]


def _false_schema(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    # A `false` subschema fails with no validator keyword.
    if error.schema is False:
        return _forbidden_key(t, error, path)
    return _as_jsonschema_says(t, error, path)


def _not(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    if error.validator_value == {}:
        return _forbidden_key(t, error, path)
    if path == ("source", "name"):
        if error.instance == "syscall":
            message = "'syscall' is the source of kernel events: libsinsp refuses plugins that claim it"
        else:
            message = "%s is a source name reserved by the plugin registry" % quote(error.instance)
        return [t.at_value(path, message)]
    return _as_jsonschema_says(t, error, path)


def _pattern(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    if "propertyNames" in error.absolute_schema_path:
        # The instance is the offending key itself; the path is its mapping's.
        key_path = path + (error.instance,)
        return [t.at_key(key_path, "invalid property name %s: config property names become C++ members; "
                                   "use letters, digits and '_', not starting with a digit" % quote(error.instance))]
    return [t.at_value(path, pattern_message(path, error.instance, error.validator_value))]


def _enum(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    got = shown_or_kind(error.instance, t.tree.raw(path))
    return [t.at_value(path, "expected one of %s; got %s" % (one_of(error.validator_value), got))]


def _const(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    got = shown_or_kind(error.instance, t.tree.raw(path))
    return [t.at_value(path, "expected %s, got %s" % (shown(error.validator_value), got))]


def _min_length(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    if error.validator_value == 1:
        return [t.at_value(path, "must not be empty")]
    return [t.at_value(path, "too short (%d characters; at least %d)" % (len(error.instance), error.validator_value))]


def _max_length(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    return [t.at_value(path, "too long (%d characters; at most %d)" % (len(error.instance), error.validator_value))]


def _bound(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    return [t.at_value(path, _bound_message(error, path))]


def _exclusive_bound(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    op = ">" if error.validator == "exclusiveMinimum" else "<"
    got = shown(error.instance, t.tree.raw(path))
    return [t.at_value(path, "expected a value %s %s, got %s" % (op, shown(error.validator_value), got))]


def _item_count(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    return [t.at_value(path, _items_message(error, path))]


def _unique_items(t: Translator, error: ValidationError, path: KeyPath) -> List[Diagnostic]:
    return [t.at_value(path, "contains duplicate values")]


# Validator keyword -> its translation; any other keyword keeps jsonschema's own message.
TRANSLATIONS: Dict[Optional[str], Translation] = {
    "type": _type,
    "required": _required,
    "additionalProperties": _unknown_keys,
    None: _false_schema,
    "not": _not,
    "pattern": _pattern,
    "enum": _enum,
    "const": _const,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _exclusive_bound,
    "exclusiveMaximum": _exclusive_bound,
    "minItems": _item_count,
    "maxItems": _item_count,
    "uniqueItems": _unique_items,
}


# Errors about a value itself, most telling first: only the first kind found at a
# value is reported (`''` fails both minLength 1 and the non-blank pattern).
VALUE_PRIORITY = ["type", "enum", "const", "not", "minLength", "maxLength", "pattern", "minimum", "maximum",
                  "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "uniqueItems", "anyOf", "oneOf"]


def _one_per_location(errors: List[ValidationError], base: KeyPath) -> List[ValidationError]:
    """One error per value: the most specific kind. Errors about keys (required,
    unknown or forbidden keys) are all kept: each is about a different key."""
    best: Dict[tuple, int] = {}
    for e in errors:
        if e.validator in VALUE_PRIORITY:
            rank = VALUE_PRIORITY.index(e.validator)
            path = tuple(e.absolute_path)
            best[path] = min(best.get(path, rank), rank)
    out = []
    for e in errors:
        path = tuple(e.absolute_path)
        if e.validator in VALUE_PRIORITY:
            if VALUE_PRIORITY.index(e.validator) == best[path]:
                out.append(e)
        elif path in best and best[path] == 0:
            continue  # not even the right type: nothing else about it matters
        else:
            out.append(e)
    return out


def validate(filename: str, data: Any, tree: Tree) -> List[Diagnostic]:
    """Diagnostics of the whole document against the manifest schema."""
    return validate_with(_validator(), data, Translator(filename, data, tree))


def validate_with(validator, instance: Any, translator: Translator, base: KeyPath = ()) -> List[Diagnostic]:
    """Diagnostics of `instance` (found at `base` in the document) against `validator`'s schema."""
    errors = _one_per_location(list(validator.iter_errors(instance)), base)
    out: List[Diagnostic] = []
    for error in errors:
        out.extend(translator.translate(error, base))
    return out
