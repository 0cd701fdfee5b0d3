/// A register of float32 lanes: the vectorised functions below (log1p, expm1, tanh, erf) are written once over it
/// on top of `exp` and `log`, in plain multiplies and adds (never fused), so every ISA gives the very same bits.
///
/// Each ISA target conforms its register (`SIMD16<Float>`, `SIMD8<Float>`, `SIMD4<Float>`) in its own module;
/// its `exp` and `log` are C's (`ckernel_math.h`: Swift's arithmetic on a generic SIMD type left those long
/// chains partly scalar).
///
/// Accuracy over the whole float range, checked against double-precision libm by `LaneMathTests` (every binade,
/// ±inf, NaN, subnormals; results below 2^-126 within 2^-126): exp ≤ 2 ulp, log ≤ 2 ulp, log1p ≤ 3 ulp,
/// tanh ≤ 3 ulp, expm1 ≤ 3 ulp for x ≤ 0 (through elu); erf ≤ 4e-7 absolute (Eigen's rational approximation,
/// TensorFlow's `erf`; through gelu).
public protocol FloatLanes: ElementLanes where Scalar == Float {}

extension FloatLanes {
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
