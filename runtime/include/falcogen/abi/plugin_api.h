// falcogen's own declarations of the Falco plugin API (API 3.x, facts as of 3.12.0).
//
// Written from the facts of the public header (type names, member order, enum
// values), not copied from it. Every struct the host and the plugin exchange
// is checked below against its LP64 size and member offsets, so a layout slip
// fails the build instead of corrupting a running Falco.
//
// This header is plain C so that a host written in C (or our own test host)
// can share it; the C++ runtime wraps it in falcogen::abi.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Return codes and enums -------------------------------------------- */

typedef enum ss_plugin_rc {
    SS_PLUGIN_SUCCESS = 0,
    SS_PLUGIN_FAILURE = 1,
    SS_PLUGIN_TIMEOUT = -1,
    SS_PLUGIN_EOF = 2,
    SS_PLUGIN_NOT_SUPPORTED = 3,
} ss_plugin_rc;

typedef enum ss_plugin_schema_type {
    SS_PLUGIN_SCHEMA_NONE = 0,
    SS_PLUGIN_SCHEMA_JSON = 1,
} ss_plugin_schema_type;

/* Field types: the numeric values are libscap's PT_* codes. */
typedef enum ss_plugin_field_type {
    FTYPE_UINT64 = 8,
    FTYPE_STRING = 9,
    FTYPE_RELTIME = 20,
    FTYPE_ABSTIME = 21,
    FTYPE_BOOL = 25,
    FTYPE_IPADDR = 40,
    FTYPE_IPNET = 41,
} ss_plugin_field_type;

typedef enum ss_plugin_log_severity {
    SS_PLUGIN_LOG_SEV_FATAL = 1,
    SS_PLUGIN_LOG_SEV_CRITICAL = 2,
    SS_PLUGIN_LOG_SEV_ERROR = 3,
    SS_PLUGIN_LOG_SEV_WARNING = 4,
    SS_PLUGIN_LOG_SEV_NOTICE = 5,
    SS_PLUGIN_LOG_SEV_INFO = 6,
    SS_PLUGIN_LOG_SEV_DEBUG = 7,
    SS_PLUGIN_LOG_SEV_TRACE = 8,
} ss_plugin_log_severity;

typedef enum ss_plugin_metric_type {
    SS_PLUGIN_METRIC_TYPE_MONOTONIC = 0,
    SS_PLUGIN_METRIC_TYPE_NON_MONOTONIC = 1,
} ss_plugin_metric_type;

typedef enum ss_plugin_metric_value_type {
    SS_PLUGIN_METRIC_VALUE_TYPE_U32 = 0,
    SS_PLUGIN_METRIC_VALUE_TYPE_S32 = 1,
    SS_PLUGIN_METRIC_VALUE_TYPE_U64 = 2,
    SS_PLUGIN_METRIC_VALUE_TYPE_S64 = 3,
    SS_PLUGIN_METRIC_VALUE_TYPE_D = 4,
    SS_PLUGIN_METRIC_VALUE_TYPE_F = 5,
    SS_PLUGIN_METRIC_VALUE_TYPE_I = 6,
} ss_plugin_metric_value_type;

/* The API's boolean is 32 bits wide. */
typedef uint32_t ss_plugin_bool;

#define PLUGIN_MAX_ERRLEN 1024

/* Event types and offsets of the scap encoding that plugins deal with. */
#define FALCOGEN_PPME_PLUGINEVENT_E 322
#define FALCOGEN_PPME_ASYNCEVENT_E 402
#define FALCOGEN_PLUGIN_EVENT_PAYLOAD_OFFSET 38

/* ---- Opaque handles ----------------------------------------------------- */

typedef void ss_plugin_t; /* plugin state, owned by the plugin */
typedef void ss_instance_t; /* open capture, owned by the plugin */
typedef void ss_plugin_owner_t; /* the host, opaque to the plugin */
typedef void ss_plugin_table_t;
typedef void ss_plugin_table_entry_t;
typedef void ss_plugin_table_field_t;
typedef void ss_plugin_routine_t;
typedef void ss_plugin_routine_state_t;
typedef void ss_plugin_table_iterator_state_t;

