import Foundation

/// Owned, 64-byte aligned float32 storage behind a `Tensor`.
///
/// 64-byte alignment lets SIMD kernels use aligned 512-bit loads on the first element of any tensor.
/// The buffer is a class so tensors share storage until one of them is written (copy-on-write in `Tensor`).
public final class TensorBuffer: @unchecked Sendable {
    /// Byte alignment of every tensor's first element.
    public static let alignment = 64

    public let pointer: UnsafeMutablePointer<Float>
    public let count: Int

    /// Allocates `count` floats, uninitialised; throws instead of trapping when memory runs out.
    ///
    /// Blocks of 2 MiB and more come from `LargeBlocks` (huge pages, freed blocks reused).
    public init(uninitializedCount count: Int) throws {
        var raw: UnsafeMutableRawPointer?
        let (bytes, overflow) = max(count, 1).multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        guard !overflow else {
            throw OpError("out of memory: cannot allocate \(Tensor.formatBytes(Double(count) * 4))")
        }
        if bytes >= LargeBlocks.granule {
            raw = LargeBlocks.shared.allocate(bytes)
        } else if posix_memalign(&raw, TensorBuffer.alignment, bytes) != 0 {
            raw = nil
        }
        guard let raw else { throw OpError("out of memory: cannot allocate \(Tensor.formatBytes(bytes))") }
        self.pointer = raw.bindMemory(to: Float.self, capacity: max(count, 1))
        self.count = count
    }

    deinit {
        let bytes = max(count, 1) &* MemoryLayout<Float>.stride
        if bytes >= LargeBlocks.granule {
            LargeBlocks.shared.free(UnsafeMutableRawPointer(pointer), bytes: bytes)
        } else {
            free(pointer)
        }
    }
}
