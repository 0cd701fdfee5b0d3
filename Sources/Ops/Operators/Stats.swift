import Foundation

/// `stats X`: shape, min, max, mean, standard deviation, fraction of zeros and of negatives, and a histogram.
struct Stats: Op {
    let name = "stats"
    let summary = "print shape, min, max, mean, std, the fractions of zeros and negatives, and a histogram"
    let parameters = [Parameter("X", .tensor)]
    let producesValue = false
    let details = """
        std is the population standard deviation (NumPy's default, ddof=0). Compare a map before and after relu:
        relu turns every negative into a zero.
        The histogram line counts the values in 32 equal bins from min to max; bar heights grow with the square
        root of the count up to the fullest bin (█), so the spike of zeros relu leaves does not hide the rest; a
        blank bin is empty, any other shows at least ▁.
        """

    func apply(_ arguments: Arguments, _ context: Context) throws -> Value? {
        let x = try arguments.tensor(1)
        let s = Summary(x)
        let label = arguments.argument(1)!.text
        context.print("\(label): \(Tensor.describe(x.shape)) float32, \(Tensor.formatBytes(x.byteCount))")
        guard s.count > 0 else { return nil }
        context.print(String(format: "  min %.6g  max %.6g  mean %.6g  std %.6g", s.min, s.max, s.mean, s.std))
        context.print(String(format: "  zeros %.2f%%  negatives %.2f%%", 100 * s.zeroFraction, 100 * s.negativeFraction)
            + (s.nanCount > 0 ? "  NaN \(s.nanCount)" : ""))
        let histogram = Histogram(x)
        context.print(String(format: "  histogram %.4g ▕", Double(histogram.low)) + histogram.sparkline
            + String(format: "▏ %.4g", Double(histogram.high)))
        return nil
    }
}

/// Summary statistics of a tensor in Double, NaNs counted and skipped; std in two passes (no cancellation).
public struct Summary {
    public var count = 0, nanCount = 0
    public var min = Double.infinity, max = -Double.infinity
    public var mean = 0.0, std = 0.0
    public var zeroFraction = 0.0, negativeFraction = 0.0

    public init(_ x: Tensor) {
        var sum = 0.0, zeros = 0, negatives = 0
        x.withUnsafeBufferPointer { values in
            for v in values {
                if v.isNaN { nanCount += 1; continue }
                let d = Double(v)
                sum += d
                min = Swift.min(min, d)
                max = Swift.max(max, d)
                if v == 0 { zeros += 1 } else if v < 0 { negatives += 1 }
            }
        }
        count = x.count - nanCount
        guard count > 0 else { return }
        mean = sum / Double(count)
        let mean = mean
        let squares = x.withUnsafeBufferPointer { values in
            values.reduce(0.0) { $1.isNaN ? $0 : $0 + (Double($1) - mean) * (Double($1) - mean) }
        }
        std = (squares / Double(count)).squareRoot()
        zeroFraction = Double(zeros) / Double(count)
        negativeFraction = Double(negatives) / Double(count)
    }
}