/* ---- State tables: data types, values, descriptions ------------------------ */

typedef enum ss_plugin_state_type {
    SS_PLUGIN_ST_INT8 = 1,
    SS_PLUGIN_ST_INT16 = 2,
    SS_PLUGIN_ST_INT32 = 3,
    SS_PLUGIN_ST_INT64 = 4,
    SS_PLUGIN_ST_UINT8 = 5,
    SS_PLUGIN_ST_UINT16 = 6,
    SS_PLUGIN_ST_UINT32 = 7,
    SS_PLUGIN_ST_UINT64 = 8,
    SS_PLUGIN_ST_STRING = 9,
    SS_PLUGIN_ST_TABLE = 10, /* API 3.5+: a field whose value is a table */
    SS_PLUGIN_ST_BOOL = 25,
} ss_plugin_state_type;

/* A key or a field value; the member is chosen by the ss_plugin_state_type. */
typedef union ss_plugin_state_data {
    int8_t s8;
    int16_t s16;
    int32_t s32;
    int64_t s64;
    uint8_t u8;
    uint16_t u16;
    uint32_t u32;
    uint64_t u64;
    const char* str; /* owned by whoever wrote it; valid until its next call */
    ss_plugin_bool b;
    ss_plugin_table_t* table;
} ss_plugin_state_data;

typedef struct ss_plugin_table_info {
    const char* name;
    ss_plugin_state_type key_type;
} ss_plugin_table_info;

typedef struct ss_plugin_table_fieldinfo {
    const char* name;
    ss_plugin_state_type field_type;
    ss_plugin_bool read_only;
} ss_plugin_table_fieldinfo;

/* ---- Events --------------------------------------------------------------- */

#pragma pack(push, 1)
/* Header of a scap event; parameter lengths and data follow it unaligned. */
typedef struct ss_plugin_event {
    uint64_t ts; /* ns since epoch; UINT64_MAX asks the host for "now" */
    uint64_t tid; /* thread id; forced to -1 for plugin events */
    uint32_t len; /* whole event, header included */
    uint16_t type; /* 322 for plugin events */
    uint32_t nparams; /* 2 for plugin events */
} ss_plugin_event;
#pragma pack(pop)

typedef struct ss_plugin_event_input {
    const ss_plugin_event* evt;
    uint64_t evtnum;
    const char* evtsrc;
} ss_plugin_event_input;

typedef struct ss_plugin_byte_buffer {
    uint32_t len;
    const void* ptr;
} ss_plugin_byte_buffer;

/* ---- Logging, owner callbacks --------------------------------------------- */

typedef const char* (*ss_plugin_get_owner_last_error_fn)(ss_plugin_owner_t* o);
typedef void (*ss_plugin_log_fn_t)(ss_plugin_owner_t* o, const char* component, const char* msg,
                                   ss_plugin_log_severity sev);

/* ---- State tables (vtables of function pointers, in the API's order) ------ */

typedef ss_plugin_bool (*ss_plugin_table_iterator_func_t)(ss_plugin_table_iterator_state_t* s,
                                                          ss_plugin_table_entry_t* e);

typedef struct ss_plugin_table_fields_vtable {
    const ss_plugin_table_fieldinfo* (*list_table_fields)(ss_plugin_table_t* t, uint32_t* nfields);
    ss_plugin_table_field_t* (*get_table_field)(ss_plugin_table_t* t, const char* name, ss_plugin_state_type data_type);
    ss_plugin_table_field_t* (*add_table_field)(ss_plugin_table_t* t, const char* name, ss_plugin_state_type data_type);
} ss_plugin_table_fields_vtable;
typedef ss_plugin_table_fields_vtable ss_plugin_table_fields_vtable_ext;

/* Deprecated by-value reader: embedded in the extract and parse inputs. */
typedef struct ss_plugin_table_reader_vtable {
    const char* (*get_table_name)(ss_plugin_table_t* t);
    uint64_t (*get_table_size)(ss_plugin_table_t* t);
    ss_plugin_table_entry_t* (*get_table_entry)(ss_plugin_table_t* t, const ss_plugin_state_data* key);
    ss_plugin_rc (*read_entry_field)(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                                     ss_plugin_state_data* out);
} ss_plugin_table_reader_vtable;

