import ConvKernels

/// One 2-D filter `[kh,kw]` applied to every channel (or a `[kh,kw,1,1]` bank on one channel): memory-bound, so
/// it is vectorised along the image row instead of across output channels.
///
/// Loop nest (one task per band of output rows of one image, `bandsPerThread` bands per thread):
///
///     parallel for (n, band) in tasks
///      for oy in band, two rows at a time where both read only in-image rows (stride, dilation 1 vertically)
///       taps: (ky, kx) for every kernel row whose input row exists (zero border) or its mirror row (others)
///       interior pixels:    ConvKernels.runDepthwise — with stride 1 the row's `OW·C` floats are one contiguous
///                           run, four registers per step, each reading kh·kw shifted input vectors; for a pair
///                           of rows, runDepthwisePair reads the kh+1 input rows once for both: (kh+1)·kw loads
///                           instead of 2·kh·kw
///       edge pixels:        scalar, each column through the border rule
///
/// A row streams `kh` input rows (L1/L2-resident: 3 × 16 KiB for a 4096-wide gray image) and writes one output
/// row; every input row is read from memory once and reused by `kh` consecutive output rows through L2. Going
/// down a band, each row prefetches the input row the next one adds (the hardware prefetcher alone falls behind
/// on three interleaved row streams), and large results are written with non-temporal stores
/// (`ScheduleLimits.streamingBytes`).
final class DepthwiseConv {
    private let g: ConvGeometry
    private let kernels: KernelSet
    private let input: UnsafePointer<Float>
    private let kernel: UnsafePointer<Float>
    private let output: UnsafeMutablePointer<Float>
    /// Output columns whose taps all lie inside the image: `interiorStart ..< interiorEnd`.
    private let interiorStart: Int, interiorEnd: Int
    /// Write with non-temporal stores (`ScheduleLimits.streamingBytes`).
    private let stream: Bool
    /// Scratch holds two rows' taps and input rows (slots 0 and 1), for a pair of output rows.
    private let layout: (taps: Int, rows: Int, bytes: Int)
    private let tapsPerSlot: Int

    /// Each thread gets about this many bands of an image: few, because a band's first row starts cold (its
    /// input rows were not prefetched), yet several, so a thread slowed by another process is helped out.
    static let bandsPerThread = 2
    /// Fewest output rows in a band.
    static let minimumBandRows = 8

    /// True for the geometries this path computes.
    static func accepts(_ g: ConvGeometry) -> Bool {
        g.depthwise || (g.inChannels == 1 && g.outChannels == 1)
    }

    init(_ g: ConvGeometry, input: UnsafePointer<Float>, kernel: UnsafePointer<Float>,
         output: UnsafeMutablePointer<Float>, kernels: KernelSet, limits: ScheduleLimits) {
        (self.g, self.kernels, self.input, self.kernel, self.output) = (g, kernels, input, kernel, output)
        let reach = (g.kernelWidth - 1) * g.dilationX
        interiorStart = min((g.padLeft + g.strideX - 1) / g.strideX, g.outWidth)
        let last = g.width - 1 + g.padLeft - reach
        interiorEnd = last < 0 ? interiorStart : max(interiorStart, min(g.outWidth, last / g.strideX + 1))
        stream = limits.streams(g.outputShape.reduce(1, *))
        tapsPerSlot = g.kernelHeight * g.kernelWidth
        var l = ScratchLayout()
        let taps = l.reserve(2 * tapsPerSlot, of: DepthwiseTap.self)
        let rows = l.reserve(2 * 2 * g.kernelHeight, of: Int.self)
        layout = (taps, rows, l.bytes)
    }

