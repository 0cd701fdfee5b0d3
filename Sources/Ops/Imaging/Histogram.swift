/// A histogram of a tensor's values in equal-width bins from min to max, drawn as a one-line sparkline.
public struct Histogram: Equatable, Sendable {
    /// Elements per bin; bin i holds `min + i·w ≤ v < min + (i+1)·w` (the last bin also holds max), `w = (max-min)/n`.
    public var counts: [Int]
    public var low, high: Float

    /// Bars from the lowest to the highest.
    public static let bars = Array("▁▂▃▄▅▆▇█")

    /// Counts the finite values of `x` in `bins` bins over its finite min...max (one bin when all are equal, no
    /// bin when none is finite); NaN and ±inf are left out (`Tensor.nonFinite` counts them).
    public init(_ x: Tensor, bins: Int = 32) {
        let range = x.range
        (low, high) = (range?.min ?? 0, range?.max ?? 0)
        let n = range == nil ? 0 : high > low ? bins : 1
        counts = [Int](repeating: 0, count: n)
        // In Double: max - min of two floats cannot overflow, and (v - min) · scale lies in 0...n for finite v.
        let scale = high > low ? Double(n) / (Double(high) - Double(low)) : 0
        x.withUnsafeBufferPointer { values in
            for v in values where v.isFinite {
                counts[min(n - 1, Int((Double(v) - Double(low)) * scale))] += 1
            }
        }
    }

    /// One character per bin: a space for an empty bin, else `bars[⌈8·√(count/maxCount)⌉ - 1]`.
    ///
    /// Heights follow the square root of the count, so the spike of zeros ReLU leaves does not flatten every other
    /// bin while a bell curve still looks like one; any non-empty bin shows at least `▁`, the fullest `█`.
    public var sparkline: String {
        let most = Double(counts.max() ?? 0)
        return String(counts.map { count -> Character in
            guard count > 0 else { return " " }
            let level = Int((8 * (Double(count) / most).squareRoot()).rounded(.up))
            return Histogram.bars[min(7, max(0, level - 1))]
        })
    }
}
