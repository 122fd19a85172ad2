// falcogen-bench: the benchmark driver. A minimal plugin host: dlopen, dlsym,
// and tight loops over the C ABI, the way Falco's libscap/libsinsp call a
// plugin (it deliberately does not use falcogen::host, which copies events).
//
// Every measurement pairs a hand-written ("raw") plugin with the generated
// plugin doing the same work, runs them alternately (A B A B ...) and keeps
// the median of each side, so machine drift hits both alike. Rates are per
// second of this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), which other
// processes on a shared machine do not inflate.
//
// Heap allocations are counted by interposing malloc & co. (operator new
// ends in malloc, and the plugins' allocations go through the same global
// allocator), only inside the timed loops, after a warm-up.
//
// Before anything is timed, each pair is checked to produce byte-identical
// events and identical event_to_string text; a mismatch exits with status 1.
//
// Output: one JSON object per line (bench/run.py turns them into a table).
//
//   falcogen-bench [--smoke] [--reps N] [--seconds S] NAME=RAW.so,GEN.so ...
#include <dlfcn.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "falcogen/abi/plugin_api.h"
#include "measure.hpp"

// ---- Allocation counting ----------------------------------------------------

extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void __libc_free(void*);
}

namespace {
std::atomic<bool> g_counting{false};
std::atomic<uint64_t> g_allocs{0};
inline void note_alloc() {
    if (g_counting.load(std::memory_order_relaxed)) g_allocs.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace

extern "C" {
__attribute__((visibility("default"))) void* malloc(size_t n) {
    note_alloc();
    return __libc_malloc(n);
}
__attribute__((visibility("default"))) void* calloc(size_t n, size_t m) {
    note_alloc();
    return __libc_calloc(n, m);
}
__attribute__((visibility("default"))) void* realloc(void* p, size_t n) {
    note_alloc();
    return __libc_realloc(p, n);
}
__attribute__((visibility("default"))) void free(void* p) {
    __libc_free(p);
}
__attribute__((visibility("default"))) void* memalign(size_t a, size_t n) {
    note_alloc();
    return __libc_memalign(a, n);
}
__attribute__((visibility("default"))) void* aligned_alloc(size_t a, size_t n) {
    note_alloc();
    return __libc_memalign(a, n);
}
__attribute__((visibility("default"))) int posix_memalign(void** out, size_t a, size_t n) {
    note_alloc();
    void* p = __libc_memalign(a, n);
    if (p == nullptr) return 12;  // ENOMEM
    *out = p;
    return 0;
}
}

using bench::cpu_ns;
using bench::emit;
using bench::median;
using bench::Sample;

namespace {

struct AllocWindow {
    AllocWindow() {
        g_allocs.store(0);
        g_counting.store(true);
    }
    uint64_t stop() {
        g_counting.store(false);
        return g_allocs.load();
    }
};

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "falcogen-bench: %s\n", what.c_str());
    std::exit(1);
}

// ---- A plugin, seen through its C ABI ---------------------------------------

struct Plugin {
    std::string path;
    void* dl = nullptr;
    ss_plugin_t* (*init)(const ss_plugin_init_input*, ss_plugin_rc*) = nullptr;
    void (*destroy)(ss_plugin_t*) = nullptr;
    const char* (*last_error)(ss_plugin_t*) = nullptr;
    ss_instance_t* (*open)(ss_plugin_t*, const char*, ss_plugin_rc*) = nullptr;
    void (*close)(ss_plugin_t*, ss_instance_t*) = nullptr;
    ss_plugin_rc (*next_batch)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event***) = nullptr;
    const char* (*to_string)(ss_plugin_t*, const ss_plugin_event_input*) = nullptr;
    const char* (*get_fields)() = nullptr;
    ss_plugin_rc (*extract)(ss_plugin_t*, const ss_plugin_event_input*, const ss_plugin_field_extract_input*) = nullptr;
};

template <typename Fn>
void bind(Plugin& p, Fn& fn, const char* name, bool required) {
    fn = reinterpret_cast<Fn>(dlsym(p.dl, name));
    if (fn == nullptr && required) die(p.path + ": missing symbol " + name);
}

