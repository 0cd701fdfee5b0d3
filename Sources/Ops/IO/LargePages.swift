import Foundation

/// Asks Linux to back a large, not yet touched buffer with 2 MiB pages.
///
/// Decoding a 12-megapixel photo fills a 145 MB float32 tensor: with 4 KiB pages that is 35,000 page faults,
/// which took more time than the JPEG decoding itself (measured with perf: 60% of a load in the kernel's fault
/// and page-clearing paths). Where transparent huge pages are in `madvise` mode, `MADV_HUGEPAGE` on the
/// 2 MiB-aligned interior of the buffer cuts that to ~70 faults. Only advice: where it is not available
/// nothing changes but the speed.
enum LargePages {
    static let size = 2 << 20

    /// Advises huge pages for the 2 MiB-aligned part of `[pointer, pointer + bytes)`; no-op below 4 MiB.
    static func advise(_ pointer: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard let pointer, bytes >= 2 * size else { return }
        let start = (Int(bitPattern: pointer) + size - 1) & ~(size - 1)
        let end = (Int(bitPattern: pointer) + bytes) & ~(size - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}
