import Foundation

/// Size caps that stop a malformed header or a typo from allocating gigabytes.
///
/// `maxPixels` (shell: `set max_pixels N`) caps an image's H·W before it is decoded; every tensor allocation is
/// capped at `maxPixels · 4` elements (an RGBA image at the cap; 4 GiB of float32 at the default).
public enum Limits {
    /// Default cap: 256 megapixels (16384 × 16384).
    public static let defaultMaxPixels = 16_384 * 16_384

    private static let lock = NSLock()
    nonisolated(unsafe) private static var storedMaxPixels = defaultMaxPixels

    /// The largest cap `set max_pixels` accepts: 2⁴⁰ pixels (a 16 TiB RGBA float32 image), so that
    /// `maxPixels · 4` elements `· 4` bytes stays far inside `Int`.
    public static let maxMaxPixels = 1 << 40

    /// The largest H·W an image may decode to; a value outside `1...maxMaxPixels` is clamped into it (code that
    /// takes the value from a user calls `setMaxPixels`, which refuses it instead).
    public static var maxPixels: Int {
        get { lock.withLock { storedMaxPixels } }
        set { lock.withLock { storedMaxPixels = min(max(1, newValue), maxMaxPixels) } }
    }

    /// Sets `maxPixels` from a user's value (`set max_pixels N`), or throws a one-line error naming the range.
    public static func setMaxPixels(_ text: String) throws {
        guard let n = Int(text.trimmingCharacters(in: .whitespaces)), (1...maxMaxPixels).contains(n) else {
            throw OpError("expected an integer from 1 to \(maxMaxPixels), got '\(text)'")
        }
        maxPixels = n
    }

    /// The largest element count of any tensor: `maxPixels · 4` (cannot overflow: `maxPixels ≤ 2⁴⁰`).
    public static var maxElements: Int { maxPixels * 4 }

    /// Throws unless an image of `width`×`height` is within `maxPixels`.
    public static func checkImage(width: Int, height: Int, channels: Int) throws {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            let bytes = Double(width) * Double(height) * Double(channels) * 4
            throw OpError(String(format: "image is %d x %d (%.0f megapixels, %@ as float32), over the cap of %d "
                + "pixels; raise it with 'set max_pixels N'", width, height, Double(width) * Double(height) / 1e6,
                Tensor.formatBytes(bytes), maxPixels))
        }
    }

    /// Throws unless a tensor of `count` elements is within `maxElements`.
    /// `count` may be any product of a shape: the bytes it would need are computed in Double (2⁶¹ elements
    /// print as 8.0 EiB, not as a wrapped negative number).
    public static func checkElements(_ count: Int, shape: [Int]) throws {
        guard count <= maxElements else {
            throw OpError("tensor \(Tensor.describe(shape)) would need \(Tensor.formatBytes(Double(count) * 4)), "
                + "over the cap of \(Tensor.formatBytes(maxElements * 4)); raise it with 'set max_pixels N'")
        }
    }
}
