/// One kernel tap as the micro-kernel sees it: where its input starts and where its packed weights start.
///
/// `offset` counts floats from the tile's input origin; `weights` points at `inner` consecutive blocks of
/// `TileBlock.width` floats (one per input channel, or per `(kx, ci)` when the taps of a kernel row are merged).
public struct ConvTap {
    public var offset: Int
    public var weights: UnsafePointer<Float>

    @inlinable public init(offset: Int, weights: UnsafePointer<Float>) {
        self.offset = offset
        self.weights = weights
    }
}

/// Everything a run of register tiles along one output row needs; built by the schedule, read by `runTiles`.
///
/// Tile `t` reads input from `origin + t·R·pixelStep` and writes `R` pixels of `TileBlock.width` channels to
/// `out + t·R·outStep`, pixel `r` at `out + r·outStep`.
public struct ConvTileArgs {
    /// Input of the first tile's first pixel, before any tap offset.
    public var origin: UnsafePointer<Float>
    public var taps: UnsafePointer<ConvTap>
    public var tapCount: Int
    /// Multiply-adds per tap and pixel: `Cin` (or an input-channel block), or `kw·Cin` for merged taps.
    public var inner: Int
    /// Floats between the inputs of neighbouring output pixels: `strideX · Cin`.
    public var pixelStep: Int
    public var out: UnsafeMutablePointer<Float>
    /// Floats between neighbouring output pixels: `Cout`, or the block width in a scratch tile.
    public var outStep: Int
    /// Consecutive tiles to compute.
    public var tiles: Int
    /// Start from the values in `out` (a later input-channel block) instead of zero.
    public var accumulate: Bool
    /// Store `max(0, x)` (fused activation; only on the last input-channel block).
    public var relu: Bool

    @inlinable
    public init(origin: UnsafePointer<Float>, taps: UnsafePointer<ConvTap>, tapCount: Int, inner: Int,
                pixelStep: Int, out: UnsafeMutablePointer<Float>, outStep: Int, tiles: Int, accumulate: Bool,
                relu: Bool) {
        (self.origin, self.taps, self.tapCount, self.inner, self.pixelStep) = (origin, taps, tapCount, inner, pixelStep)
        (self.out, self.outStep, self.tiles, self.accumulate, self.relu) = (out, outStep, tiles, accumulate, relu)
    }
}

/// The micro-kernel: `args.tiles` register tiles of `R` output pixels × `B.width` output channels.
///
/// For each tile, with `acc[r]` one block of registers per pixel:
///
///     acc[r] = accumulate ? out[r] : 0                                   r < R
///     for tap in taps, j in 0..<inner:                                   (ky, kx, ci) in packed order
///         w = weights(tap)[j]                                            one block load
///         acc[r] += x(origin + tap.offset + r·pixelStep + j) · w         R broadcasts, R·V FMAs
///     out[r] = relu ? max(0, acc[r]) : acc[r]
///
/// No threads, no allocation, no bounds checks: the schedule guarantees every address is inside the input (or a
/// border patch) and the output (or a scratch tile). `InlineArray<R, B>` is unrolled into `R·V` registers.
@inlinable @inline(__always)
public func runTiles<B: TileBlock, let R: Int>(_ args: UnsafePointer<ConvTileArgs>, _: InlineArray<R, B>.Type) {
    let a = args.pointee
    var origin = a.origin
    var out = a.out
    for _ in 0..<a.tiles {
        var acc = InlineArray<R, B>(repeating: B())
        if a.accumulate {
            for r in 0..<R { acc[r] = B(loading: out + r &* a.outStep) }
        }
        for t in 0..<a.tapCount {
            let tap = a.taps[t]
            var x = origin + tap.offset
            var w = tap.weights
            for _ in 0..<a.inner {
                let wv = B(loading: w)
                for r in 0..<R { acc[r].multiplyAdd(x[r &* a.pixelStep], wv) }
                x += 1
                w += B.width
            }
        }
        for r in 0..<R { acc[r].store(to: out + r &* a.outStep, relu: a.relu) }
        origin += R &* a.pixelStep
        out += R &* a.outStep
    }
}
