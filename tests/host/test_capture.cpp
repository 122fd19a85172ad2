// The capture reader: a real capture's known facts, crafted captures, and
// malformed ones (errors, never crashes).
#include "capture_util.hpp"
#include "test_util.hpp"

#include <map>

using namespace falcogen::host;
using namespace capture_test;

namespace {

std::unique_ptr<CaptureReader> from(const Bytes& b, CaptureOptions o = {}) {
    return CaptureReader::from_memory(b, "mem.scap", std::move(o));
}

// Every event of a reader.
std::vector<CaptureEvent> all_events(CaptureReader& r) {
    std::vector<CaptureEvent> out;
    while (auto e = r.next()) out.push_back(std::move(*e));
    return out;
}

// The error of opening and reading `b` to its end ("<no error>" if none).
std::string read_error(const Bytes& b, CaptureOptions o = {}) {
    return error_of([&] {
        auto r = from(b, std::move(o));
        all_events(*r);
    });
}

bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

// A valid crafted capture: one thread with one fd, then two events.
Bytes small_capture() {
    return concat({section_header(), proclist_v9({proc_entry_v9(100, "cat", {"a.txt", "-n"})}),
                   fdlist_one_file(100, 3, "/etc/passwd"), event_block(close_exit(100, 1000, 3)),
                   event_block(close_exit(100, 2000, 4), 1)});
}

}  // namespace

