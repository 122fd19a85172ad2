// The init-config validator: a small JSON Schema (draft-07) checker over nlohmann::json.
#include <falcogen/host/json_schema.hpp>

#include <falcogen/host/error.hpp>

#include <cmath>
#include <regex>

namespace falcogen::host {

using nlohmann::json;

namespace {

// JSON Pointer escaping of one reference token.
std::string escape_token(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '~') {
            out += "~0";
        } else if (c == '/') {
            out += "~1";
        } else {
            out += c;
        }
    }
    return out;
}

std::string unescape_token(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '~' && i + 1 < s.size() && (s[i + 1] == '0' || s[i + 1] == '1')) {
            out += s[i + 1] == '0' ? '~' : '/';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string display_path(const std::string& p) {
    return p.empty() ? "<root>" : p;
}

bool is_integer(const json& v) {
    if (v.is_number_integer()) {
        return true;
    }
    if (v.is_number_float()) {
        double d = v.get<double>();
        return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
}

const char* type_of(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "integer";
        case json::value_t::number_float: return is_integer(v) ? "integer" : "number";
        case json::value_t::string: return "string";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        default: return "unknown";
    }
}

bool has_type(const json& v, const std::string& t) {
    if (t == "null") return v.is_null();
    if (t == "boolean") return v.is_boolean();
    if (t == "integer") return is_integer(v);
    if (t == "number") return v.is_number();
    if (t == "string") return v.is_string();
    if (t == "array") return v.is_array();
    if (t == "object") return v.is_object();
    return false;  // unknown type names match nothing
}

// Number of Unicode code points of a UTF-8 string (JSON Schema lengths count characters).
size_t utf8_length(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) {
            ++n;
        }
    }
    return n;
}

// JSON equality where 1 == 1.0 (as JSON Schema requires).
bool json_equal(const json& a, const json& b) {
    if (a.is_number() && b.is_number()) {
        if (a.is_number_float() || b.is_number_float()) {
            return a.get<double>() == b.get<double>();
        }
        if (a.is_number_unsigned() && b.is_number_unsigned()) {
            return a.get<uint64_t>() == b.get<uint64_t>();
        }
        if (a.is_number_unsigned() || b.is_number_unsigned()) {
            const json& u = a.is_number_unsigned() ? a : b;
            const json& s = a.is_number_unsigned() ? b : a;
            return s.get<int64_t>() >= 0 && static_cast<uint64_t>(s.get<int64_t>()) == u.get<uint64_t>();
        }
        return a.get<int64_t>() == b.get<int64_t>();
    }
    if (a.type() != b.type()) {
        return false;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i) {
            if (!json_equal(a[i], b[i])) return false;
        }
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            auto jt = b.find(it.key());
            if (jt == b.end() || !json_equal(it.value(), *jt)) return false;
        }
        return true;
    }
    return a == b;
}

