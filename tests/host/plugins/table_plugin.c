/*
 * A raw parse + extract plugin for the state-table tests: in plugin_init,
 * plugin_parse_event and plugin_extract_fields it hands its input to a hook
 * the test installs (table_test_set_hook), so the test body calls the table
 * vtables with the real input, during the real call, exactly as a plugin
 * does. Built once per name (TABLE_PLUGIN_NAME) so two plugins can share one
 * registry, and with TABLE_REQ_API for the API-version rules.
 */
#include <falcogen/abi/plugin_api.h>

#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

#ifndef TABLE_PLUGIN_NAME
#define TABLE_PLUGIN_NAME "tables_a"
#endif
#ifndef TABLE_REQ_API
#define TABLE_REQ_API "3.12.0"
#endif

/* stage: 0 init, 1 parse, 2 extract, 3 destroy; returns the rc of the call. */
typedef ss_plugin_rc (*table_hook)(void* ctx, int stage, const void* input, ss_plugin_owner_t* owner);

static table_hook g_hook = NULL;
static void* g_ctx = NULL;
static char g_last_error[1024];

EXPORT void table_test_set_hook(table_hook hook, void* ctx) {
    g_hook = hook;
    g_ctx = ctx;
}

EXPORT void table_test_set_last_error(const char* msg) {
    strncpy(g_last_error, msg ? msg : "", sizeof(g_last_error) - 1);
}

typedef struct {
    ss_plugin_owner_t* owner;
    char res[64];
    const char* res_ptr;
} state_t;

EXPORT const char* plugin_get_required_api_version(void) {
    return TABLE_REQ_API;
}
EXPORT const char* plugin_get_version(void) {
    return "0.1.0";
}
EXPORT const char* plugin_get_name(void) {
    return TABLE_PLUGIN_NAME;
}
EXPORT const char* plugin_get_description(void) {
    return "state table test plugin";
}
EXPORT const char* plugin_get_contact(void) {
    return "falcogen tests";
}
EXPORT const char* plugin_get_fields(void) {
    return "[{\"name\": \"" TABLE_PLUGIN_NAME ".x\", \"type\": \"string\", \"desc\": \"test\"}]";
}

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
    state_t* s = (state_t*)calloc(1, sizeof(state_t));
    s->owner = in->owner;
    *rc = g_hook ? g_hook(g_ctx, 0, in, in->owner) : SS_PLUGIN_SUCCESS;
    return (ss_plugin_t*)s;
}

EXPORT void plugin_destroy(ss_plugin_t* st) {
    state_t* s = (state_t*)st;
    if (g_hook) g_hook(g_ctx, 3, NULL, s->owner);
    free(s);
}

EXPORT const char* plugin_get_last_error(ss_plugin_t* s) {
    (void)s;
    return g_last_error;
}

EXPORT ss_plugin_rc plugin_parse_event(ss_plugin_t* st, const ss_plugin_event_input* evt,
                                       const ss_plugin_event_parse_input* in) {
    (void)evt;
    (void)st;
    return g_hook ? g_hook(g_ctx, 1, in, in->owner) : SS_PLUGIN_SUCCESS;
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* st, const ss_plugin_event_input* evt,
                                          const ss_plugin_field_extract_input* in) {
    state_t* s = (state_t*)st;
    (void)evt;
    ss_plugin_rc rc = g_hook ? g_hook(g_ctx, 2, in, in->owner) : SS_PLUGIN_SUCCESS;
    strcpy(s->res, "x");
    s->res_ptr = s->res;
    for (uint32_t i = 0; i < in->num_fields; ++i) {
        in->fields[i].res.str = &s->res_ptr;
        in->fields[i].res_len = 1;
    }
    return rc;
}
