// falcogen-host's --help text (kept out of main.cpp, which it would crowd).
#include "cli_plugins.hpp"

namespace falcogen::host::cli {

const char* const kUsage = R"USAGE(usage: falcogen-host PLUGIN.so [options]

Loads a Falco plugin (API 3.x) exactly as libsinsp would (every load rule is
enforced), initializes it, opens it and prints its events until EOF.

options:
  --config JSON|@FILE     init config (inline JSON, or @path to read it from a file);
                          validated against the plugin's init schema first
  --open PARAMS           open params passed to plugin_open (default: "")
  --fields F1,F2,...      fields to extract for each event (e.g. x.user,x.tags[0],x.map[key])
  --all-fields            extract every field that does not require an argument
  --filter FIELD=VALUE ...
                          keep only events whose FIELD (as text) equals VALUE;
                          several FIELD=VALUE words or repeated --filter: all must match (a list field matches
                          when one of its values or its "(a,b)" text equals VALUE)
  --capture FILE          replay a libscap capture (.scap, plain or gzip) instead of opening the
                          plugin: its events are parsed (parsing plugins) and printed with their
                          fields as if they came from the `syscall` source (plugin events: the
                          source of their plugin id); the events libsinsp hides are parsed only
  --schema-version X.Y.Z  the event schema version of the kernel driver the run stands for:
                          each plugin that reads kernel events must accept it, as libsinsp
                          checks when a capture opens with kmod or modern eBPF
  -n N                    stop after reading N events from the plugin (or the capture)
  --json                  one JSON object per event (and for --check)
  --check                 only load + validate the plugin, print its identity
  -v, --verbose           print the plugin's log messages on stderr
  --plugin PATH           one more plugin (repeatable; PLUGIN.so may then be omitted): all plugins share
                          the state tables, are initialized in command-line order, every one that parses
                          an event parses it before extraction, and each field is extracted by the plugin
                          that defines it; the first plugin that can open a capture is the source
  --plugin-config JSON|@FILE
                          init config of the preceding --plugin
  --threads FILE.json     fill the "threads" table before init ({"name": "threads", "entries": [...]},
                          the format --dump-table prints)
  --dump-table NAME       after the run, print table NAME as one JSON line on stdout (repeatable)
  --metrics               after the run, print each plugin's metrics on stderr (plugin_get_metrics)
  --set-config JSON       after init, before reading events: plugin_set_config of the first plugin
                          (a refused config is reported and the old one stays)
  --dump-state            after the run, print the async events of each plugin's plugin_dump_state
  --progress, --no-progress
                          show (or not) the source plugin's progress (plugin_get_progress) on one
                          stderr line, redrawn a few times per second; default: when stderr is a terminal
  --thread-pool N         run capture listening's routines on a pool of N threads, as libsinsp built
                          with ENABLE_THREAD_POOL does; 0 (the default, as in Falco): no pool, so
                          plugins run routines on threads of their own
  -h, --help              this help

output: one line per event: NUMBER TIMESTAMP SOURCE INFO [field=value ...]
        (TIMESTAMP is ISO-8601 UTC with ns; INFO is plugin_event_to_string).
        Plugins with async events run their producer during the run: their events
        are printed between batches as "aNUMBER TIMESTAMP SOURCE async NAME PAYLOAD",
        parsed, filtered and with their fields like any event (a plugin without
        a source: until -n N async events or Ctrl-C), and
        --dump-state's as "sNUMBER TIMESTAMP SOURCE state NAME PAYLOAD".
        Plugins that listen to the capture hear of its opening once the source is open
        (or the capture file read) and of its closing at the end (plugin_capture_open/close).
        At the end, on stderr: "N events, X events/s, B batches, E errors".
errors: "falcogen run: error: <message>" on stderr, exit status 1
        (2 for a command-line usage error).

example:
  falcogen-host ./libhello.so --config '{"max_events": 3}' --open "" \
      --fields hello.user,hello.n -n 10
  1 2024-05-01T12:00:00.000000000Z hello user=alice hello.user=alice hello.n=1
)USAGE";

}  // namespace falcogen::host::cli
