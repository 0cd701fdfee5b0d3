import ConvKernels

/// The direct convolution for 4-D filter banks: register tiles, cache-blocked, run on the worker pool.
///
/// One task is one block of output channels × one image × `rowsPerTask` output rows. Tasks are numbered
/// channel-block-major, so the threads work on the same packed weights at the same time. The loop nest:
///
///     parallel for (block, n, row group) in tasks                       dynamic, one atomic counter
///       for c0 in input-channel blocks                                  1 block unless the weights outgrow L2
///         for oy in row group
///           taps: the kernel rows whose input row exists (zero border: others dropped; reflect, replicate,
///                 wrap: the mirrored row), × kx unless merged
///           for ox0 in 0, R, 2R, ...                                    R chosen per block to waste least
///             micro-kernel: R × width accumulators over taps × inner    (ConvKernels.runTiles; runs of
///                                                                        interior tiles in one call)
///         with a bias, after the last c0 block: row += bias, then relu   (OutputBias, the row still in cache)
///
/// Borders never need a padded copy of the image: rows are chosen per output row (above), and a tile whose
/// pixels read left or right of the image reads a per-thread patch of `kh × span × cb` floats filled with the
/// border rule instead (`span = (R-1)·sx + (kw-1)·dx + 1`). Tiles that are not whole (the row's last pixels, or
/// a block wider than the output channels left) compute into a per-thread scratch tile and copy out.
///
/// Why the sizes fit:
/// - Register tile: R pixels × V registers fill the register file (see each ISA target); every weight load feeds
///   R FMAs and every broadcast V FMAs, so loads stay under the FMA rate.
/// - Weights: a tile streams the packed weights of its channel block, `kh·kw·cb·width·4` bytes (3x3, 64 → 64:
///   144 KiB; 288 KiB for 128 → 128). `ScheduleLimits.weightBudget` (512 KiB) keeps that in L2 beside the input
///   rows for every tile of the task; a larger Cin is cut into input-channel blocks that fit, and later blocks
///   accumulate into the output rows, which the task keeps in L2 (`rowsPerTask · OW · width · 4` bytes).
/// - Input: a tile reads kh rows × span pixels × Cin (3 × 8 × 64 floats = 6 KiB for W3) from L1; neighbouring
///   tiles slide along the same rows.
/// - Small Cin: with dilation 1 along x, the `kw` taps of a kernel row read consecutive input floats and the
///   packed weights are consecutive too, so a row becomes one tap of `kw·Cin` multiply-adds (27 per tile for a
///   3x3 RGB filter instead of 9 short loops of 3).
final class DirectConv {
    /// Output rows per task when input channels are blocked (the rows each weight block is reused over).
    static let blockedRowsPerTask = 4

    private let g: ConvGeometry
    private let kernels: KernelSet
    private let weights: PackedWeights
    /// For each channel block: its register tile, an index into `kernels.shapes`.
    private let tiles: [Int]
    private let input: UnsafePointer<Float>
    private let output: UnsafeMutablePointer<Float>
    /// `[Cout]`, added (then relu) to each output row after its last input-channel block (`OutputBias`).
    private let bias: UnsafePointer<Float>?
    private let channelBlock: Int, channelBlocks: Int
    private let merged: Bool
    private let rowsPerTask: Int, rowGroups: Int
    /// Output columns whose taps all lie inside the image: `interiorStart ..< interiorEnd`.
    private let interiorStart: Int, interiorEnd: Int
    private let span: Int
    private let layout: (sourceRows: Int, imageTaps: Int, patchTaps: Int, patch: Int, tile: Int, bytes: Int)

    var tasks: Int { weights.blocks.count * g.batch * rowGroups }

