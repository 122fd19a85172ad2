/* Hand-written twin of bench/plugins/record: the same `record` events (tag 1,
 * eight members, values from bench_values.h) and the same event_to_string
 * text as falcogen's default rendering ("record id=1 pid=1001 ..."), written
 * directly against the plugin API with one reused batch buffer. */
#include "bench_values.h"
#include "raw_common.h"

/* tag, count, id u64, pid u32, port u16, delta i64, user, path, bytes u64, command */
#define RECORD_FIXED (2u + 2u + 8u + 4u + 2u + 8u + 4u + 1u + 4u + 1u + 8u + 4u + 1u)
#define RECORD_MAX_STRINGS 64u /* longest user + path + command is below this */

RAW_DEFINE_IDENTITY("rawrecord", "benchrecord")

RAW_DEFINE_OPEN_CLOSE(RAW_HEADER + RECORD_FIXED + RECORD_MAX_STRINGS)

RAW_EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    (void)s;
    raw_instance* in = (raw_instance*)h;
    uint32_t n = 0;
    uint8_t* slot = in->buffer;
    while (in->emitted < in->total && n < in->batch_size) {
        const uint64_t id = ++in->emitted;
        const unsigned k = (unsigned)(id % BENCH_VALUES);
        const uint32_t data_len = RECORD_FIXED + bench_users_len[k] + bench_paths_len[k] + bench_commands_len[k];
        uint8_t* p = raw_put_header(slot, 999, data_len);
        p = raw_put_u16(p, 1);
        p = raw_put_u16(p, 8);
        p = raw_put_u64(p, id);
        p = raw_put_u32(p, bench_pid(id));
        p = raw_put_u16(p, bench_port(id));
        p = raw_put_u64(p, (uint64_t)bench_delta(id));
        p = raw_put_str(p, bench_users[k], bench_users_len[k]);
        p = raw_put_str(p, bench_paths[k], bench_paths_len[k]);
        p = raw_put_u64(p, bench_bytes(id));
        raw_put_str(p, bench_commands[k], bench_commands_len[k]);
        in->events[n++] = (ss_plugin_event*)slot;
        slot += in->slot;
    }
    *nevts = n;
    *evts = in->events;
    return in->emitted < in->total ? SS_PLUGIN_SUCCESS : SS_PLUGIN_EOF;
}

/* A decoded record: strings point into the event (NUL-terminated). */
typedef struct record {
    uint16_t port;
    uint32_t pid, user_len, path_len, command_len;
    uint64_t id, delta, bytes;
    const char *user, *path, *command;
} record;

static int decode_record(const ss_plugin_event_input* evt, record* rec) {
    uint32_t size;
    const uint8_t* data = raw_event_data(evt, &size);
    raw_reader r = {data, data + size};
    uint16_t tag, count;
    return data != NULL && raw_get_u16(&r, &tag) && raw_get_u16(&r, &count) && tag == 1 && count == 8 &&
           raw_get_u64(&r, &rec->id) && raw_get_u32(&r, &rec->pid) && raw_get_u16(&r, &rec->port) &&
           raw_get_u64(&r, &rec->delta) && raw_get_str(&r, &rec->user, &rec->user_len) &&
           raw_get_str(&r, &rec->path, &rec->path_len) && raw_get_u64(&r, &rec->bytes) &&
           raw_get_str(&r, &rec->command, &rec->command_len) && r.p == r.end;
}

RAW_EXPORT const char* plugin_event_to_string(ss_plugin_t* s, const ss_plugin_event_input* evt) {
    raw_state* st = (raw_state*)s;
    record rec;
    if (!decode_record(evt, &rec) || (uint64_t)rec.user_len + rec.path_len + rec.command_len > sizeof st->text - 160) {
        return "<malformed event>";
    }
    char* out = raw_fmt_lit(st->text, "record id=");
    out = raw_fmt_u64(out, rec.id);
    out = raw_fmt_lit(out, " pid=");
    out = raw_fmt_u64(out, rec.pid);
    out = raw_fmt_lit(out, " port=");
    out = raw_fmt_u64(out, rec.port);
    out = raw_fmt_lit(out, " delta=");
    out = raw_fmt_i64(out, (int64_t)rec.delta);
    out = raw_fmt_lit(out, " user=");
    out = raw_fmt_str(out, rec.user, rec.user_len);
    out = raw_fmt_lit(out, " path=");
    out = raw_fmt_str(out, rec.path, rec.path_len);
    out = raw_fmt_lit(out, " bytes=");
    out = raw_fmt_u64(out, rec.bytes);
    out = raw_fmt_lit(out, " command=");
    out = raw_fmt_str(out, rec.command, rec.command_len);
    *out = 0;
    return st->text;
}

/* ---- Field extraction: rec.user (string member), rec.bytes (uint64
 * member), rec.total (bytes + pid, computed). ---- */

RAW_EXPORT const char* plugin_get_fields(void) {
    return "[{\"name\":\"rec.user\",\"type\":\"string\",\"desc\":\"Account name\"},"
           "{\"name\":\"rec.bytes\",\"type\":\"uint64\",\"desc\":\"A size\"},"
           "{\"name\":\"rec.total\",\"type\":\"uint64\",\"desc\":\"bytes + pid\"}]";
}

RAW_EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                              const ss_plugin_field_extract_input* in) {
    raw_state* st = (raw_state*)s;
    record rec;
    const int ok = decode_record(evt, &rec);
    for (uint32_t i = 0; i < in->num_fields && i < RAW_MAX_FIELDS; ++i) {
        ss_plugin_extract_field* f = &in->fields[i];
        f->res_len = 0;
        if (!ok) continue;
        switch (f->field_id) {
            case 0:
                st->str[i] = rec.user;
                f->res.str = &st->str[i];
                f->res_len = 1;
                break;
            case 1:
                st->u64[i] = rec.bytes;
                f->res.u64 = &st->u64[i];
                f->res_len = 1;
                break;
            case 2:
                st->u64[i] = rec.bytes + rec.pid;
                f->res.u64 = &st->u64[i];
                f->res_len = 1;
                break;
            default: return SS_PLUGIN_FAILURE;
        }
    }
    return SS_PLUGIN_SUCCESS;
}
