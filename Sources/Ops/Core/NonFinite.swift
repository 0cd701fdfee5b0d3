/// How many elements of a tensor are NaN, +inf or -inf: the values no min..max range can hold.
///
/// Every range, histogram and statistic the shell prints covers the finite values only and then says how many
/// were left out, so one overflowed conv output neither hides the rest of a map nor stops the shell.
public struct NonFiniteCounts: Equatable, Sendable {
    public var nan = 0, positiveInfinity = 0, negativeInfinity = 0

    public init(nan: Int = 0, positiveInfinity: Int = 0, negativeInfinity: Int = 0) {
        (self.nan, self.positiveInfinity, self.negativeInfinity) = (nan, positiveInfinity, negativeInfinity)
    }

    /// Counts the non-finite values of `values` in one pass.
    public init(_ values: UnsafeBufferPointer<Float>) {
        for v in values where !v.isFinite {
            if v.isNaN { nan += 1 } else if v > 0 { positiveInfinity += 1 } else { negativeInfinity += 1 }
        }
    }

    /// NaN + inf + -inf.
    public var total: Int { nan + positiveInfinity + negativeInfinity }

    /// `2 NaN, 1 +inf` (only the kinds present); empty when every value is finite.
    public var description: String {
        [(nan, "NaN"), (positiveInfinity, "+inf"), (negativeInfinity, "-inf")]
            .filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}

extension Tensor {
    /// The NaN and infinite elements of the tensor.
    public var nonFinite: NonFiniteCounts { withUnsafeBufferPointer { NonFiniteCounts($0) } }
}
