// The engine of libscap's event conversion (the rules are conversion_table.cpp).
#include "conversion.hpp"

#include <cstring>
#include <limits>
#include <optional>

#include "raw_event.hpp"

namespace falcogen::host::capture {

namespace {

constexpr size_t kMaxEventSize = 64 * 1024;  // libscap's conversion buffers
constexpr int kMaxConversions = 50;  // libscap's bound on conversions of one event

const ConversionRule* find_rule(uint16_t type, uint8_t nparams) {
    static const std::unordered_map<uint32_t, const ConversionRule*> index = [] {
        std::unordered_map<uint32_t, const ConversionRule*> m;
        for (size_t i = 0; i < kConversionRuleCount; ++i) {
            const ConversionRule& r = kConversionRules[i];
            m.emplace((uint32_t(r.type) << 8) | r.nparams, &r);  // the first rule of a key wins, as in libscap
        }
        return m;
    }();
    auto it = index.find((uint32_t(type) << 8) | nparams);
    return it == index.end() ? nullptr : it->second;
}

// The size of a fixed-size parameter type (ppm_param_min_len_from_type), 0
// for the variable-size ones, nothing for the types libscap cannot size.
std::optional<uint32_t> fixed_size(uint8_t type) {
    switch (type) {
        case kPtInt8:
        case kPtUint8:
        case kPtFlags8:
        case kPtEnumflags8:
        case kPtSigtype: return 1;
        case kPtInt16:
        case kPtUint16:
        case kPtFlags16:
        case kPtEnumflags16:
        case kPtSyscallId:
        case kPtPort: return 2;
        case kPtInt32:
        case kPtUint32:
        case kPtFlags32:
        case kPtEnumflags32:
        case kPtUid:
        case kPtGid:
        case kPtMode:
        case kPtSigset:
        case kPtFd32:
        case kPtPid32:
        case kPtIpv4addr: return 4;
        case kPtInt64:
        case kPtUint64:
        case kPtReltime:
        case kPtAbstime:
        case kPtErrno:
        case kPtFd:
        case kPtPid: return 8;
        case kPtIpv6addr: return 16;
        case kPtBytebuf:
        case kPtCharbuf:
        case kPtSocktuple:
        case kPtFdlist:
        case kPtFspath:
        case kPtCharbufArray:
        case kPtCharbufPairArray:
        case kPtFsrelpath:
        case kPtDyn:
        case kPtSockaddr: return 0;
        default: return std::nullopt;
    }
}

// The converted event under construction: its length table is sized for
// its parameter count; parameters are appended in order.
class EventBuilder {
public:
    EventBuilder(Bytes& out, std::string& error) : out_(out), error_(error) {}

    // Header of `from` with `type` and `nparams`, and an empty length table.
    bool start(const Bytes& from, uint16_t type, uint32_t nparams) {
        const uint64_t table = kEventHeaderSize + uint64_t(nparams) * len_size_of(type);
        if (table > kMaxEventSize) return fail("converted event length would exceed conversion buffer size 65536");
        out_.assign(from.begin(), from.begin() + kEventHeaderSize);
        set_type(out_, type);
        set_nparams(out_, nparams);
        out_.resize(table, 0);
        return true;
    }
    // The parameters of `old`, lengths and data, as the first ones.
    bool copy_params(const Bytes& old) {
        const uint32_t n = evt_nparams(old);
        for (uint32_t i = 0; i < n; ++i) set_param_len(out_, i, param_len(old, i));
        const size_t data = param_offset(old, 0);
        if (out_.size() + (evt_len(old) - data) > kMaxEventSize) return too_big();
        out_.insert(out_.end(), old.begin() + data, old.begin() + evt_len(old));
        next_ = n;
        return true;
    }
    bool push(const uint8_t* data, uint32_t len) {
        const auto size = fixed_size(param_type_of(evt_type(out_), next_));
        if (!size) return unsized();
        const uint32_t max = *size != 0 ? *size : (len_size_of(evt_type(out_)) == 4 ? UINT32_MAX : UINT16_MAX);
        len = std::min(len, max);  // libscap caps a parameter to what its type holds
        if (out_.size() + len > kMaxEventSize) return too_big();
        set_param_len(out_, next_++, len);
        out_.insert(out_.end(), data, data + len);
        return true;
    }
    bool push_from(const Bytes& evt, uint32_t index) {
        return push(evt.data() + param_offset(evt, index), param_len(evt, index));
    }
    void push_empty() { set_param_len(out_, next_++, 0); }
    // The default value of the parameter's type: zeros, or -1 for uid and gid.
    bool push_default() {
        const uint8_t type = param_type_of(evt_type(out_), next_);
        const auto size = fixed_size(type);
        if (!size) return unsized();
        uint64_t value = (type == kPtUid || type == kPtGid) ? std::numeric_limits<uint32_t>::max() : 0;
        uint8_t bytes[8];
        std::memcpy(bytes, &value, sizeof bytes);
        return push(bytes, *size);
    }
    void finish() { set_len(out_, static_cast<uint32_t>(out_.size())); }
    uint32_t next_param() const { return next_; }

private:
    bool fail(const std::string& msg) {
        error_ = msg;
        return false;
    }
    bool too_big() { return fail("converted event length would exceed conversion buffer size 65536"); }
    bool unsized() {
        return fail("unexpected parameter type " + std::to_string(param_type_of(evt_type(out_), next_)) +
                    " for parameter " + std::to_string(next_) + " of event type " + std::to_string(evt_type(out_)));
    }

