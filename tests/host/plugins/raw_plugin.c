/*
 * A raw Falco plugin written directly against falcogen's ABI header, with no
 * SDK and no runtime. Built many times with different -D flags: the default
 * build is a well-behaved source + extraction plugin; each flag breaks exactly
 * one rule so the host tests can prove the host rejects it with the precise
 * message. See tests/host/CMakeLists.txt for the list of variants.
 */
#include <falcogen/abi/plugin_api.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT __attribute__((visibility("default")))

/* ---- identity ------------------------------------------------------------ */

#if defined(REQ_API_4)
#define RAW_REQ_API "4.0.0"
#elif defined(REQ_API_GARBAGE)
#define RAW_REQ_API "abc"
#elif defined(REQ_API_MINOR)
#define RAW_REQ_API "3.13.0"
#elif defined(REQ_API_PATCH)
#define RAW_REQ_API "3.12.1"
#else
#define RAW_REQ_API "3.0.0"
#endif

#if defined(BAD_VERSION)
#define RAW_VERSION "1.0"
#else
#define RAW_VERSION "0.3.1-rc.1+build.7"
#endif

#if defined(BAD_NAME)
#define RAW_NAME "Raw Test"
#else
#define RAW_NAME "rawtest"
#endif

#if defined(SYSCALL_SOURCE)
#define RAW_ID 999u
#define RAW_SOURCE "syscall"
#elif defined(ID_NO_SOURCE)
#define RAW_ID 999u
#define RAW_SOURCE ""
#elif defined(SOURCE_NO_ID)
#define RAW_ID 0u
#define RAW_SOURCE "test"
#elif defined(ID_ZERO)
#define RAW_ID 0u
#define RAW_SOURCE ""
#else
#define RAW_ID 999u
#define RAW_SOURCE "test"
#endif

#if defined(FIELDS_INVALID_JSON)
#define RAW_FIELDS "[{\"name\": \"raw.user\", "
#elif defined(FIELDS_EMPTY)
#define RAW_FIELDS "[]"
#elif defined(FIELDS_NO_DESC)
#define RAW_FIELDS \
    "[{\"name\":\"raw.user\",\"type\":\"string\",\"desc\":\"the user\"},{\"name\":\"raw.n\",\"type\":\"uint64\"}]"
#elif defined(FIELDS_BAD_TYPE)
#define RAW_FIELDS "[{\"name\":\"raw.user\",\"type\":\"int32\",\"desc\":\"the user\"}]"
#elif defined(FIELDS_REQUIRED_NO_INDEX)
#define RAW_FIELDS "[{\"name\":\"raw.map\",\"type\":\"string\",\"desc\":\"x\",\"arg\":{\"isRequired\":true}}]"
#elif defined(FIELDS_NONBOOL_LIST)
#define RAW_FIELDS "[{\"name\":\"raw.tags\",\"type\":\"string\",\"desc\":\"x\",\"isList\":\"yes\"}]"
#else
#define RAW_FIELDS                                                                                       \
    "["                                                                                                  \
    "{\"name\":\"raw.user\",\"type\":\"string\",\"desc\":\"the user of the event\",\"addOutput\":true}," \
    "{\"name\":\"raw.n\",\"type\":\"uint64\",\"desc\":\"the event number seen by the plugin\","          \
    "\"display\":\"Number\"},"                                                                           \
    "{\"name\":\"raw.tags\",\"type\":\"string\",\"isList\":true,\"arg\":{\"isIndex\":true},"             \
    "\"desc\":\"tags of the event; [i] selects one\"},"                                                  \
    "{\"name\":\"raw.map\",\"type\":\"string\",\"arg\":{\"isKey\":true,\"isRequired\":true},"            \
    "\"desc\":\"attribute by key\"},"                                                                    \
    "{\"name\":\"raw.ok\",\"type\":\"bool\",\"desc\":\"whether the user starts with a\"},"               \
    "{\"name\":\"raw.ip\",\"type\":\"ipaddr\",\"desc\":\"an address\"},"                                 \
    "{\"name\":\"raw.argecho\",\"type\":\"string\",\"arg\":{\"isIndex\":true,\"isKey\":true},"           \
    "\"desc\":\"echoes the argument\",\"properties\":[\"hidden\",\"info\"]}"                             \
    "]"
#endif

