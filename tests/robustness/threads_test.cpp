// Concurrency allowed by the plugin API (docs/threads.md): next_batch and
// get_progress run concurrently on distinct instances; event_to_string
// (and extract_fields, parse_event) run concurrently with them. Two instances
// are pulled from two threads while a third thread renders events and
// extracts fields from them, on one plugin state. scripts/test-tsan.sh runs this under ThreadSanitizer: any data
// race in the runtime or the generated code fails it.
#include <dlfcn.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <falcogen/abi/plugin_api.h>

#include "expect.hpp"

namespace {

int failures = 0;

struct Api {
    ss_plugin_t* (*init)(const ss_plugin_init_input*, ss_plugin_rc*);
    void (*destroy)(ss_plugin_t*);
    const char* (*get_last_error)(ss_plugin_t*);
    ss_instance_t* (*open)(ss_plugin_t*, const char*, ss_plugin_rc*);
    void (*close)(ss_plugin_t*, ss_instance_t*);
    ss_plugin_rc (*next_batch)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event***);
    const char* (*get_progress)(ss_plugin_t*, ss_instance_t*, uint32_t*);
    const char* (*event_to_string)(ss_plugin_t*, const ss_plugin_event_input*);
    ss_plugin_rc (*extract_fields)(ss_plugin_t*, const ss_plugin_event_input*, const ss_plugin_field_extract_input*);
};

// Extracts robust.u8 (field 0, uint64) and robust.text (field 8, string) in one call.
std::string extract_text(const Api& api, ss_plugin_t* s, const ss_plugin_event_input* ei) {
    ss_plugin_extract_field fields[2] = {};
    fields[0].field_id = 0;
    fields[0].field = "robust.u8";
    fields[0].ftype = FTYPE_UINT64;
    fields[1].field_id = 8;
    fields[1].field = "robust.text";
    fields[1].ftype = FTYPE_STRING;
    ss_plugin_field_extract_input in{};
    in.num_fields = 2;
    in.fields = fields;
    if (api.extract_fields(s, ei, &in) != SS_PLUGIN_SUCCESS) return "(failure)";
    std::string out;
    out += fields[0].res_len ? std::to_string(fields[0].res.u64[0]) : "-";
    out += " ";
    out += fields[1].res_len ? fields[1].res.str[0] : "-";
    return out;
}

template <typename F>
void resolve(void* dl, F& f, const char* name) {
    f = reinterpret_cast<F>(dlsym(dl, name));
    if (f == nullptr) {
        std::fprintf(stderr, "missing symbol %s\n", name);
        std::exit(1);
    }
}

constexpr uint64_t kEventsPerInstance = 20000;

// Pulls an instance to EOF, checking every event and the progress.
void pull(const Api& api, ss_plugin_t* s, ss_instance_t* inst, uint64_t* total) {
    uint64_t seen = 0;
    for (;;) {
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        const ss_plugin_rc rc = api.next_batch(s, inst, &n, &evts);
        for (uint32_t i = 0; i < n; ++i) {
            uint32_t len;
            uint64_t ts;
            std::memcpy(&len, reinterpret_cast<const uint8_t*>(evts[i]) + 16, 4);
            std::memcpy(&ts, evts[i], 8);
            ++seen;
            EXPECT(ts == 1000 + seen, "event %llu has ts %llu", (unsigned long long)seen, (unsigned long long)ts);
            EXPECT(len >= 42, "event %llu has len %u", (unsigned long long)seen, len);
        }
        uint32_t pct = 0;
        const char* text = api.get_progress(s, inst, &pct);
        const std::string expected_text = std::to_string(seen) + "/" + std::to_string(kEventsPerInstance);
        EXPECT(text != nullptr && expected_text == text, "progress text '%s', expected '%s'", text ? text : "(null)",
               expected_text.c_str());
        if (rc == SS_PLUGIN_EOF) {
            EXPECT(pct == 10000, "final progress %u", pct);
            break;
        }
        EXPECT(rc == SS_PLUGIN_SUCCESS, "next_batch rc %d", rc);
        if (rc != SS_PLUGIN_SUCCESS) break;
    }
    *total = seen;
}

}  // namespace