Plugin load(const std::string& path) {
    Plugin p;
    p.path = path;
    p.dl = dlopen(path.c_str(), RTLD_LOCAL | RTLD_NOW);
    if (p.dl == nullptr) die("dlopen " + path + ": " + dlerror());
    bind(p, p.init, "plugin_init", true);
    bind(p, p.destroy, "plugin_destroy", true);
    bind(p, p.last_error, "plugin_get_last_error", true);
    bind(p, p.open, "plugin_open", true);
    bind(p, p.close, "plugin_close", true);
    bind(p, p.next_batch, "plugin_next_batch", true);
    bind(p, p.to_string, "plugin_event_to_string", true);
    bind(p, p.get_fields, "plugin_get_fields", false);
    bind(p, p.extract, "plugin_extract_fields", false);
    return p;
}

// plugin_init .. plugin_destroy, and optionally plugin_open .. plugin_close.
struct Session {
    Session(const Plugin& p, uint32_t batch_size) : plugin(p) {
        config = "{\"batch_size\":" + std::to_string(batch_size) + "}";
        ss_plugin_init_input in{};
        in.config = config.c_str();
        ss_plugin_rc rc = SS_PLUGIN_FAILURE;
        state = p.init(&in, &rc);
        if (rc != SS_PLUGIN_SUCCESS) {
            die(p.path + ": plugin_init failed: " + (state != nullptr ? p.last_error(state) : "no state"));
        }
    }
    ~Session() {
        if (instance != nullptr) plugin.close(state, instance);
        plugin.destroy(state);
    }
    void open(uint64_t events) {
        const std::string params = std::to_string(events);
        ss_plugin_rc rc = SS_PLUGIN_FAILURE;
        instance = plugin.open(state, params.c_str(), &rc);
        if (rc != SS_PLUGIN_SUCCESS) die(plugin.path + ": plugin_open failed: " + plugin.last_error(state));
    }
    // One next_batch; returns the rc (dies on FAILURE).
    ss_plugin_rc next(uint32_t& n, ss_plugin_event**& evts) {
        const ss_plugin_rc rc = plugin.next_batch(state, instance, &n, &evts);
        if (rc == SS_PLUGIN_FAILURE) die(plugin.path + ": plugin_next_batch failed: " + plugin.last_error(state));
        return rc;
    }

    const Plugin& plugin;
    std::string config;
    ss_plugin_t* state = nullptr;
    ss_instance_t* instance = nullptr;
};

uint32_t event_len(const ss_plugin_event* e) {
    uint32_t len;
    std::memcpy(&len, reinterpret_cast<const uint8_t*>(e) + offsetof(ss_plugin_event, len), 4);
    return len;
}

// Events owned by the driver (copied out of a plugin's batches), 8-aligned.
struct EventSet {
    std::vector<uint64_t> storage;
    std::vector<size_t> offsets;  // in bytes
    std::vector<uint32_t> lens;
    void add(const ss_plugin_event* e) {
        const uint32_t len = event_len(e);
        const size_t start = storage.size() * 8;
        storage.resize(storage.size() + (len + 7) / 8);
        std::memcpy(reinterpret_cast<uint8_t*>(storage.data()) + start, e, len);
        offsets.push_back(start);
        lens.push_back(len);
    }
    size_t size() const { return offsets.size(); }
    const ss_plugin_event* at(size_t i) const {
        return reinterpret_cast<const ss_plugin_event*>(reinterpret_cast<const uint8_t*>(storage.data()) + offsets[i]);
    }
};

EventSet collect(const Plugin& p, uint32_t batch_size, uint64_t events) {
    Session s(p, batch_size);
    s.open(events);
    EventSet out;
    for (;;) {
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        const ss_plugin_rc rc = s.next(n, evts);
        for (uint32_t i = 0; i < n; ++i) out.add(evts[i]);
        if (rc == SS_PLUGIN_EOF) break;
    }
    return out;
}

// ---- Measurements -------------------------------------------------------------

volatile uint64_t g_sink;