    Bytes& out_;
    std::string& error_;
    uint32_t next_ = 0;
};

// A string parameter without its trailing NUL (nothing if it has none).
std::optional<std::string> string_param(const Bytes& evt, uint32_t index) {
    if (evt_nparams(evt) <= index) return std::nullopt;
    const uint32_t len = param_len(evt, index);
    if (len == 0) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(&evt[param_offset(evt, index)]), len - 1);
}

// The container JSON of an old container event (id, type, name, image), as
// libscap writes it; nothing when the old event lacks one of them.
std::optional<std::string> container_json(const Bytes& old) {
    auto id = string_param(old, 0), name = string_param(old, 2), image = string_param(old, 3);
    if (!id || !name || !image || param_len(old, 1) > 4) return std::nullopt;
    uint32_t type = 0;
    std::memcpy(&type, &old[param_offset(old, 1)], param_len(old, 1));
    return "{\"id\":\"" + *id + "\",\"type\":" + std::to_string(type) + ",\"name\":\"" + *name + "\",\"image\":\"" +
           *image + "\"}";
}

std::string event_name(uint16_t type) {
    return std::string(known_type(type) ? kEventTable[type].name : "?") + (is_enter_type(type) ? "_E" : "_X");
}

std::vector<std::string> split_instructions(const char* text) {
    std::vector<std::string> tokens;
    std::string cur;
    for (const char* p = text;; ++p) {
        if (*p == ' ' || *p == '\0') {
            if (!cur.empty()) tokens.push_back(cur);
            cur.clear();
            if (*p == '\0') break;
        } else {
            cur += *p;
        }
    }
    return tokens;
}

bool missing_param(const char* which, const Bytes& evt, uint32_t num, std::string& error) {
    error = std::string("taking parameter ") + std::to_string(num) + " of " + which + " event " +
            event_name(evt_type(evt)) + ", which has " + std::to_string(evt_nparams(evt));
    return false;
}

// A parameter from the stored enter event (e/E), or its fallback.
bool push_from_enter(const std::string& t, const Bytes& evt, const Bytes* enter, EventBuilder& b, bool& used_enter,
                     std::string& error) {
    const uint32_t num = static_cast<uint32_t>(std::stoul(t.substr(1)));
    if (enter == nullptr) {  // no enter event (dropped, or a previous conversion had another type)
        if (t[0] == 'E') {
            b.push_empty();
            return true;
        }
        return b.push_default();
    }
    if (evt_type(*enter) != evt_type(evt) - 1) {
        error = "the enter event for '" + event_name(evt_type(evt)) + "' is not the right one: found '" +
                event_name(evt_type(*enter)) + "'";
        return false;
    }
    if (evt_nparams(*enter) <= num) return missing_param("enter", *enter, num, error);
    used_enter = true;
    return b.push_from(*enter, num);
}

// Writes the next parameter of the converted event as instruction `t` says.
bool run_instruction(const std::string& t, const Bytes& evt, const Bytes* enter, EventBuilder& b, bool& used_enter,
                     std::string& error) {
    switch (t[0]) {
        case 'z': b.push_empty(); return true;
        case 'd': return b.push_default();
        case 'o': {
            const uint32_t num = static_cast<uint32_t>(std::stoul(t.substr(1)));
            if (evt_nparams(evt) <= num) return missing_param("old", evt, num, error);
            return b.push_from(evt, num);
        }
        case 'e':
        case 'E': return push_from_enter(t, evt, enter, b, used_enter, error);
        case 'c':
        case 'C': {
            const auto json = container_json(evt);
            if (json) return b.push(reinterpret_cast<const uint8_t*>(json->c_str()), uint32_t(json->size() + 1));
            if (t[0] == 'C') {
                b.push_empty();
                return true;
            }
            return b.push_default();
        }
        default: error = "unknown conversion instruction '" + t + "'"; return false;
    }
}

}  // namespace

