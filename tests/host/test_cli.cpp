// The falcogen-host program, run as `falcogen run` runs it.
#include "capture_util.hpp"
#include "test_util.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

std::string shell_quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) {
        if (c == '\'')
            q += "'\\''";
        else
            q += c;
    }
    return q + "'";
}

Run run_host(const std::vector<std::string>& args) {
    char tmpl[] = "/tmp/falcogen-host-test-XXXXXX";
    int fd = mkstemp(tmpl);
    REQUIRE(fd >= 0);
    close(fd);
    std::string cmd = shell_quote(FALCOGEN_HOST_BIN);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    cmd += " 2>" + shell_quote(tmpl);
    Run r;
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream f(tmpl);
    std::stringstream ss;
    ss << f.rdbuf();
    r.err = ss.str();
    unlink(tmpl);
    return r;
}

std::vector<std::string> lines(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream is(s);
    std::string l;
    while (std::getline(is, l)) out.push_back(l);
    return out;
}

}  // namespace

TEST_SUITE("cli") {
    TEST_CASE("reads the good plugin to EOF with fields, summary on stderr") {
        Run r = run_host({plugin_path("raw_good"), "--fields", "raw.user,raw.tags[0],raw.map[k],raw.ip", "--config",
                          "{\"max\": 3}"});
        CHECK(r.status == 0);
        auto ls = lines(r.out);
        REQUIRE(ls.size() == 3);
        CHECK(ls[0] ==
              "1 2023-11-14T22:13:20.000000001Z test user=alice raw.user=alice raw.tags[0]=(t-alice) "
              "raw.map[k]=k=alice raw.ip=10.0.0.5");
        CHECK(ls[2] ==
              "3 2023-11-14T22:13:20.000000003Z test user=carol raw.user=carol raw.tags[0]=(t-carol) "
              "raw.map[k]=k=carol raw.ip=10.0.0.5");
        CHECK(r.err.rfind("3 events, ", 0) == 0);
        CHECK(r.err.find(" events/s, 2 batches, 0 errors\n") != std::string::npos);
    }

    TEST_CASE("--json, --filter, -n") {
        Run r = run_host({plugin_path("raw_good"), "--json", "--fields", "raw.user,raw.n,raw.ok,raw.tags", "--filter",
                          "raw.ok=false"});
        CHECK(r.status == 0);
        auto ls = lines(r.out);
        REQUIRE(ls.size() == 2);
        auto j = nlohmann::json::parse(ls[0]);
        CHECK(j["evtnum"] == 2);
        CHECK(j["source"] == "test");
        CHECK(j["info"] == "user=bob");
        CHECK(j["fields"]["raw.user"] == "bob");
        CHECK(j["fields"]["raw.n"] == 2);
        CHECK(j["fields"]["raw.ok"] == false);
        CHECK(j["fields"]["raw.tags"] == nlohmann::json::array({"t-bob", "x"}));
        CHECK(nlohmann::json::parse(ls[1])["fields"]["raw.user"] == "carol");

        Run f = run_host({plugin_path("raw_good"), "--filter", "raw.tags=t-carol", "--filter", "raw.user=carol"});
        CHECK(lines(f.out).size() == 1);
        Run f2 = run_host({plugin_path("raw_good"), "--filter", "raw.map[k]=k=bob", "raw.tags[0]=(t-bob)", "--json"});
        REQUIRE(lines(f2.out).size() == 1);
        CHECK(nlohmann::json::parse(f2.out)["evtnum"] == 2);
        Run f3 = run_host({plugin_path("raw_good"), "--filter", "raw.user=nobody"});
        CHECK(f3.status == 0);
        CHECK(f3.out.empty());
        CHECK(f3.err.rfind("3 events, ", 0) == 0);

        Run n = run_host({plugin_path("raw_good"), "-n", "1"});  // the first batch has 2 events: 1 is read
        CHECK(lines(n.out).size() == 1);
        CHECK(n.err.rfind("1 events, ", 0) == 0);
        CHECK(n.err.find(" 1 batches, 0 errors") != std::string::npos);
    }

    TEST_CASE("--all-fields skips fields that require an argument") {
        Run r = run_host({plugin_path("raw_good"), "--all-fields", "-n", "1"});
        CHECK(r.status == 0);
        CHECK(r.out ==
              "1 2023-11-14T22:13:20.000000001Z test user=alice raw.user=alice raw.n=1 raw.tags=(t-alice,x) "
              "raw.ok=true raw.ip=10.0.0.5 raw.argecho=none\n");
    }

    TEST_CASE("--check prints the identity") {
        Run r = run_host({plugin_path("raw_good"), "--check"});
        CHECK(r.status == 0);
        CHECK(r.out.find("name:                 rawtest\n") != std::string::npos);
        CHECK(r.out.find("capabilities:         sourcing, extraction\n") != std::string::npos);
        CHECK(r.out.find("  raw.map[key] (string): attribute by key\n") != std::string::npos);
        CHECK(r.out.find("OK: the plugin passes every load rule") != std::string::npos);
        Run j = run_host({plugin_path("raw_good"), "--check", "--json"});
        auto js = nlohmann::json::parse(j.out);
        CHECK(js["id"] == 999);
        CHECK(js["fields"].size() == 7);
        Run bad = run_host({plugin_path("raw_good"), "--check", "--config", "{\"max\": 0}"});
        CHECK(bad.status == 1);
        CHECK(bad.err ==
              "falcogen run: error: error in plugin rawtest init config: In /max, value 0 is less than minimum 1\n");
    }

    TEST_CASE("violations: message on stderr, exit 1") {
        Run a = run_host({plugin_path("raw_api_4")});
        CHECK(a.status == 1);
        CHECK(a.err ==
              "falcogen run: error: plugin required API version '4.0.0' is not compatible with the host's 3.12.0 "
              "(major must match)\n");
        Run b = run_host({plugin_path("raw_evt_wrong_id")});
        CHECK(b.status == 1);
        CHECK(b.err.find("falcogen run: error: unexpected plugin ID in plugin event: 7") != std::string::npos);
        Run c = run_host({plugin_path("raw_good"), "--fields", "raw.nope"});
        CHECK(c.status == 1);
        CHECK(c.err == "falcogen run: error: plugin rawtest has no field 'raw.nope'\n");
        Run d = run_host({plugin_path("raw_good"), "--open", "fail"});
        CHECK(d.status == 1);
        CHECK(d.err == "falcogen run: error: could not open plugin rawtest: cannot open 'fail'\n");
        Run e = run_host({plugin_path("raw_evt_failure")});
        CHECK(e.status == 1);
        CHECK(lines(e.out).size() == 3);  // events delivered before the failure
        CHECK(e.err == "falcogen run: error: error in plugin rawtest: next_batch failed: source broke after carol\n");
    }

    TEST_CASE("--config @file and --verbose") {
        char tmpl[] = "/tmp/falcogen-host-config-XXXXXX";
        int fd = mkstemp(tmpl);
        REQUIRE(fd >= 0);
        const std::string cfg = "{\"max\": 7, \"prefix\": \"ab\"}";
        REQUIRE(write(fd, cfg.data(), cfg.size()) == static_cast<ssize_t>(cfg.size()));
        close(fd);
        Run r = run_host({plugin_path("raw_good"), "--config", std::string("@") + tmpl, "-v", "-n", "1"});
        unlink(tmpl);
        CHECK(r.status == 0);
        CHECK(r.err.find("[info] rawtest: init called with config {\"max\": 7, \"prefix\": \"ab\"}\n") !=
              std::string::npos);
        Run bad = run_host({plugin_path("raw_good"), "--config={\"prefix\": \"AB\"}"});
        CHECK(bad.status == 1);
        CHECK(bad.err ==
              "falcogen run: error: error in plugin rawtest init config: In /prefix, string \"AB\" does not match "
              "pattern '^[a-z]*$'\n");
    }

    TEST_CASE("usage") {
        Run h = run_host({"--help"});
        CHECK(h.status == 0);
        CHECK(h.out.find("usage: falcogen-host PLUGIN.so") == 0);
        CHECK(h.out.find("example:") != std::string::npos);
        Run u = run_host({plugin_path("raw_good"), "--bogus"});
        CHECK(u.status == 2);
        CHECK(u.err == "falcogen run: error: unknown option '--bogus' (see --help)\n");
        Run m = run_host({});
        CHECK(m.status == 2);
        Run cfg = run_host({plugin_path("raw_good"), "--config", "@/nonexistent/x.json"});
        CHECK(cfg.status == 1);
        CHECK(cfg.err == "falcogen run: error: cannot read config file '/nonexistent/x.json'\n");
    }

    TEST_CASE("the progress line: forced on, forced off, and off when stderr is not a terminal") {
        // raw_good reports 0%, then 100% once its 3 events are read, and no text.
        Run on = run_host({plugin_path("raw_good"), "--progress"});
        CHECK(on.status == 0);
        CHECK(lines(on.out).size() == 3);  // stdout is not touched
        CHECK(on.err.rfind("\rprogress: 0.00%", 0) == 0);
        CHECK(on.err.find("\rprogress: 100.00%\n3 events, ") != std::string::npos);
        Run off = run_host({plugin_path("raw_good"), "--no-progress"});
        CHECK(off.err.find("progress") == std::string::npos);
        CHECK(lines(off.out).size() == 3);
        Run piped = run_host({plugin_path("raw_good")});  // stderr is a file here
        CHECK(piped.err.find("progress") == std::string::npos);
        CHECK(piped.err.find('\r') == std::string::npos);
        Run last = run_host({plugin_path("raw_good"), "--progress", "--no-progress"});  // the last one wins
        CHECK(last.err.find("progress") == std::string::npos);
    }

    TEST_CASE("--capture: syscall events parsed and extracted, hidden ones parsed only") {
        const std::string cap = capture_test::real_capture_path();
        Run r = run_host({plugin_path("raw_syscall_fields"), "--capture", cap, "--fields", "raw.user,raw.n,raw.ip"});
        CHECK(r.status == 0);
        auto ls = lines(r.out);
        CHECK(ls.size() == 991 - 52);  // the enter events libsinsp hides are not printed
        REQUIRE(!ls.empty());
        CHECK(ls.front() ==
              "1 2018-08-17T17:35:42.999999999Z syscall > procinfo tid=1 raw.user=234/1 raw.n=1 raw.ip=10.0.0.1");
        // raw.ip counts the parsed events: all 991 were (991 % 256 = 223)
        CHECK(ls.back() ==
              "991 2018-08-17T17:35:50.999999999Z syscall > procinfo tid=17496 raw.user=234/17496 raw.n=991 "
              "raw.ip=10.0.0.223");
        CHECK(r.err.find("991 events read from the capture (1595 blocks, 545 events dropped") == 0);

        Run f = run_host({plugin_path("raw_syscall_fields"), "--capture", cap, "--fields", "raw.user", "--filter",
                          "raw.user=293/17497"});
        CHECK(f.out == "211 2018-08-17T17:35:48.514632619Z syscall < execve tid=17497 raw.user=293/17497\n");

        Run j = run_host({plugin_path("raw_syscall_fields"), "--capture", cap, "--json", "-n", "1"});
        auto js = lines(j.out);
        REQUIRE(js.size() == 1);
        auto obj = nlohmann::json::parse(js[0]);
        CHECK(obj["type"] == 234);
        CHECK(obj["tid"] == 1);
        CHECK(obj["source"] == "syscall");
    }

    TEST_CASE("--capture: plugin events go to their plugin only; errors") {
        char tmpl[] = "/tmp/falcogen-capture-test-XXXXXX";
        int fd = mkstemp(tmpl);
        REQUIRE(fd >= 0);
        using namespace capture_test;
        const Bytes cap = concat({section_header(), event_block(plugin_event(999, "alice", 5)),
                                  event_block(plugin_event(7, "bob", 6)), event_block(close_exit(12, 7, 3))});
        REQUIRE(write(fd, cap.data(), cap.size()) == static_cast<ssize_t>(cap.size()));
        close(fd);
        Run r = run_host({plugin_path("raw_good"), "--capture", tmpl, "--fields", "raw.user"});
        CHECK(r.status == 0);
        CHECK(r.out ==
              "1 1970-01-01T00:00:00.000000005Z test user=alice raw.user=alice\n"
              "3 1970-01-01T00:00:00.000000007Z syscall < close tid=12 raw.user=<NA>\n");
        Bytes cut(cap.begin(), cap.end() - 2);
        std::ofstream(tmpl, std::ios::binary).write(reinterpret_cast<const char*>(cut.data()), cut.size());
        Run bad = run_host({plugin_path("raw_good"), "--capture", tmpl});
        unlink(tmpl);
        CHECK(bad.status == 1);
        CHECK(bad.err.find("falcogen run: error: capture '" + std::string(tmpl) + "': offset ") != std::string::npos);
        CHECK(bad.err.find("is truncated") != std::string::npos);
        Run none = run_host({plugin_path("raw_good"), "--capture", "/nonexistent/x.scap"});
        CHECK(none.status == 1);
        CHECK(none.err.find("cannot open") != std::string::npos);
    }

}  // TEST_SUITE

