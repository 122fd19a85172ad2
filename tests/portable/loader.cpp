// falcogen-load PLUGIN [OPEN_PARAMS [CONFIG]]: loads a plugin library the way
// libsinsp's plugin_loader.c does on the platform (LoadLibraryW and
// GetProcAddress on Windows, dlopen and dlsym elsewhere), then drives it
// through its plugin_* symbols: identity, init, open, next_batch to EOF (each
// event's header checked), event_to_string and extract_fields of every field
// on the first event, close, destroy. Prints what it saw; exits non-zero on
// the first broken rule. Built for Windows by scripts/portability.sh and run
// under wine.
#ifdef _WIN32
#include <windows.h>
#else
#include <dlfcn.h>
#endif

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "falcogen/abi/plugin_api.h"

namespace {

#ifdef _WIN32
using Library = HMODULE;
Library open_library(const char* path) {
    std::wstring wide(MultiByteToWideChar(CP_UTF8, 0, path, -1, nullptr, 0), L'\0');
    MultiByteToWideChar(CP_UTF8, 0, path, -1, wide.data(), static_cast<int>(wide.size()));
    return LoadLibraryW(wide.c_str());
}
void* symbol(Library lib, const char* name) {
    return reinterpret_cast<void*>(GetProcAddress(lib, name));
}
void close_library(Library lib) {
    FreeLibrary(lib);
}
#else
using Library = void*;
Library open_library(const char* path) {
    return dlopen(path, RTLD_LOCAL | RTLD_NOW);
}
void* symbol(Library lib, const char* name) {
    return dlsym(lib, name);
}
void close_library(Library lib) {
    dlclose(lib);
}
#endif

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "falcogen-load: %s\n", what.c_str());
    std::exit(1);
}

template <typename Fn>
Fn need(Library lib, const char* name) {
    void* p = symbol(lib, name);
    if (p == nullptr) fail(std::string("required symbol not found: ") + name);
    Fn fn;
    std::memcpy(&fn, &p, sizeof fn);
    return fn;
}

struct Plugin {
    Library lib;
    ss_plugin_t* state = nullptr;
};

// The header of a plugin event, as libscap checks it.
void check_event(const ss_plugin_event* e, uint32_t id) {
    uint32_t len = 0, nparams = 0, plugin_id = 0, datalen = 0;
    uint16_t type = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(e);
    std::memcpy(&len, b + 16, 4);
    std::memcpy(&type, b + 20, 2);
    std::memcpy(&nparams, b + 22, 4);
    std::memcpy(&datalen, b + 30, 4);
    std::memcpy(&plugin_id, b + 34, 4);
    if (type != 322 || nparams != 2 || len != 38 + datalen || (plugin_id != 0 && plugin_id != id)) {
        fail("malformed plugin event (type " + std::to_string(type) + ", len " + std::to_string(len) + ")");
    }
}

// The API's field type of a type name of plugin_get_fields.
uint32_t field_type(const std::string& t) {
    if (t == "string") return FTYPE_STRING;
    if (t == "bool") return FTYPE_BOOL;
    if (t == "ipaddr") return FTYPE_IPADDR;
    if (t == "ipnet") return FTYPE_IPNET;
    if (t == "reltime") return FTYPE_RELTIME;
    if (t == "abstime") return FTYPE_ABSTIME;
    return FTYPE_UINT64;
}

// The first value of an extracted field, as text.
std::string first_value(const ss_plugin_extract_field& f) {
    if (f.res_len == 0) return "(none)";
    switch (f.ftype) {
        case FTYPE_STRING: return f.res.str[0];
        case FTYPE_BOOL: return f.res.boolean[0] ? "true" : "false";
        case FTYPE_IPADDR:
        case FTYPE_IPNET: {
            const auto* b = static_cast<const unsigned char*>(f.res.buf[0].ptr);
            std::string out;
            for (uint32_t i = 0; i < f.res.buf[0].len; ++i) out += (i ? "." : "") + std::to_string(b[i]);
            return out;
        }
        default: return std::to_string(f.res.u64[0]);
    }
}

