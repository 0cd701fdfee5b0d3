/// A register of float32 lanes with the bit-level step the vectorised logarithm needs.
///
/// Each ISA target conforms its register (`SIMD16<Float>`, `SIMD8<Float>`, `SIMD4<Float>`) in its own module with
/// its integer vector instructions; log, tanh and erf below are written once over that step, in plain
/// multiplies and adds (never fused), so every ISA gives the very same bits. `exp` is C's (`ckernel_math.h`, the
/// same algorithm on clang's vector types), which each target's register calls.
///
/// Accuracy over the whole float range, checked against double-precision libm by `LaneMathTests` (every binade,
/// ±inf, NaN, subnormals; results below 2^-126 within 2^-126): exp ≤ 2 ulp, log ≤ 2 ulp, log1p ≤ 3 ulp,
/// tanh ≤ 3 ulp, expm1 ≤ 3 ulp for x ≤ 0 (through elu); erf ≤ 4e-7 absolute (Eigen's rational approximation,
/// TensorFlow's `erf`; through gelu).
public protocol FloatLanes: ElementLanes where Scalar == Float {
    /// For positive normal `x`: `x = mantissa · 2^exponent` with `mantissa` in [0.5, 1) and `exponent` integral
    /// (C's `frexpf`).
    static func frexp(_ x: Self) -> (mantissa: Self, exponent: Self)
}

extension FloatLanes {
    /// `ln x` (cephes' `logf`): `x = m · 2^e` with m in [√½, √2), `ln(m)` by a degree-9 polynomial in `m - 1`,
    /// `e · ln2` in two parts. Subnormals are scaled by 2^23 first. 0 → -inf, +inf → +inf, x < 0 or NaN → NaN.
    @_transparent public static func log(_ x: Self) -> Self {
        let tiny = less(x, Self(repeating: .leastNormalMagnitude))
        let (m0, e0) = frexp(select(tiny, x * 8_388_608, x))
        let low = less(m0, Self(repeating: 0.707106781186547524))
        let e = e0 - select(tiny, Self(repeating: 23), Self()) - low
        let f = select(low, m0 + m0, m0) - 1
        let z = f * f
        var p = Self(repeating: 7.0376836292e-2) * f - 1.1514610310e-1
        p = p * f + 1.1676998740e-1
        p = p * f - 1.2420140846e-1
        p = p * f + 1.4249322787e-1
        p = p * f - 1.6668057665e-1
        p = p * f + 2.0000714765e-1
        p = p * f - 2.4999993993e-1
        p = p * f + 3.3333331174e-1
        let y = p * f * z + e * -2.12194440e-4 - z * 0.5
        var r = f + y + e * 0.693359375
        r = select(equal(x, Self(repeating: .infinity)), x, r)
        r = select(equal(x, Self()), Self(repeating: -.infinity), r)
        return select(less(x, Self()) + isNaN(x), Self(repeating: .nan), r)
    }

    /// `ln(1 + u)` accurate for small `u`: `log(w) · u / (w - 1)` with `w = 1 + u` (Goldberg's correction of
    /// `w`'s rounding), `u` itself where `w` rounds to 1.
    @_transparent public static func log1p(_ u: Self) -> Self {
        let w = u + 1
        let d = w - 1
        let r = select(equal(d, Self()), u, log(w) * (u / d))
        return select(equal(u, Self(repeating: .infinity)), u, r)
    }

    /// `e^x - 1` accurate near 0 (Kahan's `(w - 1) · x / ln w` with `w = e^x`); -1 where `w - 1` is -1, +inf
    /// where `w` overflows.
    @_transparent public static func expm1(_ x: Self) -> Self {
        let w = exp(x)
        let d = w - 1
        var r = select(equal(d, Self(repeating: -1)), d, d * x / log(w))
        r = select(equal(w, Self(repeating: 1)), x, r)
        return select(equal(w, Self(repeating: .infinity)), w, r)
    }

    /// `tanh x`: cephes' odd polynomial for |x| < 0.625, else `±(1 - 2 / (e^2|x| + 1))` (±1 once `e^2|x|`
    /// overflows). NaN stays NaN, -0 stays -0.
    @_transparent public static func tanh(_ x: Self) -> Self {
        let a = laneAbs(x)
        let z = x * x
        var p = Self(repeating: -5.70498872745e-3) * z + 2.06390887954e-2
        p = p * z - 5.37397155531e-2
        p = p * z + 1.33314422036e-1
        p = p * z - 3.33332819422e-1
        let small = p * z * x + x
        let t = 1 - 2 / (exp(a + a) + 1)
        let large = select(less(x, Self()), t * -1, t)
        return select(less(a, Self(repeating: 0.625)), small, large)
    }

    /// `erf x` as TensorFlow computes it (Eigen's `generic_fast_erf_float`): `x · P(x²) / Q(x²)`, degree 13/8,
    /// for |x| < 3.9; exactly ±1 beyond (where float32's erf has rounded to ±1, and P/Q would overflow); NaN stays
    /// NaN.
    @_transparent public static func erf(_ x: Self) -> Self {
        let z = x * x
        var p = Self(repeating: -2.72614225801306e-10) * z + 2.77068142495902e-08
        p = p * z - 2.10102402082508e-06
        p = p * z - 5.69250639462346e-05
        p = p * z - 7.34990630326855e-04
        p = p * z - 2.95459980854025e-03
        p = p * z - 1.60960333262415e-02
        var q = Self(repeating: -1.45660718464996e-05) * z - 2.13374055278905e-04
        q = q * z - 1.68282697438203e-03
        q = q * z - 7.37332916720468e-03
        q = q * z - 1.42647390514189e-02
        let one = select(less(x, Self()), Self(repeating: -1), Self(repeating: 1))
        let r = select(less(laneAbs(x), Self(repeating: 3.9)), x * p / q, one)
        return select(isNaN(x), x, r)
    }
}
