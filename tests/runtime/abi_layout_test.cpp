// The ABI header's static_asserts already fail the build on a layout slip;
// these checks restate the facts a host relies on at run time, so a change
// that disables the asserts (say, a non-LP64 guard gone wrong) still shows.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cstddef>

#include "falcogen/abi/plugin_api.h"

TEST_CASE("ABI structs have the host's sizes and offsets (LP64)") {
    CHECK(sizeof(ss_plugin_event) == 26);
    CHECK(offsetof(ss_plugin_event, nparams) == 22);
    CHECK(sizeof(ss_plugin_event_input) == 24);
    CHECK(sizeof(ss_plugin_extract_field) == 64);
    CHECK(offsetof(ss_plugin_extract_field, flist) == 56);
    CHECK(sizeof(ss_plugin_field_extract_input) == 80);
    CHECK(offsetof(ss_plugin_field_extract_input, value_offsets) == 72);
    CHECK(sizeof(ss_plugin_init_input) == 40);
    CHECK(offsetof(ss_plugin_init_input, log_fn) == 32);
    CHECK(sizeof(ss_plugin_event_parse_input) == 112);
    CHECK(sizeof(ss_plugin_capture_listen_input) == 40);
    CHECK(offsetof(ss_plugin_capture_listen_input, get_owner_last_error) == 32);
    CHECK(sizeof(ss_plugin_metric) == 32);
    CHECK(sizeof(ss_plugin_byte_buffer) == 16);
}

TEST_CASE("ABI enum values match the header") {
    CHECK(SS_PLUGIN_SUCCESS == 0);
    CHECK(SS_PLUGIN_FAILURE == 1);
    CHECK(SS_PLUGIN_TIMEOUT == -1);
    CHECK(SS_PLUGIN_EOF == 2);
    CHECK(SS_PLUGIN_NOT_SUPPORTED == 3);
    CHECK(SS_PLUGIN_SCHEMA_JSON == 1);
    CHECK(FTYPE_UINT64 == 8);
    CHECK(FTYPE_STRING == 9);
    CHECK(FTYPE_RELTIME == 20);
    CHECK(FTYPE_ABSTIME == 21);
    CHECK(FTYPE_BOOL == 25);
    CHECK(FTYPE_IPADDR == 40);
    CHECK(FTYPE_IPNET == 41);
    CHECK(SS_PLUGIN_LOG_SEV_FATAL == 1);
    CHECK(SS_PLUGIN_LOG_SEV_TRACE == 8);
    CHECK(FALCOGEN_PLUGIN_EVENT_PAYLOAD_OFFSET == 38);
    CHECK(PLUGIN_MAX_ERRLEN == 1024);
}

#include <cstring>

#include "falcogen/detail/api_table.hpp"

TEST_CASE("plugin_api has libsinsp's size and member offsets") {
    CHECK(sizeof(plugin_api) == 264);
    CHECK(offsetof(plugin_api, dump_state) == 216);
    CHECK(offsetof(plugin_api, set_config) == 224);
    CHECK(offsetof(plugin_api, get_required_event_schema_version) == 256);
}

namespace {
const char* v3_9() {
    return "3.9.1";
}
const char* v3_10() {
    return "3.10.0";
}
ss_plugin_rc set_config(ss_plugin_t*, const ss_plugin_set_config_input*) {
    return SS_PLUGIN_SUCCESS;
}
ss_plugin_metric* metrics(ss_plugin_t*, uint32_t*) {
    return nullptr;
}
const char* schema(ss_plugin_t*) {
    return "3.0.0";
}
}  // namespace

TEST_CASE("api_table lays a table out for its required API version, as plugin_load_api undoes it") {
    plugin_api api{};
    api.set_config = &set_config;
    api.get_metrics = &metrics;
    api.get_required_event_schema_version = &schema;
    api.get_required_api_version = &v3_10;
    const plugin_api same = falcogen::detail::api_table(api);
    CHECK(std::memcmp(&same, &api, sizeof api) == 0);
    api.get_required_api_version = &v3_9;  // before dump_state: every member from set_config on one slot down
    const plugin_api old = falcogen::detail::api_table(api);
    CHECK(reinterpret_cast<const void*>(old.dump_state) == reinterpret_cast<const void*>(&set_config));
    CHECK(reinterpret_cast<const void*>(old.set_config) == reinterpret_cast<const void*>(&metrics));
    CHECK(reinterpret_cast<const void*>(old.capture_close) == reinterpret_cast<const void*>(&schema));
    CHECK_FALSE(static_cast<bool>(old.get_required_event_schema_version));
    // plugin_load_api's fix-up (plugin_loader.c) gives the members back.
    plugin_api loaded = old;
    const size_t from = offsetof(plugin_api, dump_state), to = offsetof(plugin_api, set_config);
    std::memmove(reinterpret_cast<char*>(&loaded) + to, reinterpret_cast<char*>(&loaded) + from, sizeof loaded - to);
    loaded.dump_state = nullptr;
    CHECK(std::memcmp(&loaded, &api, sizeof api) == 0);
}
