// Tables plugins register with add_table (libsinsp's input checks, the API 3.0
// rebuild of the _ext vtables, access by another plugin, the owner going
// away), and the C++ test kit (rules, JSON).
#include <falcogen/host/host.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "table_harness.hpp"

using namespace falcogen::host;
using namespace table_test;

namespace {

// A table owned by plugin "tables_a": int64 key -> one uint64 field "value".
struct Custom {
    std::map<int64_t, uint64_t> rows;
    std::vector<std::unique_ptr<uint64_t>> created;
    TablePlugin* plugin = nullptr;
    int releases = 0;
};
int value_field;  // its address is the field handle
const ss_plugin_table_fieldinfo custom_fields[] = {{"value", SS_PLUGIN_ST_UINT64, 0}};

Custom& self(ss_plugin_table_t* t) {
    return *static_cast<Custom*>(t);
}
template <typename R>
R fail(ss_plugin_table_t* t, const std::string& msg, R r) {
    self(t).plugin->set_plugin_error(msg.c_str());
    return r;
}
const char* c_name(ss_plugin_table_t*) {
    return "custom";
}
uint64_t c_size(ss_plugin_table_t* t) {
    return self(t).rows.size();
}
ss_plugin_table_entry_t* c_get(ss_plugin_table_t* t, const ss_plugin_state_data* k) {
    auto it = self(t).rows.find(k->s64);
    if (it == self(t).rows.end()) return fail(t, "custom: no row " + std::to_string(k->s64), nullptr);
    return &it->second;
}
ss_plugin_rc c_read(ss_plugin_table_t*, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t*,
                    ss_plugin_state_data* out) {
    out->u64 = *static_cast<uint64_t*>(e);
    return SS_PLUGIN_SUCCESS;
}
void c_release(ss_plugin_table_t* t, ss_plugin_table_entry_t*) {
    ++self(t).releases;
}
ss_plugin_bool c_iterate(ss_plugin_table_t* t, ss_plugin_table_iterator_func_t it,
                         ss_plugin_table_iterator_state_t* s) {
    for (auto& kv : self(t).rows) {
        if (!it(s, &kv.second)) return 0;
    }
    return 1;
}
ss_plugin_rc c_clear(ss_plugin_table_t* t) {
    self(t).rows.clear();
    return SS_PLUGIN_SUCCESS;
}
ss_plugin_rc c_erase(ss_plugin_table_t* t, const ss_plugin_state_data* k) {
    return self(t).rows.erase(k->s64) ? SS_PLUGIN_SUCCESS : fail(t, "custom: nothing to erase", SS_PLUGIN_FAILURE);
}
ss_plugin_table_entry_t* c_create(ss_plugin_table_t* t) {
    self(t).created.push_back(std::make_unique<uint64_t>(0));
    return self(t).created.back().get();
}
void c_destroy(ss_plugin_table_t*, ss_plugin_table_entry_t*) {}
ss_plugin_table_entry_t* c_add(ss_plugin_table_t* t, const ss_plugin_state_data* k, ss_plugin_table_entry_t* e) {
    uint64_t& slot = self(t).rows[k->s64];
    slot = *static_cast<uint64_t*>(e);
    return &slot;
}
ss_plugin_rc c_write(ss_plugin_table_t*, ss_plugin_table_entry_t* e, const ss_plugin_table_field_t*,
                     const ss_plugin_state_data* in) {
    *static_cast<uint64_t*>(e) = in->u64;
    return SS_PLUGIN_SUCCESS;
}
const ss_plugin_table_fieldinfo* c_list(ss_plugin_table_t*, uint32_t* n) {
    *n = 1;
    return custom_fields;
}
ss_plugin_table_field_t* c_field(ss_plugin_table_t* t, const char* name, ss_plugin_state_type type) {
    if (std::string(name) != "value" || type != SS_PLUGIN_ST_UINT64) return fail(t, "custom: no such field", nullptr);
    return &value_field;
}
ss_plugin_table_field_t* c_add_field(ss_plugin_table_t* t, const char*, ss_plugin_state_type) {
    return fail(t, "custom: fixed fields", nullptr);
}
uint64_t c_other_size(ss_plugin_table_t*) {
    return 0;
}

ss_plugin_table_reader_vtable_ext reader_ext{c_name, c_size, c_get, c_read, c_release, c_iterate};
ss_plugin_table_writer_vtable_ext writer_ext{c_clear, c_erase, c_create, c_destroy, c_add, c_write};
ss_plugin_table_fields_vtable_ext fields_ext{c_list, c_field, c_add_field};

ss_plugin_table_input custom_input(Custom& c, const char* name = "custom") {
    ss_plugin_table_input in{};
    in.name = name;
    in.key_type = SS_PLUGIN_ST_INT64;
    in.table = &c;
    in.reader = {c_name, c_size, c_get, c_read};
    in.writer = writer_ext;
    in.fields = fields_ext;
    in.reader_ext = &reader_ext;
    in.writer_ext = &writer_ext;
    in.fields_ext = &fields_ext;
    return in;
}

// Plugin `so` registers `c` as "custom" in its init.
std::unique_ptr<TablePlugin> owner_plugin(const char* so, Custom& c, std::shared_ptr<TableRegistry> reg,
                                          bool ext = true) {
    auto p = std::make_unique<TablePlugin>(so, reg);
    c.plugin = p.get();
    p->init([&c, ext](const void* input, ss_plugin_owner_t*) {
        auto* in = static_cast<const ss_plugin_init_input*>(input);
        ss_plugin_table_input t = custom_input(c);
        if (!ext) t.reader_ext = nullptr, t.writer_ext = nullptr, t.fields_ext = nullptr;
        return in->tables->add_table(in->owner, &t);
    });
    return p;
}

}  // namespace

