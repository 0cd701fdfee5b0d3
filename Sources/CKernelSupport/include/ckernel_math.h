#ifndef CKERNEL_MATH_H
#define CKERNEL_MATH_H

#include "ckernel_support.h"

// e^x, ln x and comparisons on clang's vector types, for the element-wise engine's float registers
// (4, 8 and 16 lanes).
//
// Written in C because Swift's arithmetic on a generic SIMD type is a loop over lanes that LLVM must turn back
// into vector code, and for this chain it did so only in part (128-bit pieces and scalar lanes under AVX-512:
// sigmoid ran at a third of the speed its instruction count allows). Here every operation is one vector
// instruction. Contraction is off, so no multiply and add are fused and every ISA gives the very same bits.

typedef int ckernel_int4 __attribute__((ext_vector_type(4)));
typedef int ckernel_int8 __attribute__((ext_vector_type(8)));
typedef int ckernel_int16 __attribute__((ext_vector_type(16)));

/// `a` where `mask` (a comparison's lanes: all ones or zero) is set, else `b`; `a` and `b` are vectors.
#define CKERNEL_SELECT(N, mask, a, b)                                                                            \
    ((ckernel_float##N)(((mask) & (ckernel_int##N)(a)) | (~(mask) & (ckernel_int##N)(b))))

/// `e^x` per lane (cephes' `expf`): `x = n·ln2 + r` with |r| ≤ ln2/2, `e^r` by a degree-6 polynomial, then `2^n`
/// in two factors so that results down to the smallest subnormal are rounded once. Inputs are clamped to
/// [-104, 89], where the result has already rounded to 0 or overflowed to +inf; NaN stays NaN. ≤ 2 ulp over the
/// whole float range (`LaneMathTests`).
#define CKERNEL_DEFINE_EXP(N)                                                                                       \
    static inline __attribute__((always_inline)) ckernel_float##N ckernel_exp##N(ckernel_float##N x) {          \
        _Pragma("clang fp contract(off)")                                                                        \
        const ckernel_float##N magic = 12582912.0f; /* 1.5·2^23: adding it rounds to an integer, ties to even */ \
        const ckernel_float##N lowest = -104.0f, highest = 89.0f;                                                \
        ckernel_float##N c = __builtin_elementwise_min(__builtin_elementwise_max(x, lowest), highest);           \
        ckernel_float##N n = (c * 1.44269504088896341f + magic) - magic;                                       \
        ckernel_float##N r = c - n * 0.693359375f - n * -2.12194440e-4f; /* ln2 in two parts */                  \
        ckernel_float##N z = r * r;                                                                              \
        ckernel_float##N p = 1.9875691500e-4f * r + 1.3981999507e-3f;                                         \
        p = p * r + 8.3334519073e-3f;                                                                            \
        p = p * r + 4.1665795894e-2f;                                                                            \
        p = p * r + 1.6666665459e-1f;                                                                            \
        p = p * r + 5.0000001201e-1f;                                                                            \
        ckernel_float##N er = p * z + r + 1.0f;                                                                  \
        ckernel_float##N half = (n * 0.5f + magic) - magic;                                                      \
        /* 2^k for integral k in -126...127: k + 1.5·2^23 holds k in its low mantissa bits; rebias them. */      \
        ckernel_int##N low = ((ckernel_int##N)(half + magic) - (0x4B400000 - 127)) << 23;                         \
        ckernel_int##N high = ((ckernel_int##N)((n - half) + magic) - (0x4B400000 - 127)) << 23;                  \
        ckernel_float##N e = er * (ckernel_float##N)low * (ckernel_float##N)high;                              \
        return CKERNEL_SELECT(N, x != x, x, e);                                                                  \
    }

/// `ln x` per lane (cephes' `logf`): `x = m · 2^e` with m in [√½, √2), `ln(m)` by a degree-9 polynomial in
/// `m - 1`, `e · ln2` in two parts. Subnormals are scaled by 2^23 first. 0 → -inf, +inf → +inf, x < 0 or NaN →
/// NaN. ≤ 2 ulp over the whole float range (`LaneMathTests`).
#define CKERNEL_DEFINE_LOG(N)                                                                                       \
    static inline __attribute__((always_inline)) ckernel_float##N ckernel_log##N(ckernel_float##N x) {          \
        _Pragma("clang fp contract(off)")                                                                        \
        const ckernel_float##N zero = 0.0f, one = 1.0f, twentyThree = 23.0f, infinity = __builtin_inff();        \
        const ckernel_float##N nan = __builtin_nanf("");                                                         \
        ckernel_int##N tiny = x < 1.17549435e-38f; /* below the smallest normal */                               \
        ckernel_int##N bits = (ckernel_int##N)CKERNEL_SELECT(N, tiny, x * 8388608.0f, x);                        \
        /* frexp: mantissa in [0.5, 1), and the biased exponent as a float (2^23 + e in a float's bits) */       \
        ckernel_float##N m = (ckernel_float##N)((bits & 0x007FFFFF) | 0x3F000000);                               \
        ckernel_float##N e = (ckernel_float##N)((bits >> 23) | 0x4B000000) - (8388608.0f + 126.0f);              \
        ckernel_int##N low = m < 0.707106781186547524f;                                                          \
        e = e - CKERNEL_SELECT(N, tiny, twentyThree, zero) - CKERNEL_SELECT(N, low, one, zero);                 \
        ckernel_float##N f = CKERNEL_SELECT(N, low, m + m, m) - 1.0f;                                            \
        ckernel_float##N z = f * f;                                                                              \
        ckernel_float##N p = 7.0376836292e-2f * f - 1.1514610310e-1f;                                          \
        p = p * f + 1.1676998740e-1f;                                                                            \
        p = p * f - 1.2420140846e-1f;                                                                            \
        p = p * f + 1.4249322787e-1f;                                                                            \
        p = p * f - 1.6668057665e-1f;                                                                            \
        p = p * f + 2.0000714765e-1f;                                                                            \
        p = p * f - 2.4999993993e-1f;                                                                            \
        p = p * f + 3.3333331174e-1f;                                                                            \
        ckernel_float##N y = p * f * z + e * -2.12194440e-4f - z * 0.5f;                                        \
        ckernel_float##N r = f + y + e * 0.693359375f; /* ln2 in two parts */                                    \
        r = CKERNEL_SELECT(N, x == infinity, x, r);                                                              \
        r = CKERNEL_SELECT(N, x == zero, -infinity, r);                                                          \
        return CKERNEL_SELECT(N, (x < zero) | (x != x), nan, r);                                  \
    }

