// Building captures byte by byte (to break them one way at a time), and the
// real one under data/.
#pragma once

#include <falcogen/host/capture.hpp>

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace capture_test {

using Bytes = std::vector<uint8_t>;

// curl_google.scap from falcosecurity/libs (test/libsinsp_e2e/resources/captures):
// sysdig capturing `curl google.com`, gzip-compressed, 22 KB.
inline std::string real_capture_path() {
    return std::string(FALCOGEN_HOST_TEST_DATA_DIR) + "/curl_google.scap";
}

// The real capture, uncompressed.
inline Bytes real_capture_bytes() {
    Bytes out;
    gzFile f = gzopen(real_capture_path().c_str(), "rb");
    if (f == nullptr) return out;
    uint8_t buf[1 << 16];
    int n;
    while ((n = gzread(f, buf, sizeof buf)) > 0) out.insert(out.end(), buf, buf + n);
    gzclose(f);
    return out;
}

template <typename T>
void put(Bytes& b, T v) {
    const size_t at = b.size();
    b.resize(at + sizeof v);
    std::memcpy(b.data() + at, &v, sizeof v);
}

inline void put_str16(Bytes& b, const std::string& s) {
    put<uint16_t>(b, static_cast<uint16_t>(s.size()));
    b.insert(b.end(), s.begin(), s.end());
}

// A block: type, total length, the body padded to 4 bytes, the length again.
inline Bytes block(uint32_t type, Bytes body) {
    while (body.size() % 4 != 0) body.push_back(0);
    Bytes b;
    const uint32_t total = static_cast<uint32_t>(body.size() + 12);
    put(b, type);
    put(b, total);
    b.insert(b.end(), body.begin(), body.end());
    put(b, total);
    return b;
}

inline Bytes section_header(uint32_t magic = 0x1A2B3C4D, uint16_t major = 1) {
    Bytes body;
    put(body, magic);
    put<uint16_t>(body, major);
    put<uint16_t>(body, 2);
    put<uint64_t>(body, UINT64_MAX);  // section length: unknown
    return block(0x0A0D0D0A, body);
}

// A v2 event: header, 2-byte (or 4-byte for large types) lengths, parameters.
inline Bytes event(uint16_t type, uint64_t tid, uint64_t ts, const std::vector<Bytes>& params, bool large = false) {
    Bytes lens, data;
    for (const auto& p : params) {
        if (large) {
            put<uint32_t>(lens, static_cast<uint32_t>(p.size()));
        } else {
            put<uint16_t>(lens, static_cast<uint16_t>(p.size()));
        }
        data.insert(data.end(), p.begin(), p.end());
    }
    Bytes e;
    put(e, ts);
    put(e, tid);
    put<uint32_t>(e, static_cast<uint32_t>(26 + lens.size() + data.size()));
    put(e, type);
    put<uint32_t>(e, static_cast<uint32_t>(params.size()));
    e.insert(e.end(), lens.begin(), lens.end());
    e.insert(e.end(), data.begin(), data.end());
    return e;
}

// An event block v2 (0x216): the cpu, then the event.
inline Bytes event_block(const Bytes& evt, uint16_t cpu = 0) {
    Bytes body;
    put(body, cpu);
    body.insert(body.end(), evt.begin(), evt.end());
    return block(0x216, body);
}

// close exit (type 5, current layout: res, fd).
inline Bytes close_exit(uint64_t tid, uint64_t ts, int64_t fd) {
    Bytes res, fdp;
    put<int64_t>(res, 0);
    put<int64_t>(fdp, fd);
    return event(5, tid, ts, {res, fdp});
}

// A plugin event (322: plugin id, payload; 4-byte lengths).
inline Bytes plugin_event(uint32_t id, const std::string& payload, uint64_t ts) {
    Bytes idp;
    put(idp, id);
    return event(322, UINT64_MAX, ts, {idp, Bytes(payload.begin(), payload.end())}, true);
}

// A process list v9 entry's fields (without its leading length).
inline Bytes proc_entry_v9(uint64_t tid, const std::string& comm, const std::vector<std::string>& args) {
    Bytes e;
    put(e, tid);
    put(e, tid);  // pid
    put<uint64_t>(e, 1);  // ptid
    put<int64_t>(e, tid);  // sid
    put<int64_t>(e, tid);  // vpgid
    put_str16(e, comm);
    put_str16(e, "/usr/bin/" + comm);  // exe
    put_str16(e, "/usr/bin/" + comm);  // exepath
    std::string joined;
    for (const auto& a : args) joined += a + '\0';
    put_str16(e, joined);
    put_str16(e, "/tmp");  // cwd
    put<uint64_t>(e, 1024);  // fdlimit
    put<uint32_t>(e, 0);  // flags
    put<uint32_t>(e, 1000);  // uid
    put<uint32_t>(e, 1001);  // gid
    for (int i = 0; i < 3; ++i) put<uint32_t>(e, 0);  // vmsize, vmrss, vmswap
    put<uint64_t>(e, 0);  // pfmajor
    put<uint64_t>(e, 0);  // pfminor
    put_str16(e, std::string("HOME=/root") + '\0');  // env
    put<int64_t>(e, tid);  // vtid
    put<int64_t>(e, tid);  // vpid
    put_str16(e, std::string("cpu=/") + '\0');  // cgroups
    put_str16(e, "/");  // root
    return e;
}

inline Bytes proclist_v9(const std::vector<Bytes>& entries) {
    Bytes body;
    for (const auto& e : entries) {
        put<uint32_t>(body, static_cast<uint32_t>(e.size() + 4));
        body.insert(body.end(), e.begin(), e.end());
    }
    return block(0x215, body);
}

// An fd list v2 block of one thread with one file (FileV2).
inline Bytes fdlist_one_file(uint64_t tid, int64_t fd, const std::string& name) {
    Bytes entry;
    put(entry, fd);
    put<uint64_t>(entry, 42);  // ino
    put<uint8_t>(entry, 16);  // SCAP_FD_FILE_V2
    put<uint32_t>(entry, 1);  // open flags
    put_str16(entry, name);
    Bytes body;
    put(body, tid);
    put<uint32_t>(body, static_cast<uint32_t>(entry.size() + 4));
    body.insert(body.end(), entry.begin(), entry.end());
    return block(0x218, body);
}

inline Bytes concat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

}  // namespace capture_test