typedef struct ss_plugin_table_reader_vtable_ext {
    const char* (*get_table_name)(ss_plugin_table_t* t);
    uint64_t (*get_table_size)(ss_plugin_table_t* t);
    ss_plugin_table_entry_t* (*get_table_entry)(ss_plugin_table_t* t, const ss_plugin_state_data* key);
    ss_plugin_rc (*read_entry_field)(ss_plugin_table_t* t, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t* f,
                                     ss_plugin_state_data* out);
    void (*release_table_entry)(ss_plugin_table_t* t, ss_plugin_table_entry_t* e);
    ss_plugin_bool (*iterate_entries)(ss_plugin_table_t* t, ss_plugin_table_iterator_func_t it,
                                      ss_plugin_table_iterator_state_t* s);
} ss_plugin_table_reader_vtable_ext;

/* Deprecated by-value writer: embedded in the parse input. */
typedef struct ss_plugin_table_writer_vtable {
    ss_plugin_rc (*clear_table)(ss_plugin_table_t* t);
    ss_plugin_rc (*erase_table_entry)(ss_plugin_table_t* t, const ss_plugin_state_data* key);
    ss_plugin_table_entry_t* (*create_table_entry)(ss_plugin_table_t* t);
    void (*destroy_table_entry)(ss_plugin_table_t* t, ss_plugin_table_entry_t* e);
    ss_plugin_table_entry_t* (*add_table_entry)(ss_plugin_table_t* t, const ss_plugin_state_data* key,
                                                ss_plugin_table_entry_t* entry);
    ss_plugin_rc (*write_entry_field)(ss_plugin_table_t* t, ss_plugin_table_entry_t* e,
                                      const ss_plugin_table_field_t* f, const ss_plugin_state_data* in);
} ss_plugin_table_writer_vtable;
typedef ss_plugin_table_writer_vtable ss_plugin_table_writer_vtable_ext;

/* What a plugin hands to add_table for a table it owns; every pointer it holds
 * (and the memory behind them) stays the plugin's until plugin_destroy. */
typedef struct ss_plugin_table_input {
    const char* name;
    ss_plugin_state_type key_type;
    ss_plugin_table_t* table;
    ss_plugin_table_reader_vtable reader; /* deprecated, by value */
    ss_plugin_table_writer_vtable writer; /* deprecated, by value */
    ss_plugin_table_fields_vtable fields; /* deprecated, by value */
    ss_plugin_table_reader_vtable_ext* reader_ext; /* API 3.1+ */
    ss_plugin_table_writer_vtable_ext* writer_ext;
    ss_plugin_table_fields_vtable_ext* fields_ext;
} ss_plugin_table_input;

/* The host's tables, given to plugin_init of plugins that parse or extract. */
typedef struct ss_plugin_init_tables_input {
    ss_plugin_table_info* (*list_tables)(ss_plugin_owner_t* o, uint32_t* ntables);
    ss_plugin_table_t* (*get_table)(ss_plugin_owner_t* o, const char* name, ss_plugin_state_type key_type);
    ss_plugin_rc (*add_table)(ss_plugin_owner_t* o, const ss_plugin_table_input* in);
    ss_plugin_table_fields_vtable fields; /* deprecated, by value */
    ss_plugin_table_fields_vtable_ext* fields_ext; /* API 3.1+ */
    ss_plugin_table_reader_vtable_ext* reader_ext;
    ss_plugin_table_writer_vtable_ext* writer_ext;
} ss_plugin_init_tables_input;

/* One iteration of a routine in the host's thread pool (capture listening,
 * API 3.7+): returning false unsubscribes it. */
typedef ss_plugin_bool (*ss_plugin_routine_fn_t)(ss_plugin_t* s, ss_plugin_routine_state_t* i);

typedef struct ss_plugin_routine_vtable {
    /* NULL when the host has no thread pool (libsinsp built without one). */
    ss_plugin_routine_t* (*subscribe)(ss_plugin_owner_t* o, ss_plugin_routine_fn_t f, ss_plugin_routine_state_t* i);
    ss_plugin_rc (*unsubscribe)(ss_plugin_owner_t* o, ss_plugin_routine_t* r);
} ss_plugin_routine_vtable;

