import ConvKernels

/// Winograd's minimal filtering F(m×m, 3×3) for stride-1, dilation-1 3x3 filter banks, on the worker pool.
///
/// The output is cut into `m × m` tiles (`m` = 4 or 6, `α = m + 2`); tile `(n, ty, tx)` reads the `α × α` input
/// patch from `(ty·m - top, tx·m - left)`. With `U = G g Gᵀ` per channel pair (`WinogradWeights`, once per kernel):
///
///     V[ξ](t, ci) = (Bᵀ d_t,ci B)[ξ]                   input transform, per tile and input channel
///     M[ξ](t, co) = Σ_ci V[ξ](t, ci) · U[ξ](ci, co)    α² independent GEMMs (T × Cin) · (Cin × Cout)
///     y_t,co      = relu(Aᵀ M(t, co) A + bias[co])      output transform, m × m pixels at store
///
/// One task is a run of `T` consecutive tiles (numbered over the batch, tile rows, tile columns):
///
///     parallel for chunk in tiles / T                                  dynamic, one atomic counter
///       for t in chunk:  V[·](t, ·) = input transform                   from the image, or a border patch
///       for block in output-channel blocks                               64 channels (AVX-512)
///         for ξ in 0..<α²:  M[ξ] = V[ξ] · U[ξ, block]                   runTiles: T/R tiles of R × width
///         for t in chunk:  output transform into the image               only the tile's real pixels
///
/// Memory is the transformed weights plus, per thread, `V` (`α²·T·Cin` floats), `M` (`α²·T·width`), one border
/// patch (`α²·Cin`) and the transforms' few KiB; there is no transformed copy of the image. `T` keeps `V` within
/// `tileBudget` (about 128 KiB: L2-resident beside the weights of one block, `α²·Cin·width·4` bytes = 576 KiB for
/// 64 → 64 with F(4,3)). Each plane's GEMM streams `Cin × width` weights (16 KiB for 64 → 64) from L2 through L1
/// once per chunk and reuses each for R tiles in registers, like the direct conv's micro-kernel.
///
/// Borders: a patch wholly inside the image is read in place; any other is gathered with the border rule, and
/// patch pixels that only feed outputs past the image's edge are zero (finite, so they cannot spoil the tile's
/// real outputs). Each output depends only on its own tile, so results do not depend on `T` or the thread count.
final class WinogradConv {
    /// V per chunk stays under this many bytes.
    static let tileBudget = 128 * 1024

    private let g: ConvGeometry
    private let kernels: KernelSet
    private let weights: WinogradWeights
    private let input: UnsafePointer<Float>
    private let output: UnsafeMutablePointer<Float>
    private let bias: UnsafePointer<Float>?
    private let m: Int, alpha: Int, planes: Int
    private let tilesY: Int, tilesX: Int, tileCount: Int
    /// Tiles per chunk (a multiple of every block's R).
    private let chunk: Int
    /// Floats between neighbouring planes of V and of M: a chunk's rows plus one cache line, so that the α² planes
    /// a transform touches for one tile do not all fall into the same few L1 sets.
    private let vPlane: Int, mPlane: Int
    /// Per block: the register tile (index into `kernels.shapes`) and its α² GEMM taps (one per plane).
    private let shapes: [Int]
    private let taps: UnsafeMutablePointer<ConvTap>
    private let layout: (v: Int, m: Int, patch: Int, work: Int, bytes: Int)

    var tasks: Int { (tileCount + chunk - 1) / chunk }

    /// True when F(m×m, 3×3) computes `g`: a 3x3 filter bank (not depthwise) with stride 1 and dilation 1 and at
    /// least `ConvAlgorithm.winogradMinChannels` input channels.
    static func accepts(_ g: ConvGeometry) -> Bool {
        !g.depthwise && g.inChannels >= ConvAlgorithm.winogradMinChannels && g.kernelHeight == 3 && g.kernelWidth == 3 && g.strideY == 1 && g.strideX == 1
            && g.dilationY == 1 && g.dilationX == 1
    }

    init(_ g: ConvGeometry, input: UnsafePointer<Float>, weights: WinogradWeights, bias: UnsafePointer<Float>?,
         output: UnsafeMutablePointer<Float>, kernels: KernelSet) throws {
        precondition(WinogradConv.accepts(g) && weights.inChannels == g.inChannels)
        (self.g, self.kernels, self.weights, self.input, self.output, self.bias) =
            (g, kernels, weights, input, output, bias)
        m = weights.tile
        alpha = m + 2
        planes = alpha * alpha
        tilesY = (g.outHeight + m - 1) / m
        tilesX = (g.outWidth + m - 1) / m
        tileCount = g.batch * tilesY * tilesX
        // Every tile shape's R divides 12 (see the ISA targets), so chunks are multiples of 12.
        let perTile = planes * g.inChannels * MemoryLayout<Float>.stride
        let chunk = 12 * max(1, min(WinogradConv.tileBudget / (12 * perTile), (tileCount + 11) / 12))
        self.chunk = chunk
        shapes = weights.blocks.map { block in
            let fitting = kernels.shapes.indices.filter {
                kernels.shapes[$0].channels == block.width && chunk % kernels.shapes[$0].pixels == 0
            }
            return fitting.max { kernels.shapes[$0].pixels < kernels.shapes[$1].pixels }!
        }
        taps = .allocate(capacity: weights.blocks.count * planes)
        for (b, block) in weights.blocks.enumerated() {
            for xi in 0..<planes { taps[b * planes + xi] = ConvTap(offset: 0, weights: weights.plane(block, xi)) }
        }
        let widest = weights.blocks.map(\.width).max() ?? 1
        vPlane = chunk * g.inChannels + 16
        mPlane = chunk * widest + 16
        var l = ScratchLayout()
        let v = l.reserve(planes * vPlane, of: Float.self)
        let mm = l.reserve(planes * mPlane, of: Float.self)
        let patch = l.reserve(planes * g.inChannels, of: Float.self)
        let work = l.reserve(planes * kernels.lanes, of: Float.self)
        layout = (v, mm, patch, work, l.bytes)
    }