// Sourcing: open a capture of warmup+events events, consume the warm-up
// untimed, then time next_batch until EOF. The driver reads each event's
// header, as libscap does.
Sample run_source(const Plugin& p, uint32_t batch_size, uint64_t events) {
    Session s(p, batch_size);
    const uint64_t warmup = std::max<uint64_t>(4 * batch_size, 2048);
    s.open(warmup + events);
    uint64_t consumed = 0, sum = 0;
    uint32_t n = 0;
    ss_plugin_event** evts = nullptr;
    while (consumed < warmup) {
        if (s.next(n, evts) == SS_PLUGIN_EOF) die(p.path + ": early EOF");
        consumed += n;
    }
    const uint64_t timed_events = warmup + events - consumed;
    AllocWindow window;
    const uint64_t t0 = cpu_ns();
    uint64_t seen = 0;
    for (;;) {
        const ss_plugin_rc rc = p.next_batch(s.state, s.instance, &n, &evts);
        for (uint32_t i = 0; i < n; ++i) sum += evts[i]->len;
        seen += n;
        if (rc != SS_PLUGIN_SUCCESS) {
            if (rc == SS_PLUGIN_EOF) break;
            if (rc != SS_PLUGIN_TIMEOUT) die(p.path + ": next_batch failed");
        }
    }
    const uint64_t t1 = cpu_ns();
    const uint64_t allocs = window.stop();
    if (seen != timed_events)
        die(p.path + ": expected " + std::to_string(timed_events) + " events, got " + std::to_string(seen));
    g_sink = sum;
    const double secs = static_cast<double>(t1 - t0) / 1e9;
    return {static_cast<double>(seen) / std::max(secs, 1e-9), static_cast<double>(allocs) / static_cast<double>(seen),
            sum};
}

// event_to_string over a fixed set of events, `rounds` times.
Sample run_to_string(const Plugin& p, const EventSet& events, uint64_t rounds) {
    Session s(p, 64);
    ss_plugin_event_input in{};
    in.evtsrc = "bench";
    uint64_t sum = 0;
    for (size_t i = 0; i < events.size(); ++i) {  // warm-up: the result buffer grows here
        in.evt = events.at(i);
        in.evtnum = i + 1;
        const char* text = p.to_string(s.state, &in);
        if (text == nullptr) die(p.path + ": event_to_string returned NULL");
    }
    AllocWindow window;
    const uint64_t t0 = cpu_ns();
    for (uint64_t r = 0; r < rounds; ++r) {
        for (size_t i = 0; i < events.size(); ++i) {
            in.evt = events.at(i);
            in.evtnum = i + 1;
            const char* text = p.to_string(s.state, &in);
            sum += static_cast<unsigned char>(text[0]);
        }
    }
    const uint64_t t1 = cpu_ns();
    const uint64_t allocs = window.stop();
    g_sink = sum;
    const double items = static_cast<double>(rounds * events.size());
    return {items / std::max(static_cast<double>(t1 - t0) / 1e9, 1e-9), static_cast<double>(allocs) / items, sum};
}

// ---- Extraction ---------------------------------------------------------------

struct FieldInfo {
    std::string name;
    uint32_t ftype = 0;  // ss_plugin_field_type
};

// The "name" and "type" of each entry of plugin_get_fields' JSON array (a
// scan for the two keys, enough for the benchmark plugins' fields).
std::vector<FieldInfo> parse_fields(const char* json) {
    std::vector<FieldInfo> out;
    const std::string s = json != nullptr ? json : "";
    auto value_after = [&](size_t key_end) {
        size_t q1 = s.find('"', s.find(':', key_end) + 1);
        size_t q2 = s.find('"', q1 + 1);
        return s.substr(q1 + 1, q2 - q1 - 1);
    };
    for (size_t pos = s.find("\"name\""); pos != std::string::npos; pos = s.find("\"name\"", pos + 1)) {
        FieldInfo f;
        f.name = value_after(pos + 6);
        const size_t t = s.find("\"type\"", pos);
        const std::string type = t == std::string::npos ? "" : value_after(t + 6);
        f.ftype = type == "string" ? FTYPE_STRING : type == "uint64" ? FTYPE_UINT64 : 0;
        out.push_back(f);
    }
    return out;
}

