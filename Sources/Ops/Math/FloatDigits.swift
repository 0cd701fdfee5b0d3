import Foundation

/// A float32's decimal digits as NumPy's Dragon4 prints them: the shortest digits that read back as the same
/// float32 (`unique=True`), cut to a number of digits when they are longer (`precision=`).
struct FloatDigits {
    let negative: Bool
    /// Significant digits, no leading or trailing zeros ("0" for zero).
    let digits: [Character]
    /// Decimal exponent of the first digit: the value is `d0.d1d2… × 10^exponent`.
    let exponent: Int

    /// The shortest round-trip digits of `x` (finite), from Swift's own shortest `description`.
    init(_ x: Float) {
        var text = x.description
        negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: "e")
        let power = parts.count > 1 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
        var all = Array(mantissa[0]) + (mantissa.count > 1 ? Array(mantissa[1]) : [])
        var point = mantissa[0].count
        while all.first == "0" { all.removeFirst(); point -= 1 }
        while all.last == "0" { all.removeLast() }
        if all.isEmpty { (digits, exponent) = (["0"], 0) } else { (digits, exponent) = (all, point - 1 + power) }
    }

    /// `dragon4_positional(x, precision, unique=True, fractional=True, trim='.')`: integer part and fractional
    /// digits (trailing zeros trimmed).
    static func positional(_ x: Float, precision: Int) -> (integer: String, fraction: String) {
        let d = FloatDigits(x)
        let sign = d.negative ? "-" : ""
        let fractionCount = max(0, d.digits.count - 1 - d.exponent)
        if fractionCount > precision {
            let text = String(format: "%.*f", precision, Double(x.magnitude))
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            var fraction = parts.count > 1 ? String(parts[1]) : ""
            while fraction.last == "0" { fraction.removeLast() }
            return (sign + parts[0], fraction)
        }
        if d.exponent >= 0 {
            let whole = d.digits.prefix(d.exponent + 1)
            let integer = String(whole) + String(repeating: "0", count: d.exponent + 1 - whole.count)
            return (sign + integer, String(d.digits.dropFirst(d.exponent + 1)))
        }
        return (sign + "0", String(repeating: "0", count: -d.exponent - 1) + String(d.digits))
    }

    /// `dragon4_scientific(x, precision, unique=True, trim='.')`: sign and first digit, the digits after the
    /// point, and the exponent.
    static func scientific(_ x: Float, precision: Int) -> (integer: String, fraction: String, exponent: Int) {
        let d = FloatDigits(x)
        let sign = d.negative ? "-" : ""
        if d.digits.count - 1 > precision {
            let text = String(format: "%.*e", precision, Double(x.magnitude))
            let parts = text.split(separator: "e")
            let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            var fraction = mantissa.count > 1 ? String(mantissa[1]) : ""
            while fraction.last == "0" { fraction.removeLast() }
            return (sign + mantissa[0], fraction, Int(parts[1])!)
        }
        return (sign + String(d.digits[0]), String(d.digits.dropFirst()), d.digits == ["0"] ? 0 : d.exponent)
    }
}
