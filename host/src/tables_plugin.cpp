// Tables that plugins register with add_table: the input is checked and copied
// as libsinsp does (the by-value and _ext vtables must agree; a plugin built
// for API 3.0 gets _ext vtables rebuilt from the by-value ones, with a release
// that does nothing and an iteration that visits nothing), then every
// operation is passed to the owner plugin, and a failure carries the owner
// plugin's get_last_error to the caller.
#include <cstring>

#include "internal.hpp"
#include "tables_internal.hpp"

namespace falcogen::host::detail {

namespace {

void noop_release(ss_plugin_table_t*, ss_plugin_table_entry_t*) {}

ss_plugin_bool noop_iterate(ss_plugin_table_t*, ss_plugin_table_iterator_func_t, ss_plugin_table_iterator_state_t*) {
    return 0;
}

// The copied input and the _ext vtables it points to.
struct OwnedInput {
    ss_plugin_table_input in{};
    ss_plugin_table_reader_vtable_ext reader{};
    ss_plugin_table_writer_vtable_ext writer{};
    ss_plugin_table_fields_vtable_ext fields{};
    std::string name;
};

void copy_ext_from_by_value(OwnedInput& o) {
    const ss_plugin_table_input& in = o.in;
    o.reader.get_table_name = in.reader.get_table_name;
    o.reader.get_table_size = in.reader.get_table_size;
    o.reader.get_table_entry = in.reader.get_table_entry;
    o.reader.read_entry_field = in.reader.read_entry_field;
    o.reader.release_table_entry = noop_release;
    o.reader.iterate_entries = noop_iterate;
    o.writer = in.writer;
    o.fields = in.fields;
}

void check_consistency(const OwnedInput& o, const std::string& errprefix) {
    const auto& r = o.reader;
    const auto& rv = o.in.reader;
    if (!r.get_table_name || r.get_table_name != rv.get_table_name || !r.get_table_size ||
        r.get_table_size != rv.get_table_size || !r.get_table_entry || r.get_table_entry != rv.get_table_entry ||
        !r.read_entry_field || r.read_entry_field != rv.read_entry_field || !r.release_table_entry ||
        !r.iterate_entries) {
        throw TableError(errprefix + "broken or inconsistent reader vtables");
    }
    const auto& w = o.writer;
    const auto& wv = o.in.writer;
    if (!w.clear_table || w.clear_table != wv.clear_table || !w.erase_table_entry ||
        w.erase_table_entry != wv.erase_table_entry || !w.create_table_entry ||
        w.create_table_entry != wv.create_table_entry || !w.destroy_table_entry ||
        w.destroy_table_entry != wv.destroy_table_entry || !w.add_table_entry ||
        w.add_table_entry != wv.add_table_entry || !w.write_entry_field ||
        w.write_entry_field != wv.write_entry_field) {
        throw TableError(errprefix + "broken or inconsistent writer vtables");
    }
    const auto& f = o.fields;
    const auto& fv = o.in.fields;
    if (!f.list_table_fields || f.list_table_fields != fv.list_table_fields || !f.get_table_field ||
        f.get_table_field != fv.get_table_field || !f.add_table_field || f.add_table_field != fv.add_table_field) {
        throw TableError(errprefix + "broken or inconsistent fields vtables");
    }
}

std::unique_ptr<OwnedInput> copy_and_check(const TableOwner& owner, const ss_plugin_table_input* in) {
    const std::string errprefix = "failure in adding state table defined by plugin '" + owner.name + "': ";
    if (in == nullptr) throw TableError(errprefix + "input is null");
    if (in->name == nullptr) throw TableError(errprefix + "name is null");
    auto o = std::make_unique<OwnedInput>();
    o->name = in->name;
    o->in.name = o->name.c_str();
    // The plugin may hand any int as the key type: copied as bytes, checked as an int (a C++
    // enum object holding a value outside the enum's range would be undefined behaviour).
    std::memcpy(&o->in.key_type, &in->key_type, sizeof(in->key_type));
    o->in.table = in->table;
    o->in.reader = in->reader;
    o->in.writer = in->writer;
    o->in.fields = in->fields;
    if (owner.api_minor < 1) {
        copy_ext_from_by_value(*o);
    } else {
        if (!in->reader_ext || !in->writer_ext || !in->fields_ext) {
            throw TableError(errprefix + "extended vtables must all be defined");
        }
        o->reader = *in->reader_ext;
        o->writer = *in->writer_ext;
        o->fields = *in->fields_ext;
    }
    o->in.reader_ext = &o->reader;
    o->in.writer_ext = &o->writer;
    o->in.fields_ext = &o->fields;
    check_consistency(*o, errprefix);
    return o;
}

class PluginTable : public TableBase {
public:
    PluginTable(TableOwner& owner, std::unique_ptr<OwnedInput> in)
        : TableBase(in->name, in->in.key_type), owner_(&owner), host_(owner.host), in_(std::move(in)) {}