// Compares numbers without losing precision on large integers where possible.
int compare_numbers(const json& a, const json& b) {
    if (a.is_number_integer() && b.is_number_integer() && !a.is_number_unsigned() && !b.is_number_unsigned()) {
        auto x = a.get<int64_t>(), y = b.get<int64_t>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.is_number_unsigned() && b.is_number_unsigned()) {
        auto x = a.get<uint64_t>(), y = b.get<uint64_t>();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    double x = a.get<double>(), y = b.get<double>();
    return x < y ? -1 : (x > y ? 1 : 0);
}

std::string short_dump(const json& v) {
    std::string s = v.dump();
    if (s.size() > 80) {
        s = s.substr(0, 77) + "...";
    }
    return s;
}

class Validator {
public:
    explicit Validator(const json& root) : root_(root) {}

    std::optional<SchemaViolation> check(const json& schema, const json& v, const std::string& path, int depth = 0) {
        if (depth > 64) {
            throw HostError("JSON schema nesting too deep (recursive $ref?)");
        }
        if (schema.is_boolean()) {
            if (schema.get<bool>()) return std::nullopt;
            return fail(path, "the schema 'false' rejects every value");
        }
        if (!schema.is_object()) {
            throw HostError("invalid JSON schema at " + display_path(path) +
                            ": a schema must be an object or a boolean");
        }

        if (auto ref = schema.find("$ref"); ref != schema.end()) {
            // draft-07: $ref overrides any sibling keyword.
            return check(resolve(*ref), v, path, depth + 1);
        }

        if (auto r = check_type(schema, v, path)) return r;
        if (auto r = check_enum_const(schema, v, path)) return r;
        if (v.is_number()) {
            if (auto r = check_number(schema, v, path)) return r;
        }
        if (v.is_string()) {
            if (auto r = check_string(schema, v, path)) return r;
        }
        if (v.is_array()) {
            if (auto r = check_array(schema, v, path, depth)) return r;
        }
        if (v.is_object()) {
            if (auto r = check_object(schema, v, path, depth)) return r;
        }
        return check_combinators(schema, v, path, depth);
    }

private:
    static std::optional<SchemaViolation> fail(const std::string& path, std::string msg) {
        return SchemaViolation{display_path(path), std::move(msg)};
    }

    const json& resolve(const json& ref) {
        if (!ref.is_string()) {
            throw HostError("invalid JSON schema: $ref is not a string");
        }
        const std::string r = ref.get<std::string>();
        if (r.empty() || r[0] != '#') {
            throw HostError("unsupported $ref '" + r +
                            "' (only local references like '#/definitions/x' are supported)");
        }
        const json* cur = &root_;
        size_t pos = 1;
        if (pos < r.size() && r[pos] != '/') {
            throw HostError("unsupported $ref '" + r + "'");
        }
        while (pos < r.size()) {
            size_t next = r.find('/', pos + 1);
            std::string tok =
                unescape_token(r.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1));
            if (cur->is_object() && cur->contains(tok)) {
                cur = &(*cur)[tok];
            } else if (cur->is_array() && !tok.empty() && tok.find_first_not_of("0123456789") == std::string::npos &&
                       std::stoul(tok) < cur->size()) {
                cur = &(*cur)[std::stoul(tok)];
            } else {
                throw HostError("unresolvable $ref '" + r + "' in the JSON schema");
            }
            if (next == std::string::npos) break;
            pos = next;
        }
        return *cur;
    }

    std::optional<SchemaViolation> check_type(const json& s, const json& v, const std::string& path) {
        auto t = s.find("type");
        if (t == s.end()) return std::nullopt;
        std::vector<std::string> types;
        if (t->is_string()) {
            types.push_back(t->get<std::string>());
        } else if (t->is_array()) {
            for (const auto& e : *t) {
                if (!e.is_string())
                    throw HostError("invalid JSON schema at " + display_path(path) +
                                    ": 'type' entries must be strings");
                types.push_back(e.get<std::string>());
            }
        } else {
            throw HostError("invalid JSON schema at " + display_path(path) + ": 'type' must be a string or an array");
        }
        for (const auto& ty : types) {
            if (has_type(v, ty)) return std::nullopt;
        }
        std::string expected;
        for (size_t i = 0; i < types.size(); ++i) {
            expected += (i ? " or " : "") + std::string("'") + types[i] + "'";
        }
        return fail(path,
                    "value " + short_dump(v) + " has type '" + type_of(v) + "' but the schema expects " + expected);
    }

    std::optional<SchemaViolation> check_enum_const(const json& s, const json& v, const std::string& path) {
        if (auto e = s.find("enum"); e != s.end() && e->is_array()) {
            bool found = false;
            for (const auto& c : *e) {
                if (json_equal(c, v)) {
                    found = true;
                    break;
                }
            }
            if (!found) return fail(path, "value " + short_dump(v) + " is not one of " + short_dump(*e));
        }
        if (auto c = s.find("const"); c != s.end()) {
            if (!json_equal(*c, v))
                return fail(path, "value " + short_dump(v) + " is not the constant " + short_dump(*c));
        }
        return std::nullopt;
    }

    std::optional<SchemaViolation> check_number(const json& s, const json& v, const std::string& path) {
        auto num = [&](const char* k) -> const json* {
            auto it = s.find(k);
            return it != s.end() && it->is_number() ? &*it : nullptr;
        };
        auto flag = [&](const char* k) {
            auto it = s.find(k);
            return it != s.end() && it->is_boolean() && it->get<bool>();
        };
        if (const json* m = num("minimum")) {
            if (flag("exclusiveMinimum")) {  // draft-04 form
                if (compare_numbers(v, *m) <= 0)
                    return fail(path, "value " + v.dump() + " is not greater than exclusive minimum " + m->dump());
            } else if (compare_numbers(v, *m) < 0) {
                return fail(path, "value " + v.dump() + " is less than minimum " + m->dump());
            }
        }
        if (const json* m = num("maximum")) {
            if (flag("exclusiveMaximum")) {
                if (compare_numbers(v, *m) >= 0)
                    return fail(path, "value " + v.dump() + " is not less than exclusive maximum " + m->dump());
            } else if (compare_numbers(v, *m) > 0) {
                return fail(path, "value " + v.dump() + " is greater than maximum " + m->dump());
            }
        }
        if (const json* m = num("exclusiveMinimum")) {
            if (compare_numbers(v, *m) <= 0)
                return fail(path, "value " + v.dump() + " is not greater than exclusive minimum " + m->dump());
        }
        if (const json* m = num("exclusiveMaximum")) {
            if (compare_numbers(v, *m) >= 0)
                return fail(path, "value " + v.dump() + " is not less than exclusive maximum " + m->dump());
        }
        if (const json* m = num("multipleOf")) {
            double d = m->get<double>();
            if (d > 0) {
                double q = v.get<double>() / d;
                if (std::fabs(q - std::round(q)) > 1e-9)
                    return fail(path, "value " + v.dump() + " is not a multiple of " + m->dump());
            }
        }
        return std::nullopt;
    }

    std::optional<SchemaViolation> check_string(const json& s, const json& v, const std::string& path) {
        const std::string& str = v.get_ref<const std::string&>();
        const size_t n = utf8_length(str);
        if (auto m = s.find("minLength"); m != s.end() && m->is_number()) {
            if (n < m->get<double>())
                return fail(path, "string " + short_dump(v) + " is shorter than minLength " + m->dump());
        }
        if (auto m = s.find("maxLength"); m != s.end() && m->is_number()) {
            if (n > m->get<double>())
                return fail(path, "string " + short_dump(v) + " is longer than maxLength " + m->dump());
        }
        if (auto p = s.find("pattern"); p != s.end() && p->is_string()) {
            std::regex re;
            try {
                re = std::regex(p->get<std::string>(), std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                throw HostError("invalid JSON schema: pattern '" + p->get<std::string>() +
                                "' is not a valid regex: " + e.what());
            }
            if (!std::regex_search(str, re))
                return fail(path,
                            "string " + short_dump(v) + " does not match pattern '" + p->get<std::string>() + "'");
        }
        return std::nullopt;
    }

    std::optional<SchemaViolation> check_array(const json& s, const json& v, const std::string& path, int depth) {
        if (auto m = s.find("minItems"); m != s.end() && m->is_number()) {
            if (v.size() < m->get<double>())
                return fail(path, "array has " + std::to_string(v.size()) + " items, fewer than minItems " + m->dump());
        }
        if (auto m = s.find("maxItems"); m != s.end() && m->is_number()) {
            if (v.size() > m->get<double>())
                return fail(path, "array has " + std::to_string(v.size()) + " items, more than maxItems " + m->dump());
        }
        if (auto u = s.find("uniqueItems"); u != s.end() && u->is_boolean() && u->get<bool>()) {
            for (size_t i = 0; i < v.size(); ++i) {
                for (size_t j = i + 1; j < v.size(); ++j) {
                    if (json_equal(v[i], v[j]))
                        return fail(path, "items " + std::to_string(i) + " and " + std::to_string(j) +
                                              " are equal but uniqueItems is true");
                }
            }
        }
        if (auto it = s.find("items"); it != s.end()) {
            if (it->is_array()) {  // tuple form
                for (size_t i = 0; i < v.size(); ++i) {
                    const std::string p = path + "/" + std::to_string(i);
                    if (i < it->size()) {
                        if (auto r = check((*it)[i], v[i], p, depth + 1)) return r;
                    } else if (auto ai = s.find("additionalItems"); ai != s.end()) {
                        if (ai->is_boolean() && !ai->get<bool>())
                            return fail(path, "array has " + std::to_string(v.size()) +
                                                  " items but additionalItems is false and the schema lists " +
                                                  std::to_string(it->size()));
                        if (auto r = check(*ai, v[i], p, depth + 1)) return r;
                    }
                }
            } else {
                for (size_t i = 0; i < v.size(); ++i) {
                    if (auto r = check(*it, v[i], path + "/" + std::to_string(i), depth + 1)) return r;
                }
            }
        }
        if (auto c = s.find("contains"); c != s.end()) {
            bool any = false;
            for (const auto& e : v) {
                if (!check(*c, e, path, depth + 1)) {
                    any = true;
                    break;
                }
            }
            if (!any) return fail(path, "no item of the array matches the 'contains' schema");
        }
        return std::nullopt;
    }

    std::optional<SchemaViolation> check_object(const json& s, const json& v, const std::string& path, int depth) {
        if (auto r = check_property_counts(s, v, path)) return r;
        if (auto r = check_members(s, v, path, depth)) return r;
        if (auto r = check_dependencies(s, v, path, depth)) return r;
        if (auto pn = s.find("propertyNames"); pn != s.end()) {
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (auto r = check(*pn, json(it.key()), path, depth + 1))
                    return fail(path, "property name '" + it.key() + "' is invalid: " + r->message);
            }
        }
        return std::nullopt;
    }

    // minProperties, maxProperties, required.
    std::optional<SchemaViolation> check_property_counts(const json& s, const json& v, const std::string& path) {
        if (auto m = s.find("minProperties"); m != s.end() && m->is_number()) {
            if (v.size() < m->get<double>())
                return fail(path, "object has " + std::to_string(v.size()) + " properties, fewer than minProperties " +
                                      m->dump());
        }
        if (auto m = s.find("maxProperties"); m != s.end() && m->is_number()) {
            if (v.size() > m->get<double>())
                return fail(path, "object has " + std::to_string(v.size()) + " properties, more than maxProperties " +
                                      m->dump());
        }
        if (auto req = s.find("required"); req != s.end() && req->is_array()) {
            for (const auto& r : *req) {
                if (r.is_string() && !v.contains(r.get<std::string>()))
                    return fail(path, "missing required property '" + r.get<std::string>() + "'");
            }
        }
        return std::nullopt;
    }

    // Every member against properties, patternProperties and additionalProperties.
    std::optional<SchemaViolation> check_members(const json& s, const json& v, const std::string& path, int depth) {
        const json* props = nullptr;
        if (auto p = s.find("properties"); p != s.end() && p->is_object()) props = &*p;
        const json* pattern_props = nullptr;
        if (auto p = s.find("patternProperties"); p != s.end() && p->is_object()) pattern_props = &*p;
        const json* additional = nullptr;
        if (auto a = s.find("additionalProperties"); a != s.end()) additional = &*a;

        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string p = path + "/" + escape_token(it.key());
            bool matched = false;
            if (props != nullptr) {
                if (auto ps = props->find(it.key()); ps != props->end()) {
                    matched = true;
                    if (auto r = check(*ps, it.value(), p, depth + 1)) return r;
                }
            }
            if (pattern_props != nullptr) {
                if (auto r = check_pattern_properties(*pattern_props, it.key(), it.value(), p, depth, matched))
                    return r;
            }
            if (!matched && additional != nullptr) {
                if (additional->is_boolean()) {
                    if (!additional->get<bool>())
                        return fail(path, "additional property '" + it.key() + "' is not allowed");
                } else if (auto r = check(*additional, it.value(), p, depth + 1)) {
                    return r;
                }
            }
        }
        return std::nullopt;
    }

    // The member `key` (at path `p`) against every patternProperties schema
    // whose regex it matches; `matched` is set when one does.
    std::optional<SchemaViolation> check_pattern_properties(const json& pattern_props, const std::string& key,
                                                            const json& value, const std::string& p, int depth,
                                                            bool& matched) {
        for (auto pp = pattern_props.begin(); pp != pattern_props.end(); ++pp) {
            std::regex re;
            try {
                re = std::regex(pp.key(), std::regex::ECMAScript);
            } catch (const std::regex_error& e) {
                throw HostError("invalid JSON schema: patternProperties key '" + pp.key() + "' is not a valid regex");
            }
            if (std::regex_search(key, re)) {
                matched = true;
                if (auto r = check(pp.value(), value, p, depth + 1)) return r;
            }
        }
        return std::nullopt;
    }

    std::optional<SchemaViolation> check_dependencies(const json& s, const json& v, const std::string& path,
                                                      int depth) {
        auto d = s.find("dependencies");
        if (d == s.end() || !d->is_object()) return std::nullopt;
        for (auto it = d->begin(); it != d->end(); ++it) {
            if (!v.contains(it.key())) continue;
            if (it->is_array()) {
                for (const auto& dep : *it) {
                    if (dep.is_string() && !v.contains(dep.get<std::string>()))
                        return fail(path,
                                    "property '" + it.key() + "' requires property '" + dep.get<std::string>() + "'");
                }
            } else if (auto r = check(*it, v, path, depth + 1)) {
                return r;
            }
        }
        return std::nullopt;
    }

    std::optional<SchemaViolation> check_combinators(const json& s, const json& v, const std::string& path, int depth) {
        if (auto a = s.find("allOf"); a != s.end() && a->is_array()) {
            for (const auto& sub : *a) {
                if (auto r = check(sub, v, path, depth + 1)) return r;
            }
        }
        if (auto a = s.find("anyOf"); a != s.end() && a->is_array()) {
            std::optional<SchemaViolation> first;
            bool ok = false;
            for (const auto& sub : *a) {
                auto r = check(sub, v, path, depth + 1);
                if (!r) {
                    ok = true;
                    break;
                }
                if (!first) first = r;
            }
            if (!ok)
                return fail(path, "value matches none of the anyOf schemas" +
                                      (first ? " (first: " + first->str() + ")" : std::string()));
        }
        if (auto a = s.find("oneOf"); a != s.end() && a->is_array()) {
            size_t n = 0;
            for (const auto& sub : *a) {
                if (!check(sub, v, path, depth + 1)) ++n;
            }
            if (n != 1)
                return fail(path, "value matches " + std::to_string(n) + " of the oneOf schemas (exactly 1 required)");
        }
        if (auto n = s.find("not"); n != s.end()) {
            if (!check(*n, v, path, depth + 1))
                return fail(path, "value " + short_dump(v) + " matches the 'not' schema");
        }
        if (auto i = s.find("if"); i != s.end()) {
            if (!check(*i, v, path, depth + 1)) {
                if (auto t = s.find("then"); t != s.end()) {
                    if (auto r = check(*t, v, path, depth + 1)) return r;
                }
            } else if (auto e = s.find("else"); e != s.end()) {
                if (auto r = check(*e, v, path, depth + 1)) return r;
            }
        }
        return std::nullopt;
    }

    const json& root_;
};

}  // namespace

std::optional<SchemaViolation> validate_json_schema(const json& schema, const json& instance) {
    Validator v(schema);
    return v.check(schema, instance, "");
}

}  // namespace falcogen::host
