import Foundation

/// Kernels and small matrices as aligned text tables under a header, like ImageMagick's `showKernel`, shaded on
/// a colour terminal like the course's `show_kernel` (background `Blues_r`, text in its darkest or lightest colour).
public enum KernelTable {
    /// Largest kh or kw drawn as a table.
    public static let maxSide = 16
    /// Slices of a bank drawn by one `show` unless `cin=`/`cout=` choose.
    public static let maxSlices = 16

    /// How cells look: plain text, or shaded with 24-bit or 256-colour escapes.
    public enum Style: Equatable, Sendable {
        case plain
        case shaded(trueColor: Bool)
    }

    /// True for `[n]` rows, `[kh,kw]` and `[kh,kw,Cin,Cout]` with every dimension positive and kh, kw ≤ `maxSide`.
    ///
    /// A 4-D shape that reads as a batch of images instead — `[N,H,W,C]` with H and W both larger than N and
    /// C ≤ 4 (gray, RGB, RGBA), as `[4,16,16,3]` — is not a bank: a bank's Cin and Cout are its last two axes, and
    /// its kw is rarely above kh while its Cin is (`[3,3,1,3]`, `[5,5,3,64]` and `[1,7,64,64]` stay banks).
    public static func fits(_ shape: [Int]) -> Bool {
        guard shape.allSatisfy({ $0 > 0 }) else { return false }
        switch shape.count {
        case 1: return shape[0] <= maxSide
        case 2: return shape[0] <= maxSide && shape[1] <= maxSide
        case 4:
            let batch = shape[1] > shape[0] && shape[2] > shape[0] && shape[3] <= 4
            return shape[0] <= maxSide && shape[1] <= maxSide && !batch
        default: return false
        }
    }

    // MARK: - Whole tensors

    /// Header and table(s) of `x`; no header when `label` is nil. A bank `[kh,kw,Cin,Cout]` shows each
    /// `[:,:,cin,cout]` slice (cin outer) under its own label and sum, at most `maxSlices` of them unless `cin`/`cout`
    /// narrow the choice.
    public static func render(_ x: Tensor, label: String? = nil, digits: Int, style: Style = .plain,
                              cmap: ColorMap = course, cin: Int? = nil, cout: Int? = nil) -> String {
        let values = x.scalars
        guard x.rank == 4 else {
            let (rows, columns) = x.rank == 1 ? (1, x.shape[0]) : (x.shape[0], x.shape[1])
            let table = grid(values, rows: rows, columns: columns, digits: digits, style: style, cmap: cmap)
            return label.map { header(label: $0, rows: rows, columns: columns, values: values) + "\n" + table } ?? table
        }
        let (kh, kw, inputs, outputs) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let pairs = (0..<inputs).filter { cin == nil || $0 == cin }.flatMap { i in
            (0..<outputs).filter { cout == nil || $0 == cout }.map { (i, $0) }
        }
        var parts = label.map { [bankHeader(label: $0, shape: x.shape, values: values)] } ?? []
        for (i, o) in pairs.prefix(maxSlices) {
            let slice = (0..<(kh * kw)).map { values[($0 * inputs + i) * outputs + o] }
            parts.append("[:,:,\(i),\(o)]  \(sumClass(slice))")
            parts.append(grid(slice, rows: kh, columns: kw, digits: digits, style: style, cmap: cmap))
        }
        if pairs.count > maxSlices {
            parts.append("... \(pairs.count - maxSlices) more slices; choose with cin=I cout=O")
        }
        return parts.joined(separator: "\n")
    }

    // MARK: - Headers

    /// `Kernel "k" of size 3x3+1+1 with values from -1 to 8, output range -8 to 8 (zero-summing)`.
    ///
    /// Size is ImageMagick's `WxH+X+Y`: the origin (X, Y) = (⌊(W-1)/2⌋, ⌊(H-1)/2⌋) is the tap over the output pixel
    /// under SAME padding with stride 1 (TensorFlow puts the odd padding pixel at the bottom/right). The output
    /// range is what the kernel makes of inputs in [0,1]: the sum of its negative values to the sum of its positive
    /// ones.
    public static func header(label: String, rows: Int, columns: Int, values: [Float]) -> String {
        let low = values.min() ?? 0, high = values.max() ?? 0
        let negative = values.reduce(0.0) { $0 + Double(min($1, 0)) }
        let positive = values.reduce(0.0) { $0 + Double(max($1, 0)) }
        return "Kernel \"\(label)\" of size \(columns)x\(rows)+\((columns - 1) / 2)+\((rows - 1) / 2) with values "
            + "from \(number(low)) to \(number(high)), output range \(number(Float(negative))) to \(number(Float(positive))) "
            + "(\(sumClass(values)))"
    }

