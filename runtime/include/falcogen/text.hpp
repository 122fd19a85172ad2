// Text of values, appended without temporaries: the default event_to_string
// of layouts, and author code rendering events.
//
// One overload set, `text::append(out, value)`, for every value a layout
// member can hold: integers in decimal, bool as true/false, strings made safe
// to print, addresses in their usual notation, bytes in hex, AbsTime as an
// RFC 3339 date and RelTime as "<n>ns". `out` is a text::Out (an event's
// text, written in place), a std::string, or a text::Writer into room
// already made (text::Sized, Out::room).
// `text::append(out, a, b, ...)` appends several values at once (sized once,
// then written in place): the way to write an event's text in pieces.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "falcogen/detail/copy.hpp"
#include "falcogen/types.hpp"

// x86-64 (and x86 with SSE2): strings of 16 bytes and more are checked and
// copied 16 bytes at a time; elsewhere 8 at a time (the same text).
#if defined(__SSE2__) || defined(_M_X64) || (defined(_M_IX86_FP) && _M_IX86_FP >= 2)
#include <emmintrin.h>
#define FALCOGEN_TEXT_SSE2 1
#endif

namespace falcogen::text {

// Writes at a position with room enough for what is written (text::Sized
// makes it, from text::max_length of the values): no check and no call per
// piece, which is what the text of an event costs otherwise.
class Writer {
public:
    explicit Writer(char* at) : pos_(at) {}

    void append(const char* data, size_t n) {
        detail::copy_bytes(pos_, data, n);
        pos_ += n;
    }
    void push_back(char c) { *pos_++ = c; }
    // For the formatters that write in place: where to write, then where they ended.
    char* position() const { return pos_; }
    void advance_to(char* end) { pos_ = end; }

private:
    char* pos_;
};

// The text of an event, written in place into memory that keeps its capacity
// from call to call: plugin_event_to_string's result (valid until the next
// call on the plugin), with no std::string to clear, append to and terminate
// per event. Write with text::append(out, ...), or reserve room(n), write
// there (a Writer) and commit the end.
class Out {
public:
    Out() { reserve(256); }
    ~Out();
    Out(const Out&) = delete;
    Out& operator=(const Out&) = delete;

    // Where the next n chars go (valid until the next call that writes).
    FALCOGEN_INLINE char* room(size_t n) {
        if (FALCOGEN_UNLIKELY(n > capacity_ - size_)) grow(n);
        return data_ + size_;
    }
    // Keeps what was written at room()'s pointer, up to `end`.
    void commit(const char* end) { size_ = static_cast<size_t>(end - data_); }
    void append(const char* data, size_t n) {
        detail::copy_bytes(room(n), data, n);
        size_ += n;
    }
    void push_back(char c) {
        *room(1) = c;
        ++size_;
    }

    void clear() {
        size_ = 0;
        borrowed_ = false;
    }
    size_t size() const { return view().size(); }
    std::string_view view() const { return borrowed_ ? std::string_view(scratch_) : std::string_view(data_, size_); }
    // The text, NUL-terminated (there is always room for the NUL).
    const char* c_str() {
        if (FALCOGEN_UNLIKELY(borrowed_)) return scratch_.c_str();
        data_[size_] = '\0';
        return data_;
    }

    // For code that writes into a std::string (the std::string form of the
    // author's to_string): scratch() is empty, its capacity kept; then
    // take_scratch() appends what it holds. Into an empty Out, that text is
    // not copied: it stays in the std::string until more is written.
    std::string& scratch() {
        if (borrowed_) grow(0);
        scratch_.clear();
        return scratch_;
    }
    void take_scratch() {
        if (size_ == 0) {
            borrowed_ = true;
            capacity_ = 0;  // the next write copies it here first (grow)
        } else {
            append(scratch_.data(), scratch_.size());
        }
    }

private:
    // At least n more chars of room, after the borrowed text if any (out of line: the rare case).
    void grow(size_t n);
    // Memory for `total` chars and the NUL.
    void reserve(size_t total);

