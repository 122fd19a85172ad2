/* Helpers of the hand-written ("raw") benchmark plugins: plain C against the
 * plugin API declarations, no framework. Each raw plugin keeps one event
 * buffer per open capture, allocated at open and reused by every
 * next_batch, like a careful hand-written plugin does. */
#ifndef FALCOGEN_BENCH_RAW_COMMON_H
#define FALCOGEN_BENCH_RAW_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "falcogen/abi/plugin_api.h"

#define RAW_EXPORT __attribute__((visibility("default")))
#define RAW_HEADER 38u /* 26-byte event header, two u32 lengths, plugin id */

/* Reads "batch_size": N from the init config (the driver passes
 * {"batch_size":N}); `fallback` when absent. */
static inline uint32_t raw_config_batch_size(const char* config, uint32_t fallback) {
    if (config == NULL) return fallback;
    const char* p = strstr(config, "\"batch_size\"");
    if (p == NULL) return fallback;
    p = strchr(p + 12, ':');
    if (p == NULL) return fallback;
    unsigned long v = strtoul(p + 1, NULL, 10);
    return v == 0 ? fallback : (uint32_t)v;
}

/* Writes the PPME_PLUGINEVENT_E envelope of an event with `data_len` bytes
 * of event_data; returns where the event_data goes. */
static inline uint8_t* raw_put_header(uint8_t* p, uint32_t plugin_id, uint32_t data_len) {
    const uint64_t ts = UINT64_MAX, tid = UINT64_MAX;
    const uint32_t len = RAW_HEADER + data_len, nparams = 2, id_len = 4;
    const uint16_t type = 322;
    memcpy(p, &ts, 8);
    memcpy(p + 8, &tid, 8);
    memcpy(p + 16, &len, 4);
    memcpy(p + 20, &type, 2);
    memcpy(p + 22, &nparams, 4);
    memcpy(p + 26, &id_len, 4);
    memcpy(p + 30, &data_len, 4);
    memcpy(p + 34, &plugin_id, 4);
    return p + RAW_HEADER;
}

static inline uint8_t* raw_put_u16(uint8_t* p, uint16_t v) {
    memcpy(p, &v, 2);
    return p + 2;
}
static inline uint8_t* raw_put_u32(uint8_t* p, uint32_t v) {
    memcpy(p, &v, 4);
    return p + 4;
}
static inline uint8_t* raw_put_u64(uint8_t* p, uint64_t v) {
    memcpy(p, &v, 8);
    return p + 8;
}
/* falcogen wire string: u32 length including the NUL, bytes, NUL. */
static inline uint8_t* raw_put_str(uint8_t* p, const char* s, uint32_t n) {
    p = raw_put_u32(p, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p + n + 1;
}

/* Checks the envelope of an event handed back by the host; returns its
 * event_data and size, or NULL. */
static inline const uint8_t* raw_event_data(const ss_plugin_event_input* in, uint32_t* size) {
    if (in == NULL || in->evt == NULL) return NULL;
    const uint8_t* e = (const uint8_t*)in->evt;
    uint32_t len, nparams, id_len, data_len;
    uint16_t type;
    memcpy(&len, e + 16, 4);
    memcpy(&type, e + 20, 2);
    memcpy(&nparams, e + 22, 4);
    memcpy(&id_len, e + 26, 4);
    memcpy(&data_len, e + 30, 4);
    if (type != 322 || nparams != 2 || len < RAW_HEADER || id_len != 4 || data_len != len - RAW_HEADER) return NULL;
    *size = data_len;
    return e + RAW_HEADER;
}

/* Bounds-checked readers over event_data. */
typedef struct raw_reader {
    const uint8_t* p;
    const uint8_t* end;
} raw_reader;

static inline int raw_get_u16(raw_reader* r, uint16_t* v) {
    if (r->end - r->p < 2) return 0;
    memcpy(v, r->p, 2);
    r->p += 2;
    return 1;
}
static inline int raw_get_u32(raw_reader* r, uint32_t* v) {
    if (r->end - r->p < 4) return 0;
    memcpy(v, r->p, 4);
    r->p += 4;
    return 1;
}
static inline int raw_get_u64(raw_reader* r, uint64_t* v) {
    if (r->end - r->p < 8) return 0;
    memcpy(v, r->p, 8);
    r->p += 8;
    return 1;
}
/* A wire string: the pointer to its NUL-terminated bytes and the length
 * without the NUL. */
static inline int raw_get_str(raw_reader* r, const char** s, uint32_t* n) {
    uint32_t len;
    if (!raw_get_u32(r, &len) || len == 0 || (uint64_t)(r->end - r->p) < len || r->p[len - 1] != 0) return 0;
    *s = (const char*)r->p;
    *n = len - 1;
    r->p += len;
    return 1;
}

/* Decimal text of an unsigned integer at `out`; returns the end. */
static inline char* raw_fmt_u64(char* out, uint64_t v) {
    char tmp[20];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) *out++ = tmp[--n];
    return out;
}
static inline char* raw_fmt_i64(char* out, int64_t v) {
    if (v < 0) {
        *out++ = '-';
        return raw_fmt_u64(out, (uint64_t)0 - (uint64_t)v);
    }
    return raw_fmt_u64(out, (uint64_t)v);
}
static inline char* raw_fmt_str(char* out, const char* s, uint32_t n) {
    memcpy(out, s, n);
    return out + n;
}
static inline char* raw_fmt_lit(char* out, const char* s) {
    return raw_fmt_str(out, s, (uint32_t)strlen(s));
}