    deinit { taps.deallocate() }

    /// Computes every output element, on up to `threads` threads.
    func run(threads: Int) throws {
        let scratch = try Scratch(workers: min(threads, tasks), perWorker: layout.bytes)
        WorkerPool.shared.run(threads: threads, tasks: tasks) { task, worker in
            runChunk(task, scratch: scratch.memory(worker))
        }
    }

    // MARK: - One chunk

    private func runChunk(_ task: Int, scratch: UnsafeMutableRawPointer) {
        let first = task * chunk, count = min(chunk, tileCount - first)
        let v = (scratch + layout.v).assumingMemoryBound(to: Float.self)
        let mBuffer = (scratch + layout.m).assumingMemoryBound(to: Float.self)
        let work = scratch + layout.work
        for t in 0..<count { transformInput(tile: first + t, into: v + t * g.inChannels, scratch: scratch) }
        for (b, block) in weights.blocks.enumerated() {
            let shape = shapes[b], r = kernels.shapes[shape].pixels
            for xi in 0..<planes {
                var args = ConvTileArgs(
                    origin: v + xi * vPlane, taps: taps + b * planes + xi, tapCount: 1,
                    inner: g.inChannels, pixelStep: g.inChannels, out: mBuffer + xi * mPlane,
                    outStep: block.width, tiles: chunk / r, accumulate: false, relu: false)
                kernels.tiles(shape, &args)
            }
            for t in 0..<count {
                let (n, ty, tx) = position(first + t)
                let (oy, ox) = (ty * m, tx * m)
                var args = WinogradOutputArgs(
                    source: mBuffer + t * block.width, planeStep: mPlane, channels: block.width,
                    store: block.count, bias: bias.map { $0 + block.first }, relu: g.relu,
                    out: output + ((n * g.outHeight + oy) * g.outWidth + ox) * g.outChannels + block.first,
                    rowStep: g.outWidth * g.outChannels, pixelStep: g.outChannels,
                    rows: min(m, g.outHeight - oy), columns: min(m, g.outWidth - ox), scratch: work)
                kernels.winogradOutput(&args, m)
            }
        }
    }

    /// `(n, ty, tx)` of tile number `t`.
    private func position(_ t: Int) -> (Int, Int, Int) {
        (t / (tilesY * tilesX), t / tilesX % tilesY, t % tilesX)
    }

    /// `V[·](t, ·)` of one tile into `out` (plane `ξ` at `out + ξ·chunk·Cin`).
    private func transformInput(tile t: Int, into out: UnsafeMutablePointer<Float>, scratch: UnsafeMutableRawPointer) {
        let (n, ty, tx) = position(t)
        let cin = g.inChannels
        let y0 = ty * m - g.padTop, x0 = tx * m - g.padLeft
        let image = input + n * g.height * g.width * cin
        var source = UnsafePointer(image + (y0 * g.width + x0) * cin)
        var rowStep = g.width * cin
        if y0 < 0 || x0 < 0 || y0 + alpha > g.height || x0 + alpha > g.width {
            let patch = (scratch + layout.patch).assumingMemoryBound(to: Float.self)
            // Patch rows/columns past `rows + 2` feed only outputs beyond the image: zero.
            let rows = min(m, g.outHeight - ty * m) + 2, columns = min(m, g.outWidth - tx * m) + 2
            for i in 0..<alpha {
                let iy = i < rows ? g.border.source(y0 + i, g.height) : nil
                for j in 0..<alpha {
                    let p = patch + (i * alpha + j) * cin
                    if let iy, j < columns, let ix = g.border.source(x0 + j, g.width) {
                        p.update(from: image + (iy * g.width + ix) * cin, count: cin)
                    } else {
                        p.update(repeating: 0, count: cin)
                    }
                }
            }
            source = UnsafePointer(patch)
            rowStep = alpha * cin
        }
        var args = WinogradInputArgs(source: source, rowStep: rowStep, pixelStep: cin, channels: cin, out: out,
                                     planeStep: vPlane, scratch: scratch + layout.work)
        kernels.winogradInput(&args, m)
    }
}