    char* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;  // chars of room shown to room(): 0 while the text is borrowed
    size_t allocated_ = 0;  // chars of room, not counting the NUL's
    bool borrowed_ = false;  // the text is scratch_'s (take_scratch)
    std::string scratch_;
};

// ---- Upper bounds: the most text append(out, v) writes for v ---------------------

// The text of the values below, written into `buf` (large enough: kMaxText);
// returns its length. (Out of line: they call the C library.)
constexpr size_t kMaxText = 136;
size_t format(char* buf, const Ipv4& v);
size_t format(char* buf, const Ipv6& v);
size_t format(char* buf, const ByteView& v);  // hex, shortened past 64 bytes
size_t format(char* buf, AbsTime v);  // e.g. 2026-03-01T10:00:00.000000000Z (UTC, nanoseconds)

template <typename Int, typename = std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>>
constexpr size_t max_length(Int) {
    return 20;  // 18446744073709551615, or '-' and 19 digits
}
constexpr size_t max_length(bool) {
    return 5;
}
inline size_t max_length(std::string_view v) {
    return 4 * v.size();  // every byte a control character: \xNN
}
inline size_t max_length(const char* v) {
    return max_length(std::string_view(v));
}
template <size_t N>
constexpr size_t max_length(const char (&)[N]) {
    return 4 * (N - 1);  // a literal's length, known when compiling
}
template <typename V, typename = std::enable_if_t<std::is_same_v<V, Ipv4> || std::is_same_v<V, Ipv6> ||
                                                  std::is_same_v<V, ByteView> || std::is_same_v<V, AbsTime>>>
constexpr size_t max_length(const V&) {
    return kMaxText;
}
constexpr size_t max_length(RelTime) {
    return 22;
}

// Room for `room` bytes of text at the end of `out`: written with a Writer
// from writer(), and kept by finish(writer). One append for all the pieces
// instead of a checked append each. Most texts are written on the stack
// first (a resize would zero-fill the room and cost more than the copy);
// longer ones go straight into `out`. (A class, not a callback: the writes
// stay inline. The Writer is the caller's local, apart from the buffer: the
// compiler then keeps its position in a register, though it writes chars.)
class Sized {
public:
    static constexpr size_t kStackRoom = 1024;

    FALCOGEN_INLINE Sized(std::string& out, size_t room) : out_(out), start_(out.size()), begin_(stack_) {
        if (room > kStackRoom) {
            out.resize(start_ + room);
            begin_ = &out[start_];
        }
    }
    Sized(const Sized&) = delete;
    Sized& operator=(const Sized&) = delete;