/* ---- Inputs passed by the host --------------------------------------------- */

typedef struct ss_plugin_init_input {
    const char* config;
    ss_plugin_owner_t* owner;
    ss_plugin_get_owner_last_error_fn get_owner_last_error;
    const ss_plugin_init_tables_input* tables; /* NULL unless parsing/extracting */
    ss_plugin_log_fn_t log_fn; /* API 3.3+; may be NULL */
} ss_plugin_init_input;

typedef struct ss_plugin_set_config_input {
    const char* config;
} ss_plugin_set_config_input;

typedef struct ss_plugin_extract_field {
    union {
        const char** str;
        uint64_t* u64;
        uint32_t* u32;
        ss_plugin_bool* boolean;
        ss_plugin_byte_buffer* buf;
    } res;
    uint64_t res_len;
    uint32_t field_id;
    const char* field;
    const char* arg_key;
    uint64_t arg_index;
    ss_plugin_bool arg_present;
    uint32_t ftype;
    ss_plugin_bool flist;
} ss_plugin_extract_field;

typedef struct ss_plugin_extract_value_offsets {
    uint32_t* start;
    uint32_t* length;
} ss_plugin_extract_value_offsets;

typedef struct ss_plugin_field_extract_input {
    ss_plugin_owner_t* owner;
    ss_plugin_get_owner_last_error_fn get_owner_last_error;
    uint32_t num_fields;
    ss_plugin_extract_field* fields;
    ss_plugin_table_reader_vtable table_reader; /* deprecated, by value */
    ss_plugin_table_reader_vtable_ext* table_reader_ext;
    ss_plugin_extract_value_offsets* value_offsets; /* API 3.11+; may be NULL */
} ss_plugin_field_extract_input;

typedef struct ss_plugin_event_parse_input {
    ss_plugin_owner_t* owner;
    ss_plugin_get_owner_last_error_fn get_owner_last_error;
    ss_plugin_table_reader_vtable table_reader; /* deprecated, by value */
    ss_plugin_table_writer_vtable table_writer; /* deprecated, by value */
    ss_plugin_table_reader_vtable_ext* table_reader_ext;
    ss_plugin_table_writer_vtable_ext* table_writer_ext;
} ss_plugin_event_parse_input;

/* Note the order: it differs from the other inputs. */
typedef struct ss_plugin_capture_listen_input {
    ss_plugin_owner_t* owner;
    ss_plugin_routine_vtable* routine;
    ss_plugin_table_reader_vtable_ext* table_reader_ext;
    ss_plugin_table_writer_vtable_ext* table_writer_ext;
    ss_plugin_get_owner_last_error_fn get_owner_last_error;
} ss_plugin_capture_listen_input;

typedef union ss_plugin_metric_value {
    uint32_t u32;
    int32_t s32;
    uint64_t u64;
    int64_t s64;
    double d;
    float f;
    int i;
} ss_plugin_metric_value;

typedef struct ss_plugin_metric {
    const char* name;
    ss_plugin_metric_type type;
    ss_plugin_metric_value value;
    ss_plugin_metric_value_type value_type;
} ss_plugin_metric;

typedef ss_plugin_rc (*ss_plugin_async_event_handler_t)(ss_plugin_owner_t* o, const ss_plugin_event* evt, char* err);

/* ---- The plugin_api table: the plugin API as one struct ----------------------
 *
 * What a host that links plugins in (rather than dlopen-ing them) is handed:
 * libsinsp's sinsp::register_plugin(const plugin_api*) and plugin_load_api.
 * The public header nests the capabilities' members in anonymous structs;
 * every member is a function pointer, so this flat struct has the same layout
 * (33 pointers, in the header's order) without relying on anonymous structs,
 * which ISO C++ does not have.
 *
 * The layout rule of old plugins: API 3.10 inserted dump_state after
 * set_async_event_handler. A plugin whose required API version is below 3.10
 * hands the layout of its time: set_config in dump_state's slot, each later
 * member one slot up, the last slot unused. plugin_load_api moves those
 * members back down by one slot (memmove) and clears dump_state. */
