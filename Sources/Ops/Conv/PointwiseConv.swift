import ConvKernels

/// 1x1 convolution with stride 1: a matrix product `[P, Cin] × [Cin, Cout]` over all `P = N·H·W` pixels.
///
/// With one tap and no border, the batch, rows and columns are one run of pixels, so the schedule cuts that run
/// into chunks of `chunkPixels` (whole tiles for every tile shape) instead of rows: no per-row remainder tiles,
/// and enough tasks for every thread even for a single small image. Loop nest:
///
///     parallel for (block, chunk) in tasks                  channel-block-major
///       for c0 in input-channel blocks                      weights of a block ≤ ScheduleLimits.weightBudget
///         micro-kernel over the chunk's whole tiles         inner = cb multiply-adds per pixel
///         the run's last, partial tile: through a patch and a scratch tile
///
/// A chunk's outputs (`chunkPixels · width · 4` bytes = 60 KiB for 64 channels) stay in L2 between input-channel
/// blocks; its inputs are read once per block.
final class PointwiseConv {
    /// Pixels per task: a multiple of every tile's pixel count (4, 5, 6, 12, 16).
    static let chunkPixels = 240

    private let g: ConvGeometry
    private let kernels: KernelSet
    private let weights: PackedWeights
    /// For each channel block: its register tile, the one with the most pixels for its width.
    private let tiles: [Int]
    private let input: UnsafePointer<Float>
    private let output: UnsafeMutablePointer<Float>
    private let pixels: Int, chunks: Int
    private let channelBlock: Int, channelBlocks: Int
    private let layout: (tap: Int, patch: Int, tile: Int, bytes: Int)

    var tasks: Int { weights.blocks.count * chunks }

    /// True for the geometries this path computes: a 1x1 kernel with stride 1 (never padded).
    static func accepts(_ g: ConvGeometry) -> Bool {
        !g.depthwise && g.kernelHeight == 1 && g.kernelWidth == 1 && g.strideY == 1 && g.strideX == 1
    }

    init(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
         output: UnsafeMutablePointer<Float>, kernels: KernelSet, limits: ScheduleLimits) throws {
        (self.g, self.kernels, self.input, self.output) = (g, kernels, input, output)
        weights = try PackedWeights(kernel, g, widths: kernels.widths)
        tiles = weights.blocks.map { block in
            kernels.shapes.indices.filter { kernels.shapes[$0].channels == block.width }
                .max { kernels.shapes[$0].pixels < kernels.shapes[$1].pixels } ?? 0
        }
        pixels = g.batch * g.height * g.width
        chunks = (pixels + PointwiseConv.chunkPixels - 1) / PointwiseConv.chunkPixels
        let widest = weights.blocks.map(\.width).max() ?? 1
        let fitting = max(1, limits.weightBudget / (widest * MemoryLayout<Float>.stride))
        channelBlocks = (g.inChannels + fitting - 1) / fitting
        channelBlock = (g.inChannels + channelBlocks - 1) / channelBlocks
        let tilePixels = tiles.map { kernels.shapes[$0].pixels }.max() ?? 1
        var l = ScratchLayout()
        let tap = l.reserve(1, of: ConvTap.self)
        let patch = l.reserve(tilePixels * g.inChannels, of: Float.self)
        let tile = l.reserve(tilePixels * widest, of: Float.self)
        layout = (tap, patch, tile, l.bytes)
    }

    /// Computes every output element, on up to `threads` threads.
    func run(threads: Int) throws {
        let scratch = try Scratch(workers: min(threads, tasks), perWorker: layout.bytes)
        WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
            runTask(task, scratch: scratch.memory(worker))
        }
    }

    private func runTask(_ task: Int, scratch: UnsafeMutableRawPointer) {
        let block = weights.blocks[task / chunks], shape = tiles[task / chunks]
        let start = task % chunks * PointwiseConv.chunkPixels
        let count = min(PointwiseConv.chunkPixels, pixels - start)
        let r = kernels.shapes[shape].pixels
        let whole = count / r
        let cin = g.inChannels, cout = g.outChannels
        let patch = (scratch + layout.patch).assumingMemoryBound(to: Float.self)
        let tile = (scratch + layout.tile).assumingMemoryBound(to: Float.self)
        let tap = (scratch + layout.tap).assumingMemoryBound(to: ConvTap.self)
        for c in 0..<channelBlocks {
            let c0 = c * channelBlock, cb = min(channelBlock, cin - c0)
            tap.pointee = ConvTap(offset: c0, weights: weights.weights(block, ky: 0, kx: 0, ci: c0))
            let accumulate = c0 > 0, relu = g.relu && c0 + cb == cin
            let out = output + start * cout + block.first
            if block.isFull && whole > 0 {
                var args = ConvTileArgs(origin: input + start * cin, taps: tap, tapCount: 1, inner: cb,
                                        pixelStep: cin, out: out, outStep: cout, tiles: whole,
                                        accumulate: accumulate, relu: relu)
                kernels.tiles(shape, &args)
            }
            // Tiles that are partial in pixels or channels compute into the scratch tile.
            var p = block.isFull ? whole * r : 0
            while p < count {
                let n = min(r, count - p)
                var origin = input + (start + p) * cin
                if n < r {  // NOTE: the kernel reads R pixels; past the run's end it must read the patch.
                    patch.update(from: origin, count: n * cin)
                    (patch + n * cin).update(repeating: 0, count: (r - n) * cin)
                    origin = UnsafePointer(patch)
                }
                if accumulate {
                    for i in 0..<n { (tile + i * block.width).update(from: out + (p + i) * cout, count: block.count) }
                }
                var args = ConvTileArgs(origin: origin, taps: tap, tapCount: 1, inner: cb, pixelStep: cin,
                                        out: tile, outStep: block.width, tiles: 1, accumulate: accumulate,
                                        relu: relu)
                kernels.tiles(shape, &args)
                for i in 0..<n { (out + (p + i) * cout).update(from: tile + i * block.width, count: block.count) }
                p += r
            }
        }
    }
}