    Writer writer() const { return Writer(begin_); }
    FALCOGEN_INLINE void finish(const Writer& writer) {
        const auto written = static_cast<size_t>(writer.position() - begin_);
        if (begin_ == stack_) {
            out_.append(stack_, written);
        } else {
            out_.resize(start_ + written);
        }
    }

private:
    std::string& out_;
    const size_t start_;
    char* begin_;
    char stack_[kStackRoom];
};

// ---- Integers ---------------------------------------------------------------------

// "00" "01" ... "99": decimal text two digits per division.
struct DigitPairs {
    char text[200];
};
constexpr DigitPairs make_digit_pairs() {
    DigitPairs pairs{};
    for (int i = 0; i < 100; ++i) {
        pairs.text[2 * i] = static_cast<char>('0' + i / 10);
        pairs.text[2 * i + 1] = static_cast<char>('0' + i % 10);
    }
    return pairs;
}
inline constexpr DigitPairs kDigitPairs = make_digit_pairs();

template <typename U>
FALCOGEN_INLINE unsigned decimal_length(U v) {
    unsigned n = 1;
    for (; v >= 10000; v /= 10000) n += 4;
    return n + (v >= 10) + (v >= 100) + (v >= 1000);
}

// Writes v in decimal at `out`; returns the end. Its length is known first,
// so the digits go straight to their place, the last two first, two per
// division. (Written in place, not copied from a temporary: a wide load
// of narrow stores just made would wait for them.)
template <typename U>
FALCOGEN_INLINE char* write_digits(char* out, U v) {
    char* const end = out + decimal_length(v);
    char* p = end;
    while (v >= 100) {
        p -= 2;
        std::memcpy(p, kDigitPairs.text + (v % 100) * 2, 2);
        v /= 100;
    }
    if (v >= 10) {
        std::memcpy(p - 2, kDigitPairs.text + v * 2, 2);
    } else {
        p[-1] = static_cast<char>('0' + v);
    }
    return end;
}
// v in decimal, '-' first when negative (at most 20 chars). Values that fit
// in 32 bits are divided as such: cheaper.
template <typename Int>
FALCOGEN_INLINE char* write_decimal(char* out, Int v) {
    using Unsigned = std::make_unsigned_t<Int>;
    auto magnitude = static_cast<Unsigned>(v);
    if constexpr (std::is_signed_v<Int>) {
        if (v < 0) {
            *out++ = '-';
            magnitude = static_cast<Unsigned>(Unsigned{0} - magnitude);  // also for the minimum
        }
    }
    if constexpr (sizeof(Int) <= 4) {
        return write_digits(out, static_cast<uint32_t>(magnitude));
    } else {
        return magnitude <= UINT32_MAX ? write_digits(out, static_cast<uint32_t>(magnitude))
                                       : write_digits(out, static_cast<uint64_t>(magnitude));
    }
}

template <typename Sink, typename Int,
          typename = std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>>>
FALCOGEN_INLINE void append(Sink& out, Int v) {
    if constexpr (std::is_same_v<Sink, Writer>) {
        out.advance_to(write_decimal(out.position(), v));
    } else if constexpr (std::is_same_v<Sink, Out>) {
        out.commit(write_decimal(out.room(20), v));
    } else {
        char text[20];
        out.append(text, static_cast<size_t>(write_decimal(text, v) - text));
    }
}
template <typename Sink>
void append(Sink& out, bool v) {
    if (v) {
        out.append("true", 4);
    } else {
        out.append("false", 5);
    }
}

// ---- Strings ----------------------------------------------------------------------

// Whether any byte of `w` (4 or 8 of them) is a control character (< 0x20 or
// 0x7f). Per byte, on its low 7 bits c: (c + 1) mod 128 is below 0x21 exactly
// for the control characters, and adding 0x5f carries into bit 7 for all the
// others; bytes with bit 7 set (UTF-8) are printable. No carry crosses bytes.
template <typename Word>
bool has_control(Word w) {
    constexpr Word kOnes = static_cast<Word>(0x0101010101010101ULL);
    constexpr Word kLow7 = kOnes * 0x7f, kHigh = kOnes * 0x80;
    const Word wrapped = ((w & kLow7) + kOnes) & kLow7;
    return (~((wrapped + kOnes * 0x5f) | w) & kHigh) != 0;
}

// Whether `v` has a control character: 8 bytes at a time, the last word
// overlapping the one before (most text has nothing to escape).
inline bool needs_escaping(std::string_view v) {
    const char* p = v.data();
    const size_t n = v.size();
    if (n < 8) {
        for (size_t i = 0; i < n; ++i) {
            const auto b = static_cast<unsigned char>(p[i]);
            if (b < 0x20 || b == 0x7f) return true;
        }
        return false;
    }
    uint64_t w;
    for (size_t i = 0; i + 8 <= n; i += 8) {
        std::memcpy(&w, p + i, 8);
        if (has_control(w)) return true;
    }
    std::memcpy(&w, p + n - 8, 8);
    return has_control(w);
}

// Writes v[from..] at out + from, control characters as \xNN; returns the end.
// (v[..from) is already at out, unescaped.) Out of line: the rare case.
char* write_escaped(char* out, std::string_view v, size_t from);

#if FALCOGEN_TEXT_SSE2
// Whether any of 16 bytes is a control character (<= 0x1f, or 0x7f).
FALCOGEN_INLINE bool has_control(__m128i bytes) {
    const __m128i low = _mm_cmpeq_epi8(_mm_min_epu8(bytes, _mm_set1_epi8(0x1f)), bytes);
    const __m128i del = _mm_cmpeq_epi8(bytes, _mm_set1_epi8(0x7f));
    return _mm_movemask_epi8(_mm_or_si128(low, del)) != 0;
}
#endif

// Writes v made safe to print at `out` (room: max_length(v)); returns the end.
// Clean words are checked and copied in one pass, 16 (SSE2), 8 or 4 bytes at
// a time, the last word overlapping the one before; never a read past v.
FALCOGEN_INLINE char* write_printable(char* out, std::string_view v) {
    const char* p = v.data();
    const size_t n = v.size();
#if FALCOGEN_TEXT_SSE2
    if (n >= 16) {
        __m128i w;
        size_t i = 0;
        for (; i + 16 <= n; i += 16) {
            w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            if (FALCOGEN_UNLIKELY(has_control(w))) return write_escaped(out, v, i);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(out + i), w);
        }
        if (i == n) return out + n;
        w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16));
        if (FALCOGEN_UNLIKELY(has_control(w))) return write_escaped(out, v, i);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + n - 16), w);
        return out + n;
    }