typedef struct plugin_api {
    const char* (*get_required_api_version)(void);
    const char* (*get_init_schema)(ss_plugin_schema_type* schema_type);
    ss_plugin_t* (*init)(const ss_plugin_init_input* input, ss_plugin_rc* rc);
    void (*destroy)(ss_plugin_t* s);
    const char* (*get_last_error)(ss_plugin_t* s);
    const char* (*get_name)(void);
    const char* (*get_description)(void);
    const char* (*get_contact)(void);
    const char* (*get_version)(void);
    /* event sourcing */
    uint32_t (*get_id)(void);
    const char* (*get_event_source)(void);
    ss_instance_t* (*open)(ss_plugin_t* s, const char* params, ss_plugin_rc* rc);
    void (*close)(ss_plugin_t* s, ss_instance_t* h);
    const char* (*list_open_params)(ss_plugin_t* s, ss_plugin_rc* rc);
    const char* (*get_progress)(ss_plugin_t* s, ss_instance_t* h, uint32_t* progress_pct);
    const char* (*event_to_string)(ss_plugin_t* s, const ss_plugin_event_input* evt);
    ss_plugin_rc (*next_batch)(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts);
    /* field extraction */
    uint16_t* (*get_extract_event_types)(uint32_t* numtypes, ss_plugin_t* s);
    const char* (*get_extract_event_sources)(void);
    const char* (*get_fields)(void);
    ss_plugin_rc (*extract_fields)(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                   const ss_plugin_field_extract_input* in);
    /* event parsing */
    uint16_t* (*get_parse_event_types)(uint32_t* numtypes, ss_plugin_t* s);
    const char* (*get_parse_event_sources)(void);
    ss_plugin_rc (*parse_event)(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                const ss_plugin_event_parse_input* in);
    /* async events */
    const char* (*get_async_event_sources)(void);
    const char* (*get_async_events)(void);
    ss_plugin_rc (*set_async_event_handler)(ss_plugin_t* s, ss_plugin_owner_t* owner,
                                            ss_plugin_async_event_handler_t handler);
    ss_plugin_rc (*dump_state)(ss_plugin_t* s, ss_plugin_owner_t* owner,
                               ss_plugin_async_event_handler_t handler); /* API 3.10+ */
    ss_plugin_rc (*set_config)(ss_plugin_t* s, const ss_plugin_set_config_input* i);
    ss_plugin_metric* (*get_metrics)(ss_plugin_t* s, uint32_t* num_metrics);
    /* capture listening */
    ss_plugin_rc (*capture_open)(ss_plugin_t* s, const ss_plugin_capture_listen_input* i);
    ss_plugin_rc (*capture_close)(ss_plugin_t* s, const ss_plugin_capture_listen_input* i);
    const char* (*get_required_event_schema_version)(ss_plugin_t* s); /* API 3.12+ */
} plugin_api;

/* The first minor version (of major 3) whose plugin_api has dump_state. */
#define FALCOGEN_PLUGIN_API_DUMP_STATE_MINOR 10

#ifdef __cplusplus
} /* extern "C" */
#endif

/* ---- Layout checks against the 64-bit values of the reference ----------------
 * LP64 (Linux, macOS) and LLP64 (64-bit Windows) lay these structs out alike:
 * they hold no long. */
#if defined(__LP64__) || defined(_LP64) || defined(_WIN64)
#ifdef __cplusplus
#define FALCOGEN_ABI_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define FALCOGEN_ABI_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif
#define FALCOGEN_ABI_SIZE(T, n) FALCOGEN_ABI_ASSERT(sizeof(T) == (n), "ABI size of " #T)
#define FALCOGEN_ABI_OFF(T, m, n) FALCOGEN_ABI_ASSERT(offsetof(T, m) == (n), "ABI offset of " #T "." #m)

FALCOGEN_ABI_SIZE(ss_plugin_event, 26);
FALCOGEN_ABI_OFF(ss_plugin_event, ts, 0);
FALCOGEN_ABI_OFF(ss_plugin_event, tid, 8);
FALCOGEN_ABI_OFF(ss_plugin_event, len, 16);
FALCOGEN_ABI_OFF(ss_plugin_event, type, 20);
FALCOGEN_ABI_OFF(ss_plugin_event, nparams, 22);

