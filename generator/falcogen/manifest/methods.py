"""The methods the generated classes ask the author for, derived from the model.

One list serves the generated header (declarations), the lock file (what the
author's code implements, to retire methods the manifest stops asking for) and
`falcogen skeleton` (stubs). Each method names the manifest line that asks for
it: the header puts it on the declaration's line, which g++ quotes when the
author's class lacks the method.
"""
from __future__ import annotations

import textwrap
from typing import List, Optional, Tuple

from ..model import FIELD_VALUE_TYPES, Async, AuthorMethod, Field, Layout, Param, Parse, Source

NEXT_BATCH_DOC = (
    "Adds the next events to `batch` (it is empty on entry; its memory is reused across calls). Return ok when "
    "events were added, timeout when none are ready yet (do not block for long: tens of ms at most), eof when the "
    "source is exhausted (events added in this call still count). Throw to fail the capture with a message."
)
PROGRESS_DOC = (
    "Progress of the capture between 0.0 and 1.0 (manifest: source.progress). Optionally set `text` to a "
    "human-readable form of it."
)
OPEN_DOC = (
    "Opens a capture; `params` are the open params, an opaque string (Falco's open_params). Throw falcogen::Error "
    "to fail plugin_open with a message."
)
TYPED_OPEN_DOC = (
    "Opens a capture; `params` are the open params read and checked as source.open says (empty params: its "
    "default). Throw falcogen::Error to fail plugin_open with a message."
)
TO_STRING_DOC = (
    "Text of an event (plugin_event_to_string, Falco's evt.plugininfo). The defaults render "
    '"layout member=value ..."; override either form for any layout. The text::Out form is the fast one: write '
    "with falcogen::text::append(out, a, b, ...), straight into the plugin's text memory. The std::string form "
    "(called when the text::Out form is not overridden) is slower. `out` is empty on entry and reused across calls."
)
COMPUTED_DOC = (
    "Computed fields (manifest: `computed: true`). Fill `out` and return true, or return false for \"no value\". "
    "`event` is any event the plugin extracts from; `out` is empty on entry and reused across calls."
)
PARSE_DOC = (
    "Parses an event (plugin_parse_event), before any field is extracted from it: update the plugin's state and "
    "its tables (tables(): written only here). Throw to fail the event with a message; the host stops the capture."
)
SET_CONFIG_DOC = (
    "A new config (plugin_set_config; manifest: config.reloadable), parsed and checked like the init config. "
    "Apply it, or throw falcogen::Error to refuse it: the old config then stays in force. Every Config handed "
    "to make_plugin or accepted here lives as long as the plugin, so references kept to it stay valid; a refused "
    "one dies when this throws. Never called concurrently with another plugin call."
)
RUN_ASYNC_DOC = (
    "The async producer (manifest: async), on a thread of the runtime's from the moment the host sets an event "
    "handler until it resets it or destroys the plugin. Emit events with out.emit(name, payload) and return soon "
    "after out.stopping() turns true: wait with out.wait_for(duration), which wakes at once on stop. Any thread may "
    "call out.emit until this method returns. An exception ends the producer with its error logged."
)
DUMP_STATE_DOC = (
    "Emits the plugin's state as async events (plugin_dump_state, manifest: async.dump_state), e.g. when the host "
    "writes a capture file, on the host's thread: emit with out.emit(name, payload) before returning. Throw to fail "
    "the dump with a message."
)
CAPTURE_OPEN_DOC = (
    "The host opened a capture (plugin_capture_open, manifest: capture_listening), on its thread, before the "
    "first event: subscribe recurring work with pool.subscribe(routine) (a routine returns whether to run again; "
    "pace it with pool.wait_for(duration), which wakes when the capture closes); tables() work here. The pool "
    "lives as long as the plugin. Throw to fail the capture's opening with a message."
)
CAPTURE_CLOSE_DOC = (
    "The host closes the capture (plugin_capture_close), on its thread: every routine has ended by now. Throw to "
    "report an error. The default does nothing."
)
DOC_WIDTH = 110  # comment lines stay well inside the formatter's 120 columns


def doc_lines(text: str) -> Tuple[str, ...]:
    return tuple(textwrap.wrap(" ".join(text.split()), DOC_WIDTH, break_long_words=False, break_on_hyphens=False))


def field_value_type(field: Field) -> str:
    """The C++ type a computed field's method fills (a vector for list fields)."""
    base = FIELD_VALUE_TYPES[field.type]
    return "std::vector<%s>" % base if field.is_list else base


