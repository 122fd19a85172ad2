// Fuzz target: the capture reader (host/src/capture). The input is the bytes
// of a plain capture. Whatever they are, the reader must end cleanly or throw
// a CaptureError; each event it yields must be whole and well-formed (len
// bytes, parameters inside len), numbered one by one.
#include <falcogen/host/capture.hpp>

#include <cstdint>
#include <vector>

#include "fuzz_common.hpp"

namespace {

using namespace falcogen::host;

// Touches everything the reader hands out, so that ASan sees any bad byte.
void check_event(const CaptureEvent& ce, uint64_t expected_num) {
    const HostEvent& e = ce.event;
    FUZZ_CHECK(e.evtnum() == expected_num, "event number %llu, expected %llu",
               static_cast<unsigned long long>(e.evtnum()), static_cast<unsigned long long>(expected_num));
    FUZZ_CHECK(e.bytes().size() >= 26 && e.len() == e.bytes().size(), "event len %u, %zu bytes", e.len(),
               e.bytes().size());
    uint64_t sum = 0;
    for (uint32_t i = 0; i < e.nparams(); ++i) {
        auto p = event_param(e, i);
        FUZZ_CHECK(p.has_value(), "parameter %u of a validated event is missing", i);
        for (size_t k = 0; k < p->size; ++k) sum += p->data[k];
    }
    (void)sum;
}

void check_threads(const CaptureReader& r) {
    size_t total = 0;
    for (const auto& t : r.threads()) {
        total += t.comm.size() + t.exe.size() + t.cwd.size();
        for (const auto& a : t.args) total += a.size();
        for (const auto& [num, fd] : t.fds) total += fd.name.size() + static_cast<size_t>(num & 1);
        FUZZ_CHECK(r.find_thread(t.tid) == &t, "find_thread(%llu) is not the listed thread",
                   static_cast<unsigned long long>(t.tid));
    }
    (void)total;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    CaptureOptions options;
    options.max_block_size = 1u << 20;  // the limit is what keeps memory bounded; a small one keeps runs fast
    try {
        auto r = CaptureReader::from_memory(std::vector<uint8_t>(data, data + size), "fuzz", options);
        check_threads(*r);
        uint64_t n = 0;
        while (auto ce = r->next()) {
            check_event(*ce, ++n);
            if (r->section_changed()) check_threads(*r);
        }
        FUZZ_CHECK(r->offset() <= size, "offset %llu past the input", static_cast<unsigned long long>(r->offset()));
    } catch (const CaptureError&) {
        // malformed input: the expected outcome
    }
    return 0;
}
