// Fuzz target: a plugin's exported tables (tests/fuzz/tables, FUZZ_PLUGIN_PATH)
// driven through the table vtables the way the host and other plugins drive
// them, interleaved with plugin_parse_event on arbitrary syscall events (the
// plugin writes, erases and clears its tables while parsing) and
// plugin_extract_fields over fields bound to the tables. The harness keeps
// the callers' side of the contract (entries are released once, fields come
// from the same table, data matches the field's type) and nothing else: any
// order of operations, keys, names and types that are not the table's.
//
// Input: a sequence of operations, one byte each, followed by their operands.
#include <cstring>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "table_host.hpp"

namespace {

struct Cursor {
    const uint8_t* p;
    size_t n;
    uint8_t byte() { return n > 0 ? (--n, *p++) : 0; }
    std::string text(size_t max) {
        size_t len = byte() % (max + 1);
        if (len > n) len = n;
        std::string s(reinterpret_cast<const char*>(p), len);
        p += len;
        n -= len;
        return s;
    }
};

struct Handle {
    size_t table;
    ss_plugin_table_field_t* field;
    ss_plugin_state_type type;
};
struct Held {
    size_t table;
    ss_plugin_table_entry_t* entry;
};

struct Loaded {
    void* dl = dlopen(FUZZ_PLUGIN_PATH, RTLD_NOW | RTLD_LOCAL);
    testing_tables::TableHost host;
    ss_plugin_t* state = nullptr;
    ss_plugin_rc (*parse)(ss_plugin_t*, const ss_plugin_event_input*, const ss_plugin_event_parse_input*) = nullptr;
    ss_plugin_rc (*extract)(ss_plugin_t*, const ss_plugin_event_input*, const ss_plugin_field_extract_input*) = nullptr;

    template <typename F>
    F sym(const char* name) {
        auto f = reinterpret_cast<F>(dlsym(dl, name));
        FUZZ_CHECK(f != nullptr, "missing symbol %s", name);
        return f;
    }

    Loaded() {
        FUZZ_CHECK(dl != nullptr, "dlopen: %s", dlerror());
        parse = sym<decltype(parse)>("plugin_parse_event");
        extract = sym<decltype(extract)>("plugin_extract_fields");
        ss_plugin_init_input in{};
        in.config = "{}";
        in.owner = host.owner();
        in.get_owner_last_error = &testing_tables::no_error;
        in.tables = &host.input;
        in.log_fn = &fuzz::ignore_log;
        ss_plugin_rc rc = SS_PLUGIN_FAILURE;
        auto init = sym<ss_plugin_t* (*)(const ss_plugin_init_input*, ss_plugin_rc*)>("plugin_init");
        state = init(&in, &rc);
        FUZZ_CHECK(rc == SS_PLUGIN_SUCCESS && host.registered.size() == 2, "init registered %zu tables",
                   host.registered.size());
    }
};

Loaded& loaded() {
    static Loaded l;
    return l;
}

// Names the fuzzer tries: the tables' own, and others.
const char* const kNames[] = {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64",
                              "s",  "b",   "ro",  "n",   "x0", "x1",  ""};

// A syscall event: the header, one parameter of fuzzed bytes.
std::vector<uint8_t> make_event(Cursor& in) {
    const uint16_t type = static_cast<uint16_t>(in.byte() | (in.byte() << 8));
    const uint64_t tid = in.byte();
    const std::string param = in.text(24);
    const uint32_t len = 26 + 2 + static_cast<uint32_t>(param.size());
    std::vector<uint8_t> e(len);
    const uint64_t ts = 1;
    const uint32_t nparams = 1;
    const uint16_t plen = static_cast<uint16_t>(param.size());
    std::memcpy(&e[0], &ts, 8);
    std::memcpy(&e[8], &tid, 8);
    std::memcpy(&e[16], &len, 4);
    std::memcpy(&e[20], &type, 2);
    std::memcpy(&e[22], &nparams, 4);
    std::memcpy(&e[26], &plen, 2);
    if (!param.empty()) std::memcpy(&e[28], param.data(), param.size());
    return e;
}

class Session {
public:
    Session(Loaded& l, Cursor in) : l_(l), in_(in) {}
    ~Session() {
        for (const Held& h : held_) table(h.table).reader_ext->release_table_entry(table(h.table).table, h.entry);
        for (const Held& h : detached_) table(h.table).writer_ext->destroy_table_entry(table(h.table).table, h.entry);
    }

