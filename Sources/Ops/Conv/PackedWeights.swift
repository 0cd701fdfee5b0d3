import ConvKernels
import Foundation

/// A filter bank `[kh,kw,Cin,Cout]` re-laid once per conv into the micro-kernel's blocked layout.
///
/// Output channels are cut into blocks, each as wide as one of the ISA's register tiles (`KernelSet.widths`;
/// the pixel count of the tile is the schedule's choice). Block `b` stores
///
///     packed[b][ky][kx][ci][j] = kernel[ky][kx][ci][first_b + j]      j < width_b (0 where first_b + j ≥ Cout)
///
/// so for one tap and one input channel the weights of all the block's output channels are `width_b` consecutive
/// floats: `V` vector loads in the micro-kernel. For a fixed `ky`, the `(kx, ci)` pairs are consecutive too, which
/// lets a kernel row be one tap of `kw·Cin` multiply-adds when the input pixels it reads are consecutive.
final class PackedWeights {
    /// One block of output channels.
    struct Block {
        /// First output channel.
        let first: Int
        /// Output channels in the block (`≤ width`).
        let count: Int
        /// Channels per pixel in the register tile that computes it (`TileShape.channels`).
        let width: Int
        /// Start of the block in `storage`.
        let offset: Int

        /// True when the tile's width is all real output channels, so it may store straight into the output.
        var isFull: Bool { count == width }
    }

    let blocks: [Block]
    let storage: UnsafeMutablePointer<Float>
    private let inChannels: Int, kernelWidth: Int

    /// Packs `kernel` (`[kh,kw,Cin,Cout]` values) in blocks of the tile `widths` (widest first): the widest while
    /// at least that many channels remain, then the narrowest width that holds the rest.
    init(_ kernel: UnsafePointer<Float>, _ g: ConvGeometry, widths: [Int]) throws {
        let taps = g.kernelHeight * g.kernelWidth, cin = g.inChannels, cout = g.outChannels
        let blocks = PackedWeights.blocks(cout, widths: widths, floatsPerChannel: taps * cin)
        let offset = blocks.last.map { $0.offset + taps * cin * $0.width } ?? 0
        var raw: UnsafeMutableRawPointer?
        let shape = Tensor.describe([g.kernelHeight, g.kernelWidth, cin, cout])
        guard posix_memalign(&raw, TensorBuffer.alignment, max(offset, 1) * MemoryLayout<Float>.stride) == 0,
              let raw else { throw OpError("out of memory packing a \(shape) kernel") }
        storage = raw.bindMemory(to: Float.self, capacity: max(offset, 1))
        self.blocks = blocks
        (inChannels, kernelWidth) = (cin, g.kernelWidth)

        for block in blocks {
            var p = storage + block.offset
            for tap in 0..<taps {
                for ci in 0..<cin {
                    let source = kernel + (tap * cin + ci) * cout + block.first
                    p.update(from: source, count: block.count)
                    (p + block.count).update(repeating: 0, count: block.width - block.count)
                    p += block.width
                }
            }
        }
    }

    deinit { free(storage) }

    /// Output channels `0 ..< cout` cut into blocks of the tile `widths` (widest first): the widest while at least
    /// that many channels remain, then the narrowest width that holds the rest; each block's packed weights take
    /// `floatsPerChannel · width` floats, one block after another.
    static func blocks(_ cout: Int, widths: [Int], floatsPerChannel: Int) -> [Block] {
        var blocks: [Block] = []
        var first = 0, offset = 0
        while first < cout {
            let remaining = cout - first
            let width = remaining >= widths[0] ? widths[0] : widths.last { $0 >= remaining } ?? widths[0]
            blocks.append(Block(first: first, count: min(width, remaining), width: width, offset: offset))
            first += width
            offset += floatsPerChannel * width
        }
        return blocks
    }

    /// The weights of `block` for tap `(ky, kx)` from input channel `ci` on.
    func weights(_ block: Block, ky: Int, kx: Int, ci: Int) -> UnsafePointer<Float> {
        UnsafePointer(storage + block.offset + ((ky * kernelWidth + kx) * inChannels + ci) * block.width)
    }
}