int main() {
    void* dl = dlopen(ROBUST_PLUGIN, RTLD_NOW | RTLD_LOCAL);
    if (dl == nullptr) {
        std::fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    Api api{};
    resolve(dl, api.init, "plugin_init");
    resolve(dl, api.destroy, "plugin_destroy");
    resolve(dl, api.get_last_error, "plugin_get_last_error");
    resolve(dl, api.open, "plugin_open");
    resolve(dl, api.close, "plugin_close");
    resolve(dl, api.next_batch, "plugin_next_batch");
    resolve(dl, api.get_progress, "plugin_get_progress");
    resolve(dl, api.event_to_string, "plugin_event_to_string");
    resolve(dl, api.extract_fields, "plugin_extract_fields");

    ss_plugin_init_input in{};
    in.config = R"({"batch_size": 64})";
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_plugin_t* s = api.init(&in, &rc);
    if (rc != SS_PLUGIN_SUCCESS) {
        std::fprintf(stderr, "init failed: %s\n", s ? api.get_last_error(s) : "(no state)");
        return 1;
    }

    // Host-owned copies of a few events (one per layout) and their text, for the renderer.
    std::vector<std::vector<uint8_t>> events;
    std::vector<std::string> texts;
    std::vector<std::string> extracted;
    {
        ss_instance_t* c = api.open(s, "count:8", &rc);
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        api.next_batch(s, c, &n, &evts);
        for (uint32_t i = 0; i < n; ++i) {
            uint32_t len;
            std::memcpy(&len, reinterpret_cast<const uint8_t*>(evts[i]) + 16, 4);
            const auto* p = reinterpret_cast<const uint8_t*>(evts[i]);
            events.emplace_back(p, p + len);
        }
        api.close(s, c);
        // A malformed one too: its error goes to the shared error slot.
        std::vector<uint8_t> bad = events[0];
        bad[38] = 0;
        bad[39] = 0;  // tag 0
        events.push_back(bad);
        for (const auto& e : events) {
            ss_plugin_event_input ei{reinterpret_cast<const ss_plugin_event*>(e.data()), 1, "robust"};
            texts.emplace_back(api.event_to_string(s, &ei));
            extracted.push_back(extract_text(api, s, &ei));
        }
        EXPECT(extracted[0] == "1 -" && extracted[2] == "- hi" && extracted[3] == "- hi#4" && extracted[8] == "- -",
               "extracted '%s' '%s' '%s' '%s'", extracted[0].c_str(), extracted[2].c_str(), extracted[3].c_str(),
               extracted[8].c_str());
        EXPECT(texts.size() == 9 && texts[8] == "<malformed event: invalid layout tag 0>", "text '%s'",
               texts.back().c_str());
    }

    ss_instance_t* a = api.open(s, ("count:" + std::to_string(kEventsPerInstance)).c_str(), &rc);
    ss_instance_t* b = api.open(s, ("count:" + std::to_string(kEventsPerInstance)).c_str(), &rc);
    if (a == nullptr || b == nullptr) {
        std::fprintf(stderr, "open failed\n");
        return 1;
    }

    std::atomic<bool> done{false};
    uint64_t total_a = 0, total_b = 0, rendered = 0;
    std::thread ta([&] { pull(api, s, a, &total_a); });
    std::thread tb([&] { pull(api, s, b, &total_b); });
    std::thread tr([&] {
        // At least a few rounds, then until both pullers are done.
        for (int round = 0; round < 50 || !done.load(); ++round) {
            for (size_t i = 0; i < events.size(); ++i) {
                ss_plugin_event_input ei{reinterpret_cast<const ss_plugin_event*>(events[i].data()), i + 1, "robust"};
                const char* t = api.event_to_string(s, &ei);
                EXPECT(t != nullptr && texts[i] == t, "event %zu rendered '%s', expected '%s'", i, t ? t : "(null)",
                       texts[i].c_str());
                const std::string x = extract_text(api, s, &ei);
                EXPECT(x == extracted[i], "event %zu extracted '%s', expected '%s'", i, x.c_str(),
                       extracted[i].c_str());
                ++rendered;
            }
        }
    });
    ta.join();
    tb.join();
    done = true;
    tr.join();

    EXPECT(total_a == kEventsPerInstance, "instance a: %llu events", (unsigned long long)total_a);
    EXPECT(total_b == kEventsPerInstance, "instance b: %llu events", (unsigned long long)total_b);
    api.close(s, a);
    api.close(s, b);
    api.destroy(s);

    // Failures on two instances at once: each thread reads get_last_error
    // right after its own failed next_batch while the other thread records one.
    ss_plugin_init_input fin{};
    fin.config = R"({"throw_in": "next_batch"})";
    ss_plugin_t* f = api.init(&fin, &rc);
    EXPECT(rc == SS_PLUGIN_SUCCESS, "init of the failing plugin");
    ss_instance_t* fa = api.open(f, "count:1", &rc);
    ss_instance_t* fb = api.open(f, "count:1", &rc);
    auto fail_loop = [&](ss_instance_t* inst) {
        for (int i = 0; i < 2000; ++i) {
            uint32_t n = 0;
            ss_plugin_event** evts = nullptr;
            EXPECT(api.next_batch(f, inst, &n, &evts) == SS_PLUGIN_FAILURE, "next_batch did not fail");
            const std::string error = api.get_last_error(f);
            EXPECT(error == "plugin_next_batch: injected failure in next_batch", "error '%s'", error.c_str());
        }
    };
    std::thread fta(fail_loop, fa), ftb(fail_loop, fb);
    fta.join();
    ftb.join();
    api.close(f, fa);
    api.close(f, fb);
    api.destroy(f);
    dlclose(dl);
    failures = testing_expect::failures.load();
    std::printf("threads: %llu + %llu events pulled, %llu events rendered concurrently, %d failures\n",
                (unsigned long long)total_a, (unsigned long long)total_b, (unsigned long long)rendered, failures);
    return failures == 0 ? 0 : 1;
}