    void run() {
        while (in_.n > 0) step(in_.byte());
    }

private:
    const ss_plugin_table_input& table(size_t i) const { return l_.host.registered[i]; }
    size_t pick_table() { return in_.byte() % 2; }

    // A key of table t: a few values, so that lookups hit.
    ss_plugin_state_data key(size_t t) {
        ss_plugin_state_data d{};
        if (t == 0) {
            key_text_ = in_.byte() % 8 < 6 ? std::to_string(in_.byte() % 6) : in_.text(4);
            d.str = key_text_.c_str();
        } else {
            d.u32 = in_.byte() % 6;
        }
        return d;
    }

    void step(uint8_t op) {
        switch (op % 16) {
            case 0: parse(); break;
            case 1: extract(); break;
            case 2: list_fields(); break;
            case 3: get_field(false); break;
            case 4: get_field(true); break;
            case 5: get_entry(); break;
            case 6: read(); break;
            case 7: write(); break;
            case 8: release(); break;
            case 9: create(); break;
            case 10: add(); break;
            case 11: destroy(); break;
            case 12: erase(); break;
            case 13: clear(); break;
            case 14: iterate(); break;
            default: size(); break;
        }
    }

    void parse() {
        std::vector<uint8_t> bytes = make_event(in_);
        ss_plugin_event_input ev{reinterpret_cast<const ss_plugin_event*>(bytes.data()), ++evtnum_, "syscall"};
        ss_plugin_event_parse_input in{};
        in.owner = nullptr;
        in.get_owner_last_error = &testing_tables::no_error;
        in.table_reader_ext = &l_.host.reader;
        in.table_writer_ext = &l_.host.writer;
        l_.parse(l_.state, &ev, &in);
    }

    void extract() {
        static const char* const fields[] = {"ft.s", "ft.b", "ft.i8", "ft.n", "ft.ns"};
        static const uint32_t types[] = {FTYPE_STRING, FTYPE_BOOL, FTYPE_UINT64, FTYPE_UINT64, FTYPE_STRING};
        const uint32_t id = in_.byte() % 5;
        const std::string arg = in_.byte() % 4 != 0 ? std::to_string(in_.byte() % 6) : in_.text(4);
        std::vector<uint8_t> bytes = make_event(in_);
        ss_plugin_event_input ev{reinterpret_cast<const ss_plugin_event*>(bytes.data()), ++evtnum_, "syscall"};
        ss_plugin_extract_field f{};
        f.field_id = id;
        f.field = fields[id];
        f.ftype = types[id];
        f.arg_present = 1;
        f.arg_key = arg.c_str();
        f.arg_index = in_.byte() % 6;
        ss_plugin_field_extract_input in{};
        in.get_owner_last_error = &testing_tables::no_error;
        in.num_fields = 1;
        in.fields = &f;
        in.table_reader_ext = &l_.host.reader;
        if (l_.extract(l_.state, &ev, &in) == SS_PLUGIN_SUCCESS && f.res_len > 0 && f.ftype == FTYPE_STRING) {
            FUZZ_CHECK(f.res.str[0] != nullptr, "string result without text");
            (void)std::strlen(f.res.str[0]);
        }
    }

    void list_fields() {
        const auto& t = table(pick_table());
        uint32_t n = 0;
        const ss_plugin_table_fieldinfo* infos = t.fields_ext->list_table_fields(t.table, &n);
        FUZZ_CHECK(infos != nullptr || n == 0, "list_table_fields: NULL with %u fields", n);
        for (uint32_t i = 0; i < n; ++i) (void)std::strlen(infos[i].name);
    }

    void get_field(bool add) {
        const size_t i = pick_table();
        const auto& t = table(i);
        const char* name = kNames[in_.byte() % (sizeof kNames / sizeof *kNames)];
        const auto type = static_cast<ss_plugin_state_type>(in_.byte() % 12);
        ss_plugin_table_field_t* f = add ? t.fields_ext->add_table_field(t.table, name, type)
                                         : t.fields_ext->get_table_field(t.table, name, type);
        if (f != nullptr && type != SS_PLUGIN_ST_TABLE) handles_.push_back({i, f, type});
    }

    void get_entry() {
        const size_t i = pick_table();
        ss_plugin_state_data k = key(i);
        if (auto* e = table(i).reader_ext->get_table_entry(table(i).table, &k)) held_.push_back({i, e});
    }

