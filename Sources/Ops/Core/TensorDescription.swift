import Foundation

/// The short description a bare tensor name prints: shape, size and range; a small kernel also as a table.
public enum TensorDescription {
    /// `img: [512,512,1] float32 (1.0 MiB), range 0 .. 1`, followed by the table of a kernel of up to 16x16.
    public static func describe(_ x: Tensor, name: String) -> String {
        var line = "\(name): \(Tensor.describe(x.shape)) float32 (\(Tensor.formatBytes(x.byteCount)))"
        if let (low, high) = x.range { line += ", range \(format(low)) .. \(format(high))" }
        if x.rank == 2 || x.rank == 4, KernelTable.fits(x.shape) {
            line += "\n" + KernelTable.render(x, digits: 2)
        }
        return line
    }

    /// A value with up to 6 significant digits.
    public static func format(_ v: Float) -> String { String(format: "%.6g", Double(v)) }
}

/// Work an op's result can report, so `time` prints a rate: conv2d's geometry counts its flops.
public protocol FlopCounting {
    /// Floating-point operations, a multiply-add counted as 2.
    var flops: Double { get }
}

extension ConvGeometry: FlopCounting {}
