// JSON-pointer fields walk the event's text (runtime/src/json_scan.cpp): they
// must give the answers of a nlohmann/json DOM for every document, pointer,
// argument and field type (the differential fuzz target does the same with
// random input: tests/fuzz/fuzz_json.cpp).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "json_oracle.hpp"

using namespace falcogen_tests::json_fields;

namespace {

const std::vector<std::string> kDocuments = {
    R"({"user": {"name": "alice", "uid": 1000, "groups": ["wheel", "adm"], "admin": true}, "ip": "10.0.0.1"})",
    R"(  {"a": [1, -0, -1, 2.5, 1e3, 18446744073709551615, 18446744073709551616, 9223372036854775808, 0]}  )",
    R"({"dup": 1, "dup": 2, "x": {"dup": "first", "dup": "last"}})",
    R"({"esc\"aped": "q", "sl/ash": "s", "ti~lde": "t", "\u0041B": "unicode key", "": "empty key"})",
    R"({"s": "line\nbreak \"quoted\" \\ \/ \b\f\r\t \u00e9 \ud83d\ude00 nul\u0000after"})",
    R"({"ips": ["192.0.2.1", "2001:db8::1", "not an ip", 4], "net": "10.0.0.0"})",
    R"(["top", "level", {"array": [[], {}, [[]]]}])",
    R"("just a string")",
    R"(42)",
    R"(true)",
    R"(null)",
    R"({"deep": {"er": {"est": [0, [1, [2, {"x": "found"}]]]}}})",
    "\xEF\xBB\xBF{\"bom\": \"yes\"}",
    "{\"utf8\": \"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"}",
    R"({"bools": [true, false, "true", 1, null]})",
    R"({"numbers": {"zero": 0, "neg": -5, "big": 12345678901234567890, "exp": 2E2, "frac": 0.5}})",
    R"({"tiny": 1e-400, "tinier": 0.0000000000000000000000000001e-330, "zero": 0e999999999, "max": 1.7976931348623157e308})",
    R"({"huge": 1e400})",
    R"({"huge": 0.00001e+400})",
    R"({"huge": -2e308})",
    "{\"long\": 1" + std::string(400, '0') + "}",
    "{\"under\": 0." + std::string(400, '0') + "1e+2}",
    R"({"a": {"b": {"c": {}}}, "empty": [], "obj": {"k": "v", "k2": "v2"}})",
    // Not JSON: every field of these has no value.
    R"({"a": 1,})",
    R"({"a": 1} trailing)",
    R"([1, 2)",
    R"({'a': 1})",
    R"({"a": 01})",
    R"({"a": .5})",
    R"({"a": "\x"})",
    R"({"a": "\ud800"})",
    R"({"a": "\udc00\ud800"})",
    "{\"a\": \"\xC0\x80\"}",
    "{\"a\": \"\xED\xA0\x80\"}",
    "{\"a\": \"\xF4\x90\x80\x80\"}",
    "{\"a\": \"\xC3\"}",
    std::string("{\"a\": \"x\0y\"}", 12),
    std::string("{\"a\": 1}\0", 9),
    "{\"a\": \"tab\there\"}",
    "",
    "   ",
    "nul",
    "-",
    "[1e]",
    "{\"a\" 1}",
    "\xEF\xBB{}",
};

// Every path of a document (up to `limit`), as RFC 6901 pointers.
void paths(const Json& node, const std::string& at, std::vector<std::string>& out, size_t limit) {
    if (out.size() >= limit) return;
    out.push_back(at);
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            std::string token;
            for (char c : it.key())
                token += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
            paths(it.value(), at + "/" + token, out, limit);
        }
    } else if (node.is_array()) {
        for (size_t i = 0; i < node.size(); ++i) paths(node[i], at + "/" + std::to_string(i), out, limit);
    }
}

std::vector<Request> requests_for(const std::string& text) {
    std::vector<std::string> pointers = {"", "/missing", "/0", "/00", "/-1", "/a/b/c/d", "/~1", "/~0", "/~2"};
    const Json doc = Json::parse(text, nullptr, false);
    if (!doc.is_discarded()) paths(doc, "", pointers, 200);
    std::vector<Request> out;
    for (const std::string& p : pointers) {
        for (uint32_t ftype : {FTYPE_STRING, FTYPE_UINT64, FTYPE_BOOL, FTYPE_IPADDR}) {
            for (uint32_t list : {0u, static_cast<uint32_t>(fd::kList)}) {
                out.push_back(Request{p, ftype, list});
                Request by_index{p, ftype, list | fd::kArgIndex, true, 1};
                out.push_back(by_index);
                Request by_key{p, ftype, list | fd::kArgKey, true, 0, "k"};
                out.push_back(by_key);
                Request ignored{p, ftype, list, true, 0, "k"};  // an argument the field does not declare
                out.push_back(ignored);
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("JSON fields give nlohmann/json's answers for every document, pointer, argument and type") {
    Event event;
    fd::ExtractResults results;
    uint64_t evtnum = 0;
    size_t compared = 0;
    for (const std::string& text : kDocuments) {
        CAPTURE(text);
        for (const Request& r : requests_for(text)) {
            CAPTURE(r.pointer);
            CAPTURE(r.ftype);
            CAPTURE(r.flags);
            CAPTURE(r.arg_present);
            CHECK(production(text, r, event, results, ++evtnum) == oracle(text, r));
            ++compared;
        }
    }
    CHECK(compared > 5000);
}

TEST_CASE("JSON fields: very deep and very large documents") {
    Event event;
    fd::ExtractResults results;
    std::string deep = std::string(20000, '[') + "\"bottom\"" + std::string(20000, ']');
    std::string pointer;
    for (int i = 0; i < 20000; ++i) pointer += "/0";
    CHECK(production(deep, Request{pointer}, event, results, 1) == oracle(deep, Request{pointer}));
    CHECK(*production(deep, Request{pointer}, event, results, 2) == std::vector<std::string>{"bottom"});
    std::string unbalanced = std::string(20000, '[') + std::string(19999, ']');
    CHECK(!production(unbalanced, Request{""}, event, results, 3));

    std::string big = "{\"pad\": [";
    while (big.size() < (1u << 21)) big += "{\"k\": \"some padding text\", \"n\": 12345},";
    big += "0], \"end\": \"here\"}";
    CHECK(*production(big, Request{"/end"}, event, results, 4) == std::vector<std::string>{"here"});
    CHECK(production(big, Request{"/pad/1000/n", FTYPE_UINT64}, event, results, 5) ==
          oracle(big, Request{"/pad/1000/n", FTYPE_UINT64}));
}
