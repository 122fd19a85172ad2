// falcogen-bench-state: the per-event costs of state, parse and table access,
// generated vs hand-written (bench/plugins/state vs bench/raw/raw_state.c).
// Both plugins run in falcogen's host, which implements libsinsp's tables
// (falcogen/host/tables.hpp); each side gets its own registry with the same
// threads, and the same events. What the host costs is the same on both
// sides, so the ratio shows the plugins' difference (diluted by the host's
// share: libsinsp's tables cost about as much). Runs alternate A B A B and
// keep medians, as falcogen-bench does.
//
// Output: one JSON object per line, kinds "check", "parse" and "extract".
//
//   falcogen-bench-state [--smoke] [--reps N] NAME=RAW.so,GEN.so
#include <falcogen/host/host.hpp>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "measure.hpp"

using namespace falcogen::host;

namespace {

constexpr int kThreads = 64;
constexpr size_t kEvents = 1024;

[[noreturn]] void die(const std::string& what) {
    std::fprintf(stderr, "falcogen-bench-state: %s\n", what.c_str());
    std::exit(1);
}

// One plugin with its own registry of kThreads threads (tid 1000.., comm "procN").
struct Side {
    std::shared_ptr<TableRegistry> registry = std::make_shared<TableRegistry>();
    std::unique_ptr<Host> host;

    explicit Side(const std::string& path) {
        for (int i = 0; i < kThreads; ++i)
            registry->threads().add_thread(1000 + i, {{"comm", "proc" + std::to_string(i)}});
        HostOptions o;
        o.tables = registry;
        host = std::make_unique<Host>(path, o);
        host->init("");
    }
};

// Syscall events (a read exit with one parameter) of the threads in turn,
// with one in 16 from a thread the table does not have.
std::vector<HostEvent> make_events() {
    std::vector<HostEvent> out;
    for (size_t i = 0; i < kEvents; ++i) {
        std::vector<uint8_t> b(26 + 2 + 8);
        const uint64_t ts = i, tid = i % 16 == 15 ? 99 : 1000 + i % kThreads, res = 4;
        const uint32_t len = static_cast<uint32_t>(b.size()), nparams = 1;
        const uint16_t type = 7, plen = 8;
        std::memcpy(&b[0], &ts, 8);
        std::memcpy(&b[8], &tid, 8);
        std::memcpy(&b[16], &len, 4);
        std::memcpy(&b[20], &type, 2);
        std::memcpy(&b[22], &nparams, 4);
        std::memcpy(&b[26], &plen, 2);
        std::memcpy(&b[28], &res, 8);
        out.emplace_back(std::move(b), i + 1, "syscall");
    }
    return out;
}

bench::Sample run_parse(Side& side, const std::vector<HostEvent>& events, uint64_t rounds) {
    const uint64_t t0 = bench::cpu_ns();
    for (uint64_t r = 0; r < rounds; ++r) {
        for (const HostEvent& e : events) side.host->parse_event(e);
    }
    const double secs = static_cast<double>(bench::cpu_ns() - t0) / 1e9;
    const double items = static_cast<double>(rounds * events.size());
    return {items / std::max(secs, 1e-9), 0, 0};
}

// One field per call, as libsinsp asks; the value folded into a checksum.
bench::Sample run_extract(Side& side, const std::vector<HostEvent>& events, uint32_t id, uint32_t ftype,
                          const char* name, uint64_t rounds) {
    ss_plugin_extract_field f{};
    f.field_id = id;
    f.field = name;
    f.ftype = ftype;
    uint64_t sum = 0;
    const uint64_t t0 = bench::cpu_ns();
    for (uint64_t r = 0; r < rounds; ++r) {
        for (const HostEvent& e : events) {
            f.res_len = 0;
            if (side.host->extract_fields_raw(e, &f, 1) != SS_PLUGIN_SUCCESS) die("extract_fields failed");
            if (f.res_len != 0) sum += ftype == FTYPE_UINT64 ? f.res.u64[0] : static_cast<uint8_t>(f.res.str[0][0]);
        }
    }
    const double secs = static_cast<double>(bench::cpu_ns() - t0) / 1e9;
    const double items = static_cast<double>(rounds * events.size());
    return {items / std::max(secs, 1e-9), 0, sum};
}

// The guard against measuring different work: same counters, same values.
void check_identical(Side& raw, Side& gen, const std::vector<HostEvent>& events) {
    for (const HostEvent& e : events) {
        raw.host->parse_event(e);
        gen.host->parse_event(e);
    }
    for (int i = 0; i < kThreads; ++i) {
        const auto a = raw.registry->threads().thread(1000 + i).get<uint64_t>("bench_count");
        const auto b = gen.registry->threads().thread(1000 + i).get<uint64_t>("bench_count");
        if (a != b) die("thread " + std::to_string(1000 + i) + ": counters differ");
    }
    for (const char* field : {"bst.count", "bst.comm"}) {
        for (const HostEvent& e : events) {
            if (raw.host->extract(e, field).to_string() != gen.host->extract(e, field).to_string()) {
                die(std::string("field ") + field + " of event " + std::to_string(e.evtnum()) + " differs");
            }
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    int reps = 7;
    uint64_t rounds = 200;
    std::string name, raw_path, gen_path;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--smoke") {
            reps = 3;
            rounds = 4;
        } else if (a == "--reps" && i + 1 < argc) {
            reps = std::max(1, std::atoi(argv[++i]));
        } else if (a.find('=') != std::string::npos && a.find(',') != std::string::npos) {
            name = a.substr(0, a.find('='));
            raw_path = a.substr(a.find('=') + 1, a.find(',') - a.find('=') - 1);
            gen_path = a.substr(a.find(',') + 1);
        } else {
            std::fprintf(stderr, "usage: falcogen-bench-state [--smoke] [--reps N] NAME=RAW.so,GEN.so\n");
            return 2;
        }
    }
    if (name.empty()) die("no plugin pair given");
    try {
        const std::vector<HostEvent> events = make_events();
        Side raw(raw_path), gen(gen_path);
        check_identical(raw, gen, events);
        std::printf("{\"kind\":\"check\",\"what\":\"identical table state and fields\",\"ok\":true}\n");
        std::vector<bench::Sample> rp, gp;
        for (int r = 0; r < reps; ++r) {
            rp.push_back(run_parse(raw, events, rounds));
            gp.push_back(run_parse(gen, events, rounds));
        }
        bench::emit("parse", name, "events/s (threads table read + write)", 0, rp, gp);
        const uint32_t types[] = {FTYPE_UINT64, FTYPE_STRING};
        const char* names[] = {"bst.count", "bst.comm"};
        for (uint32_t id = 0; id < 2; ++id) {
            std::vector<bench::Sample> re, ge;
            for (int r = 0; r < reps; ++r) {
                re.push_back(run_extract(raw, events, id, types[id], names[id], rounds));
                ge.push_back(run_extract(gen, events, id, types[id], names[id], rounds));
            }
            bench::emit("extract", name, names[id], 0, re, ge);
        }
    } catch (const std::exception& e) {
        die(e.what());
    }
    return 0;
}