// One plugin_extract_fields call for one field (libsinsp asks for one at a time).
struct Extractor {
    Extractor(const Plugin& p, const FieldInfo& f, uint32_t field_id) : session(p, 64) {
        field.field_id = field_id;
        field.field = f.name.c_str();
        field.arg_index = UINT64_MAX;
        field.ftype = f.ftype;
        request.num_fields = 1;
        request.fields = &field;
        input.evtsrc = "bench";
    }
    // The value as text ("" when none), for the identity check.
    std::string value_text(const ss_plugin_event* e, uint64_t evtnum) {
        input.evt = e;
        input.evtnum = evtnum;
        if (session.plugin.extract(session.state, &input, &request) != SS_PLUGIN_SUCCESS) {
            die(session.plugin.path + ": extract_fields failed: " + session.plugin.last_error(session.state));
        }
        std::string out = "n=" + std::to_string(field.res_len);
        for (uint64_t j = 0; j < field.res_len; ++j) {
            out += field.ftype == FTYPE_STRING ? std::string(" ") + field.res.str[j]
                                               : " " + std::to_string(field.res.u64[j]);
        }
        return out;
    }
    Session session;
    ss_plugin_extract_field field{};
    ss_plugin_field_extract_input request{};
    ss_plugin_event_input input{};
};

// Extracts one field from each event of the set, `rounds` times; each call
// has a new evtnum, so no plugin can reuse the previous decoding.
Sample run_extract(const Plugin& p, const FieldInfo& f, uint32_t field_id, const EventSet& events, uint64_t rounds) {
    Extractor x(p, f, field_id);
    uint64_t evtnum = 0, sum = 0;
    for (size_t i = 0; i < events.size(); ++i) x.value_text(events.at(i), ++evtnum);  // warm-up
    AllocWindow window;
    const uint64_t t0 = cpu_ns();
    for (uint64_t r = 0; r < rounds; ++r) {
        for (size_t i = 0; i < events.size(); ++i) {
            x.input.evt = events.at(i);
            x.input.evtnum = ++evtnum;
            if (p.extract(x.session.state, &x.input, &x.request) != SS_PLUGIN_SUCCESS)
                die(p.path + ": extract_fields failed");
            sum += x.field.res_len;
        }
    }
    const uint64_t t1 = cpu_ns();
    const uint64_t allocs = window.stop();
    g_sink = sum;
    if (sum != rounds * events.size()) die(p.path + ": field " + f.name + " had no value for some events");
    const double items = static_cast<double>(rounds * events.size());
    return {items / std::max(static_cast<double>(t1 - t0) / 1e9, 1e-9), static_cast<double>(allocs) / items, sum};
}

// Every field of each event, one call per field with the event's evtnum, as
// libsinsp evaluates a rule's condition and then its output fields: a plugin
// may decode each event once for all its fields. Items are calls.
Sample run_extract_all(const Plugin& p, const std::vector<FieldInfo>& fields, const EventSet& events, uint64_t rounds) {
    const size_t n = fields.size();
    std::vector<ss_plugin_extract_field> asked(n);
    std::vector<ss_plugin_field_extract_input> requests(n);
    for (uint32_t id = 0; id < n; ++id) {
        asked[id].field_id = id;
        asked[id].field = fields[id].name.c_str();
        asked[id].arg_index = UINT64_MAX;
        asked[id].ftype = fields[id].ftype;
        requests[id].num_fields = 1;
        requests[id].fields = &asked[id];
    }
    Session session(p, 64);  // one plugin state asked for every field
    uint64_t evtnum = 0, sum = 0;
    ss_plugin_event_input input{};
    input.evtsrc = "bench";
    for (size_t i = 0; i < events.size(); ++i) {  // warm-up
        input.evt = events.at(i);
        input.evtnum = ++evtnum;
        for (size_t f = 0; f < n; ++f) p.extract(session.state, &input, &requests[f]);
    }
    AllocWindow window;
    const uint64_t t0 = cpu_ns();
    for (uint64_t r = 0; r < rounds; ++r) {
        for (size_t i = 0; i < events.size(); ++i) {
            input.evt = events.at(i);
            input.evtnum = ++evtnum;
            for (size_t f = 0; f < n; ++f) {
                if (p.extract(session.state, &input, &requests[f]) != SS_PLUGIN_SUCCESS)
                    die(p.path + ": extract_fields failed");
                sum += asked[f].res_len;
            }
        }
    }
    const uint64_t t1 = cpu_ns();
    const uint64_t allocs = window.stop();
    g_sink = sum;
    const double items = static_cast<double>(rounds * events.size() * n);
    if (sum != rounds * events.size() * n) die(p.path + ": a field had no value for some events");
    return {items / std::max(static_cast<double>(t1 - t0) / 1e9, 1e-9), static_cast<double>(allocs) / items, sum};
}