void extract_all(Plugin& p, const ss_plugin_event* first, const char* source) {
    auto get_fields = need<const char* (*)()>(p.lib, "plugin_get_fields");
    auto extract =
        need<ss_plugin_rc (*)(ss_plugin_t*, const ss_plugin_event_input*, const ss_plugin_field_extract_input*)>(
            p.lib, "plugin_extract_fields");
    const auto fields = nlohmann::json::parse(get_fields());
    std::vector<ss_plugin_extract_field> req(fields.size());
    std::vector<std::string> names;
    for (size_t i = 0; i < fields.size(); ++i) names.push_back(fields[i]["name"].get<std::string>());
    for (size_t i = 0; i < fields.size(); ++i) {
        req[i].field_id = static_cast<uint32_t>(i);
        req[i].field = names[i].c_str();
        req[i].ftype = field_type(fields[i]["type"].get<std::string>());
        req[i].flist = fields[i].value("isList", false);
    }
    ss_plugin_event_input in{first, 1, source};
    ss_plugin_field_extract_input fx{};
    fx.num_fields = static_cast<uint32_t>(req.size());
    fx.fields = req.data();
    if (extract(p.state, &in, &fx) != SS_PLUGIN_SUCCESS) fail("extract_fields failed");
    for (size_t i = 0; i < req.size(); ++i) std::printf("%s: %s\n", names[i].c_str(), first_value(req[i]).c_str());
}

// open, next_batch to EOF, then the first event's text and fields; returns the events read.
size_t capture(Plugin& p, const char* params) {
    auto open = need<ss_instance_t* (*)(ss_plugin_t*, const char*, ss_plugin_rc*)>(p.lib, "plugin_open");
    auto next =
        need<ss_plugin_rc (*)(ss_plugin_t*, ss_instance_t*, uint32_t*, ss_plugin_event***)>(p.lib, "plugin_next_batch");
    auto close = need<void (*)(ss_plugin_t*, ss_instance_t*)>(p.lib, "plugin_close");
    auto to_string = need<const char* (*)(ss_plugin_t*, const ss_plugin_event_input*)>(p.lib, "plugin_event_to_string");
    const uint32_t id = need<uint32_t (*)()>(p.lib, "plugin_get_id")();
    const std::string source = need<const char* (*)()>(p.lib, "plugin_get_event_source")();
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    ss_instance_t* h = open(p.state, params, &rc);
    if (rc != SS_PLUGIN_SUCCESS || h == nullptr) fail("plugin_open failed");
    std::vector<unsigned char> first;
    size_t count = 0, batches = 0;
    for (rc = SS_PLUGIN_SUCCESS; rc == SS_PLUGIN_SUCCESS || rc == SS_PLUGIN_TIMEOUT;) {
        uint32_t n = 0;
        ss_plugin_event** evts = nullptr;
        rc = next(p.state, h, &n, &evts);
        if (rc == SS_PLUGIN_FAILURE) fail("plugin_next_batch failed");
        batches += n > 0 ? 1 : 0;
        for (uint32_t i = 0; i < n; ++i) {
            check_event(evts[i], id);
            if (count++ == 0)
                first.assign(reinterpret_cast<unsigned char*>(evts[i]),
                             reinterpret_cast<unsigned char*>(evts[i]) + evts[i]->len);
        }
    }
    std::printf("events: %llu in %llu batches, then %s\n", static_cast<unsigned long long>(count),
                static_cast<unsigned long long>(batches), rc == SS_PLUGIN_EOF ? "EOF" : "an error");
    if (!first.empty()) {
        const auto* e = reinterpret_cast<const ss_plugin_event*>(first.data());
        ss_plugin_event_input in{e, 1, source.c_str()};
        std::printf("first event: %s\n", to_string(p.state, &in));
        extract_all(p, e, source.c_str());
    }
    close(p.state, h);
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) fail("usage: falcogen-load PLUGIN [OPEN_PARAMS [CONFIG]]");
    Plugin p{open_library(argv[1])};
    if (p.lib == nullptr) fail(std::string("can't load plugin dynamic library: ") + argv[1]);
    auto text = [&](const char* name) { return std::string(need<const char* (*)()>(p.lib, name)()); };
    std::printf("plugin: %s %s (requires API %s)\n", text("plugin_get_name").c_str(),
                text("plugin_get_version").c_str(), text("plugin_get_required_api_version").c_str());
    auto init = need<ss_plugin_t* (*)(const ss_plugin_init_input*, ss_plugin_rc*)>(p.lib, "plugin_init");
    auto destroy = need<void (*)(ss_plugin_t*)>(p.lib, "plugin_destroy");
    auto last_error = need<const char* (*)(ss_plugin_t*)>(p.lib, "plugin_get_last_error");
    ss_plugin_init_input in{};
    in.config = argc > 3 ? argv[3] : "{}";
    ss_plugin_rc rc = SS_PLUGIN_FAILURE;
    p.state = init(&in, &rc);
    if (rc != SS_PLUGIN_SUCCESS) fail(std::string("plugin_init failed: ") + (p.state ? last_error(p.state) : ""));
    const size_t events = capture(p, argc > 2 ? argv[2] : "");
    destroy(p.state);
    close_library(p.lib);
    return events > 0 ? 0 : 1;
}
