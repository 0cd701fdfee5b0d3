/// The op table of the fused element-wise engine: one case per op, one line per op in `run`.
///
/// The cases are grouped by arity (tinygrad's `GroupOp` style): unary ops, then binary from `add`, then ternary
/// from `clip`. Semantics are NumPy's (TensorFlow's for the activations) in the lane type's precision:
/// comparisons and logic give 0/1, logic treats any nonzero (NaN too) as true, division by zero is IEEE's.
/// Adding an op = one case here + one line in `run`; every ISA target picks it up through `runElementwise`.
public enum ElementwiseCode: Int32, CaseIterable, Sendable {
    // Unary.
    case identity, negate, abs, sqrt, square, exp, log, log1p, sin, cos, tanh, sigmoid, floor, ceil, round, sign
    case logicalNot, relu, relu6, elu, selu, gelu, geluTanh, softplus, swish
    // Binary.
    case add, subtract, multiply, divide, remainder, power
    case less, lessEqual, greater, greaterEqual, equal, notEqual, logicalAnd, logicalOr, minimum, maximum, leakyRelu
    // Ternary. `multiplyAdd` is `a * b + c` rounded twice (never fused into one FMA, so its bits are those of a
    // multiply and then an add): the compiler's one step for `x*y + z` and `x*y - c` (`FusedProgram`).
    case clip, select, multiplyAdd

    /// Operands: 1, 2 or 3.
    @inlinable public var arity: Int {
        rawValue >= ElementwiseCode.clip.rawValue ? 3 : rawValue >= ElementwiseCode.add.rawValue ? 2 : 1
    }

    /// `d[i] = op(a[i], b[i], c[i])` for `i < n`; operands beyond the arity are not read. `d` may be `a`, `b`
    /// or `c` (each vector is loaded before it is stored). With `streaming`, `d` is written with non-temporal
    /// stores and must be aligned to the vector's size.
    @inlinable @inline(__always)
    public func run<V: ElementLanes>(_ a: UnsafePointer<V.Scalar>, _ b: UnsafePointer<V.Scalar>,
                             _ c: UnsafePointer<V.Scalar>, _ d: UnsafeMutablePointer<V.Scalar>, _ n: Int,
                             streaming: Bool = false, _: V.Type) {
        typealias S = V.Scalar
        let zero = V(repeating: 0)
        switch self {
        case .identity: map(a, d, n, streaming) { (x: V) in x }
        case .negate: map(a, d, n, streaming) { (x: V) in x * -1 }  // `-x` is `0 - x` here: +0 for +0
        case .abs: map(a, d, n, streaming) { (x: V) in laneAbs(x) }
        case .sqrt: map(a, d, n, streaming) { (x: V) in V.squareRoot(x) }
        case .square: map(a, d, n, streaming) { (x: V) in x * x }
        case .exp, .log, .log1p, .tanh, .sigmoid, .elu, .selu, .gelu, .geluTanh, .softplus, .swish:
            runTranscendental(a, d, n, streaming, V.self)
        case .sin: map(a, d, n, streaming) { (x: V) in lanes(x, S.sin) }
        case .cos: map(a, d, n, streaming) { (x: V) in lanes(x, S.cos) }
        case .floor: map(a, d, n, streaming) { (x: V) in x.rounded(.down) }
        case .ceil: map(a, d, n, streaming) { (x: V) in x.rounded(.up) }
        case .round: map(a, d, n, streaming) { (x: V) in x.rounded(.toNearestOrEven) }
        case .sign: map(a, d, n, streaming) { (x: V) in
            V.select(V.isNaN(x), x, V.greater(x, zero) - V.less(x, zero))
        }
        case .logicalNot: map(a, d, n, streaming) { (x: V) in V.equal(x, zero) }
        case .relu: map(a, d, n, streaming) { (x: V) in laneRelu(x) }
        case .relu6: map(a, d, n, streaming) { (x: V) in V.select(V.greater(x, V(repeating: 6)), V(repeating: 6), laneRelu(x)) }
        case .add: map(a, b, d, n, streaming) { (x: V, y: V) in x + y }
        case .subtract: map(a, b, d, n, streaming) { (x: V, y: V) in x - y }
        case .multiply: map(a, b, d, n, streaming) { (x: V, y: V) in x * y }
        case .divide: map(a, b, d, n, streaming) { (x: V, y: V) in x / y }
        case .remainder: map(a, b, d, n, streaming) { (x: V, y: V) in lanes(x, y, S.pythonRemainder) }
        case .power: map(a, b, d, n, streaming) { (x: V, y: V) in lanes(x, y, S.pow) }
        case .less: map(a, b, d, n, streaming) { (x: V, y: V) in V.less(x, y) }
        case .lessEqual: map(a, b, d, n, streaming) { (x: V, y: V) in V.lessEqual(x, y) }
        case .greater: map(a, b, d, n, streaming) { (x: V, y: V) in V.greater(x, y) }
        case .greaterEqual: map(a, b, d, n, streaming) { (x: V, y: V) in V.greaterEqual(x, y) }
        case .equal: map(a, b, d, n, streaming) { (x: V, y: V) in V.equal(x, y) }
        case .notEqual: map(a, b, d, n, streaming) { (x: V, y: V) in V.notEqual(x, y) }
        case .logicalAnd: map(a, b, d, n, streaming) { (x: V, y: V) in V.notEqual(x, zero) * V.notEqual(y, zero) }
        case .logicalOr: map(a, b, d, n, streaming) { (x: V, y: V) in V.notEqual(V.notEqual(x, zero) + V.notEqual(y, zero), zero) }
        case .minimum: map(a, b, d, n, streaming) { (x: V, y: V) in nanMinimum(x, y) }
        case .maximum: map(a, b, d, n, streaming) { (x: V, y: V) in nanMaximum(x, y) }
        case .leakyRelu: map(a, b, d, n, streaming) { (x: V, alpha: V) in V.select(V.greater(x, zero), x, x * alpha) }
        case .clip: map(a, b, c, d, n, streaming) { (x: V, low: V, high: V) in nanMinimum(nanMaximum(x, low), high) }
        case .select: map(a, b, c, d, n, streaming) { (p: V, x: V, y: V) in V.choose(p, x, y) }
        case .multiplyAdd: map(a, b, c, d, n, streaming) { (x: V, y: V, z: V) in x * y + z }
        }
    }