#if defined(BAD_SCHEMA)
#define RAW_SCHEMA "[1, 2]"
#else
#define RAW_SCHEMA                                                                   \
    "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\","  \
    "\"properties\":{\"max\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000}," \
    "\"prefix\":{\"type\":\"string\",\"pattern\":\"^[a-z]*$\"}},\"additionalProperties\":false}"
#endif

/* ---- state --------------------------------------------------------------- */

typedef struct {
    char lasterr[PLUGIN_MAX_ERRLEN];
    ss_plugin_owner_t* owner;
    ss_plugin_log_fn_t log;
    char config[256];
    /* extraction outputs, valid until the next call */
    const char* strs[4];
    char strbuf[4][128];
    uint64_t u64;
    ss_plugin_bool b;
    uint8_t ip[4];
    ss_plugin_byte_buffer buf;
    uint32_t off_start[8], off_len[8];
    char tostr[128];
    uint32_t parsed; /* SYSCALL_FIELDS: events parsed so far */
} RawState;

typedef struct {
    int calls;
    int sent;
    uint8_t evt[3][128];
    ss_plugin_event* ptrs[3];
} RawInstance;

static void log_message(RawState* s, const char* msg) {
    if (s->log) s->log(s->owner, NULL, msg, SS_PLUGIN_LOG_SEV_INFO);
}

EXPORT const char* plugin_get_required_api_version(void) {
    return RAW_REQ_API;
}
EXPORT const char* plugin_get_version(void) {
    return RAW_VERSION;
}
EXPORT const char* plugin_get_name(void) {
#if defined(NULL_NAME)
    return NULL;
#else
    return RAW_NAME;
#endif
}
EXPORT const char* plugin_get_description(void) {
    return "a raw test plugin";
}
EXPORT const char* plugin_get_contact(void) {
    return "falcogen tests";
}

EXPORT const char* plugin_get_init_schema(ss_plugin_schema_type* t) {
    *t = SS_PLUGIN_SCHEMA_JSON;
    return RAW_SCHEMA;
}

/* Whether the last plugin_init got the state tables (-1: not called): libsinsp
 * gives them only to plugins that parse or extract. */
static int g_init_had_tables = -1;
EXPORT int raw_init_had_tables(void) {
    return g_init_had_tables;
}

EXPORT ss_plugin_t* plugin_init(const ss_plugin_init_input* in, ss_plugin_rc* rc) {
    g_init_had_tables = in->tables != NULL;
    RawState* s = calloc(1, sizeof(RawState));
    s->owner = in->owner;
    s->log = in->log_fn;
    snprintf(s->config, sizeof s->config, "%s", in->config ? in->config : "(null)");
    char msg[300];
    snprintf(msg, sizeof msg, "init called with config %s", s->config);
    log_message(s, msg);
#if defined(INIT_FAIL_STATE)
    snprintf(s->lasterr, sizeof s->lasterr, "bad credentials in config");
    *rc = SS_PLUGIN_FAILURE;
    return s;
#elif defined(INIT_FAIL_NULL)
    free(s);
    *rc = SS_PLUGIN_FAILURE;
    return NULL;
#else
    *rc = SS_PLUGIN_SUCCESS;
    return s;
#endif
}

EXPORT void plugin_destroy(ss_plugin_t* st) {
    RawState* s = st;
    log_message(s, "destroy called");
    free(s);
}

#if !defined(OMIT_GET_LAST_ERROR)
EXPORT const char* plugin_get_last_error(ss_plugin_t* st) {
    return ((RawState*)st)->lasterr;
}
#endif

/* ---- sourcing -------------------------------------------------------------- */
#if !defined(OMIT_SOURCING)
EXPORT uint32_t plugin_get_id(void) {
    return RAW_ID;
}
EXPORT const char* plugin_get_event_source(void) {
    return RAW_SOURCE;
}

EXPORT const char* plugin_list_open_params(ss_plugin_t* st, ss_plugin_rc* rc) {
    (void)st;
    *rc = SS_PLUGIN_SUCCESS;
#if defined(BAD_OPEN_PARAMS)
    return "[{\"desc\":\"an entry without value\"}]";
#else
    return "[{\"value\":\"a\",\"desc\":\"the a stream\"},{\"value\":\"b\",\"separator\":\",\"}]";
#endif
}

