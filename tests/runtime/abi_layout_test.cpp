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