    std::string owner_name() const override { return owner_ != nullptr ? owner_->name : "(unloaded plugin)"; }
    const Host* owner_host() const override { return host_; }
    void detach_owner() override { owner_ = nullptr; }

    std::vector<TableFieldInfo> list_fields(TableOwner&) override {
        uint32_t n = 0;
        const ss_plugin_table_fieldinfo* f = in_->fields.list_table_fields(live(), &n);
        if (f == nullptr) fail();
        std::vector<TableFieldInfo> out;
        for (uint32_t i = 0; i < n; ++i) {
            out.push_back(TableFieldInfo{opt_str(f[i].name), f[i].field_type, f[i].read_only != 0});
        }
        return out;
    }
    const void* get_field(TableOwner&, const std::string& name, ss_plugin_state_type type) override {
        return checked(in_->fields.get_table_field(live(), name.c_str(), type));
    }
    const void* add_field(TableOwner&, const std::string& name, ss_plugin_state_type type) override {
        return checked(in_->fields.add_table_field(live(), name.c_str(), type));
    }
    uint64_t size(TableOwner&) override {
        const uint64_t n = in_->reader.get_table_size(live());
        if (n == uint64_t(-1)) fail();
        return n;
    }
    void* get_entry(TableOwner&, const ss_plugin_state_data& key) override {
        return checked(in_->reader.get_table_entry(live(), &key));
    }
    void release_entry(TableOwner&, void* entry) override { in_->reader.release_table_entry(live(), entry); }
    bool iterate(TableOwner&, const std::function<bool(void*)>& fn) override {
        struct State {
            const std::function<bool(void*)>* fn;
        } st{&fn};
        auto trampoline = [](ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t* e) -> ss_plugin_bool {
            return (*static_cast<State*>(s)->fn)(e) ? 1 : 0;
        };
        return in_->reader.iterate_entries(live(), trampoline, &st) != 0;
    }
    void clear(TableOwner&) override { rc(in_->writer.clear_table(live())); }
    void erase(TableOwner&, const ss_plugin_state_data& key) override {
        rc(in_->writer.erase_table_entry(live(), &key));
    }
    void* create_entry(TableOwner&) override { return checked(in_->writer.create_table_entry(live())); }
    void destroy_entry(TableOwner&, void* entry) override { in_->writer.destroy_table_entry(live(), entry); }
    void* add_entry(TableOwner&, const ss_plugin_state_data& key, void* entry) override {
        return checked(in_->writer.add_table_entry(live(), &key, entry));
    }
    void read(TableOwner&, void* entry, const void* field, ss_plugin_state_data& out) override {
        rc(in_->reader.read_entry_field(live(), entry, field, &out));
    }
    void write(TableOwner&, void* entry, const void* field, const ss_plugin_state_data& in) override {
        rc(in_->writer.write_entry_field(live(), entry, field, &in));
    }

private:
    // The plugin's own table pointer, while the owner plugin is loaded.
    ss_plugin_table_t* live() const {
        if (owner_ == nullptr) throw TableError("table '" + name() + "' belongs to a plugin that was destroyed");
        return in_->in.table;
    }
    [[noreturn]] void fail() const {
        throw TableError(owner_ != nullptr && owner_->host != nullptr ? owner_->host->last_error() : std::string());
    }
    template <typename P>
    P* checked(P* p) const {
        if (p == nullptr) fail();
        return p;
    }
    void rc(ss_plugin_rc r) const {
        if (r == SS_PLUGIN_FAILURE) fail();
    }

    TableOwner* owner_;
    const Host* host_;
    std::unique_ptr<OwnedInput> in_;
};

}  // namespace

void add_plugin_table(TableOwner& owner, const ss_plugin_table_input* in) {
    std::unique_ptr<OwnedInput> copy = copy_and_check(owner, in);
    int32_t key_type = 0;
    static_assert(sizeof(key_type) == sizeof(copy->in.key_type), "ss_plugin_state_type is 32 bits");
    std::memcpy(&key_type, &copy->in.key_type, sizeof(key_type));
    if (key_type < SS_PLUGIN_ST_INT8 || key_type > SS_PLUGIN_ST_BOOL ||
        !is_state_type(static_cast<ss_plugin_state_type>(key_type))) {
        throw TableError("can't convert plugin state type to typeinfo: " + std::to_string(key_type));
    }
    owner.registry->add(std::make_shared<PluginTable>(owner, std::move(copy)));
}

}  // namespace falcogen::host::detail
