/*
 * A raw parse + extract plugin for the state-table tests: in plugin_init,
 * plugin_parse_event and plugin_extract_fields it hands its input to a hook
 * the test installs (table_test_set_hook), so the test body calls the table
 * vtables with the real input, during the real call, exactly as a plugin
 * does. Built once per name (TABLE_PLUGIN_NAME) so two plugins can share one
 * registry, and with TABLE_REQ_API for the API-version rules.
 *
 * Without a hook (run by falcogen-host), it does what a small real plugin
 * does: init gets "threads" and adds the dynamic field x_parsed; each parsed
 * event increments x_parsed of thread 1 (creating the thread if missing); the
 * field <name>.x is the comm of thread 1.
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
    ss_plugin_table_t* threads;
    ss_plugin_table_field_t* comm;
    ss_plugin_table_field_t* parsed;
} state_t;

static ss_plugin_rc builtin_init(state_t* s, const ss_plugin_init_input* in) {
    if (!in->tables) return SS_PLUGIN_SUCCESS;
    s->threads = in->tables->get_table(in->owner, "threads", SS_PLUGIN_ST_INT64);
    if (!s->threads) return SS_PLUGIN_FAILURE;
    s->comm = in->tables->fields_ext->get_table_field(s->threads, "comm", SS_PLUGIN_ST_STRING);
    s->parsed = in->tables->fields_ext->add_table_field(s->threads, "x_parsed", SS_PLUGIN_ST_UINT64);
    return s->comm && s->parsed ? SS_PLUGIN_SUCCESS : SS_PLUGIN_FAILURE;
}

static ss_plugin_rc builtin_parse(state_t* s, const ss_plugin_event_parse_input* in) {
    ss_plugin_state_data key, v;
    key.s64 = 1;
    ss_plugin_table_entry_t* e = in->table_reader_ext->get_table_entry(s->threads, &key);
    if (!e)
        e = in->table_writer_ext->add_table_entry(s->threads, &key,
                                                  in->table_writer_ext->create_table_entry(s->threads));
    if (!e || in->table_reader_ext->read_entry_field(s->threads, e, s->parsed, &v) != SS_PLUGIN_SUCCESS)
        return SS_PLUGIN_FAILURE;
    v.u64++;
    ss_plugin_rc rc = in->table_writer_ext->write_entry_field(s->threads, e, s->parsed, &v);
    in->table_reader_ext->release_table_entry(s->threads, e);
    return rc;
}

static void builtin_extract(state_t* s, const ss_plugin_field_extract_input* in) {
    ss_plugin_state_data key, v;
    key.s64 = 1;
    s->res[0] = 0;
    ss_plugin_table_entry_t* e = in->table_reader_ext->get_table_entry(s->threads, &key);
    if (e && in->table_reader_ext->read_entry_field(s->threads, e, s->comm, &v) == SS_PLUGIN_SUCCESS) {
        strncpy(s->res, v.str, sizeof(s->res) - 1);
        in->table_reader_ext->release_table_entry(s->threads, e);
    }
}

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
    *rc = g_hook ? g_hook(g_ctx, 0, in, in->owner) : builtin_init(s, in);
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
    return g_hook ? g_hook(g_ctx, 1, in, in->owner) : builtin_parse((state_t*)st, in);
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* st, const ss_plugin_event_input* evt,
                                          const ss_plugin_field_extract_input* in) {
    state_t* s = (state_t*)st;
    (void)evt;
    ss_plugin_rc rc = SS_PLUGIN_SUCCESS;
    strcpy(s->res, "x");
    if (g_hook) {
        rc = g_hook(g_ctx, 2, in, in->owner);
    } else {
        builtin_extract(s, in);
    }
    s->res_ptr = s->res;
    for (uint32_t i = 0; i < in->num_fields; ++i) {
        in->fields[i].res.str = &s->res_ptr;
        in->fields[i].res_len = s->res[0] ? 1 : 0;
    }
    return rc;
}
