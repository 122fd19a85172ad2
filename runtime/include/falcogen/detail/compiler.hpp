// Compiler hints, spelled for each compiler: GCC and Clang (Linux, macOS,
// MinGW) and MSVC. Nothing else in the runtime or the generated code uses a
// compiler extension (docs/portability.md).
#pragma once

#if defined(__GNUC__) || defined(__clang__)
// Forces inlining where the compiler's heuristics would not.
#define FALCOGEN_INLINE __attribute__((always_inline)) inline
// A condition that is almost always false (the branch is laid out of line).
#define FALCOGEN_UNLIKELY(cond) __builtin_expect(!!(cond), 0)
// Keeps a cold path out of its caller (smaller, with fewer registers to save).
#define FALCOGEN_NOINLINE __attribute__((noinline))
// A condition the code guarantees, so the compiler may drop what it excludes.
#define FALCOGEN_ASSUME(cond)                 \
    do {                                      \
        if (!(cond)) __builtin_unreachable(); \
    } while (0)
// Inlines every call in the function that can be (the author's to_string
// into the decoding of its event: one frame, the layout in registers).
#define FALCOGEN_FLATTEN __attribute__((flatten))
#elif defined(_MSC_VER)
#define FALCOGEN_INLINE __forceinline
#define FALCOGEN_UNLIKELY(cond) (cond)
#define FALCOGEN_NOINLINE __declspec(noinline)
#define FALCOGEN_ASSUME(cond) __assume(cond)
#define FALCOGEN_FLATTEN
#else
#define FALCOGEN_INLINE inline
#define FALCOGEN_UNLIKELY(cond) (cond)
#define FALCOGEN_NOINLINE
#define FALCOGEN_ASSUME(cond) ((void)0)
#define FALCOGEN_FLATTEN
#endif
