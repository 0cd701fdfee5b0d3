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

    /// The largest H·W an image may decode to.
    public static var maxPixels: Int {
        get { lock.withLock { storedMaxPixels } }
        set { lock.withLock { storedMaxPixels = max(1, newValue) } }
    }

    /// The largest element count of any tensor.
    public static var maxElements: Int { maxPixels.multipliedReportingOverflow(by: 4).partialValue }

    /// Throws unless an image of `width`×`height` is within `maxPixels`.
    public static func checkImage(width: Int, height: Int, channels: Int) throws {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            let bytes = Double(width) * Double(height) * Double(channels) * 4
            throw OpError(String(format: "image is %d x %d (%.0f megapixels, %@ as float32), over the cap of %d "
                + "pixels; raise it with 'set max_pixels N'", width, height, Double(width) * Double(height) / 1e6,
                // NOTE: Double(Int.max) is 2^63, one past Int.max: converting it back traps (found by fuzzing).
                Tensor.formatBytes(bytes < Double(Int.max) ? Int(bytes) : Int.max), maxPixels))
        }
    }

    /// Throws unless a tensor of `count` elements is within `maxElements`.
    public static func checkElements(_ count: Int, shape: [Int]) throws {
        guard count <= maxElements else {
            throw OpError("tensor \(Tensor.describe(shape)) would need "
                + "\(Tensor.formatBytes(count.multipliedReportingOverflow(by: 4).partialValue)), over the cap of "
                + "\(Tensor.formatBytes(maxElements * 4)); raise it with 'set max_pixels N'")
        }
    }
}