#endif
    if (n >= 8) {
        uint64_t w;
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::memcpy(&w, p + i, 8);
            if (FALCOGEN_UNLIKELY(has_control(w))) return write_escaped(out, v, i);
            std::memcpy(out + i, &w, 8);
        }
        std::memcpy(&w, p + n - 8, 8);
        if (FALCOGEN_UNLIKELY(has_control(w))) return write_escaped(out, v, i);
        std::memcpy(out + n - 8, &w, 8);
        return out + n;
    }
    if (n >= 4) {
        uint32_t head, tail;
        std::memcpy(&head, p, 4);
        std::memcpy(&tail, p + n - 4, 4);
        if (FALCOGEN_UNLIKELY(has_control(head) || has_control(tail))) return write_escaped(out, v, 0);
        std::memcpy(out, &head, 4);
        std::memcpy(out + n - 4, &tail, 4);
        return out + n;
    }
    for (size_t i = 0; i < n; ++i) {
        const auto b = static_cast<unsigned char>(p[i]);
        if (FALCOGEN_UNLIKELY(b < 0x20 || b == 0x7f)) return write_escaped(out, v, i);
        out[i] = p[i];
    }
    return out + n;
}

// Text from an event, made safe to print: control characters (NUL included,
// which would end the host's C string early) become \xNN; UTF-8 stays as is.
FALCOGEN_INLINE void append(Writer& out, std::string_view v) {
    out.advance_to(write_printable(out.position(), v));
}
FALCOGEN_INLINE void append(Out& out, std::string_view v) {
    out.commit(write_printable(out.room(max_length(v)), v));
}
template <typename Sink>
void append(Sink& out, std::string_view v) {
    if (!needs_escaping(v)) {
        out.append(v.data(), v.size());
        return;
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    size_t clean = 0;  // the printable run not yet appended
    for (size_t i = 0; i < v.size(); ++i) {
        const auto b = static_cast<unsigned char>(v[i]);
        if (b >= 0x20 && b != 0x7f) continue;
        out.append(v.data() + clean, i - clean);
        const char escaped[4] = {'\\', 'x', kDigits[b >> 4], kDigits[b & 0xf]};
        out.append(escaped, 4);
        clean = i + 1;
    }
    out.append(v.data() + clean, v.size() - clean);
}
// (Without them a string literal would pick the bool overload.)
FALCOGEN_INLINE void append(Writer& out, const char* v) {
    append(out, std::string_view(v));  // a literal's length folds to a constant
}
FALCOGEN_INLINE void append(Out& out, const char* v) {
    append(out, std::string_view(v));
}
template <typename Sink>
void append(Sink& out, const char* v) {
    append(out, std::string_view(v));
}

// ---- Addresses, bytes, times ------------------------------------------------------

template <typename Sink, typename V,
          typename = std::enable_if_t<std::is_same_v<V, Ipv4> || std::is_same_v<V, Ipv6> ||
                                      std::is_same_v<V, ByteView> || std::is_same_v<V, AbsTime>>>
void append(Sink& out, const V& v) {
    if constexpr (std::is_same_v<Sink, Writer>) {
        out.advance_to(out.position() + format(out.position(), v));
    } else if constexpr (std::is_same_v<Sink, Out>) {
        char* at = out.room(kMaxText);
        out.commit(at + format(at, v));
    } else {
        char buf[kMaxText];
        out.append(buf, format(buf, v));
    }
}
// e.g. 1500000ns.
template <typename Sink>
void append(Sink& out, RelTime v) {
    append(out, v.ns);
    out.append("ns", 2);
}

// Several values, e.g. append(out, event.text, " #", event.seq): sized once,
// then written in place (inline: a literal's length is then a constant).
template <typename A, typename B, typename... Rest>
FALCOGEN_INLINE void append(std::string& out, const A& a, const B& b, const Rest&... rest) {
    Sized text(out, max_length(a) + max_length(b) + (max_length(rest) + ... + 0));
    Writer writer = text.writer();
    append(writer, a);
    append(writer, b);
    (append(writer, rest), ...);
    text.finish(writer);
}
// The same into a text::Out: written straight into its memory.
template <typename A, typename B, typename... Rest>
FALCOGEN_INLINE void append(Out& out, const A& a, const B& b, const Rest&... rest) {
    Writer writer(out.room(max_length(a) + max_length(b) + (max_length(rest) + ... + 0)));
    append(writer, a);
    append(writer, b);
    (append(writer, rest), ...);
    out.commit(writer.position());
}

}  // namespace falcogen::text
