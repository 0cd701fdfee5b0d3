/// TensorFlow's activations per lane, written once over any register of the engine from `exp`, `log1p`, `expm1`,
/// `tanh` and `erf` (vector polynomials on float registers, libm on Double lanes).
extension ElementLanes {
    /// `1 / (1 + e^-x)` (`tf.math.sigmoid`), as `e / (1 + e)` with `e = e^-|x|` for x < 0 so that tiny results
    /// keep their relative accuracy (≤ 3 ulp on float lanes); NaN stays NaN.
    @usableFromInline @_transparent static func sigmoid(_ x: Self) -> Self {
        let e = exp(laneAbs(x) * -1)
        let s = 1 / (1 + e)
        return select(less(x, Self()), e * s, s)
    }

    /// `log(1 + e^x) = max(x, 0) + log1p(e^-|x|)`, which neither overflows nor loses tiny results
    /// (`tf.math.softplus`).
    @usableFromInline @_transparent static func softplus(_ x: Self) -> Self {
        select(greater(x, Self()), x, Self()) + log1p(exp(laneAbs(x) * -1))
    }

    /// `x · Φ(x) = x/2 · (1 + erf(x/√2))` (`tf.nn.gelu(approximate=False)`); absolute error ≤ max(1, |x|)·3e-7,
    /// erf's; for x < 0 that is what separates it from TensorFlow's `erfc` form, whose tiny results (|x| > 5.5,
    /// |gelu| < 1e-7) keep their relative accuracy where this one gives ±0.
    @usableFromInline @_transparent static func gelu(_ x: Self) -> Self {
        x * 0.5 * (1 + erf(x * 0.70710678118654752440))
    }

    /// `x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))` (`tf.nn.gelu(approximate=True)`).
    @usableFromInline @_transparent static func geluTanh(_ x: Self) -> Self {
        x * 0.5 * (1 + tanh((x + x * x * x * 0.044715) * 0.79788456080286535588))
    }

    /// `x > 0 ? x : e^x - 1` (`tf.nn.elu`).
    @usableFromInline @_transparent static func elu(_ x: Self) -> Self { select(greater(x, Self()), x, expm1(x)) }
}

/// |x| with -0 → +0 and NaN kept (`np.abs`).
@inlinable @inline(__always)
func laneAbs<V: ElementLanes>(_ x: V) -> V {
    let zero = V()
    return V.select(V.less(x, zero), x * -1, V.select(V.equal(x, zero), zero, x))
}
