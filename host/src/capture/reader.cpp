// CaptureReader: sections, metadata blocks, then events, as libscap reads
// them and as libsinsp numbers and hides them.
#include <falcogen/host/capture.hpp>

#include <unordered_map>

#include "blocks.hpp"
#include "conversion.hpp"
#include "events.hpp"
#include "metadata.hpp"

namespace falcogen::host {

using namespace capture;

namespace {

constexpr uint32_t kStateOnly = 1;  // SCAP_DF_STATE_ONLY
constexpr size_t kMaxWarnings = 20;

// The enter events libsinsp parses and then hides (sinsp.cpp's
// sinsp_evt_filter): open, openat, openat2, creat, connect, execve, execveat.
bool hidden_by_libsinsp(uint16_t type) {
    switch (type) {
        case 2:
        case 306:
        case 326:
        case 58:
        case 22:
        case 292:
        case 330: return true;
        default: return false;
    }
}

// The events libsinsp's open consumes while they lead the capture
// (sinsp::is_initialstate_event): container JSON 2, users and groups added
// or deleted, and async events (those dump_state wrote when the capture was
// made). It parses them and returns none (consume_initialstate_events).
bool initial_state_type(uint16_t type) {
    switch (type) {
        case 324:
        case 354:
        case 356:
        case 358:
        case 360:
        case 402: return true;
        default: return false;
    }
}

}  // namespace

struct CaptureReader::Impl {
    Impl(std::unique_ptr<ByteSource> source, std::string name, CaptureOptions opts)
        : options(std::move(opts)), blocks(std::move(source), std::move(name), options.max_block_size) {}

    CaptureOptions options;
    BlockReader blocks;
    uint16_t major = 0, minor = 0;
    std::optional<MachineInfo> machine;
    std::vector<CaptureThread> threads;
    std::unordered_map<uint64_t, size_t> thread_index;
    CaptureStats stats;
    Converter converter;
    std::optional<Block> pending;  // the event block that ended the metadata
    bool changed = false;
    uint64_t next_evtnum = 1;
    bool initial_state = true;  // no event but initial-state ones read yet