TEST_SUITE("cli") {
    TEST_CASE("several plugins share the tables: --plugin, --threads, --dump-table") {
        char path[] = "/tmp/falcogen-threads-XXXXXX";
        int fd = mkstemp(path);
        REQUIRE(fd >= 0);
        close(fd);
        std::ofstream(path) << R"({"name": "threads", "entries": [{"tid": 1, "pid": 1, "comm": "init",
            "args": {"entries": [{"value": "--system"}]}}]})";
        // raw_good is the source; tables_a parses every event (x_parsed of thread 1
        // + 1) and extracts tables_a.x = the comm of thread 1.
        Run r = run_host({plugin_path("raw_good"), "--config", "{\"max\": 3}", "--plugin", plugin_path("tables_a"),
                          "--threads", path, "--fields", "raw.user,tables_a.x", "--dump-table", "threads"});
        unlink(path);
        CHECK(r.status == 0);
        auto ls = lines(r.out);
        REQUIRE(ls.size() == 4);
        CHECK(ls[0].find("raw.user=alice tables_a.x=init") != std::string::npos);
        const auto dump = nlohmann::json::parse(ls[3]);
        CHECK(dump["name"] == "threads");
        REQUIRE(dump["entries"].size() == 1);
        CHECK(dump["entries"][0]["x_parsed"] == 3);
        CHECK(dump["entries"][0]["args"]["entries"][0]["value"] == "--system");
        CHECK(r.err.find("tables_a: ") != std::string::npos);  // one summary line per plugin
    }

    TEST_CASE("--plugin without PLUGIN.so, and the table options' errors") {
        // The parse plugin alone: thread 1 is created by its first parsed event, but it has no source.
        Run none = run_host({"--plugin", plugin_path("tables_a")});
        CHECK(none.status == 1);
        CHECK(none.err.find("has no event sourcing capability") != std::string::npos);
        Run usage = run_host({plugin_path("raw_good"), "--plugin-config", "{}"});
        CHECK(usage.status == 2);
        CHECK(usage.err.find("--plugin-config must follow a --plugin") != std::string::npos);
        Run missing = run_host({plugin_path("raw_good"), "--dump-table", "nope"});
        CHECK(missing.status == 1);
        CHECK(missing.err.find("no table named 'nope' in the registry") != std::string::npos);
        Run bad = run_host({plugin_path("raw_good"), "--threads", "/nonexistent/threads.json"});
        CHECK(bad.status == 1);
    }
}
