import ConvKernels

// NOTE: this target is compiled with `-target-cpu haswell`. It must not use SIMD4 or SIMD16 (the other kernel
// targets' types): a generic specialisation shared by name between targets could be linked once and run AVX2
// code on a CPU without it.

/// One 256-bit register of 8 floats.
struct Lanes8: LaneVector {
    var v: SIMD8<Float>

    @inline(__always) init(_ v: SIMD8<Float>) { self.v = v }
    @inline(__always) static var lanes: Int { 8 }
    @inline(__always) init() { v = SIMD8() }
    @inline(__always) init(repeating value: Float) { v = SIMD8(repeating: value) }
    @inline(__always) init(loading p: UnsafePointer<Float>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }
    @inline(__always) func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }
    @inline(__always) func addingProduct(_ a: Lanes8, _ b: Lanes8) -> Lanes8 { Lanes8(v.addingProduct(a.v, b.v)) }
    @inline(__always) func relu() -> Lanes8 { Lanes8(v.replacing(with: 0, where: v .< 0)) }
    @inline(__always) func keepingMax(_ x: Lanes8) -> Lanes8 { Lanes8(v.replacing(with: x.v, where: x.v .>= v)) }
}

// MARK: - Register tiles (16 ymm registers)

/// 6 pixels × 16 channels: 12 accumulators + 2 weight registers + 1 broadcast.
typealias WideTile = InlineArray<6, Block2<Lanes8>>
/// 12 pixels × 8 channels: 12 accumulators + 1 weight register + 1 broadcast.
typealias NarrowTile = InlineArray<12, Block1<Lanes8>>

// MARK: - Entry points

func avx2Tiles(_ shape: Int, _ args: UnsafePointer<ConvTileArgs>) {
    switch shape {
    case 0: runTiles(args, WideTile.self)
    default: runTiles(args, NarrowTile.self)
    }
}

func avx2Depthwise(_ args: UnsafePointer<DepthwiseArgs>) { runDepthwise(args, Lanes8.self) }

func avx2Relu(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int) {
    runRelu(source, destination, count, Lanes8.self)
}

func avx2MaxPool(_ args: UnsafePointer<PoolArgs>) { runMaxPool(args, Lanes8.self) }

/// The AVX2 + FMA kernels; call only on a CPU with them (Haswell and later) and YMM state enabled.
public let avx2Kernels = KernelSet(
    name: "avx2", lanes: 8,
    shapes: [TileShape(channels: 16, pixels: 6), TileShape(channels: 8, pixels: 12)],
    tiles: avx2Tiles, depthwise: avx2Depthwise, relu: avx2Relu, maxPool: avx2MaxPool)
