// The host's state tables as plugins see them, through the C vtables of the
// real init/parse/extract inputs: the registry, fields, entries, the release
// rule, read-only fields, subtables and iteration, with libsinsp's messages.
#include <falcogen/host/host.hpp>

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "table_harness.hpp"

using namespace falcogen::host;
using namespace table_test;

namespace {

std::shared_ptr<TableRegistry> registry_with_threads() {
    auto reg = std::make_shared<TableRegistry>();
    reg->threads().add_thread(10, {{"pid", 10}, {"comm", "bash"}, {"uid", 1000}});
    reg->threads().add_fd(10, 3, {{"name", "/etc/passwd"}, {"type", 1}});
    reg->threads().set_args(10, {"-c", "ls"});
    return reg;
}

}  // namespace

TEST_SUITE("tables") {
    TEST_CASE("init gets the tables: list_tables, get_table and its key type rule") {
        auto reg = registry_with_threads();
        TablePlugin p("tables_a", reg);
        std::set<std::string> names;
        ss_plugin_table_t* threads = nullptr;
        ss_plugin_table_t* missing = reinterpret_cast<ss_plugin_table_t*>(1);
        ss_plugin_table_t* wrong_key = reinterpret_cast<ss_plugin_table_t*>(1);
        std::string wrong_key_error;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            REQUIRE(it.t() != nullptr);
            uint32_t n = 0;
            ss_plugin_table_info* infos = it.t()->list_tables(it.in->owner, &n);
            for (uint32_t i = 0; i < n; ++i) {
                names.insert(infos[i].name);
                if (std::string(infos[i].name) == "threads") CHECK(infos[i].key_type == SS_PLUGIN_ST_INT64);
            }
            wrong_key = it.table("threads", SS_PLUGIN_ST_UINT64);
            wrong_key_error = it.error();
            threads = it.table("threads");
            missing = it.table("no_such_table");
            // Once got, a table is returned as is (libsinsp looks the name up first).
            CHECK(it.table("threads", SS_PLUGIN_ST_UINT64) == threads);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(names == std::set<std::string>{"threads"});
        CHECK(threads != nullptr);
        CHECK(missing == nullptr);
        CHECK(wrong_key == nullptr);
        CHECK(wrong_key_error ==
              "table in registry accessed with wrong key type: table='threads', requested='uint64', actual='int64'");
    }

    TEST_CASE("fields: the static fields of threads, types, and add_table_field's rules") {
        TablePlugin p("tables_a", registry_with_threads());
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            ss_plugin_table_t* th = it.table("threads");
            uint32_t n = 0;
            const ss_plugin_table_fieldinfo* f = it.t()->fields_ext->list_table_fields(th, &n);
            std::map<std::string, std::pair<ss_plugin_state_type, bool>> seen;
            for (uint32_t i = 0; i < n; ++i) seen[f[i].name] = {f[i].field_type, f[i].read_only != 0};
            CHECK(seen.at("tid") == std::make_pair(SS_PLUGIN_ST_INT64, false));
            CHECK(seen.at("comm") == std::make_pair(SS_PLUGIN_ST_STRING, false));
            CHECK(seen.at("exe_path") == std::make_pair(SS_PLUGIN_ST_STRING, false));
            CHECK(seen.at("uid") == std::make_pair(SS_PLUGIN_ST_UINT32, false));
            CHECK(seen.at("exe_writable") == std::make_pair(SS_PLUGIN_ST_BOOL, false));
            CHECK(seen.at("file_descriptors") == std::make_pair(SS_PLUGIN_ST_TABLE, true));
            CHECK(seen.at("args") == std::make_pair(SS_PLUGIN_ST_TABLE, true));
            CHECK(seen.at("cwd") == std::make_pair(SS_PLUGIN_ST_STRING, true));

            CHECK(it.field(th, "comm", SS_PLUGIN_ST_INT64) == nullptr);
            CHECK(it.error() == "incompatible data types for static field: comm");
            CHECK(it.field(th, "nope", SS_PLUGIN_ST_INT64) == nullptr);
            CHECK(it.error() == "undefined field 'nope' in table 'threads'");

            auto add = it.t()->fields_ext->add_table_field;
            CHECK(add(th, "comm", SS_PLUGIN_ST_STRING) == nullptr);
            CHECK(it.error() == "can't add dynamic field already defined as static: comm");
            ss_plugin_table_field_t* d1 = add(th, "x_count", SS_PLUGIN_ST_UINT64);
            CHECK(d1 != nullptr);
            CHECK(add(th, "x_count", SS_PLUGIN_ST_UINT64) == d1);
            CHECK(it.field(th, "x_count", SS_PLUGIN_ST_UINT64) == d1);
            CHECK(add(th, "x_count", SS_PLUGIN_ST_STRING) == nullptr);
            CHECK(it.error() ==
                  "multiple definitions of dynamic field with different types in struct: x_count, prevtype=uint64, "
                  "newtype=string");
            CHECK(it.field(th, "x_count", SS_PLUGIN_ST_INT32) == nullptr);
            CHECK(it.error() == "data type for field: x_count, requested type int32 doesn't match actual type uint64");
            CHECK(add(th, "x_sub", SS_PLUGIN_ST_TABLE) == nullptr);
            CHECK(it.error() == "can't add dynamic field of type table: x_sub");
            return SS_PLUGIN_SUCCESS;
        });
        // The dynamic field is in the registry's table for the kit too.
        bool found = false;
        for (const auto& f : p.host->tables().threads().fields()) found |= f.name == "x_count";
        CHECK(found);
    }

    TEST_CASE("entries: read, write, missing key, read-only and table fields") {
        auto reg = registry_with_threads();
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        ss_plugin_table_field_t *comm = nullptr, *pid = nullptr, *cwd = nullptr, *args = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            th = it.table("threads");
            comm = it.field(th, "comm", SS_PLUGIN_ST_STRING);
            pid = it.field(th, "pid", SS_PLUGIN_ST_INT64);
            cwd = it.field(th, "cwd", SS_PLUGIN_ST_STRING);
            args = it.field(th, "args", SS_PLUGIN_ST_TABLE);
            return SS_PLUGIN_SUCCESS;
        });
        REQUIRE(cwd != nullptr);
        p.parse([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_event_parse_input*>(input);
            const ss_plugin_state_data missing = s64(99);
            CHECK(in->table_reader_ext->get_table_entry(th, &missing) == nullptr);
            CHECK(owner_error(in) == "get_entry found no element at given key");
            const ss_plugin_state_data key = s64(10);
            ss_plugin_table_entry_t* e = in->table_reader_ext->get_table_entry(th, &key);
            REQUIRE(e != nullptr);
            ss_plugin_state_data out{};
            CHECK(in->table_reader_ext->read_entry_field(th, e, comm, &out) == SS_PLUGIN_SUCCESS);
            CHECK(std::string(out.str) == "bash");
            CHECK(in->table_reader_ext->read_entry_field(th, e, pid, &out) == SS_PLUGIN_SUCCESS);
            CHECK(out.s64 == 10);
            const ss_plugin_state_data zsh = str("zsh");
            CHECK(in->table_writer_ext->write_entry_field(th, e, comm, &zsh) == SS_PLUGIN_SUCCESS);
            const ss_plugin_state_data dir = str("/tmp");
            CHECK(in->table_writer_ext->write_entry_field(th, e, cwd, &dir) == SS_PLUGIN_FAILURE);
            CHECK(owner_error(in) == "attempt to write to read-only static struct field: cwd");
            CHECK(in->table_writer_ext->write_entry_field(th, e, args, &dir) == SS_PLUGIN_FAILURE);
            CHECK(owner_error(in) == "writing to table fields is currently not supported");
            in->table_reader_ext->release_table_entry(th, e);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(reg->threads().thread(10).get<std::string>("comm") == "zsh");
        CHECK(reg->threads().thread(10).get<std::string>("cwd") == "");
    }

    TEST_CASE("release rule: entries are held per owner until released or the call ends") {
        auto reg = registry_with_threads();
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            th = InitTables{static_cast<const ss_plugin_init_input*>(input)}.table("threads");
            return SS_PLUGIN_SUCCESS;
        });
        size_t during = 0, after_release = 0, kept = 0;
        p.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            const ss_plugin_state_data key = s64(10);
            ss_plugin_table_entry_t* a = in->table_reader_ext->get_table_entry(th, &key);
            ss_plugin_table_entry_t* b = in->table_reader_ext->get_table_entry(th, &key);
            CHECK(a == b);
            during = p.host->held_table_entries();
            in->table_reader_ext->release_table_entry(th, a);
            after_release = p.host->held_table_entries();
            in->table_reader_ext->release_table_entry(th, b);
            in->table_reader_ext->get_table_entry(th, &key);  // not released: the call's end drops it
            kept = p.host->held_table_entries();
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(during == 2);
        CHECK(after_release == 1);
        CHECK(kept == 1);
        CHECK(p.host->held_table_entries() == 0);
    }

    TEST_CASE("create, add, erase, clear and size through the writer") {
        auto reg = registry_with_threads();
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        ss_plugin_table_field_t *comm = nullptr, *tid = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            th = it.table("threads");
            comm = it.field(th, "comm", SS_PLUGIN_ST_STRING);
            tid = it.field(th, "tid", SS_PLUGIN_ST_INT64);
            return SS_PLUGIN_SUCCESS;
        });
        p.parse([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_event_parse_input*>(input);
            auto* w = in->table_writer_ext;
            auto* r = in->table_reader_ext;
            ss_plugin_table_entry_t* e = w->create_table_entry(th);
            REQUIRE(e != nullptr);
            const ss_plugin_state_data name = str("nginx");
            CHECK(w->write_entry_field(th, e, comm, &name) == SS_PLUGIN_SUCCESS);
            const ss_plugin_state_data key = s64(42);
            ss_plugin_table_entry_t* added = w->add_table_entry(th, &key, e);
            REQUIRE(added != nullptr);
            ss_plugin_state_data out{};
            CHECK(r->read_entry_field(th, added, tid, &out) == SS_PLUGIN_SUCCESS);
            CHECK(out.s64 == 42);  // the key is written to tid, as libsinsp's thread table does
            CHECK(r->get_table_size(th) == 2);

            int not_created = 0;
            w->destroy_table_entry(th, &not_created);
            CHECK(owner_error(in) == "destroy_table_entry called on entry not created by create_table_entry");
            CHECK(w->add_table_entry(th, &key, added) == nullptr);
            CHECK(owner_error(in) == "add_entry called on entry not created by create_table_entry");
            ss_plugin_table_entry_t* dropped = w->create_table_entry(th);
            w->destroy_table_entry(th, dropped);
            CHECK(w->add_table_entry(th, &key, dropped) == nullptr);

            const ss_plugin_state_data ten = s64(10);
            CHECK(w->erase_table_entry(th, &ten) == SS_PLUGIN_SUCCESS);
            CHECK(w->erase_table_entry(th, &ten) == SS_PLUGIN_FAILURE);
            CHECK(owner_error(in) == "table entry not found");
            CHECK(r->get_table_size(th) == 1);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(reg->threads().thread(42).get<std::string>("comm") == "nginx");
        CHECK(!reg->threads().find(10));
        p.parse([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_event_parse_input*>(input);
            CHECK(in->table_writer_ext->clear_table(th) == SS_PLUGIN_SUCCESS);
            CHECK(in->table_reader_ext->get_table_size(th) == 0);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(reg->threads().size() == 0);
    }

    TEST_CASE("subtables: file_descriptors and args, handles valid during the call only") {
        auto reg = registry_with_threads();
        // Thread 11 shares the fds of its main thread 10 (PPM_CL_CLONE_FILES).
        reg->threads().add_thread(11, {{"pid", 10}, {"flags", 1}});
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        ss_plugin_table_field_t *fds = nullptr, *args = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            th = it.table("threads");
            fds = it.field(th, "file_descriptors", SS_PLUGIN_ST_TABLE);
            args = it.field(th, "args", SS_PLUGIN_ST_TABLE);
            return SS_PLUGIN_SUCCESS;
        });
        ss_plugin_table_t* stale = nullptr;
        p.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            auto* r = in->table_reader_ext;
            const ss_plugin_state_data k11 = s64(11);
            ss_plugin_table_entry_t* t11 = r->get_table_entry(th, &k11);
            ss_plugin_state_data out{};
            REQUIRE(r->read_entry_field(th, t11, fds, &out) == SS_PLUGIN_SUCCESS);
            ss_plugin_table_t* fdt = out.table;
            CHECK(std::string(r->get_table_name(fdt)) == "file_descriptors");
            CHECK(r->get_table_size(fdt) == 1);
            const ss_plugin_state_data k3 = s64(3);
            ss_plugin_table_entry_t* fd3 = r->get_table_entry(fdt, &k3);
            REQUIRE(fd3 != nullptr);
            // Subtables have no fields vtable in an extract input: the field comes from the handle itself.
            auto* fdin = static_cast<ss_plugin_table_input*>(fdt);
            ss_plugin_table_field_t* name = fdin->fields_ext->get_table_field(fdt, "name", SS_PLUGIN_ST_STRING);
            REQUIRE(name != nullptr);
            CHECK(r->read_entry_field(fdt, fd3, name, &out) == SS_PLUGIN_SUCCESS);
            CHECK(std::string(out.str) == "/etc/passwd");

            const ss_plugin_state_data k10 = s64(10);
            ss_plugin_table_entry_t* t10 = r->get_table_entry(th, &k10);
            REQUIRE(r->read_entry_field(th, t10, args, &out) == SS_PLUGIN_SUCCESS);
            ss_plugin_table_t* at = out.table;
            CHECK(r->get_table_size(at) == 2);
            auto* ain = static_cast<ss_plugin_table_input*>(at);
            CHECK(ain->key_type == SS_PLUGIN_ST_UINT64);
            ss_plugin_table_field_t* value = ain->fields_ext->get_table_field(at, "value", SS_PLUGIN_ST_STRING);
            const ss_plugin_state_data k1 = u64(1);
            ss_plugin_table_entry_t* a1 = r->get_table_entry(at, &k1);
            CHECK(r->read_entry_field(at, a1, value, &out) == SS_PLUGIN_SUCCESS);
            CHECK(std::string(out.str) == "ls");
            stale = at;
            return SS_PLUGIN_SUCCESS;
        });
        std::string stale_error;
        p.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            CHECK(in->table_reader_ext->get_table_size(stale) == uint64_t(-1));
            stale_error = owner_error(in);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(stale_error == "invalid table handle: it is no longer valid");
    }

    TEST_CASE("iterate_entries visits every entry, and stops when the callback returns false") {
        auto reg = registry_with_threads();
        reg->threads().add_thread(20);
        reg->threads().add_thread(30);
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            th = InitTables{static_cast<const ss_plugin_init_input*>(input)}.table("threads");
            return SS_PLUGIN_SUCCESS;
        });
        struct Count {
            int seen = 0;
            int stop_after = 0;
        };
        auto cb = [](ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t*) -> ss_plugin_bool {
            auto* c = static_cast<Count*>(s);
            return ++c->seen != c->stop_after;
        };
        Count all{0, -1}, two{0, 2};
        ss_plugin_bool all_rc = 0, two_rc = 1;
        p.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            all_rc = in->table_reader_ext->iterate_entries(th, cb, &all);
            two_rc = in->table_reader_ext->iterate_entries(th, cb, &two);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(all.seen == 3);
        CHECK(all_rc == 1);
        CHECK(two.seen == 2);
        CHECK(two_rc == 0);
    }

    TEST_CASE("the inputs: tables only for parse/extract plugins, reader for extract, writer for parse") {
        TablePlugin p("tables_a", nullptr);
        bool init_ok = false, extract_ok = false, parse_ok = false;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_init_input*>(input);
            init_ok = in->tables != nullptr && in->tables->fields_ext != nullptr && in->tables->reader_ext != nullptr &&
                      in->tables->writer_ext != nullptr &&
                      in->tables->fields.get_table_field == in->tables->fields_ext->get_table_field;
            return SS_PLUGIN_SUCCESS;
        });
        p.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            extract_ok = in->table_reader_ext != nullptr &&
                         in->table_reader.get_table_entry == in->table_reader_ext->get_table_entry;
            return SS_PLUGIN_SUCCESS;
        });
        p.parse([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_event_parse_input*>(input);
            parse_ok = in->table_reader_ext != nullptr && in->table_writer_ext != nullptr &&
                       in->table_writer.write_entry_field == in->table_writer_ext->write_entry_field;
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(init_ok);
        CHECK(extract_ok);
        CHECK(parse_ok);
        CHECK(p.host->tables().threads().size() == 0);  // a registry of its own
    }

    TEST_CASE("a NULL or foreign table pointer is refused with an error, not dereferenced") {
        TablePlugin p("tables_a", nullptr);
        p.init({});
        std::string null_error, foreign_error;
        p.extract([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_field_extract_input*>(input);
            CHECK(in->table_reader_ext->get_table_size(nullptr) == uint64_t(-1));
            null_error = owner_error(in);
            int junk[64] = {};
            CHECK(in->table_reader_ext->get_table_name(junk) == nullptr);
            foreign_error = owner_error(in);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(null_error == "table is null");
        CHECK(foreign_error == "invalid table: not a table handle given by the host");
    }

    TEST_CASE("dynamic fields: zero until written, shared by every table of a kind; list tables grow by index") {
        auto reg = registry_with_threads();
        reg->threads().add_thread(11);
        reg->threads().add_fd(11, 7);
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        ss_plugin_table_field_t *fds = nullptr, *args = nullptr, *note = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            InitTables it{static_cast<const ss_plugin_init_input*>(input)};
            th = it.table("threads");
            fds = it.field(th, "file_descriptors", SS_PLUGIN_ST_TABLE);
            args = it.field(th, "args", SS_PLUGIN_ST_TABLE);
            note = it.t()->fields_ext->add_table_field(th, "x_note", SS_PLUGIN_ST_STRING);
            return SS_PLUGIN_SUCCESS;
        });
        p.parse([&](const void* input, ss_plugin_owner_t*) {
            auto* in = static_cast<const ss_plugin_event_parse_input*>(input);
            auto* r = in->table_reader_ext;
            auto* w = in->table_writer_ext;
            const ss_plugin_state_data k10 = s64(10), k11 = s64(11), k3 = s64(3), k7 = s64(7);
            ss_plugin_table_entry_t* t10 = r->get_table_entry(th, &k10);
            ss_plugin_state_data out{};
            out.str = "not read";
            CHECK(r->read_entry_field(th, t10, note, &out) == SS_PLUGIN_SUCCESS);
            CHECK(std::string(out.str) == "");
            // A field added on thread 10's fd table exists in thread 11's.
            REQUIRE(r->read_entry_field(th, t10, fds, &out) == SS_PLUGIN_SUCCESS);
            ss_plugin_table_t* fd10 = out.table;
            auto* fd10in = static_cast<ss_plugin_table_input*>(fd10);
            ss_plugin_table_field_t* seen = fd10in->fields_ext->add_table_field(fd10, "x_seen", SS_PLUGIN_ST_UINT32);
            REQUIRE(seen != nullptr);
            ss_plugin_state_data nine{};
            nine.u32 = 9;
            CHECK(w->write_entry_field(fd10, r->get_table_entry(fd10, &k3), seen, &nine) == SS_PLUGIN_SUCCESS);
            REQUIRE(r->read_entry_field(th, r->get_table_entry(th, &k11), fds, &out) == SS_PLUGIN_SUCCESS);
            ss_plugin_table_t* fd11 = out.table;
            CHECK(static_cast<ss_plugin_table_input*>(fd11)->fields_ext->get_table_field(fd11, "x_seen",
                                                                                         SS_PLUGIN_ST_UINT32) == seen);
            CHECK(r->read_entry_field(fd11, r->get_table_entry(fd11, &k7), seen, &out) == SS_PLUGIN_SUCCESS);
            CHECK(out.u32 == 0);
            // args: adding at index 3 of a 2-entry list makes it 4 long; no dynamic fields.
            REQUIRE(r->read_entry_field(th, t10, args, &out) == SS_PLUGIN_SUCCESS);
            ss_plugin_table_t* at = out.table;
            const ss_plugin_state_data i3 = u64(3);
            CHECK(w->add_table_entry(at, &i3, w->create_table_entry(at)) != nullptr);
            CHECK(r->get_table_size(at) == 4);
            CHECK(static_cast<ss_plugin_table_input*>(at)->fields_ext->add_table_field(at, "x", SS_PLUGIN_ST_UINT8) ==
                  nullptr);
            CHECK(owner_error(in) == "can't add dynamic fields to stl_container_table_adapter");
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(reg->threads().fds(11).at(7).get<uint32_t>("x_seen") == 0);
        CHECK(reg->threads().fds(10).at(3).get<uint32_t>("x_seen") == 9);
        CHECK(reg->threads().thread(10).subtable("args").size() == 4);
    }

    TEST_CASE("a table being iterated refuses adds, erases and clears (they would invalidate the iteration)") {
        auto reg = registry_with_threads();
        reg->threads().add_thread(20);
        TablePlugin p("tables_a", reg);
        ss_plugin_table_t* th = nullptr;
        p.init([&](const void* input, ss_plugin_owner_t*) {
            th = InitTables{static_cast<const ss_plugin_init_input*>(input)}.table("threads");
            return SS_PLUGIN_SUCCESS;
        });
        struct Ctx {
            const ss_plugin_event_parse_input* in;
            ss_plugin_table_t* th;
            ss_plugin_rc erase_rc = SS_PLUGIN_SUCCESS;
            std::string error;
        } ctx{nullptr, nullptr};
        p.parse([&](const void* input, ss_plugin_owner_t*) {
            ctx.in = static_cast<const ss_plugin_event_parse_input*>(input);
            ctx.th = th;
            auto erase_other = [](ss_plugin_table_iterator_state_t* s, ss_plugin_table_entry_t*) -> ss_plugin_bool {
                auto* c = static_cast<Ctx*>(s);
                const ss_plugin_state_data k = s64(20);
                c->erase_rc = c->in->table_writer_ext->erase_table_entry(c->th, &k);
                c->error = owner_error(c->in);
                return 0;
            };
            ctx.in->table_reader_ext->iterate_entries(th, erase_other, &ctx);
            return SS_PLUGIN_SUCCESS;
        });
        CHECK(ctx.erase_rc == SS_PLUGIN_FAILURE);
        CHECK(ctx.error == "can't erase an entry of table 'threads' while it is being iterated");
        CHECK(reg->threads().size() == 2);
    }

    TEST_CASE("init gets the tables only when the plugin parses or extracts, as in libsinsp") {
        auto had_tables = [](const char* so) {
            Host h(plugin_path(so), test_options());
            h.init("{}");
            return reinterpret_cast<int (*)()>(h.symbol("raw_init_had_tables"))();
        };
        CHECK(had_tables("raw_source_only") == 0);
        CHECK(had_tables("raw_good") == 1);
        CHECK(had_tables("raw_extract_only") == 1);
    }
}
