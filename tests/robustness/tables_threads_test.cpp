// Concurrency with state (docs/threads.md, docs/state.md): a plugin that
// sources events and parses them into a table it exports. Per plugin state,
// one thread pulls an instance (next_batch) while the event thread parses
// every event, extracts a field over the table and reads the table through
// its vtables as another plugin would; two plugin states run this at once.
// scripts/test-tsan.sh runs it under ThreadSanitizer: a data race between
// sourcing and state, or between two plugin states, fails it.
#include <dlfcn.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "expect.hpp"
#include "table_host.hpp"

namespace {

constexpr uint64_t kEvents = 20000;

struct Api {
    void* dl = dlopen(STATEFUL_PLUGIN, RTLD_NOW | RTLD_LOCAL);
    template <typename F>
    F sym(const char* name) const {
        auto f = reinterpret_cast<F>(dlsym(dl, name));
        if (f == nullptr) {
            std::fprintf(stderr, "missing symbol %s\n", name);
            std::exit(1);
        }
        return f;
    }
    ss_plugin_t* (*init)(const ss_plugin_init_input*, ss_plugin_rc*) = sym<decltype(init)>("plugin_init");
    void (*destroy)(ss_plugin_t*) = sym<decltype(destroy)>("plugin_destroy");
    ss_instance_t* (*open)(ss_plugin_t*, const char*, ss_plugin_rc*) = sym<decltype(open)>("plugin_open");
    void (*close)(ss_plugin_t*, ss_instance_t*) = sym<decltype(close)>("plugin_close");
    ss_plugin_rc (*next_batch)(ss_plugin_t*, ss_instance_t*, uint32_t*,
                               ss_plugin_event***) = sym<decltype(next_batch)>("plugin_next_batch");
    ss_plugin_rc (*parse)(ss_plugin_t*, const ss_plugin_event_input*,
                          const ss_plugin_event_parse_input*) = sym<decltype(parse)>("plugin_parse_event");
    ss_plugin_rc (*extract)(ss_plugin_t*, const ss_plugin_event_input*,
                            const ss_plugin_field_extract_input*) = sym<decltype(extract)>("plugin_extract_fields");
};

// Events copied out of the sourcing thread's batches, handed to the event thread.
struct Queue {
    std::mutex m;
    std::condition_variable cv;
    std::deque<std::vector<uint8_t>> events;
    bool done = false;
};

void source(const Api& api, ss_plugin_t* s, Queue& q) {
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_instance_t* inst = api.open(s, std::to_string(kEvents).c_str(), &rc);
    EXPECT(rc == SS_PLUGIN_SUCCESS, "open");
    for (bool eof = false; !eof && rc == SS_PLUGIN_SUCCESS;) {
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        rc = api.next_batch(s, inst, &n, &evts);
        eof = rc == SS_PLUGIN_EOF;
        std::lock_guard<std::mutex> lock(q.m);
        for (uint32_t i = 0; i < n; ++i) {
            const auto* b = reinterpret_cast<const uint8_t*>(evts[i]);
            q.events.emplace_back(b, b + evts[i]->len);
        }
        if (eof) rc = SS_PLUGIN_SUCCESS, q.done = true;
        q.cv.notify_one();
    }
    api.close(s, inst);
}

// What another plugin reads: entry `key` of the exported table, field `seen`.
uint64_t read_seen(const ss_plugin_table_input& t, ss_plugin_table_field_t* seen, uint64_t key) {
    ss_plugin_state_data k{}, out{};
    k.u64 = key;
    ss_plugin_table_entry_t* e = t.reader_ext->get_table_entry(t.table, &k);
    if (e == nullptr) return 0;
    t.reader_ext->read_entry_field(t.table, e, seen, &out);
    t.reader_ext->release_table_entry(t.table, e);
    return out.u64;
}

void consume(const Api& api, ss_plugin_t* s, testing_tables::TableHost& host, Queue& q) {
    const ss_plugin_table_input& table = host.registered.at(0);
    ss_plugin_table_field_t* seen = table.fields_ext->get_table_field(table.table, "seen", SS_PLUGIN_ST_UINT64);
    EXPECT(seen != nullptr, "field seen");
    ss_plugin_event_parse_input pin{};
    pin.get_owner_last_error = &testing_tables::no_error;
    pin.table_reader_ext = &host.reader;
    pin.table_writer_ext = &host.writer;
    for (uint64_t num = 1;; ++num) {
        std::vector<uint8_t> evt;
        {
            std::unique_lock<std::mutex> lock(q.m);
            q.cv.wait(lock, [&] { return !q.events.empty() || q.done; });
            if (q.events.empty()) break;
            evt = std::move(q.events.front());
            q.events.pop_front();
        }
        ss_plugin_event_input in{reinterpret_cast<const ss_plugin_event*>(evt.data()), num, "stateful"};
        EXPECT(api.parse(s, &in, &pin) == SS_PLUGIN_SUCCESS, "parse #%llu", static_cast<unsigned long long>(num));
        ss_plugin_extract_field f{};
        f.field_id = 0;
        f.field = "stateful.seen";
        f.ftype = FTYPE_UINT64;
        f.arg_present = 1;
        f.arg_index = num % 8;
        ss_plugin_field_extract_input xin{};
        xin.num_fields = 1;
        xin.fields = &f;
        xin.table_reader_ext = &host.reader;
        EXPECT(api.extract(s, &in, &xin) == SS_PLUGIN_SUCCESS && f.res_len == 1, "extract");
        const uint64_t expected = num / 8 + (num % 8 != 0 ? 1 : 0);
        EXPECT(f.res_len == 1 && f.res.u64[0] == expected, "seen[%llu]", static_cast<unsigned long long>(num % 8));
        EXPECT(read_seen(table, seen, num % 8) == expected, "table read");
    }
}

// One plugin state: its sourcing thread and its event thread.
void run_state(const Api& api) {
    testing_tables::TableHost host;
    ss_plugin_init_input in{};
    in.config = "{}";
    in.owner = host.owner();
    in.get_owner_last_error = &testing_tables::no_error;
    in.tables = &host.input;
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_plugin_t* s = api.init(&in, &rc);
    EXPECT(rc == SS_PLUGIN_SUCCESS && host.registered.size() == 1, "init");
    Queue q;
    std::thread producer(source, std::cref(api), s, std::ref(q));
    consume(api, s, host, q);
    producer.join();
    const ss_plugin_table_input& t = host.registered.at(0);
    EXPECT(t.reader_ext->get_table_size(t.table) == 8, "8 entries");
    api.destroy(s);
}

}  // namespace

int main() {
    const Api api;
    if (api.dl == nullptr) return std::fprintf(stderr, "dlopen: %s\n", dlerror()), 1;
    std::thread a(run_state, std::cref(api)), b(run_state, std::cref(api));
    a.join();
    b.join();
    if (testing_expect::failures != 0) return std::fprintf(stderr, "%d failures\n", testing_expect::failures.load()), 1;
    std::printf("ok: 2 plugin states, %llu events each, parsed while sourced\n",
                static_cast<unsigned long long>(kEvents));
    return 0;
}