EXPORT ss_instance_t* plugin_open(ss_plugin_t* st, const char* params, ss_plugin_rc* rc) {
    RawState* s = st;
    if (params && strcmp(params, "fail") == 0) {
        snprintf(s->lasterr, sizeof s->lasterr, "cannot open '%s'", params);
        *rc = SS_PLUGIN_FAILURE;
        return NULL;
    }
    *rc = SS_PLUGIN_SUCCESS;
    return calloc(1, sizeof(RawInstance));
}

EXPORT void plugin_close(ss_plugin_t* st, ss_instance_t* h) {
    RawState* s = st;
    log_message(s, h ? "close called" : "close called with NULL instance");
    free(h);
}

static const char* const kUsers[3] = {"alice", "bob", "carol"};

static void encode(RawInstance* in, int i, uint64_t ts, uint32_t plugin_id) {
    uint8_t* p = in->evt[i];
    uint32_t n = (uint32_t)strlen(kUsers[i]);
    uint64_t tid = 12345;
    uint32_t len = 38 + n;
    uint16_t type = 322;
    uint32_t nparams = 2, l0 = 4;
#if defined(EVT_WRONG_TYPE)
    type = 321;
#endif
#if defined(EVT_WRONG_ID)
    plugin_id = 7;
#endif
#if defined(EVT_SHORT_LEN)
    len = 38 + n - 2;
#endif
    memcpy(p + 0, &ts, 8);
    memcpy(p + 8, &tid, 8);
    memcpy(p + 16, &len, 4);
    memcpy(p + 20, &type, 2);
    memcpy(p + 22, &nparams, 4);
    memcpy(p + 26, &l0, 4);
    memcpy(p + 30, &n, 4);
    memcpy(p + 34, &plugin_id, 4);
    memcpy(p + 38, kUsers[i], n);
    in->ptrs[i] = (ss_plugin_event*)p;
}

EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* st, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    RawState* s = st;
    RawInstance* in = h;
    in->calls++;
    *nevts = 0;
    *evts = in->ptrs;
#if defined(EVT_ZERO_SUCCESS)
    return SS_PLUGIN_SUCCESS;
#elif defined(ALWAYS_TIMEOUT)
    return SS_PLUGIN_TIMEOUT;
#else
    switch (in->calls) {
        case 1: /* 2 events: plugin_id 0 (host fills in 999), ts UINT64_MAX (host: now) */
            encode(in, 0, 1700000000000000001ull, 0);
            encode(in, 1, UINT64_MAX, RAW_ID);
            in->ptrs[0] = (ss_plugin_event*)in->evt[0];
            in->ptrs[1] = (ss_plugin_event*)in->evt[1];
            *nevts = 2;
            in->sent = 2;
            return SS_PLUGIN_SUCCESS;
        case 2: return SS_PLUGIN_TIMEOUT;
        case 3: /* the last event comes with EOF (or FAILURE) */
            encode(in, 2, 1700000000000000003ull, RAW_ID);
            in->ptrs[0] = (ss_plugin_event*)in->evt[2];
            *nevts = 1;
            in->sent = 3;
#if defined(EVT_FAILURE_WITH_EVENTS)
            snprintf(s->lasterr, sizeof s->lasterr, "source broke after carol");
            return SS_PLUGIN_FAILURE;
#else
            (void)s;
            return SS_PLUGIN_EOF;
#endif
        default: return SS_PLUGIN_EOF;
    }
#endif
}

EXPORT const char* plugin_get_progress(ss_plugin_t* st, ss_instance_t* h, uint32_t* pct) {
    (void)st;
    RawInstance* in = h;
    *pct = (uint32_t)(in->sent * 10000 / 3);
    return NULL;
}

EXPORT const char* plugin_event_to_string(ss_plugin_t* st, const ss_plugin_event_input* e) {
    RawState* s = st;
    const uint8_t* p = (const uint8_t*)e->evt;
    uint32_t n;
    memcpy(&n, p + 30, 4);
    snprintf(s->tostr, sizeof s->tostr, "user=%.*s", (int)n, (const char*)(p + 38));
    return s->tostr;
}
#endif /* OMIT_SOURCING */

#if defined(OMIT_NEXT_BATCH_ONLY)
EXPORT ss_instance_t* plugin_open(ss_plugin_t* st, const char* params, ss_plugin_rc* rc) {
    (void)st;
    (void)params;
    *rc = SS_PLUGIN_FAILURE;
    return NULL;
}
EXPORT void plugin_close(ss_plugin_t* st, ss_instance_t* h) {
    (void)st;
    (void)h;
}
#endif

