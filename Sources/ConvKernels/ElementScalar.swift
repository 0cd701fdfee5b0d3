#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lane type of the element-wise engine: `Float` in the kernels, `Double` for all-number expressions.
///
/// The op table (`ElementwiseCode.run`) is written once over SIMD vectors of an `ElementScalar`. Float registers
/// compute exp and log in C (`ckernel_math.h`), log1p, expm1, tanh and erf with the polynomials of `FloatLanes`
/// (`LaneMath.swift`); Double lanes (all-number expressions) and the functions with no vector version (sin, cos,
/// pow, fmod) run lane by lane through libm.
public protocol ElementScalar: BinaryFloatingPoint {
    static func exp(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func fmod(_ x: Self, _ y: Self) -> Self
}

extension Float: ElementScalar {
    @inlinable public static func exp(_ x: Float) -> Float { expf(x) }
    @inlinable public static func expm1(_ x: Float) -> Float { expm1f(x) }
    @inlinable public static func log(_ x: Float) -> Float { logf(x) }
    @inlinable public static func log1p(_ x: Float) -> Float { log1pf(x) }
    @inlinable public static func sin(_ x: Float) -> Float { sinf(x) }
    @inlinable public static func cos(_ x: Float) -> Float { cosf(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inlinable public static func erf(_ x: Float) -> Float { erff(x) }
    @inlinable public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    @inlinable public static func fmod(_ x: Float, _ y: Float) -> Float { fmodf(x, y) }
}

extension Double: ElementScalar {
    @inlinable public static func exp(_ x: Double) -> Double { libmExp(x) }
    @inlinable public static func expm1(_ x: Double) -> Double { libmExpm1(x) }
    @inlinable public static func log(_ x: Double) -> Double { libmLog(x) }
    @inlinable public static func log1p(_ x: Double) -> Double { libmLog1p(x) }
    @inlinable public static func sin(_ x: Double) -> Double { libmSin(x) }
    @inlinable public static func cos(_ x: Double) -> Double { libmCos(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { libmTanh(x) }
    @inlinable public static func erf(_ x: Double) -> Double { libmErf(x) }
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { libmPow(x, y) }
    @inlinable public static func fmod(_ x: Double, _ y: Double) -> Double { libmFmod(x, y) }
}

// libm's double functions under other names: inside `extension Double` the bare names would mean the members.
@inlinable func libmExp(_ x: Double) -> Double { exp(x) }
@inlinable func libmExpm1(_ x: Double) -> Double { expm1(x) }
@inlinable func libmLog(_ x: Double) -> Double { log(x) }
@inlinable func libmLog1p(_ x: Double) -> Double { log1p(x) }
@inlinable func libmSin(_ x: Double) -> Double { sin(x) }
@inlinable func libmCos(_ x: Double) -> Double { cos(x) }
@inlinable func libmTanh(_ x: Double) -> Double { tanh(x) }
@inlinable func libmErf(_ x: Double) -> Double { erf(x) }
@inlinable func libmPow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@inlinable func libmFmod(_ x: Double, _ y: Double) -> Double { fmod(x, y) }

// MARK: - Scalar definitions of the functions that run lane by lane

extension ElementScalar {
    /// Python's and NumPy's `%`: the remainder takes the divisor's sign (`np.remainder`, `npy_divmod`).
    @inlinable public static func pythonRemainder(_ a: Self, _ b: Self) -> Self {
        if b == 0 { return fmod(a, b) }  // NaN, as NumPy
        var m = fmod(a, b)
        if m != 0 {
            if (b < 0) != (m < 0) { m += b }
        } else {
            m = b < 0 ? -0.0 : 0.0
        }
        return m
    }
}

/// A SIMD register of the element-wise engine: the lane comparisons and the select the op table is built from.
///
/// NOTE: the standard library's `.<`, `.==`, `.&` and `replacing(with:where:)` become lane-by-lane loops in
/// generic code, and even on the concrete `SIMD16<Float>` they compiled to 128-bit pieces and lane inserts. Each
/// ISA target conforms its float register in its own module with C functions on clang's vector types
/// (`ckernel_math.h`), so the table's comparisons, exp, log, loads and stores are single vector instructions or
/// straight vector chains. `select` stays Swift's inside the functions' chains (there it folds into the
/// instruction before it); the `select` op's own loop uses `choose`, C's blend (Swift's became masked 128-bit
/// loads there). The Double lanes of all-number expressions keep their Swift versions.
public protocol ElementLanes: SIMD where Scalar: ElementScalar {
    /// 1 where `a < b`, else 0 (and so on: NaN compares false, except `notEqual`).
    static func less(_ a: Self, _ b: Self) -> Self
    static func lessEqual(_ a: Self, _ b: Self) -> Self
    static func equal(_ a: Self, _ b: Self) -> Self
    static func notEqual(_ a: Self, _ b: Self) -> Self
    /// `a` where `condition` is nonzero (NaN too), else `b`.
    static func select(_ condition: Self, _ a: Self, _ b: Self) -> Self
    /// `select` as the `select` op's loop runs it, on its own loaded vectors (see each register's conformance).
    static func choose(_ condition: Self, _ a: Self, _ b: Self) -> Self
    /// Correctly rounded square roots: one vector instruction on a kernel set's register, libm's lane by lane
    /// on the Double lanes of all-number expressions.
    static func squareRoot(_ x: Self) -> Self
    /// Writes `x` to `p` (aligned to the vector's size) without reading its cache line first (a non-temporal
    /// store, for results larger than the last-level cache); a plain store on the Double lanes.
    static func stream(_ x: Self, to p: UnsafeMutablePointer<Scalar>)
    /// The vector at `p` (any alignment).
    static func load(_ p: UnsafePointer<Scalar>) -> Self
    /// Writes `x` to `p` (any alignment).
    static func store(_ x: Self, to p: UnsafeMutablePointer<Scalar>)
    /// The transcendental functions per lane: libm's lane by lane unless the register is `FloatLanes`.
    static func exp(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
}

extension ElementLanes {
    @inlinable @inline(__always) static func greater(_ a: Self, _ b: Self) -> Self { less(b, a) }
    @inlinable @inline(__always) static func greaterEqual(_ a: Self, _ b: Self) -> Self { lessEqual(b, a) }
    /// 1 where `x` is NaN.
    @inlinable @inline(__always) static func isNaN(_ x: Self) -> Self { notEqual(x, x) }

    @inlinable @inline(__always) public static func stream(_ x: Self, to p: UnsafeMutablePointer<Scalar>) {
        store(x, to: p)
    }
    @inlinable @inline(__always) public static func load(_ p: UnsafePointer<Scalar>) -> Self {
        UnsafeRawPointer(p).loadUnaligned(as: Self.self)
    }
    @inlinable @inline(__always) public static func store(_ x: Self, to p: UnsafeMutablePointer<Scalar>) {
        UnsafeMutableRawPointer(p).storeBytes(of: x, as: Self.self)
    }

    // libm lane by lane: the Double lanes of all-number expressions (correctly rounded to a few ulp).
    @inlinable @inline(__always) public static func squareRoot(_ x: Self) -> Self { lanes(x) { $0.squareRoot() } }
    @inlinable @inline(__always) public static func exp(_ x: Self) -> Self { lanes(x, Scalar.exp) }
    @inlinable @inline(__always) public static func expm1(_ x: Self) -> Self { lanes(x, Scalar.expm1) }
    @inlinable @inline(__always) public static func log(_ x: Self) -> Self { lanes(x, Scalar.log) }
    @inlinable @inline(__always) public static func log1p(_ x: Self) -> Self { lanes(x, Scalar.log1p) }
    @inlinable @inline(__always) public static func tanh(_ x: Self) -> Self { lanes(x, Scalar.tanh) }
    @inlinable @inline(__always) public static func erf(_ x: Self) -> Self { lanes(x, Scalar.erf) }
}
