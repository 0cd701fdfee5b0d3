/// One register-tile shape an ISA provides: `channels` output channels (V registers) × `pixels` output pixels (R).
public struct TileShape: Sendable, Equatable {
    public let channels: Int
    public let pixels: Int

    public init(channels: Int, pixels: Int) {
        self.channels = channels
        self.pixels = pixels
    }
}

/// The kernels of one instruction set: what the schedules in `Ops` call through, chosen once at run time.
///
/// Every entry is a plain, non-generic function on raw pointers compiled in its ISA's target, so nothing
/// compiled for AVX-512 can leak into code that runs on a CPU without it. `Ops` builds one set per target.
public struct KernelSet: Sendable {
    /// `avx512`, `avx2` or `generic`.
    public let name: String
    /// Floats per register.
    public let lanes: Int
    /// Register tiles, widest first, each width in one or more pixel counts; `tiles(shape, args)` takes an index
    /// into this list.
    public let shapes: [TileShape]
    /// `runTiles` with `shapes[shape]`.
    public let tiles: @Sendable (_ shape: Int, _ args: UnsafePointer<ConvTileArgs>) -> Void
    /// `runDepthwise`.
    public let depthwise: @Sendable (_ args: UnsafePointer<DepthwiseArgs>) -> Void
    /// `runDepthwisePair`.
    public let depthwisePair: @Sendable (_ first: UnsafePointer<DepthwiseArgs>, _ second: UnsafePointer<DepthwiseArgs>,
                                         _ tapsPerRow: Int) -> Void
    /// `runRelu`.
    public let relu: @Sendable (_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>,
                                _ count: Int, _ stream: Bool) -> Void
    /// `runMaxPool`.
    public let maxPool: @Sendable (_ args: UnsafePointer<PoolArgs>) -> Void
    /// `runElementwise`: one tile of a fused element-wise program (every op of `ElementwiseCode`).
    public let elementwise: @Sendable (_ args: UnsafePointer<ElementwiseArgs>) -> Void
    /// `runWinogradInput` for tile size `m` (4 or 6).
    public let winogradInput: @Sendable (_ args: UnsafePointer<WinogradInputArgs>, _ m: Int) -> Void
    /// `runWinogradOutput` for tile size `m` (4 or 6).
    public let winogradOutput: @Sendable (_ args: UnsafePointer<WinogradOutputArgs>, _ m: Int) -> Void

    public init(name: String, lanes: Int, shapes: [TileShape],
                tiles: @escaping @Sendable (Int, UnsafePointer<ConvTileArgs>) -> Void,
                depthwise: @escaping @Sendable (UnsafePointer<DepthwiseArgs>) -> Void,
                depthwisePair: @escaping @Sendable (UnsafePointer<DepthwiseArgs>, UnsafePointer<DepthwiseArgs>, Int)
                    -> Void,
                relu: @escaping @Sendable (UnsafePointer<Float>, UnsafeMutablePointer<Float>, Int, Bool) -> Void,
                maxPool: @escaping @Sendable (UnsafePointer<PoolArgs>) -> Void,
                elementwise: @escaping @Sendable (UnsafePointer<ElementwiseArgs>) -> Void,
                winogradInput: @escaping @Sendable (UnsafePointer<WinogradInputArgs>, Int) -> Void,
                winogradOutput: @escaping @Sendable (UnsafePointer<WinogradOutputArgs>, Int) -> Void) {
        (self.name, self.lanes, self.shapes, self.tiles) = (name, lanes, shapes, tiles)
        (self.depthwise, self.depthwisePair, self.relu, self.maxPool) = (depthwise, depthwisePair, relu, maxPool)
        self.elementwise = elementwise
        (self.winogradInput, self.winogradOutput) = (winogradInput, winogradOutput)
    }
}