    [[noreturn]] void fail(const Block& b, const std::string& what) const {
        blocks.fail(b.offset, block_name(b.type) + ": " + what);
    }
    void open_first_section();
    void read_section(const Block& shb, bool first);
    void check_section_header(const Block& shb);
    void read_metadata(const Block& b);
    void add_threads(std::vector<CaptureThread> list);
    void add_fd(uint64_t tid, CaptureFd fd);
    bool next_block(Block& b);
    std::optional<CaptureEvent> event_from(const Block& b);
    void warn(const std::string& what);
};

void CaptureReader::Impl::open_first_section() {
    Block b;
    if (!blocks.next(b)) blocks.fail(0, "empty file (no section header block)");
    if (b.type != kSectionHeader) {
        blocks.fail(0, "not a capture: the first block is " + block_name(b.type) + ", not a section header block");
    }
    read_section(b, true);
}

void CaptureReader::Impl::check_section_header(const Block& shb) {
    ++stats.blocks;
    if (shb.total_length < kBlockOverhead + 16) {
        fail(shb, "total length " + std::to_string(shb.total_length) + " is less than 28");
    }
    Cursor c(shb.body);
    const uint32_t magic = c.get<uint32_t>("byte order magic");
    if (magic == 0x4D3C2B1A)
        fail(shb, "the capture was written in the other byte order (not supported, as by libscap)");
    if (magic != kSectionMagic)
        fail(
            shb, "invalid byte order magic 0x" + [&] {
                char hex[16];
                std::snprintf(hex, sizeof hex, "%08x", magic);
                return std::string(hex);
            }() + " (expected 0x1a2b3c4d)");
    major = c.get<uint16_t>("major version");
    minor = c.get<uint16_t>("minor version");
    if (major > kMaxMajorVersion) {
        fail(shb, "version " + std::to_string(major) + "." + std::to_string(minor) +
                      " is newer than this reader (major version 1)");
    }
    ++stats.sections;
}

// A section: its header, then the metadata blocks up to the first event block.
void CaptureReader::Impl::read_section(const Block& shb, bool first) {
    check_section_header(shb);
    machine.reset();
    threads.clear();
    thread_index.clear();
    converter.clear();
    Block b;
    while (true) {
        if (!blocks.next(b)) {
            if (first) blocks.fail(blocks.offset(), "no events in file");
            return;
        }
        if (is_event_block(b.type)) {
            pending = std::move(b);
            return;
        }
        if (b.type == kSectionHeader) fail(b, "a section header where metadata or events were expected");
        ++stats.blocks;
        try {
            read_metadata(b);
        } catch (const FormatError& e) {
            fail(b, e.what());
        }
        if (b.trailer != b.total_length) {
            fail(b, "wrong block total length: header " + std::to_string(b.total_length) + ", trailer " +
                        std::to_string(b.trailer));
        }
    }
}

void CaptureReader::Impl::read_metadata(const Block& b) {
    if (b.type == kMachineInfo || b.type == kMachineInfoInt) {
        machine = parse_machine_info(b.body);
    } else if (const int version = proclist_version(b.type)) {
        add_threads(parse_proclist(version, b.body));
    } else if (b.type == kFdList || b.type == kFdListInt || b.type == kFdListV2) {
        parse_fdlist(b.type == kFdListV2, b.body, [this](uint64_t tid, CaptureFd fd) { add_fd(tid, std::move(fd)); });
    } else {
        ++stats.skipped_blocks;  // interface and user lists, and blocks this reader does not know
    }
}

void CaptureReader::Impl::add_threads(std::vector<CaptureThread> list) {
    for (auto& t : list) {
        auto it = thread_index.find(t.tid);
        if (it != thread_index.end()) {
            threads[it->second] = std::move(t);  // a tid listed again replaces its entry
        } else {
            thread_index.emplace(t.tid, threads.size());
            threads.push_back(std::move(t));
        }
    }
}

void CaptureReader::Impl::add_fd(uint64_t tid, CaptureFd fd) {
    auto it = thread_index.find(tid);
    if (it == thread_index.end()) {  // an fd list before (or without) its thread: a thread with only its tid
        CaptureThread t;
        t.tid = tid;
        t.pid = tid;
        it = thread_index.emplace(tid, threads.size()).first;
        threads.push_back(std::move(t));
    }
    const int64_t num = fd.fd;
    threads[it->second].fds[num] = std::move(fd);
}

bool CaptureReader::Impl::next_block(Block& b) {
    if (pending) {
        b = std::move(*pending);
        pending.reset();
        return true;
    }
    return blocks.next(b);
}

void CaptureReader::Impl::warn(const std::string& what) {
    if (stats.warnings.size() < kMaxWarnings) stats.warnings.push_back(what);
}

// The event of an event block as libsinsp gets it, or nothing when libscap
// does not pass it on.
std::optional<CaptureEvent> CaptureReader::Impl::event_from(const Block& b) {
    DecodedEvent d;
    try {
        if (!decode_event_block(b, d)) {
            ++stats.unknown_types;
            return std::nullopt;
        }
    } catch (const FormatError& e) {
        fail(b, e.what());
    }
    if (options.convert) {
        std::string error;
        const Verdict v = converter.convert(d.evt, error);
        if (v == Verdict::kDrop) ++stats.dropped;
        if (v == Verdict::kError) {
            ++stats.conversion_errors;
            warn("offset " + std::to_string(b.offset) + ": event skipped, as libsinsp skips it: " + error);
        }
        if (v != Verdict::kPass) return std::nullopt;
    }
    CaptureEvent ce;
    const uint16_t type = evt_type(d.evt);
    ce.cpu = d.cpu;
    ce.dump_flags = d.dump_flags;
    initial_state = initial_state && initial_state_type(type);
    ce.hidden = hidden_by_libsinsp(type) || (d.dump_flags & kStateOnly) != 0 || initial_state;
    std::string source = "syscall";
    if (type == kPluginEventType) {
        source.clear();
        ce.known_source = false;
        if (evt_nparams(d.evt) >= 1 && param_len(d.evt, 0) == 4) {
            auto it = options.plugin_sources.find(load<uint32_t>(&d.evt[param_offset(d.evt, 0)]));
            if (it != options.plugin_sources.end()) {
                source = it->second;
                ce.known_source = true;
            }
        }
    }
    ce.event = HostEvent(std::move(d.evt), next_evtnum++, std::move(source));
    ++stats.events;
    return ce;
}

// ---- CaptureReader --------------------------------------------------------------------------

CaptureReader::CaptureReader(const std::string& path, CaptureOptions options)
    : impl_(std::make_unique<Impl>(open_file_source(path), path, std::move(options))) {
    impl_->open_first_section();
}

CaptureReader::CaptureReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {
    impl_->open_first_section();
}

std::unique_ptr<CaptureReader> CaptureReader::from_memory(std::vector<uint8_t> bytes, const std::string& name,
                                                          CaptureOptions options) {
    auto impl = std::make_unique<Impl>(memory_source(std::move(bytes)), name, std::move(options));
    return std::unique_ptr<CaptureReader>(new CaptureReader(std::move(impl)));
}

CaptureReader::~CaptureReader() = default;

const std::string& CaptureReader::path() const {
    return impl_->blocks.name();
}
uint16_t CaptureReader::major_version() const {
    return impl_->major;
}
uint16_t CaptureReader::minor_version() const {
    return impl_->minor;
}
const std::optional<MachineInfo>& CaptureReader::machine_info() const {
    return impl_->machine;
}
const std::vector<CaptureThread>& CaptureReader::threads() const {
    return impl_->threads;
}
const CaptureThread* CaptureReader::find_thread(uint64_t tid) const {
    auto it = impl_->thread_index.find(tid);
    return it == impl_->thread_index.end() ? nullptr : &impl_->threads[it->second];
}
bool CaptureReader::section_changed() const {
    return impl_->changed;
}
const CaptureStats& CaptureReader::stats() const {
    return impl_->stats;
}
uint64_t CaptureReader::offset() const {
    return impl_->blocks.offset();
}

std::optional<CaptureEvent> CaptureReader::next() {
    Impl& m = *impl_;
    m.changed = false;
    Block b;
    while (m.next_block(b)) {
        if (b.type == kSectionHeader) {  // concatenated captures: libsinsp restarts with the new section
            m.read_section(b, false);
            m.changed = true;
            continue;
        }
        if (!is_event_block(b.type)) {
            m.fail(b, "unexpected after the events (only a section header may start a new section)");
        }
        ++m.stats.blocks;
        ++m.stats.event_blocks;
        if (auto evt = m.event_from(b)) return evt;
    }
    return std::nullopt;
}

}  // namespace falcogen::host