def _source_methods(source: Source) -> List[AuthorMethod]:
    asked = "`source:` asks for this method"
    out = [AuthorMethod("InstanceBase", "falcogen::NextResult", "next_batch",
                        (Param("falcogen::EventBatch&", "batch"),), source.line, asked, doc_lines(NEXT_BATCH_DOC))]
    if source.progress:
        out.append(AuthorMethod("InstanceBase", "double", "progress", (Param("std::string&", "text"),),
                                source.progress_line, "`source.progress: true` asks for this method",
                                doc_lines(PROGRESS_DOC)))
    if source.open_form is not None:
        out.append(AuthorMethod("PluginBase", "std::unique_ptr<InstanceBase>", "open",
                                (Param("const OpenParams&", "params"),), source.line, asked, doc_lines(TYPED_OPEN_DOC)))
    else:
        out.append(AuthorMethod("PluginBase", "std::unique_ptr<InstanceBase>", "open",
                                (Param("std::string_view", "params"),), source.line, asked, doc_lines(OPEN_DOC)))
    return out


def _to_string(layout: Layout, first: bool) -> List[AuthorMethod]:
    event = Param("const %s&" % layout.cpp_name, "event")
    asked = "layout `%s`" % layout.name
    return [AuthorMethod("PluginBase", "void", "to_string", (event, Param("falcogen::text::Out&", "out")),
                         layout.line, asked, doc_lines(TO_STRING_DOC) if first else (),
                         default="falcogen::detail::text_via_string(*this, event, out);"),
            AuthorMethod("PluginBase", "void", "to_string", (event, Param("std::string&", "out")),
                         layout.line, asked, default="falcogen::detail::append_default_text(event, out);")]


def _computed(field: Field, first: bool) -> AuthorMethod:
    # `layout:` hands in the decoded layout; other events have no value without a call.
    params = [Param("const %s&" % field.layout.cpp_name if field.layout else "const Event&", "event")]
    if field.arg is not None:
        params.append(Param("const falcogen::FieldArg&", "arg"))
    params.append(Param(field_value_type(field) + "&", "out"))
    doc = (doc_lines(COMPUTED_DOC) + ("",) if first else ()) + doc_lines(
        "Field `%s`: %s" % (field.name, field.description))
    return AuthorMethod("PluginBase", "bool", "extract_" + field.cpp_name, tuple(params), field.line,
                        "computed field `%s` asks for this method" % field.name, doc)


def _async_methods(spec: Async) -> List[AuthorMethod]:
    out = [AuthorMethod("PluginBase", "void", "run_async", (Param("falcogen::AsyncEmitter&", "out"),), spec.line,
                        "`async:` asks for this method", doc_lines(RUN_ASYNC_DOC))]
    if spec.dump_state:
        out.append(AuthorMethod("PluginBase", "void", "dump_state", (Param("falcogen::AsyncEmitter&", "out"),),
                                spec.dump_state_line, "`async.dump_state: true` asks for this method",
                                doc_lines(DUMP_STATE_DOC)))
    return out


def _capture_methods(line: int) -> List[AuthorMethod]:
    asked = "`capture_listening: true` asks for this method"
    pool = (Param("falcogen::ThreadPool&", "pool"),)
    return [AuthorMethod("PluginBase", "void", "capture_open", pool, line, asked, doc_lines(CAPTURE_OPEN_DOC)),
            AuthorMethod("PluginBase", "void", "capture_close", pool, line, asked, doc_lines(CAPTURE_CLOSE_DOC),
                         default="(void)pool;")]


def author_methods(source: Optional[Source], layouts: Tuple[Layout, ...], fields: Tuple[Field, ...],
                   parse: Optional[Parse] = None, reload_line: int = 0,
                   async_: Optional[Async] = None, capture_line: int = 0) -> Tuple[AuthorMethod, ...]:
    out: List[AuthorMethod] = []
    if reload_line:
        out.append(AuthorMethod("PluginBase", "void", "set_config", (Param("const Config&", "next"),), reload_line,
                                "`config.reloadable: true` asks for this method", doc_lines(SET_CONFIG_DOC)))
    if parse is not None:
        out.append(AuthorMethod("PluginBase", "void", "parse", (Param("const Event&", "event"),), parse.line,
                                "`parse:` asks for this method", doc_lines(PARSE_DOC)))
    if source is not None:
        out += _source_methods(source)
        out += [m for i, layout in enumerate(layouts) for m in _to_string(layout, i == 0)]
    computed = [f for f in fields if f.binding == "computed"]
    out += [_computed(f, i == 0) for i, f in enumerate(computed)]
    if async_ is not None:
        out += _async_methods(async_)
    if capture_line:
        out += _capture_methods(capture_line)
    return tuple(out)
