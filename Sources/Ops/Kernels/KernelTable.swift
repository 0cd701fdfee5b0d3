import Foundation

/// Kernels and small matrices as aligned text tables, like the course's `show_kernel`.
public enum KernelTable {
    /// Largest kh or kw drawn as a table.
    public static let maxSide = 16

    /// True for `[kh,kw]` (also `[n]` rows) and `[kh,kw,Cin,Cout]` with kh, kw ≤ `maxSide`.
    public static func fits(_ shape: [Int]) -> Bool {
        switch shape.count {
        case 1: return shape[0] <= maxSide
        case 2, 4: return shape[0] <= maxSide && shape[1] <= maxSide && shape.allSatisfy { $0 > 0 }
        default: return false
        }
    }

    /// The table: one row per kernel row, numbers right-aligned in columns of equal width, rounded to
    /// `digits` decimals unless every value is an integer. A bank renders each `[:,:,cin,cout]` slice under a label.
    public static func render(_ x: Tensor, digits: Int) -> String {
        let values = x.scalars
        switch x.rank {
        case 1: return grid(values, rows: 1, columns: x.shape[0], digits: digits)
        case 2: return grid(values, rows: x.shape[0], columns: x.shape[1], digits: digits)
        default:
            let (kh, kw, cin, cout) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
            var parts: [String] = []
            for i in 0..<cin {
                for o in 0..<cout {
                    let slice = (0..<(kh * kw)).map { values[($0 * cin + i) * cout + o] }
                    parts.append("[:,:,\(i),\(o)]\n" + grid(slice, rows: kh, columns: kw, digits: digits))
                }
            }
            return parts.joined(separator: "\n")
        }
    }

    /// `rows`×`columns` values (row-major) as right-aligned text.
    public static func grid(_ values: [Float], rows: Int, columns: Int, digits: Int) -> String {
        let integral = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e7 }
        let cells = values.map { v -> String in
            if integral { return String(Int(v)) }
            let text = String(format: "%.\(digits)f", v)
            return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
        }
        let width = cells.map(\.count).max() ?? 0
        return (0..<rows).map { r in
            (0..<columns).map { c in
                let cell = cells[r * columns + c]
                return String(repeating: " ", count: width - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
