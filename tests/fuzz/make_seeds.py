#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (checked in under corpus/).

    python3 tests/fuzz/make_seeds.py

Seeds are small, valid or nearly valid inputs of each target's format (see
the header comment of each fuzz_*.cpp); libFuzzer mutates from there.
"""
import gzip
import json
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def write(target, name, data):
    folder = os.path.join(HERE, "corpus", target)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def s(text):  # wire string: u32 length with NUL, bytes, NUL
    b = text.encode() + b"\0"
    return struct.pack("<I", len(b)) + b


def by(data):
    return struct.pack("<I", len(data)) + data


def hdr(tag, count):
    return struct.pack("<HH", tag, count)


def envelope(payload, plugin_id=999, type_=322, nparams=2):
    n = len(payload)
    return struct.pack("<QQIHI", 1, 2**64 - 1, 38 + n, type_, nparams) + struct.pack("<III", 4, n, plugin_id) + payload


SCALARS = hdr(1, 9) + struct.pack("<BbHhIiQqB", 1, -1, 2, -2, 3, -3, 4, -4, 1)
NET = hdr(2, 4) + bytes([10, 0, 0, 2]) + bytes([0xfe, 0x80] + [0] * 13 + [2]) + struct.pack("<QQ", 1772359200000000002, 2000)
BLOB = hdr(3, 3) + s("hi") + by(b"\xde\xad\x03") + struct.pack("<I", 3)
TEXT = hdr(9, 1) + s("hi#4")


def main():
    # abi_robust: flags, argument byte, then event_data (flags bit 0 = 0) or a whole event (bit 0 = 1).
    for name, payload in [("scalars", SCALARS), ("net", NET), ("blob", BLOB), ("text", TEXT)]:
        write("abi_robust", name, bytes([0, 2]) + payload)
        write("abi_robust", name + "-raw", bytes([1, 0]) + envelope(payload))
        write("abi_robust", name + "-syscall", bytes([2, 1]) + payload)
    write("abi_robust", "old-blob", bytes([0, 3]) + hdr(3, 1) + s("old"))
    write("abi_robust", "new-blob", bytes([0, 3]) + hdr(3, 5) + s("new") + by(b"") + struct.pack("<I", 1) + b"xyz")
    write("abi_robust", "other-plugin", bytes([4, 0]) + SCALARS)
    write("abi_robust", "async", bytes([1, 0]) + envelope(s("name") + b"data", type_=402, nparams=3))
    write("abi_robust", "syscall-event", bytes([3, 0]) + struct.pack("<QQIHI", 1, 2, 26 + 4 + 6, 3, 2) +
          struct.pack("<HH", 2, 4) + b"ab" + b"\0\0\0\x01")

    # abi_json: the same framing around JSON documents.
    docs = [
        {"user": {"name": "alice"}, "count": 3, "ok": True, "tags": ["a", "b"], "labels": {"app": "web"},
         "nums": [1, 2, 3], "addr": "10.0.0.1", "net": "10.0.0.0/8", "at": 1772359200000000000, "took": 5,
         "flags": [True, False], "addrs": ["::1", "192.168.0.1"], "a/b": {"c~d": "escaped"}},
        {"user": {"name": 7}, "count": -1, "ok": "yes", "tags": {}, "labels": [], "addr": "::ffff:1.2.3.4",
         "net": "fe80::/10", "at": 1.5, "took": "3"},
        {"count": 18446744073709551615, "nums": [18446744073709551616, -5, 2.5], "addr": "300.1.1.1"},
        [1, 2, 3],
        "just a string",
    ]
    for i, d in enumerate(docs):
        write("abi_json", "doc%d" % i, bytes([0, 1]) + json.dumps(d).encode())
    write("abi_json", "not-json", bytes([0, 0]) + b'{"user": ')
    write("abi_json", "deep", bytes([0, 0]) + b"[" * 2000 + b"]" * 2000)
    write("abi_json", "nul", bytes([0, 0]) + b'{"user": {"name": "a\\u0000b"}}')

    # config: init config texts.
    configs = [
        "", "{}", '{"batch_size": 3, "ratio": 1, "word": "xyz", "tags": ["a", "b"]}',
        '{"peers": [{"host": "h1"}, {"host": "h2", "port": 80}], "tls": {"enabled": true, "client": {"cert_file": "c"}}}',
        '{"throw_in": "open", "throw_kind": "other"}', '{"throw_in": "next_batch"}', '{"throw_in": "close"}',
        '{"throw_in": "destroy", "throw_kind": "error"}', '{"batch_size": 1e300}', '{"greeting": "\\u00e9\\ud83d\\ude00"}',
        '{"word": "a", "tags": ["123456789"]}', '{"peers": [{}]}', "[1]", "{", '{"tls": {"x": 1}}',
    ]
    for i, c in enumerate(configs):
        write("config", "config%d.json" % i, c)

    # decoders: byte 0 selects the decoder.
    write("decoders", "envelope", bytes([0]) + envelope(SCALARS))
    write("decoders", "envelope-async", bytes([0]) + envelope(s("n") + b"d", type_=402, nparams=3))
    write("decoders", "reader", bytes([1, 10]) + bytes([9, 0, 1, 10, 2, 4, 5, 6, 7, 8]) + SCALARS + NET + BLOB)
    write("decoders", "reader-lengths", bytes([1, 3, 7, 8, 7]) + struct.pack("<I", 0xFFFFFFFF) + b"ab")
    write("decoders", "roundtrip", bytes([2]) + BLOB)
    write("decoders", "text", bytes([3]) + struct.pack("<Q", 1772359200000000002) + bytes(range(70)))

    capture_seeds()


# ---- captures (fuzz_capture: the bytes of a plain capture) ----

def block(type_, body):
    body += b"\0" * (-len(body) % 4)
    total = len(body) + 12
    return struct.pack("<II", type_, total) + body + struct.pack("<I", total)


SHB = block(0x0A0D0D0A, struct.pack("<IHHQ", 0x1A2B3C4D, 1, 2, 2**64 - 1))


def scap_event(type_, tid, params, large=False):
    lens = b"".join(struct.pack("<I" if large else "<H", len(p)) for p in params)
    return struct.pack("<QQIHI", 7, tid, 26 + len(lens) + sum(map(len, params)), type_, len(params)) + lens + b"".join(params)


def str16(text):
    return struct.pack("<H", len(text)) + text


def proc_v9(tid, comm):
    e = struct.pack("<QQQqq", tid, tid, 1, tid, tid) + str16(comm) + str16(b"/bin/" + comm) * 2 + str16(b"a\0b\0")
    e += str16(b"/") + struct.pack("<QIII", 1024, 0, 0, 0) + struct.pack("<IIIQQ", 0, 0, 0, 0, 0) + str16(b"E=1\0")
    e += struct.pack("<qq", tid, tid) + str16(b"cpu=/\0") + str16(b"/") + struct.pack("<QII", 0, 0, 4294967295)
    return struct.pack("<I", len(e) + 4) + e


def fd_v2(fd, type_, info):
    e = struct.pack("<qQB", fd, 1, type_) + info
    return struct.pack("<I", len(e) + 4) + e


def capture_seeds():
    close_x = scap_event(5, 10, [struct.pack("<q", 0), struct.pack("<q", 3)])
    fds = fd_v2(3, 16, struct.pack("<I", 1) + str16(b"/etc/passwd")) + fd_v2(4, 3, struct.pack("<IIHHB", 1, 2, 3, 4, 6))
    fds += fd_v2(5, 8, struct.pack("<QQ", 1, 2) + str16(b"/run/x.sock"))
    crafted = SHB + block(0x201, struct.pack("<IQQ", 2, 1 << 30, 4096) + b"host".ljust(128, b"\0") + bytes(32))
    crafted += block(0x215, proc_v9(10, b"cat") + proc_v9(11, b"ls")) + block(0x218, struct.pack("<Q", 10) + fds)
    crafted += block(0x216, struct.pack("<H", 0) + close_x)
    crafted += block(0x217, struct.pack("<HI", 1, 0) + close_x)
    crafted += block(0x221, struct.pack("<H", 0) + scap_event(322, 2**64 - 1, [struct.pack("<I", 999), b"hi"], True))
    write("capture", "crafted", crafted)
    write("capture", "two-sections", crafted + crafted)
    # old layouts: a v1 event (no nparams) and an enter event folded into its exit
    v1 = struct.pack("<QQIH", 7, 10, 22 + 2 + 8, 4) + struct.pack("<H", 8) + struct.pack("<q", 3)
    write("capture", "old-events", SHB + block(0x204, struct.pack("<H", 0) + v1) +
          block(0x216, struct.pack("<H", 0) + scap_event(4, 10, [struct.pack("<q", 3)])) +
          block(0x216, struct.pack("<H", 0) + scap_event(5, 10, [struct.pack("<q", 0)])))
    # the first blocks of the host tests' real capture (process list v?, fd lists, events)
    real = gzip.open(os.path.join(HERE, "..", "host", "data", "curl_google.scap")).read()
    end, events = 0, 0
    while events < 20:
        type_, length = struct.unpack_from("<II", real, end)
        events += type_ in (0x204, 0x208, 0x216, 0x217, 0x221, 0x222)
        end += length
    write("capture", "real-prefix", real[:end])


if __name__ == "__main__":
    main()
