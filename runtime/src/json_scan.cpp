#include "json_scan.hpp"

#include <charconv>
#include <cstring>
#include <system_error>

namespace falcogen::detail::json {

namespace {

bool is_ws(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// ---- Validation (bounded by `end`: the text may hold anything) ----------------------

class Validator {
public:
    Validator(const char* p, const char* end) : p_(p), end_(end) {}

    bool document(std::vector<char>& stack);

private:
    bool at_end() const { return p_ == end_; }
    void ws() {
        while (!at_end() && is_ws(*p_)) ++p_;
    }
    bool literal(const char* word) {
        const size_t n = std::strlen(word);
        if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
        p_ += n;
        return true;
    }
    bool digits() {
        const char* start = p_;
        while (!at_end() && is_digit(*p_)) ++p_;
        return p_ != start;
    }
    bool number();
    bool hex4(unsigned& code);
    bool escape();
    bool utf8();
    bool string();
    bool scalar();

    const char* p_;
    const char* end_;
};

// Whether the number [begin, end) is finite as a double: nlohmann/json reads
// every number that is not a 64-bit integer with strtod and refuses the
// document when that overflows ("number overflow"); an underflow is 0.
bool finite(const char* begin, const char* end) {
    const char* digits_end = begin;
    while (digits_end != end && (is_digit(*digits_end) || *digits_end == '-')) ++digits_end;
    if (digits_end == end && end - begin <= 19) return true;  // an integer of at most 19 digits
    double v;
    const auto result = std::from_chars(begin, end, v);
    if (result.ec != std::errc::result_out_of_range) return true;
    // Out of range: an overflow, or an underflow (to 0, which is fine). The
    // leading significant digit's power of ten tells which.
    const char* p = begin + (*begin == '-' ? 1 : 0);
    long power = -1;
    bool seen_point = false, significant = false;
    for (; p != end && *p != 'e' && *p != 'E'; ++p) {
        if (*p == '.') {
            seen_point = true;
        } else if (!significant && *p == '0') {
            if (seen_point) --power;
        } else {
            significant = true;
            if (!seen_point) ++power;
        }
    }
    long exponent = 0;
    if (p != end) {
        ++p;  // the 'e'
        const bool negative = *p == '-';
        if (*p == '-' || *p == '+') ++p;
        for (; p != end; ++p) exponent = exponent < 100000 ? exponent * 10 + (*p - '0') : exponent;
        if (negative) exponent = -exponent;
    }
    return power + exponent < 0;  // an underflow
}

bool Validator::number() {
    const char* start = p_;
    if (*p_ == '-') ++p_;
    if (at_end()) return false;
    if (*p_ == '0') {
        ++p_;
    } else if (!digits()) {
        return false;
    }
    if (!at_end() && *p_ == '.') {
        ++p_;
        if (!digits()) return false;
    }
    if (!at_end() && (*p_ == 'e' || *p_ == 'E')) {
        ++p_;
        if (!at_end() && (*p_ == '+' || *p_ == '-')) ++p_;
        if (!digits()) return false;
    }
    return finite(start, p_);
}

bool Validator::hex4(unsigned& code) {
    if (end_ - p_ < 4) return false;
    code = 0;
    for (int i = 0; i < 4; ++i) {
        const int v = hex_value(p_[i]);
        if (v < 0) return false;
        code = code * 16 + static_cast<unsigned>(v);
    }
    p_ += 4;
    return true;
}

// After a backslash: one of "\/bfnrt, or uXXXX with surrogates paired.
bool Validator::escape() {
    if (at_end()) return false;
    const char c = *p_++;
    if (std::strchr("\"\\/bfnrt", c) != nullptr && c != '\0') return true;
    unsigned code;
    if (c != 'u' || !hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate first
    if (code < 0xD800 || code > 0xDBFF) return true;
    unsigned low;
    return end_ - p_ >= 2 && p_[0] == '\\' && p_[1] == 'u' && (p_ += 2, hex4(low)) && low >= 0xDC00 && low <= 0xDFFF;
}

// One UTF-8 sequence of 2 to 4 bytes (well-formed: RFC 3629, no overlongs, no
// surrogates, nothing above U+10FFFF).
bool Validator::utf8() {
    const auto b0 = static_cast<unsigned char>(*p_);
    int n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        n = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        n = 2;
        if (b0 == 0xE0) lo = 0xA0;
        if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        n = 3;
        if (b0 == 0xF0) lo = 0x90;
        if (b0 == 0xF4) hi = 0x8F;
    } else {
        return false;
    }
    if (end_ - p_ <= n) return false;
    const auto b1 = static_cast<unsigned char>(p_[1]);
    if (b1 < lo || b1 > hi) return false;
    for (int i = 2; i <= n; ++i) {
        const auto b = static_cast<unsigned char>(p_[i]);
        if (b < 0x80 || b > 0xBF) return false;
    }
    p_ += n + 1;
    return true;
}

bool Validator::string() {
    ++p_;  // the opening quote
    while (!at_end()) {
        const auto c = static_cast<unsigned char>(*p_);
        if (c == '"') {
            ++p_;
            return true;
        }
        if (c < 0x20) return false;
        if (c == '\\') {
            ++p_;
            if (!escape()) return false;
        } else if (c >= 0x80) {
            if (!utf8()) return false;
        } else {
            ++p_;
        }
    }
    return false;
}

bool Validator::scalar() {
    switch (*p_) {
        case '"': return string();
        case 't': return literal("true");
        case 'f': return literal("false");
        case 'n': return literal("null");
        default: return (*p_ == '-' || is_digit(*p_)) && number();
    }
}

// One value with whitespace around, containers tracked on `stack` (any depth).
bool Validator::document(std::vector<char>& stack) {
    enum { kValue, kValueOrClose, kKey, kKeyOrClose, kAfterValue } expect = kValue;
    stack.clear();
    while (true) {
        ws();
        if (expect == kAfterValue) {
            if (stack.empty()) return at_end();
            if (at_end()) return false;
            const char close = stack.back() == '{' ? '}' : ']';
            if (*p_ == ',') {
                expect = stack.back() == '{' ? kKey : kValue;
            } else if (*p_ == close) {
                stack.pop_back();
            } else {
                return false;
            }
            ++p_;
            continue;
        }
        if (at_end()) return false;
        if ((expect == kValueOrClose && *p_ == ']') || (expect == kKeyOrClose && *p_ == '}')) {
            stack.pop_back();
            ++p_;
            expect = kAfterValue;
        } else if (expect == kKey || expect == kKeyOrClose) {
            if (*p_ != '"' || !string()) return false;
            ws();
            if (at_end() || *p_ != ':') return false;
            ++p_;
            expect = kValue;
        } else if (*p_ == '{' || *p_ == '[') {
            stack.push_back(*p_);
            expect = *p_ == '{' ? kKeyOrClose : kValueOrClose;
            ++p_;
        } else {
            if (!scalar()) return false;
            expect = kAfterValue;
        }
    }
}

// ---- Walks (over a valid, NUL-terminated document) --------------------------------

Cursor skip_string(Cursor p) {
    for (++p; *p != '"'; ++p) {
        if (*p == '\\') ++p;
    }
    return p + 1;
}

// The content of the string at `at` (between its quotes, still escaped).
std::string_view raw_string(Cursor at) {
    return std::string_view(at + 1, static_cast<size_t>(skip_string(at) - at - 2));
}

void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

unsigned hex4_at(const char* p) {
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) code = code * 16 + static_cast<unsigned>(hex_value(p[i]));
    return code;
}

// Unescapes the (valid) escaped string content `raw` into `out`.
void unescape(std::string_view raw, std::string& out) {
    out.clear();
    for (size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] != '\\') {
            out += raw[i];
            continue;
        }
        const char c = raw[++i];
        const char* simple = std::strchr("\"\"\\\\//b\bf\fn\nr\rt\t", c);
        if (c != 'u') {
            out += simple[1];
            continue;
        }
        unsigned code = hex4_at(&raw[i + 1]);
        i += 4;
        if (code >= 0xD800 && code <= 0xDBFF) {
            code = 0x10000 + ((code - 0xD800) << 10) + (hex4_at(&raw[i + 3]) - 0xDC00);
            i += 6;
        }
        append_utf8(out, code);
    }
}

