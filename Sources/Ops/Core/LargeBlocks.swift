import Foundation
import Synchronization

/// Storage for large tensors: 2 MiB-aligned blocks on transparent huge pages, and a small cache of freed blocks.
///
/// The first write to freshly mapped memory costs a page fault per page, and for a big result that costs more
/// than computing it (64 MiB in 4 KiB pages: about 45 ms here; a 3x3 filter on those pixels takes a few). Huge
/// pages cut the faults 512-fold; keeping a freed block for the next tensor of the same size removes them, so an
/// op run again (`time`, scripts over many images, benchmarks) writes into memory that is already mapped. This is
/// what TensorFlow's and ONNX Runtime's arena allocators do with every freed tensor; here it is bounded to
/// `capacity` bytes and `maxBlocks` blocks, oldest dropped first, and emptied before any allocation fails.
final class LargeBlocks: Sendable {
    static let shared = LargeBlocks()

    /// Blocks from this size up come from here (and sizes are rounded up to a multiple of it).
    static let granule = 2 << 20
    /// Freed blocks kept at most.
    static let maxBlocks = 8

    /// Bytes of freed blocks kept at most: an eighth of physical memory, at most 4 GiB.
    let capacity = Int(min(ProcessInfo.processInfo.physicalMemory / 8, 4 << 30))

    private struct Cache: @unchecked Sendable {
        var blocks: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []
        var bytes = 0
    }

    private let cache = Mutex(Cache())

    /// Freed blocks held now, and their bytes.
    var cached: (blocks: Int, bytes: Int) { cache.withLock { ($0.blocks.count, $0.bytes) } }

    /// `bytes` rounded up to whole granules.
    static func blockSize(_ bytes: Int) -> Int { (bytes + granule - 1) / granule * granule }

    /// A block of at least `bytes`, uninitialised; nil when memory runs out even with the cache emptied.
    func allocate(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let size = LargeBlocks.blockSize(bytes)
        let reused = cache.withLock { cache -> UnsafeMutableRawPointer? in
            guard let i = cache.blocks.lastIndex(where: { $0.bytes == size }) else { return nil }
            cache.bytes -= size
            return cache.blocks.remove(at: i).pointer
        }
        if let reused { return reused }
        if let fresh = LargeBlocks.map(size) { return fresh }
        release(keeping: 0)
        return LargeBlocks.map(size)
    }

    /// Takes back a block from `allocate(bytes)`: cached for reuse, or freed when the cache is full.
    func free(_ pointer: UnsafeMutableRawPointer, bytes: Int) {
        let size = LargeBlocks.blockSize(bytes)
        guard size <= capacity else { Foundation.free(pointer); return }
        cache.withLock { cache in
            cache.blocks.append((pointer, size))
            cache.bytes += size
        }
        release(keeping: capacity)
    }

    /// Frees cached blocks, oldest first, until at most `bytes` and `maxBlocks` remain.
    func release(keeping bytes: Int) {
        let dropped = cache.withLock { cache -> [UnsafeMutableRawPointer] in
            var dropped: [UnsafeMutableRawPointer] = []
            while !cache.blocks.isEmpty && (cache.bytes > bytes || cache.blocks.count > LargeBlocks.maxBlocks) {
                let block = cache.blocks.removeFirst()
                cache.bytes -= block.bytes
                dropped.append(block.pointer)
            }
            return dropped
        }
        for pointer in dropped { Foundation.free(pointer) }
    }

    private static func map(_ size: Int) -> UnsafeMutableRawPointer? {
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, granule, size) == 0, let raw else { return nil }
        #if os(Linux)
        _ = madvise(raw, size, MADV_HUGEPAGE)  // a hint: ignored where huge pages are off
        #endif
        return raw
    }
}