TEST_SUITE("tables") {
    TEST_CASE("a plugin-registered table is read and written by another plugin through the same API") {
        auto reg = std::make_shared<TableRegistry>();
        Custom c;
        c.rows = {{1, 7}, {2, 9}, {3, 11}};
        auto a = owner_plugin("tables_a", c, reg);
        TablePlugin b("tables_b", reg);
        ss_plugin_table_t* t = nullptr;
        ss_plugin_table_field_t* value = nullptr;
        b.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            t = it.table("custom");
            value = it.field(t, "value", SS_PLUGIN_ST_UINT64);
            return SS_PLUGIN_SUCCESS;
        });
        REQUIRE(value == &value_field);
        int visited = 0;
        b.parse([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_event_parse_input*>(input);
            const ss_plugin_state_data k1 = s64(1), k99 = s64(99), eight = u64(8);
            ss_plugin_table_entry_t* e = in->table_reader_ext->get_table_entry(t, &k1);
            ss_plugin_state_data out{};
            CHECK(in->table_reader_ext->read_entry_field(t, e, value, &out) == SS_PLUGIN_SUCCESS);
            CHECK(out.u64 == 7);
            CHECK(in->table_writer_ext->write_entry_field(t, e, value, &eight) == SS_PLUGIN_SUCCESS);
            CHECK(in->table_reader_ext->get_table_entry(t, &k99) == nullptr);
            CHECK(owner_error(in) == "custom: no row 99");  // the owner plugin's get_last_error
            auto stop_at_two = [](ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t*) -> ss_plugin_bool {
                return ++*static_cast<int*>(s) < 2;
            };
            CHECK(in->table_reader_ext->iterate_entries(t, stop_at_two, &visited) == 0);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(c.rows.at(1) == 8);
        CHECK(visited == 2);
        TableRef kit = reg->table("custom");
        CHECK(kit.owner() == "tables_a");
        CHECK(kit.size() == 3);
        const int released = c.releases;
        CHECK(kit.at(2).get<uint64_t>("value") == 9);
        CHECK(c.releases == released + 1);  // the kit releases what it got, when its EntryRef goes
        uint64_t sum = 0;
        kit.for_each([&](const EntryRef& e) {
            sum += e.get<uint64_t>("value");
            return true;
        });
        CHECK(sum == 8 + 9 + 11);
        CHECK(c.releases == released + 1);  // iterated entries are not released
        kit.add(4, {{"value", 40}});
        CHECK(c.rows.at(4) == 40);
        CHECK(!kit.find(99));
    }

    TEST_CASE("add_table checks the input as libsinsp does") {
        auto reg = std::make_shared<TableRegistry>();
        Custom c;
        TablePlugin p("tables_a", reg);
        c.plugin = &p;
        std::vector<std::string> errors;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            auto add = [&](const ss_plugin_table_input* t) {
                CHECK(it.t()->add_table(it.in->owner, t) == SS_PLUGIN_FAILURE);
                errors.push_back(it.error());
            };
            add(nullptr);
            ss_plugin_table_input t = custom_input(c);
            t.name = nullptr;
            add(&t);
            t = custom_input(c);
            t.fields_ext = nullptr;
            add(&t);
            ss_plugin_table_reader_vtable_ext other_reader = reader_ext;
            other_reader.get_table_size = c_other_size;
            t = custom_input(c);
            t.reader_ext = &other_reader;
            add(&t);
            t = custom_input(c);
            t.writer.clear_table = nullptr;
            add(&t);
            t = custom_input(c);
            t.fields.add_table_field = nullptr;
            add(&t);
            t = custom_input(c, "threads");
            add(&t);
            t = custom_input(c);
            t.key_type = static_cast<ss_plugin_state_type>(99);
            add(&t);
            return SS_PLUGIN_SUCCESS;
        });
        const std::string pre = "failure in adding state table defined by plugin 'tables_a': ";
        CHECK(errors ==
              std::vector<std::string>{
                  pre + "input is null", pre + "name is null", pre + "extended vtables must all be defined",
                  pre + "broken or inconsistent reader vtables", pre + "broken or inconsistent writer vtables",
                  pre + "broken or inconsistent fields vtables", "table added to registry multiple times: threads",
                  "can't convert plugin state type to typeinfo: 99"});
        CHECK(!reg->find("custom"));
    }

    TEST_CASE("API 3.0: add_table rebuilds the _ext vtables from the by-value ones (no iteration)") {
        auto reg = std::make_shared<TableRegistry>();
        Custom c;
        c.rows = {{1, 5}};
        auto old = owner_plugin("tables_old", c, reg, false);
        REQUIRE(reg->find("custom"));
        int visited = 0;
        ss_plugin_bool rc = 1;
        TablePlugin b("tables_b", reg);
        ss_plugin_table_t* t = nullptr;
        b.init([&](const void* input, ss_plugin_owner_t*) {
            t = InitTables{static_cast<const ss_plugin_init_input*>(input)}.table("custom");
            return SS_PLUGIN_SUCCESS;
        });
        b.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            rc = in->table_reader_ext->iterate_entries(
                t,
                [](ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t*) -> ss_plugin_bool {
                    return ++*static_cast<int*>(s) > 0;
                },
                &visited);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(rc == 0);
        CHECK(visited == 0);
        CHECK(reg->table("custom").at(1).get<uint64_t>("value") == 5);
    }

    TEST_CASE("when its owner plugin is destroyed, a table leaves the registry and its handles fail") {
        auto reg = std::make_shared<TableRegistry>();
        Custom c;
        c.rows = {{1, 5}};
        auto a = owner_plugin("tables_a", c, reg);
        TablePlugin b("tables_b", reg);
        ss_plugin_table_t* t = nullptr;
        b.init([&](const void* input, ss_plugin_owner_t*) {
            t = InitTables{static_cast<const ss_plugin_init_input*>(input)}.table("custom");
            return SS_PLUGIN_SUCCESS;
        });
        a.reset();
        CHECK(!reg->find("custom"));
        std::string err;
        b.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            CHECK(in->table_reader_ext->get_table_size(t) == uint64_t(-1));
            err = owner_error(in);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(err == "invalid table handle: it is no longer valid");
    }
}

