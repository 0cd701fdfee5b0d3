/// NumPy's `FloatingFormat` (`floatmode='maxprec'`, `sign='-'`): one width and style for every element printed.
///
/// Scientific when the largest magnitude is ≥ 1e8, or the smallest nonzero one < 1e-4, or their ratio > 1000;
/// else positional with the fractional digits of the longest element, shorter ones padded with spaces
/// (`[1.5  2.   3.25]`). In scientific style every mantissa shows the same digits (`[1.0e-05 1.5e+08]`).
struct FloatFormat {
    private var scientific = false
    private var padLeft = 0, padRight = 0
    private var precision: Int
    private var exponentDigits = 2

    init(_ values: [Float], precision: Int) {
        self.precision = precision
        let finite = values.filter(\.isFinite)
        let magnitudes = finite.filter { $0 != 0 }.map(\.magnitude)
        if let high = magnitudes.max(), let low = magnitudes.min() {
            scientific = high >= 1e8 || low < 0.0001 || high / low > 1000
        }
        if finite.isEmpty {
            (padLeft, padRight) = (0, 0)
        } else if scientific {
            let parts = finite.map { FloatDigits.scientific($0, precision: precision) }
            self.precision = parts.map(\.fraction.count).max()!
            exponentDigits = max(2, parts.map { String($0.exponent.magnitude).count }.max()!)
            padLeft = parts.map(\.integer.count).max()!
            padRight = exponentDigits + 2 + self.precision
        } else {
            let parts = finite.map { FloatDigits.positional($0, precision: precision) }
            padLeft = parts.map(\.integer.count).max()!
            padRight = parts.map(\.fraction.count).max()!
        }
        if finite.count != values.count {
            let negativeInfinity = values.contains(-.infinity) ? 1 : 0
            padLeft = max(padLeft, 3 - (padRight + 1), 3 + negativeInfinity - (padRight + 1))
        }
    }

    func callAsFunction(_ x: Float) -> String {
        guard x.isFinite else {
            let text = x.isNaN ? "nan" : x < 0 ? "-inf" : "inf"
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
        }
        if scientific {
            let p = FloatDigits.scientific(x, precision: precision)
            let fraction = p.fraction + String(repeating: "0", count: max(0, precision - p.fraction.count))
            let e = String(p.exponent.magnitude)
            return pad(p.integer) + "." + fraction + "e" + (p.exponent < 0 ? "-" : "+")
                + String(repeating: "0", count: max(0, exponentDigits - e.count)) + e
        }
        let p = FloatDigits.positional(x, precision: precision)
        return pad(p.integer) + "." + p.fraction + String(repeating: " ", count: max(0, padRight - p.fraction.count))
    }

    private func pad(_ integer: String) -> String {
        String(repeating: " ", count: max(0, padLeft - integer.count)) + integer
    }
}