Convertibility convertibility(uint16_t type, uint32_t nparams) {
    const uint32_t flags = flags_of(type);
    if (!known_type(type) || (flags & kFlagUnused)) return Convertibility::kDrop;
    if (!(flags & kFlagConverterManaged)) {
        if (!(flags & kFlagOldVersion)) return Convertibility::kPass;
        return is_enter_type(type) ? Convertibility::kDrop : Convertibility::kError;
    }
    if (is_enter_type(type)) return Convertibility::kConvert;
    const uint32_t expected = nparams_of(type);
    if (nparams > expected) return Convertibility::kError;
    if ((flags & kFlagOldVersion) || nparams != expected) return Convertibility::kConvert;
    return Convertibility::kPass;
}

Verdict Converter::convert(Bytes& evt, std::string& error) {
    Convertibility c = convertibility(evt_type(evt), evt_nparams(evt));
    Bytes next;
    for (int n = 0; c == Convertibility::kConvert; ++n) {
        const uint16_t type = evt_type(evt);
        const uint32_t nparams = evt_nparams(evt);
        if (n == kMaxConversions) {
            error = "event type " + std::to_string(type) + " still needs a conversion after 50 of them";
            return Verdict::kError;
        }
        if (evt_len(evt) > kMaxEventSize) {
            error =
                "invalid event: len " + std::to_string(evt_len(evt)) + " is larger than the maximum event size 65536";
            return Verdict::kError;
        }
        const ConversionRule* rule = find_rule(type, static_cast<uint8_t>(nparams));
        if (rule == nullptr) {
            error = "event " + event_name(type) + " (type " + std::to_string(type) + ") with " +
                    std::to_string(nparams) + " parameters needs a conversion that libscap does not have";
            return Verdict::kError;
        }
        c = apply(*rule, evt, next, error);
        if (!next.empty()) evt.swap(next);
    }
    switch (c) {
        case Convertibility::kPass: return Verdict::kPass;
        case Convertibility::kDrop: return Verdict::kDrop;
        default:
            if (error.empty()) {
                error = "event " + event_name(evt_type(evt)) + " (type " + std::to_string(evt_type(evt)) + ") has " +
                        std::to_string(evt_nparams(evt)) + " parameters, more than the " +
                        std::to_string(nparams_of(evt_type(evt))) + " of its layout";
            }
            return Verdict::kError;
    }
}

Convertibility Converter::apply(const ConversionRule& rule, const Bytes& evt, Bytes& out, std::string& error) {
    out.clear();
    const uint64_t tid = evt_tid(evt);
    switch (rule.action) {
        case ConversionAction::kStore: stored_[tid] = evt; return Convertibility::kDrop;
        case ConversionAction::kStoreAndPass: stored_[tid] = evt; return Convertibility::kPass;
        case ConversionAction::kPass: return Convertibility::kPass;  // `out` stays empty: evt is final
        case ConversionAction::kAddParams:
        case ConversionAction::kChangeType: break;
    }
    const std::vector<std::string> tokens = split_instructions(rule.instructions);
    EventBuilder b(out, error);
    const bool add = rule.action == ConversionAction::kAddParams;
    const uint16_t new_type = add ? evt_type(evt) : rule.new_type;
    const uint32_t nparams = (add ? evt_nparams(evt) : 0) + static_cast<uint32_t>(tokens.size());
    if (!b.start(evt, new_type, nparams) || (add && !b.copy_params(evt))) return Convertibility::kError;
    auto stored = stored_.find(tid);
    const Bytes* enter = stored == stored_.end() ? nullptr : &stored->second;
    bool used_enter = false;
    for (const std::string& t : tokens) {
        if (!run_instruction(t, evt, enter, b, used_enter, error)) return Convertibility::kError;
    }
    if (used_enter) stored_.erase(tid);
    b.finish();
    return convertibility(evt_type(out), evt_nparams(out));
}

}  // namespace falcogen::host::capture
