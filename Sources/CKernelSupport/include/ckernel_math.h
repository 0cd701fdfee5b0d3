#ifndef CKERNEL_MATH_H
#define CKERNEL_MATH_H

#include "ckernel_support.h"

// e^x on clang's vector types, for the element-wise engine's float registers (4, 8 and 16 lanes).
//
// Written in C because Swift's arithmetic on a generic SIMD type is a loop over lanes that LLVM must turn back
// into vector code, and for this chain it did so only in part (128-bit pieces and scalar lanes under AVX-512:
// sigmoid ran at a third of the speed its instruction count allows). Here every operation is one vector
// instruction. Contraction is off, so no multiply and add are fused and every ISA gives the very same bits.

typedef int ckernel_int4 __attribute__((ext_vector_type(4)));
typedef int ckernel_int8 __attribute__((ext_vector_type(8)));
typedef int ckernel_int16 __attribute__((ext_vector_type(16)));

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
        ckernel_int##N nan = x != x;                                                                             \
        return (ckernel_float##N)((nan & (ckernel_int##N)x) | (~nan & (ckernel_int##N)e));                       \
    }

CKERNEL_DEFINE_EXP(4)
CKERNEL_DEFINE_EXP(8)
CKERNEL_DEFINE_EXP(16)

#endif
