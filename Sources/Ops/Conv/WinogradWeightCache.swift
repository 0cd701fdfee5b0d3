import ConvKernels
import Foundation

/// Transformed Winograd weights kept for the kernel tensors they came from, so a repeated conv with the same
/// kernel (a loop over images, a model's forward pass) transforms it once.
///
/// Keyed by the kernel's storage: an entry holds a strong reference to the kernel's `TensorBuffer`, so that
/// buffer is never uniquely referenced while cached, and any write to the kernel tensor (whose copy-on-write
/// then copies it) gives it a new buffer: a changed kernel can never hit a stale entry. The price is that a
/// cached kernel's storage lives until its entry is evicted: entries are least-recently-used, at most
/// `maxEntries` of them and `maxBytes` of transformed weights together.
final class WinogradWeightCache: @unchecked Sendable {
    static let shared = WinogradWeightCache()
    static let maxEntries = 32
    static let maxBytes = 256 << 20

    private struct Entry {
        let buffer: TensorBuffer
        let shape: [Int]
        let tile: Int
        let isa: String
        let weights: WinogradWeights
    }

    private let lock = NSLock()
    /// Most recently used last.
    private var entries: [Entry] = []

    /// The transformed weights of `kernel` (`[3,3,Cin,Cout]`) for tile `m` and `kernels`' tile widths, made on
    /// up to `threads` threads when not cached.
    func weights(_ kernel: Tensor, tile m: Int, kernels: KernelSet, threads: Int) throws -> WinogradWeights {
        lock.lock()
        if let i = entries.firstIndex(where: {
            $0.buffer === kernel.buffer && $0.shape == kernel.shape && $0.tile == m && $0.isa == kernels.name
        }) {
            let entry = entries.remove(at: i)
            entries.append(entry)
            lock.unlock()
            return entry.weights
        }
        lock.unlock()
        let weights = try WinogradWeights(kernel.buffer.pointer, inChannels: kernel.shape[2],
                                          outChannels: kernel.shape[3], tile: m, widths: kernels.widths,
                                          threads: threads)
        try Cancellation.check()  // the pool skipped tasks: never cache half-transformed weights
        guard weights.bytes <= WinogradWeightCache.maxBytes else { return weights }
        lock.lock()
        defer { lock.unlock() }
        entries.append(Entry(buffer: kernel.buffer, shape: kernel.shape, tile: m, isa: kernels.name,
                             weights: weights))
        var total = entries.reduce(0) { $0 + $1.weights.bytes }
        while entries.count > WinogradWeightCache.maxEntries || total > WinogradWeightCache.maxBytes {
            total -= entries.removeFirst().weights.bytes
        }
        return weights
    }

    /// Whether the transform of `kernel`'s own storage for tile `m` and `kernels` is held (tests: a count of
    /// entries would also see other tests' convs, which run in parallel).
    func holds(_ kernel: Tensor, tile m: Int, kernels: KernelSet) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return entries.contains {
            $0.buffer === kernel.buffer && $0.shape == kernel.shape && $0.tile == m && $0.isa == kernels.name
        }
    }
}
