// Field extraction: field arguments parsed as libsinsp does, the extract
// request, and the checks and copies of what plugin_extract_fields returns.
#include <falcogen/host/host.hpp>

#include <algorithm>
#include <cstring>

namespace falcogen::host {

namespace {

bool is_valid_index(const std::string& s, uint64_t& out) {
    if (s.empty() || (s.size() > 1 && s[0] == '0')) return false;
    if (s.find_first_not_of("0123456789") != std::string::npos) return false;
    try {
        size_t pos = 0;
        unsigned long long v = std::stoull(s, &pos);
        out = v;
        return pos == s.size();
    } catch (...) {
        return false;
    }
}

}  // namespace

bool Host::extract_applies(const HostEvent& evt) const {
    const uint16_t type = evt.type();
    if (!extract_types_.empty()) {
        if (std::find(extract_types_.begin(), extract_types_.end(), type) == extract_types_.end()) return false;
    } else {
        // Default set: every event type if the plugin's sources include
        // "syscall" (an empty list means every source), else only 322.
        const bool syscall_ok = extract_sources_.empty() || extract_sources_.count("syscall") != 0;
        if (!syscall_ok && type != kPluginEventType) return false;
    }
    if (!extract_sources_.empty() && !evt.source().empty() && extract_sources_.count(evt.source()) == 0) {
        return false;
    }
    return true;
}

ExtractResult Host::extract(const HostEvent& evt, const std::string& field) {
    return std::move(do_extract(evt, {field}).front());
}

std::vector<ExtractResult> Host::extract_many(const HostEvent& evt, const std::vector<std::string>& fields) {
    return do_extract(evt, fields);
}

std::vector<ExtractResult> Host::do_extract(const HostEvent& evt, const std::vector<std::string>& requests) {
    require_init("extract_fields");
    if (!(caps_ & CAP_EXTRACTION)) fail("plugin " + name_ + " has no field extraction capability");
    if (requests.empty()) return {};
    if (evt.bytes().size() < kEventHeaderSize) fail("cannot extract from an event shorter than its header");

    struct Req {
        const FieldInfo* info;
        std::string arg;
        bool present = false;
        bool has_key = false;
        uint64_t index = UINT64_MAX;
    };
    std::vector<Req> reqs;
    reqs.reserve(requests.size());
    for (const auto& r : requests) {
        Req q;
        std::string name = r;
        const size_t lb = r.find('[');
        if (lb != std::string::npos) {
            name = r.substr(0, lb);
            if (lb + 1 >= r.size())
                fail("field '" + r + "': " + name + " terminates with incomplete argument brackets");
            const size_t rb = r.find(']', lb + 1);
            if (rb == std::string::npos) fail("field '" + r + "': " + name + " has unbalanced argument brackets");
            if (rb != r.size() - 1)
                fail("field '" + r + "': unexpected text after the argument: '" + r.substr(rb + 1) + "'");
            q.arg = r.substr(lb + 1, rb - lb - 1);
            q.present = true;
        }
        q.info = find_field(name);
        if (q.info == nullptr) fail("plugin " + name_ + " has no field '" + name + "'");
        const FieldInfo& f = *q.info;
        if (q.present) {
            if (!f.arg_allowed() && !f.arg_required) {
                fail("field '" + r + "': " + f.name +
                     " does not allow nor require an argument but one is provided: " + q.arg);
            }
            bool indexed = false;
            if (f.arg_index) {
                uint64_t idx = 0;
                if (is_valid_index(q.arg, idx)) {
                    q.index = idx;
                    indexed = true;
                } else if (!f.arg_key) {
                    std::string why = (q.arg.size() > 1 && q.arg[0] == '0')
                                          ? " has an invalid index argument starting with 0: "
                                      : q.arg.find_first_not_of("0123456789") != std::string::npos || q.arg.empty()
                                          ? " has an invalid index argument not composed only by digits: "
                                          : " has an invalid index argument not representable on 64 bit: ";
                    fail("field '" + r + "': " + f.name + why + q.arg);
                }
            }
            (void)indexed;
            if (f.arg_key) q.has_key = true;
        } else if (f.arg_required) {
            fail("field '" + r + "': " + f.name + " requires an argument but none provided");
        }
        reqs.push_back(std::move(q));
    }

    std::vector<ExtractResult> results(reqs.size());
    for (size_t i = 0; i < reqs.size(); ++i) {
        results[i].field = requests[i];
        results[i].type = reqs[i].info->type;
        results[i].is_list = reqs[i].info->is_list;
    }
    if (!extract_applies(evt)) return results;  // libsinsp does not call the plugin: no value

    std::vector<ss_plugin_extract_field> ef(reqs.size());
    for (size_t i = 0; i < reqs.size(); ++i) {
        std::memset(&ef[i], 0, sizeof ef[i]);
        ef[i].field_id = reqs[i].info->id;
        ef[i].field = reqs[i].info->name.c_str();
        ef[i].arg_key = reqs[i].has_key ? reqs[i].arg.c_str() : nullptr;
        ef[i].arg_index = reqs[i].index;
        ef[i].arg_present = reqs[i].present ? 1 : 0;
        ef[i].ftype = static_cast<uint32_t>(reqs[i].info->type);
        ef[i].flist = reqs[i].info->is_list ? 1 : 0;
    }
    ss_plugin_extract_value_offsets vo{nullptr, nullptr};
    ss_plugin_field_extract_input in{};
    in.owner = this;
    in.get_owner_last_error = &Host::owner_last_error;
    in.num_fields = static_cast<uint32_t>(ef.size());
    in.fields = ef.data();
    in.table_reader_ext = nullptr;
    in.value_offsets = options_.request_value_offsets ? &vo : nullptr;

    ss_plugin_event_input ein{};
    ein.evt = evt.header();
    ein.evtnum = evt.evtnum();
    std::string src = evt.source().empty() ? events_source_name() : evt.source();
    ein.evtsrc = src.c_str();

    ss_plugin_rc rc = api_.extract_fields(state_, &ein, &in);
    std::string names;
    for (const auto& r : requests) names += (names.empty() ? "'" : ", '") + r + "'";
    if (rc != SS_PLUGIN_SUCCESS) {
        fail(err_prefix() + "extract_fields failed for " + names + ": " + plugin_error());
    }

    for (size_t i = 0; i < ef.size(); ++i) {
        const auto& f = *reqs[i].info;
        const uint64_t n = ef[i].res_len;
        const std::string where = "field " + requests[i];
        if (n == 0) continue;
        if (n > 1 && !f.is_list) {
            fail(err_prefix() + "extract_fields returned " + std::to_string(n) + " values for " + where +
                 ", which is not a list (isList false)");
        }
        if (n > (1u << 24))
            fail(err_prefix() + "extract_fields returned an absurd res_len " + std::to_string(n) + " for " + where);
        if (ef[i].res.u64 == nullptr) {
            fail(err_prefix() + "extract_fields returned res_len " + std::to_string(n) + " but a NULL result for " +
                 where);
        }
        auto& vals = results[i].values;
        for (uint64_t k = 0; k < n; ++k) {
            switch (f.type) {
                case FieldType::String: {
                    const char* s = ef[i].res.str[k];
                    if (s == nullptr)
                        fail(err_prefix() + "extract_fields returned a NULL string for " + where + " (value #" +
                             std::to_string(k) + ")");
                    vals.emplace_back(std::string(s));
                    break;
                }
                case FieldType::Uint64:
                case FieldType::Reltime:
                case FieldType::Abstime:
                    vals.emplace_back(ef[i].res.u64[k]);
                    break;
                case FieldType::Bool:
                    vals.emplace_back(ef[i].res.boolean[k] != 0);
                    break;
                case FieldType::Ipaddr:
                case FieldType::Ipnet: {
                    const ss_plugin_byte_buffer& b = ef[i].res.buf[k];
                    if (f.type == FieldType::Ipaddr && b.len != 4 && b.len != 16) {
                        fail(err_prefix() + "extract_fields returned an ipaddr of " + std::to_string(b.len) +
                             " bytes for " + where + " (expected 4 or 16)");
                    }
                    if (b.len == 0 || b.ptr == nullptr) {
                        fail(err_prefix() + "extract_fields returned an empty or NULL buffer for " + where);
                    }
                    const auto* p = static_cast<const uint8_t*>(b.ptr);
                    vals.emplace_back(Bytes(p, p + b.len));
                    break;
                }
            }
        }
        if (vo.start != nullptr && vo.length != nullptr) {
            results[i].offset_start = vo.start[i];
            results[i].offset_length = vo.length[i];
        }
    }
    return results;
}

}  // namespace falcogen::host