    init(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>, bias: UnsafePointer<Float>? = nil,
         output: UnsafeMutablePointer<Float>, kernels: KernelSet, limits: ScheduleLimits) throws {
        self.g = g
        self.bias = bias
        self.kernels = kernels
        self.input = input
        self.output = output
        weights = try PackedWeights(kernel, g, widths: kernels.widths)
        tiles = weights.blocks.map { kernels.shape(width: $0.width, row: g.outWidth) }
        let widest = weights.blocks.map(\.width).max() ?? 1
        let taps = g.kernelHeight * g.kernelWidth
        let bytesPerChannel = taps * widest * MemoryLayout<Float>.stride
        let fitting = max(1, limits.weightBudget / bytesPerChannel)
        let blocks = (g.inChannels + fitting - 1) / fitting
        channelBlocks = blocks
        channelBlock = (g.inChannels + blocks - 1) / blocks
        merged = blocks == 1 && g.dilationX == 1
        rowsPerTask = blocks == 1 ? 1 : DirectConv.blockedRowsPerTask
        rowGroups = (g.outHeight + rowsPerTask - 1) / rowsPerTask

        let reach = (g.kernelWidth - 1) * g.dilationX
        interiorStart = min((g.padLeft + g.strideX - 1) / g.strideX, g.outWidth)
        let last = g.width - 1 + g.padLeft - reach
        interiorEnd = last < 0 ? interiorStart : max(interiorStart, min(g.outWidth, last / g.strideX + 1))

        let pixels = tiles.map { kernels.shapes[$0].pixels }.max() ?? 1
        span = (pixels - 1) * g.strideX + reach + 1
        var l = ScratchLayout()
        let rows = l.reserve(g.kernelHeight, of: Int.self)
        let imageTaps = l.reserve(taps, of: ConvTap.self), patchTaps = l.reserve(taps, of: ConvTap.self)
        let patch = l.reserve(g.kernelHeight * span * channelBlock, of: Float.self)
        let tile = l.reserve(pixels * widest, of: Float.self)
        layout = (rows, imageTaps, patchTaps, patch, tile, l.bytes)
    }

