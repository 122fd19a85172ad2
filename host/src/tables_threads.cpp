// The "threads" table as libsinsp defines it: the static fields of
// sinsp_threadinfo::get_static_fields() with the state type of each C++
// member, the file_descriptors subtable (sinsp_fdinfo::get_static_fields()),
// and the args, env and cgroups lists.
#include "tables_internal.hpp"

namespace falcogen::host::detail {

namespace {

constexpr uint32_t kCloneFiles = 1u << 0;  // PPM_CL_CLONE_FILES
constexpr uint32_t kNameChanged = 1u << 17;  // PPM_CL_NAME_CHANGED: a new sinsp_threadinfo's flags

// sinsp_fdinfo's socket union (sinsp_sockinfo) on LP64: the socket fields
// overlap as the union members do, so the same bytes read as an IPv4 source
// address or as the low half of an IPv6 one.
struct SocketField {
    const char* name;
    ss_plugin_state_type type;
    size_t offset;
};
constexpr size_t kSocketUnionSize = 40;
const SocketField kSocketFields[] = {
    {"socket_ipv4_src_ip", SS_PLUGIN_ST_UINT32, 0},
    {"socket_ipv4_dest_dip", SS_PLUGIN_ST_UINT32, 4},
    {"socket_ipv4_src_port", SS_PLUGIN_ST_UINT16, 8},
    {"socket_ipv4_dst_port", SS_PLUGIN_ST_UINT16, 10},
    {"socket_ipv4_l4_proto", SS_PLUGIN_ST_UINT8, 12},
    {"socket_ipv6_src_ip_low", SS_PLUGIN_ST_UINT64, 0},
    {"socket_ipv6_src_ip_high", SS_PLUGIN_ST_UINT64, 8},
    {"socket_ipv6_dest_ip_low", SS_PLUGIN_ST_UINT64, 16},
    {"socket_ipv6_dest_ip_high", SS_PLUGIN_ST_UINT64, 24},
    {"socket_ipv6_src_port", SS_PLUGIN_ST_UINT16, 32},
    {"socket_ipv6_dst_port", SS_PLUGIN_ST_UINT16, 34},
    {"socket_ipv6_l4_proto", SS_PLUGIN_ST_UINT8, 36},
    {"socket_ipv4_server_ip", SS_PLUGIN_ST_UINT32, 0},
    {"socket_ipv4_server_port", SS_PLUGIN_ST_UINT16, 4},
    {"socket_ipv4_server_l4_proto", SS_PLUGIN_ST_UINT8, 6},
    {"socket_ipv6_server_ip_low", SS_PLUGIN_ST_UINT64, 0},
    {"socket_ipv6_server_ip_high", SS_PLUGIN_ST_UINT64, 8},
    {"socket_ipv6_server_port", SS_PLUGIN_ST_UINT16, 16},
    {"socket_ipv6_server_l4_proto", SS_PLUGIN_ST_UINT8, 18},
    {"socket_unix_src", SS_PLUGIN_ST_UINT64, 0},
    {"socket_unix_dest", SS_PLUGIN_ST_UINT64, 8},
};

std::shared_ptr<Schema> make_fd_schema() {
    auto s = std::make_shared<Schema>("file_descriptors", SS_PLUGIN_ST_INT64, TableShape::Map);
    s->key_field = "fd";
    s->entry_noun = "fd";
    s->blob_size = kSocketUnionSize;
    s->add_static("type", SS_PLUGIN_ST_UINT8);  // scap_fd_type, read as a uint8
    s->add_static("open_flags", SS_PLUGIN_ST_UINT32);
    s->add_static("name", SS_PLUGIN_ST_STRING);
    s->add_static("name_raw", SS_PLUGIN_ST_STRING);
    s->add_static("old_name", SS_PLUGIN_ST_STRING);
    s->add_static("flags", SS_PLUGIN_ST_UINT32);
    s->add_static("dev", SS_PLUGIN_ST_UINT32);
    s->add_static("mount_id", SS_PLUGIN_ST_UINT32);
    s->add_static("ino", SS_PLUGIN_ST_UINT64);
    s->add_static("pid", SS_PLUGIN_ST_INT64);
    s->add_static("fd", SS_PLUGIN_ST_INT64);
    for (const SocketField& f : kSocketFields) s->add_blob(f.name, f.type, f.offset);
    return s;
}

// args and env (std::vector<std::string>): one field, "value".
std::shared_ptr<Schema> make_string_list_schema(const std::string& name) {
    auto s = std::make_shared<Schema>(name, SS_PLUGIN_ST_UINT64, TableShape::List);
    s->add_static("value", SS_PLUGIN_ST_STRING);
    return s;
}

// cgroups (std::vector<std::pair<std::string, std::string>>): "first" and "second".
std::shared_ptr<Schema> make_cgroups_schema() {
    auto s = std::make_shared<Schema>("cgroups", SS_PLUGIN_ST_UINT64, TableShape::List);
    s->add_static("first", SS_PLUGIN_ST_STRING);
    s->add_static("second", SS_PLUGIN_ST_STRING);
    return s;
}

void add_thread_fields(Schema& s) {
    s.add_static("tid", SS_PLUGIN_ST_INT64);
    s.add_static("pid", SS_PLUGIN_ST_INT64);
    s.add_static("ptid", SS_PLUGIN_ST_INT64);
    s.add_static("reaper_tid", SS_PLUGIN_ST_INT64);
    s.add_static("sid", SS_PLUGIN_ST_INT64);
    s.add_static("comm", SS_PLUGIN_ST_STRING);
    s.add_static("exe", SS_PLUGIN_ST_STRING);
    s.add_static("exe_path", SS_PLUGIN_ST_STRING);
    s.add_static("exe_writable", SS_PLUGIN_ST_BOOL);
    s.add_static("exe_upper_layer", SS_PLUGIN_ST_BOOL);
    s.add_static("exe_lower_layer", SS_PLUGIN_ST_BOOL);
    s.add_static("exe_from_memfd", SS_PLUGIN_ST_BOOL);
    s.add_subtable("args", make_string_list_schema("args"), false);
    s.add_subtable("env", make_string_list_schema("env"), false);
    s.add_subtable("cgroups", make_cgroups_schema(), false);
    s.add_static("flags", SS_PLUGIN_ST_UINT32);
    s.add_static("fd_limit", SS_PLUGIN_ST_INT64);
    s.add_static("uid", SS_PLUGIN_ST_UINT32);
    s.add_static("gid", SS_PLUGIN_ST_UINT32);
    s.add_static("loginuid", SS_PLUGIN_ST_UINT32);
    s.add_static("exe_ino", SS_PLUGIN_ST_UINT64);
    s.add_static("exe_ino_ctime", SS_PLUGIN_ST_UINT64);
    s.add_static("exe_ino_mtime", SS_PLUGIN_ST_UINT64);
    s.add_static("vtid", SS_PLUGIN_ST_INT64);
    s.add_static("vpid", SS_PLUGIN_ST_INT64);
    s.add_static("vpgid", SS_PLUGIN_ST_INT64);
    s.add_static("pgid", SS_PLUGIN_ST_INT64);
    s.add_static("pidns_init_start_ts", SS_PLUGIN_ST_UINT64);
    s.add_static("root", SS_PLUGIN_ST_STRING);
    s.add_static("tty", SS_PLUGIN_ST_UINT32);
    s.add_subtable("file_descriptors", make_fd_schema(), true);
    s.add_static("cwd", SS_PLUGIN_ST_STRING, true);
}

ss_plugin_state_data s64(int64_t v) {
    ss_plugin_state_data d{};
    d.s64 = v;
    return d;
}

ss_plugin_state_data u32(uint32_t v) {
    ss_plugin_state_data d{};
    d.u32 = v;
    return d;
}

int64_t read_s64(const EntryData& e, const char* field) {
    ss_plugin_state_data d{};
    e.read(*e.schema().find(field), d);
    return d.s64;
}

}  // namespace

std::shared_ptr<Schema> make_threads_schema() {
    auto s = std::make_shared<Schema>("threads", SS_PLUGIN_ST_INT64, TableShape::Map);
    s->key_field = "tid";
    s->entry_noun = "thread";
    add_thread_fields(*s);
    return s;
}

// A new sinsp_threadinfo's values (sinsp_threadinfo::init()); the fd's
// (sinsp_fdinfo's member initializers): type SCAP_FD_UNINITIALIZED (-1) and fd -1.
void set_entry_defaults(EntryData& e) {
    const Schema& s = e.schema();
    if (s.table_name == "threads") {
        for (const char* f : {"tid", "pid", "ptid", "reaper_tid", "sid", "fd_limit", "vtid", "vpid", "vpgid", "pgid"}) {
            e.write(*s.find(f), s64(-1));
        }
        for (const char* f : {"uid", "gid", "loginuid"}) e.write(*s.find(f), u32(0xffffffffu));
        e.write(*s.find("flags"), u32(kNameChanged));
    } else if (s.table_name == "file_descriptors") {
        ss_plugin_state_data t{};
        t.u8 = 0xff;
        e.write(*s.find("type"), t);
        e.write(*s.find("fd"), s64(-1));
    }
}

std::shared_ptr<HostTable> main_thread_fd_table(const EntryData& thread, const FieldDef& f) {
    // libsinsp: a thread created with CLONE_FILES uses the fd table of its
    // main thread (the thread whose tid is its pid), found in the thread table.
    ss_plugin_state_data flags{};
    thread.read(*thread.schema().find("flags"), flags);
    const int64_t tid = read_s64(thread, "tid"), pid = read_s64(thread, "pid");
    if (thread.container == nullptr || (flags.u32 & kCloneFiles) == 0 || tid == pid) {
        return thread.own_subtable(f);
    }
    std::shared_ptr<EntryData> main = thread.container->find(s64(pid));
    return main == nullptr ? nullptr : main->own_subtable(f);
}

}  // namespace falcogen::host::detail