TEST_SUITE("tables") {
    TEST_CASE("test kit: libsinsp's defaults, the plugin rules, and errors as HostError") {
        TableRegistry reg;
        EntryRef t = reg.threads().add_thread(5, {{"comm", "sh"}});
        CHECK(t.get<int64_t>("tid") == 5);
        CHECK(t.get<int64_t>("pid") == -1);
        CHECK(t.get<uint32_t>("uid") == 0xffffffffu);
        CHECK(error_of([&] { t.set("cwd", "/"); }) == "attempt to write to read-only static struct field: cwd");
        CHECK(error_of([&] { t.set("pid", "x"); }) == "value x has the wrong type for field 'pid' (int64)");
        CHECK(error_of([&] { t.set("uid", -1); }) == "value -1 does not fit field 'uid' (uint32)");
        CHECK(error_of([&] { reg.threads().thread(6); }) == "table 'threads' has no entry with key 6");
        reg.threads().fds(5).add_field("x_seen", SS_PLUGIN_ST_BOOL);
        EntryRef fd = reg.threads().add_fd(5, 0, {{"name", "/dev/null"}, {"x_seen", true}});
        CHECK(fd.get<bool>("x_seen"));
        CHECK(fd.get<int64_t>("fd") == 0);
        // A field added to one fd table exists in every fd table, as in libsinsp.
        reg.threads().add_thread(6);
        CHECK(reg.threads().add_fd(6, 1).get<bool>("x_seen") == false);
        int n = 0;
        reg.threads().for_each([&](const EntryRef&) { return ++n < 1; });
        CHECK(n == 1);
    }

    TEST_CASE("test kit: to_json and load_json round trip") {
        TableRegistry a;
        a.threads().add_thread(1, {{"pid", 1}, {"comm", "init"}, {"exe_writable", true}});
        a.threads().set_args(1, {"--system"});
        a.threads().set_cgroups(1, {{"cpu", "/"}});
        a.threads().add_fd(1, 4, {{"name", "/run/x.sock"}, {"socket_ipv4_src_port", 80}});
        const nlohmann::json j = a.threads().to_json();
        CHECK(j["name"] == "threads");
        CHECK(j["entries"][0]["comm"] == "init");
        CHECK(j["entries"][0]["args"]["entries"][0]["value"] == "--system");
        CHECK(j["entries"][0]["file_descriptors"]["entries"][0]["socket_ipv4_src_port"] == 80);
        TableRegistry b;
        b.threads().load_json(j);
        CHECK(b.threads().to_json() == j);
        CHECK(b.threads().fds(1).at(4).get<std::string>("name") == "/run/x.sock");
        CHECK(error_of([&] { b.threads().load_json(nlohmann::json::parse(R"([{"comm": "x"}])")); }) ==
              "table 'threads' entry #0: no \"tid\"");
    }
}
