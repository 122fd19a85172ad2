// Fuzz target: a generated plugin (FUZZ_PLUGIN_PATH) loaded like a host does,
// fed arbitrary events through plugin_event_to_string and
// plugin_extract_fields, for every field and argument combination.
// Built for tests/robustness/robust (every layout member type, member and
// computed fields), tests/fuzz/jsonf (JSON payload extraction) and
// examples/syscalls (typed views of kernel events and `param:` fields; an
// extract-only plugin: its events are "syscall" events, seeded with openat,
// open and execve exits).
//
// Input: byte 0 = flags, byte 1 = argument byte, the rest = event material.
//   flags bit 0: 0 = the rest is event_data inside a well-formed 322 envelope,
//                1 = the rest is the whole event (len patched to the buffer size
//                    when it claims more: the host guarantees len bytes)
//   flags bit 1: evtsrc is "syscall" instead of the plugin's source
//   flags bit 2: the envelope carries another plugin's id
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "fuzz_common.hpp"

namespace {

struct Field {
    std::string name;
    uint32_t ftype = 0;
    bool list = false;
};

struct Loaded {
    fuzz::Plugin api{FUZZ_PLUGIN_PATH};
    ss_plugin_t* state = nullptr;
    std::vector<Field> fields;
    std::string source;