    // A held entry and a field handle of the same table, if any.
    bool pick(Held& entry, Handle& field) {
        if (held_.empty() || handles_.empty()) return false;
        entry = held_[in_.byte() % held_.size()];
        field = handles_[in_.byte() % handles_.size()];
        return entry.table == field.table;
    }

    void read() {
        Held h{};
        Handle f{};
        if (!pick(h, f)) return;
        ss_plugin_state_data out{};
        if (table(h.table).reader_ext->read_entry_field(table(h.table).table, h.entry, f.field, &out) ==
                SS_PLUGIN_SUCCESS &&
            f.type == SS_PLUGIN_ST_STRING) {
            FUZZ_CHECK(out.str != nullptr, "a string field read as NULL");
            (void)std::strlen(out.str);
        }
    }

    void write() {
        Held h{};
        Handle f{};
        if (!pick(h, f)) return;
        ss_plugin_state_data in{};
        const std::string text = in_.text(8);
        if (f.type == SS_PLUGIN_ST_STRING) {
            in.str = text.c_str();
        } else {
            uint64_t v = 0;
            std::memcpy(&v, text.data(), text.size() < 8 ? text.size() : 8);
            in.u64 = v;
            if (f.type == SS_PLUGIN_ST_BOOL) in.b = (v & 1) != 0;
        }
        table(h.table).writer_ext->write_entry_field(table(h.table).table, h.entry, f.field, &in);
    }

    void release() {
        if (held_.empty()) return;
        const size_t i = in_.byte() % held_.size();
        table(held_[i].table).reader_ext->release_table_entry(table(held_[i].table).table, held_[i].entry);
        held_.erase(held_.begin() + static_cast<long>(i));
    }

    void create() {
        const size_t i = pick_table();
        if (auto* e = table(i).writer_ext->create_table_entry(table(i).table)) detached_.push_back({i, e});
    }

    void add() {
        if (detached_.empty()) return;
        const size_t j = in_.byte() % detached_.size();
        const Held d = detached_[j];
        ss_plugin_state_data k = key(d.table);
        auto* e = table(d.table).writer_ext->add_table_entry(table(d.table).table, &k, d.entry);
        if (e == nullptr) return;  // still detached
        detached_.erase(detached_.begin() + static_cast<long>(j));
        held_.push_back({d.table, e});
    }

    void destroy() {
        if (detached_.empty()) return;
        const size_t j = in_.byte() % detached_.size();
        table(detached_[j].table).writer_ext->destroy_table_entry(table(detached_[j].table).table, detached_[j].entry);
        detached_.erase(detached_.begin() + static_cast<long>(j));
    }

    void erase() {
        const size_t i = pick_table();
        ss_plugin_state_data k = key(i);
        table(i).writer_ext->erase_table_entry(table(i).table, &k);
    }

    void clear() {
        const size_t i = pick_table();
        table(i).writer_ext->clear_table(table(i).table);
    }

    // Visits up to `budget` entries, reading the fields of each and trying to
    // erase meanwhile (which the table must refuse or survive).
    struct Visit {
        Session* session;
        size_t table;
        int budget;
    };
    static ss_plugin_bool visit(ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t* e) {
        auto& v = *static_cast<Visit*>(static_cast<void*>(s));
        Session& self = *v.session;
        const auto& t = self.table(v.table);
        for (const Handle& f : self.handles_) {
            ss_plugin_state_data out{};
            if (f.table == v.table) t.reader_ext->read_entry_field(t.table, e, f.field, &out);
        }
        ss_plugin_state_data k = self.key(v.table);
        if (self.in_.byte() % 4 == 0) t.writer_ext->erase_table_entry(t.table, &k);
        return --v.budget > 0;
    }

    void iterate() {
        Visit v{this, pick_table(), in_.byte() % 5};
        table(v.table).reader_ext->iterate_entries(
            table(v.table).table, &visit, static_cast<ss_plugin_table_iterator_state_t*>(static_cast<void*>(&v)));
    }

    void size() {
        const size_t i = pick_table();
        (void)table(i).reader_ext->get_table_size(table(i).table);
    }

    Loaded& l_;
    Cursor in_;
    uint64_t evtnum_ = 0;
    std::string key_text_;
    std::vector<Handle> handles_;
    std::vector<Held> held_;
    std::vector<Held> detached_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    Session session(loaded(), Cursor{data, size});
    session.run();
    return 0;
}
