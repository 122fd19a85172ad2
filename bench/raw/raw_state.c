/* The hand-written half of the state pair: what plugins/state does, written
 * against the C ABI the way a careful author would. Tables and fields are
 * resolved once in plugin_init; parse reads and writes the thread's counter
 * through the parse input's vtables; extraction reads the thread's entry
 * through the extract input's reader and copies strings it returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "falcogen/abi/plugin_api.h"

#define EXPORT __attribute__((visibility("default")))

typedef struct {
    ss_plugin_table_t* threads;
    ss_plugin_table_field_t* comm;
    ss_plugin_table_field_t* count;
    char error[256];
    char comm_buf[256];
    const char* str_result;
    uint64_t u64_result;
} state_t;

EXPORT const char* plugin_get_required_api_version(void) {
    return "3.1.0";
}
EXPORT const char* plugin_get_name(void) {
    return "bstate";
}
EXPORT const char* plugin_get_version(void) {
    return "1.0.0";
}
EXPORT const char* plugin_get_description(void) {
    return "Benchmark plugin counting events per thread in the threads table";
}
EXPORT const char* plugin_get_contact(void) {
    return "bench";
}
EXPORT const char* plugin_get_init_schema(ss_plugin_schema_type* t) {
    *t = SS_PLUGIN_SCHEMA_NONE;
    return "";
}
EXPORT const char* plugin_get_parse_event_sources(void) {
    return "[\"syscall\"]";
}
EXPORT const char* plugin_get_extract_event_sources(void) {
    return "[\"syscall\"]";
}
EXPORT const char* plugin_get_fields(void) {
    return "[{\"type\":\"uint64\",\"name\":\"bst.count\",\"desc\":\"Events parsed for the thread\"},"
           "{\"type\":\"string\",\"name\":\"bst.comm\",\"desc\":\"The thread's comm\"}]";
}
EXPORT const char* plugin_get_last_error(ss_plugin_t* s) {
    return ((state_t*)s)->error;
}

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
    state_t* s = calloc(1, sizeof(state_t));
    const ss_plugin_init_tables_input* t = in->tables;
    *rc = SS_PLUGIN_FAILURE;
    if (t == NULL) {
        snprintf(s->error, sizeof s->error, "no tables");
        return s;
    }
    s->threads = t->get_table(in->owner, "threads", SS_PLUGIN_ST_INT64);
    if (s->threads != NULL) {
        s->comm = t->fields_ext->get_table_field(s->threads, "comm", SS_PLUGIN_ST_STRING);
        s->count = t->fields_ext->add_table_field(s->threads, "bench_count", SS_PLUGIN_ST_UINT64);
    }
    if (s->threads == NULL || s->comm == NULL || s->count == NULL) {
        snprintf(s->error, sizeof s->error, "threads table: %s", in->get_owner_last_error(in->owner));
        return s;
    }
    *rc = SS_PLUGIN_SUCCESS;
    return s;
}

EXPORT void plugin_destroy(ss_plugin_t* s) {
    free(s);
}

static uint64_t event_tid(const ss_plugin_event_input* ev) {
    uint64_t tid;
    memcpy(&tid, (const uint8_t*)ev->evt + 8, 8);
    return tid;
}

EXPORT ss_plugin_rc plugin_parse_event(ss_plugin_t* st, const ss_plugin_event_input* ev,
                                       const ss_plugin_event_parse_input* in) {
    state_t* s = (state_t*)st;
    ss_plugin_state_data key, value;
    key.s64 = (int64_t)event_tid(ev);
    ss_plugin_table_entry_t* e = in->table_reader_ext->get_table_entry(s->threads, &key);
    if (e == NULL) return SS_PLUGIN_SUCCESS;
    ss_plugin_rc rc = in->table_reader_ext->read_entry_field(s->threads, e, s->count, &value);
    if (rc == SS_PLUGIN_SUCCESS) {
        value.u64 += 1;
        rc = in->table_writer_ext->write_entry_field(s->threads, e, s->count, &value);
    }
    in->table_reader_ext->release_table_entry(s->threads, e);
    if (rc != SS_PLUGIN_SUCCESS) snprintf(s->error, sizeof s->error, "%s", in->get_owner_last_error(in->owner));
    return rc;
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* st, const ss_plugin_event_input* ev,
                                          const ss_plugin_field_extract_input* in) {
    state_t* s = (state_t*)st;
    ss_plugin_state_data key, value;
    key.s64 = (int64_t)event_tid(ev);
    for (uint32_t i = 0; i < in->num_fields; i++) {
        ss_plugin_extract_field* f = &in->fields[i];
        f->res_len = 0;
        ss_plugin_table_entry_t* e = in->table_reader_ext->get_table_entry(s->threads, &key);
        if (e == NULL) continue;
        const int comm = f->field_id == 1;
        if (in->table_reader_ext->read_entry_field(s->threads, e, comm ? s->comm : s->count, &value) ==
            SS_PLUGIN_SUCCESS) {
            if (comm) {
                snprintf(s->comm_buf, sizeof s->comm_buf, "%s", value.str);
                s->str_result = s->comm_buf;
                f->res.str = &s->str_result;
            } else {
                s->u64_result = value.u64;
                f->res.u64 = &s->u64_result;
            }
            f->res_len = 1;
        }
        in->table_reader_ext->release_table_entry(s->threads, e);
    }
    return SS_PLUGIN_SUCCESS;
}