/* ---- extraction ------------------------------------------------------------------ */
#if !defined(OMIT_EXTRACTION)
#if !defined(OMIT_GET_FIELDS)
EXPORT const char* plugin_get_fields(void) {
    return RAW_FIELDS;
}
#endif

static void extract_user(RawState* s, const ss_plugin_field_extract_input* in, uint32_t i, const char* user,
                         uint32_t n) {
    ss_plugin_extract_field* f = &in->fields[i];
    snprintf(s->strbuf[0], sizeof s->strbuf[0], "%s", user);
    s->strs[0] = s->strbuf[0];
#if defined(EXTRACT_NULL_STRING)
    s->strs[0] = NULL;
#endif
    f->res.str = s->strs;
    f->res_len = 1;
#if defined(EXTRACT_TOO_MANY)
    s->strs[1] = s->strbuf[0];
    f->res_len = 2;
#endif
    if (in->value_offsets) {
        s->off_start[i] = 38;
        s->off_len[i] = n;
        in->value_offsets->start = s->off_start;
        in->value_offsets->length = s->off_len;
    }
}

static void extract_n(RawState* s, ss_plugin_extract_field* f, uint64_t evtnum) {
    s->u64 = evtnum;
    f->res.u64 = &s->u64;
    f->res_len = 1;
}

/* raw.tags: a list, or one of its values with an index */
static void extract_tags(RawState* s, ss_plugin_extract_field* f, const char* user) {
    snprintf(s->strbuf[1], sizeof s->strbuf[1], "t-%s", user);
    snprintf(s->strbuf[2], sizeof s->strbuf[2], "x");
    s->strs[1] = s->strbuf[1];
    s->strs[2] = s->strbuf[2];
    if (f->arg_present) {
        if (f->arg_index < 2) {
            f->res.str = &s->strs[1 + f->arg_index];
            f->res_len = 1;
        }
    } else {
        f->res.str = &s->strs[1];
        f->res_len = 2;
    }
}

/* raw.map[key]: "key=user", no value for the key "missing" */
static void extract_map(RawState* s, ss_plugin_extract_field* f, const char* user) {
    if (strcmp(f->arg_key, "missing") != 0) {
        snprintf(s->strbuf[3], sizeof s->strbuf[3], "%s=%s", f->arg_key, user);
        s->strs[3] = s->strbuf[3];
        f->res.str = &s->strs[3];
        f->res_len = 1;
    }
}

static void extract_ok(RawState* s, ss_plugin_extract_field* f, const char* user) {
    s->b = user[0] == 'a';
    f->res.boolean = &s->b;
    f->res_len = 1;
}

static void extract_ip(RawState* s, ss_plugin_extract_field* f, uint32_t n) {
    s->ip[0] = 10;
    s->ip[1] = 0;
    s->ip[2] = 0;
    s->ip[3] = (uint8_t)n;
    s->buf.len = 4;
    s->buf.ptr = s->ip;
    f->res.buf = &s->buf;
    f->res_len = 1;
}

/* raw.argecho: what the host passed as the argument */
static void extract_argecho(RawState* s, ss_plugin_extract_field* f) {
    if (!f->arg_present)
        snprintf(s->strbuf[3], sizeof s->strbuf[3], "none");
    else if (f->arg_index != UINT64_MAX)
        snprintf(s->strbuf[3], sizeof s->strbuf[3], "index:%llu key:%s", (unsigned long long)f->arg_index,
                 f->arg_key ? f->arg_key : "(null)");
    else
        snprintf(s->strbuf[3], sizeof s->strbuf[3], "key:%s", f->arg_key ? f->arg_key : "(null)");
    s->strs[3] = s->strbuf[3];
    f->res.str = &s->strs[3];
    f->res_len = 1;
}

/* Field #i of the request; 0 for an unknown field id. */
static int extract_field(RawState* s, const ss_plugin_event_input* e, const ss_plugin_field_extract_input* in,
                         uint32_t i, const char* user, uint32_t n) {
    ss_plugin_extract_field* f = &in->fields[i];
    f->res_len = 0;
    switch (f->field_id) {
        case 0: extract_user(s, in, i, user, n); return 1;
        case 1: extract_n(s, f, e->evtnum); return 1;
        case 2: extract_tags(s, f, user); return 1;
        case 3: extract_map(s, f, user); return 1;
        case 4: extract_ok(s, f, user); return 1;
        case 5: extract_ip(s, f, n); return 1;
        case 6: extract_argecho(s, f); return 1;
        default: return 0;
    }
}

EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* st, const ss_plugin_event_input* e,
                                          const ss_plugin_field_extract_input* in) {
    RawState* s = st;
    const uint8_t* p = (const uint8_t*)e->evt;
    uint32_t n;
    char user[64];
#if defined(SYSCALL_FIELDS)
    /* syscall events have no payload: raw.user is "TYPE/TID", raw.ip counts the parsed events */
    uint64_t tid;
    uint16_t type;
    memcpy(&tid, p + 8, 8);
    memcpy(&type, p + 20, 2);
    snprintf(user, sizeof user, "%u/%lld", (unsigned)type, (long long)tid);
    n = s->parsed;
#else
    memcpy(&n, p + 30, 4); /* a plugin event: the payload's length */
    snprintf(user, sizeof user, "%.*s", (int)n, (const char*)(p + 38));
#endif
#if defined(EXTRACT_FAIL)
    snprintf(s->lasterr, sizeof s->lasterr, "cannot extract from %s", user);
    return SS_PLUGIN_FAILURE;
#endif
    for (uint32_t i = 0; i < in->num_fields; i++) {
        if (!extract_field(s, e, in, i, user, n)) {
            snprintf(s->lasterr, sizeof s->lasterr, "unknown field id %u", in->fields[i].field_id);
            return SS_PLUGIN_FAILURE;
        }
    }
    return SS_PLUGIN_SUCCESS;
}
#endif /* OMIT_EXTRACTION */

/* ---- async events (ASYNC variant) ------------------------------------------------ */
#if defined(ASYNC)
EXPORT const char* plugin_get_async_events(void) {
    return "[\"raw_alert\"]";
}

static ss_plugin_rc emit_async(RawState* s, ss_plugin_owner_t* o, ss_plugin_async_event_handler_t h, const char* name,
                               const char* data) {
    uint8_t buf[256];
    uint32_t namelen = (uint32_t)strlen(name) + 1, datalen = (uint32_t)strlen(data);
    uint64_t ts = UINT64_MAX, tid = UINT64_MAX;
    uint32_t len = 42 + namelen + datalen, nparams = 3, l0 = 4, id = 0;
    uint16_t type = 402;
    memcpy(buf + 0, &ts, 8);
    memcpy(buf + 8, &tid, 8);
    memcpy(buf + 16, &len, 4);
    memcpy(buf + 20, &type, 2);
    memcpy(buf + 22, &nparams, 4);
    memcpy(buf + 26, &l0, 4);
    memcpy(buf + 30, &namelen, 4);
    memcpy(buf + 34, &datalen, 4);
    memcpy(buf + 38, &id, 4);
    memcpy(buf + 42, name, namelen);
    memcpy(buf + 42 + namelen, data, datalen);
    char err[PLUGIN_MAX_ERRLEN] = {0};
    ss_plugin_rc rc = h(o, (const ss_plugin_event*)buf, err);
    char msg[PLUGIN_MAX_ERRLEN + 64];
    snprintf(msg, sizeof msg, "async %s rc=%d err=%s", name, (int)rc, err);
    log_message(s, msg);
    return rc;
}

/* Emits synchronously from the caller's thread: one good event, one with an unknown name. */
EXPORT ss_plugin_rc plugin_set_async_event_handler(ss_plugin_t* st, ss_plugin_owner_t* o,
                                                   ss_plugin_async_event_handler_t h) {
    RawState* s = st;
    if (h == NULL) {
        log_message(s, "async stopped");
        return SS_PLUGIN_SUCCESS;
    }
    emit_async(s, o, h, "raw_alert", "boom");
    emit_async(s, o, h, "other", "x");
    return SS_PLUGIN_SUCCESS;
}
#endif

/* ---- syscall events (SYSCALL_FIELDS variant: for captures) ---------------------------- */
#if defined(SYSCALL_FIELDS)
EXPORT const char* plugin_get_extract_event_sources(void) {
    return "[\"syscall\"]";
}
EXPORT const char* plugin_get_parse_event_sources(void) {
    return "[\"syscall\"]";
}
EXPORT ss_plugin_rc plugin_parse_event(ss_plugin_t* st, const ss_plugin_event_input* e,
                                       const ss_plugin_event_parse_input* in) {
    (void)e;
    (void)in;
    ((RawState*)st)->parsed++;
    return SS_PLUGIN_SUCCESS;
}
#endif
