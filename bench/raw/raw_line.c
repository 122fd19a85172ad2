/* Hand-written twin of bench/plugins/line: `line` events (tag 1, one string
 * member), the text "line text=..." of falcogen's default rendering, and the
 * field line.text, written directly against the plugin API. */
#include "bench_values.h"
#include "raw_common.h"

/* tag, count, text (u32 length, bytes, NUL) */
#define LINE_FIXED (2u + 2u + 4u + 1u)
#define LINE_MAX_TEXT 64u /* the longest path is below this */

RAW_DEFINE_IDENTITY("rawline", "benchline")

RAW_DEFINE_OPEN_CLOSE(RAW_HEADER + LINE_FIXED + LINE_MAX_TEXT)

RAW_EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    (void)s;
    raw_instance* in = (raw_instance*)h;
    uint32_t n = 0;
    uint8_t* slot = in->buffer;
    while (in->emitted < in->total && n < in->batch_size) {
        const unsigned k = (unsigned)(++in->emitted % BENCH_VALUES);
        uint8_t* p = raw_put_header(slot, 999, LINE_FIXED + bench_paths_len[k]);
        p = raw_put_u16(p, 1);
        p = raw_put_u16(p, 1);
        raw_put_str(p, bench_paths[k], bench_paths_len[k]);
        in->events[n++] = (ss_plugin_event*)slot;
        slot += in->slot;
    }
    *nevts = n;
    *evts = in->events;
    return in->emitted < in->total ? SS_PLUGIN_SUCCESS : SS_PLUGIN_EOF;
}

/* The text of a line event (NUL-terminated inside it), or NULL. */
static const char* decode_line(const ss_plugin_event_input* evt, uint32_t* len) {
    uint32_t size;
    const uint8_t* data = raw_event_data(evt, &size);
    raw_reader r = {data, data + size};
    uint16_t tag, count;
    const char* text;
    if (data != NULL && raw_get_u16(&r, &tag) && raw_get_u16(&r, &count) && tag == 1 && count == 1 &&
        raw_get_str(&r, &text, len) && r.p == r.end) {
        return text;
    }
    return NULL;
}

RAW_EXPORT const char* plugin_event_to_string(ss_plugin_t* s, const ss_plugin_event_input* evt) {
    raw_state* st = (raw_state*)s;
    uint32_t len;
    const char* text = decode_line(evt, &len);
    if (text == NULL || len > sizeof st->text - 16) return "<malformed event>";
    char* out = raw_fmt_lit(st->text, "line text=");
    out = raw_fmt_str(out, text, len);
    *out = 0;
    return st->text;
}

RAW_EXPORT const char* plugin_get_fields(void) {
    return "[{\"name\":\"line.text\",\"type\":\"string\",\"desc\":\"The line\"}]";
}

RAW_EXPORT ss_plugin_rc plugin_extract_fields(ss_plugin_t* s, const ss_plugin_event_input* evt,
                                              const ss_plugin_field_extract_input* in) {
    raw_state* st = (raw_state*)s;
    uint32_t len;
    const char* text = decode_line(evt, &len);
    for (uint32_t i = 0; i < in->num_fields && i < RAW_MAX_FIELDS; ++i) {
        ss_plugin_extract_field* f = &in->fields[i];
        f->res_len = 0;
        if (text == NULL) continue;
        if (f->field_id != 0) return SS_PLUGIN_FAILURE;
        st->str[i] = text;
        f->res.str = &st->str[i];
        f->res_len = 1;
    }
    return SS_PLUGIN_SUCCESS;
}