    /// The unary ops built on exp, log, tanh and erf: one loop of whole vectors and a zero-padded tail vector, the
    /// op chosen per vector (a branch the CPU predicts).
    ///
    /// NOTE: inlined into `run`'s one large switch, or passed to `map` as closures, these long polynomial chains
    /// were outlined and split into 128-bit pieces (sigmoid ran on xmm registers under AVX-512). Compiled apart,
    /// with the functions `@_transparent`, each is one straight chain of full-width instructions.
    @inlinable @inline(never)
    func runTranscendental<V: ElementLanes>(_ a: UnsafePointer<V.Scalar>, _ d: UnsafeMutablePointer<V.Scalar>, _ n: Int,
                                            _ streaming: Bool, _: V.Type) {
        let w = V.scalarCount
        var i = 0
        while i < n {
            let m = n &- i
            let x: V = m >= w ? V.load(a + i) : loadPartial(a + i, m)
            let y: V
            switch self {
            case .exp: y = V.exp(x)
            case .log: y = V.log(x)
            case .log1p: y = V.log1p(x)
            case .tanh: y = V.tanh(x)
            case .sigmoid: y = V.sigmoid(x)
            case .elu: y = V.elu(x)
            case .selu: y = V.select(V.greater(x, V()), x, V.expm1(x) * 1.6732632423543772848) * 1.0507009873554804934
            case .gelu: y = V.gelu(x)
            case .geluTanh: y = V.geluTanh(x)
            case .softplus: y = V.softplus(x)
            // A NaN comes back as itself: `x * sigmoid(x)` would return either operand's NaN, and which one (and
            // its sign, after sigmoid's negation) depends on how each ISA's compiler ordered the operands.
            case .swish: y = V.select(V.isNaN(x), x, x * V.sigmoid(x))
            default: preconditionFailure("\(self) is not a transcendental op")
            }
            if m >= w { put(y, d + i, streaming) } else { storePartial(y, d + i, m) }
            i &+= w
        }
    }
}

// MARK: - Lane helpers

/// `np.minimum`: the smaller, NaN if either is NaN; `a < b || isnan(a) ? a : b`, so `minimum(0, -0)` is -0 as NumPy.
@inlinable @inline(__always)
func nanMinimum<V: ElementLanes>(_ a: V, _ b: V) -> V { V.select(V.less(a, b) + V.isNaN(a), a, b) }

/// `np.maximum`: the larger, NaN if either is NaN.
@inlinable @inline(__always)
func nanMaximum<V: ElementLanes>(_ a: V, _ b: V) -> V { V.select(V.greater(a, b) + V.isNaN(a), a, b) }

/// `x <= 0 ? 0 : x` (NaN stays NaN, -0 becomes +0, as `tf.nn.relu`'s vector path).
@inlinable @inline(__always)
func laneRelu<V: ElementLanes>(_ x: V) -> V { V.select(V.lessEqual(x, V()), V(), x) }

/// `f` on every lane: for functions the ISA has no instruction for.
@inlinable @inline(__always)
func lanes<V: SIMD>(_ x: V, _ f: (V.Scalar) -> V.Scalar) -> V {
    var r = x
    for i in r.indices { r[i] = f(x[i]) }
    return r
}

@inlinable @inline(__always)
func lanes<V: SIMD>(_ x: V, _ y: V, _ f: (V.Scalar, V.Scalar) -> V.Scalar) -> V {
    var r = x
    for i in r.indices { r[i] = f(x[i], y[i]) }
    return r
}
