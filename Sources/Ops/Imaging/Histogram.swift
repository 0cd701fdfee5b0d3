/// A histogram of a tensor's values in equal-width bins from min to max, drawn as a one-line sparkline.
public struct Histogram: Equatable, Sendable {
    /// Elements per bin; bin i holds `min + i·w ≤ v < min + (i+1)·w` (the last bin also holds max), `w = (max-min)/n`.
    public var counts: [Int]
    public var low, high: Float

    /// Bars from the lowest to the highest.
    public static let bars = Array("▁▂▃▄▅▆▇█")

    /// Counts the non-NaN values of `x` in `bins` bins over its own min...max (one bin when all values are equal).
    public init(_ x: Tensor, bins: Int = 32) {
        let range = x.range ?? (0, 0)
        (low, high) = (range.min, range.max)
        let n = high > low ? bins : 1
        counts = [Int](repeating: 0, count: n)
        let scale = high > low ? Double(n) / (Double(high) - Double(low)) : 0
        x.withUnsafeBufferPointer { values in
            for v in values where !v.isNaN {
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
