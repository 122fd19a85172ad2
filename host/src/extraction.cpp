// Field extraction: field arguments parsed as libsinsp does, the extract
// request, and the checks and copies of what plugin_extract_fields returns.
#include <falcogen/host/host.hpp>

#include <algorithm>
#include <cstring>

#include "internal.hpp"
#include "tables_internal.hpp"

namespace falcogen::host {

namespace {

// One requested field, "name" or "name[arg]", checked against the plugin's fields.
struct FieldRequest {
    std::string spec;  // as requested, e.g. "x.tags[0]"
    const FieldInfo* info = nullptr;
    std::string arg;  // the text between the brackets
    bool arg_present = false;  // the request has brackets
    bool arg_is_key = false;  // the arg is passed as arg_key (the field has isKey)
    uint64_t arg_index = UINT64_MAX;  // the arg as an index, or (uint64)-1
};

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

// Splits req.spec into the field name (returned) and the bracketed argument,
// by libsinsp's bracket rules.
std::string split_field_spec(FieldRequest& req) {
    const std::string& r = req.spec;
    const size_t lb = r.find('[');
    if (lb == std::string::npos) return r;
    const std::string name = r.substr(0, lb);
    if (lb + 1 >= r.size()) {
        throw HostError("field '" + r + "': " + name + " terminates with incomplete argument brackets");
    }
    const size_t rb = r.find(']', lb + 1);
    if (rb == std::string::npos) throw HostError("field '" + r + "': " + name + " has unbalanced argument brackets");
    if (rb != r.size() - 1) {
        throw HostError("field '" + r + "': unexpected text after the argument: '" + r.substr(rb + 1) + "'");
    }
    req.arg = r.substr(lb + 1, rb - lb - 1);
    req.arg_present = true;
    return name;
}

// Why `arg` is not a valid index (the message part before the arg).
const char* invalid_index_reason(const std::string& arg) {
    if (arg.size() > 1 && arg[0] == '0') return " has an invalid index argument starting with 0: ";
    if (arg.find_first_not_of("0123456789") != std::string::npos || arg.empty()) {
        return " has an invalid index argument not composed only by digits: ";
    }
    return " has an invalid index argument not representable on 64 bit: ";
}

// The argument rules of the field: allowed, required, an index (isIndex) or a
// key (isKey; a bad index falls back to the key when the field has both).
void check_field_argument(FieldRequest& req) {
    const FieldInfo& f = *req.info;
    const std::string& r = req.spec;
    if (!req.arg_present) {
        if (f.arg_required) throw HostError("field '" + r + "': " + f.name + " requires an argument but none provided");
        return;
    }
    if (!f.arg_allowed() && !f.arg_required) {
        throw HostError("field '" + r + "': " + f.name +
                        " does not allow nor require an argument but one is provided: " + req.arg);
    }
    if (f.arg_index) {
        uint64_t idx = 0;
        if (is_valid_index(req.arg, idx)) {
            req.arg_index = idx;
        } else if (!f.arg_key) {
            throw HostError("field '" + r + "': " + f.name + invalid_index_reason(req.arg) + req.arg);
        }
    }
    if (f.arg_key) req.arg_is_key = true;
}

FieldRequest parse_field_request(const Host& host, const std::string& spec) {
    FieldRequest req;
    req.spec = spec;
    const std::string name = split_field_spec(req);
    req.info = host.find_field(name);
    if (req.info == nullptr) throw HostError("plugin " + host.name() + " has no field '" + name + "'");
    check_field_argument(req);
    return req;
}

std::vector<FieldRequest> parse_field_requests(const Host& host, const std::vector<std::string>& specs) {
    std::vector<FieldRequest> reqs;
    reqs.reserve(specs.size());
    for (const auto& spec : specs) reqs.push_back(parse_field_request(host, spec));
    return reqs;
}

// One result per request, typed after its field, with no value yet.
std::vector<ExtractResult> results_without_values(const std::vector<FieldRequest>& reqs) {
    std::vector<ExtractResult> results(reqs.size());
    for (size_t i = 0; i < reqs.size(); ++i) {
        results[i].field = reqs[i].spec;
        results[i].type = reqs[i].info->type;
        results[i].is_list = reqs[i].info->is_list;
    }
    return results;
}

// The ss_plugin_extract_field array of one plugin_extract_fields call (it
// points into `reqs`).
std::vector<ss_plugin_extract_field> extract_field_inputs(const std::vector<FieldRequest>& reqs) {
    std::vector<ss_plugin_extract_field> ef(reqs.size());
    for (size_t i = 0; i < reqs.size(); ++i) {
        std::memset(&ef[i], 0, sizeof ef[i]);
        ef[i].field_id = reqs[i].info->id;
        ef[i].field = reqs[i].info->name.c_str();
        ef[i].arg_key = reqs[i].arg_is_key ? reqs[i].arg.c_str() : nullptr;
        ef[i].arg_index = reqs[i].arg_index;
        ef[i].arg_present = reqs[i].arg_present ? 1 : 0;
        ef[i].ftype = static_cast<uint32_t>(reqs[i].info->type);
        ef[i].flist = reqs[i].info->is_list ? 1 : 0;
    }
    return ef;
}

// "'a', 'b'"
std::string quoted_list(const std::vector<std::string>& specs) {
    std::string names;
    for (const auto& r : specs) names += (names.empty() ? "'" : ", '") + r + "'";
    return names;
}

// The checks on res_len and res, before any value is read.
void check_result_array(const std::string& prefix, const std::string& where, const ss_plugin_extract_field& ef,
                        const FieldInfo& f) {
    const uint64_t n = ef.res_len;
    if (n > 1 && !f.is_list) {
        throw HostError(prefix + "extract_fields returned " + std::to_string(n) + " values for " + where +
                        ", which is not a list (isList false)");
    }
    if (n > (1u << 24)) {
        throw HostError(prefix + "extract_fields returned an absurd res_len " + std::to_string(n) + " for " + where);
    }
    if (ef.res.u64 == nullptr) {
        throw HostError(prefix + "extract_fields returned res_len " + std::to_string(n) + " but a NULL result for " +
                        where);
    }
}

// An ipaddr (4 or 16 bytes) or ipnet buffer, checked and copied.
Bytes copy_ip_buffer(const std::string& prefix, const std::string& where, const ss_plugin_byte_buffer& b,
                     FieldType type) {
    if (type == FieldType::Ipaddr && b.len != 4 && b.len != 16) {
        throw HostError(prefix + "extract_fields returned an ipaddr of " + std::to_string(b.len) + " bytes for " +
                        where + " (expected 4 or 16)");
    }
    if (b.len == 0 || b.ptr == nullptr) {
        throw HostError(prefix + "extract_fields returned an empty or NULL buffer for " + where);
    }
    const auto* p = static_cast<const uint8_t*>(b.ptr);
    return Bytes(p, p + b.len);
}

// Appends value #k of the result array, checked and copied, to `vals`.
void append_value(const std::string& prefix, const std::string& where, const ss_plugin_extract_field& ef,
                  FieldType type, uint64_t k, std::vector<ExtractValue>& vals) {
    switch (type) {
        case FieldType::String: {
            const char* s = ef.res.str[k];
            if (s == nullptr) {
                throw HostError(prefix + "extract_fields returned a NULL string for " + where + " (value #" +
                                std::to_string(k) + ")");
            }
            vals.emplace_back(std::string(s));
            break;
        }
        case FieldType::Uint64:
        case FieldType::Reltime:
        case FieldType::Abstime: vals.emplace_back(ef.res.u64[k]); break;
        case FieldType::Bool: vals.emplace_back(ef.res.boolean[k] != 0); break;
        case FieldType::Ipaddr:
        case FieldType::Ipnet: vals.emplace_back(copy_ip_buffer(prefix, where, ef.res.buf[k], type)); break;
    }
}

// Copies what the plugin returned for each field into `results`: the values
// and, when the plugin filled them, the value offsets.
void copy_results(const std::string& prefix, const std::vector<FieldRequest>& reqs,
                  const std::vector<ss_plugin_extract_field>& ef, const ss_plugin_extract_value_offsets& vo,
                  std::vector<ExtractResult>& results) {
    for (size_t i = 0; i < ef.size(); ++i) {
        if (ef[i].res_len == 0) continue;
        const FieldInfo& f = *reqs[i].info;
        const std::string where = "field " + reqs[i].spec;
        check_result_array(prefix, where, ef[i], f);
        for (uint64_t k = 0; k < ef[i].res_len; ++k) append_value(prefix, where, ef[i], f.type, k, results[i].values);
        if (vo.start != nullptr && vo.length != nullptr) {
            results[i].offset_start = vo.start[i];
            results[i].offset_length = vo.length[i];
        }
    }
}

}  // namespace

bool Host::extract_applies(const HostEvent& evt) const {
    return accepts_type(extract_types_, extract_sources_, evt.type()) && accepts_source(extract_sources_, evt.source());
}

bool Host::parse_applies(const HostEvent& evt) const {
    return (caps_ & CAP_PARSING) && accepts_type(parse_types_, parse_sources_, evt.type()) &&
           accepts_source(parse_sources_, evt.source());
}

ExtractResult Host::extract(const HostEvent& evt, const std::string& field) {
    return std::move(do_extract(evt, {field}).front());
}

std::vector<ExtractResult> Host::extract_many(const HostEvent& evt, const std::vector<std::string>& fields) {
    return do_extract(evt, fields);
}

std::vector<ExtractResult> Host::do_extract(const HostEvent& evt, const std::vector<std::string>& specs) {
    require_init("extract_fields");
    if (!(caps_ & CAP_EXTRACTION)) fail("plugin " + name_ + " has no field extraction capability");
    if (specs.empty()) return {};
    if (evt.bytes().size() < kEventHeaderSize) fail("cannot extract from an event shorter than its header");
    try {
        return extract_checked(evt, specs);
    } catch (const HostError&) {
        ++summary_.errors;  // the one count of whichever rule was broken
        throw;
    }
}

std::vector<ExtractResult> Host::extract_checked(const HostEvent& evt, const std::vector<std::string>& specs) {
    const std::vector<FieldRequest> reqs = parse_field_requests(*this, specs);
    std::vector<ExtractResult> results = results_without_values(reqs);
    if (!extract_applies(evt)) return results;  // libsinsp does not call the plugin: no value

    std::vector<ss_plugin_extract_field> ef = extract_field_inputs(reqs);
    ss_plugin_extract_value_offsets vo{nullptr, nullptr};
    if (call_extract_fields(evt, ef, vo) != SS_PLUGIN_SUCCESS) {
        throw HostError(err_prefix() + "extract_fields failed for " + quoted_list(specs) + ": " + plugin_error());
    }
    copy_results(err_prefix(), reqs, ef, vo, results);
    return results;
}

ss_plugin_rc Host::call_extract_fields(const HostEvent& evt, std::vector<ss_plugin_extract_field>& fields,
                                       ss_plugin_extract_value_offsets& offsets) {
    return call_extract_fields(evt, fields.data(), static_cast<uint32_t>(fields.size()),
                               options_.request_value_offsets ? &offsets : nullptr);
}

ss_plugin_rc Host::extract_fields_raw(const HostEvent& evt, ss_plugin_extract_field* fields, uint32_t count) {
    require_init("extract_fields_raw");
    return call_extract_fields(evt, fields, count, nullptr);
}

ss_plugin_rc Host::call_extract_fields(const HostEvent& evt, ss_plugin_extract_field* fields, uint32_t count,
                                       ss_plugin_extract_value_offsets* offsets) {
    ss_plugin_field_extract_input in{};
    in.owner = this;
    in.get_owner_last_error = &Host::owner_last_error;
    in.num_fields = count;
    in.fields = fields;
    in.value_offsets = offsets;
    const std::string src = source_for(*this, evt);
    const ss_plugin_event_input ein = event_input(evt, src);
    detail::TableCall call(table_owner_.get());
    in.table_reader = detail::by_value(call.reader);
    in.table_reader_ext = &call.reader;
    return api_.extract_fields(state_, &ein, &in);
}

}  // namespace falcogen::host