    /// Computes every output element, on up to `threads` threads.
    func run(threads: Int) throws {
        let bandRows = max(DepthwiseConv.minimumBandRows,
                           g.outHeight / (DepthwiseConv.bandsPerThread * max(threads, 1)))
        let bands = (g.outHeight + bandRows - 1) / bandRows
        let tasks = g.batch * bands
        let scratch = try Scratch(workers: min(threads, tasks), perWorker: layout.bytes)
        WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
            let n = task / bands, first = task % bands * bandRows
            band(n, first..<min(g.outHeight, first + bandRows), scratch: scratch.memory(worker))
        }
    }

    /// Output rows `rows` of image `n`: in pairs where both rows read only in-image input rows with stride and
    /// dilation 1 (`runDepthwisePair` loads each shared input vector once for both), else one at a time.
    private func band(_ n: Int, _ rows: Range<Int>, scratch: UnsafeMutableRawPointer) {
        var oy = rows.lowerBound
        while oy < rows.upperBound {
            if oy + 1 < rows.upperBound && pairs(oy) {
                var first = prepare(n, oy, slot: 0, prefetchRows: 2, scratch: scratch)
                var second = prepare(n, oy + 1, slot: 1, prefetchRows: 2, scratch: scratch)
                kernels.depthwisePair(&first.args, &second.args, g.kernelWidth)
                edges(first)
                edges(second)
                oy += 2
            } else {
                var only = prepare(n, oy, slot: 0, prefetchRows: 1, scratch: scratch)
                if only.args.pixels > 0 { kernels.depthwise(&only.args) }
                edges(only)
                oy += 1
            }
        }
    }

    /// True when rows `oy` and `oy + 1` can be computed as a pair.
    private func pairs(_ oy: Int) -> Bool {
        let top = oy - g.padTop, bottom = oy + 1 + g.kernelHeight - 1 - g.padTop
        return g.strideY == 1 && g.dilationY == 1 && g.strideX == 1 && interiorEnd > interiorStart
            && top >= 0 && bottom < g.height && (!stream || g.outWidth * g.inChannels % 16 == 0)
    }

    /// One output row's taps (in scratch `slot`), the interior run's arguments and what its edge pixels need.
    private struct PreparedRow {
        var args: DepthwiseArgs
        let edge: EdgeRow
    }

    /// Builds row `oy`'s taps: every kernel row whose input row exists (zero border: others dropped) or its
    /// mirror row. The interior run prefetches the input row `prefetchRows` output rows ahead will add.
    private func prepare(_ n: Int, _ oy: Int, slot: Int, prefetchRows: Int,
                         scratch: UnsafeMutableRawPointer) -> PreparedRow {
        let c = g.inChannels
        let taps = (scratch + layout.taps).assumingMemoryBound(to: DepthwiseTap.self) + slot * tapsPerSlot
        let sourceRows = (scratch + layout.rows).assumingMemoryBound(to: Int.self) + slot * 2 * g.kernelHeight
        let image = input + n * g.height * g.width * c
        let out = output + (n * g.outHeight + oy) * g.outWidth * c
        let first = (interiorStart * g.strideX - g.padLeft) * c
        var rowCount = 0, tapCount = 0
        for ky in 0..<g.kernelHeight {
            guard let iy = g.border.source(oy * g.strideY + ky * g.dilationY - g.padTop, g.height) else { continue }
            sourceRows[2 * rowCount] = iy
            sourceRows[2 * rowCount + 1] = ky
            rowCount += 1
            for kx in 0..<g.kernelWidth {
                taps[tapCount] = DepthwiseTap(input: image + iy * g.width * c + kx * g.dilationX * c + first,
                                              weight: kernel[ky * g.kernelWidth + kx])
                tapCount += 1
            }
        }
        let next = (oy + prefetchRows) * g.strideY + (g.kernelHeight - 1) * g.dilationY - g.padTop
        let prefetch = g.strideX == 1 && next >= 0 && next < g.height ? image + next * g.width * c + first : nil
        let args = DepthwiseArgs(taps: taps, tapCount: tapCount, out: out + interiorStart * c,
                                 pixels: interiorEnd - interiorStart, channels: c, pixelStep: g.strideX * c,
                                 relu: g.relu, stream: stream, prefetch: prefetch)
        return PreparedRow(args: args, edge: EdgeRow(image: image, out: out, sourceRows: sourceRows,
                                                     rowCount: rowCount))
    }

    private func edges(_ row: PreparedRow) {
        for ox in 0..<interiorStart { edgePixel(ox, row.edge) }
        for ox in interiorEnd..<g.outWidth { edgePixel(ox, row.edge) }
    }

    /// The input rows of one output row: `sourceRows[2r]` is the input row of tap row `r`, `sourceRows[2r+1]` its ky.
    private struct EdgeRow {
        let image: UnsafePointer<Float>
        let out: UnsafeMutablePointer<Float>
        let sourceRows: UnsafePointer<Int>
        let rowCount: Int
    }

    /// One output pixel next to the left or right border, every column through the border rule; taps summed in
    /// the interior kernel's order.
    private func edgePixel(_ ox: Int, _ e: EdgeRow) {
        let c = g.inChannels
        for ch in 0..<c {
            var sum: Float = 0
            for r in 0..<e.rowCount {
                let row = e.image + e.sourceRows[2 * r] * g.width * c + ch
                let weights = kernel + e.sourceRows[2 * r + 1] * g.kernelWidth
                for kx in 0..<g.kernelWidth {
                    guard let ix = g.border.source(ox * g.strideX + kx * g.dilationX - g.padLeft, g.width) else {
                        continue
                    }
                    sum += weights[kx] * row[ix * c]
                }
            }
            e.out[ox * c + ch] = g.relu && sum < 0 ? 0 : sum
        }
    }
}
