import Foundation

/// Per-worker scratch memory for one parallel loop: `perWorker` bytes for each of `workers` threads.
///
/// Allocated once before the loop (64-byte aligned slices, zeroed), so kernels and schedules never allocate inside
/// it, and a scratch tile never holds stale garbage such as signalling NaNs or denormals.
final class Scratch {
    private let base: UnsafeMutableRawPointer
    private let stride: Int

    init(workers: Int, perWorker bytes: Int) throws {
        stride = (max(bytes, 64) + 63) / 64 * 64
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, 64, stride * max(workers, 1)) == 0, let raw else {
            throw OpError("out of memory: cannot allocate \(Tensor.formatBytes(stride * workers)) of scratch")
        }
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: stride * max(workers, 1))
        base = raw
    }

    deinit { free(base) }

    /// The slice of `worker`.
    func memory(_ worker: Int) -> UnsafeMutableRawPointer { base + worker * stride }
}

/// Carves typed, 64-byte aligned pieces out of one worker's scratch slice, in a fixed order.
struct ScratchLayout {
    private(set) var bytes = 0

    /// Reserves `count` values of `T`; returns their byte offset.
    mutating func reserve<T>(_ count: Int, of _: T.Type) -> Int {
        let offset = bytes
        bytes += (max(count, 1) * MemoryLayout<T>.stride + 63) / 64 * 64
        return offset
    }
}