bool parse_index(std::string_view token, uint64_t& index) {
    if (token.empty() || token.size() > 19 || (token.size() > 1 && token[0] == '0')) return false;
    index = 0;
    for (char c : token) {
        if (!is_digit(c)) return false;
        index = index * 10 + static_cast<uint64_t>(c - '0');
    }
    return true;
}

// RFC 6901: "~1" is '/', "~0" is '~'. Tokens rarely have escapes: only those are copied.
std::string_view pointer_token(std::string_view token, std::string& buffer) {
    if (token.find('~') == std::string_view::npos) return token;
    buffer.clear();
    for (size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
            buffer += token[i + 1] == '1' ? '/' : '~';
            ++i;
        } else {
            buffer += token[i];
        }
    }
    return buffer;
}

bool key_is(std::string_view raw_key, std::string_view key, std::string& scratch) {
    if (raw_key.find('\\') == std::string_view::npos) return raw_key == key;
    unescape(raw_key, scratch);
    return scratch == key;
}

}  // namespace

// nlohmann/json skips a UTF-8 byte order mark at the start.
static std::string_view without_bom(std::string_view text) {
    return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

bool valid(std::string_view text, std::vector<char>& stack) {
    // nlohmann/json reads a NUL byte as the end of the input: after the
    // value that ends the document; inside a string, an unterminated string.
    text = without_bom(text.substr(0, text.find('\0')));
    return Validator(text.data(), text.data() + text.size()).document(stack);
}

Cursor skip_ws(Cursor p) {
    while (is_ws(*p)) ++p;
    return p;
}

Cursor root(const char* text) {
    return skip_ws(std::strncmp(text, "\xEF\xBB\xBF", 3) == 0 ? text + 3 : text);
}

Cursor skip(Cursor at) {
    if (*at == '"') return skip_string(at);
    if (*at != '{' && *at != '[') {
        while (*at != '\0' && *at != ',' && *at != ']' && *at != '}' && !is_ws(*at)) ++at;
        return at;
    }
    int depth = 0;
    do {
        if (*at == '"') {
            at = skip_string(at);
            continue;
        }
        if (*at == '{' || *at == '[') ++depth;
        if (*at == '}' || *at == ']') --depth;
        ++at;
    } while (depth > 0);
    return at;
}

Kind kind_of(Cursor at) {
    switch (*at) {
        case '{': return Kind::object;
        case '[': return Kind::array;
        case '"': return Kind::string;
        case 't':
        case 'f': return Kind::boolean;
        case 'n': return Kind::null;
        default: return Kind::number;
    }
}

Cursor member(Cursor at, std::string_view key, std::string& scratch) {
    if (*at != '{') return nullptr;
    Cursor found = nullptr;
    Cursor p = skip_ws(at + 1);
    while (*p == '"') {
        const std::string_view raw_key = raw_string(p);
        Cursor value = skip_ws(skip_ws(skip_string(p)) + 1);  // past the ':'
        if (key_is(raw_key, key, scratch)) found = value;  // the last one of that name counts
        p = skip_ws(skip(value));
        if (*p != ',') break;
        p = skip_ws(p + 1);
    }
    return found;
}

Cursor element(Cursor at, uint64_t index) {
    if (*at != '[') return nullptr;
    Cursor found = nullptr;
    uint64_t i = 0;
    each_element(at, [&](Cursor e) {
        if (i++ == index) found = e;
    });
    return found;
}

Cursor follow(Cursor at, std::string_view pointer, std::string& scratch) {
    std::string token_buffer;
    while (!pointer.empty() && at != nullptr) {
        pointer.remove_prefix(1);  // the '/' before each token
        const size_t end = pointer.find('/');
        const std::string_view token = pointer_token(pointer.substr(0, end), token_buffer);
        uint64_t index;
        at = *at == '[' ? (parse_index(token, index) ? element(at, index) : nullptr) : member(at, token, scratch);
        pointer = end == std::string_view::npos ? std::string_view() : pointer.substr(end);
    }
    return at;
}

bool get_string(Cursor at, std::string& out) {
    if (*at != '"') return false;
    unescape(raw_string(at), out);
    return true;
}

bool get_bool(Cursor at, bool& out) {
    if (*at != 't' && *at != 'f') return false;
    out = *at == 't';
    return true;
}

bool get_non_negative(Cursor at, uint64_t& out) {
    const bool negative = *at == '-';
    Cursor p = negative ? at + 1 : at;
    if (!is_digit(*p)) return false;
    uint64_t v = 0;
    for (; is_digit(*p); ++p) {
        const auto d = static_cast<uint64_t>(*p - '0');
        if (v > (UINT64_MAX - d) / 10) return false;  // beyond 64 bits: a float to nlohmann
        v = v * 10 + d;
    }
    if (*p == '.' || *p == 'e' || *p == 'E') return false;  // a float
    if (negative && v != 0) return false;  // "-0" is the integer 0
    out = v;
    return true;
}

}  // namespace falcogen::detail::json