    /// Computes every output element, on up to `threads` threads.
    func run(threads: Int) throws {
        let scratch = try Scratch(workers: min(threads, tasks), perWorker: layout.bytes)
        WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
            runTask(task, scratch: scratch.memory(worker))
        }
    }

    // MARK: - One task

    private func runTask(_ task: Int, scratch: UnsafeMutableRawPointer) {
        let perBlock = g.batch * rowGroups
        let b = task / perBlock
        let n = task % perBlock / rowGroups, group = task % rowGroups
        let rows = group * rowsPerTask ..< min(g.outHeight, (group + 1) * rowsPerTask)
        for c in 0..<channelBlocks {
            let c0 = c * channelBlock
            let cb = min(channelBlock, g.inChannels - c0)
            for oy in rows {
                row(n: n, oy: oy, block: b, c0: c0, cb: cb, scratch: scratch)
                if let bias, c == channelBlocks - 1 {
                    let block = weights.blocks[b]
                    OutputBias.add(bias + block.first, to: output + (n * g.outHeight + oy) * g.outWidth * g.outChannels
                                   + block.first, pixels: g.outWidth, step: g.outChannels, count: block.count, relu: g.relu)
                }
            }
        }
    }

    /// One output row of channel block `b`, input channels `c0 ..< c0 + cb`.
    private func row(n: Int, oy: Int, block b: Int, c0: Int, cb: Int, scratch: UnsafeMutableRawPointer) {
        let block = weights.blocks[b]
        let sourceRows = (scratch + layout.sourceRows).assumingMemoryBound(to: Int.self)
        let imageTaps = (scratch + layout.imageTaps).assumingMemoryBound(to: ConvTap.self)
        let patchTaps = (scratch + layout.patchTaps).assumingMemoryBound(to: ConvTap.self)
        let rowFloats = g.width * g.inChannels
        var rowCount = 0, tapCount = 0
        for ky in 0..<g.kernelHeight {
            guard let iy = g.border.source(oy * g.strideY + ky * g.dilationY - g.padTop, g.height) else { continue }
            sourceRows[rowCount] = iy
            if merged {
                let w = weights.weights(block, ky: ky, kx: 0, ci: 0)
                imageTaps[tapCount] = ConvTap(offset: iy * rowFloats, weights: w)
                patchTaps[tapCount] = ConvTap(offset: rowCount * span * cb, weights: w)
                tapCount += 1
            } else {
                for kx in 0..<g.kernelWidth {
                    let w = weights.weights(block, ky: ky, kx: kx, ci: c0)
                    let dx = kx * g.dilationX
                    imageTaps[tapCount] = ConvTap(offset: iy * rowFloats + dx * g.inChannels + c0, weights: w)
                    patchTaps[tapCount] = ConvTap(offset: (rowCount * span + dx) * cb, weights: w)
                    tapCount += 1
                }
            }
            rowCount += 1
        }
        let context = RowContext(
            image: input + n * g.height * rowFloats, out: output + (n * g.outHeight + oy) * g.outWidth * g.outChannels,
            block: block, shape: tiles[b], pixels: kernels.shapes[tiles[b]].pixels, c0: c0, cb: cb,
            inner: merged ? g.kernelWidth * cb : cb, tapCount: tapCount, rowCount: rowCount, accumulate: c0 > 0,
            relu: g.relu && bias == nil && c0 + cb == g.inChannels)

        // Tiles sit on a grid of R pixels from column 0; those wholly inside the interior read the image.
        let r = context.pixels
        let firstInterior = (interiorStart + r - 1) / r, endInterior = max(firstInterior, interiorEnd / r)
        for t in 0..<firstInterior {
            edgeTile(context, ox0: t * r, count: min(r, g.outWidth - t * r), taps: patchTaps, scratch: scratch)
        }
        if endInterior > firstInterior {
            interiorTiles(context, first: firstInterior, count: endInterior - firstInterior, taps: imageTaps,
                          scratch: scratch)
        }
        var ox = endInterior * r
        while ox < g.outWidth {
            edgeTile(context, ox0: ox, count: min(r, g.outWidth - ox), taps: patchTaps, scratch: scratch)
            ox += r
        }
    }

    /// What every tile of one row shares.
    private struct RowContext {
        let image: UnsafePointer<Float>
        /// Output of pixel 0 of this row, channel 0.
        let out: UnsafeMutablePointer<Float>
        let block: PackedWeights.Block
        /// The register tile (index into `kernels.shapes`) and its pixel count R.
        let shape: Int, pixels: Int
        let c0: Int, cb: Int, inner: Int, tapCount: Int, rowCount: Int
        let accumulate: Bool, relu: Bool
    }

    // MARK: - Tiles

    /// `count` whole tiles from tile `first` of the grid, all inside the interior: they read the image directly.
    private func interiorTiles(_ c: RowContext, first: Int, count: Int, taps: UnsafePointer<ConvTap>,
                               scratch: UnsafeMutableRawPointer) {
        let pixelStep = g.strideX * g.inChannels
        let ox0 = first * c.pixels
        let origin = c.image + (ox0 * g.strideX - g.padLeft) * g.inChannels
        if c.block.isFull {
            var args = ConvTileArgs(
                origin: origin, taps: taps, tapCount: c.tapCount, inner: c.inner, pixelStep: pixelStep,
                out: c.out + ox0 * g.outChannels + c.block.first, outStep: g.outChannels, tiles: count,
                accumulate: c.accumulate, relu: c.relu)
            kernels.tiles(c.shape, &args)
            return
        }
        for t in 0..<count {
            scratchTile(c, ox0: ox0 + t * c.pixels, count: c.pixels, origin: origin + t * c.pixels * pixelStep,
                        pixelStep: pixelStep, taps: taps, scratch: scratch)
        }
    }

    /// Pixels `ox0 ..< ox0 + count` (`count ≤ R`) whose inputs may lie outside the image: reads a border patch.
    private func edgeTile(_ c: RowContext, ox0: Int, count: Int, taps: UnsafePointer<ConvTap>,
                          scratch: UnsafeMutableRawPointer) {
        let sourceRows = (scratch + layout.sourceRows).assumingMemoryBound(to: Int.self)
        let patch = (scratch + layout.patch).assumingMemoryBound(to: Float.self)
        let first = ox0 * g.strideX - g.padLeft
        var dst = patch
        for r in 0..<c.rowCount {
            let source = c.image + sourceRows[r] * g.width * g.inChannels + c.c0
            for i in 0..<span {
                if let ix = g.border.source(first + i, g.width) {
                    dst.update(from: source + ix * g.inChannels, count: c.cb)
                } else {
                    dst.update(repeating: 0, count: c.cb)
                }
                dst += c.cb
            }
        }
        scratchTile(c, ox0: ox0, count: count, origin: patch, pixelStep: g.strideX * c.cb, taps: taps,
                    scratch: scratch, direct: count == c.pixels && c.block.isFull)
    }

    /// One tile whose output goes through the scratch tile unless `direct`; only `count` pixels and the
    /// block's real channels are copied to (and, when accumulating, from) the output.
    private func scratchTile(_ c: RowContext, ox0: Int, count: Int, origin: UnsafePointer<Float>, pixelStep: Int,
                             taps: UnsafePointer<ConvTap>, scratch: UnsafeMutableRawPointer, direct: Bool = false) {
        let out = c.out + ox0 * g.outChannels + c.block.first
        let tile = (scratch + layout.tile).assumingMemoryBound(to: Float.self)
        let width = c.block.width
        if !direct && c.accumulate {
            for p in 0..<count { (tile + p * width).update(from: out + p * g.outChannels, count: c.block.count) }
        }
        var args = ConvTileArgs(
            origin: origin, taps: taps, tapCount: c.tapCount, inner: c.inner, pixelStep: pixelStep,
            out: direct ? out : tile, outStep: direct ? g.outChannels : width, tiles: 1,
            accumulate: c.accumulate, relu: c.relu)
        kernels.tiles(c.shape, &args)
        if !direct {
            for p in 0..<count { (out + p * g.outChannels).update(from: tile + p * width, count: c.block.count) }
        }
    }
}
