import ConvKernels

// NOTE: this target is compiled with `-target-cpu skylake-avx512`. It must not use SIMD4 or SIMD8 (the other
// kernel targets' types): a generic specialisation shared by name between targets could be linked once and
// run AVX-512 code on a CPU without it.

/// One 512-bit register of 16 floats.
struct Lanes16: LaneVector {
    var v: SIMD16<Float>

    @inline(__always) init(_ v: SIMD16<Float>) { self.v = v }
    @inline(__always) static var lanes: Int { 16 }
    @inline(__always) init() { v = SIMD16() }
    @inline(__always) init(repeating value: Float) { v = SIMD16(repeating: value) }
    @inline(__always) init(loading p: UnsafePointer<Float>) {
        v = UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }
    @inline(__always) func store(to p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }
    @inline(__always) func addingProduct(_ a: Lanes16, _ b: Lanes16) -> Lanes16 {
        Lanes16(v.addingProduct(a.v, b.v))
    }
    @inline(__always) func relu() -> Lanes16 { Lanes16(v.replacing(with: 0, where: v .< 0)) }
    @inline(__always) func keepingMax(_ x: Lanes16) -> Lanes16 { Lanes16(v.replacing(with: x.v, where: x.v .>= v)) }
}

// MARK: - Register tiles (32 zmm registers)

/// 6 pixels × 64 channels: 24 accumulators + 4 weight registers + 1 broadcast.
typealias WideTile = InlineArray<6, Block4<Lanes16>>
/// 12 pixels × 32 channels: 24 accumulators + 2 weight registers + 1 broadcast.
typealias MidTile = InlineArray<12, Block2<Lanes16>>
/// 12 pixels × 16 channels: 12 accumulators + 1 weight register + 1 broadcast.
typealias NarrowTile = InlineArray<12, Block1<Lanes16>>

// MARK: - Entry points

func avx512Tiles(_ shape: Int, _ args: UnsafePointer<ConvTileArgs>) {
    switch shape {
    case 0: runTiles(args, WideTile.self)
    case 1: runTiles(args, MidTile.self)
    default: runTiles(args, NarrowTile.self)
    }
}

func avx512Depthwise(_ args: UnsafePointer<DepthwiseArgs>) { runDepthwise(args, Lanes16.self) }

func avx512Relu(_ source: UnsafePointer<Float>, _ destination: UnsafeMutablePointer<Float>, _ count: Int) {
    runRelu(source, destination, count, Lanes16.self)
}

func avx512MaxPool(_ args: UnsafePointer<PoolArgs>) { runMaxPool(args, Lanes16.self) }

/// The AVX-512 kernels; call only on a CPU with AVX-512 F/BW/DQ/VL and ZMM state enabled.
public let avx512Kernels = KernelSet(
    name: "avx512", lanes: 16,
    shapes: [TileShape(channels: 64, pixels: 6), TileShape(channels: 32, pixels: 12),
             TileShape(channels: 16, pixels: 12)],
    tiles: avx512Tiles, depthwise: avx512Depthwise, relu: avx512Relu, maxPool: avx512MaxPool)