/* The common identity exports and the per-plugin state. */
#define RAW_MAX_FIELDS 16u
typedef struct raw_state {
    uint32_t batch_size;
    char text[4096]; /* event_to_string's result, reused */
    /* extract_fields' results, valid until the next call */
    const char* str[RAW_MAX_FIELDS];
    uint64_t u64[RAW_MAX_FIELDS];
} raw_state;

#define RAW_DEFINE_IDENTITY(NAME, SOURCE)                                                   \
    RAW_EXPORT const char* plugin_get_required_api_version(void) {                          \
        return "3.0.0";                                                                     \
    }                                                                                       \
    RAW_EXPORT const char* plugin_get_version(void) {                                       \
        return "0.1.0";                                                                     \
    }                                                                                       \
    RAW_EXPORT const char* plugin_get_name(void) {                                          \
        return NAME;                                                                        \
    }                                                                                       \
    RAW_EXPORT const char* plugin_get_description(void) {                                   \
        return "hand-written benchmark plugin";                                             \
    }                                                                                       \
    RAW_EXPORT const char* plugin_get_contact(void) {                                       \
        return "falcogen bench";                                                            \
    }                                                                                       \
    RAW_EXPORT uint32_t plugin_get_id(void) {                                               \
        return 999;                                                                         \
    }                                                                                       \
    RAW_EXPORT const char* plugin_get_event_source(void) {                                  \
        return SOURCE;                                                                      \
    }                                                                                       \
    RAW_EXPORT const char* plugin_get_last_error(ss_plugin_t* s) {                          \
        (void)s;                                                                            \
        return "raw plugin error";                                                          \
    }                                                                                       \
    RAW_EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) { \
        raw_state* s = (raw_state*)calloc(1, sizeof(raw_state));                            \
        if (s == NULL) {                                                                    \
            *rc = SS_PLUGIN_FAILURE;                                                        \
            return NULL;                                                                    \
        }                                                                                   \
        s->batch_size = raw_config_batch_size(in != NULL ? in->config : NULL, 64);          \
        *rc = SS_PLUGIN_SUCCESS;                                                            \
        return s;                                                                           \
    }                                                                                       \
    RAW_EXPORT void plugin_destroy(ss_plugin_t* s) {                                        \
        free(s);                                                                            \
    }

/* An open capture: `total` events, emitted in batches into one buffer. */
typedef struct raw_instance {
    uint64_t emitted;
    uint64_t total;
    uint32_t batch_size;
    uint8_t* buffer; /* batch_size slots of `slot` bytes */
    uint32_t slot; /* max event size, rounded up to 8 */
    ss_plugin_event** events; /* batch_size pointers */
    const char* text; /* raw_hello: the greeting, from the state */
    uint32_t text_len;
} raw_instance;

static inline raw_instance* raw_open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc, uint32_t max_event) {
    raw_state* st = (raw_state*)s;
    raw_instance* in = (raw_instance*)calloc(1, sizeof(raw_instance));
    if (in == NULL) {
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    in->total = params != NULL && *params != 0 ? strtoull(params, NULL, 10) : 10;
    in->batch_size = st->batch_size;
    in->slot = (max_event + 7u) & ~7u;
    in->buffer = (uint8_t*)malloc((size_t)in->slot * in->batch_size);
    in->events = (ss_plugin_event**)malloc(sizeof(ss_plugin_event*) * in->batch_size);
    if (in->buffer == NULL || in->events == NULL) {
        free(in->buffer);
        free(in->events);
        free(in);
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    *rc = SS_PLUGIN_SUCCESS;
    return in;
}

static inline void raw_close(ss_instance_t* h) {
    raw_instance* in = (raw_instance*)h;
    if (in == NULL) return;
    free(in->buffer);
    free(in->events);
    free(in);
}

/* plugin_close of the raw plugins built on raw_open. */
#define RAW_DEFINE_CLOSE()                                           \
    RAW_EXPORT void plugin_close(ss_plugin_t* s, ss_instance_t* h) { \
        (void)s;                                                     \
        raw_close(h);                                                \
    }

/* plugin_open and plugin_close for events of at most MAX_EVENT bytes. */
#define RAW_DEFINE_OPEN_CLOSE(MAX_EVENT)                                                          \
    RAW_EXPORT ss_instance_t* plugin_open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc) { \
        return raw_open(s, params, rc, MAX_EVENT);                                                \
    }                                                                                             \
    RAW_DEFINE_CLOSE()

#endif
