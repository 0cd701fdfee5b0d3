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

/// The memory-size thresholds of the schedules; tests lower them to reach every branch on small shapes.
struct ScheduleLimits {
    /// Packed weights of one channel block above this size are split by input channel: half of a 1 MiB L2
    /// (current x86 cores have 1–2 MiB), leaving room for the input rows and output tiles beside them.
    var weightBudget = 512 * 1024
    /// Results from this size up are written with non-temporal stores: they would not stay in a last-level cache
    /// of 16–32 MiB anyway, and a normal store first reads the line it writes, a third stream beside input and
    /// output.
    var streamingBytes = 16 << 20

    static let standard = ScheduleLimits()

    /// True when a result of `count` floats should bypass the cache.
    func streams(_ count: Int) -> Bool { count * MemoryLayout<Float>.stride >= streamingBytes }
}
