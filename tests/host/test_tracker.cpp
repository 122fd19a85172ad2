// The state tracker: libsinsp's parser changes to the threads table, on
// crafted events (one rule each), and over the real capture against what
// libsinsp itself gave the same plugins (data/curl_google.tracker.tsv,
// recorded by tracker/record.py; see data/README.md).
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include <falcogen/host/capture.hpp>
#include <falcogen/host/tables.hpp>
#include <nlohmann/json.hpp>

#include "capture_util.hpp"
#include "test_util.hpp"

using namespace falcogen::host;
using capture_test::Bytes;
using capture_test::event;
using capture_test::put;

namespace {

Bytes s64(int64_t v) {
    Bytes b;
    put(b, v);
    return b;
}
Bytes u32(uint32_t v) {
    Bytes b;
    put(b, v);
    return b;
}
Bytes u64(uint64_t v) {
    Bytes b;
    put(b, v);
    return b;
}
Bytes str(const std::string& s) {  // the driver NUL-terminates its strings
    Bytes b(s.begin(), s.end());
    b.push_back(0);
    return b;
}

HostEvent evt(uint16_t type, uint64_t tid, uint64_t ts, const std::vector<Bytes>& params) {
    return HostEvent(event(type, tid, ts, params), 1);
}

constexpr uint32_t kCloneThread = 1u << 13, kCloneFiles = 1u << 0, kInverted = 1u << 16, kClosed = 1u << 18;
constexpr uint32_t kOCloexec = 1u << 12, kODirectory = 1u << 10;

// A clone exit (current layout, 21 parameters).
HostEvent clone_exit(uint64_t tid, int64_t res, int64_t pid, int64_t ptid, uint32_t flags, uint64_t ts = 1000) {
    return evt(223, tid, ts,
               {s64(res),
                str("ls"),
                str(std::string("-l\0/tmp", 7)),
                s64(static_cast<int64_t>(tid)),
                s64(pid),
                s64(ptid),
                str("/"),
                s64(1024),
                u64(0),
                u64(0),
                u32(0),
                u32(0),
                u32(0),
                str("ls"),
                str("cpu=/a"),
                u32(flags),
                u32(5),
                u32(6),
                Bytes{},
                Bytes{},
                u64(0)});
}

// An execve exit (current layout, 31 parameters).
HostEvent execve_exit(uint64_t tid, int64_t pid) {
    std::vector<Bytes> p{s64(0),
                         str("/bin/cat"),
                         str(std::string("x\0y", 3)),
                         s64(static_cast<int64_t>(tid)),
                         s64(pid),
                         s64(1),
                         str("/"),
                         s64(64),
                         u64(0),
                         u64(0),
                         u32(0),
                         u32(0),
                         u32(0),
                         str("cat"),
                         str(""),
                         str("K=V")};
    while (p.size() < 27) p.push_back({});
    p.push_back(str("/usr/bin/cat"));  // 27: the trusted exepath
    while (p.size() < 31) p.push_back({});
    return evt(293, tid, 2000, p);
}

HostEvent openat_exit(uint64_t tid, int64_t fd, int64_t dirfd, const std::string& name, uint32_t flags = 0) {
    return evt(307, tid, 3000, {s64(fd), s64(dirfd), str(name), u32(flags), u32(0), u32(7), u64(99)});
}

// A process 100 (bash, cwd /home/u/) with a thread 101 and fds 3 (close on exec) and 4.
struct Fixture {
    TableRegistry reg;
    ThreadsTable& th = reg.threads();
    StateTracker tracker{th, 500};
    Fixture() {
        th.add_thread(100, {{"pid", 100}, {"ptid", 1}, {"vtid", 100}, {"vpid", 100}, {"comm", "bash"}});
        th.add_thread(101, {{"pid", 100}, {"ptid", 1}, {"vtid", 101}, {"flags", kCloneFiles}, {"comm", "bash"}});
        th.set_cwd(100, "/home/u/");
        th.set_env(100, {"A=1"});
        th.add_fd(100, 3, {{"name", "/etc/x"}, {"open_flags", kOCloexec}, {"type", uint8_t(16)}});
        th.add_fd(100, 4, {{"name", "/etc/y"}, {"type", uint8_t(16)}});
    }
    std::vector<int64_t> fds(int64_t tid) {
        std::vector<int64_t> out;
        for (const auto& e : th.fds(tid).entries()) out.push_back(e.get<int64_t>("fd"));
        return out;
    }
};

}  // namespace

