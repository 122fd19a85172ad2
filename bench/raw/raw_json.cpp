// Hand-written twin of bench/plugins/json: the same JSON events, the same
// event_to_string (the document) and the bj.user field (JSON pointer
// /user/name), written in plain C++ against the plugin API, parsing with
// nlohmann/json as hand-written plugins (and the C++ SDK) do.
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

extern "C" {
#include "json_docs.h"
}
#include "falcogen/abi/plugin_api.h"

#define RAW_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

struct State {
    uint32_t batch_size = 64;
    std::string text;
    // Extraction: the document of the last event, parsed once per event.
    uint64_t parsed_evtnum = 0;
    nlohmann::json doc;
    bool doc_ok = false;
    const char* user = nullptr;
};

struct Instance {
    uint64_t emitted = 0, total = 0;
    uint32_t batch_size = 0;
    std::string buffer;  // batch_size slots of kSlot bytes, allocated once
    ss_plugin_event** events = nullptr;
};

constexpr uint32_t kSlot = 512;
constexpr uint32_t kHeader = 38;

const uint8_t* event_data(const ss_plugin_event_input* in, uint32_t& size) {
    if (in == nullptr || in->evt == nullptr) return nullptr;
    const auto* e = reinterpret_cast<const uint8_t*>(in->evt);
    uint32_t len, nparams, id_len, data_len;
    uint16_t type;
    std::memcpy(&len, e + 16, 4);
    std::memcpy(&type, e + 20, 2);
    std::memcpy(&nparams, e + 22, 4);
    std::memcpy(&id_len, e + 26, 4);
    std::memcpy(&data_len, e + 30, 4);
    if (type != 322 || nparams != 2 || len < kHeader || id_len != 4 || data_len != len - kHeader) return nullptr;
    size = data_len;
    return e + kHeader;
}

}  // namespace

RAW_EXPORT const char* plugin_get_required_api_version() {
    return "3.0.0";
}
RAW_EXPORT const char* plugin_get_version() {
    return "0.1.0";
}
RAW_EXPORT const char* plugin_get_name() {
    return "rawjson";
}
RAW_EXPORT const char* plugin_get_description() {
    return "hand-written benchmark plugin";
}
RAW_EXPORT const char* plugin_get_contact() {
    return "falcogen bench";
}
RAW_EXPORT uint32_t plugin_get_id() {
    return 999;
}
RAW_EXPORT const char* plugin_get_event_source() {
    return "benchjson";
}
RAW_EXPORT const char* plugin_get_last_error(ss_plugin_t*) {
    return "raw plugin error";
}

RAW_EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
    auto* s = new State();
    if (in != nullptr && in->config != nullptr) {
        if (const char* p = std::strstr(in->config, "\"batch_size\":"))
            s->batch_size = std::strtoul(p + 13, nullptr, 10);
    }
    *rc = SS_PLUGIN_SUCCESS;
    return s;
}
RAW_EXPORT void plugin_destroy(ss_plugin_t* s) {
    delete static_cast<State*>(s);
}

RAW_EXPORT ss_instance_t* plugin_open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc) {
    auto* st = static_cast<State*>(s);
    auto* in = new Instance();
    in->total = params != nullptr ? std::strtoull(params, nullptr, 10) : 10;
    in->batch_size = st->batch_size;
    in->buffer.resize(static_cast<size_t>(kSlot) * in->batch_size);
    in->events = new ss_plugin_event*[in->batch_size];
    *rc = SS_PLUGIN_SUCCESS;
    return in;
}
RAW_EXPORT void plugin_close(ss_plugin_t*, ss_instance_t* h) {
    auto* in = static_cast<Instance*>(h);
    if (in == nullptr) return;
    delete[] in->events;
    delete in;
}

RAW_EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t*, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    auto* in = static_cast<Instance*>(h);
    uint32_t n = 0;
    auto* slot = reinterpret_cast<uint8_t*>(&in->buffer[0]);
    while (in->emitted < in->total && n < in->batch_size) {
        const uint32_t data_len = static_cast<uint32_t>(
            bench_json_doc(reinterpret_cast<char*>(slot + kHeader), kSlot - kHeader, ++in->emitted));
        const uint64_t ts = UINT64_MAX, tid = UINT64_MAX;
        const uint32_t len = kHeader + data_len, nparams = 2, id_len = 4, id = 999;
        const uint16_t type = 322;
        std::memcpy(slot, &ts, 8);
        std::memcpy(slot + 8, &tid, 8);
        std::memcpy(slot + 16, &len, 4);
        std::memcpy(slot + 20, &type, 2);
        std::memcpy(slot + 22, &nparams, 4);
        std::memcpy(slot + 26, &id_len, 4);
        std::memcpy(slot + 30, &data_len, 4);
        std::memcpy(slot + 34, &id, 4);
        in->events[n++] = reinterpret_cast<ss_plugin_event*>(slot);
        slot += kSlot;
    }
    *nevts = n;
    *evts = in->events;
    return in->emitted < in->total ? SS_PLUGIN_SUCCESS : SS_PLUGIN_EOF;
}

RAW_EXPORT const char* plugin_event_to_string(ss_plugin_t* s, const ss_plugin_event_input* evt) {
    auto* st = static_cast<State*>(s);
    uint32_t size = 0;
    const uint8_t* data = event_data(evt, size);
    if (data == nullptr) return "<malformed event>";
    st->text.assign(reinterpret_cast<const char*>(data), size);
    return st->text.c_str();
}

RAW_EXPORT const char* plugin_get_fields() {
    return "[{\"name\":\"bj.user\",\"type\":\"string\",\"desc\":\"The user name\"}]";
}

RAW_EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                              const ss_plugin_field_extract_input* in) {
    auto* st = static_cast<State*>(s);
    if (st->parsed_evtnum != evt->evtnum || st->parsed_evtnum == 0) {
        st->parsed_evtnum = evt->evtnum;
        uint32_t size = 0;
        const uint8_t* data = event_data(evt, size);
        st->doc_ok = false;
        st->user = nullptr;
        if (data != nullptr) {
            st->doc = nlohmann::json::parse(data, data + size, nullptr, false);
            st->doc_ok = !st->doc.is_discarded();
            if (st->doc_ok) {
                auto u = st->doc.find("user");
                if (u != st->doc.end() && u->is_object()) {
                    auto n = u->find("name");
                    if (n != u->end() && n->is_string()) st->user = n->get_ref<const std::string&>().c_str();
                }
            }
        }
    }
    for (uint32_t i = 0; i < in->num_fields; ++i) {
        ss_plugin_extract_field& f = in->fields[i];
        f.res_len = 0;
        if (f.field_id != 0) return SS_PLUGIN_FAILURE;
        if (st->user != nullptr) {
            f.res.str = &st->user;
            f.res_len = 1;
        }
    }
    return SS_PLUGIN_SUCCESS;
}