FALCOGEN_ABI_SIZE(ss_plugin_event_input, 24);
FALCOGEN_ABI_OFF(ss_plugin_event_input, evt, 0);
FALCOGEN_ABI_OFF(ss_plugin_event_input, evtnum, 8);
FALCOGEN_ABI_OFF(ss_plugin_event_input, evtsrc, 16);

FALCOGEN_ABI_SIZE(ss_plugin_byte_buffer, 16);
FALCOGEN_ABI_OFF(ss_plugin_byte_buffer, len, 0);
FALCOGEN_ABI_OFF(ss_plugin_byte_buffer, ptr, 8);

FALCOGEN_ABI_SIZE(ss_plugin_extract_field, 64);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, res, 0);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, res_len, 8);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, field_id, 16);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, field, 24);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, arg_key, 32);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, arg_index, 40);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, arg_present, 48);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, ftype, 52);
FALCOGEN_ABI_OFF(ss_plugin_extract_field, flist, 56);

FALCOGEN_ABI_SIZE(ss_plugin_extract_value_offsets, 16);
FALCOGEN_ABI_OFF(ss_plugin_extract_value_offsets, start, 0);
FALCOGEN_ABI_OFF(ss_plugin_extract_value_offsets, length, 8);

FALCOGEN_ABI_SIZE(ss_plugin_table_reader_vtable, 32);
FALCOGEN_ABI_SIZE(ss_plugin_table_writer_vtable, 48);
FALCOGEN_ABI_SIZE(ss_plugin_table_reader_vtable_ext, 48);
FALCOGEN_ABI_SIZE(ss_plugin_table_fields_vtable, 24);
FALCOGEN_ABI_ASSERT(sizeof(ss_plugin_state_type) == 4, "ss_plugin_state_type is an int-sized enum");

FALCOGEN_ABI_SIZE(ss_plugin_state_data, 8);
FALCOGEN_ABI_SIZE(ss_plugin_table_info, 16);
FALCOGEN_ABI_OFF(ss_plugin_table_info, key_type, 8);
FALCOGEN_ABI_SIZE(ss_plugin_table_fieldinfo, 16);
FALCOGEN_ABI_OFF(ss_plugin_table_fieldinfo, field_type, 8);
FALCOGEN_ABI_OFF(ss_plugin_table_fieldinfo, read_only, 12);

FALCOGEN_ABI_SIZE(ss_plugin_table_input, 152);
FALCOGEN_ABI_OFF(ss_plugin_table_input, key_type, 8);
FALCOGEN_ABI_OFF(ss_plugin_table_input, table, 16);
FALCOGEN_ABI_OFF(ss_plugin_table_input, reader, 24);
FALCOGEN_ABI_OFF(ss_plugin_table_input, writer, 56);
FALCOGEN_ABI_OFF(ss_plugin_table_input, fields, 104);
FALCOGEN_ABI_OFF(ss_plugin_table_input, reader_ext, 128);
FALCOGEN_ABI_OFF(ss_plugin_table_input, writer_ext, 136);
FALCOGEN_ABI_OFF(ss_plugin_table_input, fields_ext, 144);

FALCOGEN_ABI_SIZE(ss_plugin_init_tables_input, 72);
FALCOGEN_ABI_OFF(ss_plugin_init_tables_input, get_table, 8);
FALCOGEN_ABI_OFF(ss_plugin_init_tables_input, add_table, 16);
FALCOGEN_ABI_OFF(ss_plugin_init_tables_input, fields, 24);
FALCOGEN_ABI_OFF(ss_plugin_init_tables_input, fields_ext, 48);
FALCOGEN_ABI_OFF(ss_plugin_init_tables_input, reader_ext, 56);
FALCOGEN_ABI_OFF(ss_plugin_init_tables_input, writer_ext, 64);

FALCOGEN_ABI_SIZE(ss_plugin_field_extract_input, 80);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, owner, 0);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, get_owner_last_error, 8);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, num_fields, 16);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, fields, 24);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, table_reader, 32);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, table_reader_ext, 64);
FALCOGEN_ABI_OFF(ss_plugin_field_extract_input, value_offsets, 72);