TEST_SUITE("tracker") {
    TEST_CASE("cgroups read as libsinsp reads them: its renames, and a malformed list keeps the old ones") {
        TableRegistry reg;
        CaptureThread t;
        t.tid = t.pid = 7;
        t.comm = "x";
        t.cgroups = {"io=/a", "cpu_cgroup=/b", "perf=/c", "mem=/d", "pids=/e"};
        load_capture_threads(reg.threads(), {t});
        std::vector<std::string> names;
        for (const auto& e : reg.threads().thread(7).subtable("cgroups").entries()) {
            names.push_back(e.get<std::string>("first") + "=" + e.get<std::string>("second"));
        }
        CHECK(names == std::vector<std::string>{"blkio=/a", "cpu=/b", "perf_event=/c", "memory=/d", "pids=/e"});
        t.cgroups = {"cpu=/z", "no-equals-sign"};
        load_capture_threads(reg.threads(), {t});
        CHECK(reg.threads().thread(7).subtable("cgroups").size() == 0);  // a new entry: libsinsp's empty list
    }

    TEST_CASE("clone, parent side: a new process copies its parent's fds, cwd and env") {
        Fixture f;
        f.tracker.apply(clone_exit(100, 200, 100, 1, 0));
        EntryRef c = f.th.thread(200);
        CHECK(c.get<int64_t>("pid") == 200);
        CHECK(c.get<int64_t>("ptid") == 100);
        CHECK(c.get<std::string>("comm") == "ls");
        CHECK(c.get<uint32_t>("uid") == 5);
        CHECK(c.get<uint64_t>("pidns_init_start_ts") == 500);
        CHECK(c.get<std::string>("cwd") == "/home/u/");
        CHECK(f.fds(200) == std::vector<int64_t>{3, 4});
        CHECK((f.th.fds(200).at(3).get<uint32_t>("flags") & (1u << 14)) != 0);  // FLAGS_IS_CLONED
        CHECK(c.subtable("args").size() == 2);
        CHECK(c.subtable("env").size() == 1);
        // vfork children, and children in another pid namespace, wait for their own event
        f.tracker.apply(clone_exit(100, 300, 100, 1, 1u << 27));
        f.tracker.apply(clone_exit(100, 301, 100, 1, 1u << 29));
        CHECK_FALSE(f.th.find(300));
        CHECK_FALSE(f.th.find(301));
    }

    TEST_CASE("clone, child side: a thread shares its main thread's fds; the parent side then keeps it") {
        Fixture f;
        f.tracker.apply(clone_exit(102, 0, 100, 1, kCloneThread));
        EntryRef t = f.th.thread(102);
        CHECK(t.get<uint32_t>("flags") == (kCloneThread | kCloneFiles | kInverted));
        CHECK(t.get<std::string>("comm") == "ls");
        CHECK(f.fds(102) == std::vector<int64_t>{3, 4});  // the main thread's table
        t.set("comm", "mine");
        f.tracker.apply(clone_exit(100, 102, 100, 1, kCloneThread));  // inverted: left alone
        CHECK(f.th.thread(102).get<std::string>("comm") == "mine");
    }

    TEST_CASE("execve: the new program, its env and exepath; close-on-exec fds go, other threads go") {
        Fixture f;
        f.tracker.apply(execve_exit(100, 100));
        EntryRef t = f.th.thread(100);
        CHECK(t.get<std::string>("comm") == "cat");
        CHECK(t.get<std::string>("exe") == "/bin/cat");
        CHECK(t.get<std::string>("exe_path") == "/usr/bin/cat");
        CHECK(t.subtable("args").size() == 2);
        CHECK(t.subtable("env").at(uint64_t(0)).get<std::string>("value") == "K=V");
        CHECK(f.fds(100) == std::vector<int64_t>{4});
        CHECK((t.get<uint32_t>("flags") & (1u << 17 | 1u << 19)) == (1u << 17 | 1u << 19));
        CHECK_FALSE(f.th.find(101));
    }

    TEST_CASE("open family: full paths from the cwd or the dirfd, normalized; directories") {
        Fixture f;
        f.tracker.apply(openat_exit(100, 5, -100, "../x/./y.txt"));
        EntryRef fd = f.th.fds(100).at(5);
        CHECK(fd.get<std::string>("name") == "/home/x/y.txt");
        CHECK(fd.get<std::string>("name_raw") == "../x/./y.txt");
        CHECK(fd.get<uint8_t>("type") == 16);
        CHECK(fd.get<uint64_t>("ino") == 99);
        f.tracker.apply(openat_exit(101, 6, 4, "z"));  // relative to fd 4, in the shared table
        CHECK(f.th.fds(100).at(6).get<std::string>("name") == "/etc/y/z");
        f.tracker.apply(openat_exit(100, 7, -100, "/d//e/", kODirectory));
        CHECK(f.th.fds(100).at(7).get<std::string>("name") == "/d/e");
        CHECK(f.th.fds(100).at(7).get<uint8_t>("type") == 2);
        f.tracker.apply(openat_exit(100, -2, -100, "/nope"));
        CHECK(f.th.fds(100).size() == 5);
    }

    TEST_CASE("dup copies the fd without close-on-exec; pipe adds both ends") {
        Fixture f;
        f.th.fds(100).add_field("statex_like", SS_PLUGIN_ST_STRING);
        f.th.fds(100).at(3).set("statex_like", std::string("x"));
        f.tracker.apply(evt(363, 100, 10, {s64(8), s64(3), s64(8)}));  // dup2(3, 8)
        EntryRef copy = f.th.fds(100).at(8);
        CHECK(copy.get<std::string>("name") == "/etc/x");
        CHECK(copy.get<uint32_t>("open_flags") == 0);
        CHECK(copy.get<std::string>("statex_like") == "x");  // the plugins' fields come along
        f.tracker.apply(evt(365, 100, 11, {s64(9), s64(4), s64(9), u32(kOCloexec)}));  // dup3(4, 9, O_CLOEXEC)
        CHECK(f.th.fds(100).at(9).get<uint32_t>("open_flags") == kOCloexec);
        f.tracker.apply(evt(61, 100, 12, {s64(0), s64(10), s64(11), u64(42)}));
        CHECK(f.th.fds(100).at(10).get<uint8_t>("type") == 7);
        CHECK(f.th.fds(100).at(11).get<uint64_t>("ino") == 42);
    }

    TEST_CASE("chdir, fchdir and getcwd move the process's cwd") {
        Fixture f;
        f.tracker.apply(evt(95, 100, 10, {s64(0), str("../v")}));
        CHECK(f.th.thread(100).get<std::string>("cwd") == "/home/v/");
        f.tracker.apply(openat_exit(100, 5, -100, "w.txt"));
        CHECK(f.th.fds(100).at(5).get<std::string>("name") == "/home/v/w.txt");
        f.tracker.apply(evt(97, 101, 11, {s64(0), s64(4)}));  // fchdir(4) from the thread: the process moves
        CHECK(f.th.thread(100).get<std::string>("cwd") == "/etc/y/");
        f.tracker.apply(evt(95, 100, 12, {s64(-2), str("/nope")}));
        f.tracker.apply(evt(93, 100, 13, {s64(0), str("/tmp")}));
        CHECK(f.th.thread(100).get<std::string>("cwd") == "/tmp/");
    }

    TEST_CASE("close and procexit take effect when the next event comes") {
        Fixture f;
        f.tracker.apply(evt(5, 100, 10, {s64(0), s64(4)}));
        CHECK(f.th.fds(100).find(4));  // the plugins still see it while they parse the close
        f.tracker.apply(evt(186, 101, 11, {s64(0), s64(0), s64(0), u32(0), s64(0)}));
        CHECK_FALSE(f.th.fds(100).find(4));
        CHECK((f.th.thread(101).get<uint32_t>("flags") & kClosed) != 0);
        f.tracker.apply(evt(186, 100, 12, {s64(0), s64(0), s64(0), u32(0), s64(0)}));
        CHECK_FALSE(f.th.find(101));
        f.tracker.apply(evt(5, 1, 13, {s64(-9), s64(3)}));
        CHECK_FALSE(f.th.find(100));  // the last thread of the process took the main thread along
    }

    TEST_CASE("an event of an unknown thread adds a <NA> thread, as libsinsp does for captures") {
        Fixture f;
        f.tracker.apply(evt(5, 777, 10, {s64(-9), s64(3)}));
        EntryRef t = f.th.thread(777);
        CHECK(t.get<std::string>("comm") == "<NA>");
        CHECK(t.get<int64_t>("pid") == -1);
        f.tracker.apply(evt(186, 778, 11, {s64(0), s64(0), s64(0), u32(0), s64(0)}));  // procexit: no lookup
        CHECK_FALSE(f.th.find(778));
    }

    TEST_CASE("malformed events change nothing and never throw") {
        Fixture f;
        f.tracker.apply(evt(5, 100, 1, {s64(-9), s64(3)}));  // a failed close: the thread is only marked active
        const auto before = f.th.to_json().dump();
        f.tracker.apply(evt(223, 100, 1, {}));  // clone exit without parameters
        f.tracker.apply(evt(223, 100, 1, {u32(200)}));  // res of the wrong width
        f.tracker.apply(evt(307, 100, 1, {s64(5)}));  // openat exit, fd only: "<NA>" relative to nothing
        f.tracker.apply(evt(5, 100, 1, {s64(0)}));  // close exit without its fd
        f.tracker.apply(evt(367, 100, 1, {s64(9), u32(4)}));  // dup with an oldfd of the wrong width
        Bytes cut = event(293, 100, 1, {s64(0), str("/bin/x")});
        cut.resize(30);  // the lengths run past the event
        f.tracker.apply(HostEvent(cut, 1));
        f.tracker.apply(evt(9999, 100, 1, {s64(0)}));  // past the event table
        f.tracker.apply(HostEvent(Bytes(10, 0), 1));  // not even a header
        CHECK(f.th.fds(100).at(5).get<std::string>("name") == "<NA>");
        f.th.fds(100).erase(5);
        CHECK(f.th.to_json().dump() == before);
    }

    TEST_CASE("the real capture's events, cut short or with their lengths garbled, never throw") {
        CaptureReader reader(capture_test::real_capture_path());
        TableRegistry reg;
        load_capture_threads(reg.threads(), reader.threads());
        StateTracker tracker(reg.threads());
        size_t applied = 0;
        while (auto ce = reader.next()) {
            const Bytes& b = ce->event.bytes();
            for (size_t cut = 26; cut < b.size(); cut += 5) {
                Bytes shorter(b.begin(), b.begin() + cut);
                CHECK_NOTHROW(tracker.apply(HostEvent(shorter, 1)));
                ++applied;
            }
            Bytes garbled = b;
            for (size_t i = 26; i < garbled.size() && i < 26 + 2 * ce->event.nparams(); i += 2) garbled[i] ^= 0x5a;
            CHECK_NOTHROW(tracker.apply(HostEvent(garbled, 1)));
            CHECK_NOTHROW(tracker.apply(ce->event));
        }
        CHECK(applied > 1000);
    }

    TEST_CASE("the real capture: the plugins read what they read under libsinsp") {
#if defined(TRACKER_OPENTRACK_PLUGIN) && defined(TRACKER_STATEX_PLUGIN)
        std::ifstream expected(std::string(FALCOGEN_HOST_TEST_DATA_DIR) + "/curl_google.tracker.tsv");
        REQUIRE(expected);
        auto split = [](const std::string& line) {
            std::vector<std::string> out;
            std::string cell;
            std::istringstream is(line);
            while (std::getline(is, cell, '\t')) out.push_back(cell);
            if (!line.empty() && line.back() == '\t') out.emplace_back();
            return out;
        };
        std::string line;
        std::getline(expected, line);
        const std::vector<std::string> header = split(line);
        std::string fields;
        for (size_t i = 1; i < header.size(); ++i) fields += (i > 1 ? "," : "") + header[i];
        const std::string cmd = std::string("'") + FALCOGEN_HOST_BIN +
                                "' --plugin '" TRACKER_OPENTRACK_PLUGIN "' --plugin '" TRACKER_STATEX_PLUGIN
                                "' --capture '" +
                                capture_test::real_capture_path() + "' --json --fields '" + fields + "' 2>/dev/null";
        FILE* p = popen(cmd.c_str(), "r");
        REQUIRE(p != nullptr);
        std::map<uint64_t, nlohmann::json> ours;
        char buf[65536];
        while (std::fgets(buf, sizeof buf, p) != nullptr) {
            auto j = nlohmann::json::parse(buf);
            ours[j["evtnum"].get<uint64_t>()] = j["fields"];
        }
        CHECK(pclose(p) == 0);
        size_t compared = 0, differ = 0;
        while (std::getline(expected, line)) {
            const auto cells = split(line);
            REQUIRE(cells.size() == header.size());
            const uint64_t num = std::stoull(cells[0]);
            REQUIRE_MESSAGE(ours.count(num) == 1, "event " << num << " missing from falcogen-host's output");
            for (size_t i = 1; i < header.size(); ++i) {
                const nlohmann::json& v = ours[num][header[i]];
                const std::string got = v.is_null() ? "(none)" : v.is_string() ? v.get<std::string>() : v.dump();
                ++compared;
                if (got != cells[i] && ++differ <= 10) {
                    MESSAGE("event " << num << " " << header[i] << ": libsinsp '" << cells[i] << "', ours '" << got
                                     << "'");
                }
            }
            ours.erase(num);
        }
        CHECK(differ == 0);
        CHECK(compared > 15000);
        CHECK_MESSAGE(ours.empty(), ours.size() << " events libsinsp did not print");
#else
        MESSAGE("the example plugins are not built: skipped");
#endif
    }
}
