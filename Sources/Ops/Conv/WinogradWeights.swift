import Foundation

/// A 3x3 filter bank `[3,3,Cin,Cout]` transformed for Winograd's F(m×m, 3×3), packed for the GEMM micro-kernel.
///
/// For each input/output channel pair the 3x3 filter `g` becomes the `α × α` matrix `U = G g Gᵀ` (`α = m + 2`),
/// computed in Double and rounded once to Float. Output channels are cut into the blocks of `PackedWeights`
/// (one register-tile width each); block `b` stores
///
///     packed[b][ξ][ci][j] = U(ci, first_b + j)[ξ]      ξ = l·α + k < α²,  j < width_b (0 past Cout)
///
/// so plane `ξ` of a block is the right matrix (`Cin × width`) of one of the α² GEMMs, `width` floats per input
/// channel: exactly what `runTiles` reads for one tap of `Cin` multiply-adds.
final class WinogradWeights: @unchecked Sendable {
    let tile: Int
    let inChannels: Int, outChannels: Int
    let blocks: [PackedWeights.Block]
    let storage: UnsafeMutablePointer<Float>
    /// Bytes of `storage`.
    let bytes: Int

    /// `G` (α × 3) of F(4,3) and F(6,3), row-major.
    static func transform(tile m: Int) -> [Double] {
        if m == 4 {
            return [1.0 / 4, 0, 0, -1.0 / 6, -1.0 / 6, -1.0 / 6, -1.0 / 6, 1.0 / 6, -1.0 / 6,
                    1.0 / 24, 1.0 / 12, 1.0 / 6, 1.0 / 24, -1.0 / 12, 1.0 / 6, 0, 0, 1]
        }
        return [1, 0, 0, -2.0 / 9, -2.0 / 9, -2.0 / 9, -2.0 / 9, 2.0 / 9, -2.0 / 9,
                1.0 / 90, 1.0 / 45, 2.0 / 45, 1.0 / 90, -1.0 / 45, 2.0 / 45,
                32.0 / 45, 16.0 / 45, 8.0 / 45, 32.0 / 45, -16.0 / 45, 8.0 / 45, 0, 0, 1]
    }

    /// Transforms `kernel` (`[3,3,cin,cout]` values) on up to `threads` threads.
    init(_ kernel: UnsafePointer<Float>, inChannels cin: Int, outChannels cout: Int, tile m: Int, widths: [Int],
         threads: Int) throws {
        let alpha = m + 2, planes = alpha * alpha
        tile = m
        (inChannels, outChannels) = (cin, cout)
        blocks = PackedWeights.blocks(cout, widths: widths, floatsPerChannel: planes * cin)
        let count = blocks.last.map { $0.offset + planes * cin * $0.width } ?? 1
        bytes = count * MemoryLayout<Float>.stride
        var raw: UnsafeMutableRawPointer?
        guard posix_memalign(&raw, TensorBuffer.alignment, bytes) == 0, let raw else {
            throw OpError("out of memory transforming a \(Tensor.describe([3, 3, cin, cout])) kernel for Winograd")
        }
        storage = raw.bindMemory(to: Float.self, capacity: count)

        let g = WinogradWeights.transform(tile: m)
        nonisolated(unsafe) let (out, blocks) = (storage, blocks)
        // One task per (block, input channel): writes its own `planes × width` floats. The inner loops run along
        // the block's output channels, which are consecutive in both layouts, so they vectorise.
        WorkerPool.shared.run(threads: threads, tasks: blocks.count * cin) { task, _ in
            let block = blocks[task / cin], ci = task % cin
            let (width, count) = (block.width, block.count)
            let left = UnsafeMutablePointer<Double>.allocate(capacity: alpha * 3 * width)  // G g, per channel
            defer { left.deallocate() }
            for l in 0..<alpha {
                for kx in 0..<3 {
                    let row = left + (l * 3 + kx) * width
                    row.update(repeating: 0, count: width)
                    for ky in 0..<3 {
                        let gk = g[l * 3 + ky], source = kernel + ((ky * 3 + kx) * cin + ci) * cout + block.first
                        for j in 0..<count { row[j] += gk * Double(source[j]) }
                    }
                }
            }
            for l in 0..<alpha {
                for k in 0..<alpha {
                    let (a, b, c) = (g[k * 3], g[k * 3 + 1], g[k * 3 + 2])
                    let r = left + l * 3 * width
                    let target = out + block.offset + ((l * alpha + k) * cin + ci) * width
                    for j in 0..<count { target[j] = Float(r[j] * a + r[width + j] * b + r[2 * width + j] * c) }
                    (target + count).update(repeating: 0, count: width - count)
                }
            }
        }
    }

    deinit { free(storage) }

    /// Plane `ξ` of `block`: `Cin × width` floats.
    func plane(_ block: PackedWeights.Block, _ xi: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + block.offset + xi * inChannels * block.width)
    }
}
