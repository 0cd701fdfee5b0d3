import Foundation

/// The short description a bare tensor name prints: shape, size and range; a small kernel also as a table.
public enum TensorDescription {
    /// Most `[:,:,cin,cout]` slices of a bank printed as tables; a larger bank is left to `show`.
    public static let maxSlices = 8

    /// `img: [512,512,1] float32 (1.0 MiB), range 0 .. 1`, followed by the table of a kernel of up to 16x16
    /// (a bank only when it has at most `maxSlices` slices). The range is of the finite values; NaN and ±inf are
    /// counted after it: `f: [2] float32 (8 B), range 1 .. 1, also 1 +inf`.
    public static func describe(_ x: Tensor, name: String) -> String {
        var line = "\(name): \(Tensor.describe(x.shape)) float32 (\(Tensor.formatBytes(x.byteCount)))"
        if let (low, high) = x.range { line += ", range \(format(low)) .. \(format(high))" }
        let nonFinite = x.nonFinite
        if nonFinite.total > 0 { line += x.range == nil ? ", all non-finite: " : ", also "; line += nonFinite.description }
        guard x.rank == 2 || x.rank == 4, KernelTable.fits(x.shape) else { return line }
        if x.rank == 4, x.shape[2] * x.shape[3] > maxSlices {
            return line + "\n(\(x.shape[2] * x.shape[3]) slices: show \(name) cin=I cout=O prints one)"
        }
        return line + "\n" + KernelTable.render(x, digits: 2)
    }

    /// A value with up to 6 significant digits.
    public static func format(_ v: Float) -> String { String(format: "%.6g", Double(v)) }
}

/// Work an op's result can report, so `time` prints a rate: conv2d's geometry counts its flops.
public protocol FlopCounting {
    /// Floating-point operations, a multiply-add counted as 2.
    var flops: Double { get }
    /// How the work was done, printed after the rate (`winograd F(4,3)`); nil for nothing to say.
    var method: String? { get }
}

extension FlopCounting {
    public var method: String? { nil }
}

extension ConvGeometry: FlopCounting {}