    /// `Kernel bank "k" [3,3,1,8]: 8 filters of size 3x3+1+1 with values from -1 to 8`.
    static func bankHeader(label: String, shape: [Int], values: [Float]) -> String {
        "Kernel bank \"\(label)\" \(Tensor.describe(shape)): \(shape[2] * shape[3]) filters of size "
            + "\(shape[1])x\(shape[0])+\((shape[1] - 1) / 2)+\((shape[0] - 1) / 2) with values from "
            + "\(number(values.min() ?? 0)) to \(number(values.max() ?? 0))"
    }

    /// `zero-summing`, `normalized` (sum 1) or `sum S`, with float32 rounding allowed: |error| ≤ n·2⁻²³·Σ|v|;
    /// `sum inf`/`sum nan` when a value is not finite (the tolerance would be infinite too and accept anything).
    public static func sumClass(_ values: [Float]) -> String {
        let sum = values.reduce(0.0) { $0 + Double($1) }
        guard sum.isFinite else { return "sum \(number(Float(sum)))" }
        let tolerance = Double(values.count) * 0x1p-23 * values.reduce(0.0) { $0 + abs(Double($1)) }
        if abs(sum) <= tolerance { return "zero-summing" }
        if abs(sum - 1) <= tolerance { return "normalized" }
        return "sum \(number(Float(sum)))"
    }

    /// A value in a header: integers exactly, others with up to 6 significant digits.
    static func number(_ v: Float) -> String {
        v.isNaN ? "nan" : v == v.rounded() && abs(v) < 1e7 ? String(Int(v)) : String(format: "%.6g", Double(v))
    }

    // MARK: - Tables

    /// `rows`×`columns` values (row-major) as right-aligned cells, rounded to `digits` decimals unless every value
    /// is an integer (then exact). Plain cells are separated by two spaces; shaded cells are padded by one space on
    /// each side and coloured as `show_kernel` colours them (see `shade`).
    public static func grid(_ values: [Float], rows: Int, columns: Int, digits: Int, style: Style,
                            cmap: ColorMap = course) -> String {
        let cells = format(values, digits: digits)
        let width = cells.map(\.count).max() ?? 0
        let shades = style == .plain ? [] : shade(values, cmap)
        return (0..<rows).map { r in
            (0..<columns).map { c -> String in
                let i = r * columns + c
                let cell = String(repeating: " ", count: width - cells[i].count) + cells[i]
                guard case .shaded(let trueColor) = style else { return cell }
                return ANSI.background(shades[i].background, trueColor: trueColor)
                    + ANSI.foreground(shades[i].text, trueColor: trueColor) + " " + cell + " "
            }.joined(separator: style == .plain ? "  " : "") + (style == .plain ? "" : ANSI.reset)
        }.joined(separator: "\n")
    }

    /// Cell texts: integers exactly when all values are integers, else `%.{digits}f` (no `-0.00`).
    public static func format(_ values: [Float], digits: Int) -> [String] {
        let integral = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e7 }
        return values.map { v -> String in
            if integral { return String(Int(v)) }
            let text = String(format: "%.\(digits)f", v)
            return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
        }
    }

    /// The colour map of the course's `show_kernel`.
    public static let course = ColorMap.named("Blues_r")!

    /// The course's `show_kernel` colours: background `cmap((v - min)/(max - min))`; text `cmap(0)` where
    /// `v > (max + min)/2`, else `cmap(255)` — for `Blues_r`, dark text on light cells and light on dark.
    static func shade(_ values: [Float], _ cmap: ColorMap) -> [(background: ColorMap.RGB, text: ColorMap.RGB)] {
        let low = values.min() ?? 0, high = values.max() ?? 0
        let threshold = (high + low) / 2
        return values.map { v in
            (cmap.color(high > low ? (v - low) / (high - low) : 0), v > threshold ? cmap.colors[0] : cmap.colors[255])
        }
    }
}
