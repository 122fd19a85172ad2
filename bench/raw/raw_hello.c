/* Hand-written twin of examples/hello: the same events ("hello, world" and a
 * sequence number in the `greeting` layout, tag 1) and the same
 * event_to_string text ("hello, world #N"), written directly against the
 * plugin API with one reused batch buffer. */
#include "raw_common.h"

/* Like the generated plugin, the greeting is data (its config default), not
 * a compile-time constant: the event size and the copy depend on it. */
static const char kDefaultGreeting[] = "hello, world";
static const char* volatile g_greeting = kDefaultGreeting;
/* tag, count, string (u32 + text + NUL), u64 */
#define HELLO_DATA(n) (2u + 2u + 4u + (n) + 1u + 8u)

RAW_DEFINE_IDENTITY("rawhello", "hello")

RAW_EXPORT ss_instance_t* plugin_open(ss_plugin_t* s, const char* params, ss_plugin_rc* rc) {
    const uint32_t len = (uint32_t)strlen(g_greeting);
    raw_instance* in = raw_open(s, params, rc, RAW_HEADER + HELLO_DATA(len));
    if (in != NULL) {
        in->text = g_greeting;
        in->text_len = len;
    }
    return in;
}

RAW_DEFINE_CLOSE()

RAW_EXPORT ss_plugin_rc plugin_next_batch(ss_plugin_t* s, ss_instance_t* h, uint32_t* nevts, ss_plugin_event*** evts) {
    (void)s;
    raw_instance* in = (raw_instance*)h;
    const char* greeting = in->text;
    const uint32_t greeting_len = in->text_len;
    uint32_t n = 0;
    uint8_t* slot = in->buffer;
    while (in->emitted < in->total && n < in->batch_size) {
        const uint64_t seq = ++in->emitted;
        uint8_t* p = raw_put_header(slot, 999, HELLO_DATA(greeting_len));
        p = raw_put_u16(p, 1);
        p = raw_put_u16(p, 2);
        p = raw_put_str(p, greeting, greeting_len);
        raw_put_u64(p, seq);
        in->events[n++] = (ss_plugin_event*)slot;
        slot += in->slot;
    }
    *nevts = n;
    *evts = in->events;
    return in->emitted < in->total ? SS_PLUGIN_SUCCESS : SS_PLUGIN_EOF;
}

RAW_EXPORT const char* plugin_event_to_string(ss_plugin_t* s, const ss_plugin_event_input* evt) {
    raw_state* st = (raw_state*)s;
    uint32_t size;
    const uint8_t* data = raw_event_data(evt, &size);
    raw_reader r = {data, data + size};
    uint16_t tag, count;
    const char* text;
    uint32_t text_len;
    uint64_t seq;
    if (data == NULL || !raw_get_u16(&r, &tag) || !raw_get_u16(&r, &count) || tag != 1 || count != 2 ||
        !raw_get_str(&r, &text, &text_len) || !raw_get_u64(&r, &seq) || r.p != r.end ||
        text_len > sizeof st->text - 32) {
        return "<malformed event>";
    }
    char* out = raw_fmt_str(st->text, text, text_len);
    out = raw_fmt_lit(out, " #");
    out = raw_fmt_u64(out, seq);
    *out = 0;
    return st->text;
}