// ---- A/B pairs ------------------------------------------------------------------

struct Options {
    bool smoke = false;
    int reps = 7;
    double seconds = 0.15;  // target CPU time of one run in full mode
    uint64_t items = 0;  // --items: events (or strings) per run instead
};

struct Pair {
    std::string name;
    Plugin raw, gen;
};

// Runs raw and gen alternately; `run(plugin, n)` measures n items.
void ab(const Options& o, const char* kind, const std::string& plugin, const std::string& what, uint32_t batch,
        const Pair& pair, uint64_t smoke_items, const std::function<Sample(const Plugin&, uint64_t)>& run) {
    // FALCOGEN_BENCH_FILTER=kind/plugin/batch/what (a prefix, e.g. source/record/1024 or
    // extract/record/0/rec.total); a trailing $ ends a part: source/record/1$ is not batch 16.
    if (const char* filter = std::getenv("FALCOGEN_BENCH_FILTER")) {
        const std::string id = std::string(kind) + "/" + plugin + "/" + std::to_string(batch) + "/" + what;
        std::string_view want(filter);
        const bool whole = !want.empty() && want.back() == '$';
        if (whole) want.remove_suffix(1);
        if (id.compare(0, want.size(), want) != 0) return;
        if (whole && id.size() != want.size() && id[want.size()] != '/') return;
    }
    uint64_t items = o.items != 0 ? o.items : smoke_items;
    if (!o.smoke && o.seconds > 0) {  // calibrate on the raw side: one run takes about o.seconds
        const Sample probe = run(pair.raw, smoke_items);
        items = static_cast<uint64_t>(probe.rate * o.seconds);
        items = std::max<uint64_t>(items, smoke_items);
    }
    std::vector<Sample> raw, gen;
    // FALCOGEN_BENCH_ONLY=raw|gen runs one side only (for perf stat/record).
    const char* only = std::getenv("FALCOGEN_BENCH_ONLY");
    const bool skip_raw = only != nullptr && std::strcmp(only, "gen") == 0;
    const bool skip_gen = only != nullptr && std::strcmp(only, "raw") == 0;
    for (int r = 0; r < o.reps; ++r) {
        raw.push_back(skip_raw ? Sample{0, 0, 0} : run(pair.raw, items));
        gen.push_back(skip_gen ? Sample{0, 0, 0} : run(pair.gen, items));
    }
    emit(kind, plugin, what, batch, raw, gen);
}

