import ConvKernels

/// The op table's comparisons and select on numbers: an all-number expression evaluates in Double through the
/// same table (`ElementwiseExpression.numberValue`).
extension SIMD2: ElementLanes where Scalar == Double {
    @inline(__always) public static func less(_ a: Self, _ b: Self) -> Self { Self().replacing(with: 1, where: a .< b) }
    @inline(__always) public static func lessEqual(_ a: Self, _ b: Self) -> Self {
        Self().replacing(with: 1, where: a .<= b)
    }
    @inline(__always) public static func equal(_ a: Self, _ b: Self) -> Self { Self().replacing(with: 1, where: a .== b) }
    @inline(__always) public static func notEqual(_ a: Self, _ b: Self) -> Self {
        Self().replacing(with: 1, where: a .!= b)
    }
    @inline(__always) public static func select(_ condition: Self, _ a: Self, _ b: Self) -> Self {
        b.replacing(with: a, where: condition .!= 0)
    }
    @inline(__always) public static func choose(_ condition: Self, _ a: Self, _ b: Self) -> Self {
        select(condition, a, b)
    }
}