TEST_SUITE("capture") {
    TEST_CASE("the real capture (gzip): machine, threads, fds") {
        CaptureReader r(real_capture_path());
        CHECK(r.major_version() == 1);
        REQUIRE(r.machine_info().has_value());
        CHECK(r.machine_info()->hostname == "ip-10-0-0-79");
        CHECK(r.machine_info()->num_cpus == 1);
        CHECK(r.threads().size() == 54);
        const CaptureThread* sysdig = r.find_thread(17496);
        REQUIRE(sysdig != nullptr);
        CHECK(sysdig->comm == "sysdig");
        CHECK(sysdig->pid == 17496);
        CHECK(sysdig->ptid == 17495);
        CHECK(sysdig->cwd == "/home/ubuntu");
        CHECK(sysdig->args == std::vector<std::string>{"-zw", "curl.scap", "proc.name=curl"});
        CHECK(sysdig->env.size() == 14);
        REQUIRE(sysdig->fds.count(5) == 1);
        CHECK(sysdig->fds.at(5).type == CaptureFdType::File);
        CHECK(sysdig->fds.at(5).name == "/home/ubuntu/curl.scap");
        CHECK(std::string(fd_type_name(sysdig->fds.at(6).type)) == "directory");
        const CaptureThread* sshd = r.find_thread(3199);
        REQUIRE(sshd != nullptr);
        const CaptureFd& sock = sshd->fds.at(3);
        CHECK(sock.type == CaptureFdType::Ipv4Socket);
        CHECK(std::vector<uint8_t>(sock.sip.begin(), sock.sip.begin() + 4) == std::vector<uint8_t>{10, 0, 0, 79});
        CHECK(std::vector<uint8_t>(sock.dip.begin(), sock.dip.begin() + 4) == std::vector<uint8_t>{50, 207, 137, 246});
        CHECK(sock.sport == 22);
        CHECK(sock.dport == 63740);
        CHECK(r.find_thread(424242) == nullptr);
    }

    TEST_CASE("the real capture: events, numbered and converted as libscap does") {
        CaptureReader r(real_capture_path());
        auto evts = all_events(r);
        REQUIRE(evts.size() == 991);
        CHECK(r.stats().event_blocks == 1536);
        CHECK(r.stats().dropped == 545);
        CHECK(r.stats().conversion_errors == 0);
        CHECK(evts.front().event.evtnum() == 1);
        CHECK(evts.front().event.type() == 234);  // procinfo
        CHECK(evts.back().event.evtnum() == 991);
        const HostEvent& execve = evts[210].event;
        CHECK(execve.evtnum() == 211);
        CHECK(execve.type() == 293);  // execve exit, current layout
        CHECK(execve.tid() == 17497);
        CHECK(execve.source() == "syscall");
        CHECK(execve.ts() == 1534527348514632619ull);
        auto exe = event_param(execve, 1);
        REQUIRE(exe.has_value());
        CHECK(exe->str() == std::string("curl", 5));
        CHECK(std::string(event_type_name(execve.type())) == "execve");
        size_t hidden = 0;
        for (const auto& e : evts) hidden += e.hidden ? 1 : 0;
        CHECK(hidden == 52);
    }

    TEST_CASE("the real capture without conversion: every stored event") {
        CaptureOptions o;
        o.convert = false;
        CaptureReader r(real_capture_path(), o);
        CHECK(all_events(r).size() == 1536);
    }

    TEST_CASE("plain and gzip files read the same") {
        const Bytes plain = real_capture_bytes();
        REQUIRE(plain.size() > 100000);
        auto r = from(plain);
        CHECK(r->threads().size() == 54);
        CHECK(all_events(*r).size() == 991);
        CHECK(r->offset() == plain.size());
    }

    TEST_CASE("a crafted capture: threads, fds, events, cpu") {
        auto r = from(small_capture());
        const CaptureThread* t = r->find_thread(100);
        REQUIRE(t != nullptr);
        CHECK(t->comm == "cat");
        CHECK(t->exe_path == "/usr/bin/cat");
        CHECK(t->args == std::vector<std::string>{"a.txt", "-n"});
        CHECK(t->env == std::vector<std::string>{"HOME=/root"});
        CHECK(t->uid == 1000);
        CHECK(t->gid == 1001);
        CHECK(t->sid == 100);
        CHECK(t->loginuid == UINT32_MAX);  // not in the entry: libscap's default
        REQUIRE(t->fds.count(3) == 1);
        CHECK(t->fds.at(3).type == CaptureFdType::FileV2);
        CHECK(t->fds.at(3).name == "/etc/passwd");
        CHECK(t->fds.at(3).open_flags == 1);
        auto evts = all_events(*r);
        REQUIRE(evts.size() == 2);
        CHECK(evts[0].event.type() == 5);
        CHECK(evts[0].event.ts() == 1000);
        CHECK(evts[0].cpu == 0);
        CHECK(evts[1].event.evtnum() == 2);
        CHECK(evts[1].cpu == 1);
        CHECK(!evts[1].hidden);
    }

    TEST_CASE("plugin events carry their plugin's source when it is known") {
        const Bytes cap = concat(
            {section_header(), event_block(plugin_event(999, "alice", 5)), event_block(plugin_event(7, "bob", 6))});
        CaptureOptions o;
        o.plugin_sources[999] = "test";
        auto evts = all_events(*from(cap, o));
        REQUIRE(evts.size() == 2);
        CHECK(evts[0].event.source() == "test");
        CHECK(evts[0].known_source);
        CHECK(evts[0].event.payload_str() == "alice");
        CHECK(evts[1].event.source().empty());
        CHECK(!evts[1].known_source);
    }

    TEST_CASE("leading initial-state events (async, users) are parsed only, as libsinsp's open consumes them") {
        Bytes idp;
        put<uint32_t>(idp, 0);
        const std::string name = "x_state";
        const Bytes state =
            event(402, UINT64_MAX, UINT64_MAX, {idp, Bytes(name.begin(), name.end() + 1), Bytes{'s'}}, true);
        const Bytes tick = event(402, UINT64_MAX, 3000, {idp, Bytes(name.begin(), name.end() + 1), Bytes{'t'}}, true);
        const Bytes cap =
            concat({section_header(), event_block(state), event_block(close_exit(100, 1000, 3)), event_block(tick)});
        auto evts = all_events(*from(cap));
        REQUIRE(evts.size() == 3);
        CHECK(evts[0].event.type() == 402);
        CHECK(evts[0].event.evtnum() == 1);  // numbered all the same
        CHECK(evts[0].hidden);
        CHECK(!evts[1].hidden);
        CHECK(evts[2].event.type() == 402);  // an async event after the first other event is returned
        CHECK(!evts[2].hidden);
    }

    TEST_CASE("not a capture: empty, wrong first block, wrong magic, newer version") {
        CHECK(contains(read_error({}), "empty file"));
        CHECK(contains(read_error(concat({block(0x204, Bytes(8, 0))})), "not a capture"));
        CHECK(contains(read_error(concat({section_header(0xdeadbeef), event_block(close_exit(1, 1, 1))})),
                       "invalid byte order magic 0xdeadbeef"));
        CHECK(contains(read_error(concat({section_header(0x4D3C2B1A), event_block(close_exit(1, 1, 1))})),
                       "other byte order"));
        CHECK(contains(read_error(concat({section_header(0x1A2B3C4D, 2), event_block(close_exit(1, 1, 1))})),
                       "newer than this reader"));
        CHECK(contains(read_error(section_header()), "no events"));
        const std::string msg = error_of([] { CaptureReader r("/nonexistent/x.scap"); });
        CHECK(contains(msg, "capture '/nonexistent/x.scap': cannot open"));
    }

    TEST_CASE("truncated captures fail with the offset of the cut block") {
        const Bytes good = small_capture();
        CHECK(read_error(good) == "<no error>");
        const size_t last_block = good.size() - event_block(close_exit(100, 2000, 4)).size();
        Bytes cut(good.begin(), good.end() - 3);  // inside the last block's trailer
        const std::string err = read_error(cut);
        CHECK(contains(err, "capture 'mem.scap': offset " + std::to_string(last_block) + ": event block (0x216)"));
        CHECK(contains(err, "is truncated"));
        cut.assign(good.begin(), good.begin() + last_block + 5);  // inside the block header
        CHECK(contains(read_error(cut), "truncated block header: 5 of 8 bytes"));
        // Every prefix: an error or a clean end, never a crash.
        for (size_t n = 0; n < good.size(); ++n) read_error(Bytes(good.begin(), good.begin() + n));
    }

    TEST_CASE("bad lengths: block, trailer, event, parameter, string") {
        Bytes b = small_capture();
        const size_t first = section_header().size();
        std::memcpy(&b[first + 4], "\x08\x00\x00\x00", 4);  // total length 8 < 12
        CHECK(contains(read_error(b), "has a total length of 8 (at least 12)"));

        b = small_capture();
        std::memcpy(&b[first + 4], "\xF0\xFF\xFF\xFF", 4);  // 4 GB
        CHECK(contains(read_error(b), "more than the limit"));

        b = concat({section_header(), fdlist_one_file(1, 3, "/x")});
        b[b.size() - 4] ^= 0x40;  // the trailer
        b = concat({b, event_block(close_exit(1, 1, 1))});
        CHECK(contains(read_error(b), "wrong block total length"));

        Bytes evt = close_exit(1, 1, 1);
        evt[16] = 200;  // event len past the block
        CHECK(contains(read_error(concat({section_header(), event_block(evt)})), "is larger than the"));

        evt = close_exit(1, 1, 1);
        evt[26] = 100;  // parameter 0 longer than the event
        CHECK(contains(read_error(concat({section_header(), event_block(evt)})), "param 0 len 100 exceeds"));

        evt = close_exit(1, 1, 1);
        evt[22] = 200;  // nparams whose length table does not fit
        CHECK(contains(read_error(concat({section_header(), event_block(evt)})), "nparams 200 does not fit"));

        Bytes entry = proc_entry_v9(5, "x", {});
        entry[40] = 0xFF;  // comm length 0x04FF > 1024
        entry[41] = 0x04;
        CHECK(contains(read_error(concat({section_header(), proclist_v9({entry}), event_block(close_exit(5, 1, 1))})),
                       "invalid comm length 1279"));

        entry = proc_entry_v9(5, "x", {});
        Bytes pl = proclist_v9({entry});
        pl[8] = 0x10;  // entry length 16: shorter than the fields it holds
        pl[9] = 0;
        CHECK(contains(read_error(concat({section_header(), pl, event_block(close_exit(5, 1, 1))})),
                       "process list block v9 (0x215)"));
    }

    TEST_CASE("mutated captures: errors, never crashes") {
        const Bytes good = small_capture();
        uint32_t seed = 12345;
        auto rnd = [&] {
            seed = seed * 1103515245u + 12345u;
            return seed >> 8;
        };
        size_t errors = 0;
        for (int i = 0; i < 3000; ++i) {
            Bytes m = good;
            for (int k = 0, n = 1 + rnd() % 4; k < n; ++k) m[rnd() % m.size()] = static_cast<uint8_t>(rnd());
            errors += read_error(m) == "<no error>" ? 0 : 1;
        }
        CHECK(errors > 0);
    }

    TEST_CASE("a second section replaces the threads") {
        const Bytes cap = concat({small_capture(), section_header(), proclist_v9({proc_entry_v9(200, "ls", {})}),
                                  event_block(close_exit(200, 3000, 1))});
        auto r = from(cap);
        CHECK(r->find_thread(100) != nullptr);
        std::map<uint64_t, bool> changed;
        while (auto e = r->next()) changed[e->event.evtnum()] = r->section_changed();
        CHECK(changed == std::map<uint64_t, bool>{{1, false}, {2, false}, {3, true}});
        CHECK(r->find_thread(100) == nullptr);
        CHECK(r->find_thread(200)->comm == "ls");
        CHECK(r->stats().sections == 2);
    }
}
