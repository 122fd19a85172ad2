// Fuzz target: JSON-pointer fields, differentially. The runtime walks the
// event's text (runtime/src/json_scan.cpp); a nlohmann/json DOM gives the
// reference answers (tests/common/json_oracle.hpp). Any difference, in the
// document's validity or in any value, is a crash.
//
// Input: byte 0 picks the field type, list and argument; then the pointer up to
// the first newline; the rest is the document. Each input also probes the
// first paths of the document's own tree.
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "json_oracle.hpp"

namespace {

using namespace falcogen_tests::json_fields;

void compare(const std::string& document, const Request& r) {
    static Event event;  // reused, as a plugin state reuses its event
    static fd::ExtractResults results;
    static uint64_t evtnum = 0;
    const Values got = production(document, r, event, results, ++evtnum);
    const Values want = oracle(document, r);
    FUZZ_CHECK(got.has_value() == want.has_value(), "validity differs for pointer '%s'", r.pointer.c_str());
    FUZZ_CHECK(got == want, "values differ for pointer '%s' (type %u, flags %u)", r.pointer.c_str(), r.ftype, r.flags);
}

Request request(uint8_t selector, std::string pointer) {
    static const uint32_t kTypes[] = {FTYPE_STRING, FTYPE_UINT64, FTYPE_BOOL, FTYPE_IPADDR};
    Request r{std::move(pointer), kTypes[selector & 3]};
    if (selector & 4) r.flags |= fd::kList;
    if (selector & 8) r.flags |= fd::kArgIndex;
    if (selector & 16) r.flags |= fd::kArgKey;
    r.arg_present = (selector & 32) != 0;
    r.arg_index = (selector >> 6) & 1;
    r.arg_key = (selector & 128) ? "a" : "0";
    return r;
}

void own_paths(const Json& node, const std::string& at, std::vector<std::string>& out) {
    if (out.size() >= 8) return;
    out.push_back(at);
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end() && out.size() < 8; ++it)
            own_paths(it.value(), at + "/" + it.key(), out);
    } else if (node.is_array() && !node.empty()) {
        own_paths(node[node.size() - 1], at + "/" + std::to_string(node.size() - 1), out);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const uint8_t selector = data[0];
    const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
    const size_t newline = rest.find('\n');
    const std::string pointer = newline == std::string::npos ? "" : rest.substr(0, newline);
    const std::string document = newline == std::string::npos ? rest : rest.substr(newline + 1);
    // A field's pointer is a C string in the plugin: it has no NUL byte.
    const auto usable = [](const std::string& p) { return p.find('\0') == std::string::npos; };
    if ((pointer.empty() || pointer[0] == '/') && usable(pointer)) compare(document, request(selector, pointer));
    const Json doc = Json::parse(document, nullptr, false);
    std::vector<std::string> paths;
    if (!doc.is_discarded()) own_paths(doc, "", paths);
    for (const std::string& p : paths) {
        if (p.find('~') == std::string::npos && usable(p)) compare(document, request(selector, p));
    }
    return 0;
}