// The guard against benchmarking different work: both plugins must emit the
// same bytes and render the same text, across batch boundaries.
void check_identical(const Pair& pair) {
    for (uint32_t batch : {1u, 16u, 1024u}) {
        const uint64_t events = 3000;
        const EventSet a = collect(pair.raw, batch, events), b = collect(pair.gen, batch, events);
        if (a.size() != events || b.size() != events) {
            die(pair.name + ": event count differs (raw " + std::to_string(a.size()) + ", generated " +
                std::to_string(b.size()) + ", expected " + std::to_string(events) + ")");
        }
        for (size_t i = 0; i < events; ++i) {
            if (a.lens[i] != b.lens[i] || std::memcmp(a.at(i), b.at(i), a.lens[i]) != 0) {
                die(pair.name + ": event #" + std::to_string(i + 1) + " differs between raw and generated plugins");
            }
        }
        if (pair.raw.extract != nullptr && pair.gen.extract != nullptr) {
            const std::vector<FieldInfo> fields = parse_fields(pair.gen.get_fields());
            if (fields.size() != parse_fields(pair.raw.get_fields()).size()) die(pair.name + ": field lists differ");
            for (uint32_t id = 0; id < fields.size(); ++id) {
                Extractor xr(pair.raw, fields[id], id), xg(pair.gen, fields[id], id);
                for (size_t i = 0; i < events; ++i) {
                    const std::string vr = xr.value_text(a.at(i), i + 1), vg = xg.value_text(a.at(i), i + 1);
                    if (vr != vg) {
                        die(pair.name + ": field " + fields[id].name + " of event #" + std::to_string(i + 1) +
                            " differs: raw '" + vr + "', generated '" + vg + "'");
                    }
                }
            }
        }
        Session ra(pair.raw, 64), ga(pair.gen, 64);
        ss_plugin_event_input in{};
        in.evtsrc = "bench";
        for (size_t i = 0; i < events; ++i) {
            in.evt = a.at(i);
            in.evtnum = i + 1;
            const char* x = pair.raw.to_string(ra.state, &in);
            const std::string ts = x != nullptr ? x : "(null)";
            const char* y = pair.gen.to_string(ga.state, &in);
            const std::string tg = y != nullptr ? y : "(null)";
            if (ts != tg)
                die(pair.name + ": event_to_string of event #" + std::to_string(i + 1) + " differs: raw '" + ts +
                    "', generated '" + tg + "'");
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    std::vector<Pair> pairs;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--smoke") {
            o.smoke = true;
            o.reps = 3;
        } else if (a == "--reps" && i + 1 < argc) {
            o.reps = std::max(1, std::atoi(argv[++i]));
        } else if (a == "--seconds" && i + 1 < argc) {
            o.seconds = std::atof(argv[++i]);
        } else if (a == "--items" && i + 1 < argc) {  // fixed work per run, no calibration
            o.seconds = 0;
            o.items = std::strtoull(argv[++i], nullptr, 10);
        } else if (a.find('=') != std::string::npos && a.find(',') != std::string::npos) {
            const size_t eq = a.find('='), comma = a.find(',');
            Pair p;
            p.name = a.substr(0, eq);
            p.raw = load(a.substr(eq + 1, comma - eq - 1));
            p.gen = load(a.substr(comma + 1));
            pairs.push_back(std::move(p));
        } else {
            std::fprintf(stderr, "usage: falcogen-bench [--smoke] [--reps N] [--seconds S] NAME=RAW.so,GEN.so ...\n");
            return 2;
        }
    }
    if (pairs.empty()) die("no plugin pair given");

    // The hook must see the plugins' allocations, or "0 allocations" means nothing.
    {
        AllocWindow w;
        Session s(pairs[0].raw, 16);
        s.open(10);
        if (w.stop() < 2) die("the malloc hook does not see the plugins' allocations");
    }

    for (const Pair& p : pairs) check_identical(p);
    std::printf("{\"kind\":\"check\",\"what\":\"identical events and text\",\"ok\":true}\n");

    const uint64_t smoke_events = 20000;
    for (const Pair& p : pairs) {
        for (uint32_t batch : {1u, 16u, 128u, 1024u}) {
            ab(o, "source", p.name, "events/s", batch, p, smoke_events,
               [batch](const Plugin& pl, uint64_t n) { return run_source(pl, batch, n); });
        }
    }
    for (const Pair& p : pairs) {
        const EventSet events = collect(p.gen, 64, 1024);
        ab(o, "to_string", p.name, "strings/s", 0, p, 8, [&events](const Plugin& pl, uint64_t n) {
            return run_to_string(pl, events, std::max<uint64_t>(1, n / events.size()));
        });
    }
    for (const Pair& p : pairs) {
        if (p.raw.extract == nullptr || p.gen.extract == nullptr) continue;
        const EventSet events = collect(p.gen, 64, 1024);
        const std::vector<FieldInfo> fields = parse_fields(p.gen.get_fields());
        for (uint32_t id = 0; id < fields.size(); ++id) {
            const FieldInfo& f = fields[id];
            ab(o, "extract", p.name, f.name, 0, p, 8, [&](const Plugin& pl, uint64_t n) {
                return run_extract(pl, f, id, events, std::max<uint64_t>(1, n / events.size()));
            });
        }
        if (fields.size() < 2) continue;
        const uint64_t per_round = events.size() * fields.size();
        ab(o, "extract", p.name, "every field of each event", 0, p, 8, [&](const Plugin& pl, uint64_t n) {
            return run_extract_all(pl, fields, events, std::max<uint64_t>(1, n / per_round));
        });
    }
    return 0;
}