    Loaded() {
        ss_plugin_init_input in{};
        in.config = "{}";
        in.log_fn = &fuzz::ignore_log;
        ss_plugin_rc rc = SS_PLUGIN_FAILURE;
        state = api.init(&in, &rc);
        FUZZ_CHECK(rc == SS_PLUGIN_SUCCESS, "init: %s", state ? api.get_last_error(state) : "(null)");
        const auto event_source = reinterpret_cast<const char* (*)()>(dlsym(api.dl, "plugin_get_event_source"));
        source = event_source != nullptr ? event_source() : "syscall";  // extract-only: kernel events
        if (api.get_fields == nullptr) return;
        const auto doc = nlohmann::json::parse(api.get_fields());
        for (const auto& f : doc) {
            Field field;
            field.name = f.at("name").get<std::string>();
            const std::string t = f.at("type").get<std::string>();
            field.ftype = t == "string"    ? FTYPE_STRING
                          : t == "uint64"  ? FTYPE_UINT64
                          : t == "bool"    ? FTYPE_BOOL
                          : t == "reltime" ? FTYPE_RELTIME
                          : t == "abstime" ? FTYPE_ABSTIME
                          : t == "ipaddr"  ? FTYPE_IPADDR
                                           : FTYPE_IPNET;
            field.list = f.value("isList", false);
            fields.push_back(field);
        }
    }
};

Loaded& plugin() {
    static Loaded* loaded = new Loaded();  // lives for the process (no destroy at exit)
    return *loaded;
}

uint64_t next_evtnum = 1;

void check_result(const Loaded& p, const ss_plugin_extract_field& f) {
    const Field& info = p.fields[f.field_id];
    FUZZ_CHECK(f.res_len <= 1 || info.list, "%s: %llu values for a non-list field", info.name.c_str(),
               (unsigned long long)f.res_len);
    FUZZ_CHECK(f.res_len < (1u << 24), "%s: absurd res_len", info.name.c_str());
    if (f.res_len == 0) return;
    FUZZ_CHECK(f.res.str != nullptr, "%s: NULL result", info.name.c_str());
    for (uint64_t k = 0; k < f.res_len; ++k) {
        switch (info.ftype) {
            case FTYPE_STRING:
                FUZZ_CHECK(f.res.str[k] != nullptr, "%s: NULL string", info.name.c_str());
                (void)std::strlen(f.res.str[k]);  // ASan: must be NUL-terminated memory
                break;
            case FTYPE_BOOL:
                FUZZ_CHECK(f.res.boolean[k] <= 1, "%s: bool %u", info.name.c_str(), f.res.boolean[k]);
                break;
            case FTYPE_IPADDR:
            case FTYPE_IPNET: {
                const ss_plugin_byte_buffer& b = f.res.buf[k];
                FUZZ_CHECK(b.ptr != nullptr && (b.len == 4 || b.len == 16), "%s: ip of %u bytes", info.name.c_str(),
                           b.len);
                volatile uint8_t last = static_cast<const uint8_t*>(b.ptr)[b.len - 1];
                (void)last;
                break;
            }
            default: {
                volatile uint64_t v = f.res.u64[k];
                (void)v;
            }
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Loaded& p = plugin();
    if (size < 2) return 0;
    const uint8_t flags = data[0], argbyte = data[1];
    data += 2;
    size -= 2;

    std::unique_ptr<uint8_t[]> evt;
    size_t evt_size;
    if ((flags & 1) == 0) {
        evt_size = 38 + size;
        evt.reset(new uint8_t[evt_size]);
        const uint64_t ts = 1, tid = UINT64_MAX;
        const uint32_t len = static_cast<uint32_t>(evt_size), nparams = 2, id_len = 4;
        const uint32_t data_len = static_cast<uint32_t>(size), id = (flags & 4) ? 1000 : 999;
        const uint16_t type = 322;
        std::memcpy(&evt[0], &ts, 8);
        std::memcpy(&evt[8], &tid, 8);
        std::memcpy(&evt[16], &len, 4);
        std::memcpy(&evt[20], &type, 2);
        std::memcpy(&evt[22], &nparams, 4);
        std::memcpy(&evt[26], &id_len, 4);
        std::memcpy(&evt[30], &data_len, 4);
        std::memcpy(&evt[34], &id, 4);
        if (size) std::memcpy(&evt[38], data, size);
    } else {
        evt_size = std::max<size_t>(size, 26);
        evt.reset(new uint8_t[evt_size]());
        if (size) std::memcpy(evt.get(), data, size);
        uint32_t len;
        std::memcpy(&len, &evt[16], 4);
        if (len > evt_size) {
            len = static_cast<uint32_t>(evt_size);
            std::memcpy(&evt[16], &len, 4);
        }
    }

    ss_plugin_event_input in{};
    in.evt = reinterpret_cast<const ss_plugin_event*>(evt.get());
    in.evtnum = next_evtnum++;
    in.evtsrc = (flags & 2) ? "syscall" : p.source.c_str();

    if (p.api.event_to_string != nullptr) {
        const char* text = p.api.event_to_string(p.state, &in);
        FUZZ_CHECK(text != nullptr, "event_to_string returned NULL: %s", p.api.get_last_error(p.state));
        (void)std::strlen(text);
    }

    const uint32_t n = static_cast<uint32_t>(p.fields.size());
    if (n == 0 || p.api.extract_fields == nullptr) return 0;
    const std::string index_text = std::to_string(argbyte);
    std::vector<ss_plugin_extract_field> all(n);
    for (uint32_t id = 0; id < n; ++id) {
        // One field per call with each argument form, then all fields in one call.
        for (int variant = 0; variant < 5; ++variant) {
            ss_plugin_extract_field f{};
            f.field_id = id;
            f.field = p.fields[id].name.c_str();
            f.ftype = p.fields[id].ftype;
            f.flist = p.fields[id].list;
            f.arg_index = UINT64_MAX;  // what libsinsp passes without an index
            switch (variant) {
                case 1:
                    f.arg_present = 1;
                    f.arg_index = argbyte;
                    f.arg_key = index_text.c_str();
                    break;
                case 2:
                    f.arg_present = 1;
                    f.arg_index = UINT64_MAX;
                    f.arg_key = "18446744073709551615";
                    break;
                case 3:
                    f.arg_present = 1;
                    f.arg_key = "app";
                    break;
                case 4:
                    f.arg_present = 1;
                    f.arg_key = "";
                    break;
                default: break;
            }
            ss_plugin_field_extract_input req{};
            req.num_fields = 1;
            req.fields = &f;
            const ss_plugin_rc rc = p.api.extract_fields(p.state, &in, &req);
            FUZZ_CHECK(rc == SS_PLUGIN_SUCCESS, "extract %s failed: %s", f.field, p.api.get_last_error(p.state));
            check_result(p, f);
        }
        all[id].field_id = id;
        all[id].field = p.fields[id].name.c_str();
        all[id].ftype = p.fields[id].ftype;
        all[id].flist = p.fields[id].list;
        all[id].arg_index = UINT64_MAX;
    }
    ss_plugin_field_extract_input req{};
    req.num_fields = n;
    req.fields = all.data();
    FUZZ_CHECK(p.api.extract_fields(p.state, &in, &req) == SS_PLUGIN_SUCCESS, "extract all: %s",
               p.api.get_last_error(p.state));
    for (uint32_t id = 0; id < n; ++id) check_result(p, all[id]);
    // An unknown field id is refused with a message, not read out of bounds.
    ss_plugin_extract_field bad{};
    bad.field_id = n + argbyte;
    bad.field = "x.unknown";
    req.num_fields = 1;
    req.fields = &bad;
    FUZZ_CHECK(p.api.extract_fields(p.state, &in, &req) == SS_PLUGIN_FAILURE, "unknown field id accepted");
    FUZZ_CHECK(std::string(p.api.get_last_error(p.state)) ==
                   "plugin_extract_fields: unknown field id " + std::to_string(n + argbyte),
               "unknown field id message: %s", p.api.get_last_error(p.state));
    return 0;
}