/// The engine's comparisons as floats: 1 where true, else 0; NaN compares false except in `notequal`. One compare
/// and one mask operation each (Swift's `replacing(with:where:)` for these compiled to 128-bit pieces and lane
/// inserts).
#define CKERNEL_DEFINE_COMPARISON(N, NAME, OP)                                                                      \
    static inline __attribute__((always_inline)) ckernel_float##N ckernel_##NAME##N(ckernel_float##N a,          \
                                                                                   ckernel_float##N b) {        \
        const ckernel_float##N one = 1.0f;                                                                       \
        return (ckernel_float##N)((a OP b) & (ckernel_int##N)one);                                               \
    }
#define CKERNEL_DEFINE_COMPARE(N)                                                                                   \
    CKERNEL_DEFINE_COMPARISON(N, less, <)                                                                        \
    CKERNEL_DEFINE_COMPARISON(N, lessequal, <=)                                                                  \
    CKERNEL_DEFINE_COMPARISON(N, equal, ==)                                                                      \
    CKERNEL_DEFINE_COMPARISON(N, notequal, !=)

/// The `select` op's blend: `a` where `condition` is nonzero (NaN too), else `b`. In C because Swift's
/// `replacing(with:where:)` in the op's own loop became masked 128-bit loads and lane inserts under AVX-512.
#define CKERNEL_DEFINE_CHOOSE(N)                                                                                    \
    static inline __attribute__((always_inline)) ckernel_float##N ckernel_choose##N(                             \
        ckernel_float##N condition, ckernel_float##N a, ckernel_float##N b) {                                     \
        return CKERNEL_SELECT(N, condition != 0.0f, a, b);                                                       \
    }

CKERNEL_DEFINE_CHOOSE(4)
CKERNEL_DEFINE_CHOOSE(8)
CKERNEL_DEFINE_CHOOSE(16)
CKERNEL_DEFINE_COMPARE(4)
CKERNEL_DEFINE_COMPARE(8)
CKERNEL_DEFINE_COMPARE(16)
CKERNEL_DEFINE_EXP(4)
CKERNEL_DEFINE_EXP(8)
CKERNEL_DEFINE_EXP(16)
CKERNEL_DEFINE_LOG(4)
CKERNEL_DEFINE_LOG(8)
CKERNEL_DEFINE_LOG(16)

#endif