FALCOGEN_ABI_SIZE(ss_plugin_init_input, 40);
FALCOGEN_ABI_OFF(ss_plugin_init_input, config, 0);
FALCOGEN_ABI_OFF(ss_plugin_init_input, owner, 8);
FALCOGEN_ABI_OFF(ss_plugin_init_input, get_owner_last_error, 16);
FALCOGEN_ABI_OFF(ss_plugin_init_input, tables, 24);
FALCOGEN_ABI_OFF(ss_plugin_init_input, log_fn, 32);

FALCOGEN_ABI_SIZE(ss_plugin_event_parse_input, 112);
FALCOGEN_ABI_OFF(ss_plugin_event_parse_input, owner, 0);
FALCOGEN_ABI_OFF(ss_plugin_event_parse_input, get_owner_last_error, 8);
FALCOGEN_ABI_OFF(ss_plugin_event_parse_input, table_reader, 16);
FALCOGEN_ABI_OFF(ss_plugin_event_parse_input, table_writer, 48);
FALCOGEN_ABI_OFF(ss_plugin_event_parse_input, table_reader_ext, 96);
FALCOGEN_ABI_OFF(ss_plugin_event_parse_input, table_writer_ext, 104);

FALCOGEN_ABI_SIZE(ss_plugin_routine_vtable, 16);
FALCOGEN_ABI_SIZE(ss_plugin_capture_listen_input, 40);
FALCOGEN_ABI_OFF(ss_plugin_capture_listen_input, owner, 0);
FALCOGEN_ABI_OFF(ss_plugin_capture_listen_input, routine, 8);
FALCOGEN_ABI_OFF(ss_plugin_capture_listen_input, table_reader_ext, 16);
FALCOGEN_ABI_OFF(ss_plugin_capture_listen_input, table_writer_ext, 24);
FALCOGEN_ABI_OFF(ss_plugin_capture_listen_input, get_owner_last_error, 32);

FALCOGEN_ABI_SIZE(ss_plugin_set_config_input, 8);

FALCOGEN_ABI_SIZE(ss_plugin_metric, 32);
FALCOGEN_ABI_OFF(ss_plugin_metric, name, 0);
FALCOGEN_ABI_OFF(ss_plugin_metric, type, 8);
FALCOGEN_ABI_OFF(ss_plugin_metric, value, 16);
FALCOGEN_ABI_OFF(ss_plugin_metric, value_type, 24);

FALCOGEN_ABI_SIZE(plugin_api, 264);
FALCOGEN_ABI_OFF(plugin_api, get_required_api_version, 0);
FALCOGEN_ABI_OFF(plugin_api, get_version, 64);
FALCOGEN_ABI_OFF(plugin_api, get_id, 72);
FALCOGEN_ABI_OFF(plugin_api, next_batch, 128);
FALCOGEN_ABI_OFF(plugin_api, get_extract_event_types, 136);
FALCOGEN_ABI_OFF(plugin_api, extract_fields, 160);
FALCOGEN_ABI_OFF(plugin_api, get_parse_event_types, 168);
FALCOGEN_ABI_OFF(plugin_api, parse_event, 184);
FALCOGEN_ABI_OFF(plugin_api, get_async_event_sources, 192);
FALCOGEN_ABI_OFF(plugin_api, set_async_event_handler, 208);
FALCOGEN_ABI_OFF(plugin_api, dump_state, 216);
FALCOGEN_ABI_OFF(plugin_api, set_config, 224);
FALCOGEN_ABI_OFF(plugin_api, get_metrics, 232);
FALCOGEN_ABI_OFF(plugin_api, capture_open, 240);
FALCOGEN_ABI_OFF(plugin_api, capture_close, 248);
FALCOGEN_ABI_OFF(plugin_api, get_required_event_schema_version, 256);

FALCOGEN_ABI_ASSERT(sizeof(ss_plugin_bool) == 4, "ss_plugin_bool is 32 bits");
FALCOGEN_ABI_ASSERT(sizeof(ss_plugin_rc) == 4, "ss_plugin_rc is an int-sized enum");
#endif
